"""Connections to an AuditDesk database file, plain SQLite or SQLCipher.

Every connection gets the same pragmas: WAL journal, ``synchronous=FULL`` (a commit is
on disk when it returns), foreign keys on, and a busy timeout so a brief overlap with
another reader waits instead of failing. The driver runs in autocommit mode and
SQLAlchemy's ``begin`` emits ``BEGIN IMMEDIATE``, so a write transaction takes the write
lock at its start and never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)


class DriverConnection(Protocol):
    """What we use of a ``sqlite3`` / ``sqlcipher3`` connection."""

    in_transaction: bool

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
    def backup(self, target: Any, /) -> None: ...
    def close(self) -> None: ...


def is_encrypted_file(path: Path) -> bool:
    """True when ``path`` holds data but not the plain SQLite header (SQLCipher or damage)."""
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    return len(header) > 0 and header != SQLITE_MAGIC


def _key_pragma(passphrase: str, pragma: str = "key") -> str:
    # PRAGMA key takes no bound parameters, so the passphrase goes in as a quoted literal.
    if not passphrase or "\x00" in passphrase:
        raise ValueError("a passphrase must be non-empty text without NUL characters")
    return f"PRAGMA {pragma} = '" + passphrase.replace("'", "''") + "'"


def driver_module(passphrase: str | None) -> Any:
    if passphrase is None:
        return sqlite3
    from sqlcipher3 import dbapi2

    return dbapi2


def connect_driver(
    path: Path, passphrase: str | None, *, apply_pragmas: bool = True
) -> DriverConnection:
    """Open one DB-API connection, keyed when a passphrase is given, pragmas applied.

    Raises the driver's own errors (``file is not a database`` for a wrong key); callers
    translate them with ``errors.translate``.
    """
    module = driver_module(passphrase)
    connection: DriverConnection = module.connect(
        str(path), isolation_level=None, check_same_thread=False
    )
    try:
        if passphrase is not None:
            # SQLCipher would otherwise print decryption failures on stderr.
            connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
            connection.execute(_key_pragma(passphrase))
        # Reading the schema is what fails on a wrong key or a foreign file.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if apply_pragmas:
            for pragma in PRAGMAS:
                connection.execute(pragma).fetchall()
    except BaseException:
        connection.close()
        raise
    return connection


def rekey_pragma(new_passphrase: str) -> str:
    return _key_pragma(new_passphrase, "rekey")


def attach_encrypted_sql(target: Path, passphrase: str) -> str:
    quoted_path = str(target).replace("'", "''")
    key = passphrase.replace("'", "''")
    _key_pragma(passphrase)  # validates
    return f"ATTACH DATABASE '{quoted_path}' AS encrypted KEY '{key}'"


def make_engine(path: Path, passphrase: str | None) -> Engine:
    """An engine over one long-lived connection (keying a SQLCipher connection costs
    ~130 ms, and the repository is the only writer)."""
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect_driver(path, passphrase),
        module=driver_module(passphrase),
        poolclass=StaticPool,
    )

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
