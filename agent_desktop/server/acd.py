"""Automatic call distribution (话务排队): every call to the hotline number goes to a ready
operator — the one idle longest, among those with the skill the call needs (外语 seats,
为企服务 business seats) — or waits in the queue and goes to the next operator who
becomes ready.

kamailio stays the SIP proxy and asks here where each new call goes, with its own
`http_client` module (Debian's kamailio-utils-modules): `GET /api/v1/acd/route?call_id=…&
caller=…&skill=…&key=…` answers a SIP URI as plain text — an operator's, or the queue
user agent's. The queue UA (a baresip from Debian, auto-answering with the greeting and
hold audio) is driven over its ctrl_tcp socket: when an operator becomes ready the
server tells it to transfer (REFER) the longest-waiting call to them; a caller who hangs
up while waiting shows there as a closed call (abandoned).

Every step is an event (`queue.offered`, `queue.queued`, `queue.routed`,
`queue.transferred`, `queue.answered`, `queue.abandoned`), readable by leads and admins;
`GET /api/v1/queue` is the live picture with today's figures and the service level
(share answered within 15 s, GB/T 33358). Operators tell the ACD their SIP user and
skills with `PUT /api/v1/acd/me` when their softphone registers; their ready/not-ready
and wrap-up come from the agent states (`agents.py`), so a "not ready (reason)" and
wrap-up are respected.

Settings come from the environment: AGENT_DESKTOP_ACD_KEY (the secret kamailio sends),
AGENT_DESKTOP_ACD_DOMAIN (the SIP domain of agents' URIs), AGENT_DESKTOP_ACD_QUEUE_URI
and AGENT_DESKTOP_ACD_QUEUE_CTRL (host:port of the queue UA's ctrl_tcp). The queue lives
in the memory of one server process: run the ACD on one instance (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import Field
from sqlalchemy import select

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain.enums import AgentState
from agent_desktop.domain.models import User, _Model

from .auth import require_role
from .events import record_event
from .policy import AGENT_REPORTERS, LEADS
from .problems import ProblemError, forbidden
from .state import ServerState, get_state
from .tables import AgentStateRow, UserRow

log = logging.getLogger(__name__)

SERVICE_LEVEL_S = 15.0  # GB/T 33358: answered within 15 s
SIP_NAME = r"^[A-Za-z0-9_.+-]{1,64}$"
SKILL = r"^[\w\u4e00-\u9fff-]{1,32}$"


# --- settings and API models --------------------------------------------------------------

@dataclass(frozen=True)
class AcdSettings:
    key: str
    domain: str
    queue_uri: str
    queue_ctrl: tuple[str, int] | None = None

    @classmethod
    def from_env(cls) -> AcdSettings | None:
        key = os.environ.get("AGENT_DESKTOP_ACD_KEY", "")
        if not key:
            return None
        ctrl = os.environ.get("AGENT_DESKTOP_ACD_QUEUE_CTRL", "")
        host, _, port = ctrl.rpartition(":")
        domain = os.environ.get("AGENT_DESKTOP_ACD_DOMAIN", "127.0.0.1")
        return cls(key=key, domain=domain,
                   queue_uri=os.environ.get("AGENT_DESKTOP_ACD_QUEUE_URI", f"sip:queue@{domain}"),
                   queue_ctrl=(host, int(port)) if host and port.isdigit() else None)


class SeatIn(_Model):
    """`PUT /acd/me`: the operator's softphone says where calls reach it."""

    sip_user: str = Field(pattern=SIP_NAME)
    skills: list[Annotated[str, Field(pattern=SKILL)]] = Field(default=[], max_length=10)


class WaitingCallOut(_Model):
    call_id: str
    caller: str
    skill: str
    waiting_s: float


class QueuePicture(_Model):
    """`GET /queue`: what a team lead's board shows."""

    waiting: list[WaitingCallOut]
    longest_wait_s: float
    offered_today: int
    answered_today: int
    abandoned_today: int
    service_level: float | None  # share of answered calls answered within 15 s
    abandon_rate: float | None
    agents_ready: int
    agents_ringing: int


# --- the distribution ---------------------------------------------------------------------

@dataclass
class _Call:
    call_id: str
    caller: str
    skill: str
    offered_at: datetime
    queued: bool = False


@dataclass
class _Seat:
    sip_user: str
    skills: frozenset[str]


@dataclass
class _Day:
    day: str = ""
    offered: int = 0
    answered: int = 0
    within_level: int = 0
    abandoned: int = 0


