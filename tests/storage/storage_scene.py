"""A small audit to work on: one site, one audit, one worker interview record."""

from __future__ import annotations

from dataclasses import dataclass

from auditdesk.domain import (
    Audit,
    AuditType,
    FormRecord,
    RecordKind,
    Site,
    SupplyChainPosition,
    new_uuid,
)
from auditdesk.storage import Repository


@dataclass(frozen=True)
class Scene:
    """One site, one audit, one worker interview record."""

    site: Site
    audit: Audit
    record: FormRecord


def make_scene(repo: Repository, *, training: bool = False) -> Scene:
    site = repo.add_site(
        Site(
            new_uuid(),
            organisation="Lumen Data Services",
            name="Nairobi annotation centre",
            country="KE",
            city="Nairobi",
            sector="data annotation",
            headcount=420,
            position=SupplyChainPosition.VENDOR,
        )
    )
    audit = repo.add_audit(
        Audit(new_uuid(), site.uuid, AuditType.SEMI_ANNOUNCED, training=training),
        auditor="A. Auditor",
    )
    record = repo.add_form_record(
        FormRecord(
            new_uuid(), audit.uuid, "worker_interview", "2026.1", RecordKind.WORKER_INTERVIEW, ""
        ),
        auditor="A. Auditor",
    )
    return Scene(site, audit, record)
