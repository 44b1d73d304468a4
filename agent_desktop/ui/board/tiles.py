"""The board's tiles: the call queue (calls waiting, longest wait, service level, abandon
rate — when the server runs the ACD), agents by state, orders near and past their
deadline, extension requests waiting, and open hot topics."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from agent_desktop.board import BoardModel, Tiles
from agent_desktop.ui.theme import ERROR, MUTED, OK, WARN

from .common import coalesced, duration

ACCENT = "#1d5fbf"


class Tile(QFrame):
    def __init__(self, caption: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BoardTile")
        self.setStyleSheet(f"QFrame#BoardTile {{ background: white; border: 1px solid #d5dbe3;"
                           f" border-left: 6px solid {color}; border-radius: 6px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.value = QLabel("–")
        self.value.setObjectName("TileValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {color}; border: none;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet(f"color: {MUTED}; border: none;")
        for label in (self.value, self.caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.setAccessibleName(caption)

    def set_value(self, value: object) -> None:
        self.value.setText(str(value))
        self.setAccessibleDescription(str(value))


class BoardTiles(QWidget):
    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.tiles = {
            "ready": Tile(self.tr("Ready"), OK),
            "on_call": Tile(self.tr("On a call"), ACCENT),
            "not_ready": Tile(self.tr("Not ready"), WARN),
            "wrap_up": Tile(self.tr("Wrap-up"), "#7b4fbf"),
            "near_deadline": Tile(self.tr("Near deadline"), WARN),
            "overdue": Tile(self.tr("Overdue"), ERROR),
            "extensions_waiting": Tile(self.tr("Extensions to decide"), ACCENT),
            "hot_topics": Tile(self.tr("Hot topics"), ERROR),
        }
        self.queue_tiles = {
            "waiting": Tile(self.tr("Calls waiting"), ACCENT),
            "longest_wait_s": Tile(self.tr("Longest wait"), WARN),
            "service_level": Tile(self.tr("Answered within 15 s"), OK),
            "abandon_rate": Tile(self.tr("Abandoned"), ERROR),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, tile in enumerate(self.queue_tiles.values()):
            grid.addWidget(tile, 0, 2 * i, 1, 2)
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 1, i)
        soon = coalesced(self, self.refresh)
        for signal in (model.agents_changed, model.orders_changed, model.topics_changed,
                       model.queue_changed):
            signal.connect(soon)
        self.timer = QTimer(self)  # the longest wait grows between events
        self.timer.timeout.connect(self.refresh)
        self.timer.start(1000)
        self.refresh()

    def refresh(self) -> None:
        values: Tiles = self.model.tiles()
        for name, tile in self.tiles.items():
            tile.set_value(getattr(values, name))
        for tile in self.queue_tiles.values():
            tile.setVisible(values.waiting is not None)
        if values.waiting is None:
            return
        self.queue_tiles["waiting"].set_value(values.waiting)
        self.queue_tiles["longest_wait_s"].set_value(
            duration(timedelta(seconds=values.longest_wait_s or 0)))
        for name in ("service_level", "abandon_rate"):
            share = getattr(values, name)
            self.queue_tiles[name].set_value("–" if share is None else f"{share:.0%}")
