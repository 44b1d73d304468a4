"""Fixtures of the board's widget tests: a lead's session on a real server, the board's
model on it, and an operator acting through plain HTTP."""

from __future__ import annotations

import httpx
import pytest

from agent_desktop.api import HotlineClient
from agent_desktop.api.credentials import CredentialStore
from agent_desktop.api.session import Session
from agent_desktop.board import BoardClient, BoardModel


def sign_in(url: str, username: str) -> httpx.Client:
    token = httpx.post(f"{url}/api/v1/auth/token",
                       json={"username": username, "password": f"{username}-demo"},
                       timeout=15).json()["access_token"]
    return httpx.Client(base_url=url, timeout=15, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def lead_session(server, tmp_path, qloop, arun, memory_keyring):
    s = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    arun(s.login("lead1", "lead1-demo"))
    arun(s.load_reference())
    s.start()
    yield s
    arun(s.close())


@pytest.fixture
def board_model(lead_session, arun):
    names = {d.code: d.name for d in lead_session.departments}
    model = BoardModel(BoardClient(lead_session.client.http), lambda c: names.get(c, c))
    lead_session.event_received.connect(model.on_event)
    yield model
    model.close()


@pytest.fixture
def operator_http(server):
    with sign_in(server.url, "operator1") as client:
        yield client
