"""Open311 GeoReport v2 facade over the work orders (http://wiki.open311.org/GeoReport_v2).

    GET  /open311/v2/services.{json|xml}                     catalog leaves as services
    GET  /open311/v2/services/{service_code}.{json|xml}      a service's attributes
    POST /open311/v2/requests.{json|xml}                     form-encoded → a work order
    GET  /open311/v2/requests.{json|xml}                     filtered list
    GET  /open311/v2/requests/{service_request_id}.{json|xml}

    curl -d api_key=$TOKEN -d service_code=0101010101 -d lat=31.19 -d long=121.44 \\
         -d 'attribute[appeal_type]=complaint' -d 'attribute[request]=尽快修复' \\
         -d description=漕溪北路人行道路面塌陷，已有行人绊倒 -d phone=13900000000 \\
         http://127.0.0.1:8080/open311/v2/requests.json

Mapping:
- A service is a level-5 catalog leaf: service_code = matter code, service_name = its
  name, description = its catalog path, keywords, group = its level-1 name; metadata true,
  type realtime. Attributes: `appeal_type` (singlevaluelist, required: the six appeal
  types, key = code, name = Chinese), `request` (the caller's request; required for
  complaints, reports and help), `reported_party`, `district_code` (singlevaluelist of
  the districts; derived from lat/long when not given).
- service_request_id = the order number (工单编号). status: `closed` for closed orders,
  `open` otherwise; status_notes says where the order is (in Chinese);
  agency_responsible = the main department's name; expected_datetime = the resolve due
  time; times in ISO 8601 with the +08:00 offset. lat/long (WGS-84) are the order's
  `Place.lat`/`Place.lon`.
- POST: `api_key` is a bearer token of this server (`POST /api/v1/auth/token`) of an
  operator, lead or admin. The order is taken in dispatch mode without a department and
  waits as `submitted` for the centre's dispatch; channel `app` when a device_id is given,
  else `website`; without a phone the caller is anonymous and gets no reply or follow-up
  call. It is checked like any order (`work_orders.intake_errors`), the errors naming
  the Open311 parameter. Answers 201.
- GET needs no key, as the spec says; for confidential callers (保密) the description,
  address and coordinates are withheld. Without dates the list covers the last 90 days;
  at most 1,000 requests, newest first.
- Errors, in the requested format, with the HTTP status as code:
  `[{"code": 400, "description": "…"}]` / `<errors><error><code>400</code>…`.
"""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from agent_desktop.domain.enums import AppealType, Channel, WorkOrderStatus, label_zh
from agent_desktop.domain.models import CatalogNode, FieldError, WorkOrderIn
from agent_desktop.forms.deadlines import CHINA_TZ
from agent_desktop.forms.validation import validation_error_fields

from .auth import find_token_user
from .problems import ProblemError
from .reference import ReferenceData, reference_data
from .state import ServerState, get_state
from .tables import WorkOrderRow
from .params import FIRST_DAY, LAST_DAY, day_in_range
from .policy import INTAKE, public_text
from .work_orders import intake, intake_errors

if TYPE_CHECKING:
    from agent_desktop.geo.gazetteer import CityMap

log = logging.getLogger(__name__)

PREFIX = "/open311/"
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
DESCRIPTION_MAX = 4000  # the spec's limit
DEFAULT_WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
# list element → item element in XML
_ITEM_TAGS = {"attributes": "attribute", "values": "value"}


# --- rendering -----------------------------------------------------------------------------


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
        element.text = str(value)


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
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
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
        attribute(2, "request", "text", False, "您的诉求：希望如何处理", "投诉、举报、求助须填写"),
        attribute(
            3,
            "reported_party",
            "string",
            False,
            "被反映对象（单位或个人）",
            "投诉、举报未给地点时须填写；表扬须填写被表扬的单位或个人",
        ),
        attribute(
            4,
            "district_code",
            "singlevaluelist",
            False,
            "事发区",
            "不填时按经纬度判断",
            districts(reference),
        ),
    ]


router = APIRouter(prefix="/open311/v2", tags=["Open311 GeoReport v2"])
_State = Annotated[ServerState, Depends(get_state)]
_FORMATS_DOC = {
    "content": {"application/json": {}, "text/xml": {}},
    "description": "JSON or XML, as the path's extension asks.",
}
_ERRORS_DOC: dict[int | str, dict[str, Any]] = {
    status: {"description": '`[{"code": …, "description": …}]` or `<errors>`'}
    for status in (400, 403, 404)
}


