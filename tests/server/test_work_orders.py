"""Submitting and finding work orders."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from agent_desktop.domain.models import CatalogNode, WorkOrder
from agent_desktop.forms.deadlines import compute_deadlines

from .server_helpers import new_phone, order

PROBLEM = "application/problem+json"
CHINA = timezone(timedelta(hours=8))


def test_post_creates_a_numbered_submitted_order(
    operator: httpx.Client, leaf_code: str, catalog: dict[str, Any]
):
    body = order(leaf_code)
    r = operator.post("/api/v1/work-orders", json=body)
    assert r.status_code == 201
    created = WorkOrder.model_validate(r.json())
    assert r.headers["location"] == f"/api/v1/work-orders/{created.id}"
    today = datetime.now(CHINA).strftime("%Y%m%d")
    assert re.fullmatch(today + r"\d{6}", created.number)
    assert created.status == "submitted"
    assert created.created_by == "operator1"
    assert abs(created.created_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert created.caller.phones == body["caller"]["phones"]
    assert created.content == body["content"]
    leaf = CatalogNode.model_validate(next(n for n in catalog["nodes"] if n["code"] == leaf_code))
    expected = compute_deadlines(leaf, "normal", created.created_at.astimezone(CHINA))
    assert created.deadlines == expected.as_dict()
    assert created.deadlines_approximate is expected.approximate

    fetched = operator.get(created_url := r.headers["location"])
    assert fetched.status_code == 200, created_url
    assert WorkOrder.model_validate(fetched.json()) == created


def test_order_with_a_department_is_dispatched(
    operator: httpx.Client, leaf_code: str, department_code: str
):
    r = operator.post("/api/v1/work-orders", json=order(leaf_code, department_code=department_code))
    assert r.status_code == 201
    assert r.json()["status"] == "dispatched"
    assert r.json()["department_code"] == department_code


def test_numbers_are_unique_and_increasing(operator: httpx.Client, leaf_code: str):
    numbers = [
        operator.post("/api/v1/work-orders", json=order(leaf_code)).json()["number"]
        for _ in range(5)
    ]
    assert numbers == sorted(set(numbers))


def test_unknown_order_is_404_problem(operator: httpx.Client):
    r = operator.get("/api/v1/work-orders/999999999")
    assert r.status_code == 404
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["title"] == "Not found"
    assert "999999999" in r.json()["detail"]


def test_find_by_caller_phone_newest_first(operator: httpx.Client, leaf_code: str):
    phone = new_phone()
    ids = [
        operator.post(
            "/api/v1/work-orders", json=order(leaf_code, caller={"phones": ["021-64321234", phone]})
        ).json()["id"]
        for _ in range(3)
    ]
    formatted = f"{phone[:3]}-{phone[3:7]} {phone[7:]}"
    found = operator.get("/api/v1/work-orders", params={"caller_phone": formatted}).json()
    assert [o["id"] for o in found] == ids[::-1]
    page = operator.get(
        "/api/v1/work-orders", params={"caller_phone": phone, "limit": 1, "offset": 1}
    ).json()
    assert [o["id"] for o in page] == [ids[1]]


def test_filter_by_status_department_and_date(
    operator: httpx.Client, leaf_code: str, department_code: str
):
    phone = new_phone()
    submitted = operator.post(
        "/api/v1/work-orders", json=order(leaf_code, caller={"phones": [phone]})
    ).json()
    dispatched = operator.post(
        "/api/v1/work-orders",
        json=order(leaf_code, caller={"phones": [phone]}, department_code=department_code),
    ).json()

    def ids(**params: Any) -> list[int]:
        r = operator.get("/api/v1/work-orders", params={"caller_phone": phone, **params})
        assert r.status_code == 200, r.text
        return [o["id"] for o in r.json()]

    assert ids(status="submitted") == [submitted["id"]]
    assert ids(status=["submitted", "dispatched"]) == [dispatched["id"], submitted["id"]]
    assert ids(department_code=department_code) == [dispatched["id"]]
    today = datetime.now(CHINA).date()
    assert ids(date_from=today.isoformat(), date_to=today.isoformat()) == [
        dispatched["id"],
        submitted["id"],
    ]
    assert ids(date_from=(today + timedelta(days=1)).isoformat()) == []
    assert ids(date_to=(today - timedelta(days=1)).isoformat()) == []


def test_body_errors_come_back_per_field(operator: httpx.Client, leaf_code: str):
    body = order(leaf_code, caller={"phones": [12345, "ok"]}, appeal_type="shout")
    del body["content"]
    body["unexpected"] = 1
    r = operator.post("/api/v1/work-orders", json=body)
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    problem = r.json()
    assert problem["title"] == "Invalid request"
    assert problem["type"].endswith(":validation")
    fields = {e["field"]: e["message"] for e in problem["errors"]}
    assert set(fields) == {"caller.phones.0", "appeal_type", "content", "unexpected"}
    assert all(fields.values())
    assert "caller.phones.0" in problem["detail"]


def test_malformed_json_is_422_problem(operator: httpx.Client):
    r = operator.post(
        "/api/v1/work-orders", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["errors"]


def test_matter_must_be_a_leaf_and_departments_must_exist(
    operator: httpx.Client, catalog: dict[str, Any], department_code: str
):
    category = next(n["code"] for n in catalog["nodes"] if n["level"] == 4)
    body = order(
        category, department_code="NO-SUCH-DEPT", co_department_codes=[department_code, "NOPE"]
    )
    r = operator.post("/api/v1/work-orders", json=body)
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert set(fields) == {"matter_code", "department_code", "co_department_codes.1"}
    assert fields["matter_code"] == "请选择到第五级事项"
    assert fields["department_code"] == "承办部门不存在，请重新选择"

    unknown = operator.post("/api/v1/work-orders", json=order("9999999999"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "matter_code", "message": "事项分类不存在，请重新选择"}
    ]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"status": "lost"}, {"date_from": "yesterday"}]
)
def test_bad_query_parameters_are_422(operator: httpx.Client, params: dict[str, Any]):
    r = operator.get("/api/v1/work-orders", params=params)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"].startswith(f"query.{next(iter(params))}")
