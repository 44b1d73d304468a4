"""UI language: Simplified Chinese by default, English on request.

Source strings are English (`self.tr(...)`); the Chinese comes from Qt's translation
system: resources/i18n/agent_desktop_zh_CN.ts, compiled to .qm by
`python scripts/i18n.py` (lupdate + lrelease) and committed.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from agent_desktop.paths import resource

_installed: list[QTranslator] = []


def install_translation(app: QApplication, language: str = "zh_CN") -> bool:
    """Install the translators for `language`; returns False if its file is missing."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language.startswith("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if not ours.load(str(resource("i18n", f"agent_desktop_{language}.qm"))):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)  # Qt's own strings: standard buttons, context menus
    if qt.load(QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True
