"""Fixtures of the server suite: one demo server per backend, shared by the session.

`live` is parametrised over SQLite and PostgreSQL, so every test that uses it runs on
both; `users["lead1"]` is a client signed in as that demo user, shared by the session.
Tests share the server, so each makes its own data distinguishable (a unique phone
number or content) instead of counting rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from .server_helpers import login


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def live(request: pytest.FixtureRequest, session_server_factory: Callable[..., Any]) -> Any:
    """A demo server (a conftest.ServerProcess) shared by the session, on each backend."""
    if request.param == "sqlite":
        return session_server_factory()
    return session_server_factory(request.getfixturevalue("postgres").create_database())


@pytest.fixture
def operator(live: Any) -> Iterator[httpx.Client]:
    client = login(live.url, "operator1")
    yield client
    client.close()


@pytest.fixture
def admin(live: Any) -> Iterator[httpx.Client]:
    client = login(live.url, "admin1")
    yield client
    client.close()


@pytest.fixture
def anonymous(live: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=15) as client:
        yield client


@pytest.fixture(scope="session")
def catalog(live: Any) -> dict[str, Any]:
    client = login(live.url, "operator1")
    try:
        return client.get("/api/v1/catalog").json()  # type: ignore[no-any-return]
    finally:
        client.close()


@pytest.fixture(scope="session")
def leaf_code(catalog: dict[str, Any]) -> str:
    return next(n["code"] for n in catalog["nodes"] if n["level"] == 5)


@pytest.fixture(scope="session")
def department_code(live: Any) -> str:
    client = login(live.url, "operator1")
    try:
        return client.get("/api/v1/departments").json()[0]["code"]  # type: ignore[no-any-return]
    finally:
        client.close()


class SignedIn(dict[str, httpx.Client]):
    """username → a client signed in as that demo user, made on first use."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def __missing__(self, username: str) -> httpx.Client:
        client = self[username] = login(self.url, username)
        return client


@pytest.fixture(scope="session")
def users(live: Any) -> Iterator[SignedIn]:
    """Signed-in clients of the demo users, shared by the session: `users["dept1"]`."""
    clients = SignedIn(live.url)
    yield clients
    for client in clients.values():
        client.close()
