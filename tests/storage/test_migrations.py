"""Alembic from the first schema on: an older database is upgraded, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from auditdesk.storage import list_backups, open_database
from auditdesk.storage.engine import make_engine
from auditdesk.storage.migrate import known_revisions, upgrade
from auditdesk.storage.schema import KNOWN_REVISIONS, SCHEMA_HEAD, Base


def test_the_code_knows_every_shipped_revision() -> None:
    assert tuple(known_revisions()) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == SCHEMA_HEAD


def test_migrations_build_exactly_the_schema_the_code_uses(db_path: Path) -> None:
    open_database(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def _database_at_first_revision(path: Path) -> None:
    engine = make_engine(path, None)
    upgrade(engine, "0001")
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO site VALUES ('s1', 'Org', 'Old site', 'UG', 'Kampala', 'bpo', 80, 'vendor');
        INSERT INTO audit VALUES ('a1', 's1', 'announced', 'completed', NULL, '2025-05-01',
            '2025-05-03', 'Lead', '["Second"]', 0, '', '2025-05-01T08:00:00+00:00');
        INSERT INTO form_record VALUES ('r1', 'a1', NULL, 'wi', '2025.1', 'worker_interview',
            'W-01', 1, NULL, NULL, 'completed', '{"repeats": {"rep": 1}}');
        INSERT INTO answer (record_uuid, path, value_json, updated_at)
            VALUES ('r1', 'rep[1]/q', '["a","b"]', '2025-05-01T09:00:00+00:00'),
                   ('r1', 'age', '31', '2025-05-01T09:00:00+00:00');
        INSERT INTO finding VALUES ('f1', 'a1', 'D.1', 'critical', 'No contract', '', 1, 'open',
            '', '{}');
        """
    )
    connection.commit()
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    connection.close()


def test_an_old_database_is_backed_up_upgraded_and_keeps_every_row(
    db_path: Path, tmp_path: Path
) -> None:
    _database_at_first_revision(db_path)
    folder = tmp_path / "backups"
    with open_database(db_path, backup_folder=folder) as repo:
        (summary,) = repo.list_audits()
        assert (summary.uuid, summary.site, str(summary.ended_on)) == (
            "a1",
            "Old site",
            "2025-05-03",
        )
        assert repo.get_audit("a1").team == ("Second",)
        assert repo.get_answers("r1") == {"rep[1]/q": ["a", "b"], "age": 31}
        assert repo.load_instance("r1")["repeats"] == {"rep": 1}
        assert repo.list_findings("a1")[0].title == "No contract"
        repo.set_setting("backups.keep", 5)  # the table revision 0002 added
    reasons = [b.reason for b in list_backups(db_path, folder)]
    assert "before-upgrade-from-0001" in reasons
    pre = next(b for b in list_backups(db_path, folder) if b.reason.startswith("before-upgrade"))
    with sqlite3.connect(pre.path) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT count(*) FROM answer").fetchone() == (2,)
    with sqlite3.connect(db_path) as new:
        assert new.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
