"""Area scores, the gated Fairwork rating and the zero-tolerance override."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from method_builders import REPORT_DATE, evidence, record, workers

from auditdesk.domain import Severity
from auditdesk.method.criteria import Criterion, EvidenceSource
from auditdesk.method.evidence import Outcome
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.result import assess_audit
from auditdesk.method.scoring import (
    rate_fairwork,
    score_areas,
    zero_tolerance_alerts,
)
from auditdesk.method.triangulation import CriterionResult


def _result(
    code: str,
    outcome: Outcome,
    *,
    fairwork: tuple[str, ...] = (),
    severity: Severity = Severity.MAJOR,
    verified: bool = True,
) -> CriterionResult:
    criterion = Criterion(
        code=code,
        area=code[0],
        titles={"en": f"Criterion {code}"},
        evidence=(EvidenceSource.DOCUMENTS,),
        severity=severity,
        fairwork=fairwork,
    )
    return CriterionResult(
        criterion=criterion,
        outcome=outcome,
        sources=MappingProxyType({}),
        verified=verified and outcome is Outcome.COMPLIANT,
    )


def test_area_score_counts_partly_as_half_and_leaves_out_na_and_unassessed() -> None:
    results = [
        _result("A1", Outcome.COMPLIANT),
        _result("A2", Outcome.PARTLY),
        _result("A3", Outcome.NON_COMPLIANT),
        _result("A4", Outcome.COMPLIANT),
        _result("A5", Outcome.NOT_APPLICABLE),
        _result("A6", Outcome.NOT_ASSESSED),
        _result("B1", Outcome.NOT_APPLICABLE),
    ]
    areas = {area.code: area for area in score_areas(results)}
    # (1 + 0.5 + 0 + 1) / 4 = 62.5; A5 and A6 are out of the denominator.
    assert areas["A"].score == 62.5
    assert (areas["A"].assessed, areas["A"].not_applicable, areas["A"].not_assessed) == (4, 1, 1)
    # B has only a not-applicable criterion: no score, not 0 and not 100.
    assert areas["B"].score is None
    assert areas["L"].score is None
    assert [area.code for area in score_areas(results)] == list("ABCDEFGHIJKL")


def test_the_advanced_point_needs_the_basic_one() -> None:
    results = [
        # Principle 1: both met → 2 points.
        _result("A1", Outcome.COMPLIANT, fairwork=("1.1",)),
        _result("A2", Outcome.COMPLIANT, fairwork=("1.2",)),
        # Principle 2: basic fails, advanced would pass → gated, 0 points.
        _result("B1", Outcome.NON_COMPLIANT, fairwork=("2.1",)),
        _result("E1", Outcome.COMPLIANT, fairwork=("2.2",)),
        # Principle 3: basic met, advanced partly → 1 point.
        _result("C1", Outcome.COMPLIANT, fairwork=("3.1",)),
        _result("C2", Outcome.PARTLY, fairwork=("3.2",)),
        # Principle 4: the only criterion compliant on management's word → no point.
        _result("D1", Outcome.COMPLIANT, fairwork=("4.1",), verified=False),
        # Principle 5: basic has a compliant and an unassessed criterion → no point.
        _result("G1", Outcome.COMPLIANT, fairwork=("5.1",)),
        _result("G4", Outcome.NOT_ASSESSED, fairwork=("5.1",)),
    ]
    rating = rate_fairwork(results)
    by_code = {threshold.code: threshold for threshold in rating.thresholds}
    assert rating.points == rating.score == 3
    assert by_code["2.2"].gated
    assert not by_code["2.2"].met
    assert by_code["3.2"].blocking == ("C2",)
    assert by_code["4.1"].blocking == ("D1",)
    assert by_code["5.1"].blocking == ("G4",)
    assert not by_code["4.2"].met
    assert by_code["4.2"].criteria == ()


def test_not_applicable_criteria_do_not_block_a_point_but_cannot_earn_one_alone() -> None:
    met = rate_fairwork(
        [
            _result("G1", Outcome.COMPLIANT, fairwork=("5.1",)),
            _result("G3", Outcome.NOT_APPLICABLE, fairwork=("5.1",)),
        ]
    )
    assert met.points == 1
    only_na = rate_fairwork([_result("G3", Outcome.NOT_APPLICABLE, fairwork=("5.1",))])
    assert only_na.points == 0


def test_a_critical_breach_raises_an_alert_and_caps_the_rating() -> None:
    results = [
        _result("A1", Outcome.COMPLIANT, fairwork=("1.1",)),
        _result("A2", Outcome.COMPLIANT, fairwork=("1.2",)),
        _result("J2", Outcome.NON_COMPLIANT, severity=Severity.CRITICAL),
        _result("J1", Outcome.PARTLY, severity=Severity.CRITICAL),
        _result("B2", Outcome.NON_COMPLIANT, severity=Severity.MAJOR),
    ]
    alerts = zero_tolerance_alerts(results)
    # Only the critical *non-compliant* criterion alerts: not the partly one, not the major.
    assert [alert.criterion for alert in alerts] == ["J2"]

    capped = rate_fairwork(results, alerts)
    assert (capped.points, capped.score, capped.capped) == (2, 0, True)

    lenient = rate_fairwork(results, alerts, ScoringPolicy(critical_rating_cap=1))
    assert (lenient.points, lenient.score, lenient.capped) == (2, 1, True)

    no_alert = rate_fairwork(results, ())
    assert (no_alert.score, no_alert.capped) == (2, False)


def test_policy_rejects_impossible_settings() -> None:
    with pytest.raises(ValueError, match="worker_threshold"):
        ScoringPolicy(worker_threshold=1.5)
    with pytest.raises(ValueError, match="critical_rating_cap"):
        ScoringPolicy(critical_rating_cap=11)


def test_end_to_end_alert_comes_first_with_its_evidence() -> None:
    audit = evidence(
        record("site_observation", {"exits_clear": "no", "exits_photo": "exits.jpg"}),
        record("document_review", {"terms_on_file": "yes"}),
        *workers({"got_terms": "yes"}, {"got_terms": "yes"}),
    )
    assessed = assess_audit(audit, report_date=REPORT_DATE)
    assert [alert.criterion for alert in assessed.alerts] == ["F1"]
    assert "“Are the exits free and marked?”: No" in assessed.alerts[0].evidence[0]
    # C1 (3.1) is met and verified, so 1 point is earned, but the alert caps it to 0.
    assert (assessed.rating.points, assessed.rating.score) == (1, 0)
    payload = assessed.to_json()
    assert payload["alerts"][0]["criterion"] == "F1"
    assert payload["rating"] == 0
    assert payload["rating_points_before_cap"] == 1
