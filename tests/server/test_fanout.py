"""One database read per batch of new events, however many streams are open; each
stream still gets exactly its events, in order, once, and a reconnect with an old
Last-Event-ID still replays from the database."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from agent_desktop.domain.models import Event

from .server_helpers import login, order, read_events

STREAMS = 20
ORDERS = 5


def test_many_streams_share_one_read_per_event(serve_app: Any, database_url: str):
    """On SQLite and on PostgreSQL (where the hub also hears its own NOTIFYs)."""
    from agent_desktop.server import create_app

    app = create_app(database_url, demo=True)
    url = serve_app(app)
    hub = app.state.server.hub
    numbers: list[str] = []
    seen: list[list[Event]] = [[] for _ in range(STREAMS)]
    connected = threading.Barrier(STREAMS + 1, timeout=30)

    def listen(index: int) -> None:
        with login(url, "lead1") as client, client.stream("GET", "/api/v1/events") as stream:
            connected.wait()
            for fields in read_events(stream):
                if "data" in fields:
                    event = Event.model_validate_json(fields["data"])
                    if event.type == "work_order.created":
                        seen[index].append(event)
                        if len(seen[index]) == ORDERS:
                            return

    threads = [threading.Thread(target=listen, args=(i,), daemon=True) for i in range(STREAMS)]
    for thread in threads:
        thread.start()
    connected.wait()
    reads_before, direct_before = hub.database_reads, hub.direct_reads
    with login(url, "operator1") as operator:
        leaf = next(n["code"] for n in operator.get("/api/v1/catalog").json()["nodes"]
                    if n["level"] == 5)
        for _ in range(ORDERS):
            numbers.append(operator.post("/api/v1/work-orders", json=order(leaf)).json()["number"])
    for thread in threads:
        thread.join(30)
    for events in seen:
        assert [e.data["number"] for e in events] == numbers  # all, in order, once
    reads = hub.database_reads - reads_before
    assert 1 <= reads <= 2 * ORDERS, reads  # not STREAMS × ORDERS (= 100)
    assert hub.direct_reads == direct_before  # no live stream read the database itself

    # A reconnect from before the window replays from the database as before.
    first_id = seen[0][0].id
    with login(url, "lead1") as client, client.stream(
            "GET", "/api/v1/events", headers={"Last-Event-ID": str(first_id - 1)}) as stream:
        replayed = []
        for fields in read_events(stream):
            if "data" in fields:
                event = Event.model_validate_json(fields["data"])
                if event.type == "work_order.created":
                    replayed.append(event.data["number"])
                    if len(replayed) == ORDERS:
                        break
    assert replayed == numbers


async def test_a_cursor_older_than_the_window_reads_the_database_itself():
    from datetime import UTC, datetime

    from agent_desktop.server.events import EventHub

    log = [Event(id=i, type="work_order.created", at=datetime.now(UTC), data={"n": i})
           for i in range(1, 31)]

    def read(after: int, limit: int) -> list[Event]:
        return [e for e in log if e.id > after][:limit]

    hub = EventHub(lambda: 10, poll_interval=60, window=5)
    await hub.start()
    try:
        hub.notify_threadsafe(30)
        await asyncio.sleep(0)
        live = await hub.events_after(29, read, limit=10)
        assert [e.id for e in live] == [30]
        assert hub.database_reads >= 1 and hub.direct_reads == 0
        old = await hub.events_after(3, read, limit=4)  # long before the window
        assert [e.id for e in old] == [4, 5, 6, 7] and hub.direct_reads == 1
    finally:
        await hub.stop()
