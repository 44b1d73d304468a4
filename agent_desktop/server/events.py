"""The live event log: the `events` table and the hub that wakes open streams.

Writers call `record_event` inside the transaction that makes the change, so an event
exists exactly when its change does. Events written by this process wake its streams at
once (`EventHub.notify_threadsafe`). On PostgreSQL every event also sends a NOTIFY on
`EVENTS_CHANNEL` with its id, delivered when its transaction commits, and every
instance's hub LISTENs on one connection of its own (`listen_for_events`), so an event
written by any process or machine sharing the database reaches every instance's
streams at once, without polling; after (re)connecting, the hub reads the newest id
once to cover what it could not hear. On SQLite (one process) the hub polls the newest
id while streams are open, as a safety net for a second process on the same file.
`stream.py` serves the log as Server-Sent Events.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from collections import deque
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, insert, select, text
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from agent_desktop.domain.models import Event

from .db import TCP_KEEPALIVES, Database
from .tables import EventRow

log = logging.getLogger(__name__)

_EVENT_LOCK_KEY = 0x41444556  # "ADEV"
_EVENT_LOCKED = "agent_desktop_event_lock"  # session.info: the transaction holding it
EVENTS_CHANNEL = "agent_desktop_events"  # NOTIFY payload: the new event's id
_LISTENER_CHECK = 30.0  # seconds without a notification before the listener pings


def record_event(session: Session, type_: str, data: dict[str, Any], at: datetime) -> int:
    """Add an event to the current transaction; returns its id."""
    if session.get_bind().dialect.name != "postgresql":
        row = EventRow(type=type_, at=at, data=data)
        session.add(row)
        session.flush()
        return row.id
    transaction = session.get_transaction()
    if session.info.get(_EVENT_LOCKED) is not transaction:
        # Event writers take turns until commit, so ids become visible in increasing
        # order and a reader that has seen id N never later finds a smaller one.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _EVENT_LOCK_KEY})
        session.info[_EVENT_LOCKED] = transaction
    # One round trip: the row, and its NOTIFY (sent on commit only, in commit order).
    added = insert(EventRow).values(type=type_, at=at, data=data).returning(EventRow.id).cte()
    return session.execute(  # type: ignore[no-any-return]
        select(added.c.id, func.pg_notify(EVENTS_CHANNEL, cast(added.c.id, String)))
    ).scalar_one()


def latest_event_id(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.max(EventRow.id))) or 0


def events_after(db: Database, after_id: int, limit: int) -> list[Event]:
    with db.read() as session:
        rows = session.scalars(
            select(EventRow).where(EventRow.id > after_id).order_by(EventRow.id).limit(limit)
        )
        return [Event(id=r.id, type=r.type, at=r.at, data=r.data) for r in rows]


Heard = Callable[[int], None]
Listen = Callable[[Heard, Callable[[], Awaitable[None]]], Awaitable[None]]


def event_listener(db: Database) -> Listen | None:
    """How `db` tells of events committed elsewhere: LISTEN/NOTIFY on PostgreSQL, else
    None (the hub polls)."""
    if db.dialect != "postgresql":
        return None

    async def listen(heard: Heard, listening: Callable[[], Awaitable[None]]) -> None:
        await listen_for_events(db, heard, listening)

    return listen


async def listen_for_events(db: Database, heard: Heard,
                            listening: Callable[[], Awaitable[None]]) -> None:
    """LISTEN on a connection of its own and call `heard(id)` for every NOTIFY; awaits
    `listening()` once LISTEN is in place. Returns or raises only when the connection
    is lost (checked every `_LISTENER_CHECK` seconds of silence)."""
    import psycopg

    args, params = db.engine.dialect.create_connect_args(db.engine.url)
    params = {**TCP_KEEPALIVES, **params, "autocommit": True,
              "application_name": f"agent-desktop events {os.getpid()}"}
    async with await psycopg.AsyncConnection.connect(*args, **params) as conn:
        await conn.execute(f"LISTEN {EVENTS_CHANNEL}")
        await listening()
        while True:
            async for note in conn.notifies(timeout=_LISTENER_CHECK):
                with suppress(ValueError):
                    heard(int(note.payload))
            await conn.execute("SELECT 1")  # raises if the server is gone


class EventHub:
    """Tells the open streams of this process when the events table may have grown, and
    reads each new event from the database once for all of them: live streams take new
    events from an in-memory window of the recent ones (`events_after`), so a thousand
    open streams cost one database read per batch of events, not a thousand. A stream
    whose cursor is older than the window (a reconnect with an old Last-Event-ID) reads
    the database itself, once, and then joins the window."""

    def __init__(self, latest_id: Callable[[], int], poll_interval: float = 0.5,
                 window: int = 5000, listen: Listen | None = None) -> None:
        self._latest_id = latest_id
        self._listen = listen  # None: poll `latest_id` every `poll_interval` instead
        self.listening_since: float | None = None  # loop time LISTEN last took effect
        self._poll_interval = poll_interval
        self._latest = 0
        self._recent: deque[Event] = deque(maxlen=window)  # for the live streams
        self._texts: dict[int, str] = {}  # SSE text of the events in the window
        self._floor = 0  # the window holds every event with floor < id <= _read_upto
        self._read_upto = 0
        self._reading: asyncio.Lock | None = None
        self.database_reads = 0  # reads made for the shared window (for tests, benches)
        self.direct_reads = 0  # reads a stream made itself (replay from before the window)
        self._listeners = 0
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._tickers: dict[float, asyncio.Task[None]] = {}  # wait_beyond's timeouts

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def latest(self) -> int:
        return self._latest

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._latest = await run_in_threadpool(self._latest_id)
        self._floor = self._read_upto = self._latest
        self._reading = asyncio.Lock()
        if self._listen is None:
            self._task = asyncio.create_task(self._poll(), name="event-hub-poll")
        else:
            self._task = asyncio.create_task(self._follow(), name="event-hub-listen")

    async def stop(self) -> None:
        self._close()
        tasks = [t for t in (self._task, *self._tickers.values()) if t]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def close_threadsafe(self) -> None:
        """End every open stream (the server is shutting down). Callable from any thread."""
        if self._loop and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._close)

    def notify_threadsafe(self, event_id: int) -> None:
        """An event with this id was committed here. Callable from any thread."""
        if self._loop and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._advance, event_id)

    @contextmanager
    def listening(self) -> Iterator[None]:
        self._listeners += 1
        try:
            yield
        finally:
            self._listeners -= 1

    async def events_after(self, cursor: int, read: Callable[[int, int], list[Event]],
                           limit: int = 200) -> list[Event]:
        """Up to `limit` events after `cursor`: from the shared window when it covers the
        cursor (reading what is new into it, once for every stream), else straight from
        the database with `read(after, limit)`."""
        if self._reading is None or cursor < self._floor:
            self.direct_reads += 1
            return await run_in_threadpool(read, cursor, limit)
        if self._read_upto < self._latest:
            async with self._reading:  # one reader; the others wait and share its result
                while self._read_upto < self._latest:
                    batch = await run_in_threadpool(read, self._read_upto, limit)
                    self.database_reads += 1
                    if not batch:
                        break
                    for event in batch:
                        if len(self._recent) == self._recent.maxlen:
                            self._floor = self._recent[0].id
                            self._texts.pop(self._floor, None)
                        self._recent.append(event)
                    self._read_upto = batch[-1].id
        if cursor < self._floor:  # the window moved past it while we waited
            self.direct_reads += 1
            return await run_in_threadpool(read, cursor, limit)
        out = []
        for event in reversed(self._recent):
            if event.id <= cursor:
                break
            out.append(event)
        out.reverse()
        return out[:limit]

    def text_of(self, event: Event, render: Callable[[Event], str]) -> str:
        """`render(event)`, computed once for an event of the window."""
        if event.id <= self._floor:  # read for one stream only: nothing to share
            return render(event)
        text = self._texts.get(event.id)
        if text is None:
            text = self._texts[event.id] = render(event)
        return text

    async def wait_beyond(self, event_id: int, timeout: float) -> bool:
        """Wait until an event newer than `event_id` exists; False on close, or when the
        tick every `timeout` seconds comes first. The tick is one timer shared by every
        waiter with that timeout (a thousand streams' heartbeats are one timer, not a
        thousand), so a wait may end early by up to `timeout`."""
        assert self._changed is not None, "EventHub.start() was not awaited"
        if self._latest <= event_id and not self._closed:
            if timeout not in self._tickers:
                self._tickers[timeout] = asyncio.create_task(
                    self._tick(timeout), name=f"event-hub-tick-{timeout}")
            await self._changed.wait()
        return self._latest > event_id and not self._closed

    async def _tick(self, every: float) -> None:
        while not self._closed:
            await asyncio.sleep(every)
            if self._listeners:
                self._wake()

    def _advance(self, event_id: int) -> None:
        if event_id > self._latest:
            self._latest = event_id
            self._wake()

    def _close(self) -> None:
        self._closed = True
        if self._changed:
            self._wake()

    def _wake(self) -> None:
        assert self._changed is not None
        self._changed.set()
        self._changed = asyncio.Event()

    async def _poll(self) -> None:
        while not self._closed:
            await asyncio.sleep(self._poll_interval)
            if not self._listeners:
                continue
            try:
                self._advance(await run_in_threadpool(self._latest_id))
            except Exception:
                log.warning("polling the events table failed; retrying", exc_info=True)
                await asyncio.sleep(5)

    async def _follow(self) -> None:
        """Keep a LISTEN connection up; after each (re)connect, catch up once on what
        was committed while nobody was listening."""
        assert self._listen is not None and self._loop is not None
        loop, delay = self._loop, 0.5

        async def listening() -> None:
            nonlocal delay
            delay = 0.5
            self.listening_since = loop.time()
            self._advance(await run_in_threadpool(self._latest_id))

        while not self._closed:
            try:
                await self._listen(self._advance, listening)
            except Exception as exc:
                log.warning("listening for events failed (%s); reconnecting in %.1f s",
                            exc, delay)
            self.listening_since = None
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
