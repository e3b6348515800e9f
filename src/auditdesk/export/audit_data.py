"""Everything an export reads about one audit, gathered once through the repository.

The workbook and the PDF are built from an :class:`AuditExport`, never from the store
directly: both files of one export describe the same moment, and the builders can be
tested (and benchmarked) without a database.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from auditdesk import __version__
from auditdesk.domain import (
    Attachment,
    Audit,
    AuditorProfile,
    FormRecord,
    JsonValue,
    Site,
    TrailEntry,
)
from auditdesk.export.audience import DEFAULT_MIN_RESPONDENTS, Audience
from auditdesk.formengine.definition import FormDefinition
from auditdesk.method.evidence import AuditEvidence
from auditdesk.method.result import AuditAssessment, assess_audit
from auditdesk.method.stored_audit import AuditStore, read_stored_audit


class ExportStore(AuditStore, Protocol):
    """The repository methods exports read (``auditdesk.storage.Repository`` has them)."""

    def get_site(self, site_uuid: str) -> Site: ...

    def list_trail(self, audit_uuid: str) -> list[TrailEntry]: ...

    def get_auditor_profile(self) -> AuditorProfile | None: ...

    def get_attachment_content(self, attachment_uuid: str) -> bytes: ...


@dataclass(frozen=True)
class RecordExport:
    """One form record with its answers by instance path (``payslip[2]/gross``)."""

    record: FormRecord
    answers: Mapping[str, JsonValue]


@dataclass(frozen=True)
class ExportSettings:
    """The choices of one export run."""

    audience: Audience = Audience.CONFIDENTIAL
    language: str = "en"
    min_respondents: int = DEFAULT_MIN_RESPONDENTS

    def __post_init__(self) -> None:
        if self.min_respondents < 1:
            raise ValueError(f"min_respondents must be at least 1, got {self.min_respondents}")


@dataclass(frozen=True)
class AuditExport:
    audit: Audit
    site: Site
    records: tuple[RecordExport, ...]
    definitions: Mapping[str, FormDefinition]
    """Form id → the definition the audit's records are read with."""
    evidence: AuditEvidence
    assessment: AuditAssessment
    trail: tuple[TrailEntry, ...]
    attachments: tuple[Attachment, ...]
    auditor: AuditorProfile | None
    exported_at: datetime.datetime
    settings: ExportSettings = field(default_factory=ExportSettings)
    app_version: str = __version__
    images: Mapping[str, bytes] = field(default_factory=dict)
    """Image attachment contents by attachment UUID (read only for the PDF)."""

    @property
    def document_id(self) -> str:
        """Printed on every page and stored in the workbook: ties the two files together."""
        letter = "S" if self.settings.audience is Audience.SITE else "C"
        stamp = self.exported_at.astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        return f"AD-{self.audit.uuid[:8].upper()}-{stamp}-{letter}"

    def record_by_uuid(self) -> dict[str, RecordExport]:
        return {item.record.uuid: item for item in self.records}


def gather_audit(
    store: ExportStore,
    audit_uuid: str,
    settings: ExportSettings,
    *,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    with_images: bool = False,
) -> AuditExport:
    """Read and score one audit for export (raises the method's errors for broken forms).

    ``with_images`` also reads the contents of image attachments (for the PDF)."""
    exported_at = now or datetime.datetime.now(datetime.UTC)
    stored = read_stored_audit(store, audit_uuid)
    assessment = assess_audit(
        stored.evidence,
        report_date=stored.report_date(today or exported_at.date()),
        stored_findings=stored.findings,
        corrective_actions=stored.corrective_actions,
        language=settings.language,
    )
    answers = {record.record_id: record.answers for record in stored.evidence.records}
    records = tuple(
        RecordExport(record, answers.get(record.uuid, {}))
        for record in store.list_form_records(audit_uuid)
    )
    attachments = tuple(store.list_audit_attachments(audit_uuid))
    images = {
        attachment.uuid: store.get_attachment_content(attachment.uuid)
        for attachment in attachments
        if with_images and attachment.mime_type.startswith("image/")
    }
    return AuditExport(
        audit=stored.audit,
        site=store.get_site(stored.audit.site_uuid),
        records=records,
        definitions=stored.evidence.definitions,
        evidence=stored.evidence,
        assessment=assessment,
        trail=tuple(store.list_trail(audit_uuid)),
        attachments=attachments,
        auditor=store.get_auditor_profile(),
        exported_at=exported_at,
        settings=settings,
        images=images,
    )
