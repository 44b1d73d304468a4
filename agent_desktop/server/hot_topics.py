"""Hot topics and notices for the team lead's board.

The burst detection itself is plain Python (`agent_desktop.hot_topics`); this module runs
it on the server, where every order arrives: a watcher task (started with the app) reads
the event log through the hub like a stream does, feeds each `work_order.created` to the
detector and records a `hot_topic` event when an order tips a burst — and again, with the
new count and order ids, for each order that joins it. The event reaches the leads'
streams within the hub's wake-up (milliseconds), so the alert is on the board seconds at
most after the order that tipped it. At start the detector is primed from the stored
orders of the baseline period.

Instances sharing a PostgreSQL database each run a detector over the same events and so
reach the same topics; the one that records a topic first (a transaction lock on its id)
wins, the others find it recorded and stay silent.

- `GET /hot-topics` (lead, admin): the topics of the last hours, newest first, each as its
  latest event says.
- `GET /alerts` (lead, admin): every alert of the last hours in one list — hot topics
  (`kind` "hot_topic", with matter, street, count, window, first order time and order ids)
  and sensitive words heard on a call (`kind` "sensitive", from live_calls). Each alert
  also arrives on the event stream as it is raised (`hot_topic`, `call.alert`).
- `POST /hot-topics/{id}/link` (lead, admin): the topic's orders become one event — each
  order's `linked_order_ids` names the others — and the topic is re-raised marked linked.
- `POST /notices` (lead, admin): a short notice pushed to every operator's screen
  (event `notice`); `GET /notices` (staff): the notices still in force, for a screen that
  opens mid-shift.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi import Path as FastApiPath
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from agent_desktop.domain.models import Event, User
from agent_desktop.hot_topics import BurstDetector, HotTopic, OrderSeen

from .auth import require_role
from .db import try_transaction_lock
from .events import events_after, latest_event_id, record_event
from .policy import HOT_TOPIC_READERS, NOTICE_READERS, NOTICE_SENDERS
from .problems import not_found
from .reference import reference_data
from .state import ServerState, get_state
from .tables import EventRow, WorkOrderRow

log = logging.getLogger(__name__)

HOT_TOPIC_EVENT = "hot_topic"
NOTICE_EVENT = "notice"
ORDER_CREATED = "work_order.created"


# --- the watcher -------------------------------------------------------------------------

def _seen(order_id: int, matter: str | None, place: dict[str, Any] | None,
          at: datetime) -> OrderSeen:
    place = place or {}
    return OrderSeen(order_id, matter or "", place.get("street_code") or "", at,
                     place.get("district_code") or "")


def _stored_orders(state: ServerState, detector: BurstDetector, now: datetime) -> None:
    """Prime `detector` with the orders of its baseline period (oldest first)."""
    since = now - timedelta(days=detector.settings.baseline_days + 1)
    street = WorkOrderRow.payload["place"]["street_code"].as_string()
    district = WorkOrderRow.payload["place"]["district_code"].as_string()
    query = (select(WorkOrderRow.id, WorkOrderRow.matter_code, street, district,
                    WorkOrderRow.created_at)
             .where(WorkOrderRow.created_at >= since, street.is_not(None))
             .order_by(WorkOrderRow.created_at, WorkOrderRow.id))
    with state.db.read() as session:
        for order_id, matter, street_code, district_code, at in session.execute(query):
            detector.observe(OrderSeen(order_id, matter, street_code or "", at,
                                       district_code or ""))


def _street_name(state: ServerState, session: Any, code: str) -> str:
    for department in reference_data(state, session).departments.values():
        if department.street_code == code:
            return department.name.removesuffix("办事处")
    return code


def record_topic(state: ServerState, topic: HotTopic) -> int | None:
    """Store the topic's event unless this or another instance already did (its id with
    at least this count); returns the event id, or None."""
    with state.db.write() as session:
        if not try_transaction_lock(session, f"hot_topic:{topic.id}"):
            return None
        recorded = session.scalars(select(EventRow.data).where(
            EventRow.type == HOT_TOPIC_EVENT, EventRow.at >= topic.first_at))
        if any(d.get("id") == topic.id and d.get("count", 0) >= topic.count for d in recorded):
            return None
        leaf = reference_data(state, session).leaf(topic.matter_code)
        data = {**topic.as_dict(), "matter_name": leaf.name if leaf else topic.matter_code,
                "street_name": _street_name(state, session, topic.street_code)}
        return record_event(session, HOT_TOPIC_EVENT, data, state.clock())


class HotTopicWatcher:
    """Runs the detector over the event log for as long as the server runs."""

    def __init__(self, state: ServerState, detector: BurstDetector | None = None) -> None:
        self.state = state
        self.detector = detector or BurstDetector()

    async def run(self) -> None:
        state, hub = self.state, self.state.hub
        cursor = await run_in_threadpool(latest_event_id, state.db)
        await run_in_threadpool(_stored_orders, state, self.detector, state.clock())
        for topic in self.detector.open_topics(state.clock()):
            await self._record(topic)
        with hub.listening():
            while not hub.closed:
                events = await hub.events_after(
                    cursor, lambda after, n: events_after(state.db, after, n))
                for event in events:
                    cursor = event.id
                    if event.type == ORDER_CREATED:
                        await self._order(event)
                if not events:
                    await hub.wait_beyond(max(cursor, hub.latest), 30.0)

    async def _order(self, event: Event) -> None:
        data = event.data
        try:
            at = datetime.fromisoformat(data["created_at"])
            seen = _seen(int(data["id"]), data.get("matter_code"), data.get("place"), at)
        except (KeyError, TypeError, ValueError):
            log.warning("hot topics: event %s has no usable order", event.id)
            return
        topic = self.detector.observe(seen)
        if topic is not None:
            await self._record(topic)

    async def _record(self, topic: HotTopic) -> None:
        try:
            event_id = await run_in_threadpool(record_topic, self.state, topic)
        except Exception:  # a lost database must not end the watcher
            log.exception("hot topics: could not record %s", topic.id)
            return
        if event_id is not None:
            self.state.hub.notify_threadsafe(event_id)
            log.info("hot topic %s: %d orders", topic.id, topic.count)


@asynccontextmanager
async def watching(app: FastAPI) -> AsyncIterator[None]:
    """The watcher as part of the app's lifespan (after the hub has started)."""
    task = asyncio.create_task(HotTopicWatcher(app.state.server).run(), name="hot-topics")
    task.add_done_callback(_report_end)
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def _report_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("hot-topic watcher stopped", exc_info=task.exception())


