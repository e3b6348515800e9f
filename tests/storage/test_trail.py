"""The audit trail is append-only and a later edit of history is detected."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from storage_scene import Scene, make_scene

from auditdesk.storage import Repository, open_database


def _tamper(db_path: Path, sql: str) -> None:
    """What someone with a SQLite tool could do: drop the guard triggers and edit."""
    connection = sqlite3.connect(db_path)
    connection.execute("DROP TRIGGER trail_entry_no_update")
    connection.execute("DROP TRIGGER trail_entry_no_delete")
    connection.execute(sql)
    connection.commit()
    connection.close()


def _filled(db_path: Path) -> Scene:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        for i in range(5):
            repo.save_answer(scene.record.uuid, "wage", 100 + i)
        assert repo.verify_trail(scene.audit.uuid).ok
    return scene


def test_every_change_links_to_the_previous_entry(repo: Repository, scene: Scene) -> None:
    repo.save_answer(scene.record.uuid, "q", "a")
    repo.save_answer(scene.record.uuid, "q", "b")
    entries = repo.list_trail(scene.audit.uuid)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(entries))
    result = repo.verify_trail(scene.audit.uuid)
    assert result.ok
    assert result.entries == len(entries)
    assert result.head_hash == entries[-1].hash


def test_the_database_refuses_to_rewrite_the_trail(db_path: Path) -> None:
    _filled(db_path)
    connection = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE trail_entry SET new_value_json = '1' WHERE seq = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM trail_entry")
    connection.close()


@pytest.mark.parametrize(
    ("sql", "broken_seq"),
    [
        ("UPDATE trail_entry SET new_value_json = '999' WHERE seq = 4", 4),
        ("UPDATE trail_entry SET auditor = 'someone else' WHERE seq = 2", 2),
        ("DELETE FROM trail_entry WHERE seq = 3", 4),
    ],
)
def test_edited_history_names_the_first_broken_entry(
    db_path: Path, sql: str, broken_seq: int
) -> None:
    scene = _filled(db_path)
    _tamper(db_path, sql)
    with open_database(db_path) as repo:
        result = repo.verify_trail(scene.audit.uuid)
        assert not result.ok
        assert result.first_broken_seq == broken_seq
        assert repo.check().broken_trails == (result,)


def test_trails_of_different_audits_are_separate_chains(repo: Repository) -> None:
    first, second = make_scene(repo), make_scene(repo)
    repo.save_answer(first.record.uuid, "q", 1)
    repo.save_answer(second.record.uuid, "q", 1)
    assert repo.list_trail(first.audit.uuid)[0].seq == 1
    assert repo.list_trail(second.audit.uuid)[0].seq == 1
    assert repo.verify_trail(first.audit.uuid).ok
    assert repo.verify_trail(second.audit.uuid).ok


def test_exports_are_traced(repo: Repository, scene: Scene) -> None:
    seq = repo.record_export(scene.audit.uuid, what="xlsx", detail={"file": "audit.xlsx"})
    entry = repo.list_trail(scene.audit.uuid)[-1]
    assert (entry.seq, entry.kind.value, entry.detail["what"]) == (seq, "export", "xlsx")
