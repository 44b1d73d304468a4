"""Call distribution over HTTP, as kamailio and the softphones use it: a new call goes to
the operator idle longest (with the skill it needs) or waits in the queue; an operator
who becomes ready takes the longest-waiting call; answers count towards the service
level; the queue is the team lead's and the key is kamailio's. (The SIP side — kamailio,
the queue user agent, a caller hanging up in the queue — is tests/e2e/test_acd.py.)"""

from __future__ import annotations

import time

import httpx
import pytest

from .server_helpers import events_of, login, ok

KEY = "acd-test-key"


@pytest.fixture
def acd_server(server_factory, monkeypatch):
    monkeypatch.setenv("AGENT_DESKTOP_ACD_KEY", KEY)
    monkeypatch.setenv("AGENT_DESKTOP_ACD_DOMAIN", "hotline.test")
    monkeypatch.delenv("AGENT_DESKTOP_ACD_QUEUE_CTRL", raising=False)
    return server_factory()


def route(server, call_id, **params):
    r = httpx.get(f"{server.url}/api/v1/acd/route",
                  params={"call_id": call_id, "key": KEY, **params}, timeout=10)
    assert r.status_code == 200, r.text
    return r.text


def seat(client, sip_user, *skills, state="ready"):
    r = client.put("/api/v1/acd/me", json={"sip_user": sip_user, "skills": list(skills)})
    assert r.status_code == 204, r.text
    ok(client.put("/api/v1/agents/me/state", json={"state": state}))


def test_a_call_waits_until_an_operator_is_ready_then_is_answered(acd_server):
    operator, lead = login(acd_server.url, "operator1"), login(acd_server.url, "lead1")
    seat(operator, "8001", state="not_ready")
    with lead.stream("GET", "/api/v1/events") as stream:
        assert route(acd_server, "call-1", caller="13916728845") == "sip:queue@hotline.test"
        picture = ok(lead.get("/api/v1/queue"))
        assert [w["call_id"] for w in picture["waiting"]] == ["call-1"]
        assert picture["offered_today"] == 1 and picture["agents_ready"] == 0
        ok(operator.put("/api/v1/agents/me/state", json={"state": "ready"}))  # takes it
        ok(operator.put("/api/v1/agents/me/state", json={"state": "on_call"}))
        seen = []
        for e in events_of(stream):
            if e.type.startswith("queue."):
                seen.append(e)
            if e.type == "queue.answered":
                break
    assert [e.type for e in seen] == ["queue.offered", "queue.queued", "queue.transferred",
                                      "queue.answered"]
    assert seen[-1].data["username"] == "operator1" and seen[-1].data["wait_s"] >= 0
    picture = ok(lead.get("/api/v1/queue"))
    assert picture["waiting"] == [] and picture["answered_today"] == 1
    assert picture["service_level"] == 1.0


def test_longest_idle_first_and_skills_respected(acd_server):
    operator, lead = login(acd_server.url, "operator1"), login(acd_server.url, "lead1")
    seat(operator, "8001")
    time.sleep(0.05)
    seat(lead, "8002", "外语")  # ready after operator1: idle for less time
    assert route(acd_server, "c1", caller="1") == "sip:8001@hotline.test"
    assert route(acd_server, "c2", caller="2") == "sip:8002@hotline.test"  # 8001 is ringing
    assert route(acd_server, "c3", caller="3") == "sip:queue@hotline.test"
    # a foreign-language call only goes to a 外语 seat
    ok(operator.put("/api/v1/agents/me/state", json={"state": "on_call"}))
    ok(operator.put("/api/v1/agents/me/state", json={"state": "ready"}))  # takes c3
    ok(lead.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "会议"}))
    ok(lead.put("/api/v1/agents/me/state", json={"state": "ready"}))
    assert route(acd_server, "c4", caller="4", skill="外语") == "sip:8002@hotline.test"


def test_an_unanswered_offer_goes_to_another_operator(acd_server):
    operator, lead = login(acd_server.url, "operator1"), login(acd_server.url, "lead1")
    seat(operator, "8001")
    time.sleep(0.05)
    seat(lead, "8002")
    assert route(acd_server, "c1", caller="1") == "sip:8001@hotline.test"
    # kamailio's failure route: 8001 did not answer
    assert route(acd_server, "c1", caller="1", retry="true") == "sip:8002@hotline.test"


def test_not_ready_and_wrap_up_are_respected(acd_server):
    operator = login(acd_server.url, "operator1")
    seat(operator, "8001", state="wrap_up")
    assert route(acd_server, "c1") == "sip:queue@hotline.test"
    ok(operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "小休"}))
    assert route(acd_server, "c2") == "sip:queue@hotline.test"


def test_who_may_do_what(acd_server):
    r = httpx.get(f"{acd_server.url}/api/v1/acd/route", params={"call_id": "x", "key": "bad"})
    assert r.status_code == 403
    operator = login(acd_server.url, "operator1")
    assert operator.get("/api/v1/queue").status_code == 403
    with login(acd_server.url, "lead1").stream("GET", "/api/v1/events") as lead_stream, \
            operator.stream("GET", "/api/v1/events") as op_stream:
        route(acd_server, "secret-call", caller="13900000000")
        assert next(e for e in events_of(lead_stream) if e.type == "queue.queued")
        ok(operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "x"}))
        for e in events_of(op_stream):
            assert not e.type.startswith("queue."), "an operator got a caller's number"
            if e.type == "agent.state":
                break
    bad = operator.put("/api/v1/acd/me", json={"sip_user": "a b;evil", "skills": []})
    assert bad.status_code == 422


def test_without_configuration_there_is_no_acd(server):
    r = httpx.get(f"{server.url}/api/v1/acd/route", params={"call_id": "x", "key": "k"})
    assert r.status_code == 404


def test_the_key_never_reaches_a_log_line():
    from agent_desktop.server.serving import _clean

    line = _clean("GET /api/v1/acd/route?key=s3cret&call_id=c1&caller=13916728845 HTTP/1.1")
    assert "s3cret" not in line and "13916728845" not in line and "call_id=c1" in line
    assert _clean("GET /x?monkey=1") == "GET /x?monkey=1"
