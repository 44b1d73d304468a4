"""Sign-in (`POST /auth/token`) and the dependencies that authenticate every other call.

Handlers take `user: User = Depends(current_user)`, or `Depends(require_role(...))` to
limit a call to some roles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import delete, select

from agent_desktop.domain.limits import USERNAME_MAX
from agent_desktop.domain.enums import Role
from agent_desktop.domain.models import Token, TokenRequest, User

from .policy import ACCOUNT_ADMINS
from .problems import BEARER_CHALLENGE, ProblemError, forbidden, not_found, unauthorized
from .security import (
    TOKEN_TTL_SECONDS,
    burn_password_check,
    new_token,
    token_digest,
    verify_password,
)
from .state import ServerState, get_state
from .tables import TokenRow, UserRow, utcnow

router = APIRouter(prefix="/auth", tags=["auth"])

_bearer = HTTPBearer(auto_error=False, description="The access_token from POST /api/v1/auth/token.")
_NO_TOKEN = (
    "Sign in with POST /api/v1/auth/token and send the access token as "
    "'Authorization: Bearer <token>'."
)


def user_model(row: UserRow) -> User:
    return User(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        department_code=row.department_code,
    )


def find_token_user(state: ServerState, token: str) -> User | None:
    """The user a live token belongs to, or None."""
    with state.db.read() as session:
        row = session.scalar(
            select(UserRow)
            .join(TokenRow, TokenRow.user_id == UserRow.id)
            .where(TokenRow.digest == token_digest(token), TokenRow.expires_at > utcnow())
        )
        return user_model(row) if row else None


def user_for_token(state: ServerState, token: str) -> User:
    user = find_token_user(state, token)
    if user is None:
        raise unauthorized(
            "The access token is unknown or has expired; sign in again.", invalid_token=True
        )
    return user


def current_user(
    state: Annotated[ServerState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None:
        raise unauthorized(_NO_TOKEN)
    return user_for_token(state, credentials.credentials)


def current_user_or_query_token(
    state: Annotated[ServerState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    access_token: Annotated[
        str | None,
        Query(max_length=256,
              description="For clients that cannot set headers (browser EventSource)."),
    ] = None,
) -> User:
    token = credentials.credentials if credentials else access_token
    if not token:
        raise unauthorized(_NO_TOKEN)
    return user_for_token(state, token)


def require_role(*roles: Role) -> Callable[[User], User]:
    names = ", ".join(roles)

    def check(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role not in roles:
            raise forbidden(f"Only these roles may do this: {names}; you are {user.role}.")
        return user

    return check


@router.post("/token", response_model=Token, summary="Sign in: username + password → token",
             responses={429: {"description": "Too many wrong passwords; see Retry-After"}})
def issue_token(body: TokenRequest, request: Request,
                state: Annotated[ServerState, Depends(get_state)]) -> Token:
    address = request.client.host if request.client else "?"
    wait = state.throttle.retry_after(body.username, address)
    if wait:
        raise ProblemError(
            429,
            "Too many failed sign-ins",
            f"Sign-in for this account or from this computer is paused for {wait} s after "
            "repeated wrong passwords. Wait, or ask an administrator to reset the password.",
            slug="sign-in-throttled",
            headers={"Retry-After": str(wait)},
        )
    with state.db.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == body.username))
    if row is None:
        burn_password_check(body.password)
    if row is None or not verify_password(body.password, row.password_hash):
        state.throttle.failed(body.username, address)
        raise ProblemError(
            401,
            "Sign-in failed",
            "The username or password is wrong.",
            slug="bad-credentials",
            headers={"WWW-Authenticate": BEARER_CHALLENGE},
        )
    state.throttle.succeeded(body.username)
    with state.db.write() as session:
        session.execute(delete(TokenRow).where(TokenRow.expires_at <= utcnow()))
        return _issue(session, row)


def _issue(session, row: UserRow) -> Token:
    """A new token for `row`'s user, stored (as its digest) in `session`."""
    token, now = new_token(), utcnow()
    session.add(TokenRow(digest=token_digest(token), user_id=row.id, created_at=now,
                         expires_at=now + timedelta(seconds=TOKEN_TTL_SECONDS)))
    return Token(access_token=token, expires_in=TOKEN_TTL_SECONDS, user=user_model(row))


def _live_token(state: ServerState,
                credentials: HTTPAuthorizationCredentials | None) -> str:
    """The request's bearer token, 401 unless it is live."""
    if credentials is None:
        raise unauthorized(_NO_TOKEN)
    user_for_token(state, credentials.credentials)
    return credentials.credentials


@router.post("/refresh", response_model=Token,
             summary="A fresh token for a live one (which stops working)")
def refresh_token(
    state: Annotated[ServerState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Token:
    """For a shift that runs past the token's lifetime: the client swaps its token before
    it expires, without asking for the password; the old token is revoked."""
    token = _live_token(state, credentials)
    with state.db.write() as session:
        old = session.scalar(select(TokenRow).where(TokenRow.digest == token_digest(token)))
        if old is None:  # revoked between the check and now
            raise unauthorized("The access token was revoked; sign in again.",
                               invalid_token=True)
        row = session.get(UserRow, old.user_id)
        session.delete(old)
        return _issue(session, row)


@router.post("/sign-out", status_code=204, summary="Revoke the token of this request")
def sign_out(
    state: Annotated[ServerState, Depends(get_state)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Response:
    token = _live_token(state, credentials)
    with state.db.write() as session:
        session.execute(delete(TokenRow).where(TokenRow.digest == token_digest(token)))
    return Response(status_code=204)


@router.post("/users/{username}/revoke-tokens", status_code=204,
             summary="Revoke every token of a user (admin)")
def revoke_tokens(
    username: Annotated[str, Path(max_length=USERNAME_MAX)],
    state: Annotated[ServerState, Depends(get_state)],
    _admin: Annotated[User, Depends(require_role(*ACCOUNT_ADMINS))],
) -> Response:
    with state.db.write() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        if row is None:
            raise not_found(f"There is no user {username!r}.")
        session.execute(delete(TokenRow).where(TokenRow.user_id == row.id))
    return Response(status_code=204)


@router.get("/me", response_model=User, summary="Who the token belongs to")
def who_am_i(user: Annotated[User, Depends(current_user)]) -> User:
    return user
