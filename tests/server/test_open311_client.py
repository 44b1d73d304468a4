"""An independent Open311 client from PyPI against the real server on 127.0.0.1.

The client is `georeport` (0.3.1, a GeoReport v2 wrapper on `requests` and `xmltodict`),
used as its README shows, in JSON and in XML. It only reads: its README says it does
not create requests, so a report is POSTed as the spec's form (the way any client
sends it) and read back through the client. The other Open311 clients on PyPI,
`open311` 1.1 and `three` 0.8.0, are Python 2 code and do not import on Python 3.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import georeport  # the test extras: pip install -e '.[test]'
import httpx
import pytest
import requests

from .test_open311 import CITY_LEAF, report, token_of

JURISDICTION = "12345.sh.gov.cn"


@pytest.fixture(params=["json", "xml"])
def client(request: pytest.FixtureRequest, live: Any) -> Iterator[Any]:
    """The client, pointed at the endpoint the discovery document names."""
    discovery = httpx.get(f"{live.url}/open311/discovery.json").json()
    [endpoint] = discovery["endpoints"]
    assert request.param in {f.split("/")[1] for f in endpoint["formats"]}
    yield georeport.GeoReport(
        endpoint["url"], jurisdiction=JURISDICTION, output_format=request.param
    )


def test_service_list_and_definition(client: Any, catalog: dict[str, Any]):
    services = client.get_service_list()
    leaves = [n["code"] for n in catalog["nodes"] if n["level"] == 5]
    assert [s["service_code"] for s in services] == leaves
    road = next(s for s in services if s["service_code"] == "0101010101")
    assert road["service_name"] == "机动车道路面破损"
    assert str(road["metadata"]).lower() == "true" and road["type"] == "realtime"

    definition = client.get_service_definition("0101010101")
    assert definition["service_code"] == "0101010101"
    attributes = definition["attributes"]
    if client.output_format == "xml":  # xmltodict: <attributes><attribute>… → {"attribute": […]}
        attributes = attributes["attribute"]
    by_code = {a["code"]: a for a in attributes}
    assert list(by_code) == ["appeal_type", "request", "reported_party", "district_code"]
    assert str(by_code["appeal_type"]["required"]).lower() == "true"
    assert str(by_code["district_code"]["required"]).lower() == "false"

    with pytest.raises(requests.HTTPError) as missing:
        client.get_service_definition("0101")
    assert missing.value.response.status_code == 404


def test_a_posted_request_reads_back_through_the_client(
    client: Any, users: Any, anonymous: httpx.Client
):
    # Only what the spec needs: service_code, a location and the api_key.
    posted = report(
        anonymous,
        token_of(users["operator1"]),
        description=None,
        phone=None,
        jurisdiction_id=JURISDICTION,
        **{"attribute[request]": None},
    )
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]

    request = client.get_service_request(number)
    assert request["service_request_id"] == number
    assert (request["status"], request["service_code"]) == ("open", "0101010101")
    assert request["service_name"] == "机动车道路面破损"
    assert float(request["lat"]) == 31.188 and float(request["long"]) == 121.437
    assert request["requested_datetime"].endswith("+08:00")


def test_a_multi_valued_query_through_the_client(client: Any, users: Any, anonymous: httpx.Client):
    token = token_of(users["operator1"])
    road = report(anonymous, token).json()[0]["service_request_id"]
    water = report(anonymous, token, service_code=CITY_LEAF).json()[0]["service_request_id"]

    def numbers(found: Any) -> list[str]:
        if isinstance(found, dict):  # xmltodict gives one <request> as a dict
            found = [found]
        return [r["service_request_id"] for r in found]

    assert numbers(client.get_service_requests(service_request_id=f"{road},{water}")) == [
        water,
        road,
    ]
    listed = numbers(
        client.get_service_requests(service_code=f"0101010101,{CITY_LEAF}", status="open,closed")
    )
    assert {road, water} <= set(listed)
    assert water not in numbers(
        client.get_service_requests(service_code="0101010101", status="open")
    )


def test_another_jurisdiction_is_not_found(live: Any):
    elsewhere = georeport.GeoReport(f"{live.url}/open311/v2", jurisdiction="sfgov.org")
    with pytest.raises(requests.HTTPError) as refused:
        elsewhere.get_service_list()
    assert refused.value.response.status_code == 404
    assert refused.value.response.json()[0]["code"] == 404
