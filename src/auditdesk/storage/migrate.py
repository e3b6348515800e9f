"""Schema migrations with Alembic, run programmatically from the scripts in the package.

Reading the current revision is plain SQL, so opening an up-to-date database never
imports Alembic; only an upgrade does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk.storage.engine import DriverConnection
from auditdesk.storage.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class SchemaState:
    """What a database file holds before we touch it."""

    empty: bool
    revision: str | None
    tables: frozenset[str]

    @property
    def is_auditdesk(self) -> bool:
        return self.empty or self.revision is not None

    @property
    def needs_upgrade(self) -> bool:
        return self.empty or self.revision != SCHEMA_HEAD


def read_state(connection: DriverConnection) -> SchemaState:
    tables = frozenset(
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    )
    revision = None
    if VERSION_TABLE in tables:
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()  # noqa: S608
        revision = str(row[0]) if row else None
    return SchemaState(empty=not tables, revision=revision, tables=tables)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def known_revisions() -> list[str]:
    """Every revision the shipped scripts know, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the database to ``target`` in one transaction (SQLite DDL is transactional)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
