"""The board's tiles: agents by state, orders near and past their deadline, extension
requests waiting, and open hot topics."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from agent_desktop.board import BoardModel, Tiles
from agent_desktop.ui.theme import ERROR, MUTED, OK, WARN

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

    def set_value(self, value: int) -> None:
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
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, i)
        for signal in (model.agents_changed, model.orders_changed, model.topics_changed):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        values: Tiles = self.model.tiles()
        for name, tile in self.tiles.items():
            tile.set_value(getattr(values, name))
