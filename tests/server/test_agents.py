"""Agent states: PUT /agents/me/state from the softphone, GET /agents for the lead."""

from __future__ import annotations

import time

from datetime import datetime
from typing import Any

import pytest

from .server_helpers import events_of, ok


def agents_by_name(users: Any) -> dict[str, dict[str, Any]]:
    return {a["username"]: a for a in ok(users["lead1"].get("/api/v1/agents"))}


def test_a_state_change_is_stored_listed_and_streamed(users: Any):
    operator, lead = users["operator1"], users["lead1"]
    with lead.stream("GET", "/api/v1/events") as stream:
        mine = ok(
            operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "小休"})
        )
        event = next(
            e
            for e in events_of(stream)
            if e.type == "agent.state"
            and e.data["username"] == "operator1"
            and e.data["state"] == "not_ready"
        )
    assert (mine["state"], mine["reason"], mine["display_name"]) == ("not_ready", "小休", "王小梅")
    assert event.data == mine
    listed = agents_by_name(users)["operator1"]
    day = ("calls_today", "talk_seconds_today", "wrap_up_seconds_today")
    assert {k: v for k, v in listed.items() if k not in day} == \
        {k: v for k, v in mine.items() if k not in day}
    assert datetime.fromisoformat(listed["since"]).tzinfo is not None

    # The same state again changes nothing; a new one starts a new `since`.
    again = ok(
        operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "小休"})
    )
    assert again["since"] == mine["since"]
    on_call = ok(operator.put("/api/v1/agents/me/state", json={"state": "on_call"}))
    assert on_call["reason"] == ""
    assert datetime.fromisoformat(on_call["since"]) > datetime.fromisoformat(mine["since"])


def test_agents_who_never_reported_are_offline(users: Any):
    listed = agents_by_name(users)
    assert {"operator1", "lead1"} <= set(listed)
    assert "dept1" not in listed and "trainer1" not in listed
    silent = [a for a in listed.values() if a["since"] is None]
    assert all((a["state"], a["reason"]) == ("offline", "") for a in silent)


@pytest.mark.parametrize(
    ("username", "put", "get"),
    [
        ("operator1", 200, 403),
        ("lead1", 200, 200),
        ("admin1", 200, 200),
        ("trainer1", 403, 403),
        ("dept1", 403, 403),
    ],
)
def test_who_reports_and_who_watches(users: Any, username: str, put: int, get: int):
    client = users[username]
    assert client.put("/api/v1/agents/me/state", json={"state": "ready"}).status_code == put
    assert client.get("/api/v1/agents").status_code == get


def test_an_unknown_state_is_422(users: Any):
    r = users["operator1"].put("/api/v1/agents/me/state", json={"state": "asleep"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "state"


def test_the_day_so_far_counts_calls_talk_and_wrap_up(users: Any):
    lead, admin = users["lead1"], users["admin1"]

    def figures() -> dict[str, Any]:
        return next(a for a in ok(admin.get("/api/v1/agents")) if a["username"] == "lead1")

    before = figures()
    for state, pause in (("ready", 0.0), ("on_call", 0.4), ("wrap_up", 0.3), ("ready", 0.0)):
        ok(lead.put("/api/v1/agents/me/state", json={"state": state}))
        time.sleep(pause)
    after = figures()
    assert after["calls_today"] == before["calls_today"] + 1
    assert after["talk_seconds_today"] - before["talk_seconds_today"] >= 0.4
    assert after["wrap_up_seconds_today"] - before["wrap_up_seconds_today"] >= 0.3
