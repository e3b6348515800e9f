"""Storage failures a user can act on, each with a plain message, and the rest as bugs.

Every message names the file concerned and never contains a passphrase or answer data.
SQLite reports its failures as numeric result codes (``sqlite_errorcode`` on the DB-API
exception, for both ``sqlite3`` and ``sqlcipher3``); we map the codes, not the texts.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import traceback
from pathlib import Path

from auditdesk import paths

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

LOG_FILE_NAME = "auditdesk.log"


class StorageError(Exception):
    """Base of every storage failure; ``user_message`` is safe to show as is."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class DiskFullError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The disk holding {path} is full. Nothing was lost: the last change was not "
            "saved. Free some space, then try again."
        )


class ReadOnlyLocationError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"AuditDesk cannot write to {path} (the file or its folder is read-only). "
            "Choose a folder you can write to, or change its permissions."
        )


class DatabaseLockedError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is open in another AuditDesk window or process. Close it there, "
            "then try again."
        )


class CorruptDatabaseError(StorageError):
    def __init__(self, path: Path, newest_good_backup: Path | None) -> None:
        offer = (
            f"The newest good backup is {newest_good_backup}; restore it with "
            f"`auditdesk db restore {newest_good_backup}`."
            if newest_good_backup is not None
            else "No good backup was found."
        )
        super().__init__(f"{path} is damaged and cannot be read safely. {offer}")
        self.newest_good_backup = newest_good_backup


class PassphraseRequiredError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is encrypted: give its passphrase (the AUDITDESK_PASSPHRASE "
            "environment variable works for scripts). If it was never encrypted, the file "
            "is damaged: restore a backup with `auditdesk db restore`."
        )


class WrongPassphraseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"Wrong passphrase for {path}.")


class NotAnAuditDeskDatabaseError(StorageError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path} is not an AuditDesk database ({why}).")


class NewerSchemaError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer AuditDesk (schema {revision}); update AuditDesk "
            "to open it."
        )


class RecordNotFoundError(StorageError):
    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"No {what} {key} in this database.")


class ChangeRefusedError(StorageError):
    """A change the rules forbid: no reason for editing a completed record, a signed audit."""


class StorageBugError(StorageError):
    def __init__(self, log_file: Path) -> None:
        super().__init__(
            "AuditDesk met an unexpected storage error. This is a bug: nothing you saved "
            f"before was lost. Please report it with the log file {log_file}."
        )
        self.log_file = log_file


def log_file() -> Path:
    return paths.user_log_dir() / LOG_FILE_NAME


def _bug_logger() -> logging.Logger:
    logger = logging.getLogger("auditdesk.storage.bugs")
    target = log_file()
    if not any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == target
        for h in logger.handlers
    ):
        for stale in list(logger.handlers):
            logger.removeHandler(stale)
            stale.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(target, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


def report_bug(exc: BaseException, context: str) -> StorageBugError:
    """Log an unexpected failure with its traceback; return the error to raise."""
    text = "".join(traceback.format_exception(exc))
    # The log folder itself may be what failed; the message still names the file.
    with contextlib.suppress(OSError):
        _bug_logger().error("storage bug during %s\n%s", context, text)
    return StorageBugError(log_file())


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a DB-API error, unwrapped from SQLAlchemy."""
    original = getattr(exc, "orig", None) or exc
    code = getattr(original, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def translate(
    exc: BaseException,
    path: Path,
    *,
    keyed: bool,
    context: str,
    newest_good_backup: Path | None = None,
) -> StorageError:
    """Turn any failure met while using ``path`` into a ``StorageError``."""
    if isinstance(exc, StorageError):
        return exc
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return DiskFullError(path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLockedError(path)
    if code == SQLITE_READONLY or (code == SQLITE_CANTOPEN and not _writable(path)):
        return ReadOnlyLocationError(path)
    if code == SQLITE_NOTADB:
        if keyed:
            return WrongPassphraseError(path)
        return CorruptDatabaseError(path, newest_good_backup)
    if code == SQLITE_CORRUPT:
        return CorruptDatabaseError(path, newest_good_backup)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFullError(path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyLocationError(path)
    return report_bug(exc, context)


def _writable(path: Path) -> bool:
    folder = path.parent if not path.is_dir() else path
    return folder.is_dir() and os.access(folder, os.W_OK)
