"""Fixtures of the widget tests: an operator's session on the real server, the form."""

from __future__ import annotations

import pytest

from agent_desktop.api import HotlineClient
from agent_desktop.api.credentials import CredentialStore
from agent_desktop.api.session import Session
from agent_desktop.ui.order_form import WorkOrderForm


@pytest.fixture
def session(server, tmp_path, qloop, arun, memory_keyring):
    s = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    arun(s.login("operator1", "operator1-demo"))
    arun(s.load_reference())
    s.start()
    yield s
    arun(s.close())


@pytest.fixture
def make_form(session, qtbot):
    def make() -> WorkOrderForm:
        form = WorkOrderForm(session)
        qtbot.addWidget(form)
        form.resize(760, 620)
        form.show()
        qtbot.waitUntil(lambda: form.matter_picker.ready, timeout=10_000)
        return form

    return make
