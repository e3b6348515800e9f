"""Whole-database copies with SQLite's online backup API, and their rotation.

Backups live in ``<user data>/backups/`` as ``<db stem>-<path hash>-<UTC time>-<reason>.sqlite``
(the hash keeps two databases of the same name apart). An encrypted database's
backups are encrypted with the same passphrase: the backup API copies pages as they
are. Each backup is written to a temporary name and renamed, so a half-written backup
never looks like a good one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from auditdesk import paths
from auditdesk.storage.engine import DriverConnection, connect_driver, is_encrypted_file
from auditdesk.storage.errors import (
    NewerSchemaError,
    NotAnAuditDeskDatabaseError,
    PassphraseRequiredError,
    StorageError,
    translate,
)
from auditdesk.storage.migrate import SchemaState, read_state
from auditdesk.storage.schema import CORE_TABLES, KNOWN_REVISIONS

DEFAULT_KEEP = 10
KEEP_SETTING = "backups.keep"
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<key>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.sqlite$")


def default_backup_dir() -> Path:
    return paths.user_data_dir() / "backups"


def backup_key(db_path: Path) -> str:
    digest = hashlib.sha256(str(db_path.expanduser().resolve()).encode("utf-8")).hexdigest()
    return f"{db_path.stem}-{digest[:8]}"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """Backups of ``db_path``, newest first."""
    folder = folder or default_backup_dir()
    if not folder.is_dir():
        return []
    key = backup_key(db_path)
    found = []
    for candidate in folder.iterdir():
        match = _NAME.match(candidate.name)
        if match and match["key"] == key:
            taken = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(BackupFile(candidate, taken, match["reason"]))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def has_backup_on(db_path: Path, day: date, folder: Path | None = None) -> bool:
    return any(b.taken_at.date() == day for b in list_backups(db_path, folder))


def copy_database(source: DriverConnection, target: Path, passphrase: str | None) -> None:
    """Copy a live database to ``target`` (a self-contained file, not in WAL mode)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = connect_driver(partial, passphrase, apply_pragmas=False)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        destination.close()
    os.replace(partial, target)


def take_backup(
    source: DriverConnection,
    db_path: Path,
    passphrase: str | None,
    *,
    reason: str,
    keep: int = DEFAULT_KEEP,
    folder: Path | None = None,
) -> Path:
    """Write a new rotating backup of ``db_path`` and drop the oldest beyond ``keep``."""
    folder = folder or default_backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(_STAMP_FORMAT)
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    target = folder / f"{backup_key(db_path)}-{stamp}-{safe_reason}.sqlite"
    copy_database(source, target, passphrase)
    for old in list_backups(db_path, folder)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
    return target


def validate_database_file(path: Path, passphrase: str | None) -> SchemaState:
    """Refuse a file unless it opens, passes ``integrity_check`` and has our schema."""
    if not path.is_file():
        raise NotAnAuditDeskDatabaseError(path, "no such file")
    if is_encrypted_file(path) and passphrase is None:
        raise PassphraseRequiredError(path)
    keyed = passphrase is not None and is_encrypted_file(path)
    try:
        connection = connect_driver(path, passphrase if keyed else None, apply_pragmas=False)
    except Exception as exc:
        raise translate(exc, path, keyed=keyed, context="validating a database file") from exc
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise NotAnAuditDeskDatabaseError(path, "it fails the integrity check")
        state = read_state(connection)
    except StorageError:
        raise
    except Exception as exc:
        raise NotAnAuditDeskDatabaseError(path, "it cannot be read") from exc
    finally:
        connection.close()
    if state.empty or state.revision is None or not state.tables >= CORE_TABLES:
        raise NotAnAuditDeskDatabaseError(path, "it lacks the AuditDesk tables")
    if state.revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(path, state.revision)
    return state


def newest_good_backup(
    db_path: Path, passphrase: str | None, folder: Path | None = None
) -> Path | None:
    for backup in list_backups(db_path, folder):
        try:
            validate_database_file(backup.path, passphrase)
        except StorageError:
            continue
        return backup.path
    return None


def keep_damaged_copy(db_path: Path, folder: Path | None = None) -> Path:
    """Byte copy of a database that cannot be opened (main file plus WAL), before a restore."""
    folder = folder or default_backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(_STAMP_FORMAT)
    target = folder / f"{backup_key(db_path)}-{stamp}-before-restore.sqlite"
    shutil.copy2(db_path, target)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target
