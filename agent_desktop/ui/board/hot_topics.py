"""The hot-topic list: each burst of one matter in one street, newest first, with its
count and window, and the same topics on the map below; "Orders…" (or a double-click)
opens the topic's orders with "link as one event"; "Push notice" opens a small dialog that
sends a notice to every operator's screen. A topic that arrives live is flashed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.ui.dialogs import run_dialog

from .common import spawn
from .hot_topic_map import HotTopicMap
from .notice_dialog import NoticeDialog
from .topic_orders import TopicOrdersDialog


class HotTopicPanel(QWidget):
    """Emits `message(str)` with what was done (for the status bar)."""

    message = Signal(str)

    def __init__(self, model: BoardModel, actions: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self.tr("Hot topics"))
        self.title.setObjectName("PaneTitle")
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Hot topics"))
        self.list.setWordWrap(True)
        self.empty = QLabel(self.tr("No hot topic in the last hours."))
        self.empty.setObjectName("EmptyState")
        self.push = QPushButton(self.tr("Push notice…"))
        self.push.setVisible(actions)
        self.push.clicked.connect(self.open_notice)
        self.orders = QPushButton(self.tr("Orders…"))
        self.orders.setVisible(actions)
        self.orders.clicked.connect(self.open_orders)
        self.list.itemDoubleClicked.connect(lambda _item: actions and self.open_orders())
        self.map = HotTopicMap(model)
        self.list.currentItemChanged.connect(lambda *_: self.map.select(self.selected_id()))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.orders)
        head.addWidget(self.push)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.map, 1)
        self.dialog: NoticeDialog | None = None
        self.orders_dialog: TopicOrdersDialog | None = None
        self.unflash = QTimer(self)
        self.unflash.setSingleShot(True)
        self.unflash.timeout.connect(lambda: self.title.setStyleSheet(""))
        model.topics_changed.connect(self.reload)
        model.topic_raised.connect(self.flash)
        self.reload()

    def text_of(self, topic: dict[str, Any]) -> str:
        first = datetime.fromisoformat(topic["first_at"]).astimezone(HOTLINE_TZ)
        text = (self.tr("%1 · %2: %3 orders since %4 (usually %5 in %6 min)")
                .replace("%1", topic.get("street_name") or topic["street_code"])
                .replace("%2", topic.get("matter_name") or topic["matter_code"])
                .replace("%3", str(topic["count"]))
                .replace("%4", first.strftime("%H:%M"))
                .replace("%5", f"{topic.get('expected', 0):.1f}")
                .replace("%6", str(topic["window_minutes"])))
        if topic.get("linked_by"):
            text += self.tr(" — linked as one event")
        return text

    def open_orders(self) -> None:
        topic_id = self.selected_id()
        topic = self.model.topics.get(topic_id) if topic_id else None
        if topic is None:
            return
        self.orders_dialog = dialog = TopicOrdersDialog(self.model, topic, self.text_of(topic),
                                                        self)
        dialog.message.connect(self.message)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def reload(self) -> None:
        current = self.selected_id()
        self.list.clear()
        topics = self.model.open_topics()
        for topic in topics:
            item = QListWidgetItem(self.text_of(topic))
            item.setData(Qt.ItemDataRole.UserRole, topic["id"])
            item.setToolTip(self.tr("Orders: %1").replace(
                "%1", ", ".join(str(i) for i in topic["order_ids"])))
            self.list.addItem(item)
            if topic["id"] == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not topics)
        self.push.setEnabled(bool(topics))
        self.orders.setEnabled(bool(topics))

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def flash(self, topic: dict[str, Any]) -> None:
        self.title.setStyleSheet("color: white; background: #c62828; padding: 2px 6px;")
        self.unflash.start(4000)
        self.message.emit(self.tr("New hot topic: %1").replace("%1", self.text_of(topic)))

    def draft_for(self, topic: dict[str, Any]) -> str:
        return self.tr("Known issue: %1 in %2 — the matter has been dispatched and is "
                       "being handled; please tell callers so and take their details.") \
            .replace("%1", topic.get("matter_name") or topic["matter_code"]) \
            .replace("%2", topic.get("street_name") or topic["street_code"])

    def open_notice(self) -> None:
        topic_id = self.selected_id()
        topic = self.model.topics.get(topic_id) if topic_id else None
        self.dialog = NoticeDialog(self.draft_for(topic) if topic else "", self)
        spawn(self._ask(self.dialog, topic_id))

    async def _ask(self, dialog: NoticeDialog, topic_id: str | None) -> None:
        if await run_dialog(dialog) and dialog.notice():
            text = dialog.notice()
            spawn(self.model.push_notice(text, topic_id),
                  lambda _n: self.message.emit(self.tr("Notice pushed to all operators.")),
                  lambda error: self.message.emit(self.tr("Notice not sent: %1")
                                                  .replace("%1", error)))
        dialog.deleteLater()
        self.dialog = None
