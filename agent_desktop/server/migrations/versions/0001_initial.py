"""Initial schema: users and tokens, reference data, work orders, events, KB articles.

Revision ID: 0001
Revises:
Create Date: 2026-01-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])
    op.create_table(
        "reference_sets",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    op.create_table(
        "catalog_nodes",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("parent_code", sa.String(16)),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("routing", sa.JSON),
        sa.Column("time_limits", sa.JSON),
    )
    op.create_table(
        "departments",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("function", sa.String(64), nullable=False),
        sa.Column("district_code", sa.String(16)),
        sa.Column("street_code", sa.String(16)),
        sa.Column("parent_code", sa.String(64)),
    )
    op.create_table(
        "daily_counters",
        sa.Column("day", sa.String(8), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "work_orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("matter_code", sa.String(16), nullable=False),
        sa.Column("department_code", sa.String(64)),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("deadlines", sa.JSON, nullable=False),
    )
    op.create_index("ix_work_orders_status", "work_orders", ["status"])
    op.create_index("ix_work_orders_department_code", "work_orders", ["department_code"])
    op.create_index("ix_work_orders_created_at", "work_orders", ["created_at"])
    op.create_table(
        "work_order_phones",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "work_order_id",
            sa.Integer,
            sa.ForeignKey("work_orders.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("phone", sa.String(32), nullable=False),
    )
    op.create_index("ix_work_order_phones_work_order_id", "work_order_phones", ["work_order_id"])
    op.create_index("ix_work_order_phones_phone", "work_order_phones", ["phone"])
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("response_body", sa.Text),
        sa.Column("work_order_id", sa.Integer, sa.ForeignKey("work_orders.id")),
        sa.Column("created_at", _utc(), nullable=False),
        sa.UniqueConstraint("username", "key", name="uq_idempotency_keys_username_key"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "kb_articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(256), nullable=False),
        sa.Column("body_html", sa.Text, nullable=False),
        sa.Column("matter_codes", sa.JSON, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("department", sa.String(128), nullable=False),
        sa.Column("effective_from", _utc()),
        sa.Column("expires_at", _utc()),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.Column("demo", sa.Boolean, nullable=False),
    )
    op.create_index("ix_kb_articles_updated_at_id", "kb_articles", ["updated_at", "id"])


def downgrade() -> None:
    for table in (
        "kb_articles",
        "events",
        "idempotency_keys",
        "work_order_phones",
        "work_orders",
        "daily_counters",
        "departments",
        "catalog_nodes",
        "reference_sets",
        "tokens",
        "users",
    ):
        op.drop_table(table)
