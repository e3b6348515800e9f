"""Which certificates a verifier trusts: files it names plus the key store's CAs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from auditdesk.signing.certificates import parse_certificates
from auditdesk.signing.keyfiles import read_file
from auditdesk.signing.keystore import KeyStore

TrustRoots = Sequence[x509.Certificate]
"""Certificates accepted as anchors of a signer's chain (CA roots or bare signer certs)."""


def load_trust_files(files: Iterable[Path]) -> list[x509.Certificate]:
    """Every certificate in the given PEM bundles or DER files."""
    found: list[x509.Certificate] = []
    for file in files:
        data = read_file(file, what="trust certificate")
        found.extend(parse_certificates(data, source=str(file)))
    return found


def trust_roots(
    files: Iterable[Path] = (), *, keystore: KeyStore | None = None
) -> list[x509.Certificate]:
    """``--trust`` files plus the CA certificates of the user's key store, without duplicates."""
    store = keystore if keystore is not None else KeyStore()
    unique: dict[bytes, x509.Certificate] = {}
    for cert in [*load_trust_files(files), *store.trust_anchors()]:
        unique.setdefault(cert.public_bytes(serialization.Encoding.DER), cert)
    return list(unique.values())
