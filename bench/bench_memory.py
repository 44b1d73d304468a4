"""Memory of the desktop app's start-up, step by step: the resident set after each big load.

Loads in one process what the app loads, in the app's order: Qt application, gazetteer
(GeoService), knowledge base (KbService, in a temp data dir), matter index of the demo
catalog, the speech model (Transcriber via agent_desktop.speech). After each step prints
the RSS, the step's delta, and what `memory.trim()` gave back; at the end the peak
(ru_maxrss). Output is one JSON document.

    python bench/bench_memory.py                 # with memory.configure_allocator()
    python bench/bench_memory.py --system        # glibc defaults, no trim
    python bench/bench_memory.py --skip speech   # leave a step out
    python bench/bench_memory.py --order qt,speech,geo,kb,matters   # speech model first

The whole-app number is `agent-desktop --self-check` under `/usr/bin/time -f "%M KB"`
(bench/bench_startup.py reports it too); this bench says where it goes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time

STEPS = ("qt", "geo", "kb", "matters", "speech")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--system", action="store_true",
                    help="glibc defaults: no arena cap, no trim (AGENT_DESKTOP_MALLOC=system)")
    ap.add_argument("--skip", action="append", default=[], choices=STEPS)
    ap.add_argument("--order", default=",".join(STEPS),
                    help="comma-separated steps, e.g. qt,speech,geo,kb,matters")
    a = ap.parse_args()
    if a.system:
        os.environ["AGENT_DESKTOP_MALLOC"] = "system"
    data = tempfile.mkdtemp(prefix="bench-memory-")
    for var in ("AGENT_DESKTOP_DATA_DIR", "AGENT_DESKTOP_CONFIG_DIR", "XDG_CONFIG_HOME"):
        os.environ[var] = data
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from agent_desktop import memory

    allocator = memory.configure_allocator()
    steps: list[dict] = []
    last = memory.rss_mb() or 0.0
    start_rss = last

    def record(name: str, t0: float) -> None:
        nonlocal last
        seconds = time.perf_counter() - t0
        rss = memory.rss_mb() or 0.0
        trimmed = memory.trim()
        after = memory.rss_mb() or 0.0
        steps.append({"step": name, "seconds": round(seconds, 3), "rss_mb": round(rss, 1),
                      "delta_mb": round(rss - last, 1), "trim": trimmed,
                      "rss_after_trim_mb": round(after, 1)})
        last = after

    keep: list[object] = []

    def qt() -> None:
        from PySide6.QtWidgets import QApplication

        keep.append(QApplication.instance() or QApplication(sys.argv[:1]))

    def geo() -> None:
        from agent_desktop.geo import GeoService

        keep.append(GeoService.from_settings({}))

    def kb() -> None:
        from agent_desktop.kb.service import KbService
        from agent_desktop.kb.store import ArticleStore

        service = KbService(ArticleStore.open_default())
        asyncio.run(service.open())
        keep.append(service)

    def matters() -> None:
        from agent_desktop.domain.reference import load_catalog
        from agent_desktop.forms.matter_index import MatterIndex

        keep.append(MatterIndex(load_catalog()))

    def speech() -> None:
        from agent_desktop.speech.engine import SpeechConfig
        from agent_desktop.speech.stream import Transcriber

        async def ready() -> Transcriber:
            transcriber = Transcriber.from_config(SpeechConfig.from_mapping({}))
            transcriber.start()
            await transcriber.wait_ready(timeout=120)
            return transcriber

        loop = asyncio.new_event_loop()
        transcriber = loop.run_until_complete(ready())
        keep.append((loop, transcriber))

    run = {"qt": qt, "geo": geo, "kb": kb, "matters": matters, "speech": speech}
    for name in a.order.split(","):
        if name not in a.skip:
            t0 = time.perf_counter()
            run[name]()
            record(name, t0)

    print(json.dumps({
        "order": a.order,
        "allocator": "system" if a.system else {"configured": allocator, "glibc":
                                                memory.is_glibc()},
        "python_start_rss_mb": round(start_rss, 1),
        "steps": steps,
        "final_rss_mb": round(memory.rss_mb() or 0.0, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
