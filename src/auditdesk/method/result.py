"""One call from evidence to a full assessment, and the assessment's JSON form.

``assess_audit`` is what the CLI, the GUI and exports call; the JSON shape (see
:meth:`AuditAssessment.to_json`) is the ``auditdesk score --json`` contract: ``areas``,
``rating``, ``alerts`` (always first in any report), ``criteria`` and ``findings``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditdesk.domain import CorrectiveAction, Finding
from auditdesk.method.areas import MAX_RATING, area_name
from auditdesk.method.criteria import Catalogue
from auditdesk.method.evidence import AnswerEvidence, AuditEvidence, observe
from auditdesk.method.findings import (
    AssessedFinding,
    CapPolicy,
    derive_findings,
    merge_findings,
)
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.scoring import (
    AreaScore,
    FairworkRating,
    ZeroToleranceAlert,
    rate_fairwork,
    score_areas,
    zero_tolerance_alerts,
)
from auditdesk.method.triangulation import CriterionResult, triangulate_all

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class AuditAssessment:
    """Everything the method concludes about one audit."""

    catalogue: Catalogue
    criteria: tuple[CriterionResult, ...]
    areas: tuple[AreaScore, ...]
    rating: FairworkRating
    alerts: tuple[ZeroToleranceAlert, ...]
    findings: tuple[AssessedFinding, ...]
    report_date: datetime.date
    language: str = "en"
    policy: ScoringPolicy = field(default_factory=ScoringPolicy)

    def result_for(self, code: str) -> CriterionResult:
        for result in self.criteria:
            if result.code == code:
                return result
        raise KeyError(f"no criterion {code!r} in this assessment")

    def area(self, code: str) -> AreaScore:
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(f"no area {code!r}")

    def to_json(self, *, confidential: bool = True) -> JsonObject:
        """Plain JSON types only. ``confidential=False`` strips respondent codes."""
        findings = self.findings if confidential else tuple(f.site_facing() for f in self.findings)
        return {
            "report_date": self.report_date.isoformat(),
            "language": self.language,
            "alerts": [_alert_json(alert) for alert in self.alerts],
            "rating": self.rating.score,
            "rating_maximum": MAX_RATING,
            "rating_points_before_cap": self.rating.points,
            "rating_capped": self.rating.capped,
            "fairwork": [
                {
                    "threshold": t.code,
                    "met": t.met,
                    "criteria": list(t.criteria),
                    "blocking": list(t.blocking),
                    "gated": t.gated,
                }
                for t in self.rating.thresholds
            ],
            "areas": [
                {
                    "code": area.code,
                    "name": area_name(area.code, self.language),
                    "score": area.score,
                    "assessed": area.assessed,
                    "compliant": area.compliant,
                    "partly": area.partly,
                    "non_compliant": area.non_compliant,
                    "not_applicable": area.not_applicable,
                    "not_assessed": area.not_assessed,
                }
                for area in self.areas
            ],
            "criteria": [_criterion_json(result, self.language) for result in self.criteria],
            "findings": [_finding_json(finding, confidential) for finding in findings],
        }


def _alert_json(alert: ZeroToleranceAlert) -> JsonObject:
    return {
        "criterion": alert.criterion,
        "area": alert.area,
        "title": alert.title,
        "evidence": list(alert.evidence),
    }


def _criterion_json(result: CriterionResult, language: str) -> JsonObject:
    return {
        "code": result.code,
        "area": result.area,
        "title": result.criterion.title(language),
        "severity": result.criterion.severity.value,
        "result": result.outcome.value,
        "verified": result.verified,
        "sources": {source.value: obs.outcome.value for source, obs in result.sources.items()},
        "source_summaries": {source.value: obs.summary for source, obs in result.sources.items()},
        "missing_sources": [source.value for source in result.missing_sources],
        "contradictions": [c.text for c in result.contradictions],
        "notes": list(result.notes),
        "fairwork": list(result.criterion.fairwork),
    }


def _finding_json(finding: AssessedFinding, confidential: bool) -> JsonObject:
    cap = finding.cap
    return {
        "criterion": finding.criterion,
        "area": finding.area,
        "severity": finding.severity.value,
        "title": finding.title,
        "origin": finding.origin.value,
        "status": finding.status.value,
        "withdrawn_reason": finding.withdrawn_reason,
        "supported": finding.supported,
        "uuid": finding.uuid,
        "result": finding.result.value if finding.result else None,
        "due": cap.due,
        "cap": {
            "action": cap.action,
            "responsible_party": cap.responsible_party,
            "plan_due": cap.plan_due.isoformat() if cap.plan_due else None,
            "verify_due": cap.verify_due.isoformat() if cap.verify_due else None,
            "at_next_audit": cap.at_next_audit,
            "status": cap.status.value,
            "verification_note": cap.verification_note,
        },
        "contradictions": list(finding.contradictions),
        "evidence_text": finding.evidence_text,
        "evidence": [_answer_json(answer, confidential) for answer in finding.evidence],
        "attachments": [
            {"uuid": ref.uuid, "filename": ref.filename, "caption": ref.caption}
            for ref in finding.attachments
        ],
    }


def _answer_json(answer: AnswerEvidence, confidential: bool) -> JsonObject:
    quoted: JsonObject = {
        "source": answer.source.value,
        "form_id": answer.form_id,
        "question": answer.question,
        "label": answer.label,
        "answer": answer.answer,
        "note": answer.note,
        "outcome": answer.outcome.value,
        "group": answer.group,
    }
    if confidential:
        quoted["respondent_code"] = answer.respondent_code
        quoted["record_id"] = answer.record_id
    return quoted


def assess_audit(
    evidence: AuditEvidence,
    *,
    report_date: datetime.date,
    policy: ScoringPolicy | None = None,
    cap_policy: CapPolicy | None = None,
    stored_findings: Sequence[Finding] = (),
    corrective_actions: Iterable[CorrectiveAction] = (),
    language: str = "en",
    clock: datetime.datetime | None = None,
) -> AuditAssessment:
    """Score an audit: triangulate, score areas, rate, raise alerts, derive and merge findings.

    ``report_date`` anchors the CAP deadlines (normally the audit's last day);
    ``clock`` is what ``now()``/``today()`` return inside scoring expressions.
    Raises :class:`~auditdesk.method.criteria.CriteriaError` for unusable scoring
    metadata and :class:`~auditdesk.method.evidence.EvidenceError` for a record
    whose form is missing.
    """
    policy = policy or ScoringPolicy()
    catalogue = evidence.catalogue()
    observed = observe(
        evidence,
        catalogue,
        language=language,
        clock=clock,
        unknown_answers=policy.unknown_answers,
    )
    results = triangulate_all(catalogue, observed, policy, language)
    alerts = zero_tolerance_alerts(results, language)
    derived = derive_findings(
        results, report_date=report_date, policy=cap_policy, language=language
    )
    findings = merge_findings(
        derived,
        stored_findings,
        corrective_actions,
        catalogue=catalogue,
        results={result.code: result for result in results},
        report_date=report_date,
        policy=cap_policy,
        language=language,
    )
    return AuditAssessment(
        catalogue=catalogue,
        criteria=results,
        areas=score_areas(results),
        rating=rate_fairwork(results, alerts, policy),
        alerts=alerts,
        findings=findings,
        report_date=report_date,
        language=language,
        policy=policy,
    )
