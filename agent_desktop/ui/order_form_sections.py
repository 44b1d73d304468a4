"""The five cards of the work-order form, each a widget a newcomer finds by name:

    CallSection      通话   appeal type, channel, call time and id (from the softphone)
    CallerSection    来电人 name, gender, phones, earlier orders, language, privacy, groups
    AppealSection    诉求   matter, title, content, the caller's request, reported party
    PlaceSection     地点   district, street/town, address, coordinates
    HandlingSection  办理   dispatch or answer, departments, follow-through, urgency, deadlines

Each makes its controls, lays them out as (label, field) rows and lists them in `FIELDS`;
`rows` maps an order path (as in `forms.order_model.FIELDS`) to the row that shows its
value and its error. The form (`ui.order_form.WorkOrderForm`) binds them to the order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.domain import AppealType, Channel, Urgency
from agent_desktop.domain.caller import CALLER_TAGS, LANGUAGES
from agent_desktop.domain.limits import ADDRESS_MAX

from .labels import label
from .matter_picker import MatterPicker
from .order_caller_history import CallerHistoryPanel
from .order_sections import (
    CoDepartmentList,
    DeadlineView,
    DepartmentBox,
    FieldRow,
    PhoneList,
    SearchBox,
    Section,
)


class FormSection(Section):
    """A `Section` whose rows are keyed by the order path they show."""

    FIELDS: tuple[str, ...] = ()  # the controls the form uses by name

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.rows: dict[str, FieldRow] = {}
        self.field_labels: dict[str, QLabel] = {}

    def field(self, path: str, text: str, editor: QWidget, *, focus: QWidget | None = None,
              wide: bool = False, also: tuple[str, ...] = ()) -> FieldRow:
        """One (label, field) row for `path`; `also` names paths the same row shows."""
        row = FieldRow(editor, focus=focus)
        self.rows[path] = row
        for other in also:
            self.rows[other] = row
        self.field_labels[path] = self.add(text, row, wide=wide)
        return row


def _box(*widgets: QWidget) -> QWidget:
    """Check boxes or radio buttons side by side."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(14)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _read_only(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    edit.setPlaceholderText(placeholder)
    return edit


class CallSection(FormSection):
    FIELDS = ("appeal_type", "channel", "call_time", "call_id")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Call"), parent)
        self.appeal_type = QComboBox()
        self.appeal_type.setObjectName("appealType")
        for t in AppealType:
            self.appeal_type.addItem(label(t), t.value)
        # No default: an order must not go in as 咨询 because nobody chose.
        self.appeal_type.setPlaceholderText(self.tr("Choose…"))
        self.appeal_type.setCurrentIndex(-1)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for value, text in ((Channel.PHONE, self.tr("Phone")),
                            (Channel.MINI_PROGRAM, self.tr("Mini program")),
                            (Channel.APP, self.tr("App")), (Channel.WEBSITE, self.tr("Website")),
                            (Channel.OFFICIAL_ACCOUNT, self.tr("Official account"))):
            self.channel.addItem(text, value.value)
        self.call_time = _read_only("callTime", self.tr("Filled by the softphone"))
        self.call_id = _read_only("callId", self.tr("Filled by the softphone"))
        self.field("appeal_type", self.tr("Appeal type"), self.appeal_type)
        self.field("channel", self.tr("Channel"), self.channel)
        self.field("call_time", self.tr("Call time"), self.call_time)
        self.field("call_id", self.tr("Call ID"), self.call_id)


