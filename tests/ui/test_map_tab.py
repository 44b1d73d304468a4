"""The map tab: typed place words → candidates on the map → PlaceChoice for the form."""

import asyncio
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from agent_desktop.domain.models import Place  # noqa: E402
from agent_desktop.geo import GeoCandidate, GeoService, Level, PlaceChoice  # noqa: E402
from agent_desktop.geo.gazetteer import load_gazetteer  # noqa: E402
from agent_desktop.ui.map_tab import MapTab  # noqa: E402


def type_text(widget, text):
    """Chinese is committed the way an input method does it (keyClicks would abort)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture(scope="module")
def geo():
    return GeoService.for_city("shanghai")


@pytest.fixture
def tab(qtbot, geo):
    widget = MapTab(geo)
    qtbot.addWidget(widget)
    widget.resize(700, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def search_by_typing(qtbot, tab, text):
    type_text(tab.search_edit, text)
    assert tab.search_edit.text() == text
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)


def test_typed_place_shows_candidates_pins_and_district(qtbot, tab):
    search_by_typing(qtbot, tab, "长海路街道这边路灯坏了")
    assert tab.candidate_list.count() >= 1
    first = tab.candidate_list.item(0).text()
    assert "长海路街道" in first and "杨浦区" in first and "310110021" in first
    assert tab.map_view.highlighted_district == "310110"
    assert len(tab.map_view.pins) == tab.candidate_list.count()
    assert tab.map_view.pins[0].approximate  # no street coordinates: the district only
    assert tab.use_button.isEnabled()


def test_enter_on_candidate_emits_place_choice(qtbot, tab):
    search_by_typing(qtbot, tab, "我们曹杨新村小区这边停水了")
    tab.candidate_list.setFocus()
    with qtbot.waitSignal(tab.place_chosen, timeout=1000) as blocker:
        qtbot.keyClick(tab.candidate_list, Qt.Key.Key_Return)
    choice = blocker.args[0]
    assert isinstance(choice, PlaceChoice)
    assert isinstance(choice.place, Place)
    assert (choice.place.district_code, choice.place.street_code) == ("310107", "310107005")
    assert choice.jurisdiction.office_code == "310107005"
    assert choice.place.address == "曹杨新村"


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_use_place_key_from_search_box_and_digit_keys_choose(qtbot, tab):
    search_by_typing(qtbot, tab, "虹桥那边")
    assert tab.candidate_list.count() >= 2
    with qtbot.waitSignal(tab.place_chosen, timeout=1000) as first:
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_P, CTRL_SHIFT)
    tab.candidate_list.setFocus()
    with qtbot.waitSignal(tab.place_chosen, timeout=1000) as second:
        qtbot.keyClick(tab.candidate_list, Qt.Key.Key_2)
    names = {first.args[0].jurisdiction.street_name, second.args[0].jurisdiction.street_name}
    assert names == {"虹桥街道", "虹桥镇"}


def test_use_place_key_searches_new_words_first_never_the_previous_answer(qtbot, tab):
    search_by_typing(qtbot, tab, "虹桥那边")
    type_text(tab.search_edit, "")  # the operator types a new place and does not press Enter
    tab.search_edit.clear()
    type_text(tab.search_edit, "杨浦区长海路街道")
    with qtbot.waitSignal(tab.place_chosen, timeout=1000) as chosen:
        qtbot.keyClick(tab.search_edit, Qt.Key.Key_P, CTRL_SHIFT)
    assert chosen.args[0].place.street_code == "310110021"  # not 虹桥


def test_ctrl_enter_is_not_used_by_the_map(qtbot, tab):
    search_by_typing(qtbot, tab, "虹桥那边")
    chosen = []
    tab.place_chosen.connect(chosen.append)
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert chosen == []  # Ctrl+Enter means "submit the order", nothing else


def test_arrow_keys_in_search_box_move_the_selection(qtbot, tab):
    search_by_typing(qtbot, tab, "虹桥那边")
    assert tab.candidate_list.currentRow() == 0
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    assert tab.candidate_list.currentRow() == 1
    assert tab.map_view.highlighted_district == tab.current_candidate().district_code


def test_road_only_says_not_resolved_offline(qtbot, tab):
    search_by_typing(qtbot, tab, "嘉松南路那边有人倒垃圾")
    assert tab.candidate_list.count() == 0
    assert "嘉松南路" in tab.status_label.text()
    assert not tab.use_button.isEnabled()
    # a road of the road table places its district only, and still says the rest is open
    tab.search("我家住在营口路，楼下饭店油烟很大")
    assert tab.candidate_list.count() == 1
    assert tab.current_candidate().district_code == "310110"
    assert tab.current_candidate().street_code is None
    assert "营口路" in tab.status_label.text()


def test_landmark_lands_where_it_is(qtbot, tab):
    search_by_typing(qtbot, tab, "虹桥火车站")
    first = tab.current_candidate()
    assert (first.district_code, first.street_code) == ("310112", "310112008")
    assert "上海虹桥站" in tab.candidate_list.item(0).text()


def test_click_on_map_drops_pin_and_finds_district(qtbot, tab, geo):
    tab.map_view.fit_city()
    shape = geo.gazetteer.map.districts["310115"]  # 浦东新区
    pos = tab.map_view.mapFromScene(tab.map_view.to_scene(*shape.label))
    qtbot.mouseClick(tab.map_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert tab.map_view.dropped_pin is not None
    first = tab.current_candidate()
    assert first.source == "map" and first.district_code == "310115"
    with qtbot.waitSignal(tab.place_chosen, timeout=1000) as blocker:
        tab.use_button.click()
    place = blocker.args[0].place
    assert place.district_code == "310115" and place.street_code is None
    assert place.lon == pytest.approx(shape.label[0], abs=0.01)


def test_drag_pans_without_dropping_a_pin(qtbot, tab):
    tab.map_view.zoom(3)
    vp = tab.map_view.viewport()
    centre = vp.rect().center()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(vp, centre + QPoint(60, 40))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 40))
    assert tab.map_view.dropped_pin is None


def test_zoom_buttons_and_label_decluttering(qtbot, tab):
    view = tab.map_view
    view.fit_city()
    at_city = view.zoom_level()
    labels_city = set(view.visible_labels())
    assert {"浦东新区", "崇明区"} <= labels_city
    assert len(labels_city) < 16  # the small central districts would overlap
    qtbot.mouseClick(tab.zoom_in_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoom_level() > at_city
    qtbot.mouseClick(tab.fit_button, Qt.MouseButton.LeftButton)
    assert view.zoom_level() == pytest.approx(at_city)


def test_order_place_pin(qtbot, tab):
    tab.set_order_place(Place(district_code="310110", street_code="310110021",
                              lon=121.5283, lat=31.2886))
    pin = tab.map_view.order_pin
    assert pin is not None
    assert tab.map_view.to_lonlat(pin.pos()) == pytest.approx((121.5283, 31.2886))
    assert tab.map_view.highlighted_district == "310110"
    tab.set_order_place(None)
    assert tab.map_view.order_pin is None


def test_renders_legibly(qtbot, tab, tmp_path):
    search_by_typing(qtbot, tab, "杨浦区长海路街道这边")
    image = tab.grab().toImage()
    assert (image.width(), image.height()) == (700, 720)
    colours = {image.pixel(x, y) for x in range(0, 700, 7) for y in range(40, 540, 7)}
    assert len(colours) > 20  # a drawn map, not an empty widget
    assert tab.grab().save(str(tmp_path / "map_tab.png"))


# --- online geocoder through qasync ---------------------------------------------------------


class StubGeocoder:
    """An online geocoder double (the HTTP backend is tested in tests/geo)."""

    name = "stub"

    async def geocode(self, query, *, limit=5):
        await asyncio.sleep(0)
        return [GeoCandidate("营口路", Level.ADDRESS, district_code="310110",
                             district_name="杨浦区", street_code="310110021",
                             street_name="长海路街道", point=(121.5283, 31.2886),
                             source=self.name, score=0.8)]




def test_unresolved_road_is_asked_online(qtbot, qloop):
    service = GeoService(load_gazetteer("shanghai"), [StubGeocoder()])
    widget = MapTab(service)
    qtbot.addWidget(widget)
    widget.resize(700, 720)
    widget.show()
    result = widget.search("杨浦区营口路那边")
    assert result.best.name == "杨浦区"  # offline first, at once
    qtbot.waitUntil(lambda: widget.current_candidate().source == "stub", timeout=3000)
    assert "online" in widget.candidate_list.item(0).text()
    assert len(widget.map_view.pins) == widget.candidate_list.count()
    assert not widget.map_view.pins[0].approximate  # a real point
