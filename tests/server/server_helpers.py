"""Helpers of the server suite: demo sign-in, work-order bodies, an SSE parser."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx

PASSWORDS = {name: f"{name}-demo" for name in ("operator1", "lead1", "trainer1", "admin1", "dept1")}
DEPT1_DEPARTMENT = "310104-CONSTRUCTION"  # dept1's department (seed.DEMO_DEPARTMENTS)
_phones = itertools.count(13900000001)


def login(base_url: str, username: str) -> httpx.Client:
    """An httpx client for `base_url`, signed in as a demo user (usable in `with`)."""
    response = httpx.post(
        f"{base_url}/api/v1/auth/token",
        json={"username": username, "password": PASSWORDS[username]},
        timeout=15,
    )
    response.raise_for_status()
    token = response.json()["access_token"]
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends them: a shared
    # client must not send on a connection the server is closing (reset by peer).
    return httpx.Client(base_url=base_url, timeout=15,
                        headers={"Authorization": f"Bearer {token}"},
                        limits=httpx.Limits(keepalive_expiry=2.0))


def new_phone() -> str:
    """A caller phone number no other test uses."""
    return str(next(_phones))


def order(matter_code: str, **changes: Any) -> dict[str, Any]:
    """A valid WorkOrderIn body; `changes` replace top-level fields."""
    body: dict[str, Any] = {
        "appeal_type": "complaint",
        "caller": {"name": "刘先生", "gender": "male", "phones": [new_phone()]},
        "matter_code": matter_code,
        "content": "小区门口雨后积水严重，行人无法通行，要求尽快处理。",
        "request": "尽快排除积水",
        "place": {"district_code": "310104", "address": "徐汇区漕溪北路100号"},
    }
    body.update(changes)
    return body


def read_events(response: httpx.Response) -> Iterator[dict[str, str]]:
    """Parse an SSE response into dicts of its fields; comments come as {"comment": …}."""
    fields: dict[str, str] = {}
    for line in response.iter_lines():
        if not line:
            if fields:
                yield fields
            fields = {}
        elif line.startswith(":"):
            yield {"comment": line[1:].strip()}
        else:
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")


def events_of(response: httpx.Response) -> Iterator[Any]:
    """The `Event`s of an SSE response, checking that id and event match the data."""
    from agent_desktop.domain.models import Event

    for fields in read_events(response):
        if "data" in fields:
            event = Event.model_validate_json(fields["data"])
            assert fields["id"] == str(event.id) and fields["event"] == event.type
            yield event


def act(client: httpx.Client, order_id: int, action: str, body: Any = None) -> httpx.Response:
    """POST a lifecycle action."""
    return client.post(f"/api/v1/work-orders/{order_id}/actions/{action}", json=body)


def ok(response: httpx.Response) -> dict[str, Any]:
    """The JSON of a 2xx response (fails with the body otherwise)."""
    assert response.is_success, f"{response.status_code}: {response.text}"
    return response.json()  # type: ignore[no-any-return]
