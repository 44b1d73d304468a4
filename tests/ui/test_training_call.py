"""The trainee's widgets of a training call (ui.training_call): the scenario picker, the
bar shown during the call, the score dialog — real widgets, the packaged scenarios and
the real scoring."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agent_desktop.training.desk import summary
from agent_desktop.training.scenarios import load_all
from agent_desktop.training.scoring import score
from agent_desktop.ui.training_call import ScenarioPicker, ScoreDialog, TrainingBar


def test_the_picker_filters_and_returns_the_chosen_scenario(qtbot):
    scenarios = [summary(s) for s in load_all().values()]
    picker = ScenarioPicker(scenarios)
    qtbot.addWidget(picker)
    assert picker.table.rowCount() == len(scenarios) >= 30
    target = next(s for s in scenarios if s["id"] == "manhole-missing-yinhang")
    picker.filter.setText(target["title"])
    visible = [r for r in range(picker.table.rowCount()) if not picker.table.isRowHidden(r)]
    assert len(visible) == 1
    picker.table.selectRow(visible[0])
    picker.accept()
    assert picker.chosen == "manhole-missing-yinhang"


def test_the_bar_sends_typed_words_and_shows_a_voiceless_line(qtbot):
    bar = TrainingBar("国和路窨井盖缺失", "下班路过的市民", has_microphone=False)
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.typed) as said:
        bar.say.setText("您好，12345")
        qtbot.keyClick(bar.say, Qt.Key.Key_Return)
    assert said.args == ["您好，12345"] and bar.say.text() == ""
    bar.show_line("我要反映个事情", has_voice=False)
    assert "我要反映个事情" in bar.caller_text.text() and not bar.caller_text.isHidden()
    bar.ended()
    assert not bar.say.isEnabled()
    with qtbot.waitSignal(bar.abandon_requested):  # after the call: leave without scoring
        bar.hang_up.click()


def test_the_score_dialog_lists_every_criterion_with_its_evidence(qtbot):
    s = load_all()["manhole-missing-yinhang"]
    wrong = s.expected_order.model_copy(update={"matter_code": "0501010101"})
    result = score(s, wrong).to_dict()
    dialog = ScoreDialog(s.title, result)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(result["criteria"])
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    matter = rows["事项分类"]
    assert dialog.table.item(matter, 1).text().startswith("0 /")
    assert "0101020101" in dialog.table.item(matter, 3).text()  # what a good answer was
    assert dialog.table.item(rows["开头语"], 1).text() != ""
