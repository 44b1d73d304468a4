"""The 工单 tab against the real server: validation at the field, submission through
the outbox, the number on acknowledgement, and a server outage that loses nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from agent_desktop.ui.order_form import WorkOrderForm


@pytest.fixture
def form(session, qtbot):
    f = WorkOrderForm(session)
    qtbot.addWidget(f)
    f.resize(700, 700)
    f.show()
    return f


def pick_first_matter(form, type_text, qtbot):
    """Type the first leaf's name into the matter picker and pick it with Enter."""
    qtbot.waitUntil(lambda: form.matter_picker.ready, timeout=10_000)
    leaf = next(n for n in form.session.catalog.nodes if n.is_leaf)
    type_text(form.matter, leaf.name)
    qtbot.keyClick(form.matter, Qt.Key.Key_Return)
    assert form.matter_code() == leaf.code
    return leaf.code


def test_errors_appear_at_their_fields_and_nothing_is_queued(form, session, qtbot):
    qtbot.keyClicks(form.phone, "1380013800")  # one digit short
    form.submit()
    assert form.phones.rows[0].error.isVisible()  # under the number it concerns
    assert "11" in form.phones.rows[0].error.text()
    assert form.rows["matter_code"].error.isVisible()
    assert form.rows["content"].error.isVisible()
    assert form.appeal_type.currentIndex() == -1  # nobody chose: no silent 咨询
    assert form.rows["appeal_type"].error.isVisible()
    assert "诉求类型" in form.rows["appeal_type"].error.text()
    assert session.outbox.backlog() == 0
    assert session.outbox.items() == []


def test_submitted_order_gets_its_number_from_the_server(form, session, server, qtbot,
                                                         type_text, arun):
    form.appeal_type.setCurrentIndex(form.appeal_type.findData("consultation"))
    qtbot.keyClicks(form.phone, "138 0013 8000")
    code = pick_first_matter(form, type_text, qtbot)
    type_text(form.district.lineEdit(), "杨浦区")  # the matter is dispatched by district
    type_text(form.content, "杨浦区长海路街道某小区门口雨后积水，深约20厘米")
    form.submit()
    qtbot.waitUntil(lambda: "20" in form.banner.text() and form.submit_button.isEnabled(),
                    timeout=15_000)
    item = session.outbox.items()[0]
    assert item.state == "done"
    assert item.result["number"] in form.banner.text()
    stored = arun(session.client.work_orders(caller_phone="13800138000"))
    mine = [o for o in stored if o.number == item.result["number"]]
    assert len(mine) == 1
    assert mine[0].matter_code == code
    assert mine[0].content.startswith("杨浦区长海路街道")
    assert item.result["number"] in form.sent.accepted.item(0).text()
    assert form.sent.waiting.count() == 0


def test_server_down_keeps_the_order_and_sends_it_when_back(form, session, server, qtbot,
                                                            type_text):
    server.stop()
    form.appeal_type.setCurrentIndex(form.appeal_type.findData("consultation"))
    qtbot.keyClicks(form.phone, "021-65432100")
    pick_first_matter(form, type_text, qtbot)
    type_text(form.district.lineEdit(), "虹口区")
    type_text(form.content, "停电两小时了，冰箱里的药要坏了")
    form.submit()
    qtbot.waitUntil(lambda: session.outbox.items()[0].attempts >= 1, timeout=15_000)
    assert session.outbox.backlog() == 1
    qtbot.waitUntil(lambda: form.submit_button.isEnabled(), timeout=5_000)
    assert form.banner.isVisible()
    server.restart()
    session.outbox.wake()
    qtbot.waitUntil(lambda: session.outbox.backlog() == 0, timeout=30_000)
    assert session.outbox.items()[0].state == "done"
    qtbot.waitUntil(lambda: session.outbox.items()[0].result["number"] in form.banner.text(),
                    timeout=5_000)
