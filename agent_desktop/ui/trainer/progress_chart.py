"""A trainee's progress (training.progress) drawn with pyqtgraph: the totals of their
attempts in the order taken, and the share of each criterion's points they earn."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agent_desktop.training.progress import criterion_shares, totals_over_time

try:
    import pyqtgraph as pg
except ImportError:  # pragma: no cover - pyqtgraph is a dependency
    pg = None


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Progress"))
        self.title.setObjectName("PaneTitle")
        self.totals: list[float] = []
        self.shares: list[tuple[str, float]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        self.totals_plot = self.shares_plot = None
        if pg is not None:
            self.totals_plot = pg.PlotWidget(background="w")
            self.totals_plot.setYRange(0, 100)
            self.totals_plot.showGrid(y=True, alpha=0.3)
            self.totals_plot.setLabel("left", self.tr("Total"))
            self.totals_plot.setLabel("bottom", self.tr("Attempt"))
            self.shares_plot = pg.PlotWidget(background="w")
            self.shares_plot.setYRange(0, 100)
            self.shares_plot.setLabel("left", self.tr("% of the points"))
            layout.addWidget(self.totals_plot, 1)
            layout.addWidget(self.shares_plot, 1)

    def show_trainee(self, attempts: list[dict[str, Any]], trainee: str) -> None:
        series = totals_over_time(attempts, trainee) if trainee else []
        self.totals = [total for _when, total in series]
        self.shares = criterion_shares(attempts, trainee) if trainee else []
        self.title.setText(self.tr("Progress of %1").replace("%1", trainee) if trainee
                           else self.tr("Progress"))
        if self.totals_plot is None:
            return
        self.totals_plot.clear()
        if self.totals:
            xs = list(range(1, len(self.totals) + 1))
            self.totals_plot.plot(xs, self.totals, pen=pg.mkPen("#1d5fbf", width=2),
                                  symbol="o", symbolBrush="#1d5fbf")
            step = max(1, len(xs) // 10)
            self.totals_plot.getAxis("bottom").setTicks([[(x, str(x)) for x in xs[::step]]])
        self.shares_plot.clear()
        if self.shares:
            xs = list(range(len(self.shares)))
            self.shares_plot.addItem(pg.BarGraphItem(
                x=xs, height=[100 * s for _label, s in self.shares], width=0.7,
                brush="#7b9fd4"))
            self.shares_plot.getAxis("bottom").setTicks(
                [[(x, label) for x, (label, _s) in zip(xs, self.shares, strict=True)]])
