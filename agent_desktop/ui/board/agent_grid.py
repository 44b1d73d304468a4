"""The agent grid: each agent's state, time in that state (the call's duration while on a
call), the reason for not-ready, and the day so far — calls answered, average handle
time (talk + wrap-up per call) and wrap-up time; sortable by any column, filterable by
state, the time column ticking every second."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication,
                            QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
                            QTimer)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from agent_desktop.board import BoardModel
from agent_desktop.domain.enums import AgentState
from agent_desktop.domain.models import Agent
from agent_desktop.ui.theme import ERROR, MUTED, OK, WARN

from .common import coalesced, duration

STATE_NAMES = {
    AgentState.READY: QT_TRANSLATE_NOOP("AgentGrid", "Ready"),
    AgentState.ON_CALL: QT_TRANSLATE_NOOP("AgentGrid", "On a call"),
    AgentState.NOT_READY: QT_TRANSLATE_NOOP("AgentGrid", "Not ready"),
    AgentState.WRAP_UP: QT_TRANSLATE_NOOP("AgentGrid", "Wrap-up"),
    AgentState.OFFLINE: QT_TRANSLATE_NOOP("AgentGrid", "Offline"),
}
STATE_COLORS = {AgentState.READY: OK, AgentState.ON_CALL: "#1d5fbf",
                AgentState.NOT_READY: WARN, AgentState.WRAP_UP: "#7b4fbf",
                AgentState.OFFLINE: MUTED}
LONG_WRAP_UP_S = 120  # wrap-up longer than this shows in red
Index = QModelIndex | QPersistentModelIndex


def state_name(state: AgentState) -> str:
    return QCoreApplication.translate("AgentGrid", STATE_NAMES[state])


class AgentTable(QAbstractTableModel):
    """The model's agents as rows: name, state, time in state, reason."""

    def __init__(self, model: BoardModel) -> None:
        super().__init__()
        self.model = model
        self.rows: list[Agent] = []
        self.headers = [self.tr("Agent"), self.tr("State"), self.tr("Time in state"),
                        self.tr("Reason"), self.tr("Calls today"), self.tr("Avg handle time"),
                        self.tr("Wrap-up today")]
        model.agents_changed.connect(coalesced(self, self.reload))
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = sorted(self.model.agents.values(), key=lambda a: a.username)
        self.endResetModel()

    def tick(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def seconds_in_state(self, agent: Agent) -> int:
        if agent.since is None:
            return 0
        return max(0, int((self.model.clock() - agent.since).total_seconds()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        agent, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return agent.display_name or agent.username
            if column == 1:
                return state_name(agent.state)
            if column == 2:
                return (duration(self.model.clock() - agent.since)
                        if agent.since and agent.state != AgentState.OFFLINE else "")
            if column == 3:
                return agent.reason
            if column == 4:
                return str(agent.calls_today)
            if column == 5:
                aht = agent.average_handle_seconds
                return duration(timedelta(seconds=aht)) if aht is not None else "–"
            return duration(timedelta(seconds=agent.wrap_up_seconds_today))
        if role == Qt.ItemDataRole.UserRole:  # sort keys
            return (agent.username, list(AgentState).index(agent.state),
                    self.seconds_in_state(agent), agent.reason, agent.calls_today,
                    agent.average_handle_seconds or 0.0, agent.wrap_up_seconds_today)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(STATE_COLORS[agent.state])
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and \
                agent.state == AgentState.WRAP_UP and self.seconds_in_state(agent) > LONG_WRAP_UP_S:
            return QColor(ERROR)
        return None


class AgentGrid(QWidget):
    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = AgentTable(model)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(1)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("Agents"))
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All states"), "")
        for state in AgentState:
            self.filter.addItem(state_name(state), state_name(state))
        self.filter.currentIndexChanged.connect(self._filter)
        self.title = QLabel(self.tr("Agents"))
        self.title.setObjectName("PaneTitle")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Show:")))
        head.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.table_model.tick)
        self.timer.start(1000)

    def _filter(self, _index: int) -> None:
        shown = self.filter.currentData()
        self.proxy.setFilterRegularExpression(f"^{re.escape(shown)}$" if shown else "")

    def row_texts(self) -> list[list[str]]:
        """What the grid shows, in its current order (tests, accessibility)."""
        return [[self.proxy.index(r, c).data() or "" for c in range(self.proxy.columnCount())]
                for r in range(self.proxy.rowCount())]
