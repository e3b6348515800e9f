"""Turn the new-audit wizard's answers into a site, an audit, form snapshots and records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditdesk.domain import (
    Audit,
    AuditStatus,
    AuditType,
    FormRecord,
    RecordKind,
    RecordStatus,
    Site,
    SupplyChainPosition,
    new_uuid,
)
from auditdesk.jobs import Progress
from auditdesk.qt.controllers.form_library import BundledForm, FormLibrary

if TYPE_CHECKING:
    from auditdesk.storage import Repository

ONE_PER_AUDIT = (
    RecordKind.SITE_PROFILE,
    RecordKind.MANAGEMENT_INTERVIEW,
    RecordKind.DOCUMENT_REVIEW,
    RecordKind.SITE_OBSERVATION,
)
"""Checklists filled once per audit; interviews with workers are added one by one."""


@dataclass(frozen=True)
class SiteDetails:
    organisation: str
    name: str
    country: str
    city: str = ""
    sector: str = ""
    headcount: int | None = None
    position: SupplyChainPosition = SupplyChainPosition.VENDOR
    existing_uuid: str | None = None


@dataclass(frozen=True)
class NewAuditPlan:
    """What the wizard collected."""

    site: SiteDetails
    audit_type: AuditType
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    lead_auditor: str
    team: tuple[str, ...]
    checklists: tuple[str, ...]
    """Form ids of the bundled checklists to use."""
    training: bool = False
    notes: str = field(default="")


def create_audit(
    repository: Repository,
    library: FormLibrary,
    plan: NewAuditPlan,
    progress: Progress | None = None,
) -> Audit:
    """Store the site (new or updated headcount), the audit, its form snapshots and records."""
    progress = progress or Progress()
    chosen = [form for form in library.bundled() if form.form_id in plan.checklists]
    progress.start(len(chosen) + 1, "Creating the audit")
    site = _site(repository, plan.site)
    audit = repository.add_audit(
        Audit(
            uuid=new_uuid(),
            site_uuid=site.uuid,
            audit_type=plan.audit_type,
            status=AuditStatus.IN_PROGRESS,
            planned_start=plan.planned_start,
            started_on=plan.planned_start,
            ended_on=plan.planned_end,
            lead_auditor=plan.lead_auditor,
            team=plan.team,
            training=plan.training,
            notes=plan.notes,
        ),
        auditor=plan.lead_auditor or None,
    )
    progress.advance("Keeping a copy of each checklist")
    for form in chosen:
        _snapshot_and_records(repository, library, audit, form, plan.lead_auditor or None)
        progress.advance(form.form_id)
    return audit


def _site(repository: Repository, details: SiteDetails) -> Site:
    if details.existing_uuid:
        known = repository.get_site(details.existing_uuid)
        if details.headcount is not None and details.headcount != known.headcount:
            return repository.update_site(
                Site(**{**known.__dict__, "headcount": details.headcount})
            )
        return known
    return repository.add_site(
        Site(
            uuid=new_uuid(),
            organisation=details.organisation,
            name=details.name,
            country=details.country,
            city=details.city,
            sector=details.sector,
            headcount=details.headcount,
            position=details.position,
        )
    )


def _snapshot_and_records(
    repository: Repository,
    library: FormLibrary,
    audit: Audit,
    form: BundledForm,
    auditor: str | None,
) -> None:
    content = form.path.read_bytes()
    definition = library.load_bytes(content, form.filename)
    snapshot = repository.add_form_snapshot(
        audit.uuid,
        form_id=definition.form_id,
        version=definition.version,
        filename=form.filename,
        content=content,
        auditor=auditor,
    )
    if form.kind in ONE_PER_AUDIT:
        repository.add_form_record(
            FormRecord(
                uuid=new_uuid(),
                audit_uuid=audit.uuid,
                form_id=definition.form_id,
                form_version=definition.version,
                kind=form.kind,
                respondent_code="",
                status=RecordStatus.DRAFT,
                snapshot_id=snapshot.id,
            ),
            auditor=auditor,
        )


def add_interview(
    repository: Repository, library: FormLibrary, audit_uuid: str, kind: RecordKind
) -> FormRecord:
    """A new worker (or group) interview with the next free anonymous respondent code."""
    snapshots = [
        s
        for s in repository.list_form_snapshots(audit_uuid)
        if Path(s.filename).stem == kind.value or s.form_id.endswith(kind.value)
    ]
    if snapshots:
        snapshot = max(snapshots, key=lambda s: s.id)
    else:  # the checklist was not chosen at the start: keep a copy of today's version now
        form = library.bundled_form(kind)
        if form is None:
            raise LookupError(f"no bundled checklist for {kind.value}")
        content = form.path.read_bytes()
        definition = library.load_bytes(content, form.filename)
        snapshot = repository.add_form_snapshot(
            audit_uuid,
            form_id=definition.form_id,
            version=definition.version,
            filename=form.filename,
            content=content,
        )
    return repository.add_form_record(
        FormRecord(
            uuid=new_uuid(),
            audit_uuid=audit_uuid,
            form_id=snapshot.form_id,
            form_version=snapshot.version,
            kind=kind,
            respondent_code="",
            status=RecordStatus.DRAFT,
            snapshot_id=snapshot.id,
        )
    )
