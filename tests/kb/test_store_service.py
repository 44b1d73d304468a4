"""The article store and the service: demo fallback, store-backed index, favourites."""

import asyncio
from datetime import datetime, timezone

from agent_desktop.domain import KbArticle
from agent_desktop.kb import KbService


def article(id_, title, body="正文", retired=False, version=1):
    return KbArticle(id=id_, title=title, body_html=f"<p>{body}</p>", retired=retired,
                     version=version, updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_store_apply_upserts_and_removes(store):
    g0 = store.generation
    assert store.apply([article("a", "停水"), article("b", "停电")]) == (2, 0)
    assert store.count() == 2 and store.generation == g0 + 1
    assert store.apply([article("a", "停水通知", version=2), article("b", "", retired=True)]) \
        == (1, 1)
    assert store.get("a").title == "停水通知" and store.get("b") is None
    assert store.apply([]) == (0, 0) and store.generation == g0 + 2


def test_store_favourites(store):
    store.set_favourite("a", True)
    store.set_favourite("b", True)
    store.set_favourite("a", False)
    assert store.favourites() == ["b"]


def test_service_searches_demo_corpus_until_synced(store):
    kb = KbService(store)
    kb.open_blocking()
    assert kb.source == "demo" and kb.article_count >= 150
    assert kb.search_blocking("房产证泡水了", limit=1)[0].id == "kb-demo-re-01"
    assert kb.article_blocking("kb-demo-re-01").title.startswith("不动产权证书")


def test_service_uses_store_and_saves_index(store, analyzer):
    store.apply([article("x-1", "窨井盖缺失", "道路窨井盖缺失的，按紧急工单处理。")])
    kb = KbService(store, analyzer=analyzer)
    kb.open_blocking()
    assert kb.source == "local" and kb.article_count == 1
    assert [r.id for r in kb.search_blocking("井盖没了")] == ["x-1"]
    assert store.index_path.exists()
    # A second service loads the saved index (terms cached, nothing re-segmented).
    kb2 = KbService(store, analyzer=analyzer)
    kb2.open_blocking()
    assert [r.id for r in kb2.search_blocking("井盖")] == ["x-1"]


async def test_async_api_and_events(store):
    kb = KbService(store)
    events = []
    unsubscribe = kb.subscribe(events.append)
    await kb.open()
    assert [e.kind for e in events] == ["index_building", "index_changed"]
    hits = await kb.search("社保卡丢了", limit=3)
    assert hits[0].id == "kb-demo-si-01"
    assert (await kb.article("kb-demo-si-01")).id == "kb-demo-si-01"
    await kb.set_favourite("kb-demo-si-01", True)
    assert kb.is_favourite("kb-demo-si-01")
    assert [a.id for a in await kb.favourites()] == ["kb-demo-si-01"]
    unsubscribe()
    await kb.rebuild()
    assert len(events) == 2


async def test_search_runs_off_the_loop(store):
    kb = KbService(store)
    await kb.open()
    results = await asyncio.gather(*(kb.search(q) for q in ("停水", "停电", "噪音", "违建")))
    assert all(results)


def test_saved_index_of_a_deleted_database_is_not_reused(tmp_path, analyzer):
    from agent_desktop.kb import ArticleStore

    path = tmp_path / "kb" / "kb.sqlite3"
    first = ArticleStore(path)
    first.apply([article("old", "停水通知")])
    KbService(first, analyzer=analyzer).open_blocking()
    first.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    second = ArticleStore(path)  # same generation number, different database
    second.apply([article("new", "停电通知")])
    kb = KbService(second, analyzer=analyzer)
    kb.open_blocking()
    assert [r.id for r in kb.search_blocking("通知")] == ["new"]
    second.close()


def test_cached_term_counts_give_the_same_index(store, analyzer, demo_articles):
    from agent_desktop.kb import SearchIndex
    from agent_desktop.kb.service import build_store_index

    store.apply(demo_articles[:40])
    build_store_index(store, analyzer)  # segments and caches the terms
    cached = list(store.all_with_terms(analyzer.fingerprint))
    assert all(terms is not None for _, terms in cached)
    from_counts = SearchIndex.build(analyzer, cached)
    from_text = SearchIndex.build(analyzer, [(a, None) for a, _ in cached])
    for query in ("房产证泡水了", "公积金提取", "社保卡丢了"):
        assert [(r.id, r.score) for r in from_counts.search(query)] == \
            [(r.id, r.score) for r in from_text.search(query)]
    assert store.all_with_terms("another-analyzer").__next__()[1] is None
