"""Options shared by every front-end: which database, training or not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditdesk import paths


@dataclass(frozen=True)
class AppOptions:
    """What the user chose on the command line, resolved to concrete values."""

    db_path: Path
    training: bool = False

    @classmethod
    def resolve(cls, db: Path | None, *, training: bool = False) -> AppOptions:
        """Fill in the embedded default database when no ``--db`` was given."""
        if db is None:
            db = paths.default_database(training=training)
        return cls(db_path=db.expanduser(), training=training)
