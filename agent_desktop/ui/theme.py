"""The look of the workspace: an explicit CJK font and one calm, high-contrast theme
meant for eight-hour shifts.

The font is named explicitly (DESIGN §4): with only Noto installed and LANG=C, Qt would
otherwise pick the Japanese glyph forms of shared characters.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QLabel

CJK_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei", "Source Han Sans SC"]

ACCENT = "#1d5fbf"
ACCENT_DARK = "#174c99"
OK = "#1f8a4c"
WARN = "#b26a00"
ERROR = "#c62828"
MUTED = "#5f6b7a"
BORDER = "#d5dbe3"
SURFACE = "#f4f6f9"

STYLE = f"""
QMainWindow, QDialog {{ background: {SURFACE}; }}
QWidget#Pane {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#PaneTitle {{ font-size: 15px; font-weight: 600; color: #1f2933; }}
QLabel#Muted, QLabel[muted="true"] {{ color: {MUTED}; }}
QLabel#EmptyState {{ color: {MUTED}; font-size: 14px; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: white;
                    top: -1px; }}
QTabBar::tab {{ padding: 8px 22px; margin-right: 2px; border: 1px solid {BORDER};
                border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px;
                background: #e9edf2; color: #334155; font-size: 14px; }}
QTabBar::tab:selected {{ background: white; color: {ACCENT}; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDateTimeEdit {{
    border: 1px solid {BORDER}; border-radius: 4px; padding: 5px 7px; background: white;
    selection-background-color: {ACCENT}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{
    border: 1px solid {ACCENT}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 1px solid {ERROR}; background: #fff6f6; }}
QLabel[role="field-error"] {{ color: {ERROR}; font-size: 12px; }}
QPushButton {{ border: 1px solid {BORDER}; border-radius: 4px; padding: 6px 16px;
               background: white; color: #1f2933; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #f0f2f5; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
                               font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #8fb0e0; border-color: #8fb0e0; }}
QStatusBar {{ background: #e9edf2; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QListWidget, QTreeWidget, QTableWidget {{ border: 1px solid {BORDER}; border-radius: 4px;
                                          background: white; }}
QSplitter::handle {{ background: {SURFACE}; }}
"""


def cjk_font(point_size: float = 10.5) -> QFont:
    available = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in available] or CJK_FAMILIES
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setFont(cjk_font())
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Window, QColor(SURFACE))
    app.setPalette(palette)
    app.setStyleSheet(STYLE)


def field_error_label() -> QLabel:
    """The red message under a field (hidden until there is something to say)."""
    label = QLabel()
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.hide()
    return label


def repolish(widget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
