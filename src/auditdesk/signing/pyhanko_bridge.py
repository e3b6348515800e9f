"""Between our cryptography objects and pyHanko's asn1crypto world, and back.

Everything here imports pyHanko lazily: ``import pyhanko.sign`` costs about
0.7 s, which start-up and unsigned exports must never pay.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from auditdesk.signing.certificates import SigningKey, readable_subject
from auditdesk.signing.results import VerificationResult, VerificationStatus

if TYPE_CHECKING:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

_LOGGERS_QUIETED = False


def quiet_library_logging() -> None:
    """Keep pyHanko's path-building tracebacks off the terminal of an untrusted check.

    Without any handler configured, Python prints library warnings on stderr; an
    untrusted signer is an ordinary outcome here, reported in our own words.
    Records still reach handlers the application configures.
    """
    global _LOGGERS_QUIETED
    if not _LOGGERS_QUIETED:
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).addHandler(logging.NullHandler())
        _LOGGERS_QUIETED = True


def asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_private_key(key: SigningKey) -> asn1_keys.PrivateKeyInfo:
    from asn1crypto import keys as asn1_keys

    # Unencrypted DER lives only in memory, for the length of one signature.
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def cryptography_certificate(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def validation_context(
    trust_roots: Iterable[x509.Certificate],
    other_certs: Iterable[x509.Certificate] = (),
) -> Any:
    """A pyHanko ValidationContext that trusts exactly ``trust_roots`` and fetches nothing.

    Reports are verified offline: no CRL or OCSP fetching, and a missing
    revocation source is not held against an NGO's small CA ("soft-fail").
    """
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_certificate(c) for c in trust_roots],
        other_certs=[asn1_certificate(c) for c in other_certs],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def signer_key_usage() -> Any:
    """Accept digitalSignature or nonRepudiation: commercial document-signing
    certificates carry one or both."""
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "certificate does not chain to any trusted root",
    "CHAIN_CONSTRAINTS_FAILURE": "certificate is not trusted (self-signed or not allowed to sign)",
    "EXPIRED": "certificate has expired",
    "NOT_YET_VALID": "certificate is not yet valid",
    "REVOKED": "certificate has been revoked",
    "REVOKED_NO_POE": "certificate has been revoked",
    "SIG_CONSTRAINTS_FAILURE": "certificate may not sign documents (key usage)",
}


def result_from_cms_status(status: Any) -> VerificationResult:
    """Map a pyHanko signature status to our verdict (integrity first, then trust)."""
    signer_cert = cryptography_certificate(status.signing_cert)
    signer = readable_subject(signer_cert.subject)
    signing_time = getattr(status, "signer_reported_dt", None)
    if not status.intact:
        return VerificationResult(
            VerificationStatus.MODIFIED, signer, signing_time,
            "the content does not match the signature",
        )
    if not status.valid:
        return VerificationResult(
            VerificationStatus.MODIFIED, signer, signing_time,
            "the signature value does not verify (signature data altered)",
        )
    if status.trusted:
        return VerificationResult(VerificationStatus.VALID, signer, signing_time, "")
    indication = status.trust_problem_indic
    reason = _TRUST_PROBLEMS.get(
        getattr(indication, "name", ""), "certificate is not trusted"
    )
    if status.revoked:
        reason = _TRUST_PROBLEMS["REVOKED"]
    return VerificationResult(VerificationStatus.UNTRUSTED, signer, signing_time, reason)
