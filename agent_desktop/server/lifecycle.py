"""The work-order lifecycle: which action is allowed from which status, by whom, and what
it changes. One endpoint per action, `POST /work-orders/{id}/actions/<action>`, each with
its own typed body.

    submitted ─dispatch→ dispatched ─sign→ signed ─start→ in_progress ─reply→ replied
    replied ─follow_up→ follow_up ─close→ closed  (close straight from replied when the
                                                   order needs no follow-up call)
    dispatched | signed | in_progress ─return→ returned ─dispatch→ dispatched
    follow_up ─dispatch→ dispatched  (the caller is not satisfied: handle it again)
    signed | in_progress: request_extension, then approve_extension (the resolve due time
                          moves by N working days) or reject_extension; status unchanged
    any status but closed: supervise (督办: flag + note); status unchanged

Roles (`RULES`):
- operator: dispatch, follow_up (the centre's side);
- department: sign, start, reply, return, request_extension — only for orders dispatched
  to their own department (`User.department_code`);
- lead: all of the above (acting for the centre or for a department), plus
  approve_extension, reject_extension, supervise, close;
- admin: everything; trainer: nothing (read only).

Each action runs in one transaction: lock the order, check the role (403), the department
(403) and the state (409 naming the actions allowed now), apply the change, write the
history row and the event `work_order.<action>`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.orm import Session

from agent_desktop.domain.enums import (
    ExtensionStatus,
    HandlingMode,
    Role,
    WorkOrderAction,
    WorkOrderStatus,
    label_zh,
)
from agent_desktop.domain.models import (
    ActionNote,
    DispatchIn,
    ExtensionRequestIn,
    FieldError,
    FollowUpIn,
    ReasonIn,
    ReplyIn,
    SuperviseIn,
    User,
    WorkOrder,
)
from agent_desktop.forms.validation import validate_work_order

from . import due
from .auth import current_user
from .history import record_transition
from .params import OrderId
from .order_rows import conflict, find_order, to_model
from .policy import CENTRE, DEPARTMENT_SIDE, LEADS, check_visible, order_for
from .problems import PROBLEM_MEDIA_TYPE, forbidden, invalid_fields
from .reference import ReferenceData, reference_data
from .state import ServerState, get_state
from .tables import WorkOrderRow

A = WorkOrderAction
S = WorkOrderStatus
HANDLING = frozenset({S.SIGNED, S.IN_PROGRESS})


@dataclass(frozen=True)
class Rule:
    """From which statuses an action may start, the status it leads to (None: the same),
    and the roles that may take it."""

    sources: frozenset[WorkOrderStatus]
    target: WorkOrderStatus | None
    roles: frozenset[Role]


RULES: dict[WorkOrderAction, Rule] = {
    A.DISPATCH: Rule(frozenset({S.SUBMITTED, S.RETURNED, S.FOLLOW_UP}), S.DISPATCHED, CENTRE),
    A.SIGN: Rule(frozenset({S.DISPATCHED}), S.SIGNED, DEPARTMENT_SIDE),
    A.START: Rule(frozenset({S.SIGNED}), S.IN_PROGRESS, DEPARTMENT_SIDE),
    A.REPLY: Rule(HANDLING, S.REPLIED, DEPARTMENT_SIDE),
    A.RETURN: Rule(frozenset({S.DISPATCHED, *HANDLING}), S.RETURNED, DEPARTMENT_SIDE),
    A.REQUEST_EXTENSION: Rule(HANDLING, None, DEPARTMENT_SIDE),
    A.APPROVE_EXTENSION: Rule(HANDLING, None, LEADS),
    A.REJECT_EXTENSION: Rule(HANDLING, None, LEADS),
    A.SUPERVISE: Rule(frozenset(S) - {S.DRAFT, S.CLOSED}, None, LEADS),
    A.FOLLOW_UP: Rule(frozenset({S.REPLIED, S.FOLLOW_UP}), S.FOLLOW_UP, CENTRE),
    A.CLOSE: Rule(frozenset({S.REPLIED, S.FOLLOW_UP}), S.CLOSED, LEADS),
}


# --- what blocks an action now -----------------------------------------------------------


def _pending_extension(row: WorkOrderRow) -> dict[str, Any] | None:
    return next((e for e in row.extensions or [] if e["status"] == ExtensionStatus.PENDING), None)


def _status_zh(status: str) -> str:
    return f"{status} ({label_zh(WorkOrderStatus(status))})"


def blocking_reason(row: WorkOrderRow, action: WorkOrderAction) -> str | None:
    """Why `action` cannot be taken on `row` now (None: it can)."""
    if row.status not in RULES[action].sources:
        return f"the order is {_status_zh(row.status)}"
    pending = _pending_extension(row)
    if action in (A.APPROVE_EXTENSION, A.REJECT_EXTENSION) and pending is None:
        return "no extension request is waiting for a decision"
    if action == A.REQUEST_EXTENSION and pending is not None:
        return "an extension request is already waiting for a lead's decision"
    if action == A.REQUEST_EXTENSION and row.resolve_due is None:
        return "the order has no resolve deadline to extend"
    follow_up_needed = row.payload.get("follow_up_required", True) and row.follow_up is None
    if action == A.CLOSE and row.status == S.REPLIED and follow_up_needed:
        return "the caller must get a follow-up call (follow_up) before the order is closed"
    return None


def allowed_actions(row: WorkOrderRow) -> list[str]:
    return [action.value for action in RULES if blocking_reason(row, action) is None]


# --- applying an action ------------------------------------------------------------------


@dataclass
class Change:
    """What an action did, for its history row."""

    comment: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    session: Session
    row: WorkOrderRow
    user: User
    now: datetime
    reference: ReferenceData


def _suggested_department(ctx: Context) -> tuple[str, str]:
    """(department code, Chinese reason) from the matter's routing rule and the place."""
    leaf = ctx.reference.leaf(ctx.row.matter_code)
    place = ctx.row.payload.get("place") or {}
    suggestion = (
        ctx.reference.router.suggest(leaf, place.get("district_code"), place.get("street_code"))
        if leaf is not None and leaf.routing is not None
        else None
    )
    if suggestion is None or suggestion.department is None:
        reason = suggestion.reason if suggestion else "该事项没有派单规则"
        raise invalid_fields(
            [FieldError(field="department_code", message=f"{reason}；请选择承办部门")]
        )
    return suggestion.department.code, suggestion.reason


