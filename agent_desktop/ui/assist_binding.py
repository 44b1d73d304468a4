"""Wires the live call assistant (assist.live) to the workspace: segments from the
transcript go in; each draft goes into the order form's model (which fills only what the
operator has not typed), onto the assistant's card, and into the knowledge base's search.

A split offered by the card prepares the second order: once the first is submitted, the
form opens on the second one (same caller, place and call, the other matter).
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, QTimer

from agent_desktop.assist import apply_to_model
from agent_desktop.assist.assistant import SOURCE
from agent_desktop.assist.draft import Draft, Evidence
from agent_desktop.assist.live import LiveAssist

from .assist_panel import AssistPanel
from .theme import WARN


class AssistBinding(QObject):
    def __init__(self, live: LiveAssist, form, panel: AssistPanel, transcript_view,
                 kb_tab=None) -> None:
        super().__init__(form)
        self.live, self.form, self.panel = live, form, panel
        self.transcript_view, self.kb_tab = transcript_view, kb_tab
        self.active = True  # False once the order of the call is submitted
        self._split: dict[str, Any] | None = None
        self.last_draft: Draft | None = None
        panel.describe = form.suggestions.text_of
        live.updated.connect(self._on_draft)
        live.failed.connect(panel.show_unavailable)
        transcript_view.segment_shown.connect(self._on_segment)
        panel.evidence_requested.connect(self.show_evidence)
        panel.matter_chosen.connect(self.choose_matter)
        panel.accept_all_requested.connect(form.suggestions.accept_all)
        panel.split_requested.connect(self.prepare_split)
        form.submitted.connect(self._on_submitted)
        form.model.suggestion_changed.connect(lambda *_: self._refresh_panel())

    # --- the call ------------------------------------------------------------------------

    def call_answered(self, call=None) -> None:
        # A training call measures the trainee: the assistant stays silent.
        self.active = getattr(call, "source", "") != "training"
        self._split = None
        self.last_draft = None
        self.panel.clear()
        if self.active:
            self.live.start_call()

    def call_ended(self, _call=None) -> None:
        if self.active:
            self.live.finish()

    def _on_segment(self, segment) -> None:
        if self.active:
            self.live.feed(segment)

    def _on_draft(self, draft: Draft, changed: list[str], finished: bool) -> None:
        if not self.active:
            return
        previous, self.last_draft = self.last_draft, draft
        apply_to_model(draft, self.form.model, None if finished else changed, previous)
        self._refresh_panel()
        if self.kb_tab is not None and draft.matters and (finished or "matter_code" in changed):
            self.kb_tab.suggest_query(draft.matters[0].name)

    def _refresh_panel(self) -> None:
        if self.last_draft is not None:
            self.panel.show_draft(self.last_draft, self.form.suggestions.conflicts())

    # --- the operator's clicks -----------------------------------------------------------

    def show_evidence(self, evidence: Evidence) -> None:
        self.transcript_view.show_evidence(evidence.segment_id, evidence.start, evidence.end)

    def choose_matter(self, code: str) -> None:
        model = self.form.model
        model.suggest("matter_code", code, 1.0, SOURCE, "")
        self.form.suggestions.accept("matter_code")

    def prepare_split(self, code: str) -> None:
        """The second issue becomes its own order after this one is submitted."""
        data = copy.deepcopy(self.form.model.as_dict())
        data["matter_code"] = code
        for key in ("title", "content", "request", "department_code"):
            data.pop(key, None)
        self._split = data
        self.form._show_banner(self.tr("A second order for the other issue opens when you "
                                       "submit this one."), WARN)

    def _on_submitted(self, _item_id: int) -> None:
        self.active = False
        split, self._split = self._split, None
        if split is not None:
            QTimer.singleShot(0, lambda: self._open_split(split))

    def _open_split(self, data: dict[str, Any]) -> None:
        self.form.load_draft(data)
        self.form._show_banner(self.tr("The second order of the call: same caller and place. "
                                       "Describe the other issue and submit."), WARN)
