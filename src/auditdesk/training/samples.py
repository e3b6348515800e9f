"""The bundled sample audits: list them, check them, and install one into a database.

A sample is installed the way a real audit is made: a site, an audit carrying the
training mark, a snapshot of each bundled checklist, one form record per interview,
review or observation, answers and pictures saved through the repository, records
completed. Findings are not written: the audit method derives them from the answers
whenever the audit is scored, exactly as for a real audit.

Loading is idempotent. The audit, the site and every record have fixed UUIDs (records'
derived from the audit's), so a second load finds them; it then only restores answers,
notes and pictures that differ from the bundled case (giving a reason in the audit
trail) and adds nothing twice. Every answer is replayed through the form engine before
anything is written; a case that does not fit the bundled forms is refused whole.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from auditdesk import paths
from auditdesk.domain import (
    Attachment,
    Audit,
    AuditStatus,
    AuditSummary,
    FormRecord,
    FormSnapshot,
    InstanceDocument,
    RecordStatus,
    Site,
)
from auditdesk.formengine import FormDefinition, FormLoadError
from auditdesk.formengine.xlsform import load_form_bytes
from auditdesk.jobs import Progress
from auditdesk.training.case_files import CASE_FILE, SampleCase, SampleCaseError, read_case
from auditdesk.training.replay import ReplayedRecord, replay_record

RESTORE_REASON = "Sample case loaded again: restored to its bundled answers"


class SampleStore(Protocol):
    """The repository methods a sample load uses (``auditdesk.storage.Repository``)."""

    def list_sites(self) -> list[Site]: ...
    def add_site(self, site: Site) -> Site: ...
    def update_site(self, site: Site) -> Site: ...
    def list_audits(self) -> list[AuditSummary]: ...
    def add_audit(self, audit: Audit, *, auditor: str | None = None) -> Audit: ...
    def set_audit_status(
        self, audit_uuid: str, status: AuditStatus, *, auditor: str | None = None, reason: str = ""
    ) -> Audit: ...
    def add_form_snapshot(
        self,
        audit_uuid: str,
        *,
        form_id: str,
        version: str,
        filename: str,
        content: bytes,
        auditor: str | None = None,
    ) -> FormSnapshot: ...
    def list_form_records(self, audit_uuid: str) -> list[FormRecord]: ...
    def add_form_record(self, record: FormRecord, *, auditor: str | None = None) -> FormRecord: ...
    def load_instance(self, record_uuid: str) -> InstanceDocument: ...
    def save_instance(
        self,
        record_uuid: str,
        instance: InstanceDocument,
        *,
        auditor: str | None = None,
        reason: str = "",
    ) -> int: ...
    def list_attachments(self, record_uuid: str) -> list[Attachment]: ...
    def add_attachment(
        self,
        record_uuid: str,
        question_path: str,
        filename: str,
        mime_type: str,
        content: bytes,
        *,
        caption: str = "",
        auditor: str | None = None,
    ) -> Attachment: ...
    def set_record_status(
        self,
        record_uuid: str,
        status: RecordStatus,
        *,
        auditor: str | None = None,
        consent_given: bool | None = None,
        reason: str = "",
    ) -> FormRecord: ...


@dataclass(frozen=True)
class CaseSummary:
    """One line of ``auditdesk samples list``."""

    id: str
    title: str
    summary: str
    audit_uuid: str
    records: int


@dataclass(frozen=True)
class BundledForm:
    """A checklist file as shipped: its bytes (kept as the audit's snapshot) and definition."""

    filename: str
    content: bytes
    definition: FormDefinition


def samples_dir() -> Path:
    return paths.resources_dir() / "samples"


def list_cases(folder: Path | None = None) -> list[CaseSummary]:
    """Every case bundled under ``folder`` (default: the app's ``resources/samples``)."""
    root = folder or samples_dir()
    cases = []
    for case_file in sorted(root.glob(f"*/{CASE_FILE}")):
        case = read_case(case_file.parent)
        cases.append(
            CaseSummary(case.id, case.title, case.summary, case.audit.uuid, len(case.records))
        )
    return cases


def read_sample(case_id: str, folder: Path | None = None) -> SampleCase:
    root = folder or samples_dir()
    if not (root / case_id / CASE_FILE).is_file():
        known = ", ".join(case.id for case in list_cases(root)) or "none"
        raise SampleCaseError(f"no sample case {case_id!r} in {root} (bundled: {known})")
    return read_case(root / case_id)


def bundled_forms(case: SampleCase, forms_dir: Path | None = None) -> dict[str, BundledForm]:
    """The checklists the case's records use, by file stem (``worker_interview``)."""
    folder = forms_dir or paths.forms_dir()
    forms = {}
    for stem in dict.fromkeys(record.form_stem for record in case.records):
        path = folder / f"{stem}.xlsx"
        try:
            content = path.read_bytes()
        except OSError as error:
            raise SampleCaseError(f"{path}: cannot read the bundled checklist: {error}") from None
        try:
            definition = load_form_bytes(content, suffix=".xlsx", source=str(path), stem=stem)
        except FormLoadError as error:
            raise SampleCaseError(str(error)) from None
        forms[stem] = BundledForm(path.name, content, definition)
    return forms


def replay_case(case: SampleCase, forms: Mapping[str, BundledForm]) -> list[ReplayedRecord]:
    """Every record replayed through the form engine; raises on the first record refused."""
    done: dict[str, ReplayedRecord] = {}
    replayed = []
    for record in case.records:
        result = replay_record(record, forms[record.form_stem].definition, done)
        done.setdefault(record.form_stem, result)
        replayed.append(result)
    return replayed


def load_case(
    repository: SampleStore,
    case_id: str,
    *,
    progress: Progress | None = None,
    samples_folder: Path | None = None,
    forms_dir: Path | None = None,
) -> str:
    """Install (or restore) the sample case ``case_id``; returns its audit's UUID."""
    progress = progress or Progress()
    case = read_sample(case_id, samples_folder)
    forms = bundled_forms(case, forms_dir)
    replayed = replay_case(case, forms)
    auditor = case.audit.lead_auditor or None
    progress.start(len(replayed) + 2, f"Loading the sample audit {case.id}")

    _ensure_site(repository, case)
    audit_uuid, status = _ensure_audit(repository, case, auditor)
    snapshots = {
        stem: repository.add_form_snapshot(
            audit_uuid,
            form_id=form.definition.form_id,
            version=form.definition.version,
            filename=form.filename,
            content=form.content,
            auditor=auditor,
        )
        for stem, form in forms.items()
    }
    progress.advance("Site, audit and checklists")

    existing = {record.uuid: record for record in repository.list_form_records(audit_uuid)}
    for result in replayed:
        record = result.record
        snapshot = snapshots[record.form_stem]
        stored = existing.get(record.uuid_in(audit_uuid)) or repository.add_form_record(
            FormRecord(
                uuid=record.uuid_in(audit_uuid),
                audit_uuid=audit_uuid,
                form_id=snapshot.form_id,
                form_version=snapshot.version,
                kind=record.kind,
                respondent_code=record.respondent,
                consent_given=result.consent_given,
                started_at=record.started_at,
                status=RecordStatus.IN_PROGRESS,
                snapshot_id=snapshot.id,
            ),
            auditor=auditor,
        )
        _sync_record(repository, stored, result, auditor)
        progress.advance(record.respondent)

    if status in (AuditStatus.DRAFT, AuditStatus.IN_PROGRESS):
        repository.set_audit_status(audit_uuid, AuditStatus.COMPLETED, auditor=auditor)
    progress.advance("Done")
    return audit_uuid


def _ensure_site(repository: SampleStore, case: SampleCase) -> None:
    wanted = Site(
        uuid=case.site.uuid,
        organisation=case.site.organisation,
        name=case.site.name,
        country=case.site.country,
        city=case.site.city,
        sector=case.site.sector,
        headcount=case.site.headcount,
        position=case.site.position,
    )
    known = {site.uuid: site for site in repository.list_sites()}
    if case.site.uuid not in known:
        repository.add_site(wanted)
    elif known[case.site.uuid] != wanted:
        repository.update_site(wanted)


def _ensure_audit(
    repository: SampleStore, case: SampleCase, auditor: str | None
) -> tuple[str, AuditStatus]:
    """The case's audit (added if missing) and its status now."""
    spec = case.audit
    known = {summary.uuid: summary.status for summary in repository.list_audits()}
    if spec.uuid in known:
        return spec.uuid, known[spec.uuid]
    repository.add_audit(
        Audit(
            uuid=spec.uuid,
            site_uuid=case.site.uuid,
            audit_type=spec.audit_type,
            status=AuditStatus.IN_PROGRESS,
            planned_start=spec.planned_start,
            started_on=spec.started_on,
            ended_on=spec.ended_on,
            lead_auditor=spec.lead_auditor,
            team=spec.team,
            training=True,
            notes=spec.notes,
        ),
        auditor=auditor,
    )
    return spec.uuid, AuditStatus.IN_PROGRESS


def _sync_record(
    repository: SampleStore, stored: FormRecord, result: ReplayedRecord, auditor: str | None
) -> None:
    """Make the stored record hold exactly the case's answers, notes and pictures."""
    completed = stored.status is RecordStatus.COMPLETED
    reason = RESTORE_REASON if completed else ""
    wanted = result.instance_document()
    current = repository.load_instance(stored.uuid)
    if any(current.get(key) != wanted.get(key) for key in ("answers", "repeats", "notes")):
        repository.save_instance(stored.uuid, _as_instance(wanted), auditor=auditor, reason=reason)
    have = {(a.question_path, a.sha256) for a in repository.list_attachments(stored.uuid)}
    for attachment, path in zip(result.record.attachments, result.attachment_paths, strict=True):
        content = attachment.path.read_bytes()
        if (path, _sha256(content)) not in have:
            repository.add_attachment(
                stored.uuid,
                path,
                attachment.path.name,
                attachment.mime_type,
                content,
                caption=attachment.caption,
                auditor=auditor,
            )
    if not completed or stored.consent_given != result.consent_given:
        repository.set_record_status(
            stored.uuid,
            RecordStatus.COMPLETED,
            auditor=auditor,
            consent_given=result.consent_given,
            reason=reason,
        )


def _as_instance(document: Mapping[str, object]) -> InstanceDocument:
    # InstanceDocument is a TypedDict without the optional "notes" key the store keeps
    # beside the answers; the repository passes unknown keys through as metadata.
    return document  # type: ignore[return-value]


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
