"""Open311 GeoReport v2 facade over the work orders (http://wiki.open311.org/GeoReport_v2).

    GET  /open311/discovery.{json|xml}                       service discovery
    GET  /open311/v2/services.{json|xml}                     catalog leaves as services
    GET  /open311/v2/services/{service_code}.{json|xml}      a service's attributes
    POST /open311/v2/requests.{json|xml}                     form-encoded → a work order
    GET  /open311/v2/requests.{json|xml}                     filtered list
    GET  /open311/v2/requests/{service_request_id}.{json|xml}

    curl -d api_key=$TOKEN -d service_code=0101010101 -d lat=31.19 -d long=121.44 \\
         -d 'attribute[appeal_type]=complaint' -d 'attribute[request]=尽快修复' \\
         -d description=漕溪北路人行道路面塌陷，已有行人绊倒 -d phone=13900000000 \\
         http://127.0.0.1:8080/open311/v2/requests.json

Every method takes `jurisdiction_id` (optional: this server serves one jurisdiction,
`JURISDICTION_ID`; another value is a 404).

Mapping:
- A service is a level-5 catalog leaf: service_code = matter code, service_name = its
  name, description = its catalog path, keywords, group = its level-1 name; metadata true,
  type realtime. Attributes: `appeal_type` (singlevaluelist, required: the six appeal
  types, key = code, name = Chinese), and three optional ones that really are optional:
  `request` (the caller's request; a complaint, report or help request without it asks
  the department to check and handle), `reported_party` (only praise needs it: whom to
  praise — the one case answered with a 400 naming it), `district_code` (singlevaluelist
  of the districts; derived from lat/long, address_id or a district named in
  address_string; without any the order waits for the centre to choose the department).
- service_request_id = the order number (工单编号). status: `closed` for closed orders,
  `open` otherwise; status_notes says where the order is (in Chinese);
  agency_responsible = the main department's name; expected_datetime = the resolve due
  time; times in ISO 8601 with the +08:00 offset. lat/long (WGS-84) are the order's
  `Place.lat`/`Place.lon`.
- POST: `api_key` is a bearer token of this server (`POST /api/v1/auth/token`) of an
  operator, lead or admin. The order is taken in dispatch mode without a department and
  waits as `submitted` for the centre's dispatch; channel `app` when a device_id is given,
  else `website`; without a phone the caller is anonymous and gets no reply or follow-up
  call. `description` is optional, up to 4,000 characters: the order's content is the
  description, prefixed with the service and place when it is shorter than the hotline's
  10-character minimum, and cut at the hotline's 2,000 (the full text is kept with the
  order's Open311 fields). `address_id` is an id of this jurisdiction's address system,
  the administrative divisions of the gazetteer: a district (6 digits) or street/town
  (9 digits) code; others are a 400. It is checked like any order
  (`work_orders.intake_errors`), the errors naming the Open311 parameter. Answers 201.
- GET needs no key, as the spec says. What is published: service, status, neutral
  status notes, the department, times, the road or place without house numbers,
  coordinates rounded to ~100 m, and the description with phones, ID numbers and the
  caller's name removed (`policy.public_text`) — never a reply; for confidential callers
  (保密) the description, address and coordinates are withheld. `service_request_id`,
  `service_code` and `status` take several values, comma-separated or repeated. The
  window is at most 90 days: without dates the last 90 days, with one date the 90 days
  from/to it, a longer span is a 400. At most 1,000 requests, newest first.
- Errors, in the requested format, with the HTTP status as code:
  `[{"code": 400, "description": "…"}]` / `<errors><error><code>400</code>…`, for every
  path under /open311/ (validation errors are 400).
"""

from __future__ import annotations

import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, select

from agent_desktop.domain.enums import AppealType, Channel, WorkOrderStatus, label_zh
from agent_desktop.domain.models import CatalogNode, FieldError, WorkOrderIn
from agent_desktop.forms.deadlines import CHINA_TZ
from agent_desktop.forms.validation import (
    ADDRESS_MAX,
    CONTENT_MAX,
    CONTENT_MIN,
    NAME_MAX,
    PARTY_NEEDED,
    REQUEST_NEEDED,
    validation_error_fields,
)