def _department_errors(reference: ReferenceData, payload: dict[str, Any]) -> list[FieldError]:
    """The form's checks of the main and co-handling departments, on the changed order."""
    errors = validate_work_order(
        payload, catalog=reference.nodes, departments=reference.departments
    )
    return [e for e in errors if e.field.startswith(("department_code", "co_department_codes"))]


def _dispatch(ctx: Context, body: DispatchIn) -> Change:
    if body.department_code:
        code, reason = body.department_code, ""
    else:
        code, reason = _suggested_department(ctx)
    payload = dict(ctx.row.payload, handling=HandlingMode.DISPATCH.value, department_code=code)
    if body.co_department_codes is not None:
        payload["co_department_codes"] = body.co_department_codes
    if errors := _department_errors(ctx.reference, payload):
        raise invalid_fields(errors)
    ctx.row.payload, ctx.row.department_code = payload, code
    ctx.row.reply = ctx.row.follow_up = None  # handled afresh; the history keeps the old ones
    return Change(
        body.comment,
        {
            "department_code": code,
            "department_name": ctx.reference.department_name(code),
            "co_department_codes": payload.get("co_department_codes", []),
            "suggested": bool(reason),
            "reason": reason,
        },
    )


def _note(_ctx: Context, body: ActionNote) -> Change:
    return Change(body.comment)


def _reply(ctx: Context, body: ReplyIn) -> Change:
    ctx.row.reply = {"text": body.text, "by": ctx.user.username, "at": ctx.now.isoformat()}
    return Change(body.text)


def _set_extension(row: WorkOrderRow, extension: dict[str, Any]) -> None:
    row.extensions = [extension if e["id"] == extension["id"] else e for e in row.extensions or []]


def _decide(ctx: Context, status: ExtensionStatus, comment: str) -> dict[str, Any]:
    extension = dict(_pending_extension(ctx.row) or {})
    extension.update(
        status=status.value,
        decided_by=ctx.user.username,
        decided_at=ctx.now.isoformat(),
        decision_comment=comment,
    )
    _set_extension(ctx.row, extension)
    return extension


def _return(ctx: Context, body: ReasonIn) -> Change:
    row = ctx.row
    row.return_count += 1
    if _pending_extension(row) is not None:
        _decide(ctx, ExtensionStatus.WITHDRAWN, "工单已退回")
    return Change(
        body.reason, {"return_count": row.return_count, "department_code": row.department_code}
    )


