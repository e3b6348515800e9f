"""What every repository operation shares: the one connection, its lock, transactions,
error translation, and appending to an audit's hash-chained trail.

One ``Repository`` per open database is the only writer (a file lock keeps other
AuditDesk processes out). All work runs on one long-lived connection, serialised by a
re-entrant lock, so the GUI may call from a worker thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from auditdesk.domain import AuditStatus, JsonValue, RecordStatus, TrailKind, canonical_json
from auditdesk.storage import backups
from auditdesk.storage.convert import now_utc, time_text
from auditdesk.storage.engine import DriverConnection
from auditdesk.storage.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    RecordNotFoundError,
    StorageError,
    sqlite_code,
    translate,
)
from auditdesk.storage.trail import GENESIS_HASH, StoredEntry, entry_hash

if TYPE_CHECKING:
    from filelock import BaseFileLock

UNKNOWN_AUDITOR = "unknown auditor"

_TRAIL_HEAD_SQL = (
    "SELECT seq, hash FROM trail_entry WHERE audit_uuid = :audit ORDER BY seq DESC LIMIT 1"
)
_TRAIL_INSERT_SQL = (
    "INSERT INTO trail_entry (audit_uuid, seq, at, auditor, kind, record_uuid, path, "
    "old_value_json, new_value_json, reason, detail_json, prev_hash, hash) VALUES "
    "(:audit_uuid, :seq, :at, :auditor, :kind, :record_uuid, :path, :old_value_json, "
    ":new_value_json, :reason, :detail_json, :prev_hash, :hash)"
)
_RECORD_INFO_SQL = (
    "SELECT r.audit_uuid, r.status, a.status FROM form_record r "
    "JOIN audit a ON a.uuid = r.audit_uuid WHERE r.uuid = :record"
)


@dataclass(frozen=True)
class RecordInfo:
    """What the answer hot path must know about a record; cached (we are the only writer)."""

    audit_uuid: str
    status: RecordStatus
    audit_status: AuditStatus


class Transaction:
    """One write transaction: trail heads move only once it commits."""

    def __init__(self, repository: RepositoryBase, session: Session | None) -> None:
        self._repository = repository
        self._session = session
        self.new_heads: dict[str, tuple[int, str]] = {}

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("this transaction runs without an ORM session")
        return self._session

    def append_trail(
        self,
        audit_uuid: str,
        kind: TrailKind,
        *,
        auditor: str,
        record_uuid: str | None = None,
        path: str | None = None,
        old_json: str | None = None,
        new_json: str | None = None,
        reason: str = "",
        detail: dict[str, JsonValue] | None = None,
    ) -> int:
        """Add the next link of ``audit_uuid``'s chain; returns its sequence number."""
        if self._session is not None:
            self._session.flush()  # the audit row must exist for the foreign key
        seq, prev_hash = self.new_heads.get(audit_uuid) or self._repository.trail_head(audit_uuid)
        entry = StoredEntry(
            audit_uuid=audit_uuid,
            seq=seq + 1,
            at=time_text(now_utc()) or "",
            auditor=auditor,
            kind=kind.value,
            record_uuid=record_uuid,
            path=path,
            old_value_json=old_json,
            new_value_json=new_json,
            reason=reason,
            detail_json=canonical_json(detail or {}),
            prev_hash=prev_hash,
        )
        digest = entry_hash(prev_hash, entry)
        params = dict(entry.__dict__)
        params["hash"] = digest
        self._repository.driver.execute(_TRAIL_INSERT_SQL, params)
        self.new_heads[audit_uuid] = (entry.seq, digest)
        return entry.seq


