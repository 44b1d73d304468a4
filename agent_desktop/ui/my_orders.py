"""我的工单: the orders this operator created today, what still waits on this PC apart
from what the server has accepted, search by order number or phone, and one order's
detail — status, deadlines, the department's reply and its history.

It adapts `agent_desktop.api.my_orders.MyOrders`; times are Asia/Shanghai.
"""

from __future__ import annotations

import asyncio
import html
import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.api.client import ApiError, ServerUnreachable
from agent_desktop.api.my_orders import MyOrders
from agent_desktop.domain import WorkOrder, WorkOrderStatus
from agent_desktop.domain.clock import local
from agent_desktop.domain.enums import WorkOrderAction

from .labels import label
from .theme import ERROR, MUTED, WARN

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole


def _when(moment) -> str:
    return local(moment).strftime("%m-%d %H:%M") if moment else ""


class MyOrdersPanel(QWidget):
    def __init__(self, orders: MyOrders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orders = orders
        session = orders.session
        self._matter_names = {n.code: n.name for n in (session.catalog.nodes if session.catalog
                                                       else [])}
        self._department_names = {d.code: d.name for d in session.departments}
        self._tasks: set[asyncio.Task] = set()
        self._shown_id: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Order number or caller's phone, then Enter"))
        self.search.setAccessibleName(self.tr("Find an order"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._on_search)
        self.search.textChanged.connect(lambda text: text or self._show_today())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self._spawn(self.orders.refresh()))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)

        self.queued_title = QLabel()
        self.queued_title.setObjectName("PaneTitle")
        self.queued_list = QListWidget()
        self.queued_list.setAccessibleName(self.tr("Orders waiting on this PC"))
        self.queued_list.setMaximumHeight(110)
        self.sent_title = QLabel()
        self.sent_title.setObjectName("PaneTitle")
        self.sent_list = QListWidget()
        self.sent_list.setAccessibleName(self.tr("Orders accepted by the server"))
        self.sent_list.currentItemChanged.connect(self._on_current)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("muted", True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.queued_title)
        left_layout.addWidget(self.queued_list)
        left_layout.addWidget(self.sent_title)
        left_layout.addWidget(self.sent_list, 1)
        left_layout.addWidget(self.note)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Order detail"))
        self.detail.setOpenLinks(False)
        self.detail.setHtml(self._empty_html())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._unsubscribe = [orders.changed.connect(self._on_changed),
                             orders.failed.connect(self._on_failed)]
        self._fill_queued()
        self._fill_sent(self.orders.sent, self.tr("Accepted today (%1)"))
        self.destroyed.connect(lambda *_: [u() for u in self._unsubscribe])

    # --- lists -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._spawn(self.orders.refresh())

    def _on_changed(self) -> None:
        # Called on the asyncio thread, which is Qt's here; defer to keep slots short.
        QTimer.singleShot(0, self._refill)

    def _refill(self) -> None:
        self._fill_queued()
        if not self.search.text().strip():
            self._show_today()
        if self._shown_id is not None:
            self._spawn(self._load_detail(self._shown_id))

    def _show_today(self) -> None:
        self._fill_sent(self.orders.sent, self.tr("Accepted today (%1)"))

    def _fill_queued(self) -> None:
        queued = self.orders.queued()
        self.queued_title.setText(self.tr("Waiting on this PC (%1)").replace("%1",
                                                                          str(len(queued))))
        self.queued_list.clear()
        for item in queued:
            payload = item.payload or {}
            phones = (payload.get("caller") or {}).get("phones") or [""]
            state = (self.tr("not accepted: %1").replace("%1", item.last_error)
                     if item.state == "failed" else
                     self.tr("sending… (try %1)").replace("%1", str(item.attempts + 1)))
            row = QListWidgetItem(f"{_when_ts(item.created_at)}  {phones[0]}  "
                                  f"{self._matter(payload.get('matter_code'))} — {state}")
            row.setForeground(Qt.GlobalColor.darkRed if item.state == "failed"
                              else Qt.GlobalColor.darkYellow)
            self.queued_list.addItem(row)
        self.queued_list.setVisible(bool(queued))

    def _fill_sent(self, orders: list[WorkOrder], title: str) -> None:
        current = self._shown_id
        self.sent_title.setText(title.replace("%1", str(len(orders))))
        self.sent_list.blockSignals(True)
        self.sent_list.clear()
        for order in orders:
            due = order.deadlines.get("resolve")
            flag = " ⚠" + self.tr("overdue") if order.overdue else ""
            by = self.tr("resolve by %1").replace("%1", _when(due)) if due else ""
            text = (f"{_when(order.created_at)}  {order.number}  {label(order.status)}{flag}\n"
                    f"    {self._matter(order.matter_code)}" + (f" · {by}" if by else ""))
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, order.id)
            row.setData(Qt.ItemDataRole.AccessibleTextRole,
                        f"{order.number} {label(order.status)}")
            self.sent_list.addItem(row)
            if order.id == current:
                self.sent_list.setCurrentItem(row)
        self.sent_list.blockSignals(False)

    def _on_failed(self, message: str) -> None:
        self.note.setText(self.tr("Cannot reach the server (%1); the list may be old.")
                          .replace("%1", message))
        self.note.setStyleSheet(f"color: {WARN};")

    # --- search and detail -------------------------------------------------------------

    def _on_search(self) -> None:
        text = self.search.text().strip()
        if text:
            self._spawn(self._search(text))

    async def _search(self, text: str) -> None:
        try:
            found = await self.orders.search(text)
        except (ServerUnreachable, ApiError) as exc:
            self._on_failed(str(exc))
            return
        self._fill_sent(found, self.tr("Found (%1)"))
        self.note.setText("" if found else self.tr("No order with that number or phone."))
        self.note.setStyleSheet(f"color: {MUTED};")
        if found:
            self.sent_list.setCurrentRow(0)

    def _on_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.open_order(item.data(ID_ROLE))

    def open_order(self, order_id: int) -> None:
        self._shown_id = order_id
        self._spawn(self._load_detail(order_id))

    async def _load_detail(self, order_id: int) -> None:
        try:
            order, history = await self.orders.detail(order_id)
        except (ServerUnreachable, ApiError) as exc:
            self.detail.setHtml(f"<p style='color:{ERROR}'>"
                                + html.escape(self.tr("Cannot load the order: %1")
                                              .replace("%1", str(exc))) + "</p>")
            return
        if order_id != self._shown_id:
            return
        self.detail.setHtml(self._detail_html(order, history))

    def _detail_html(self, order: WorkOrder, history) -> str:
        e = html.escape
        rows = [
            (self.tr("Status"), label(order.status) + (" ⚠ " + self.tr("overdue")
                                                       if order.overdue else "")),
            (self.tr("Appeal type"), label(order.appeal_type)),
            (self.tr("Matter"), self._matter(order.matter_code)),
            (self.tr("Department"), self._department_names.get(order.department_code or "",
                                                               order.department_code or "")),
            (self.tr("Caller"), " ".join(x for x in (order.caller.name,
                                                     ", ".join(order.caller.phones)) if x)),
            (self.tr("Created"), _when(order.created_at)),
        ]
        for key, name in (("sign", self.tr("Sign by")), ("contact", self.tr("Contact by")),
                          ("resolve", self.tr("Resolve by"))):
            if key in order.deadlines:
                rows.append((name, _when(order.deadlines[key])))
        table = "".join(f"<tr><td style='color:{MUTED}; padding-right:12px'>{e(k)}</td>"
                        f"<td>{e(str(v))}</td></tr>" for k, v in rows)
        parts = [f"<h3>{e(order.number)} · {e(order.title or '')}</h3>", f"<table>{table}</table>",
                 f"<p>{e(order.content)}</p>"]
        if order.reply is not None:
            reply_title = self.tr("Department reply")
            parts.append(f"<h4>{e(reply_title)}</h4>"
                         f"<p>{e(order.reply.text)}<br><span style='color:{MUTED}'>"
                         f"{e(_when(order.reply.at))}</span></p>")
        steps = "".join(
            f"<li>{e(_when(t.at))} · {e(label(WorkOrderAction(t.action)))} → "
            f"{e(label(WorkOrderStatus(t.to_status)))}"
            + (f" · {e(t.comment)}" if t.comment else "") + "</li>" for t in history)
        history_title = self.tr("History")
        parts.append(f"<h4>{e(history_title)}</h4><ul>{steps}</ul>")
        return "".join(parts)

    def _empty_html(self) -> str:
        return (f"<p style='color:{MUTED}'>" + html.escape(self.tr(
            "Pick an order to see its status, deadlines, the department's reply and its "
            "history.")) + "</p>")

    def _matter(self, code: str | None) -> str:
        return self._matter_names.get(code or "", code or "")

    def _spawn(self, coro) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:
            coro.close()
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _when_ts(timestamp: float) -> str:
    from datetime import datetime

    from agent_desktop.domain.clock import HOTLINE_TZ

    return datetime.fromtimestamp(timestamp, HOTLINE_TZ).strftime("%m-%d %H:%M")
