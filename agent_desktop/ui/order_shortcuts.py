"""The work-order form's hotkeys, in one table: the form binds them from it and the help
dialog (F1) lists them, so the two never disagree."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# (action name, key sequences, description); the first sequence is the one shown.
HOTKEYS: list[tuple[str, tuple[str, ...], str]] = [
    ("submit", ("Ctrl+Return", "Ctrl+Enter"),
     QT_TRANSLATE_NOOP("OrderShortcuts", "Submit the work order")),
    ("save", ("Ctrl+S",), QT_TRANSLATE_NOOP("OrderShortcuts", "Save the draft now "
                                            "(it is also saved as you type)")),
    ("new", ("Ctrl+N",), QT_TRANSLATE_NOOP("OrderShortcuts", "New work order (clear the form)")),
    ("matter", ("Ctrl+M", "F4"), QT_TRANSLATE_NOOP("OrderShortcuts", "Jump to the matter picker "
                                                   "and browse the catalog")),
    ("link", ("Ctrl+L",), QT_TRANSLATE_NOOP("OrderShortcuts", "Link the new order to the "
                                            "selected earlier order of the caller")),
    ("help", ("F1",), QT_TRANSLATE_NOOP("OrderShortcuts", "Show this list of hotkeys")),
]

# Keys inside the matter picker (shown in the same dialog).
PICKER_KEYS: list[tuple[str, str]] = [
    ("↑ ↓ PgUp PgDn", QT_TRANSLATE_NOOP("OrderShortcuts", "Move in the matter list")),
    ("Enter", QT_TRANSLATE_NOOP("OrderShortcuts", "Pick the matter, or open the level")),
    ("→ / ←", QT_TRANSLATE_NOOP("OrderShortcuts", "Open a level / go up a level")),
    ("Esc", QT_TRANSLATE_NOOP("OrderShortcuts", "Close the list, keep the chosen matter")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("OrderShortcuts", "Next / previous field")),
]


def describe(text: str) -> str:
    return QCoreApplication.translate("OrderShortcuts", text)


class ShortcutsDialog(QDialog):
    """Lists the form's hotkeys (F1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Work-order hotkeys"))
        rows = [(" / ".join(keys), describe(text)) for _, keys, text in HOTKEYS]
        rows += [(keys, describe(text)) for keys, text in PICKER_KEYS]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("hotkeys")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for r, (keys, text) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            self.table.setItem(r, 0, key_item)
            self.table.setItem(r, 1, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        note = QLabel(self.tr("Every change is saved on this PC as you type; after a crash "
                              "the form comes back as it was."))
        note.setWordWrap(True)
        note.setProperty("muted", True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]
