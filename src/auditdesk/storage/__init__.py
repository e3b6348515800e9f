"""The local SQLite store: one writer, through a repository; ORM rows never leave it.

Public entry points::

    from auditdesk.storage import open_database, StorageError
    with open_database(path, passphrase=None) as repo:
        repo.save_answer(record_uuid, "rep[1]/q", "yes")

Importing this package imports SQLAlchemy (≈0.4 s): front-ends import it inside the
functions that need it.
"""

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
