"""The trainee's side of training against the server: the scenarios to practise (as the
trainers keep them on the server) and handing in an attempt to the training sink
(`POST /training/attempts`), which scores it and keeps it for the trainer.

When the server cannot be reached the packaged scenarios are used and the attempt is
scored here, so the trainee still sees a result; the result then says it was not saved.
"""

from __future__ import annotations

import logging
from typing import Any

from agent_desktop.api.client import API, ApiError, ServerUnreachable, request

from .call import TrainingCall
from .scenarios import Scenario, load_all, parse_scenario
from .scoring import score

log = logging.getLogger(__name__)


def summary(s: Scenario) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "appeal_type": s.appeal_type,
            "difficulty": s.difficulty, "domain": s.domain_code}


class TrainingDesk:
    def __init__(self, http) -> None:
        self.http = http  # the session's authenticated httpx client

    async def scenarios(self) -> list[dict[str, Any]]:
        try:
            response = await request(self.http, "GET", f"{API}/training/scenarios")
            return list(response.json())
        except (ApiError, ServerUnreachable) as exc:
            log.warning("training scenarios from the server: %s; using the packaged ones", exc)
            return [summary(s) for s in load_all().values()]

    async def scenario(self, scenario_id: str) -> Scenario:
        try:
            response = await request(self.http, "GET", f"{API}/training/scenarios/{scenario_id}")
            return parse_scenario(response.json(), "server")
        except (ApiError, ServerUnreachable) as exc:
            log.warning("training scenario %s from the server: %s", scenario_id, exc)
            return load_all()[scenario_id]

    async def hand_in(self, call: TrainingCall, order) -> dict[str, Any]:
        """Score the attempt: {"total", "criteria", "saved": bool, ...}."""
        body = call.attempt(order)
        try:
            response = await request(self.http, "POST", f"{API}/training/attempts", json=body)
            return {**response.json(), "saved": True}
        except (ApiError, ServerUnreachable) as exc:
            log.warning("handing in the training attempt: %s; scored on this PC", exc)
            wrap_up = None
            if call.hung_up_at is not None:
                from datetime import datetime

                wrap_up = (datetime.fromisoformat(body["submitted_at"])
                           - call.hung_up_at).total_seconds()
            result = score(call.scenario, order, call.transcript(), wrap_up).to_dict()
            return {**result, "saved": False, "error": str(exc)}


class TrainerDesk:
    """The trainer's side: every trainee's attempts, overrides, and the scenarios as the
    server keeps them (add, change). Errors are raised (ApiError with the problem, or
    ServerUnreachable) for the view to say."""

    def __init__(self, http) -> None:
        self.http = http

    async def _json(self, method: str, path: str, **kw) -> Any:
        return (await request(self.http, method, f"{API}/training{path}", **kw)).json()

    async def attempts(self, trainee: str | None = None,
                       scenario_id: str | None = None) -> list[dict[str, Any]]:
        params = {k: v for k, v in (("trainee", trainee), ("scenario_id", scenario_id)) if v}
        return await self._json("GET", "/attempts", params=params)

    async def override(self, attempt_id: int, criterion: str, score: float,
                       comment: str) -> dict[str, Any]:
        return await self._json("POST", f"/attempts/{attempt_id}/overrides",
                                json={"criterion": criterion, "score": score,
                                      "comment": comment})

    async def scenarios(self) -> list[dict[str, Any]]:
        return await self._json("GET", "/scenarios")

    async def scenario(self, scenario_id: str) -> dict[str, Any]:
        return await self._json("GET", f"/scenarios/{scenario_id}")

    async def save_scenario(self, data: dict[str, Any], new: bool) -> dict[str, Any]:
        if new:
            return await self._json("POST", "/scenarios", json=data)
        return await self._json("PUT", f"/scenarios/{data.get('id', '')}", json=data)
