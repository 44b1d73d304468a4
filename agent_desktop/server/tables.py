"""The server's database tables as typed SQLAlchemy ORM classes.

The schema itself is created and evolved by the Alembic migrations in `migrations/`;
these classes must stay in step with them (tests/server/test_migrations.py checks it).
Timestamps are stored in UTC and always come back timezone-aware, on SQLite as on
PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, stored as UTC (naive UTC text on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[Any]: JSON,
    }


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime]
    department_code: Mapped[str | None] = mapped_column(String(64))  # role "department"


class TokenRow(Base):
    """A bearer token, stored as the SHA-256 of the token the client holds."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ReferenceSetRow(Base):
    """Which version of a reference data set (catalog, departments) the tables hold."""

    __tablename__ = "reference_sets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]


class CatalogNodeRow(Base):
    __tablename__ = "catalog_nodes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int]
    parent_code: Mapped[str | None] = mapped_column(String(16))
    level: Mapped[int]
    name: Mapped[str] = mapped_column(String(128))
    keywords: Mapped[list[str]]
    routing: Mapped[dict[str, Any] | None]
    time_limits: Mapped[dict[str, Any] | None]


class DepartmentRow(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(128))
    level: Mapped[str] = mapped_column(String(16))
    function: Mapped[str] = mapped_column(String(64))
    district_code: Mapped[str | None] = mapped_column(String(16))
    street_code: Mapped[str | None] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(64))


class DailyCounterRow(Base):
    """The last work-order sequence number handed out on one hotline day."""

    __tablename__ = "daily_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int]


class WorkOrderRow(Base):
    """A work order: the submitted WorkOrderIn as JSON (`payload`, kept up to date by
    dispatch), the columns we filter on, and the lifecycle's state."""

    __tablename__ = "work_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    matter_code: Mapped[str] = mapped_column(String(16))
    department_code: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    deadlines: Mapped[dict[str, Any]]  # stage → ISO 8601 due time (UTC+8)
    updated_at: Mapped[datetime | None]  # set on every change (older rows: backfilled)
    resolve_due: Mapped[datetime | None] = mapped_column(index=True)  # for overdue lists
    deadlines_approximate: Mapped[bool] = mapped_column(server_default=false())
    return_count: Mapped[int] = mapped_column(server_default=text("0"))
    supervised: Mapped[bool] = mapped_column(server_default=false())
    supervision_note: Mapped[str] = mapped_column(Text, server_default="")
    reply: Mapped[dict[str, Any] | None]  # DepartmentReply
    follow_up: Mapped[dict[str, Any] | None]  # FollowUp
    extensions: Mapped[list[Any] | None]  # [Extension]
    open311: Mapped[dict[str, Any] | None]  # what an Open311 client sent beyond WorkOrderIn


class WorkOrderPhoneRow(Base):
    """One caller phone number of a work order, digits only, for look-ups by caller."""

    __tablename__ = "work_order_phones"
    __table_args__ = (
        # Caller history: phone → orders, without touching the table.
        Index("ix_work_order_phones_phone_work_order_id", "phone", "work_order_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(
        ForeignKey("work_orders.id", ondelete="CASCADE"), index=True
    )
    phone: Mapped[str] = mapped_column(String(32))


class WorkOrderHistoryRow(Base):
    """One transition of a work order: who did what, when, from which status to which."""

    __tablename__ = "work_order_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(
        ForeignKey("work_orders.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    comment: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]]


class AgentStateRow(Base):
    """The current telephony state of one agent (user)."""

    __tablename__ = "agent_states"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    since: Mapped[datetime]


class IdempotencyKeyRow(Base):
    """The first response to a POST made with an Idempotency-Key, replayed on retries."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("username", "key", name="uq_idempotency_keys_username_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None]
    response_body: Mapped[str | None] = mapped_column(Text)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    created_at: Mapped[datetime]


class EventRow(Base):
    """One entry of the live event stream; ids grow in commit order."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]]


class KbArticleRow(Base):
    __tablename__ = "kb_articles"
    __table_args__ = (Index("ix_kb_articles_updated_at_id", "updated_at", "id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(256))
    body_html: Mapped[str] = mapped_column(Text)
    matter_codes: Mapped[list[str]]
    keywords: Mapped[list[str]]
    department: Mapped[str] = mapped_column(String(128))
    effective_from: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    version: Mapped[int]
    updated_at: Mapped[datetime]
    retired: Mapped[bool]
    demo: Mapped[bool]


class TrainingScenarioRow(Base):
    """A training scenario as trainers keep it (the JSON of resources/training/scenarios)."""

    __tablename__ = "training_scenarios"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class TrainingAttemptRow(Base):
    """One practice call handed in: the order, transcript and times (`attempt`), and its
    score (`result`, with any trainer overrides)."""

    __tablename__ = "training_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(80), index=True)
    trainee: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]
    total: Mapped[float] = mapped_column(Float)
    result: Mapped[dict[str, Any]]
    attempt: Mapped[dict[str, Any]]


class CallRecordRow(Base):
    """A call as the operator's workspace reported it: for QA after the call."""

    __tablename__ = "call_records"

    call_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    operator: Mapped[str] = mapped_column(String(64), index=True)
    caller: Mapped[str] = mapped_column(String(32), server_default="")
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    segments: Mapped[list[Any]]


class QaEvaluationRow(Base):
    """One evaluation of a call against a QA form (answers with the automatic ones)."""

    __tablename__ = "qa_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[str] = mapped_column(String(120), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    operator: Mapped[str] = mapped_column(String(64), index=True)
    reviewer: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # draft | completed | acknowledged
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    score: Mapped[float | None] = mapped_column(Float)
    answers: Mapped[dict[str, Any]]
