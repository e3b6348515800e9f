"""The audit-level sheets: About, Scores, Criteria, Findings and Trail."""

from __future__ import annotations

from auditdesk.domain import canonical_json
from auditdesk.export.audience import (
    Audience,
    is_worker_kind,
    result_notes,
    shareable_evidence,
    source_text,
)
from auditdesk.export.audit_data import AuditExport
from auditdesk.export.tables import Column, SheetKind, SheetTable
from auditdesk.export.texts import Words, enum_words
from auditdesk.method.areas import MAX_RATING, area_name
from auditdesk.method.criteria import EvidenceSource
from auditdesk.method.evidence import AnswerEvidence
from auditdesk.method.findings import AssessedFinding
from auditdesk.method.triangulation import CriterionResult

WORKBOOK_FORMAT = "auditdesk-workbook"
WORKBOOK_FORMAT_VERSION = 1
TRAINING_MARK = "TRAINING — fictional data"


def _columns(*headers: str) -> list[Column]:
    return [Column(header) for header in headers]


def about_sheet(data: AuditExport) -> SheetTable:
    words = Words(data.settings.language)
    audit, site, rating = data.audit, data.site, data.assessment.rating
    table = SheetTable("About", SheetKind.ABOUT, _columns("field", "value", "label"))

    def row(name: str, value: object, label: str = "") -> None:
        table.add((name, value, label))

    row("format", WORKBOOK_FORMAT, "AuditDesk audit workbook")
    row("format_version", WORKBOOK_FORMAT_VERSION)
    row("app", "AuditDesk")
    row("app_version", data.app_version)
    row("document_id", data.document_id)
    row("audience", data.settings.audience.value)
    row("language", data.settings.language)
    row("exported_at", data.exported_at, "UTC")
    row("training", "yes" if audit.training else "no", TRAINING_MARK if audit.training else "")
    row("audit_uuid", audit.uuid)
    row("audit_type", audit.audit_type.value, words(enum_words(audit.audit_type.value)))
    row("audit_status", audit.status.value)
    row("planned_start", audit.planned_start)
    row("started_on", audit.started_on)
    row("ended_on", audit.ended_on)
    row("lead_auditor", audit.lead_auditor)
    row("team", ", ".join(audit.team))
    row("site_uuid", site.uuid)
    row("site_name", site.name)
    row("organisation", site.organisation)
    row("country", site.country)
    row("city", site.city)
    row("sector", site.sector)
    row("headcount", site.headcount)
    row("supply_chain_position", site.position.value)
    row("rating", rating.score, f"{rating.score}/{MAX_RATING}")
    row("rating_maximum", MAX_RATING)
    row("rating_points_before_cap", rating.points)
    row("rating_capped", "yes" if rating.capped else "no")
    row("zero_tolerance_alerts", len(data.assessment.alerts))
    for alert in data.assessment.alerts:
        row("alert", alert.criterion, alert.title)
    if data.settings.audience is Audience.SITE:
        row("min_respondents", data.settings.min_respondents)
    for form_id in sorted(data.definitions):
        definition = data.definitions[form_id]
        row(f"form:{form_id}", definition.version, definition.settings.title)
    return table


def scores_sheet(data: AuditExport) -> SheetTable:
    language = data.settings.language
    table = SheetTable(
        "Scores",
        SheetKind.SCORES,
        [
            Column("area", width=6),
            Column("area_name", width=44),
            Column("score", number_format="0.0", width=8),
            *_columns("compliant", "partly", "non_compliant", "not_applicable", "not_assessed"),
        ],
    )
    for area in data.assessment.areas:
        table.add(
            (
                area.code,
                area_name(area.code, language),
                area.score,
                area.compliant,
                area.partly,
                area.non_compliant,
                area.not_applicable,
                area.not_assessed,
            )
        )
    return table


def criteria_sheet(data: AuditExport) -> SheetTable:
    settings, words = data.settings, Words(data.settings.language)
    sources = list(EvidenceSource)
    table = SheetTable(
        "Criteria",
        SheetKind.CRITERIA,
        [
            *_columns("criterion", "area", "title", "severity", "severity_label"),
            *_columns("result", "result_label", "verified"),
            *_columns(*(f"source_{source.value}" for source in sources)),
            Column("worker_interviews"),
            Column("notes", width=60),
        ],
    )
    for result in data.assessment.criteria:
        workers = result.sources.get(EvidenceSource.WORKERS)
        respondents = workers.respondents if workers else None
        if settings.audience is Audience.SITE and respondents is not None:
            respondents = respondents if respondents >= settings.min_respondents else None
        table.add(
            (
                result.code,
                result.area,
                result.criterion.title(settings.language),
                result.criterion.severity.value,
                words(result.criterion.severity.value),
                result.outcome.value,
                words(enum_words(result.outcome.value)),
                "yes" if result.verified else "no",
                *(
                    result.sources[source].outcome.value if source in result.sources else None
                    for source in sources
                ),
                respondents,
                "\n".join(_notes(result, data)),
            )
        )
    return table


