"""A work order's history: one row per transition, its live event, and
`GET /work-orders/{id}/history`.

`record_transition` writes the history row and the event `work_order.<action>` in the
caller's transaction, so the change, its history and its event commit together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.domain.enums import WorkOrderAction, WorkOrderStatus
from agent_desktop.domain.models import User, WorkOrderTransition

from .auth import current_user
from .events import record_event
from .params import OrderId
from .order_rows import find_order
from .policy import check_visible
from .state import ServerState, get_state
from .tables import WorkOrderHistoryRow, WorkOrderRow


def event_type(action: WorkOrderAction) -> str:
    return f"work_order.{action.value}"


def add_history(
    session: Session,
    row: WorkOrderRow,
    action: WorkOrderAction,
    user: User,
    from_status: str | None,
    at: datetime,
    *,
    to_status: str | None = None,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """One history row; `to_status` defaults to the row's current status."""
    session.add(
        WorkOrderHistoryRow(
            work_order_id=row.id,
            action=action.value,
            from_status=from_status,
            to_status=to_status or row.status,
            actor=user.username,
            actor_role=user.role.value,
            at=at,
            comment=comment,
            data=data or {},
        )
    )


def record_transition(
    session: Session,
    row: WorkOrderRow,
    action: WorkOrderAction,
    user: User,
    from_status: str,
    at: datetime,
    *,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> int:
    """History row plus the event `work_order.<action>`; returns the event id."""
    add_history(session, row, action, user, from_status, at, comment=comment, data=data)
    event = {
        "id": row.id,
        "number": row.number,
        "action": action.value,
        "status": row.status,
        "previous_status": from_status,
        "department_code": row.department_code,
        "supervised": row.supervised,
        "actor": user.username,
        "actor_role": user.role.value,
    }
    return record_event(session, event_type(action), event, at)


def _transition(row: WorkOrderHistoryRow) -> WorkOrderTransition:
    return WorkOrderTransition(
        id=row.id,
        work_order_id=row.work_order_id,
        action=WorkOrderAction(row.action),
        from_status=WorkOrderStatus(row.from_status) if row.from_status else None,
        to_status=WorkOrderStatus(row.to_status),
        actor=row.actor,
        actor_role=row.actor_role,  # type: ignore[arg-type]
        at=row.at,
        comment=row.comment,
        data=row.data,
    )


router = APIRouter(prefix="/work-orders", tags=["work-order lifecycle"])


@router.get(
    "/{order_id}/history",
    response_model=list[WorkOrderTransition],
    summary="A work order's history, oldest first",
)
def get_history(
    order_id: OrderId,
    state: Annotated[ServerState, Depends(get_state)],
    user: Annotated[User, Depends(current_user)],
) -> list[WorkOrderTransition]:
    with state.db.read() as session:
        check_visible(user, find_order(session, order_id))
        rows = session.scalars(
            select(WorkOrderHistoryRow)
            .where(WorkOrderHistoryRow.work_order_id == order_id)
            .order_by(WorkOrderHistoryRow.id)
        )
        return [_transition(r) for r in rows]
