"""Quality evaluation (质检) of recorded calls.

Each call the workspace reports (live_calls: started, each final utterance, ended) is kept
as a call record, so it can be evaluated after it ended, with the work order(s) taken on
it (the order's `call_id`). A lead or admin opens an evaluation of a call against a form
(resources/qa/forms): the questions the rules can answer from the transcript and the
order come pre-filled with their evidence (agent_desktop.qa.auto); the reviewer confirms
or changes each, answers the rest and completes it; the evaluated operator reads it and
acknowledges. `GET /qa/agreement` says per question how often the reviewers kept the
automatic answer.

Who sees what (policy.py): leads and admins every call and evaluation; an operator their
own; departments and trainers none — a call's words are citizens' data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field
from sqlalchemy import select

from agent_desktop.domain.models import FieldError, User, WorkOrder, _Model
from agent_desktop.qa import agreement, auto_answers, evaluation_score, load_forms

from .auth import require_role
from .order_rows import to_model
from .policy import LEADS, QA_READERS, QA_REVIEWERS, order_for
from .problems import ProblemError, forbidden, invalid_fields, not_found
from .state import ServerState, get_state
from .tables import CallRecordRow, QaEvaluationRow, WorkOrderRow

MAX_SEGMENTS = 2000
CALL_ID = r"^[A-Za-z0-9_.:@-]{1,120}$"


# --- call records (written by live_calls as the workspace reports the call) -----------------

def record_call(state: ServerState, call_id: str, user: User, caller: str, ended: bool) -> None:
    now = state.clock()
    with state.db.write() as session:
        row = session.get(CallRecordRow, call_id, with_for_update=True)
        if row is None:
            session.add(CallRecordRow(call_id=call_id, operator=user.username, caller=caller,
                                      started_at=now, ended_at=now if ended else None,
                                      segments=[]))
            return
        if row.operator != user.username:
            raise forbidden(f"Call {call_id} was reported by another agent.")
        if ended:
            row.ended_at = now


def record_segment(state: ServerState, call_id: str, user: User, segment: dict[str, Any]
                   ) -> None:
    with state.db.write() as session:
        row = session.get(CallRecordRow, call_id, with_for_update=True)
        if row is None:  # the call's start was lost: keep its words all the same
            row = CallRecordRow(call_id=call_id, operator=user.username, caller="",
                                started_at=state.clock(), segments=[])
            session.add(row)
        elif row.operator != user.username:
            raise forbidden(f"Call {call_id} was reported by another agent.")
        if len(row.segments) < MAX_SEGMENTS:
            row.segments = [*row.segments, segment]


# --- models ------------------------------------------------------------------------------

class CallSummary(_Model):
    call_id: str
    operator: str
    started_at: datetime
    ended_at: datetime | None = None
    segments: int
    evaluated: bool = False


class CallRecord(_Model):
    call_id: str
    operator: str
    caller: str
    started_at: datetime
    ended_at: datetime | None = None
    segments: list[dict[str, Any]]
    orders: list[WorkOrder]


class AnswerIn(_Model):
    value: Literal["yes", "no", "na"] | float
    comment: str = Field("", max_length=500)


class EvaluationIn(_Model):
    call_id: str = Field(pattern=CALL_ID)
    form_id: str = Field("hotline-call", max_length=64)


class EvaluationUpdate(_Model):
    answers: dict[str, AnswerIn] = Field(default_factory=dict, max_length=200)
    complete: bool = False


class Evaluation(_Model):
    id: int
    call_id: str
    form_id: str
    operator: str
    reviewer: str
    status: str
    created_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None = None
    score: float | None = None
    failed_critical: list[str] = []
    unanswered: list[str] = []
    answers: dict[str, dict[str, Any]]


# --- the service -------------------------------------------------------------------------

def _form(form_id: str):
    form = load_forms().get(form_id)
    if form is None:
        raise invalid_fields([FieldError(field="form_id", message=f"没有质检表 {form_id}")])
    return form


def _call(state: ServerState, user: User, call_id: str) -> CallRecord:
    now = state.clock()
    with state.db.read() as session:
        row = session.get(CallRecordRow, call_id)
        if row is None:
            raise not_found(f"There is no recorded call {call_id}.")
        if user.role not in QA_REVIEWERS and row.operator != user.username:
            raise forbidden("An operator reads their own calls only.")
        until = (row.ended_at or now) + timedelta(hours=2)
        candidates = session.scalars(select(WorkOrderRow).where(
            WorkOrderRow.created_by == row.operator,
            WorkOrderRow.created_at >= row.started_at - timedelta(minutes=1),
            WorkOrderRow.created_at <= until))
        orders = [order_for(user, to_model(o, now)) for o in candidates
                  if o.payload.get("call_id") == call_id]
        return CallRecord(call_id=row.call_id, operator=row.operator, caller=row.caller,
                          started_at=row.started_at, ended_at=row.ended_at,
                          segments=list(row.segments), orders=orders)


def _evaluation(row: QaEvaluationRow) -> Evaluation:
    scored = evaluation_score(_form(row.form_id), row.answers)
    return Evaluation(id=row.id, call_id=row.call_id, form_id=row.form_id,
                      operator=row.operator, reviewer=row.reviewer, status=row.status,
                      created_at=row.created_at, updated_at=row.updated_at,
                      acknowledged_at=row.acknowledged_at, score=row.score,
                      failed_critical=scored["failed_critical"],
                      unanswered=scored["unanswered"], answers=row.answers)


# --- endpoints ---------------------------------------------------------------------------

router = APIRouter(prefix="/qa", tags=["quality (QA)"])
_State = Annotated[ServerState, Depends(get_state)]
_Reader = Annotated[User, Depends(require_role(*QA_READERS))]
_Reviewer = Annotated[User, Depends(require_role(*QA_REVIEWERS))]
_EvaluationId = Annotated[int, Path(ge=1, le=2**62)]
_NOT_FOUND = {404: {"description": "no such call or evaluation"}}


@router.get("/forms", summary="QA forms (operator, lead, admin)")
def get_forms(_user: _Reader) -> list[dict[str, Any]]:
    return [f.to_dict() for f in load_forms().values()]


@router.get("/calls", response_model=list[CallSummary],
            summary="Recorded calls: leads and admins every one, an operator their own")
def get_calls(state: _State, user: _Reader,
              operator: Annotated[str | None, Query(max_length=64)] = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[CallSummary]:
    query = select(CallRecordRow).order_by(CallRecordRow.started_at.desc()).limit(limit)
    if user.role not in QA_REVIEWERS:
        query = query.where(CallRecordRow.operator == user.username)
    elif operator:
        query = query.where(CallRecordRow.operator == operator)
    with state.db.read() as session:
        rows = list(session.scalars(query))
        evaluated = set(session.scalars(select(QaEvaluationRow.call_id).where(
            QaEvaluationRow.call_id.in_([r.call_id for r in rows]))))
        return [CallSummary(call_id=r.call_id, operator=r.operator, started_at=r.started_at,
                            ended_at=r.ended_at, segments=len(r.segments),
                            evaluated=r.call_id in evaluated) for r in rows]


@router.get("/calls/{call_id}", response_model=CallRecord,
            summary="A recorded call: its transcript and the orders taken on it",
            responses=_NOT_FOUND)
def get_call(call_id: Annotated[str, Path(pattern=CALL_ID)], state: _State,
             user: _Reader) -> CallRecord:
    return _call(state, user, call_id)


@router.post("/evaluations", status_code=201, response_model=Evaluation,
             summary="Evaluate a call: the answers the rules can give come pre-filled "
                     "(lead, admin)", responses=_NOT_FOUND)
def start_evaluation(body: EvaluationIn, state: _State, user: _Reviewer) -> Evaluation:
    form = _form(body.form_id)
    call = _call(state, user, body.call_id)
    order = call.orders[0].model_dump(mode="json") if call.orders else None
    answers = {qid: {"value": a["value"], "auto": a["value"], "evidence": a["evidence"],
                     "comment": "", "by": "auto", "reviewed": False}
               for qid, a in auto_answers(form, call.segments, order).items()}
    now = state.clock()
    with state.db.write() as session:
        row = QaEvaluationRow(call_id=call.call_id, form_id=form.id, operator=call.operator,
                              reviewer=user.username, status="draft", created_at=now,
                              updated_at=now, answers=answers,
                              score=evaluation_score(form, answers)["score"])
        session.add(row)
        session.flush()
        return _evaluation(row)


@router.put("/evaluations/{evaluation_id}", response_model=Evaluation,
            summary="Answer, confirm or change questions; complete (lead, admin)",
            responses={**_NOT_FOUND, 409: {"description": "already acknowledged"}})
def update_evaluation(evaluation_id: _EvaluationId, body: EvaluationUpdate, state: _State,
                      user: _Reviewer) -> Evaluation:
    with state.db.write() as session:
        row = session.get(QaEvaluationRow, evaluation_id, with_for_update=True)
        if row is None:
            raise not_found(f"There is no evaluation {evaluation_id}.")
        if row.status == "acknowledged":
            raise ProblemError(409, "Acknowledged", "The operator has acknowledged this "
                               "evaluation; it can no longer change.", slug="conflict")
        form = _form(row.form_id)
        answers = dict(row.answers)
        errors = []
        for qid, given in body.answers.items():
            question = next((q for q in form.questions if q.id == qid), None)
            if question is None or not question.accepts(given.value):
                errors.append(FieldError(field=f"answers.{qid}", message="没有这个问题或答案不合规"))
                continue
            answers[qid] = {**answers.get(qid, {"auto": None, "evidence": ""}),
                            "value": given.value, "comment": given.comment,
                            "by": user.username, "reviewed": True}
        if errors:
            raise invalid_fields(errors)
        scored = evaluation_score(form, answers)
        if body.complete and scored["unanswered"]:
            raise invalid_fields([FieldError(field=f"answers.{q}", message="尚未作答")
                                  for q in scored["unanswered"]])
        row.answers, row.score = answers, scored["score"]
        row.reviewer, row.updated_at = user.username, state.clock()
        if body.complete:
            row.status = "completed"
        session.flush()
        return _evaluation(row)


@router.post("/evaluations/{evaluation_id}/acknowledge", response_model=Evaluation,
             summary="The evaluated operator has read it", responses=_NOT_FOUND)
def acknowledge(evaluation_id: _EvaluationId, state: _State, user: _Reader) -> Evaluation:
    with state.db.write() as session:
        row = session.get(QaEvaluationRow, evaluation_id, with_for_update=True)
        if row is None:
            raise not_found(f"There is no evaluation {evaluation_id}.")
        if row.operator != user.username:
            raise forbidden("Only the evaluated operator acknowledges an evaluation.")
        if row.status != "completed" and row.status != "acknowledged":
            raise ProblemError(409, "Not completed", "The reviewer has not completed this "
                               "evaluation yet.", slug="conflict")
        if row.status == "completed":
            row.status, row.acknowledged_at = "acknowledged", state.clock()
        session.flush()
        return _evaluation(row)


@router.get("/evaluations", response_model=list[Evaluation],
            summary="Evaluations: leads and admins every one, an operator their own")
def get_evaluations(state: _State, user: _Reader,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[Evaluation]:
    query = select(QaEvaluationRow).order_by(QaEvaluationRow.id.desc()).limit(limit)
    if user.role not in QA_REVIEWERS:
        query = query.where(QaEvaluationRow.operator == user.username,
                            QaEvaluationRow.status != "draft")
    with state.db.read() as session:
        return [_evaluation(r) for r in session.scalars(query)]


@router.get("/agreement", summary="How often reviewers kept the automatic answer, per "
                                  "question (lead, admin)", responses=_NOT_FOUND)
def get_agreement(state: _State, _user: Annotated[User, Depends(require_role(*LEADS))],
                  form_id: Annotated[str, Query(max_length=64)] = "hotline-call"
                  ) -> list[dict[str, Any]]:
    form = load_forms().get(form_id)
    if form is None:
        raise not_found(f"There is no QA form {form_id}.")
    with state.db.read() as session:
        rows = session.scalars(select(QaEvaluationRow.answers).where(
            QaEvaluationRow.form_id == form_id, QaEvaluationRow.status != "draft"))
        return agreement(form, list(rows))
