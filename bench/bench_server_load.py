"""Load on the reference server: N live-event listeners (lead role) while orders arrive at
R per second; prints JSON with submit latency, event delivery latency, deliveries against
what was expected, and the server's CPU.

Starts `agent-desktop server --demo` on 127.0.0.1 (SQLite in a temp dir, or
--database-url), opens the listeners as raw HTTP/1.1 streams (asyncio, one connection
each), submits orders with httpx, and stops by itself after --seconds.

    python bench/bench_server_load.py --listeners 1000 --rate 10 --seconds 20
    python bench/bench_server_load.py --listeners 50 --rate 100 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000, 1)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def listen(host: str, port: int, token: str, sent_at: dict[str, float],
                 latencies: list[float], counts: list[int], ready: asyncio.Event,
                 opened: list[int], total: int, stop: asyncio.Event) -> None:
    reader, writer = await asyncio.open_connection(host, port, limit=2**20)
    writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
                 f"Authorization: Bearer {token}\r\n\r\n".encode())
    await writer.drain()
    opened[0] += 1
    if opened[0] == total:
        ready.set()
    try:
        while not stop.is_set():
            line = await reader.readline()
            if not line:
                break
            if line.startswith(b"data:") and b'"work_order.created"' in line:
                # the generator shares the 2 cores: find the number without parsing JSON
                at = line.find(b'"number":"') + 10
                number = line[at:line.find(b'"', at)].decode()
                if number in sent_at:
                    latencies.append(time.perf_counter() - sent_at[number])
                    counts[0] += 1
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def run(args: argparse.Namespace, url: str, pid: int) -> dict:
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
        latencies: list[float] = []
        counts, opened = [0], [0]
        ready, stop = asyncio.Event(), asyncio.Event()
        listeners = [asyncio.create_task(listen(host, port, lead, sent_at, latencies, counts,
                                                ready, opened, args.listeners, stop))
                     for _ in range(args.listeners)]
        await asyncio.wait_for(ready.wait(), 120)
        await asyncio.sleep(1.0)
        submits: list[float] = []
        errors = 0
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
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
        while counts[0] < expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - t0
        cpu = cpu_seconds(pid) - cpu0
        stop.set()
        for task in listeners:
            task.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
    return {
        "listeners": args.listeners, "rate_per_s": args.rate, "seconds": args.seconds,
        "orders": n, "submit_errors": errors,
        "submit_ms_p50": pct(submits, 50), "submit_ms_p99": pct(submits, 99),
        "event_ms_p50": pct(latencies, 50), "event_ms_p99": pct(latencies, 99),
        "deliveries": counts[0], "deliveries_expected": expected,
        "server_cpu_percent": round(100 * cpu / elapsed, 1),
        "orders_per_s_achieved": round(len(submits) / elapsed, 1),
        "loadavg": os.getloadavg(), "cpus": os.cpu_count(),
        "mean_event_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--listeners", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=10)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.database_url or f"sqlite:///{tmp}/load.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "agent_desktop", "server", "--demo", "--port", "0",
             "--database-url", db], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            stdin=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            url = proc.stdout.readline().split()[-1]
            result = asyncio.run(run(args, url, proc.pid))
            result["database"] = "postgresql" if db.startswith("postgresql") else "sqlite"
            print(json.dumps(result, indent=1))
        finally:
            proc.terminate()
            proc.wait(15)


if __name__ == "__main__":
    main()
