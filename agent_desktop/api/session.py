"""One operator's session with the hotline server: sign-in, reference data, the outbox
and the live connection, as one asyncio service the UI adapts.

The session keeps working when the server is down: the catalog and departments of the
last successful start are cached in the data dir, work orders wait in the outbox, and
the live-events follower reconnects by itself (and wakes the outbox when the server
is back).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from agent_desktop.domain import Catalog, Department, Event, Token, WorkOrder, WorkOrderIn
from agent_desktop.signals import Signal

from .client import ApiError, HotlineClient, ServerUnreachable
from .credentials import CredentialStore
from .outbox import Outbox, backoff_delay

log = logging.getLogger(__name__)

WORK_ORDER = "work_order"
RECONNECT_CAP_S = 30.0  # the longest wait between two tries to reach the server
REFRESH_MARGIN_S = 600.0  # swap the token this long before it expires
REFRESH_RETRY_S = 60.0
DEMO_OPERATOR = ("operator1", "operator1-demo")


class Link(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass
class LinkState:
    link: Link
    detail: str = ""
    since: float = 0.0
    retry_at: float | None = None  # time.monotonic() of the next reconnect attempt


class Session:
    def __init__(self, client: HotlineClient, credentials: CredentialStore, data_dir: Path) -> None:
        self.client = client
        self.credentials = credentials
        self.data_dir = data_dir
        self.cache_dir = data_dir / "cache"
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.outbox = Outbox(data_dir / "outbox.sqlite3", self._send)
        self.catalog: Catalog | None = None
        self.departments: list[Department] = []
        self.link = LinkState(Link.CONNECTING, since=time.monotonic())
        self.link_changed = Signal()  # (LinkState)
        self.event_received = Signal()  # (Event)
        self.reference_loaded = Signal()  # (from_cache: bool)
        # (str reason) the server refused our token: sign in again, then `resume()`.
        self.sign_in_required = self.outbox.paused
        self._follower: asyncio.Task | None = None
        self._refresher: asyncio.Task | None = None
        self.token_expires: datetime | None = None  # of the token in use
        self._wake = asyncio.Event()  # set by reconnect_now() to cut the backoff short
        self._failures = 0
        self._last_event_id: int | None = None
        self.outbox.reachability_changed.connect(
            lambda ok, detail: self._set_link(Link.ONLINE if ok else Link.OFFLINE, detail))

    @property
    def user(self):
        return self.client.token.user if self.client.token else None

    # --- sign-in ---------------------------------------------------------------------

    def _token_key(self, username: str) -> str:
        return self.credentials.key(self.client.base_url, username)

    async def login(self, username: str, password: str) -> Token:
        token = await self.client.login(username, password)
        self._keep(token)
        self._set_link(Link.ONLINE)
        return token

    def _keep(self, token: Token) -> None:
        """Remember a token the server just issued (keyring) and when it expires."""
        self.token_expires = datetime.now(UTC) + timedelta(seconds=token.expires_in)
        self.credentials.set(self._token_key(token.user.username),
                             json.dumps({"token": token.model_dump(mode="json"),
                                         "expires": self.token_expires.isoformat()}))

    async def _keep_token_fresh(self) -> None:
        """A shift can outlast a token: swap it for a fresh one before it expires, without
        the password. Offline, try again shortly; refused, ask to sign in again."""
        while True:
            if self.token_expires is None or self.client.token is None:
                await asyncio.sleep(REFRESH_RETRY_S)
                continue
            due = self.token_expires - timedelta(seconds=REFRESH_MARGIN_S)
            await asyncio.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()))
            try:
                self._keep(await self.client.refresh_token())
                log.info("access token refreshed; valid until %s", self.token_expires)
            except ServerUnreachable as exc:
                log.info("token refresh postponed: %s", exc)
                await asyncio.sleep(REFRESH_RETRY_S)
            except ApiError as exc:
                if exc.unauthorized:
                    self.token_expires = None
                    self.outbox.pause(str(exc))  # → sign_in_required
                await asyncio.sleep(REFRESH_RETRY_S)

    def restore(self, username: str) -> bool:
        """Reuse a saved, unexpired token for `username` (no network)."""
        raw = self.credentials.get(self._token_key(username))
        if not raw:
            return False
        saved = json.loads(raw)
        if datetime.fromisoformat(saved["expires"]) <= datetime.now(UTC) + timedelta(minutes=5):
            self.credentials.delete(self._token_key(username))
            return False
        self.client.set_token(Token.model_validate(saved["token"]))
        self.token_expires = datetime.fromisoformat(saved["expires"])
        return True

    async def sign_in_again(self, username: str, password: str) -> Token:
        """After `sign_in_required`: a fresh token, then the waiting orders go out."""
        token = await self.login(username, password)
        self.outbox.resume()
        return token

    async def sign_out(self) -> None:
        """Revoke the token on the server (best effort: offline, it just expires) and
        forget it here."""
        if self.client.token is not None:
            try:
                await self.client.sign_out()
            except (ServerUnreachable, ApiError) as exc:
                log.info("sign-out not confirmed by the server: %s", exc)
        self.forget()

    def forget(self) -> None:
        if self.user:
            self.credentials.delete(self._token_key(self.user.username))
        self.client.set_token(None)

    # --- reference data --------------------------------------------------------------

    async def load_reference(self) -> bool:
        """Fetch catalog and departments; fall back to the last cached copy offline.
        Returns True if fresh from the server. Raises ServerUnreachable if neither."""
        try:
            self.catalog = await self.client.catalog()
            self.departments = await self.client.departments()
        except ServerUnreachable:
            if not self._load_cache():
                raise
            self.reference_loaded.emit(True)
            return False
        (self.cache_dir / "catalog.json").write_text(self.catalog.model_dump_json(),
                                                     encoding="utf-8")
        (self.cache_dir / "departments.json").write_text(
            json.dumps([d.model_dump(mode="json") for d in self.departments],
                       ensure_ascii=False), encoding="utf-8")
        self.reference_loaded.emit(False)
        return True

    def load_cached_reference(self) -> bool:
        """Catalog and departments from the last successful start (no network), so the
        window can open before the server answers. False on a PC that has none yet."""
        loaded = self._load_cache()
        if loaded:
            self.reference_loaded.emit(True)
        return loaded

    def _load_cache(self) -> bool:
        cat, deps = self.cache_dir / "catalog.json", self.cache_dir / "departments.json"
        if not (cat.exists() and deps.exists()):
            return False
        self.catalog = Catalog.model_validate_json(cat.read_bytes())
        self.departments = [Department.model_validate(d) for d in json.loads(deps.read_bytes())]
        return True

    # --- work orders -----------------------------------------------------------------

    def submit(self, order: WorkOrderIn, idempotency_key: str | None = None):
        """Queue a work order; it is on disk when this returns. Watch
        `outbox.item_changed` for the server's number (or its refusal)."""
        return self.outbox.enqueue(WORK_ORDER, order.model_dump(mode="json"), idempotency_key)

    async def _send(self, kind: str, payload: dict, key: str) -> dict:
        if kind != WORK_ORDER:
            raise ValueError(f"unknown outbox kind {kind!r}")
        order: WorkOrder = await self.client.create_work_order(payload, key)
        return order.model_dump(mode="json")

    # --- live connection -------------------------------------------------------------

    def start(self) -> None:
        """Start sending the outbox and following the live event stream."""
        self.outbox.start()
        if self._refresher is None:
            self._refresher = asyncio.get_running_loop().create_task(self._keep_token_fresh(),
                                                                      name="token refresh")
        if self._follower is None:
            self._follower = asyncio.get_running_loop().create_task(self._follow(),
                                                                     name="events")

    def reconnect_now(self) -> None:
        """The operator asked (立即重连): try the server now instead of after the backoff."""
        self._set_link(Link.CONNECTING, self.link.detail)
        self._wake.set()
        self.outbox.wake()

    def _connected(self) -> None:
        self._failures = 0
        if self.link.link != Link.ONLINE:
            self._set_link(Link.ONLINE)
            self.outbox.wake()  # orders that waited for the server go out now

    async def _follow(self) -> None:
        self._failures = 0
        while True:
            try:
                async for event in self.client.events(self._last_event_id,
                                                      on_connected=self._connected):
                    self._last_event_id = event.id
                    self.event_received.emit(event)
                # The stream ended without error (server shutting down): reconnect.
                raise ServerUnreachable("live stream closed")
            except ServerUnreachable as exc:
                self._failures += 1
                detail = str(exc)
            except ApiError as exc:
                self._failures += 1
                detail = exc.problem.title
                if exc.unauthorized:
                    self.outbox.pause(exc.problem.title)
            delay = backoff_delay(self._failures, 1.0, RECONNECT_CAP_S)
            self._set_link(Link.OFFLINE, detail, retry_at=time.monotonic() + delay)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), delay)
            except TimeoutError:
                pass
            if self.link.link == Link.OFFLINE:
                self._set_link(Link.CONNECTING, detail)

    async def probe(self) -> bool:
        """One health request, to show the link state before the stream says anything."""
        try:
            await self.client.health()
        except (ServerUnreachable, ApiError) as exc:
            self._set_link(Link.OFFLINE, str(exc))
            return False
        self._set_link(Link.ONLINE)
        return True

    def _set_link(self, link: Link, detail: str = "", retry_at: float | None = None) -> None:
        if link != self.link.link or detail != self.link.detail or retry_at is not None:
            self.link = LinkState(link, detail, time.monotonic(), retry_at)
            self.link_changed.emit(self.link)

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            self._refresher = None
        if self._follower:
            self._follower.cancel()
            try:
                await self._follower
            except (asyncio.CancelledError, Exception):
                pass
            self._follower = None
        await self.outbox.close()
        await self.client.aclose()


__all__ = ["Session", "Link", "LinkState", "WORK_ORDER", "DEMO_OPERATOR", "Event"]
