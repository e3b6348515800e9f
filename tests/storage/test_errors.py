"""Known failures give plain messages and lose nothing; unknown ones are logged bugs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from storage_scene import make_scene

from auditdesk.storage import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    PassphraseRequiredError,
    ReadOnlyLocationError,
    Repository,
    StorageBugError,
    list_backups,
    open_database,
)
from auditdesk.storage.errors import translate


def test_disk_full_refuses_the_save_and_keeps_everything_before(
    repo: Repository, db_path: Path
) -> None:
    scene = make_scene(repo)
    pages = repo.driver.execute("PRAGMA page_count").fetchone()[0]
    # max_page_count makes SQLite report SQLITE_FULL exactly as a full disk does.
    repo.driver.execute(f"PRAGMA max_page_count = {pages + 2}").fetchall()
    confirmed: dict[str, str] = {}

    def answer_until_full() -> None:
        for i in range(10_000):
            repo.save_answer(scene.record.uuid, f"q{i}", "x" * 500)
            confirmed[f"q{i}"] = "x" * 500

    with pytest.raises(DiskFullError) as caught:
        answer_until_full()
    assert len(confirmed) > 0
    assert "full" in caught.value.user_message
    assert str(db_path) in caught.value.user_message
    assert repo.get_answers(scene.record.uuid) == confirmed
    repo.driver.execute("PRAGMA max_page_count = 1073741823").fetchall()
    repo.save_answer(scene.record.uuid, "after", "space freed")
    assert repo.get_answers(scene.record.uuid)["after"] == "space freed"
    assert repo.verify_trail(scene.audit.uuid).ok


def test_a_second_auditdesk_on_the_same_file_is_told_plainly(db_path: Path) -> None:
    with (
        open_database(db_path),
        pytest.raises(DatabaseLockedError, match="open in another AuditDesk"),
    ):
        open_database(db_path)
    open_database(db_path).close()  # free again once the first one closed


def test_a_writer_outside_auditdesk_makes_the_save_wait_then_fail_cleanly(
    repo: Repository, db_path: Path
) -> None:
    scene = make_scene(repo)
    repo.save_answer(scene.record.uuid, "q", "first")
    repo.driver.execute("PRAGMA busy_timeout = 50").fetchall()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(DatabaseLockedError):
        repo.save_answer(scene.record.uuid, "q", "second")
    other.execute("ROLLBACK")
    other.close()
    repo.save_answer(scene.record.uuid, "q", "second")
    assert repo.get_answers(scene.record.uuid) == {"q": "second"}


def test_writing_a_read_only_database_is_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    open_database(path).close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute("INSERT INTO app_setting VALUES ('k', '1')")
    connection.close()
    error = translate(caught.value, path, keyed=False, context="test")
    assert isinstance(error, ReadOnlyLocationError)
    assert "read-only" in error.user_message


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_is_a_plain_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyLocationError):
            open_database(folder / "new.sqlite")
    finally:
        folder.chmod(0o755)


def _read_everything(db_path: Path) -> None:
    with open_database(db_path) as repo:
        repo.check()
        for audit in repo.list_audits():
            for record in repo.list_form_records(audit.uuid):
                repo.get_answers(record.uuid)


def test_a_damaged_file_names_the_newest_good_backup(db_path: Path) -> None:
    with open_database(db_path) as repo:
        for _ in range(30):
            scene = make_scene(repo)
            for i in range(20):
                repo.save_answer(scene.record.uuid, f"q{i}", "answer text " * 10)
    open_database(db_path).close()  # takes the day's backup
    (backup,) = list_backups(db_path)
    data = bytearray(db_path.read_bytes())
    assert len(data) > 40_000
    data[8192:36864] = b"\xa5" * (36864 - 8192)
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as caught:
        _read_everything(db_path)
    assert caught.value.newest_good_backup == backup.path
    assert str(backup.path) in caught.value.user_message


def test_a_file_without_the_sqlite_header_asks_for_a_passphrase_or_a_backup(
    db_path: Path,
) -> None:
    db_path.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(PassphraseRequiredError, match="damaged"):
        open_database(db_path)


def test_an_unexpected_error_is_reported_as_a_bug_with_the_log_file(
    repo: Repository,
) -> None:
    repo.driver.execute("DROP TABLE app_setting")
    with pytest.raises(StorageBugError) as caught:
        repo.get_setting("backups.keep")
    log = caught.value.log_file
    assert str(log) in caught.value.user_message
    assert "This is a bug" in caught.value.user_message
    assert "no such table: app_setting" in log.read_text(encoding="utf-8")
