"""The caller's earlier work orders (last 90 days) beside the new one, likely repeats
flagged (same matter, same place), and the link from the new order to an old one.

    panel = CallerHistoryPanel(session)
    panel.lookup("13800138000", matter_code="0101010101", district_code="310110",
                 street_code="310110021")     # the form calls it, debounced
    panel.link_selected()                     # Ctrl+L in the form
    panel.linked()                            # [(order id, number)] → linked_order_ids

The look-up asks the server's repeat check through the API client
(`HotlineClient.repeat_check`); the server alone decides what a likely repeat is (same
matter at the same place). A failed look-up says so and never blocks the form.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from html import escape

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.api.client import ApiError, ServerUnreachable
from agent_desktop.api.session import Session
from agent_desktop.domain import WorkOrderStatus
from agent_desktop.domain.models import RepeatCandidate
from agent_desktop.forms.deadlines import CHINA_TZ

from .labels import label
from .theme import ACCENT, ERROR, MUTED, WARN

log = logging.getLogger(__name__)

HISTORY_DAYS = 90
ID_ROLE = Qt.ItemDataRole.UserRole
REPEAT_BG = QColor("#fff3e0")


async def fetch_caller_history(session: Session, phone: str, *, matter_code: str = "",
                               district_code: str = "", street_code: str = ""
                               ) -> list[RepeatCandidate]:
    """The caller's orders of the last 90 days, newest first, likely repeats flagged by
    the server (the one place the same-matter-same-place rule lives). Raises
    ServerUnreachable or ApiError."""
    check = await session.client.repeat_check(phone, matter_code=matter_code,
                                              district_code=district_code,
                                              street_code=street_code)
    return check.orders


def _codes(district: str | None, street: str | None) -> str:
    return " ".join(x for x in (district, street) if x)


class CallerHistoryPanel(QWidget):
    """Earlier orders of the caller's number; select one and link it (Ctrl+L)."""

    linked_changed = Signal()
    presence_changed = Signal(bool)  # the panel shows something (or nothing)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[RepeatCandidate] = []
        self._linked: list[tuple[int, str]] = []
        self._task: asyncio.Task | None = None
        self._seq = 0
        self.phone = ""
        # how codes are shown; the form hands in functions that know the names (they
        # must not refer back to the form)
        self.matter_name: Callable[[str], str] = str
        self.place_name: Callable[[str | None, str | None], str] = _codes

        self.heading = QLabel()
        self.heading.setObjectName("historyHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("callerHistory")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("Order No."), self.tr("Matter"),
                                   self.tr("Place"), self.tr("Status")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.link_button = QPushButton(self.tr("Link to the selected order (Ctrl+L)"))
        self.link_button.setObjectName("linkOrder")
        self.link_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.link_button.clicked.connect(self.link_selected)
        self.linked_label = QLabel()
        self.linked_label.setObjectName("linkedOrders")
        self.linked_label.setTextFormat(Qt.TextFormat.RichText)
        self.linked_label.setWordWrap(True)
        self.linked_label.linkActivated.connect(self._on_unlink_link)
        self.linked_label.hide()
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.linked_label, 1)
        bottom.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        layout.addLayout(bottom)
        self._show_state("")

    def _present(self, visible: bool) -> None:
        """Show or hide the panel, and say so (the form shows its label with it)."""
        changed = visible == self.isHidden()
        self.setVisible(visible)
        if changed:
            self.presence_changed.emit(visible)

    # --- look-up ---------------------------------------------------------------------

    def lookup(self, phone: str, *, matter_code: str = "", district_code: str = "",
               street_code: str = "") -> None:
        """Ask the server about `phone` (a normalised number; "" clears the panel)."""
        self._seq += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.phone = phone
        if not phone:
            self.entries = []
            self._fill()
            self._show_state("")
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no asyncio loop on Qt (a plain script): no look-up
            return
        if not self.entries:
            self._show_state(self.tr("Looking up earlier orders of %1…").replace("%1", phone))
        self._task = loop.create_task(self._load(self._seq, phone, matter_code, district_code,
                                                 street_code))

    async def _load(self, seq: int, phone: str, matter_code: str, district_code: str,
                    street_code: str) -> None:
        try:
            entries = await fetch_caller_history(self.session, phone, matter_code=matter_code,
                                                 district_code=district_code,
                                                 street_code=street_code)
        except asyncio.CancelledError:
            raise
        except (ServerUnreachable, ApiError, httpx.HTTPError, ValueError) as exc:
            if seq == self._seq:
                log.info("caller history of %s failed: %s", phone, exc)
                self.entries = []
                self._fill()
                self._show_state(self.tr("Cannot look up earlier orders now (%1). The order "
                                         "can still be submitted.").replace("%1", str(exc)),
                                 ERROR)
            return
        if seq != self._seq:
            return
        self.entries = entries
        self._fill()
        if not entries:
            self._show_state(self.tr("No earlier orders of %1 in the last %2 days.")
                             .replace("%1", phone).replace("%2", str(HISTORY_DAYS)))
        else:
            repeats = sum(e.likely_repeat for e in entries)
            text = escape(self.tr("Earlier orders of %1 in the last %2 days: %3")
                          .replace("%1", phone).replace("%2", str(HISTORY_DAYS))
                          .replace("%3", str(len(entries))))
            if repeats:
                text += f" · <b style='color:{WARN};'>" + escape(
                    self.tr("%1 likely repeat (same matter, same place)")
                    .replace("%1", str(repeats))) + "</b>"
            self.heading.setText(text)
            self.heading.show()
            self.tree.show()
            self.link_button.show()
            self._present(True)

    def _show_state(self, text: str, color: str = MUTED) -> None:
        self.heading.setText(f"<span style='color:{color};'>{escape(text)}</span>")
        self.heading.setVisible(bool(text))
        self.tree.setVisible(bool(self.entries))
        self.link_button.setVisible(bool(self.entries))
        self._present(bool(text or self.entries or self._linked))

    def _fill(self) -> None:
        selected = self.selected_id()
        self.tree.clear()
        for o in self.entries:
            created = o.created_at.astimezone(CHINA_TZ) if o.created_at.tzinfo \
                else o.created_at
            matter = self.matter_name(o.matter_code)
            if o.likely_repeat:
                matter = "⚠ " + self.tr("likely repeat") + " · " + matter
            try:
                status = label(WorkOrderStatus(o.status))
            except ValueError:
                status = str(o.status)
            place = self.place_name(o.district_code, o.street_code) or o.address
            item = QTreeWidgetItem([created.strftime("%Y-%m-%d %H:%M"), o.number, matter,
                                    place, status])
            item.setData(0, ID_ROLE, o.id)
            item.setToolTip(2, o.title or o.content)
            item.setToolTip(3, " ".join(x for x in (place, o.address) if x))
            if o.likely_repeat:
                for col in range(5):
                    item.setBackground(col, QBrush(REPEAT_BG))
                item.setForeground(2, QBrush(QColor(WARN)))
            if o.id in {i for i, _ in self._linked}:
                item.setForeground(1, QBrush(QColor(ACCENT)))
            self.tree.addTopLevelItem(item)
        rows = self.tree.topLevelItemCount()
        if rows:  # as tall as its rows, up to five
            height = (self.tree.header().sizeHint().height() + 2 * self.tree.frameWidth()
                      + min(rows, 5) * max(18, self.tree.sizeHintForRow(0)) + 2)
            self.tree.setFixedHeight(height)
        # keep the selection; else select the first likely repeat, else the newest
        target = next((i for i in range(self.tree.topLevelItemCount())
                       if self.tree.topLevelItem(i).data(0, ID_ROLE) == selected), None)
        if target is None:
            target = next((i for i, e in enumerate(self.entries) if e.likely_repeat), 0)
        if self.entries:
            self.tree.setCurrentItem(self.tree.topLevelItem(target))

    # --- links -------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, order_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ID_ROLE) == order_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _on_double_click(self, *_args) -> None:
        self.link_selected()

    def _on_unlink_link(self, href: str) -> None:
        self.unlink(int(href))

    def link_selected(self) -> bool:
        """Link the new order to the selected earlier one. False if none is selected."""
        order_id = self.selected_id()
        if order_id is None:
            return False
        entry = next(e for e in self.entries if e.id == order_id)
        if order_id not in {i for i, _ in self._linked}:
            self._linked.append((order_id, entry.number))
            self._show_linked()
            self._fill()
            self.linked_changed.emit()
        return True

    def unlink(self, order_id: int) -> None:
        self._linked = [(i, n) for i, n in self._linked if i != order_id]
        self._show_linked()
        self._fill()
        self.linked_changed.emit()

    def linked(self) -> list[tuple[int, str]]:
        return list(self._linked)

    def set_linked(self, linked: list[tuple[int, str]]) -> None:
        self._linked = [(int(i), str(n)) for i, n in linked]
        self._show_linked()
        self._fill()

    def _show_linked(self) -> None:
        if not self._linked:
            self.linked_label.hide()
            self._present(not self.heading.isHidden() or bool(self.entries))
            return
        links = " ".join(f"<b>{escape(n)}</b> <a href='{i}' style='color:{ERROR};"
                         "text-decoration:none;'>✕</a>" for i, n in self._linked)
        self.linked_label.setText(escape(self.tr("Linked to:")) + " " + links)
        self.linked_label.show()
        self._present(True)

    def clear(self) -> None:
        self._seq += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.phone = ""
        self.entries = []
        self._linked = []
        self._fill()
        self._show_linked()
        self._show_state("")
