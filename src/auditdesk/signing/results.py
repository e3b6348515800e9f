"""The one answer every verifier gives: what a reader may conclude about a file."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class VerificationStatus(enum.Enum):
    """Outcome of verifying a signed export, from best to worst for the reader."""

    VALID = "valid"
    """Signature intact, content unmodified, signer chains to a trust root."""
    UNTRUSTED = "untrusted"
    """Signature intact, but the certificate chains to none of the trust roots given."""
    MODIFIED = "modified"
    """The content no longer matches what was signed."""
    UNSIGNED = "unsigned"
    """The file carries no signature at all."""
    INVALID = "invalid"
    """The file or its signature is malformed, or cannot be checked in this build."""


# When one file carries several signatures, the worst one speaks for the file.
_SEVERITY = {
    VerificationStatus.VALID: 0,
    VerificationStatus.UNTRUSTED: 1,
    VerificationStatus.UNSIGNED: 2,
    VerificationStatus.MODIFIED: 3,
    VerificationStatus.INVALID: 4,
}


@dataclass(frozen=True)
class VerificationResult:
    """What was found, who signed (if known), when they say they signed, and why."""

    status: VerificationStatus
    signer_subject: str | None = None
    """Readable signer identity, e.g. ``Amélie Dupont, Fair Work Monitor <a@fwm.org>``."""
    signing_time: datetime | None = None
    """The signing time the signer declared (not a trusted timestamp)."""
    detail: str = ""

    @property
    def is_valid(self) -> bool:
        return self.status is VerificationStatus.VALID

    def is_worse_than(self, other: VerificationResult) -> bool:
        return _SEVERITY[self.status] > _SEVERITY[other.status]


def worst_of(results: list[VerificationResult]) -> VerificationResult:
    """The result that decides for a file with several signatures (first on ties)."""
    if not results:
        return VerificationResult(VerificationStatus.UNSIGNED, detail="no signature found")
    worst = results[0]
    for result in results[1:]:
        if result.is_worse_than(worst):
            worst = result
    return worst
