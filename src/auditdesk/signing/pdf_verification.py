"""Is this PDF what its signer signed, and do we trust the signer? (pyHanko)"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from auditdesk.signing.pyhanko_bridge import (
    quiet_library_logging,
    result_from_cms_status,
    signer_key_usage,
    validation_context,
)
from auditdesk.signing.results import VerificationResult, VerificationStatus, worst_of
from auditdesk.signing.trust import TrustRoots


def verify_pdf(pdf: Path | bytes, trust_roots: TrustRoots) -> VerificationResult:
    """Verify every signature in the PDF; the worst one decides.

    VALID needs each signature intact, covering the document (later additions
    limited to further signatures or validation data) and chaining to one of
    ``trust_roots``.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    quiet_library_logging()
    if isinstance(pdf, Path):
        try:
            data = pdf.read_bytes()
        except OSError as error:
            return VerificationResult(
                VerificationStatus.INVALID, detail=f"cannot read the file ({error.strerror})"
            )
    else:
        data = pdf
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = [s for s in reader.embedded_signatures if s.sig_object_type == "/Sig"]
    except (PdfError, ValueError, KeyError, TypeError) as error:
        return VerificationResult(
            VerificationStatus.INVALID, detail=f"not a readable PDF ({error})"
        )
    if not embedded:
        return VerificationResult(VerificationStatus.UNSIGNED, detail="no signature in the PDF")
    return worst_of([_verify_one(signature, trust_roots) for signature in embedded])


def _verify_one(signature: Any, trust_roots: TrustRoots) -> VerificationResult:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError

    try:
        status = validate_pdf_signature(
            signature,
            signer_validation_context=validation_context(trust_roots),
            key_usage_settings=signer_key_usage(),
        )
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as error:
        # A damaged signature dictionary or CMS blob: nothing can be concluded.
        return VerificationResult(
            VerificationStatus.INVALID,
            detail=f"signature '{signature.field_name}' cannot be checked ({error})",
        )
    result = result_from_cms_status(status)
    if result.status in (VerificationStatus.VALID, VerificationStatus.UNTRUSTED):
        problem = _coverage_problem(status)
        if problem:
            return dataclasses.replace(result, status=VerificationStatus.MODIFIED, detail=problem)
    return result


def _coverage_problem(status: Any) -> str | None:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return "the signature does not cover the whole document"
    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE or level in (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
        # Adding a second signature (a countersignature) is "form filling".
        ModificationLevel.FORM_FILLING,
    ):
        return None
    return "content was changed or added after signing"