def _request_extension(ctx: Context, body: ExtensionRequestIn) -> Change:
    row = ctx.row
    extension = {
        "id": len(row.extensions or []) + 1,
        "reason": body.reason,
        "extra_working_days": body.extra_working_days,
        "status": ExtensionStatus.PENDING.value,
        "requested_by": ctx.user.username,
        "requested_at": ctx.now.isoformat(),
        "previous_due": row.deadlines.get("resolve"),
    }
    row.extensions = [*(row.extensions or []), extension]
    return Change(
        body.reason,
        {"extension_id": extension["id"], "extra_working_days": body.extra_working_days},
    )


def _approve_extension(ctx: Context, body: ActionNote) -> Change:
    row = ctx.row
    pending = _pending_extension(row)
    assert pending is not None and row.resolve_due is not None  # checked by blocking_reason
    new_due, approximate = due.extended(row.resolve_due, pending["extra_working_days"])
    previous = row.deadlines.get("resolve")
    row.deadlines = {**row.deadlines, "resolve": new_due.isoformat()}
    row.resolve_due = new_due
    row.deadlines_approximate = row.deadlines_approximate or approximate
    extension = _decide(ctx, ExtensionStatus.APPROVED, body.comment)
    extension["new_due"] = new_due.isoformat()
    _set_extension(row, extension)
    return Change(
        body.comment,
        {
            "extension_id": extension["id"],
            "extra_working_days": extension["extra_working_days"],
            "previous_due": previous,
            "new_due": new_due.isoformat(),
            "approximate": approximate,
        },
    )


def _reject_extension(ctx: Context, body: ReasonIn) -> Change:
    extension = _decide(ctx, ExtensionStatus.REJECTED, body.reason)
    return Change(body.reason, {"extension_id": extension["id"]})


def _supervise(ctx: Context, body: SuperviseIn) -> Change:
    ctx.row.supervised = True
    ctx.row.supervision_note = body.note
    return Change(body.note, {"note": body.note})


def _follow_up_errors(body: FollowUpIn) -> list[FieldError]:
    errors = []
    if body.reached:
        if body.resolved is None:
            errors.append(
                FieldError(field="resolved", message="已联系上来电人，请选择问题是否解决")
            )
        if body.satisfaction is None:
            errors.append(FieldError(field="satisfaction", message="已联系上来电人，请选择满意度"))
    else:
        for name in ("resolved", "satisfaction"):
            if getattr(body, name) is not None:
                errors.append(FieldError(field=name, message="未联系上来电人，此项不填"))
    return errors


def _follow_up(ctx: Context, body: FollowUpIn) -> Change:
    if errors := _follow_up_errors(body):
        raise invalid_fields(errors)
    attempt = (ctx.row.follow_up or {}).get("attempt", 0) + 1
    result = {**body.model_dump(mode="json"), "attempt": attempt}
    ctx.row.follow_up = {**result, "by": ctx.user.username, "at": ctx.now.isoformat()}
    return Change(body.comment, result)


APPLY: dict[WorkOrderAction, Callable[[Context, Any], Change]] = {
    A.DISPATCH: _dispatch,
    A.SIGN: _note,
    A.START: _note,
    A.REPLY: _reply,
    A.RETURN: _return,
    A.REQUEST_EXTENSION: _request_extension,
    A.APPROVE_EXTENSION: _approve_extension,
    A.REJECT_EXTENSION: _reject_extension,
    A.SUPERVISE: _supervise,
    A.FOLLOW_UP: _follow_up,
    A.CLOSE: _note,
}


def _check_role(user: User, action: WorkOrderAction) -> None:
    roles = RULES[action].roles
    if user.role not in roles:
        names = ", ".join(sorted(roles))
        raise forbidden(
            f"Only these roles may {action.value} a work order: {names}; you are {user.role}."
        )


def perform(
    state: ServerState, order_id: int, user: User, action: WorkOrderAction, body: BaseModel
) -> WorkOrder:
    """Take `action` on the order in one transaction; returns the changed order."""
    _check_role(user, action)
    with state.db.write() as session:
        row = find_order(session, order_id, lock=True)
        check_visible(user, row)
        if reason := blocking_reason(row, action):
            allowed = allowed_actions(row)
            raise conflict(
                f"Cannot {action.value} work order {row.number}: {reason}. "
                f"Actions allowed now: {', '.join(allowed) or 'none'}.",
                allowed,
            )
        now = state.clock()
        context = Context(session, row, user, now, reference_data(state, session))
        from_status = row.status
        change = APPLY[action](context, body)
        if target := RULES[action].target:
            row.status = target.value
        row.updated_at = now
        event_id = record_transition(
            session, row, action, user, from_status, now, comment=change.comment, data=change.data
        )
        order = order_for(user, to_model(row, now))
    state.hub.notify_threadsafe(event_id)
    return order


