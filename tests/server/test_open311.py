"""The Open311 GeoReport v2 facade, checked field by field against the spec
(http://wiki.open311.org/GeoReport_v2)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from .server_helpers import DEPT1_DEPARTMENT, act, login, new_phone, ok, order

SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
]
POSTED_FIELDS = ["service_request_id", "service_notice", "account_id"]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
W3_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")
CITY_LEAF = "0104010101"  # 突发停水, routed to a city bureau
XUHUI = {"lat": "31.188", "long": "121.437"}  # WGS-84, inside 徐汇区


@pytest.fixture
def open311(anonymous: httpx.Client) -> httpx.Client:
    return anonymous


def report(
    client: httpx.Client, token: str, fmt: str = "json", **fields: str | None
) -> httpx.Response:
    """POST requests.{fmt}, form-encoded, with a valid complaint unless `fields` change it
    (a field set to None is left out)."""
    form = {
        "api_key": token,
        "service_code": "0101010101",
        **XUHUI,
        "attribute[appeal_type]": "complaint",
        "attribute[request]": "请尽快修复路面",
        "description": "漕溪北路近南丹路机动车道路面坑洼，车辆经过颠簸严重。",
        "phone": new_phone(),
        **fields,
    }
    sent = {name: value for name, value in form.items() if value is not None}
    return client.post(f"/open311/v2/requests.{fmt}", data=sent)


def token_of(client: httpx.Client) -> str:
    return str(client.headers["Authorization"]).removeprefix("Bearer ")


def spec_errors(r: httpx.Response, status: int) -> list[str]:
    """The descriptions of a JSON error answer, after checking its shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body and all(set(e) == {"code", "description"} and e["code"] == status for e in body)
    return [e["description"] for e in body]


def xml_root(r: httpx.Response) -> ET.Element:
    assert r.headers["content-type"].startswith("text/xml")
    assert r.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(r.content)


# --- services --------------------------------------------------------------------------


def test_services_are_the_catalog_leaves(open311: httpx.Client, catalog: dict[str, Any]):
    r = open311.get("/open311/v2/services.json")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    services = r.json()
    nodes = {n["code"]: n for n in catalog["nodes"]}
    leaves = [n for n in catalog["nodes"] if n["level"] == 5]
    assert [s["service_code"] for s in services] == [n["code"] for n in leaves]
    for service in services:
        assert list(service) == SERVICE_FIELDS
        node = nodes[service["service_code"]]
        path = [node]
        while path[0].get("parent_code"):
            path.insert(0, nodes[path[0]["parent_code"]])
        assert service["service_name"] == node["name"]
        assert service["group"] == path[0]["name"]
        assert service["description"] == " / ".join(n["name"] for n in path)
        assert service["keywords"] == ", ".join(node.get("keywords", []))
        assert service["metadata"] is True and service["type"] == "realtime"


