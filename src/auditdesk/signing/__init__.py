"""Signing identities, PDF signatures and workbook manifests (pyHanko and cryptography).

Public API (importing this package does not import pyHanko; the functions that
need it import it when called):

- identities: :class:`KeyStore`, :class:`SigningIdentity`, :class:`CertificateAuthority`
- PDFs: :func:`sign_pdf` with :class:`StampPlacement`, :func:`verify_pdf`
- workbooks: :func:`sign_manifest`, :func:`verify_manifest`, :class:`SignedManifest`
- verdicts: :class:`VerificationStatus`, :class:`VerificationResult`, :func:`verify_file`
- trust: :func:`trust_roots` (``--trust`` files plus the key store's CAs)
"""

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
