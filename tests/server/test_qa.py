"""QA on the real server: a call reported as the workspace reports it is recorded with the
order taken on it; a lead evaluates it with answers pre-filled, completes it; the operator
acknowledges; who may see and do what; the agreement per question."""

from __future__ import annotations

import uuid
from typing import Any

from .server_helpers import ok, order

SEGMENTS = [("operator", "您好，12345市民服务热线，请问有什么可以帮您？"),
            ("caller", "我们小区门口积水很严重，走不过去。"),
            ("operator", "请问具体在什么地方？"),
            ("caller", "徐汇区漕溪北路88号门口。"),
            ("operator", "还有其他问题吗？感谢您的来电，再见。")]


def _reported_call(operator: Any, catalog: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    call_id = f"qa-{uuid.uuid4().hex[:10]}"
    assert operator.put(f"/api/v1/calls/{call_id}", json={
        "state": "talking", "caller": "13916728845"}).status_code == 204
    for i, (speaker, text) in enumerate(SEGMENTS):
        assert operator.post(f"/api/v1/calls/{call_id}/segments", json={
            "speaker": speaker, "text": text, "start": 4 * i, "end": 4 * i + 3}
        ).status_code == 204
    leaf = next(n["code"] for n in catalog["nodes"] if n["level"] == 5)
    body = order(leaf, call_id=call_id)
    created = ok(operator.post("/api/v1/work-orders", json=body))
    assert operator.put(f"/api/v1/calls/{call_id}", json={"state": "ended"}).status_code == 204
    return call_id, created


def test_a_recorded_call_is_evaluated_completed_and_acknowledged(users: Any,
                                                                 catalog: dict[str, Any]):
    operator, lead = users["operator1"], users["lead1"]
    call_id, created = _reported_call(operator, catalog)
    listed = {c["call_id"]: c for c in ok(lead.get("/api/v1/qa/calls"))}
    assert listed[call_id]["segments"] == 5 and listed[call_id]["ended_at"]
    call = ok(lead.get(f"/api/v1/qa/calls/{call_id}"))
    assert [o["number"] for o in call["orders"]] == [created["number"]]
    assert call["segments"][0]["text"].startswith("您好")

    evaluation = ok(lead.post("/api/v1/qa/evaluations", json={"call_id": call_id}))
    answers = evaluation["answers"]
    assert answers["greeting"]["value"] == "yes" and answers["greeting"]["by"] == "auto"
    assert answers["asked_where"]["value"] == "yes"
    assert answers["phone_confirmed"]["value"] == "no"  # never read back
    assert "attitude" in evaluation["unanswered"]
    # the operator does not see a draft
    assert evaluation["id"] not in {e["id"] for e in ok(
        operator.get("/api/v1/qa/evaluations"))}
    assert operator.post(f"/api/v1/qa/evaluations/{evaluation['id']}/acknowledge"
                         ).status_code == 409

    incomplete = lead.put(f"/api/v1/qa/evaluations/{evaluation['id']}",
                          json={"answers": {}, "complete": True})
    assert incomplete.status_code == 422 and "attitude" in incomplete.text
    rest = {q: {"value": "yes"} for q in evaluation["unanswered"] if q not in (
        "attitude", "content_complete")}
    rest |= {"attitude": {"value": 4}, "content_complete": {"value": 5},
             "phone_confirmed": {"value": "no", "comment": "未复述号码"}}
    done = ok(lead.put(f"/api/v1/qa/evaluations/{evaluation['id']}",
                       json={"answers": rest, "complete": True}))
    assert done["status"] == "completed" and 0 < done["score"] < 100
    assert done["answers"]["phone_confirmed"]["by"] == "lead1"

    seen = ok(operator.get("/api/v1/qa/evaluations"))
    assert evaluation["id"] in {e["id"] for e in seen}
    acked = ok(operator.post(f"/api/v1/qa/evaluations/{evaluation['id']}/acknowledge"))
    assert acked["status"] == "acknowledged" and acked["acknowledged_at"]
    assert lead.put(f"/api/v1/qa/evaluations/{evaluation['id']}",
                    json={"answers": {}}).status_code == 409

    rows = {r["question"]: r for r in ok(lead.get("/api/v1/qa/agreement"))}
    assert rows["phone_confirmed"]["compared"] >= 1 and rows["phone_confirmed"]["agreed"] >= 1


def test_who_sees_recorded_calls(users: Any, catalog: dict[str, Any]):
    call_id, _ = _reported_call(users["operator1"], catalog)
    for name, status in (("operator1", 200), ("lead1", 200), ("admin1", 200),
                         ("dept1", 403), ("trainer1", 403)):
        assert users[name].get(f"/api/v1/qa/calls/{call_id}").status_code == status, name
    assert users["operator1"].post("/api/v1/qa/evaluations",
                                   json={"call_id": call_id}).status_code == 403
    assert users["lead1"].post("/api/v1/qa/evaluations",
                               json={"call_id": "no-such-call"}).status_code == 404
    # another agent cannot write into someone else's call record
    assert users["lead1"].post(f"/api/v1/calls/{call_id}/segments", json={
        "speaker": "operator", "text": "x", "start": 1, "end": 2}).status_code == 403
