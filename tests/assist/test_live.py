"""The assistant on its worker thread during a live call, results on the loop."""

from __future__ import annotations

import asyncio
import threading

from agent_desktop.assist.live import LiveAssist

from .conftest import segments
from .test_assistant import DEMO


def test_segments_in_order_off_the_loop_thread_drafts_on_it(assistant):
    async def main():
        loop_thread = threading.get_ident()
        built_on = []

        def build():
            built_on.append(threading.get_ident())
            return assistant

        live = LiveAssist(build)
        updates = []
        live.updated.connect(lambda d, paths, done: updates.append(
            (threading.get_ident(), d, done)))
        assert await live.wait_ready()
        live.start_call()
        for s in segments(*DEMO):
            live.feed(s)
        await live.finish()
        await asyncio.sleep(0)
        live.close()
        return loop_thread, built_on, updates, live.finish_seconds

    loop_thread, built_on, updates, seconds = asyncio.run(main())
    assert built_on and built_on[0] != loop_thread
    assert all(thread == loop_thread for thread, _, _ in updates)
    assert updates[-1][2] and updates[-1][1].complete
    assert updates[-1][1].value("caller.phones") == ["13916728845"]
    assert seconds is not None and seconds < 1.0  # the draft is complete within 1 s


def test_a_failed_build_is_reported_and_feeding_is_harmless():
    async def main():
        def build():
            raise RuntimeError("no catalog")

        live = LiveAssist(build)
        failures = []
        live.failed.connect(failures.append)
        ok = await live.wait_ready()
        live.feed(segments(("caller", "路灯坏了"))[0])
        result = await live.finish()
        await asyncio.sleep(0)
        live.close()
        return ok, failures, result

    ok, failures, result = asyncio.run(main())
    assert not ok and failures == ["no catalog"] and result is None
