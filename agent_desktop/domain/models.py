"""The data that crosses the API: matter catalog, departments, work orders, users, events.

These pydantic models are the contract between the desktop client and the reference
server (DESIGN §3). Both sides import them; nothing here does I/O.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import limits as L
from .enums import (
    AgentState,
    AppealType,
    Channel,
    DepartmentLevel,
    ExtensionStatus,
    HandlingMode,
    Role,
    RoutingMode,
    Satisfaction,
    Urgency,
    WorkOrderAction,
    WorkOrderStatus,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# Strings of bounded length (the maximums are in domain/limits.py)
_Code = Annotated[str, Field(max_length=L.CODE_MAX)]
_Phone = Annotated[str, Field(max_length=L.PHONE_MAX)]
_Tag = Annotated[str, Field(max_length=L.TAG_MAX)]


# --- matter catalog -------------------------------------------------------------------


class Limit(_Model):
    """A time limit: a number of working days, or of clock hours for urgent tiers."""

    value: int = Field(gt=0)
    unit: Literal["working_days", "hours"] = "working_days"


class TimeLimits(_Model):
    """Sign / contact-the-caller / resolve limits for one urgency tier (Shanghai's 1-5-15)."""

    sign: Limit
    contact: Limit
    resolve: Limit


class RoutingRule(_Model):
    """Which department handles a matter by default.

    `function` names the kind of department (e.g. "housing", "market", "street_office");
    `mode` says at which level it is looked up relative to the place of the appeal.
    """

    mode: RoutingMode
    function: str


class CatalogNode(_Model):
    """One node of the 5-level matter catalog. Leaves (level 5) are the matters."""

    code: str = Field(pattern=r"^\d{2,10}$")
    name: str
    level: int = Field(ge=1, le=5)
    parent_code: str | None = None
    keywords: list[str] = []
    routing: RoutingRule | None = None  # required on leaves
    time_limits: dict[Urgency, TimeLimits] | None = None  # required on leaves

    @property
    def is_leaf(self) -> bool:
        return self.level == 5


class Catalog(_Model):
    version: str
    nodes: list[CatalogNode]


# --- departments ------------------------------------------------------------------------


class Department(_Model):
    code: str
    name: str
    level: DepartmentLevel
    function: str
    district_code: str | None = None  # 6-digit division code
    street_code: str | None = None  # 9-digit division code
    parent_code: str | None = None


# --- work orders ------------------------------------------------------------------------


class Place(_Model):
    district_code: _Code | None = None
    street_code: _Code | None = None
    address: str = Field("", max_length=L.ADDRESS_MAX)
    lon: float | None = None  # WGS-84
    lat: float | None = None


class Caller(_Model):
    name: str = Field("", max_length=L.NAME_MAX)
    gender: Literal["male", "female", "unknown"] = "unknown"
    phones: list[_Phone] = Field([], max_length=L.PHONES_MAX)
    anonymous: bool = False
    confidential: bool = False
    # 老年人, 残疾人, 外籍人士, 未成年人 …
    tags: list[_Tag] = Field([], max_length=L.TAGS_MAX)
    language: str = Field("zh", max_length=L.LANGUAGE_MAX)


class WorkOrderIn(_Model):
    """What an operator submits. The server assigns number, status and deadlines."""

    channel: Channel = Channel.PHONE
    appeal_type: AppealType
    caller: Caller
    matter_code: _Code
    content: str = Field(min_length=1, max_length=L.CONTENT_MAX)
    title: str = Field("", max_length=L.TITLE_MAX)
    request: str = Field("", max_length=L.REQUEST_MAX)  # the caller's request (诉求)
    reported_party: str = Field("", max_length=L.REPORTED_PARTY_MAX)
    place: Place = Place()
    urgency: Urgency = Urgency.NORMAL
    handling: HandlingMode = HandlingMode.DISPATCH
    # what the operator answered, when handled directly at intake
    answer: str = Field("", max_length=L.ANSWER_MAX)
    department_code: _Code | None = None
    co_department_codes: list[_Code] = Field([], max_length=L.CODES_MAX)
    reply_required: bool = True
    follow_up_required: bool = True
    call_id: str | None = Field(None, max_length=L.CALL_ID_MAX)
    call_time: datetime | None = None
    linked_order_ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        default_factory=list, max_length=50)


