"""`Idempotency-Key` on POST /work-orders: one key, one order, one answer."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from .server_helpers import login, new_phone, order


def orders_for(client: httpx.Client, phone: str) -> list[dict[str, Any]]:
    return client.get("/api/v1/work-orders", params={"caller_phone": phone}).json()  # type: ignore[no-any-return]


def test_same_key_twice_gives_one_order_and_the_same_answer(operator: httpx.Client, leaf_code: str):
    body, key = order(leaf_code), str(uuid.uuid4())
    first = operator.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
    second = operator.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(orders_for(operator, body["caller"]["phones"][0])) == 1


def test_same_key_with_another_body_is_422(operator: httpx.Client, leaf_code: str):
    body, key = order(leaf_code), str(uuid.uuid4())
    operator.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
    changed = {**body, "content": "另一件事"}
    r = operator.post("/api/v1/work-orders", json=changed, headers={"Idempotency-Key": key})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith(":idempotency-key-reused")
    assert len(orders_for(operator, body["caller"]["phones"][0])) == 1


def test_keys_belong_to_their_user(live: Any, operator: httpx.Client, leaf_code: str):
    body, key = order(leaf_code), str(uuid.uuid4())
    lead = login(live.url, "lead1")
    a = operator.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
    b = lead.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})
    lead.close()
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


def test_a_rejected_request_does_not_use_up_its_key(operator: httpx.Client, leaf_code: str):
    key = str(uuid.uuid4())
    bad = operator.post(
        "/api/v1/work-orders", json=order("9999999999"), headers={"Idempotency-Key": key}
    )
    assert bad.status_code == 422
    good = operator.post(
        "/api/v1/work-orders", json=order(leaf_code), headers={"Idempotency-Key": key}
    )
    assert good.status_code == 201


def test_concurrent_duplicates_make_exactly_one_order(live: Any, leaf_code: str):
    phone = new_phone()
    body, key = order(leaf_code, caller={"phones": [phone]}), str(uuid.uuid4())
    clients = [login(live.url, "operator1") for _ in range(8)]

    def post(client: httpx.Client) -> httpx.Response:
        return client.post("/api/v1/work-orders", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(len(clients)) as pool:
        responses = list(pool.map(post, clients))
    assert [r.status_code for r in responses] == [201] * len(clients)
    assert len({r.content for r in responses}) == 1
    assert len(orders_for(clients[0], phone)) == 1
    for client in clients:
        client.close()
