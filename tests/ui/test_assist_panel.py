"""The call assistant in the workspace: a call's words fill the order form live, typed
fields are kept and the assistant's value offered beside them, F2 takes a field (F3 all) or
all of them, a click on a suggestion shows its words in the transcript, and the order
the assistant drafted is submitted to the real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from agent_desktop.assist import CallAssistant
from agent_desktop.assist.live import LiveAssist
from agent_desktop.geo.service import GeoService
from agent_desktop.ui.assist_binding import AssistBinding
from agent_desktop.ui.assist_panel import EVIDENCE_ROLE, AssistPanel
from agent_desktop.ui.transcript_view import TranscriptView
from tests.assist.conftest import segments
from tests.assist.test_assistant import DEMO


@pytest.fixture(scope="module")
def geo():
    return GeoService.for_city("shanghai")


@pytest.fixture
def workspace(make_form, session, qloop, arun, qtbot, geo):
    form = make_form()
    form.resize(900, 900)
    view = TranscriptView()  # not shown: the form is the active window, as in the app
    qtbot.addWidget(view)
    panel = AssistPanel()
    form.set_assist_panel(panel)
    live = LiveAssist(lambda: CallAssistant.default(session.catalog, geo=geo), loop=qloop)
    assert arun(live.wait_ready(), timeout=60)
    binding = AssistBinding(live, form, panel, view)
    binding.call_answered()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5_000)
    yield form, view, panel, binding
    live.close()


def play(view, qtbot, binding, lines=DEMO):
    for s in segments(*lines):
        view.add_segment(s)
    binding.call_ended()
    qtbot.waitUntil(lambda: binding.last_draft is not None and binding.last_draft.complete,
                    timeout=10_000)


def test_the_call_fills_the_form_and_ctrl_enter_submits_it(workspace, qtbot, session):
    form, view, panel, binding = workspace
    play(view, qtbot, binding)
    assert form.phones.rows[0].text().replace(" ", "") == "13916728845"
    assert form.district_code() == "310104"
    assert "窨井盖" in form.matter_picker.name_of(form.matter_code())
    assert form.appeal_type.currentData() == "complaint"
    assert form.content.toPlainText().startswith("来电人反映：")
    district = form.rows["place.district_code"].focus_target()
    assert district.property("suggested") is True  # shown in the suggested style
    assert "市民" in district.toolTip()  # its evidence on hover
    assert panel.fields.count() >= 5 and not panel.alerts.isVisible()
    # the operator reviews and submits: one key
    form.content.setFocus()
    qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(session.outbox.items())
                    and session.outbox.items()[0].state == "done", timeout=20_000)
    sent = session.outbox.items()[0].payload
    assert sent["caller"]["phones"][0].replace(" ", "") == "13916728845"
    assert sent["place"]["district_code"] == "310104" and sent["appeal_type"] == "complaint"


def test_typed_text_is_kept_and_f2_takes_the_suggestion(workspace, qtbot, type_text):
    form, view, panel, binding = workspace
    form.district.setFocus()
    type_text(form.district.lineEdit(), "黄浦区")
    qtbot.waitUntil(lambda: form.district_code() == "310101", timeout=5_000)
    play(view, qtbot, binding)
    assert form.district_code() == "310101"  # never overwritten
    note = form.rows["place.district_code"].note
    assert note.isVisible() and "徐汇区" in note.text()
    assert any("⚠" in panel.fields.item(i).text() for i in range(panel.fields.count()))
    form.district.setFocus()
    qtbot.keyClick(form.district.lineEdit(), Qt.Key.Key_F2)
    assert form.district_code() == "310104"
    assert not note.isVisible()


def test_f3_takes_everything(workspace, qtbot):
    form, view, panel, binding = workspace
    play(view, qtbot, binding)
    assert any(form.model.is_suggested(p) for p in form.model.suggestions())
    form.content.setFocus()
    qtbot.keyClick(form.content, Qt.Key.Key_F3)
    assert not any(form.model.is_suggested(p) for p in form.model.suggestions())
    assert form.district_code() == "310104"


def test_a_click_on_a_suggestion_shows_its_words_in_the_transcript(workspace, qtbot):
    form, view, panel, binding = workspace
    play(view, qtbot, binding)
    item = next(panel.fields.item(i) for i in range(panel.fields.count())
                if "13916728845" in panel.fields.item(i).text())
    evidence = item.data(EVIDENCE_ROLE)
    rect = panel.fields.visualItemRect(item)
    qtbot.mouseClick(panel.fields.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selections = view.text.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == evidence.quote == "幺三九幺六七二八八四五"


def test_a_safety_word_raises_the_alert_at_once(workspace, qtbot):
    form, view, panel, binding = workspace
    view.add_segment(segments(("caller", "我们楼道里有很重的煤气味，怕要出事"))[0])
    qtbot.waitUntil(panel.alerts.isVisible, timeout=5_000)
    assert "煤气味" in panel.alerts.text()
    qtbot.waitUntil(lambda: form.urgency.currentData() == "urgent", timeout=5_000)


def test_a_second_issue_becomes_a_second_order_after_submit(workspace, qtbot, session):
    form, view, panel, binding = workspace
    play(view, qtbot, binding, DEMO[:6] + [
        ("caller", "还有一个事，我们小区门口天天有人乱停车，机动车违法停车也没人管"),
        ("caller", "好的，谢谢你们。")])
    assert panel.second.isVisible()
    panel.second.linkActivated.emit("split")
    second_code = binding.last_draft.second_matter.code
    form.content.setFocus()
    qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.matter_code() == second_code, timeout=10_000)
    assert form.district_code() == "310104"  # same place
    assert form.phones.rows[0].text().replace(" ", "") == "13916728845"  # same caller


def test_a_repeat_is_flagged_while_the_caller_still_speaks(workspace, qtbot, session):
    form, view, panel, binding = workspace
    play(view, qtbot, binding)
    form.submit()
    qtbot.waitUntil(lambda: bool(session.outbox.items())
                    and session.outbox.items()[0].state == "done", timeout=20_000)
    # The same caller calls again about the same manhole; the call is not over.
    binding.call_answered()
    view.clear()
    for s in segments(*DEMO[:6]):
        s = type(s)(s.speaker, s.start, s.end, s.text, s.final, s.confidence, "again-" + s.id)
        view.add_segment(s)
    heading = form.caller_history.heading
    qtbot.waitUntil(lambda: "likely repeat" in heading.text(), timeout=15_000)
    assert binding.last_draft is not None and not binding.last_draft.complete
