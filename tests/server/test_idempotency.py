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
    # A duplicate that arrives while the first is being stored is told so at once (409,
    # Retry-After) instead of waiting; sent again, it gets the stored answer.
    busy = [r for r in responses if r.status_code == 409]
    assert all(r.headers["Retry-After"] == "1" for r in busy)
    answers = [r for r in responses if r.status_code == 201]
    answers += [post(clients[0]) for _ in busy]
    assert [r.status_code for r in answers] == [201] * len(clients)
    assert len({r.content for r in answers}) == 1
    assert len(orders_for(clients[0], phone)) == 1
    for client in clients:
        client.close()


def test_a_key_still_being_stored_answers_409_with_retry_after(serve_app: Any, tmp_path: Any):
    from agent_desktop.server import create_app
    from agent_desktop.server import work_orders

    url = serve_app(create_app(f"sqlite:///{tmp_path / 'flight.db'}", demo=True))
    client = login(url, "operator1")
    leaf = next(n["code"] for n in client.get("/api/v1/catalog").json()["nodes"]
                if n["level"] == 5)
    key = str(uuid.uuid4())
    work_orders._in_flight.add(("operator1", key))  # as if the first POST were mid-store
    try:
        busy = client.post("/api/v1/work-orders", json=order(leaf),
                           headers={"Idempotency-Key": key})
        assert busy.status_code == 409 and busy.headers["Retry-After"] == "1"
        assert busy.json()["type"].endswith("idempotency-in-flight")
    finally:
        work_orders._in_flight.discard(("operator1", key))
    done = client.post("/api/v1/work-orders", json=order(leaf), headers={"Idempotency-Key": key})
    assert done.status_code == 201
    client.close()
