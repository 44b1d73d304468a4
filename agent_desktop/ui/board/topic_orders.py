"""A hot topic's orders, opened from the alert: number, time, place and what the caller
said, with "link as one event" one click away (each order then names the others)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.domain.clock import HOTLINE_TZ

from .common import spawn


class TopicOrdersDialog(QDialog):
    message = Signal(str)

    def __init__(self, model: BoardModel, topic: dict, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.topic = model, topic
        self.setWindowTitle(self.tr("Orders of the hot topic"))
        self.resize(900, 420)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Taken at"),
                                              self.tr("Address"), self.tr("Content")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.state = QLabel(self.tr("Loading the orders…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.link = buttons.addButton(self.tr("Link as one event"),
                                      QDialogButtonBox.ButtonRole.ActionRole)
        self.link.setEnabled(not topic.get("linked_by"))
        self.link.clicked.connect(self._link)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        spawn(model.topic_orders(topic["id"]), self._show,
              lambda error: self.state.setText(self.tr("Cannot load the orders: %1")
                                               .replace("%1", error)))

    def _show(self, orders) -> None:
        self.table.setRowCount(len(orders))
        for row, order in enumerate(orders):
            taken = order.created_at.astimezone(HOTLINE_TZ).strftime("%m-%d %H:%M")
            for col, text in enumerate((order.number, taken, order.place.address,
                                        order.content)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.state.setText(self._linked_text() if self.topic.get("linked_by")
                           else self.tr("%n order(s).", None, len(orders)))

    def _linked_text(self) -> str:
        return self.tr("Linked as one event by %1.").replace("%1", self.topic["linked_by"])

    def _link(self) -> None:
        self.link.setEnabled(False)

        def done(topic: dict) -> None:
            self.topic = topic
            self.state.setText(self._linked_text())
            self.message.emit(self._linked_text())

        def failed(error: str) -> None:
            self.link.setEnabled(True)
            self.state.setText(self.tr("Not linked: %1").replace("%1", error))

        spawn(self.model.link_topic(self.topic["id"]), done, failed)
