"""The outbox against the real server over 127.0.0.1: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from agent_desktop.api import HotlineClient, Outbox
from agent_desktop.api.outbox import DONE, FAILED, PENDING, backoff_delay
from agent_desktop.domain import Problem, WorkOrder

OPERATOR = ("operator1", "operator1-demo")


async def first_leaf(client: HotlineClient) -> str:
    catalog = await client.catalog()
    return next(n.code for n in catalog.nodes if n.is_leaf)


def order_payload(matter_code: str, content: str) -> dict:
    """A complete complaint, as the form would send it (the server validates like the form)."""
    return {"appeal_type": "complaint", "caller": {"phones": ["13800138000"]},
            "matter_code": matter_code, "content": content, "request": "请尽快派人处理",
            "place": {"district_code": "310110", "street_code": "310110021",
                      "address": "长海路某小区门口"}}


async def sender_for(client: HotlineClient):
    async def send(kind: str, payload: dict, key: str) -> dict:
        return (await client.create_work_order(payload, key)).model_dump(mode="json")
    return send


async def orders_with(server_url: str, content: str) -> list[dict]:
    async with httpx.AsyncClient(base_url=server_url) as http:
        tok = (await http.post("/api/v1/auth/token", json=dict(zip(
            ("username", "password"), OPERATOR)))).json()["access_token"]
        r = await http.get("/api/v1/work-orders", params={"limit": 200},
                           headers={"Authorization": f"Bearer {tok}"})
        body = r.json()
        items = body["items"] if isinstance(body, dict) else body
        return [o for o in items if o["content"] == content]


async def test_answer_lost_then_server_killed_and_restarted_order_arrives_once(
        server, lossy_relay, tmp_path):
    client = HotlineClient(lossy_relay.url, timeout=5)
    await client.login(*OPERATOR)
    matter = await first_leaf(client)
    outbox = Outbox(tmp_path / "outbox.sqlite3", await sender_for(client),
                    backoff_base=0.2, backoff_cap=0.5)
    outbox.start()
    content = "小区门口雨后积水，已经三天没人处理（outbox kill test）"

    lossy_relay.drop_answers = True
    item = outbox.enqueue("work_order", order_payload(matter, content))
    # The server has stored the order, but the client never got the answer.
    for _ in range(100):
        if await orders_with(server.url, content):
            break
        await asyncio.sleep(0.1)
    assert len(await orders_with(server.url, content)) == 1
    assert outbox.get(item.id).state == PENDING

    server.kill()  # SIGKILL mid-retry: retries now fail to connect
    await asyncio.sleep(1.0)
    assert outbox.get(item.id).state == PENDING
    assert outbox.get(item.id).attempts >= 2

    lossy_relay.drop_answers = False
    server.restart()
    assert await outbox.drain(timeout=30)

    done = outbox.get(item.id)
    stored = await orders_with(server.url, content)
    assert done.state == DONE
    assert len(stored) == 1, "the retry with the same Idempotency-Key made a second order"
    assert done.result["number"] == stored[0]["number"]
    WorkOrder.model_validate(done.result)
    await outbox.close()
    await client.aclose()


async def test_queued_order_survives_app_restart_and_is_sent_once(server, tmp_path):
    db = tmp_path / "outbox.sqlite3"
    dead = HotlineClient("http://127.0.0.1:9", timeout=1)  # discard port: nothing listens
    first = Outbox(db, await sender_for(dead), backoff_base=0.1, backoff_cap=0.2)
    first.start()
    content = "预付卡商家跑路，要求退费（restart test）"
    client = HotlineClient(server.url)
    await client.login(*OPERATOR)
    item = first.enqueue("work_order", order_payload(await first_leaf(client), content))
    await asyncio.sleep(0.5)
    assert first.get(item.id).attempts >= 1
    await first.close()  # the app closes (or dies) with the order unsent

    second = Outbox(db, await sender_for(client))
    assert [i.idempotency_key for i in second.items((PENDING,))] == [item.idempotency_key]
    second.start()
    assert await second.drain(timeout=15)
    assert len(await orders_with(server.url, content)) == 1
    await second.close()
    await client.aclose()
    await dead.aclose()


async def test_refused_order_is_kept_with_field_errors_and_can_be_resent(server, tmp_path):
    client = HotlineClient(server.url)
    await client.login(*OPERATOR)
    outbox = Outbox(tmp_path / "o.sqlite3", await sender_for(client))
    outbox.start()
    content = "不存在的事项（refused test）"
    item = outbox.enqueue("work_order", order_payload("9999999999", content))
    for _ in range(100):
        if outbox.get(item.id).state == FAILED:
            break
        await asyncio.sleep(0.05)
    failed = outbox.get(item.id)
    assert failed.state == FAILED
    problem = Problem.model_validate_json(failed.last_error)
    assert problem.status == 422
    assert "matter_code" in [e.field for e in problem.errors]
    assert outbox.backlog() == 0

    fixed = dict(failed.payload, matter_code=await first_leaf(client))
    outbox.resend(item.id, fixed)
    assert await outbox.drain(timeout=10)
    assert outbox.get(item.id).state == DONE
    assert len(await orders_with(server.url, content)) == 1
    await outbox.close()
    await client.aclose()


async def test_expired_sign_in_pauses_sending_until_resumed(server, tmp_path):
    client = HotlineClient(server.url)
    await client.login(*OPERATOR)
    matter = await first_leaf(client)
    client.set_token(client.token.model_copy(update={"access_token": "revoked"}))
    outbox = Outbox(tmp_path / "o.sqlite3", await sender_for(client))
    outbox.start()
    item = outbox.enqueue("work_order", order_payload(matter, "登录过期后再发送的工单（token test）"))
    for _ in range(100):
        if outbox.paused_reason:
            break
        await asyncio.sleep(0.05)
    assert outbox.paused_reason
    assert outbox.get(item.id).state == PENDING  # kept, not failed
    await client.login(*OPERATOR)
    outbox.resume()
    assert await outbox.drain(timeout=10)
    await outbox.close()
    await client.aclose()


@pytest.mark.parametrize("attempts", [1, 2, 5, 10, 30])
def test_backoff_stays_within_its_bounds(attempts):
    for _ in range(200):
        d = backoff_delay(attempts, base=1.0, cap=60.0)
        assert 0.5 <= d <= min(60.0, 2 ** (attempts - 1))