class RepositoryBase:
    def __init__(
        self,
        engine: Engine,
        path: Path,
        *,
        keyed: bool,
        passphrase: str | None,
        lock: BaseFileLock | None,
        backup_folder: Path | None = None,
    ) -> None:
        self.path = path
        self.encrypted = keyed
        self._engine = engine
        self._passphrase = passphrase
        self._file_lock = lock
        self._backup_folder = backup_folder
        self._lock = threading.RLock()
        proxied = engine.raw_connection()
        driver = proxied.driver_connection
        if driver is None:
            raise RuntimeError("the pool handed out a closed connection")
        self._proxied = proxied
        self.driver: DriverConnection = driver
        self._trail_heads: dict[str, tuple[int, str]] = {}
        self._record_info: dict[str, RecordInfo] = {}
        self._default_auditor: str | None = None

    # -- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._proxied.close()
            self._engine.dispose()
            if self._file_lock is not None:
                self._file_lock.release()
                self._file_lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Repository {self.path}{' (encrypted)' if self.encrypted else ''}>"

    @property
    def exclusive(self) -> contextlib.AbstractContextManager[bool]:
        """Hold the connection for maintenance that runs straight on the driver."""
        return self._lock

    # -- errors -----------------------------------------------------------------------
    def fail(self, exc: BaseException, context: str) -> StorageError:
        newest = None
        if sqlite_code(exc) in (SQLITE_NOTADB, SQLITE_CORRUPT):
            newest = backups.newest_good_backup(self.path, self._passphrase, self._backup_folder)
        return translate(
            exc, self.path, keyed=self.encrypted, context=context, newest_good_backup=newest
        )

    # -- transactions -----------------------------------------------------------------
    @contextmanager
    def orm(self, context: str) -> Iterator[Transaction]:
        """A write transaction with an ORM session (BEGIN IMMEDIATE; commit on exit)."""
        with self._lock:
            session = Session(self._engine, expire_on_commit=False, autoflush=False)
            transaction = Transaction(self, session)
            try:
                with session.begin():
                    yield transaction
            except Exception as exc:
                raise self.fail(exc, context) from exc
            finally:
                session.close()
            self._trail_heads.update(transaction.new_heads)

    @contextmanager
    def raw(self, context: str) -> Iterator[Transaction]:
        """A write transaction straight on the driver: the hot path, no unit of work."""
        with self._lock:
            driver = self.driver
            transaction = Transaction(self, None)
            try:
                driver.execute("BEGIN IMMEDIATE")
                yield transaction
                driver.execute("COMMIT")
            except BaseException as exc:
                if driver.in_transaction:
                    # The first error is the one to report.
                    with contextlib.suppress(Exception):
                        driver.execute("ROLLBACK")
                if isinstance(exc, Exception):
                    raise self.fail(exc, context) from exc
                raise
            self._trail_heads.update(transaction.new_heads)

    # -- shared lookups ---------------------------------------------------------------
    def trail_head(self, audit_uuid: str) -> tuple[int, str]:
        head = self._trail_heads.get(audit_uuid)
        if head is None:
            row = self.driver.execute(_TRAIL_HEAD_SQL, {"audit": audit_uuid}).fetchone()
            head = (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)
            self._trail_heads[audit_uuid] = head
        return head

    def record_info(self, record_uuid: str) -> RecordInfo:
        info = self._record_info.get(record_uuid)
        if info is None:
            row = self.driver.execute(_RECORD_INFO_SQL, {"record": record_uuid}).fetchone()
            if row is None:
                raise RecordNotFoundError("form record", record_uuid)
            info = RecordInfo(str(row[0]), RecordStatus(row[1]), AuditStatus(row[2]))
            self._record_info[record_uuid] = info
        return info

    def forget_record_info(self) -> None:
        self._record_info.clear()

    def auditor_or_default(self, auditor: str | None) -> str:
        if auditor:
            return auditor
        if self._default_auditor is None:
            row = self.driver.execute(
                "SELECT name FROM auditor_profile ORDER BY rowid LIMIT 1"
            ).fetchone()
            self._default_auditor = str(row[0]) if row else UNKNOWN_AUDITOR
        return self._default_auditor

    def forget_default_auditor(self) -> None:
        self._default_auditor = None
