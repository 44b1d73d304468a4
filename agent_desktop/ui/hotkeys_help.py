"""The window's hotkey list (F1): every key of the call bar, the window, the work order,
the knowledge base and the map, read from the tables the widgets bind their keys from,
so the list and the keys never disagree."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

CALL_BAR_ACTIONS = {
    "answer": QT_TRANSLATE_NOOP("Hotkeys", "Answer the ringing call"),
    "hangup": QT_TRANSLATE_NOOP("Hotkeys", "Hang up"),
    "hold": QT_TRANSLATE_NOOP("Hotkeys", "Hold / resume"),
    "mute": QT_TRANSLATE_NOOP("Hotkeys", "Mute / unmute the microphone"),
    "transfer": QT_TRANSLATE_NOOP("Hotkeys", "Transfer the call"),
    "dial": QT_TRANSLATE_NOOP("Hotkeys", "Dial a number"),
}

WINDOW_KEYS = [
    ("F1", QT_TRANSLATE_NOOP("Hotkeys", "Show this list of hotkeys")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Hotkeys", "Quit (unsent orders are kept and sent at the "
                                            "next start)")),
    ("Ctrl+= / Ctrl+-", QT_TRANSLATE_NOOP("Hotkeys", "Larger / smaller text")),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Hotkeys", text)


def all_sections(tab_names: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(keys, what they do)]) for every part of the workspace."""
    from . import call_bar, order_shortcuts

    window = [(keys, _tr(text)) for keys, text in WINDOW_KEYS]
    window += [(f"Alt+{i + 1}", QCoreApplication.translate(
        "Hotkeys", "Show the %1 tab").replace("%1", name))
               for i, name in enumerate(tab_names)]
    calls = [(key, _tr(CALL_BAR_ACTIONS.get(name, name)))
             for name, key in call_bar.DEFAULT_HOTKEYS.items()]
    order = [(" / ".join(keys), order_shortcuts.describe(text))
             for name, keys, text in order_shortcuts.HOTKEYS if name != "help"]
    order += [(keys, order_shortcuts.describe(text))
              for keys, text in getattr(order_shortcuts, "PICKER_KEYS", [])]
    sections = [(QCoreApplication.translate("Hotkeys", "Window"), window),
                (QCoreApplication.translate("Hotkeys", "Call"), calls),
                (QCoreApplication.translate("Hotkeys", "Work order"), order)]
    for module_name, title in (("kb_tab", QT_TRANSLATE_NOOP("Hotkeys", "Knowledge base")),
                               ("map_tab", QT_TRANSLATE_NOOP("Hotkeys", "Map"))):
        module = __import__(f"agent_desktop.ui.{module_name}", fromlist=["HOTKEYS"])
        rows = getattr(module, "HOTKEYS", None)
        if rows:
            sections.append((_tr(title), [(keys, QCoreApplication.translate(
                context, text)) for keys, context, text in rows]))
    return sections


def _bold(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    return item


class HotkeysDialog(QDialog):
    def __init__(self, tab_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hotkeys"))
        self.setAccessibleName(self.tr("Hotkeys"))
        sections = all_sections(tab_names)
        count = sum(len(rows) + 1 for _, rows in sections)
        self.table = QTableWidget(count, 2)
        self.table.setObjectName("hotkeys")
        self.table.setAccessibleName(self.tr("Every hotkey of the workspace"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        row = 0
        for title, rows in sections:
            self.table.setItem(row, 0, _bold(title))
            self.table.setSpan(row, 0, 1, 2)
            row += 1
            for keys, text in rows:
                self.table.setItem(row, 0, _bold(keys))
                self.table.setItem(row, 1, QTableWidgetItem(text))
                row += 1
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def rows(self) -> list[tuple[str, str]]:
        """What the dialog lists (keys, action), for tests and screen readers."""
        out = []
        for r in range(self.table.rowCount()):
            keys, text = self.table.item(r, 0), self.table.item(r, 1)
            if keys is not None and text is not None:
                out.append((keys.text(), text.text()))
        return out
