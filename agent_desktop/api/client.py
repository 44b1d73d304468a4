"""The desktop's client of the hotline server API (DESIGN §3), over httpx.

Every failure becomes one of two exceptions a caller can act on:
- `ServerUnreachable`: the request may not have arrived (network down, timeout, 5xx,
  429). Retrying the same request with the same Idempotency-Key is safe.
- `ApiError`: the server understood and refused (4xx). Carries the RFC 9457 problem,
  including per-field errors on 422, so the form can put them on its fields.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx

from agent_desktop.domain import Catalog, Department, Event, Problem, Token, WorkOrder, WorkOrderIn
from agent_desktop.domain.models import RepeatCheck, WorkOrderTransition

log = logging.getLogger(__name__)

API = "/api/v1"
RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}


class ApiError(Exception):
    """The server refused the request; retrying the same request will not help."""

    def __init__(self, status: int, problem: Problem) -> None:
        super().__init__(f"{status} {problem.title}: {problem.detail}".rstrip(": "))
        self.status = status
        self.problem = problem

    @property
    def unauthorized(self) -> bool:
        return self.status == 401


class ServerUnreachable(Exception):
    """The request did not get a definite answer; it may be retried unchanged."""


def _problem(response: httpx.Response) -> Problem:
    try:
        body = response.json()
        if isinstance(body, dict) and "title" in body:
            body.setdefault("status", response.status_code)
            return Problem.model_validate(body)
    except (json.JSONDecodeError, ValueError):
        pass
    return Problem(title=response.reason_phrase or "Error", status=response.status_code,
                   detail=response.text[:500])


async def request(http: httpx.AsyncClient, method: str, path: str, **kwargs: Any
                  ) -> httpx.Response:
    """One request on an httpx client, with every failure mapped to `ServerUnreachable`
    (retry unchanged) or `ApiError` (the server refused). Shared by every package that
    talks to the server through the session's authenticated client."""
    try:
        response = await http.request(method, path, **kwargs)
    except httpx.TransportError as exc:
        raise ServerUnreachable(f"{type(exc).__name__}: {exc or 'no answer'}") from exc
    if response.status_code in RETRYABLE_STATUS:
        raise ServerUnreachable(f"server answered {response.status_code}")
    if response.status_code >= 400:
        raise ApiError(response.status_code, _problem(response))
    return response


