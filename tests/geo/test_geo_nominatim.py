"""The HTTP geocoder backend against a tiny real HTTP server on 127.0.0.1.

The server below is a stand-in for Nominatim (which cannot be reached from here): it
speaks Nominatim's `/search?format=jsonv2&addressdetails=1` JSON format with canned
answers, so the client's request, parsing, coordinate conversion and jurisdiction are
exercised over a real socket.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from agent_desktop.geo import GeocoderError, GeoService, Level, NominatimGeocoder
from agent_desktop.geo.crs import wgs84_to_gcj02
from agent_desktop.geo.gazetteer import load_gazetteer

# A point on 营口路 in 杨浦区 (WGS-84) and the answer Nominatim gives for it.
YINGKOU = (121.5283, 31.2886)
ANSWERS = {
    "营口路": [{
        "place_id": 1, "osm_type": "way", "osm_id": 2, "lat": str(YINGKOU[1]),
        "lon": str(YINGKOU[0]), "category": "highway", "type": "residential",
        "addresstype": "road", "name": "营口路", "importance": 0.31,
        "display_name": "营口路, 长海路街道, 杨浦区, 上海市, 200433, 中国",
        "address": {"road": "营口路", "suburb": "长海路街道", "city_district": "杨浦区",
                    "city": "上海市", "postcode": "200433", "country": "中国",
                    "country_code": "cn"},
        "boundingbox": ["31.28", "31.29", "121.52", "121.53"],
    }, {  # a namesake elsewhere: must be dropped (outside the city)
        "place_id": 3, "lat": "40.6668", "lon": "122.2350", "name": "营口市",
        "display_name": "营口市, 辽宁省, 中国", "importance": 0.6, "address": {"city": "营口市"},
    }],
}


class FakeNominatim(BaseHTTPRequestHandler):
    requests: list = []
    crs = "wgs84"

    def do_GET(self):  # noqa: N802
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append((url.path, params))
        if url.path != "/search":
            self.send_error(404)
            return
        if "boom" in params.get("q", ""):
            self.send_error(500)
            return
        rows = []
        for key, answer in ANSWERS.items():
            if key in params.get("q", ""):
                rows = json.loads(json.dumps(answer))
        if type(self).crs == "gcj02":
            for row in rows:
                lon, lat = wgs84_to_gcj02(float(row["lon"]), float(row["lat"]))
                row["lon"], row["lat"] = str(lon), str(lat)
        body = json.dumps(rows, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakeNominatim.requests = []
    FakeNominatim.crs = "wgs84"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def test_search_request_and_candidates(server):
    geocoder = NominatimGeocoder(server, load_gazetteer("shanghai"))
    found = await geocoder.geocode("营口路")
    path, params = FakeNominatim.requests[0]
    assert path == "/search"
    assert params["format"] == "jsonv2" and params["addressdetails"] == "1"
    assert params["q"] == "上海市营口路" and params["bounded"] == "1"
    assert len(found) == 1  # 营口市 is outside the configured city
    c = found[0]
    assert c.level is Level.ADDRESS and c.source == "nominatim"
    assert (c.district_code, c.street_code) == ("310110", "310110021")
    assert c.point == pytest.approx(YINGKOU)


async def test_gcj02_server_is_converted_to_wgs84(server):
    FakeNominatim.crs = "gcj02"
    geocoder = NominatimGeocoder(server, load_gazetteer("shanghai"), crs="gcj02")
    (c,) = await geocoder.geocode("营口路")
    assert c.point == pytest.approx(YINGKOU, abs=1e-6)


async def test_server_error_and_unreachable_server_raise_geocoder_error(server):
    geocoder = NominatimGeocoder(server, load_gazetteer("shanghai"))
    with pytest.raises(GeocoderError, match="500"):
        await geocoder.geocode("boom")
    gone = NominatimGeocoder("http://127.0.0.1:9", load_gazetteer("shanghai"), timeout=1)
    with pytest.raises(GeocoderError, match="unreachable"):
        await gone.geocode("营口路")


async def test_service_search_resolves_a_road_online(server):
    geo = GeoService.for_city("shanghai", nominatim_url=server)
    offline = geo.locate("杨浦区营口路那边")
    assert offline.unresolved == ["营口路"]
    result = await geo.search("杨浦区营口路那边")
    assert result.best.source == "nominatim"
    assert result.best.street_name == "长海路街道"
    assert result.unresolved == []
    assert result.candidates[1].name == "杨浦区"  # the offline answer is kept


async def test_service_search_keeps_offline_answer_when_geocoder_fails():
    geo = GeoService.for_city("shanghai", nominatim_url="http://127.0.0.1:9")
    result = await geo.search("杨浦区营口路那边")
    assert result.best.name == "杨浦区"
    assert result.unresolved == ["营口路"]
    assert result.notes and "unreachable" in result.notes[0]