def test_services_in_xml(open311: httpx.Client):
    root = xml_root(open311.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    first = root[0]
    assert first.tag == "service"
    assert [child.tag for child in first] == SERVICE_FIELDS
    as_json = open311.get("/open311/v2/services.json").json()
    assert [s.findtext("service_code") for s in root] == [s["service_code"] for s in as_json]
    assert first.findtext("metadata") == "true" and first.findtext("type") == "realtime"
    assert first.findtext("group") == as_json[0]["group"]


def test_a_service_definition_has_the_appeal_type_and_district(open311: httpx.Client):
    definition = open311.get("/open311/v2/services/0101010101.json").json()
    assert list(definition) == ["service_code", "attributes"]
    assert definition["service_code"] == "0101010101"
    attributes = {a["code"]: a for a in definition["attributes"]}
    for attribute in definition["attributes"]:
        lists = attribute["datatype"] in ("singlevaluelist", "multivaluelist")
        assert list(attribute) == ATTRIBUTE_FIELDS + (["values"] if lists else [])
        assert attribute["variable"] is True
        assert attribute["datatype"] in (
            "string",
            "number",
            "datetime",
            "text",
            "singlevaluelist",
            "multivaluelist",
        )
    assert [a["order"] for a in definition["attributes"]] == [1, 2, 3, 4]
    appeal = attributes["appeal_type"]
    assert (appeal["datatype"], appeal["required"]) == ("singlevaluelist", True)
    assert appeal["values"] == [
        {"key": "consultation", "name": "咨询"},
        {"key": "help", "name": "求助"},
        {"key": "complaint", "name": "投诉"},
        {"key": "report", "name": "举报"},
        {"key": "suggestion", "name": "建议"},
        {"key": "praise", "name": "表扬"},
    ]
    districts = attributes["district_code"]["values"]
    assert len(districts) == 16 and {"key": "310104", "name": "徐汇区"} in districts
    assert attributes["request"]["required"] is False


def test_a_service_definition_in_xml_and_an_unknown_service(open311: httpx.Client):
    root = xml_root(open311.get("/open311/v2/services/0101010101.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "0101010101"
    appeal = root.find("attributes/attribute")
    assert appeal is not None and appeal.findtext("code") == "appeal_type"
    assert appeal.findtext("required") == "true"
    assert [v.findtext("name") for v in appeal.findall("values/value")][:2] == ["咨询", "求助"]

    assert "0101" in spec_errors(open311.get("/open311/v2/services/0101.json"), 404)[0]
    missing = open311.get("/open311/v2/services/0101.xml")
    assert missing.status_code == 404
    error = xml_root(missing)
    assert error.tag == "errors" and error.findtext("error/code") == "404"
    assert spec_errors(open311.get("/open311/v2/services.csv"), 404)


# --- POST and GET one request ------------------------------------------------------------


def test_a_request_becomes_a_work_order_and_reads_back(users: Any, open311: httpx.Client):
    operator, admin = users["operator1"], users["admin1"]
    phone = new_phone()
    r = report(
        open311,
        token_of(operator),
        phone=phone,
        first_name="伟",
        last_name="张",
        device_id="device-7",
        account_id="acct-42",
        email="zhang@example.cn",
        media_url="https://example.cn/photo.jpg",
        address_string="漕溪北路南丹路口",
    )
    assert r.status_code == 201
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    [posted] = r.json()
    assert list(posted) == POSTED_FIELDS
    number = posted["service_request_id"]
    assert posted["account_id"] == "acct-42"
    assert number in posted["service_notice"]

    [work_order] = ok(operator.get("/api/v1/work-orders", params={"caller_phone": phone}))
    assert work_order["number"] == number
    assert work_order["status"] == "submitted"
    assert (work_order["channel"], work_order["appeal_type"]) == ("app", "complaint")
    assert work_order["caller"]["name"] == "张伟"
    assert work_order["request"] == "请尽快修复路面"
    assert work_order["place"] == {
        "district_code": "310104",
        "street_code": None,
        "address": "漕溪北路南丹路口",
        "lon": 121.437,
        "lat": 31.188,
    }

    [request] = ok(open311.get(f"/open311/v2/requests/{number}.json"))
    assert list(request) == REQUEST_FIELDS
    assert request["service_request_id"] == number
    assert (request["status"], request["status_notes"]) == ("open", "已受理，等待派单")
    assert (request["service_code"], request["service_name"]) == ("0101010101", "机动车道路面破损")
    assert request["description"] == work_order["content"]
    assert request["agency_responsible"] is None
    assert request["service_notice"] == posted["service_notice"]
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3_DATETIME.fullmatch(request[name]), request[name]
        assert request[name].endswith("+08:00")
    assert datetime.fromisoformat(request["requested_datetime"]) == datetime.fromisoformat(
        work_order["created_at"]
    ).replace(microsecond=0)
    assert datetime.fromisoformat(request["expected_datetime"]) == datetime.fromisoformat(
        work_order["deadlines"]["resolve"]
    )
    assert (request["address"], request["lat"], request["long"]) == (
        "漕溪北路南丹路口",
        31.188,
        121.437,
    )
    assert (request["address_id"], request["zipcode"]) == (None, None)
    assert request["media_url"] == "https://example.cn/photo.jpg"

    # Through the lifecycle, as Open311 sees it.
    oid = work_order["id"]
    ok(act(operator, oid, "dispatch", {}))
    [dispatched] = ok(open311.get(f"/open311/v2/requests/{number}.json"))
    assert dispatched["agency_responsible"] == "徐汇区建设和管理委员会"
    assert dispatched["status_notes"] == "已派至徐汇区建设和管理委员会，等待签收"
    ok(act(admin, oid, "sign"))
    ok(act(admin, oid, "reply", {"text": "已修补路面坑洼。"}))
    ok(
        act(
            admin,
            oid,
            "follow_up",
            {"reached": True, "resolved": True, "satisfaction": "satisfied"},
        )
    )
    ok(act(admin, oid, "close"))
    [closed] = ok(open311.get(f"/open311/v2/requests/{number}.json"))
    assert closed["status"] == "closed"
    # Neutral words only: the department's reply is written to the caller, not the public.
    assert closed["status_notes"] == "已办结"
    assert closed["updated_datetime"] >= closed["requested_datetime"]


def test_one_request_in_xml(users: Any, open311: httpx.Client):
    r = report(open311, token_of(users["lead1"]), fmt="xml")
    assert r.status_code == 201
    root = xml_root(r)
    assert root.tag == "service_requests" and root[0].tag == "request"
    assert [child.tag for child in root[0]] == POSTED_FIELDS
    number = root[0].findtext("service_request_id")
    assert root[0].findtext("account_id") == ""

    read = xml_root(open311.get(f"/open311/v2/requests/{number}.xml"))
    assert [child.tag for child in read[0]] == REQUEST_FIELDS
    assert read[0].findtext("status") == "open"
    assert float(read[0].findtext("lat") or 0) == 31.188
    assert spec_errors(open311.get("/open311/v2/requests/1999.json"), 404)


def test_anonymous_reports_get_no_callback(users: Any, open311: httpx.Client):
    r = report(
        open311,
        token_of(users["operator1"]),
        phone="",
        **{"attribute[appeal_type]": "建议"},
        description="建议在漕溪北路增设非机动车停车点位。",
    )
    number = r.json()[0]["service_request_id"]
    [found] = [
        o
        for o in ok(users["operator1"].get("/api/v1/work-orders", params={"limit": 20}))
        if o["number"] == number
    ]
    assert found["caller"]["anonymous"] is True and found["caller"]["phones"] == []
    assert (found["reply_required"], found["follow_up_required"]) == (False, False)
    assert (found["appeal_type"], found["channel"]) == ("suggestion", "website")


def test_request_errors_in_the_specs_format(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    assert "api_key" in spec_errors(report(open311, ""), 403)[0]
    assert spec_errors(report(open311, "forged"), 403)
    assert spec_errors(report(open311, token_of(users["trainer1"])), 403)
    assert "service_code" in spec_errors(report(open311, operator, service_code=""), 400)[0]
    assert "9999" in spec_errors(report(open311, operator, service_code="9999"), 404)[0]
    no_place = open311.post(
        "/open311/v2/requests.json", data={"api_key": operator, "service_code": "0101010101"}
    )
    assert "lat and long" in spec_errors(no_place, 400)[0]
    assert spec_errors(report(open311, operator, long=""), 400)
    assert spec_errors(report(open311, operator, lat="north"), 400) == [
        "lat: 应为数字（WGS-84 经纬度）"
    ]
    assert spec_errors(report(open311, operator, **{"attribute[appeal_type]": ""}), 400)[
        0
    ].startswith("attribute[appeal_type]: 请选择诉求类型")
    faraway = report(open311, operator, lat="39.9", long="116.4")  # Beijing: no district either
    assert "long: 坐标不在上海市范围内，请在地图上重新选点" in spec_errors(faraway, 400)
    assert spec_errors(report(open311, operator, description="长" * 4001), 400) == [
        "description is longer than 4,000 characters."
    ]
    praise = report(open311, operator, **{"attribute[appeal_type]": "praise"})
    assert spec_errors(praise, 400) == [
        "attribute[reported_party]: 诉求类型为表扬（praise）时须填写被表扬的单位或个人"
    ]
    assert spec_errors(report(open311, operator, address_id="abc", lat=None, long=None), 400)
    as_xml = report(open311, operator, fmt="xml", phone="123")
    assert as_xml.status_code == 400
    root = xml_root(as_xml)
    assert root.tag == "errors"
    assert [e.findtext("code") for e in root.findall("error")] == ["400"]
    assert (root.findtext("error/description") or "").startswith("phone: ")


# --- GET requests with filters -------------------------------------------------------------


def numbers(r: httpx.Response) -> list[str]:
    assert r.status_code == 200, r.text
    return [request["service_request_id"] for request in r.json()]


def test_request_filters(users: Any, open311: httpx.Client, leaf_code: str):
    operator = users["operator1"]
    start = datetime.now(UTC) - timedelta(seconds=2)
    road = report(open311, token_of(operator)).json()[0]["service_request_id"]
    water = report(open311, token_of(operator), service_code=CITY_LEAF).json()[0][
        "service_request_id"
    ]
    answered = ok(
        operator.post(
            "/api/v1/work-orders",
            json=order(
                CITY_LEAF,
                appeal_type="consultation",
                handling="direct",
                answer="停水通知已在水务局官网发布。",
            ),
        )
    )
    since = {"start_date": start.isoformat()}

    assert numbers(
        open311.get("/open311/v2/requests.json", params={"service_request_id": f"{road},{water}"})
    ) == [water, road]
    # service_request_id overrides every other filter
    assert numbers(
        open311.get(
            "/open311/v2/requests.json",
            params={"service_request_id": road, "status": "closed", "service_code": CITY_LEAF},
        )
    ) == [road]
    water_orders = numbers(
        open311.get("/open311/v2/requests.json", params={**since, "service_code": CITY_LEAF})
    )
    assert water_orders[:2] == [answered["number"], water] and road not in water_orders
    closed = numbers(open311.get("/open311/v2/requests.json", params={**since, "status": "closed"}))
    assert answered["number"] in closed and road not in closed and water not in closed
    both = numbers(
        open311.get(
            "/open311/v2/requests.json",
            params={**since, "status": "open,closed", "service_code": f"{CITY_LEAF},0101010101"},
        )
    )
    assert {road, water, answered["number"]} <= set(both)
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert numbers(open311.get("/open311/v2/requests.json", params={"start_date": later})) == []
    earlier = {"start_date": (start - timedelta(days=1)).isoformat(), "end_date": start.isoformat()}
    assert road not in numbers(open311.get("/open311/v2/requests.json", params=earlier))
    listing = xml_root(open311.get("/open311/v2/requests.xml", params={"service_request_id": road}))
    assert [r.findtext("service_request_id") for r in listing.findall("request")] == [road]

    assert (
        "start_date"
        in spec_errors(
            open311.get("/open311/v2/requests.json", params={"start_date": "yesterday"}), 400
        )[0]
    )
    assert (
        "pending"
        in spec_errors(open311.get("/open311/v2/requests.json", params={"status": "pending"}), 400)[
            0
        ]
    )


def test_confidential_callers_stay_private(users: Any, open311: httpx.Client, leaf_code: str):
    operator = users["operator1"]
    body = order(
        leaf_code,
        caller={"phones": [new_phone()], "confidential": True},
        place={"district_code": "310104", "address": "某小区3号楼", "lon": 121.44, "lat": 31.19},
        department_code=DEPT1_DEPARTMENT,
    )
    number = ok(operator.post("/api/v1/work-orders", json=body))["number"]
    [request] = ok(open311.get(f"/open311/v2/requests/{number}.json"))
    assert (request["description"], request["address"], request["lat"], request["long"]) == (
        None,
        None,
        None,
        None,
    )
    assert request["agency_responsible"] == "徐汇区建设和管理委员会"


def test_without_dates_the_list_covers_ninety_days(serve_app: Any, tmp_path: Path):
    from agent_desktop.server import create_app

    now = [datetime(2026, 6, 1, 2, 0, tzinfo=UTC)]
    app = create_app(f"sqlite:///{tmp_path / 'window.db'}", demo=True, clock=lambda: now[0])
    url = serve_app(app)
    with login(url, "operator1") as operator, httpx.Client(base_url=url) as client:
        old = report(client, token_of(operator)).json()[0]["service_request_id"]
        now[0] += timedelta(days=91)
        new = report(client, token_of(operator)).json()[0]["service_request_id"]
        assert numbers(client.get("/open311/v2/requests.json")) == [new]
        assert numbers(client.get(f"/open311/v2/requests/{old}.json")) == [old]
