"""Intake on POST /work-orders: the form's validation, deadlines, direct handling, links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from agent_desktop.domain.reference import load_catalog, load_departments
from agent_desktop.forms.deadlines import calendar_years, compute_deadlines
from agent_desktop.forms.validation import validate_work_order

from .server_helpers import DEPT1_DEPARTMENT, act, login, ok, order

CHINA = timezone(timedelta(hours=8))


def test_the_servers_field_errors_are_the_forms(operator: httpx.Client, leaf_code: str):
    body = order(
        leaf_code,
        caller={"phones": ["1390000", "13900000000", "13900000000"]},
        content="积水",
        request="",
        place={"district_code": "310104", "street_code": "310110021"},
        title="标" * 60,
        department_code=DEPT1_DEPARTMENT,
    )
    r = operator.post("/api/v1/work-orders", json=body)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    expected = validate_work_order(
        body, catalog=load_catalog(), departments=load_departments(), now=datetime.now(CHINA)
    )
    assert len(expected) >= 5
    assert r.json()["errors"] == [e.model_dump() for e in expected]


def test_a_dispatch_mode_order_may_wait_for_its_department(operator: httpx.Client, leaf_code: str):
    """The form asks for a department; the server accepts none and keeps it `submitted`."""
    r = operator.post("/api/v1/work-orders", json=order(leaf_code))
    assert r.status_code == 201 and r.json()["status"] == "submitted"


def test_body_type_errors_have_chinese_messages(operator: httpx.Client, leaf_code: str):
    body = order(leaf_code, urgency="very", caller={"phones": "13900000000"})
    del body["content"]
    fields = {
        e["field"]: e["message"]
        for e in operator.post("/api/v1/work-orders", json=body).json()["errors"]
    }
    assert fields == {"caller.phones": "应为列表", "content": "此项必填", "urgency": "取值无效"}


def test_an_order_answered_at_intake_is_closed_with_its_answer(users: Any, leaf_code: str):
    operator = users["operator1"]
    answer = "您好，积水排除请联系所在区建管委，电话已告知。"
    created = ok(
        operator.post(
            "/api/v1/work-orders",
            json=order(leaf_code, appeal_type="consultation", handling="direct", answer=answer),
        )
    )
    assert created["status"] == "closed"
    assert created["answer"] == answer
    assert created["deadlines"] == {}
    entries = ok(operator.get(f"/api/v1/work-orders/{created['id']}/history"))
    assert [(e["action"], e["from_status"], e["to_status"]) for e in entries] == [
        ("create", None, "submitted"),
        ("close", "submitted", "closed"),
    ]
    assert entries[1]["data"] == {"answer": answer, "at_intake": True}


def test_direct_handling_needs_an_answer_and_no_department(operator: httpx.Client, leaf_code: str):
    body = order(
        leaf_code, appeal_type="consultation", handling="direct", department_code=DEPT1_DEPARTMENT
    )
    r = operator.post("/api/v1/work-orders", json=body)
    assert {(e["field"], e["message"]) for e in r.json()["errors"]} == {
        ("answer", "直接办结须填写答复内容"),
        ("department_code", "直接办结无需选择承办部门"),
    }


def test_linked_orders_must_exist(operator: httpx.Client, leaf_code: str):
    earlier = ok(operator.post("/api/v1/work-orders", json=order(leaf_code)))
    bad = operator.post(
        "/api/v1/work-orders", json=order(leaf_code, linked_order_ids=[earlier["id"], 999999999])
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "linked_order_ids.1", "message": "关联工单999999999不存在，请重新选择"}
    ]
    linked = ok(
        operator.post(
            "/api/v1/work-orders", json=order(leaf_code, linked_order_ids=[earlier["id"]])
        )
    )
    assert linked["linked_order_ids"] == [earlier["id"]]


@pytest.mark.parametrize("username", ["trainer1", "dept1"])
def test_only_the_centre_submits_orders(users: Any, leaf_code: str, username: str):
    r = users[username].post("/api/v1/work-orders", json=order(leaf_code))
    assert r.status_code == 403
    assert "operator" in r.json()["detail"]


@pytest.mark.parametrize("urgency", ["normal", "urgent", "critical"])
def test_deadlines_follow_the_matter_and_the_urgency(
    operator: httpx.Client, catalog: dict[str, Any], leaf_code: str, urgency: str
):
    created = ok(operator.post("/api/v1/work-orders", json=order(leaf_code, urgency=urgency)))
    leaf = next(n for n in catalog["nodes"] if n["code"] == leaf_code)
    accepted = datetime.fromisoformat(created["created_at"]).astimezone(CHINA)
    expected = compute_deadlines(leaf["time_limits"], urgency, accepted)
    got = {stage: datetime.fromisoformat(due) for stage, due in created["deadlines"].items()}
    assert got == expected.as_dict()
    assert created["overdue"] is False


def test_deadlines_past_the_calendar_are_approximate_not_refused(serve_app: Any, tmp_path: Path):
    """Accepted on 28 December of the calendar's last year: the working days run into a
    year without holiday data, so they are counted Monday–Friday and flagged."""
    from agent_desktop.server import create_app

    last_year = calendar_years()[1]
    accepted = datetime(last_year, 12, 28, 10, 0, tzinfo=CHINA)
    app = create_app(
        f"sqlite:///{tmp_path / 'cal.db'}", demo=True, clock=lambda: accepted.astimezone(UTC)
    )
    leaf = next(n for n in load_catalog().nodes if n.is_leaf)
    with (
        login(serve_app(app), "operator1") as operator,
        login(operator.base_url, "admin1") as admin,
    ):
        created = ok(operator.post("/api/v1/work-orders", json=order(leaf.code)))
        assert created["number"].startswith(f"{last_year}1228")
        expected = compute_deadlines(leaf, "normal", accepted, allow_unknown_years=True)
        assert expected.approximate
        assert created["deadlines_approximate"] is True
        assert datetime.fromisoformat(created["deadlines"]["resolve"]) == expected.resolve
        assert datetime.fromisoformat(created["created_at"]) == accepted
        # An extension counted past the calendar is approximate too, and still granted.
        ok(act(admin, created["id"], "dispatch", {"department_code": DEPT1_DEPARTMENT}))
        ok(act(admin, created["id"], "sign"))
        ok(
            act(
                admin,
                created["id"],
                "request_extension",
                {"reason": "节后施工", "extra_working_days": 5},
            )
        )
        extended = ok(act(admin, created["id"], "approve_extension"))
        assert extended["deadlines_approximate"] is True
        assert datetime.fromisoformat(extended["deadlines"]["resolve"]) > expected.resolve
