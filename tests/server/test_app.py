"""Health, the OpenAPI document, and the shape of errors no handler planned for."""

from __future__ import annotations

from typing import Any

import httpx

from agent_desktop import __version__


def test_healthz_needs_no_token(live: Any, anonymous: httpx.Client):
    r = anonymous.get("/healthz")
    assert r.status_code == 200
    expected = "postgresql" if live.database_url.startswith("postgresql") else "sqlite"
    assert r.json() == {"status": "ok", "database": expected}


def test_openapi_describes_the_api(anonymous: httpx.Client):
    doc = anonymous.get("/openapi.json").json()
    assert doc["info"]["title"] == "agent-desktop hotline server"
    assert doc["info"]["version"] == __version__
    for path in (
        "/api/v1/auth/token",
        "/api/v1/catalog",
        "/api/v1/departments",
        "/api/v1/work-orders",
        "/api/v1/work-orders/{order_id}",
        "/api/v1/events",
        "/api/v1/kb/articles",
        "/api/v1/work-orders/repeat-check",
        "/api/v1/work-orders/{order_id}/history",
        "/api/v1/agents",
        "/api/v1/agents/me/state",
        "/open311/v2/services.{fmt}",
        "/open311/v2/services/{service_code}.{fmt}",
        "/open311/v2/requests.{fmt}",
        "/open311/v2/requests/{service_request_id}.{fmt}",
        "/healthz",
    ):
        assert path in doc["paths"], path
    for action in (
        "dispatch",
        "sign",
        "start",
        "reply",
        "return",
        "request_extension",
        "approve_extension",
        "reject_extension",
        "supervise",
        "follow_up",
        "close",
    ):
        operation = doc["paths"][f"/api/v1/work-orders/{{order_id}}/actions/{action}"]["post"]
        assert "409" in operation["responses"], action
    form = doc["paths"]["/open311/v2/requests.{fmt}"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in form
    post = doc["paths"]["/api/v1/work-orders"]["post"]
    assert "application/problem+json" in post["responses"]["422"]["content"]
    assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])


def test_unknown_paths_and_methods_are_problems(anonymous: httpx.Client):
    missing = anonymous.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["title"] == "Not Found"
    wrong = anonymous.delete("/healthz")
    assert wrong.status_code == 405
    assert wrong.headers["content-type"] == "application/problem+json"


def test_unexpected_errors_are_500_problems_without_internals(serve_app: Any, tmp_path: Any):
    from agent_desktop.server import create_app

    app = create_app(f"sqlite:///{tmp_path / 'boom.db'}")

    def boom() -> None:
        raise RuntimeError("secret internal detail")

    app.add_api_route("/boom", boom)
    with httpx.Client(base_url=serve_app(app)) as client:
        r = client.get("/boom")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["title"] == "Server error"
    assert "secret" not in r.text and "Traceback" not in r.text
