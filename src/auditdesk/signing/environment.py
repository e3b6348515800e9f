"""Names of the environment variables through which scripts hand over passphrases.

Kept apart from the key code so that front-ends can name them without importing
cryptography. These are variable names, not secrets.
"""

from __future__ import annotations

KEY_PASSPHRASE_ENV = "AUDITDESK_KEY_PASSPHRASE"  # noqa: S105
CA_PASSPHRASE_ENV = "AUDITDESK_CA_PASSPHRASE"  # noqa: S105
P12_PASSPHRASE_ENV = "AUDITDESK_P12_PASSPHRASE"  # noqa: S105
