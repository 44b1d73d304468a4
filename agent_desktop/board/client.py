"""The server calls of the lead's board, on the session's authenticated httpx client."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from agent_desktop.api.client import API, ApiError, request
from agent_desktop.domain.models import Agent, WorkOrder, WorkOrderTransition

# Statuses in which an order runs against its resolve deadline.
OPEN_STATUSES = ("submitted", "dispatched", "signed", "in_progress", "returned")


class BoardClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        return (await request(self.http, method, f"{API}{path}", **kwargs)).json()

    async def agents(self) -> list[Agent]:
        return [Agent.model_validate(a) for a in await self._call("GET", "/agents")]

    async def queue(self) -> dict[str, Any] | None:
        """The call queue now (`GET /queue`); None when the server runs no ACD."""
        try:
            return await self._call("GET", "/queue")  # type: ignore[no-any-return]
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    async def orders_due_before(self, before: datetime, limit: int = 500) -> list[WorkOrder]:
        params = {"due_before": before.isoformat(), "status": list(OPEN_STATUSES),
                  "limit": limit}
        return [WorkOrder.model_validate(o)
                for o in await self._call("GET", "/work-orders", params=params)]

    async def orders_created_since(self, day: str, pages: int = 4) -> list[datetime]:
        """When today's orders were taken (newest first), for the intake chart."""
        out: list[datetime] = []
        for page in range(pages):
            batch = await self._call("GET", "/work-orders", params={
                "date_from": day, "limit": 500, "offset": 500 * page})
            out += [datetime.fromisoformat(o["created_at"]) for o in batch]
            if len(batch) < 500:
                break
        return out

    async def live_calls(self) -> list[dict[str, Any]]:
        """Calls in progress with their last words (`GET /calls`)."""
        return await self._call("GET", "/calls")  # type: ignore[no-any-return]

    async def hot_topics(self, hours: int = 24) -> list[dict[str, Any]]:
        return await self._call("GET", "/hot-topics", params={"hours": hours})  # type: ignore

    async def link_topic(self, topic_id: str) -> dict[str, Any]:
        return await self._call("POST", f"/hot-topics/{topic_id}/link")  # type: ignore

    async def order(self, order_id: int) -> WorkOrder:
        return WorkOrder.model_validate(await self._call("GET", f"/work-orders/{order_id}"))

    async def push_notice(self, text: str, hot_topic_id: str | None = None) -> dict[str, Any]:
        return await self._call("POST", "/notices",  # type: ignore[no-any-return]
                                json={"text": text, "hot_topic_id": hot_topic_id})

    async def supervise(self, order_id: int, note: str) -> WorkOrder:
        return WorkOrder.model_validate(await self._call(
            "POST", f"/work-orders/{order_id}/actions/supervise", json={"note": note}))

    async def approve_extension(self, order_id: int, comment: str = "") -> WorkOrder:
        return WorkOrder.model_validate(await self._call(
            "POST", f"/work-orders/{order_id}/actions/approve_extension",
            json={"comment": comment}))

    async def history(self, order_id: int) -> list[WorkOrderTransition]:
        return [WorkOrderTransition.model_validate(t)
                for t in await self._call("GET", f"/work-orders/{order_id}/history")]