@router.get(
    "/services.{fmt}",
    summary="Service list: the catalog's matters",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_services(fmt: str, state: _State) -> Response:
    check_format(fmt)
    with state.db.read() as session:
        reference = reference_data(state, session)
    return render(
        fmt, "services", "service", [service(leaf, reference) for leaf in reference.leaves()]
    )


@router.get(
    "/services/{service_code}.{fmt}",
    summary="Service definition: its attributes",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_service_definition(service_code: str, fmt: str, state: _State) -> Response:
    check_format(fmt)
    with state.db.read() as session:
        reference = reference_data(state, session)
    if reference.leaf(service_code) is None:
        raise error(404, f"There is no service {service_code}; see services.{fmt}.")
    definition = {"service_code": service_code, "attributes": attributes(reference)}
    return render(fmt, "service_definition", None, definition)


# --- POST a request ------------------------------------------------------------------------


class RequestForm(BaseModel):
    """The form fields of POST requests (application/x-www-form-urlencoded)."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    api_key: str | None = Field(None, description="A bearer token from POST /api/v1/auth/token")
    jurisdiction_id: str | None = None
    service_code: str | None = None
    lat: str | None = Field(None, description="WGS-84")
    long: str | None = Field(None, description="WGS-84")
    address_string: str | None = None
    address_id: str | None = None
    email: str | None = None
    device_id: str | None = None
    account_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    description: str | None = None
    media_url: str | None = None
    appeal_type: str | None = Field(None, alias="attribute[appeal_type]")
    request: str | None = Field(None, alias="attribute[request]")
    reported_party: str | None = Field(None, alias="attribute[reported_party]")
    district_code: str | None = Field(None, alias="attribute[district_code]")


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
    "place.street_code": "attribute[district_code]",
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
        return float(value)
    except ValueError:
        raise bad_request([FieldError(field=name, message="应为数字（WGS-84 经纬度）")]) from None


def _location(form: RequestForm) -> tuple[float | None, float | None]:
    """(lat, long), checking that a location was given at all."""
    if (form.lat is None) != (form.long is None):
        raise bad_request(
            [FieldError(field="lat" if form.lat is None else "long", message="经纬度须同时填写")]
        )
    if form.lat is not None and form.long is not None:
        return _coordinate("lat", form.lat), _coordinate("long", form.long)
    if form.address_string:
        return None, None
    if form.address_id:
        raise error(400, "address_id is not supported here: send lat and long, or address_string.")
    raise error(400, "A location is required: send lat and long, or address_string.")


def _appeal_type(value: str | None) -> AppealType:
    by_name = {label_zh(t): t for t in AppealType} | {t.value: t for t in AppealType}
    if value and value.strip() in by_name:
        return by_name[value.strip()]
    choices = ", ".join(f"{t.value} ({label_zh(t)})" for t in AppealType)
    raise bad_request(
        [FieldError(field="attribute[appeal_type]", message=f"请选择诉求类型：{choices}")]
    )


@lru_cache(maxsize=1)
def _city_map() -> CityMap:
    # Imported and loaded on the first request with coordinates (pypinyin, ~1 s).
    from agent_desktop.geo.gazetteer import load_gazetteer

    return load_gazetteer("shanghai").map


def district_at(lat: float, lon: float) -> str | None:
    """The district whose (approximate) area holds the point, if the gazetteer has one."""
    try:
        shape = _city_map().district_at(lon, lat)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("no district for %s,%s: the gazetteer is unusable: %s", lat, lon, exc)
        return None
    return shape.code if shape else None


def _caller_name(first: str | None, last: str | None) -> str:
    first, last = (first or "").strip(), (last or "").strip()
    if re.search(r"[\u4e00-\u9fff]", first + last):
        return last + first  # 姓 + 名
    return " ".join(part for part in (first, last) if part)


def work_order_in(form: RequestForm, lat: float | None, lon: float | None) -> WorkOrderIn:
    """The WorkOrderIn an Open311 request stands for (400 naming the parameters if not)."""
    phone = (form.phone or "").strip()
    district = form.district_code or (
        district_at(lat, lon) if lat is not None and lon is not None else None
    )
    data = {
        "channel": Channel.APP if form.device_id else Channel.WEBSITE,
        "appeal_type": _appeal_type(form.appeal_type),
        "caller": {
            "name": _caller_name(form.first_name, form.last_name),
            "phones": [phone] if phone else [],
            "anonymous": not phone,
        },
        "matter_code": form.service_code,
        "content": (form.description or "").strip(),
        "request": (form.request or "").strip(),
        "reported_party": (form.reported_party or "").strip(),
        "place": {
            "district_code": district,
            "address": (form.address_string or "").strip(),
            "lat": lat,
            "lon": lon,
        },
        "reply_required": bool(phone),
        "follow_up_required": bool(phone),
    }
    try:
        return WorkOrderIn.model_validate(data)
    except ValidationError as exc:
        raise _open311_errors(validation_error_fields(exc)) from None


def _extras(form: RequestForm) -> dict[str, str]:
    """What the order keeps from the request beyond WorkOrderIn."""
    fields = (
        "account_id",
        "device_id",
        "email",
        "media_url",
        "address_id",
        "jurisdiction_id",
        "first_name",
        "last_name",
    )
    return {name: value for name in fields if (value := getattr(form, name))}


def service_notice(row: WorkOrderRow) -> str:
    expected = (
        f"，预计{row.resolve_due.astimezone(CHINA_TZ):%Y年%m月%d日}前办结"
        if row.resolve_due
        else ""
    )
    return f"已受理，工单编号{row.number}；将派至承办部门办理{expected}。"


def submit(state: ServerState, form: RequestForm) -> dict[str, Any]:
    user = find_token_user(state, form.api_key) if form.api_key else None
    if user is None or user.role not in INTAKE:
        raise error(
            403,
            "api_key was not provided or is invalid: send the access token of an "
            "operator, lead or admin (POST /api/v1/auth/token) as api_key.",
        )
    if not form.service_code:
        raise error(400, "service_code is required; see services.json.")
    if form.description and len(form.description) > DESCRIPTION_MAX:
        raise error(400, f"description is longer than {DESCRIPTION_MAX} characters.")
    lat, lon = _location(form)
    with state.db.write() as session:
        reference = reference_data(state, session)
        if reference.leaf(form.service_code) is None:
            raise error(404, f"There is no service {form.service_code}; see services.json.")
        order = work_order_in(form, lat, lon)
        now = state.clock()
        if errors := intake_errors(session, order, reference, now):
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
    "/requests.{fmt}",
    status_code=201,
    summary="Report a request (form-encoded)",
    responses={201: _FORMATS_DOC, **_ERRORS_DOC},
)
def post_request(fmt: str, state: _State, form: Annotated[RequestForm, Form()]) -> Response:
    """Becomes a work order waiting for dispatch. `api_key`: a bearer token of this
    server (POST /api/v1/auth/token) of an operator, lead or admin."""
    check_format(fmt)
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
        "description": (public_text(payload.get("content") or "",
                                    names=[caller.get("name") or ""]) or None) if public else None,
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
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise error(400, f"{name} must be a w3 datetime, e.g. 2026-11-01T00:00:00+08:00.") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)
    if not day_in_range(moment.date()):
        raise error(400, f"{name} must lie between {FIRST_DAY.year} and {LAST_DAY.year}.")
    return moment


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _statuses(value: str | None) -> list[str]:
    wanted = _split(value)
    if unknown := [s for s in wanted if s not in ("open", "closed")]:
        raise error(400, f"Unknown status {', '.join(unknown)}: use open, closed or both.")
    return wanted


def find_requests(
    state: ServerState,
    ids: list[str],
    service_codes: list[str],
    start: datetime | None,
    end: datetime | None,
    statuses: list[str],
) -> list[dict[str, Any]]:
    query = select(WorkOrderRow)
    if ids:  # the spec: service_request_id overrides every other filter
        query = query.where(WorkOrderRow.number.in_(ids))
    else:
        end = end or state.clock()
        start = start or end - DEFAULT_WINDOW
        query = query.where(WorkOrderRow.created_at >= start, WorkOrderRow.created_at <= end)
        if service_codes:
            query = query.where(WorkOrderRow.matter_code.in_(service_codes))
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


@router.get(
    "/requests.{fmt}",
    summary="Requests, filtered as the spec says",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_requests(
    fmt: str,
    state: _State,
    service_request_id: Annotated[
        str | None, Query(description="Comma-separated; overrides the rest")
    ] = None,
    service_code: Annotated[str | None, Query(description="Comma-separated")] = None,
    start_date: Annotated[
        str | None, Query(description="w3 datetime (requested_datetime ≥)")
    ] = None,
    end_date: Annotated[str | None, Query(description="w3 datetime (requested_datetime ≤)")] = None,
    status: Annotated[
        str | None, Query(description="open, closed, or both comma-separated")
    ] = None,
    jurisdiction_id: str | None = None,
) -> Response:
    """Without dates: the last 90 days. At most 1,000 requests, newest first."""
    check_format(fmt)
    found = find_requests(
        state,
        _split(service_request_id),
        _split(service_code),
        _w3_param("start_date", start_date),
        _w3_param("end_date", end_date),
        _statuses(status),
    )
    return render(fmt, "service_requests", "request", found)


@router.get(
    "/requests/{service_request_id}.{fmt}",
    summary="One request",
    responses={200: _FORMATS_DOC, **_ERRORS_DOC},
)
def get_request(service_request_id: str, fmt: str, state: _State) -> Response:
    check_format(fmt)
    found = find_requests(state, [service_request_id], [], None, None, [])
    if not found:
        raise error(404, f"There is no service request {service_request_id}.")
    return render(fmt, "service_requests", "request", found)
