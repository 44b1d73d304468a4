"""Orders near or past their resolve deadline (临期/超期), grouped by handling department,
with 督办 (supervise) and extension approval one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.board.model import pending_extension
from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain.models import WorkOrder
from agent_desktop.ui.labels import label
from agent_desktop.ui.theme import ERROR, WARN

from .common import hours_text, spawn

SUPERVISION_NOTE = "班组长督办：请加快办理，按时办结并及时反馈。"
ACTIONS_COLUMN = 5


class DeadlinePanel(QWidget):
    """Emits `message(str)` with what a click did (for the status bar)."""

    message = Signal(str)

    def __init__(self, model: BoardModel, actions: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.actions = actions
        self.title = QLabel(self.tr("Near or past deadline"))
        self.title.setObjectName("PaneTitle")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Order"), self.tr("Content"), self.tr("Status"),
                                   self.tr("Resolve by"), self.tr("Deadline"), ""])
        self.tree.setAccessibleName(self.tr("Near or past deadline"))
        for column, width in enumerate((260, 420, 90, 120, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.setColumnHidden(ACTIONS_COLUMN, not actions)
        self.buttons: dict[int, dict[str, QPushButton]] = {}  # order id → its buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        model.orders_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.buttons.clear()
        now = self.model.clock()
        for department, orders in self.model.due_groups():
            overdue = sum(1 for o in orders if self.model.is_overdue(o, now))
            head = QTreeWidgetItem([department or self.tr("Not yet dispatched"),
                                    self.tr("%1 orders, %2 overdue")
                                    .replace("%1", str(len(orders))).replace("%2", str(overdue))])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for order in orders:
                item = self._order_item(order, now)
                head.addChild(item)
                if self.actions:
                    self.tree.setItemWidget(item, ACTIONS_COLUMN, self._actions(order))
            head.setExpanded(True)

    def _order_item(self, order: WorkOrder, now) -> QTreeWidgetItem:
        due = order.deadlines.get("resolve")
        overdue = self.model.is_overdue(order, now)
        if due is None:
            left = ""
        elif overdue:
            left = self.tr("Overdue by %1").replace("%1", hours_text(now - due))
        else:
            left = self.tr("%1 left").replace("%1", hours_text(due - now))
        content = order.content.replace("\n", " ")
        item = QTreeWidgetItem([
            order.number + (" " + self.tr("[supervised]") if order.supervised else ""),
            content[:40] + ("…" if len(content) > 40 else ""),
            label(order.status),
            due.astimezone(HOTLINE_TZ).strftime("%m-%d %H:%M") if due else "",
            left])
        item.setToolTip(1, content)
        item.setData(0, Qt.ItemDataRole.UserRole, order.id)
        item.setForeground(4, QColor(ERROR if overdue else WARN))
        return item

    def _actions(self, order: WorkOrder) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(2, 0, 2, 0)
        supervise = QPushButton(self.tr("Supervised") if order.supervised else self.tr("Supervise"))
        supervise.setEnabled(not order.supervised)
        supervise.setToolTip(self.tr("Flag the order for key supervision and ask the "
                                     "department to hurry"))
        supervise.clicked.connect(lambda: self.supervise(order.id))
        row.addWidget(supervise)
        buttons = {"supervise": supervise}
        if pending_extension(order) is not None:
            extension = pending_extension(order)
            approve = QPushButton(self.tr("Approve extension (+%1 d)")
                                  .replace("%1", str(extension.extra_working_days)))
            approve.setToolTip(extension.reason)
            approve.clicked.connect(lambda: self.approve(order.id))
            row.addWidget(approve)
            buttons["approve"] = approve
        row.addStretch(1)
        self.buttons[order.id] = buttons
        return box

    def supervise(self, order_id: int) -> None:
        button = self.buttons.get(order_id, {}).get("supervise")
        if button is not None:
            button.setEnabled(False)
        spawn(self.model.supervise(order_id, SUPERVISION_NOTE),
              lambda order: self.message.emit(self.tr("Order %1 is supervised.")
                                              .replace("%1", order.number)),
              lambda error: self._failed(button, error))

    def approve(self, order_id: int) -> None:
        button = self.buttons.get(order_id, {}).get("approve")
        if button is not None:
            button.setEnabled(False)
        spawn(self.model.approve_extension(order_id),
              lambda order: self.message.emit(self.tr("Extension of order %1 approved.")
                                               .replace("%1", order.number)),
              lambda error: self._failed(button, error))

    def _failed(self, button: QPushButton | None, error: str) -> None:
        try:
            if button is not None:
                button.setEnabled(True)
        except RuntimeError:  # the list was rebuilt meanwhile
            pass
        self.message.emit(self.tr("Not done: %1").replace("%1", error))
