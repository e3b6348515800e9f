"""The tables, as SQLAlchemy 2 declarative rows. Rows never leave ``auditdesk.storage``.

Dates and times are ISO-8601 text (what SQLite has natively and exports want), enums
their string values, answers canonical JSON text. The Alembic revisions in
``migrations/versions`` create exactly this schema; a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The newest Alembic revision this code writes; checked against the scripts in a test,
# so opening an up-to-date database never has to import Alembic.
SCHEMA_HEAD = "0002"
KNOWN_REVISIONS = ("0001", "0002")

# Tables every AuditDesk database has; `db restore` refuses files without them.
CORE_TABLES = frozenset({"site", "audit", "form_record", "answer", "trail_entry"})

_NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)


class SiteRow(Base):
    __tablename__ = "site"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organisation: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(Text)
    city: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(Text, default="")
    headcount: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[str] = mapped_column(String(32))


class AuditRow(Base):
    __tablename__ = "audit"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_uuid: Mapped[str] = mapped_column(ForeignKey("site.uuid"), index=True)
    audit_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    planned_start: Mapped[str | None] = mapped_column(String(10))
    started_on: Mapped[str | None] = mapped_column(String(10))
    ended_on: Mapped[str | None] = mapped_column(String(10))
    lead_auditor: Mapped[str] = mapped_column(Text, default="")
    team_json: Mapped[str] = mapped_column(Text, default="[]")
    training: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(40))


class AuditorProfileRow(Base):
    __tablename__ = "auditor_profile"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    accreditation: Mapped[str] = mapped_column(Text, default="")


class FormSnapshotRow(Base):
    __tablename__ = "form_snapshot"
    __table_args__ = (UniqueConstraint("audit_uuid", "sha256", "filename"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_uuid: Mapped[str] = mapped_column(ForeignKey("audit.uuid"), index=True)
    form_id: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class FormRecordRow(Base):
    __tablename__ = "form_record"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    audit_uuid: Mapped[str] = mapped_column(ForeignKey("audit.uuid"), index=True)
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("form_snapshot.id"))
    form_id: Mapped[str] = mapped_column(Text)
    form_version: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    # An anonymous code such as W-07; a worker's name has no column, by design.
    respondent_code: Mapped[str] = mapped_column(String(16))
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[str | None] = mapped_column(String(40))
    ended_at: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(32))
    # The instance JSON minus its answers (repeat counts and whatever the engine adds).
    instance_meta_json: Mapped[str] = mapped_column(Text, default="{}")


class AnswerRow(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("record_uuid", "path"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(ForeignKey("form_record.uuid"))
    path: Mapped[str] = mapped_column(Text)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(40))


class AttachmentRow(Base):
    __tablename__ = "attachment"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(ForeignKey("form_record.uuid"), index=True)
    question_path: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text)
    mime_type: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class FindingRow(Base):
    __tablename__ = "finding"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    audit_uuid: Mapped[str] = mapped_column(ForeignKey("audit.uuid"), index=True)
    criterion_code: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    derived: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    details_json: Mapped[str] = mapped_column(Text, default="{}")


class CorrectiveActionRow(Base):
    __tablename__ = "corrective_action"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    finding_uuid: Mapped[str] = mapped_column(ForeignKey("finding.uuid"), index=True)
    action: Mapped[str] = mapped_column(Text, default="")
    responsible_party: Mapped[str] = mapped_column(Text, default="")
    plan_due: Mapped[str | None] = mapped_column(String(10))
    verify_due: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    verification_note: Mapped[str] = mapped_column(Text, default="")


class TrailEntryRow(Base):
    """Append-only (SQLite triggers refuse UPDATE and DELETE); hash-chained per audit."""

    __tablename__ = "trail_entry"
    __table_args__ = (UniqueConstraint("audit_uuid", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_uuid: Mapped[str] = mapped_column(ForeignKey("audit.uuid"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    auditor: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[str | None] = mapped_column(String(36))
    path: Mapped[str | None] = mapped_column(Text)
    old_value_json: Mapped[str | None] = mapped_column(Text)
    new_value_json: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AppSettingRow(Base):
    """Added by revision 0002."""

    __tablename__ = "app_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


# Added by revision 0002: the audits list reads audits newest first.
Index("ix_audit_created_at", AuditRow.created_at)
