"""The session against the real server: an expired sign-in holds the orders, says so,
and a new sign-in sends them; the catalog cache lets a session start offline."""

from __future__ import annotations

import asyncio

import pytest

from agent_desktop.api import HotlineClient, ServerUnreachable
from agent_desktop.api.credentials import CredentialStore
from agent_desktop.api.session import Session
from agent_desktop.domain import WorkOrderIn


def complaint(matter_code: str) -> WorkOrderIn:
    return WorkOrderIn.model_validate({
        "appeal_type": "complaint", "caller": {"phones": ["13700001111"]},
        "matter_code": matter_code, "content": "楼上装修每天早上七点就开始电钻，影响休息",
        "request": "请督促施工方按规定时间施工",
        "place": {"district_code": "310110", "street_code": "310110021"}})


async def test_revoked_sign_in_holds_orders_until_signed_in_again(server, tmp_path,
                                                                  memory_keyring):
    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    await session.login("operator1", "operator1-demo")
    await session.load_reference()
    leaf = next(n.code for n in session.catalog.nodes if n.is_leaf)
    asked: list[str] = []
    session.sign_in_required.connect(asked.append)
    session.client.set_token(session.client.token.model_copy(
        update={"access_token": "revoked-token"}))
    session.start()
    item = session.submit(complaint(leaf))
    for _ in range(200):
        if asked:
            break
        await asyncio.sleep(0.05)
    assert asked, "the operator was never asked to sign in again"
    assert session.outbox.get(item.id).state == "pending"
    await session.sign_in_again("operator1", "operator1-demo")
    assert await session.outbox.drain(timeout=15)
    assert session.outbox.get(item.id).state == "done"
    await session.close()


async def test_a_session_starts_offline_from_its_cached_catalog(server, tmp_path,
                                                                 memory_keyring):
    first = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    await first.login("operator1", "operator1-demo")
    assert await first.load_reference() is True
    await first.close()
    server.stop()
    offline = Session(HotlineClient(server.url, timeout=2), CredentialStore(), tmp_path)
    assert await offline.load_reference() is False  # from the cache
    assert offline.catalog.nodes and offline.departments
    await offline.close()
    empty = Session(HotlineClient(server.url, timeout=2), CredentialStore(), tmp_path / "new")
    with pytest.raises(ServerUnreachable):
        await empty.load_reference()
    await empty.close()


async def test_the_link_comes_back_by_itself_and_at_once_when_asked(server, tmp_path,
                                                                    memory_keyring):
    """The server goes away and comes back: the session says so, says when it retries,
    is online again without waiting for an event, and 立即重连 cuts the wait short."""
    from agent_desktop.api.session import Link

    session = Session(HotlineClient(server.url, timeout=2), CredentialStore(), tmp_path)
    await session.login("operator1", "operator1-demo")
    seen: list = []
    session.link_changed.connect(seen.append)
    session.start()

    async def until(predicate, timeout: float) -> float:
        start = asyncio.get_running_loop().time()
        while not predicate():
            if asyncio.get_running_loop().time() - start > timeout:
                raise AssertionError(f"link is {session.link}")
            await asyncio.sleep(0.05)
        return asyncio.get_running_loop().time() - start

    await until(lambda: session.link.link == Link.ONLINE, 10)  # no event needed
    server.stop()
    await until(lambda: session.link.link == Link.OFFLINE, 10)
    offline = [s for s in seen if s.link == Link.OFFLINE]
    assert offline[-1].retry_at is not None  # the status bar can say when
    server.restart()
    # By itself: within the backoff cap (30 s) plus a connection.
    took = await until(lambda: session.link.link == Link.ONLINE, 45)
    assert took < 40

    server.stop()
    await until(lambda: session.link.link == Link.OFFLINE, 10)
    for _ in range(6):  # let the backoff grow
        session._failures += 1
    server.restart()
    session.reconnect_now()
    took = await until(lambda: session.link.link == Link.ONLINE, 10)
    assert took < 5  # not the backoff's wait
    await session.close()


async def test_a_shift_outlasts_its_token(server, tmp_path, memory_keyring, monkeypatch):
    """Before the token expires the session swaps it for a fresh one (no password); the
    old one stops working on the server and the saved sign-in is the new one."""
    import json

    import httpx

    from agent_desktop.api import session as session_module

    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    first = await session.login("operator1", "operator1-demo")
    # as if the token were 10 minutes and 1 second from its end
    monkeypatch.setattr(session_module, "REFRESH_MARGIN_S", first.expires_in - 1)
    session.start()
    for _ in range(100):
        if session.client.token.access_token != first.access_token:
            break
        await asyncio.sleep(0.05)
    fresh = session.client.token.access_token
    assert fresh != first.access_token
    saved = json.loads(session.credentials.get(session._token_key("operator1")))
    assert saved["token"]["access_token"] == fresh
    async with httpx.AsyncClient(base_url=server.url) as http:
        old = await http.get("/api/v1/work-orders",
                             headers={"Authorization": f"Bearer {first.access_token}"})
        new = await http.get("/api/v1/work-orders", headers={"Authorization": f"Bearer {fresh}"})
    assert old.status_code == 401 and new.status_code == 200
    await session.close()


async def test_a_refused_refresh_asks_to_sign_in_again(server, tmp_path, memory_keyring,
                                                       monkeypatch):
    from agent_desktop.api import session as session_module

    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    token = await session.login("operator1", "operator1-demo")
    await session.client.sign_out()  # revoked elsewhere (an admin, another PC)
    monkeypatch.setattr(session_module, "REFRESH_MARGIN_S", token.expires_in - 1)
    asked: list[str] = []
    session.sign_in_required.connect(asked.append)
    session.start()
    for _ in range(100):
        if asked:
            break
        await asyncio.sleep(0.05)
    assert asked
    await session.close()
