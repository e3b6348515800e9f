"""Opening, creating, checking, backing up, restoring and re-keying database files.

``open_database`` is the front door: it takes the writer lock, opens (keyed if need
be), upgrades an older schema after a backup, takes the first backup of the day and
returns the ``Repository``.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine

from auditdesk.storage import backups, migrate
from auditdesk.storage.engine import (
    attach_encrypted_sql,
    connect_driver,
    is_encrypted_file,
    make_engine,
    rekey_pragma,
)
from auditdesk.storage.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    ChangeRefusedError,
    DatabaseLockedError,
    NewerSchemaError,
    NotAnAuditDeskDatabaseError,
    PassphraseRequiredError,
    StorageError,
    sqlite_code,
    translate,
)
from auditdesk.storage.repository import Repository
from auditdesk.storage.schema import KNOWN_REVISIONS

PASSPHRASE_ENV = "AUDITDESK_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


class DatabaseMissingError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no database at {path}; create one with `auditdesk db init`.")


class DatabaseExistsError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; AuditDesk will not overwrite it.")


def passphrase_from_environment() -> str | None:
    """The passphrase scripts pass in ``AUDITDESK_PASSPHRASE`` (empty counts as none)."""
    return os.environ.get(PASSPHRASE_ENV) or None


def _failure(
    exc: BaseException,
    path: Path,
    keyed: bool,
    passphrase: str | None,
    context: str,
    backup_folder: Path | None,
) -> StorageError:
    newest = None
    if sqlite_code(exc) in (SQLITE_NOTADB, SQLITE_CORRUPT) and not keyed:
        newest = backups.newest_good_backup(path, passphrase, backup_folder)
    return translate(exc, path, keyed=keyed, context=context, newest_good_backup=newest)


def _writer_lock(path: Path) -> FileLock:
    lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseLockedError(path) from None
    except OSError as exc:
        raise translate(exc, path, keyed=False, context="locking the database") from exc
    return lock


def open_database(
    path: Path,
    *,
    passphrase: str | None = None,
    create: bool = True,
    backup_folder: Path | None = None,
    daily_backup: bool = True,
    training: bool = False,
) -> Repository:
    """Open (or create) the database at ``path`` as its only writer.

    A plain file opens without a passphrase (one given is ignored); an encrypted one
    needs it. A new file is encrypted when a passphrase is given. ``training`` (training
    mode) marks the database so that every audit added to it is training data, and
    refuses a database that holds real audits.
    """
    path = path.expanduser()
    existed = path.exists() and path.stat().st_size > 0
    if not existed and not create:
        raise DatabaseMissingError(path)
    encrypted = is_encrypted_file(path)
    if encrypted and passphrase is None:
        raise PassphraseRequiredError(path)
    keyed = encrypted or (not existed and passphrase is not None)
    key = passphrase if keyed else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate(exc, path, keyed=False, context="creating the data folder") from exc
    lock = _writer_lock(path)
    repository: Repository | None = None
    try:
        engine = make_engine(path, key)
        try:
            repository = Repository(
                engine, path, keyed=keyed, passphrase=key, lock=lock, backup_folder=backup_folder
            )
        except Exception as exc:
            engine.dispose()
            raise _failure(exc, path, keyed, key, "opening the database", backup_folder) from exc
        _upgrade_if_needed(repository, engine)
        if training:
            repository.mark_training_database()
        if daily_backup and existed:
            today = datetime.now(UTC).date()
            if not backups.has_backup_on(path, today, backup_folder):
                repository.take_rotating_backup("daily")
    except BaseException:
        if repository is not None:
            repository.close()
        else:
            lock.release()
        raise
    return repository


def _upgrade_if_needed(repository: Repository, engine: Engine) -> None:
    try:
        state = migrate.read_state(repository.driver)
    except Exception as exc:
        raise repository.fail(exc, "reading the schema version") from exc
    if not state.is_auditdesk:
        raise NotAnAuditDeskDatabaseError(repository.path, "it holds other tables")
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(repository.path, state.revision)
    if not state.needs_upgrade:
        return
    if not state.empty:
        repository.take_rotating_backup(f"before-upgrade-from-{state.revision}")
    try:
        with repository._lock:
            migrate.upgrade(engine)
    except Exception as exc:
        raise repository.fail(exc, "upgrading the database") from exc


def create_database(path: Path, *, passphrase: str | None = None) -> None:
    """Make a new, empty database at ``path`` (encrypted when a passphrase is given)."""
    path = path.expanduser()
    if path.exists() and path.stat().st_size > 0:
        raise DatabaseExistsError(path)
    open_database(path, passphrase=passphrase, daily_backup=False).close()


def restore_database(
    path: Path, source: Path, *, passphrase: str | None = None, backup_folder: Path | None = None
) -> Path | None:
    """Replace the database at ``path`` with the backup ``source``.

    ``source`` is validated first (opens, passes ``integrity_check``, has our schema).
    The live database is copied into the backups folder before it is replaced; that
    copy's path is returned (None when there was no live database).
    """
    path = path.expanduser()
    staged = path.with_name(path.name + ".restoring")
    try:
        shutil.copy2(source, staged)
    except OSError as exc:
        raise translate(exc, path, keyed=False, context="copying the backup") from exc
    try:
        backups.validate_database_file(staged, passphrase)
        kept = _keep_live_copy(path, passphrase, backup_folder)
        lock = _writer_lock(path)
        try:
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            os.replace(staged, path)
        finally:
            lock.release()
    finally:
        staged.unlink(missing_ok=True)
    # Upgrades a backup from an older AuditDesk now rather than at the next start.
    open_database(path, passphrase=passphrase, backup_folder=backup_folder).close()
    return kept


def _keep_live_copy(path: Path, passphrase: str | None, folder: Path | None) -> Path | None:
    if not path.exists():
        return None
    try:
        with open_database(
            path, passphrase=passphrase, backup_folder=folder, daily_backup=False
        ) as live:
            return live.take_rotating_backup("before-restore")
    except (PassphraseRequiredError, NotAnAuditDeskDatabaseError, DatabaseLockedError):
        raise
    except StorageError:
        # A damaged live database is the usual reason to restore: keep its bytes.
        return backups.keep_damaged_copy(path, folder)


def rekey_database(
    path: Path, *, passphrase: str | None, new_passphrase: str, backup_folder: Path | None = None
) -> None:
    """Change an encrypted database's passphrase, or encrypt a plain one.

    A backup is taken first; for a plain database the encrypted copy replaces the file
    only once it is complete, and the plain backup is removed afterwards (otherwise the
    data would stay readable beside the encrypted file).
    """
    path = path.expanduser()
    with open_database(
        path, passphrase=passphrase, create=False, backup_folder=backup_folder, daily_backup=False
    ) as repository:
        if repository.encrypted:
            try:
                with repository._lock:
                    repository.driver.execute(rekey_pragma(new_passphrase)).fetchall()
            except Exception as exc:
                raise repository.fail(exc, "changing the passphrase") from exc
            return
        staged = path.with_name(path.name + ".encrypting")
        staged.unlink(missing_ok=True)
        try:
            with repository._lock:
                _encrypt_copy(path, staged, new_passphrase)
        except Exception as exc:
            staged.unlink(missing_ok=True)
            raise repository.fail(exc, "encrypting the database") from exc
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, path)
    for plain in backups.list_backups(path, backup_folder):
        if not is_encrypted_file(plain.path):
            plain.path.unlink(missing_ok=True)


def _encrypt_copy(path: Path, target: Path, passphrase: str) -> None:
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(str(path), isolation_level=None)
    try:
        connection.execute(attach_encrypted_sql(target, passphrase))
        connection.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    check = connect_driver(target, passphrase)
    try:
        check.execute("PRAGMA journal_mode = WAL").fetchall()
    finally:
        check.close()
    if not is_encrypted_file(target):
        raise ChangeRefusedError("the encrypted copy came out unencrypted")