# --- reading topics, sending notices -------------------------------------------------------

class HotTopicOut(BaseModel):
    id: str
    kind: str = HOT_TOPIC_EVENT
    matter_code: str
    matter_name: str = ""
    street_code: str
    street_name: str = ""
    district_code: str = ""
    count: int
    window_minutes: int
    first_at: datetime
    last_at: datetime
    order_ids: list[int]
    expected: float
    p_value: float
    linked_by: str = ""  # the lead who made its orders one event


class NoticeIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)
    hot_topic_id: str | None = Field(None, max_length=120)
    minutes: int = Field(120, ge=1, le=24 * 60, description="How long it stays on screens")


class Notice(BaseModel):
    id: int
    text: str
    hot_topic_id: str | None = None
    by: str
    by_name: str
    at: datetime
    until: datetime


def _latest_of(state: ServerState, type_: str, since: datetime) -> list[dict[str, Any]]:
    with state.db.read() as session:
        rows = session.execute(select(EventRow.id, EventRow.at, EventRow.data).where(
            EventRow.type == type_, EventRow.at >= since).order_by(EventRow.id))
        return [{**data, "event_id": event_id, "event_at": at} for event_id, at, data in rows]


router = APIRouter(tags=["team lead"], lifespan=watching)
_State = Annotated[ServerState, Depends(get_state)]


@router.get("/hot-topics", response_model=list[HotTopicOut],
            summary="Hot topics of the last hours (lead, admin)")
def get_hot_topics(
    state: _State,
    _user: Annotated[User, Depends(require_role(*HOT_TOPIC_READERS))],
    hours: Annotated[int, Query(ge=1, le=24 * 30)] = 24,
) -> list[HotTopicOut]:
    latest: dict[str, dict[str, Any]] = {}
    for data in _latest_of(state, HOT_TOPIC_EVENT, state.clock() - timedelta(hours=hours)):
        latest[data["id"]] = data  # later events carry the grown count
    topics = [HotTopicOut.model_validate(d) for d in latest.values()]
    return sorted(topics, key=lambda t: t.last_at, reverse=True)


