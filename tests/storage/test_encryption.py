"""Encryption at rest: nothing readable in the file, its WAL or its backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storage_scene import make_scene

from auditdesk.storage import (
    PassphraseRequiredError,
    WrongPassphraseError,
    list_backups,
    open_database,
    rekey_database,
    restore_database,
)
from auditdesk.storage.engine import is_encrypted_file
from auditdesk.storage.errors import log_file

PASSPHRASE = "correct horse battery staple"
CANARY = "CANARY-worker-said-7f3a9c"


def _files_beside(db_path: Path) -> list[Path]:
    return [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]


def _contains(path: Path, text: str) -> bool:
    return text.encode("utf-8") in path.read_bytes()


def test_plain_database_shows_the_canary_so_the_check_can_fail(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", CANARY)
        assert any(_contains(p, CANARY) for p in _files_beside(db_path) if p.is_file())


def test_encrypted_database_wal_and_backups_never_show_the_canary(
    db_path: Path, tmp_path: Path
) -> None:
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        assert repo.encrypted
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", CANARY)
        repo.add_attachment(scene.record.uuid, "q", "note.txt", "text/plain", CANARY.encode() * 3)
        live_files = [p for p in _files_beside(db_path) if p.is_file()]
        assert db_path.with_name(db_path.name + "-wal") in live_files
        for path in live_files:
            assert not _contains(path, CANARY), path
        rotating = repo.take_rotating_backup("manual")
        manual = repo.backup_to(tmp_path / "copy.sqlite")
    for path in [db_path, rotating, manual, *(b.path for b in list_backups(db_path))]:
        assert is_encrypted_file(path)
        assert not _contains(path, CANARY), path
    with open_database(manual, passphrase=PASSPHRASE) as copy:
        assert copy.get_answers(scene.record.uuid) == {"q": CANARY}


def test_encrypted_database_needs_the_right_passphrase(db_path: Path) -> None:
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", "kept")
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        open_database(db_path)
    wrong = "not the passphrase at all"
    with pytest.raises(WrongPassphraseError) as caught:
        open_database(db_path, passphrase=wrong)
    assert caught.value.user_message == f"Wrong passphrase for {db_path}."
    assert wrong not in str(caught.value)
    assert not log_file().exists() or wrong not in log_file().read_text(encoding="utf-8")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM answer").fetchall()
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": "kept"}


def test_rekey_changes_the_passphrase(db_path: Path) -> None:
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", "kept")
    rekey_database(db_path, passphrase=PASSPHRASE, new_passphrase="a new one")
    with pytest.raises(WrongPassphraseError):
        open_database(db_path, passphrase=PASSPHRASE)
    with open_database(db_path, passphrase="a new one") as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": "kept"}


def test_rekey_encrypts_a_plain_database_and_drops_its_plain_backups(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", CANARY)
        repo.take_rotating_backup("manual")
    rekey_database(db_path, passphrase=None, new_passphrase=PASSPHRASE)
    assert is_encrypted_file(db_path)
    assert not any(_contains(p, CANARY) for p in _files_beside(db_path) if p.is_file())
    assert all(is_encrypted_file(b.path) for b in list_backups(db_path))
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": CANARY}
        assert repo.verify_trail(scene.audit.uuid).ok


def test_restore_of_an_encrypted_backup(db_path: Path, tmp_path: Path) -> None:
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", "old")
        saved = repo.backup_to(tmp_path / "saved.sqlite")
        repo.save_answer(scene.record.uuid, "q", "new")
    with pytest.raises(PassphraseRequiredError):
        restore_database(db_path, saved)
    restore_database(db_path, saved, passphrase=PASSPHRASE)
    with open_database(db_path, passphrase=PASSPHRASE) as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": "old"}