@dataclass
class Acd:
    state: ServerState
    settings: AcdSettings
    seats: dict[str, _Seat] = field(default_factory=dict)  # username → seat
    waiting: OrderedDict[str, _Call] = field(default_factory=OrderedDict)  # longest first
    ringing: dict[str, _Call] = field(default_factory=dict)  # username → call offered to them
    today: _Day = field(default_factory=_Day)
    driver: QueueDriver | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # --- operators --------------------------------------------------------------------

    def seat(self, username: str, body: SeatIn) -> None:
        with self._lock:
            self.seats[username] = _Seat(body.sip_user, frozenset(body.skills))
        self.agent_changed(username)

    def _ready(self, skill: str, exclude: set[str]) -> list[tuple[str, datetime]]:
        """Ready operators with a seat and the skill, longest idle first."""
        with self.state.db.read() as session:
            rows = session.execute(
                select(UserRow.username, AgentStateRow.since)
                .join(AgentStateRow, AgentStateRow.user_id == UserRow.id)
                .where(AgentStateRow.state == AgentState.READY.value)).all()
        out = [(name, since) for name, since in rows
               if name in self.seats and name not in self.ringing and name not in exclude
               and (not skill or skill in self.seats[name].skills)]
        return sorted(out, key=lambda r: r[1])

    def uri(self, username: str) -> str:
        return f"sip:{self.seats[username].sip_user}@{self.settings.domain}"

    # --- calls ------------------------------------------------------------------------

    def route(self, call_id: str, caller: str, skill: str = "", retry: bool = False) -> str:
        """Where kamailio sends a new call (or one an operator did not take)."""
        with self._lock:
            now = self.state.clock()
            call, missed = None, set()
            for name, offered in list(self.ringing.items()):
                if offered.call_id == call_id:  # the operator did not answer: try another
                    call = self.ringing.pop(name)
                    missed.add(name)
            if call is None:
                call = self.waiting.get(call_id) or _Call(call_id, caller, skill, now)
                if not retry and call_id not in self.waiting:
                    self._count("offered")
                    self._event("queue.offered", call, now)
            ready = self._ready(call.skill, missed)
            if ready:
                name = ready[0][0]
                self.waiting.pop(call_id, None)
                self.ringing[name] = call
                self._event("queue.routed", call, now, username=name)
                return self.uri(name)
            if call_id not in self.waiting:
                call.queued = True
                self.waiting[call_id] = call
                self._event("queue.queued", call, now, position=len(self.waiting))
            return self.settings.queue_uri

    def agent_changed(self, username: str, new_state: AgentState | None = None) -> None:
        """An operator's state changed (agents.py): answered, missed, or free for the
        longest-waiting call."""
        with self._lock:
            now = self.state.clock()
            call = self.ringing.get(username)
            if call is not None and new_state == AgentState.ON_CALL:
                del self.ringing[username]
                waited = (now - call.offered_at).total_seconds()
                self._count("answered", within=waited <= SERVICE_LEVEL_S)
                self._event("queue.answered", call, now, username=username,
                            wait_s=round(waited, 1))
                return
            if call is not None and new_state in (AgentState.NOT_READY, AgentState.OFFLINE):
                del self.ringing[username]  # kamailio's failure route asks again
            if new_state not in (None, AgentState.READY) or username not in self.seats:
                return
            skills = self.seats[username].skills
            waiting = next((c for c in self.waiting.values()
                            if not c.skill or c.skill in skills), None)
            if waiting is None or username in self.ringing:
                return
            if username not in {n for n, _ in self._ready(waiting.skill, set())}:
                return
            del self.waiting[waiting.call_id]
            self.ringing[username] = waiting
            self._event("queue.transferred", waiting, now, username=username)
            if self.driver is not None:
                self.driver.transfer(waiting.call_id, self.uri(username))

    def caller_left(self, call_id: str) -> None:
        """The queue UA's call closed while the caller was still waiting: abandoned."""
        with self._lock:
            call = self.waiting.pop(call_id, None)
            if call is None:
                return
            now = self.state.clock()
            self._count("abandoned")
            self._event("queue.abandoned", call, now,
                        wait_s=round((now - call.offered_at).total_seconds(), 1))

    # --- figures ----------------------------------------------------------------------

    def _day(self) -> _Day:
        """Today's figures (a new day starts at midnight in the hotline's time zone)."""
        day = self.state.clock().astimezone(HOTLINE_TZ).date().isoformat()
        if self.today.day != day:
            self.today = _Day(day)
        return self.today

    def _count(self, what: str, within: bool = False) -> None:
        self._day()
        setattr(self.today, what, getattr(self.today, what) + 1)
        if within:
            self.today.within_level += 1

    def picture(self) -> QueuePicture:
        with self._lock:
            now = self.state.clock()
            t = self._day()
            waiting = [WaitingCallOut(call_id=c.call_id, caller=c.caller, skill=c.skill,
                                      waiting_s=round((now - c.offered_at).total_seconds(), 1))
                       for c in self.waiting.values()]
            ended = t.answered + t.abandoned
            return QueuePicture(
                waiting=waiting, longest_wait_s=max((w.waiting_s for w in waiting), default=0),
                offered_today=t.offered, answered_today=t.answered,
                abandoned_today=t.abandoned,
                service_level=round(t.within_level / t.answered, 3) if t.answered else None,
                abandon_rate=round(t.abandoned / ended, 3) if ended else None,
                agents_ready=len(self._ready("", set())), agents_ringing=len(self.ringing))

    def _event(self, type_: str, call: _Call, now: datetime, **extra: Any) -> None:
        data = {"call_id": call.call_id, "caller": call.caller, "skill": call.skill, **extra}
        with self.state.db.write() as session:
            event_id = record_event(session, type_, data, now)
        self.state.hub.notify_threadsafe(event_id)


