"""Building blocks of the work-order form: a titled section with a two-column grid, a
field with its error under it, the caller's phone list (validated as typed), searchable
department boxes, and the live deadline table.

They only present data; `order_form.WorkOrderForm` puts them together and owns the logic.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.domain import Department, Limit
from agent_desktop.forms.deadlines import CHINA_TZ, Deadlines
from agent_desktop.forms.phone import PhoneKind, parse_phone

from .theme import BORDER, ERROR, MUTED, WARN, field_error_label, repolish

CODE_ROLE = Qt.ItemDataRole.UserRole
HALF_MIN_WIDTH = 150  # px: a half-width field never gets narrower


def required_text(text: str, required: bool) -> str:
    """A label's rich text, with a red asterisk when the field is required."""
    star = f" <span style='color:{ERROR};'>*</span>" if required else ""
    return f"{text}{star}"


class FieldRow(QWidget):
    """An input with the error message shown right under it (and an optional note)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None, *,
                 focus: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._focus = focus or editor
        self.error = field_error_label()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("muted", True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.note)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        target = self._focus
        if target.property("invalid") != bool(message):
            target.setProperty("invalid", bool(message))
            repolish(target)

    def has_error(self) -> bool:
        return bool(self.error.text())

    def set_note(self, html: str) -> None:
        self.note.setText(html)
        self.note.setVisible(bool(html))

    def focus_target(self) -> QWidget:
        return self._focus


class Section(QFrame):
    """A titled card whose fields sit in two columns of (label, field) pairs; wide fields
    span both columns."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FormSection")
        self.setStyleSheet(f"QFrame#FormSection {{ background: white; border: 1px solid {BORDER};"
                           " border-radius: 6px; }")
        self.heading = QLabel(title)
        self.heading.setObjectName("PaneTitle")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        self._row, self._col = 0, 0
        self.labels: list[QLabel] = []

    def _label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 6, 0, 0)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.labels.append(label)
        return label

    def add(self, text: str, widget: QWidget, *, wide: bool = False) -> QLabel:
        """Add a field; half width fills the left column, then the right one."""
        label = self._label(text)
        if wide:
            if self._col:
                self._row, self._col = self._row + 1, 0
            self.grid.addWidget(label, self._row, 0)
            self.grid.addWidget(widget, self._row, 1, 1, 3)
            self._row += 1
            return label
        # both field columns share the width equally, whatever their contents prefer
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        widget.setSizePolicy(policy)
        widget.setMinimumWidth(max(widget.minimumWidth(), HALF_MIN_WIDTH))
        self.grid.addWidget(label, self._row, self._col)
        self.grid.addWidget(widget, self._row, self._col + 1)
        if self._col:
            self._row, self._col = self._row + 1, 0
        else:
            self._col = 2
        return label

    def end_row(self) -> None:
        """Start the next field on a new row (leaves the right column empty)."""
        if self._col:
            self._row, self._col = self._row + 1, 0

    def set_label_width(self, width: int) -> None:
        self.grid.setColumnMinimumWidth(0, width)
        self.grid.setColumnMinimumWidth(2, width)


# --- phones -------------------------------------------------------------------------------


