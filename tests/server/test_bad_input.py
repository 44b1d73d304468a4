"""Nothing a client can send gets a 5xx: the three kinds of 500 an outside fuzz run found
(integers beyond 2^63, dates at the edges of the calendar, a time without a zone)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .server_helpers import login

BIG = str(2**64)


@pytest.mark.parametrize("method,path,params,expected", [
    ("GET", f"/api/v1/work-orders/{BIG}", None, 422),
    ("GET", f"/api/v1/work-orders/{BIG}/history", None, 422),
    ("POST", f"/api/v1/work-orders/{BIG}/actions/sign", None, 422),
    ("GET", "/api/v1/work-orders", {"offset": BIG}, 422),
    ("GET", "/api/v1/work-orders", {"date_from": "0001-01-01"}, 422),
    ("GET", "/api/v1/work-orders", {"date_to": "9999-12-31"}, 422),
    ("GET", "/api/v1/work-orders", {"due_before": "2026-01-01T00:00:00"}, 200),  # = UTC+8
    ("GET", "/api/v1/events", {"after": BIG}, 422),
    ("GET", "/open311/v2/requests.json", {"start_date": "0001-01-01T00:00:00Z"}, 400),
    ("GET", "/open311/v2/requests.json", {"end_date": "9999-12-31T23:59:59Z"}, 400),
    ("GET", "/open311/v2/requests.json", {"start_date": "0001-01-01"}, 400),
])
def test_out_of_range_input_is_a_4xx(server: Any, method, path, params, expected):
    with login(server.url, "operator1") as client:
        if path.endswith("/events"):
            with client.stream(method, path, params=params, timeout=5) as response:
                status = response.status_code
        else:
            response = client.request(method, path, params=params)
            status = response.status_code
            if status >= 400 and not path.startswith("/open311"):
                assert response.headers["content-type"].startswith("application/problem+json")
    assert status == expected


def test_a_huge_linked_order_id_is_refused_with_422(server: Any):
    with login(server.url, "operator1") as client:
        body = {"appeal_type": "consultation", "caller": {"phones": ["13912345678"]},
                "matter_code": "0101020102", "content": "门口积水很深，无法通行。",
                "linked_order_ids": [2**64]}
        response = client.post("/api/v1/work-orders", json=body)
        assert response.status_code == 422
        fields = {e["field"] for e in response.json()["errors"]}
        assert any(f.startswith("linked_order_ids") for f in fields)


def test_anonymous_open311_edges_are_4xx_too(server: Any):
    with httpx.Client(base_url=server.url, timeout=15) as public:
        for params in ({"start_date": "0001-01-01"}, {"end_date": "9999-12-31T23:59:59Z"}):
            assert public.get("/open311/v2/requests.json", params=params).status_code == 400
