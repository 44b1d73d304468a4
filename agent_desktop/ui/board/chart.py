"""The board's live chart of the last hours: orders taken per 15 minutes (bars) and the
agents ready (a line, sampled on every change). pyqtgraph draws it; without pyqtgraph a
painted sparkline of the intake stands in."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agent_desktop.board import BoardModel
from agent_desktop.board.model import CHART_HOURS, INTAKE_BIN
from agent_desktop.domain.enums import AgentState

from .common import coalesced

try:
    import pyqtgraph as pg
except ImportError:  # pragma: no cover - pyqtgraph is a dependency; keep the board usable
    pg = None

HOTLINE_UTC_OFFSET = -8 * 3600  # pyqtgraph's sign: seconds west of UTC


class Sparkline(QWidget):
    """A painted line of values, newest on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumHeight(80)

    def set_values(self, values: list[float]) -> None:
        self.values = values
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        if len(self.values) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h, top = self.width() - 4, self.height() - 4, max(self.values) or 1
        step = w / (len(self.values) - 1)
        points = [QPointF(2 + i * step, 2 + h - v / top * h) for i, v in enumerate(self.values)]
        painter.setPen(QPen(QColor("#1d5fbf"), 2))
        painter.drawPolyline(QPolygonF(points))


class BoardChart(QWidget):
    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.ready: list[tuple[datetime, int]] = []  # (when, agents ready), sampled
        self.title = QLabel(self.tr("Orders per 15 min and agents ready, last %1 h")
                            .replace("%1", str(CHART_HOURS)))
        self.title.setObjectName("PaneTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        if pg is not None:
            self.plot = pg.PlotWidget(background="w",
                                      axisItems={"bottom": pg.DateAxisItem(
                                          utcOffset=HOTLINE_UTC_OFFSET)})
            self.plot.setMenuEnabled(False)
            self.plot.setMouseEnabled(x=False, y=False)
            self.plot.addLegend(offset=(10, 5))
            self.bars = pg.BarGraphItem(x=[], height=[], width=INTAKE_BIN.total_seconds() * 0.8,
                                        brush="#9bb8e6", name=self.tr("Orders"))
            self.plot.addItem(self.bars)
            self.line = self.plot.plot([], [], pen=pg.mkPen("#1f8a4c", width=2),
                                       stepMode=None, name=self.tr("Ready"))
            layout.addWidget(self.plot, 1)
        else:
            self.plot = Sparkline()
            layout.addWidget(self.plot, 1)
        model.intake_changed.connect(coalesced(self, self.redraw, 500))
        model.agents_changed.connect(coalesced(self, self.sample, 1000))
        self.timer = QTimer(self)  # the window moves on even when nothing happens
        self.timer.timeout.connect(self.sample)
        self.timer.start(60_000)
        self.sample()

    def sample(self) -> None:
        ready = sum(1 for a in self.model.agents.values() if a.state == AgentState.READY)
        self.ready.append((self.model.clock(), ready))
        self.ready = self.ready[-2000:]
        self.redraw()

    def redraw(self) -> None:
        series = self.model.intake_series()
        if pg is None:
            self.plot.set_values([float(n) for _, n in series])
            return
        half = INTAKE_BIN.total_seconds() / 2
        self.bars.setOpts(x=[t.timestamp() + half for t, _ in series],
                          height=[n for _, n in series])
        if self.ready:
            xs = [t.timestamp() for t, _ in self.ready] + [self.model.clock().timestamp()]
            ys = [n for _, n in self.ready] + [self.ready[-1][1]]
            self.line.setData(xs, ys)
        if series:
            self.plot.setXRange(series[0][0].timestamp(), self.model.clock().timestamp(),
                                padding=0.01)

    def values(self) -> list[int]:
        """The bars' heights (tests)."""
        return [n for _, n in self.model.intake_series()]
