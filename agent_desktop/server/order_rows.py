"""Work-order rows as API models (`to_model`), lookups and the 409 of a refused
transition. Who may see which rows is decided in `policy`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.domain.enums import WorkOrderStatus
from agent_desktop.forms.phone import phone_key
from agent_desktop.domain.models import WorkOrder

from .problems import ProblemError, not_found
from .tables import WorkOrderRow

# The department has finished with these: they are never overdue.
FINISHED = frozenset({WorkOrderStatus.REPLIED, WorkOrderStatus.FOLLOW_UP, WorkOrderStatus.CLOSED})


def normalize_phone(phone: str) -> str:
    """The key a caller's phone is stored and found by (forms.phone.phone_key): one
    normaliser for the desktop and the server."""
    return phone_key(phone)


def is_overdue(row: WorkOrderRow, now: datetime) -> bool:
    return (
        row.resolve_due is not None
        and row.status not in FINISHED
        and row.status != WorkOrderStatus.RETURNED  # waiting for the centre, not the department
        and now > row.resolve_due
    )


def to_model(row: WorkOrderRow, now: datetime) -> WorkOrder:
    """The API view of a row; `now` decides `overdue`."""
    return WorkOrder.model_validate(
        {
            **row.payload,
            "id": row.id,
            "number": row.number,
            "status": row.status,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "deadlines": row.deadlines,
            "deadlines_approximate": row.deadlines_approximate,
            "updated_at": row.updated_at or row.created_at,
            "overdue": is_overdue(row, now),
            "return_count": row.return_count,
            "supervised": row.supervised,
            "supervision_note": row.supervision_note,
            "reply": row.reply,
            "follow_up": row.follow_up,
            "extensions": row.extensions or [],
        }
    )


def find_order(session: Session, order_id: int, *, lock: bool = False) -> WorkOrderRow:
    """The row of `order_id` (locked for update with `lock`), or 404."""
    query = select(WorkOrderRow).where(WorkOrderRow.id == order_id)
    row = session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise not_found(f"There is no work order {order_id}.")
    return row


def conflict(detail: str, allowed: list[str]) -> ProblemError:
    """409: the order's state does not allow this; `allowed` lists what it does allow."""
    return ProblemError(
        409,
        "Action not allowed now",
        detail,
        slug="invalid-transition",
        extensions={"allowed_actions": allowed},
    )
