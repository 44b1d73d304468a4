"""Board benchmark: how the lead's board keeps up with a busy centre. Prints JSON.

The real BoardWindow (offscreen) on its BoardModel is fed the live events a centre of
`--agents` operators produces — each agent changing state every ~2 s, `--calls-per-s`
new calls each with a few utterances, orders taken — at the rates given, for `--seconds`.
Events are handed to the model as the session's stream delivers them (in-process: the
network is measured by bench_server_load.py). Measured: the Qt event loop's lag (a 10 ms
timer's lateness, p50/p99/max) and the process CPU while the board renders.

    .venv/bin/python bench/bench_board.py              # 60 agents, 5 calls/s, 20 s, 3 runs

Target (issue 14): a board that stays responsive — loop lag p99 well under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NoServer:
    """The board's client for a run without a server: empty reads."""

    async def agents(self):
        return []

    async def hot_topics(self, hours: int = 24):
        return []

    async def live_calls(self):
        return []

    async def queue(self):
        return None

    async def orders_due_before(self, before, limit: int = 500):
        return []

    async def orders_created_since(self, day, pages: int = 4):
        return []


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def run_once(window, model, agents: int, calls_per_s: float, seconds: float) -> dict:
    from agent_desktop.domain.models import Event

    rng = random.Random(7)
    states = ["ready", "on_call", "wrap_up", "not_ready"]
    next_id = [1]

    def emit(type_: str, data: dict) -> None:
        model.on_event(Event(id=next_id[0], type=type_, at=datetime.now(UTC), data=data))
        next_id[0] += 1

    lags: list[float] = []
    loop = asyncio.get_running_loop()
    stop = loop.time() + seconds

    async def probe() -> None:
        while loop.time() < stop:
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            lags.append((time.perf_counter() - asked - 0.01) * 1000)

    async def centre() -> None:
        call = 0
        live: list[str] = []
        tick = 0.05
        while loop.time() < stop:
            for _ in range(max(1, round(agents * tick / 2))):  # each agent every ~2 s
                n = rng.randrange(agents)
                emit("agent.state", {"username": f"op{n:03d}", "display_name": f"话务员{n}",
                                     "role": "operator", "state": rng.choice(states),
                                     "reason": "", "since": datetime.now(UTC).isoformat()})
            if rng.random() < calls_per_s * tick:
                call += 1
                cid = f"c{call}"
                live.append(cid)
                emit("call.started", {"call_id": cid, "username": f"op{rng.randrange(agents):03d}",
                                      "caller": "13916728845"})
            for cid in list(live):
                if rng.random() < 0.3 * tick * 10:
                    emit("call.segment", {"call_id": cid, "username": "op", "speaker": "caller",
                                          "text": "我们小区门口的路灯坏了好几天了", "start": 1.0,
                                          "end": 3.0})
                if rng.random() < 0.02:
                    live.remove(cid)
                    emit("call.ended", {"call_id": cid, "username": "op"})
            await asyncio.sleep(tick)

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    wall0 = time.perf_counter()
    await asyncio.gather(probe(), centre())
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime)
    return {"lag_ms_p50": percentile(lags, 0.5), "lag_ms_p99": percentile(lags, 0.99),
            "lag_ms_max": max(lags), "cpu_percent": 100 * cpu / (time.perf_counter() - wall0),
            "events": next_id[0] - 1, "live_calls_at_end": len(model.calls)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=60)
    parser.add_argument("--calls-per-s", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    from agent_desktop.board import BoardModel
    from agent_desktop.ui.board import BoardWindow
    from agent_desktop.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def bench() -> list[dict]:
        model = BoardModel(NoServer())
        await model.load()
        window = BoardWindow(model)
        window.resize(1920, 1080)
        window.show()
        out = [await run_once(window, model, args.agents, args.calls_per_s, args.seconds)
               for _ in range(args.runs)]
        window.allow_close()
        window.close()
        return out

    with loop:
        runs = loop.run_until_complete(bench())
    print(json.dumps({
        "benchmark": "board", "agents": args.agents, "calls_per_s": args.calls_per_s,
        "seconds": args.seconds, "runs": runs,
        "median": {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]},
    }, indent=1))


if __name__ == "__main__":
    main()
