"""The audits list read straight from the file, for the first seconds of the desktop app.

Opening a :class:`~auditdesk.storage.Repository` imports SQLAlchemy (≈0.4 s), checks the
schema, takes the writer lock and may back up the file. The audits list needs none of
that, so at start-up the app shows this read first and swaps in the repository's list once
it is open. Read-only (``mode=ro``), no lock taken, nothing written: the repository stays
the only writer.

Only a database whose schema is exactly the shipped head is read here; any other (new,
older, newer, not ours, damaged, wrong passphrase) gives ``None`` and the app takes the
normal path, which upgrades it or explains what is wrong.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from auditdesk.domain import AuditStatus, AuditSummary, AuditType
from auditdesk.storage.migrations import HEAD_REVISION

# The same two selects as ``Repository.list_audits`` (a test keeps them in step).
_SITES_SQL = "SELECT uuid, name, organisation, country FROM site"
_AUDITS_SQL = (
    "SELECT uuid, site_uuid, audit_type, status, started_on, ended_on, training "
    "FROM audit ORDER BY created_at DESC"
)
_PLAIN_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "AUDITDESK_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
"""The same variable as ``storage.database.PASSPHRASE_ENV`` (importing that loads SQLAlchemy)."""


def read_audit_summaries(path: Path, passphrase: str | None = None) -> list[AuditSummary] | None:
    """The audits list of ``path``, newest first, or ``None`` to take the normal path."""
    path = path.expanduser()
    try:
        with path.open("rb") as stream:
            header = stream.read(len(_PLAIN_HEADER))
    except OSError:
        return None  # missing (a first start) or unreadable: the normal path says why
    if not header:
        return None
    encrypted = header != _PLAIN_HEADER
    if encrypted and not passphrase:
        return None  # the normal path asks for the passphrase
    try:
        connection = _connect(path, passphrase if encrypted else None)
    except Exception:  # noqa: BLE001 - any driver failure just means "take the normal path"
        return None
    try:
        if _revision(connection) != HEAD_REVISION:
            return None
        sites: dict[str, tuple[str, str, str]] = {
            uuid: (name, organisation, country)
            for uuid, name, organisation, country in connection.execute(_SITES_SQL).fetchall()
        }
        summaries = []
        for (
            uuid,
            site_uuid,
            audit_type,
            status,
            started_on,
            ended_on,
            training,
        ) in connection.execute(_AUDITS_SQL).fetchall():
            name, organisation, country = sites[site_uuid]
            summaries.append(
                AuditSummary(
                    uuid,
                    name,
                    organisation,
                    country,
                    AuditType(audit_type),
                    AuditStatus(status),
                    _day(started_on),
                    _day(ended_on),
                    training == 1,
                )
            )
        return summaries
    except Exception:  # noqa: BLE001 - a half-written or odd file: the repository decides
        return None
    finally:
        connection.close()


def _connect(path: Path, passphrase: str | None) -> Any:
    uri = path.resolve().as_uri() + "?mode=ro"
    if passphrase is None:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)
    from sqlcipher3 import dbapi2

    connection = dbapi2.connect(uri, uri=True, check_same_thread=False)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
        # PRAGMA key takes no bound parameters; quoted as storage.engine does.
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def _revision(connection: Any) -> str | None:
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