def _notes(result: CriterionResult, data: AuditExport) -> list[str]:
    return result_notes(
        result,
        audience=data.settings.audience,
        min_respondents=data.settings.min_respondents,
        words=Words(data.settings.language),
    )


def quote(answer: AnswerEvidence, *, with_code: bool) -> str:
    """One quoted answer: ``[workers W-03] “Label”: answer — note``."""
    who = f"{answer.source.value} {answer.respondent_code}".strip() if with_code else (
        answer.source.value
    )
    text = f"[{who}] “{answer.label}”: {answer.answer or '—'}"
    return f"{text} — {answer.note}" if answer.note else text


def finding_evidence(finding: AssessedFinding, data: AuditExport) -> list[str]:
    """The finding's evidence as lines fit for the export's audience."""
    settings = data.settings
    lines = [finding.evidence_text] if finding.evidence_text else []
    confidential = settings.audience is Audience.CONFIDENTIAL
    lines.extend(
        quote(answer, with_code=confidential)
        for answer in shareable_evidence(finding.evidence, settings.audience)
    )
    if not confidential:
        try:
            result = data.assessment.result_for(finding.criterion)
        except KeyError:
            return lines
        workers = result.sources.get(EvidenceSource.WORKERS)
        if workers is not None and workers.respondents:
            text = source_text(
                workers,
                audience=settings.audience,
                min_respondents=settings.min_respondents,
                words=Words(settings.language),
            )
            lines.append(f"[{EvidenceSource.WORKERS.value}] {text}")
    return lines


def finding_notes(finding: AssessedFinding, data: AuditExport) -> list[str]:
    if data.settings.audience is Audience.CONFIDENTIAL:
        return list(finding.contradictions)
    try:
        return _notes(data.assessment.result_for(finding.criterion), data)
    except KeyError:
        return []


def findings_sheet(data: AuditExport) -> SheetTable:
    language = data.settings.language
    words = Words(language)
    table = SheetTable(
        "Findings",
        SheetKind.FINDINGS,
        [
            *_columns("finding_key", "finding_uuid", "criterion", "area", "area_name"),
            *_columns("severity", "severity_label"),
            Column("title", width=40),
            *_columns("status", "origin", "result", "supported"),
            Column("evidence", width=60),
            Column("contradictions", width=40),
            Column("cap_action", width=50),
            Column("cap_responsible", width=24),
            *_columns("cap_plan_due", "cap_verify_due", "cap_at_next_audit"),
            *_columns("cap_status", "cap_status_label", "cap_verification_note"),
        ],
    )
    for finding in data.assessment.findings:
        cap = finding.cap
        table.add(
            (
                finding.uuid or f"{data.audit.uuid}:{finding.criterion}",
                finding.uuid,
                finding.criterion,
                finding.area,
                area_name(finding.area, language),
                finding.severity.value,
                words(finding.severity.value),
                finding.title,
                finding.status.value,
                finding.origin.value,
                finding.result.value if finding.result else None,
                "yes" if finding.supported else "no",
                "\n".join(finding_evidence(finding, data)),
                "\n".join(finding_notes(finding, data)),
                cap.action,
                cap.responsible_party,
                cap.plan_due,
                cap.verify_due,
                "yes" if cap.at_next_audit else "no",
                cap.status.value,
                words(enum_words(cap.status.value)),
                cap.verification_note,
            )
        )
    return table


def trail_sheet(data: AuditExport) -> SheetTable:
    """The audit trail; the site's copy leaves out everything about worker records."""
    site = data.settings.audience is Audience.SITE
    hidden = {
        item.record.uuid for item in data.records if site and is_worker_kind(item.record.kind)
    }
    table = SheetTable(
        "Trail",
        SheetKind.TRAIL,
        [
            *_columns("seq", "at", "auditor", "kind", "record_uuid", "path"),
            Column("old_value", width=30),
            Column("new_value", width=30),
            Column("reason", width=30),
            Column("detail", width=40),
            Column("hash", width=20),
        ],
    )
    for entry in data.trail:
        if entry.record_uuid in hidden:
            continue
        detail = dict(entry.detail)
        if site:
            detail.pop("respondent", None)
        table.add(
            (
                entry.seq,
                entry.at,
                entry.auditor,
                entry.kind.value,
                entry.record_uuid,
                entry.path,
                None if entry.old_value is None else canonical_json(entry.old_value),
                None if entry.new_value is None else canonical_json(entry.new_value),
                entry.reason,
                canonical_json(detail) if detail else None,
                entry.hash,
            )
        )
    return table
