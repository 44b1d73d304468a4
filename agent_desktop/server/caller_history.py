"""Caller history for the work-order form: `GET /work-orders/repeat-check`.

Once the caller's number is known the form shows that number's orders of the last 90
days and flags a likely repeat: an earlier order about the same matter (catalog leaf) at
the same place — the same street/town when both orders name one, else the same district
when both name one; when either order has no place, the same matter is enough. The
look-up walks the (phone, work_order_id) index, so it stays fast on a large table.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Select, select

from agent_desktop.domain import limits as L
from agent_desktop.domain.models import FieldError, RepeatCandidate, RepeatCheck, User

from .auth import require_role
from .policy import CALLER_HISTORY
from .order_rows import normalize_phone
from .problems import invalid_fields
from .state import ServerState, get_state
from .tables import WorkOrderPhoneRow, WorkOrderRow

WINDOW = timedelta(days=90)
MAX_ORDERS = 50


def same_place(place: dict[str, Any], district_code: str | None, street_code: str | None) -> bool:
    """Whether an earlier order's place matches the new one (see the module doc)."""
    if street_code and place.get("street_code"):
        return bool(place["street_code"] == street_code)
    if district_code and place.get("district_code"):
        return bool(place["district_code"] == district_code)
    return True


def _candidate(
    row: WorkOrderRow, matter_code: str | None, district_code: str | None, street_code: str | None
) -> RepeatCandidate:
    payload, place = row.payload, row.payload.get("place") or {}
    likely = (
        bool(matter_code)
        and row.matter_code == matter_code
        and same_place(place, district_code, street_code)
    )
    return RepeatCandidate(
        id=row.id,
        number=row.number,
        status=row.status,  # type: ignore[arg-type]
        created_at=row.created_at,
        appeal_type=payload["appeal_type"],
        matter_code=row.matter_code,
        district_code=place.get("district_code"),
        street_code=place.get("street_code"),
        address=place.get("address", ""),
        title=payload.get("title", ""),
        content=payload.get("content", ""),
        department_code=row.department_code,
        likely_repeat=likely,
    )


def recent_orders(digits: str, since: datetime) -> Select[WorkOrderRow]:
    """The number's orders since `since`, newest first: phone index, then primary key."""
    return (
        select(WorkOrderRow)
        .join(WorkOrderPhoneRow, WorkOrderPhoneRow.work_order_id == WorkOrderRow.id)
        .where(WorkOrderPhoneRow.phone == digits, WorkOrderRow.created_at >= since)
        .order_by(WorkOrderRow.created_at.desc(), WorkOrderRow.id.desc())
        .limit(MAX_ORDERS)
    )


def repeat_check(
    state: ServerState,
    phone: str,
    matter_code: str | None,
    district_code: str | None,
    street_code: str | None,
) -> RepeatCheck:
    digits = normalize_phone(phone)
    if not digits:
        raise invalid_fields([FieldError(field="query.phone", message="请填写来电号码")])
    since = state.clock() - WINDOW
    with state.db.read() as session:
        orders = [
            _candidate(row, matter_code, district_code, street_code)
            for row in session.scalars(recent_orders(digits, since))
        ]
    repeat_of = next((o.id for o in orders if o.likely_repeat), None)
    return RepeatCheck(
        phone=digits,
        since=since,
        likely_repeat=repeat_of is not None,
        repeat_of=repeat_of,
        orders=orders,
    )


router = APIRouter(prefix="/work-orders", tags=["work orders"])


@router.get(
    "/repeat-check",
    response_model=RepeatCheck,
    summary="The caller's orders of the last 90 days, with likely repeats flagged",
)
def get_repeat_check(
    state: Annotated[ServerState, Depends(get_state)],
    user: Annotated[
        User, Depends(require_role(*CALLER_HISTORY))
    ],
    phone: Annotated[
        str, Query(max_length=L.PHONE_MAX, description="The caller's number, any formatting")
    ],
    matter_code: Annotated[
        str | None, Query(max_length=L.CODE_MAX, description="The new order's matter")
    ] = None,
    district_code: Annotated[str | None, Query(max_length=L.CODE_MAX)] = None,
    street_code: Annotated[str | None, Query(max_length=L.CODE_MAX)] = None,
) -> RepeatCheck:
    """Newest first, at most 50. `repeat_of` is the newest likely repeat, for the form's
    one-key link (`linked_order_ids`)."""
    return repeat_check(state, phone, matter_code, district_code, street_code)
