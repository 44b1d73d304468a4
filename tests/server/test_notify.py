"""Several instances on one PostgreSQL: events cross by LISTEN/NOTIFY (no polling), the
listener reconnects and catches up, an Idempotency-Key in flight on one instance answers
409 on another, and `agent-desktop server --workers N` runs N processes on one port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from agent_desktop.domain.models import Event

from .server_helpers import events_of, login, new_phone, order

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
HOUR = 3600.0  # a poll interval no test could wait out: events must come by NOTIFY


def created_numbers(events: Iterator[Event], want: int, deadline: float) -> list[str]:
    """Numbers of the first `want` work_order.created events, or fewer by `deadline`
    (the stream's heartbeats give the loop a chance to look at the clock)."""
    numbers: list[str] = []
    for event in events:
        if event.type == "work_order.created":
            numbers.append(event.data["number"])
        if len(numbers) == want or time.monotonic() > deadline:
            break
    return numbers


def pg_connect(database_url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://"),
                           autocommit=True)


@pytest.fixture
def two_instances(postgres_url: str, serve_app: Callable[[Any], str]) -> tuple[Any, Any]:
    """Two apps on one fresh PostgreSQL database, each served on its own port, polling
    never (HOUR) and heartbeating often: (app_a, url_a), (app_b, url_b)."""
    from agent_desktop.server import create_app

    apps = [create_app(postgres_url, demo=True, event_poll_interval=HOUR, sse_heartbeat=0.3)
            for _ in range(2)]
    return tuple((app, serve_app(app)) for app in apps)  # type: ignore[return-value]


def leaf_of(client: httpx.Client) -> str:
    return next(n["code"] for n in client.get("/api/v1/catalog").json()["nodes"]
                if n["level"] == 5)


def test_events_cross_instances_by_notify_not_polling(two_instances: Any):
    (app_a, url_a), (_app_b, url_b) = two_instances
    hub_a = app_a.state.server.hub
    deadline = time.monotonic() + 15  # LISTEN takes effect shortly after start-up
    while hub_a.listening_since is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub_a.listening_since is not None, "instance A is not LISTENing"
    with login(url_a, "lead1") as lead, login(url_b, "operator1") as operator:
        leaf = leaf_of(operator)
        with lead.stream("GET", "/api/v1/events") as stream:
            started = time.monotonic()
            numbers = [operator.post("/api/v1/work-orders", json=order(leaf)).json()["number"]
                       for _ in range(5)]
            seen = created_numbers(events_of(stream), 5, time.monotonic() + 10)
            took = time.monotonic() - started
    assert seen == numbers  # each once, in order
    assert took < 5, took


def test_the_listener_reconnects_and_catches_up(two_instances: Any, postgres_url: str):
    (app_a, url_a), (_app_b, url_b) = two_instances
    hub_a = app_a.state.server.hub
    before = hub_a.listening_since
    with login(url_a, "lead1") as lead, login(url_b, "operator1") as operator:
        leaf = leaf_of(operator)
        with lead.stream("GET", "/api/v1/events") as stream:
            events = events_of(stream)
            with pg_connect(postgres_url) as admin:
                # Both instances' listeners die; B's order is committed while A is deaf.
                killed = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() "
                    "AND application_name LIKE 'agent-desktop events %'").fetchone()
            assert killed and killed[0] == 2
            number = operator.post("/api/v1/work-orders", json=order(leaf)).json()["number"]
            assert created_numbers(events, 1, time.monotonic() + 15) == [number]
            # And live again afterwards.
            deadline = time.monotonic() + 10
            while hub_a.listening_since in (None, before) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert hub_a.listening_since not in (None, before)
            later = operator.post("/api/v1/work-orders", json=order(leaf)).json()["number"]
            assert created_numbers(events, 1, time.monotonic() + 10) == [later]


def test_a_key_in_flight_on_another_instance_answers_409(two_instances: Any, postgres_url: str):
    (_app_a, url_a), _b = two_instances
    key = str(uuid.uuid4())
    with login(url_a, "operator1") as operator, pg_connect(postgres_url) as other:
        body = order(leaf_of(operator))
        with other.transaction():  # as another instance does while it stores this key
            other.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                          (f"idempotency:operator1:{key}",))
            busy = operator.post("/api/v1/work-orders", json=body,
                                 headers={"Idempotency-Key": key})
        assert busy.status_code == 409 and busy.headers["Retry-After"] == "1"
        assert busy.json()["type"].endswith("idempotency-in-flight")
        done = operator.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
        assert done.status_code == 201


