"""QA (质检): each call as recorded (who took it, when, what was said) and the
evaluations of calls against a form.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "call_records",
        sa.Column("call_id", sa.String(120), primary_key=True),
        sa.Column("operator", sa.String(64), nullable=False, index=True),
        sa.Column("caller", sa.String(32), nullable=False, server_default=""),
        sa.Column("started_at", _utc(), nullable=False, index=True),
        sa.Column("ended_at", _utc()),
        sa.Column("segments", sa.JSON, nullable=False),
    )
    op.create_table(
        "qa_evaluations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("call_id", sa.String(120), nullable=False, index=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False, index=True),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("acknowledged_at", _utc()),
        sa.Column("score", sa.Float),
        sa.Column("answers", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("qa_evaluations")
    op.drop_table("call_records")
