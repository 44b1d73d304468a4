"""The complete work-order form against the real server: every field entered from the
keyboard and read back from the server; validation by appeal type and handling mode;
the server's 422 on the field; the caller's history, the repeat flag and the link;
the department suggestion and its override; deadlines; the slots the other tabs use."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agent_desktop.domain import HandlingMode, Department, Place, WorkOrderIn

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CST = timezone(timedelta(hours=8))
RAIN = "0101010201"  # 雨后道路积水: district rule, water bureau
YANGPU, CHANGHAI = "310110", "310110021"


@pytest.fixture
def form(make_form):
    return make_form()


def focus(widget, qtbot):
    """Give `widget` the keyboard focus, as a click would (the offscreen platform does not
    always give the activation back to the form when a completion list closes)."""
    if QApplication.activeWindow() is not widget.window():
        widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2_000)


def combo_down(combo, qtbot, times: int) -> None:
    """`times` steps down from the first item (an empty combo first lands on it)."""
    focus(combo, qtbot)
    if combo.currentIndex() < 0:
        qtbot.keyClick(combo, K.Key_Down)
    for _ in range(times):
        qtbot.keyClick(combo, K.Key_Down)


def space(widget, qtbot) -> None:
    focus(widget, qtbot)
    qtbot.keyClick(widget, K.Key_Space)


def choose_appeal(form, appeal: str = "consultation") -> None:
    """The operator picks the appeal type: the form has no default any more."""
    form.appeal_type.setCurrentIndex(form.appeal_type.findData(appeal))


def pick_matter(form, qtbot, keys: str) -> str:
    focus(form.matter, qtbot)
    qtbot.keyClicks(form.matter, keys)
    qtbot.keyClick(form.matter, K.Key_Return)
    return form.matter_code()


def submit_by_keyboard(form, qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget() or form, K.Key_Return, modifier=CTRL)


def wait_number(form, session, qtbot) -> str:
    qtbot.waitUntil(lambda: bool(session.outbox.items()) and
                    session.outbox.items()[0].state == "done", timeout=20_000)
    number = session.outbox.items()[0].result["number"]
    qtbot.waitUntil(lambda: number in form.banner.text(), timeout=5_000)
    return number


def earlier_order(session, arun, phone: str, matter: str, district: str, street: str,
                  **changes) -> dict:
    body = {
        "appeal_type": "complaint",
        "caller": {"name": "王先生", "phones": [phone]},
        "matter_code": matter,
        "content": "小区门口雨后积水严重，行人无法通行，要求尽快处理。",
        "request": "尽快排除积水",
        "place": {"district_code": district, "street_code": street, "address": "长海路1号"},
        **changes,
    }
    order = arun(session.client.create_work_order(WorkOrderIn.model_validate(body),
                                                  str(uuid.uuid4())))
    return order


# --- every field, by keyboard, to the server and back ----------------------------------------


def test_every_field_typed_is_stored_by_the_server(form, session, qtbot, type_text, arun):
    phone = "13912340001"
    old = earlier_order(session, arun, phone, RAIN, YANGPU, CHANGHAI)
    call_time = datetime(2026, 5, 12, 9, 30, 5, tzinfo=CST)
    form.set_call("call-7f3a", phone, call_time)  # the softphone
    assert form.call_id.text() == "call-7f3a" and form.call_time.text() == "2026-05-12 09:30:05"
    assert form.phone.text() == phone

    combo_down(form.appeal_type, qtbot, 2)  # 咨询 → 求助 → 投诉
    type_text(form.caller_name, "王建国")
    combo_down(form.gender, qtbot, 1)  # male
    space(form.phones.add_button, qtbot)  # a second number
    assert len(form.phones.rows) == 2 and form.phones.rows[1].edit.hasFocus()
    qtbot.keyClicks(form.phones.rows[1].edit, "(021) 6543 2100 ext 123")
    qtbot.keyClick(form.phones.rows[1].edit, K.Key_Tab)
    assert form.phones.rows[1].edit.text() == "021-65432100转123"  # normalised on leaving
    assert form.phones.rows[1].kind.text() == "上海固话"
    space(form.confidential, qtbot)
    combo_down(form.language, qtbot, 2)  # Shanghainese
    space(form.tags["老年人"], qtbot)
    space(form.tags["残疾人"], qtbot)

    assert pick_matter(form, qtbot, "yhdljs") == RAIN  # 雨后道路积水 by its initials
    type_text(form.title, "长海路某小区门口雨后积水")
    type_text(form.content, "来电人反映长海路123弄门口雨后积水，深约20厘米，已持续两天。")
    type_text(form.request, "希望尽快派人疏通排水")
    type_text(form.reported_party, "某物业管理有限公司")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.street.lineEdit(), "长海路街道")
    type_text(form.address, "长海路123弄门口")
    form.set_place(Place(district_code=YANGPU, street_code=CHANGHAI, lon=121.5231,
                         lat=31.3102))  # the map tab's pin
    assert form.address.text() == "长海路123弄门口"  # a pin without words keeps the address
    assert form.coordinates.text() == "121.523100, 31.310200"

    # the suggestion follows the place; the operator overrides it, adds a co-handler
    assert form.department.code() == "310110-WATER"
    assert "杨浦区水务局" in form.suggestion_label.text()
    form.department.lineEdit().clear()
    type_text(form.department.lineEdit(), "杨浦区建设和管理委员会")
    assert form.department.code() == "310110-CONSTRUCTION"
    assert "Use the suggestion" in form.suggestion_label.text()
    type_text(form.co_departments.box.lineEdit(), "长海路街道办事处")
    qtbot.keyClick(form.co_departments.box.lineEdit(), K.Key_Return)
    assert form.co_departments.codes() == [CHANGHAI]
    space(form.follow_up_required, qtbot)  # no follow-up call
    combo_down(form.urgency, qtbot, 1)  # urgent
    assert "hour" in form.deadlines.limits["sign"].text()

    # the earlier order about the same matter at the same place: flagged, Ctrl+L links it
    qtbot.waitUntil(lambda: bool(form.caller_history.entries), timeout=10_000)
    assert form.caller_history.entries[0].likely_repeat
    focus(form.content, qtbot)
    qtbot.keyClick(form.content, K.Key_L, modifier=CTRL)
    assert form.caller_history.linked() == [(old.id, old.number)]

    assert form.validate() == {}
    submit_by_keyboard(form, qtbot)
    number = wait_number(form, session, qtbot)
    assert form.is_blank()  # ready for the next call

    stored = [o for o in arun(session.client.work_orders(caller_phone=phone))
              if o.number == number][0]
    assert stored.channel == "phone"
    assert stored.call_id == "call-7f3a"
    assert stored.call_time == call_time
    assert stored.appeal_type == "complaint"
    assert stored.caller.name == "王建国"
    assert stored.caller.gender == "male"
    assert stored.caller.phones == [phone, "021-65432100转123"]
    assert stored.caller.anonymous is False
    assert stored.caller.confidential is True
    assert stored.caller.tags == ["老年人", "残疾人"]
    assert stored.caller.language == "wuu"
    assert stored.reported_party == "某物业管理有限公司"
    assert stored.place == Place(district_code=YANGPU, street_code=CHANGHAI,
                                 address="长海路123弄门口", lon=121.5231, lat=31.3102)
    assert stored.matter_code == RAIN
    assert stored.title == "长海路某小区门口雨后积水"
    assert stored.content == "来电人反映长海路123弄门口雨后积水，深约20厘米，已持续两天。"
    assert stored.request == "希望尽快派人疏通排水"
    assert stored.urgency == "urgent"
    assert stored.handling == "dispatch"
    assert stored.department_code == "310110-CONSTRUCTION"
    assert stored.co_department_codes == [CHANGHAI]
    assert stored.reply_required is True
    assert stored.follow_up_required is False
    assert stored.linked_order_ids == [old.id]
    assert stored.status == "dispatched"
    assert set(stored.deadlines) == {"sign", "contact", "resolve"}


def test_channel_and_a_direct_answer_without_a_call(form, session, qtbot, type_text, arun):
    choose_appeal(form, "consultation")
    combo_down(form.channel, qtbot, 3)  # 网站
    qtbot.keyClicks(form.phone, "13912340002")
    pick_matter(form, qtbot, "gjj")  # 公积金…
    leaf = form.matter_picker.node(form.matter_code())
    assert "公积金" in leaf.name
    type_text(form.content, "来电咨询公积金提取需要准备哪些材料，想了解办理流程。")
    space(form.direct_radio, qtbot)
    assert form.answer.isVisible() and not form.department.isVisible()
    form.append_answer("可登录一网通办办理，需身份证和银行卡。")  # quoted from the KB
    submit_by_keyboard(form, qtbot)
    number = wait_number(form, session, qtbot)
    stored = [o for o in arun(session.client.work_orders(caller_phone="13912340002"))
              if o.number == number][0]
    assert stored.channel == "website"
    assert stored.handling == "direct"
    assert stored.answer == "可登录一网通办办理，需身份证和银行卡。"
    assert stored.department_code is None
    assert stored.status == "closed"
    assert stored.call_id is None and stored.call_time is not None


# --- validation ------------------------------------------------------------------------------


def shown_errors(form) -> dict[str, str]:
    """Visible messages by field (a row shared by two paths is listed once)."""
    out, seen = {}, set()
    for key, row in form.rows.items():
        if id(row) not in seen and row.error.isVisible():
            out[key] = row.error.text()
        seen.add(id(row))
    for n, row in enumerate(form.phones.rows):
        if row.error.isVisible():
            out[f"caller.phones.{n}"] = row.error.text()
    return out


def test_a_complaint_needs_the_request_and_a_place_or_party(form, session, qtbot, type_text):
    combo_down(form.appeal_type, qtbot, 2)  # complaint
    assert "*" in form.labels["request"].text()
    assert "*" in form.labels["reported_party"].text()
    qtbot.keyClicks(form.phone, "13912340003")
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.content, "小区门口雨后积水严重，行人无法通行。")
    assert not form.submit()
    errors = shown_errors(form)
    assert errors["request"] == "请填写来电人诉求（希望如何处理）"
    assert "投诉须填写事发地点或被反映对象" in errors["place.district_code"]
    assert errors["reported_party"] == "投诉须填写事发地点或被反映对象"
    assert form.reported_party.hasFocus() or form.request.hasFocus()
    assert form.request.hasFocus()  # the first invalid field in the form's order
    assert session.outbox.items() == []
    # errors follow the edits from now on
    type_text(form.request, "尽快排水")
    assert "request" not in shown_errors(form)
    type_text(form.reported_party, "某物业")
    errors = shown_errors(form)
    assert "reported_party" not in errors
    assert errors["place.district_code"] == "该事项按属地派单，请选择事发区"
    type_text(form.district.lineEdit(), "杨浦区")
    assert shown_errors(form) == {}
    assert form.submit()


@pytest.mark.parametrize("appeal, presses, field, message", [
    ("help", 1, "request", "请填写来电人诉求（希望如何处理）"),
    ("praise", 5, "reported_party", "表扬须填写被表扬的单位或个人"),
])
def test_help_needs_a_request_and_praise_whom(form, qtbot, type_text, appeal, presses,
                                              field, message):
    combo_down(form.appeal_type, qtbot, presses)
    assert form.appeal_type.currentData() == appeal
    qtbot.keyClicks(form.phone, "13912340004")
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.content, "来电人反映的情况说明，超过十个字。")
    assert not form.submit()
    assert shown_errors(form) == {field: message}
    assert form.rows[field].focus_target().hasFocus()


def test_direct_handling_needs_an_answer_and_a_report_is_always_dispatched(form, qtbot,
                                                                          type_text):
    choose_appeal(form, "consultation")
    qtbot.keyClicks(form.phone, "13912340005")
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.content, "咨询雨后积水由哪个部门负责处理。")
    space(form.direct_radio, qtbot)
    assert "*" in form.labels["answer"].text() and "*" not in form.labels[
        "department_code"].text()
    assert not form.submit()
    assert shown_errors(form) == {"answer": "直接办结须填写答复内容"}
    assert form.answer.hasFocus()
    combo_down(form.appeal_type, qtbot, 3)  # report (from 咨询, chosen above)
    type_text(form.request, "要求查处")
    type_text(form.answer, "已告知由区水务局负责。")
    assert not form.submit()
    assert shown_errors(form) == {"handling": "举报类诉求须派单处理，不能直接办结"}


def test_anonymous_without_a_phone_cannot_ask_for_a_reply(form, qtbot, type_text):
    choose_appeal(form, "consultation")
    assert "*" in form.labels["caller.phones"].text()
    space(form.anonymous, qtbot)
    assert "*" not in form.labels["caller.phones"].text()
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.content, "匿名反映长海路雨后积水，无法通行。")
    assert not form.submit()
    errors = shown_errors(form)
    assert list(errors) == ["reply_required"]
    assert "无法回复" in errors["reply_required"] and "无法回访" in errors["reply_required"]
    space(form.reply_required, qtbot)
    space(form.follow_up_required, qtbot)
    assert shown_errors(form) == {}
    assert form.submit()


def test_phones_are_checked_as_typed_and_each_error_sits_under_its_number(form, qtbot):
    choose_appeal(form, "consultation")
    edit = form.phone
    focus(edit, qtbot)
    qtbot.keyClicks(edit, "138001380")
    qtbot.keyClick(edit, K.Key_Tab)
    assert form.phones.rows[0].error.text() == "手机号应为11位，当前9位"
    focus(edit, qtbot)
    qtbot.keyClicks(edit, "00")  # now complete: the error goes while typing
    assert not form.phones.rows[0].error.isVisible()
    assert form.phones.rows[0].kind.text() == "手机"
    form.phones.add_phone("12345")  # the hotline itself: not a number to call back
    form.phones.add_phone("138 0013 8000")
    assert form.phones.rows[1].error.text() == "12345是市民服务热线，不是来电人的联系电话"
    assert form.phones.rows[2].edit.text() == "13800138000"
    form.submit()
    errors = shown_errors(form)
    assert errors["caller.phones.1"] == "12345是服务号码，不能作为来电人联系电话"
    assert errors["caller.phones.2"] == "与第1个号码重复"
    assert form.phones.rows[1].edit.hasFocus()


def test_the_servers_422_lands_on_the_field(session, make_form, qtbot, type_text, arun):
    # The operator's PC still lists a department the server has since removed.
    session.departments.append(Department(code="GONE-1", name="已撤销的排水管理所",
                                          level="city", function="water"))
    form = make_form()
    choose_appeal(form)
    qtbot.keyClicks(form.phone, "13912340006")
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.content, "长海路雨后积水，深约20厘米，无法通行。")
    form.department.lineEdit().clear()
    type_text(form.department.lineEdit(), "已撤销的排水管理所")
    assert form.validate() == {}
    assert form.submit()
    qtbot.waitUntil(lambda: session.outbox.items()[0].state == "failed", timeout=15_000)
    qtbot.waitUntil(lambda: form.rows["department_code"].error.isVisible(), timeout=5_000)
    # the refused order is back in the (empty) form, the server's message on its field
    assert form.rows["department_code"].error.text() == "承办部门不存在，请重新选择"
    assert form.department.hasFocus()
    assert form.phone.text() == "13912340006" and form.matter_code() == RAIN
    assert "did not accept" in form.banner.text()
    assert "refused" in form.sent.waiting.item(0).text()  # apart from the accepted ones
    # corrected and sent again: the same outbox item gets its number
    form.department.lineEdit().clear()
    type_text(form.department.lineEdit(), "杨浦区水务局")
    assert not form.rows["department_code"].error.isVisible()
    assert form.submit()
    qtbot.waitUntil(lambda: session.outbox.items()[0].state == "done", timeout=15_000)
    assert len(session.outbox.items()) == 1
    number = session.outbox.items()[0].result["number"]
    qtbot.waitUntil(lambda: number in form.banner.text(), timeout=5_000)
    stored = arun(session.client.work_orders(caller_phone="13912340006"))
    assert [o.department_code for o in stored] == ["310110-WATER"]


# --- caller history, repeats, links ------------------------------------------------------------


def test_caller_history_flags_the_repeat_and_ctrl_l_links_it(form, session, qtbot, type_text,
                                                             arun):
    choose_appeal(form, "consultation")
    phone = "13912340007"
    other = earlier_order(session, arun, phone, "0204020101", YANGPU, CHANGHAI,
                          appeal_type="consultation", request="")
    repeat = earlier_order(session, arun, phone, RAIN, YANGPU, CHANGHAI)
    assert not form.caller_history.isVisible()
    qtbot.keyClicks(form.phone, phone)
    qtbot.waitUntil(lambda: len(form.caller_history.entries) == 2, timeout=10_000)
    assert form.caller_history.isVisible()
    assert [e.id for e in form.caller_history.entries] == [repeat.id, other.id]
    assert not any(e.likely_repeat for e in form.caller_history.entries)  # no matter yet
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    qtbot.waitUntil(lambda: bool(form.caller_history.entries) and
                    form.caller_history.entries[0].likely_repeat, timeout=10_000)
    tree = form.caller_history.tree
    assert "likely repeat" in tree.topLevelItem(0).text(2)
    assert "likely repeat" not in tree.topLevelItem(1).text(2)
    assert "likely repeat" in form.caller_history.heading.text()
    assert form.caller_history.selected_id() == repeat.id  # the repeat is preselected
    focus(form.content, qtbot)
    qtbot.keyClick(form.content, K.Key_L, modifier=CTRL)
    assert form.caller_history.linked() == [(repeat.id, repeat.number)]
    assert repeat.number in form.caller_history.linked_label.text()
    # the other one too, by selecting it; then unlink it again
    form.caller_history.select(other.id)
    qtbot.keyClick(form.content, K.Key_L, modifier=CTRL)
    assert [i for i, _ in form.caller_history.linked()] == [repeat.id, other.id]
    form.caller_history.unlink(other.id)
    type_text(form.content, "长海路门口又积水了，上次反映后仍未解决。")
    assert form.submit()
    number = wait_number(form, session, qtbot)
    stored = [o for o in arun(session.client.work_orders(caller_phone=phone))
              if o.number == number][0]
    assert stored.linked_order_ids == [repeat.id]


def test_a_number_without_history_says_so_and_ctrl_l_explains(form, qtbot):
    qtbot.keyClicks(form.phone, "13912340008")
    qtbot.waitUntil(lambda: "No earlier orders" in form.caller_history.heading.text(),
                    timeout=10_000)
    focus(form.phone, qtbot)
    qtbot.keyClick(form.phone, K.Key_L, modifier=CTRL)
    assert "No earlier order to link" in form.banner.text()


# --- suggestion, deadlines, slots -----------------------------------------------------------


def test_the_department_suggestion_follows_matter_and_place(form, qtbot, type_text):
    assert "Choose a matter" in form.suggestion_label.text()
    pick_matter(form, qtbot, "yhdljs")  # district rule, no district: the city bureau
    assert form.department.code() == "SH-WATER"
    assert "未选择区" in form.suggestion_label.text()
    form.set_place(Place(district_code=YANGPU, street_code=CHANGHAI, address="长海路1号"))
    assert form.district.currentText() == "杨浦区" and form.street.currentText() == "长海路街道"
    assert form.department.code() == "310110-WATER"
    assert "区级承办" in form.suggestion_label.text()
    form.department.lineEdit().clear()
    type_text(form.department.lineEdit(), "杨浦区人民政府")
    form.set_place(Place(district_code="310104"))  # another district: override kept
    assert form.department.code() == "310110-GOV"
    form.use_suggestion()
    assert form.department.code() == "310104-WATER"


def test_deadlines_follow_matter_and_urgency_in_working_days(form, qtbot):
    assert form.deadlines.due("resolve") == ""
    pick_matter(form, qtbot, "yhdljs")
    limits = form.matter_picker.node(RAIN).time_limits
    assert form.deadlines.limits["resolve"].text() == \
        f"within {limits['normal'].resolve.value} working days"
    assert form.deadlines.due("resolve").startswith("by 20")
    combo_down(form.urgency, qtbot, 2)  # especially urgent: hours
    assert form.deadlines.limits["sign"].text() == "within 1 hour"
    assert "working days" in form.deadlines.message.text()


def test_a_quoted_answer_never_switches_the_handling_by_itself(form, qtbot):
    choose_appeal(form)
    assert form.handling() is HandlingMode.DISPATCH
    form.append_answer("可登录一网通办办理，需身份证和银行卡。")
    assert form.handling() is HandlingMode.DISPATCH  # suggested in the banner, not done
    assert "direct" in form.banner.text()
    form.banner.linkActivated.emit("direct")  # the operator takes the suggestion
    assert form.handling() is HandlingMode.DIRECT
    assert "一网通办" in form.answer.toPlainText()


def test_slots_for_the_softphone_transcript_and_directory(form, qtbot):
    form.phones.rows[0].edit.setText("021-65432100")
    form.set_call("c-1", "+86 139 1234 0009", datetime(2026, 5, 12, 10, 0, tzinfo=CST))
    assert [r.text() for r in form.phones.rows] == ["13912340009", "021-65432100"]
    form.append_content("来电人：门口积水。")
    form.append_content("来电人：已经两天了。")
    assert form.content.toPlainText() == "来电人：门口积水。\n来电人：已经两天了。"
    form.set_reported_party("上海某某物业管理有限公司")
    assert form.reported_party.text() == "上海某某物业管理有限公司"
    changed = []
    form.place_changed.connect(changed.append)
    form.set_place(Place(district_code=YANGPU, lon=121.5, lat=31.3))
    assert changed[-1].district_code == YANGPU and changed[-1].lon == 121.5


@pytest.mark.parametrize("answer", ["Submit as new", "Link and submit", "Back to the form"])
def test_a_likely_repeat_is_confirmed_before_it_goes(form, session, qtbot, type_text, arun,
                                                     answer):
    phone = "13912340017"
    repeat = earlier_order(session, arun, phone, RAIN, YANGPU, CHANGHAI)
    choose_appeal(form)
    qtbot.keyClicks(form.phone, phone)
    pick_matter(form, qtbot, "yhdljs")
    type_text(form.district.lineEdit(), "杨浦区")
    type_text(form.content, "长海路门口又积水了，上次反映后仍未解决。")
    qtbot.waitUntil(lambda: bool(form.caller_history.entries) and
                    form.caller_history.entries[0].likely_repeat, timeout=10_000)
    assert not form.submit()  # not yet: the operator is asked first
    box = form.repeat_box
    assert box is not None and box.isVisible() and repeat.number in box.text()
    assert session.outbox.items() == []
    [b for b in box.buttons() if b.text() == answer][0].click()
    if answer == "Back to the form":
        qtbot.wait(100)
        assert session.outbox.items() == [] and not form.is_blank()
        return
    number = wait_number(form, session, qtbot)
    stored = [o for o in arun(session.client.work_orders(caller_phone=phone))
              if o.number == number][0]
    assert stored.linked_order_ids == ([repeat.id] if answer == "Link and submit" else [])


def test_a_service_fills_the_form_through_the_model_and_never_over_the_operator(form, qtbot,
                                                                               type_text):
    """What the call assistant will do: suggestions land in empty fields, marked as
    suggested with their evidence; typed fields keep the operator's words."""
    model = form.model
    type_text(form.caller_name, "陈先生")
    assert model.get("caller.name") == "陈先生" and model.typed_by_operator("caller.name")
    model.suggest("caller.name", "王先生", 0.9, "assistant")
    assert form.caller_name.text() == "陈先生"  # typed wins; the suggestion waits
    model.suggest("caller.phones", ["13916728845"], 0.95, "assistant", "segment 3, 5–16")
    model.suggest("appeal_type", "complaint", 0.8, "assistant")
    model.suggest("place.district_code", YANGPU, 0.9, "assistant")
    model.suggest("content", "来电人反映：小区门口窨井盖缺失。", 0.7, "assistant")
    assert form.phones.rows[0].edit.text() == "13916728845"
    assert form.appeal_type.currentData() == "complaint"
    assert form.district_code() == YANGPU
    assert form.content.toPlainText().startswith("来电人反映")
    assert form.phones.rows[0].edit.property("suggested") is True
    assert "segment 3" in form.phones.rows[0].edit.toolTip()
    # The operator edits a suggested field: it is theirs now, and no longer marked.
    form.content.setFocus()
    qtbot.keyClick(form.content, Qt.Key.Key_End)
    qtbot.keyClicks(form.content, " ok")
    assert model.typed_by_operator("content") and not model.is_suggested("content")
    assert form.content.property("suggested") is not True
    model.suggest("content", "别的内容", 0.99, "assistant")
    assert form.content.toPlainText().endswith(" ok")
    # Ctrl+N: a new order, nothing suggested any more.
    form.clear()
    assert model.get("caller.phones") in ([], None, [""]) and not model.suggestions()
