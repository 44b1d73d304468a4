"""Drafts of the work-order form: autosave as the operator types (debounced, at least
once a second), everything back in a new form, deleted only once the outbox holds the
order, and a cleared form that Undo brings back."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from agent_desktop.domain import Place
from agent_desktop.forms.drafts import DraftStore
from agent_desktop.ui.order_form import AUTOSAVE_MS, DRAFT_FILE

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def stored(session) -> DraftStore:
    return DraftStore(session.data_dir / DRAFT_FILE)


def fill(form, qtbot, type_text) -> None:
    """Something in nearly every field."""
    form.appeal_type.setCurrentIndex(2)  # complaint
    type_text(form.caller_name, "李女士")
    form.gender.setCurrentIndex(2)
    qtbot.keyClicks(form.phone, "13912349999")
    form.phones.add_phone("021 6543 2100")
    form.confidential.setChecked(True)
    form.tags["外籍人士"].setChecked(True)
    form.language.setCurrentIndex(3)
    form.matter.setFocus()
    qtbot.keyClicks(form.matter, "yhdljs")
    qtbot.keyClick(form.matter, K.Key_Return)
    type_text(form.title, "门口积水")
    type_text(form.content, "长海路123弄门口雨后积水，深约20厘米。\n第二行：已持续两天。")
    type_text(form.request, "尽快排水")
    type_text(form.reported_party, "某物业")
    form.set_place(Place(district_code="310110", street_code="310110021",
                         address="长海路123弄", lon=121.52, lat=31.31))
    form.urgency.setCurrentIndex(1)
    type_text(form.co_departments.box.lineEdit(), "长海路街道办事处")
    form.co_departments.add_current()
    form.follow_up_required.setChecked(False)


def test_typing_is_saved_after_a_short_pause_and_at_least_every_second(make_form, session,
                                                                       qtbot):
    form = make_form()
    saves = []
    form.draft_saved.connect(lambda key, rev: saves.append((time.monotonic(), rev)))
    assert stored(session).latest_open() is None  # an untouched form leaves no draft
    with qtbot.waitSignal(form.draft_saved, timeout=3_000):
        qtbot.keyClicks(form.caller_name, "Wang")
    assert stored(session).latest_open().data["caller"]["name"] == "Wang"
    # typing without a pause: saves still come, about once a second
    saves.clear()
    form.content.setFocus()
    start = time.monotonic()
    while time.monotonic() - start < 2.6:
        qtbot.keyClicks(form.content, "x")
        qtbot.wait(AUTOSAVE_MS // 3)
    qtbot.waitUntil(lambda: len(saves) >= 3, timeout=3_000)
    assert len(saves) <= 6  # debounced, not one save per keystroke (~25 keystrokes)
    gaps = [b[0] - a[0] for a, b in zip(saves, saves[1:])]
    assert max(gaps) < 1.5
    qtbot.waitUntil(lambda: stored(session).latest_open().data["content"]
                    == form.content.toPlainText(), timeout=3_000)


def test_a_new_form_restores_every_field_of_the_draft(make_form, session, qtbot, type_text):
    form = make_form()
    fill(form, qtbot, type_text)
    form.set_call("call-9", "13912349999", form._call_time_value())
    form.direct_radio.setChecked(True)
    type_text(form.answer, "已告知处理流程。")
    form.dispatch_radio.setChecked(True)  # back to dispatch: the answer is kept anyway
    form.department.lineEdit().clear()
    type_text(form.department.lineEdit(), "杨浦区人民政府")  # an override
    before = form.draft_data()
    with qtbot.waitSignal(form.draft_saved, timeout=3_000):
        form.save_draft_now()  # Ctrl+S
    again = make_form()
    after = again.draft_data()
    assert after == before
    assert "restored" in again.banner.text()
    assert again.department.code() == "310110-GOV"  # the override survives
    assert again.matter_code() == "0101010201" and again.co_departments.codes() == ["310110021"]
    assert again.phones.texts() == ["13912349999", "021-65432100"]
    assert again.coordinates.text() == "121.520000, 31.310000"
    assert again.call_id.text() == "call-9"


def test_the_draft_goes_only_once_the_outbox_holds_the_order(make_form, session, qtbot,
                                                             type_text, monkeypatch):
    form = make_form()
    fill(form, qtbot, type_text)
    with qtbot.waitSignal(form.draft_saved, timeout=3_000):
        form.save_draft_now()

    def disk_full(order, idempotency_key=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session, "submit", disk_full)
    assert not form.submit()
    assert "No space left" in form.banner.text()
    assert not form.is_blank()
    form.flush()
    assert stored(session).latest_open() is not None  # kept: the order is nowhere else

    monkeypatch.undo()
    assert form.submit()
    assert form.is_blank()
    form.flush()
    assert stored(session).latest_open() is None
    assert len(session.outbox.items()) == 1
    again = make_form()
    assert again.is_blank()  # nothing to restore: the outbox has it


def test_new_clears_and_undo_brings_the_order_back(make_form, session, qtbot, type_text):
    form = make_form()
    fill(form, qtbot, type_text)
    before = form.draft_data()
    with qtbot.waitSignal(form.draft_saved, timeout=3_000):
        form.save_draft_now()
    form.content.setFocus()
    qtbot.keyClick(form.content, K.Key_N, modifier=CTRL)
    assert form.is_blank()
    assert "Undo" in form.banner.text()
    form.flush()
    assert stored(session).latest_open() is None
    form.banner.linkActivated.emit("undo")
    qtbot.waitUntil(lambda: not form.is_blank(), timeout=3_000)
    assert form.draft_data() == before
    form.flush()
    assert stored(session).latest_open().data == before