class PhoneRow(QWidget):
    """One phone number: the box, what kind of number it is, a remove button, its error."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(text)
        self.edit.setObjectName("phoneEdit")
        self.edit.setPlaceholderText(self.tr("Mobile or landline, e.g. 13800138000 or "
                                             "021-12345678 ext. 123"))
        self.kind = QLabel()
        self.kind.setProperty("muted", True)
        self.kind.setMinimumWidth(56)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove this number"))
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(self._request_removal)
        self.error = field_error_label()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(6)
        line.addWidget(self.edit, 1)
        line.addWidget(self.kind)
        line.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self.changed)
        self.edit.textEdited.connect(self._live)
        self.edit.editingFinished.connect(self.normalise)

    def text(self) -> str:
        return self.edit.text().strip()

    def _request_removal(self) -> None:
        self.remove_requested.emit(self)

    def _live(self, _text: str) -> None:
        """While typing: say the kind as soon as the number is valid; clear a fixed error."""
        result = parse_phone(self.edit.text())
        if result.ok and result.kind is not PhoneKind.SERVICE:
            self.set_error("")
            self.kind.setText(result.kind_label)
        else:
            self.kind.setText("")

    def normalise(self) -> None:
        """On leaving the box: show the normalised number, or what is wrong with it."""
        raw = self.edit.text().strip()
        if not raw:
            self.kind.setText("")
            self.set_error("")
            return
        result = parse_phone(raw)
        if not result.ok:
            self.kind.setText("")
            self.set_error(result.error)
            return
        if result.normalized != self.edit.text():
            self.edit.setText(result.normalized)
        self.kind.setText(result.kind_label)
        self.set_error(result.warning if result.kind is PhoneKind.SERVICE else "")

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        if self.edit.property("invalid") != bool(message):
            self.edit.setProperty("invalid", bool(message))
            repolish(self.edit)


class PhoneList(QWidget):
    """One or more phone numbers of the caller; errors `caller.phones.N` land on row N of
    the filled rows, `caller.phones` under the list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PhoneRow] = []
        self._rows_box = QVBoxLayout()
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        self._rows_box.setSpacing(4)
        self.add_button = QToolButton()
        self.add_button.setObjectName("addPhone")
        self.add_button.setText(self.tr("+ Add another number"))
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(self._add_focused)
        self.error = field_error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._rows_box)
        layout.addWidget(self.error)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_phone()

    def _add_focused(self) -> None:
        self.add_phone(focus=True)

    def add_phone(self, text: str = "", *, focus: bool = False, at: int | None = None,
                  check: bool = True) -> PhoneRow:
        """A new phone box (at the end, or at `at`); `check` shows the normalised number
        or its error at once (restoring a draft shows the text exactly as typed)."""
        row = PhoneRow(text)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove_phone)
        at = len(self.rows) if at is None else at
        self.rows.insert(at, row)
        self._rows_box.insertWidget(at, row)
        row.show()  # now, not at the next event loop pass
        self._update_remove_buttons()
        self._fix_tab_order()
        if text and check:
            row.normalise()
        elif text:
            row._live(text)
        if focus:
            row.edit.setFocus()
        self.changed.emit()
        return row

    def remove_phone(self, row: PhoneRow) -> None:
        if len(self.rows) <= 1:
            row.edit.clear()
            return
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._update_remove_buttons()
        self._fix_tab_order()
        self.changed.emit()

    def _update_remove_buttons(self) -> None:
        for row in self.rows:
            row.remove.setVisible(len(self.rows) > 1)

    def _fix_tab_order(self) -> None:
        widgets = [r.edit for r in self.rows] + [self.add_button]
        for a, b in zip(widgets, widgets[1:]):
            QWidget.setTabOrder(a, b)

    def first_edit(self) -> QLineEdit:
        return self.rows[0].edit

    def filled(self) -> list[PhoneRow]:
        return [r for r in self.rows if r.text()]

    def texts(self) -> list[str]:
        """The numbers as typed, empty rows left out (what the draft stores)."""
        return [r.text() for r in self.filled()]

    def normalized(self) -> list[str]:
        """The valid numbers, normalised (what the order carries)."""
        out = []
        for text in self.texts():
            result = parse_phone(text)
            out.append(result.normalized if result.ok else text)
        return out

    def first_valid(self) -> str:
        for text in self.texts():
            result = parse_phone(text)
            if result.ok and result.kind is not PhoneKind.SERVICE:
                return result.normalized
        return ""

    def set_phones(self, phones: Iterable[str]) -> None:
        phones = [p for p in phones if p] or [""]
        while len(self.rows) > 1:
            row = self.rows.pop()
            row.setParent(None)
            row.deleteLater()
        self.rows[0].edit.setText(phones[0])
        self.rows[0].set_error("")
        self.rows[0]._live(phones[0])
        for text in phones[1:]:
            self.add_phone(text, check=False)
        self._update_remove_buttons()
        self._fix_tab_order()

    def set_errors(self, errors: dict[str, str]) -> None:
        """`errors` by path: "caller.phones" (the list) or "caller.phones.N"."""
        filled = self.filled()
        for row in self.rows:
            row.set_error("")
        list_error = []
        for path, message in errors.items():
            tail = path[len("caller.phones"):].lstrip(".")
            if tail.isdigit() and int(tail) < len(filled):
                filled[int(tail)].set_error(message)
            elif tail.isdigit() and not filled:
                self.rows[0].set_error(message)
            else:
                list_error.append(message)
        self.error.setText("；".join(list_error))
        self.error.setVisible(bool(list_error))
        if list_error and not filled:
            self.rows[0].edit.setProperty("invalid", True)
            repolish(self.rows[0].edit)

    def error_target(self, path: str) -> QWidget:
        filled = self.filled()
        tail = path[len("caller.phones"):].lstrip(".")
        if tail.isdigit() and int(tail) < len(filled):
            return filled[int(tail)].edit
        return (filled[0] if filled else self.rows[0]).edit


