"""HotlineClient against the real server: sign-in, ETag revalidation, error mapping."""

from __future__ import annotations

import pytest

from agent_desktop.api import ApiError, HotlineClient, ServerUnreachable

OPERATOR = ("operator1", "operator1-demo")


async def test_login_then_catalog_is_revalidated_with_its_etag(server):
    client = HotlineClient(server.url)
    token = await client.login(*OPERATOR)
    assert token.user.role == "operator"
    first = await client.catalog()
    assert client._catalog_etag
    again = await client.catalog()  # answered 304: the same object comes back
    assert again is first
    assert any(n.is_leaf for n in first.nodes)
    assert await client.departments()
    await client.aclose()


async def test_wrong_password_is_an_api_error_with_a_problem(server):
    client = HotlineClient(server.url)
    with pytest.raises(ApiError) as err:
        await client.login("operator1", "wrong")
    assert err.value.status == 401
    assert err.value.unauthorized
    assert err.value.problem.title
    await client.aclose()


async def test_invalid_order_gives_field_errors(server):
    client = HotlineClient(server.url)
    await client.login(*OPERATOR)
    with pytest.raises(ApiError) as err:
        await client.create_work_order(
            {"appeal_type": "complaint", "caller": {"phones": []}, "matter_code": "01",
             "content": ""}, "key-invalid-1")
    assert err.value.status == 422
    fields = {e.field for e in err.value.problem.errors}
    assert "content" in fields
    await client.aclose()


async def test_no_server_is_unreachable_not_a_hang():
    client = HotlineClient("http://127.0.0.1:9", timeout=2)
    with pytest.raises(ServerUnreachable):
        await client.health()
    await client.aclose()


async def test_live_events_carry_a_new_order(server):
    import asyncio

    client = HotlineClient(server.url)
    await client.login(*OPERATOR)
    leaf = next(n.code for n in (await client.catalog()).nodes if n.is_leaf)
    got = asyncio.get_running_loop().create_future()

    async def follow():
        async for event in client.events():
            if event.type == "work_order.created" and event.data.get("content", "").startswith("SSE 测试"):
                got.set_result(event)
                return

    task = asyncio.create_task(follow())
    await asyncio.sleep(0.5)
    order = await client.create_work_order(
        {"appeal_type": "help", "caller": {"phones": ["13900000000"]}, "matter_code": leaf,
         "content": "SSE 测试：老人独居，家中停水两天", "request": "请尽快恢复供水",
         "place": {"district_code": "310110", "street_code": "310110021"}}, "key-sse-1")
    event = await asyncio.wait_for(got, 10)
    assert event.data["number"] == order.number
    task.cancel()
    await client.aclose()


async def test_the_softphone_takes_its_seat_in_the_queue(server_factory, monkeypatch, server):
    """After registering, the app tells the hotline's ACD its SIP user and skills; a server
    without an ACD just says so."""
    from agent_desktop.api import HotlineClient

    plain = HotlineClient(server.url)
    await plain.login("operator1", "operator1-demo")
    assert await plain.put_acd_seat("8001", []) is False
    await plain.aclose()
    monkeypatch.setenv("AGENT_DESKTOP_ACD_KEY", "k")
    with_acd = server_factory()
    client = HotlineClient(with_acd.url)
    await client.login("operator1", "operator1-demo")
    assert await client.put_acd_seat("8001", ["外语"]) is True
    await client.put_agent_state({"state": "ready"})
    import httpx
    r = httpx.get(f"{with_acd.url}/api/v1/acd/route",
                  params={"call_id": "c", "key": "k", "skill": "外语"})
    assert r.text.startswith("sip:8001@")
    await client.aclose()
