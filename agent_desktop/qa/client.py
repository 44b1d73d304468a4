"""The QA endpoints (`/api/v1/qa`) for the review window: recorded calls, forms,
evaluations. Errors are raised (ApiError with the problem, ServerUnreachable)."""

from __future__ import annotations

from typing import Any

from agent_desktop.api.client import API, request


class QaClient:
    def __init__(self, http) -> None:
        self.http = http  # the session's authenticated httpx client

    async def _json(self, method: str, path: str, **kw) -> Any:
        return (await request(self.http, method, f"{API}/qa{path}", **kw)).json()

    async def forms(self) -> list[dict[str, Any]]:
        return await self._json("GET", "/forms")

    async def calls(self) -> list[dict[str, Any]]:
        return await self._json("GET", "/calls")

    async def call(self, call_id: str) -> dict[str, Any]:
        return await self._json("GET", f"/calls/{call_id}")

    async def evaluations(self) -> list[dict[str, Any]]:
        return await self._json("GET", "/evaluations")

    async def start(self, call_id: str, form_id: str = "hotline-call") -> dict[str, Any]:
        return await self._json("POST", "/evaluations",
                                json={"call_id": call_id, "form_id": form_id})

    async def answer(self, evaluation_id: int, answers: dict[str, dict[str, Any]],
                     complete: bool = False) -> dict[str, Any]:
        return await self._json("PUT", f"/evaluations/{evaluation_id}",
                                json={"answers": answers, "complete": complete})

    async def acknowledge(self, evaluation_id: int) -> dict[str, Any]:
        return await self._json("POST", f"/evaluations/{evaluation_id}/acknowledge")

    async def agreement(self, form_id: str = "hotline-call") -> list[dict[str, Any]]:
        return await self._json("GET", "/agreement", params={"form_id": form_id})