from .auth import find_token_user
from .params import FIRST_DAY, LAST_DAY, day_in_range
from .policy import INTAKE, public_text
from .problems import ProblemError
from .reference import ReferenceData, reference_data
from .state import ServerState, get_state
from .tables import ReferenceSetRow, WorkOrderRow
from .work_orders import intake, intake_errors

if TYPE_CHECKING:
    from agent_desktop.geo.gazetteer import Gazetteer

log = logging.getLogger(__name__)

PREFIX = "/open311/"
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
JURISDICTION_ID = "12345.sh.gov.cn"  # the one jurisdiction this server serves
DESCRIPTION_MAX = 4000  # the spec's limit
MAX_WINDOW = timedelta(days=90)  # the spec's default and largest date range
MAX_REQUESTS = 1000
REQUEST_DEFAULT = "请相关部门核实处理"  # the request of a complaint/report/help sent without one
CONTACT = "上海12345市民服务热线：拨打12345，或联系本中心系统管理员"
KEY_SERVICE = (
    "api_key is the access token of one of the centre's operators, leads or admins: "
    "POST /api/v1/auth/token on this server (ask the centre's administrator for an account)."
)
# list element → item element in XML
_ITEM_TAGS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


# --- rendering -----------------------------------------------------------------------------


# characters XML 1.0 cannot carry (C0 controls but tab, newline, return; lone surrogates)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# control characters dropped from what a client sends (tab, newline and return stay)
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _xml_fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        for item in value:
            _xml_fill(ET.SubElement(element, _ITEM_TAGS.get(element.tag, "item")), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _NOT_XML.sub("", str(value))


def to_xml(root: str, item: str | None, data: Any) -> bytes:
    """`data` (a list of `item` elements, or one object) under `root`, with declaration."""
    element = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _xml_fill(ET.SubElement(element, item or "item"), entry)
    else:
        _xml_fill(element, data)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        element, encoding="utf-8", xml_declaration=False
    )


def render(fmt: str, root: str, item: str | None, data: Any, status: int = 200) -> Response:
    if fmt == "xml":
        body = to_xml(root, item, data)
    else:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8", "replace")
    return Response(body, status_code=status, media_type=FORMATS[fmt])


def render_errors(request: Request, status: int, descriptions: list[str]) -> Response:
    """The spec's error list; problems.install_handlers calls this for /open311/ paths."""
    fmt = "xml" if request.url.path.endswith(".xml") else "json"
    code = 400 if status == 422 else status
    errors = [{"code": code, "description": d} for d in descriptions]
    return render(fmt, "errors", "error", errors, status=code)


def error(status: int, description: str) -> ProblemError:
    return ProblemError(status, "Open311 error", description)


def bad_request(errors: list[FieldError]) -> ProblemError:
    return ProblemError(400, "Open311 error", errors=errors)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise error(404, f"Unknown format .{fmt}: use .json or .xml.")
    return fmt


def check_text(name: str, values: str | list[str] | None) -> None:
    """No NUL characters: no database stores them (PostgreSQL refuses them outright)."""
    for value in [values] if isinstance(values, str) else values or ():
        if "\x00" in value:
            raise error(400, f"{name} contains a NUL character.")


def check_jurisdiction(jurisdiction_id: str | None) -> None:
    """The spec's jurisdiction_id: optional here (one jurisdiction); another one is a 404."""
    check_text("jurisdiction_id", jurisdiction_id)
    if jurisdiction_id is not None and jurisdiction_id.strip() not in ("", JURISDICTION_ID):
        raise error(
            404,
            f"jurisdiction_id {jurisdiction_id[:100]!r} was not found: this server serves "
            f"{JURISDICTION_ID!r} only (or leave jurisdiction_id out).",
        )


def w3(moment: datetime | None) -> str | None:
    return moment.astimezone(CHINA_TZ).isoformat(timespec="seconds") if moment else None


# --- services ------------------------------------------------------------------------------


def service(leaf: CatalogNode, reference: ReferenceData) -> dict[str, Any]:
    path = reference.ancestors(leaf.code)
    return {
        "service_code": leaf.code,
        "service_name": leaf.name,
        "description": " / ".join(node.name for node in path),
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(leaf.keywords),
        "group": path[0].name,
    }


def districts(reference: ReferenceData) -> list[dict[str, str]]:
    """The districts with a district government among the departments: code → name."""
    return [
        {"key": d.district_code, "name": d.name.removesuffix("人民政府")}
        for d in reference.departments.values()
        if d.level == "district" and d.function == "government" and d.district_code
    ]


