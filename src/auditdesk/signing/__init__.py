"""Signing identities, PDF signatures and workbook manifests (pyHanko and cryptography).

Public API, importable from this package; names load their module on first use, so
``import auditdesk.signing`` costs nothing and pyHanko is imported only by the
functions that need it:

- identities: :class:`KeyStore`, :class:`SigningIdentity`, :class:`CertificateAuthority`
- PDFs: :func:`sign_pdf` with :class:`StampPlacement`, :func:`verify_pdf`
- workbooks: :func:`sign_manifest`, :func:`verify_manifest`, :class:`SignedManifest`
- verdicts: :class:`VerificationStatus`, :class:`VerificationResult`, :func:`verify_file`
- trust: :func:`trust_roots` (``--trust`` files plus the key store's CAs)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditdesk.signing.authority import CertificateAuthority, IssuedCertificate
    from auditdesk.signing.certificates import CertificateSummary
    from auditdesk.signing.errors import SigningError, WrongPassphraseError
    from auditdesk.signing.keystore import KeyStore, SigningIdentity, default_keystore_dir
    from auditdesk.signing.manifest import SignedManifest, sign_manifest, verify_manifest
    from auditdesk.signing.pdf_signing import StampLabels, StampPlacement, sign_pdf
    from auditdesk.signing.pdf_verification import verify_pdf
    from auditdesk.signing.results import VerificationResult, VerificationStatus
    from auditdesk.signing.trust import TrustRoots, load_trust_files, trust_roots
    from auditdesk.signing.verification import describe, register_verifier, verify_file

_HOME = {
    "CertificateAuthority": "authority",
    "IssuedCertificate": "authority",
    "CertificateSummary": "certificates",
    "SigningError": "errors",
    "WrongPassphraseError": "errors",
    "KeyStore": "keystore",
    "SigningIdentity": "keystore",
    "default_keystore_dir": "keystore",
    "SignedManifest": "manifest",
    "sign_manifest": "manifest",
    "verify_manifest": "manifest",
    "StampLabels": "pdf_signing",
    "StampPlacement": "pdf_signing",
    "sign_pdf": "pdf_signing",
    "verify_pdf": "pdf_verification",
    "VerificationResult": "results",
    "VerificationStatus": "results",
    "TrustRoots": "trust",
    "load_trust_files": "trust",
    "trust_roots": "trust",
    "describe": "verification",
    "register_verifier": "verification",
    "verify_file": "verification",
}

__all__ = [
    "CertificateAuthority",
    "CertificateSummary",
    "IssuedCertificate",
    "KeyStore",
    "SignedManifest",
    "SigningError",
    "SigningIdentity",
    "StampLabels",
    "StampPlacement",
    "TrustRoots",
    "VerificationResult",
    "VerificationStatus",
    "WrongPassphraseError",
    "default_keystore_dir",
    "describe",
    "load_trust_files",
    "register_verifier",
    "sign_manifest",
    "sign_pdf",
    "trust_roots",
    "verify_file",
    "verify_manifest",
    "verify_pdf",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