# --- departments --------------------------------------------------------------------------


class SearchBox(QComboBox):
    """An editable combo box whose list filters by any part of the typed text; once the
    text names an entry exactly, the completion list closes (the choice is made)."""

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(placeholder)
        self.lineEdit().textEdited.connect(self._on_edited)

    def _on_edited(self, text: str) -> None:
        if text.strip() and self.findText(text.strip(), Qt.MatchFlag.MatchExactly) >= 0:
            QTimer.singleShot(0, self, self._close_completion)

    def _close_completion(self) -> None:
        popup = self.completer().popup()
        if popup.isVisible():
            popup.hide()


class DepartmentBox(SearchBox):
    """An editable box over every department: type part of a name, pick from the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.lineEdit().setPlaceholderText(self.tr("Type part of the department's name"))
        self._codes: dict[str, str] = {}  # name → code
        self._names: dict[str, str] = {}  # code → name

    def set_departments(self, departments: Iterable[Department]) -> None:
        current = self.code()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        order = {"city": 0, "district": 1, "street": 2}
        for dep in sorted(departments, key=lambda d: (order.get(d.level, 3),
                                                     d.district_code or "", d.code)):
            self.addItem(dep.name, dep.code)
        self._codes = {self.itemText(i): self.itemData(i) for i in range(1, self.count())}
        self._names = {v: k for k, v in self._codes.items()}
        self.set_code(current)
        self.blockSignals(False)

    def code(self) -> str | None:
        """The department whose name is in the box, None if it names none."""
        return self._codes.get(self.currentText().strip())

    def text(self) -> str:
        return self.currentText().strip()

    def set_code(self, code: str | None) -> None:
        name = self._names.get(code or "", "")
        index = self.findText(name) if name else 0
        self.setCurrentIndex(max(0, index))
        self.setEditText(name if name else (code or ""))

    def name_of(self, code: str) -> str:
        return self._names.get(code, code)


class CoDepartmentList(QWidget):
    """Co-handling departments: a box to add one (Enter), the list (Delete removes)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = DepartmentBox()
        self.box.setObjectName("coDepartmentBox")
        self.box.lineEdit().setPlaceholderText(self.tr("Add a co-handling department: type, "
                                                       "then Enter"))
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add"))
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.add_current)
        self.list = QListWidget()
        self.list.setObjectName("coDepartmentList")
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setSpacing(3)
        self.list.setFixedHeight(34)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip(self.tr("Delete removes the selected department"))
        self.list.hide()
        self.box.lineEdit().returnPressed.connect(self.add_current)
        self.list.installEventFilter(self)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        line.addWidget(self.box, 1)
        line.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(line)
        layout.addWidget(self.list)

    def set_departments(self, departments: Iterable[Department]) -> None:
        self.box.set_departments(departments)

    def codes(self) -> list[str]:
        return [self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())]

    def set_codes(self, codes: Iterable[str]) -> None:
        self.list.clear()
        for code in codes:
            self._append(code)
        self.list.setVisible(self.list.count() > 0)

    def _append(self, code: str) -> None:
        item = QListWidgetItem(self.box.name_of(code) + "  ✕")
        item.setData(CODE_ROLE, code)
        item.setToolTip(self.tr("Click or press Delete to remove"))
        self.list.addItem(item)

    def add_current(self) -> None:
        code = self.box.code()
        if code and code not in self.codes():
            self._append(code)
            self.list.setVisible(True)
            self.changed.emit()
        if code:
            self.box.set_code(None)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setVisible(self.list.count() > 0)
            self.changed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if obj is self.list and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
            return True
        return super().eventFilter(obj, event)


# --- deadlines ----------------------------------------------------------------------------


class DeadlineView(QWidget):
    """Sign / contact / resolve: the limit in words and the due time, one line each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlines")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.stage_names = {"sign": self.tr("Sign for"), "contact": self.tr("Contact the caller"),
                            "resolve": self.tr("Resolve")}
        self.limits: dict[str, QLabel] = {}
        self.dues: dict[str, QLabel] = {}
        for row, stage in enumerate(("sign", "contact", "resolve")):
            name = QLabel(self.stage_names[stage])
            name.setProperty("muted", True)
            self.limits[stage] = QLabel()
            self.dues[stage] = QLabel()
            self.dues[stage].setObjectName(f"due_{stage}")
            grid.addWidget(name, row, 0)
            grid.addWidget(self.limits[stage], row, 1)
            grid.addWidget(self.dues[stage], row, 2)
        grid.setColumnStretch(3, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("muted", True)
        grid.addWidget(self.message, 3, 0, 1, 4)
        self.show_message(self.tr("Choose a matter to see the deadlines."))

    def limit_text(self, limit: Limit) -> str:
        if limit.unit == "hours":
            return self.tr("1 hour") if limit.value == 1 else \
                self.tr("%1 hours").replace("%1", str(limit.value))
        return self.tr("1 working day") if limit.value == 1 else \
            self.tr("%1 working days").replace("%1", str(limit.value))

    def due_text(self, due: datetime) -> str:
        """The due time in the hotline's time zone (China Standard Time)."""
        local = due.astimezone(CHINA_TZ) if due.tzinfo else due
        return QLocale().toString(local.replace(tzinfo=None), "yyyy-MM-dd ddd HH:mm")

    def show_deadlines(self, deadlines: Deadlines, limits: dict[str, Limit]) -> None:
        for stage in ("sign", "contact", "resolve"):
            self.limits[stage].setText(self.tr("within %1").replace(
                "%1", self.limit_text(limits[stage])))
            self.dues[stage].setText(self.tr("by %1").replace(
                "%1", self.due_text(getattr(deadlines, stage))))
            self.limits[stage].show()
            self.dues[stage].show()
        note = self.tr("Counted in Chinese working days (holidays and swapped working days "
                       "included) from now; the server fixes them on submission.")
        if deadlines.approximate:
            note += " " + self.tr("Beyond the known holiday calendar: approximate.")
        self.message.setText(note)
        self.message.setStyleSheet(f"color: {MUTED};")

    def show_message(self, text: str, warning: bool = False) -> None:
        for stage in ("sign", "contact", "resolve"):
            self.limits[stage].setText("—")
            self.dues[stage].setText("")
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {WARN if warning else MUTED};")

    def due(self, stage: str) -> str:
        return self.dues[stage].text()
