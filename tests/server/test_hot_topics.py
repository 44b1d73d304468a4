"""Hot topics and notices on the real server: a burst tips an alert on the leads' stream,
scattered orders do not, operators neither read nor receive alerts, and a lead's notice
reaches an operator's stream."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from .server_helpers import events_of, ok, order

DISTRICT = "310101"


@pytest.fixture(scope="module")
def leaves(catalog: dict[str, Any]) -> list[str]:
    """Leaves no other test of the session posts (the first few are common)."""
    return [n["code"] for n in catalog["nodes"] if n["level"] == 5][5:9]


def post(client: httpx.Client, matter: str, street: str) -> dict[str, Any]:
    place = {"district_code": DISTRICT, "street_code": street, "address": "黄浦区某路1号"}
    return ok(client.post("/api/v1/work-orders", json=order(matter, place=place)))


def until(stream: httpx.Response, wanted: Any) -> Any:
    return next(e for e in events_of(stream) if wanted(e))


def test_a_burst_in_one_street_tips_an_alert_within_seconds(users: Any, leaves: list[str]):
    operator, lead = users["operator1"], users["lead1"]
    matter, street = leaves[0], "310101002"
    with lead.stream("GET", "/api/v1/events") as stream:
        ids = [post(operator, matter, street)["id"] for _ in range(5)]
        tipped_at = time.monotonic()
        alert = until(stream, lambda e: e.type == "hot_topic" and e.data["matter_code"] == matter)
        latency = time.monotonic() - tipped_at
    assert latency < 3.0
    data = alert.data
    assert (data["street_code"], data["count"], data["order_ids"]) == (street, 5, ids)
    assert data["street_name"] == "南京东路街道" and data["matter_name"]
    assert data["kind"] == "hot_topic" and data["window_minutes"] == 30
    listed = ok(lead.get("/api/v1/hot-topics"))
    mine = next(t for t in listed if t["id"] == data["id"])
    assert mine["count"] == 5 and mine["first_at"] and mine["order_ids"] == ids

    # A sixth order joins the same topic.
    with lead.stream("GET", "/api/v1/events") as stream:
        sixth = post(operator, matter, street)["id"]
        grown = until(stream, lambda e: e.type == "hot_topic" and e.data["id"] == data["id"])
    assert grown.data["count"] == 6 and grown.data["order_ids"][-1] == sixth
    assert next(t for t in ok(lead.get("/api/v1/hot-topics")) if t["id"] == data["id"])[
        "count"] == 6
    # the same alert on the board's one list of alerts
    alert = next(a for a in ok(lead.get("/api/v1/alerts")) if a["id"] == data["id"])
    assert (alert["kind"], alert["matter_code"], alert["street_code"], alert["count"],
            alert["window"]) == ("hot_topic", matter, street, 6, 30)
    assert alert["first_at"] and alert["order_ids"] == [*ids, sixth]

    # the lead makes them one event: every order names the others
    with lead.stream("GET", "/api/v1/events") as stream:
        linked = ok(lead.post(f"/api/v1/hot-topics/{data['id']}/link"))
        again = until(stream, lambda e: e.type == "hot_topic" and e.data["id"] == data["id"])
    assert linked["linked_by"] == again.data["linked_by"] == "lead1"
    for order_id in (*ids, sixth):
        got = ok(lead.get(f"/api/v1/work-orders/{order_id}"))
        assert sorted(got["linked_order_ids"]) == sorted(set(ids + [sixth]) - {order_id})
    assert operator.post(f"/api/v1/hot-topics/{data['id']}/link").status_code == 403
    assert lead.post("/api/v1/hot-topics/no-such-topic/link").status_code == 404


def test_sensitive_words_on_a_call_are_alerts_for_leads_only(users: Any):
    operator, lead = users["operator1"], users["lead1"]
    assert operator.put("/api/v1/calls/alert-test-1", json={"state": "talking"}
                        ).status_code == 204
    assert operator.post("/api/v1/calls/alert-test-1/segments",
                         json={"speaker": "caller", "text": "我不想活了，想轻生",
                               "start": 1.0, "end": 3.0}).status_code == 204
    alerts = ok(lead.get("/api/v1/alerts"))
    mine = next(a for a in alerts if a["call_id"] == "alert-test-1")
    assert mine["kind"] == "sensitive" and "轻生" in mine["words"]
    assert operator.get("/api/v1/alerts").status_code == 403


def test_scattered_orders_raise_nothing(users: Any, leaves: list[str]):
    operator, lead = users["operator1"], users["lead1"]
    streets = ["310101013", "310101015", "310101017", "310101018", "310101019"]
    with lead.stream("GET", "/api/v1/events") as stream:
        for street in streets:  # one matter over five streets
            post(operator, leaves[1], street)
        for matter in leaves[1:4]:  # three matters, one street
            post(operator, matter, "310101020")
        marker = ok(lead.post("/api/v1/notices", json={"text": "测试标记：以上无热点"}))
        seen = []
        for event in events_of(stream):
            seen.append(event)
            if event.type == "notice" and event.id == marker["id"]:
                break
    assert not [e for e in seen if e.type == "hot_topic"
                and e.data["matter_code"] in leaves[1:4]]
    assert not [t for t in ok(lead.get("/api/v1/hot-topics")) if t["matter_code"] in leaves[1:4]]


def test_operators_neither_read_nor_receive_hot_topics(users: Any, leaves: list[str]):
    operator, lead = users["operator1"], users["lead1"]
    assert operator.get("/api/v1/hot-topics").status_code == 403
    assert users["dept1"].get("/api/v1/hot-topics").status_code == 403
    assert operator.post("/api/v1/notices", json={"text": "x"}).status_code == 403
    with operator.stream("GET", "/api/v1/events") as stream:
        for _ in range(5):
            post(operator, leaves[3], "310101021")
        marker = ok(lead.post("/api/v1/notices", json={"text": "标记"}))
        seen = []
        for event in events_of(stream):
            seen.append(event)
            if event.type == "notice" and event.id == marker["id"]:
                break
    assert [e for e in seen if e.type == "work_order.created"]
    assert not [e for e in seen if e.type == "hot_topic"]
    # ... while the lead has it.
    assert [t for t in ok(lead.get("/api/v1/hot-topics")) if t["matter_code"] == leaves[3]]


def test_a_notice_reaches_an_operators_stream(users: Any):
    operator, lead = users["operator1"], users["lead1"]
    text = "嘉松南路积水已派单，排水部门正在处置，预计今晚恢复通行。"
    with operator.stream("GET", "/api/v1/events") as stream:
        sent = ok(lead.post("/api/v1/notices", json={"text": text, "hot_topic_id": "x-1"}))
        got = until(stream, lambda e: e.type == "notice" and e.id == sent["id"])
    assert got.data["text"] == text and got.data["by"] == "lead1"
    assert got.data["hot_topic_id"] == "x-1"
    assert [n for n in ok(operator.get("/api/v1/notices")) if n["id"] == sent["id"]]
    assert users["dept1"].get("/api/v1/notices").status_code == 403
    # The department's stream never carries it.
    with users["dept1"].stream("GET", "/api/v1/events", params={"after": sent["id"] - 1},
                               timeout=httpx.Timeout(15, read=2)) as stream:
        with pytest.raises(httpx.ReadTimeout):
            until(stream, lambda e: e.type == "notice")


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "长" * 201}, {"text": "x", "minutes": 0},
                                  {}, {"text": 5}])
def test_bad_notices_are_refused_with_422(users: Any, body: dict[str, Any]):
    assert users["lead1"].post("/api/v1/notices", json=body).status_code == 422


def test_a_restarted_server_continues_the_topic_without_raising_it_again(server):
    """The detector is primed from the stored orders: after a restart the sixth order
    grows the same topic, and the first five raise nothing anew."""
    from .server_helpers import login

    with login(server.url, "operator1") as operator:
        leaf = next(n["code"] for n in operator.get("/api/v1/catalog").json()["nodes"]
                    if n["level"] == 5)
        ids = [post(operator, leaf, "310101002")["id"] for _ in range(5)]
    with login(server.url, "lead1") as lead:
        first = _topics_of(lead, leaf)
    assert [t["count"] for t in first] == [5]
    server.restart()
    with login(server.url, "operator1") as operator, login(server.url, "lead1") as lead:
        with lead.stream("GET", "/api/v1/events") as stream:
            sixth = post(operator, leaf, "310101002")["id"]
            grown = until(stream, lambda e: e.type == "hot_topic")
        assert grown.data["id"] == first[0]["id"]
        assert grown.data["order_ids"] == [*ids, sixth]
        assert [t["count"] for t in _topics_of(lead, leaf)] == [6]
        with lead.stream("GET", "/api/v1/events", params={"after": 0}) as stream:
            counts = []
            for event in events_of(stream):
                if event.type == "hot_topic":
                    counts.append(event.data["count"])
                if event.id == grown.id:
                    break
        assert counts == [5, 6]  # raised once; the restart did not raise it again


def _topics_of(lead: httpx.Client, matter: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while True:
        topics = [t for t in ok(lead.get("/api/v1/hot-topics")) if t["matter_code"] == matter]
        if topics or time.monotonic() > deadline:
            return topics
        time.sleep(0.1)
