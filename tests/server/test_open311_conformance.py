"""GeoReport v2 conformance, section by section of the spec
(http://wiki.open311.org/GeoReport_v2, http://wiki.open311.org/Service_Discovery), over
HTTP against the real server: discovery, POST's optional fields (description up to 4,000,
attributes declared required:false, address_id), jurisdiction_id, GET's multi-valued
parameters and 90-day window, and the spec's error list for everything under /open311."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from .server_helpers import login, new_phone, ok
from .test_open311 import (
    CITY_LEAF,
    W3_DATETIME,
    numbers,
    report,
    spec_errors,
    token_of,
    xml_root,
)


@pytest.fixture
def open311(anonymous: httpx.Client) -> httpx.Client:
    return anonymous


def test_discovery_lists_the_endpoint(open311: httpx.Client, live: Any):
    r = open311.get("/open311/discovery.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    discovery = r.json()
    assert list(discovery) == ["changeset", "contact", "key_service", "endpoints"]
    assert W3_DATETIME.fullmatch(discovery["changeset"])
    assert "12345" in discovery["contact"] and "/api/v1/auth/token" in discovery["key_service"]
    [endpoint] = discovery["endpoints"]
    assert endpoint == {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": f"{live.url}/open311/v2",
        "changeset": discovery["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    assert httpx.get(f"{endpoint['url']}/services.json").status_code == 200

    root = xml_root(open311.get("/open311/discovery.xml"))
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    assert root.findtext("endpoints/endpoint/specification") == endpoint["specification"]
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def work_order_of(users: Any, posted: httpx.Response) -> dict[str, Any]:
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]
    [work_order] = ok(users["lead1"].get("/api/v1/work-orders", params={"number": number}))
    assert work_order["number"] == number
    return work_order


def test_description_is_optional_and_up_to_4000_characters(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    bare = work_order_of(users, report(open311, operator, description=None))
    assert bare["content"] == "网上报告：机动车道路面破损，地点：31.188,121.437。"
    [public] = ok(open311.get(f"/open311/v2/requests/{bare['number']}.json"))
    assert public["description"] is None  # the requester wrote none

    short = work_order_of(
        users, report(open311, operator, description="坑很深", address_string="漕溪北路南丹路口")
    )
    assert short["content"] == "网上报告：机动车道路面破损，地点：漕溪北路南丹路口。坑很深"

    phone = new_phone()
    long_text = ("漕溪北路路面坑洼，" * 500)[
        : 4000 - 36
    ] + f"联系我{phone}，身份证310104199001011234"
    assert len(long_text) <= 4000
    long = work_order_of(users, report(open311, operator, description=long_text))
    assert len(long["content"]) == 2000 and long["content"].endswith("（全文见网上报告原文）")
    [public] = ok(open311.get(f"/open311/v2/requests/{long['number']}.json"))
    assert len(public["description"]) > 3900  # the whole description, scrubbed
    assert phone not in public["description"] and "310104199001011234" not in public["description"]
    assert public["description"].endswith("联系我［电话已隐去］，身份证［身份证号已隐去］")


def test_attributes_declared_optional_are_optional(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    # A district-routed service, complaint, no request, no district, no coordinates.
    bare = work_order_of(
        users,
        report(
            open311,
            operator,
            lat=None,
            long=None,
            address_string="漕溪北路南丹路口",
            **{"attribute[request]": None},
        ),
    )
    assert bare["status"] == "submitted"  # the centre chooses the department at dispatch
    assert bare["place"]["district_code"] is None
    assert bare["request"] == "请相关部门核实处理"
    named = work_order_of(
        users,
        report(open311, operator, lat=None, long=None, address_string="徐汇区漕溪北路南丹路口"),
    )
    assert named["place"]["district_code"] == "310104"
    # What the definition says, for each attribute.
    definition = open311.get("/open311/v2/services/0101010101.json").json()
    optional = [a["code"] for a in definition["attributes"] if not a["required"]]
    assert optional == ["request", "reported_party", "district_code"]
    consultation = report(
        open311,
        operator,
        **{"attribute[appeal_type]": "consultation", "attribute[request]": None},
        **{"attribute[reported_party]": None, "attribute[district_code]": None},
    )
    assert consultation.status_code == 201


def test_address_id_is_a_division_code(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    by_street = work_order_of(
        users, report(open311, operator, lat=None, long=None, address_id="310104007")
    )
    assert by_street["place"] == {
        "district_code": "310104",
        "street_code": "310104007",
        "address": "徐汇区斜土路街道",
        "lon": None,
        "lat": None,
    }
    [public] = ok(open311.get(f"/open311/v2/requests/{by_street['number']}.json"))
    assert (public["address_id"], public["address"]) == ("310104007", "徐汇区斜土路街道")
    by_district = work_order_of(
        users,
        report(
            open311, operator, lat=None, long=None, address_id="310104", address_string="漕溪北路"
        ),
    )
    assert by_district["place"]["district_code"] == "310104"
    assert by_district["place"]["address"] == "漕溪北路"
    unknown = report(open311, operator, address_id="999999")
    assert spec_errors(unknown, 400)[0].startswith("address_id: ")


def test_jurisdiction_id(users: Any, open311: httpx.Client):
    ours = {"jurisdiction_id": "12345.sh.gov.cn"}
    other = {"jurisdiction_id": "sfgov.org"}
    number = report(open311, token_of(users["operator1"]), **ours).json()[0]["service_request_id"]
    for path in (
        "/open311/v2/services.json",
        "/open311/v2/services/0101010101.json",
        "/open311/v2/requests.json",
        f"/open311/v2/requests/{number}.json",
    ):
        assert open311.get(path, params=ours).status_code == 200, path
        assert "sfgov.org" in spec_errors(open311.get(path, params=other), 404)[0]
    refused = report(open311, token_of(users["operator1"]), **other)
    assert "was not found" in spec_errors(refused, 404)[0]
    as_xml = open311.get("/open311/v2/services.xml", params=other)
    assert as_xml.status_code == 404 and xml_root(as_xml).findtext("error/code") == "404"


def test_multi_valued_parameters_both_ways(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    start = {"start_date": (datetime.now(UTC) - timedelta(seconds=2)).isoformat()}
    road = report(open311, operator).json()[0]["service_request_id"]
    water = report(open311, operator, service_code=CITY_LEAF).json()[0]["service_request_id"]

    def listed(params: list[tuple[str, str]]) -> list[str]:
        return numbers(open311.get("/open311/v2/requests.json", params=params))

    assert listed([("service_request_id", road), ("service_request_id", water)]) == [water, road]
    assert listed([("service_request_id", f"{road},{water}")]) == [water, road]
    assert listed([("service_request_id", f"{road}, {water}"), ("service_request_id", road)]) == [
        water,
        road,
    ]
    since = list(start.items())
    both = listed([*since, ("service_code", "0101010101"), ("service_code", CITY_LEAF)])
    assert {road, water} <= set(both)
    only_road = listed([*since, ("service_code", "0101010101")])
    assert road in only_road and water not in only_road
    statuses = listed([*since, ("status", "open"), ("status", "closed")])
    assert statuses == listed([*since, ("status", "open,closed")]) == listed(since)
    closed = listed([*since, ("status", "closed")])
    assert road not in closed and water not in closed
    assert {road, water} <= set(listed([*since, ("status", "open")]))
    bad = open311.get("/open311/v2/requests.json", params=[("status", "open"), ("status", "x")])
    assert "Unknown status x" in spec_errors(bad, 400)[0]


def test_the_date_window_is_at_most_ninety_days(serve_app: Any, tmp_path: Path):
    from agent_desktop.server import create_app

    now = [datetime(2026, 6, 1, 2, 0, tzinfo=UTC)]
    app = create_app(f"sqlite:///{tmp_path / 'window.db'}", demo=True, clock=lambda: now[0])
    url = serve_app(app)
    with login(url, "operator1") as operator, httpx.Client(base_url=url) as client:
        first = report(client, token_of(operator)).json()[0]["service_request_id"]
        now[0] += timedelta(days=60)
        second = report(client, token_of(operator)).json()[0]["service_request_id"]
        now[0] += timedelta(days=60)
        third = report(client, token_of(operator)).json()[0]["service_request_id"]

        def listed(**params: str) -> list[str]:
            return numbers(client.get("/open311/v2/requests.json", params=params))

        day = timedelta(days=1)
        assert listed() == [third, second]  # the last 90 days
        begin = datetime(2026, 6, 1, tzinfo=UTC)
        assert listed(start_date=begin.isoformat()) == [second, first]  # 90 days from it
        assert listed(end_date=(begin + 61 * day).isoformat()) == [second, first]  # 90 to it
        assert listed(
            start_date=(begin + 59 * day).isoformat(), end_date=(begin + 119 * day).isoformat()
        ) == [second]
        too_long = client.get(
            "/open311/v2/requests.json",
            params={"start_date": begin.isoformat(), "end_date": (begin + 91 * day).isoformat()},
        )
        assert "more than 90 days" in spec_errors(too_long, 400)[0]
        backwards = client.get(
            "/open311/v2/requests.json",
            params={"start_date": (begin + day).isoformat(), "end_date": begin.isoformat()},
        )
        assert spec_errors(backwards, 400) == ["end_date is before start_date."]
        # service_request_id overrides the window
        assert numbers(
            client.get("/open311/v2/requests.json", params={"service_request_id": first})
        ) == [first]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/open311/v2/nothing.json", 404),
        ("GET", "/open311/nothing", 404),
        ("PUT", "/open311/v2/requests.json", 405),
        ("DELETE", "/open311/v2/services.json", 405),
        ("GET", "/open311/v2/requests.json?start_date=9999-12-31T00:00:00Z", 400),
        ("GET", "/open311/v2/requests.json?end_date=0001-01-01T00:00:00", 400),
        ("GET", "/open311/v2/requests.json?start_date=" + "9" * 100, 400),
        ("GET", "/open311/v2/requests/x.yaml", 404),
        ("GET", "/open311/discovery.csv", 404),
        ("POST", "/open311/v2/requests.json", 403),
    ],
)
def test_errors_everywhere_under_open311_are_the_specs_list(
    open311: httpx.Client, method: str, path: str, status: int
):
    assert spec_errors(open311.request(method, path), status)


def test_malformed_posts_are_400_in_the_specs_format(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    for fields in (
        {"first_name": "名" * 51},
        {"lat": "nan", "long": "121.4"},
        {"lat": "1e999", "long": "121.4"},
        {"attribute[district_code]": "x" * 41},
        {"media_url": "h" * 2001},
    ):
        assert spec_errors(report(open311, operator, **fields), 400), fields


@pytest.mark.parametrize(
    "params",
    [
        {"service_code": "\x00"},
        {"service_request_id": "1\x00"},
        {"status": "open\x00"},
        {"start_date": "2026-01-01T00:00:00\x00"},
        {"jurisdiction_id": "\x00"},
        {"end_date": "\x00"},
    ],
)
def test_nul_characters_in_a_query_are_400(open311: httpx.Client, params: dict[str, str]):
    assert spec_errors(open311.get("/open311/v2/requests.json", params=params), 400)


def test_nul_and_control_characters_in_a_report(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    for fields in (
        {"description": "路面坑洼\x00严重，请尽快修复"},
        {"service_code": "0101010101\x00"},
        {"first_name": "\x00"},
        {"email": "a\x00@b"},
    ):
        assert spec_errors(report(open311, operator, **fields), 400), fields
    # Other control characters are dropped: the XML stays well-formed.
    posted = report(open311, operator, description="路面坑洼\x0b严重\x1b，请尽快修复。")
    number = posted.json()[0]["service_request_id"]
    root = xml_root(open311.get(f"/open311/v2/requests/{number}.xml"))
    assert root.findtext("request/description") == "路面坑洼严重，请尽快修复。"


def test_a_nul_in_a_path_is_400(open311: httpx.Client):
    assert spec_errors(open311.get("/open311/v2/requests/1%00.json"), 400)
    assert spec_errors(open311.get("/open311/v2/services/0101%00.json"), 404)


def test_a_body_over_the_cap_is_413_in_the_specs_format(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    huge = report(open311, operator, media_url="https://example.cn/" + "x" * 70_000)
    assert "at most 65536 bytes" in spec_errors(huge, 413)[0]
    as_xml = report(open311, operator, fmt="xml", media_url="x" * 70_000)
    assert as_xml.status_code == 413
    assert xml_root(as_xml).findtext("error/code") == "413"
    # The spec's largest description, in Chinese, form-encoded, fits under the cap.
    longest = report(
        open311, operator, description="路" * 4000, **{"attribute[request]": "修" * 2000}
    )
    assert longest.status_code == 201, longest.text


def test_api_key_goes_in_the_form(users: Any, open311: httpx.Client):
    operator = token_of(users["operator1"])
    in_url = open311.post(
        "/open311/v2/requests.json",
        params={"api_key": operator},
        data={
            "service_code": "0101010101",
            "lat": "31.188",
            "long": "121.437",
            "attribute[appeal_type]": "complaint",
        },
    )
    assert "form body" in spec_errors(in_url, 403)[0]
    in_form = report(open311, operator, description=None, phone=None)
    assert in_form.status_code == 201


# Values that have broken servers: NUL and control characters, overflowing numbers,
# non-numbers, dates at the ends of the calendar, texts over every limit.
ODD_VALUES = [
    "", " ", "0", "-1", "1e999", "nan", "inf", "9" * 40, "\x00", "\x0b", "<x>&", "😀" * 10,
    "31.19", "121.44", "0101010101", "0104010101", "310104", "310104007", "徐汇区漕溪北路",
    "praise", "complaint", "投诉", "12345.sh.gov.cn", "13900000000", "x" * 5000, "路" * 4001,
    "open", "closed", "2026-12-01T00:00:00Z", "0001-01-01", "9999-12-31T23:59:59+14:00",
    "2199-12-31T23:59:59-14:00", "1900-01-01T00:00:00+14:00",
]  # fmt: skip
FORM_FIELDS = [
    "service_code", "lat", "long", "address_string", "address_id", "email", "device_id",
    "account_id", "first_name", "last_name", "phone", "description", "media_url",
    "attribute[appeal_type]", "attribute[request]", "attribute[reported_party]",
    "attribute[district_code]", "jurisdiction_id",
]  # fmt: skip
QUERY_PARAMETERS = [
    "status", "service_code", "service_request_id", "start_date", "end_date", "jurisdiction_id",
]  # fmt: skip


def test_odd_values_never_meet_a_server_error(users: Any, open311: httpx.Client):
    """A seeded random probe of POST and GET requests: every answer is the spec's
    success or its error list, never a 5xx."""
    rng = random.Random(311)
    operator = token_of(users["operator1"])
    seen: set[int] = set()
    for _ in range(150):
        fields = {f: rng.choice(ODD_VALUES) for f in rng.sample(FORM_FIELDS, rng.randint(1, 5))}
        fmt = rng.choice(["json", "xml"])
        r = report(open311, operator, fmt=fmt, **fields)
        assert r.status_code < 500, (fields, r.text)
        seen.add(r.status_code)
        if r.status_code >= 400 and fmt == "json":
            spec_errors(r, r.status_code)
        elif fmt == "xml":
            xml_root(r)
    for _ in range(150):
        params = [
            (rng.choice(QUERY_PARAMETERS), rng.choice(ODD_VALUES)[:2000])
            for _ in range(rng.randint(1, 4))
        ]
        r = open311.get(f"/open311/v2/requests.{rng.choice(['json', 'xml'])}", params=params)
        assert r.status_code < 500, (params, r.text)
        seen.add(r.status_code)
    assert {200, 201, 400} <= seen  # the probe reached both success and refusal


def test_an_error_keeps_its_headers(open311: httpx.Client):
    r = open311.put("/open311/v2/requests.json")
    assert spec_errors(r, 405) and "POST" in r.headers["allow"]
