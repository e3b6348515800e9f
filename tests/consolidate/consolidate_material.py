"""Shared material for the consolidation tests: the two auditors' identities."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditdesk.signing import SigningIdentity

PASSPHRASE = "auditor passphrase for tests 1"
CA_PASSPHRASE = "ngo ca passphrase for tests 2"


@dataclass(frozen=True)
class Auditors:
    """Kwame holds a certificate from the NGO's CA; Lucía signed her own."""

    ca_pem: Path
    kwame: SigningIdentity
    lucia: SigningIdentity
