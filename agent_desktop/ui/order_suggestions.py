"""The work-order form's side of suggestions: a value a service offers beside a field the
operator already typed in is shown as a conflict under that field ("助手听到：…，F2
采用"), and the operator takes one field (F2, the field with the focus) or all of them
(F3). Typed text is never replaced without one of these keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from .theme import WARN

if TYPE_CHECKING:
    from .order_form import WorkOrderForm


class SuggestionBinder(QObject):
    def __init__(self, form: WorkOrderForm) -> None:
        super().__init__(form)
        self.form = form
        self._noted: set[str] = set()  # rows whose note shows a conflict
        form.model.suggestion_changed.connect(lambda path, _s: self.refresh(path))
        form.model.changed.connect(lambda path, _v, _src: self.refresh(path))

    # --- reading ------------------------------------------------------------------------

    def conflicts(self) -> dict[str, Any]:
        """Paths where a suggestion waits beside a different value the operator typed."""
        model = self.form.model
        out = {}
        for path, s in model.suggestions().items():
            current = model.get(path)
            if model.typed_by_operator(path) and current not in (None, "", [], ()) \
                    and current != s.value:
                out[path] = s.value
        return out

    def text_of(self, path: str, value: Any) -> str:
        form = self.form
        if path == "matter_code":
            return form.matter_picker.name_of(value)
        if path == "place.district_code":
            return form.names.place(value, None)
        if path == "place.street_code":
            return form.names.place(None, value)
        combo = {"appeal_type": form.appeal_type, "urgency": form.urgency,
                 "caller.gender": form.gender, "caller.language": form.language}.get(path)
        if combo is not None and combo.findData(value) >= 0:
            return combo.itemText(combo.findData(value))  # the label the form shows
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list | tuple):
            return "、".join(map(str, value))
        text = str(value)
        return text if len(text) <= 40 else text[:40] + "…"

    def focused_path(self) -> str | None:
        """The order path of the field that has the keyboard focus."""
        widget = QApplication.focusWidget()
        while widget is not None:
            for path, row in self.form.rows.items():
                if row is widget or row.focus_target() is widget:
                    return path
            widget = widget.parentWidget()
        return None

    # --- showing ------------------------------------------------------------------------

    def refresh(self, path: str) -> None:
        row = self.form.rows.get(path)
        if row is None:
            return
        value = self.conflicts().get(path)
        if value is None:
            if path in self._noted:
                self._noted.discard(path)
                row.set_note("")
            return
        heard = self.tr("The assistant heard: %1 (F2 takes it)").replace(
            "%1", self.text_of(path, value))
        row.set_note(f"<span style='color:{WARN};'>{heard}</span>")
        self._noted.add(path)

    def clear(self) -> None:
        for path in list(self._noted):
            row = self.form.rows.get(path)
            if row is not None:
                row.set_note("")
        self._noted.clear()

    # --- taking -------------------------------------------------------------------------

    def accept(self, path: str) -> bool:
        """Put the waiting suggestion of `path` on screen as the operator's own value."""
        form, model = self.form, self.form.model
        suggestion = model.suggestion(path)
        if suggestion is None:
            return False
        if model.get(path) != suggestion.value:
            form._on_model_changed(path, suggestion.value, "accepted")
        model.confirm(path)
        form._mark_suggested(path, False)
        self.refresh(path)
        return True

    def accept_focused(self) -> None:
        """F2: take the suggestion of the field with the focus (a conflict, or a
        suggested value that becomes the operator's)."""
        path = self.focused_path()
        if path is not None:
            self.accept(path)

    def accept_all(self) -> list[str]:
        """F3: every suggestion the operator has not overruled by typing
        becomes theirs; conflicts are taken too."""
        taken = []
        for path in list(self.form.model.suggestions()):
            if self.accept(path):
                taken.append(path)
        return taken
