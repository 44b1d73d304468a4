"""Incremental sync of the knowledge base from the hotline server into the local store.

`GET /api/v1/kb/articles?updated_since=ISO&limit=N&cursor=C` pages through the articles
changed since the last sync, in `updated_at` order, retired ones included so the client
drops them. The answer is `{"articles": [KbArticle, …], "next_cursor": str | null,
"has_more": bool}`; the last `next_cursor` is kept and resumes the next sync (with the
newest `updated_at` seen as a fallback should the server reject the cursor). A `total`
or `remaining` count, when the server sends one, feeds the progress callback.

    sync = KbSync(api_client.http, store)       # base_url = server root, bearer token set
    report = await sync.run(progress=lambda done, total: print(done, total))

`run` leaves the search index alone: `KbService.sync` runs it and rebuilds the index.
Errors are those of `agent_desktop.api.client`: `ServerUnreachable` (try again later,
the store keeps what it had) and `ApiError` (the server refused, e.g. 401).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx
from pydantic import ValidationError

from agent_desktop.api.client import ApiError, request
from agent_desktop.domain import KbArticle

from .store import ArticleStore

log = logging.getLogger(__name__)

ARTICLES_PATH = "/api/v1/kb/articles"
META_SERVER = "sync.server"
META_SINCE = "sync.updated_since"
META_CURSOR = "sync.cursor"
META_LAST = "sync.last_success"

Progress = Callable[[int, int | None], None]  # (articles received, total if known)


@dataclass(frozen=True)
class SyncReport:
    received: int
    upserted: int
    removed: int
    full: bool  # True when this was a first (or reset) sync
    finished_at: datetime


class KbSync:
    """Pulls article changes from one server into one `ArticleStore`."""

    def __init__(self, http: httpx.AsyncClient, store: ArticleStore, *,
                 page_size: int = 200) -> None:
        self.http = http
        self.store = store
        self.page_size = page_size
        self._lock = asyncio.Lock()

    @property
    def server_id(self) -> str:
        return str(self.http.base_url).rstrip("/")

    async def run(self, progress: Progress | None = None) -> SyncReport:
        """Fetch every change since the last successful sync and apply it to the store."""
        async with self._lock:
            return await self._run(progress)

    async def _run(self, progress: Progress | None) -> SyncReport:
        store = self.store
        if await asyncio.to_thread(store.get_meta, META_SERVER) != self.server_id:
            # Another server (or never synced): its articles are a different corpus.
            if await asyncio.to_thread(store.count):
                log.info("kb: server changed to %s, resyncing from scratch", self.server_id)
            await asyncio.to_thread(store.clear)
            await asyncio.to_thread(store.set_meta, META_SERVER, self.server_id)
        cursor = await asyncio.to_thread(store.get_meta, META_CURSOR)
        since = await asyncio.to_thread(store.get_meta, META_SINCE)
        full = cursor is None and since is None
        received = upserted = removed = 0
        while True:
            params: dict[str, str | int] = {"limit": self.page_size}
            if cursor:
                params["cursor"] = cursor
            elif since:
                params["updated_since"] = since
            try:
                body = await self._get(params)
            except ApiError as exc:
                if exc.status != 422 or "cursor" not in params:
                    raise
                # The server no longer knows our cursor (e.g. its database was replaced):
                # fall back to the time watermark; upserts are idempotent.
                log.warning("kb sync: server rejected the saved cursor; using updated_since")
                cursor = None
                await asyncio.to_thread(store.set_meta, META_CURSOR, None)
                continue
            raw_items = body.get("articles", body.get("items", []))
            try:
                articles = [KbArticle.model_validate(item) for item in raw_items]
            except ValidationError as exc:
                raise ApiError(200, _problem_from(f"malformed article in sync page: {exc}")) \
                    from exc
            up, rm = await asyncio.to_thread(store.apply, articles)
            upserted += up
            removed += rm
            received += len(articles)
            if articles:
                newest = max(articles, key=lambda a: _aware(a.updated_at))
                since = _aware(newest.updated_at).isoformat()
            cursor = body.get("next_cursor") or cursor
            # Saved after each page: an interrupted sync resumes where it stopped.
            await asyncio.to_thread(store.set_meta, META_CURSOR, cursor)
            await asyncio.to_thread(store.set_meta, META_SINCE, since)
            total = body.get("total")
            if total is None and body.get("remaining") is not None:
                total = received + int(body["remaining"])
            if progress:
                progress(received, int(total) if total is not None else None)
            more = body.get("has_more")
            if not articles or (more is False) or (more is None and not body.get("next_cursor")):
                break
        finished = datetime.now(timezone.utc)
        await asyncio.to_thread(store.set_meta, META_LAST, finished.isoformat())
        log.info("kb sync: %d received, %d upserted, %d removed", received, upserted, removed)
        return SyncReport(received, upserted, removed, full, finished)

    async def _get(self, params: dict) -> dict:
        body = (await request(self.http, "GET", ARTICLES_PATH, params=params)).json()
        if isinstance(body, list):  # a bare list: one page, no cursor
            return {"articles": body, "next_cursor": None}
        return body


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _problem_from(detail: str):
    from agent_desktop.domain import Problem

    return Problem(title="Bad sync response", status=200, detail=detail[:500])
