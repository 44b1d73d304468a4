"""Work orders: `POST /work-orders` (idempotent), `GET /work-orders`, `GET /work-orders/{id}`.

A new order gets its number (工单编号) from a per-day counter row: `YYYYMMDD` of the
hotline's day (UTC+8) plus a 6-digit sequence, e.g. 20261122000123; the counter is bumped
with one atomic upsert and the number is unique by constraint. Its status is `dispatched`
when the operator named a department, `submitted` otherwise. Deadlines are left empty
for now.

With an `Idempotency-Key` header the first response (status and body) is stored under
(user, key) in the order's own transaction; a retry with the same body gets it again,
a different body under the same key gets 422. Concurrent duplicates meet at the unique
constraint: the loser rolls back and replays the winner. Failed requests (422) are not
stored, so a corrected request may reuse the key.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy import Select, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agent_desktop.domain.enums import WorkOrderStatus
from agent_desktop.domain.models import FieldError, User, WorkOrder, WorkOrderIn

from .auth import current_user
from .events import record_event
from .problems import ProblemError, invalid_fields, not_found
from .reference import department_exists, matter_problem
from .state import ServerState, get_state
from .tables import (
    DailyCounterRow,
    IdempotencyKeyRow,
    WorkOrderPhoneRow,
    WorkOrderRow,
    utcnow,
)

HOTLINE_TZ = timezone(timedelta(hours=8), "China Standard Time")
WORK_ORDER_CREATED = "work_order.created"


def normalize_phone(phone: str) -> str:
    """Digits only, so "021-6432 1234" finds "02164321234"."""
    return re.sub(r"\D", "", phone)


def _next_number(session: Session, now: datetime) -> str:
    day = now.astimezone(HOTLINE_TZ).strftime("%Y%m%d")
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(DailyCounterRow)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=["day"], set_={"last": DailyCounterRow.last + 1})
        .returning(DailyCounterRow.last)
    )
    return f"{day}{session.execute(statement).scalar_one():06d}"


def _to_model(row: WorkOrderRow) -> WorkOrder:
    return WorkOrder.model_validate(
        {
            **row.payload,
            "id": row.id,
            "number": row.number,
            "status": row.status,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "deadlines": row.deadlines,
        }
    )


def _reference_errors(session: Session, order: WorkOrderIn) -> list[FieldError]:
    errors = []
    if problem := matter_problem(session, order.matter_code):
        errors.append(FieldError(field="matter_code", message=problem))
    named = [("department_code", order.department_code)] + [
        (f"co_department_codes.{i}", code) for i, code in enumerate(order.co_department_codes)
    ]
    for field, code in named:
        if code is not None and not department_exists(session, code):
            errors.append(
                FieldError(
                    field=field,
                    message=f"There is no department {code!r}; "
                    "pick one from GET /api/v1/departments.",
                )
            )
    return errors


def _insert(session: Session, order: WorkOrderIn, user: User, now: datetime) -> WorkOrderRow:
    row = WorkOrderRow(
        number=_next_number(session, now),
        status=(
            WorkOrderStatus.DISPATCHED if order.department_code else WorkOrderStatus.SUBMITTED
        ).value,
        matter_code=order.matter_code,
        department_code=order.department_code,
        created_at=now,
        created_by=user.username,
        payload=order.model_dump(mode="json"),
        deadlines={},
    )
    session.add(row)
    session.flush()
    session.add_all(
        WorkOrderPhoneRow(work_order_id=row.id, phone=phone)
        for phone in {normalize_phone(p) for p in order.caller.phones} - {""}
    )
    return row


@dataclass(frozen=True)
class Created:
    """The response to a POST: status, JSON body, and whether it is a stored replay."""

    status: int
    body: str
    order_id: int
    replayed: bool


def _replay(stored: IdempotencyKeyRow, request_hash: str) -> Created:
    if stored.request_hash != request_hash:
        raise ProblemError(
            422,
            "Idempotency key reused",
            "This Idempotency-Key was already used for a different work order. "
            "Send a new key with each new work order.",
            slug="idempotency-key-reused",
        )
    assert stored.status_code and stored.response_body and stored.work_order_id
    return Created(stored.status_code, stored.response_body, stored.work_order_id, True)


def _find_key(session: Session, username: str, key: str) -> IdempotencyKeyRow | None:
    return session.scalar(
        select(IdempotencyKeyRow).where(
            IdempotencyKeyRow.username == username, IdempotencyKeyRow.key == key
        )
    )


def create_work_order(
    state: ServerState, order: WorkOrderIn, user: User, key: str | None
) -> Created:
    request_hash = hashlib.sha256(order.model_dump_json().encode()).hexdigest()
    try:
        with state.db.write() as session:
            if key and (stored := _find_key(session, user.username, key)):
                return _replay(stored, request_hash)
            if errors := _reference_errors(session, order):
                raise invalid_fields(errors)
            claim = None
            if key:
                # Claimed first: a concurrent duplicate blocks here until we commit.
                claim = IdempotencyKeyRow(
                    username=user.username, key=key, request_hash=request_hash, created_at=utcnow()
                )
                session.add(claim)
                session.flush()
            now = utcnow()
            row = _insert(session, order, user, now)
            created = _to_model(row)
            event_id = record_event(
                session, WORK_ORDER_CREATED, created.model_dump(mode="json"), now
            )
            body = created.model_dump_json()
            if claim:
                claim.status_code, claim.response_body, claim.work_order_id = 201, body, row.id
    except IntegrityError:
        if not key:
            raise
        with state.db.read() as session:
            stored = _find_key(session, user.username, key)
        if stored is None:
            raise
        return _replay(stored, request_hash)
    state.hub.notify_threadsafe(event_id)
    return Created(201, body, row.id, False)


def _filtered(
    caller_phone: str | None,
    status: list[WorkOrderStatus] | None,
    date_from: date | None,
    date_to: date | None,
    department_code: str | None,
) -> Select[tuple[WorkOrderRow]]:
    query = select(WorkOrderRow)
    if caller_phone:
        query = query.where(
            exists().where(
                WorkOrderPhoneRow.work_order_id == WorkOrderRow.id,
                WorkOrderPhoneRow.phone == normalize_phone(caller_phone),
            )
        )
    if status:
        query = query.where(WorkOrderRow.status.in_([s.value for s in status]))
    if date_from:
        query = query.where(WorkOrderRow.created_at >= _day_start(date_from))
    if date_to:
        query = query.where(WorkOrderRow.created_at < _day_start(date_to + timedelta(days=1)))
    if department_code:
        query = query.where(WorkOrderRow.department_code == department_code)
    return query


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), HOTLINE_TZ)


router = APIRouter(prefix="/work-orders", tags=["work orders"])
_State = Annotated[ServerState, Depends(get_state)]
_User = Annotated[User, Depends(current_user)]


@router.post(
    "",
    status_code=201,
    response_model=WorkOrder,
    summary="Submit a work order",
    responses={201: {"headers": {"Location": {"schema": {"type": "string"}}}}},
)
def post_work_order(
    order: WorkOrderIn,
    state: _State,
    user: _User,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            description="Any unique string (a UUID): retries with the same key and body "
            "return the first response instead of creating another order.",
        ),
    ] = None,
) -> Response:
    created = create_work_order(state, order, user, idempotency_key)
    headers = {"Location": f"/api/v1/work-orders/{created.order_id}"}
    if created.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        created.body, status_code=created.status, media_type="application/json", headers=headers
    )


@router.get("", response_model=list[WorkOrder], summary="Find work orders, newest first")
def list_work_orders(
    state: _State,
    user: _User,
    caller_phone: Annotated[str | None, Query(description="Any of the caller's phones")] = None,
    status: Annotated[list[WorkOrderStatus] | None, Query(description="Repeat for several")] = None,
    date_from: Annotated[date | None, Query(description="First day (UTC+8), inclusive")] = None,
    date_to: Annotated[date | None, Query(description="Last day (UTC+8), inclusive")] = None,
    department_code: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[WorkOrder]:
    query = (
        _filtered(caller_phone, status, date_from, date_to, department_code)
        .order_by(WorkOrderRow.created_at.desc(), WorkOrderRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with state.db.read() as session:
        return [_to_model(row) for row in session.scalars(query)]


@router.get("/{order_id}", response_model=WorkOrder, summary="One work order")
def get_work_order(order_id: int, state: _State, user: _User) -> WorkOrder:
    with state.db.read() as session:
        row = session.get(WorkOrderRow, order_id)
        if row is None:
            raise not_found(f"There is no work order {order_id}.")
        return _to_model(row)
