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
