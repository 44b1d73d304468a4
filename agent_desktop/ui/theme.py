"""The look of the workspace: an explicit CJK font, a calm theme meant for eight-hour
shifts, a high-contrast variant, and a larger-font option (View menu, remembered).

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

# The operator's choices, kept in QSettings under these keys (View menu).
HIGH_CONTRAST_KEY = "view/high_contrast"
FONT_SCALE_KEY = "view/font_scale"
FONT_SCALES = (1.0, 1.15, 1.3, 1.5)
BASE_POINT_SIZE = 10.5


def _colors(high_contrast: bool) -> dict[str, str]:
    if not high_contrast:
        return dict(accent=ACCENT, accent_dark=ACCENT_DARK, error=ERROR, muted=MUTED,
                    border=BORDER, surface=SURFACE, pane="white", text="#1f2933",
                    tab="#e9edf2", tab_text="#334155", invalid_bg="#fff6f6",
                    disabled="#9aa5b1", disabled_bg="#f0f2f5", primary_disabled="#8fb0e0",
                    suggested_bg="#eef5ff")
    # Black on white with thick dark borders and a dark-blue accent: WCAG AAA contrast
    # for text, every edge visible without colour.
    return dict(accent="#003a8c", accent_dark="#002766", error="#a00000", muted="#262626",
                border="#000000", surface="#ffffff", pane="#ffffff", text="#000000",
                tab="#d9d9d9", tab_text="#000000", invalid_bg="#ffe6e6",
                disabled="#595959", disabled_bg="#e6e6e6", primary_disabled="#595959",
                suggested_bg="#e6f0ff")


def style_sheet(high_contrast: bool = False, font_scale: float = 1.0) -> str:
    c = _colors(high_contrast)
    px = lambda size: f"{round(size * font_scale)}px"  # noqa: E731
    edge = "2px" if high_contrast else "1px"
    return f"""
QMainWindow, QDialog {{ background: {c['surface']}; }}
QWidget#Pane {{ background: {c['pane']}; border: {edge} solid {c['border']};
                border-radius: 6px; }}
QLabel#PaneTitle {{ font-size: {px(15)}; font-weight: 600; color: {c['text']}; }}
QLabel#Muted, QLabel[muted="true"] {{ color: {c['muted']}; }}
QLabel#EmptyState {{ color: {c['muted']}; font-size: {px(14)}; }}
QTabWidget::pane {{ border: {edge} solid {c['border']}; border-radius: 6px;
                    background: {c['pane']}; top: -1px; }}
QTabBar::tab {{ padding: 8px 18px; margin-right: 2px; border: {edge} solid {c['border']};
                border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px;
                background: {c['tab']}; color: {c['tab_text']}; font-size: {px(14)}; }}
QTabBar::tab:selected {{ background: {c['pane']}; color: {c['accent']}; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDateTimeEdit {{
    border: {edge} solid {c['border']}; border-radius: 4px; padding: 5px 7px;
    background: {c['pane']}; color: {c['text']};
    selection-background-color: {c['accent']}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{
    border: 2px solid {c['accent']}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 2px solid {c['error']}; background: {c['invalid_bg']}; }}
QLineEdit[suggested="true"], QPlainTextEdit[suggested="true"], QComboBox[suggested="true"] {{
    background: {c['suggested_bg']}; border: 1px dashed {c['accent']}; }}
QLabel[role="field-error"] {{ color: {c['error']}; font-size: {px(12)}; }}
QPushButton {{ border: {edge} solid {c['border']}; border-radius: 4px; padding: 6px 14px;
               background: {c['pane']}; color: {c['text']}; }}
QPushButton:hover {{ border-color: {c['accent']}; }}
QPushButton:focus {{ border: 2px solid {c['accent']}; }}
QPushButton:disabled {{ color: {c['disabled']}; background: {c['disabled_bg']}; }}
QPushButton[primary="true"] {{ background: {c['accent']}; color: white;
                               border: 1px solid {c['accent']}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {c['accent_dark']}; }}
QPushButton[primary="true"]:disabled {{ background: {c['primary_disabled']};
                                        border-color: {c['primary_disabled']}; }}
QStatusBar {{ background: {c['tab']}; border-top: {edge} solid {c['border']};
              color: {c['text']}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QListWidget, QTreeWidget, QTableWidget {{ border: {edge} solid {c['border']};
                                          border-radius: 4px; background: {c['pane']};
                                          color: {c['text']}; }}
QSplitter::handle {{ background: {c['surface']}; }}
"""


STYLE = style_sheet()


def cjk_font(point_size: float = 10.5) -> QFont:
    available = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in available] or CJK_FAMILIES
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def saved_preferences() -> tuple[bool, float]:
    """(high contrast, font scale) as the operator last chose them."""
    from PySide6.QtCore import QSettings

    settings = QSettings()
    high = str(settings.value(HIGH_CONTRAST_KEY, "false")).lower() == "true"
    try:
        scale = float(settings.value(FONT_SCALE_KEY, 1.0))
    except (TypeError, ValueError):
        scale = 1.0
    return high, min(max(scale, FONT_SCALES[0]), FONT_SCALES[-1])


def save_preferences(high_contrast: bool, font_scale: float) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue(HIGH_CONTRAST_KEY, "true" if high_contrast else "false")
    settings.setValue(FONT_SCALE_KEY, font_scale)


def apply_theme(app: QApplication, high_contrast: bool | None = None,
                font_scale: float | None = None) -> None:
    """The theme and font size; None: the operator's saved choice."""
    saved_high, saved_scale = saved_preferences()
    high_contrast = saved_high if high_contrast is None else high_contrast
    font_scale = saved_scale if font_scale is None else font_scale
    app.setStyle("Fusion")
    app.setFont(cjk_font(BASE_POINT_SIZE * font_scale))
    c = _colors(high_contrast)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(c["accent"]))
    palette.setColor(QPalette.ColorRole.Window, QColor(c["surface"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(c["text"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(c["text"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(c["pane"]))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(high_contrast, font_scale))
    app.setProperty("high_contrast", high_contrast)
    app.setProperty("font_scale", font_scale)


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
