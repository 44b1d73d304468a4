"""Calls in progress, monitored by text: each call with its operator, caller, duration and
what was said last; the selected call's transcript follows as it is spoken. Alerts in
red: a sensitive word (the server's), a long call, a long silence."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QSplitter, QTextEdit,
                               QVBoxLayout, QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.forms.phone import mask_phones
from agent_desktop.ui.theme import ERROR, MUTED

from .common import duration
from .supervision import SupervisionBar

LONG_CALL_S = 15 * 60
LONG_SILENCE_S = 60
CALL_ROLE = Qt.ItemDataRole.UserRole


def _since(iso: str | None, now: datetime) -> float:
    if not iso:
        return 0.0
    return (now - datetime.fromisoformat(iso)).total_seconds()


class LiveCallsPanel(QWidget):
    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._shown = ""  # the transcript's HTML on screen
        self.title = QLabel(self.tr("Calls in progress"))
        self.title.setObjectName("PaneTitle")
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Calls in progress"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(lambda *_: self._show_transcript())
        self.transcript = QTextEdit()
        self.transcript.setReadOnly(True)
        self.transcript.setAccessibleName(self.tr("Live transcript of the selected call"))
        self.transcript.setPlaceholderText(self.tr("Select a call to follow what is said."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.transcript)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        self.supervision = SupervisionBar(model.client.http, self.selected_call)
        layout.addWidget(self.supervision)
        # events come in bursts: one redraw for what arrived within 200 ms
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(200)
        self._soon.timeout.connect(self.reload)
        model.calls_changed.connect(lambda: self._soon.isActive() or self._soon.start())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.reload)
        self._timer.start(1000)
        self.reload()

    def selected_call(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CALL_ROLE) if item else None

    def alerts_of(self, call: dict[str, Any], now: datetime) -> list[str]:
        out = [self.tr("sensitive word: %1").replace("%1", w)
               for w in dict.fromkeys(call.get("alerts", []))]
        if _since(call.get("started_at"), now) > LONG_CALL_S:
            out.append(self.tr("long call"))
        heard = call.get("last_heard") or call.get("started_at")
        if _since(heard, now) > LONG_SILENCE_S:
            out.append(self.tr("long silence"))
        return out

    def reload(self) -> None:
        now = datetime.now(UTC)
        current = self.list.currentItem()
        keep = current.data(CALL_ROLE) if current else None
        self.list.blockSignals(True)
        self.list.clear()
        for call in sorted(self.model.calls.values(), key=lambda c: c.get("started_at", "")):
            last = call["segments"][-1]["text"] if call.get("segments") else ""
            alerts = self.alerts_of(call, now)
            agent = self.model.agents.get(call["username"])
            who = agent.display_name if agent is not None else call["username"]
            text = (f"{who} · {mask_phones(call.get('caller', ''))} · "
                    f"{duration(now - datetime.fromisoformat(call['started_at']))}")
            if alerts:
                text += "  ⚠ " + "，".join(alerts)
            if last:
                text += f"\n  “{last[:60]}”"
            item = QListWidgetItem(text)
            item.setData(CALL_ROLE, call["call_id"])
            if alerts:
                item.setForeground(Qt.GlobalColor.red)
            self.list.addItem(item)
            if call["call_id"] == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)  # follow a call without a click
        self.list.blockSignals(False)
        self.title.setText(self.tr("Calls in progress (%1)").replace(
            "%1", str(len(self.model.calls))))
        self._show_transcript()

    def _show_transcript(self) -> None:
        item = self.list.currentItem()
        call = self.model.calls.get(item.data(CALL_ROLE)) if item else None
        if call is None:
            self._shown = ""
            self.transcript.clear()
            return
        labels = {"caller": self.tr("Caller"), "operator": self.tr("Operator")}
        html = []
        for s in call.get("segments", []):
            color = "#1d5fbf" if s["speaker"] == "caller" else "#1f8a4c"
            html.append(f"<p><b style='color:{color};'>{labels.get(s['speaker'], '')}</b> "
                        f"<span style='color:{MUTED};'>{int(s['start']) // 60}:"
                        f"{int(s['start']) % 60:02d}</span><br>{escape(s['text'])}</p>")
        for word in dict.fromkeys(call.get("alerts", [])):
            html.append(f"<p style='color:{ERROR};'>⚠ {escape(word)}</p>")
        if self._shown != "".join(html):
            self._shown = "".join(html)
            self.transcript.setHtml(self._shown)
            bar = self.transcript.verticalScrollBar()
            bar.setValue(bar.maximum())
