"""The reporting schema a BI tool queries (docs/reporting-schema.md), in SQLAlchemy Core.

Plain tables with natural keys (UUIDs), typed columns and indexes on what reports
filter by; one view, ``open_actions``, works out overdue corrective actions against
the database's own ``CURRENT_DATE``. Nothing here is AuditDesk's working store: it
is written only by consolidation and only read by reports.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

REPORTING_SCHEMA_VERSION = 1

metadata = MetaData()

UUID = String(64)  # UUIDs, and "criterion:X" keys of findings that have none yet

schema_info = Table(
    "schema_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

audits = Table(
    "audits",
    metadata,
    Column("audit_uuid", UUID, primary_key=True),
    Column("site_uuid", UUID),
    Column("site_name", Text),
    Column("organisation", Text),
    Column("country", String(100), index=True),
    Column("city", Text),
    Column("sector", Text),
    Column("audit_type", String(32)),
    Column("audit_status", String(32)),
    Column("started_on", Date, index=True),
    Column("ended_on", Date),
    Column("lead_auditor", Text),
    Column("team", Text),
    Column("rating", Float),
    Column("rating_maximum", Float),
    Column("zero_tolerance_alerts", Integer, nullable=False),
    Column("alerts", Text),
    Column("forms", Text),
    Column("verification", String(32), nullable=False, index=True),
    Column("signer", Text),
    Column("exported_at", DateTime),
    Column("document_id", String(100)),
    Column("format_version", String(16)),
    Column("source_file", Text),
    Column("source_sha256", String(64)),
    Column("consolidated_at", DateTime, nullable=False),
)


def _audit_fk() -> ForeignKey:
    return ForeignKey("audits.audit_uuid", ondelete="CASCADE")


area_scores = Table(
    "area_scores",
    metadata,
    Column("audit_uuid", UUID, _audit_fk(), primary_key=True),
    Column("area_code", String(16), primary_key=True),
    Column("area_name", Text),
    Column("score", Float),
)

records = Table(
    "records",
    metadata,
    Column("record_uuid", UUID, primary_key=True),
    Column("audit_uuid", UUID, _audit_fk(), nullable=False, index=True),
    Column("form_id", String(200), nullable=False, index=True),
    Column("form_version", String(64)),
    Column("record_kind", String(64)),
    Column("respondent_code", String(64)),
    Column("started_at", DateTime),
    Column("ended_at", DateTime),
    Column("status", String(32)),
)

answers = Table(
    "answers",
    metadata,
    Column("record_uuid", UUID, ForeignKey("records.record_uuid", ondelete="CASCADE"),
           primary_key=True),
    Column("question_path", String(500), primary_key=True),
    Column("audit_uuid", UUID, nullable=False, index=True),
    Column("form_id", String(200), nullable=False),
    Column("form_version", String(64)),
    Column("question", String(500), nullable=False),
    Column("question_type", String(64)),
    Column("label", Text),
    Column("value", Text),
    Column("value_number", Float),
    Column("value_label", Text),
    Column("criterion", String(100), index=True),
    Column("area", String(32)),
    Index("ix_answers_form_question", "form_id", "question"),
)

findings = Table(
    "findings",
    metadata,
    Column("audit_uuid", UUID, _audit_fk(), primary_key=True),
    Column("finding_key", UUID, primary_key=True),
    Column("finding_uuid", UUID),
    Column("criterion", String(100), index=True),
    Column("area", String(32)),
    Column("area_name", Text),
    Column("severity", String(16), nullable=False, index=True),
    Column("title", Text),
    Column("status", String(16), nullable=False),
    Column("origin", String(32)),
    Column("evidence", Text),
    Column("cap_action", Text),
    Column("cap_responsible", Text),
    Column("cap_plan_due", Date),
    Column("cap_verify_due", Date),
    Column("cap_status", String(16), index=True),
    Column("cap_verification_note", Text),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("conflict_key", String(64), primary_key=True),
    Column("audit_uuid", UUID, nullable=False, index=True),
    Column("site_name", Text),
    Column("kind", String(16), nullable=False),
    Column("item_key", Text, nullable=False),
    Column("field", Text),
    Column("kept_value", Text),
    Column("kept_file", Text),
    Column("kept_exported_at", DateTime),
    Column("other_value", Text),
    Column("other_file", Text),
    Column("other_exported_at", DateTime),
)

import_log = Table(
    "import_log",
    metadata,
    Column("entry_key", String(80), primary_key=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("size", Integer),
    Column("status", String(32), nullable=False, index=True),
    Column("status_label", Text),
    Column("reason", Text),
    Column("outcome", String(16)),
    Column("audit_uuid", UUID, index=True),
    Column("site_name", Text),
    Column("exported_at", DateTime),
    Column("signer", Text),
    Column("format_version", String(16)),
    Column("first_imported_at", DateTime),
    Column("last_seen_at", DateTime),
)

# The plan's deadline while the action is open, the verification's once in progress
# (see master_layout.days_overdue); closed and disputed actions are never overdue.
OPEN_ACTIONS_VIEW = """
CREATE VIEW open_actions AS
SELECT f.audit_uuid, a.site_name, a.country, f.finding_key, f.criterion, f.severity,
       f.title, f.cap_action, f.cap_responsible, f.cap_status,
       CASE WHEN f.cap_status = 'open' THEN COALESCE(f.cap_plan_due, f.cap_verify_due)
            ELSE f.cap_verify_due END AS next_due,
       CASE WHEN (CASE WHEN f.cap_status = 'open'
                       THEN COALESCE(f.cap_plan_due, f.cap_verify_due)
                       ELSE f.cap_verify_due END) < CURRENT_DATE
            THEN 1 ELSE 0 END AS overdue
FROM findings f JOIN audits a ON a.audit_uuid = f.audit_uuid
WHERE f.status = 'open' AND f.cap_status IN ('open', 'in_progress')
"""
