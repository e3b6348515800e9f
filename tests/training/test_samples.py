"""The bundled sample audits: every answer fits the forms, loading is idempotent, and the
scored result shows what a trainee should find (a mix of results, contradictions, findings
of every severity and a zero-tolerance alert)."""

from __future__ import annotations

import calendar
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from auditdesk.cli import cli
from auditdesk.domain import AuditStatus, RecordKind, RecordStatus
from auditdesk.storage import open_database
from auditdesk.training.case_files import SampleCaseError
from auditdesk.training.samples import (
    RESTORE_REASON,
    BundledForm,
    bundled_forms,
    list_cases,
    load_case,
    read_sample,
    replay_case,
    samples_dir,
)

CASE = "kivuko-nairobi"
WORKER_KINDS = (RecordKind.WORKER_INTERVIEW, RecordKind.WORKER_GROUP_INTERVIEW)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@dataclass(frozen=True)
class Loaded:
    db: Path
    audit_uuid: str
    trail_after_first: int
    trail_after_second: int
    score: dict[str, object]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """The sample loaded twice through the CLI into a fresh database, then scored."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:  # backups go under the data folder
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.delenv("AUDITDESK_PASSPHRASE", raising=False)
        db = home / "practice.sqlite"
        first = run("--db", str(db), "samples", "load", CASE)
        assert first.exit_code == 0, first.output
        audit_uuid = re.search(r"training audit ([0-9a-f-]{36})", first.output)
        assert audit_uuid is not None, first.output
        with open_database(db, daily_backup=False) as repo:
            trail_after_first = len(repo.list_trail(audit_uuid.group(1)))
        second = run("samples", "load", "--db", str(db))  # all cases, local --db
        assert second.exit_code == 0, second.output
        with open_database(db, daily_backup=False) as repo:
            trail_after_second = len(repo.list_trail(audit_uuid.group(1)))
        scored = run("--db", str(db), "score", audit_uuid.group(1), "--json")
        assert scored.exit_code == 0, scored.output
        yield Loaded(
            db,
            audit_uuid.group(1),
            trail_after_first,
            trail_after_second,
            json.loads(scored.output),
        )


@pytest.fixture(scope="module")
def forms() -> dict[str, BundledForm]:
    """The bundled checklists the case uses, loaded once (pyxform takes a while)."""
    return bundled_forms(read_sample(CASE))


def test_every_record_replays_through_its_form_without_a_refusal(
    forms: dict[str, BundledForm],
) -> None:
    case = read_sample(CASE)
    replayed = replay_case(case, forms)
    by_kind = {kind: [r for r in replayed if r.record.kind is kind] for kind in RecordKind}
    consented = [r for r in by_kind[RecordKind.WORKER_INTERVIEW] if r.consent_given]
    assert len(consented) >= 8
    assert by_kind[RecordKind.WORKER_GROUP_INTERVIEW]
    review = by_kind[RecordKind.DOCUMENT_REVIEW][0]
    assert review.repeats["payroll/payslip"] >= 6
    # Some payslips fall below the minimum once unpaid task time counts.
    assert float(str(review.answers["payroll/share_below_minimum"])) > 0


def test_a_case_answer_the_form_refuses_is_reported_with_file_and_question(
    tmp_path: Path, forms: dict[str, BundledForm]
) -> None:
    copy = tmp_path / CASE
    shutil.copytree(samples_dir() / CASE, copy)
    answers_file = copy / "records" / "W-01.json"
    answers = json.loads(answers_file.read_text())
    answers["weekly_hours"] = 500  # outside the form's constraint
    answers["favourite_colour"] = "blue"  # no such question
    answers_file.write_text(json.dumps(answers))
    case = read_sample(CASE, tmp_path)

    with pytest.raises(SampleCaseError) as raised:
        replay_case(case, forms)

    message = str(raised.value)
    assert "W-01.json" in message
    assert "weekly_hours" in message
    assert "500" in message
    assert "favourite_colour" in message


def test_a_broken_case_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / CASE
    shutil.copytree(samples_dir() / CASE, copy)
    answers_file = copy / "records" / "management_interview.json"
    answers = json.loads(answers_file.read_text())
    answers["overtime_voluntary"] = "maybe"
    answers_file.write_text(json.dumps(answers))

    with open_database(tmp_path / "db.sqlite", daily_backup=False) as repo:
        with pytest.raises(SampleCaseError, match="overtime_voluntary"):
            load_case(repo, CASE, samples_folder=tmp_path)
        assert repo.list_audits() == []


def test_loading_twice_leaves_one_training_audit_and_writes_nothing_new(loaded: Loaded) -> None:
    with open_database(loaded.db, daily_backup=False) as repo:
        audits = repo.list_audits()
        records = repo.list_form_records(loaded.audit_uuid)
        attachments = repo.list_audit_attachments(loaded.audit_uuid)
        snapshots = repo.list_form_snapshots(loaded.audit_uuid)
    # The second load installed every bundled case: one audit each, all training.
    assert sorted(audit.uuid for audit in audits) == sorted(c.audit_uuid for c in list_cases())
    assert all(audit.training for audit in audits)
    case = read_sample(CASE)
    assert len(records) == len(case.records)
    assert all(record.status is RecordStatus.COMPLETED for record in records)
    assert len(attachments) == sum(len(record.attachments) for record in case.records)
    assert {snapshot.form_id for snapshot in snapshots} == {r.form_id for r in records}
    assert loaded.trail_after_second == loaded.trail_after_first


def test_loading_again_restores_a_changed_answer_with_a_reason(tmp_path: Path) -> None:
    with open_database(tmp_path / "db.sqlite", daily_backup=False) as repo:
        audit_uuid = load_case(repo, CASE)
        management = next(
            r
            for r in repo.list_form_records(audit_uuid)
            if r.kind is RecordKind.MANAGEMENT_INTERVIEW
        )
        path = "hours/overtime_voluntary"
        original = repo.get_answers(management.uuid)[path]
        repo.save_answer(management.uuid, path, "no", reason="trainee edit")

        assert load_case(repo, CASE) == audit_uuid

        assert repo.get_answers(management.uuid)[path] == original
        assert repo.list_trail(audit_uuid)[-1].reason == RESTORE_REASON
        assert len(repo.list_audits()) == 1


def test_loading_a_signed_sample_again_changes_nothing(tmp_path: Path) -> None:
    with open_database(tmp_path / "db.sqlite", daily_backup=False) as repo:
        audit_uuid = load_case(repo, CASE)
        repo.set_audit_status(audit_uuid, AuditStatus.SIGNED)
        trail = len(repo.list_trail(audit_uuid))

        assert load_case(repo, CASE) == audit_uuid

        assert repo.get_audit(audit_uuid).status is AuditStatus.SIGNED
        assert len(repo.list_trail(audit_uuid)) == trail


def test_the_worker_who_declined_consent_has_only_the_consent_answer(loaded: Loaded) -> None:
    with open_database(loaded.db, daily_backup=False) as repo:
        workers = [
            record
            for record in repo.list_form_records(loaded.audit_uuid)
            if record.kind is RecordKind.WORKER_INTERVIEW
        ]
        declined = [record for record in workers if not record.consent_given]
        assert len(declined) == 1
        assert repo.get_answers(declined[0].uuid) == {"consent": "no"}
        assert repo.list_attachments(declined[0].uuid) == []
        assert sum(record.consent_given for record in workers) >= 8


def test_the_document_review_takes_its_wage_benchmarks_from_the_site_profile(
    loaded: Loaded,
) -> None:
    with open_database(loaded.db, daily_backup=False) as repo:
        records = {r.kind: r for r in repo.list_form_records(loaded.audit_uuid)}
        profile = repo.get_answers(records[RecordKind.SITE_PROFILE].uuid)
        review = repo.get_answers(records[RecordKind.DOCUMENT_REVIEW].uuid)
    assert review["payroll/site_minimum_wage_hourly"] == profile["wages/minimum_wage_hourly"]
    assert review["payroll/site_living_wage_hourly"] == profile["wages/living_wage_hourly"]
    assert review["payroll/site_currency"] == profile["wages/currency"]


def test_the_scored_sample_shows_a_realistic_mix(loaded: Loaded) -> None:
    score = loaded.score
    criteria = score["criteria"]
    assert isinstance(criteria, list)
    results = {criterion["result"] for criterion in criteria}
    assert "compliant" in results
    assert results & {"partly", "non_compliant"}
    assert "not_assessed" in results
    compliant = sum(criterion["result"] == "compliant" for criterion in criteria)
    assert compliant > len(criteria) / 2  # a realistic site gets many things right
    assert any(criterion["contradictions"] for criterion in criteria)
    findings = score["findings"]
    assert isinstance(findings, list)
    assert {finding["severity"] for finding in findings} == {"critical", "major", "minor"}
    alerts = score["alerts"]
    assert isinstance(alerts, list)
    assert alerts
    critical = {f["criterion"] for f in findings if f["severity"] == "critical"}
    assert {alert["criterion"] for alert in alerts} == critical
    assert score["rating_capped"] is True
    # Drawn pictures are linked to the findings they evidence.
    assert any(finding["attachments"] for finding in findings if finding["criterion"] in critical)


# Capitalised words allowed in worker records' free text: organisations, tools, languages, dates.
_ALLOWED_WORDS = {"Tuvuke", "Staffing", "Kivuko", "ReviewDesk", "Saturdays", "English", "Swahili"}
_ALLOWED_WORDS |= set(calendar.day_name) | set(calendar.month_name[1:])


def test_workers_appear_only_as_codes(loaded: Loaded) -> None:
    with open_database(loaded.db, daily_backup=False) as repo:
        records = repo.list_form_records(loaded.audit_uuid)
        for record in records:
            assert re.fullmatch(r"[A-Z]-\d{2}", record.respondent_code)
            if record.kind not in WORKER_KINDS:
                continue
            document = repo.load_instance(record.uuid)
            answers = document["answers"]
            code = answers.get("respondent/respondent_code") or answers.get("setup/group_code")
            assert code in (None, record.respondent_code)
            notes = document.get("notes")
            texts = [v for v in answers.values() if isinstance(v, str) and " " in v]
            texts += list(notes.values()) if isinstance(notes, dict) else []
            for text in texts:
                # A capitalised word inside a sentence could be a name: only known ones pass.
                inner = re.findall(r"(?<=[a-z,;] )[A-Z][a-z]+", text)
                assert set(inner) <= _ALLOWED_WORDS, (record.respondent_code, text)


def test_samples_list_names_the_bundled_case_and_its_audit() -> None:
    listed = run("samples", "list", "--json")
    assert listed.exit_code == 0
    cases = json.loads(listed.output)
    assert [case["id"] for case in cases] == [case.id for case in list_cases()]
    kivuko = next(case for case in cases if case["id"] == CASE)
    assert kivuko["audit_uuid"] == read_sample(CASE).audit.uuid


def test_loading_an_unknown_case_says_which_cases_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "x.sqlite"), "samples", "load", "nope"]
    )
    assert result.exit_code == 1
    assert "no sample case 'nope'" in result.output
    assert CASE in result.output
