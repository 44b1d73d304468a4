"""The form's last card, 本机发送: the orders typed on this PC, what still waits (queued, or
refused by the server — double-click to correct) apart from what the server accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from agent_desktop.api.outbox import DONE, FAILED, Outbox
from agent_desktop.api.session import WORK_ORDER
from agent_desktop.domain import AppealType
from agent_desktop.domain.clock import HOTLINE_TZ

from .labels import label
from .order_sections import Section


class SentList(Section):
    correct_requested = Signal(int)  # the outbox id of a refused order to correct

    def __init__(self, outbox: Outbox, matter_name: Callable[[str], str]) -> None:
        super().__init__(self.tr("Sent from this PC"))
        self.outbox = outbox
        self.matter_name = matter_name
        self.waiting_title = QLabel(self.tr("Waiting or refused"))
        self.waiting_title.setProperty("muted", True)
        self.waiting = self._list(self.tr("Double-click an order the server refused to "
                                          "correct it"))
        self.waiting.itemDoubleClicked.connect(
            lambda entry: self.correct_requested.emit(entry.data(Qt.ItemDataRole.UserRole)))
        self.accepted_title = QLabel(self.tr("Accepted by the server"))
        self.accepted_title.setProperty("muted", True)
        self.accepted = self._list(self.tr("Orders the server has numbered"))
        self.empty = QLabel(self.tr("Nothing sent from this PC yet."))
        self.empty.setProperty("muted", True)
        for row, widget in enumerate((self.waiting_title, self.waiting, self.accepted_title,
                                      self.accepted, self.empty)):
            self.grid.addWidget(widget, row, 0, 1, 4)

    def _list(self, tooltip: str) -> QListWidget:
        box = QListWidget()
        box.setAlternatingRowColors(True)
        box.setMaximumHeight(110)
        box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        box.setToolTip(tooltip)
        box.setAccessibleName(tooltip)
        return box

    def reload(self) -> None:
        self.waiting.clear()
        self.accepted.clear()
        for item in self.outbox.items(limit=50):
            if item.kind != WORK_ORDER:
                continue
            when = datetime.fromtimestamp(item.created_at, HOTLINE_TZ).strftime("%H:%M")
            phones = item.payload.get("caller", {}).get("phones") or ["—"]
            appeal = item.payload.get("appeal_type")
            kind = label(AppealType(appeal)) if appeal in AppealType._value2member_map_ else ""
            matter = self.matter_name(item.payload.get("matter_code", ""))
            if item.state == DONE and item.result:
                state, target = self.tr("No. %1").replace("%1", item.result["number"]), \
                    self.accepted
            elif item.state == FAILED:
                state, target = self.tr("refused — double-click to correct"), self.waiting
            else:
                state, target = self.tr("queued, not yet sent"), self.waiting
            entry = QListWidgetItem(f"{when}  {kind}  {phones[0]}  {matter}  ·  {state}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.state == FAILED:
                entry.setForeground(Qt.GlobalColor.darkRed)
            target.addItem(entry)
        for title, box in ((self.waiting_title, self.waiting),
                           (self.accepted_title, self.accepted)):
            title.setVisible(box.count() > 0)
            box.setVisible(box.count() > 0)
        self.empty.setVisible(self.waiting.count() + self.accepted.count() == 0)
