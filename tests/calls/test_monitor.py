"""The call in progress reaches the lead's view on the real server: answered, the final
utterances (partials are not sent), ended."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from agent_desktop.api import HotlineClient
from agent_desktop.calls.monitor import CallReporter
from agent_desktop.calls.service import Call
from agent_desktop.speech.transcript import Segment


async def test_the_lead_sees_the_call_and_its_words(server):
    client = HotlineClient(server.url)
    await client.login("operator1", "operator1-demo")
    reporter = CallReporter(client)
    call = Call(call_id="demo-mon-1", caller_number="13916728845", source="demo",
                started_at=datetime.now(UTC))
    reporter.answered(call)
    reporter.segment(Segment("caller", 0.5, 2.0, "我要反映", False, 0.5, "u1"))
    reporter.segment(Segment("caller", 0.5, 3.0, "我要反映窨井盖坏了", True, 0.9, "u1"))
    await reporter.drain()
    async with httpx.AsyncClient(base_url=server.url) as http:
        tok = (await http.post("/api/v1/auth/token", json={"username": "lead1",
                                                           "password": "lead1-demo"})).json()
        headers = {"Authorization": f"Bearer {tok['access_token']}"}
        live = (await http.get("/api/v1/calls", headers=headers)).json()
        mine = next(c for c in live if c["call_id"] == "demo-mon-1")
        assert mine["username"] == "operator1" and mine["caller"] == "13916728845"
        assert [s["text"] for s in mine["segments"]] == ["我要反映窨井盖坏了"]
        reporter.ended(call)
        await reporter.drain()
        live = (await http.get("/api/v1/calls", headers=headers)).json()
        assert "demo-mon-1" not in {c["call_id"] for c in live}
    assert reporter.sent == 3
    await client.aclose()


async def test_an_unreachable_server_costs_the_call_nothing():
    client = HotlineClient("http://127.0.0.1:9", timeout=0.5)
    reporter = CallReporter(client)
    reporter.answered(Call(call_id="c", caller_number="1", source="demo",
                           started_at=datetime.now(UTC)))
    await reporter.drain()
    assert reporter.sent == 0
    await client.aclose()
