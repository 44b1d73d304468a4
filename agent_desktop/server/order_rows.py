"""Work-order rows as API models, and which rows a user may see and touch.

`to_model` turns a `WorkOrderRow` into the `WorkOrder` of the API contract. Department
users (`Role.DEPARTMENT`) see and act on the orders of their own department only:
`scoped` narrows a query to them, `check_visible` refuses any other order with 403.
Everyone else sees every order.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from agent_desktop.domain.enums import Role, WorkOrderStatus
from agent_desktop.domain.models import User, WorkOrder

from .problems import ProblemError, forbidden, not_found
from .tables import WorkOrderRow

# The department has finished with these: they are never overdue.
FINISHED = frozenset({WorkOrderStatus.REPLIED, WorkOrderStatus.FOLLOW_UP, WorkOrderStatus.CLOSED})


def normalize_phone(phone: str) -> str:
    """Digits only, so "021-6432 1234" finds "02164321234"."""
    return re.sub(r"\D", "", phone)


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


def scoped(query: Select[WorkOrderRow], user: User) -> Select[WorkOrderRow]:
    """`query` limited to the orders `user` may see."""
    if user.role != Role.DEPARTMENT:
        return query
    # A department user bound to no department sees nothing ("" matches no order).
    return query.where(WorkOrderRow.department_code == (user.department_code or ""))


def check_visible(user: User, row: WorkOrderRow) -> None:
    """403 unless `user` may see and act on `row` (department users: own department)."""
    if user.role != Role.DEPARTMENT:
        return
    if not user.department_code:
        raise forbidden(
            "Your account is not bound to a department; ask an administrator to bind it."
        )
    if row.department_code != user.department_code:
        raise forbidden(
            f"Work order {row.number} is not assigned to your department "
            f"({user.department_code}); you can only see and handle your department's orders."
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
