"""One entry point for ``auditdesk verify`` and the GUI: pick the verifier by file type.

Verifiers are registered as ``"module:function"`` names and imported on first use:
the workbook verifier lives in ``auditdesk.export`` (which itself calls this
package to sign), so naming it here instead of importing it keeps the packages
free of an import cycle, and a build without it says so instead of faking a result.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from auditdesk.signing.results import VerificationResult, VerificationStatus
from auditdesk.signing.trust import TrustRoots

FileVerifier = Callable[[Path, TrustRoots], VerificationResult]

_VERIFIERS: dict[str, str] = {
    ".pdf": "auditdesk.signing.pdf_verification:verify_pdf",
    ".xlsx": "auditdesk.export.workbook_verify:verify_workbook",
}
_KIND = {".pdf": "PDF", ".xlsx": "workbook"}


def register_verifier(suffix: str, target: str) -> None:
    """Route files ending in ``suffix`` to ``"package.module:function"``."""
    if ":" not in target:
        raise ValueError(f"verifier target {target!r} must read 'module:function'")
    _VERIFIERS[suffix.lower()] = target


def supported_suffixes() -> list[str]:
    return sorted(_VERIFIERS)


def _resolve(target: str) -> FileVerifier | None:
    module_name, _, function_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        # Only "this verifier is not in the build" is an expected absence; a
        # missing dependency inside an existing module is a real bug to surface.
        if error.name is not None and (
            module_name == error.name or module_name.startswith(error.name + ".")
        ):
            return None
        raise
    function = getattr(module, function_name, None)
    return function if callable(function) else None


def verify_file(path: Path, trust_roots: TrustRoots) -> VerificationResult:
    """Verify one exported file against ``trust_roots``."""
    suffix = path.suffix.lower()
    target = _VERIFIERS.get(suffix)
    if target is None:
        known = ", ".join(supported_suffixes())
        return VerificationResult(
            VerificationStatus.INVALID,
            detail=f"cannot verify '{suffix or path.name}' files (only {known})",
        )
    if not path.is_file():
        return VerificationResult(VerificationStatus.INVALID, detail="file not found")
    verifier = _resolve(target)
    if verifier is None:
        kind = _KIND.get(suffix, suffix)
        return VerificationResult(
            VerificationStatus.INVALID, detail=f"{kind} verification not available in this build"
        )
    return verifier(path, trust_roots)


def describe(path: Path | str, result: VerificationResult) -> str:
    """The one line ``auditdesk verify`` prints for a file."""
    signer = f"signed by {result.signer_subject}" if result.signer_subject else ""
    when = f", {result.signing_time:%Y-%m-%d %H:%M %Z}" if result.signing_time else ""

    def joined(*parts: str) -> str:
        text = "; ".join(p for p in parts if p)
        return f" ({text})" if text else ""

    status = result.status
    if status is VerificationStatus.VALID:
        return f"{path}: valid and unmodified{joined(signer + when)}"
    if status is VerificationStatus.MODIFIED:
        return f"{path}: modified after signing{joined(result.detail, signer)}"
    if status is VerificationStatus.UNTRUSTED:
        who = result.signer_subject or "unknown signer"
        return f"{path}: signed by an untrusted certificate{joined(who, result.detail)}"
    if status is VerificationStatus.UNSIGNED:
        return f"{path}: unsigned{joined(result.detail)}"
    return f"{path}: cannot be verified{joined(result.detail)}"
