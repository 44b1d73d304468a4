"""What the lead's board shows, kept current from the server: the call queue (when the
server runs the ACD), the agents and their states,
the open orders near or past their resolve deadline (临期/超期), the hot topics, and the
day's intake for the chart; and the lead's one-click actions (督办, extension approval,
a notice to every operator's screen).

`load()` reads everything once; `on_event` (connected to the session's live stream)
keeps it current: agent states and hot topics straight from their events, the deadline
list and the queue re-read (once per burst of their events). Widgets connect to the signals and read
the attributes; nothing here knows Qt.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from agent_desktop.api.client import ApiError, ServerUnreachable
from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain.enums import AgentState, ExtensionStatus
from agent_desktop.domain.models import Agent, Event, WorkOrder
from agent_desktop.signals import Signal

from .client import BoardClient

log = logging.getLogger(__name__)

NEAR_DEADLINE = timedelta(hours=24)  # 临期: the resolve due time is this close
REFRESH_DELAY_S = 0.5  # order events come in bursts (create + dispatch): one re-read
INTAKE_BIN = timedelta(minutes=15)
CHART_HOURS = 8


@dataclass(frozen=True)
class Tiles:
    ready: int = 0
    on_call: int = 0
    not_ready: int = 0
    wrap_up: int = 0
    offline: int = 0
    near_deadline: int = 0
    overdue: int = 0
    extensions_waiting: int = 0
    hot_topics: int = 0
    # The call queue (None: the server runs no ACD).
    waiting: int | None = None
    longest_wait_s: float | None = None
    service_level: float | None = None  # share answered within 15 s
    abandon_rate: float | None = None


def pending_extension(order: WorkOrder) -> Any:
    return next((e for e in order.extensions if e.status == ExtensionStatus.PENDING), None)


LIVE_SEGMENTS = 30  # utterances kept per live call


class BoardModel:
    def __init__(self, client: BoardClient, department_name: Callable[[str], str] = str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.client = client
        self.department_name = department_name
        self.clock = clock
        self.agents: dict[str, Agent] = {}
        self.orders: dict[int, WorkOrder] = {}  # open, resolve due before now + NEAR
        self.topics: dict[str, dict[str, Any]] = {}
        self.intake: list[datetime] = []  # when today's orders were taken
        self.queue: dict[str, Any] | None = None  # GET /queue (None: no ACD)
        self.queue_read_at = clock()
        self.agents_changed = Signal()  # ()
        self.orders_changed = Signal()  # ()
        self.topics_changed = Signal()  # ()
        self.topic_raised = Signal()  # (topic dict) a new hot topic arrived live
        self.intake_changed = Signal()  # ()
        self.queue_changed = Signal()  # ()
        self.calls: dict[str, dict[str, Any]] = {}  # call id → GET /calls entry, kept live
        self.calls_changed = Signal()  # ()
        self.call_alert = Signal()  # (call dict, words) a sensitive word was just said
        self.failed = Signal()  # (str) something could not be read or done
        self.loaded = False
        self._refresh: asyncio.TimerHandle | None = None
        self._queue_refresh: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # --- reading --------------------------------------------------------------------

    async def load(self) -> None:
        """Everything at once (start, and after the stream reconnects)."""
        agents, topics, calls = await asyncio.gather(
            self.client.agents(), self.client.hot_topics(), self.client.live_calls())
        self.calls = {c["call_id"]: c for c in calls}
        await self.refresh_queue()
        self.agents = {a.username: a for a in agents}
        self.topics = {t["id"]: t for t in reversed(topics)}
        await self.refresh_orders()
        day = self.clock().astimezone(HOTLINE_TZ).date().isoformat()
        self.intake = sorted(await self.client.orders_created_since(day))
        self.loaded = True
        self.agents_changed.emit()
        self.topics_changed.emit()
        self.intake_changed.emit()
        self.calls_changed.emit()

    async def refresh_orders(self) -> None:
        orders = await self.client.orders_due_before(self.clock() + NEAR_DEADLINE)
        self.orders = {o.id: o for o in orders}
        self.orders_changed.emit()

    async def refresh_queue(self) -> None:
        self.queue = await self.client.queue()
        self.queue_read_at = self.clock()
        self.queue_changed.emit()

    # --- the live stream ------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if event.type == "agent.state":
            agent = Agent.model_validate(event.data)
            before = self.agents.get(agent.username)
            if before is not None and agent.since is not None:  # the day goes on
                before = before.with_state_ended(agent.since)
                agent = agent.model_copy(update={
                    "calls_today": before.calls_today + (agent.state is AgentState.ON_CALL),
                    "talk_seconds_today": before.talk_seconds_today,
                    "wrap_up_seconds_today": before.wrap_up_seconds_today})
            self.agents[agent.username] = agent
            self.agents_changed.emit()
        elif event.type == "hot_topic":
            new = event.data["id"] not in self.topics
            self.topics[event.data["id"]] = event.data
            self.topics_changed.emit()
            if new:
                self.topic_raised.emit(event.data)
        elif event.type.startswith("call."):
            self._on_call_event(event)
        elif event.type.startswith("queue.") and self.queue is not None:
            self._queue_refresh = self._later(self._queue_refresh, self.refresh_queue,
                                              "_queue_refresh")
        elif event.type.startswith("work_order."):
            if event.type == "work_order.created" and "created_at" in event.data:
                self.intake.append(datetime.fromisoformat(event.data["created_at"]))
                self.intake_changed.emit()
            self._schedule_refresh()

    def _on_call_event(self, event: Event) -> None:
        data, call_id = event.data, event.data.get("call_id", "")
        if event.type == "call.started":
            self.calls[call_id] = {"call_id": call_id, "username": data.get("username", ""),
                                   "caller": data.get("caller", ""),
                                   "started_at": event.at.isoformat(), "segments": [],
                                   "alerts": []}
        elif event.type == "call.ended":
            self.calls.pop(call_id, None)
        elif call_id in self.calls and event.type == "call.segment":
            segments = self.calls[call_id]["segments"]
            segments.append({k: data[k] for k in ("speaker", "text", "start", "end")})
            del segments[:-LIVE_SEGMENTS]
            self.calls[call_id]["last_heard"] = event.at.isoformat()
        elif call_id in self.calls and event.type == "call.alert":
            self.calls[call_id]["alerts"].extend(data.get("words", []))
            self.call_alert.emit(self.calls[call_id], data.get("words", []))
        self.calls_changed.emit()

    def _schedule_refresh(self) -> None:
        self._refresh = self._later(self._refresh, self.refresh_orders, "_refresh")

    def _later(self, pending: asyncio.TimerHandle | None, read: Callable[[], Any],
               slot: str) -> asyncio.TimerHandle:
        """One re-read `REFRESH_DELAY_S` from the first of a burst of events."""
        if pending is not None:
            return pending

        def run() -> None:
            setattr(self, slot, None)
            self._spawn(read())

        return asyncio.get_running_loop().call_later(REFRESH_DELAY_S, run)

    # --- what the widgets show ------------------------------------------------------

    def tiles(self) -> Tiles:
        states = Counter(a.state for a in self.agents.values())
        now = self.clock()
        overdue = sum(1 for o in self.orders.values() if self.is_overdue(o, now))
        waiting = sum(1 for o in self.orders.values() if pending_extension(o) is not None)
        tiles = Tiles(states[AgentState.READY], states[AgentState.ON_CALL],
                      states[AgentState.NOT_READY], states[AgentState.WRAP_UP],
                      states[AgentState.OFFLINE], len(self.orders) - overdue, overdue,
                      waiting, len(self.open_topics()))
        if self.queue is None:
            return tiles
        calls = self.queue["waiting"]
        since_read = (now - self.queue_read_at).total_seconds()
        longest = max((c["waiting_s"] for c in calls), default=None)
        return replace(tiles, waiting=len(calls),
                       longest_wait_s=None if longest is None else longest + since_read,
                       service_level=self.queue.get("service_level"),
                       abandon_rate=self.queue.get("abandon_rate"))

    def is_overdue(self, order: WorkOrder, now: datetime | None = None) -> bool:
        due = order.deadlines.get("resolve")
        return order.overdue or (due is not None and due <= (now or self.clock()))

    def due_groups(self) -> list[tuple[str, list[WorkOrder]]]:
        """The orders by handling department (most overdue first within and across)."""
        far = datetime.max.replace(tzinfo=UTC)
        groups: dict[str, list[WorkOrder]] = {}
        for order in self.orders.values():
            name = (self.department_name(order.department_code) if order.department_code
                    else "")
            groups.setdefault(name, []).append(order)
        for orders in groups.values():
            orders.sort(key=lambda o: o.deadlines.get("resolve") or far)
        return sorted(groups.items(), key=lambda g: g[1][0].deadlines.get("resolve") or far)

    def open_topics(self, hours: float = 4) -> list[dict[str, Any]]:
        """Topics with an order in the last `hours`, newest first."""
        since = self.clock() - timedelta(hours=hours)
        topics = [t for t in self.topics.values()
                  if datetime.fromisoformat(t["last_at"]) >= since]
        return sorted(topics, key=lambda t: t["last_at"], reverse=True)

    def intake_series(self, hours: int = CHART_HOURS) -> list[tuple[datetime, int]]:
        """Orders taken per 15 minutes over the last `hours` (bin start, count)."""
        now = self.clock()
        bins = int(timedelta(hours=hours) / INTAKE_BIN)
        start = now - bins * INTAKE_BIN
        counts = [0] * bins
        for at in self.intake:
            index = int((at - start) / INTAKE_BIN)
            if 0 <= index < bins:
                counts[index] += 1
        return [(start + i * INTAKE_BIN, n) for i, n in enumerate(counts)]

    # --- the lead's actions ---------------------------------------------------------

    async def supervise(self, order_id: int, note: str) -> WorkOrder:
        return self._changed(await self.client.supervise(order_id, note))

    async def approve_extension(self, order_id: int) -> WorkOrder:
        return self._changed(await self.client.approve_extension(order_id))

    async def push_notice(self, text: str, hot_topic_id: str | None = None) -> dict[str, Any]:
        return await self.client.push_notice(text, hot_topic_id)

    async def link_topic(self, topic_id: str) -> dict[str, Any]:
        """Make the topic's orders one event (the server re-raises it marked linked)."""
        topic = await self.client.link_topic(topic_id)
        self.topics[topic_id] = topic
        self.topics_changed.emit()
        return topic

    async def topic_orders(self, topic_id: str) -> list[WorkOrder]:
        """The orders of a hot topic, as the lead opens them from the alert."""
        ids = self.topics.get(topic_id, {}).get("order_ids", [])
        return list(await asyncio.gather(*(self.client.order(i) for i in ids)))

    def _changed(self, order: WorkOrder) -> WorkOrder:
        if order.id in self.orders:
            self.orders[order.id] = order
            self.orders_changed.emit()
        return order

    # --- plumbing -------------------------------------------------------------------

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, (ServerUnreachable, ApiError)):
            self.failed.emit(str(exc))
        elif exc is not None:
            log.error("board refresh failed", exc_info=exc)

    def close(self) -> None:
        for handle in (self._refresh, self._queue_refresh):
            if handle is not None:
                handle.cancel()
        self._refresh = self._queue_refresh = None
        for task in self._tasks:
            task.cancel()
