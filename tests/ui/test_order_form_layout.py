"""The form's keyboard and layout: the Tab order, the hotkeys and their help dialog, and a
filled form at the sizes it lives in (the right-hand tab at 1366×768 and at 1920×1080):
no horizontal scrolling, the submit bar always in view. Screenshots go to
$AGENT_DESKTOP_SHOTS when set (to look at them), else to the test's tmp dir."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from agent_desktop.domain import Place
from agent_desktop.ui.order_form import WorkOrderForm
from agent_desktop.ui.hotkeys_help import HotkeysDialog
from agent_desktop.ui.order_shortcuts import HOTKEYS

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def form(session, qtbot):
    f = WorkOrderForm(session)
    qtbot.addWidget(f)
    f.resize(760, 620)
    f.show()
    qtbot.waitUntil(lambda: f.matter_picker.ready, timeout=10_000)
    f.activateWindow()
    return f


def shots_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("AGENT_DESKTOP_SHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def fill(form, qtbot, type_text) -> None:
    form.set_call("call-20260512-0007", "13912345678",
                  datetime(2026, 5, 12, 9, 30, tzinfo=timezone(timedelta(hours=8))))
    form.appeal_type.setCurrentIndex(2)
    type_text(form.caller_name, "王先生")
    form.gender.setCurrentIndex(1)
    form.phones.add_phone("021-65432100")
    form.tags["老年人"].setChecked(True)
    form.matter.setFocus()
    qtbot.keyClicks(form.matter, "yhdljs")
    qtbot.keyClick(form.matter, K.Key_Return)
    type_text(form.title, "长海路某小区门口雨后积水")
    type_text(form.content, "来电人反映杨浦区长海路街道某小区门口雨后积水，深约20厘米，"
                            "已持续两天，老人出行不便。")
    type_text(form.request, "希望尽快派人疏通排水")
    type_text(form.reported_party, "某物业公司")
    form.set_place(Place(district_code="310110", street_code="310110021",
                         address="长海路123弄门口", lon=121.5231, lat=31.3102))


def chain_member(widget: QWidget | None, chain: list[QWidget]) -> QWidget | None:
    while widget is not None and widget not in chain:
        widget = widget.parentWidget()
    return widget


def test_tab_walks_the_form_in_reading_order(form, qtbot):
    form.appeal_type.setFocus()
    qtbot.waitUntil(form.appeal_type.hasFocus, timeout=2_000)
    chain = form._tab_chain()
    seen = [form.appeal_type]
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
        member = chain_member(QApplication.focusWidget(), chain)
        if member is None or member is seen[-1]:
            continue
        seen.append(member)
        if member is form.submit_button:
            break
    expected = [form.appeal_type, form.channel, form.caller_name, form.gender, form.phone,
                form.phones.add_button, form.language, form.anonymous, form.confidential,
                *form.tags.values(), form.matter, form.title, form.content, form.request,
                form.reported_party, form.district, form.street, form.address,
                form.dispatch_radio, form.department, form.co_departments.box,
                form.reply_required, form.follow_up_required, form.urgency,
                form.submit_button]
    assert [w.objectName() or type(w).__name__ for w in seen] == \
        [w.objectName() or type(w).__name__ for w in expected]


def test_hotkeys_and_their_help(form, qtbot):
    form.content.setFocus()
    qtbot.keyClick(form.content, K.Key_M, modifier=CTRL)  # to the matter picker
    assert form.matter.hasFocus() and form.matter_picker.is_open()
    qtbot.keyClick(form.matter, K.Key_Escape)
    form.title.setFocus()
    qtbot.keyClick(form.title, K.Key_F4)
    assert form.matter.hasFocus() and form.matter_picker.is_open()
    qtbot.keyClick(form.matter, K.Key_Escape)

    qtbot.keyClicks(form.caller_name, "Li")
    with qtbot.waitSignal(form.draft_saved, timeout=2_000):
        qtbot.keyClick(form.caller_name, K.Key_S, modifier=CTRL)  # save now
    assert "Draft saved" in form.draft_state.text()
    qtbot.keyClick(form.caller_name, K.Key_N, modifier=CTRL)  # new
    assert form.is_blank() and form.appeal_type.hasFocus()

    qtbot.keyClick(form.appeal_type, K.Key_F1)  # the list of hotkeys
    dialog = form.help_dialog
    assert isinstance(dialog, HotkeysDialog) and dialog.isVisible()
    listed = " ".join(f"{keys} {text}" for keys, text in dialog.rows())
    for _name, keys, _text in HOTKEYS:
        assert keys[0] in listed
    assert "Ctrl+M" in listed and "F4" in listed and "Ctrl+L" in listed
    assert "Esc" in listed
    dialog.reject()


@pytest.mark.parametrize("size", [(760, 620), (1150, 950)])
def test_a_filled_form_fits_without_horizontal_scrolling(form, qtbot, type_text, tmp_path,
                                                         size):
    fill(form, qtbot, type_text)
    form.resize(*size)
    qtbot.wait(100)
    QApplication.processEvents()
    viewport = form.scroll.viewport()
    content = form.scroll.widget()
    assert not form.scroll.horizontalScrollBar().isVisible()
    assert content.width() <= viewport.width()
    # the submit bar is always in view, below the scroll area
    bar_top = form.submit_button.mapTo(form, form.submit_button.rect().topLeft()).y()
    assert form.scroll.geometry().bottom() < bar_top
    assert form.rect().contains(form.submit_button.geometry().translated(
        form.submit_button.parentWidget().mapTo(form, form.submit_button.parentWidget()
                                                .rect().topLeft())))
    # every field lies inside its section, none narrower than a short name
    for section in form.sections:
        inner = QRect(0, 0, section.width(), section.height())
        for key, row in form.rows.items():
            if row.isVisibleTo(section) and section.isAncestorOf(row):
                geo = QRect(row.mapTo(section, row.rect().topLeft()), row.size())
                assert inner.contains(geo), key
                assert row.width() >= 150, key
    name = f"order_form_{size[0]}x{size[1]}.png"
    assert form.grab().save(str(shots_dir(tmp_path) / name))
    # the whole scrolled content too, for a look at every section
    assert content.grab().save(str(shots_dir(tmp_path) / f"content_{size[0]}.png"))


def test_the_matter_list_floats_over_the_form_below_the_box(form, qtbot):
    form.focus_matter()
    picker = form.matter_picker
    qtbot.keyClicks(form.matter, "jishui")
    popup = picker.popup
    assert popup.isVisible() and popup.parentWidget() is form
    edit_box = QRect(form.matter.mapTo(form, form.matter.rect().topLeft()), form.matter.size())
    assert not popup.geometry().intersects(edit_box)  # the box stays readable
    assert form.rect().contains(popup.geometry())
    qtbot.keyClick(form.matter, K.Key_Escape)
    assert not popup.isVisible()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
               and w.isVisible()]
    assert dialogs == []


def test_a_new_call_and_a_new_order_start_at_the_top(qtbot, make_form):
    from datetime import UTC, datetime

    form = make_form()
    form.resize(700, 500)
    bar = form.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    form.set_call("c-1", "13912345678", datetime.now(UTC))
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    form.clear()  # Ctrl+N
    assert bar.value() == 0


def test_f1_in_the_window_lists_every_hotkey_once(session, qtbot):
    """Inside the main window, F1 from the form opens the window's list (one F1, not two
    competing ones), and it names the keys of every part of the workspace."""
    from PySide6.QtWidgets import QLabel

    from agent_desktop.ui.main_window import MainWindow
    from agent_desktop.ui.order_form import WorkOrderForm

    form = WorkOrderForm(session)
    window = MainWindow(QLabel("call bar"), [("KB", QLabel("kb")), ("Map", QLabel("map")),
                                             ("Work order", form)])
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(form)
    window.activateWindow()
    form.caller_name.setFocus()
    qtbot.waitUntil(form.caller_name.hasFocus)
    qtbot.keyClick(form.caller_name, K.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "hotkeys_dialog", None) is not None
                    and window.hotkeys_dialog.isVisible(), timeout=3_000)
    listed = " ".join(f"{keys} {text}" for keys, text in window.hotkeys_dialog.rows())
    for key in ("F9", "F10", "Ctrl+Return", "Ctrl+Shift+Q", "Ctrl+Shift+P", "Alt+3",
                "Ctrl+Q", "F1"):
        assert key in listed, key
    window.hotkeys_dialog.reject()
    window.allow_close()
