"""The work-order lifecycle over real HTTP: transitions, roles, history, events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from agent_desktop.forms.deadlines import extend_due

from .server_helpers import DEPT1_DEPARTMENT, act, events_of, ok, order

# Who may take which action (the decision documented in agent_desktop/server/lifecycle.py).
ALLOWED = {
    "dispatch": {"operator1", "lead1", "admin1"},
    "sign": {"dept1", "lead1", "admin1"},
    "start": {"dept1", "lead1", "admin1"},
    "reply": {"dept1", "lead1", "admin1"},
    "return": {"dept1", "lead1", "admin1"},
    "request_extension": {"dept1", "lead1", "admin1"},
    "approve_extension": {"lead1", "admin1"},
    "reject_extension": {"lead1", "admin1"},
    "supervise": {"lead1", "admin1"},
    "follow_up": {"operator1", "lead1", "admin1"},
    "close": {"lead1", "admin1"},
}
BODIES: dict[str, Any] = {
    "dispatch": {"department_code": DEPT1_DEPARTMENT},
    "reply": {"text": "已派人疏通排水口，积水已排除。"},
    "return": {"reason": "不属于本部门职责"},
    "request_extension": {"reason": "需协调多个部门", "extra_working_days": 3},
    "reject_extension": {"reason": "时限内可以办结"},
    "supervise": {"note": "群众反映强烈，请加快办理"},
    "follow_up": {"reached": True, "resolved": True, "satisfaction": "satisfied"},
}
USERS = ("operator1", "lead1", "trainer1", "admin1", "dept1")


def new_order(users: Any, leaf_code: str, **changes: Any) -> dict[str, Any]:
    return ok(users["operator1"].post("/api/v1/work-orders", json=order(leaf_code, **changes)))


def history(client: httpx.Client, order_id: int) -> list[tuple[Any, ...]]:
    entries = ok(client.get(f"/api/v1/work-orders/{order_id}/history"))
    return [
        (e["action"], e["from_status"], e["to_status"], e["actor"], e["actor_role"])
        for e in entries
    ]


def test_an_order_goes_through_its_whole_life_by_the_right_roles(users: Any, leaf_code: str):
    operator, lead, dept = users["operator1"], users["lead1"], users["dept1"]
    created = new_order(users, leaf_code)
    assert created["status"] == "submitted"
    oid, number = created["id"], created["number"]

    with lead.stream("GET", "/api/v1/events") as stream:
        dispatched = ok(act(operator, oid, "dispatch", {}))  # routed by the matter's rule
        assert dispatched["status"] == "dispatched"
        assert dispatched["department_code"] == DEPT1_DEPARTMENT
        assert ok(act(dept, oid, "sign"))["status"] == "signed"
        assert ok(act(dept, oid, "start", {"comment": "已安排人员"}))["status"] == "in_progress"
        requested = ok(act(dept, oid, "request_extension", BODIES["request_extension"]))
        assert requested["extensions"][0]["status"] == "pending"
        approved = ok(act(lead, oid, "approve_extension", {"comment": "同意"}))
        replied = ok(act(dept, oid, "reply", BODIES["reply"]))
        assert replied["status"] == "replied" and replied["reply"]["by"] == "dept1"
        followed = ok(act(operator, oid, "follow_up", {**BODIES["follow_up"], "comment": "很满意"}))
        assert followed["status"] == "follow_up"
        assert followed["follow_up"]["satisfaction"] == "satisfied"
        closed = ok(act(lead, oid, "close"))
        assert closed["status"] == "closed"
        seen = []
        for event in events_of(stream):
            if event.type.startswith("work_order.") and event.data.get("number") == number:
                seen.append((event.type, event.data["status"]))
            if event.type == "work_order.close":
                break
    assert seen == [
        ("work_order.dispatch", "dispatched"),
        ("work_order.sign", "signed"),
        ("work_order.start", "in_progress"),
        ("work_order.request_extension", "in_progress"),
        ("work_order.approve_extension", "in_progress"),
        ("work_order.reply", "replied"),
        ("work_order.follow_up", "follow_up"),
        ("work_order.close", "closed"),
    ]

    previous = datetime.fromisoformat(created["deadlines"]["resolve"])
    new_due = datetime.fromisoformat(approved["deadlines"]["resolve"])
    assert new_due == extend_due(previous, 3)
    assert approved["deadlines"]["sign"] == created["deadlines"]["sign"]
    extension = approved["extensions"][0]
    assert extension["status"] == "approved" and extension["decided_by"] == "lead1"
    assert datetime.fromisoformat(extension["new_due"]) == new_due

    assert history(operator, oid) == [
        ("create", None, "submitted", "operator1", "operator"),
        ("dispatch", "submitted", "dispatched", "operator1", "operator"),
        ("sign", "dispatched", "signed", "dept1", "department"),
        ("start", "signed", "in_progress", "dept1", "department"),
        ("request_extension", "in_progress", "in_progress", "dept1", "department"),
        ("approve_extension", "in_progress", "in_progress", "lead1", "lead"),
        ("reply", "in_progress", "replied", "dept1", "department"),
        ("follow_up", "replied", "follow_up", "operator1", "operator"),
        ("close", "follow_up", "closed", "lead1", "lead"),
    ]
    entries = ok(operator.get(f"/api/v1/work-orders/{oid}/history"))
    assert entries[1]["data"]["suggested"] is True
    assert "徐汇区建设和管理委员会" in entries[1]["data"]["reason"]
    assert entries[7]["comment"] == "很满意"
    assert entries[5]["data"]["new_due"] == approved["deadlines"]["resolve"]


def test_an_order_named_with_a_department_is_dispatched_at_intake(users: Any, leaf_code: str):
    created = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)
    assert created["status"] == "dispatched"
    assert history(users["operator1"], created["id"]) == [
        ("create", None, "submitted", "operator1", "operator"),
        ("dispatch", "submitted", "dispatched", "operator1", "operator"),
    ]


@pytest.fixture(scope="module")
def closed_order(users: Any, leaf_code: str) -> dict[str, Any]:
    """An order of dept1's department taken to `closed` by admin1."""
    admin = users["admin1"]
    oid = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)["id"]
    for action in ("sign", "reply", "follow_up", "close"):
        ok(act(admin, oid, action, BODIES.get(action)))
    return ok(admin.get(f"/api/v1/work-orders/{oid}"))


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_each_action_is_refused_to_the_roles_not_allowed_it(
    users: Any, closed_order: dict[str, Any], action: str
):
    """On a closed order an allowed role meets 409 (its state), any other role 403."""
    for username in USERS:
        r = act(users[username], closed_order["id"], action, BODIES.get(action))
        expected = 409 if username in ALLOWED[action] else 403
        assert r.status_code == expected, (username, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        if expected == 409:
            assert r.json()["allowed_actions"] == []


def test_invalid_transitions_are_409_naming_what_is_allowed(users: Any, leaf_code: str):
    lead = users["lead1"]
    oid = new_order(users, leaf_code)["id"]
    r = act(lead, oid, "sign")
    assert r.status_code == 409
    problem = r.json()
    assert problem["type"].endswith(":invalid-transition")
    assert problem["allowed_actions"] == ["dispatch", "supervise"]
    assert "submitted" in problem["detail"] and "dispatch, supervise" in problem["detail"]
    assert act(lead, oid, "approve_extension").status_code == 409
    assert act(lead, 999999999, "sign").status_code == 404


def test_department_users_see_and_handle_their_own_orders_only(users: Any, leaf_code: str):
    dept = users["dept1"]
    other = new_order(users, leaf_code, department_code="310104-HOUSING")
    own = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)
    r = act(dept, other["id"], "sign")
    assert r.status_code == 403 and "310104-CONSTRUCTION" in r.json()["detail"]
    assert dept.get(f"/api/v1/work-orders/{other['id']}").status_code == 403
    assert dept.get(f"/api/v1/work-orders/{other['id']}/history").status_code == 403
    phone = own["caller"]["phones"][0]
    assert [
        o["id"] for o in ok(dept.get("/api/v1/work-orders", params={"caller_phone": phone}))
    ] == [own["id"]]
    listed = ok(dept.get("/api/v1/work-orders", params={"limit": 500}))
    assert {o["department_code"] for o in listed} == {DEPT1_DEPARTMENT}
    assert ok(act(dept, own["id"], "sign"))["status"] == "signed"
    # Department users take no calls: they cannot submit orders.
    assert dept.post("/api/v1/work-orders", json=order(leaf_code)).status_code == 403


