"""Hot-topic alert latency: from the order that tips a burst to the `hot_topic` event on a
lead's live stream, on a real server over loopback (SQLite, in this process's threads).

    python bench/bench_hot_topics.py [--bursts 20] [--background 200]

`--background` orders of other matters and streets are taken first, so the detector is
not working on an empty table. Prints JSON: p50/p95/max latency in ms, measured from the
moment the tipping POST's answer arrived and from the moment it was sent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

STREETS = ["310101002", "310101013", "310101015", "310101017", "310101018", "310101019",
           "310101020", "310101021"]


def order(matter: str, street: str, n: int) -> dict:
    return {"appeal_type": "complaint", "caller": {"name": "刘先生", "phones": [
        f"139{n:08d}"]}, "matter_code": matter,
        "content": "路面积水严重，行人无法通行，要求尽快处理。", "request": "尽快处理",
        "place": {"district_code": "310101", "street_code": street, "address": "黄浦区某路"}}


def sign_in(url: str, user: str) -> httpx.Client:
    token = httpx.post(f"{url}/api/v1/auth/token", json={
        "username": user, "password": f"{user}-demo"}).json()["access_token"]
    return httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {token}"})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bursts", type=int, default=20)
    parser.add_argument("--background", type=int, default=200)
    args = parser.parse_args()
    from agent_desktop.server.app import create_app
    from agent_desktop.server.serving import HotlineServer, bind_socket, socket_url

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{Path(tmp) / 'bench.db'}", demo=True)
        sock = bind_socket("127.0.0.1", 0)
        ready = threading.Event()
        server = HotlineServer(app, on_ready=ready.set)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        ready.wait(60)
        url = socket_url(sock)
        op, lead = sign_in(url, "operator1"), sign_in(url, "lead1")
        leaves = [n["code"] for n in op.get("/api/v1/catalog").json()["nodes"]
                  if n["level"] == 5]
        n = 0
        for i in range(args.background):  # scattered: never five of a key
            n += 1
            op.post("/api/v1/work-orders", json=order(leaves[100 + i % 300],
                                                       STREETS[i % 8], n)).raise_for_status()
        after_answer, after_send = [], []
        for b in range(args.bursts):
            matter, street = leaves[b], STREETS[b % 8]
            with lead.stream("GET", "/api/v1/events") as stream:
                for _ in range(4):
                    n += 1
                    op.post("/api/v1/work-orders", json=order(matter, street, n))
                n += 1
                sent = time.perf_counter()
                op.post("/api/v1/work-orders", json=order(matter, street, n)).raise_for_status()
                answered = time.perf_counter()
                for line in stream.iter_lines():
                    if line == "event: hot_topic":
                        break
                got = time.perf_counter()
            after_answer.append((got - answered) * 1000)
            after_send.append((got - sent) * 1000)
        server.request_exit()
        thread.join(15)

    def figures(values: list[float]) -> dict:
        ordered = sorted(values)
        return {"p50": round(statistics.median(ordered), 1),
                "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
                "max": round(ordered[-1], 1)}

    print(json.dumps({"bursts": args.bursts, "background_orders": args.background,
                      "latency_ms_after_answer": figures(after_answer),
                      "latency_ms_after_send": figures(after_send)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