class HotlineClient:
    """Typed async access to one hotline server. Keeps the bearer token in memory only;
    `agent_desktop.api.credentials` decides where it is persisted."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        verify: bool | str = True,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            verify=verify,
            transport=transport,
            headers={"Accept": "application/json"},
        )
        self.token: Token | None = None
        self._catalog: Catalog | None = None
        self._catalog_etag: str | None = None

    @property
    def http(self) -> httpx.AsyncClient:
        """The authenticated httpx client, for packages that sync their own resources."""
        return self._http

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- plumbing --------------------------------------------------------------------

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await request(self._http, method, path, **kwargs)

    def set_token(self, token: Token | None) -> None:
        self.token = token
        if token:
            self._http.headers["Authorization"] = f"Bearer {token.access_token}"
        else:
            self._http.headers.pop("Authorization", None)

    # --- endpoints -------------------------------------------------------------------

    async def health(self) -> dict:
        return (await self._request("GET", "/healthz")).json()

    async def login(self, username: str, password: str) -> Token:
        r = await self._request("POST", f"{API}/auth/token",
                                json={"username": username, "password": password})
        token = Token.model_validate(r.json())
        self.set_token(token)
        return token

    async def catalog(self) -> Catalog:
        """The matter catalog; revalidated with its ETag, so a repeat call costs a 304."""
        headers = {"If-None-Match": self._catalog_etag} if self._catalog_etag else {}
        r = await self._request("GET", f"{API}/catalog", headers=headers)
        if r.status_code == 304 and self._catalog is not None:
            return self._catalog
        self._catalog = Catalog.model_validate(r.json())
        self._catalog_etag = r.headers.get("ETag")
        return self._catalog

    async def departments(self) -> list[Department]:
        r = await self._request("GET", f"{API}/departments")
        return [Department.model_validate(d) for d in r.json()]

    async def create_work_order(self, order: WorkOrderIn | dict, idempotency_key: str) -> WorkOrder:
        body = order.model_dump(mode="json") if isinstance(order, WorkOrderIn) else order
        try:
            r = await self._request("POST", f"{API}/work-orders", json=body,
                                    headers={"Idempotency-Key": idempotency_key})
        except ApiError as exc:
            if exc.status == 409:  # the same key is still being processed: try again
                raise ServerUnreachable("the server is still storing this order") from exc
            raise
        return WorkOrder.model_validate(r.json())

    async def work_orders(self, **filters: Any) -> list[WorkOrder]:
        params = {k: v for k, v in filters.items() if v is not None}
        r = await self._request("GET", f"{API}/work-orders", params=params)
        body = r.json()
        items = body["items"] if isinstance(body, dict) else body
        return [WorkOrder.model_validate(o) for o in items]

    async def refresh_token(self) -> Token:
        """Swap the live token for a fresh one (the old one stops working)."""
        r = await self._request("POST", f"{API}/auth/refresh")
        token = Token.model_validate(r.json())
        self.set_token(token)
        return token

    async def sign_out(self) -> None:
        """Revoke this token on the server (it stops working everywhere at once)."""
        await self._request("POST", f"{API}/auth/sign-out")

    async def work_order(self, order_id: int) -> WorkOrder:
        r = await self._request("GET", f"{API}/work-orders/{order_id}")
        return WorkOrder.model_validate(r.json())

    async def work_order_history(self, order_id: int) -> list[WorkOrderTransition]:
        r = await self._request("GET", f"{API}/work-orders/{order_id}/history")
        return [WorkOrderTransition.model_validate(t) for t in r.json()]

    async def repeat_check(self, phone: str, *, matter_code: str = "", district_code: str = "",
                           street_code: str = "") -> RepeatCheck:
        """The caller's orders of the last 90 days with likely repeats flagged (the
        server owns the rule: same matter at the same place)."""
        params = {k: v for k, v in (("phone", phone), ("matter_code", matter_code),
                                    ("district_code", district_code),
                                    ("street_code", street_code)) if v}
        r = await self._request("GET", f"{API}/work-orders/repeat-check", params=params)
        return RepeatCheck.model_validate(r.json())

    async def put_agent_state(self, state: dict) -> None:
        """Report the operator's telephony state ({"state": …, "reason": …})."""
        await self._request("PUT", f"{API}/agents/me/state", json=state)

    async def put_acd_seat(self, sip_user: str, skills: list[str]) -> bool:
        """Tell the hotline's queue where calls reach this operator; False when the
        server distributes no calls."""
        try:
            await self._request("PUT", f"{API}/acd/me",
                                json={"sip_user": sip_user, "skills": skills})
        except ApiError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    async def events(self, last_event_id: int | None = None,
                     on_connected=None) -> AsyncIterator[Event]:
        """Follow the server's live event stream (SSE) until the connection ends;
        `on_connected()` is called once the server has accepted the stream."""
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        try:
            async with self._http.stream("GET", f"{API}/events", headers=headers,
                                         timeout=httpx.Timeout(10.0, read=60.0)) as r:
                if r.status_code >= 400:
                    await r.aread()
                    if r.status_code in RETRYABLE_STATUS:
                        raise ServerUnreachable(f"server answered {r.status_code}")
                    raise ApiError(r.status_code, _problem(r))
                if on_connected is not None:
                    on_connected()
                data: list[str] = []
                async for line in r.aiter_lines():
                    if line.startswith("data:"):
                        data.append(line[5:].lstrip())
                    elif not line and data:
                        yield Event.model_validate_json("\n".join(data))
                        data = []
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"{type(exc).__name__}: {exc or 'stream ended'}") from exc
