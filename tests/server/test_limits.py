"""Every free-text field has a maximum (domain/limits.py): a value one character too long
is a 422 naming the field, nothing is stored; the maximum itself is accepted."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from agent_desktop.domain import limits as L

from .server_helpers import ok, order


def _leaf(client: httpx.Client) -> str:
    return next(n["code"] for n in client.get("/api/v1/catalog").json()["nodes"]
                if n["level"] == 5)


@pytest.mark.parametrize(("path", "value", "field"), [
    (("caller", "name"), "名" * (L.NAME_MAX + 1), "caller.name"),
    (("content",), "字" * (L.CONTENT_MAX + 1), "content"),
    (("title",), "题" * (L.TITLE_MAX + 1), "title"),
    (("request",), "求" * (L.REQUEST_MAX + 1), "request"),
    (("reported_party",), "店" * (L.REPORTED_PARTY_MAX + 1), "reported_party"),
    (("place", "address"), "路" * (L.ADDRESS_MAX + 1), "place.address"),
    (("caller", "phones"), ["13900000000"] * (L.PHONES_MAX + 1), "caller.phones"),
    (("caller", "tags"), ["老年人"] * (L.TAGS_MAX + 1), "caller.tags"),
    (("call_id",), "c" * (L.CALL_ID_MAX + 1), "call_id"),
])
def test_a_field_one_past_its_maximum_is_422_and_names_it(users: Any, path: tuple[str, ...],
                                                          value: Any, field: str):
    operator = users["operator1"]
    body = order(_leaf(operator))
    target = body
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    r = operator.post("/api/v1/work-orders", json=body)
    assert r.status_code == 422, r.text[:300]
    assert r.headers["content-type"].startswith("application/problem+json")
    assert any(e["field"].startswith(field) for e in r.json()["errors"]), r.json()["errors"]


def test_the_hotline_rules_are_stricter_and_their_maximum_is_accepted(users: Any):
    """The hotline's own rules (forms.validation: content ≤ 2,000, title ≤ 50) sit inside
    the API's ceilings and answer in the operator's words."""
    operator = users["operator1"]
    body = order(_leaf(operator), content="字" * 2000, title="题" * 50)
    body["caller"]["name"] = "名" * L.NAME_MAX
    created = ok(operator.post("/api/v1/work-orders", json=body))
    assert len(created["content"]) == 2000
    over = operator.post("/api/v1/work-orders", json={**body, "content": "字" * 2001})
    assert over.status_code == 422 and "2000" in over.json()["errors"][0]["message"]


def test_sign_in_and_queries_are_bounded(live: Any, users: Any):
    too_long = httpx.post(f"{live.url}/api/v1/auth/token", json={
        "username": "operator1", "password": "x" * (L.PASSWORD_MAX + 1)})
    assert too_long.status_code == 422
    r = users["operator1"].get("/api/v1/work-orders",
                               params={"caller_phone": "1" * (L.PHONE_MAX + 1)})
    assert r.status_code == 422 and r.json()["errors"][0]["field"].endswith("caller_phone")


def test_a_kb_article_over_its_documented_maximum_is_refused(users: Any):
    admin = users["admin1"]
    body = {"title": "超长文章", "body_html": "<p>" + "字" * L.KB_BODY_MAX + "</p>"}
    r = admin.post("/api/v1/kb/articles", json=body)
    assert r.status_code in (413, 422)