def attributes(reference: ReferenceData) -> list[dict[str, Any]]:
    def attribute(
        order: int,
        code: str,
        datatype: str,
        required: bool,
        description: str,
        datatype_description: str,
        values: list[dict[str, str]] | None = None,
    ) -> dict[str, Any]:
        entry = {
            "variable": True,
            "code": code,
            "datatype": datatype,
            "required": required,
            "datatype_description": datatype_description,
            "order": order,
            "description": description,
        }
        return entry | ({"values": values} if values is not None else {})

    praise = label_zh(AppealType.PRAISE)

    appeal_types = [{"key": t.value, "name": label_zh(t)} for t in AppealType]
    return [
        attribute(
            1,
            "appeal_type",
            "singlevaluelist",
            True,
            "诉求类型",
            "咨询、求助、投诉、举报、建议、表扬之一",
            appeal_types,
        ),
        attribute(
            2,
            "request",
            "text",
            False,
            "您的诉求：希望如何处理",
            f"可不填；投诉、举报、求助不填时为“{REQUEST_DEFAULT}”",
        ),
        attribute(
            3,
            "reported_party",
            "string",
            False,
            "被反映对象（单位或个人）",
            f"可不填；诉求类型为{praise}（praise）时须填写被表扬的单位或个人",
        ),
        attribute(
            4,
            "district_code",
            "singlevaluelist",
            False,
            "事发区",
            "可不填：按经纬度、address_id 或地址中的区名判断；都没有时由热线中心派单时确定",
            districts(reference),
        ),
    ]


router = APIRouter(prefix="/open311", tags=["Open311 GeoReport v2"])
_State = Annotated[ServerState, Depends(get_state)]
_Format = Annotated[
    str,
    Path(description="json or xml (another is a 404)", json_schema_extra={"enum": ["json", "xml"]}),
]
# The shapes below are documented for clients (and fuzzers); the handlers check them
# themselves, to answer with the spec's error list and a message naming the parameter.
_Jurisdiction = Annotated[
    str | None,
    Query(
        max_length=200,
        json_schema_extra={"pattern": r"^[A-Za-z0-9._-]*$"},
        description=f"Optional; this server serves {JURISDICTION_ID}",
    ),
]
_W3_PATTERN = r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)?)?$"
_STATUS_PATTERN = r"^ *(open|closed) *(, *(open|closed) *)*$"
_FORMATS_DOC = {
    "content": {"application/json": {}, "text/xml": {}},
    "description": "JSON or XML, as the path's extension asks.",
}
_ERRORS_DOC: dict[int | str, dict[str, Any]] = {
    status: {"description": '`[{"code": …, "description": …}]` or `<errors>`'}
    for status in (400, 403, 404)
}


def changeset(state: ServerState) -> str | None:
    """When the services or their definitions (catalog, departments) last changed."""
    with state.db.read() as session:
        latest = session.scalar(select(func.max(ReferenceSetRow.updated_at)))
    return w3(latest.replace(tzinfo=latest.tzinfo or UTC)) if latest else None


@router.get(
    "/discovery.{fmt}",
    summary="Service discovery (http://wiki.open311.org/Service_Discovery)",
    responses={200: _FORMATS_DOC, 404: _ERRORS_DOC[404]},
)
def get_discovery(fmt: _Format, request: Request, state: _State) -> Response:
    check_format(fmt)
    changed = changeset(state)
    discovery = {
        "changeset": changed,
        "contact": CONTACT,
        "key_service": KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": str(request.base_url).rstrip("/") + "/open311/v2",
                "changeset": changed,
                "type": "production",
                "formats": [FORMATS["xml"].split(";")[0], FORMATS["json"].split(";")[0]],
            }
        ],
    }
    return render(fmt, "discovery", None, discovery)


