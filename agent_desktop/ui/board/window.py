"""The lead's window: tiles on top; the agent grid, hot topics and the live chart in a row;
the orders near or past their deadline across the bottom. `wallboard=True` is the hall's
big screen: full screen, large type, no buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QSplitter, QStatusBar, QVBoxLayout,
                               QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.ui.closing import ClosedByWorkspace

from .agent_grid import AgentGrid
from .chart import BoardChart
from .common import spawn
from .deadlines import DeadlinePanel
from .hot_topics import HotTopicPanel
from .live_calls import LiveCallsPanel
from .tiles import BoardTiles

WALLBOARD_STYLE = """
QWidget { font-size: 24px; }
QLabel#PaneTitle { font-size: 34px; }
QLabel#TileValue { font-size: 72px; font-weight: 700; }
QHeaderView::section { font-size: 22px; }
"""


def _pane(*widgets: QWidget) -> QWidget:
    pane = QWidget()
    pane.setObjectName("Pane")
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(10, 8, 10, 10)
    for widget in widgets:
        layout.addWidget(widget)
    return pane


class BoardWindow(ClosedByWorkspace, QMainWindow):
    close_requested = Signal()
    sign_out_requested = Signal()
    qa_requested = Signal()  # the QA window (质检)

    def __init__(self, model: BoardModel, *, wallboard: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.wallboard = wallboard
        self.setWindowTitle(self.tr("12345 Hotline — Team lead's board"))
        self.setMinimumSize(1024, 640)
        actions = not wallboard
        self.tiles = BoardTiles(model)
        self.agents = AgentGrid(model)
        self.deadlines = DeadlinePanel(model, actions=actions)
        self.topics = HotTopicPanel(model, actions=actions)
        self.chart = BoardChart(model)
        self.live_calls = LiveCallsPanel(model)

        top = QSplitter(Qt.Orientation.Horizontal)
        for pane, stretch in ((_pane(self.agents), 3), (_pane(self.topics), 2),
                              (_pane(self.live_calls), 3), (_pane(self.chart), 3)):
            top.addWidget(pane)
            top.setStretchFactor(top.count() - 1, stretch)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(_pane(self.deadlines))
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(self.tiles)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status = QStatusBar(self)
        self.user = QLabel()
        self.status.addPermanentWidget(self.user)
        self.setStatusBar(self.status)
        for panel in (self.deadlines, self.topics):
            panel.message.connect(lambda text: self.status.showMessage(text, 8000))
        model.failed.connect(lambda text: self.status.showMessage(
            self.tr("Server: %1").replace("%1", text), 8000))
        self._build_menu()
        if wallboard:
            # The theme sizes text in px: the hall's sizes are px too.
            self.setStyleSheet(WALLBOARD_STYLE)
            self.menuBar().hide()
            self.setGeometry(self.screen().geometry())  # also without a window manager
            self.setWindowState(Qt.WindowState.WindowFullScreen)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Board"))
        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda: spawn(self.model.load(), failed=lambda e: (
            self.status.showMessage(self.tr("Server: %1").replace("%1", e), 8000))))
        qa = QAction(self.tr("Quality evaluation…"), self)
        qa.triggered.connect(self.qa_requested.emit)
        menu.addAction(qa)
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.triggered.connect(self.sign_out_requested.emit)
        quit_ = QAction(self.tr("Quit"), self)
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close_requested.emit)
        for action in (refresh, sign_out, quit_):
            menu.addAction(action)

    def set_user(self, name: str, role: str) -> None:
        self.user.setText(f"{name} · {role}")



    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.wallboard and event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)
