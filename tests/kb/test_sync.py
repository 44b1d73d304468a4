"""Incremental sync: against a fake server (protocol details, failures) and the real one."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from agent_desktop.api.client import ApiError, HotlineClient, ServerUnreachable
from agent_desktop.kb import KbService, KbSync

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def make(id_, minutes, title="停水通知", retired=False):
    return {"id": id_, "title": title, "body_html": f"<p>{title}</p>",
            "updated_at": (T0 + timedelta(minutes=minutes)).isoformat(), "retired": retired}


class FakeServer:
    """The sync protocol of agent_desktop/server/kb.py: (updated_at, id) order,
    inclusive updated_since, opaque cursor, has_more."""

    def __init__(self, articles):
        self.articles = {a["id"]: a for a in articles}
        self.requests: list[dict] = []
        self.fail_with: int | Exception | None = None

    def _key(self, a):
        return (a["updated_at"], a["id"])

    def handler(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        self.requests.append(params)
        assert request.headers["Authorization"] == "Bearer t0ken"
        if isinstance(self.fail_with, Exception):
            raise self.fail_with
        if self.fail_with:
            return httpx.Response(self.fail_with, json={"title": "nope", "status": self.fail_with})
        rows = sorted(self.articles.values(), key=self._key)
        if "cursor" in params:
            try:
                after = tuple(json.loads(base64.urlsafe_b64decode(params["cursor"])))
            except ValueError:
                return httpx.Response(422, json={"title": "bad cursor", "status": 422})
            rows = [r for r in rows if self._key(r) > after]
        elif "updated_since" in params:
            rows = [r for r in rows if r["updated_at"] >= params["updated_since"]]
        limit = int(params["limit"])
        page = rows[:limit]
        cursor = (base64.urlsafe_b64encode(json.dumps(list(self._key(page[-1]))).encode())
                  .decode() if page else params.get("cursor"))
        return httpx.Response(200, json={"articles": page, "next_cursor": cursor,
                                         "has_more": len(rows) > limit})


@pytest.fixture
def fake():
    return FakeServer([make(f"a{i:02}", i, f"停水通知{i}") for i in range(25)])


@pytest.fixture
def http(fake):
    client = httpx.AsyncClient(base_url="http://hotline.test", transport=httpx.MockTransport(
        fake.handler), headers={"Authorization": "Bearer t0ken"})
    return client


async def test_first_sync_pages_and_reports_progress(fake, http, store):
    progress = []
    report = await KbSync(http, store, page_size=10).run(lambda d, t: progress.append(d))
    assert (report.received, report.upserted, report.full) == (25, 25, True)
    assert progress == [10, 20, 25]
    assert store.count() == 25


async def test_incremental_sync_resumes_from_cursor(fake, http, store):
    sync = KbSync(http, store, page_size=10)
    await sync.run()
    fake.articles["a03"] = make("a03", 100, "停水通知改")
    fake.articles["a04"] = make("a04", 101, retired=True)
    fake.articles["new"] = make("new", 102, "新文章")
    fake.requests.clear()
    report = await sync.run()
    assert "cursor" in fake.requests[0]
    assert (report.received, report.upserted, report.removed, report.full) == (3, 2, 1, False)
    assert store.get("a03").title == "停水通知改" and store.get("a04") is None
    assert store.count() == 25
    report = await sync.run()  # nothing new
    assert report.received == 0


async def test_rejected_cursor_falls_back_to_watermark(fake, http, store):
    sync = KbSync(http, store, page_size=50)
    await sync.run()
    store.set_meta("sync.cursor", "not-a-cursor")
    report = await sync.run()
    # updated_since is inclusive: the newest article comes again, harmlessly.
    assert report.received == 1 and store.count() == 25


async def test_server_change_resets_the_store(fake, http, store):
    await KbSync(http, store).run()
    other = FakeServer([make("z", 1)])
    async with httpx.AsyncClient(base_url="http://other.test", transport=httpx.MockTransport(
            other.handler), headers={"Authorization": "Bearer t0ken"}) as client:
        report = await KbSync(client, store).run()
    assert report.full and store.count() == 1 and store.get("z")


async def test_failures_keep_the_store(fake, http, store):
    sync = KbSync(http, store)
    await sync.run()
    fake.fail_with = 401
    with pytest.raises(ApiError) as info:
        await sync.run()
    assert info.value.unauthorized
    fake.fail_with = 503
    with pytest.raises(ServerUnreachable):
        await sync.run()
    fake.fail_with = httpx.ConnectError("refused")
    with pytest.raises(ServerUnreachable):
        await sync.run()
    assert store.count() == 25


async def test_service_sync_rebuilds_index_and_emits(fake, http, store):
    kb = KbService(store)
    await kb.open()
    assert kb.source == "demo"
    events = []
    kb.subscribe(lambda e: events.append(e.kind))
    await kb.sync(KbSync(http, store, page_size=10))
    assert kb.source == "local" and kb.article_count == 25
    assert [r.id for r in await kb.search("停水通知7", limit=1)] == ["a07"]
    assert events[0] == "sync_started" and events[-1] == "sync_done"
    assert events.count("sync_progress") == 3 and "index_changed" in events
    fake.fail_with = httpx.ConnectError("offline")
    with pytest.raises(ServerUnreachable):
        await kb.sync(KbSync(http, store))
    assert events[-1] == "sync_failed"
    assert (await kb.search("停水通知7", limit=1))[0].id == "a07"  # still works offline


# --- against the real server ------------------------------------------------------------


async def test_sync_against_real_server_then_offline(server, store):
    client = HotlineClient(server.url)
    admin = HotlineClient(server.url)
    try:
        await client.login("operator1", "operator1-demo")
        await admin.login("admin1", "admin1-demo")
        kb = KbService(store)
        await kb.open()
        progress = []
        report = await kb.sync(KbSync(client.http, store, page_size=50),
                               progress=lambda d, t: progress.append(d))
        assert report.full and report.received >= 150
        assert progress[0] == 50 and progress[-1] == report.received
        assert kb.source == "local"
        assert (await kb.search("房产证泡水了", limit=1))[0].id == "kb-demo-re-01"

        # An admin edits one article and retires another; the next sync is incremental.
        r = await admin.http.get("/api/v1/kb/articles/kb-demo-wl-03")
        body = {k: v for k, v in r.json().items()
                if k not in ("id", "version", "updated_at", "retired")}
        body["title"] = "窨井盖缺失、破损、松动（已修订）"
        assert (await admin.http.put("/api/v1/kb/articles/kb-demo-wl-03", json=body)).is_success
        assert (await admin.http.post("/api/v1/kb/articles/kb-demo-re-01/retire")).is_success
        report = await kb.sync(KbSync(client.http, store))
        assert not report.full and report.upserted >= 1 and report.removed == 1
        assert (await kb.article("kb-demo-wl-03")).title.endswith("（已修订）")
        assert "kb-demo-re-01" not in [r.id for r in await kb.search("房产证泡水了")]
    finally:
        await client.aclose()
        await admin.aclose()

    server.stop()
    offline = HotlineClient(server.url)
    try:
        await offline.login("operator1", "operator1-demo")
    except ServerUnreachable:
        pass
    with pytest.raises(ServerUnreachable):
        await kb.sync(KbSync(offline.http, store))
    await offline.aclose()
    # Offline, and after a restart of the client: the saved index answers.
    kb2 = KbService(store)
    await kb2.open()
    assert kb2.source == "local"
    assert (await kb2.search("井盖没了", limit=1))[0].id == "kb-demo-wl-03"