class DepartmentReply(_Model):
    """The handling department's answer (办结反馈)."""

    text: str
    by: str  # username
    at: datetime


class FollowUp(_Model):
    """The latest follow-up call to the caller (回访)."""

    reached: bool
    resolved: bool | None = None  # None when the caller was not reached
    satisfaction: Satisfaction | None = None
    comment: str = ""
    attempt: int = 1  # how many follow-up calls so far
    by: str
    at: datetime


class Extension(_Model):
    """One request to extend the resolve deadline (延期) and what became of it."""

    id: int  # 1, 2, … within the order
    reason: str
    extra_working_days: int
    status: ExtensionStatus
    requested_by: str
    requested_at: datetime
    previous_due: datetime | None = None  # the resolve due time when it was requested
    new_due: datetime | None = None  # set when approved
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_comment: str = ""


class WorkOrder(WorkOrderIn):
    """A work order as the server knows it."""

    id: int
    number: str  # 工单编号, e.g. 20261122000123
    status: WorkOrderStatus
    created_at: datetime
    created_by: str
    deadlines: dict[str, datetime] = {}  # "sign" | "contact" | "resolve" → due time
    # True when a due time fell in a year the working-day calendar does not know and was
    # counted Monday–Friday: show it as approximate.
    deadlines_approximate: bool = False
    updated_at: datetime | None = None
    overdue: bool = False  # open and past its resolve due time (computed when read)
    return_count: int = 0  # 退回次数
    supervised: bool = False  # 督办
    supervision_note: str = ""
    reply: DepartmentReply | None = None
    follow_up: FollowUp | None = None
    extensions: list[Extension] = []


# --- work-order lifecycle: action bodies and history -------------------------------------


class ActionNote(_Model):
    """Body of actions that need nothing but an optional comment (sign, start, close)."""

    comment: str = Field("", max_length=L.COMMENT_MAX)


class DispatchIn(_Model):
    """派单. Without `department_code` the server dispatches to the department the
    matter's routing rule suggests for the order's place (the reason goes to history)."""

    department_code: _Code | None = None
    # None keeps the current co-handlers
    co_department_codes: list[_Code] | None = Field(None, max_length=L.CODES_MAX)
    comment: str = Field("", max_length=L.COMMENT_MAX)


class ReplyIn(_Model):
    """办结反馈: what the department did and answers the caller."""

    text: str = Field(min_length=1, max_length=L.REPLY_MAX)


class ReasonIn(_Model):
    """Body of actions that need a reason: return (退回), reject an extension."""

    reason: str = Field(min_length=1, max_length=L.REASON_MAX)


class ExtensionRequestIn(_Model):
    """申请延期: more working days for the resolve deadline; a lead approves."""

    reason: str = Field(min_length=1, max_length=L.REASON_MAX)
    extra_working_days: int = Field(ge=1, le=60)


class SuperviseIn(_Model):
    """督办: flag the order for key supervision, with a note for the department."""

    note: str = Field(min_length=1, max_length=L.COMMENT_MAX)


class FollowUpIn(_Model):
    """回访 result. When the caller was reached, `resolved` and `satisfaction` are
    required; when not, leave them out (call again later)."""

    reached: bool
    resolved: bool | None = None
    satisfaction: Satisfaction | None = None
    comment: str = Field("", max_length=L.COMMENT_MAX)


