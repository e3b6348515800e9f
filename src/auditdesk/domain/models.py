"""Plain, immutable domain objects: what the store hands out and takes in.

None of these knows about SQL. A worker is only ever a respondent code (``W-07``):
there is deliberately no field for a worker's name anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from auditdesk.domain.enums import (
    AuditStatus,
    AuditType,
    CapStatus,
    FindingStatus,
    RecordKind,
    RecordStatus,
    Severity,
    SupplyChainPosition,
    TrailKind,
)
from auditdesk.domain.values import AnswerValue, JsonValue


@dataclass(frozen=True)
class Site:
    uuid: str
    organisation: str
    name: str
    country: str
    city: str = ""
    sector: str = ""
    headcount: int | None = None
    position: SupplyChainPosition = SupplyChainPosition.DIRECT_EMPLOYER


@dataclass(frozen=True)
class Audit:
    uuid: str
    site_uuid: str
    audit_type: AuditType
    status: AuditStatus = AuditStatus.DRAFT
    planned_start: date | None = None
    started_on: date | None = None
    ended_on: date | None = None
    lead_auditor: str = ""
    team: tuple[str, ...] = ()
    training: bool = False
    notes: str = ""


class AuditSummary(NamedTuple):
    """One line of the audits list: only what the list shows.

    A NamedTuple rather than a frozen dataclass: the list builds thousands at once and a
    tuple is built about five times faster, while staying just as immutable.
    """

    uuid: str
    site: str
    organisation: str
    country: str
    audit_type: AuditType
    status: AuditStatus
    started_on: date | None
    ended_on: date | None
    training: bool


@dataclass(frozen=True)
class AuditorProfile:
    uuid: str
    name: str
    organisation: str = ""
    email: str = ""
    accreditation: str = ""


@dataclass(frozen=True)
class FormSnapshot:
    """The exact bytes of a form file an audit was started with."""

    id: int
    audit_uuid: str
    form_id: str
    version: str
    filename: str
    sha256: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class FormRecord:
    """One filled form inside an audit: an interview, a document review, an observation."""

    uuid: str
    audit_uuid: str
    form_id: str
    form_version: str
    kind: RecordKind
    respondent_code: str
    consent_given: bool = False
    started_at: datetime | None = None
    ended_at: datetime | None = None
    status: RecordStatus = RecordStatus.DRAFT
    snapshot_id: int | None = None


@dataclass(frozen=True)
class Answer:
    record_uuid: str
    path: str
    value: JsonValue
    updated_at: datetime


@dataclass(frozen=True)
class SavedAnswer:
    """The confirmation that an answer is on disk (returned only after the commit)."""

    record_uuid: str
    path: str
    value: AnswerValue | JsonValue
    saved_at: datetime
    changed: bool
    trail_seq: int | None


@dataclass(frozen=True)
class Attachment:
    """A photo or document kept inside the database; content is fetched on demand."""

    uuid: str
    record_uuid: str
    question_path: str
    filename: str
    mime_type: str
    sha256: str
    size: int
    caption: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class Finding:
    uuid: str
    audit_uuid: str
    criterion_code: str
    severity: Severity
    title: str
    evidence: str = ""
    derived: bool = False
    status: FindingStatus = FindingStatus.OPEN
    withdrawn_reason: str = ""
    # Room for the audit method (sources, linked records and attachments, scores).
    details: dict[str, JsonValue] = field(default_factory=dict)


@dataclass(frozen=True)
class CorrectiveAction:
    uuid: str
    finding_uuid: str
    action: str = ""
    responsible_party: str = ""
    plan_due: date | None = None
    verify_due: date | None = None
    status: CapStatus = CapStatus.OPEN
    verification_note: str = ""


@dataclass(frozen=True)
class TrailEntry:
    """One link of an audit's hash chain."""

    audit_uuid: str
    seq: int
    at: datetime
    auditor: str
    kind: TrailKind
    record_uuid: str | None = None
    path: str | None = None
    old_value: JsonValue = None
    new_value: JsonValue = None
    reason: str = ""
    detail: dict[str, JsonValue] = field(default_factory=dict)
    prev_hash: str = ""
    hash: str = ""


@dataclass(frozen=True)
class TrailVerification:
    audit_uuid: str
    entries: int
    first_broken_seq: int | None = None
    problem: str = ""
    # The last entry's hash: the chain cannot show entries cut off its end, so exports
    # and signatures quote this value and a later truncation shows against them.
    head_hash: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None
