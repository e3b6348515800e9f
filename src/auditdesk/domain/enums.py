"""The closed vocabularies of an audit, shared by the core, the store and the front-ends.

Values are the stable strings stored in the database and written to exports: never
rename one without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class AuditType(StrEnum):
    ANNOUNCED = "announced"
    SEMI_ANNOUNCED = "semi_announced"
    UNANNOUNCED = "unannounced"


class AuditStatus(StrEnum):
    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    SIGNED = "signed"
    ARCHIVED = "archived"

    @property
    def is_frozen(self) -> bool:
        """Signed and archived audits are evidence: their answers no longer change."""
        return self in (AuditStatus.SIGNED, AuditStatus.ARCHIVED)


class RecordKind(StrEnum):
    MANAGEMENT_INTERVIEW = "management_interview"
    WORKER_INTERVIEW = "worker_interview"
    WORKER_GROUP_INTERVIEW = "worker_group_interview"
    DOCUMENT_REVIEW = "document_review"
    SITE_OBSERVATION = "site_observation"
    SITE_PROFILE = "site_profile"

    @property
    def respondent_prefix(self) -> str:
        """The letter that starts an anonymous respondent code such as ``W-07``."""
        return _RESPONDENT_PREFIX[self]


_RESPONDENT_PREFIX = {
    RecordKind.MANAGEMENT_INTERVIEW: "M",
    RecordKind.WORKER_INTERVIEW: "W",
    RecordKind.WORKER_GROUP_INTERVIEW: "G",
    RecordKind.DOCUMENT_REVIEW: "D",
    RecordKind.SITE_OBSERVATION: "O",
    RecordKind.SITE_PROFILE: "S",
}


class RecordStatus(StrEnum):
    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class SupplyChainPosition(StrEnum):
    DIRECT_EMPLOYER = "direct_employer"
    VENDOR = "vendor"
    SUBCONTRACTOR = "subcontractor"
    PLATFORM = "platform"


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class FindingStatus(StrEnum):
    OPEN = "open"
    WITHDRAWN = "withdrawn"


class CapStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    DISPUTED = "disputed"


class TrailKind(StrEnum):
    """What an audit-trail entry records."""

    AUDIT_CREATED = "audit_created"
    AUDIT_STATUS = "audit_status"
    AUDIT_EDITED = "audit_edited"
    FORM_SNAPSHOT = "form_snapshot"
    RECORD_CREATED = "record_created"
    RECORD_STATUS = "record_status"
    ANSWER = "answer"
    ATTACHMENT_ADDED = "attachment_added"
    FINDING_ADDED = "finding_added"
    FINDING_CHANGED = "finding_changed"
    FINDING_WITHDRAWN = "finding_withdrawn"
    CAP_CHANGED = "cap_changed"
    EXPORT = "export"
