"""PAdES baseline-B signatures with a visible stamp (pyHanko).

The report builder reserves a box on the sign-off page and hands us the page
index and the box; we add the signature field there and sign the whole file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditdesk.signing.errors import PdfSigningError
from auditdesk.signing.keystore import SigningIdentity
from auditdesk.signing.pyhanko_bridge import asn1_certificate, asn1_private_key

DEFAULT_FIELD_NAME = "AuditorSignature"


@dataclass(frozen=True)
class StampPlacement:
    """Where the visible stamp goes.

    ``page_index`` counts from 0; a negative index counts from the end (-1 = last
    page). ``box`` is ``(x1, y1, x2, y2)`` in PDF points from the page's
    bottom-left corner, as reportlab draws.
    """

    page_index: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class StampLabels:
    """The stamp's fixed words, so the report can put them in its own language."""

    heading: str = "Digitally signed by"
    time_label: str = "Date:"


def _stamp_template(labels: StampLabels) -> str:
    def literal(text: str) -> str:
        return text.replace("%", "%%")  # the template is %-interpolated by pyHanko

    return f"{literal(labels.heading)}\n%(signer)s\n%(org)s\n{literal(labels.time_label)} %(ts)s"


def _integer_box(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x1, y1, x2, y2 = (round(v) for v in box)
    if x2 - x1 < 10 or y2 - y1 < 10:
        raise PdfSigningError(
            f"the signature box {box} must be at least 10 points wide and high (x1 < x2, y1 < y2)"
        )
    return x1, y1, x2, y2


def sign_pdf(
    pdf: bytes | Path,
    identity: SigningIdentity,
    *,
    stamp: StampPlacement,
    field_name: str = DEFAULT_FIELD_NAME,
    labels: StampLabels | None = None,
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """The PDF with a PAdES baseline-B signature by ``identity`` and its visible stamp.

    The stamp shows the signer's name, organisation and the signing time (UTC).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    source = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    where = str(pdf) if isinstance(pdf, Path) else "the PDF"
    box = _integer_box(stamp.box)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(source), strict=False)
        page_count = int(writer.root["/Pages"]["/Count"])
    except (PdfError, KeyError, ValueError) as error:
        raise PdfSigningError(f"{where}: not a readable PDF ({error})") from None
    if not -page_count <= stamp.page_index < page_count:
        raise PdfSigningError(
            f"{where}: no page {stamp.page_index} for the signature stamp "
            f"(the document has {page_count} pages)"
        )

    # pyhanko-certvalidator's store constructor is untyped: go through Any.
    store_class: Any = SimpleCertificateStore
    registry = store_class()
    registry.register_multiple([asn1_certificate(c) for c in identity.chain])
    signer = signers.SimpleSigner(
        signing_cert=asn1_certificate(identity.certificate),
        signing_key=asn1_private_key(identity.key),
        cert_registry=registry,
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    style = TextStampStyle(
        stamp_text=_stamp_template(labels or StampLabels()),
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        border_width=1,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=stamp.page_index, box=box),
    )
    output = io.BytesIO()
    try:
        pdf_signer.sign_pdf(
            writer,
            output=output,
            appearance_text_params={"signer": identity.name, "org": identity.organisation},
        )
    except (PdfError, PyHankoSigningError) as error:
        raise PdfSigningError(f"{where}: could not be signed ({error})") from None
    return output.getvalue()
