"""The knowledge-base service the app, the CLI and the UI use: search, articles, favourites,
sync. Plain asyncio; every blocking step (jieba, SQLite, index build) runs in a worker
thread and the finished index is swapped in on the event loop.

    kb = KbService(ArticleStore.open_default())
    await kb.open()                                   # saved index, or build, or demo corpus
    hits = await kb.search("社保卡丢了", limit=5)       # list[SearchResult]
    await kb.sync(KbSync(api.http, kb.store), progress=print)

Until the first sync the store is empty and the service searches the bundled demo corpus
(`resources/kb/articles.json`); `source` says which one is in use. Subscribers get
`KbEvent`s (index changed, sync progress/done/failed) on the loop's thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from agent_desktop.domain import KbArticle
from agent_desktop.paths import resource

from .analysis import Analyzer
from .index import SearchIndex, SearchResult, doc_terms
from .store import ArticleStore
from .sync import META_CURSOR, META_LAST, KbSync, SyncReport

log = logging.getLogger(__name__)

Source = Literal["empty", "demo", "local"]


@dataclass(frozen=True)
class KbEvent:
    """`kind`: "index_building" | "index_changed" | "sync_started" | "sync_progress" |
    "sync_done" | "sync_failed"; `data` depends on it (progress: done/total; failed:
    error; index_changed: source/count)."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def load_demo_articles(path: Path | None = None) -> list[KbArticle]:
    """The bundled demo corpus (`{"articles": [KbArticle, …]}`)."""
    raw = json.loads((path or resource("kb", "articles.json")).read_text(encoding="utf-8"))
    return [KbArticle.model_validate(a) for a in raw["articles"]]


def build_store_index(store: ArticleStore, analyzer: Analyzer) -> SearchIndex:
    """Blocking: index every stored article, caching new term lists, and save the index."""
    tag = store.index_tag
    index = SearchIndex.load(store.index_path, analyzer, tag)
    if index is not None:
        return index
    analyzer.initialize()
    items, fresh = [], []
    for article, terms in store.all_with_terms(analyzer.fingerprint):
        if terms is None:
            terms = doc_terms(analyzer, article)
            fresh.append((article.id, terms))
        items.append((article, terms))
    if fresh:
        store.save_terms(fresh, analyzer.fingerprint)
    index = SearchIndex.build(analyzer, items)
    if store.index_tag == tag:  # no sync wrote in the meantime
        index.save(store.index_path, tag)
    return index


