"""BoardModel without Qt, on a real server: what it loads, how live events change it,
the deadline groups and the intake series; and the `board` subcommand's arguments."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx

from agent_desktop.api import HotlineClient
from agent_desktop.board import BoardClient, BoardModel
from agent_desktop.cli import build_parser
from agent_desktop.domain.models import Event

DEPARTMENT = "310104-CONSTRUCTION"


def _order(urgency: str) -> dict:
    return {"appeal_type": "complaint", "urgency": urgency,
            "caller": {"name": "刘先生", "gender": "male", "phones": ["13900002222"]},
            "matter_code": "0101010202", "content": "下立交积水很深，车辆无法通行。", "request": "立即抽水",
            "place": {"district_code": "310104", "address": "漕溪北路"},
            "handling": "dispatch", "department_code": DEPARTMENT}


def test_the_model_loads_and_follows_events(server):
    async def run() -> None:
        client = HotlineClient(server.url)
        await client.login("lead1", "lead1-demo")
        async with httpx.AsyncClient(base_url=server.url) as anonymous:
            token = (await anonymous.post("/api/v1/auth/token", json={
                "username": "operator1", "password": "operator1-demo"})).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as op:
            near = (await op.post("/api/v1/work-orders", json=_order("critical"))).json()
            assert "id" in near, near
            far = (await op.post("/api/v1/work-orders", json=_order("normal"))).json()
            await op.put("/api/v1/agents/me/state", json={"state": "wrap_up"})
        model = BoardModel(BoardClient(client.http), {DEPARTMENT: "建管委"}.get)
        await model.load()
        # Critical (4 h) is near its deadline; normal (3 working days) is not.
        assert near["id"] in model.orders and far["id"] not in model.orders
        assert model.tiles().wrap_up == 1 and model.tiles().near_deadline == 1
        assert model.due_groups()[0][0] == "建管委"
        assert sum(n for _, n in model.intake_series()) == 2

        changed: list[str] = []
        model.agents_changed.connect(lambda: changed.append("agents"))
        raised: list[dict] = []
        model.topic_raised.connect(raised.append)
        now = datetime.now(UTC)
        model.on_event(Event(id=10**6, type="agent.state", at=now, data={
            "username": "operator1", "display_name": "王小梅", "role": "operator",
            "state": "ready", "reason": "", "since": now.isoformat()}))
        topic = {"id": "t-1", "matter_code": "0101010202", "street_code": "310104003",
                 "count": 5, "window_minutes": 30, "first_at": now.isoformat(),
                 "last_at": now.isoformat(), "order_ids": [1, 2, 3, 4, 5], "expected": 0.05}
        model.on_event(Event(id=10**6 + 1, type="hot_topic", at=now, data=topic))
        model.on_event(Event(id=10**6 + 2, type="hot_topic", at=now,
                             data={**topic, "count": 6}))
        assert changed == ["agents"] and (model.tiles().ready, model.tiles().wrap_up) == (1, 0)
        # the board carries each agent's day on from the server's figures
        start = model.agents["operator1"]
        for seconds, state in ((10, "on_call"), (70, "wrap_up"), (100, "ready")):
            at = (now + timedelta(seconds=seconds)).isoformat()
            model.on_event(Event(id=10**5 + seconds, type="agent.state", at=now, data={
                "username": "operator1", "display_name": "王小梅", "role": "operator",
                "state": state, "reason": "", "since": at}))
        day = model.agents["operator1"]
        assert day.calls_today == start.calls_today + 1
        assert day.talk_seconds_today == start.talk_seconds_today + 60
        assert day.wrap_up_seconds_today == start.wrap_up_seconds_today + 30
        assert day.average_handle_seconds == (day.talk_seconds_today
                                              + day.wrap_up_seconds_today) / day.calls_today
        changed.clear()
        assert [t["id"] for t in raised] == ["t-1"]  # raised once, then updated
        assert model.topics["t-1"]["count"] == 6 and model.tiles().hot_topics == 1
        old = (now - timedelta(hours=9)).isoformat()
        model.topics["t-1"]["last_at"] = old
        assert model.tiles().hot_topics == 0
        model.close()
        await client.aclose()

    asyncio.run(run())


def test_the_board_subcommand():
    args = build_parser().parse_args(["board", "--wallboard"])
    assert args.command == "board" and args.wallboard and callable(args.func)
    assert not build_parser().parse_args(["board"]).wallboard
