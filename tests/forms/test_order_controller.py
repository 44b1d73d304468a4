"""A service submits an order it holds as a model, without any widget: refused with the
form's messages when incomplete, queued in the real outbox and numbered by the real
server when complete."""

from __future__ import annotations

import asyncio

import pytest

from agent_desktop.api import HotlineClient
from agent_desktop.api.credentials import CredentialStore
from agent_desktop.api.session import Session
from agent_desktop.forms.order_controller import OrderInvalid, OrderSubmitter
from agent_desktop.forms.order_model import WorkOrderModel


async def test_a_model_is_refused_then_queued_and_numbered(server, tmp_path, memory_keyring):
    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    await session.login("operator1", "operator1-demo")
    await session.load_reference()
    leaf = next(n for n in session.catalog.nodes if n.is_leaf)
    submitter = OrderSubmitter(session)
    model = WorkOrderModel()
    model.suggest("caller.phones", ["13916728845"], 0.95, "assistant")
    with pytest.raises(OrderInvalid) as refused:
        submitter.submit(model, catalog=session.catalog, departments=session.departments)
    assert refused.value.errors["appeal_type"] == "请选择诉求类型"
    assert session.outbox.items() == []
    for path, value in (("appeal_type", "consultation"), ("matter_code", leaf.code),
                        ("content", "来电人咨询公积金提取需要准备哪些材料。"),
                        ("handling", "direct"), ("answer", "已告知需带身份证和银行卡办理。")):
        model.set(path, value)
    item = submitter.submit(model, catalog=session.catalog, departments=session.departments)
    session.start()
    assert await session.outbox.drain(timeout=15)
    assert session.outbox.get(item.id).result["number"]
    await session.close()
    await asyncio.sleep(0)
