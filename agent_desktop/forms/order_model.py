"""The work order being written, as a plain-Python model that widgets bind to and that
other services (the call assistant, a trainer's scorer) read and write without touching
any widget.

    model = WorkOrderModel()
    model.changed.connect(on_change)                 # (path, value, source)
    model.set("caller.name", "陈先生")                # the operator typed it
    model.suggest("caller.phones", ["13916728845"], confidence=0.95, source="assistant",
                  evidence="segment 7, 5–16")        # applied: the operator left it empty
    model.suggest("caller.name", "王先生", 0.9, "assistant")   # kept aside: typed wins
    model.suggestion("caller.name")                  # Suggestion(value="王先生", …)
    model.accept("caller.name")                      # the operator takes it after all
    model.is_suggested("caller.phones")              # True until the operator confirms/edits
    model.to_order()                                 # WorkOrderIn (raises ValidationError)
    model.errors(catalog, now=…)                     # {path: Chinese message}

Paths are the `WorkOrderIn` field names, nested with dots (`caller.phones`,
`place.district_code`). The rule that keeps the operator in charge: a suggestion fills a
field only while the operator has not typed in it (or the field is empty); what the
operator typed is never overwritten, only offered beside it. Plain Python: no Qt.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agent_desktop.domain import WorkOrderIn
from agent_desktop.signals import Signal

OPERATOR = "operator"

# Every field of the order, as dotted paths into a WorkOrderIn-shaped dict.
FIELDS: tuple[str, ...] = (
    "appeal_type", "channel", "call_id", "call_time",
    "caller.name", "caller.gender", "caller.phones", "caller.anonymous",
    "caller.confidential", "caller.language", "caller.tags",
    "reported_party",
    "place.district_code", "place.street_code", "place.address", "place.lon", "place.lat",
    "matter_code", "title", "content", "request", "urgency", "handling", "answer",
    "department_code", "co_department_codes", "reply_required", "follow_up_required",
    "linked_order_ids",
)

# What a field holds when nobody has said anything (a suggestion may fill these).
_EMPTY: tuple[Any, ...] = (None, "", [], ())


@dataclass(frozen=True)
class Suggestion:
    """A value proposed by a service, with how sure it is and where it came from."""

    value: Any
    confidence: float  # 0..1
    source: str  # "assistant", "softphone", "map", "knowledge base", "routing", …
    evidence: str = ""  # e.g. "segment 7, chars 5–16" — shown to the operator on hover


class WorkOrderModel:
    AUTO_FILL_CONFIDENCE = 0.5  # below this a suggestion is only offered, never filled in

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self.changed = Signal()  # (path, value, source)
        self.suggestion_changed = Signal()  # (path, Suggestion | None)
        self.reset(data)

    # --- reading -----------------------------------------------------------------------

    def get(self, path: str, default: Any = None) -> Any:
        node: Any = self._data
        for key in path.split("."):
            if not isinstance(node, Mapping) or key not in node:
                return default
            node = node[key]
        return node

    def as_dict(self) -> dict[str, Any]:
        """A deep copy, WorkOrderIn-shaped (what drafts store and validation reads)."""
        return copy.deepcopy(self._data)

    def suggestion(self, path: str) -> Suggestion | None:
        return self._suggestions.get(path)

    def suggestions(self) -> dict[str, Suggestion]:
        return dict(self._suggestions)

    def is_suggested(self, path: str) -> bool:
        """The field shows a service's value the operator has not confirmed or edited."""
        return path in self._suggested

    def typed_by_operator(self, path: str) -> bool:
        return path in self._typed

    @property
    def dirty(self) -> bool:
        return self._dirty

    # --- writing -----------------------------------------------------------------------

    def reset(self, data: Mapping[str, Any] | None = None) -> None:
        """A new order (or one loaded from a draft): nothing typed, nothing suggested."""
        self._data: dict[str, Any] = copy.deepcopy(dict(data or {}))
        self._typed: set[str] = set()
        self._suggested: set[str] = set()
        self._suggestions: dict[str, Suggestion] = {}
        self._dirty = False

    def set(self, path: str, value: Any, *, source: str = OPERATOR) -> None:
        """Set a field. The operator's own edits (the default source) make the field
        theirs: later suggestions no longer overwrite it."""
        _check(path)
        if source == OPERATOR:
            self._typed.add(path)
            self._suggested.discard(path)
        if self.get(path) == value:
            return
        self._put(path, value)
        self._dirty = True
        self.changed.emit(path, value, source)

    def update(self, values: Mapping[str, Any], *, source: str = OPERATOR,
               typed: tuple[str, ...] = ()) -> None:
        """Take several fields at once (e.g. the form's whole state after an edit);
        only the paths in `typed` become the operator's."""
        for path in typed:
            self._typed.add(path)
            self._suggested.discard(path)
        for path in FIELDS:
            value = _lookup(values, path)
            if value is not _MISSING and self.get(path) != value:
                self._put(path, value)
                self._dirty = True
                self.changed.emit(path, value, source)

    def suggest(self, path: str, value: Any, confidence: float, source: str,
                evidence: str = "") -> bool:
        """Offer a value. It fills the field when the operator has not typed in it (or it
        is empty) and it is sure enough; otherwise it waits beside the field. Returns
        True if the field now shows it."""
        _check(path)
        suggestion = Suggestion(value, float(confidence), source, evidence)
        if self._suggestions.get(path) != suggestion:
            self._suggestions[path] = suggestion
            self.suggestion_changed.emit(path, suggestion)
        current = self.get(path)
        theirs = path in self._typed and current not in _EMPTY
        if theirs or confidence < self.AUTO_FILL_CONFIDENCE:
            return False
        if current != value:
            self._put(path, value)
            self._dirty = True
            self._suggested.add(path)
            self.changed.emit(path, value, source)
        return True

    def accept(self, path: str) -> None:
        """The operator takes the waiting suggestion (over what they typed)."""
        suggestion = self._suggestions.get(path)
        if suggestion is not None:
            self.set(path, suggestion.value)

    def confirm(self, path: str) -> None:
        """The operator looked at a filled-in suggestion and keeps it."""
        self._suggested.discard(path)
        self._typed.add(path)

    def withdraw(self, path: str) -> None:
        """The service takes its suggestion back (e.g. the caller corrected themselves);
        a value it filled in and the operator never touched is cleared."""
        self._suggestions.pop(path, None)
        self.suggestion_changed.emit(path, None)
        if path in self._suggested:
            self._suggested.discard(path)
            empty = [] if isinstance(self.get(path), list) else None
            self._put(path, empty)
            self.changed.emit(path, empty, "withdrawn")

    # --- the order ---------------------------------------------------------------------

    def to_order(self) -> WorkOrderIn:
        """The order to submit (pydantic's own checks; raises ValidationError)."""
        return WorkOrderIn.model_validate(self._data)

    def errors(self, catalog=None, departments=None, *,
               now: datetime | None = None) -> dict[str, str]:
        """What stops a submit, by path, in the form's Chinese messages (the first
        message of each field)."""
        from .validation import validate_work_order

        found: dict[str, str] = {}
        for error in validate_work_order(self._data, catalog=catalog, departments=departments,
                                         now=now):
            found.setdefault(error.field, error.message)
        return found

    # --- internals ---------------------------------------------------------------------

    def _put(self, path: str, value: Any) -> None:
        node = self._data
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = copy.deepcopy(value)


_MISSING = object()


def _lookup(values: Mapping[str, Any], path: str) -> Any:
    node: Any = values
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _check(path: str) -> None:
    if path not in FIELDS:
        raise KeyError(f"not a work-order field: {path!r}")
