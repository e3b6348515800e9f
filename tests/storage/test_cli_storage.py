"""``auditdesk db …`` and ``auditdesk audits …`` over the global ``--db``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from storage_scene import make_scene

from auditdesk.cli import cli
from auditdesk.domain import AuditStatus
from auditdesk.storage import open_database
from auditdesk.storage.engine import is_encrypted_file


def run(db: Path, *args: str, env: dict[str, str] | None = None, stdin: str = "") -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], env=env, input=stdin)


def test_init_check_and_list_an_empty_database(db_path: Path) -> None:
    created = run(db_path, "db", "init")
    assert created.exit_code == 0, created.output
    assert "Created database" in created.output
    assert run(db_path, "db", "init").exit_code == 1  # never overwrites
    checked = run(db_path, "db", "check")
    assert checked.exit_code == 0
    assert "integrity: ok" in checked.output
    listed = run(db_path, "audits", "list", "--json")
    assert json.loads(listed.output) == []


def test_commands_on_a_missing_database_say_how_to_create_one(db_path: Path) -> None:
    result = run(db_path, "audits", "list")
    assert result.exit_code == 1
    assert "auditdesk db init" in result.output
    assert not db_path.exists()


def test_audits_list_and_show_as_json(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo, training=True)
        repo.save_answer(scene.record.uuid, "q1", "yes")
        repo.save_answer(scene.record.uuid, "rep[1]/q2", 4)
        repo.set_audit_status(scene.audit.uuid, AuditStatus.IN_PROGRESS)
    (listed,) = json.loads(run(db_path, "audits", "list", "--json").output)
    assert listed["uuid"] == scene.audit.uuid
    assert (listed["site"], listed["country"], listed["status"], listed["training"]) == (
        "Nairobi annotation centre",
        "KE",
        "in_progress",
        True,
    )
    shown = json.loads(run(db_path, "audits", "show", scene.audit.uuid[:8], "--json").output)
    assert shown["type"] == "semi_announced"
    assert shown["records"] == [
        {
            "uuid": scene.record.uuid,
            "form_id": "worker_interview",
            "form_version": "2026.1",
            "kind": "worker_interview",
            "respondent": "W-01",
            "consent_given": False,
            "status": "draft",
            "answers": 2,
        }
    ]
    text = run(db_path, "audits", "show", scene.audit.uuid)
    assert "W-01" in text.output
    assert "2 answers" in text.output


def test_trail_verify_exits_1_when_history_was_edited(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "wage", 100)
        repo.save_answer(scene.record.uuid, "wage", 90)
    good = run(db_path, "audits", "trail", scene.audit.uuid, "--verify")
    assert good.exit_code == 0
    assert "intact" in good.output
    listing = run(db_path, "audits", "trail", scene.audit.uuid)
    assert "100 → 90" in listing.output
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER trail_entry_no_update")
        connection.execute("UPDATE trail_entry SET new_value_json = '95' WHERE seq = 4")
    broken = run(db_path, "audits", "trail", scene.audit.uuid, "--verify")
    assert broken.exit_code == 1
    assert "BROKEN at entry 4" in broken.output
    assert run(db_path, "db", "check").exit_code == 1


def test_backup_and_restore_commands(db_path: Path, tmp_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
    copy = tmp_path / "copy.sqlite"
    assert run(db_path, "db", "backup", str(copy)).exit_code == 0
    assert run(db_path, "db", "backup", str(copy)).exit_code == 1  # no overwrite
    with open_database(db_path) as repo:
        make_scene(repo)
    restored = run(db_path, "db", "restore", str(copy))
    assert restored.exit_code == 0, restored.output
    assert "previous database was kept" in restored.output
    (only,) = json.loads(run(db_path, "audits", "list", "--json").output)
    assert only["uuid"] == scene.audit.uuid
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("hello")
    refused = run(db_path, "db", "restore", str(bogus))
    assert refused.exit_code == 1
    assert "Traceback" not in refused.output


@pytest.mark.parametrize("how", ["environment", "prompt"])
def test_encrypted_init_then_passphrase_needed(db_path: Path, how: str) -> None:
    if how == "environment":
        created = run(db_path, "db", "init", "--encrypt", env={"AUDITDESK_PASSPHRASE": "s3cret!"})
    else:
        created = run(db_path, "db", "init", "--encrypt", stdin="s3cret!\ns3cret!\n")
    assert created.exit_code == 0, created.output
    assert is_encrypted_file(db_path)
    locked = run(db_path, "audits", "list")
    assert locked.exit_code == 1
    assert "is encrypted" in locked.output
    wrong = run(db_path, "audits", "list", env={"AUDITDESK_PASSPHRASE": "nope"})
    assert "Wrong passphrase for" in wrong.output
    assert "nope" not in wrong.output
    ok = run(db_path, "audits", "list", "--json", env={"AUDITDESK_PASSPHRASE": "s3cret!"})
    assert ok.exit_code == 0
    assert json.loads(ok.output) == []


def test_rekey_command(db_path: Path) -> None:
    run(db_path, "db", "init", "--encrypt", env={"AUDITDESK_PASSPHRASE": "old"})
    changed = run(
        db_path,
        "db",
        "rekey",
        env={"AUDITDESK_PASSPHRASE": "old", "AUDITDESK_NEW_PASSPHRASE": "new"},
    )
    assert changed.exit_code == 0, changed.output
    assert run(db_path, "db", "check", env={"AUDITDESK_PASSPHRASE": "new"}).exit_code == 0
    assert run(db_path, "db", "check", env={"AUDITDESK_PASSPHRASE": "old"}).exit_code == 1
