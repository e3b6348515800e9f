"""The training case pack: every bundled case replays through its forms, scores with a
realistic mix, and comes with a brief for trainees (PDF) whose role-play scripts match
the case's interviewees and which leaves the reference audit's results out."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from training_scene import run

from auditdesk.domain import RecordKind
from auditdesk.method.stored_audit import assess_stored_audit
from auditdesk.storage import open_database
from auditdesk.training.case_brief import read_brief
from auditdesk.training.case_files import SampleCaseError
from auditdesk.training.samples import (
    bundled_forms,
    list_cases,
    load_case,
    read_sample,
    replay_case,
    samples_dir,
)

CASES = [case.id for case in list_cases()]


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pack_has_two_cases_in_different_countries_and_work() -> None:
    cases = [read_sample(case_id) for case_id in CASES]
    assert len(cases) >= 2
    assert len({case.site.country for case in cases}) == len(cases)
    assert len({case.site.sector for case in cases}) == len(cases)


def test_the_cebu_case_replays_and_scores_with_a_mix_of_results_and_severities(
    tmp_path: Path,
) -> None:
    case = read_sample("tala-cebu")
    replayed = replay_case(case, bundled_forms(case))  # raises on any refused answer
    kinds = Counter(r.record.kind for r in replayed if r.consent_given)
    assert kinds[RecordKind.WORKER_INTERVIEW] + kinds[RecordKind.WORKER_GROUP_INTERVIEW] >= 8

    with open_database(tmp_path / "db.sqlite", daily_backup=False) as repository:
        audit_uuid = load_case(repository, "tala-cebu")
        assessment = assess_stored_audit(repository, audit_uuid, today=datetime.date(2027, 3, 1))

    severities = Counter(f.severity.value for f in assessment.findings)
    assert set(severities) == {"critical", "major", "minor"}
    assert {alert.criterion for alert in assessment.alerts} == {"D4", "J3"}
    results = Counter(r.outcome.value for r in assessment.criteria)
    assert results["compliant"] >= 20
    assert results["not_applicable"]
    assert results["not_assessed"]
    contradicted = [f.criterion for f in assessment.findings if f.contradictions]
    assert {"A1", "B4", "C2"} <= set(contradicted)


@pytest.mark.parametrize("case_id", CASES)
def test_every_case_brief_has_a_script_per_interviewee_and_no_answer_key(
    case_id: str, tmp_path: Path
) -> None:
    brief = read_brief(case_id)
    interviewees = {
        r.respondent
        for r in brief.case.records
        if r.kind
        in (
            RecordKind.MANAGEMENT_INTERVIEW,
            RecordKind.WORKER_INTERVIEW,
            RecordKind.WORKER_GROUP_INTERVIEW,
        )
    }
    assert {script.respondent for script in brief.scripts} == interviewees
    assert any(document.kind == "payslip" for document in brief.documents)

    output = tmp_path / "brief.pdf"
    made = run("training", "brief", case_id, "-o", str(output))
    assert made.exit_code == 0, made.output
    text = pdf_text(output)
    assert "CASE BRIEF FOR TRAINEES" in text
    assert "Interview role-play scripts" in text
    for code in interviewees:
        assert f"{code}\n" in text or f"{code} " in text, code
    assert text.count("role-play script · not for trainees") == len(brief.scripts)

    trainee_only = tmp_path / "trainee.pdf"
    assert run("training", "brief", case_id, "-o", str(trainee_only), "--part", "trainee")
    pack = pdf_text(trainee_only)
    assert "What you hide" not in pack
    for key_word in ("non-compliant", "Zero-tolerance", "critical"):
        assert key_word not in pack


def test_payslip_excerpts_come_from_the_case_payroll_sample(tmp_path: Path) -> None:
    brief = read_brief("tala-cebu")
    p05 = next(d for d in brief.documents if "P-05" in d.title)
    lines = {line.label: line.amount for line in p05.payslip_lines}
    # P-05 in the document review: gross 9,100, no tax, a 450 payout fee.
    assert lines["Gross pay"] == 9100
    assert lines["E-wallet payout fee"] == 450
    assert lines["Net pay"] == 8650
    assert p05.currency == "PHP"
    w03 = next(s for s in brief.scripts if s.respondent == "W-03")
    assert "Independent contractor" in w03.profile
    assert "At home" in w03.profile


def test_a_script_for_nobody_in_the_case_is_refused_with_file_and_key(tmp_path: Path) -> None:
    shutil.copytree(samples_dir() / "tala-cebu", tmp_path / "tala-cebu")
    brief_file = tmp_path / "tala-cebu" / "brief.json"
    brief = json.loads(brief_file.read_text(encoding="utf-8"))
    brief["roleplay"][1]["respondent"] = "W-99"
    brief_file.write_text(json.dumps(brief), encoding="utf-8")

    with pytest.raises(SampleCaseError) as raised:
        read_brief("tala-cebu", samples_folder=tmp_path)

    assert "brief.json: roleplay[1].respondent" in str(raised.value)
    assert "W-99" in str(raised.value)


def test_an_unknown_case_is_a_plain_error(tmp_path: Path) -> None:
    result = run("training", "brief", "atlantis", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "no sample case 'atlantis'" in result.output
