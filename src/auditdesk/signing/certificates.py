"""X.509 building blocks (cryptography): keys, names, certificates, CSRs.

Auditor keys are EC P-256 with SHA-256: pyHanko signs and validates them, and
poppler's ``pdfsig`` (NSS) verifies them; keys are generated in milliseconds
(RSA-3072 takes about half a second) and signatures stay small.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from auditdesk.signing.errors import CertificateMismatchError, InvalidCertificateFileError

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
"""Key types whose signatures both pyHanko and poppler's pdfsig accept."""

AUDITOR_CERT_DAYS = 2 * 365
CA_CERT_DAYS = 10 * 365
# Clock skew between the signer's laptop and the verifier's must not make a
# fresh certificate "not yet valid".
_BACKDATE = dt.timedelta(minutes=10)


def new_signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def ensure_supported_key(key: object, *, source: str) -> SigningKey:
    if isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        return key
    raise InvalidCertificateFileError(
        f"{source}: the key is {type(key).__name__}; only EC and RSA keys can sign reports"
    )


def subject_name(*, name: str, org: str, email: str | None = None) -> x509.Name:
    for label, value in (("name", name), ("organisation", org)):
        if not value.strip():
            raise InvalidCertificateFileError(f"the {label} of a certificate may not be empty")
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org.strip()),
    ]
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email.strip()))
    return x509.Name(attributes)


def _signer_key_usage() -> x509.KeyUsage:
    # digitalSignature + nonRepudiation ("content commitment"): what PAdES
    # validators (pyHanko by default) expect on a document signer.
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _ca_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _email_of(name: x509.Name) -> str | None:
    values = name.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)
    return str(values[0].value) if values else None


def _base_builder(
    subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
    days: int,
) -> x509.CertificateBuilder:
    if days < 1:
        raise InvalidCertificateFileError(
            f"a certificate must be valid for at least one day, not {days}"
        )
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _with_signer_extensions(
    builder: x509.CertificateBuilder, subject: x509.Name
) -> x509.CertificateBuilder:
    builder = builder.add_extension(
        x509.BasicConstraints(ca=False, path_length=None), critical=True
    ).add_extension(_signer_key_usage(), critical=True)
    email = _email_of(subject)
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    return builder


def self_signed_certificate(
    key: SigningKey, subject: x509.Name, *, days: int = AUDITOR_CERT_DAYS
) -> x509.Certificate:
    """An auditor certificate signed by its own key (trusted only where passed explicitly)."""
    builder = _with_signer_extensions(
        _base_builder(subject, subject, key.public_key(), days), subject
    ).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
    )
    return builder.sign(key, hashes.SHA256())


def ca_certificate(
    key: SigningKey, subject: x509.Name, *, days: int = CA_CERT_DAYS
) -> x509.Certificate:
    """A root that may issue auditor certificates only (path length 0)."""
    builder = (
        _base_builder(subject, subject, key.public_key(), days)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
    )
    return builder.sign(key, hashes.SHA256())


def signing_request(key: SigningKey, subject: x509.Name) -> x509.CertificateSigningRequest:
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    email = _email_of(subject)
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    return builder.sign(key, hashes.SHA256())


def issue_certificate(
    csr: x509.CertificateSigningRequest,
    *,
    ca_key: SigningKey,
    ca_cert: x509.Certificate,
    days: int = AUDITOR_CERT_DAYS,
) -> x509.Certificate:
    """An auditor certificate for the CSR's key and subject.

    The CA decides the extensions: whatever else the request asks for is ignored.
    """
    if not csr.is_signature_valid:
        raise InvalidCertificateFileError(
            "the certificate request is not signed by its own key (damaged or forged)"
        )
    public_key = csr.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise InvalidCertificateFileError(
            f"the certificate request holds a {type(public_key).__name__}; "
            "only EC and RSA keys can sign reports"
        )
    builder = _with_signer_extensions(
        _base_builder(csr.subject, ca_cert.subject, public_key, days), csr.subject
    ).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
    )
    return builder.sign(ca_key, hashes.SHA256())


def same_public_key(key: SigningKey, cert: x509.Certificate) -> bool:
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    return key.public_key().public_bytes(der, spki) == cert.public_key().public_bytes(der, spki)


def check_key_matches(key: SigningKey, cert: x509.Certificate) -> None:
    if not same_public_key(key, cert):
        raise CertificateMismatchError(
            f"the certificate for {readable_subject(cert.subject)} "
            f"(SHA-256 {fingerprint(cert)}) is not for this key"
        )


def is_self_signed(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def is_ca(cert: x509.Certificate) -> bool:
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    return constraints.ca


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def readable_subject(name: x509.Name) -> str:
    """``Common Name, Organisation <email>`` — the words a reader recognises."""

    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    parts = [p for p in (first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)) if p]
    text = ", ".join(parts) if parts else name.rfc4514_string()
    email = _email_of(name)
    return f"{text} <{email}>" if email else text


def common_name(name: x509.Name) -> str | None:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else None


def organisation(name: x509.Name) -> str | None:
    values = name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else None


def key_description(cert: x509.Certificate) -> str:
    public_key = cert.public_key()
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return f"EC {public_key.curve.name}"
    if isinstance(public_key, rsa.RSAPublicKey):
        return f"RSA {public_key.key_size}"
    return type(public_key).__name__


@dataclass(frozen=True)
class CertificateSummary:
    """What ``keys show`` prints and the GUI displays about a certificate."""

    subject: str
    issuer: str
    fingerprint_sha256: str
    not_before: dt.datetime
    not_after: dt.datetime
    key: str
    self_signed: bool

    @classmethod
    def of(cls, cert: x509.Certificate) -> CertificateSummary:
        return cls(
            subject=readable_subject(cert.subject),
            issuer=readable_subject(cert.issuer),
            fingerprint_sha256=fingerprint(cert),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            key=key_description(cert),
            self_signed=is_self_signed(cert),
        )


def pem_bytes(certs: Sequence[x509.Certificate]) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def parse_certificates(data: bytes, *, source: str) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle, or the single certificate of a DER file."""
    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise InvalidCertificateFileError(
            f"{source}: not a PEM or DER certificate file ({error})"
        ) from None
    return certs


def parse_csr(data: bytes, *, source: str) -> x509.CertificateSigningRequest:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_csr(data)
        return x509.load_der_x509_csr(data)
    except ValueError as error:
        raise InvalidCertificateFileError(
            f"{source}: not a certificate signing request ({error})"
        ) from None