class KbService:
    """Search and browse the local knowledge base; keep it in sync with the server."""

    def __init__(self, store: ArticleStore, *, analyzer: Analyzer | None = None,
                 demo_fallback: bool = True) -> None:
        self.store = store
        self.analyzer = analyzer or Analyzer.default()
        self.demo_fallback = demo_fallback
        self._index: SearchIndex | None = None
        self._demo: dict[str, KbArticle] = {}
        self._source: Source = "empty"
        self._favourites: set[str] = set()
        self._listeners: list[Callable[[KbEvent], None]] = []
        self._rebuild_lock = asyncio.Lock()
        self._periodic: asyncio.Task | None = None

    # --- state and events -----------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._index is not None

    @property
    def source(self) -> Source:
        """"local": synced articles; "demo": bundled demo corpus (never synced); "empty"."""
        return self._source

    @property
    def article_count(self) -> int:
        return len(self._index) if self._index else 0

    def departments(self) -> list[str]:
        """Departments to filter by (those of the indexed articles)."""
        return self._index.departments() if self._index else []

    def last_sync(self) -> datetime | None:
        value = self.store.get_meta(META_LAST)
        return datetime.fromisoformat(value) if value else None

    def subscribe(self, callback: Callable[[KbEvent], None]) -> Callable[[], None]:
        """Call `callback(event)` on every event; returns a function that unsubscribes."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _emit(self, kind: str, **data: Any) -> None:
        event = KbEvent(kind, data)
        for callback in list(self._listeners):
            try:
                callback(event)
            except Exception:  # a broken listener must not break the service
                log.exception("kb event listener failed on %s", kind)

    # --- opening and rebuilding -----------------------------------------------------------

    def _load_blocking(self) -> tuple[SearchIndex, Source, dict[str, KbArticle], set[str]]:
        favourites = set(self.store.favourites())
        if self.store.count() or not self.demo_fallback:
            return build_store_index(self.store, self.analyzer), "local", {}, favourites
        demo = load_demo_articles()
        index = SearchIndex.build(self.analyzer, ((a, None) for a in demo))
        return index, "demo", {a.id: a for a in demo}, favourites

    def open_blocking(self) -> None:
        """Load or build the index in the calling thread (CLI, tests, benchmarks)."""
        self._install(*self._load_blocking())

    async def open(self) -> None:
        """Load or build the index in a worker thread."""
        await self.rebuild()

    async def rebuild(self) -> None:
        async with self._rebuild_lock:
            self._emit("index_building")
            started = time.perf_counter()
            loaded = await asyncio.to_thread(self._load_blocking)
            self._install(*loaded)
            log.info("kb index ready: %d articles (%s) in %.2fs", self.article_count,
                     self._source, time.perf_counter() - started)

    def _install(self, index: SearchIndex, source: Source, demo: dict[str, KbArticle],
                 favourites: set[str]) -> None:
        self._index, self._source, self._demo, self._favourites = index, source, demo, favourites
        self._emit("index_changed", source=source, count=len(index))

    # --- queries ----------------------------------------------------------------------------

    def search_blocking(self, query: str, *, limit: int = 10, matter_code: str | None = None,
                        department: str | None = None) -> list[SearchResult]:
        if self._index is None:
            self.open_blocking()
        return self._index.search(query, limit=limit, matter_code=matter_code,
                                  department=department)

    async def search(self, query: str, *, limit: int = 10, matter_code: str | None = None,
                     department: str | None = None) -> list[SearchResult]:
        """Ranked results for a query (off the loop's thread; a few ms at 50k articles)."""
        if self._index is None:
            await self.open()
        index = self._index
        return await asyncio.to_thread(index.search, query, limit=limit,
                                       matter_code=matter_code, department=department)

    def _article_blocking(self, article_id: str) -> KbArticle | None:
        if self._source == "demo":
            return self._demo.get(article_id)
        return self.store.get(article_id)

    async def article(self, article_id: str) -> KbArticle | None:
        """The full article (body as stored: sanitise before display)."""
        return await asyncio.to_thread(self._article_blocking, article_id)

    def article_blocking(self, article_id: str) -> KbArticle | None:
        return self._article_blocking(article_id)

    # --- favourites -----------------------------------------------------------------------

    def is_favourite(self, article_id: str) -> bool:
        return article_id in self._favourites

    async def set_favourite(self, article_id: str, favourite: bool) -> None:
        await asyncio.to_thread(self.store.set_favourite, article_id, favourite)
        (self._favourites.add if favourite else self._favourites.discard)(article_id)

    async def favourites(self) -> list[KbArticle]:
        """Favourite articles still in the knowledge base, most recently added first."""
        def load() -> list[KbArticle]:
            found = (self._article_blocking(i) for i in self.store.favourites())
            return [a for a in found if a is not None]
        return await asyncio.to_thread(load)

    # --- sync -------------------------------------------------------------------------------

    async def sync(self, kb_sync: KbSync,
                   progress: Callable[[int, int | None], None] | None = None) -> SyncReport:
        """Run one incremental sync and, if anything changed, rebuild the index.
        Raises what `KbSync.run` raises, after emitting "sync_failed"."""
        self._emit("sync_started", first=self.store.get_meta(META_CURSOR) is None)

        def on_progress(done: int, total: int | None) -> None:
            self._emit("sync_progress", done=done, total=total)
            if progress:
                progress(done, total)

        try:
            report = await kb_sync.run(on_progress)
        except Exception as exc:
            self._emit("sync_failed", error=str(exc) or type(exc).__name__)
            raise
        if report.upserted or report.removed or self._source != "local":
            await self.rebuild()
        self._emit("sync_done", received=report.received, upserted=report.upserted,
                   removed=report.removed)
        return report

    def start_periodic_sync(self, kb_sync: KbSync, interval_s: float = 300.0) -> asyncio.Task:
        """Sync now and then every `interval_s`; failures are reported as events and retried
        at the next tick (the index keeps working offline). Cancel the task to stop."""
        async def loop() -> None:
            while True:
                try:
                    await self.sync(kb_sync)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.warning("kb sync failed (will retry in %.0fs): %s", interval_s, exc)
                await asyncio.sleep(interval_s)

        if self._periodic and not self._periodic.done():
            self._periodic.cancel()
        self._periodic = asyncio.get_running_loop().create_task(loop(), name="kb-periodic-sync")
        return self._periodic
