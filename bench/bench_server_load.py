"""Load on the reference server: N live-event listeners (lead role) while orders arrive at
R per second; prints JSON with submit latency, event delivery latency, deliveries against
what was expected, and the server's CPU.

Starts `agent-desktop server --demo` on 127.0.0.1 (SQLite in a temp dir; --postgres: a
throw-away PostgreSQL cluster in a temp dir, Debian's binaries; or --database-url; with
--workers N, N worker processes), opens the listeners as raw HTTP/1.1 streams (asyncio,
one connection each), submits orders with httpx, and stops by itself after --seconds.
With --runs K it starts a fresh server on a fresh database K times and prints every run
and the median of each figure.

    python bench/bench_server_load.py --listeners 1000 --rate 10 --seconds 20
    python bench/bench_server_load.py --listeners 50 --rate 100 --seconds 10 --postgres
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000, 1)


def cpu_seconds(pid: int) -> float:
    """CPU time of the server: the process and its children (--workers)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return own + sum(cpu_seconds(int(c)) for c in children)


async def listen(host: str, port: int, token: str, arrivals: list[tuple[str, float]],
                 ready: asyncio.Event, opened: list[int], total: int,
                 stop: asyncio.Event) -> None:
    reader, writer = await asyncio.open_connection(host, port, limit=2**20)
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
                 f"Authorization: Bearer {token}\r\n\r\n".encode())
    await writer.drain()
    try:
        # Open once the server has started the stream (its first comment), so that no
        # order is submitted before every listener's cursor is set.
        while not (line := await reader.readline()).startswith(b": connected"):
            if not line:
                raise ConnectionError("the stream ended before it started")
        opened[0] += 1
        if opened[0] == total:
            ready.set()
        while not stop.is_set():
            line = await reader.readline()
            if not line:
                break
            if line.startswith(b"data:") and b'"work_order.created"' in line:
                # the generator shares the 2 cores: find the number without parsing JSON
                at = line.find(b'"number":"') + 10
                # (an event may come before its POST's answer: matched up at the end)
                arrivals.append((line[at:line.find(b'"', at)].decode(), time.perf_counter()))
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def run(args: argparse.Namespace, url: str, pid: int, db_pid: int | None) -> dict:
    host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        async def token(user: str) -> str:
            r = await http.post("/api/v1/auth/token",
                                json={"username": user, "password": f"{user}-demo"})
            return r.json()["access_token"]

        lead, operator = await token("lead1"), await token("operator1")
        leaf = next(n["code"] for n in (await http.get(
            "/api/v1/catalog", headers={"Authorization": f"Bearer {operator}"})).json()["nodes"]
            if n["level"] == 5)
        sent_at: dict[str, float] = {}
        arrivals: list[tuple[str, float]] = []
        opened = [0]
        ready, stop = asyncio.Event(), asyncio.Event()
        listeners = [asyncio.create_task(listen(host, port, lead, arrivals,
                                                ready, opened, args.listeners, stop))
                     for _ in range(args.listeners)]
        await asyncio.wait_for(ready.wait(), 120)
        await asyncio.sleep(1.0)
        submits: list[float] = []
        errors = 0
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        own0, db0 = time.process_time(), cpu_seconds(db_pid) if db_pid else 0.0
        headers = {"Authorization": f"Bearer {operator}"}

        async def submit(i: int) -> None:
            nonlocal errors
            body = {"appeal_type": "consultation", "caller": {"phones": [f"139{i:08d}"]},
                    "matter_code": leaf, "content": "负载测试：门口积水很深，无法通行。",
                    "handling": "direct", "answer": "已告知来电人处理渠道和办理时限。"}
            start = time.perf_counter()
            r = await http.post("/api/v1/work-orders", json=body, headers=headers)
            submits.append(time.perf_counter() - start)
            if r.status_code != 201:
                errors += 1
                return
            sent_at[r.json()["number"]] = start

        tasks = []
        n = int(args.rate * args.seconds)
        for i in range(n):
            tasks.append(asyncio.create_task(submit(i)))
            await asyncio.sleep(max(0.0, t0 + (i + 1) / args.rate - time.perf_counter()))
        await asyncio.gather(*tasks)
        expected = len(sent_at) * args.listeners
        deadline = time.perf_counter() + 30
        while len(arrivals) < expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - t0
        cpu = cpu_seconds(pid) - cpu0
        own = time.process_time() - own0
        db_cpu = cpu_seconds(db_pid) - db0 if db_pid else None
        stop.set()
        for task in listeners:
            task.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
    latencies = [at - sent_at[number] for number, at in arrivals if number in sent_at]
    return {
        "listeners": args.listeners, "rate_per_s": args.rate, "seconds": args.seconds,
        "orders": n, "submit_errors": errors,
        "submit_ms_p50": pct(submits, 50), "submit_ms_p99": pct(submits, 99),
        "event_ms_p50": pct(latencies, 50), "event_ms_p99": pct(latencies, 99),
        "deliveries": len(latencies), "deliveries_expected": expected,
        "server_cpu_percent": round(100 * cpu / elapsed, 1),
        "postgres_cpu_percent": round(100 * db_cpu / elapsed, 1) if db_cpu is not None else None,
        "generator_cpu_percent": round(100 * own / elapsed, 1),
        "orders_per_s_achieved": round(len(submits) / elapsed, 1),
        "loadavg": os.getloadavg(), "cpus": os.cpu_count(),
        "mean_event_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
    }


