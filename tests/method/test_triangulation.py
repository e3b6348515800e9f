"""Per-source judgements and their triangulation into one result per criterion."""

from __future__ import annotations

from method_builders import REPORT_DATE, evidence, record, workers

from auditdesk.method.criteria import EvidenceSource
from auditdesk.method.evidence import Outcome
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.result import assess_audit

REFUSE = {"can_refuse_overtime": "no", "overtime_story": "My bonus was cut when I said no"}
ACCEPT = {"can_refuse_overtime": "yes"}


def _management(**answers: str):
    return record("management_interview", {"overtime_voluntary": "yes", **answers}, code="M-01")


def test_workers_over_threshold_contradict_management_and_make_it_non_compliant() -> None:
    # 3 of 8 workers (37.5 %) cannot refuse overtime: at or over the default 20 %.
    audit = evidence(_management(), *workers(*[REFUSE] * 3, *[ACCEPT] * 5))
    result = assess_audit(audit, report_date=REPORT_DATE).result_for("B2")

    assert result.outcome is Outcome.NON_COMPLIANT
    assert result.sources[EvidenceSource.MANAGEMENT].outcome is Outcome.COMPLIANT
    workers_seen = result.sources[EvidenceSource.WORKERS]
    assert (workers_seen.respondents, workers_seen.non_compliant) == (8, 3)
    assert len(result.contradictions) == 1
    note = result.contradictions[0]
    assert note.claimed_by is EvidenceSource.MANAGEMENT
    assert note.contradicted_by is EvidenceSource.WORKERS
    assert "“Is overtime voluntary?”: Yes" in note.text
    assert "3 of 8 interviewed workers (38%)" in note.text
    assert "“Can you refuse overtime without penalty?”: No" in note.text


def test_an_isolated_report_under_the_threshold_does_not_decide() -> None:
    # 1 of 8 (12.5 %) is under 20 %: compliant, but the dissent stays visible.
    audit = evidence(_management(), *workers(REFUSE, *[ACCEPT] * 7))
    result = assess_audit(audit, report_date=REPORT_DATE).result_for("B2")

    assert result.outcome is Outcome.COMPLIANT
    assert result.contradictions == ()
    assert any("1 of 8 worker interviews (13%)" in note for note in result.notes)


def test_exactly_at_the_threshold_counts_as_non_compliant() -> None:
    audit = evidence(_management(), *workers(REFUSE, *[ACCEPT] * 4))  # 1 of 5 = 20 %
    assert assess_audit(audit, report_date=REPORT_DATE).result_for("B2").outcome is (
        Outcome.NON_COMPLIANT
    )


def test_the_policy_threshold_is_configurable() -> None:
    audit = evidence(_management(), *workers(*[REFUSE] * 3, *[ACCEPT] * 5))
    strict = assess_audit(audit, report_date=REPORT_DATE, policy=ScoringPolicy(0.5))
    assert strict.result_for("B2").outcome is Outcome.COMPLIANT


def test_a_criterion_threshold_overrides_the_policy() -> None:
    # J2 sets worker_threshold 0.1 in its form: 1 of 9 (11 %) is enough, even though
    # the policy default would want half.
    held = {"id_held": "yes"}
    free = {"id_held": "no"}
    audit = evidence(*workers(held, *[free] * 8))
    assessed = assess_audit(audit, report_date=REPORT_DATE, policy=ScoringPolicy(0.5))
    assert assessed.result_for("J2").outcome is Outcome.NON_COMPLIANT


def test_partly_answers_from_workers_make_the_source_partly() -> None:
    mostly = {"paid_on_time": "mostly"}
    always = {"paid_on_time": "always"}
    audit = evidence(
        record("document_review", {"paid_on_schedule": "yes"}),
        *workers(mostly, mostly, always, always),
    )
    result = assess_audit(audit, report_date=REPORT_DATE).result_for("A6")
    assert result.sources[EvidenceSource.WORKERS].outcome is Outcome.PARTLY
    assert result.outcome is Outcome.PARTLY
    # Partly is not a contradiction of "compliant": only a breach is.
    assert result.contradictions == ()


def test_every_repeat_instance_is_judged_on_its_own() -> None:
    docs = record(
        "document_review",
        {"minimum": 15.0, "payslip[1]/hourly": 20.0, "payslip[2]/hourly": 12.5},
    )
    result = assess_audit(evidence(docs), report_date=REPORT_DATE).result_for("A1")
    assert result.outcome is Outcome.NON_COMPLIANT
    failing = [a for a in result.sources[EvidenceSource.DOCUMENTS].answers if a.scored]
    assert [(a.path, a.outcome) for a in failing] == [
        ("payslip[1]/hourly", Outcome.COMPLIANT),
        ("payslip[2]/hourly", Outcome.NON_COMPLIANT),
    ]


def test_a_management_admission_is_taken_at_its_word() -> None:
    audit = evidence(
        record("management_interview", {"overtime_voluntary": "no"}), *workers(ACCEPT, ACCEPT)
    )
    result = assess_audit(audit, report_date=REPORT_DATE).result_for("B2")
    assert result.outcome is Outcome.NON_COMPLIANT
    assert result.contradictions[0].claimed_by is EvidenceSource.WORKERS


def test_compliance_on_management_word_alone_is_unverified() -> None:
    audit = evidence(_management(risk_assessment="yes"))
    result = assess_audit(audit, report_date=REPORT_DATE).result_for("E1")
    assert result.outcome is Outcome.COMPLIANT
    assert not result.verified
    assert result.missing_sources == (EvidenceSource.DOCUMENTS,)

    confirmed = evidence(
        _management(risk_assessment="yes"), record("document_review", {"risk_doc": "yes"})
    )
    assert assess_audit(confirmed, report_date=REPORT_DATE).result_for("E1").verified


def test_not_applicable_and_not_assessed() -> None:
    audit = evidence(_management(union_exists="no"))
    assessed = assess_audit(audit, report_date=REPORT_DATE)
    assert assessed.result_for("G3").outcome is Outcome.NOT_APPLICABLE
    # No record speaks to C1 at all.
    assert assessed.result_for("C1").outcome is Outcome.NOT_ASSESSED
    # A question bound but left unanswered is not assessed, not non-compliant.
    assert assessed.result_for("E1").outcome is Outcome.NOT_ASSESSED


def test_dont_know_is_no_evidence_of_a_breach() -> None:
    # J2 lets a single report decide (threshold 0.1); "don't know" must not be one.
    audit = evidence(*workers({"id_held": "dont_know"}, *[{"id_held": "no"}] * 3))
    assessed = assess_audit(audit, report_date=REPORT_DATE)
    result = assessed.result_for("J2")
    assert result.outcome is Outcome.COMPLIANT
    assert result.sources[EvidenceSource.WORKERS].respondents == 3
    assert assessed.alerts == ()

    literal = assess_audit(audit, report_date=REPORT_DATE, policy=ScoringPolicy(unknown_answers=()))
    assert literal.result_for("J2").outcome is Outcome.NON_COMPLIANT