def test_returns_count_and_go_back_to_dispatch(users: Any, leaf_code: str):
    operator, dept = users["operator1"], users["dept1"]
    oid = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)["id"]
    empty = act(dept, oid, "return", {"reason": ""})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "reason"
    returned = ok(act(dept, oid, "return", BODIES["return"]))
    assert (returned["status"], returned["return_count"]) == ("returned", 1)
    ok(act(operator, oid, "dispatch", {"department_code": DEPT1_DEPARTMENT}))
    ok(act(dept, oid, "sign"))
    ok(act(dept, oid, "request_extension", BODIES["request_extension"]))
    again = ok(act(dept, oid, "return", {"reason": "应由房管局处理"}))
    assert again["return_count"] == 2
    assert again["extensions"][0]["status"] == "withdrawn"
    entries = ok(operator.get(f"/api/v1/work-orders/{oid}/history"))
    assert [e["comment"] for e in entries if e["action"] == "return"] == [
        "不属于本部门职责",
        "应由房管局处理",
    ]


def test_a_dispatch_to_an_unknown_department_is_422(users: Any, leaf_code: str):
    oid = new_order(users, leaf_code)["id"]
    r = act(users["operator1"], oid, "dispatch", {"department_code": "NOPE"})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "department_code", "message": "承办部门不存在，请重新选择"}
    ]