# --- the queue user agent -----------------------------------------------------------------

class QueueDriver:
    """The queue UA's ctrl_tcp (netstring JSON): `transfer` commands out, closed calls in."""

    def __init__(self, acd: Acd, host: str, port: int) -> None:
        self.acd, self.host, self.port = acd, host, port
        self.loop: asyncio.AbstractEventLoop | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task | None = None
        self._token = 0

    def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._task = self.loop.create_task(self._run(), name="acd queue UA")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    def transfer(self, call_id: str, uri: str) -> None:
        """From any thread: send the waiting call `call_id` to `uri` (blind transfer)."""
        if self.loop is None:
            return
        self.loop.call_soon_threadsafe(self._send_transfer, call_id, uri)

    def _send_transfer(self, call_id: str, uri: str) -> None:
        self._command("callfind", call_id)
        self._command("transfer", uri)

    def _command(self, command: str, params: str) -> None:
        if self._writer is None:
            log.warning("queue UA not connected; cannot %s %s", command, params)
            return
        self._token += 1
        data = json.dumps({"command": command, "params": params,
                           "token": str(self._token)}).encode()
        self._writer.write(b"%d:%s," % (len(data), data))

    async def _run(self) -> None:
        while True:
            try:
                reader, self._writer = await asyncio.open_connection(self.host, self.port)
                log.info("connected to the queue UA at %s:%s", self.host, self.port)
                while True:
                    message = await _read_netstring(reader)
                    if message.get("event") and message.get("type") == "CALL_CLOSED":
                        call_id = message.get("id", "")
                        await asyncio.to_thread(self.acd.caller_left, call_id)
            except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                log.info("queue UA link: %s; retrying", exc)
                self._writer = None
                await asyncio.sleep(1.0)


async def _read_netstring(reader: asyncio.StreamReader) -> dict:
    length = int((await reader.readuntil(b":"))[:-1])
    payload = await reader.readexactly(length + 1)
    return json.loads(payload[:-1])


# --- wiring -------------------------------------------------------------------------------

def attach(state: ServerState) -> Acd | None:
    """The ACD of this server, when the environment configures one."""
    settings = AcdSettings.from_env()
    if settings is None:
        return None
    acd = state.acd = Acd(state, settings)
    if settings.queue_ctrl is not None:
        acd.driver = QueueDriver(acd, *settings.queue_ctrl)
    return acd


# --- HTTP ---------------------------------------------------------------------------------

router = APIRouter(tags=["acd"])
_State = Annotated[ServerState, Depends(get_state)]


def _acd(state: ServerState) -> Acd:
    acd = state.acd
    if acd is None:
        raise ProblemError(404, "ACD not configured", "This server does not distribute "
                           "calls (set AGENT_DESKTOP_ACD_KEY).", slug="acd-off")
    return acd


@router.get("/acd/route", response_class=PlainTextResponse,
            summary="Where a new call goes (asked by kamailio's http_client)",
            responses={403: {"description": "wrong key"}, 404: {"description": "no ACD"}})
def get_route(
    state: _State,
    call_id: Annotated[str, Query(min_length=1, max_length=200)],
    key: Annotated[str, Query(max_length=200)],
    caller: Annotated[str, Query(max_length=64)] = "",
    skill: Annotated[str, Query(max_length=32)] = "",
    retry: bool = False,
) -> str:
    acd = _acd(state)
    if not hmac.compare_digest(key.encode(), acd.settings.key.encode()):
        raise forbidden("Wrong ACD key.")
    return acd.route(call_id, caller, skill, retry)


_NO_ACD = {404: {"description": "this server runs no ACD"}}


@router.put("/acd/me", status_code=204, summary="My softphone's SIP user and skills",
            responses={403: {"description": "not an agent's role"}, **_NO_ACD})
def put_seat(state: _State, body: SeatIn,
             user: Annotated[User, Depends(require_role(*AGENT_REPORTERS))]) -> None:
    _acd(state).seat(user.username, body)


@router.get("/queue", response_model=QueuePicture, summary="The call queue now (lead, admin)",
            responses={403: {"description": "leads and admins only"}, **_NO_ACD})
def get_queue(state: _State, user: Annotated[User, Depends(require_role(*LEADS))]
              ) -> QueuePicture:
    return _acd(state).picture()
