"""The call assistant's card above the work order: what it heard and suggests, live.

Alerts first (a safety word, a sensitive word), then a second issue in the call with the
offer to split it into its own order, the best matters (a click takes one), and every
suggested field with the words it came from — a click shows those words in the
transcript. The card only shows a `Draft`; `ui.assist_binding` feeds it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.assist.draft import Draft, Evidence

from .theme import ACCENT, ERROR, MUTED, WARN

PATH_ROLE = Qt.ItemDataRole.UserRole
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1

# The fields listed, in the form's order, with their labels.
FIELD_LABELS = {
    "caller.name": QT_TRANSLATE_NOOP("AssistPanel", "Name"),
    "caller.phones": QT_TRANSLATE_NOOP("AssistPanel", "Phone"),
    "caller.tags": QT_TRANSLATE_NOOP("AssistPanel", "Special group"),
    "caller.language": QT_TRANSLATE_NOOP("AssistPanel", "Language"),
    "appeal_type": QT_TRANSLATE_NOOP("AssistPanel", "Appeal type"),
    "matter_code": QT_TRANSLATE_NOOP("AssistPanel", "Matter"),
    "place.district_code": QT_TRANSLATE_NOOP("AssistPanel", "District"),
    "place.street_code": QT_TRANSLATE_NOOP("AssistPanel", "Street/town"),
    "place.address": QT_TRANSLATE_NOOP("AssistPanel", "Address"),
    "reported_party": QT_TRANSLATE_NOOP("AssistPanel", "Reported party"),
    "urgency": QT_TRANSLATE_NOOP("AssistPanel", "Urgency"),
    "reply_required": QT_TRANSLATE_NOOP("AssistPanel", "Reply required"),
}


class AssistPanel(QFrame):
    evidence_requested = Signal(object)  # Evidence
    matter_chosen = Signal(str)  # catalog code
    accept_all_requested = Signal()
    split_requested = Signal(str)  # the second matter's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssistPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Call assistant"))
        self.describe: Callable[[str, object], str] = lambda _path, value: str(value)
        self._second_code = ""

        self.title = QLabel(self.tr("Call assistant"))
        self.title.setStyleSheet("font-weight: 600;")
        self.state = QLabel(self.tr("Listens to the call and fills in the order."))
        self.state.setObjectName("Muted")
        self.accept_all = QPushButton(self.tr("Take all (F3)"))
        self.accept_all.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accept_all.clicked.connect(self.accept_all_requested)
        self.accept_all.setEnabled(False)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addWidget(self.state, 1)
        head.addWidget(self.accept_all)

        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet(f"color: {ERROR}; font-weight: 600;")
        self.alerts.setAccessibleName(self.tr("Assistant alerts"))
        self.alerts.hide()
        self.second = QLabel()
        self.second.setWordWrap(True)
        self.second.setTextFormat(Qt.TextFormat.RichText)
        self.second.linkActivated.connect(lambda _href: self.split_requested.emit(
            self._second_code))
        self.second.hide()
        self.matters = QLabel()
        self.matters.setWordWrap(True)
        self.matters.setTextFormat(Qt.TextFormat.RichText)
        self.matters.linkActivated.connect(self.matter_chosen)
        self.matters.setAccessibleName(self.tr("Suggested matters"))
        self.fields = QListWidget()
        self.fields.setObjectName("AssistFields")
        self.fields.setAccessibleName(self.tr("Suggested fields"))
        self.fields.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steals the operator's focus
        self.fields.setMaximumHeight(150)
        self.fields.itemClicked.connect(self._clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.alerts)
        layout.addWidget(self.second)
        layout.addWidget(self.matters)
        layout.addWidget(self.fields)
        self.clear()

    def clear(self) -> None:
        """A new call: nothing heard yet."""
        self.state.setText(self.tr("Listening…"))
        self.alerts.hide()
        self.second.hide()
        self.matters.clear()
        self.matters.hide()
        self.fields.clear()
        self.fields.hide()
        self.accept_all.setEnabled(False)

    def show_unavailable(self, message: str) -> None:
        self.state.setText(self.tr("Not available: %1").replace("%1", message))

    def show_draft(self, draft: Draft, conflicts: dict[str, object]) -> None:
        self.state.setText(self.tr("Draft complete: review and submit (Ctrl+Enter)")
                           if draft.complete else self.tr("Listening…"))
        self.alerts.setText("\n".join(draft.alerts))
        self.alerts.setVisible(bool(draft.alerts))
        if draft.second_matter is not None:
            self._second_code = draft.second_matter.code
            text = self.tr("The caller also raised: %1.").replace("%1", draft.second_matter.name)
            link = self.tr("Split into a second order")
            self.second.setText(f"<span style='color:{WARN};'>{text}</span> "
                                f"<a href='split' style='color:{ACCENT};'>{link}</a>")
        self.second.setVisible(draft.second_matter is not None)
        if draft.matters:
            links = " · ".join(f"<a href='{m.code}' style='color:{ACCENT};'>{m.name}</a>"
                               f"<span style='color:{MUTED};'> {m.score:.2f}</span>"
                               for m in draft.matters[:5])
            self.matters.setText(self.tr("Matters:") + " " + links)
        self.matters.setVisible(bool(draft.matters))
        self.fields.clear()
        for path, label in FIELD_LABELS.items():
            guess = draft.fields.get(path)
            if guess is None or guess.value in (None, "", [], ()):
                continue
            text = f"{self.tr(label)}：{self.describe(path, guess.value)}"
            if path in conflicts:
                text = "⚠ " + text + "  " + self.tr("(differs from what you typed: F2)")
            if guess.evidence:
                text += f"   — {guess.evidence[-1].describe()}"
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, path)
            item.setData(EVIDENCE_ROLE, guess.evidence[-1] if guess.evidence else None)
            item.setToolTip(guess.describe() or text)
            self.fields.addItem(item)
        self.fields.setVisible(self.fields.count() > 0)
        self.accept_all.setEnabled(bool(draft.fields))

    def _clicked(self, item: QListWidgetItem) -> None:
        evidence: Evidence | None = item.data(EVIDENCE_ROLE)
        if evidence is not None:
            self.evidence_requested.emit(evidence)
