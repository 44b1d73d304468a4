"""The agent-state service reporting to the real hotline server (`PUT /agents/me/state`),
including a server that is down for a while: the newest state arrives once it is back."""

from __future__ import annotations

import asyncio
import time

import httpx

from agent_desktop.telephony import AgentStateService


async def _login(url: str, username: str = "operator1") -> httpx.AsyncClient:
    async with httpx.AsyncClient(base_url=url, timeout=10) as anon:
        r = await anon.post("/api/v1/auth/token",
                            json={"username": username, "password": f"{username}-demo"})
        r.raise_for_status()
        token = r.json()["access_token"]
    return httpx.AsyncClient(base_url=url, timeout=5,
                             headers={"Authorization": f"Bearer {token}"})


async def _until(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_states_reach_the_server_and_survive_an_outage(server):
    client = await _login(server.url)
    lead = await _login(server.url, "lead1")

    async def report(payload):
        (await client.put("/api/v1/agents/me/state", json=payload)).raise_for_status()

    agent = AgentStateService(report, retry_max_s=0.3)
    try:
        agent.set_not_ready("training")
        await _until(lambda: agent.last_reported == {"state": "not_ready",
                                                     "reason": "training"}, 10)

        async def board():
            agents = (await lead.get("/api/v1/agents")).json()
            return next(a for a in agents if a["username"] == "operator1")

        me = await board()
        assert (me["state"], me["reason"]) == ("not_ready", "training")

        # the server goes away; the operator becomes ready meanwhile
        await asyncio.to_thread(server.stop)
        agent.set_ready()
        await asyncio.sleep(0.8)
        assert agent.last_report_error  # it tried and failed, and keeps trying
        await asyncio.to_thread(server.restart)
        await _until(lambda: agent.last_reported == {"state": "ready", "reason": ""}, 20)
        assert (await board())["state"] == "ready"
    finally:
        await agent.aclose()
        await client.aclose()
        await lead.aclose()
