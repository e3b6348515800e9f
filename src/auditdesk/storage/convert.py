"""Rows ↔ domain objects, and the text forms of dates and times in the database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import cast

from auditdesk.domain import (
    Attachment,
    Audit,
    AuditorProfile,
    AuditStatus,
    AuditType,
    CapStatus,
    CorrectiveAction,
    Finding,
    FindingStatus,
    FormRecord,
    FormSnapshot,
    JsonValue,
    RecordKind,
    RecordStatus,
    Severity,
    Site,
    SupplyChainPosition,
    TrailEntry,
    TrailKind,
)
from auditdesk.storage.schema import (
    AttachmentRow,
    AuditorProfileRow,
    AuditRow,
    CorrectiveActionRow,
    FindingRow,
    FormRecordRow,
    FormSnapshotRow,
    SiteRow,
)
from auditdesk.storage.trail import StoredEntry


def now_utc() -> datetime:
    return datetime.now(UTC)


def time_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds")


def time_value(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def date_value(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def json_value(text: str | None) -> JsonValue:
    return None if text is None else cast(JsonValue, json.loads(text))


def json_object(text: str) -> dict[str, JsonValue]:
    loaded = json.loads(text)
    return cast(dict[str, JsonValue], loaded) if isinstance(loaded, dict) else {}


def site_from_row(row: SiteRow) -> Site:
    return Site(
        uuid=row.uuid,
        organisation=row.organisation,
        name=row.name,
        country=row.country,
        city=row.city,
        sector=row.sector,
        headcount=row.headcount,
        position=SupplyChainPosition(row.position),
    )


def fill_site_row(row: SiteRow, site: Site) -> None:
    row.organisation = site.organisation
    row.name = site.name
    row.country = site.country
    row.city = site.city
    row.sector = site.sector
    row.headcount = site.headcount
    row.position = site.position.value


def audit_from_row(row: AuditRow) -> Audit:
    return Audit(
        uuid=row.uuid,
        site_uuid=row.site_uuid,
        audit_type=AuditType(row.audit_type),
        status=AuditStatus(row.status),
        planned_start=date_value(row.planned_start),
        started_on=date_value(row.started_on),
        ended_on=date_value(row.ended_on),
        lead_auditor=row.lead_auditor,
        team=tuple(str(member) for member in json.loads(row.team_json)),
        training=row.training,
        notes=row.notes,
    )


def fill_audit_row(row: AuditRow, audit: Audit) -> None:
    """Everything but the status, which changes only through ``set_audit_status``."""
    row.site_uuid = audit.site_uuid
    row.audit_type = audit.audit_type.value
    row.planned_start = date_text(audit.planned_start)
    row.started_on = date_text(audit.started_on)
    row.ended_on = date_text(audit.ended_on)
    row.lead_auditor = audit.lead_auditor
    row.team_json = json.dumps(list(audit.team), ensure_ascii=False)
    row.training = audit.training
    row.notes = audit.notes


def profile_from_row(row: AuditorProfileRow) -> AuditorProfile:
    return AuditorProfile(
        uuid=row.uuid,
        name=row.name,
        organisation=row.organisation,
        email=row.email,
        accreditation=row.accreditation,
    )


def snapshot_from_row(row: FormSnapshotRow) -> FormSnapshot:
    return FormSnapshot(
        id=row.id,
        audit_uuid=row.audit_uuid,
        form_id=row.form_id,
        version=row.version,
        filename=row.filename,
        sha256=row.sha256,
        content=row.content,
    )


def record_from_row(row: FormRecordRow) -> FormRecord:
    return FormRecord(
        uuid=row.uuid,
        audit_uuid=row.audit_uuid,
        form_id=row.form_id,
        form_version=row.form_version,
        kind=RecordKind(row.kind),
        respondent_code=row.respondent_code,
        consent_given=row.consent_given,
        started_at=time_value(row.started_at),
        ended_at=time_value(row.ended_at),
        status=RecordStatus(row.status),
        snapshot_id=row.snapshot_id,
    )


def attachment_from_row(row: AttachmentRow) -> Attachment:
    return Attachment(
        uuid=row.uuid,
        record_uuid=row.record_uuid,
        question_path=row.question_path,
        filename=row.filename,
        mime_type=row.mime_type,
        sha256=row.sha256,
        size=row.size,
        caption=row.caption,
        created_at=time_value(row.created_at),
    )


def finding_from_row(row: FindingRow) -> Finding:
    return Finding(
        uuid=row.uuid,
        audit_uuid=row.audit_uuid,
        criterion_code=row.criterion_code,
        severity=Severity(row.severity),
        title=row.title,
        evidence=row.evidence,
        derived=row.derived,
        status=FindingStatus(row.status),
        withdrawn_reason=row.withdrawn_reason,
        details=json_object(row.details_json),
    )


def fill_finding_row(row: FindingRow, finding: Finding) -> None:
    row.audit_uuid = finding.audit_uuid
    row.criterion_code = finding.criterion_code
    row.severity = finding.severity.value
    row.title = finding.title
    row.evidence = finding.evidence
    row.derived = finding.derived
    row.status = finding.status.value
    row.withdrawn_reason = finding.withdrawn_reason
    row.details_json = json.dumps(finding.details, sort_keys=True, ensure_ascii=False)


def cap_from_row(row: CorrectiveActionRow) -> CorrectiveAction:
    return CorrectiveAction(
        uuid=row.uuid,
        finding_uuid=row.finding_uuid,
        action=row.action,
        responsible_party=row.responsible_party,
        plan_due=date_value(row.plan_due),
        verify_due=date_value(row.verify_due),
        status=CapStatus(row.status),
        verification_note=row.verification_note,
    )


def fill_cap_row(row: CorrectiveActionRow, cap: CorrectiveAction) -> None:
    row.finding_uuid = cap.finding_uuid
    row.action = cap.action
    row.responsible_party = cap.responsible_party
    row.plan_due = date_text(cap.plan_due)
    row.verify_due = date_text(cap.verify_due)
    row.status = cap.status.value
    row.verification_note = cap.verification_note


def trail_entry_from_stored(entry: StoredEntry) -> TrailEntry:
    return TrailEntry(
        audit_uuid=entry.audit_uuid,
        seq=entry.seq,
        at=datetime.fromisoformat(entry.at),
        auditor=entry.auditor,
        kind=TrailKind(entry.kind),
        record_uuid=entry.record_uuid,
        path=entry.path,
        old_value=json_value(entry.old_value_json),
        new_value=json_value(entry.new_value_json),
        reason=entry.reason,
        detail=json_object(entry.detail_json),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )
