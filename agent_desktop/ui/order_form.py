"""The 工单 tab: the work-order form and the list of this PC's submissions.

The form only adapts the session: it builds a `WorkOrderIn`, hands it to
`Session.submit` (the outbox stores it before anything is sent) and follows the outbox
item until the server gives it a number or refuses it. Errors — the form's own and the
server's 422 field errors — land on the field they concern.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError
from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.api.outbox import DONE, FAILED, OutboxItem
from agent_desktop.api.session import WORK_ORDER, Session
from agent_desktop.domain import AppealType, Caller, Catalog, Problem, WorkOrderIn
from agent_desktop.forms.phone import normalize_phone

from .labels import label
from .theme import ERROR, OK, WARN, repolish

PATH_SEP = " › "


def leaf_paths(catalog: Catalog) -> dict[str, str]:
    """Display path of every leaf ("城乡建设 › … › 雨后道路积水") → its code."""
    names = {n.code: n for n in catalog.nodes}
    paths: dict[str, str] = {}
    for node in catalog.nodes:
        if not node.is_leaf:
            continue
        chain, cur = [], node
        while cur is not None:
            chain.append(cur.name)
            cur = names.get(cur.parent_code) if cur.parent_code else None
        paths[PATH_SEP.join(reversed(chain))] = node.code
    return paths


class FieldRow(QWidget):
    """An input with the error message shown right under it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        repolish(self.editor)


class WorkOrderForm(QWidget):
    submitted = Signal(int)  # outbox item id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._paths: dict[str, str] = {}
        self._current_item: int | None = None

        self.appeal_type = QComboBox()
        for t in AppealType:
            self.appeal_type.addItem(label(t), t.value)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Mobile or landline, e.g. 13800138000 or 021-12345678"))
        self.matter = QLineEdit()
        self.matter.setPlaceholderText(self.tr("Type to search the matter catalog, e.g. 积水"))
        self._matter_model = QStringListModel(self)
        completer = QCompleter(self._matter_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.matter.setCompleter(completer)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("What happened, where, since when, what the "
                                                "caller asks for"))
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(120)

        self.rows = {
            "appeal_type": FieldRow(self.appeal_type),
            "caller.phones": FieldRow(self.phone),
            "matter_code": FieldRow(self.matter),
            "content": FieldRow(self.content),
        }
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Appeal type"), self.rows["appeal_type"])
        form.addRow(self.tr("Caller phone"), self.rows["caller.phones"])
        form.addRow(self.tr("Matter"), self.rows["matter_code"])
        form.addRow(self.tr("Content"), self.rows["content"])

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        self.submit_button = QPushButton(self.tr("Submit work order (Ctrl+Enter)"))
        self.submit_button.setProperty("primary", True)
        self.submit_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)

        history_title = QLabel(self.tr("Submitted from this PC"))
        history_title.setObjectName("PaneTitle")
        self.history = QListWidget()
        self.history.setAlternatingRowColors(True)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d5dbe3;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        title = QLabel(self.tr("New work order"))
        title.setObjectName("PaneTitle")
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(line)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 1)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.submit)
        QShortcut(QKeySequence("Ctrl+N"), self, self.clear)
        session.outbox.item_changed.connect(self._on_item_changed)
        session.reference_loaded.connect(lambda _cached: self.set_catalog(session.catalog))
        if session.catalog:
            self.set_catalog(session.catalog)
        self._reload_history()

    # --- data ------------------------------------------------------------------------

    def set_catalog(self, catalog: Catalog | None) -> None:
        self._paths = leaf_paths(catalog) if catalog else {}
        self._matter_model.setStringList(sorted(self._paths))

    def matter_code(self) -> str:
        text = self.matter.text().strip()
        if text in self._paths:
            return self._paths[text]
        return text if text in self._paths.values() else ""

    def order(self) -> WorkOrderIn:
        phone = normalize_phone(self.phone.text())
        return WorkOrderIn(
            appeal_type=AppealType(self.appeal_type.currentData()),
            caller=Caller(phones=[phone.number] if phone.ok else []),
            matter_code=self.matter_code(),
            content=self.content.toPlainText().strip(),
            call_time=datetime.now().astimezone(),
        )

    def local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        phone = normalize_phone(self.phone.text())
        if not self.phone.text().strip():
            errors["caller.phones"] = self.tr("Enter the caller's phone number.")
        elif not phone.ok:
            errors["caller.phones"] = phone.error
        if not self.matter_code():
            errors["matter_code"] = self.tr("Choose a matter from the list (type a few "
                                            "characters, then pick one).")
        if not self.content.toPlainText().strip():
            errors["content"] = self.tr("Describe the caller's problem.")
        return errors

    # --- actions ---------------------------------------------------------------------

    def submit(self) -> None:
        self.show_errors({})
        errors = self.local_errors()
        if errors:
            self.show_errors(errors)
            self._show_banner(self.tr("Please correct the marked fields."), ERROR)
            return
        try:
            order = self.order()
        except ValidationError as exc:
            self.show_errors({".".join(map(str, e["loc"])): e["msg"] for e in exc.errors()})
            return
        item = self.session.submit(order)
        self._current_item = item.id
        self.submitted.emit(item.id)
        self._show_banner(self.tr("Saved on this PC, sending to the server…"), WARN)
        self.submit_button.setEnabled(False)

    def clear(self) -> None:
        self.phone.clear()
        self.matter.clear()
        self.content.clear()
        self.appeal_type.setCurrentIndex(0)
        self.show_errors({})
        self.banner.hide()
        self._current_item = None
        self.submit_button.setEnabled(True)
        self.appeal_type.setFocus()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, row in self.rows.items():
            message = next((m for f, m in errors.items() if f == key or f.startswith(key + ".")),
                           "")
            row.set_error(message)

    # --- outbox feedback -------------------------------------------------------------

    def _on_item_changed(self, item: OutboxItem) -> None:
        if item.kind != WORK_ORDER:
            return
        self._reload_history()
        if item.id != self._current_item:
            return
        if item.state == DONE and item.result:
            self._show_banner(self.tr("Work order accepted. Number: %1")
                              .replace("%1", item.result["number"]), OK)
            self.submit_button.setEnabled(True)
            self._current_item = None
        elif item.state == FAILED:
            problem = Problem.model_validate_json(item.last_error)
            self.show_errors({e.field: e.message for e in problem.errors})
            self._show_banner(self.tr("The server did not accept the order: %1. Correct it "
                                      "and submit again.").replace("%1", problem.title), ERROR)
            self.submit_button.setEnabled(True)
        elif item.attempts:
            self._show_banner(self.tr("The server is unreachable. The order is saved on this "
                                      "PC and will be sent automatically; you can go on "
                                      "working."), WARN)
            self.submit_button.setEnabled(True)

    def _reload_history(self) -> None:
        self.history.clear()
        for item in self.session.outbox.items(limit=50):
            if item.kind != WORK_ORDER:
                continue
            when = datetime.fromtimestamp(item.created_at).strftime("%H:%M")
            phones = item.payload.get("caller", {}).get("phones") or ["—"]
            if item.state == DONE and item.result:
                state = self.tr("No. %1").replace("%1", item.result["number"])
            elif item.state == FAILED:
                state = self.tr("refused — needs correction")
            else:
                state = self.tr("queued, not yet sent")
            text = f"{when}  {label(AppealType(item.payload['appeal_type']))}  {phones[0]}  ·  {state}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.history.addItem(entry)

    def _show_banner(self, text: str, color: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {color}; font-weight: 600; padding: 4px 0;")
        self.banner.show()
