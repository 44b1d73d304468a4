"""Work-order lifecycle: history, deadlines and state columns, agent states, department users.

- users.department_code: the department a `department` user handles orders for;
- work_orders: updated_at (backfilled with created_at), resolve_due, deadlines_approximate,
  return_count, supervised + supervision_note, reply, follow_up, extensions, open311;
- work_order_history: one row per transition;
- agent_states: each agent's current telephony state;
- work_order_phones: (phone, work_order_id) index for caller history, replacing (phone).

Columns are only added, in batch mode with recreate="never": SQLite runs plain
ALTER TABLE … ADD/DROP COLUMN and never rebuilds work_orders, since dropping the old
table would cascade-delete its phones (foreign keys are on). Tested with data in
tests/server/test_migrations.py.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("users", recreate="never") as batch:
        batch.add_column(sa.Column("department_code", sa.String(64)))

    with op.batch_alter_table("work_orders", recreate="never") as batch:
        batch.add_column(sa.Column("updated_at", _utc()))
        batch.add_column(sa.Column("resolve_due", _utc()))
        batch.add_column(
            sa.Column(
                "deadlines_approximate", sa.Boolean, nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(
            sa.Column("return_count", sa.Integer, nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(
            sa.Column("supervised", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("supervision_note", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("reply", sa.JSON))
        batch.add_column(sa.Column("follow_up", sa.JSON))
        batch.add_column(sa.Column("extensions", sa.JSON))
        batch.add_column(sa.Column("open311", sa.JSON))
    op.execute("UPDATE work_orders SET updated_at = created_at WHERE updated_at IS NULL")
    op.create_index("ix_work_orders_resolve_due", "work_orders", ["resolve_due"])

    op.create_index(
        "ix_work_order_phones_phone_work_order_id", "work_order_phones", ["phone", "work_order_id"]
    )
    op.drop_index("ix_work_order_phones_phone", table_name="work_order_phones")

    op.create_table(
        "work_order_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "work_order_id",
            sa.Integer,
            sa.ForeignKey("work_orders.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("actor_role", sa.String(16), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_work_order_history_work_order_id", "work_order_history", ["work_order_id"])
    op.create_table(
        "agent_states",
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("since", _utc(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("agent_states")
    op.drop_table("work_order_history")
    op.create_index("ix_work_order_phones_phone", "work_order_phones", ["phone"])
    op.drop_index("ix_work_order_phones_phone_work_order_id", table_name="work_order_phones")
    op.drop_index("ix_work_orders_resolve_due", table_name="work_orders")
    with op.batch_alter_table("work_orders", recreate="never") as batch:
        for column in (
            "open311",
            "extensions",
            "follow_up",
            "reply",
            "supervision_note",
            "supervised",
            "return_count",
            "deadlines_approximate",
            "resolve_due",
            "updated_at",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("users", recreate="never") as batch:
        batch.drop_column("department_code")
