"""The operator's workspace window: the call (call bar above the live transcript) on the
left, the tools (knowledge base, map, work order) on the right, the status bar below.

It lays out the widgets it is given; `agent_desktop.app` builds and wires them.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_desktop import __version__

from .closing import ClosedByWorkspace
from .status_bar import StatusBar


class TranscriptPanel(QWidget):
    """The live-transcript area. Until a call is transcribed it says what will appear."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Pane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel(self.tr("Live transcript"))
        title.setObjectName("PaneTitle")
        self.empty = QLabel(self.tr("When a call is answered, what the caller and you say "
                                    "appears here, caller and operator apart."))
        self.empty.setObjectName("EmptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QVBoxLayout()
        self.body.addWidget(self.empty, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(title)
        layout.addLayout(self.body, 1)

    def set_view(self, view: QWidget) -> None:
        """Replace the empty state by the transcript widget of the speech package."""
        self.empty.hide()
        self.body.addWidget(view, 1)


class LoadingPane(QWidget):
    """Stands in a tab until its service has loaded (the window opens first)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(text)
        label.setObjectName("EmptyState")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setFixedHeight(6)
        bar.setMaximumWidth(260)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addWidget(bar, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.setAccessibleName(text)


class MainWindow(ClosedByWorkspace, QMainWindow):
    sign_out_requested = Signal()
    sign_in_requested = Signal()
    demo_call_requested = Signal()
    training_call_requested = Signal()
    qa_requested = Signal()  # my QA evaluations (质检)
    # Closing (Ctrl+Q, Alt+F4, the title bar) asks the workspace first; it calls
    # `allow_close()` and `close()` once nothing would be lost.
    close_requested = Signal()

    def __init__(self, call_bar: QWidget, tabs: list[tuple[str, QWidget]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("12345 Hotline Agent Desktop"))
        self.setMinimumSize(1024, 600)

        self.call_bar = call_bar
        self.transcript = TranscriptPanel()
        left = QWidget()
        self.left_layout = left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 5, 10)
        left_layout.setSpacing(10)
        left_layout.addWidget(call_bar)
        left_layout.addWidget(self.transcript, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        for title, widget in tabs:
            self.tabs.addTab(widget, title)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(5, 10, 10, 10)
        right_layout.addWidget(self.tabs)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        right.setMinimumWidth(600)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self._build_menu()
        self._restore_geometry()

    def _build_menu(self) -> None:
        agent = self.menuBar().addMenu(self.tr("&Agent"))
        sign_in = QAction(self.tr("Sign in again"), self)
        sign_in.triggered.connect(self.sign_in_requested)
        agent.addAction(sign_in)
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.triggered.connect(self.sign_out_requested)
        agent.addAction(sign_out)
        demo = QAction(self.tr("Play a simulated call (demo)"), self)
        demo.setToolTip(self.tr("Plays a recorded two-speaker call into the live transcript"))
        demo.triggered.connect(self.demo_call_requested)
        agent.addAction(demo)
        training = QAction(self.tr("Practice with a simulated caller…"), self)
        training.setToolTip(self.tr("A training call that answers back; the order goes to "
                                    "the trainer's scoring, never to the live queue"))
        training.triggered.connect(self.training_call_requested)
        agent.addAction(training)
        qa = QAction(self.tr("My quality evaluations…"), self)
        qa.triggered.connect(self.qa_requested)
        agent.addAction(qa)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        agent.addAction(quit_action)

        view = self.menuBar().addMenu(self.tr("&View"))
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_tab(i))
            view.addAction(action)

        view.addSeparator()
        self.high_contrast_action = QAction(self.tr("High contrast"), self)
        self.high_contrast_action.setCheckable(True)
        self.high_contrast_action.setChecked(bool(QApplication.instance().property(
            "high_contrast")))
        self.high_contrast_action.toggled.connect(lambda _on: self._restyle())
        view.addAction(self.high_contrast_action)
        bigger = QAction(self.tr("Larger text"), self)
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        bigger.triggered.connect(lambda: self._restyle(step=1))
        view.addAction(bigger)
        smaller = QAction(self.tr("Smaller text"), self)
        smaller.setShortcut(QKeySequence("Ctrl+-"))
        smaller.triggered.connect(lambda: self._restyle(step=-1))
        view.addAction(smaller)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        hotkeys = QAction(self.tr("Hotkeys"), self)
        hotkeys.setShortcut(QKeySequence("F1"))
        hotkeys.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        hotkeys.triggered.connect(self.show_hotkeys)
        help_menu.addAction(hotkeys)
        about = QAction(self.tr("About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def set_call_banner(self, widget: QWidget | None) -> None:
        """Show `widget` between the call bar and the transcript (a training call's bar);
        None removes it."""
        old = getattr(self, "_call_banner", None)
        if old is not None:
            self.left_layout.removeWidget(old)
            old.hide()
        self._call_banner = widget
        if widget is not None:
            self.left_layout.insertWidget(1, widget)
            widget.show()

    def set_tab(self, index: int, widget: QWidget) -> None:
        """Put the loaded widget in place of the tab's loading pane."""
        current = self.tabs.currentIndex()
        old = self.tabs.widget(index)
        title = self.tabs.tabText(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        if old is not None:
            old.deleteLater()

    def show_hotkeys(self) -> None:
        from .hotkeys_help import HotkeysDialog

        names = [self.tabs.tabText(i) for i in range(self.tabs.count())]
        self.hotkeys_dialog = HotkeysDialog(names, self)
        self.hotkeys_dialog.open()

    def _restyle(self, step: int = 0) -> None:
        from .theme import FONT_SCALES, apply_theme, save_preferences

        app = QApplication.instance()
        scale = float(app.property("font_scale") or 1.0)
        index = min(range(len(FONT_SCALES)), key=lambda i: abs(FONT_SCALES[i] - scale))
        scale = FONT_SCALES[max(0, min(len(FONT_SCALES) - 1, index + step))]
        high = self.high_contrast_action.isChecked()
        apply_theme(app, high, scale)
        save_preferences(high, scale)
        self.status.showMessage(self.tr("Text size %1 %").replace("%1", str(round(scale * 100))),
                                3000)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About"),
                          self.tr("12345 Hotline Agent Desktop %1\nLicensed under Apache-2.0.")
                          .replace("%1", __version__))

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            # First start: the whole screen, as operators work full-screen.
            self.setGeometry(self.screen().availableGeometry())
        state = settings.value("main_window/splitter")
        if state:
            self.splitter.restoreState(state)
        else:  # the work order needs the room; the call pane takes what is left
            width = max(self.width(), 1024)
            self.splitter.setSizes([int(width * 0.38), int(width * 0.62)])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._may_close:
            self.save_layout()
        super().closeEvent(event)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
