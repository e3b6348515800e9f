"""Gather a stored audit's evidence for scoring, through the repository's public methods.

Front-ends (``auditdesk score``, the GUI's results screen, exports) all score an audit
the same way: read its records, answers, attachments and the exact form files it was
started with, then call :func:`~auditdesk.method.result.assess_audit`. This module does
that reading against a small protocol of the repository, so the method never imports
the storage package (nor SQLAlchemy) and tests can hand it a fake.

Which definition scores a record: the form snapshot the record was filled with; else the
audit's newest snapshot of that form id; else the bundled checklist of that id. One
definition per form id is used for the whole audit (the newest), because scoring binds
questions by form id.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from auditdesk import paths
from auditdesk.domain import (
    Attachment,
    Audit,
    CorrectiveAction,
    Finding,
    FormRecord,
    FormSnapshot,
    InstanceDocument,
    RecordKind,
)
from auditdesk.formengine.definition import FormDefinition
from auditdesk.formengine.xlsform import SUPPORTED_SUFFIXES, load_form, load_form_bytes
from auditdesk.method.evidence import AttachmentRef, AuditEvidence, EvidenceError, EvidenceRecord
from auditdesk.method.findings import CapPolicy
from auditdesk.method.policy import ScoringPolicy
from auditdesk.method.result import AuditAssessment, assess_audit
from auditdesk.method.sampling import GROUP_SIZE_QUESTION


class AuditStore(Protocol):
    """The repository methods scoring reads (``auditdesk.storage.Repository`` has them)."""

    def get_audit(self, audit_uuid: str) -> Audit: ...

    def list_form_records(self, audit_uuid: str) -> list[FormRecord]: ...

    def list_form_snapshots(self, audit_uuid: str) -> list[FormSnapshot]: ...

    def load_instance(self, record_uuid: str) -> InstanceDocument: ...

    def list_audit_attachments(self, audit_uuid: str) -> list[Attachment]: ...

    def list_findings(self, audit_uuid: str) -> list[Finding]: ...

    def list_corrective_actions(self, audit_uuid: str) -> list[CorrectiveAction]: ...


@dataclass(frozen=True)
class StoredAudit:
    """A stored audit read for scoring: its evidence and the auditor's findings."""

    audit: Audit
    evidence: AuditEvidence
    findings: tuple[Finding, ...]
    corrective_actions: tuple[CorrectiveAction, ...]

    def report_date(self, today: datetime.date) -> datetime.date:
        """CAP deadlines count from the audit's last day (or today while it runs)."""
        return self.audit.ended_on or today


def read_stored_audit(
    store: AuditStore, audit_uuid: str, *, forms_dir: Path | None = None
) -> StoredAudit:
    """Read everything scoring needs; raises EvidenceError when a form cannot be found."""
    audit = store.get_audit(audit_uuid)
    records = store.list_form_records(audit_uuid)
    definitions = _definitions(
        store.list_form_snapshots(audit_uuid),
        {record.form_id for record in records},
        forms_dir or paths.forms_dir(),
    )
    attachments = _attachments_by_record(store.list_audit_attachments(audit_uuid))
    evidence_records = tuple(
        _evidence_record(
            record,
            definitions[record.form_id],
            store.load_instance(record.uuid),
            attachments.get(record.uuid),
        )
        for record in records
    )
    return StoredAudit(
        audit=audit,
        evidence=AuditEvidence(records=evidence_records, definitions=definitions),
        findings=tuple(store.list_findings(audit_uuid)),
        corrective_actions=tuple(store.list_corrective_actions(audit_uuid)),
    )


def assess_stored_audit(
    store: AuditStore,
    audit_uuid: str,
    *,
    today: datetime.date,
    language: str = "en",
    policy: ScoringPolicy | None = None,
    cap_policy: CapPolicy | None = None,
    forms_dir: Path | None = None,
) -> AuditAssessment:
    stored = read_stored_audit(store, audit_uuid, forms_dir=forms_dir)
    return assess_audit(
        stored.evidence,
        report_date=stored.report_date(today),
        policy=policy,
        cap_policy=cap_policy,
        stored_findings=stored.findings,
        corrective_actions=stored.corrective_actions,
        language=language,
    )


def _definitions(
    snapshots: Sequence[FormSnapshot], form_ids: Iterable[str], forms_dir: Path
) -> dict[str, FormDefinition]:
    newest: dict[str, FormSnapshot] = {}
    for snapshot in snapshots:
        known = newest.get(snapshot.form_id)
        if known is None or snapshot.id > known.id:
            newest[snapshot.form_id] = snapshot
    definitions = {
        form_id: load_form_bytes(
            snapshot.content,
            suffix=Path(snapshot.filename).suffix.lower() or ".xlsx",
            source=f"{snapshot.filename} (snapshot {snapshot.id})",
            stem=Path(snapshot.filename).stem,
        )
        for form_id, snapshot in newest.items()
    }
    for form_id in sorted(set(form_ids) - set(definitions)):
        definitions[form_id] = load_form(_bundled_form(form_id, forms_dir))
    return definitions


def _bundled_form(form_id: str, forms_dir: Path) -> Path:
    """The bundled file for ``form_id``: named after it (with or without the
    ``auditdesk_`` prefix the bundled forms carry), else whichever file declares it."""
    stems = (form_id, form_id.removeprefix("auditdesk_"))
    candidates = [forms_dir / f"{stem}{suffix}" for stem in stems for suffix in SUPPORTED_SUFFIXES]
    for candidate in candidates:
        if candidate.is_file() and load_form(candidate).form_id == form_id:
            return candidate
    for candidate in sorted(forms_dir.glob("*.xlsx")):
        if load_form(candidate).form_id == form_id:
            return candidate
    raise EvidenceError(
        f"the audit has records of form {form_id!r} but no snapshot of it, and no form "
        f"with that form_id is bundled in {forms_dir}"
    )


def _attachments_by_record(
    attachments: Iterable[Attachment],
) -> dict[str, dict[str, tuple[AttachmentRef, ...]]]:
    grouped: dict[str, dict[str, tuple[AttachmentRef, ...]]] = {}
    for attachment in attachments:
        by_path = grouped.setdefault(attachment.record_uuid, {})
        ref = AttachmentRef(attachment.uuid, attachment.filename, attachment.caption)
        by_path[attachment.question_path] = (*by_path.get(attachment.question_path, ()), ref)
    return grouped


def _evidence_record(
    record: FormRecord,
    definition: FormDefinition,
    instance: InstanceDocument,
    attachments: Mapping[str, tuple[AttachmentRef, ...]] | None,
) -> EvidenceRecord:
    answers = instance["answers"]
    size = definition.find(GROUP_SIZE_QUESTION)
    participants = answers.get(size.path) if size is not None else None
    return EvidenceRecord(
        record_id=record.uuid,
        form_id=record.form_id,
        kind=record.kind,
        answers=answers,
        respondent_code=record.respondent_code,
        notes=_notes(instance),
        attachments=dict(attachments or {}),
        participants=(
            participants
            if record.kind is RecordKind.WORKER_GROUP_INTERVIEW
            and isinstance(participants, int)
            and not isinstance(participants, bool)
            else 1
        ),
    )


def _notes(instance: InstanceDocument) -> dict[str, str]:
    """Per-question auditor notes, if the instance carries a ``notes`` object."""
    raw = instance.get("notes")  # an optional key the form engine may add
    if not isinstance(raw, dict):
        return {}
    return {str(path): str(text) for path, text in raw.items() if isinstance(text, str) and text}
