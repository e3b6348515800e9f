"""Private keys at rest: a PKCS#12 file holding only the key, sealed by a passphrase.

PKCS#12 with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) is the one standard
key-at-rest format where cryptography lets us choose the number of KDF rounds;
PEM PKCS#8 only offers OpenSSL's fast default, which a stolen laptop would make
easy to brute-force. ``openssl pkcs12`` can still open the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from auditdesk.signing.certificates import SigningKey, ensure_supported_key
from auditdesk.signing.errors import (
    InvalidCertificateFileError,
    PassphrasePolicyError,
    WrongPassphraseError,
)

# ≈ 50 ms to open on the reference machine: noticeable to an attacker trying
# millions of guesses, not to an auditor signing a report.
KDF_ROUNDS = 300_000
MIN_PASSPHRASE_LENGTH = 8


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphrasePolicyError(
            f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters"
        )


def seal_key(key: SigningKey, passphrase: str, *, friendly_name: str) -> bytes:
    check_new_passphrase(passphrase)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), key, None, None, encryption
    )


def open_sealed_key(data: bytes, passphrase: str, *, what: str = "the signing key") -> SigningKey:
    try:
        key, _cert, _others = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError:
        # cryptography cannot tell a wrong passphrase from a damaged file; the
        # file was written by us, so the passphrase is by far the likelier cause.
        raise WrongPassphraseError(what) from None
    if key is None:
        raise InvalidCertificateFileError(f"{what}: the key file holds no private key")
    return ensure_supported_key(key, source=what)


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def write_public(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def read_file(path: Path, *, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidCertificateFileError(f"{path}: {what} not found") from None
    except OSError as error:
        raise InvalidCertificateFileError(
            f"{path}: cannot read {what} ({error.strerror})"
        ) from None
