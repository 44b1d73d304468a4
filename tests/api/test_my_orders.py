"""我的工单 as a service, against the real server: today's own orders, the ones still on
this PC apart, search by number and phone, detail with history, kept current by events."""

from __future__ import annotations

import asyncio

import httpx

from agent_desktop.api import HotlineClient
from agent_desktop.api.credentials import CredentialStore
from agent_desktop.api.my_orders import MyOrders
from agent_desktop.api.session import Session
from tests.api.test_session import complaint


async def until(predicate, timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not met"
        await asyncio.sleep(0.05)


async def test_my_orders_today_search_detail_and_live_updates(server, tmp_path, memory_keyring):
    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    await session.login("operator1", "operator1-demo")
    await session.load_reference()
    leaf = next(n.code for n in session.catalog.nodes if n.is_leaf)
    orders = MyOrders(session)
    session.start()
    item = session.submit(complaint(leaf))
    assert await session.outbox.drain(timeout=15)
    number = session.outbox.get(item.id).result["number"]
    await until(lambda: number in [o.number for o in orders.sent])  # by itself, via events
    assert orders.queued() == []

    # Another operator's order is not "mine".
    with httpx.Client(base_url=server.url) as http:
        token = http.post("/api/v1/auth/token", json={"username": "lead1",
                                                      "password": "lead1-demo"}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        other = complaint(leaf).model_dump(mode="json")
        r = http.post("/api/v1/work-orders", json=other, headers=headers)
        assert r.status_code == 201, r.text
    await orders.refresh()
    assert [o.number for o in orders.sent] == [number]

    found = await orders.search(number)
    assert [o.number for o in found] == [number]
    by_phone = await orders.search("137 0000 1111")
    assert number in [o.number for o in by_phone]
    assert await orders.search("not a number") == []

    order, history = await orders.detail(found[0].id)
    assert order.number == number and history and history[0].action == "create"

    server.stop()  # what is typed now waits on this PC, apart from what was sent
    session.submit(complaint(leaf))
    await until(lambda: len(orders.queued()) == 1)
    assert [o.number for o in orders.sent] == [number]
    orders.close()
    await session.close()
