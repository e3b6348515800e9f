"""The first schema: sites, audits, form snapshots, records, answers, attachments,
findings, corrective actions, auditor profile and the append-only audit trail.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("position", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_site"),
    )
    op.create_table(
        "auditor_profile",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("accreditation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_auditor_profile"),
    )
    op.create_table(
        "audit",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("site_uuid", sa.String(36), nullable=False),
        sa.Column("audit_type", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("planned_start", sa.String(10), nullable=True),
        sa.Column("started_on", sa.String(10), nullable=True),
        sa.Column("ended_on", sa.String(10), nullable=True),
        sa.Column("lead_auditor", sa.Text(), nullable=False),
        sa.Column("team_json", sa.Text(), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["site_uuid"], ["site.uuid"], name="fk_audit_site_uuid_site"),
        sa.PrimaryKeyConstraint("uuid", name="pk_audit"),
    )
    op.create_index("ix_audit_site_uuid", "audit", ["site_uuid"])
    op.create_table(
        "form_snapshot",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("audit_uuid", sa.String(36), nullable=False),
        sa.Column("form_id", sa.Text(), nullable=False),
        sa.Column("version", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_uuid"], ["audit.uuid"], name="fk_form_snapshot_audit_uuid_audit"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_form_snapshot"),
        sa.UniqueConstraint(
            "audit_uuid", "sha256", "filename", name="uq_form_snapshot_audit_uuid_sha256_filename"
        ),
    )
    op.create_index("ix_form_snapshot_audit_uuid", "form_snapshot", ["audit_uuid"])
    op.create_table(
        "form_record",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("audit_uuid", sa.String(36), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("form_id", sa.Text(), nullable=False),
        sa.Column("form_version", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("respondent_code", sa.String(16), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.String(40), nullable=True),
        sa.Column("ended_at", sa.String(40), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("instance_meta_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_uuid"], ["audit.uuid"], name="fk_form_record_audit_uuid_audit"
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["form_snapshot.id"], name="fk_form_record_snapshot_id_form_snapshot"
        ),
        sa.PrimaryKeyConstraint("uuid", name="pk_form_record"),
    )
    op.create_index("ix_form_record_audit_uuid", "form_record", ["audit_uuid"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_uuid"], ["form_record.uuid"], name="fk_answer_record_uuid_form_record"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answer"),
        sa.UniqueConstraint("record_uuid", "path", name="uq_answer_record_uuid_path"),
    )
    op.create_table(
        "attachment",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("question_path", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("mime_type", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_uuid"], ["form_record.uuid"], name="fk_attachment_record_uuid_form_record"
        ),
        sa.PrimaryKeyConstraint("uuid", name="pk_attachment"),
    )
    op.create_index("ix_attachment_record_uuid", "attachment", ["record_uuid"])
    op.create_table(
        "finding",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("audit_uuid", sa.String(36), nullable=False),
        sa.Column("criterion_code", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("derived", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["audit_uuid"], ["audit.uuid"], name="fk_finding_audit_uuid_audit"),
        sa.PrimaryKeyConstraint("uuid", name="pk_finding"),
    )
    op.create_index("ix_finding_audit_uuid", "finding", ["audit_uuid"])
    op.create_table(
        "corrective_action",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("finding_uuid", sa.String(36), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("responsible_party", sa.Text(), nullable=False),
        sa.Column("plan_due", sa.String(10), nullable=True),
        sa.Column("verify_due", sa.String(10), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("verification_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["finding_uuid"], ["finding.uuid"], name="fk_corrective_action_finding_uuid_finding"
        ),
        sa.PrimaryKeyConstraint("uuid", name="pk_corrective_action"),
    )
    op.create_index("ix_corrective_action_finding_uuid", "corrective_action", ["finding_uuid"])
    op.create_table(
        "trail_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("audit_uuid", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("auditor", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("old_value_json", sa.Text(), nullable=True),
        sa.Column("new_value_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_uuid"], ["audit.uuid"], name="fk_trail_entry_audit_uuid_audit"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_trail_entry"),
        sa.UniqueConstraint("audit_uuid", "seq", name="uq_trail_entry_audit_uuid_seq"),
    )
    # The trail is append-only for the application; the hash chain catches anyone who
    # drops these triggers and edits history with another tool.
    op.execute(
        "CREATE TRIGGER trail_entry_no_update BEFORE UPDATE ON trail_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER trail_entry_no_delete BEFORE DELETE ON trail_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER trail_entry_no_delete")
    op.execute("DROP TRIGGER trail_entry_no_update")
    for table in (
        "trail_entry",
        "corrective_action",
        "finding",
        "attachment",
        "answer",
        "form_record",
        "form_snapshot",
        "audit",
        "auditor_profile",
        "site",
    ):
        op.drop_table(table)
