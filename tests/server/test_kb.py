"""Knowledge-base sync (incremental, cursor-paged, retired included) and admin writes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from agent_desktop.domain.models import KbArticle
from agent_desktop.paths import resource

from .server_helpers import login


def sync_all(client: httpx.Client, **params: Any) -> list[KbArticle]:
    articles: list[KbArticle] = []
    while True:
        page = client.get("/api/v1/kb/articles", params=params).json()
        articles += [KbArticle.model_validate(a) for a in page["articles"]]
        if not page["has_more"]:
            return articles
        params["cursor"] = page["next_cursor"]


def new_article(**changes: Any) -> dict[str, Any]:
    body = {
        "id": f"test-{uuid.uuid4().hex[:12]}",
        "title": "居住证办理流程",
        "body_html": "<p>携带身份证、租赁合同到社区事务受理服务中心办理。</p>",
        "matter_codes": ["0101010101"],
        "keywords": ["居住证"],
        "department": "上海市公安局",
    }
    return {**body, **changes}


def test_paged_sync_returns_every_article_once_in_order(operator: httpx.Client):
    articles = sync_all(operator, limit=7)
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids))
    keys = [(a.updated_at, a.id) for a in articles]
    assert keys == sorted(keys)
    if resource("kb", "articles.json").is_file():
        assert any(a.demo for a in articles)


def test_sync_since_a_point_sees_changes_and_retirements(
    operator: httpx.Client, admin: httpx.Client
):
    start = operator.get("/api/v1/kb/articles", params={"limit": 1000}).json()
    while start["has_more"]:
        start = operator.get(
            "/api/v1/kb/articles", params={"cursor": start["next_cursor"], "limit": 1000}
        ).json()
    resume = start["next_cursor"]

    created = admin.post("/api/v1/kb/articles", json=new_article())
    assert created.status_code == 201
    article = KbArticle.model_validate(created.json())
    assert article.version == 1 and not article.retired

    changes = operator.get("/api/v1/kb/articles", params={"cursor": resume}).json()
    assert [a["id"] for a in changes["articles"]] == [article.id]

    retired = admin.post(f"/api/v1/kb/articles/{article.id}/retire").json()
    assert retired["retired"] and retired["version"] == 2
    since = operator.get(
        "/api/v1/kb/articles", params={"updated_since": article.updated_at.isoformat()}
    ).json()
    assert [(a["id"], a["retired"]) for a in since["articles"]] == [(article.id, True)]


def test_admin_updates_bump_version_and_time(admin: httpx.Client):
    body = new_article()
    first = KbArticle.model_validate(admin.post("/api/v1/kb/articles", json=body).json())
    del body["id"]
    body["title"] = "居住证办理流程（2026年版）"
    r = admin.put(f"/api/v1/kb/articles/{first.id}", json=body)
    assert r.status_code == 200
    second = KbArticle.model_validate(r.json())
    assert second.version == 2 and second.title == body["title"]
    assert second.updated_at > first.updated_at
    assert KbArticle.model_validate(admin.get(f"/api/v1/kb/articles/{first.id}").json()) == second


def test_duplicate_and_missing_articles(admin: httpx.Client):
    body = new_article()
    assert admin.post("/api/v1/kb/articles", json=body).status_code == 201
    again = admin.post("/api/v1/kb/articles", json=body)
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    del body["id"]
    assert admin.put("/api/v1/kb/articles/no-such-article", json=body).status_code == 404
    assert admin.post("/api/v1/kb/articles/no-such-article/retire").status_code == 404


@pytest.mark.parametrize("username", ["operator1", "lead1", "trainer1"])
def test_only_admins_write(live: Any, username: str):
    with login(live.url, username) as client:
        body = new_article()
        r = client.post("/api/v1/kb/articles", json=body)
        assert r.status_code == 403
        assert r.headers["content-type"] == "application/problem+json"
        assert "admin" in r.json()["detail"]
        assert client.post(f"/api/v1/kb/articles/{body['id']}/retire").status_code == 403


def test_bad_cursor_is_422(operator: httpx.Client):
    r = operator.get("/api/v1/kb/articles", params={"cursor": "garbage!"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "query.cursor"


def test_article_times_are_timezone_aware(operator: httpx.Client):
    page = operator.get("/api/v1/kb/articles", params={"limit": 1}).json()
    if page["articles"]:
        assert datetime.fromisoformat(page["articles"][0]["updated_at"]).tzinfo is not None
