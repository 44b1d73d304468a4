"""Caller history: GET /work-orders/repeat-check, and the index that keeps it fast."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from agent_desktop.server.caller_history import recent_orders
from agent_desktop.server.db import Database
from agent_desktop.server.tables import WorkOrderRow
from agent_desktop.server.work_orders import OrderFilter, order_query

from .server_helpers import new_phone, ok, order

OTHER_LEAF = "0101010102"  # 人行道板松动破损, next to the first leaf


def check(client: httpx.Client, phone: str, **params: Any) -> dict[str, Any]:
    return ok(client.get("/api/v1/work-orders/repeat-check", params={"phone": phone, **params}))


def test_repeats_are_the_same_matter_at_the_same_place(operator: httpx.Client, leaf_code: str):
    phone = new_phone()

    def post(matter: str, place: dict[str, str]) -> int:
        body = order(matter, caller={"phones": [phone]}, place=place)
        return ok(operator.post("/api/v1/work-orders", json=body))["id"]

    same = post(leaf_code, {"district_code": "310104", "street_code": "310104003"})
    other_street = post(leaf_code, {"district_code": "310104", "street_code": "310104004"})
    other_district = post(leaf_code, {"district_code": "310105"})
    other_matter = post(OTHER_LEAF, {"district_code": "310104"})

    result = check(
        operator,
        f"{phone[:3]} {phone[3:]}",
        matter_code=leaf_code,
        district_code="310104",
        street_code="310104003",
    )
    assert result["phone"] == phone
    assert [o["id"] for o in result["orders"]] == [other_matter, other_district, other_street, same]
    flags = {o["id"]: o["likely_repeat"] for o in result["orders"]}
    assert flags == {same: True, other_street: False, other_district: False, other_matter: False}
    assert (result["likely_repeat"], result["repeat_of"]) == (True, same)
    assert result["orders"][-1]["district_code"] == "310104"

    # Only the district known for the new order: both 310104 orders match.
    by_district = check(operator, phone, matter_code=leaf_code, district_code="310104")
    assert {o["id"] for o in by_district["orders"] if o["likely_repeat"]} == {same, other_street}
    assert by_district["repeat_of"] == other_street  # the newest


def test_a_new_number_has_no_history(operator: httpx.Client, leaf_code: str):
    result = check(operator, new_phone(), matter_code=leaf_code)
    assert result["orders"] == [] and result["likely_repeat"] is False
    assert result["repeat_of"] is None


def test_repeat_check_needs_a_number_and_a_centre_role(users: Any):
    r = users["operator1"].get("/api/v1/work-orders/repeat-check", params={"phone": "--"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.phone"
    assert users["operator1"].get("/api/v1/work-orders/repeat-check").status_code == 422
    refused = users["dept1"].get("/api/v1/work-orders/repeat-check", params={"phone": "139"})
    assert refused.status_code == 403


def query_plan(db: Database, query: Any) -> str:
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as conn:
        return "\n".join(
            str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
        )


def test_caller_history_starts_from_the_phone_index(tmp_path: Path):
    """SQLite's plans for both caller look-ups: the (phone, work_order_id) index, then the
    orders by primary key — never a scan of the orders (millions in a real centre)."""
    db = Database(f"sqlite:///{tmp_path / 'plan.db'}")
    db.migrate()
    since = datetime(2026, 1, 1, tzinfo=UTC)
    listing = order_query(OrderFilter(caller_phone="13900000000", date_from=since.date()))
    listing = listing.order_by(WorkOrderRow.created_at.desc()).limit(50)
    for query in (listing, recent_orders("13900000000", since)):
        plan = query_plan(db, query)
        assert "COVERING INDEX ix_work_order_phones_phone_work_order_id (phone=?" in plan, plan
        assert "SEARCH work_orders USING INTEGER PRIMARY KEY" in plan, plan
    db.dispose()
