"""The auditor's key store: one active signing identity, earlier ones kept as retired.

Layout of the store folder (``<user config>/keys`` by default)::

    signing-key.p12     the private key alone, sealed by the passphrase (owner-only)
    certificate.pem     the auditor's certificate (self-signed or CA-issued)
    chain.pem           issuing CA certificates, if any
    retired/<UTC time>/ the same three files of identities replaced later

Certificates are stored in the clear so that ``keys show`` and verification never
need the passphrase.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from auditdesk import paths
from auditdesk.signing.certificates import (
    CertificateSummary,
    SigningKey,
    check_key_matches,
    common_name,
    ensure_supported_key,
    is_ca,
    new_signing_key,
    organisation,
    parse_certificates,
    pem_bytes,
    readable_subject,
    self_signed_certificate,
    signing_request,
    subject_name,
)
from auditdesk.signing.errors import (
    CertificateMismatchError,
    IdentityExistsError,
    InvalidCertificateFileError,
    NoIdentityError,
    WrongPassphraseError,
)
from auditdesk.signing.keyfiles import (
    check_new_passphrase,
    open_sealed_key,
    read_file,
    seal_key,
    write_private,
    write_public,
)

KEY_FILE = "signing-key.p12"
CERT_FILE = "certificate.pem"
CHAIN_FILE = "chain.pem"
RETIRED_DIR = "retired"


def default_keystore_dir() -> Path:
    return paths.user_config_dir() / "keys"


@dataclass(frozen=True)
class SigningIdentity:
    """A private key in memory with its certificate and issuing chain."""

    key: SigningKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def subject(self) -> str:
        return readable_subject(self.certificate.subject)

    @property
    def name(self) -> str:
        return common_name(self.certificate.subject) or self.subject

    @property
    def organisation(self) -> str:
        return organisation(self.certificate.subject) or ""

    def csr_pem(self) -> bytes:
        """A certificate request for this key and subject, to send to the NGO's CA."""
        request = signing_request(self.key, self.certificate.subject)
        return request.public_bytes(serialization.Encoding.PEM)

    def __repr__(self) -> str:  # never let a debugger print the key object's internals
        return f"SigningIdentity({self.subject!r})"


@dataclass(frozen=True)
class StoredIdentity:
    summary: CertificateSummary
    active: bool
    directory: Path


