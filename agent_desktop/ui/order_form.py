"""The 工单 tab: the complete work-order form, and the list of this PC's submissions.

    form = WorkOrderForm(session)                 # restores the last unsent draft
    map_tab.place_chosen.connect(form.set_place_choice)
    softphone_answered → form.set_call(call_id, caller_number, call_time)
    form.submitted.connect(...)                   # outbox item id
    form.order_accepted.connect(...)              # (item id, 工单编号)

The form adapts services, it holds no rules of its own: validation, deadlines, the
department suggestion and the matter search come from `agent_desktop.forms`; the order
goes to `Session.submit` (the outbox has it on disk before anything is sent), and the
form follows the outbox item until the server gives it a number or refuses it. Errors —
the form's own and the server's 422 field errors — land on the field they name, and the
first one gets the focus.

Every change is autosaved as a draft (`forms.drafts.DraftStore`, debounced ~300 ms, at
least once a second while typing) from a writer thread; a killed app gets the draft back
on its next start. Once the outbox has accepted an order its draft is deleted and the form
is cleared for the next call; if the server later refuses it, the order comes back into
the (empty) form with the server's errors on its fields.

Hotkeys (`order_shortcuts.HOTKEYS`): Ctrl+Enter submit, Ctrl+S save the draft, Ctrl+N new,
Ctrl+M / F4 matter picker, Ctrl+L link the selected earlier order, F1 help.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.api.outbox import DONE, FAILED, OutboxItem
from agent_desktop.api.session import WORK_ORDER, Session
from agent_desktop.domain import (
    AppealType,
    Caller,
    Catalog,
    Channel,
    Department,
    FieldError,
    HandlingMode,
    Place,
    Problem,
    Urgency,
    WorkOrderIn,
)
from agent_desktop.forms.deadlines import CHINA_TZ, CalendarRangeError, compute_deadlines
from agent_desktop.forms.drafts import Draft, DraftStore, new_draft_key
from agent_desktop.forms.order_controller import OrderSubmitter
from agent_desktop.forms.order_model import FIELDS, OPERATOR, WorkOrderModel
from agent_desktop.forms.routing import DepartmentSuggestion, Router
from agent_desktop.forms.validation import (
    problem_field_errors,
    required_fields,
    validate_work_order,
    validation_error_fields,
)

from .order_caller_history import CallerHistoryPanel
from .order_form_sections import (
    AppealSection,
    CallerSection,
    CallSection,
    HandlingSection,
    PlaceSection,
)
from .hotkeys_help import HotkeysDialog
from .order_sections import FieldRow, required_text
from .order_sent_list import SentList
from .order_shortcuts import HOTKEYS
from .order_suggestions import SuggestionBinder
from .order_threads import run_in_thread
from .theme import ACCENT, BORDER, ERROR, MUTED, OK, WARN, repolish

log = logging.getLogger(__name__)

AUTOSAVE_MS = 300  # debounce of the draft autosave
AUTOSAVE_MAX_MS = 1000  # while typing without pause, save at least this often
HISTORY_LOOKUP_MS = 400  # debounce of the caller-history look-up
DRAFT_FILE = "drafts.sqlite3"
DRAFT_VERSION = 1

STREET_SUFFIXES = ("办事处", "人民政府", "管理委员会")


def weak_slot(method: Callable[..., Any]) -> Callable[..., None]:
    """A callback for a service's (plain Python) signal that does not keep the widget
    alive: services outlive widgets, and a widget must die on the Qt thread."""
    ref = weakref.WeakMethod(method)

    def call(*args: Any) -> None:
        target = ref()
        if target is not None:
            try:
                target(*args)
            except RuntimeError:  # the C++ widget is already gone
                pass

    return call


class _ChangeRelay(QObject):
    """Forwards a field's change signal to `WorkOrderForm._changed(path)` without a
    Python closure over the form (a child QObject; PySide holds its slot weakly)."""

    def __init__(self, form: WorkOrderForm, path: str) -> None:
        super().__init__(form)
        self.path = path

    def fire(self, *_args: Any) -> None:
        self.parent()._changed(self.path)


class PlaceNames:
    """District and street/town names by code, from the department list."""

    def __init__(self) -> None:
        self.districts: dict[str, str] = {}  # code → 杨浦区
        self.streets: dict[str, tuple[str, str]] = {}  # code → (长海路街道, district code)

    def load(self, departments: list[Department]) -> None:
        self.districts, self.streets = {}, {}
        for dep in departments:
            if dep.level == "district" and dep.function == "government" and dep.district_code:
                self.districts[dep.district_code] = dep.name.removesuffix("人民政府")
            elif dep.level == "street" and dep.street_code:
                self.streets[dep.street_code] = (street_name(dep),
                                                 dep.district_code or dep.street_code[:6])

    def place(self, district: str | None, street: str | None) -> str:
        parts = [self.districts.get(district or "", district or "")]
        if street:
            parts.append(self.streets.get(street, (street, ""))[0])
        return " ".join(p for p in parts if p)


def _close_writer(writer: ThreadPoolExecutor, store: DraftStore,
                  unsubscribe: list[Callable[[], None]]) -> None:
    for disconnect in unsubscribe:
        disconnect()
    try:
        writer.submit(store.close)
        writer.shutdown(wait=False)
    except RuntimeError:  # already shut down (shutdown() ran, or the interpreter exits)
        pass


def street_name(dep: Department) -> str:
    """长海路街道办事处 → 长海路街道, 华新镇人民政府 → 华新镇."""
    for suffix in STREET_SUFFIXES:
        if dep.name.endswith(suffix) and len(dep.name) > len(suffix):
            return dep.name[: -len(suffix)]
    return dep.name


class WorkOrderForm(QWidget):
    """The complete 12345 work-order form (see the module docstring)."""

    submitted = Signal(int)  # outbox item id, once the outbox holds the order
    order_accepted = Signal(int, str)  # outbox item id, 工单编号 given by the server
    place_changed = Signal(object)  # Place, when district/street/point change: for the map
    draft_saved = Signal(str, int)  # draft key, revision, once it is on disk

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.drafts = DraftStore(session.data_dir / DRAFT_FILE)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts")
        self._closed = False
        self._draft_key = new_draft_key()
        self._draft_on_disk = False
        self._discarded_key: str | None = None
        self._loading = False
        self._validated = False  # after a submit attempt errors follow the edits live
        self._repeat_confirmed = False  # the operator answered the likely-repeat question
        # The order as a model others read and write (forms.order_model); the widgets
        # below are its view. `_applying` is set while a suggestion is put on screen, so
        # that the edit it causes is not taken for the operator's.
        self.model = WorkOrderModel()
        self.submitter = OrderSubmitter(session)
        # While a training call is on, the order goes here (the trainer's scoring), never
        # to the outbox and the live queue.
        self.training_sink: Callable[[WorkOrderIn], object] | None = None
        self._applying = False
        self.model.changed.connect(self._on_model_changed)
        self.repeat_box: QMessageBox | None = None
        self._server_errors: dict[str, str] = {}
        self._current_item: int | None = None
        self._resend_item: int | None = None
        self._department_overridden = False
        self._suggestion: DepartmentSuggestion | None = None
        self._router: Router | None = None
        self._departments: dict[str, Department] = {}
        self._district_codes: dict[str, str] = {}  # name → code
        self.names = PlaceNames()
        self._call_time: datetime | None = None
        self._started_at: datetime | None = None
        self._lon: float | None = None
        self._lat: float | None = None
        self._dirty_since: float | None = None
        self._last_place: tuple = ()

        self._build_fields()
        self._build_layout()
        self._connect_changes()
        self.suggestions = SuggestionBinder(self)
        self._bind_hotkeys()

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(HISTORY_LOOKUP_MS)
        self._lookup_timer.timeout.connect(self._lookup_history)
        self._clock = QTimer(self)  # deadlines count from "now"
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._update_deadlines)
        self._clock.start()

        # The session outlives the form: it holds only weak references to it.
        unsubscribe = [session.outbox.item_changed.connect(weak_slot(self._on_item_changed)),
                       session.reference_loaded.connect(weak_slot(self._on_reference_loaded))]
        self.set_reference(session.catalog, session.departments)
        self._reload_history()
        self._update_modes()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        # When the widget goes, its writer thread and database go too (no reference to
        # the widget in this callback: it runs while the widget is being destroyed).
        writer, store = self._writer, self.drafts
        self.destroyed.connect(lambda *_: _close_writer(writer, store, unsubscribe))
        self._restore_latest()

    # ==== construction =================================================================

    def _build_fields(self) -> None:
        """The five cards (ui.order_form_sections); their controls are the form's too."""
        self.caller_history = CallerHistoryPanel(self.session)
        self.caller_history.place_name = self.names.place
        self.call_section = CallSection()
        self.caller_section = CallerSection(self.caller_history)
        self.appeal_section = AppealSection()
        self.place_section = PlaceSection()
        self.handling_section = HandlingSection()
        self.sections = [self.call_section, self.caller_section, self.appeal_section,
                         self.place_section, self.handling_section]
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        for section in self.sections:
            for name in section.FIELDS:
                setattr(self, name, getattr(section, name))
            self.rows.update(section.rows)
            self.labels.update(section.field_labels)
        self.caller_history.matter_name = self.matter_picker.name_of
        self.clear_point.clicked.connect(self._clear_point)
        self.suggestion_label.linkActivated.connect(self.use_suggestion)

    def _build_layout(self) -> None:
        self.label_texts = {key: lab.text() for key, lab in self.labels.items()}

        self.sent = SentList(self.session.outbox, self.matter_picker.name_of)
        self.sent.correct_requested.connect(self._correct_refused)
        for lab in self.labels.values():  # measure with the "required" star
            lab.setText(required_text(lab.text(), True))
        width = max(lab.sizeHint().width() for s in self.sections for lab in s.labels)
        for key, lab in self.labels.items():
            lab.setText(self.label_texts[key])
        for s in self.sections:
            s.set_label_width(width)

        content = QWidget()
        content.setObjectName("OrderFormContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 10, 12, 12)
        column.setSpacing(10)
        for s in (*self.sections, self.sent):
            column.addWidget(s)
        column.addStretch(1)
        self._column = column
        self.scroll = QScrollArea()
        self.scroll.setObjectName("OrderFormScroll")
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.setMinimumWidth(560)

        # --- the bar that stays visible: banner, draft state, buttons
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.banner.linkActivated.connect(self._banner_link)
        self.banner.hide()
        self.draft_state = QLabel()
        self.draft_state.setObjectName("draftState")
        self.draft_state.setProperty("muted", True)
        # The note gives way first when the form is narrow; the buttons never do.
        self.draft_state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.help_button = QPushButton(self.tr("Hotkeys (F1)"))
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.help_button.clicked.connect(self.show_help)
        self.clear_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        self.save_button = QPushButton(self.tr("Save draft (Ctrl+S)"))
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.clicked.connect(self.save_draft_now)
        self.submit_button = QPushButton(self.tr("Submit (Ctrl+Enter)"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setProperty("primary", True)
        self.submit_button.clicked.connect(self.submit)
        for button in (self.clear_button, self.save_button, self.help_button,
                       self.submit_button):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.help_button)
        buttons.addWidget(self.submit_button)
        bar = QFrame()
        bar.setObjectName("SubmitBar")
        bar.setStyleSheet(f"QFrame#SubmitBar {{ border-top: 1px solid {BORDER}; "
                          "background: white; }")
        bar_layout = QVBoxLayout(bar)
        bar_layout.setContentsMargins(12, 6, 12, 8)
        bar_layout.setSpacing(4)
        bar_layout.addWidget(self.banner)
        bar_layout.addLayout(buttons)
        bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(bar)
        self._fix_tab_order()
        self._name_controls()

    def _name_controls(self) -> None:
        """Screen readers announce each control by its label (a drop-down by 诉求类型, not
        by the value it shows) and read the placeholder or tooltip as its description."""
        for key, text in self.label_texts.items():
            row = self.rows.get(key)
            if row is None:
                continue
            name = text.replace("*", "").strip()
            for widget in {row.editor, row.focus_target()}:
                if not widget.accessibleName():
                    widget.setAccessibleName(name)
                hint = getattr(widget, "placeholderText", lambda: "")() or widget.toolTip()
                if hint and not widget.accessibleDescription():
                    widget.setAccessibleDescription(hint)
        for index, edit in enumerate(row.edit for row in self.phones.rows):
            if not edit.accessibleName():
                edit.setAccessibleName(self.tr("Phone %1").replace("%1", str(index + 1)))
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QComboBox, QPlainTextEdit)) \
                    and not widget.accessibleName():
                label = widget.placeholderText() if hasattr(widget, "placeholderText") else ""
                widget.setAccessibleName(label or widget.toolTip() or widget.objectName())

    def _tab_chain(self) -> list[QWidget]:
        return [self.appeal_type, self.channel, self.caller_name, self.gender,
                *[row.edit for row in self.phones.rows], self.phones.add_button,
                self.caller_history.tree, self.language, self.anonymous, self.confidential,
                *self.tags.values(), self.matter, self.title, self.content, self.request,
                self.reported_party, self.district, self.street, self.address,
                self.dispatch_radio, self.direct_radio, self.answer, self.department,
                self.co_departments.box, self.co_departments.list, self.reply_required,
                self.follow_up_required, self.urgency, self.submit_button]

    def _fix_tab_order(self) -> None:
        chain = self._tab_chain()
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _connect_changes(self) -> None:
        def on(signal, path: str) -> None:
            signal.connect(_ChangeRelay(self, path).fire)

        on(self.appeal_type.currentIndexChanged, "appeal_type")
        on(self.channel.currentIndexChanged, "channel")
        on(self.caller_name.textChanged, "caller.name")
        on(self.gender.currentIndexChanged, "caller.gender")
        on(self.phones.changed, "caller.phones")
        self.phones.changed.connect(self._fix_tab_order)
        on(self.anonymous.toggled, "caller.anonymous")
        on(self.confidential.toggled, "caller.confidential")
        on(self.language.currentIndexChanged, "caller.language")
        for box in self.tags.values():
            on(box.toggled, "caller.tags")
        on(self.matter_picker.matter_chosen, "matter_code")
        self.matter_picker.matter_used.connect(self._record_matter_use)
        on(self.matter.textChanged, "matter_code")
        on(self.title.textChanged, "title")
        on(self.content.textChanged, "content")
        on(self.request.textChanged, "request")
        on(self.reported_party.textChanged, "reported_party")
        on(self.district.currentTextChanged, "place.district_code")
        self.district.currentTextChanged.connect(self._on_district_text)
        on(self.street.currentTextChanged, "place.street_code")
        self.street.currentTextChanged.connect(self._on_street_text)
        on(self.address.textChanged, "place.address")
        on(self.urgency.currentIndexChanged, "urgency")
        on(self.dispatch_radio.toggled, "handling")
        on(self.answer.textChanged, "answer")
        on(self.department.currentTextChanged, "department_code")
        self.department.currentTextChanged.connect(self._on_department_text)
        on(self.co_departments.changed, "co_department_codes")
        on(self.reply_required.toggled, "reply_required")
        on(self.follow_up_required.toggled, "follow_up_required")
        on(self.caller_history.linked_changed, "linked_order_ids")

    def _bind_hotkeys(self) -> None:
        actions = {"submit": self.submit, "save": self.save_draft_now, "new": self.clear,
                   "matter": self.focus_matter, "link": self.link_repeat,
                   "accept": self.suggestions.accept_focused,
                   "accept_all": self.suggestions.accept_all, "help": self.show_help}
        self.shortcuts: list[QShortcut] = []
        self._help_shortcuts: list[QShortcut] = []
        for name, keys, _text in HOTKEYS:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(actions[name])
                self.shortcuts.append(shortcut)
                if name == "help":
                    self._help_shortcuts.append(shortcut)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Inside the main window F1 is the window's (one list for every part); two F1
        # shortcuts would cancel each other out.
        own = not hasattr(self.window(), "show_hotkeys")
        for shortcut in self._help_shortcuts:
            shortcut.setEnabled(own)

    # ==== reference data ==================================================================

    def _on_reference_loaded(self, _from_cache: bool = False) -> None:
        self.set_reference(self.session.catalog, self.session.departments)

    def set_reference(self, catalog: Catalog | None, departments: list[Department]) -> None:
        """(Re)load the catalog and departments: the picker, the place and department
        lists, the router."""
        self.matter_picker.set_catalog(catalog, usage=self.drafts.matter_usage)
        self._departments = {d.code: d for d in departments}
        self._router = Router(departments) if departments else None
        self.names.load(departments)
        self._district_codes = {n: c for c, n in self.names.districts.items()}
        loading, self._loading = self._loading, True
        try:
            text = self.district.currentText()
            self.district.clear()
            self.district.addItem("", None)
            for code in sorted(self.names.districts):
                self.district.addItem(self.names.districts[code], code)
            self.district.setEditText(text)
            self._fill_streets()
            self.department.set_departments(departments)
            self.co_departments.set_departments(departments)
        finally:
            self._loading = loading
        self._update_suggestion()
        self._update_deadlines()

    def _fill_streets(self) -> None:
        district = self.district_code()
        text = self.street.currentText()
        self.street.blockSignals(True)
        self.street.clear()
        self.street.addItem("", None)
        for code, (name, d) in sorted(self.names.streets.items()):
            if district and d != district:
                continue
            shown = name if district else f"{name} · {self.names.districts.get(d, d)}"
            self.street.addItem(shown, code)
        self.street.setEditText(text)
        self.street.blockSignals(False)


    # ==== reading the form ==================================================================

    @property
    def phone(self) -> QLineEdit:
        """The first phone box (the softphone's caller number goes there)."""
        return self.phones.first_edit()

    def matter_code(self) -> str:
        return self.matter_picker.code()

    def district_code(self) -> str:
        text = self.district.currentText().strip()
        return self._district_codes.get(text, text if text in self.names.districts else "")

    def street_code(self) -> str:
        text = self.street.currentText().strip()
        if not text:
            return ""
        if text in self.names.streets:
            return text
        base = text.split(" · ")[0]
        district = self.district_code()
        for code, (name, d) in self.names.streets.items():
            if name == base and (not district or d == district or " · " in text):
                return code
        return ""

    def handling(self) -> HandlingMode:
        return HandlingMode.DIRECT if self.direct_radio.isChecked() else HandlingMode.DISPATCH

    def place(self) -> Place:
        return Place(district_code=self.district_code() or None,
                     street_code=self.street_code() or None,
                     address=self.address.text().strip(), lon=self._lon, lat=self._lat)

    def _call_time_value(self) -> datetime:
        return self._call_time or self._started_at or datetime.now(CHINA_TZ)

    def validation_draft(self) -> dict[str, Any]:
        """The form as a `WorkOrderIn`-shaped dict, phones as typed (what validation sees;
        error paths like caller.phones.1 index the filled phone boxes)."""
        direct = self.handling() is HandlingMode.DIRECT
        return {
            "channel": self.channel.currentData(),
            "appeal_type": self.appeal_type.currentData(),
            "call_time": self._call_time_value(),
            "caller": {
                "name": self.caller_name.text().strip(),
                "gender": self.gender.currentData(),
                "phones": self.phones.texts(),
                "anonymous": self.anonymous.isChecked(),
                "confidential": self.confidential.isChecked(),
                "tags": [t for t, box in self.tags.items() if box.isChecked()],
                "language": self.language.currentData(),
            },
            "reported_party": self.reported_party.text().strip(),
            "place": self.place().model_dump(),
            "matter_code": self.matter_code(),
            "title": self.title.text().strip(),
            "content": self.content.toPlainText().strip(),
            "request": self.request.toPlainText().strip(),
            "urgency": self.urgency.currentData(),
            "handling": self.handling().value,
            "answer": self.answer.toPlainText().strip() if direct else "",
            "department_code": None if direct else self.department.code(),
            "co_department_codes": [] if direct else self.co_departments.codes(),
            "reply_required": self.reply_required.isChecked(),
            "follow_up_required": self.follow_up_required.isChecked(),
            "call_id": self.call_id.text().strip() or None,
            "linked_order_ids": [i for i, _ in self.caller_history.linked()],
        }

    def order(self) -> WorkOrderIn:
        """The order to submit (phones normalised). Raises pydantic's ValidationError."""
        draft = self.validation_draft()
        draft["caller"]["phones"] = self.phones.normalized()
        draft["caller"] = Caller(**draft["caller"])
        draft["place"] = Place(**draft["place"])
        return WorkOrderIn(**draft)

    def validate(self) -> dict[str, str]:
        """Every problem of the form, path → message, in the form's order."""
        draft = self.validation_draft()
        errors = validate_work_order(draft, catalog=self._catalog_map(),
                                     departments=self._departments or None)
        out: dict[str, str] = {}
        for e in errors:
            out[e.field] = f"{out[e.field]}；{e.message}" if e.field in out else e.message
        if self.district.currentText().strip() and not self.district_code():
            out.setdefault("place.district_code", self.tr("Choose the district from the list."))
        if self.street.currentText().strip() and not self.street_code():
            out.setdefault("place.street_code", self.tr("Choose the street or town from the "
                                                        "list."))
        if self.handling() is HandlingMode.DISPATCH and self.department.text() and \
                not self.department.code():
            out["department_code"] = self.tr("Choose the department from the list.")
        if self.matter.text().strip() and not self.matter_code():
            out["matter_code"] = self.tr("Pick a matter from the list (type, then Enter), "
                                         "or press F4 to browse.")
        return out

    def _catalog_map(self):
        return self.matter_picker.nodes() or None

    def is_blank(self) -> bool:
        """Nothing the operator typed or chose (defaults do not count)."""
        return not (self.caller_name.text().strip() or self.phones.texts()
                    or self.matter.text().strip() or self.title.text().strip()
                    or self.content.toPlainText().strip() or self.request.toPlainText().strip()
                    or self.reported_party.text().strip() or self.district.currentText().strip()
                    or self.street.currentText().strip() or self.address.text().strip()
                    or self._lon is not None or self.answer.toPlainText().strip()
                    or self.call_id.text().strip() or self.caller_history.linked()
                    or self.co_departments.codes() or self.anonymous.isChecked()
                    or self.confidential.isChecked()
                    or any(b.isChecked() for b in self.tags.values())
                    or (self._department_overridden and self.department.text()))

    # ==== drafts ==========================================================================

    def draft_data(self) -> dict[str, Any]:
        """Everything on the form, as the draft store keeps it (JSON-able)."""
        d = self.validation_draft()
        d["call_time"] = self._call_time.isoformat() if self._call_time else None
        d["answer"] = self.answer.toPlainText()
        d["content"] = self.content.toPlainText()
        d["request"] = self.request.toPlainText()
        d["department_code"] = self.department.code()
        d["co_department_codes"] = self.co_departments.codes()
        d.update({
            "v": DRAFT_VERSION,
            "started_at": self._started_at.isoformat() if self._started_at else None,
            "matter_text": "" if self.matter_code() else self.matter.text(),
            "district_text": self.district.currentText(),
            "street_text": self.street.currentText(),
            "department_text": self.department.text(),
            "department_overridden": self._department_overridden,
            "linked_orders": [[i, n] for i, n in self.caller_history.linked()],
            "resend_item": self._resend_item,
        })
        del d["linked_order_ids"]
        return d

    def load_draft(self, data: dict[str, Any]) -> None:
        """Fill the form from `draft_data()` output, or from a `WorkOrderIn` JSON payload
        (an order the server refused). Does not autosave by itself."""
        self._loading = True
        try:
            self._fill(data)
        finally:
            self._loading = False
        if not self._applying:
            self.model.reset(self.validation_draft())
        self._update_modes()
        self._update_suggestion(apply=not self._department_overridden)
        self._update_deadlines()
        self._last_place = self._place_key()
        self._schedule_lookup()

    def _fill(self, data: dict[str, Any]) -> None:
        def pick(box: QComboBox, value: Any) -> None:
            index = box.findData(value)
            box.setCurrentIndex(index if index >= 0 else
                                (-1 if box is self.appeal_type else 0))

        def when(value: Any) -> datetime | None:
            try:
                return datetime.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                return None

        caller = data.get("caller") or {}
        place = data.get("place") or {}
        pick(self.appeal_type, data.get("appeal_type"))
        pick(self.channel, data.get("channel") or Channel.PHONE.value)
        self._call_time = when(data.get("call_time"))
        self._started_at = when(data.get("started_at"))
        self._show_call_time()
        self.call_id.setText(data.get("call_id") or "")
        self.caller_name.setText(caller.get("name", ""))
        pick(self.gender, caller.get("gender", "unknown"))
        self.phones.set_phones(caller.get("phones") or [])
        self.anonymous.setChecked(bool(caller.get("anonymous")))
        self.confidential.setChecked(bool(caller.get("confidential")))
        pick(self.language, caller.get("language", "zh"))
        tags = set(caller.get("tags") or [])
        for tag, box in self.tags.items():
            box.setChecked(tag in tags)
        self.reported_party.setText(data.get("reported_party", ""))
        district = place.get("district_code") or ""
        self.district.setEditText(data.get("district_text",
                                           self.names.districts.get(district, district)))
        self._fill_streets()
        street = place.get("street_code") or ""
        self.street.setEditText(data.get("street_text",
                                         self.names.streets.get(street, (street,))[0]))
        self.address.setText(place.get("address", ""))
        self._set_point(place.get("lon"), place.get("lat"))
        self.matter_picker.set_code(data.get("matter_code") or "")
        if data.get("matter_text"):
            self.matter.setText(data["matter_text"])
        self.title.setText(data.get("title", ""))
        self.content.setPlainText(data.get("content", ""))
        self.request.setPlainText(data.get("request", ""))
        pick(self.urgency, data.get("urgency") or Urgency.NORMAL.value)
        direct = data.get("handling") == HandlingMode.DIRECT.value
        (self.direct_radio if direct else self.dispatch_radio).setChecked(True)
        self.answer.setPlainText(data.get("answer", ""))
        self._department_overridden = bool(data.get("department_overridden",
                                                    data.get("department_code") is not None))
        self.department.set_code(data.get("department_code"))
        if data.get("department_text") and not data.get("department_code"):
            self.department.setEditText(data["department_text"])
        self.co_departments.set_codes(data.get("co_department_codes") or [])
        self.reply_required.setChecked(bool(data.get("reply_required", True)))
        self.follow_up_required.setChecked(bool(data.get("follow_up_required", True)))
        linked = data.get("linked_orders")
        if linked is None:
            linked = [(i, f"#{i}") for i in data.get("linked_order_ids") or []]
        self.caller_history.set_linked([(i, n) for i, n in linked])
        self._resend_item = data.get("resend_item")

    # ==== the model: suggestions from services ==========================================

    # Keys of draft_data() that hold what was typed in a field and would win over a new
    # code when the draft is put back on screen.
    _TYPED_TEXT = {"place.district_code": ("district_text", "street_text"),
                   "place.street_code": ("street_text",),
                   "matter_code": ("matter_text",),
                   "department_code": ("department_text",)}

    def _on_model_changed(self, path: str, value: Any, source: str) -> None:
        """A service (not the operator) changed the order: show it, marked as suggested."""
        if source == OPERATOR or self._loading or self._applying:
            return
        data = self.draft_data()
        for key in self._TYPED_TEXT.get(path, ()):
            data.pop(key, None)
        node = data
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
        self._applying = True
        try:
            self.load_draft(data)
            self._changed(path)
        finally:
            self._applying = False
        self._mark_suggested(path, self.model.is_suggested(path))

    def _mark_suggested(self, path: str, on: bool) -> None:
        row = self.rows.get(path)
        if row is None:
            return
        target = row.focus_target()
        if bool(target.property("suggested")) != on:
            target.setProperty("suggested", on)
            repolish(target)
        suggestion = self.model.suggestion(path)
        if on and suggestion is not None:
            target.setToolTip(self.tr("Suggested by %1 (%2 %)").replace("%1", suggestion.source)
                              .replace("%2", str(round(suggestion.confidence * 100)))
                              + (f"\n{suggestion.evidence}" if suggestion.evidence else ""))

    def _restore_latest(self) -> None:
        draft = self.drafts.latest_open()
        if draft is None:
            return
        self._draft_key = draft.key
        self._draft_on_disk = True
        self.load_draft(draft.data)
        when = datetime.fromtimestamp(draft.updated_at, CHINA_TZ).strftime("%H:%M:%S")
        self._show_banner(self.tr("The unsent work order of %1 was restored from its "
                                  "draft.").replace("%1", when), WARN)
        self.draft_state.setText(self.tr("Draft restored"))

    def _changed(self, path: str = "") -> None:
        if self._loading:
            return
        typed = () if self._applying or not path else (path,)
        self.model.update(self.validation_draft(), typed=typed)
        if typed:
            self._mark_suggested(path, False)
        if self._started_at is None:
            self._started_at = datetime.now(CHINA_TZ).replace(microsecond=0)
        for key in list(self._server_errors):
            if path and (key == path or key.startswith(path + ".") or path.startswith(key)):
                del self._server_errors[key]
        if path in ("appeal_type", "handling", "caller.anonymous"):
            self._update_modes()
        if path in ("matter_code", "place.district_code", "place.street_code"):
            self._update_suggestion()
        if path in ("matter_code", "urgency"):
            self._update_deadlines()
        if path in ("caller.phones", "matter_code", "place.district_code", "place.street_code"):
            self._schedule_lookup()
        if path in ("place.district_code", "place.street_code"):
            self._emit_place()
        if self._validated:
            self.show_errors({**self.validate(), **self._server_errors})
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if (now - self._dirty_since) * 1000 >= AUTOSAVE_MAX_MS:
            self.save_draft()
        else:
            self._autosave.start()
        self.draft_state.setText(self.tr("Editing…"))

    def save_draft(self) -> None:
        """Write the draft now (in the writer thread); `draft_saved` when it is on disk."""
        self._autosave.stop()
        self._dirty_since = None
        if not self._draft_on_disk and self.is_blank():
            self.draft_state.setText("")
            return
        self._draft_on_disk = True
        key, data = self._draft_key, self.draft_data()
        store = self.drafts  # the worker must hold no reference to a widget
        run_in_thread(lambda: store.save(key, data), self._on_saved, self._writer)

    def save_draft_now(self) -> None:
        """Ctrl+S: save, and say so."""
        self.save_draft()
        self.draft_state.setText(self.tr("Saving the draft…"))

    def _on_saved(self, draft: Draft | None) -> None:
        if draft is None or draft.key != self._draft_key:
            return
        when = datetime.fromtimestamp(draft.updated_at, CHINA_TZ).strftime("%H:%M:%S")
        self.draft_state.setText(self.tr("Draft saved %1").replace("%1", when))
        self.draft_saved.emit(draft.key, draft.revision)

    def flush(self) -> None:
        """Write a pending draft and wait for the writer (when hidden, at exit)."""
        if self._closed:
            return
        pending = None
        if self._autosave.isActive() or self._dirty_since is not None:
            self._autosave.stop()
            self._dirty_since = None
            if self._draft_on_disk or not self.is_blank():
                self._draft_on_disk = True
                pending = (self._draft_key, self.draft_data())
        try:
            if pending:
                self._writer.submit(self.drafts.save, *pending)
            self._writer.submit(lambda: None).result(timeout=10)
        except RuntimeError:  # the interpreter is exiting: the pool takes no more work
            if pending:
                self.drafts.save(*pending)

    def shutdown(self) -> None:
        """Flush the draft and close the store (the app calls it when it closes)."""
        try:
            self.flush()
        finally:
            self._closed = True
            self._writer.shutdown(wait=True)
            self.drafts.close()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.matter_picker.hide_popup()
        if not self._closed:
            self.flush()
        super().hideEvent(event)

    def _record_matter_use(self, code: str) -> None:
        store = self.drafts
        run_in_thread(lambda: store.record_matter_use(code), None, self._writer)

    # ==== live derived state ============================================================

    def _update_modes(self) -> None:
        """Show the fields of the handling mode; mark what the appeal type requires."""
        direct = self.handling() is HandlingMode.DIRECT
        for key in ("answer",):
            self.rows[key].setVisible(direct)
            self.labels[key].setVisible(direct)
        for key in ("department_code", "co_department_codes"):
            self.rows[key].setVisible(not direct)
            self.labels[key].setVisible(not direct)
        appeal = (AppealType(self.appeal_type.currentData())
                  if self.appeal_type.currentData() else None)
        required = required_fields(appeal, self.handling(), self.anonymous.isChecked())
        for key, lab in self.labels.items():
            lab.setText(required_text(self.label_texts[key], key in required))
        hint = ""
        if appeal in (AppealType.COMPLAINT, AppealType.REPORT):
            hint = self.tr("A complaint or report needs the place or the reported party.")
        elif appeal is AppealType.PRAISE:
            hint = self.tr("Whom does the caller praise?")
        self.rows["reported_party"].set_note(f"<span style='color:{MUTED};'>{hint}</span>"
                                             if hint else "")

    def _update_suggestion(self, apply: bool | None = None) -> None:
        """The department the matter's rule names for the place, with its reason; it
        fills the department box unless the operator chose another one."""
        apply = (not self._department_overridden) if apply is None else apply
        code = self.matter_code()
        leaf = self.matter_picker.node(code) if code else None
        suggestion = None
        if leaf is not None and leaf.routing is not None and self._router is not None:
            suggestion = self._router.suggest(leaf, self.district_code() or None,
                                              self.street_code() or None)
        self._suggestion = suggestion
        if apply and not self._loading:
            loading, self._loading = self._loading, True
            try:
                self.department.set_code(suggestion.department.code
                                         if suggestion and suggestion.department else None)
            finally:
                self._loading = loading
            self._department_overridden = False
        self._show_suggestion()

    def _show_suggestion(self) -> None:
        s = self._suggestion
        if s is None:
            text = self.tr("Choose a matter (and the place) to get a suggested department.")
            self.suggestion_label.setText(f"<span style='color:{MUTED};'>{text}</span>")
            return
        color = WARN if s.fallback else MUTED
        suggested = self.tr("Suggested:")
        html = f"<span style='color:{color};'>{suggested} "
        if s.department:
            html += f"<b>{s.department.name}</b> — "
        html += f"{s.reason}</span>"
        current = self.department.code()
        if s.department and current != s.department.code:
            use = self.tr("Use the suggestion")
            html += f" <a href='use' style='color:{ACCENT};'>{use}</a>"
        self.suggestion_label.setText(html)

    def use_suggestion(self, _href: str = "") -> None:
        self._department_overridden = False
        self._update_suggestion(apply=True)
        self._changed("department_code")

    def _on_department_text(self, _text: str) -> None:
        if self._loading:
            return
        suggested = self._suggestion.department.code \
            if self._suggestion and self._suggestion.department else None
        self._department_overridden = self.department.code() != suggested
        self._show_suggestion()

    def _update_deadlines(self) -> None:
        code = self.matter_code()
        leaf = self.matter_picker.node(code) if code else None
        if leaf is None or not leaf.time_limits:
            self.deadlines.show_message(self.tr("Choose a matter to see the deadlines."))
            return
        urgency = Urgency(self.urgency.currentData())
        try:
            deadlines = compute_deadlines(leaf, urgency, datetime.now(CHINA_TZ))
        except CalendarRangeError as exc:
            self.deadlines.show_message(str(exc), warning=True)
            return
        tier = leaf.time_limits.get(urgency)
        self.deadlines.show_deadlines(deadlines, {"sign": tier.sign, "contact": tier.contact,
                                                  "resolve": tier.resolve})

    def _on_district_text(self, _text: str) -> None:
        if self._loading:
            return
        street = self.street_code()
        if street and self.district_code() and not street.startswith(self.district_code()):
            self.street.setEditText("")
        self._fill_streets()

    def _on_street_text(self, _text: str) -> None:
        if self._loading:
            return
        code = self.street_code()
        if code and not self.district_code():
            district = self.names.streets[code][1]
            self.district.setEditText(self.names.districts.get(district, district))
            self.street.setEditText(self.names.streets[code][0])

    def _place_key(self) -> tuple:
        return (self.district_code(), self.street_code(), self._lon, self._lat)

    def _emit_place(self) -> None:
        key = self._place_key()
        if key != self._last_place:
            self._last_place = key
            self.place_changed.emit(self.place())

    def _schedule_lookup(self) -> None:
        self._lookup_timer.start()

    def _lookup_history(self) -> None:
        phone = self.phones.first_valid()
        self.caller_history.lookup(phone, matter_code=self.matter_code(),
                                   district_code=self.district_code(),
                                   street_code=self.street_code())

    # ==== slots for the other tabs ========================================================

    def set_place(self, place: Place) -> None:
        """From the map: district, street/town, address (if given) and the point."""
        loading, self._loading = self._loading, True
        try:
            district = place.district_code or (place.street_code or "")[:6]
            self.district.setEditText(self.names.districts.get(district, district or ""))
            self._fill_streets()
            street = place.street_code or ""
            self.street.setEditText(self.names.streets.get(street, (street,))[0])
            if place.address:
                self.address.setText(place.address)
            self._set_point(place.lon, place.lat)
        finally:
            self._loading = loading
        self._changed("place.district_code")
        self._changed("place.street_code")

    def set_place_choice(self, choice) -> None:
        """`MapTab.place_chosen` hands a `geo.PlaceChoice`; its `.place` goes in."""
        self.set_place(choice.place)

    def set_call(self, call_id: str, caller_number: str, call_time: datetime) -> None:
        """From the softphone: the call's id and time, and the caller's number first."""
        self.call_id.setText(call_id or "")
        self._call_time = call_time
        self._show_call_time()
        self.scroll_to_top()
        index = self.channel.findData(Channel.PHONE.value)
        self.channel.setCurrentIndex(max(index, 0))
        number = (caller_number or "").strip()
        if number:
            known = [r.text() for r in self.phones.rows]
            first = self.phones.rows[0]
            if not first.text():
                first.edit.setText(number)
                first.normalise()
            elif number not in known:
                self.phones.add_phone(number, at=0)
        self._applying = True  # the softphone's values, not the operator's typing
        try:
            self._changed("call_id")
            self._changed("caller.phones")
        finally:
            self._applying = False

    def append_content(self, text: str) -> None:
        """Add a transcript or knowledge-base snippet at the end of the content."""
        text = (text or "").strip()
        if not text:
            return
        current = self.content.toPlainText()
        sep = "" if not current or current.endswith("\n") else "\n"
        cursor = self.content.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(sep + text)
        self.content.setTextCursor(cursor)

    def append_answer(self, text: str) -> None:
        """A knowledge-base paragraph quoted as the answer. The handling mode stays as the
        operator set it; when the order is dispatched, the banner offers 直接办结 as a
        suggestion (one click), it never switches by itself."""
        text = (text or "").strip()
        if not text:
            return
        if self.handling() is not HandlingMode.DIRECT:
            switch = self.tr("Answer directly instead")
            self._show_banner(self.tr("The knowledge-base answer is kept in the reply. If you "
                                      "answered the caller on the phone,") +
                              f" <a href='direct' style='color:{ACCENT};'>{switch}</a>", MUTED)
        current = self.answer.toPlainText()
        sep = "" if not current or current.endswith("\n") else "\n"
        cursor = self.answer.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(sep + text)
        self.answer.setTextCursor(cursor)

    def set_reported_party(self, name: str) -> None:
        """From the legal-entity directory: the company (or person) reported."""
        self.reported_party.setText(name or "")

    def focus_matter(self) -> None:
        """Ctrl+M / F4: to the matter picker, its list open for browsing."""
        self.scroll.ensureWidgetVisible(self.matter_picker, 0, 80)
        self.matter_picker.open_browser()

    def link_repeat(self) -> None:
        """Ctrl+L: link the new order to the selected earlier order of the caller."""
        if not self.caller_history.link_selected():
            self._show_banner(self.tr("No earlier order to link: the caller's number has "
                                      "none in the last 90 days."), WARN)

    def show_help(self):
        """F1: every hotkey of the workspace (the window's list when the form is in one)."""
        window = self.window()
        if window is not self and hasattr(window, "show_hotkeys"):
            window.show_hotkeys()
            self.help_dialog = window.hotkeys_dialog
            return self.help_dialog
        dialog = HotkeysDialog([], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.help_dialog = dialog
        return dialog

    def _set_point(self, lon: Any, lat: Any) -> None:
        if lon is None or lat is None:
            self._lon = self._lat = None
            self.coordinates.clear()
            self.clear_point.setEnabled(False)
            return
        self._lon, self._lat = float(lon), float(lat)
        self.coordinates.setText(f"{self._lon:.6f}, {self._lat:.6f}")
        self.clear_point.setEnabled(True)

    def _clear_point(self) -> None:
        self._set_point(None, None)
        self._changed("place.lon")
        self._emit_place()

    def _show_call_time(self) -> None:
        if self._call_time is None:
            self.call_time.clear()
            return
        local = self._call_time.astimezone(CHINA_TZ) if self._call_time.tzinfo \
            else self._call_time
        self.call_time.setText(local.strftime("%Y-%m-%d %H:%M:%S"))

    # ==== errors ========================================================================

    def show_errors(self, errors: dict[str, str] | list[FieldError], *,
                    focus: bool = False) -> list[str]:
        """Put each message under its field (paths as in validation and 422 problems);
        returns the messages no field took. `focus`: focus the first invalid field."""
        if not isinstance(errors, dict):
            merged: dict[str, str] = {}
            for e in errors:
                merged[e.field] = f"{merged[e.field]}；{e.message}" if e.field in merged \
                    else e.message
            errors = merged
        by_row: dict[int, list[str]] = {}
        rows = {id(row): row for row in self.rows.values()}
        phone_errors: dict[str, str] = {}
        leftover: list[str] = []
        for path, message in errors.items():
            if path == "caller.phones" or path.startswith("caller.phones."):
                phone_errors[path] = message
                continue
            key = self._row_key(path)
            if key is None:
                leftover.append(message)
            else:
                by_row.setdefault(id(self.rows[key]), []).append(message)
        for ident, row in rows.items():
            row.set_error("；".join(dict.fromkeys(by_row.get(ident, []))))
        self.phones.set_errors(phone_errors)
        if focus and errors:
            self._focus_first_error(errors)
        return leftover

    def _row_key(self, path: str) -> str | None:
        parts = path.split(".")
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in self.rows:
                return key
        if parts[0] == "caller" and len(parts) > 1:
            return None
        if parts[0] == "place":
            return "place.district_code"
        return None

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        chain = self._tab_chain()
        targets: list[QWidget] = []
        for path in errors:
            if path == "caller.phones" or path.startswith("caller.phones."):
                targets.append(self.phones.error_target(path))
            elif (key := self._row_key(path)) is not None:
                targets.append(self.rows[key].focus_target())
        targets = [t for t in targets if t.isVisibleTo(self) or not self.isVisible()]
        if not targets:
            return
        targets.sort(key=lambda w: chain.index(w) if w in chain else len(chain))
        first = targets[0]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(first, 0, 60)

    # ==== actions =======================================================================

    def submit(self) -> bool:
        """Validate and queue the order in the outbox. True if it is queued."""
        self.matter_picker.hide_popup()
        self._validated = True
        self._server_errors = {}
        errors = self.validate()
        if errors:
            leftover = self.show_errors(errors, focus=True)
            extra = (" " + "；".join(leftover)) if leftover else ""
            self._show_banner(self.tr("Please correct the marked fields (%1).")
                              .replace("%1", str(len(errors))) + extra, ERROR)
            return False
        if self.training_sink is not None:
            return self._submit_training()
        repeat = self._unlinked_repeat()
        if repeat is not None and not self._repeat_confirmed:
            self._confirm_repeat(repeat)
            return False
        try:
            order = self.order()
        except ValidationError as exc:
            self.show_errors(validation_error_fields(exc), focus=True)
            self._show_banner(self.tr("Please correct the marked fields."), ERROR)
            return False
        try:
            item = self.submitter.queue(order, resend_item=self._resend_item)
        except Exception as exc:  # the outbox could not store it: keep the draft
            log.exception("outbox refused the order")
            self.save_draft()
            self._show_banner(self.tr("The order could not be saved on this PC (%1). It is "
                                      "kept as a draft; try again.").replace("%1", str(exc)),
                              ERROR)
            return False
        # The outbox has the order on disk now: the draft may go.
        self._autosave.stop()
        key = self._draft_key
        store = self.drafts
        run_in_thread(lambda: store.submitted(key), None, self._writer)
        self._current_item = item.id
        self.submitted.emit(item.id)
        self._reset()
        self.scroll_to_top()
        self._show_banner(self.tr("Saved on this PC, sending to the server…"), WARN)
        self.draft_state.setText(self.tr("Order queued; the form is ready for the next call"))
        self._reload_history()
        return True

    def _submit_training(self) -> bool:
        try:
            order = self.order()
        except ValidationError as exc:
            self.show_errors(validation_error_fields(exc), focus=True)
            self._show_banner(self.tr("Please correct the marked fields."), ERROR)
            return False
        sink, self.training_sink = self.training_sink, None
        self._autosave.stop()
        key, store = self._draft_key, self.drafts
        run_in_thread(lambda: store.submitted(key), None, self._writer)
        sink(order)
        self._reset()
        self.scroll_to_top()
        self._show_banner(self.tr("Training order handed in for scoring; it does not go to "
                                  "the live queue."), OK)
        return True

    def clear(self) -> None:
        """Ctrl+N: an empty form for a new order. A non-empty draft can be brought back
        with the banner's Undo."""
        if self._draft_on_disk and not self.is_blank():
            key, data = self._draft_key, self.draft_data()
            self._autosave.stop()
            self._writer.submit(self.drafts.save, key, data)
            self._writer.submit(self.drafts.discard, key)
            self._discarded_key = key
            self._reset()
            undo = self.tr("Undo")
            self._show_banner(self.tr("The form was cleared.") +
                              f" <a href='undo' style='color:{ACCENT};'>{undo}</a>", MUTED)
        else:
            self._reset()
            self.banner.hide()
        self.scroll_to_top()
        self.appeal_type.setFocus()

    def set_assist_panel(self, panel: QWidget) -> None:
        """The call assistant's panel (ui.assist_panel) above the first card."""
        self._column.insertWidget(0, panel)

    def scroll_to_top(self) -> None:
        """Every new order starts at the top of the form, not where the last one ended."""
        self.scroll.verticalScrollBar().setValue(0)

    def _unlinked_repeat(self):
        """The caller's earlier order flagged as a likely repeat, when none is linked."""
        history = self.caller_history
        linked = {order_id for order_id, _ in history._linked}
        if linked:
            return None
        return next((e for e in history.entries if e.likely_repeat), None)

    def _confirm_repeat(self, repeat) -> None:
        """Ask before submitting what looks like a repeat of an earlier order."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Likely repeat"),
                          self.tr("The caller's order %1 of %2 has the same matter and place. "
                                  "Link the new order to it, or submit it as a new matter?")
                          .replace("%1", repeat.number)
                          .replace("%2", repeat.created_at.astimezone(CHINA_TZ)
                                   .strftime("%Y-%m-%d")), QMessageBox.StandardButton.NoButton,
                          self)
        link = box.addButton(self.tr("Link and submit"), QMessageBox.ButtonRole.AcceptRole)
        new = box.addButton(self.tr("Submit as new"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(link)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            box.deleteLater()
            self.repeat_box = None
            if clicked is link:
                self.caller_history.select(repeat.id)
                self.caller_history.link_selected()
            if clicked in (link, new):
                self._repeat_confirmed = True
                try:
                    self.submit()
                finally:
                    self._repeat_confirmed = False

        box.finished.connect(answered)
        self.repeat_box = box
        box.open()

    def undo_clear(self) -> None:
        """Bring back the draft the last clear() put away (the form must be empty)."""
        key = self._discarded_key
        if key is None:
            return
        if not self.is_blank():
            self._show_banner(self.tr("Clear the form first (Ctrl+N), then undo."), WARN)
            return
        self._discarded_key = None
        store = self.drafts
        run_in_thread(lambda: store.restore(key), self._on_restored, self._writer)

    def _on_restored(self, draft: Draft | None) -> None:
        if draft is None or not self.is_blank():
            return
        self._draft_key = draft.key
        self._draft_on_disk = True
        self.load_draft(draft.data)
        self._show_banner(self.tr("The cleared order is back."), OK)

    def _banner_link(self, href: str) -> None:
        if href == "undo":
            self.undo_clear()
        elif href == "direct":
            self.direct_radio.setChecked(True)
            self.banner.hide()

    def _reset(self) -> None:
        """All fields to their defaults, a new draft key."""
        self._autosave.stop()
        self._lookup_timer.stop()
        self._dirty_since = None
        self._loading = True
        try:
            self._fill({})
            self.matter_picker.clear()
            self.caller_history.clear()
            self.district.setEditText("")
            self.street.setEditText("")
        finally:
            self._loading = False
        self._draft_key = new_draft_key()
        self.model.reset(self.validation_draft())
        for path in FIELDS:
            self._mark_suggested(path, False)
        self.suggestions.clear()
        self._draft_on_disk = False
        self._resend_item = None
        self._department_overridden = False
        self._validated = False
        self._server_errors = {}
        self._started_at = None
        self._call_time = None
        self._show_call_time()
        self.show_errors({})
        self._update_modes()
        self._update_suggestion(apply=True)
        self._update_deadlines()
        self._last_place = self._place_key()
        self.draft_state.setText("")

    # ==== outbox feedback ===============================================================

    def _on_item_changed(self, item: OutboxItem) -> None:
        if item.kind != WORK_ORDER:
            return
        self._reload_history()
        if item.id != self._current_item:
            return
        if item.state == DONE and item.result:
            number = item.result["number"]
            text = self.tr("Work order accepted. Number: %1").replace("%1", number)
            resolve = (item.result.get("deadlines") or {}).get("resolve")
            if resolve:
                try:
                    due = self.deadlines.due_text(datetime.fromisoformat(resolve))
                    text += " · " + self.tr("resolve by %1").replace("%1", due)
                except ValueError:
                    pass
            self._show_banner(text, OK)
            self.order_accepted.emit(item.id, number)
        elif item.state == FAILED:
            problem = Problem.model_validate_json(item.last_error)
            if self.is_blank():
                self.load_failed(item)
            else:
                when = datetime.fromtimestamp(item.created_at, CHINA_TZ).strftime("%H:%M")
                self._show_banner(self.tr("The server did not accept the order sent at %1: "
                                          "%2. Double-click it in “Sent from this PC” to "
                                          "correct it.").replace("%1", when)
                                  .replace("%2", problem.title), ERROR)
        elif item.attempts:
            self._show_banner(self.tr("The server is unreachable. The order is saved on this "
                                      "PC and will be sent automatically; you can go on "
                                      "working."), WARN)

    def load_failed(self, item: OutboxItem) -> None:
        """Put an order the server refused back into the (empty) form, with the server's
        errors on its fields; the next submit resends that same outbox item."""
        problem = Problem.model_validate_json(item.last_error)
        self._reset()
        self.load_draft(item.payload)
        self._resend_item = item.id
        self._current_item = item.id
        self._validated = True
        errors = problem_field_errors(problem)
        self._server_errors = {}
        for e in errors:
            self._server_errors[e.field] = e.message
        leftover = self.show_errors({**self.validate(), **self._server_errors}, focus=True)
        detail = problem.detail or problem.title
        if leftover:
            detail += " " + "；".join(leftover)
        self._show_banner(self.tr("The server did not accept the order: %1. Correct it and "
                                  "submit again.").replace("%1", detail), ERROR)
        self._draft_on_disk = True
        self.save_draft()

    def _correct_refused(self, item_id: int) -> None:
        try:
            item = self.session.outbox.get(item_id)
        except KeyError:
            return
        if item.state != FAILED:
            return
        if not self.is_blank():
            self._show_banner(self.tr("Finish or clear (Ctrl+N) the current order first; "
                                      "then double-click the refused one again."), WARN)
            return
        self.load_failed(item)

    def _reload_history(self) -> None:
        self.sent.reload()

    def _show_banner(self, text: str, color: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {color}; font-weight: 600; padding: 2px 0;")
        self.banner.show()