class WorkOrderTransition(_Model):
    """One entry of a work order's history (`GET /work-orders/{id}/history`)."""

    id: int
    work_order_id: int
    action: WorkOrderAction
    from_status: WorkOrderStatus | None  # None for "create"
    to_status: WorkOrderStatus  # the same as from_status for supervise, extensions…
    actor: str  # username
    actor_role: Role
    at: datetime
    comment: str = ""
    data: dict[str, Any] = {}


class RepeatCandidate(_Model):
    """An earlier order of the same caller, as the form's caller history shows it."""

    id: int
    number: str
    status: WorkOrderStatus
    created_at: datetime
    appeal_type: AppealType
    matter_code: str
    district_code: str | None = None
    street_code: str | None = None
    address: str = ""
    title: str = ""
    content: str = ""
    department_code: str | None = None
    likely_repeat: bool = False  # same matter, same place (street, else district)


class RepeatCheck(_Model):
    """`GET /work-orders/repeat-check`: the number's orders of the last 90 days."""

    phone: str  # digits only
    since: datetime
    likely_repeat: bool
    repeat_of: int | None = None  # id of the newest likely repeat
    orders: list[RepeatCandidate] = []


# --- users, auth, events ----------------------------------------------------------------


class User(_Model):
    username: str
    display_name: str
    role: Role
    department_code: str | None = None  # the department a `department` user acts for


class AgentStateIn(_Model):
    """`PUT /agents/me/state`: what the softphone reports."""

    state: AgentState
    reason: str = Field("", max_length=L.STATE_REASON_MAX)  # e.g. why not ready (小休, 培训, 会议)


class Agent(_Model):
    """An agent on the team lead's board (`GET /agents`)."""

    username: str
    display_name: str
    role: Role
    state: AgentState = AgentState.OFFLINE
    reason: str = ""
    since: datetime | None = None
    # today so far (hotline time), not counting the state the agent is in now
    calls_today: int = 0
    talk_seconds_today: float = 0.0
    wrap_up_seconds_today: float = 0.0

    def with_state_ended(self, at: datetime) -> Agent:
        """This agent's day figures once the current state ends at `at`."""
        spent = max(0.0, (at - self.since).total_seconds()) if self.since else 0.0
        if self.state is AgentState.ON_CALL:
            return self.model_copy(update={"talk_seconds_today":
                                           self.talk_seconds_today + spent})
        if self.state is AgentState.WRAP_UP:
            return self.model_copy(update={"wrap_up_seconds_today":
                                           self.wrap_up_seconds_today + spent})
        return self

    @property
    def average_handle_seconds(self) -> float | None:
        """Talk plus wrap-up per call today (AHT); None before the first call."""
        if not self.calls_today:
            return None
        return (self.talk_seconds_today + self.wrap_up_seconds_today) / self.calls_today


class TokenRequest(_Model):
    username: str = Field(min_length=1, max_length=L.USERNAME_MAX)
    password: str = Field(min_length=1, max_length=L.PASSWORD_MAX)


class Token(_Model):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: User


class Event(_Model):
    """One entry of the live stream (`GET /api/v1/events`, SSE)."""

    id: int
    type: str  # e.g. "work_order.created"
    at: datetime
    data: dict[str, Any]


class FieldError(_Model):
    field: str  # dotted path into the request body, e.g. "caller.phones.0"
    message: str


class Problem(_Model):
    """RFC 9457 problem details, with per-field errors on 422."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    instance: str | None = None
    errors: list[FieldError] = []


# --- knowledge base -----------------------------------------------------------------------


class KbArticle(_Model):
    """A knowledge-base article (policy, procedure, answer script)."""

    id: str
    title: str
    body_html: str  # rich text; clients sanitise before display
    matter_codes: list[str] = []
    keywords: list[str] = []
    department: str = ""  # source department name
    effective_from: datetime | None = None
    expires_at: datetime | None = None
    version: int = 1
    updated_at: datetime
    retired: bool = False
    demo: bool = False  # written for this project as demo content