# --- endpoints ---------------------------------------------------------------------------

router = APIRouter(prefix="/work-orders/{order_id}/actions", tags=["work-order lifecycle"])
_State = Annotated[ServerState, Depends(get_state)]
_User = Annotated[User, Depends(current_user)]
_PROBLEM: dict[str, Any] = {"content": {PROBLEM_MEDIA_TYPE: {}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {
        **_PROBLEM,
        "description": "Your role may not take this action, or the order "
        "belongs to another department.",
    },
    404: {**_PROBLEM, "description": "No such work order."},
    409: {
        **_PROBLEM,
        "description": "The order's status does not allow this action now; "
        "`allowed_actions` lists what it allows.",
    },
}


def _summary(action: WorkOrderAction, english: str) -> str:
    roles = ", ".join(sorted(RULES[action].roles))
    return f"{label_zh(action)}: {english} ({roles})"


@router.post(
    "/dispatch",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.DISPATCH, "send to a department"),
)
def dispatch(order_id: OrderId, body: DispatchIn, state: _State, user: _User) -> WorkOrder:
    """From submitted, returned or follow_up. Without `department_code`, the department the
    matter's routing rule suggests for the order's place (the reason goes to history)."""
    return perform(state, order_id, user, A.DISPATCH, body)


@router.post(
    "/sign",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.SIGN, "the department accepts the order"),
)
def sign(
    order_id: OrderId, state: _State, user: _User, body: ActionNote | None = None
) -> WorkOrder:
    return perform(state, order_id, user, A.SIGN, body or ActionNote(comment=""))


@router.post(
    "/start",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.START, "handling has started"),
)
def start(
    order_id: OrderId, state: _State, user: _User, body: ActionNote | None = None
) -> WorkOrder:
    return perform(state, order_id, user, A.START, body or ActionNote(comment=""))


@router.post(
    "/reply",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.REPLY, "the department's answer; handling is done"),
)
def reply(order_id: OrderId, body: ReplyIn, state: _State, user: _User) -> WorkOrder:
    return perform(state, order_id, user, A.REPLY, body)


@router.post(
    "/return",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.RETURN, "not ours: back to the centre for dispatch"),
)
def return_order(order_id: OrderId, body: ReasonIn, state: _State, user: _User) -> WorkOrder:
    """Counts in `return_count`; a pending extension request is withdrawn."""
    return perform(state, order_id, user, A.RETURN, body)


@router.post(
    "/request_extension",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.REQUEST_EXTENSION, "ask for more working days"),
)
def request_extension(
    order_id: OrderId, body: ExtensionRequestIn, state: _State, user: _User
) -> WorkOrder:
    return perform(state, order_id, user, A.REQUEST_EXTENSION, body)


@router.post(
    "/approve_extension",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.APPROVE_EXTENSION, "move the resolve deadline"),
)
def approve_extension(
    order_id: OrderId, state: _State, user: _User, body: ActionNote | None = None
) -> WorkOrder:
    """The resolve due time moves by the requested working days, counted from the
    current due time (`forms.deadlines.extend_due`)."""
    return perform(state, order_id, user, A.APPROVE_EXTENSION, body or ActionNote(comment=""))


@router.post(
    "/reject_extension",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.REJECT_EXTENSION, "keep the deadline"),
)
def reject_extension(order_id: OrderId, body: ReasonIn, state: _State, user: _User) -> WorkOrder:
    return perform(state, order_id, user, A.REJECT_EXTENSION, body)


@router.post(
    "/supervise",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.SUPERVISE, "flag for key supervision"),
)
def supervise(order_id: OrderId, body: SuperviseIn, state: _State, user: _User) -> WorkOrder:
    return perform(state, order_id, user, A.SUPERVISE, body)


@router.post(
    "/follow_up",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.FOLLOW_UP, "result of the call to the caller"),
)
def follow_up(order_id: OrderId, body: FollowUpIn, state: _State, user: _User) -> WorkOrder:
    """Repeat it when the caller was not reached."""
    return perform(state, order_id, user, A.FOLLOW_UP, body)


@router.post(
    "/close",
    response_model=WorkOrder,
    responses=_RESPONSES,
    summary=_summary(A.CLOSE, "the order is done"),
)
def close(
    order_id: OrderId, state: _State, user: _User, body: ActionNote | None = None
) -> WorkOrder:
    """From follow_up, or from replied when the order needs no follow-up call."""
    return perform(state, order_id, user, A.CLOSE, body or ActionNote(comment=""))
