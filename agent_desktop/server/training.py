"""Training on the server: the scenarios trainers keep, and the training sink.

- Scenarios (`/training/scenarios`) are seeded from the packaged ones
  (resources/training/scenarios) the first time they are asked for; trainers, leads and
  admins add and change them (checked like the packaged ones: catalog codes, divisions,
  lines the caller needs → 422 with every problem named). Trainees (operators) read them.
- Attempts (`/training/attempts`) are the training sink: a practice call's order,
  transcript and times, scored here (training.scoring) and kept for the trainer. An
  attempt never becomes a work order and raises no event: nothing reaches the live queue,
  departments or the board. A trainee reads their own attempts; trainers, leads and
  admins read every attempt and may override a criterion's score with a comment (the
  original score is kept beside it).

Training data is not citizens' data: scenarios and training orders are made up.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from typing import Annotated, Any, Literal, get_type_hints

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field, create_model
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from agent_desktop.domain.models import FieldError, User, WorkOrderIn, _Model
from agent_desktop.training import scoring
from agent_desktop.training.scenarios import (
    ScenarioError,
    load_all,
    parse_scenario,
    problems,
)

from .auth import require_role
from .policy import TRAINEES, TRAINERS
from .problems import ProblemError, forbidden, invalid_fields, not_found
from .state import ServerState, get_state
from .tables import TrainingAttemptRow, TrainingScenarioRow

log = logging.getLogger(__name__)

SCENARIO_ID = r"^[A-Za-z0-9_.-]{1,80}$"


class ScenarioSummary(_Model):
    id: str
    title: str
    appeal_type: str
    difficulty: str
    domain: str
    updated_by: str = ""


class SegmentIn(_Model):
    speaker: Literal["operator", "caller", "agent"]
    text: str = Field(max_length=2000)
    start: float = Field(ge=0, le=24 * 3600)
    end: float = Field(ge=0, le=24 * 3600)


class AttemptIn(_Model):
    scenario_id: str = Field(pattern=SCENARIO_ID)
    order: WorkOrderIn
    transcript: list[SegmentIn] = Field(default_factory=list, max_length=600)
    started_at: datetime
    ended_at: datetime  # hang-up
    submitted_at: datetime


def _model_of(dc: type, model_name: str, /, **extra: Any) -> type[_Model]:
    """A response model with the fields of the dataclass `dc` (so the API and the scorer
    cannot drift apart), after `extra` ones."""
    hints = get_type_hints(dc)
    return create_model(model_name, __base__=_Model, **extra, **{
        f.name: (hints[f.name], ... if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(dc)})


CriterionOut = _model_of(scoring.Criterion, "CriterionOut",
                         name=(str, Field(description="the criterion's id")))


class Attempt(_Model):
    id: int
    scenario_id: str
    trainee: str
    created_at: datetime
    total: float
    criteria: list[CriterionOut]
    talk_seconds: float | None = None
    wrap_up_seconds: float | None = None


class OverrideIn(_Model):
    criterion: str = Field(min_length=1, max_length=40)
    score: float = Field(ge=0, le=100)
    comment: str = Field(min_length=1, max_length=500)


# --- scenarios ---------------------------------------------------------------------------

def _summary(data: dict[str, Any], updated_by: str = "") -> ScenarioSummary:
    order = data.get("expected_order", {})
    return ScenarioSummary(id=data["id"], title=data.get("title", ""),
                           appeal_type=str(order.get("appeal_type", "")),
                           difficulty=data.get("difficulty", ""),
                           domain=str(order.get("matter_code", ""))[:2], updated_by=updated_by)


def _seed(state: ServerState) -> None:
    """The packaged scenarios, the first time the table is read empty."""
    with state.db.read() as session:
        if session.scalars(select(TrainingScenarioRow.id).limit(1)).first() is not None:
            return
    now = state.clock()
    try:
        with state.db.write() as session:
            for scenario in load_all().values():
                session.add(TrainingScenarioRow(id=scenario.id, data=scenario.raw or {},
                                                updated_at=now, updated_by="packaged"))
    except IntegrityError:  # another instance seeded them at the same moment
        log.info("training scenarios were seeded by another instance")


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    try:
        scenario = parse_scenario(data, "request")
    except ScenarioError as exc:
        raise invalid_fields([FieldError(field="(body)", message=str(exc))]) from None
    found = problems(scenario)
    if found:
        raise invalid_fields([FieldError(field="(body)", message=p) for p in found])
    return data


def _scenario_row(state: ServerState, scenario_id: str) -> TrainingScenarioRow:
    _seed(state)
    with state.db.read() as session:
        row = session.get(TrainingScenarioRow, scenario_id)
        if row is None:
            raise not_found(f"There is no training scenario {scenario_id}.")
        session.expunge(row)
        return row


# --- attempts ----------------------------------------------------------------------------

def _attempt_out(row: TrainingAttemptRow) -> Attempt:
    return Attempt(id=row.id, scenario_id=row.scenario_id, trainee=row.trainee,
                   created_at=row.created_at, total=row.total,
                   criteria=row.result.get("criteria", []),
                   talk_seconds=row.attempt.get("talk_seconds"),
                   wrap_up_seconds=row.attempt.get("wrap_up_seconds"))


def _result_from(data: dict[str, Any]) -> scoring.ScoreResult:
    return scoring.ScoreResult(data["scenario_id"], tuple(
        scoring.Criterion(**{k: v for k, v in c.items() if k != "name"})
        for c in data["criteria"]))


def _visible(user: User, row: TrainingAttemptRow) -> None:
    if user.role not in TRAINERS and row.trainee != user.username:
        raise forbidden("A trainee reads their own attempts only.")


# --- endpoints ---------------------------------------------------------------------------

router = APIRouter(prefix="/training", tags=["training"])
_State = Annotated[ServerState, Depends(get_state)]
_Trainee = Annotated[User, Depends(require_role(*TRAINEES))]
_Trainer = Annotated[User, Depends(require_role(*TRAINERS))]
_ScenarioId = Annotated[str, Path(pattern=SCENARIO_ID)]
_AttemptId = Annotated[int, Path(ge=1, le=2**62)]
_NOT_FOUND = {404: {"description": "no such scenario or attempt"}}


@router.get("/scenarios", response_model=list[ScenarioSummary],
            summary="Training scenarios (operator, trainer, lead, admin)")
def list_scenarios(state: _State, _user: _Trainee) -> list[ScenarioSummary]:
    _seed(state)
    with state.db.read() as session:
        rows = session.scalars(select(TrainingScenarioRow).order_by(TrainingScenarioRow.id))
        return [_summary(r.data, r.updated_by) for r in rows]


@router.get("/scenarios/{scenario_id}", summary="One scenario, with its expected order",
            responses=_NOT_FOUND)
def get_scenario(scenario_id: _ScenarioId, state: _State, _user: _Trainee) -> dict[str, Any]:
    return _scenario_row(state, scenario_id).data


@router.post("/scenarios", status_code=201, response_model=ScenarioSummary,
             summary="Add a scenario (trainer, lead, admin)",
             responses={409: {"description": "a scenario with this id exists"}})
def add_scenario(body: dict[str, Any], state: _State, user: _Trainer) -> ScenarioSummary:
    data = _checked(body)
    _seed(state)
    with state.db.write() as session:
        if session.get(TrainingScenarioRow, data["id"]) is not None:
            raise ProblemError(409, "Scenario exists",
                               f"A scenario {data['id']} exists; change it with PUT.",
                               slug="conflict")
        session.add(TrainingScenarioRow(id=data["id"], data=data, updated_at=state.clock(),
                                        updated_by=user.username))
    return _summary(data, user.username)


@router.put("/scenarios/{scenario_id}", response_model=ScenarioSummary,
            summary="Change a scenario (trainer, lead, admin)", responses=_NOT_FOUND)
def change_scenario(scenario_id: _ScenarioId, body: dict[str, Any], state: _State,
                    user: _Trainer) -> ScenarioSummary:
    if body.get("id", scenario_id) != scenario_id:
        raise invalid_fields([FieldError(field="id", message="与地址中的场景编号不一致")])
    data = _checked({**body, "id": scenario_id})
    _scenario_row(state, scenario_id)
    with state.db.write() as session:
        row = session.get(TrainingScenarioRow, scenario_id)
        row.data, row.updated_at, row.updated_by = data, state.clock(), user.username
    return _summary(data, user.username)


@router.post("/attempts", status_code=201, response_model=Attempt,
             summary="Hand in a practice call: scored, kept for the trainer, never a work order",
             responses=_NOT_FOUND)
def hand_in(body: AttemptIn, state: _State, user: _Trainee) -> Attempt:
    row = _scenario_row(state, body.scenario_id)
    scenario = parse_scenario(row.data, "server")
    wrap_up = max(0.0, (body.submitted_at - body.ended_at).total_seconds())
    segments = [s.model_dump() | {"speaker": "operator" if s.speaker == "agent" else s.speaker}
                for s in body.transcript]
    result = scoring.score(scenario, body.order, {"segments": segments} if segments else None,
                           wrap_up)
    talk = max(0.0, (body.ended_at - body.started_at).total_seconds())
    attempt = {**body.model_dump(mode="json"), "talk_seconds": talk, "wrap_up_seconds": wrap_up}
    with state.db.write() as session:
        saved = TrainingAttemptRow(scenario_id=scenario.id, trainee=user.username,
                                   created_at=state.clock(), total=result.total,
                                   result=result.to_dict(), attempt=attempt)
        session.add(saved)
        session.flush()
        return _attempt_out(saved)


@router.get("/attempts", response_model=list[Attempt],
            summary="Attempts: a trainee's own; trainers, leads and admins see all")
def list_attempts(
    state: _State, user: _Trainee,
    trainee: Annotated[str | None, Query(max_length=64)] = None,
    scenario_id: Annotated[str | None, Query(pattern=SCENARIO_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[Attempt]:
    query = select(TrainingAttemptRow).order_by(TrainingAttemptRow.id.desc()).limit(limit)
    if user.role not in TRAINERS:
        query = query.where(TrainingAttemptRow.trainee == user.username)
    elif trainee:
        query = query.where(TrainingAttemptRow.trainee == trainee)
    if scenario_id:
        query = query.where(TrainingAttemptRow.scenario_id == scenario_id)
    with state.db.read() as session:
        return [_attempt_out(r) for r in session.scalars(query)]


@router.get("/attempts/{attempt_id}", response_model=Attempt, summary="One attempt",
            responses=_NOT_FOUND)
def get_attempt(attempt_id: _AttemptId, state: _State, user: _Trainee) -> Attempt:
    with state.db.read() as session:
        row = session.get(TrainingAttemptRow, attempt_id)
        if row is None:
            raise not_found(f"There is no attempt {attempt_id}.")
        _visible(user, row)
        return _attempt_out(row)


@router.post("/attempts/{attempt_id}/overrides", response_model=Attempt,
             summary="A trainer's score for one criterion, with a comment (trainer, lead, admin)",
             responses=_NOT_FOUND)
def override(attempt_id: _AttemptId, body: OverrideIn, state: _State,
             user: _Trainer) -> Attempt:
    with state.db.write() as session:
        row = session.get(TrainingAttemptRow, attempt_id, with_for_update=True)
        if row is None:
            raise not_found(f"There is no attempt {attempt_id}.")
        result = _result_from(row.result)
        if body.criterion not in {c.id for c in result.criteria}:
            raise invalid_fields([FieldError(field="criterion", message="没有这个评分项")])
        try:
            result = scoring.override(result, body.criterion, body.score, body.comment,
                                      user.username)
        except ValueError as exc:
            raise invalid_fields([FieldError(field="score", message=str(exc))]) from None
        row.result, row.total = result.to_dict(), result.total
        session.flush()
        return _attempt_out(row)
