"""The repository hands out domain objects and keeps every answer as given."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from storage_scene import Scene, make_scene

from auditdesk.domain import (
    AuditorProfile,
    AuditStatus,
    CapStatus,
    CorrectiveAction,
    Finding,
    FindingStatus,
    FormRecord,
    RecordKind,
    RecordStatus,
    Severity,
    new_uuid,
)
from auditdesk.storage import ChangeRefusedError, RecordNotFoundError, Repository, open_database


def test_typed_answers_come_back_exactly_as_saved(repo: Repository, scene: Scene) -> None:
    values = {
        "age": 27,
        "hourly_wage": 2.75,
        "languages": ["sw", "en"],
        "shift_start": "2026-03-02",
        "interviewed_at": "2026-03-02T09:15:00+03:00",
        "photo": "attachment:1f0c.jpg",
        "rep[1]/task": "content moderation",
        "outer[2]/inner[1]/q": "yes",
        "notes": "Paie en retard — « souvent »",
    }
    for path, value in values.items():
        saved = repo.save_answer(scene.record.uuid, path, value)
        assert saved.changed
        assert saved.value == value
    assert repo.get_answers(scene.record.uuid) == values


def test_reopened_database_still_has_the_answers(db_path: Path) -> None:
    with open_database(db_path) as repo:
        scene = make_scene(repo)
        repo.save_answer(scene.record.uuid, "q", "kept")
    with open_database(db_path) as repo:
        assert repo.get_answers(scene.record.uuid) == {"q": "kept"}


def test_unchanged_answer_writes_no_trail_entry(repo: Repository, scene: Scene) -> None:
    first = repo.save_answer(scene.record.uuid, "q", 3)
    again = repo.save_answer(scene.record.uuid, "q", 3)
    assert first.changed
    assert not again.changed
    assert again.trail_seq is None
    assert len([e for e in repo.list_trail(scene.audit.uuid) if e.path == "q"]) == 1


def test_clearing_an_answer_removes_it_and_is_traced(repo: Repository, scene: Scene) -> None:
    repo.save_answer(scene.record.uuid, "q", "yes")
    repo.save_answer(scene.record.uuid, "q", None)
    assert repo.get_answers(scene.record.uuid) == {}
    last = repo.list_trail(scene.audit.uuid)[-1]
    assert (last.old_value, last.new_value) == ("yes", None)


def test_instance_round_trip_with_repeats(repo: Repository, scene: Scene) -> None:
    instance = {
        "form_id": "worker_interview",
        "version": "2026.1",
        "answers": {"consent": "yes", "rep[1]/q": "a", "rep[2]/q": "b"},
        "repeats": {"rep": 2},
    }
    assert repo.save_instance(scene.record.uuid, instance) == 3  # type: ignore[arg-type]
    assert repo.load_instance(scene.record.uuid) == instance
    # Removing the second repeat instance deletes its answers and traces the removal.
    smaller = {**instance, "answers": {"consent": "yes", "rep[1]/q": "a"}, "repeats": {"rep": 1}}
    assert repo.save_instance(scene.record.uuid, smaller) == 1  # type: ignore[arg-type]
    assert repo.load_instance(scene.record.uuid) == smaller
    assert repo.list_trail(scene.audit.uuid)[-1].old_value == "b"


def test_instance_of_another_form_is_refused(repo: Repository, scene: Scene) -> None:
    other = {"form_id": "site_observation", "version": "1", "answers": {"q": 1}}
    with pytest.raises(ChangeRefusedError, match="site_observation"):
        repo.save_instance(scene.record.uuid, other)  # type: ignore[arg-type]


def test_changing_a_completed_record_needs_a_reason(repo: Repository, scene: Scene) -> None:
    repo.save_answer(scene.record.uuid, "wage", 100)
    repo.set_record_status(scene.record.uuid, RecordStatus.COMPLETED, consent_given=True)
    with pytest.raises(ChangeRefusedError, match="reason"):
        repo.save_answer(scene.record.uuid, "wage", 120)
    repo.save_answer(scene.record.uuid, "wage", 120, reason="payslip seen", auditor="B. Auditor")
    entry = repo.list_trail(scene.audit.uuid)[-1]
    assert (entry.old_value, entry.new_value, entry.reason, entry.auditor) == (
        100,
        120,
        "payslip seen",
        "B. Auditor",
    )
    record = repo.get_form_record(scene.record.uuid)
    assert record.consent_given
    assert record.ended_at is not None


def test_resaving_an_unchanged_completed_record_needs_no_reason(
    repo: Repository, scene: Scene
) -> None:
    repo.save_answer(scene.record.uuid, "wage", 100)
    repo.set_record_status(scene.record.uuid, RecordStatus.COMPLETED, consent_given=True)
    unchanged = repo.load_instance(scene.record.uuid)
    assert repo.save_instance(scene.record.uuid, unchanged) == 0
    changed = {**unchanged, "answers": {"wage": 130}}
    with pytest.raises(ChangeRefusedError, match="reason"):
        repo.save_instance(scene.record.uuid, changed)  # type: ignore[arg-type]
    assert repo.get_answers(scene.record.uuid) == {"wage": 100}


def test_signed_audit_answers_are_frozen(repo: Repository, scene: Scene) -> None:
    repo.set_audit_status(scene.audit.uuid, AuditStatus.SIGNED)
    with pytest.raises(ChangeRefusedError, match="signed"):
        repo.save_answer(scene.record.uuid, "q", "late edit", reason="because")
    with pytest.raises(ChangeRefusedError):
        repo.set_audit_status(scene.audit.uuid, AuditStatus.IN_PROGRESS)
    assert repo.set_audit_status(scene.audit.uuid, AuditStatus.ARCHIVED).status is (
        AuditStatus.ARCHIVED
    )


def test_status_change_is_in_the_trail(repo: Repository, scene: Scene) -> None:
    repo.set_audit_status(scene.audit.uuid, AuditStatus.IN_PROGRESS, auditor="Lead")
    entry = repo.list_trail(scene.audit.uuid)[-1]
    assert (entry.kind.value, entry.old_value, entry.new_value, entry.auditor) == (
        "audit_status",
        "draft",
        "in_progress",
        "Lead",
    )


def test_respondents_get_anonymous_codes_and_names_are_refused(
    repo: Repository, scene: Scene
) -> None:
    second = repo.add_form_record(
        FormRecord(new_uuid(), scene.audit.uuid, "wi", "1", RecordKind.WORKER_INTERVIEW, "")
    )
    manager = repo.add_form_record(
        FormRecord(new_uuid(), scene.audit.uuid, "mi", "1", RecordKind.MANAGEMENT_INTERVIEW, "")
    )
    assert (scene.record.respondent_code, second.respondent_code) == ("W-01", "W-02")
    assert manager.respondent_code == "M-01"
    with pytest.raises(ChangeRefusedError, match="never named"):
        repo.add_form_record(
            FormRecord(
                new_uuid(), scene.audit.uuid, "wi", "1", RecordKind.WORKER_INTERVIEW, "Mary Wanjiku"
            )
        )


def test_no_column_could_hold_a_worker_name(db_path: Path, repo: Repository) -> None:
    columns = {
        (table, row[1])
        for (table,) in sqlite3.connect(db_path).execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        for row in sqlite3.connect(db_path).execute(f"PRAGMA table_info({table})")
    }
    named = {(t, c) for t, c in columns if "name" in c and t in ("form_record", "answer")}
    assert named == set()


def test_form_snapshots_keep_the_exact_bytes(repo: Repository, scene: Scene) -> None:
    content = b"PK\x03\x04 not really an xlsx \x00\xff"
    snap = repo.add_form_snapshot(
        scene.audit.uuid, form_id="wi", version="2026.1", filename="wi.xlsx", content=content
    )
    again = repo.add_form_snapshot(
        scene.audit.uuid, form_id="wi", version="2026.1", filename="wi.xlsx", content=content
    )
    assert again.id == snap.id
    (stored,) = repo.list_form_snapshots(scene.audit.uuid)
    assert stored.content == content
    assert len(stored.sha256) == 64
    assert repo.get_form_snapshot(snap.id).version == "2026.1"


def test_attachments_are_kept_with_checksum(repo: Repository, scene: Scene) -> None:
    photo = bytes(range(256)) * 40
    attachment = repo.add_attachment(
        scene.record.uuid, "rep[1]/photo", "notice.jpg", "image/jpeg", photo, caption="Notice"
    )
    assert repo.get_attachment_content(attachment.uuid) == photo
    (listed,) = repo.list_audit_attachments(scene.audit.uuid)
    assert (listed.question_path, listed.size, listed.caption) == ("rep[1]/photo", 10240, "Notice")
    repo.set_attachment_caption(attachment.uuid, "Wage notice")
    assert repo.list_attachments(scene.record.uuid)[0].caption == "Wage notice"


def test_findings_and_corrective_actions(repo: Repository, scene: Scene) -> None:
    finding = repo.add_finding(
        Finding(
            new_uuid(),
            scene.audit.uuid,
            "C.3",
            Severity.MAJOR,
            "Overtime unpaid",
            evidence="W-01: 'we stay late without pay'",
            derived=True,
            details={"sources": ["worker_interview"]},
        )
    )
    cap = CorrectiveAction(
        new_uuid(), finding.uuid, "Pay overtime", "Site HR", plan_due=date(2026, 4, 1)
    )
    repo.save_corrective_action(cap)
    repo.save_corrective_action(replace(cap, status=CapStatus.IN_PROGRESS))
    assert repo.get_corrective_action(finding.uuid) == replace(cap, status=CapStatus.IN_PROGRESS)
    with pytest.raises(ChangeRefusedError):
        repo.withdraw_finding(finding.uuid, "  ")
    withdrawn = repo.withdraw_finding(finding.uuid, "contradicted by payroll")
    assert withdrawn.status is FindingStatus.WITHDRAWN
    assert repo.list_findings(scene.audit.uuid) == [withdrawn]
    assert repo.list_corrective_actions(scene.audit.uuid)[0].status is CapStatus.IN_PROGRESS
    kinds = [e.kind.value for e in repo.list_trail(scene.audit.uuid)]
    assert kinds[-4:] == ["finding_added", "cap_changed", "cap_changed", "finding_withdrawn"]
    assert repo.list_trail(scene.audit.uuid)[-1].reason == "contradicted by payroll"


def test_audits_list_summaries(repo: Repository) -> None:
    first = make_scene(repo)
    second = make_scene(repo, training=True)
    repo.update_audit(replace(second.audit, started_on=date(2026, 3, 2)))
    summaries = repo.list_audits()
    assert [s.uuid for s in summaries] == [second.audit.uuid, first.audit.uuid]
    assert summaries[0].training
    assert summaries[0].started_on == date(2026, 3, 2)
    assert summaries[1].site == "Nairobi annotation centre"
    assert summaries[1].country == "KE"
    assert repo.count_audits() == 2


def test_profile_settings_and_default_auditor(repo: Repository) -> None:
    assert repo.get_auditor_profile() is None
    repo.save_auditor_profile(AuditorProfile(new_uuid(), "Amina Odhiambo", "Fair Data NGO"))
    scene = make_scene(repo)
    repo.save_answer(scene.record.uuid, "q", 1)
    assert repo.list_trail(scene.audit.uuid)[-1].auditor == "Amina Odhiambo"
    repo.set_setting("backups.keep", 3)
    assert repo.get_setting("backups.keep") == 3
    assert repo.get_setting("missing", "default") == "default"


def test_unknown_things_are_plain_errors(repo: Repository, scene: Scene) -> None:
    with pytest.raises(RecordNotFoundError, match="form record"):
        repo.save_answer("no-such-record", "q", 1)
    with pytest.raises(RecordNotFoundError):
        repo.get_audit("nope")
    assert repo.resolve_audit_uuid(scene.audit.uuid[:8]) == scene.audit.uuid
    with pytest.raises(RecordNotFoundError):
        repo.resolve_audit_uuid("%")
