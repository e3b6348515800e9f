"""Findings from the results, CAP deadlines, and the auditor's edits winning on merge."""

from __future__ import annotations

import datetime

import pytest
from method_builders import REPORT_DATE, evidence, record, workers

from auditdesk.domain import (
    CapStatus,
    CorrectiveAction,
    Finding,
    FindingStatus,
    Severity,
)
from auditdesk.method.evidence import AttachmentRef
from auditdesk.method.findings import NEXT_AUDIT, CapPolicy, FindingOrigin
from auditdesk.method.result import assess_audit

REFUSE = {"can_refuse_overtime": "no", "overtime_story": "My bonus was cut when I said no"}
ACCEPT = {"can_refuse_overtime": "yes"}
PHOTO = AttachmentRef("att-1", "exits.jpg", "Blocked fire exit, 2nd floor")


def _audit():
    return evidence(
        record("management_interview", {"overtime_voluntary": "yes"}, code="M-01"),
        *workers(*[REFUSE] * 3, *[ACCEPT] * 5),
        record(
            "document_review",
            {"minimum": 15.0, "payslip[1]/hourly": 14.0, "weekly_hours": 52},
            notes={"payslip[1]/hourly": "Night-shift payslip, March"},
        ),
        record(
            "site_observation",
            {"exits_clear": "no", "exits_photo": "exits.jpg"},
            notes={"exits_clear": "Boxes stacked against the east exit"},
            attachments={"exits_photo": (PHOTO,)},
        ),
    )


def _findings(**kwargs):
    assessed = assess_audit(_audit(), report_date=REPORT_DATE, **kwargs)
    return {finding.criterion: finding for finding in assessed.findings}, assessed


def test_findings_come_from_non_compliant_and_partly_criteria_ordered_by_severity() -> None:
    findings, assessed = _findings()
    # F1 critical (observation), A1 major (payslip under minimum), B2 major
    # (contradiction), B1 partly (52 h is over 48 but within 60) → one grade lower.
    assert [f.criterion for f in assessed.findings] == ["F1", "A1", "B2", "B1"]
    assert findings["F1"].severity is Severity.CRITICAL
    assert findings["B1"].severity is Severity.MINOR
    assert findings["B2"].contradictions
    assert "3 of 8" in findings["B2"].contradictions[0]
    assert all(f.origin is FindingOrigin.DERIVED for f in assessed.findings)


def test_evidence_is_quoted_with_source_note_and_attachments() -> None:
    findings, _ = _findings()
    exits = findings["F1"]
    quoted = {(a.question, a.answer, a.note) for a in exits.evidence}
    assert ("exits_clear", "No", "Boxes stacked against the east exit") in quoted
    assert exits.attachments == (PHOTO,)

    pay = findings["A1"].evidence
    assert [(a.path, a.answer, a.note) for a in pay] == [
        ("payslip[1]/hourly", "14", "Night-shift payslip, March")
    ]

    overtime = findings["B2"].evidence
    # The three refusing workers' answers and their explanations; none of the five
    # who can refuse, and not management's compliant claim.
    assert {a.respondent_code for a in overtime} == {"W-01", "W-02", "W-03"}
    assert any(a.answer == "My bonus was cut when I said no" for a in overtime)


def test_site_facing_findings_carry_no_respondent_codes() -> None:
    findings, assessed = _findings()
    site = findings["B2"].site_facing()
    assert all(a.respondent_code == "" and a.record_id == "" for a in site.evidence)
    # Non-worker evidence keeps its record reference.
    assert findings["F1"].site_facing().evidence[0].record_id
    text = str(assessed.to_json(confidential=False))
    assert "W-01" not in text
    assert "W-01" in str(assessed.to_json(confidential=True))


def test_default_cap_deadlines_follow_severity() -> None:
    findings, _ = _findings()
    critical, major, minor = findings["F1"].cap, findings["A1"].cap, findings["B1"].cap
    assert (critical.plan_due, critical.verify_due) == (
        datetime.date(2025, 3, 8),
        datetime.date(2025, 3, 31),
    )
    assert (major.plan_due, major.verify_due) == (
        datetime.date(2025, 3, 15),
        datetime.date(2025, 5, 30),
    )
    assert minor.at_next_audit
    assert minor.due == NEXT_AUDIT
    assert critical.status is CapStatus.OPEN
    assert critical.action == "Clear the exits now"
    assert critical.responsible_party == "Site management"


