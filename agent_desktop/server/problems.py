"""RFC 9457 problem details: the one shape of every error the server returns.

Handlers raise `ProblemError`; the exception handlers installed by `install_handlers`
turn it, FastAPI's validation errors (body fields with the form's Chinese messages),
Starlette's HTTP errors and unexpected exceptions into `application/problem+json`
responses built from the `Problem` model. Paths with another error format (the Open311
facade) register a renderer with `install_handlers(app, other_formats=…)`. Problem
`type`s are stable identifiers (`problem_type("validation")`) a client can switch on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from agent_desktop.domain.models import FieldError, Problem
from agent_desktop.forms.validation import validation_error_fields

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
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        """`extensions` become extra members of the problem (RFC 9457 §3.2)."""
        super().__init__(detail or title)
        self.problem = Problem(
            type=problem_type(slug) if slug else "about:blank",
            title=title,
            status=status,
            detail=detail,
            errors=list(errors),
            **dict(extensions or {}),
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


# (request, HTTP status, error descriptions) → a response in another API's error format
ErrorRenderer = Callable[[Request, int, list[str]], Response]


def install_handlers(
    app: FastAPI, other_formats: Mapping[str, ErrorRenderer] | None = None
) -> None:
    """Answer every error as problem+json, except under the path prefixes of
    `other_formats`, whose renderer gets the status and the error descriptions."""
    app.state.error_renderers = dict(other_formats or {})
    app.add_exception_handler(ProblemError, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


def _other_format(request: Request) -> ErrorRenderer | None:
    renderers: dict[str, ErrorRenderer] = getattr(request.app.state, "error_renderers", {})
    return next((r for p, r in renderers.items() if request.url.path.startswith(p)), None)


def _respond(
    request: Request, problem: Problem, headers: Mapping[str, str] | None = None
) -> Response:
    if render := _other_format(request):
        descriptions = [f"{e.field}: {e.message}" for e in problem.errors]
        descriptions = descriptions or [problem.detail or problem.title]
        response = render(request, problem.status, descriptions)
        response.headers.update(headers or {})  # Allow, Retry-After, WWW-Authenticate
        return response
    return problem_response(problem, headers, request.url.path)


async def _on_problem(request: Request, exc: ProblemError) -> Response:
    return _respond(request, exc.problem, exc.headers)


class _OneError:
    """One error of a RequestValidationError, shaped as forms.validation expects."""

    def __init__(self, error: dict[str, Any]) -> None:
        self._error = error

    def errors(self) -> list[dict[str, Any]]:
        return [self._error]


def _message(error: dict[str, Any]) -> str:
    """Body fields get the form's Chinese message (the client shows it at the field);
    query, path and header parameters keep pydantic's English one (a developer's error)."""
    if tuple(error.get("loc", ()))[:1] == ("body",):
        return validation_error_fields(_OneError(error))[0].message  # type: ignore[arg-type]
    return str(error.get("msg", "invalid"))


async def _on_validation(request: Request, exc: RequestValidationError) -> Response:
    errors = [
        FieldError(field=field_path(error.get("loc", ())), message=_message(error))
        for error in exc.errors()
    ]
    return _respond(request, invalid_fields(errors).problem)


async def _on_http(request: Request, exc: StarletteHTTPException) -> Response:
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else ""
    if exc.status_code == 404 and not detail:
        detail = f"There is no resource at {request.url.path}."
    problem = Problem(title=phrase, status=exc.status_code, detail=detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Starlette names only the first route's methods
        headers["Allow"] = ", ".join(sorted(_allowed_methods(request)))
    return _respond(request, problem, headers)


def _allowed_methods(request: Request) -> set[str]:
    """Every method some route answers at this path (routers may be nested)."""
    from starlette.routing import Match

    allowed = set()
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.add(method)
    return allowed or {"GET"}


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # Starlette logs the traceback after this handler; the client gets no internals.
    problem = Problem(
        type=problem_type("internal"),
        title="Server error",
        status=500,
        detail="The server failed to handle this request. The error has been logged; "
        "try again, and report it if it persists.",
    )
    return _respond(request, problem)


# --- the statuses in the OpenAPI document ---------------------------------------------

# What each error status means on this API (the description in the OpenAPI document).
STATUS_MEANINGS: dict[int, str] = {
    400: "The request is malformed (e.g. its body is not JSON).",
    401: "No valid access token (sign in again), or a wrong username or password.",
    403: "Your role may not do this, or the order belongs to another department.",
    404: "There is no such resource.",
    409: "The resource's state does not allow this now, or it already exists.",
    413: "The request body is larger than this endpoint accepts.",
    422: "Invalid parameters or body; `errors` names each field with a message.",
    429: "Too many attempts; wait for the seconds in Retry-After.",
    503: "The server cannot reach its database.",
}
_AUTH_DEPENDENCIES = {"current_user", "current_user_or_query_token"}


def _calls(dependant: Any) -> Iterable[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def route_statuses(route: Any, always: Iterable[int] = ()) -> set[int]:
    """The error statuses a FastAPI route can answer, read from what it depends on:
    a bearer token → 401; a role check → 403; a path id → 404; parameters or a body → 422;
    a body → 413; plus `always` (what the handler raises itself)."""
    from fastapi.security import HTTPBearer

    statuses = set(always)
    dependant = route.dependant
    for call in _calls(dependant):
        name = getattr(call, "__qualname__", "")
        if isinstance(call, HTTPBearer) or name in _AUTH_DEPENDENCIES:
            statuses.add(401)
        if name.startswith("require_role."):
            statuses.update((401, 403))
    if dependant.path_params:
        statuses.add(404)
    params = (dependant.path_params, dependant.query_params, dependant.header_params)
    if route.body_field is not None:
        statuses.update((400, 413, 422))  # 400: a body that is not JSON at all
    elif any(params) or any(
        sub.path_params or sub.query_params or sub.header_params for sub in dependant.dependencies
    ):
        statuses.add(422)
    return statuses


def document_statuses(
    schema: dict[str, Any], statuses: Mapping[tuple[str, str], Iterable[int]]
) -> None:
    """Add to the OpenAPI `schema` every error status of each operation, (METHOD, path) →
    statuses, each answered as problem+json (`Problem`); statuses a route declared itself
    keep their description. FastAPI's own 422 schema is replaced by `Problem`."""
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in components:
        problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in problem_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components["Problem"] = problem_schema
    for (method, path), codes in statuses.items():
        operation = schema.get("paths", {}).get(path, {}).get(method.lower())
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        for code in sorted(set(codes)):
            entry = responses.setdefault(str(code), {})
            entry["description"] = (
                entry.get("description")
                if entry.get("description") not in (None, "", "Validation Error",
                                                     "Additional Response")
                else STATUS_MEANINGS.get(code, HTTPStatus(code).phrase)
            )
            entry["content"] = {PROBLEM_MEDIA_TYPE: problem}
    for name in ("HTTPValidationError", "ValidationError"):
        if not _referenced(schema, name):
            components.pop(name, None)


def _referenced(schema: dict[str, Any], name: str) -> bool:
    import json

    return f'"#/components/schemas/{name}"' in json.dumps(
        {k: v for k, v in schema.items() if k != "components"}
    ) or any(f'"#/components/schemas/{name}"' in json.dumps(v)
             for k, v in schema["components"]["schemas"].items() if k != name)
