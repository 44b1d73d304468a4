"""RFC 9457 problem details: the one shape of every error the server returns.

Handlers raise `ProblemError`; the exception handlers installed by `install_handlers`
turn it, FastAPI's validation errors, Starlette's HTTP errors and unexpected exceptions
into `application/problem+json` responses built from the `Problem` model. Problem
`type`s are stable identifiers (`problem_type("validation")`) a client can switch on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent_desktop.domain.models import FieldError, Problem

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
BEARER_CHALLENGE = 'Bearer realm="agent-desktop"'


def problem_type(slug: str) -> str:
    return f"tag:agent-desktop,2026:problem:{slug}"


class ProblemError(Exception):
    """Raise to answer the request with a problem+json response."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        slug: str | None = None,
        errors: Iterable[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.problem = Problem(
            type=problem_type(slug) if slug else "about:blank",
            title=title,
            status=status,
            detail=detail,
            errors=list(errors),
        )
        self.headers = dict(headers or {})


def unauthorized(detail: str, *, invalid_token: bool = False) -> ProblemError:
    challenge = BEARER_CHALLENGE + (', error="invalid_token"' if invalid_token else "")
    return ProblemError(
        401, "Not signed in", detail, slug="unauthorized", headers={"WWW-Authenticate": challenge}
    )


def forbidden(detail: str) -> ProblemError:
    return ProblemError(403, "Not allowed", detail, slug="forbidden")


def not_found(detail: str) -> ProblemError:
    return ProblemError(404, "Not found", detail, slug="not-found")


def invalid_fields(errors: list[FieldError]) -> ProblemError:
    fields = ", ".join(error.field or "(body)" for error in errors)
    detail = f"Correct these fields and send the request again: {fields}."
    return ProblemError(422, "Invalid request", detail, slug="validation", errors=errors)


def problem_response(
    problem: Problem, headers: Mapping[str, str] | None = None, instance: str | None = None
) -> JSONResponse:
    if instance and problem.instance is None:
        problem = problem.model_copy(update={"instance": instance})
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        headers=dict(headers or {}),
        media_type=PROBLEM_MEDIA_TYPE,
    )


def field_path(loc: Iterable[Any]) -> str:
    """("body", "caller", "phones", 0) → "caller.phones.0"; other locations keep their
    prefix ("query.limit", "header.Idempotency-Key")."""
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        parts = parts[1:]
    return ".".join(parts)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


async def _on_problem(request: Request, exc: ProblemError) -> JSONResponse:
    return problem_response(exc.problem, exc.headers, request.url.path)


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        FieldError(field=field_path(error.get("loc", ())), message=error.get("msg", "invalid"))
        for error in exc.errors()
    ]
    return problem_response(invalid_fields(errors).problem, instance=request.url.path)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else ""
    if exc.status_code == 404 and not detail:
        detail = f"There is no resource at {request.url.path}."
    problem = Problem(title=phrase, status=exc.status_code, detail=detail)
    return problem_response(problem, exc.headers, request.url.path)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Starlette logs the traceback after this handler; the client gets no internals.
    problem = Problem(
        type=problem_type("internal"),
        title="Server error",
        status=500,
        detail="The server failed to handle this request. The error has been logged; "
        "try again, and report it if it persists.",
    )
    return problem_response(problem, instance=request.url.path)
