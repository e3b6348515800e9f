"""Detached CMS signatures over a workbook's manifest (the per-sheet hashes).

This module knows nothing of workbooks: the export code builds the canonical
manifest bytes and stores the :class:`SignedManifest` fields in its hidden sheet.

Signing uses cryptography's PKCS#7 builder (fast, no pyHanko import, so signed
workbook exports stay quick); verification uses pyHanko, exactly as for PDFs.
"""

from __future__ import annotations

import base64
import binascii
import threading
import weakref
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from auditdesk.signing.certificates import parse_certificates, pem_bytes, readable_subject
from auditdesk.signing.errors import InvalidCertificateFileError
from auditdesk.signing.keystore import SigningIdentity
from auditdesk.signing.pyhanko_bridge import (
    quiet_library_logging,
    result_from_cms_status,
    signer_key_usage,
    validation_context,
)
from auditdesk.signing.results import VerificationResult, VerificationStatus
from auditdesk.signing.trust import TrustRoots

_Result = TypeVar("_Result")


@dataclass(frozen=True)
class SignedManifest:
    """A detached CMS (PKCS#7) signature and the certificates to check it, as text."""

    signature_b64: str
    """DER CMS SignedData, detached, base64 (no line breaks)."""
    certificate_pem: str
    """The signer's certificate."""
    chain_pem: str = ""
    """Issuing CA certificates, possibly empty."""

    @property
    def signer_subject(self) -> str:
        certs = parse_certificates(self.certificate_pem.encode("ascii"), source="manifest")
        return readable_subject(certs[0].subject)

    def to_dict(self) -> dict[str, str]:
        return {
            "signature_b64": self.signature_b64,
            "certificate_pem": self.certificate_pem,
            "chain_pem": self.chain_pem,
        }

    @classmethod
    def from_dict(cls, values: Mapping[str, str]) -> SignedManifest:
        return cls(
            signature_b64=values.get("signature_b64", ""),
            certificate_pem=values.get("certificate_pem", ""),
            chain_pem=values.get("chain_pem", ""),
        )


def sign_manifest(manifest_bytes: bytes, identity: SigningIdentity) -> SignedManifest:
    """Sign ``manifest_bytes`` exactly as given (binary, no newline translation)."""
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(manifest_bytes)
        .add_signer(identity.certificate, identity.key, hashes.SHA256())
    )
    for cert in identity.chain:
        builder = builder.add_certificate(cert)
    der = builder.sign(
        serialization.Encoding.DER,
        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
    )
    return SignedManifest(
        signature_b64=base64.b64encode(der).decode("ascii"),
        certificate_pem=pem_bytes([identity.certificate]).decode("ascii"),
        chain_pem=pem_bytes(list(identity.chain)).decode("ascii"),
    )


def verify_manifest(
    manifest_bytes: bytes, signed: SignedManifest, trust_roots: TrustRoots
) -> VerificationResult:
    """Check ``signed`` over ``manifest_bytes``; MODIFIED if a single byte differs.

    The caller, which knows the sheets, names the one whose hash no longer matches.
    """
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms
    from pyhanko.sign.validation.errors import SignatureValidationError

    quiet_library_logging()
    if not signed.signature_b64:
        return VerificationResult(
            VerificationStatus.UNSIGNED, detail="the manifest has no signature"
        )
    try:
        der = base64.b64decode(signed.signature_b64, validate=True)
        content_info = cms.ContentInfo.load(der)
        if content_info["content_type"].native != "signed_data":
            raise ValueError("not CMS SignedData")
        signed_data = content_info["content"]
        declared, chain = _declared_certificates(signed)
    except (binascii.Error, ValueError, KeyError, TypeError, IndexError,
            InvalidCertificateFileError) as error:
        return VerificationResult(
            VerificationStatus.INVALID, detail=f"the manifest signature is malformed ({error})"
        )
    thread = _this_thread()
    try:
        status = thread.run(
            async_validate_detached_cms(
                manifest_bytes,
                signed_data,
                signer_validation_context=thread.context(trust_roots, chain),
                key_usage_settings=signer_key_usage(),
            )
        )
    except (SignatureValidationError, ValueError, KeyError, TypeError) as error:
        return VerificationResult(
            VerificationStatus.INVALID, detail=f"the manifest signature cannot be checked ({error})"
        )
    if status.signing_cert.dump() != declared.public_bytes(serialization.Encoding.DER):
        return VerificationResult(
            VerificationStatus.INVALID,
            detail="the certificate stored beside the signature is not the signer's",
        )
    return result_from_cms_status(status)


class _ThreadValidation:
    """One thread's event loop and pyHanko validation contexts, kept between manifests.

    Consolidation verifies a thousand manifests, mostly by a few signers: a new event
    loop per manifest (``asyncio.run``) and a new validation context (which indexes
    every certificate it is given) cost a third of each verification. A context only
    holds the trust roots and certificates it was built from, fetches nothing, and
    remembers the paths it validated, so it is kept per set of roots and chain.
    """

    _CONTEXTS_KEPT = 8

    def __init__(self) -> None:
        import asyncio

        self._runner = asyncio.Runner()
        self._contexts: dict[tuple[bytes, ...], Any] = {}
        # Closed when the thread's copy is released, or at exit while asyncio still works.
        weakref.finalize(self, self._runner.close)

    def run(self, coroutine: Coroutine[Any, Any, _Result]) -> _Result:
        return self._runner.run(coroutine)

    def context(self, trust_roots: TrustRoots, chain: list[x509.Certificate]) -> Any:
        der = serialization.Encoding.DER
        key = (*(root.public_bytes(der) for root in trust_roots), b"",
               *(cert.public_bytes(der) for cert in chain))
        found = self._contexts.get(key)
        if found is None:
            if len(self._contexts) >= self._CONTEXTS_KEPT:
                self._contexts.clear()
            found = self._contexts[key] = validation_context(trust_roots, chain)
        return found


_threads = threading.local()


def _this_thread() -> _ThreadValidation:
    found: _ThreadValidation | None = getattr(_threads, "validation", None)
    if found is None:
        found = _threads.validation = _ThreadValidation()
    return found


def _declared_certificates(
    signed: SignedManifest,
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    certificate = parse_certificates(signed.certificate_pem.encode("ascii"), source="manifest")[0]
    chain = (
        parse_certificates(signed.chain_pem.encode("ascii"), source="manifest chain")
        if signed.chain_pem.strip()
        else []
    )
    return certificate, chain
