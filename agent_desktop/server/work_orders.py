"""Work orders: `POST /work-orders` (idempotent), `GET /work-orders`, `GET /work-orders/{id}`.

Intake (`intake_errors` + `intake`, shared with the Open311 facade):
- the order is checked with `forms.validation.validate_work_order` against the stored
  catalog and departments, so a 422 carries the same field paths and Chinese messages
  as the client's own check; one rule is relaxed: a dispatch-mode order may come without
  a department, and then waits as `submitted` for a `dispatch` action (the centre's "to be
  assigned" list). `linked_order_ids` must name existing orders.
- it gets its number (工单编号) from a per-day counter row: `YYYYMMDD` of the hotline's
  day (UTC+8) plus a 6-digit sequence, e.g. 20261122000123; the counter is bumped with one
  atomic upsert and the number is unique by constraint.
- its sign / contact / resolve due times are computed from the matter's time limits and
  the urgency, accepted now (`due.at_intake`).
- history: `create` (→ submitted), then `dispatch` (→ dispatched) when the operator named
  a department, or `close` (→ closed, with the answer) when it was handled directly at
  intake. Events: `work_order.created` (the whole order), then `work_order.dispatch` or
  `work_order.close`.

With an `Idempotency-Key` header the first response (status and body) is stored under
(user, key) in the order's own transaction; a retry with the same body gets it again,
a different body under the same key gets 422. Concurrent duplicates meet at the unique
constraint: the loser rolls back and replays the winner. Failed requests (422) are not
stored, so a corrected request may reuse the key.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy import Select, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain import limits as L
from agent_desktop.domain.enums import HandlingMode, WorkOrderAction, WorkOrderStatus
from agent_desktop.domain.models import FieldError, User, WorkOrder, WorkOrderIn
from agent_desktop.forms.validation import validate_work_order

from .params import FIRST_DAY, LAST_DAY, Offset, OrderId, day_in_range, hotline_time
from . import due
from .auth import current_user, require_role
from .db import try_transaction_lock
from .events import record_event
from .history import add_history, record_transition
from .order_rows import find_order, normalize_phone, to_model
from .policy import INTAKE, check_visible, order_for, scoped
from .problems import ProblemError, invalid_fields
from .reference import ReferenceData, reference_data
from .state import ServerState, get_state
from .tables import (
    DailyCounterRow,
    IdempotencyKeyRow,
    WorkOrderPhoneRow,
    WorkOrderRow,
)

WORK_ORDER_CREATED = "work_order.created"

__all__ = ["create_work_order", "intake", "intake_errors", "normalize_phone", "router"]


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


def _linked_errors(session: Session, linked: list[int]) -> list[FieldError]:
    if not linked:
        return []
    found = set(session.scalars(select(WorkOrderRow.id).where(WorkOrderRow.id.in_(linked))))
    return [
        FieldError(field=f"linked_order_ids.{i}", message=f"关联工单{order_id}不存在，请重新选择")
        for i, order_id in enumerate(linked)
        if order_id not in found
    ]


def intake_errors(
    session: Session, order: WorkOrderIn, reference: ReferenceData, now: datetime
) -> list[FieldError]:
    """Everything wrong with a new order, with the form's field paths and messages."""
    errors = validate_work_order(
        order,
        catalog=reference.nodes,
        departments=reference.departments,
        now=now.astimezone(HOTLINE_TZ),  # naive call times are China time
    )
    if order.handling == HandlingMode.DISPATCH and not order.department_code:
        # Accepted without a department: it waits as `submitted` for a dispatch action.
        errors = [e for e in errors if e.field != "department_code"]
    return errors + _linked_errors(session, order.linked_order_ids)


def _status_at_intake(order: WorkOrderIn) -> WorkOrderStatus:
    if order.handling == HandlingMode.DIRECT:
        return WorkOrderStatus.CLOSED
    return WorkOrderStatus.DISPATCHED if order.department_code else WorkOrderStatus.SUBMITTED


