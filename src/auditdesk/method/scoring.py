"""Area scores, the Fairwork-style rating and zero-tolerance alerts.

**Area score (0–100).** Compliant counts 1, partly ½, non-compliant 0; not-applicable
and not-assessed criteria are left out of both numerator and denominator. An area with
nothing assessed has no score (``None``, shown as "not assessed"), never 0 or 100.

**Rating (0–10).** One point per Fairwork threshold (``1.1`` … ``5.2``). A threshold is
met when it has at least one applicable criterion and every applicable criterion
mapped to it is compliant *and verified* (more than management's word). Partly is not
met; a criterion not assessed blocks the point, since Fairwork awards no point without
evidence; a threshold whose criteria are all not applicable or absent earns nothing.
The advanced point ``x.2`` counts only when the basic point ``x.1`` is earned.

**Zero tolerance.** Every critical criterion found non-compliant raises an alert (after
amfori's Zero Tolerance Protocol); alerts are listed before anything else. While any
alert stands the rating shown is capped at ``ScoringPolicy.critical_rating_cap``
(default 0): a site with forced labour does not display 7/10. The points earned before
the cap are kept (``FairworkRating.points``) so a report can say "7 before the cap".
A criterion judged only *partly* compliant raises no alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditdesk.domain import Severity
from auditdesk.method.areas import AREAS, FAIRWORK_PRINCIPLES, FAIRWORK_THRESHOLDS, MAX_RATING
from auditdesk.method.evidence import Outcome
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.triangulation import CriterionResult

_POINTS = {Outcome.COMPLIANT: 1.0, Outcome.PARTLY: 0.5, Outcome.NON_COMPLIANT: 0.0}


@dataclass(frozen=True)
class AreaScore:
    code: str
    score: float | None
    """0–100, one decimal; ``None`` when nothing in the area was assessed."""
    compliant: int = 0
    partly: int = 0
    non_compliant: int = 0
    not_applicable: int = 0
    not_assessed: int = 0

    @property
    def assessed(self) -> int:
        return self.compliant + self.partly + self.non_compliant


def score_areas(results: Sequence[CriterionResult]) -> tuple[AreaScore, ...]:
    """One score per area A–L, in that order, whether or not the forms cover it."""
    scores = []
    for area in AREAS:
        counts = dict.fromkeys(Outcome, 0)
        earned = 0.0
        for result in results:
            if result.area == area.code:
                counts[result.outcome] += 1
                earned += _POINTS.get(result.outcome, 0.0)
        assessed = sum(counts[outcome] for outcome in _POINTS)
        score = round(100 * earned / assessed, 1) if assessed else None
        scores.append(
            AreaScore(
                code=area.code,
                score=score,
                compliant=counts[Outcome.COMPLIANT],
                partly=counts[Outcome.PARTLY],
                non_compliant=counts[Outcome.NON_COMPLIANT],
                not_applicable=counts[Outcome.NOT_APPLICABLE],
                not_assessed=counts[Outcome.NOT_ASSESSED],
            )
        )
    return tuple(scores)


@dataclass(frozen=True)
class ThresholdResult:
    """One Fairwork threshold: met or not, and which criteria stood in the way."""

    code: str
    met: bool
    criteria: tuple[str, ...]
    """Applicable criteria mapped to the threshold."""
    blocking: tuple[str, ...] = ()
    """Criteria that kept the point: not compliant, unverified or not assessed."""
    gated: bool = False
    """An advanced threshold whose own criteria pass but whose basic point was not earned."""


@dataclass(frozen=True)
class FairworkRating:
    points: int
    """Points earned under the gating rule, before any zero-tolerance cap."""
    score: int
    """The rating shown: ``points``, capped while a zero-tolerance alert stands."""
    capped: bool
    thresholds: tuple[ThresholdResult, ...]
    maximum: int = MAX_RATING


def rate_fairwork(
    results: Sequence[CriterionResult],
    alerts: Sequence[ZeroToleranceAlert] = (),
    policy: ScoringPolicy | None = None,
) -> FairworkRating:
    policy = policy or ScoringPolicy()
    own: dict[str, ThresholdResult] = {
        code: _threshold(code, results) for code in FAIRWORK_THRESHOLDS
    }
    thresholds: list[ThresholdResult] = []
    points = 0
    for principle in FAIRWORK_PRINCIPLES:
        basic = own[f"{principle.code}.1"]
        advanced = own[f"{principle.code}.2"]
        if advanced.met and not basic.met:
            advanced = ThresholdResult(
                advanced.code, False, advanced.criteria, advanced.blocking, gated=True
            )
        points += basic.met + advanced.met
        thresholds.extend((basic, advanced))
    capped = bool(alerts) and points > policy.critical_rating_cap
    score = min(points, policy.critical_rating_cap) if alerts else points
    return FairworkRating(points=points, score=score, capped=capped, thresholds=tuple(thresholds))


def _threshold(code: str, results: Sequence[CriterionResult]) -> ThresholdResult:
    mapped = [
        result
        for result in results
        if code in result.criterion.fairwork and result.outcome is not Outcome.NOT_APPLICABLE
    ]
    blocking = tuple(
        result.code
        for result in mapped
        if result.outcome is not Outcome.COMPLIANT or not result.verified
    )
    criteria = tuple(result.code for result in mapped)
    return ThresholdResult(
        code, met=bool(mapped) and not blocking, criteria=criteria, blocking=blocking
    )


@dataclass(frozen=True)
class ZeroToleranceAlert:
    """A critical criterion found non-compliant: shown first, caps the rating."""

    criterion: str
    area: str
    title: str
    evidence: tuple[str, ...]
    """The deciding sources' summaries and any contradiction notes."""


def zero_tolerance_alerts(
    results: Sequence[CriterionResult], language: str = "en"
) -> tuple[ZeroToleranceAlert, ...]:
    alerts = []
    for result in results:
        if result.criterion.severity is not Severity.CRITICAL:
            continue
        if result.outcome is not Outcome.NON_COMPLIANT:
            continue
        evidence = tuple(
            observation.summary
            for observation in result.sources.values()
            if observation.outcome is Outcome.NON_COMPLIANT
        ) + tuple(contradiction.text for contradiction in result.contradictions)
        alerts.append(
            ZeroToleranceAlert(
                criterion=result.code,
                area=result.area,
                title=result.criterion.title(language),
                evidence=tuple(dict.fromkeys(evidence)),
            )
        )
    return tuple(alerts)