@router.post("/hot-topics/{topic_id}/link", response_model=HotTopicOut,
             summary="Link a hot topic's orders as one event (lead, admin)",
             responses={404: {"description": "no such hot topic in the last 30 days"}})
def link_hot_topic(
    topic_id: Annotated[str, FastApiPath(max_length=120)], state: _State,
    user: Annotated[User, Depends(require_role(*HOT_TOPIC_READERS))],
) -> HotTopicOut:
    topic = next((t for t in get_hot_topics(state, user, 24 * 30) if t.id == topic_id), None)
    if topic is None:
        raise not_found(f"There is no hot topic {topic_id} in the last 30 days.")
    ids = set(topic.order_ids)
    now = state.clock()
    with state.db.write() as session:
        for row in session.scalars(select(WorkOrderRow).where(WorkOrderRow.id.in_(ids))):
            linked = set(row.payload.get("linked_order_ids") or []) | (ids - {row.id})
            row.payload = {**row.payload, "linked_order_ids": sorted(linked)}
            row.updated_at = now
        data = {**topic.model_dump(mode="json"), "linked_by": user.username}
        event_id = record_event(session, HOT_TOPIC_EVENT, data, now)
    state.hub.notify_threadsafe(event_id)
    return HotTopicOut.model_validate(data)


class AlertOut(BaseModel):
    kind: str  # "hot_topic" | "sensitive"
    id: str
    at: datetime  # when it was last raised or grew
    matter_code: str = ""
    matter_name: str = ""
    street_code: str = ""
    street_name: str = ""
    district_code: str = ""
    count: int = 1
    window: int = Field(0, description="minutes the count was taken over (hot topics)")
    first_at: datetime
    order_ids: list[int] = []
    call_id: str = ""
    username: str = ""
    words: list[str] = []


@router.get("/alerts", response_model=list[AlertOut],
            summary="Alerts of the last hours: hot topics and sensitive words (lead, admin)")
def get_alerts(
    state: _State,
    user: Annotated[User, Depends(require_role(*HOT_TOPIC_READERS))],
    hours: Annotated[int, Query(ge=1, le=24 * 30)] = 24,
) -> list[AlertOut]:
    alerts = [AlertOut(kind=HOT_TOPIC_EVENT, id=t.id, at=t.last_at, matter_code=t.matter_code,
                       matter_name=t.matter_name, street_code=t.street_code,
                       street_name=t.street_name, district_code=t.district_code,
                       count=t.count, window=t.window_minutes, first_at=t.first_at,
                       order_ids=t.order_ids)
              for t in get_hot_topics(state, user, hours)]
    for data in _latest_of(state, "call.alert", state.clock() - timedelta(hours=hours)):
        at = data["event_at"]
        alerts.append(AlertOut(kind=data.get("kind", "sensitive"), id=f"call-{data['event_id']}",
                               at=at, first_at=at, call_id=data.get("call_id", ""),
                               username=data.get("username", ""),
                               words=list(data.get("words", []))))
    return sorted(alerts, key=lambda a: a.at, reverse=True)


@router.post("/notices", response_model=Notice, status_code=201,
             summary="Push a notice to every operator's screen (lead, admin)")
def post_notice(
    body: NoticeIn, state: _State,
    user: Annotated[User, Depends(require_role(*NOTICE_SENDERS))],
) -> Notice:
    now = state.clock()
    data = {"text": body.text.strip() or body.text, "hot_topic_id": body.hot_topic_id,
            "by": user.username, "by_name": user.display_name, "at": now.isoformat(),
            "until": (now + timedelta(minutes=body.minutes)).isoformat()}
    with state.db.write() as session:
        event_id = record_event(session, NOTICE_EVENT, data, now)
    state.hub.notify_threadsafe(event_id)
    return Notice.model_validate({**data, "id": event_id})


@router.get("/notices", response_model=list[Notice],
            summary="Notices still in force (staff)")
def get_notices(
    state: _State, _user: Annotated[User, Depends(require_role(*NOTICE_READERS))],
) -> list[Notice]:
    now = state.clock()
    out = [Notice.model_validate({**d, "id": d["event_id"]})
           for d in _latest_of(state, NOTICE_EVENT, now - timedelta(days=1))]
    return [n for n in reversed(out) if n.until > now]
