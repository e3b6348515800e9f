"""What can go wrong with signing keys and signatures, in words a user can act on.

Messages never carry a passphrase: the passphrase is only ever passed to the
cryptography library and never formatted into text.
"""

from __future__ import annotations


class SigningError(Exception):
    """Base for every signing problem shown to the user as a plain message."""


class WrongPassphraseError(SigningError):
    """The passphrase does not open the encrypted key."""

    def __init__(self, what: str = "the signing key") -> None:
        super().__init__(f"wrong passphrase for {what}")


class NoIdentityError(SigningError):
    """The key store holds no signing identity yet."""


class IdentityExistsError(SigningError):
    """A signing identity is already active and replacing it was not asked for."""


class CertificateMismatchError(SigningError):
    """A certificate does not belong to the key it is meant to go with."""


class InvalidCertificateFileError(SigningError):
    """A PEM/DER/PKCS#12/CSR file could not be read."""


class PassphrasePolicyError(SigningError):
    """A new passphrase is too weak to protect a signing key."""


class PdfSigningError(SigningError):
    """The PDF could not be signed (unreadable PDF, bad page or box)."""
