"""The Pelias geocoder backend against a real HTTP server on 127.0.0.1 speaking Pelias's
`/v1/search` GeoJSON (canned answers: no Pelias is reachable from here)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from agent_desktop.geo import GeocoderError, GeoService, Level, PeliasGeocoder
from agent_desktop.geo.crs import wgs84_to_gcj02
from agent_desktop.geo.gazetteer import load_gazetteer

YINGKOU = (121.5283, 31.2886)  # a point on 营口路, 杨浦区 (WGS-84)


def feature(lon, lat, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}


ANSWERS = {
    "营口路": [
        feature(*YINGKOU, name="营口路", label="营口路, 杨浦区, 上海市", layer="street",
                county="杨浦区", neighbourhood="长海路街道", locality="上海市", confidence=0.8),
        feature(122.2350, 40.6668, name="营口市", label="营口市, 辽宁省", confidence=0.9),
    ],
    "无区名": [feature(*YINGKOU, name="某大楼", label="某大楼", confidence=0.5)],
}


class FakePelias(BaseHTTPRequestHandler):
    requests: list = []
    crs = "wgs84"

    def do_GET(self):  # noqa: N802
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append((url.path, params))
        if url.path != "/v1/search":
            self.send_error(404)
            return
        if "boom" in params.get("text", ""):
            self.send_error(502)
            return
        features = []
        for key, answer in ANSWERS.items():
            if key in params.get("text", ""):
                features = json.loads(json.dumps(answer))
        if type(self).crs == "gcj02":
            for f in features:
                f["geometry"]["coordinates"] = list(wgs84_to_gcj02(*f["geometry"]["coordinates"]))
        body = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakePelias.requests = []
    FakePelias.crs = "wgs84"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakePelias)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def test_search_request_and_candidates(server):
    geocoder = PeliasGeocoder(server, load_gazetteer("shanghai"))
    found = await geocoder.geocode("营口路")
    path, params = FakePelias.requests[0]
    assert path == "/v1/search"
    assert params["text"] == "上海市营口路" and params["lang"] == "zh"
    assert float(params["boundary.rect.min_lon"]) < YINGKOU[0] < float(
        params["boundary.rect.max_lon"])
    assert len(found) == 1  # 营口市 lies outside the configured city
    c = found[0]
    assert c.level is Level.ADDRESS and c.source == "pelias"
    assert (c.district_code, c.street_code) == ("310110", "310110021")
    assert c.point == pytest.approx(YINGKOU)


async def test_point_without_names_is_placed_by_the_approximate_areas(server):
    (c,) = await PeliasGeocoder(server, load_gazetteer("shanghai")).geocode("无区名")
    assert c.district_code == "310110" and c.street_code is None
    assert "approximate" in c.note


async def test_gcj02_server_is_converted_to_wgs84(server):
    FakePelias.crs = "gcj02"
    (c,) = await PeliasGeocoder(server, load_gazetteer("shanghai"), crs="gcj02").geocode("营口路")
    assert c.point == pytest.approx(YINGKOU, abs=1e-6)


async def test_errors_are_geocoder_errors(server):
    geocoder = PeliasGeocoder(server, load_gazetteer("shanghai"))
    with pytest.raises(GeocoderError, match="502"):
        await geocoder.geocode("boom")
    gone = PeliasGeocoder("http://127.0.0.1:9", load_gazetteer("shanghai"), timeout=1)
    with pytest.raises(GeocoderError, match="unreachable"):
        await gone.geocode("营口路")


async def test_service_configured_from_settings_asks_pelias_for_the_road(server):
    geo = GeoService.from_settings({"geo": {"pelias_url": server,
                                            "tile_url": "http://127.0.0.1:1/{z}/{x}/{y}.png"}})
    assert [g.name for g in geo.geocoders] == ["pelias"]
    assert geo.tiles is not None and geo.tiles.crs == "wgs84"
    result = await geo.search("杨浦区营口路那边")
    assert result.best.source == "pelias"
    assert result.best.street_name == "长海路街道"
