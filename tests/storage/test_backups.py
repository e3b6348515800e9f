"""Rotating online backups, and restore that checks first and keeps the live copy."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_scene import make_scene

from auditdesk.storage import (
    NotAnAuditDeskDatabaseError,
    list_backups,
    open_database,
    restore_database,
)
from auditdesk.storage.backups import default_backup_dir


def test_first_open_of_the_day_takes_one_backup_in_the_user_data_folder(db_path: Path) -> None:
    with open_database(db_path) as repo:
        make_scene(repo)
    assert list_backups(db_path) == []  # a brand-new database has nothing to protect yet
    open_database(db_path).close()
    open_database(db_path).close()
    (daily,) = list_backups(db_path)
    assert daily.reason == "daily"
    assert daily.path.parent == default_backup_dir()
    assert daily.taken_at.date() == datetime.now(UTC).date()
    with sqlite3.connect(daily.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM audit").fetchone() == (1,)


def test_rotation_keeps_the_configured_number(db_path: Path) -> None:
    with open_database(db_path) as repo:
        repo.set_setting("backups.keep", 3)
        taken = [repo.take_rotating_backup("manual") for _ in range(5)]
    kept = [b.path for b in list_backups(db_path)]
    assert kept == list(reversed(taken[-3:]))


def test_backup_while_in_use_then_restore_brings_the_data_back(
    db_path: Path, tmp_path: Path
) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", "before backup")
        saved = repo.backup_to(tmp_path / "saved.sqlite")
        repo.save_answer(scene.record.uuid, "q", "after backup")
    kept = restore_database(db_path, saved)
    with open_database(db_path) as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": "before backup"}
        assert repo.verify_trail(scene.audit.uuid).ok
    assert kept is not None
    with sqlite3.connect(kept) as previous:
        assert previous.execute("SELECT value_json FROM answer").fetchone() == ('"after backup"',)


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_a_file_that_is_not_a_database(
    db_path: Path, tmp_path: Path, content: bytes
) -> None:
    with open_database(db_path) as repo:
        make_scene(repo)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(content)
    with pytest.raises(Exception, match=r"not an AuditDesk database|encrypted"):
        restore_database(db_path, bogus)
    with open_database(db_path) as repo:
        assert len(repo.list_audits()) == 1


def test_restore_refuses_another_programs_sqlite_file(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).close()
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(NotAnAuditDeskDatabaseError, match="lacks the AuditDesk tables"):
        restore_database(db_path, foreign)


def test_restore_replaces_a_damaged_database_and_keeps_its_bytes(
    db_path: Path, tmp_path: Path
) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        good = repo.backup_to(tmp_path / "good.sqlite")
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    kept = restore_database(db_path, good)
    assert kept is not None
    assert kept.read_bytes().startswith(b"SQLite format 3\x00\x13")
    with open_database(db_path) as repo:
        assert repo.get_audit(scene.audit.uuid).uuid == scene.audit.uuid