def test_rejected_extensions_keep_the_deadline(users: Any, leaf_code: str):
    dept, lead = users["dept1"], users["lead1"]
    created = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)
    oid = created["id"]
    ok(act(dept, oid, "sign"))
    ok(act(dept, oid, "request_extension", BODIES["request_extension"]))
    twice = act(dept, oid, "request_extension", BODIES["request_extension"])
    assert twice.status_code == 409 and "already waiting" in twice.json()["detail"]
    assert act(dept, oid, "approve_extension").status_code == 403
    rejected = ok(act(lead, oid, "reject_extension", BODIES["reject_extension"]))
    assert rejected["deadlines"] == created["deadlines"]
    assert rejected["extensions"][0]["status"] == "rejected"
    assert rejected["extensions"][0]["decision_comment"] == "时限内可以办结"
    second = ok(
        act(dept, oid, "request_extension", {"reason": "天气原因", "extra_working_days": 1})
    )
    assert [e["id"] for e in second["extensions"]] == [1, 2]


def test_supervision_flags_the_order(users: Any, leaf_code: str):
    lead = users["lead1"]
    oid = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)["id"]
    supervised = ok(act(lead, oid, "supervise", BODIES["supervise"]))
    assert supervised["supervised"] is True
    assert supervised["supervision_note"] == BODIES["supervise"]["note"]
    assert supervised["status"] == "dispatched"
    found = ok(lead.get("/api/v1/work-orders", params={"supervised": "true", "limit": 500}))
    assert oid in {o["id"] for o in found}


def test_follow_up_until_reached_and_redispatch_when_unresolved(users: Any, leaf_code: str):
    operator, dept, lead = users["operator1"], users["dept1"], users["lead1"]
    oid = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)["id"]
    ok(act(dept, oid, "sign"))
    ok(act(dept, oid, "reply", BODIES["reply"]))
    incomplete = act(operator, oid, "follow_up", {"reached": True})
    assert incomplete.status_code == 422
    assert {e["field"] for e in incomplete.json()["errors"]} == {"resolved", "satisfaction"}
    contradictory = act(operator, oid, "follow_up", {"reached": False, "resolved": True})
    assert contradictory.status_code == 422
    first = ok(act(operator, oid, "follow_up", {"reached": False, "comment": "无人接听"}))
    assert first["follow_up"]["attempt"] == 1 and first["status"] == "follow_up"
    second = ok(
        act(
            operator,
            oid,
            "follow_up",
            {"reached": True, "resolved": False, "satisfaction": "dissatisfied"},
        )
    )
    assert second["follow_up"]["attempt"] == 2
    redispatched = ok(act(lead, oid, "dispatch", {"department_code": DEPT1_DEPARTMENT}))
    assert redispatched["status"] == "dispatched"
    assert redispatched["reply"] is None and redispatched["follow_up"] is None


def test_close_straight_after_the_reply_when_no_follow_up_is_needed(users: Any, leaf_code: str):
    dept, lead = users["dept1"], users["lead1"]
    needs = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT)["id"]
    free = new_order(users, leaf_code, department_code=DEPT1_DEPARTMENT, follow_up_required=False)[
        "id"
    ]
    for oid in (needs, free):
        ok(act(dept, oid, "sign"))
        ok(act(dept, oid, "reply", BODIES["reply"]))
    refused = act(lead, needs, "close")
    assert refused.status_code == 409 and "follow-up" in refused.json()["detail"]
    assert refused.json()["allowed_actions"] == ["supervise", "follow_up"]
    assert ok(act(lead, free, "close"))["status"] == "closed"


def test_history_of_an_unknown_order_is_404(users: Any):
    r = users["operator1"].get("/api/v1/work-orders/999999999/history")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
