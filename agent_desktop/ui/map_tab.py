"""The map tab (地图): find where a caller's place is and hand its jurisdiction to the form.

An adapter over `agent_desktop.geo.GeoService`: the operator types (or the assist pastes)
the caller's place words, candidates appear in a list and as pins on the offline map
(`MapView`), and Enter on a candidate — or a digit key 1–9, or Ctrl+Shift+P from anywhere in
the tab, which first searches the words now in the box if they were not searched yet —
emits `place_chosen(PlaceChoice)` for the work-order form. A click on the map drops a
pin whose district comes from point-in-polygon on the (approximate) district areas.

    tab = MapTab(GeoService.for_city("shanghai"))
    tab.place_chosen.connect(form.set_place_choice)   # wired in app.py
    tab.set_order_place(order.place)                  # shows the order's pin
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.domain.models import Place
from agent_desktop.geo.model import GeoCandidate, Level, LocateResult
from agent_desktop.geo.service import GeoService

from .map_view import MapView, cjk_font

log = logging.getLogger(__name__)
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole


USE_PLACE_KEY = "Ctrl+Shift+P"
# (keys, translation context, what they do): bound here and listed by F1.
HOTKEYS = [
    (USE_PLACE_KEY, "MapTab", QT_TRANSLATE_NOOP("MapTab", "Use the place of the words in the "
                                               "search box in the work order")),
    ("1–9", "MapTab", QT_TRANSLATE_NOOP("MapTab", "Use the numbered result")),
]


class MapTab(QWidget):
    """Search box, offline map and candidate list. See the module docstring."""

    place_chosen = Signal(object)  # agent_desktop.geo.PlaceChoice

    def __init__(self, geo_service: GeoService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = geo_service
        self.setObjectName("mapTab")
        self.setFont(cjk_font(self.font().pointSizeF()))
        self._result: LocateResult | None = None
        self._search_seq = 0
        self._online_task: asyncio.Future | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("mapSearch")
        self.search_edit.setPlaceholderText(self.tr("Place words from the call, e.g. 长海路街道这边"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.map_view = MapView(geo_service.gazetteer.map, self)
        if geo_service.gazetteer.map.approximate:
            self.map_view.approximate_note = self.tr("District areas are approximate")
        self.tile_layer = None  # a configured XYZ tile server under the district areas
        if getattr(geo_service, "tiles", None) is not None:
            from agent_desktop.geo.tiles import TileClient

            from .map_tiles import TileLayer
            self.tile_layer = TileLayer(self.map_view, TileClient(geo_service.tiles))
            self.tile_layer.failed.connect(self.map_view.setToolTip)
        self.zoom_in_button = QToolButton(self)
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_out_button = QToolButton(self)
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.fit_button = QToolButton(self)
        self.fit_button.setText(self.tr("Whole city"))
        self.candidate_list = QListWidget(self)
        self.candidate_list.setObjectName("mapCandidates")
        self.candidate_list.setAlternatingRowColors(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("mapStatus")
        self.use_button = QPushButton(self.tr("Use this place"), self)
        self.use_button.setToolTip(self.tr("Put this place and its district/street into the "
                                           "work order (Enter on a result, or %1)")
                                   .replace("%1", USE_PLACE_KEY))
        self.search_edit.setAccessibleName(self.tr("Place search"))
        self.search_edit.setAccessibleDescription(self.search_edit.placeholderText())
        self.candidate_list.setAccessibleName(self.tr("Places found"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.use_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.search_button)
        map_box = QWidget(self)
        map_layout = QVBoxLayout(map_box)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.map_view, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.fit_button)
        tools.addStretch(1)
        map_layout.addLayout(tools)
        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.candidate_list, 1)
        list_layout.addWidget(self.status_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.use_button)
        list_layout.addLayout(bottom)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(map_box)
        self.splitter.addWidget(list_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.search_edit.returnPressed.connect(self._on_return)
        self.search_button.clicked.connect(self._search_from_edit)
        self.zoom_in_button.clicked.connect(lambda: self.map_view.zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.map_view.zoom(0.8))
        self.fit_button.clicked.connect(self.map_view.fit_city)
        self.map_view.point_clicked.connect(self.drop_pin)
        self.candidate_list.currentRowChanged.connect(self._on_current_changed)
        self.candidate_list.itemActivated.connect(lambda _item: self.choose_current())
        self.use_button.clicked.connect(self.choose_current)
        self.search_edit.installEventFilter(self)
        self.candidate_list.installEventFilter(self)
        shortcut = QShortcut(QKeySequence(USE_PLACE_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.use_place)
        self._fitted = False

    # --- public API -------------------------------------------------------------------------

    @Slot(str)
    def search(self, text: str) -> LocateResult:
        """Look `text` up offline now (and online too when a geocoder is configured)."""
        if self.search_edit.text() != text:
            self.search_edit.setText(text)
        self._search_seq += 1
        result = self.service.locate(text)
        self._show(result)
        if self.service.geocoders and (result.unresolved or not result.candidates):
            self._start_online(text, self._search_seq)
        return result

    @Slot(object)
    def set_order_place(self, place: Place | None) -> None:
        """Show the work order's place: its pin if it has a point, else its district."""
        if place is None:
            self.map_view.set_order_pin(None)
            return
        if place.lon is not None and place.lat is not None:
            self.map_view.set_order_pin((place.lon, place.lat), self.tr("O"))
        else:
            self.map_view.set_order_pin(None)
        if place.district_code:
            self.map_view.highlight_district(place.district_code)

    @Slot(float, float)
    def drop_pin(self, lon: float, lat: float) -> None:
        """A point chosen on the map: its (approximate) district becomes the first candidate."""
        candidate = self.service.at_point(lon, lat)
        if candidate is None:
            self.status_label.setText(self.tr("That point is outside %1.").replace(
                "%1", self.service.city_name))
            return
        self.map_view.set_dropped_pin((lon, lat))
        result = self._result or LocateResult(text="")
        others = [c for c in result.candidates if c.source != "map"]
        result = LocateResult(result.text, [candidate, *others], result.roads, result.landmarks,
                              result.unresolved, result.address, result.notes)
        self._show(result, fit=False)

    @Slot()
    def use_place(self) -> None:
        """The hotkey: the place for the words now in the box. If they changed since the
        last search, search them first — never hand over the previous search's answer."""
        text = self.search_edit.text().strip()
        if text and (self._result is None or self._result.text != text):
            self.search(text)
        self.choose_current()

    @Slot()
    def choose_current(self) -> None:
        candidate = self.current_candidate()
        if candidate is None:
            return
        address = self._result.address if self._result else ""
        if candidate.source == "map" and not address:
            address = candidate.label
        self.place_chosen.emit(self.service.choose(candidate, address=address))

    def current_candidate(self) -> GeoCandidate | None:
        item = self.candidate_list.currentItem()
        return item.data(CANDIDATE_ROLE) if item is not None else None

    @property
    def result(self) -> LocateResult | None:
        return self._result

    # --- internals ------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.map_view.fit_city()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._result:
            self.map_view.fit_city()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj is self.search_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                count = self.candidate_list.count()
                if count:
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = max(0, min(count - 1, self.candidate_list.currentRow() + step))
                    self.candidate_list.setCurrentRow(row)
                return True
            if obj is self.candidate_list and Qt.Key.Key_1 <= key <= Qt.Key.Key_9 \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                row = key - Qt.Key.Key_1
                if row < self.candidate_list.count():
                    self.candidate_list.setCurrentRow(row)
                    self.choose_current()
                return True
        return super().eventFilter(obj, event)

    def _on_return(self) -> None:
        self._search_from_edit()

    def _search_from_edit(self) -> None:
        text = self.search_edit.text().strip()
        if text:
            self.search(text)

    def _level_name(self, level: Level) -> str:
        return {
            Level.DISTRICT: self.tr("District"),
            Level.STREET: self.tr("Street/town"),
            Level.ESTATE: self.tr("Estate"),
            Level.VILLAGE: self.tr("Village"),
            Level.COMMITTEE: self.tr("Committee"),
            Level.LANDMARK: self.tr("Landmark"),
            Level.ADDRESS: self.tr("Address"),
            Level.POINT: self.tr("Map point"),
        }[level]

    def _item_text(self, index: int, c: GeoCandidate) -> str:
        codes = c.street_code or c.district_code or ""
        text = f"{index}. {c.label}   [{self._level_name(c.level)}]  {codes}"
        if c.source == "map":
            text += "  " + self.tr("(district approximate)")
        elif c.source != "gazetteer":
            text += "  " + self.tr("(online: %1)").replace("%1", c.source)
        return text

    def _show(self, result: LocateResult, fit: bool = True) -> None:
        self._result = result
        self.candidate_list.blockSignals(True)
        self.candidate_list.clear()
        for i, c in enumerate(result.candidates, 1):
            item = QListWidgetItem(self._item_text(i, c))
            item.setData(CANDIDATE_ROLE, c)
            item.setToolTip(c.matched or c.label)
            self.candidate_list.addItem(item)
        self.candidate_list.blockSignals(False)
        pins = []
        for i, c in enumerate(result.candidates, 1):
            point, approximate = self._display_point(c)
            if point is not None:
                pins.append((point[0], point[1], str(i), approximate, i == 1))
        self.map_view.set_pins(pins)
        self.use_button.setEnabled(bool(result.candidates))
        self.status_label.setText(self._status(result))
        if result.candidates:
            self.candidate_list.setCurrentRow(0)
            if fit:
                codes = list(dict.fromkeys(c.district_code for c in result.candidates
                                           if c.district_code))
                self.map_view.fit_districts(codes[:3])
        else:
            self.map_view.highlight_district(None)

    def _display_point(self, c: GeoCandidate):
        """A real point, else the district's label point drawn as an approximate pin."""
        if c.point is not None:
            return c.point, c.approximate and c.source != "map"
        shape = self.service.gazetteer.map.districts.get(c.district_code or "")
        return (shape.label, True) if shape else (None, True)

    def _status(self, result: LocateResult) -> str:
        lines = []
        if not result.candidates and not result.unresolved and result.text:
            lines.append(self.tr("No place of %1 found in the text.").replace(
                "%1", self.service.city_name))
        for item in result.unresolved:
            lines.append(self.tr("Not resolved offline: %1 — click the map to place it.")
                         .replace("%1", item))
        if any(c.point is None for c in result.candidates):
            lines.append(self.tr("Dashed pins mark the district only: streets and estates "
                                 "have no coordinates offline."))
        lines.extend(result.notes)
        return "\n".join(lines)

    def _on_current_changed(self, row: int) -> None:
        item = self.candidate_list.item(row) if row >= 0 else None
        c: GeoCandidate | None = item.data(CANDIDATE_ROLE) if item else None
        self.map_view.highlight_district(c.district_code if c else None)
        self.use_button.setEnabled(c is not None)

    # --- online geocoders (qasync) ----------------------------------------------------------

    def _start_online(self, text: str, seq: int) -> None:
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return
        if not loop.is_running():
            return  # no qasync loop (e.g. a plain test): offline results only
        if self._online_task is not None and not self._online_task.done():
            self._online_task.cancel()
        self.status_label.setText(self.status_label.text() + "\n" + self.tr("Asking the online geocoder…"))
        self._online_task = asyncio.ensure_future(self._search_online(text, seq))

    async def _search_online(self, text: str, seq: int) -> None:
        try:
            result = await self.service.search(text)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("online place search failed")
            return
        if seq == self._search_seq:
            self._show(result)
