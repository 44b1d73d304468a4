"""Validate a work-order draft before submit: required fields by appeal type and handling.

    >>> errors = validate_work_order(draft, catalog=catalog, departments=departments)
    >>> [(e.field, e.message) for e in errors]
    [('caller.phones.0', '手机号应为11位，当前10位'), ('department_code', '请选择承办部门')]

Errors are `FieldError(field, message)`: `field` is the dotted path into the `WorkOrderIn`
body (caller.phones.0, place.district_code, matter_code, content, department_code …), the
same paths the server puts in a 422 problem's `errors`, so the form shows local and server
errors on the same widgets (`errors_by_field`, `problem_field_errors`). Messages are
Chinese and say what to do. Errors come in the form's order (the first is where to focus).

The rules (catalog and departments are optional; without them codes are checked for shape
only):
- every order: appeal type; a leaf matter of the catalog; content (10–2,000 characters:
  the five elements need more than a word); title ≤ 50; valid channel, urgency, handling;
- caller: each phone valid (`forms.phone`), not a service number, not repeated; at least
  one phone unless the caller is anonymous; an anonymous caller without a phone cannot
  get a reply or a follow-up call;
- complaint / report: a place (district, street or address) or a reported party, and the
  caller's request; help: the request; praise: whom the caller praises;
- place: district and street codes of the right shape, known, and consistent; address
  ≤ 200; coordinates both or neither and inside Shanghai;
- handled directly at intake: an answer text, no departments; a report is always
  dispatched;
- dispatched: a known main department; co-handlers known, distinct, not the main one; a
  matter routed by district or street needs the district.

`WorkOrderIn` has no field for the answer of a directly handled order: pass it as
`answer=` or as an "answer" key of a dict draft; its errors use the path "answer".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError

from agent_desktop.domain.enums import AppealType, Channel, HandlingMode, RoutingMode, Urgency
from agent_desktop.domain.models import Catalog, CatalogNode, Department, FieldError, Problem

from .phone import PhoneKind, parse_phone

__all__ = [
    "FIELD_ORDER",
    "FIELD_LABELS_ZH",
    "SHANGHAI_BBOX",
    "validate_work_order",
    "errors_by_field",
    "field_path",
    "problem_field_errors",
    "validation_error_fields",
]

CONTENT_MIN = 10
CONTENT_MAX = 2000
TITLE_MAX = 50
ADDRESS_MAX = 200
NAME_MAX = 50
ANSWER_MIN = 5
# (min lon, min lat, max lon, max lat), WGS-84, Shanghai with a margin
SHANGHAI_BBOX = (120.85, 30.65, 122.25, 31.90)

# The form's order; errors are sorted by it (unlisted paths go last, in their own order).
FIELD_ORDER: tuple[str, ...] = (
    "channel",
    "call_time",
    "appeal_type",
    "caller.name",
    "caller.gender",
    "caller.phones",
    "caller.anonymous",
    "caller.confidential",
    "caller.tags",
    "caller.language",
    "reported_party",
    "place.district_code",
    "place.street_code",
    "place.address",
    "place.lon",
    "place.lat",
    "matter_code",
    "title",
    "content",
    "request",
    "urgency",
    "handling",
    "answer",
    "department_code",
    "co_department_codes",
    "reply_required",
    "follow_up_required",
)

FIELD_LABELS_ZH: dict[str, str] = {
    "channel": "来源渠道",
    "call_time": "来电时间",
    "appeal_type": "诉求类型",
    "caller.name": "来电人姓名",
    "caller.gender": "性别",
    "caller.phones": "联系电话",
    "caller.anonymous": "匿名",
    "caller.confidential": "保密",
    "caller.tags": "特殊群体",
    "caller.language": "语种",
    "reported_party": "被反映对象",
    "place.district_code": "所在区",
    "place.street_code": "街道/镇",
    "place.address": "详细地址",
    "place.lon": "经度",
    "place.lat": "纬度",
    "matter_code": "事项分类",
    "title": "标题",
    "content": "诉求内容",
    "request": "来电人诉求",
    "urgency": "紧急程度",
    "handling": "办理方式",
    "answer": "答复内容",
    "department_code": "承办部门",
    "co_department_codes": "协办部门",
    "reply_required": "需要回复",
    "follow_up_required": "需要回访",
}

_DISTRICT_CODE = re.compile(r"31\d{4}")
_STREET_CODE = re.compile(r"31\d{7}")
_GENDERS = ("male", "female", "unknown")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _enum(enum: type, value: Any) -> Any | None:
    try:
        return enum(value)
    except ValueError:
        return None


class _Errors:
    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        if not any(e.field == field and e.message == message for e in self.items):
            self.items.append(FieldError(field=field, message=message))

    def has(self, field: str) -> bool:
        return any(e.field == field or e.field.startswith(field + ".") for e in self.items)


def _order_key(field: str) -> tuple[int, str]:
    parts = field.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in FIELD_ORDER:
            return FIELD_ORDER.index(prefix), field
    return len(FIELD_ORDER), field


def _as_dict(draft: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(draft, BaseModel):
        return draft.model_dump(mode="python")
    if isinstance(draft, Mapping):
        return dict(draft)
    raise TypeError("draft must be a WorkOrderIn or a mapping")


def _catalog_lookup(catalog: Catalog | Mapping[str, CatalogNode] | None) -> Mapping | None:
    if catalog is None:
        return None
    if isinstance(catalog, Catalog):
        return {n.code: n for n in catalog.nodes}
    return catalog


def _department_lookup(
    departments: Iterable[Department] | Mapping[str, Department] | None,
) -> Mapping[str, Department] | None:
    if departments is None:
        return None
    if isinstance(departments, Mapping):
        return departments
    return {d.code: d for d in departments}


REQUEST_NEEDED = frozenset({AppealType.COMPLAINT, AppealType.REPORT, AppealType.HELP})
PARTY_NEEDED = frozenset({AppealType.PRAISE})  # whom to praise
PLACE_OR_PARTY_NEEDED = frozenset({AppealType.COMPLAINT, AppealType.REPORT})


def required_fields(appeal: AppealType | str | None, handling: HandlingMode | str | None,
                    anonymous: bool = False) -> frozenset[str]:
    """The fields an order of this appeal type and handling must have (what the form
    marks with *), the same rules `validate_work_order` enforces."""
    appeal = _enum(AppealType, appeal) if appeal else None
    direct = _enum(HandlingMode, handling) is HandlingMode.DIRECT
    needed = {"appeal_type", "matter_code", "content",
              "answer" if direct else "department_code"}
    if not anonymous:
        needed.add("caller.phones")
    if appeal in REQUEST_NEEDED:
        needed.add("request")
    if appeal in PARTY_NEEDED | PLACE_OR_PARTY_NEEDED:
        needed.add("reported_party")
    if appeal in PLACE_OR_PARTY_NEEDED:
        needed.add("place.district_code")
    return frozenset(needed)


def validate_work_order(
    draft: BaseModel | Mapping[str, Any],
    *,
    catalog: Catalog | Mapping[str, CatalogNode] | None = None,
    departments: Iterable[Department] | Mapping[str, Department] | None = None,
    answer: str | None = None,
    now: datetime | None = None,
    bbox: tuple[float, float, float, float] | None = SHANGHAI_BBOX,
) -> list[FieldError]:
    """All problems of `draft` (a `WorkOrderIn` or a dict of its shape), in form order.

    An empty list means the draft may be submitted. `catalog` and `departments` enable the
    checks that codes exist (and the district requirement of district/street-routed
    matters); `now` is the clock for "call time in the future" (default: now); `bbox`
    bounds the coordinates (None: no bound).
    """
    d = _as_dict(draft)
    if answer is None:
        answer = d.get("answer")
    nodes = _catalog_lookup(catalog)
    deps = _department_lookup(departments)
    err = _Errors()

    # --- classification ---------------------------------------------------------------
    if d.get("channel") is not None and _enum(Channel, d.get("channel")) is None:
        err.add("channel", "来源渠道无效")
    call_time = d.get("call_time")
    if isinstance(call_time, str) and call_time:
        try:
            call_time = datetime.fromisoformat(call_time)
        except ValueError:
            err.add("call_time", "来电时间格式不正确")
            call_time = None
    if isinstance(call_time, datetime):
        clock = now or (datetime.now(call_time.tzinfo) if call_time.tzinfo else datetime.now())
        if call_time.tzinfo is not None and clock.tzinfo is None:
            clock = clock.astimezone()
        elif call_time.tzinfo is None and clock.tzinfo is not None:
            clock = clock.replace(tzinfo=None)
        if call_time > clock + timedelta(minutes=5):
            err.add("call_time", "来电时间不能晚于当前时间")

    appeal_raw = d.get("appeal_type")
    appeal = _enum(AppealType, appeal_raw) if appeal_raw else None
    if not appeal_raw:
        err.add("appeal_type", "请选择诉求类型")
    elif appeal is None:
        err.add("appeal_type", "诉求类型无效")

    handling_raw = d.get("handling", HandlingMode.DISPATCH)
    handling = _enum(HandlingMode, handling_raw)
    if handling is None:
        err.add("handling", "办理方式无效")
    urgency_raw = d.get("urgency", Urgency.NORMAL)
    if _enum(Urgency, urgency_raw) is None:
        err.add("urgency", "紧急程度无效")

    # --- caller -------------------------------------------------------------------------
    caller = d.get("caller") or {}
    if isinstance(caller, BaseModel):
        caller = caller.model_dump()
    anonymous = bool(caller.get("anonymous"))
    if len(_text(caller.get("name"))) > NAME_MAX:
        err.add("caller.name", f"姓名不超过{NAME_MAX}个字")
    if caller.get("gender", "unknown") not in _GENDERS:
        err.add("caller.gender", "性别无效")
    phones: Sequence[Any] = caller.get("phones") or []
    seen: dict[str, int] = {}
    valid_phones = 0
    for n, raw in enumerate(phones):
        field = f"caller.phones.{n}"
        if not _text(raw):
            err.add(field, "电话号码为空，请填写或删除该行")
            continue
        parsed = parse_phone(raw)
        if not parsed.ok:
            err.add(field, parsed.error)
            continue
        if parsed.kind is PhoneKind.SERVICE:
            err.add(field, f"{parsed.normalized}是服务号码，不能作为来电人联系电话")
            continue
        key = parsed.normalized
        if key in seen:
            err.add(field, f"与第{seen[key] + 1}个号码重复")
            continue
        seen[key] = n
        valid_phones += 1
    if not phones and not anonymous:
        err.add("caller.phones", "请填写来电人联系电话（匿名来电可不填）")
    if not phones and anonymous:
        if d.get("reply_required", True):
            err.add("reply_required", "匿名且未留电话，无法回复：请留联系电话或取消“需要回复”")
        if d.get("follow_up_required", True):
            err.add("follow_up_required", "匿名且未留电话，无法回访：请留联系电话或取消“需要回访”")
    tags = caller.get("tags") or []
    if any(not _text(t) for t in tags):
        err.add("caller.tags", "特殊群体标签不能为空")

    # --- reported party and place -------------------------------------------------------
    place = d.get("place") or {}
    if isinstance(place, BaseModel):
        place = place.model_dump()
    district = _text(place.get("district_code"))
    street = _text(place.get("street_code"))
    address = _text(place.get("address"))
    reported = _text(d.get("reported_party"))
    if appeal in PLACE_OR_PARTY_NEEDED and not (district or street or address or reported):
        kind = "投诉" if appeal is AppealType.COMPLAINT else "举报"
        message = f"{kind}须填写事发地点或被反映对象"
        err.add("place.district_code", message)
        err.add("reported_party", message)
    if appeal in PARTY_NEEDED and not reported:
        err.add("reported_party", "表扬须填写被表扬的单位或个人")
    if len(reported) > 200:
        err.add("reported_party", "被反映对象不超过200字")

    known_districts = known_streets = None
    if deps is not None:
        known_districts = {x.district_code for x in deps.values() if x.district_code}
        known_streets = {x.street_code for x in deps.values() if x.street_code}
    if district:
        if not _DISTRICT_CODE.fullmatch(district):
            err.add("place.district_code", "区代码应为31开头的6位数字")
        elif known_districts is not None and district not in known_districts:
            err.add("place.district_code", "区代码不存在")
    if street:
        if not _STREET_CODE.fullmatch(street):
            err.add("place.street_code", "街道/镇代码应为31开头的9位数字")
        elif known_streets is not None and street not in known_streets:
            err.add("place.street_code", "街道/镇代码不存在")
        elif district and not street.startswith(district):
            err.add("place.street_code", "所选街道/镇不属于所选区")
    if len(address) > ADDRESS_MAX:
        err.add("place.address", f"详细地址不超过{ADDRESS_MAX}字")
    lon, lat = place.get("lon"), place.get("lat")
    if (lon is None) != (lat is None):
        err.add("place.lon" if lon is None else "place.lat", "经纬度须同时填写")
    elif lon is not None:
        if not (isinstance(lon, (int, float)) and isinstance(lat, (int, float))):
            err.add("place.lon", "经纬度应为数字")
        elif bbox is not None and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            err.add("place.lon", "坐标不在上海市范围内，请在地图上重新选点")

    # --- matter and text ------------------------------------------------------------------
    matter_code = _text(d.get("matter_code"))
    matter: CatalogNode | None = None
    if not matter_code:
        err.add("matter_code", "请选择事项分类")
    elif nodes is not None:
        matter = nodes.get(matter_code)
        if matter is None:
            err.add("matter_code", "事项分类不存在，请重新选择")
        elif not matter.is_leaf:
            err.add("matter_code", "请选择到第五级事项")
            matter = None
    title = _text(d.get("title"))
    if len(title) > TITLE_MAX:
        err.add("title", f"标题不超过{TITLE_MAX}字")
    content = _text(d.get("content"))
    if not content:
        err.add("content", "请填写诉求内容")
    elif len(content) < CONTENT_MIN:
        err.add("content", f"诉求内容过短（至少{CONTENT_MIN}个字），请写明时间、地点、事情经过")
    elif len(content) > CONTENT_MAX:
        err.add("content", f"诉求内容不超过{CONTENT_MAX}字，当前{len(content)}字")
    if appeal in REQUEST_NEEDED and not _text(d.get("request")):
        err.add("request", "请填写来电人诉求（希望如何处理）")

    # --- handling -----------------------------------------------------------------------
    department = _text(d.get("department_code"))
    co_departments: Sequence[Any] = d.get("co_department_codes") or []
    if handling is HandlingMode.DIRECT:
        if appeal is AppealType.REPORT:
            err.add("handling", "举报类诉求须派单处理，不能直接办结")
        answer_text = _text(answer)
        if not answer_text:
            err.add("answer", "直接办结须填写答复内容")
        elif len(answer_text) < ANSWER_MIN:
            err.add("answer", f"答复内容过短（至少{ANSWER_MIN}个字）")
        if department:
            err.add("department_code", "直接办结无需选择承办部门")
        if co_departments:
            err.add("co_department_codes", "直接办结无需选择协办部门")
    elif handling is HandlingMode.DISPATCH:
        if not department:
            err.add("department_code", "请选择承办部门")
        elif deps is not None and department not in deps:
            err.add("department_code", "承办部门不存在，请重新选择")
        listed: set[str] = set()
        for n, code in enumerate(co_departments):
            field = f"co_department_codes.{n}"
            code = _text(code)
            if not code:
                err.add(field, "协办部门为空")
            elif code == department:
                err.add(field, "协办部门不能与主办部门相同")
            elif code in listed:
                err.add(field, "协办部门重复")
            elif deps is not None and code not in deps:
                err.add(field, "协办部门不存在")
            listed.add(code)
        if (
            matter is not None
            and matter.routing is not None
            and matter.routing.mode in (RoutingMode.DISTRICT, RoutingMode.STREET)
            and not district
            and not street
            and not err.has("place.district_code")
        ):
            err.add("place.district_code", "该事项按属地派单，请选择事发区")

    return sorted(err.items, key=lambda e: _order_key(e.field))


# --- errors from elsewhere --------------------------------------------------------------


def field_path(loc: Sequence[str | int]) -> str:
    """Dotted field path from a pydantic/FastAPI error location (the leading "body" of a
    request error is dropped): ("body", "caller", "phones", 0) → "caller.phones.0"."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


