"""The local SQLite store: one writer, through a repository; ORM rows never leave it.

Public entry points::

    from auditdesk.storage import open_database, StorageError
    with open_database(path, passphrase=None) as repo:
        repo.save_answer(record_uuid, "rep[1]/q", "yes")

Importing a name from this package imports SQLAlchemy (≈0.4 s): front-ends import it
inside the functions that need it. The package itself loads its modules on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditdesk.storage.backups import BackupFile, list_backups
    from auditdesk.storage.database import (
        PASSPHRASE_ENV,
        DatabaseExistsError,
        DatabaseMissingError,
        create_database,
        open_database,
        passphrase_from_environment,
        rekey_database,
        restore_database,
    )
    from auditdesk.storage.errors import (
        ChangeRefusedError,
        CorruptDatabaseError,
        DatabaseLockedError,
        DiskFullError,
        NewerSchemaError,
        NotAnAuditDeskDatabaseError,
        PassphraseRequiredError,
        ReadOnlyLocationError,
        RecordNotFoundError,
        StorageBugError,
        StorageError,
        WrongPassphraseError,
    )
    from auditdesk.storage.repository import CheckReport, Repository

# Names load their module (and SQLAlchemy) on first use, so ``auditdesk.storage.quick_list``
# can read the audits list at start-up without paying for SQLAlchemy.
_HOME = {
    "PASSPHRASE_ENV": "database",
    "DatabaseExistsError": "database",
    "DatabaseMissingError": "database",
    "create_database": "database",
    "open_database": "database",
    "passphrase_from_environment": "database",
    "rekey_database": "database",
    "restore_database": "database",
    "BackupFile": "backups",
    "list_backups": "backups",
    "ChangeRefusedError": "errors",
    "CorruptDatabaseError": "errors",
    "DatabaseLockedError": "errors",
    "DiskFullError": "errors",
    "NewerSchemaError": "errors",
    "NotAnAuditDeskDatabaseError": "errors",
    "PassphraseRequiredError": "errors",
    "ReadOnlyLocationError": "errors",
    "RecordNotFoundError": "errors",
    "StorageBugError": "errors",
    "StorageError": "errors",
    "WrongPassphraseError": "errors",
    "CheckReport": "repository",
    "Repository": "repository",
}

__all__ = [
    "PASSPHRASE_ENV",
    "BackupFile",
    "ChangeRefusedError",
    "CheckReport",
    "CorruptDatabaseError",
    "DatabaseExistsError",
    "DatabaseLockedError",
    "DatabaseMissingError",
    "DiskFullError",
    "NewerSchemaError",
    "NotAnAuditDeskDatabaseError",
    "PassphraseRequiredError",
    "ReadOnlyLocationError",
    "RecordNotFoundError",
    "Repository",
    "StorageBugError",
    "StorageError",
    "WrongPassphraseError",
    "create_database",
    "list_backups",
    "open_database",
    "passphrase_from_environment",
    "rekey_database",
    "restore_database",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
