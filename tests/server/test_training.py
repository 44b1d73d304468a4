"""Training on the real server: scenarios kept by trainers, the training sink that scores a
practice call and never makes a work order, trainee/trainer privacy, overrides."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from agent_desktop.training.scenarios import load_all

from .server_helpers import events_of, ok

SCENARIO = "manhole-missing-yinhang"


def _attempt(order: dict[str, Any], transcript: list[dict[str, Any]] | None = None
             ) -> dict[str, Any]:
    return {"scenario_id": SCENARIO, "order": order,
            "transcript": transcript if transcript is not None else [
                {"speaker": "operator", "text": "您好，12345热线，请问有什么可以帮您？",
                 "start": 0.5, "end": 3.0},
                {"speaker": "caller", "text": "我要反映个事情", "start": 3.5, "end": 5.0},
                {"speaker": "operator", "text": "请问具体在什么地方？", "start": 6.0, "end": 8.0},
                {"speaker": "operator", "text": "什么时候发现的？", "start": 10.0, "end": 11.0},
                {"speaker": "operator", "text": "现在情况怎么样了？", "start": 13.0, "end": 14.0},
                {"speaker": "operator", "text": "请问您贵姓？", "start": 16.0, "end": 17.0},
                {"speaker": "operator", "text": "幺三九幺六七五二八零四，对吗？",
                 "start": 20.0, "end": 23.0},
                {"speaker": "operator", "text": "感谢您的来电，再见。", "start": 60.0,
                 "end": 62.0}],
            "started_at": "2026-12-05T08:00:00+08:00", "ended_at": "2026-12-05T08:01:05+08:00",
            "submitted_at": "2026-12-05T08:01:45+08:00"}


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return load_all()[SCENARIO].expected_order.model_dump(mode="json")


def test_trainees_read_the_scenarios_seeded_from_the_package(users: Any):
    listed = ok(users["operator1"].get("/api/v1/training/scenarios"))
    assert len(listed) >= 30 and {s["appeal_type"] for s in listed} >= {
        "consultation", "help", "complaint", "report", "suggestion", "praise"}
    one = ok(users["operator1"].get(f"/api/v1/training/scenarios/{SCENARIO}"))
    assert one["expected_order"]["matter_code"] == "0101020101"
    assert users["dept1"].get("/api/v1/training/scenarios").status_code == 403
    assert users["operator1"].get("/api/v1/training/scenarios/nope").status_code == 404


def test_a_practice_call_is_scored_and_never_becomes_a_work_order(users: Any,
                                                                  expected: dict[str, Any]):
    operator, lead = users["operator1"], users["lead1"]
    before = ok(lead.get("/api/v1/work-orders", params={"caller_phone": "13916752804"}))
    with lead.stream("GET", "/api/v1/events") as stream:
        attempt = operator.post("/api/v1/training/attempts", json=_attempt(expected))
        assert attempt.status_code == 201, attempt.text
        marker = ok(lead.post("/api/v1/notices", json={"text": "训练测试标记", "minutes": 1}))
        seen = []
        for event in events_of(stream):  # everything up to the marker notice
            if event.type == "notice" and event.data.get("text") == marker["text"]:
                break
            seen.append(event.type)
    body = attempt.json()
    assert body["trainee"] == "operator1" and body["total"] >= 95
    by = {c["name"]: c for c in body["criteria"]}
    assert by["phone_readback"]["score"] == by["phone_readback"]["max"]
    assert body["wrap_up_seconds"] == 40 and body["talk_seconds"] == 65
    # the sink is not the live queue: no order, no event
    after = ok(lead.get("/api/v1/work-orders", params={"caller_phone": "13916752804"}))
    assert after == before
    assert not [t for t in seen if t.startswith(("work_order.", "training"))]


def test_a_wrong_order_loses_points_on_exactly_what_is_wrong(users: Any,
                                                            expected: dict[str, Any]):
    wrong = copy.deepcopy(expected)
    wrong["matter_code"] = "0501010101"
    wrong["place"] = {**wrong["place"], "district_code": "310104", "street_code": None}
    wrong["caller"]["phones"] = ["13800000000"]
    body = ok(users["operator1"].post("/api/v1/training/attempts", json=_attempt(wrong)))
    lost = {c["name"] for c in body["criteria"] if c["score"] < c["max"]}
    assert {"matter", "district", "phone"} <= lost
    assert body["total"] <= 75


def test_trainees_see_their_own_attempts_trainers_see_all_and_override(
        users: Any, expected: dict[str, Any]):
    mine = ok(users["operator1"].post("/api/v1/training/attempts", json=_attempt(expected)))
    theirs = ok(users["lead1"].post("/api/v1/training/attempts", json=_attempt(expected)))
    seen = {a["id"] for a in ok(users["operator1"].get("/api/v1/training/attempts"))}
    assert mine["id"] in seen and theirs["id"] not in seen
    assert users["operator1"].get(f"/api/v1/training/attempts/{theirs['id']}").status_code == 403
    trainer = users["trainer1"]
    everyone = {a["id"] for a in ok(trainer.get("/api/v1/training/attempts"))}
    assert {mine["id"], theirs["id"]} <= everyone
    only = ok(trainer.get("/api/v1/training/attempts", params={"trainee": "operator1"}))
    assert {a["trainee"] for a in only} == {"operator1"}

    changed = ok(trainer.post(f"/api/v1/training/attempts/{mine['id']}/overrides",
                              json={"criterion": "greeting", "score": 1,
                                    "comment": "问候语太快，来电人没听清"}))
    greeting = next(c for c in changed["criteria"] if c["name"] == "greeting")
    assert greeting["score"] == 1 and greeting["original_score"] == 4
    assert greeting["override_by"] == "trainer1" and changed["total"] < mine["total"]
    assert users["operator1"].post(f"/api/v1/training/attempts/{mine['id']}/overrides",
                                   json={"criterion": "greeting", "score": 4,
                                         "comment": "x"}).status_code == 403
    too_much = trainer.post(f"/api/v1/training/attempts/{mine['id']}/overrides",
                            json={"criterion": "greeting", "score": 40, "comment": "x"})
    assert too_much.status_code == 422
    unknown = trainer.post(f"/api/v1/training/attempts/{mine['id']}/overrides",
                           json={"criterion": "nope", "score": 1, "comment": "x"})
    assert unknown.status_code == 422


def test_trainers_add_and_change_scenarios_and_bad_ones_are_named(users: Any):
    trainer = users["trainer1"]
    new = copy.deepcopy(load_all()[SCENARIO].raw)
    new["id"] = "trainer-written-1"
    new["title"] = "训练师新写的场景"
    added = trainer.post("/api/v1/training/scenarios", json=new)
    assert added.status_code == 201, added.text
    assert trainer.post("/api/v1/training/scenarios", json=new).status_code == 409
    new["title"] = "改过的标题"
    assert ok(trainer.put("/api/v1/training/scenarios/trainer-written-1", json=new)
              )["title"] == "改过的标题"
    listed = {s["id"]: s for s in ok(users["operator1"].get("/api/v1/training/scenarios"))}
    assert listed["trainer-written-1"]["updated_by"] == "trainer1"

    bad = copy.deepcopy(new)
    bad["id"] = "trainer-written-2"
    bad["expected_order"]["matter_code"] = "9999999999"
    refused = trainer.post("/api/v1/training/scenarios", json=bad)
    assert refused.status_code == 422 and "9999999999" in refused.text
    assert users["operator1"].post("/api/v1/training/scenarios", json=new).status_code == 403


@pytest.mark.parametrize("body", [
    {},
    {"scenario_id": "../etc", "order": {}},
    {"scenario_id": SCENARIO, "order": {"appeal_type": "nope"}, "transcript": [],
     "started_at": "x", "ended_at": "x", "submitted_at": "x"},
])
def test_bad_attempts_are_422(users: Any, body: dict[str, Any]):
    assert users["operator1"].post("/api/v1/training/attempts", json=body).status_code == 422