def _insert(
    session: Session,
    order: WorkOrderIn,
    user: User,
    now: datetime,
    reference: ReferenceData,
    open311: dict[str, Any] | None,
) -> WorkOrderRow:
    deadlines = (
        due.StoredDeadlines()
        if order.handling == HandlingMode.DIRECT
        else due.at_intake(reference.leaf(order.matter_code), order.urgency, now)
    )
    row = WorkOrderRow(
        number=_next_number(session, now),
        status=_status_at_intake(order).value,
        matter_code=order.matter_code,
        department_code=order.department_code,
        created_at=now,
        created_by=user.username,
        payload=order.model_dump(mode="json"),
        deadlines=deadlines.due,
        updated_at=now,
        resolve_due=deadlines.resolve,
        deadlines_approximate=deadlines.approximate,
        return_count=0,
        supervised=False,
        supervision_note="",
        open311=open311,
    )
    session.add(row)
    session.flush()
    session.add_all(
        WorkOrderPhoneRow(work_order_id=row.id, phone=phone)
        for phone in {normalize_phone(p) for p in order.caller.phones} - {""}
    )
    return row


def _record_intake(
    session: Session,
    row: WorkOrderRow,
    order: WorkOrderIn,
    user: User,
    now: datetime,
    reference: ReferenceData,
) -> int:
    """History and events of a new order; returns the last event id."""
    submitted = WorkOrderStatus.SUBMITTED.value
    add_history(session, row, WorkOrderAction.CREATE, user, None, now, to_status=submitted)
    last = record_event(
        session, WORK_ORDER_CREATED, to_model(row, now).model_dump(mode="json"), now
    )
    if row.status == WorkOrderStatus.DISPATCHED:
        data = {
            "department_code": order.department_code,
            "department_name": reference.department_name(order.department_code),
            "co_department_codes": order.co_department_codes,
            "at_intake": True,
        }
        last = record_transition(
            session, row, WorkOrderAction.DISPATCH, user, submitted, now, data=data
        )
    elif row.status == WorkOrderStatus.CLOSED:
        last = record_transition(
            session,
            row,
            WorkOrderAction.CLOSE,
            user,
            submitted,
            now,
            comment=order.answer,
            data={"answer": order.answer, "at_intake": True},
        )
    return last


def intake(
    session: Session,
    order: WorkOrderIn,
    user: User,
    now: datetime,
    reference: ReferenceData,
    *,
    open311: dict[str, Any] | None = None,
) -> tuple[WorkOrderRow, int]:
    """Store a valid new order with its number, deadlines, history and events;
    returns the row and the last event id (for `EventHub.notify_threadsafe`)."""
    row = _insert(session, order, user, now, reference, open311)
    return row, _record_intake(session, row, order, user, now, reference)


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


_in_flight: set[tuple[str, str]] = set()  # (user, Idempotency-Key) being stored now
_in_flight_lock = threading.Lock()


def create_work_order(
    state: ServerState, order: WorkOrderIn, user: User, key: str | None
) -> Created:
    """Store the order, or replay the answer stored for its Idempotency-Key. A duplicate
    that arrives while the first is still being stored gets 409 with Retry-After (in
    this process by `_in_flight`; across instances on PostgreSQL by an advisory lock
    on the key, taken in `_create`)."""
    if not key:
        return _create(state, order, user, None)
    flight = (user.username, key)
    with _in_flight_lock:
        if flight in _in_flight:
            raise _still_in_flight()
        _in_flight.add(flight)
    try:
        return _create(state, order, user, key)
    finally:
        with _in_flight_lock:
            _in_flight.discard(flight)


def _still_in_flight() -> ProblemError:
    return ProblemError(
        409, "Request in progress",
        "A request with this Idempotency-Key is still being processed; send it again "
        "in a moment to get its answer.", slug="idempotency-in-flight",
        headers={"Retry-After": "1"})


def _create(state: ServerState, order: WorkOrderIn, user: User, key: str | None) -> Created:
    request_hash = hashlib.sha256(order.model_dump_json().encode()).hexdigest()
    try:
        with state.db.write() as session:
            if key and not try_transaction_lock(session, f"idempotency:{user.username}:{key}"):
                raise _still_in_flight()  # another instance is storing it
            if key and (stored := _find_key(session, user.username, key)):
                return _replay(stored, request_hash)
            now = state.clock()
            reference = reference_data(state, session)
            if errors := intake_errors(session, order, reference, now):
                raise invalid_fields(errors)
            claim = None
            if key:
                # Claimed first: a concurrent duplicate blocks here until we commit.
                claim = IdempotencyKeyRow(
                    username=user.username, key=key, request_hash=request_hash, created_at=now
                )
                session.add(claim)
                session.flush()
            row, event_id = intake(session, order, user, now, reference)
            body = to_model(row, now).model_dump_json()
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


