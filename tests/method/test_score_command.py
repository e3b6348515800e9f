"""``auditdesk score``: a stored audit scored end to end, as text and as JSON."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from method_builders import DOCUMENTS, MANAGEMENT, OBSERVATION, WORKER

from auditdesk.cli import main
from auditdesk.domain import (
    Audit,
    AuditType,
    Finding,
    FormRecord,
    RecordKind,
    Severity,
    Site,
    new_uuid,
)
from auditdesk.storage import open_database

FORMS = {
    "management_interview": (MANAGEMENT, RecordKind.MANAGEMENT_INTERVIEW),
    "worker_interview": (WORKER, RecordKind.WORKER_INTERVIEW),
    "document_review": (DOCUMENTS, RecordKind.DOCUMENT_REVIEW),
    "site_observation": (OBSERVATION, RecordKind.SITE_OBSERVATION),
}


@pytest.fixture
def stored_audit(tmp_path: Path) -> tuple[Path, str]:
    """A small audit in a real database: a contradiction, a critical breach, a withdrawal."""
    db = tmp_path / "audit.sqlite"
    audit_uuid = new_uuid()
    with open_database(db, daily_backup=False) as repo:
        site = repo.add_site(Site(new_uuid(), "Acme Labelling", "Nairobi hub", "KE"))
        repo.add_audit(
            Audit(
                audit_uuid,
                site.uuid,
                AuditType.ANNOUNCED,
                started_on=datetime.date(2025, 2, 27),
                ended_on=datetime.date(2025, 3, 1),
            )
        )
        snapshots = {
            form_id: repo.add_form_snapshot(
                audit_uuid,
                form_id=form_id,
                version="1",
                filename=f"{form_id}.md",
                content=text.encode(),
            )
            for form_id, (text, _) in FORMS.items()
        }

        def add(form_id: str, answers: dict, code: str = "") -> str:
            record = repo.add_form_record(
                FormRecord(
                    uuid=new_uuid(),
                    audit_uuid=audit_uuid,
                    form_id=form_id,
                    form_version="1",
                    kind=FORMS[form_id][1],
                    respondent_code=code,
                    consent_given=True,
                    snapshot_id=snapshots[form_id].id,
                )
            )
            for path, value in answers.items():
                repo.save_answer(record.uuid, path, value)
            return record.uuid

        add("management_interview", {"overtime_voluntary": "yes"})
        for number in range(8):
            refuses = number < 3
            add(
                "worker_interview",
                {"can_refuse_overtime": "no" if refuses else "yes", "got_terms": "yes"},
                code=f"W-{number + 1:02d}",
            )
        add(
            "document_review",
            {"minimum": 15.0, "payslip[1]/hourly": 14.0, "terms_on_file": "yes"},
        )
        observation = add("site_observation", {"exits_clear": "no"})
        repo.add_attachment(observation, "exits_photo", "exits.jpg", "image/jpeg", b"\xff\xd8")
        withdrawn = Finding(
            uuid=new_uuid(),
            audit_uuid=audit_uuid,
            criterion_code="A1",
            severity=Severity.MAJOR,
            title="",
            derived=True,
        )
        repo.add_finding(withdrawn)
        repo.withdraw_finding(withdrawn.uuid, "Trainee rate allowed by the sector agreement")
    return db, audit_uuid


def test_score_json_follows_the_contract(stored_audit, capsys) -> None:
    db, audit_uuid = stored_audit
    assert main(["--db", str(db), "score", audit_uuid, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)

    areas = {area["code"]: area for area in payload["areas"]}
    assert set(areas) == set("ABCDEFGHIJKL")
    assert areas["B"] == {**areas["B"], "name": "Working time and intensity", "score": 0.0}
    assert areas["C"]["score"] == 100.0
    assert areas["D"]["score"] is None

    # C1 earns 3.1 (documents and workers agree) but the blocked exits cap the rating.
    assert payload["rating"] == 0
    assert payload["rating_points_before_cap"] == 1
    assert [alert["criterion"] for alert in payload["alerts"]] == ["F1"]

    criteria = {c["code"]: c for c in payload["criteria"]}
    assert criteria["B2"]["result"] == "non_compliant"
    assert criteria["B2"]["sources"] == {"management": "compliant", "workers": "non_compliant"}
    assert "3 of 8 interviewed workers (38%)" in criteria["B2"]["contradictions"][0]

    findings = {f["criterion"]: f for f in payload["findings"]}
    assert findings["F1"] == {
        **findings["F1"],
        "severity": "critical",
        "due": "2025-03-08",
        "status": "open",
    }
    assert findings["F1"]["attachments"][0]["filename"] == "exits.jpg"
    assert findings["B2"]["due"] == "2025-03-15"
    assert findings["A1"]["status"] == "withdrawn"
    assert findings["A1"]["withdrawn_reason"] == "Trainee rate allowed by the sector agreement"


def test_score_text_shows_alerts_first_then_rating_areas_findings(stored_audit, capsys) -> None:
    db, audit_uuid = stored_audit
    assert main(["--db", str(db), "score", audit_uuid]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ZERO-TOLERANCE ALERTS")
    assert out.index("Rating: 0/10") < out.index("Areas") < out.index("Findings")
    assert "capped by the zero-tolerance alert; 1 before the cap" in out
    assert "plan by 2025-03-08, verify by 2025-03-31" in out
    assert "withdrawn: Trainee rate allowed by the sector agreement" in out


def test_site_facing_json_has_no_respondent_codes(stored_audit, capsys) -> None:
    db, audit_uuid = stored_audit
    assert main(["--db", str(db), "score", audit_uuid, "--json", "--site-facing"]) == 0
    out = capsys.readouterr().out
    assert "W-0" not in out


def test_unknown_audit_is_a_clear_error(stored_audit, capsys) -> None:
    db, _ = stored_audit
    assert main(["--db", str(db), "score", "no-such-audit"]) == 1
    err = capsys.readouterr().err
    assert "no-such-audit" in err
    assert "Traceback" not in err


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["--db", str(tmp_path / "none.sqlite"), "score", "x"]) == 1
    assert "no database" in capsys.readouterr().err.lower()


def test_score_accepts_the_start_of_a_uuid_like_other_commands(stored_audit, capsys) -> None:
    db, audit_uuid = stored_audit
    assert main(["--db", str(db), "score", audit_uuid[:8], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rating"] == 0
