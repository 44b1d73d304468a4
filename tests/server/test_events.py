"""`GET /events`: the live stream over real HTTP, replay, heartbeats, shutdown, and
fan-out between two instances sharing one PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from agent_desktop.domain.models import Event, WorkOrder

from .server_helpers import login, order, read_events


def events_of(response: httpx.Response) -> Iterator[Event]:
    for fields in read_events(response):
        if "data" in fields:
            event = Event.model_validate_json(fields["data"])
            assert fields["id"] == str(event.id) and fields["event"] == event.type
            yield event


def wait_for_order(events: Iterator[Event], number: str) -> Event:
    for event in events:
        if event.type == "work_order.created" and event.data["number"] == number:
            return event
    raise AssertionError("stream ended without the order")


def test_a_created_order_arrives_on_the_stream(operator: httpx.Client, leaf_code: str):
    with operator.stream("GET", "/api/v1/events") as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        created = operator.post("/api/v1/work-orders", json=order(leaf_code)).json()
        event = wait_for_order(events_of(stream), created["number"])
    assert WorkOrder.model_validate(event.data) == WorkOrder.model_validate(created)


def test_reconnect_with_last_event_id_replays_what_was_missed(
    operator: httpx.Client, leaf_code: str
):
    with operator.stream("GET", "/api/v1/events") as stream:
        first = operator.post("/api/v1/work-orders", json=order(leaf_code)).json()
        seen = wait_for_order(events_of(stream), first["number"])
    # Disconnected: two more orders happen meanwhile.
    missed = [operator.post("/api/v1/work-orders", json=order(leaf_code)).json() for _ in range(2)]
    headers = {"Last-Event-ID": str(seen.id)}
    with operator.stream("GET", "/api/v1/events", headers=headers) as stream:
        events = events_of(stream)
        replayed = [wait_for_order(events, o["number"]) for o in missed]
    assert all(e.id > seen.id for e in replayed)
    assert replayed[0].id < replayed[1].id


def test_browsers_may_pass_the_token_in_the_query(
    live: Any, operator: httpx.Client, leaf_code: str
):
    token = operator.headers["Authorization"].removeprefix("Bearer ")
    with httpx.Client(base_url=live.url, timeout=15) as browser:
        with browser.stream("GET", "/api/v1/events", params={"access_token": token}) as stream:
            assert stream.status_code == 200
            created = operator.post("/api/v1/work-orders", json=order(leaf_code)).json()
            wait_for_order(events_of(stream), created["number"])
        refused = browser.get("/api/v1/events", params={"access_token": "forged"})
        assert refused.status_code == 401


def test_idle_stream_sends_heartbeats(serve_app: Any, tmp_path: Any):
    from agent_desktop.server import create_app

    app = create_app(f"sqlite:///{tmp_path / 'hb.db'}", demo=True, sse_heartbeat=0.2)
    start, comments = time.monotonic(), []
    with (
        login(serve_app(app), "operator1") as client,
        client.stream("GET", "/api/v1/events") as stream,
    ):
        for fields in read_events(stream):
            comments.append(fields.get("comment"))
            if comments.count("heartbeat") == 2:
                break
    assert comments[0] == "connected"
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("live", ["postgres"], indirect=True)
def test_two_instances_on_one_postgres_share_the_stream(
    live: Any, server_factory: Any, leaf_code: str
):
    a, b = live, server_factory(live.database_url)
    client_a, client_b = login(a.url, "operator1"), login(b.url, "lead1")
    with client_b.stream("GET", "/api/v1/events") as stream:
        created = client_a.post("/api/v1/work-orders", json=order(leaf_code)).json()
        event = wait_for_order(events_of(stream), created["number"])
    assert event.data["created_by"] == "operator1"
    # Both instances number from the same counter, and stream each other's events.
    with client_a.stream("GET", "/api/v1/events") as stream:
        other = client_b.post("/api/v1/work-orders", json=order(leaf_code)).json()
        wait_for_order(events_of(stream), other["number"])
    assert int(other["number"]) > int(created["number"])
    client_a.close()
    client_b.close()


@pytest.mark.parametrize("live", ["postgres"], indirect=True)
def test_a_stream_resumes_on_the_other_instance_from_last_event_id(
    live: Any, server_factory: Any, leaf_code: str
):
    a, b = live, server_factory(live.database_url, demo=False)
    client_a, client_b = login(a.url, "operator1"), login(b.url, "operator1")
    with client_a.stream("GET", "/api/v1/events") as stream:
        first = client_a.post("/api/v1/work-orders", json=order(leaf_code)).json()
        seen = wait_for_order(events_of(stream), first["number"])
    # Away: orders made on both instances meanwhile; the stream comes back on B.
    missed = [c.post("/api/v1/work-orders", json=order(leaf_code)).json()
              for c in (client_a, client_b, client_a)]
    headers = {"Last-Event-ID": str(seen.id)}
    with client_b.stream("GET", "/api/v1/events", headers=headers) as stream:
        replayed = []
        for event in events_of(stream):
            if event.type == "work_order.created":
                replayed.append(event.data["number"])
                if len(replayed) == len(missed):
                    break
    # Exactly the missed ones, in order: none lost, none doubled, nothing from before.
    assert replayed == [o["number"] for o in missed]
    client_a.close()
    client_b.close()
