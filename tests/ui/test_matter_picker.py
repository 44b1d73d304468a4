"""The matter picker from the keyboard: pinyin initials and Chinese type-ahead with
highlighted hits, browsing the 5 levels with arrows, Esc, and recent matters first —
also after a restart (usage kept in the data dir)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from agent_desktop.domain.reference import load_catalog
from agent_desktop.forms.drafts import DraftStore
from agent_desktop.ui.matter_picker import HEADER, HTML_ROLE, INNER, LEAF, MatterPicker

K = Qt.Key


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def make_picker(qloop, qtbot, catalog):
    def make(usage=None) -> MatterPicker:
        picker = MatterPicker()
        qtbot.addWidget(picker)
        picker.resize(560, 40)
        picker.show()
        picker.set_catalog(catalog, usage=usage)
        qtbot.waitUntil(lambda: picker.ready, timeout=10_000)
        return picker

    return make


def leaf_rows(picker):
    return [row for row in picker.popup.rows() if row[0] == LEAF]


def test_pinyin_initials_find_the_matter_and_enter_picks_it(make_picker, catalog, qtbot):
    picker = make_picker()
    chosen = []
    picker.matter_chosen.connect(chosen.append)
    qtbot.keyClicks(picker.edit, "ljfl")
    assert picker.is_open()  # instant: no debounce, the list is there after the keystroke
    names = [name for _, _, name in leaf_rows(picker)]
    assert names[:2] == ["垃圾分类指导咨询", "垃圾分类投放点设置"]
    html = picker.popup.model.item(0).data(HTML_ROLE)
    assert ">垃圾分类</span>指导咨询" in html  # the four characters the initials matched
    assert "市容环境" in html  # the path under the name
    qtbot.keyClick(picker.edit, K.Key_Down)
    qtbot.keyClick(picker.edit, K.Key_Return)
    leaf = next(n for n in catalog.nodes if n.name == "垃圾分类投放点设置")
    assert picker.code() == leaf.code
    assert chosen[-1] == leaf.code
    assert not picker.is_open()
    assert picker.edit.text() == "垃圾分类投放点设置"
    assert picker.path_label.isVisible() and "市容环境" in picker.path_label.text()
    assert leaf.code in picker.path_label.text()


def test_chinese_keywords_full_pinyin_and_no_match(make_picker, qtbot, type_text):
    picker = make_picker()
    type_text(picker.edit, "噪音")  # a keyword, not in any name
    rows = leaf_rows(picker)
    assert rows[0][2] == "夜间施工噪声"
    assert "keyword" in picker.popup.model.item(0).data(HTML_ROLE)
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, "jishui")
    assert {r[2] for r in leaf_rows(picker)[:2]} == {"下立交积水", "雨后道路积水"}
    picker.edit.clear()
    type_text(picker.edit, "火星移民")
    assert leaf_rows(picker) == []
    assert "No matter matches" in picker.popup.heading.text()
    assert picker.code() == ""


def test_browse_level_by_level_with_the_arrow_keys(make_picker, catalog, qtbot):
    picker = make_picker()
    picker.edit.setFocus()
    qtbot.keyClick(picker.edit, K.Key_Down)  # empty box: the domains to browse
    assert picker.is_open()
    rows = picker.popup.rows()
    assert [r[2] for r in rows if r[0] == INNER][:3] == ["城乡建设", "市容环境", "交通运输"]
    assert picker.current_row() == (INNER, "01")
    qtbot.keyClick(picker.edit, K.Key_Right)  # into 城乡建设
    assert [r[2] for r in picker.popup.rows()] == ["市政设施", "建设工程", "规划管理", "公用事业"]
    assert "城乡建设" in picker.popup.heading.text()
    for _ in range(3):  # down to level 5: 市政设施 › … › leaves
        qtbot.keyClick(picker.edit, K.Key_Return)
    kinds = {r[0] for r in picker.popup.rows()}
    assert kinds == {LEAF}
    first = picker.popup.rows()[0]
    qtbot.keyClick(picker.edit, K.Key_Left)  # up one level…
    assert picker.current_row()[0] == INNER
    qtbot.keyClick(picker.edit, K.Key_Right)  # …and back
    qtbot.keyClick(picker.edit, K.Key_Return)
    assert picker.code() == first[1]
    node = picker.node(first[1])
    assert node.is_leaf and picker.ancestors(node.code)[0].name == "城乡建设"
    # F4 again opens the chosen matter's level with it selected
    picker.open_browser()
    assert picker.current_row() == (LEAF, first[1])


def test_escape_closes_and_keeps_the_chosen_matter(make_picker, qtbot):
    picker = make_picker()
    qtbot.keyClicks(picker.edit, "wg")
    qtbot.keyClick(picker.edit, K.Key_Return)
    code = picker.code()
    assert code
    qtbot.keyClicks(picker.edit, "xyz")  # the operator starts another search…
    assert picker.code() == ""
    qtbot.keyClick(picker.edit, K.Key_Escape)  # …and thinks better of it
    assert not picker.is_open()
    assert picker.code() == code


def test_recent_matters_come_first_and_survive_a_restart(make_picker, catalog, qtbot,
                                                         tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite3")
    picker = make_picker(usage=store.matter_usage)
    picker.matter_used.connect(store.record_matter_use)
    for query in ("ljfl", "jishui"):
        picker.edit.clear()
        qtbot.keyClicks(picker.edit, query)
        qtbot.keyClick(picker.edit, K.Key_Return)
    last = picker.code()
    picker.open_browser("")
    picker.set_code("")
    picker.open_browser()
    rows = picker.popup.rows()
    assert rows[0][0] == HEADER
    recent = [r for r in rows[1:3]]
    assert [r[0] for r in recent] == [LEAF, LEAF]
    assert recent[0][1] == last  # most recent first
    store.close()

    # a new picker (as after a restart) reads the usage from the data dir
    store = DraftStore(tmp_path / "drafts.sqlite3")
    again = make_picker(usage=store.matter_usage)
    again.open_browser()
    assert again.popup.rows()[1][1] == last
    # and a used matter outranks its equals in a search
    qtbot.keyClicks(again.edit, "lj")
    assert leaf_rows(again)[0][2].startswith("垃圾分类")


def test_type_ahead_is_fast_on_every_keystroke(make_picker, qtbot):
    picker = make_picker()
    worst = 0.0
    for query in ("l", "lj", "ljf", "ljfl", "j", "ji", "jis", "jish", "jishu", "jishui"):
        picker.edit.setText(query)
        t0 = time.perf_counter()
        picker._on_text_edited(query)
        worst = max(worst, time.perf_counter() - t0)
    assert worst < 0.05, f"slowest keystroke {worst * 1000:.1f} ms"