@router.get(
    "/v2/services.{fmt}",
    summary="Service list: the catalog's matters",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_services(fmt: _Format, state: _State, jurisdiction_id: _Jurisdiction = None) -> Response:
    check_format(fmt)
    check_jurisdiction(jurisdiction_id)
    with state.db.read() as session:
        reference = reference_data(state, session)
    return render(
        fmt, "services", "service", [service(leaf, reference) for leaf in reference.leaves()]
    )


@router.get(
    "/v2/services/{service_code}.{fmt}",
    summary="Service definition: its attributes",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_service_definition(
    service_code: str, fmt: _Format, state: _State, jurisdiction_id: _Jurisdiction = None
) -> Response:
    check_format(fmt)
    check_jurisdiction(jurisdiction_id)
    with state.db.read() as session:
        reference = reference_data(state, session)
    if reference.leaf(service_code) is None:
        raise error(404, f"There is no service {service_code[:100]}; see services.{fmt}.")
    definition = {"service_code": service_code, "attributes": attributes(reference)}
    return render(fmt, "service_definition", None, definition)


# --- POST a request ------------------------------------------------------------------------


class RequestForm(BaseModel):
    """The form fields of POST requests (application/x-www-form-urlencoded)."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    api_key: str | None = Field(
        None, max_length=4096, description="A bearer token from POST /api/v1/auth/token"
    )
    jurisdiction_id: str | None = Field(None, max_length=200)
    service_code: str | None = Field(None, max_length=100)
    lat: str | None = Field(None, max_length=40, description="WGS-84")
    long: str | None = Field(None, max_length=40, description="WGS-84")
    address_string: str | None = Field(None, max_length=ADDRESS_MAX)
    address_id: str | None = Field(
        None, max_length=40, description="A district (6 digits) or street/town (9 digits) code"
    )
    email: str | None = Field(None, max_length=200)
    device_id: str | None = Field(None, max_length=200)
    account_id: str | None = Field(None, max_length=200)
    first_name: str | None = Field(None, max_length=NAME_MAX)
    last_name: str | None = Field(None, max_length=NAME_MAX)
    phone: str | None = Field(None, max_length=40)
    description: str | None = None  # up to DESCRIPTION_MAX, checked in submit
    media_url: str | None = Field(None, max_length=2000)
    appeal_type: str | None = Field(None, max_length=40, alias="attribute[appeal_type]")
    request: str | None = Field(None, max_length=CONTENT_MAX, alias="attribute[request]")
    reported_party: str | None = Field(None, max_length=200, alias="attribute[reported_party]")
    district_code: str | None = Field(None, max_length=40, alias="attribute[district_code]")


# WorkOrderIn field path → the Open311 parameter an error is about
_PARAMS = {
    "matter_code": "service_code",
    "content": "description",
    "title": "description",
    "caller.phones": "phone",
    "caller.name": "first_name",
    "caller": "phone",
    "reply_required": "phone",
    "follow_up_required": "phone",
    "place.lat": "lat",
    "place.lon": "long",
    "place.address": "address_string",
    "place.district_code": "attribute[district_code]",
    "place.street_code": "address_id",
    "place": "lat",
    "request": "attribute[request]",
    "reported_party": "attribute[reported_party]",
    "appeal_type": "attribute[appeal_type]",
    "channel": "device_id",
}


def parameter(path: str) -> str:
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        if (prefix := ".".join(parts[:n])) in _PARAMS:
            return _PARAMS[prefix]
    return path


def _open311_errors(errors: list[FieldError]) -> ProblemError:
    return bad_request([FieldError(field=parameter(e.field), message=e.message) for e in errors])


def _coordinate(name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not abs(number) <= (90 if name == "lat" else 180):  # NaN, infinite or off the globe
        raise bad_request([FieldError(field=name, message="应为数字（WGS-84 经纬度）")])
    return number


def _location(form: RequestForm) -> tuple[float | None, float | None]:
    """(lat, long), checking that a location was given at all (the spec: lat & long,
    address_string or address_id)."""
    if (form.lat is None) != (form.long is None):
        raise bad_request(
            [FieldError(field="lat" if form.lat is None else "long", message="经纬度须同时填写")]
        )
    if form.lat is not None and form.long is not None:
        return _coordinate("lat", form.lat), _coordinate("long", form.long)
    if (form.address_string or "").strip() or (form.address_id or "").strip():
        return None, None
    raise error(400, "A location is required: send lat and long, address_string or address_id.")


def _appeal_type(value: str | None) -> AppealType:
    by_name = {label_zh(t): t for t in AppealType} | {t.value: t for t in AppealType}
    if value and value.strip() in by_name:
        return by_name[value.strip()]
    choices = ", ".join(f"{t.value} ({label_zh(t)})" for t in AppealType)
    raise bad_request(
        [FieldError(field="attribute[appeal_type]", message=f"请选择诉求类型：{choices}")]
    )


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    # Imported and loaded on the first request that needs it (pypinyin, ~1 s).
    from agent_desktop.geo.gazetteer import load_gazetteer

    return load_gazetteer("shanghai")


def district_at(lat: float, lon: float) -> str | None:
    """The district whose (approximate) area holds the point, if the gazetteer has one."""
    try:
        shape = _gazetteer().map.district_at(lon, lat)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("no district for %s,%s: the gazetteer is unusable: %s", lat, lon, exc)
        return None
    return shape.code if shape else None


def address_place(address_id: str, reference: ReferenceData) -> dict[str, str | None]:
    """The place an address_id stands for. This jurisdiction's address system is the
    gazetteer's administrative divisions: a district or a street/town code."""
    code = address_id.strip()
    try:
        gazetteer = _gazetteer()
    except (OSError, ValueError, KeyError) as exc:
        log.warning("address_id %s: the gazetteer is unusable: %s", code, exc)
        raise error(
            400, "address_id cannot be resolved now: send lat and long or address_string."
        ) from None
    if code in gazetteer.districts:
        district = gazetteer.districts[code]
        return {"district_code": code, "street_code": None, "address": district.name}
    if code in gazetteer.streets:
        street = gazetteer.streets[code]
        district = gazetteer.districts.get(street.district_code)
        known = any(d.street_code == code for d in reference.departments.values())
        return {
            "district_code": street.district_code,
            "street_code": code if known else None,
            "address": (district.name if district else "") + street.name,
        }
    raise bad_request(
        [
            FieldError(
                field="address_id",
                message="address_id 应为上海市的区代码（6位）或街道/镇代码（9位），"
                "例如 310104（徐汇区）",
            )
        ]
    )


def _district_named(address: str, reference: ReferenceData) -> str | None:
    """The district an address names (徐汇区漕溪北路… → 310104), if exactly one."""
    named = {d["key"] for d in districts(reference) if d["name"] and d["name"] in address}
    return named.pop() if len(named) == 1 else None


def _caller_name(first: str | None, last: str | None) -> str:
    first, last = (first or "").strip(), (last or "").strip()
    if re.search(r"[\u4e00-\u9fff]", first + last):
        return last + first  # 姓 + 名
    return " ".join(part for part in (first, last) if part)


def _content(description: str, service_name: str, where: str) -> str:
    """The order's content (the hotline's 10 to 2,000 characters) for a description of 0 to
    4,000: the service and place lead a short one; a long one is cut (kept whole beside)."""
    if len(description) > CONTENT_MAX:
        tail = "…（全文见网上报告原文）"
        return description[: CONTENT_MAX - len(tail)] + tail
    if len(description) >= CONTENT_MIN:
        return description
    lead = f"网上报告：{service_name}，地点：{where}。"
    return (lead + description)[:CONTENT_MAX]


def work_order_in(
    form: RequestForm, lat: float | None, lon: float | None, reference: ReferenceData
) -> WorkOrderIn:
    """The WorkOrderIn an Open311 request stands for (400 naming the parameters if not)."""
    phone = (form.phone or "").strip()
    appeal_type = _appeal_type(form.appeal_type)
    address = (form.address_string or "").strip()
    place: dict[str, Any] = {"district_code": None, "street_code": None, "address": address}
    if form.address_id and form.address_id.strip():
        by_id = address_place(form.address_id, reference)
        place |= {k: v for k, v in by_id.items() if k != "address"}
        place["address"] = address or by_id["address"] or ""
    district = (form.district_code or "").strip() or place["district_code"]
    if not district and lat is not None and lon is not None:
        district = district_at(lat, lon)
    if not district and address:
        district = _district_named(address, reference)
    place |= {"district_code": district or None, "lat": lat, "lon": lon}
    leaf = reference.leaf(form.service_code or "")
    where = place["address"] or (f"{lat},{lon}" if lat is not None else "未提供")
    request = (form.request or "").strip()
    if not request and appeal_type in REQUEST_NEEDED:
        request = REQUEST_DEFAULT
    reported_party = (form.reported_party or "").strip()
    if not reported_party and appeal_type in PARTY_NEEDED:
        raise bad_request(
            [
                FieldError(
                    field="attribute[reported_party]",
                    message="诉求类型为表扬（praise）时须填写被表扬的单位或个人",
                )
            ]
        )
    data = {
        "channel": Channel.APP if form.device_id else Channel.WEBSITE,
        "appeal_type": appeal_type,
        "caller": {
            "name": _caller_name(form.first_name, form.last_name),
            "phones": [phone] if phone else [],
            "anonymous": not phone,
        },
        "matter_code": form.service_code,
        "content": _content((form.description or "").strip(), leaf.name if leaf else "", where),
        "request": request,
        "reported_party": reported_party,
        "place": place,
        "reply_required": bool(phone),
        "follow_up_required": bool(phone),
    }
    try:
        return WorkOrderIn.model_validate(data)
    except ValidationError as exc:
        raise _open311_errors(validation_error_fields(exc)) from None


def _extras(form: RequestForm) -> dict[str, str]:
    """What the order keeps from the request beyond WorkOrderIn (the description whole:
    the public feed shows it, scrubbed, instead of the content the centre works with)."""
    fields = (
        "account_id",
        "device_id",
        "email",
        "media_url",
        "address_id",
        "address_string",
        "jurisdiction_id",
        "first_name",
        "last_name",
    )
    kept = {name: value.strip() for name in fields if (value := getattr(form, name))}
    return kept | {"description": (form.description or "").strip()}


def _routing_deferred(error_: FieldError) -> bool:
    """The "route by district" complaint: an Open311 order waits for the centre's dispatch,
    which chooses the department when no district could be found."""
    return error_.field == "place.district_code" and "属地派单" in error_.message


def service_notice(row: WorkOrderRow) -> str:
    expected = (
        f"，预计{row.resolve_due.astimezone(CHINA_TZ):%Y年%m月%d日}前办结"
        if row.resolve_due
        else ""
    )
    return f"已受理，工单编号{row.number}；将派至承办部门办理{expected}。"


def _cleaned(form: RequestForm) -> RequestForm:
    """The form without control characters (a 400 for NUL)."""
    fields = form.model_dump(by_alias=False)
    for name, value in fields.items():
        if isinstance(value, str):
            check_text(parameter_name(name), value)
            fields[name] = _CONTROL.sub("", value)
    return RequestForm.model_validate(fields)


def parameter_name(field: str) -> str:
    """RequestForm field → the Open311 parameter (`request` → `attribute[request]`)."""
    alias = RequestForm.model_fields[field].alias
    return alias or field


def submit(state: ServerState, form: RequestForm) -> dict[str, Any]:
    form = _cleaned(form)
    check_jurisdiction(form.jurisdiction_id)
    user = find_token_user(state, form.api_key) if form.api_key else None
    if user is None or user.role not in INTAKE:
        raise error(
            403,
            "api_key was not provided or is invalid: send the access token of an "
            "operator, lead or admin (POST /api/v1/auth/token) as api_key.",
        )
    if not (form.service_code or "").strip():
        raise error(400, "service_code is required; see services.json.")
    if len(form.description or "") > DESCRIPTION_MAX:
        raise error(400, f"description is longer than {DESCRIPTION_MAX:,} characters.")
    lat, lon = _location(form)
    with state.db.write() as session:
        reference = reference_data(state, session)
        if reference.leaf(form.service_code or "") is None:
            raise error(404, f"There is no service {form.service_code}; see services.json.")
        order = work_order_in(form, lat, lon, reference)
        now = state.clock()
        errors = intake_errors(session, order, reference, now)
        if errors := [e for e in errors if not _routing_deferred(e)]:
            raise _open311_errors(errors)
        row, event_id = intake(session, order, user, now, reference, open311=_extras(form))
        answer = {
            "service_request_id": row.number,
            "service_notice": service_notice(row),
            "account_id": form.account_id,
        }
    state.hub.notify_threadsafe(event_id)
    return answer


@router.post(
    "/v2/requests.{fmt}",
    status_code=201,
    summary="Report a request (form-encoded)",
    responses={201: _FORMATS_DOC, **_ERRORS_DOC},
)
def post_request(
    fmt: _Format, request: Request, state: _State, form: Annotated[RequestForm, Form()]
) -> Response:
    """Becomes a work order waiting for dispatch. `api_key` (in the form, as the spec's
    other parameters): a bearer token of this server (POST /api/v1/auth/token) of an
    operator, lead or admin."""
    check_format(fmt)
    if form.api_key is None and "api_key" in request.query_params:
        raise error(
            403,
            "api_key must be sent in the form body with the other parameters, not in the "
            "URL (URLs are written to logs): sign in again for a fresh token.",
        )
    return render(fmt, "service_requests", "request", [submit(state, form)], status=201)


# --- GET requests --------------------------------------------------------------------------

_STATUS_NOTES = {
    WorkOrderStatus.SUBMITTED: "已受理，等待派单",
    WorkOrderStatus.DISPATCHED: "已派至{department}，等待签收",
    WorkOrderStatus.SIGNED: "{department}已签收",
    WorkOrderStatus.IN_PROGRESS: "{department}正在办理",
    WorkOrderStatus.REPLIED: "{department}已办结",
    WorkOrderStatus.FOLLOW_UP: "已办结，回访中",
    WorkOrderStatus.CLOSED: "已办结",
    WorkOrderStatus.RETURNED: "承办部门已退回，等待重新派单",
}


def status_notes(row: WorkOrderRow, department: str | None) -> str:
    """Where the order is, in neutral words. Never the department's reply: it is written
    to the caller and may name staff, phone numbers and the caller's own details."""
    note = _STATUS_NOTES.get(WorkOrderStatus(row.status), label_zh(WorkOrderStatus(row.status)))
    return note.format(department=department or "承办部门")


def _coarse(value: Any) -> float | None:
    """A coordinate rounded to ~100 m: where the problem is, not whose door it is."""
    try:
        return round(float(value), 3) if value is not None else None
    except (TypeError, ValueError):
        return None


def _public_address(address: str | None) -> str | None:
    """The road or place, without house, building and room numbers."""
    if not address:
        return None
    coarse = re.sub(r"[0-9０-９]+\s*(号楼|号|弄|室|栋|幢|单元|楼|层|座)?", "", address)
    coarse = re.sub(r"\s+", " ", coarse).strip(" ,，-")
    return public_text(coarse) or None


def _public_description(row: WorkOrderRow, caller: dict[str, Any]) -> str | None:
    """What the requester wrote (an Open311 report) or the order's content (a call),
    scrubbed of phones, ID numbers and the caller's name."""
    extras = row.open311 or {}
    text = extras["description"] if "description" in extras else row.payload.get("content")
    names = [caller.get("name") or "", extras.get("first_name", ""), extras.get("last_name", "")]
    return public_text(text or "", names=[n for n in names if n]) or None


def service_request(row: WorkOrderRow, reference: ReferenceData) -> dict[str, Any]:
    """One request as the spec lists its fields."""
    payload, place = row.payload, row.payload.get("place") or {}
    caller = payload.get("caller") or {}
    public = not caller.get("confidential", False)
    leaf = reference.leaf(row.matter_code)
    department = reference.department_name(row.department_code)
    return {
        "service_request_id": row.number,
        "status": "closed" if row.status == WorkOrderStatus.CLOSED else "open",
        "status_notes": status_notes(row, department),
        "service_name": leaf.name if leaf else None,
        "service_code": row.matter_code,
        "description": _public_description(row, caller) if public else None,
        "agency_responsible": department,
        "service_notice": service_notice(row),
        "requested_datetime": w3(row.created_at),
        "updated_datetime": w3(row.updated_at or row.created_at),
        "expected_datetime": w3(row.resolve_due),
        "address": _public_address(place.get("address")) if public else None,
        "address_id": (row.open311 or {}).get("address_id"),
        "zipcode": None,
        "lat": _coarse(place.get("lat")) if public else None,
        "long": _coarse(place.get("lon")) if public else None,
        "media_url": (row.open311 or {}).get("media_url"),
    }


def _w3_param(name: str, value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise error(400, f"{name} must be a w3 datetime, e.g. 2026-11-01T00:00:00+08:00.") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)
    if not day_in_range(moment.date()):
        raise error(400, f"{name} must lie between {FIRST_DAY.year} and {LAST_DAY.year}.")
    return moment


def window(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """The spec's date range: the most recent 90 days without dates, the 90 days from
    start_date or up to end_date with one of them, and never more than 90 days."""
    if start is None and end is None:
        return now - MAX_WINDOW, now
    if start is None:
        assert end is not None
        return end - MAX_WINDOW, end
    if end is None:
        return start, start + MAX_WINDOW
    if end < start:
        raise error(400, "end_date is before start_date.")
    if end - start > MAX_WINDOW:
        raise error(
            400,
            f"start_date to end_date spans {(end - start).days} days; the range may not "
            f"span more than {MAX_WINDOW.days} days: ask for it in several ranges.",
        )
    return start, end


def _values(values: list[str] | None) -> list[str]:
    """A multi-valued parameter given comma-separated, repeated, or both."""
    return list(
        dict.fromkeys(
            part.strip() for value in values or () for part in value.split(",") if part.strip()
        )
    )


def _statuses(values: list[str] | None) -> list[str]:
    wanted = _values(values)
    if unknown := [s for s in wanted if s not in ("open", "closed")]:
        raise error(400, f"Unknown status {', '.join(unknown)[:200]}: use open, closed or both.")
    return wanted


def find_requests(
    state: ServerState,
    ids: list[str],
    service_codes: list[str] = (),  # type: ignore[assignment]
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: list[str] = (),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    query = select(WorkOrderRow)
    if ids:  # the spec: service_request_id overrides every other filter
        query = query.where(WorkOrderRow.number.in_(ids[:MAX_REQUESTS]))
    else:
        start, end = window(start, end, state.clock())
        query = query.where(WorkOrderRow.created_at >= start, WorkOrderRow.created_at <= end)
        if service_codes:
            query = query.where(WorkOrderRow.matter_code.in_(service_codes[:MAX_REQUESTS]))
        if set(statuses) == {"closed"}:
            query = query.where(WorkOrderRow.status == WorkOrderStatus.CLOSED.value)
        elif set(statuses) == {"open"}:
            query = query.where(WorkOrderRow.status != WorkOrderStatus.CLOSED.value)
    query = query.order_by(WorkOrderRow.created_at.desc(), WorkOrderRow.id.desc()).limit(
        MAX_REQUESTS
    )
    with state.db.read() as session:
        reference = reference_data(state, session)
        return [service_request(row, reference) for row in session.scalars(query)]


_Many = "Several values: comma-separated (a,b) or repeated (x=a&x=b)"


@router.get(
    "/v2/requests.{fmt}",
    summary="Requests, filtered as the spec says",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_requests(
    fmt: _Format,
    state: _State,
    service_request_id: Annotated[
        list[str] | None, Query(description=f"{_Many}; overrides the rest")
    ] = None,
    service_code: Annotated[list[str] | None, Query(description=_Many)] = None,
    start_date: Annotated[
        str | None,
        Query(
            max_length=64,
            json_schema_extra={"pattern": _W3_PATTERN},
            description="w3 datetime (requested_datetime ≥)",
        ),
    ] = None,
    end_date: Annotated[
        str | None,
        Query(
            max_length=64,
            json_schema_extra={"pattern": _W3_PATTERN},
            description="w3 datetime (requested_datetime ≤)",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        Query(
            json_schema_extra={"items": {"type": "string", "pattern": _STATUS_PATTERN}},
            description=f"open, closed, or both. {_Many}",
        ),
    ] = None,
    jurisdiction_id: _Jurisdiction = None,
) -> Response:
    """At most 90 days: without dates the last 90 days, with one date the 90 days from or
    to it; a longer range is a 400. At most 1,000 requests, newest first."""
    check_format(fmt)
    check_jurisdiction(jurisdiction_id)
    for name, values in (
        ("service_request_id", service_request_id),
        ("service_code", service_code),
        ("start_date", start_date),
        ("end_date", end_date),
        ("status", status),
    ):
        check_text(name, values)
    found = find_requests(
        state,
        _values(service_request_id),
        _values(service_code),
        _w3_param("start_date", start_date),
        _w3_param("end_date", end_date),
        _statuses(status),
    )
    return render(fmt, "service_requests", "request", found)


@router.get(
    "/v2/requests/{service_request_id}.{fmt}",
    summary="One request",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_request(
    service_request_id: str, fmt: _Format, state: _State, jurisdiction_id: _Jurisdiction = None
) -> Response:
    check_format(fmt)
    check_jurisdiction(jurisdiction_id)
    check_text("service_request_id", service_request_id)
    found = find_requests(state, [service_request_id])
    if not found:
        raise error(404, f"There is no service request {service_request_id[:100]}.")
    return render(fmt, "service_requests", "request", found)
