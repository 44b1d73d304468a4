"""The matter catalog (with ETag) and the departments."""

from __future__ import annotations

from typing import Any

import httpx

from agent_desktop.domain.models import Catalog, Department
from agent_desktop.domain.reference import load_catalog, load_departments


def test_catalog_is_the_shipped_one(operator: httpx.Client):
    r = operator.get("/api/v1/catalog")
    assert r.status_code == 200
    catalog = Catalog.model_validate_json(r.content)
    shipped = load_catalog()
    assert catalog.version == shipped.version
    assert catalog == shipped
    leaves = [n for n in catalog.nodes if n.is_leaf]
    assert leaves and all(n.routing and n.time_limits for n in leaves)


def test_catalog_has_a_strong_etag_and_answers_304(operator: httpx.Client):
    first = operator.get("/api/v1/catalog")
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert operator.get("/api/v1/catalog").headers["etag"] == etag

    again = operator.get("/api/v1/catalog", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag

    listed = operator.get("/api/v1/catalog", headers={"If-None-Match": f'"other", {etag}'})
    assert listed.status_code == 304
    stale = operator.get("/api/v1/catalog", headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_departments_are_the_shipped_ones(operator: httpx.Client, live: Any):
    r = operator.get("/api/v1/departments")
    assert r.status_code == 200
    departments = [Department.model_validate(d) for d in r.json()]
    assert departments == load_departments()
    assert (
        operator.get(
            "/api/v1/departments", headers={"If-None-Match": r.headers["etag"]}
        ).status_code
        == 304
    )