class KeyStore:
    """The folder holding the auditor's signing identity."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_keystore_dir()

    # -- reading -------------------------------------------------------------

    def has_identity(self) -> bool:
        return (self.directory / KEY_FILE).is_file() and (self.directory / CERT_FILE).is_file()

    def certificate(self) -> x509.Certificate:
        if not self.has_identity():
            raise NoIdentityError(
                f"no signing identity in {self.directory}; "
                "create one with 'auditdesk keys new' or 'auditdesk keys import'"
            )
        return _read_certs(self.directory / CERT_FILE)[0]

    def chain(self) -> list[x509.Certificate]:
        return _read_optional_certs(self.directory / CHAIN_FILE)

    def load(self, passphrase: str) -> SigningIdentity:
        """The active identity with its key decrypted; raises WrongPassphraseError."""
        certificate = self.certificate()
        key = open_sealed_key(read_file(self.directory / KEY_FILE, what="signing key"), passphrase)
        check_key_matches(key, certificate)
        return SigningIdentity(key, certificate, tuple(self.chain()))

    def identities(self) -> list[StoredIdentity]:
        found = []
        if self.has_identity():
            summary = CertificateSummary.of(self.certificate())
            found.append(StoredIdentity(summary, True, self.directory))
        retired = self.directory / RETIRED_DIR
        if retired.is_dir():
            for folder in sorted(retired.iterdir(), reverse=True):
                cert_file = folder / CERT_FILE
                if cert_file.is_file():
                    cert = _read_certs(cert_file)[0]
                    found.append(StoredIdentity(CertificateSummary.of(cert), False, folder))
        return found

    def trust_anchors(self) -> list[x509.Certificate]:
        """CA certificates that issued this store's identities, active or retired.

        The auditor's own certificates are deliberately not included: a bare
        self-signed certificate is trusted only when a verifier passes it explicitly.
        """
        anchors: dict[bytes, x509.Certificate] = {}
        folders = [self.directory]
        retired = self.directory / RETIRED_DIR
        if retired.is_dir():
            folders.extend(sorted(retired.iterdir()))
        for folder in folders:
            for cert in _read_optional_certs(folder / CHAIN_FILE):
                if is_ca(cert):
                    anchors[cert.public_bytes(serialization.Encoding.DER)] = cert
        return list(anchors.values())

    # -- writing -------------------------------------------------------------

    def create(
        self, *, name: str, org: str, email: str, passphrase: str, replace: bool = False
    ) -> SigningIdentity:
        """A new key and self-signed certificate, sealed with ``passphrase``."""
        check_new_passphrase(passphrase)
        subject = subject_name(name=name, org=org, email=email)
        self._make_room(replace)
        key = new_signing_key()
        certificate = self_signed_certificate(key, subject)
        self._write(key, certificate, [], passphrase)
        return SigningIdentity(key, certificate)

    def import_pkcs12(
        self,
        data: bytes,
        *,
        p12_passphrase: str,
        passphrase: str,
        source: str,
        replace: bool = False,
    ) -> SigningIdentity:
        """Take over a key and certificate issued by any CA (a .p12/.pfx file)."""
        check_new_passphrase(passphrase)
        try:
            key, certificate, others = pkcs12.load_key_and_certificates(
                data, p12_passphrase.encode("utf-8") if p12_passphrase else None
            )
        except ValueError:
            raise WrongPassphraseError(f"{source} (or it is not a PKCS#12 file)") from None
        if key is None or certificate is None:
            raise InvalidCertificateFileError(
                f"{source}: the file must hold both a private key and its certificate"
            )
        signing_key = ensure_supported_key(key, source=source)
        check_key_matches(signing_key, certificate)
        self._make_room(replace)
        self._write(signing_key, certificate, list(others), passphrase)
        return SigningIdentity(signing_key, certificate, tuple(others))

    def install_certificate(self, data: bytes, *, source: str) -> CertificateSummary:
        """Put a CA-issued certificate (and its chain) beside the active key.

        The file may hold the auditor's certificate and its issuers in any order;
        the one for our key becomes the certificate, the rest the chain.
        """
        current = self.certificate()
        certs = parse_certificates(data, source=source)
        current_key = _public_der(current)
        own = [c for c in certs if _public_der(c) == current_key]
        if not own:
            raise CertificateMismatchError(
                f"{source}: none of its certificates is for the key in {self.directory} "
                f"({readable_subject(current.subject)})"
            )
        certificate = own[0]
        chain = [c for c in certs if _public_der(c) != current_key]
        if not chain and certificate.issuer != certificate.subject:
            chain = [c for c in self.chain() if c.subject == certificate.issuer]
        _check_issued_by_chain(certificate, chain, source=source)
        write_public(self.directory / CERT_FILE, pem_bytes([certificate]))
        _write_chain(self.directory / CHAIN_FILE, chain)
        return CertificateSummary.of(certificate)

    def check_can_create(self, *, replace: bool) -> None:
        """Raise IdentityExistsError unless a new identity may take the active place."""
        if self.has_identity() and not replace:
            raise IdentityExistsError(
                "a signing identity already exists "
                f"({readable_subject(self.certificate().subject)}); "
                "use --replace to retire it and make a new one"
            )

    def _make_room(self, replace: bool) -> None:
        self.check_can_create(replace=replace)
        if not self.has_identity():
            return
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.directory / RETIRED_DIR / stamp
        target.mkdir(parents=True)
        for file_name in (KEY_FILE, CERT_FILE, CHAIN_FILE):
            if (self.directory / file_name).exists():
                os.replace(self.directory / file_name, target / file_name)

    def _write(
        self,
        key: SigningKey,
        certificate: x509.Certificate,
        chain: list[x509.Certificate],
        passphrase: str,
    ) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)
        sealed = seal_key(key, passphrase, friendly_name=readable_subject(certificate.subject))
        write_private(self.directory / KEY_FILE, sealed)
        write_public(self.directory / CERT_FILE, pem_bytes([certificate]))
        _write_chain(self.directory / CHAIN_FILE, chain)


def _check_issued_by_chain(
    certificate: x509.Certificate, chain: list[x509.Certificate], *, source: str
) -> None:
    issuers = [c for c in chain if c.subject == certificate.issuer]
    if not issuers:
        return  # the chain may be completed by the verifier's trust roots
    for issuer in issuers:
        try:
            certificate.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return
    raise CertificateMismatchError(
        f"{source}: the certificate was not signed by the CA certificate that came with it"
    )


def _public_der(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _write_chain(path: Path, chain: list[x509.Certificate]) -> None:
    if chain:
        write_public(path, pem_bytes(chain))
    elif path.exists():
        path.unlink()


def _read_certs(path: Path) -> list[x509.Certificate]:
    return parse_certificates(read_file(path, what="certificate"), source=str(path))


def _read_optional_certs(path: Path) -> list[x509.Certificate]:
    return _read_certs(path) if path.is_file() else []


__all__ = [
    "KeyStore",
    "SigningIdentity",
    "StoredIdentity",
    "default_keystore_dir",
]
