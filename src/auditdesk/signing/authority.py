"""A small certificate authority an NGO runs for its own auditors.

Verifiers then trust the NGO's root once instead of each auditor's certificate.
Layout of the CA folder::

    ca-key.p12        the CA's private key, sealed by the CA passphrase (owner-only)
    ca.pem            the root certificate to hand to verifiers (``--trust ca.pem``)
    issued/<serial>.pem  a copy of every certificate issued, for the NGO's records
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from auditdesk.signing.certificates import (
    AUDITOR_CERT_DAYS,
    CertificateSummary,
    ca_certificate,
    check_key_matches,
    issue_certificate,
    new_signing_key,
    parse_certificates,
    parse_csr,
    pem_bytes,
    subject_name,
)
from auditdesk.signing.errors import IdentityExistsError, InvalidCertificateFileError
from auditdesk.signing.keyfiles import (
    check_new_passphrase,
    open_sealed_key,
    read_file,
    seal_key,
    write_private,
    write_public,
)

CA_KEY_FILE = "ca-key.p12"
CA_CERT_FILE = "ca.pem"
ISSUED_DIR = "issued"


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: x509.Certificate
    ca_certificate: x509.Certificate

    def pem_with_chain(self) -> bytes:
        """The auditor's certificate followed by the CA root: what ``keys install-cert`` reads."""
        return pem_bytes([self.certificate, self.ca_certificate])


class CertificateAuthority:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def certificate_path(self) -> Path:
        return self.directory / CA_CERT_FILE

    def exists(self) -> bool:
        return (self.directory / CA_KEY_FILE).is_file()

    def check_absent(self) -> None:
        if self.exists():
            raise IdentityExistsError(f"{self.directory} already holds a certificate authority")

    def init(self, *, name: str, org: str, passphrase: str) -> CertificateSummary:
        check_new_passphrase(passphrase)
        self.check_absent()
        subject = subject_name(name=name, org=org)
        key = new_signing_key()
        certificate = ca_certificate(key, subject)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)
        write_private(self.directory / CA_KEY_FILE, seal_key(key, passphrase, friendly_name=name))
        write_public(self.certificate_path, pem_bytes([certificate]))
        return CertificateSummary.of(certificate)

    def certificate(self) -> x509.Certificate:
        if not self.exists():
            raise InvalidCertificateFileError(
                f"{self.directory}: no certificate authority here (run 'auditdesk keys ca init')"
            )
        data = read_file(self.certificate_path, what="CA certificate")
        return parse_certificates(data, source=str(self.certificate_path))[0]

    def issue(
        self, csr_data: bytes, *, passphrase: str, source: str, days: int = AUDITOR_CERT_DAYS
    ) -> IssuedCertificate:
        """Sign an auditor's certificate request; raises WrongPassphraseError."""
        ca_cert = self.certificate()
        csr = parse_csr(csr_data, source=source)
        key = open_sealed_key(
            read_file(self.directory / CA_KEY_FILE, what="CA key"),
            passphrase,
            what="the CA key",
        )
        check_key_matches(key, ca_cert)
        certificate = issue_certificate(csr, ca_key=key, ca_cert=ca_cert, days=days)
        record = self.directory / ISSUED_DIR / f"{certificate.serial_number:x}.pem"
        write_public(record, certificate.public_bytes(serialization.Encoding.PEM))
        return IssuedCertificate(certificate, ca_cert)
