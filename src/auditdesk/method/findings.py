"""Findings derived from the results, merged with the auditor's own, each with a CAP entry.

**What becomes a finding.** Every non-compliant criterion, at the severity its form
gives for failing it. A criterion judged *partly* compliant also becomes a finding,
one grade lower (critical → major, major → minor, minor stays minor): a partial breach
still needs a corrective action, but is not the breach the severity was written for.

**Evidence.** The answers that decided (non-compliant or partly), and the evidence-only
questions (explanations, photos) of the same records and of non-worker sources, each
with its source and the auditor's note. Worker answers keep the respondent code for
the confidential view; :meth:`AssessedFinding.site_facing` strips codes and record ids
so a site-facing export cannot tie a quote to an interview. There is no worker name to
strip: none is ever stored.

**Corrective action plan.** The criterion's ``corrective_action``, a responsible party
and deadlines counted from the report date by :class:`CapPolicy`: critical — plan in 7
days, verified within 30; major — plan in 14, verified within 90; minor — checked at the
next audit (no dates).

**The auditor's word wins.** Findings the auditor added, edited or withdrew are stored
by the repository (``derived`` tells an edited derived finding from a manual one). When
merging, a stored finding for a criterion replaces the derived one (its severity,
title, evidence text, status); a withdrawn finding stays withdrawn with its reason even
though the answers still produce it; a stored finding the answers no longer support is
kept and flagged ``supported=False`` for the auditor to review, never dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from auditdesk.domain import CapStatus, CorrectiveAction, Finding, FindingStatus, Severity
from auditdesk.method.criteria import Catalogue, EvidenceSource, criterion_sort_key
from auditdesk.method.evidence import AnswerEvidence, AttachmentRef, Outcome
from auditdesk.method.triangulation import CriterionResult

_LOWER = {
    Severity.CRITICAL: Severity.MAJOR,
    Severity.MAJOR: Severity.MINOR,
    Severity.MINOR: Severity.MINOR,
}
_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.MAJOR: 1, Severity.MINOR: 2}
NEXT_AUDIT = "next audit"


def _days(
    critical: int | None, major: int | None, minor: int | None
) -> Mapping[Severity, int | None]:
    return MappingProxyType(
        {Severity.CRITICAL: critical, Severity.MAJOR: major, Severity.MINOR: minor}
    )


@dataclass(frozen=True)
class CapPolicy:
    """Deadlines and default responsibility for corrective actions.

    ``None`` days mean "at the next audit" rather than a date.
    """

    plan_days: Mapping[Severity, int | None] = field(default_factory=lambda: _days(7, 14, None))
    verify_days: Mapping[Severity, int | None] = field(default_factory=lambda: _days(30, 90, None))
    responsible_party: str = "Site management"
    responsible_by_area: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({"L": "Client (buyer), with site management"})
    )

    def __post_init__(self) -> None:
        for severity in Severity:
            plan = self.plan_days.get(severity)
            verify = self.verify_days.get(severity)
            for days in (plan, verify):
                if days is not None and days < 0:
                    raise ValueError(f"{severity} deadline must not be negative, got {days}")
            if plan is not None and verify is not None and verify < plan:
                raise ValueError(
                    f"{severity}: verification ({verify} days) cannot come before the plan "
                    f"({plan} days)"
                )

    def deadlines(
        self, severity: Severity, start: datetime.date
    ) -> tuple[datetime.date | None, datetime.date | None]:
        """(plan due, verify due) for a finding reported on ``start``."""
        plan = self.plan_days.get(severity)
        verify = self.verify_days.get(severity)
        return (
            start + datetime.timedelta(days=plan) if plan is not None else None,
            start + datetime.timedelta(days=verify) if verify is not None else None,
        )

    def responsible_for(self, area: str) -> str:
        return self.responsible_by_area.get(area, self.responsible_party)


@dataclass(frozen=True)
class CapEntry:
    """A corrective action plan entry."""

    action: str
    responsible_party: str
    plan_due: datetime.date | None
    verify_due: datetime.date | None
    status: CapStatus = CapStatus.OPEN
    verification_note: str = ""
    uuid: str | None = None
    """The stored corrective action, once the repository holds one."""

    @property
    def at_next_audit(self) -> bool:
        return self.plan_due is None and self.verify_due is None

    @property
    def due(self) -> str:
        """The first deadline as an ISO date, or "next audit"."""
        first = self.plan_due or self.verify_due
        return first.isoformat() if first else NEXT_AUDIT


class FindingOrigin(StrEnum):
    DERIVED = "derived"
    """Produced by the answers, untouched."""
    EDITED = "edited"
    """Produced by the answers, then changed or withdrawn by the auditor."""
    MANUAL = "manual"
    """Added by the auditor."""


@dataclass(frozen=True)
class AssessedFinding:
    criterion: str
    area: str
    severity: Severity
    title: str
    origin: FindingOrigin
    cap: CapEntry
    status: FindingStatus = FindingStatus.OPEN
    result: Outcome | None = None
    """The criterion's triangulated result (``None`` for a manual finding off-catalogue)."""
    evidence: tuple[AnswerEvidence, ...] = ()
    evidence_text: str = ""
    """What the auditor wrote as evidence (manual or edited findings)."""
    contradictions: tuple[str, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    withdrawn_reason: str = ""
    uuid: str | None = None
    supported: bool = True

    @property
    def withdrawn(self) -> bool:
        return self.status is FindingStatus.WITHDRAWN

    def site_facing(self) -> AssessedFinding:
        """The finding without respondent codes or record ids on worker evidence."""
        return dataclasses.replace(
            self,
            evidence=tuple(
                dataclasses.replace(answer, respondent_code="", record_id="")
                if answer.source is EvidenceSource.WORKERS
                else answer
                for answer in self.evidence
            ),
        )


def derive_findings(
    results: Iterable[CriterionResult],
    *,
    report_date: datetime.date,
    policy: CapPolicy | None = None,
    language: str = "en",
) -> tuple[AssessedFinding, ...]:
    """A finding per non-compliant or partly compliant criterion, ordered by severity."""
    policy = policy or CapPolicy()
    findings = []
    for result in results:
        if result.outcome not in (Outcome.NON_COMPLIANT, Outcome.PARTLY):
            continue
        criterion = result.criterion
        severity = criterion.severity
        if result.outcome is Outcome.PARTLY:
            severity = _LOWER[severity]
        evidence = _quoted(result)
        plan_due, verify_due = policy.deadlines(severity, report_date)
        findings.append(
            AssessedFinding(
                criterion=criterion.code,
                area=criterion.area,
                severity=severity,
                title=criterion.title(language),
                origin=FindingOrigin.DERIVED,
                result=result.outcome,
                evidence=evidence,
                contradictions=tuple(c.text for c in result.contradictions),
                attachments=tuple(
                    dict.fromkeys(ref for answer in evidence for ref in answer.attachments)
                ),
                cap=CapEntry(
                    action=criterion.corrective_action(language),
                    responsible_party=policy.responsible_for(criterion.area),
                    plan_due=plan_due,
                    verify_due=verify_due,
                ),
            )
        )
    return tuple(sorted(findings, key=_order))


def _quoted(result: CriterionResult) -> tuple[AnswerEvidence, ...]:
    failing = (Outcome.NON_COMPLIANT, Outcome.PARTLY)
    answers = [answer for source in result.sources.values() for answer in source.answers]
    failing_records = {a.record_id for a in answers if a.scored and a.outcome in failing}
    return tuple(
        answer
        for answer in answers
        if (answer.scored and answer.outcome in failing)
        or (
            not answer.scored
            and (answer.source is not EvidenceSource.WORKERS or answer.record_id in failing_records)
        )
    )


def merge_findings(
    derived: Sequence[AssessedFinding],
    stored: Sequence[Finding],
    actions: Iterable[CorrectiveAction] = (),
    *,
    catalogue: Catalogue | None = None,
    results: Mapping[str, CriterionResult] | None = None,
    report_date: datetime.date,
    policy: CapPolicy | None = None,
    language: str = "en",
) -> tuple[AssessedFinding, ...]:
    """Derived findings with the stored manual findings, edits and withdrawals applied."""
    policy = policy or CapPolicy()
    actions_by_finding = {action.finding_uuid: action for action in actions}
    pending = {finding.criterion: finding for finding in derived}
    merged: list[AssessedFinding] = []
    for saved in stored:
        base = pending.pop(saved.criterion_code, None) if saved.derived else None
        result = (results or {}).get(saved.criterion_code)
        if base is None:
            base = _blank(saved, catalogue, result, policy, report_date, language)
        merged.append(_apply(saved, base, actions_by_finding.get(saved.uuid), policy, report_date))
    merged.extend(pending.values())
    return tuple(sorted(merged, key=_order))


def _blank(
    saved: Finding,
    catalogue: Catalogue | None,
    result: CriterionResult | None,
    policy: CapPolicy,
    report_date: datetime.date,
    language: str,
) -> AssessedFinding:
    """The frame for a stored finding that no derived finding matches."""
    criterion = catalogue.criteria.get(saved.criterion_code) if catalogue else None
    area = criterion.area if criterion else ""
    plan_due, verify_due = policy.deadlines(saved.severity, report_date)
    return AssessedFinding(
        criterion=saved.criterion_code,
        area=area,
        severity=saved.severity,
        title=saved.title or (criterion.title(language) if criterion else saved.criterion_code),
        origin=FindingOrigin.EDITED if saved.derived else FindingOrigin.MANUAL,
        result=result.outcome if result else None,
        supported=not saved.derived,
        cap=CapEntry(
            action=criterion.corrective_action(language) if criterion else "",
            responsible_party=policy.responsible_for(area),
            plan_due=plan_due,
            verify_due=verify_due,
        ),
    )


def _apply(
    saved: Finding,
    base: AssessedFinding,
    action: CorrectiveAction | None,
    policy: CapPolicy,
    report_date: datetime.date,
) -> AssessedFinding:
    cap = base.cap
    if saved.severity is not base.severity:
        plan_due, verify_due = policy.deadlines(saved.severity, report_date)
        cap = dataclasses.replace(cap, plan_due=plan_due, verify_due=verify_due)
    if action is not None:
        cap = CapEntry(
            action=action.action or cap.action,
            responsible_party=action.responsible_party or cap.responsible_party,
            plan_due=action.plan_due if _has_dates(action) else cap.plan_due,
            verify_due=action.verify_due if _has_dates(action) else cap.verify_due,
            status=action.status,
            verification_note=action.verification_note,
            uuid=action.uuid,
        )
    return dataclasses.replace(
        base,
        severity=saved.severity,
        title=saved.title or base.title,
        origin=FindingOrigin.EDITED if saved.derived else FindingOrigin.MANUAL,
        status=saved.status,
        withdrawn_reason=saved.withdrawn_reason,
        evidence_text=saved.evidence,
        uuid=saved.uuid,
        cap=cap,
    )


def _has_dates(action: CorrectiveAction) -> bool:
    return action.plan_due is not None or action.verify_due is not None


def _order(finding: AssessedFinding) -> tuple[bool, int, tuple[str, int, str]]:
    return (
        finding.withdrawn,
        _SEVERITY_RANK[finding.severity],
        criterion_sort_key(finding.criterion),
    )
