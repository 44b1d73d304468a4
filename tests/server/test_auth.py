"""Sign-in, bearer tokens and roles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, update

from agent_desktop.server.security import token_digest
from agent_desktop.server.tables import TokenRow

from .server_helpers import PASSWORDS

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("operator1", "operator"),
        ("lead1", "lead"),
        ("trainer1", "trainer"),
        ("admin1", "admin"),
        ("dept1", "department"),
    ],
)
def test_each_demo_user_signs_in_with_its_role(anonymous: httpx.Client, username: str, role: str):
    r = anonymous.post(
        "/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]}
    )
    assert r.status_code == 200
    token = r.json()
    assert token["token_type"] == "bearer"
    assert token["expires_in"] > 3600
    assert token["user"]["username"] == username
    assert token["user"]["role"] == role
    bound = "310104-CONSTRUCTION" if role == "department" else None
    assert token["user"]["department_code"] == bound
    assert any("\u4e00" <= ch <= "\u9fff" for ch in token["user"]["display_name"])
    me = anonymous.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert me.json() == token["user"]


@pytest.mark.parametrize(
    "credentials",
    [{"username": "operator1", "password": "wrong"}, {"username": "nobody", "password": "x"}],
)
def test_bad_credentials_get_401_problem(anonymous: httpx.Client, credentials: dict[str, str]):
    r = anonymous.post("/api/v1/auth/token", json=credentials)
    assert r.status_code == 401
    assert r.headers["content-type"] == PROBLEM
    assert r.headers["www-authenticate"].startswith("Bearer")
    problem = r.json()
    assert problem["status"] == 401 and problem["title"] == "Sign-in failed"
    assert "password" in problem["detail"]


def test_empty_credentials_are_a_validation_problem(anonymous: httpx.Client):
    r = anonymous.post("/api/v1/auth/token", json={"username": "", "password": ""})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"username", "password"}


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic b3A6cHc="}],
    ids=["none", "unknown", "basic"],
)
def test_every_api_call_needs_a_valid_token(anonymous: httpx.Client, headers: dict[str, str]):
    for path in (
        "/api/v1/catalog",
        "/api/v1/departments",
        "/api/v1/work-orders",
        "/api/v1/work-orders/1",
        "/api/v1/kb/articles",
        "/api/v1/events",
    ):
        r = anonymous.get(path, headers=headers)
        assert r.status_code == 401, path
        assert r.headers["content-type"] == PROBLEM
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert r.json()["detail"]


def test_expired_token_is_refused(live: Any, anonymous: httpx.Client):
    r = anonymous.post(
        "/api/v1/auth/token", json={"username": "lead1", "password": PASSWORDS["lead1"]}
    )
    token = r.json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert anonymous.get("/api/v1/auth/me", headers=auth).status_code == 200

    engine = create_engine(live.database_url)
    with engine.begin() as conn:
        conn.execute(
            update(TokenRow)
            .where(TokenRow.digest == token_digest(token))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    engine.dispose()

    r = anonymous.get("/api/v1/auth/me", headers=auth)
    assert r.status_code == 401
    assert 'error="invalid_token"' in r.headers["www-authenticate"]
    assert "expired" in r.json()["detail"]
