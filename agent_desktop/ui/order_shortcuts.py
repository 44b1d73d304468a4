"""The work-order form's hotkeys, in one table: the form binds them from it and the
window's hotkey list (F1, ui/hotkeys_help.py) shows them, so the two never disagree."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
    ("accept", ("F2",), QT_TRANSLATE_NOOP("OrderShortcuts", "Take the assistant's "
                                              "suggestion for this field")),
    ("accept_all", ("F3",), QT_TRANSLATE_NOOP("OrderShortcuts", "Take all the "
                                                        "assistant's suggestions")),
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
