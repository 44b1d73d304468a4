"""Training: scenarios kept on the server (trainers add and edit them) and the attempts
trainees hand in to the training sink, scored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "training_scenarios",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "training_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.String(80), nullable=False, index=True),
        sa.Column("trainee", sa.String(64), nullable=False, index=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("total", sa.Float, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("attempt", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("training_attempts")
    op.drop_table("training_scenarios")