def test_a_custom_cap_policy_changes_the_deadlines() -> None:
    policy = CapPolicy(
        plan_days={Severity.CRITICAL: 3, Severity.MAJOR: 10, Severity.MINOR: 30},
        verify_days={Severity.CRITICAL: 14, Severity.MAJOR: 60, Severity.MINOR: 180},
        responsible_party="Vendor HR",
    )
    findings, _ = _findings(cap_policy=policy)
    assert findings["A1"].cap.plan_due == datetime.date(2025, 3, 11)
    assert findings["A1"].cap.verify_due == datetime.date(2025, 4, 30)
    assert findings["B1"].cap.due == "2025-03-31"
    assert findings["F1"].cap.responsible_party == "Vendor HR"


def test_a_cap_policy_cannot_verify_before_the_plan_is_due() -> None:
    with pytest.raises(ValueError, match="verification"):
        CapPolicy(
            plan_days={Severity.CRITICAL: 7, Severity.MAJOR: 14, Severity.MINOR: None},
            verify_days={Severity.CRITICAL: 5, Severity.MAJOR: 90, Severity.MINOR: None},
        )


def _stored(code: str, **fields) -> Finding:
    base = {
        "uuid": f"f-{code}",
        "audit_uuid": "audit-1",
        "criterion_code": code,
        "severity": Severity.MAJOR,
        "title": "",
        "derived": True,
    }
    base.update(fields)
    return Finding(**base)


def test_stored_edits_withdrawals_and_manual_findings_win_on_merge() -> None:
    stored = [
        # The auditor raised B2 to critical (forced overtime) with own evidence text.
        _stored("B2", severity=Severity.CRITICAL, evidence="Supervisor confirmed threats"),
        # A1 was withdrawn: the payslip was a trainee's, paid under a lawful scheme.
        _stored("A1", status=FindingStatus.WITHDRAWN, withdrawn_reason="Lawful trainee rate"),
        # A manual finding no answer produces.
        _stored("K1", derived=False, severity=Severity.MINOR, title="Webcam always on"),
        # An earlier derived finding the answers no longer support.
        _stored("C1"),
    ]
    actions = [
        CorrectiveAction(
            uuid="cap-B2",
            finding_uuid="f-B2",
            action="End compulsory overtime; written policy",
            status=CapStatus.IN_PROGRESS,
            verification_note="Policy draft seen on 2025-03-05",
        )
    ]
    assessed = assess_audit(
        _audit(), report_date=REPORT_DATE, stored_findings=stored, corrective_actions=actions
    )
    findings = {finding.criterion: finding for finding in assessed.findings}

    overtime = findings["B2"]
    assert overtime.origin is FindingOrigin.EDITED
    assert overtime.severity is Severity.CRITICAL
    assert overtime.evidence_text == "Supervisor confirmed threats"
    assert overtime.evidence  # the derived quotes stay
    assert overtime.cap.plan_due == datetime.date(2025, 3, 8)  # critical deadlines now
    assert overtime.cap.status is CapStatus.IN_PROGRESS
    assert overtime.cap.action == "End compulsory overtime; written policy"
    assert overtime.cap.verification_note == "Policy draft seen on 2025-03-05"

    pay = findings["A1"]
    assert pay.withdrawn
    assert pay.withdrawn_reason == "Lawful trainee rate"

    manual = findings["K1"]
    assert manual.origin is FindingOrigin.MANUAL
    assert manual.title == "Webcam always on"
    assert manual.cap.at_next_audit

    stale = findings["C1"]
    assert not stale.supported
    assert stale.origin is FindingOrigin.EDITED

    # Critical first, withdrawn last.
    order = [f.criterion for f in assessed.findings]
    assert order[:2] == ["B2", "F1"]
    assert order[-1] == "A1"
    json_findings = {f["criterion"]: f for f in assessed.to_json()["findings"]}
    assert json_findings["A1"]["status"] == "withdrawn"
    assert json_findings["B2"]["due"] == "2025-03-08"
