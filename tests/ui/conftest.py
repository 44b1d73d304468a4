"""Qt test fixtures: an asyncio loop on Qt's (qasync), Chinese input, an in-memory keyring.

Recipes: shared/recipes/qt_testing.md. Never call loop.stop() in a test: it calls
app.exit() and breaks every later test.
"""

from __future__ import annotations

import asyncio
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture
def qloop(qapp, qtbot):
    import qasync

    from agent_desktop.ui.theme import apply_theme

    apply_theme(qapp)
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=10_000)
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def arun(qloop, qtbot):
    """`arun(coro)`: run a coroutine on the qasync loop while Qt processes events."""

    def run(coro, timeout: float = 30.0):
        task = qloop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run


@pytest.fixture
def type_text():
    """`type_text(widget, "停水")`: commit text as an input method would
    (qtbot.keyClicks aborts the process on Chinese)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def commit(widget, text: str) -> None:
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return commit


@pytest.fixture
def memory_keyring():
    """A keyring backend in memory: this machine has none, and tests must not touch
    a developer's real keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            self.store = {}

        def get_password(self, service, user):
            return self.store.get((service, user))

        def set_password(self, service, user, password):
            self.store[(service, user)] = password

        def delete_password(self, service, user):
            self.store.pop((service, user), None)

    old = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(old)
