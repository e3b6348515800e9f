"""Words the interface shows for the core's closed vocabularies (statuses, kinds…)."""

from __future__ import annotations

from enum import StrEnum

from auditdesk.domain import (
    AuditStatus,
    AuditType,
    CapStatus,
    FindingStatus,
    RecordKind,
    RecordStatus,
    Severity,
    SupplyChainPosition,
)
from auditdesk.qt.i18n import N_, NP_, tr, trp

# Keyed by (type, value): members of different enums share spellings ("draft").
_LABELS: dict[tuple[type, str], str | tuple[str, str]] = {
    (AuditStatus, AuditStatus.DRAFT): N_("Draft"),
    (AuditStatus, AuditStatus.IN_PROGRESS): N_("In progress"),
    (AuditStatus, AuditStatus.COMPLETED): N_("Completed"),
    (AuditStatus, AuditStatus.SIGNED): N_("Signed"),
    (AuditStatus, AuditStatus.ARCHIVED): N_("Archived"),
    (AuditType, AuditType.ANNOUNCED): N_("Announced"),
    (AuditType, AuditType.SEMI_ANNOUNCED): N_("Semi-announced"),
    (AuditType, AuditType.UNANNOUNCED): N_("Unannounced"),
    (RecordKind, RecordKind.MANAGEMENT_INTERVIEW): N_("Management interview"),
    (RecordKind, RecordKind.WORKER_INTERVIEW): N_("Worker interview"),
    (RecordKind, RecordKind.WORKER_GROUP_INTERVIEW): N_("Worker group interview"),
    (RecordKind, RecordKind.DOCUMENT_REVIEW): N_("Document review"),
    (RecordKind, RecordKind.SITE_OBSERVATION): N_("Site observation"),
    (RecordKind, RecordKind.SITE_PROFILE): N_("Site profile"),
    (RecordStatus, RecordStatus.DRAFT): N_("Not started"),
    (RecordStatus, RecordStatus.IN_PROGRESS): N_("In progress"),
    (RecordStatus, RecordStatus.COMPLETED): N_("Completed"),
    (SupplyChainPosition, SupplyChainPosition.DIRECT_EMPLOYER): N_("Direct employer"),
    (SupplyChainPosition, SupplyChainPosition.VENDOR): N_("Vendor"),
    (SupplyChainPosition, SupplyChainPosition.SUBCONTRACTOR): N_("Subcontractor"),
    (SupplyChainPosition, SupplyChainPosition.PLATFORM): N_("Platform"),
    (Severity, Severity.CRITICAL): N_("Critical"),
    (Severity, Severity.MAJOR): N_("Major"),
    (Severity, Severity.MINOR): N_("Minor"),
    (FindingStatus, FindingStatus.OPEN): NP_("status", "Open"),
    (FindingStatus, FindingStatus.WITHDRAWN): N_("Withdrawn"),
    (CapStatus, CapStatus.OPEN): NP_("status", "Open"),
    (CapStatus, CapStatus.IN_PROGRESS): N_("In progress"),
    (CapStatus, CapStatus.CLOSED): N_("Closed"),
    (CapStatus, CapStatus.DISPUTED): N_("Disputed"),
}


def label(value: StrEnum) -> str:
    """The translated word for ``value``; its stored spelling if none is known."""
    text = _LABELS.get((type(value), value))
    if isinstance(text, tuple):
        return trp(*text)
    return tr(text) if text else str(value).replace("_", " ").capitalize()
