"""Several server instances behind HAProxy on one PostgreSQL, as docs/DEPLOYMENT.md runs
them: instance A (one process) and instance B (`--workers 2`) on their own ports, HAProxy
from Debian in front (round robin, health checks on /healthz, SSE-friendly timeouts),
all on loopback.

- An order submitted on A (directly and through HAProxy) appears on a stream held on B.
- A is killed (SIGKILL) while a batch of submits with Idempotency-Keys is in flight
  through HAProxy, at a moment one of its transactions is storing an order (seen in
  pg_locks); the clients retry what failed. Every key ends as exactly one order,
  the stream on B sees each order once, and a replay from Last-Event-ID shows the same.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from agent_desktop.domain.models import Event

from ..conftest import _free_port
from ..server.server_helpers import events_of, login, order

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

HAPROXY = shutil.which("haproxy") or next(
    (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None)

BATCH = 40  # submits in flight when A dies
RETRYABLE = {409, 502, 503, 504}  # in flight elsewhere, or the proxy lost its server


def haproxy_config(port: int, servers: dict[str, int]) -> str:
    """The configuration docs/DEPLOYMENT.md shows, on loopback ports."""
    lines = [
        "global",
        "    maxconn 4096",
        "defaults",
        "    mode http",
        "    option httplog",
        "    option forwardfor",
        "    timeout connect 2s",
        "    timeout http-request 10s",
        "    # event streams: a heartbeat comes every 15 s, so a minute of silence is dead",
        "    timeout client 60s",
        "    timeout server 60s",
        "    timeout tunnel 1h",
        "    retries 3",
        "    option redispatch",
        "frontend hotline",
        f"    bind 127.0.0.1:{port}",
        "    default_backend hotline_servers",
        "backend hotline_servers",
        "    balance roundrobin",
        "    option httpchk GET /healthz",
        "    http-check expect status 200",
        "    default-server inter 1s fall 2 rise 2",
    ]
    lines += [f"    server {name} 127.0.0.1:{p} check" for name, p in servers.items()]
    return "\n".join(lines) + "\n"


class HAProxy:
    def __init__(self, directory: Path, servers: dict[str, int]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = directory / "haproxy.cfg"
        self.config.write_text(haproxy_config(self.port, servers))
        self.log = directory / "haproxy.log"
        assert HAPROXY
        check = subprocess.run([HAPROXY, "-c", "-f", str(self.config)],
                               capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stdout + check.stderr
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen([HAPROXY, "-db", "-f", str(self.config)],
                                         stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.proc.poll() is None, self.log.read_text()
            time.sleep(0.1)
        raise RuntimeError(f"HAProxy not ready: {self.log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def deployment(postgres_url: str, server_factory: Any,
               tmp_path: Path) -> Iterator[tuple[Any, Any, HAProxy]]:
    if HAPROXY is None:
        pytest.skip("haproxy not installed: apt-get install haproxy "
                    "(scripts/system-deps.sh --test installs it)")
    a = server_factory(postgres_url)
    b = server_factory(postgres_url, demo=False, args=("--workers", "2"))
    proxy = HAProxy(tmp_path, {"a": a.port, "b": b.port})
    try:
        yield a, b, proxy
    finally:
        proxy.stop()


def leaf_of(client: httpx.Client) -> str:
    return next(n["code"] for n in client.get("/api/v1/catalog").json()["nodes"]
                if n["level"] == 5)


class Collector:
    """Holds a stream open in a thread and keeps every work_order.created event."""

    def __init__(self, url: str, after: int | None = None) -> None:
        self.events: list[Event] = []
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._client = login(url, "lead1")
        self._after = after
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        assert self.connected.wait(20), "the stream did not open"

    def _run(self) -> None:
        headers = {} if self._after is None else {"Last-Event-ID": str(self._after)}
        try:
            with self._client.stream("GET", "/api/v1/events", headers=headers,
                                     timeout=httpx.Timeout(15, read=60)) as stream:
                assert stream.status_code == 200
                self.connected.set()
                for event in events_of(stream):
                    if event.type == "work_order.created":
                        self.events.append(event)
                    if self._stop.is_set():
                        return
        except (httpx.HTTPError, ValueError):
            if not self._stop.is_set():  # closing the client ends the read this way
                raise

    def numbers(self) -> list[str]:
        return [e.data["number"] for e in self.events]

    def wait_for(self, numbers: set[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not numbers <= set(self.numbers()) and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        self._stop.set()
        self._client.close()  # the reader ends at its next heartbeat at the latest


def test_an_order_on_one_instance_reaches_a_stream_held_on_the_other(deployment: Any):
    a, b, proxy = deployment
    on_b = Collector(b.url)
    through_proxy = Collector(proxy.url)  # SSE passes through HAProxy unbuffered
    try:
        with login(a.url, "operator1") as on_a, login(proxy.url, "operator1") as via_proxy:
            leaf = leaf_of(on_a)
            numbers = [on_a.post("/api/v1/work-orders", json=order(leaf)).json()["number"]]
            numbers += [via_proxy.post("/api/v1/work-orders", json=order(leaf)).json()["number"]
                        for _ in range(4)]
        for collector in (on_b, through_proxy):
            collector.wait_for(set(numbers), 15)
            assert collector.numbers() == numbers
    finally:
        on_b.close()
        through_proxy.close()


def test_killing_an_instance_mid_submit_loses_and_doubles_nothing(deployment: Any):
    a, b, proxy = deployment
    on_b = Collector(b.url)
    with login(proxy.url, "operator1") as probe:
        leaf = leaf_of(probe)
        token = probe.headers["Authorization"]
    bodies = {str(uuid.uuid4()): order(leaf) for _ in range(BATCH)}
    answered: dict[str, httpx.Response] = {}
    retried: Counter[str] = Counter()  # why a submit was sent again (shown with -s)
    done = threading.Event()
    killed_at: list[int] = []
    mid_transaction: list[bool] = []

    def submit(key: str) -> None:
        with httpx.Client(base_url=proxy.url, timeout=30,
                          headers={"Authorization": token}) as client:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    response = client.post("/api/v1/work-orders", json=bodies[key],
                                           headers={"Idempotency-Key": key})
                except httpx.TransportError as exc:
                    response = None
                    retried[type(exc).__name__] += 1
                if response is not None and response.status_code not in RETRYABLE:
                    answered[key] = response
                    return
                if response is not None:
                    retried[str(response.status_code)] += 1
                time.sleep(0.2)

    def kill_a_mid_batch() -> None:
        # Once a fifth of the batch is answered, watch A's database sessions and kill it
        # the moment one of them holds a transaction's lock: A is storing an order.
        url = a.database_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as watch:
            while len(answered) < BATCH // 5 and not done.is_set():
                time.sleep(0.01)
            deadline = time.monotonic() + 20
            while not done.is_set() and time.monotonic() < deadline:
                row = watch.execute(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity s USING (pid) "
                    "WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = %s",
                    (f"agent-desktop server {a.pid}",)).fetchone()
                if row and row[0]:
                    mid_transaction.append(True)
                    break
            killed_at.append(len(answered))
            a.kill()

    killer = threading.Thread(target=kill_a_mid_batch)
    killer.start()
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(submit, bodies))
        done.set()
        killer.join(10)
        assert not a.running and killed_at and killed_at[0] < BATCH, "A not killed mid-batch"
        assert mid_transaction, "A was never seen storing an order"
        assert len(answered) == BATCH, f"unanswered keys: {set(bodies) - set(answered)}"
        statuses = Counter(r.status_code for r in answered.values())
        assert statuses == {201: BATCH}, statuses
        numbers = {key: r.json()["number"] for key, r in answered.items()}
        assert len(set(numbers.values())) == BATCH  # one order per key
        # Each key made exactly one order: its caller's phone finds exactly one.
        with login(b.url, "lead1") as lead:
            for key, body in bodies.items():
                found = lead.get("/api/v1/work-orders",
                                 params={"caller_phone": body["caller"]["phones"][0]}).json()
                assert [o["number"] for o in found] == [numbers[key]], key
        on_b.wait_for(set(numbers.values()), 20)
        time.sleep(0.5)  # a double would come right behind
        seen = Counter(on_b.numbers())
        assert set(seen) == set(numbers.values())
        assert max(seen.values()) == 1, [n for n, c in seen.items() if c > 1]
        print(f"A killed after {killed_at[0]} of {BATCH} answers; retries: {dict(retried)}")
        assert retried, "no submit was caught in flight on A"
    finally:
        done.set()
        killer.join(10)
        on_b.close()

    # A reconnect from before the batch, through HAProxy (only B is left), replays each
    # order once, in the order the live stream saw them.
    first = on_b.events[0].id
    replay = Collector(proxy.url, after=first - 1)
    try:
        replay.wait_for(set(numbers.values()), 20)
        assert replay.numbers() == on_b.numbers()
    finally:
        replay.close()