@dataclass(frozen=True)
class OrderFilter:
    """The filters of `GET /work-orders`."""

    caller_phone: str | None = None
    status: list[WorkOrderStatus] | None = None
    date_from: date | None = None
    date_to: date | None = None
    department_code: str | None = None
    supervised: bool | None = None
    due_before: datetime | None = None
    created_by: str | None = None
    number: str | None = None


def order_query(f: OrderFilter) -> Select[WorkOrderRow]:
    query = select(WorkOrderRow)
    if f.caller_phone:
        # Starts from the (phone, work_order_id) index, then the orders by primary key:
        # a caller's history costs the same on a table of millions of orders.
        query = query.where(
            WorkOrderRow.id.in_(
                select(WorkOrderPhoneRow.work_order_id).where(
                    WorkOrderPhoneRow.phone == normalize_phone(f.caller_phone)
                )
            )
        )
    if f.status:
        query = query.where(WorkOrderRow.status.in_([s.value for s in f.status]))
    if f.date_from:
        query = query.where(WorkOrderRow.created_at >= _day_start(f.date_from))
    if f.date_to:
        query = query.where(WorkOrderRow.created_at < _day_start(f.date_to + timedelta(days=1)))
    if f.department_code:
        query = query.where(WorkOrderRow.department_code == f.department_code)
    if f.supervised is not None:
        query = query.where(WorkOrderRow.supervised == f.supervised)
    if f.due_before:
        query = query.where(WorkOrderRow.resolve_due < f.due_before)
    if f.created_by:
        query = query.where(WorkOrderRow.created_by == f.created_by)
    if f.number:
        query = query.where(WorkOrderRow.number == f.number)
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
    summary="Submit a work order (operator, lead, admin)",
    responses={201: {"headers": {"Location": {"schema": {"type": "string"}}}}},
)
def post_work_order(
    order: WorkOrderIn,
    state: _State,
    user: Annotated[User, Depends(require_role(*INTAKE))],
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
    caller_phone: Annotated[
        str | None, Query(max_length=L.PHONE_MAX, description="Any of the caller's phones")
    ] = None,
    status: Annotated[list[WorkOrderStatus] | None, Query(description="Repeat for several")] = None,
    date_from: Annotated[date | None, Query(description="First day (UTC+8), inclusive")] = None,
    date_to: Annotated[date | None, Query(description="Last day (UTC+8), inclusive")] = None,
    department_code: Annotated[str | None, Query(max_length=L.CODE_MAX)] = None,
    supervised: Annotated[bool | None, Query(description="督办 orders only (or none)")] = None,
    due_before: Annotated[
        datetime | None, Query(description="Resolve due time before this (临期/超期 lists)")
    ] = None,
    created_by: Annotated[
        str | None,
        Query(max_length=L.USERNAME_MAX, description="Orders this user created; `me` for yours"),
    ] = None,
    number: Annotated[
        str | None, Query(max_length=L.ORDER_NUMBER_MAX, description="The 工单编号")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> list[WorkOrder]:
    """Department users get their own department's orders only."""
    for name, day in (("date_from", date_from), ("date_to", date_to)):
        if not day_in_range(day):
            raise invalid_fields([FieldError(field=name, message=(
                f"日期须在{FIRST_DAY.year}年至{LAST_DAY.year}年之间"))])
    due_before = hotline_time(due_before)
    if due_before is not None and not day_in_range(due_before.date()):
        raise invalid_fields([FieldError(field="due_before", message=(
            f"时间须在{FIRST_DAY.year}年至{LAST_DAY.year}年之间"))])
    filters = OrderFilter(
        caller_phone, status, date_from, date_to, department_code, supervised, due_before,
        created_by=user.username if created_by == "me" else created_by, number=number,
    )
    query = (
        scoped(order_query(filters), user)
        .order_by(WorkOrderRow.created_at.desc(), WorkOrderRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    now = state.clock()
    with state.db.read() as session:
        return [order_for(user, to_model(row, now)) for row in session.scalars(query)]


@router.get("/{order_id}", response_model=WorkOrder, summary="One work order")
def get_work_order(order_id: OrderId, state: _State, user: _User) -> WorkOrder:
    with state.db.read() as session:
        row = find_order(session, order_id)
        check_visible(user, row)
        return order_for(user, to_model(row, state.clock()))
