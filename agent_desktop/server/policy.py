"""Who may read and do what on the reference server: the one place that decides.

Routers ask here; nothing else defines a set of roles. The same rules apply wherever data
leaves the server — REST, the live event stream, Open311 and the logs (see
docs/SECURITY.md for the table):

- **Citizens' orders** are read by the centre (operator, lead, admin) and by the handling
  department (its own orders only). Trainers train on training data and never read
  citizens' orders, phones or names.
- **A confidential (保密) caller's** name and phones are shown to the centre only: the
  department sees 保密 and contacts the caller through the hotline.
- **Agent states** are staff data: leads and admins see everyone's, an agent their own.
- **Hot topics** are for leads and admins; their **notices** reach all of the centre's
  staff, never departments.
- **Training** scenarios and attempts are made-up data: every trainee (operator) reads
  the scenarios and their own attempts; trainers, leads and admins read every attempt,
  edit scenarios and override scores. An attempt never becomes a work order or an event.
- **Recorded calls and QA evaluations** (质检): leads and admins read and evaluate every
  call; an operator reads their own calls and completed evaluations and acknowledges them;
  departments and trainers read none.
- **The public** (Open311 without a token) gets service, status, coarse place and a
  scrubbed description — see `public_text`.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select

from agent_desktop.domain.enums import Role
from agent_desktop.domain.models import Event, User, WorkOrder

from .problems import forbidden
from .tables import WorkOrderRow

# --- who may do what -----------------------------------------------------------------

INTAKE = frozenset({Role.OPERATOR, Role.LEAD, Role.ADMIN})  # take calls, create orders
CENTRE = INTAKE  # centre-side lifecycle actions (dispatch, follow-up)
DEPARTMENT_SIDE = frozenset({Role.DEPARTMENT, Role.LEAD, Role.ADMIN})  # sign, reply, return
LEADS = frozenset({Role.LEAD, Role.ADMIN})  # supervise, approve extensions, close
ORDER_READERS = frozenset({Role.OPERATOR, Role.LEAD, Role.ADMIN, Role.DEPARTMENT})
CALLER_HISTORY = INTAKE  # a caller's earlier orders (repeat check)
AGENT_REPORTERS = INTAKE  # report one's own telephony state
AGENT_BOARD = LEADS  # everyone's states
KB_EDITORS = frozenset({Role.ADMIN})
ACCOUNT_ADMINS = frozenset({Role.ADMIN})  # revoke a user's tokens
STAFF = frozenset({Role.OPERATOR, Role.LEAD, Role.ADMIN, Role.TRAINER})  # the centre's people
HOT_TOPIC_READERS = LEADS  # hot-topic alerts (board)
NOTICE_SENDERS = LEADS  # push a notice to every operator's screen
NOTICE_READERS = STAFF
TRAINERS = frozenset({Role.TRAINER, Role.LEAD, Role.ADMIN})  # scenarios, every attempt
TRAINEES = frozenset({Role.OPERATOR, Role.TRAINER, Role.LEAD, Role.ADMIN})  # practise
QA_READERS = INTAKE  # recorded calls and their evaluations (an operator: their own)
QA_REVIEWERS = LEADS  # evaluate every call

CONFIDENTIAL_NAME = "保密"


def require_order_reader(user: User) -> None:
    if user.role not in ORDER_READERS:
        raise forbidden("Citizens' work orders are not readable with this role "
                        f"({user.role}); trainers work on training data.")


# --- which orders --------------------------------------------------------------------

def scoped(query: Select[WorkOrderRow], user: User) -> Select[WorkOrderRow]:
    """`query` limited to the orders `user` may see."""
    require_order_reader(user)
    if user.role != Role.DEPARTMENT:
        return query
    # A department user bound to no department sees nothing ("" matches no order).
    return query.where(WorkOrderRow.department_code == (user.department_code or ""))


def check_visible(user: User, row: WorkOrderRow) -> None:
    """403 unless `user` may see and act on `row` (department users: own department)."""
    require_order_reader(user)
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


# --- what of an order ----------------------------------------------------------------

def hides_caller(user: User, confidential: bool) -> bool:
    return confidential and user.role == Role.DEPARTMENT


def order_for(user: User, order: WorkOrder) -> WorkOrder:
    """The order as `user` may see it (a confidential caller hidden from departments)."""
    if not hides_caller(user, order.caller.confidential):
        return order
    caller = order.caller.model_copy(update={"name": CONFIDENTIAL_NAME, "phones": []})
    return order.model_copy(update={"caller": caller})


def _order_data_for(user: User, data: dict[str, Any]) -> dict[str, Any]:
    caller = data.get("caller")
    if isinstance(caller, dict) and hides_caller(user, bool(caller.get("confidential"))):
        data = {**data, "caller": {**caller, "name": CONFIDENTIAL_NAME, "phones": []}}
    return data


# --- the live event stream -----------------------------------------------------------

def visible_event(user: User, event: Event) -> Event | None:
    """What `user` may see of one event on `GET /events` (None: nothing), by the same
    rules as REST."""
    data = event.data or {}
    if event.type.startswith("work_order."):
        if user.role not in ORDER_READERS:
            return None
        if user.role == Role.DEPARTMENT:
            if not user.department_code or data.get("department_code") != user.department_code:
                return None
            shown = _order_data_for(user, data)
            return event if shown is data else event.model_copy(update={"data": shown})
        return event
    if event.type.startswith("agent."):
        if user.role in AGENT_BOARD or data.get("username") == user.username:
            return event
        return None
    if event.type.startswith("supervision."):  # a lead on a call: its operator and leads
        if user.role in LEADS or data.get("operator") == user.username:
            return event
        return None
    if event.type.startswith(("queue.", "call.")):  # callers' words and numbers
        return event if user.role in LEADS else None
    if event.type == "hot_topic":
        return event if user.role in HOT_TOPIC_READERS else None
    if event.type == "notice":
        return event if user.role in NOTICE_READERS else None
    # Anything else (e.g. knowledge-base changes) concerns every signed-in user.
    return event


# --- the public ----------------------------------------------------------------------

_ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_PHONE = re.compile(r"(?<![\dA-Za-z])(?:\+?86[-\s]?)?(?:1[3-9]\d(?:[-\s]?\d){8}"
                    r"|0\d{2,3}[-\s]?\d{7,8}|\d{8})(?:(?:转|-|ext\.?)\d{1,6})?(?!\d)")
_LONG_DIGITS = re.compile(r"\d{7,}")


def public_text(text: str, *, names: list[str] | tuple[str, ...] = ()) -> str:
    """A free text fit for a public feed: ID-card numbers, phone numbers, long digit runs
    and the given personal names replaced by ＊."""
    if not text:
        return ""
    out = _ID_CARD.sub("［身份证号已隐去］", text)
    out = _PHONE.sub("［电话已隐去］", out)
    out = _LONG_DIGITS.sub("［号码已隐去］", out)
    for name in names:
        name = (name or "").strip()
        if len(name) >= 2:
            out = out.replace(name, "＊" * len(name))
            surname = name[0]
            for title in ("先生", "女士", "小姐", "阿姨", "师傅", "老师"):
                out = out.replace(surname + title, "＊" + title)
    return out