_PYDANTIC_MESSAGES = {
    "missing": "此项必填",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_type": "应为文字",
    "int_parsing": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为是或否",
    "enum": "取值无效",
    "literal_error": "取值无效",
    "datetime_parsing": "时间格式不正确",
    "datetime_from_date_parsing": "时间格式不正确",
    "extra_forbidden": "不支持的字段",
    "string_pattern_mismatch": "格式不正确",
    "greater_than": "数值过小",
    "list_type": "应为列表",
}


def validation_error_fields(exc: ValidationError) -> list[FieldError]:
    """A pydantic ValidationError (e.g. `WorkOrderIn.model_validate` failing) as
    FieldErrors with Chinese messages."""
    out = []
    for e in exc.errors():
        message = _PYDANTIC_MESSAGES.get(e["type"], "格式不正确")
        out.append(FieldError(field=field_path(e["loc"]), message=message))
    return sorted(out, key=lambda x: _order_key(x.field))


def problem_field_errors(problem: Problem | Mapping[str, Any]) -> list[FieldError]:
    """The per-field errors of a server 422 problem (RFC 9457 body), in form order."""
    if isinstance(problem, Problem):
        errors = problem.errors
    else:
        errors = [FieldError.model_validate(e) for e in problem.get("errors") or []]
    return sorted(errors, key=lambda e: _order_key(e.field))


def errors_by_field(errors: Iterable[FieldError]) -> dict[str, list[str]]:
    """Messages grouped by field path, for putting them on widgets."""
    grouped: dict[str, list[str]] = {}
    for e in errors:
        grouped.setdefault(e.field, []).append(e.message)
    return grouped
