"""Monitoring by text: the operator's workspace reports its call and its transcript; the
lead sees the calls in progress and their words live, with an alert on a sensitive word;
nobody else receives callers' words."""

from __future__ import annotations

from typing import Any

from .server_helpers import events_of, ok


def test_a_lead_follows_a_call_as_it_happens(users: Any):
    operator, lead = users["operator1"], users["lead1"]
    call = "demo-live-1"
    with lead.stream("GET", "/api/v1/events") as board:
        assert operator.put(f"/api/v1/calls/{call}", json={"state": "talking",
                                                           "caller": "13916728845"}
                            ).status_code == 204
        for speaker, text in (("operator", "您好，12345市民服务热线"),
                              ("caller", "我家楼下天天吵，再不管我就找媒体曝光")):
            r = operator.post(f"/api/v1/calls/{call}/segments",
                              json={"speaker": speaker, "text": text, "start": 1, "end": 3})
            assert r.status_code == 204
        seen = []
        for e in events_of(board):
            if e.type.startswith("call.") and e.data["call_id"] == call:
                seen.append(e)
            if e.type == "call.alert":
                break
    assert [e.type for e in seen] == ["call.started", "call.segment", "call.segment",
                                      "call.alert"]
    assert seen[-1].data["words"] == ["媒体曝光"] and seen[-1].data["username"] == "operator1"
    live = {c["call_id"]: c for c in ok(lead.get("/api/v1/calls"))}
    assert live[call]["caller"] == "13916728845"
    assert [s["speaker"] for s in live[call]["segments"]] == ["operator", "caller"]
    assert live[call]["alerts"] == ["媒体曝光"]
    operator.put(f"/api/v1/calls/{call}", json={"state": "ended"})
    assert call not in {c["call_id"] for c in ok(lead.get("/api/v1/calls"))}


def test_callers_words_reach_leads_only(users: Any):
    operator = users["operator1"]
    assert operator.get("/api/v1/calls").status_code == 403
    assert users["trainer1"].put("/api/v1/calls/x", json={"state": "talking"}).status_code == 403
    with operator.stream("GET", "/api/v1/events") as own:
        operator.put("/api/v1/calls/private-1", json={"state": "talking", "caller": "1390000"})
        ok(operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "t"}))
        for e in events_of(own):
            assert not e.type.startswith("call."), "an operator received a call's words"
            if e.type == "agent.state":
                break
    operator.put("/api/v1/calls/private-1", json={"state": "ended"})


def test_bad_input_is_4xx(users: Any):
    operator = users["operator1"]
    assert operator.put("/api/v1/calls/bad id;x", json={"state": "talking"}).status_code in (
        404, 422)
    assert operator.post("/api/v1/calls/c1/segments",
                         json={"speaker": "caller", "text": "x" * 2001, "start": 0, "end": 1}
                         ).status_code == 422
    assert operator.post("/api/v1/calls/c1/segments",
                         json={"speaker": "robot", "text": "hi", "start": 0, "end": 1}
                         ).status_code == 422