def test_concurrent_duplicates_across_instances_make_one_order(two_instances: Any):
    (_app_a, url_a), (_app_b, url_b) = two_instances
    phone = new_phone()
    clients = [login(url, "operator1") for url in (url_a, url_b) * 4]
    body = order(leaf_of(clients[0]), caller={"phones": [phone]})
    key = str(uuid.uuid4())

    def post_until_answered(client: httpx.Client) -> httpx.Response:
        for _ in range(100):
            response = client.post("/api/v1/work-orders", json=body,
                                   headers={"Idempotency-Key": key})
            if response.status_code != 409:
                return response
            time.sleep(0.05)
        raise AssertionError("still in flight after 100 tries")

    try:
        with ThreadPoolExecutor(len(clients)) as pool:
            answers = list(pool.map(post_until_answered, clients))
        assert [r.status_code for r in answers] == [201] * len(clients)
        assert len({r.content for r in answers}) == 1
        found = clients[1].get("/api/v1/work-orders", params={"caller_phone": phone}).json()
        assert len(found) == 1
    finally:
        for client in clients:
            client.close()


# --- agent-desktop server --workers N --------------------------------------------------


def workers_of(pid: int) -> set[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(c) for c in children}


def test_workers_share_the_port_and_each_others_events(postgres_url: str, server_factory: Any):
    server = server_factory(postgres_url, args=("--workers", "2"))
    workers = workers_of(server.pid)
    assert len(workers) == 2, server.log()
    streams = 4
    leads = [login(server.url, "lead1") for _ in range(streams)]
    seen: list[list[str]] = [[] for _ in range(streams)]
    connected = threading.Barrier(streams + 1, timeout=30)
    orders = 6

    def listen(index: int) -> None:
        with leads[index].stream("GET", "/api/v1/events") as stream:
            connected.wait()
            seen[index] = created_numbers(events_of(stream), orders, time.monotonic() + 30)

    threads = [threading.Thread(target=listen, args=(i,), daemon=True) for i in range(streams)]
    for thread in threads:
        thread.start()
    connected.wait()
    numbers = []
    for _ in range(orders):  # a new connection each time, so both workers take some
        with login(server.url, "operator1") as operator:
            numbers.append(operator.post("/api/v1/work-orders",
                                         json=order(leaf_of(operator))).json()["number"])
    for thread in threads:
        thread.join(40)
    assert seen == [numbers] * streams
    for client in leads:
        client.close()

    # A worker that dies is replaced; the port keeps answering meanwhile.
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = workers_of(server.pid)
        if len(now) == 2 and victim not in now:
            break
        assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
        time.sleep(0.2)
    current = workers_of(server.pid)
    assert len(current) == 2 and victim not in current
    assert server.stop() == 0  # SIGTERM: the workers stop first
    assert not any(Path(f"/proc/{pid}").exists() for pid in current)


def test_several_workers_refuse_sqlite_with_a_reason(tmp_path: Path):
    env = {**os.environ, "AGENT_DESKTOP_SERVER_DATA_DIR": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "agent_desktop", "server", "--port", "0", "--workers", "2"],
        env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "needs PostgreSQL" in done.stderr and done.stdout == ""


def test_instances_take_turns_to_prune(postgres_url: str):
    from datetime import UTC, datetime, timedelta

    from agent_desktop.server.db import Database
    from agent_desktop.server.events import record_event
    from agent_desktop.server.pruning import prune

    db = Database(postgres_url)
    try:
        db.migrate()
        long_ago = datetime.now(UTC) - timedelta(days=90)
        with db.write() as session:
            record_event(session, "agent.state_changed", {"state": "idle"}, long_ago)
        with pg_connect(postgres_url) as other, other.transaction():
            other.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                          ("agent-desktop pruning",))  # another instance is pruning
            assert prune(db, datetime.now(UTC))["events"] == 0
        assert prune(db, datetime.now(UTC))["events"] == 1
    finally:
        db.dispose()