@contextmanager
def postgres_cluster(tmp: str) -> Iterator[tuple[str, Path]]:
    """A throw-away PostgreSQL on 127.0.0.1 (as tests/conftest.py starts it); yields the
    URL of its server (to append a database name to) and its postmaster.pid file."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    bin_dir = Path(found[-1]).parent if found else Path(shutil.which("initdb") or "").parent
    base = Path(tmp) / "pg"
    base.mkdir()
    prefix = []
    if os.geteuid() == 0:  # initdb refuses root
        shutil.chown(base, "postgres", "postgres")
        os.chmod(tmp, 0o755)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = base / "data"
    subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                   check=True, capture_output=True)
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=300 "
               "-c shared_buffers=128MB")
    subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l",
                    str(base / "log"), "-o", options, "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}", data / "postmaster.pid"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], capture_output=True)


def create_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    return f"{server_url}/{name}"


def one_run(args: argparse.Namespace, db: str, postmaster: Path | None = None) -> dict:
    """One server on `db`; `postmaster` (its pid file) adds PostgreSQL's CPU to the figures."""
    db_pid = int(postmaster.read_text().split()[0]) if postmaster else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", "server", "--demo", "--port", "0",
         "--database-url", db, "--workers", str(args.workers)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        url = proc.stdout.readline().split()[-1]
        result = asyncio.run(run(args, url, proc.pid, db_pid))
        result["database"] = "postgresql" if db.startswith("postgresql") else "sqlite"
        result["workers"] = args.workers
        return result
    finally:
        proc.terminate()
        proc.wait(30)


def medians(runs: list[dict]) -> dict:
    out = {}
    for name, value in runs[0].items():
        values = [r[name] for r in runs]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and None not in values:
            out[name] = statistics.median(values)
        else:
            out[name] = value
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--listeners", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=10)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--database-url", default="", help="an empty database to use (one run)")
    ap.add_argument("--postgres", action="store_true",
                    help="start a throw-away PostgreSQL cluster and use a new database on it")
    ap.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL)")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            with postgres_cluster(tmp) as (server_url, postmaster):
                runs = [one_run(args, create_database(server_url, f"load{i}"), postmaster)
                        for i in range(args.runs)]
        elif args.database_url:
            runs = [one_run(args, args.database_url)]
        else:
            runs = [one_run(args, f"sqlite:///{tmp}/load{i}.db") for i in range(args.runs)]
    print(json.dumps(runs[0] if len(runs) == 1 else {"median": medians(runs), "runs": runs},
                     indent=1))


if __name__ == "__main__":
    main()
