"""Validation of work-order drafts by appeal type and handling mode."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from agent_desktop.domain.models import FieldError, Problem, WorkOrderIn
from agent_desktop.forms.validation import (
    FIELD_LABELS_ZH,
    FIELD_ORDER,
    errors_by_field,
    field_path,
    problem_field_errors,
    validate_work_order,
    validation_error_fields,
)

GOOD = {
    "channel": "phone",
    "appeal_type": "complaint",
    "caller": {"name": "王先生", "phones": ["138 0013 8000"]},
    "matter_code": "0101010201",  # 雨后道路积水: district rule, water
    "content": "长海路翔殷路口雨后积水严重，已持续两天，行人无法通行",
    "request": "尽快排水并疏通下水道",
    "place": {"district_code": "310110", "street_code": "310110021", "address": "长海路100号"},
    "handling": "dispatch",
    "department_code": "310110-WATER",
}


@pytest.fixture
def check(catalog, departments):
    def run(changes: dict | None = None, drop: tuple[str, ...] = (), **kwargs) -> dict[str, str]:
        draft = copy.deepcopy(GOOD)
        for key in drop:
            draft.pop(key)
        for key, value in (changes or {}).items():
            if "." in key:
                outer, inner = key.split(".")
                draft[outer] = {**draft.get(outer, {}), inner: value}
            else:
                draft[key] = value
        errors = validate_work_order(draft, catalog=catalog, departments=departments, **kwargs)
        return {e.field: e.message for e in errors}

    return run


def test_a_complete_order_passes(check, catalog, departments) -> None:
    assert check() == {}
    model = WorkOrderIn.model_validate(GOOD)
    assert validate_work_order(model, catalog=catalog, departments=departments) == []
    # without reference data, codes are checked for shape only
    assert validate_work_order(GOOD) == []


def test_required_basics(check) -> None:
    errors = check(drop=("appeal_type", "matter_code", "content"))
    assert errors["appeal_type"] == "请选择诉求类型"
    assert errors["matter_code"] == "请选择事项分类"
    assert errors["content"] == "请填写诉求内容"
    assert check({"content": "积水"})["content"].startswith("诉求内容过短（至少10个字）")
    assert check({"content": "水" * 2001})["content"] == "诉求内容不超过2000字，当前2001字"
    assert check({"title": "标" * 51}) == {"title": "标题不超过50字"}
    assert check({"appeal_type": "grumble"}) == {"appeal_type": "诉求类型无效"}
    assert check({"urgency": "asap"}) == {"urgency": "紧急程度无效"}
    assert check({"channel": "fax"}) == {"channel": "来源渠道无效"}


def test_matter_must_be_a_leaf_of_the_catalog(check, leaf) -> None:
    assert GOOD["matter_code"] == leaf("雨后道路积水").code
    parent = leaf("雨后道路积水").parent_code
    assert check({"matter_code": parent}) == {"matter_code": "请选择到第五级事项"}
    assert check({"matter_code": "9999999999"}) == {"matter_code": "事项分类不存在，请重新选择"}


def test_phones(check) -> None:
    errors = check({"caller.phones": ["1380013800", "12345", "13800138000", "138-0013-8000", ""]})
    assert errors == {
        "caller.phones.0": "手机号应为11位，当前10位",
        "caller.phones.1": "12345是服务号码，不能作为来电人联系电话",
        "caller.phones.3": "与第3个号码重复",
        "caller.phones.4": "电话号码为空，请填写或删除该行",
    }
    assert check({"caller.phones": []}) == {
        "caller.phones": "请填写来电人联系电话（匿名来电可不填）"
    }
    assert check({"caller.phones": ["62345678", "021-62345679转12"]}) == {}


def test_anonymous_callers(check) -> None:
    errors = check({"caller.phones": [], "caller.anonymous": True})
    assert errors == {
        "reply_required": "匿名且未留电话，无法回复：请留联系电话或取消“需要回复”",
        "follow_up_required": "匿名且未留电话，无法回访：请留联系电话或取消“需要回访”",
    }
    no_reply = {"caller.phones": [], "caller.anonymous": True,
                "reply_required": False, "follow_up_required": False}
    assert check(no_reply) == {}
    # anonymous but leaving a number for the reply is fine
    assert check({"caller.anonymous": True}) == {}


def test_complaint_and_report_need_a_place_or_a_party(check, leaf) -> None:
    no_place = {"place": {}, "department_code": "310110-WATER"}
    errors = check(no_place)
    assert errors["place.district_code"] == "投诉须填写事发地点或被反映对象"
    assert errors["reported_party"] == "投诉须填写事发地点或被反映对象"
    errors = check({**no_place, "appeal_type": "report"})
    assert errors["reported_party"] == "举报须填写事发地点或被反映对象"
    # a reported party is enough (the district is still needed for district routing)
    errors = check({**no_place, "reported_party": "上海某某餐饮有限公司"})
    assert errors == {"place.district_code": "该事项按属地派单，请选择事发区"}
    # an address alone is enough for a city-routed matter
    errors = check({"place": {"address": "长海路100号"}, "matter_code": leaf("突发停水").code,
                    "department_code": "SH-WATER-SUPPLY"})
    assert errors == {}
    assert check(drop=("request",)) == {"request": "请填写来电人诉求（希望如何处理）"}


def test_consultation_and_praise(check, leaf) -> None:
    consult = {"appeal_type": "consultation", "place": {}, "request": "",
               "matter_code": leaf("房产证补办").code, "department_code": "SH-REAL-ESTATE"}
    assert check(consult) == {}
    praise = {"appeal_type": "praise", "request": ""}
    assert check(praise) == {"reported_party": "表扬须填写被表扬的单位或个人"}
    assert check({**praise, "reported_party": "长海路街道城管队员"}) == {}


def test_direct_handling(check) -> None:
    direct = {"appeal_type": "consultation", "handling": "direct", "department_code": None}
    assert check(direct) == {"answer": "直接办结须填写答复内容"}
    assert check(direct, answer="已告知办理流程和所需材料") == {}
    assert check({**direct, "answer": "已告知办理流程和所需材料"}) == {}  # dict drafts
    assert check({**direct, "answer": "好"})["answer"] == "答复内容过短（至少5个字）"
    errors = check({**direct, "department_code": "310110-WATER",
                    "co_department_codes": ["310110-HOUSING"]}, answer="已告知办理流程")
    assert errors == {
        "department_code": "直接办结无需选择承办部门",
        "co_department_codes": "直接办结无需选择协办部门",
    }
    errors = check({**direct, "appeal_type": "report"}, answer="已告知办理流程")
    assert errors == {"handling": "举报类诉求须派单处理，不能直接办结"}


def test_dispatch_departments(check) -> None:
    assert check({"department_code": None}) == {"department_code": "请选择承办部门"}
    assert check({"department_code": "NOPE"}) == {"department_code": "承办部门不存在，请重新选择"}
    errors = check({"co_department_codes": ["310110-WATER", "310110-HOUSING", "310110-HOUSING",
                                            "NOPE", ""]})
    assert errors == {
        "co_department_codes.0": "协办部门不能与主办部门相同",
        "co_department_codes.2": "协办部门重复",
        "co_department_codes.3": "协办部门不存在",
        "co_department_codes.4": "协办部门为空",
    }
    assert check({"handling": "by_pigeon"}) == {"handling": "办理方式无效"}


def test_district_needed_for_local_routing(check) -> None:
    place = {"place": {"address": "长海路100号"}}
    assert check(place) == {"place.district_code": "该事项按属地派单，请选择事发区"}
    # a street without district is enough (the district is implied)
    assert check({"place": {"street_code": "310110021"}}) == {}


def test_place_codes_and_coordinates(check) -> None:
    assert check({"place.district_code": "3101"}) == {
        "place.district_code": "区代码应为31开头的6位数字"
    }
    assert check({"place.district_code": "310199", "place.street_code": None}) == {
        "place.district_code": "区代码不存在"
    }
    assert check({"place.street_code": "310104003"}) == {
        "place.street_code": "所选街道/镇不属于所选区"
    }
    assert check({"place.street_code": "310110999"}) == {"place.street_code": "街道/镇代码不存在"}
    assert check({"place.address": "路" * 201}) == {"place.address": "详细地址不超过200字"}
    assert check({"place.lon": 121.5}) == {"place.lat": "经纬度须同时填写"}
    assert check({"place.lon": 121.52, "place.lat": 31.30}) == {}
    assert check({"place.lon": 116.4, "place.lat": 39.9}) == {
        "place.lon": "坐标不在上海市范围内，请在地图上重新选点"
    }
    assert check({"place.lon": 116.4, "place.lat": 39.9}, bbox=None) == {}


def test_call_time(check) -> None:
    now = datetime(2026, 3, 2, 10, 0)
    assert check({"call_time": now - timedelta(minutes=3)}, now=now) == {}
    assert check({"call_time": now + timedelta(hours=1)}, now=now) == {
        "call_time": "来电时间不能晚于当前时间"
    }
    aware = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)  # 10:00 in Shanghai
    assert check({"call_time": aware.isoformat()}, now=aware) == {}
    assert check({"call_time": "yesterday"}) == {"call_time": "来电时间格式不正确"}


def test_errors_come_in_form_order(check) -> None:
    errors = validate_work_order({"caller": {"phones": ["1"]}, "handling": "dispatch"})
    fields = [e.field for e in errors]
    assert fields == ["appeal_type", "caller.phones.0", "matter_code", "content", "department_code"]
    for path in FIELD_ORDER:
        assert path in FIELD_LABELS_ZH


def test_paths_match_the_model(catalog) -> None:
    """Every path validation reports exists in WorkOrderIn (or is the documented "answer")."""
    fields = set(WorkOrderIn.model_fields) | {"answer"}
    nested = {"caller": set(WorkOrderIn.model_fields["caller"].annotation.model_fields),
              "place": set(WorkOrderIn.model_fields["place"].annotation.model_fields)}
    for path in FIELD_ORDER:
        head, _, tail = path.partition(".")
        assert head in fields, path
        if tail:
            assert tail in nested[head], path


def test_server_and_pydantic_errors_land_on_the_same_paths() -> None:
    assert field_path(("body", "caller", "phones", 0)) == "caller.phones.0"
    assert field_path(["place", "district_code"]) == "place.district_code"
    with pytest.raises(ValidationError) as info:
        WorkOrderIn.model_validate({"appeal_type": "x", "caller": {"phones": [1]}, "content": ""})
    errors = {e.field: e.message for e in validation_error_fields(info.value)}
    assert errors["appeal_type"] == "取值无效"
    assert errors["matter_code"] == "此项必填"
    assert errors["content"] == "内容过短"
    assert errors["caller.phones.0"] == "应为文字"
    problem = {
        "title": "Unprocessable", "status": 422,
        "errors": [{"field": "department_code", "message": "承办部门不存在"},
                   {"field": "caller.phones.0", "message": "号码无效"}],
    }
    from_dict = problem_field_errors(problem)
    assert [e.field for e in from_dict] == ["caller.phones.0", "department_code"]
    assert problem_field_errors(Problem.model_validate(problem)) == from_dict
    grouped = errors_by_field(from_dict + [FieldError(field="department_code", message="再选")])
    assert grouped == {
        "caller.phones.0": ["号码无效"],
        "department_code": ["承办部门不存在", "再选"],
    }


def test_required_fields_follow_the_same_rules_as_validation():
    from agent_desktop.forms.validation import required_fields, validate_work_order

    for appeal in ("consultation", "help", "complaint", "report", "suggestion", "praise"):
        for handling in ("dispatch", "direct"):
            needed = required_fields(appeal, handling)
            errors = {e.field for e in validate_work_order(
                {"appeal_type": appeal, "handling": handling, "caller": {"phones": []}})}
            # every field validation asks for on an empty order is marked required
            assert errors - {"handling"} <= needed, (appeal, handling, errors - needed)
    assert "request" in required_fields("complaint", "dispatch")
    assert "caller.phones" not in required_fields("praise", "dispatch", anonymous=True)
