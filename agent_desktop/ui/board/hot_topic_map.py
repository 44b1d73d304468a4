"""The hot topics on the city map: a pin per topic in its district (street points are not
known offline, so the pin is marked approximate), labelled with the street, the matter and
the count; the selected topic's district is highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agent_desktop.board import BoardModel

from .common import coalesced


class HotTopicMap(QWidget):
    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = None  # ui.map_view.MapView once the city map has loaded
        self.gazetteer = None
        self.placeholder = QLabel(self.tr("Loading the map…"))
        self.placeholder.setObjectName("EmptyState")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.placeholder)
        self.setMinimumHeight(180)
        self.selected: str | None = None
        model.topics_changed.connect(coalesced(self, self.reload))
        QTimer.singleShot(0, self._load)  # after the board is on screen

    def _load(self) -> None:
        from agent_desktop.geo.gazetteer import load_gazetteer
        from agent_desktop.ui.map_view import MapView

        try:
            self.gazetteer = load_gazetteer()
        except Exception as exc:  # packaged data missing: the list still works
            self.placeholder.setText(self.tr("No map: %1").replace("%1", str(exc)))
            return
        self.view = MapView(self.gazetteer.map, self)
        self.view.setAccessibleName(self.tr("Hot topics on the map"))
        self.layout_.replaceWidget(self.placeholder, self.view)
        self.placeholder.hide()
        self.view.fit_city()
        self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.view is not None:
            self.view.fit_city()

    def pins(self) -> list[tuple[float, float, str, bool, bool]]:
        """(lon, lat, text, approximate, is_selected) per open topic."""
        if self.gazetteer is None:
            return []
        out = []
        for topic in self.model.open_topics():
            district = self._district(topic)
            shape = self.gazetteer.map.districts.get(district or "")
            if shape is None:
                continue
            text = f"{topic.get('street_name') or ''} {topic.get('matter_name') or ''} ×{topic['count']}"
            out.append((*shape.anchor, text.strip(), True, topic["id"] == self.selected))
        return out

    def _district(self, topic: dict[str, Any]) -> str | None:
        if topic.get("district_code"):
            return topic["district_code"]
        street = topic.get("street_code") or ""
        if street in self.gazetteer.streets:
            return self.gazetteer.district_of_street(street).code
        return street[:6] or None

    def select(self, topic_id: str | None) -> None:
        self.selected = topic_id
        self.reload()

    def reload(self) -> None:
        if self.view is None:
            return
        self.view.set_pins(self.pins())
        topic = self.model.topics.get(self.selected or "")
        self.view.highlight_district(self._district(topic) if topic else None)