class CallerSection(FormSection):
    FIELDS = ("caller_name", "gender", "phones", "caller_history", "anonymous",
              "confidential", "privacy_box", "language", "tags", "tags_box")

    def __init__(self, caller_history: CallerHistoryPanel,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Caller"), parent)
        self.caller_name = QLineEdit()
        self.caller_name.setObjectName("callerName")
        self.caller_name.setPlaceholderText(self.tr("e.g. 王先生"))
        self.gender = QComboBox()
        self.gender.setObjectName("gender")
        for value, text in (("unknown", self.tr("Not stated")), ("male", self.tr("Male")),
                            ("female", self.tr("Female"))):
            self.gender.addItem(text, value)
        self.phones = PhoneList()
        self.phones.setObjectName("phones")
        self.caller_history = caller_history
        self.anonymous = QCheckBox(self.tr("Anonymous"))
        self.anonymous.setObjectName("anonymous")
        self.confidential = QCheckBox(self.tr("Confidential"))
        self.confidential.setToolTip(self.tr("Keep the caller's data from the departments"))
        self.confidential.setObjectName("confidential")
        self.privacy_box = _box(self.anonymous, self.confidential)
        self.language = QComboBox()
        self.language.setObjectName("language")
        names = {"zh": self.tr("Mandarin"), "yue": self.tr("Cantonese"),
                 "wuu": self.tr("Shanghainese"), "en": self.tr("English"),
                 "ja": self.tr("Japanese"), "ko": self.tr("Korean"), "fr": self.tr("French"),
                 "de": self.tr("German"), "ru": self.tr("Russian"), "es": self.tr("Spanish"),
                 "ar": self.tr("Arabic"), "sgn": self.tr("Sign language")}
        for code in LANGUAGES:
            self.language.addItem(names[code], code)
        tag_names = {"老年人": self.tr("Elderly"), "残疾人": self.tr("Disabled"),
                     "外籍人士": self.tr("Foreigner"), "未成年人": self.tr("Minor"),
                     "退役军人": self.tr("Veteran"), "困难群众": self.tr("Low income")}
        self.tags: dict[str, QCheckBox] = {}
        self.tags_box = QWidget()
        tags_layout = QGridLayout(self.tags_box)  # three a row: never cut when narrow
        tags_layout.setContentsMargins(0, 4, 0, 0)
        tags_layout.setHorizontalSpacing(14)
        tags_layout.setVerticalSpacing(4)
        for index, tag in enumerate(CALLER_TAGS):
            box = QCheckBox(tag_names[tag])
            box.setObjectName(f"tag_{tag}")
            self.tags[tag] = box
            tags_layout.addWidget(box, index // 3, index % 3)
        tags_layout.setColumnStretch(3, 1)

        self.field("caller.name", self.tr("Name"), self.caller_name)
        self.field("caller.gender", self.tr("Gender"), self.gender)
        self.field("caller.phones", self.tr("Phone"), self.phones,
                   focus=self.phones.first_edit(), wide=True)
        self.field("linked_order_ids", self.tr("Earlier orders"), self.caller_history,
                   wide=True)
        self.field("caller.language", self.tr("Language"), self.language)
        privacy = self.field("caller.anonymous", self.tr("Privacy"), self.privacy_box,
                             focus=self.anonymous, also=("caller.confidential",))
        privacy.setMinimumWidth(privacy.sizeHint().width())  # check boxes never squeezed
        self.field("caller.tags", self.tr("Special group"), self.tags_box,
                   focus=self.tags[CALLER_TAGS[0]], wide=True)
        history_label = self.field_labels["linked_order_ids"]
        history_label.setVisible(not caller_history.isHidden())
        caller_history.presence_changed.connect(history_label.setVisible)


class AppealSection(FormSection):
    FIELDS = ("matter_picker", "matter", "title", "content", "request", "reported_party")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Appeal"), parent)
        self.matter_picker = MatterPicker()
        self.matter_picker.setObjectName("matterPicker")
        self.matter = self.matter_picker.edit
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setMaxLength(50)
        self.title.setPlaceholderText(self.tr("One line, e.g. 长海路某小区门口雨后积水"))
        self.content = QPlainTextEdit()
        self.content.setObjectName("content")
        self.content.setPlaceholderText(self.tr("Who, when, where, what happened, how it "
                                                "developed"))
        self.content.setTabChangesFocus(True)
        self.content.setMinimumHeight(110)
        self.request = QPlainTextEdit()
        self.request.setObjectName("request")
        self.request.setPlaceholderText(self.tr("What the caller asks for"))
        self.request.setTabChangesFocus(True)
        self.request.setFixedHeight(58)
        self.reported_party = QLineEdit()
        self.reported_party.setObjectName("reportedParty")
        self.reported_party.setPlaceholderText(self.tr("Company or person the call is about"))
        self.field("matter_code", self.tr("Matter"), self.matter_picker, focus=self.matter,
                   wide=True)
        self.field("title", self.tr("Title"), self.title, wide=True)
        self.field("content", self.tr("Content"), self.content, wide=True)
        self.field("request", self.tr("Caller's request"), self.request, wide=True)
        self.field("reported_party", self.tr("Reported party"), self.reported_party, wide=True)


class PlaceSection(FormSection):
    FIELDS = ("district", "street", "address", "coordinates", "clear_point",
              "coordinates_box")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Place"), parent)
        self.district = SearchBox(placeholder=self.tr("District"))
        self.district.setObjectName("district")
        self.street = SearchBox(placeholder=self.tr("Street or town"))
        self.street.setObjectName("street")
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.address.setMaxLength(ADDRESS_MAX)  # the API's maximum (domain/limits.py)
        self.address.setPlaceholderText(self.tr("Road, number, estate, building, landmark"))
        self.coordinates = _read_only("coordinates", self.tr("Pick the spot on the map tab"))
        self.clear_point = QToolButton()
        self.clear_point.setText(self.tr("Clear"))
        self.clear_point.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.coordinates_box = QWidget()
        coords = QHBoxLayout(self.coordinates_box)
        coords.setContentsMargins(0, 0, 0, 0)
        coords.setSpacing(4)
        coords.addWidget(self.coordinates, 1)
        coords.addWidget(self.clear_point)
        self.field("place.district_code", self.tr("District"), self.district)
        self.field("place.street_code", self.tr("Street/town"), self.street)
        self.field("place.address", self.tr("Address"), self.address, wide=True)
        self.field("place.lon", self.tr("Coordinates"), self.coordinates_box,
                   focus=self.coordinates, wide=True, also=("place.lat",))


class HandlingSection(FormSection):
    FIELDS = ("urgency", "dispatch_radio", "direct_radio", "handling_group", "handling_box",
              "answer", "department", "suggestion_label", "co_departments", "reply_required",
              "follow_up_required", "flags_box", "deadlines")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Handling"), parent)
        self.urgency = QComboBox()
        self.urgency.setObjectName("urgency")
        for value, text in ((Urgency.NORMAL, self.tr("Normal")),
                            (Urgency.URGENT, self.tr("Urgent")),
                            (Urgency.CRITICAL, self.tr("Especially urgent"))):
            self.urgency.addItem(text, value.value)
        self.dispatch_radio = QRadioButton(self.tr("Dispatch"))
        self.dispatch_radio.setToolTip(
            self.tr("Dispatch the order to the responsible department"))
        self.dispatch_radio.setObjectName("handlingDispatch")
        self.direct_radio = QRadioButton(self.tr("Answered directly"))
        self.direct_radio.setToolTip(self.tr("The caller's question was answered on the "
                                             "phone; the order is closed at once"))
        self.direct_radio.setObjectName("handlingDirect")
        self.dispatch_radio.setChecked(True)
        self.handling_group = QButtonGroup(self)
        self.handling_group.addButton(self.dispatch_radio)
        self.handling_group.addButton(self.direct_radio)
        self.handling_box = _box(self.dispatch_radio, self.direct_radio)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("answer")
        self.answer.setPlaceholderText(self.tr("What you answered the caller (e.g. from the "
                                               "knowledge base)"))
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(70)
        self.department = DepartmentBox()
        self.department.setObjectName("department")
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName("suggestion")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextFormat(Qt.TextFormat.RichText)
        department_box = QWidget()
        dep_layout = QVBoxLayout(department_box)
        dep_layout.setContentsMargins(0, 0, 0, 0)
        dep_layout.setSpacing(2)
        dep_layout.addWidget(self.department)
        dep_layout.addWidget(self.suggestion_label)
        self.co_departments = CoDepartmentList()
        self.co_departments.setObjectName("coDepartments")
        self.reply_required = QCheckBox(self.tr("Reply to the caller required"))
        self.reply_required.setObjectName("replyRequired")
        self.reply_required.setChecked(True)
        self.follow_up_required = QCheckBox(self.tr("Follow-up call required"))
        self.follow_up_required.setObjectName("followUpRequired")
        self.follow_up_required.setChecked(True)
        self.flags_box = _box(self.reply_required, self.follow_up_required)
        self.deadlines = DeadlineView()

        self.field("handling", self.tr("Handling"), self.handling_box,
                   focus=self.dispatch_radio, wide=True)
        self.field("answer", self.tr("Answer"), self.answer, wide=True)
        self.field("department_code", self.tr("Main department"), department_box,
                   focus=self.department, wide=True)
        self.field("co_department_codes", self.tr("Co-handling"), self.co_departments,
                   focus=self.co_departments.box, wide=True)
        self.field("reply_required", self.tr("Follow-through"), self.flags_box, wide=True,
                   also=("follow_up_required",))
        self.field("urgency", self.tr("Urgency"), self.urgency)
        self.end_row()
        self.field("deadlines", self.tr("Deadlines"), self.deadlines, wide=True)
