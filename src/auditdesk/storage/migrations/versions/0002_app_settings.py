"""App settings (backup rotation and the like) and an index that keeps the audits list fast.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_app_setting"),
    )
    op.create_index("ix_audit_created_at", "audit", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_audit_created_at", table_name="audit")
    op.drop_table("app_setting")
