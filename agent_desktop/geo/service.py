"""GeoService: the geo package's one entry point for the app, the CLI and the server.

    service = GeoService.for_city("shanghai")
    result = service.locate("我们曹杨新村小区这边停水了")      # offline, ~1 ms
    best = result.best                                      # GeoCandidate, ranked first
    choice = service.choose(best, address=result.address)   # PlaceChoice → the form
    choice.place.district_code, choice.place.street_code

`locate` is synchronous and offline (the embedded gazetteer). `search` is async: it adds
the candidates of the online geocoders configured (Nominatim, Pelias) for what the gazetteer
cannot resolve (roads, house numbers, landmarks); `tiles` is the configured XYZ tile
server, if any (geo.tiles). No Qt here: `ui.map_tab` adapts it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from .extract import PlaceExtractor
from .gazetteer import Gazetteer, load_gazetteer
from .geocoders import Geocoder, GeocoderError, NominatimGeocoder, PeliasGeocoder
from .jurisdiction import Jurisdiction, PlaceChoice, jurisdiction_of, place_choice
from .model import GeoCandidate, Level, LocateResult
from .resolve import resolve
from .tiles import TileSource

log = logging.getLogger(__name__)


class GeoService:
    def __init__(self, gazetteer: Gazetteer, geocoders: Sequence[Geocoder] = (),
                 tiles: TileSource | None = None) -> None:
        self.gazetteer = gazetteer
        self.extractor = PlaceExtractor(gazetteer)
        self.geocoders = list(geocoders)  # online backends, asked in order by `search`
        self.tiles = tiles  # a configured XYZ tile server for the map, or None (offline)

    @classmethod
    def for_city(cls, city: str = "shanghai", *, nominatim_url: str | None = None,
                 nominatim_crs: str = "wgs84", pelias_url: str | None = None,
                 pelias_crs: str = "wgs84", tiles: TileSource | None = None) -> GeoService:
        """The service for a configured city, with a Nominatim and/or Pelias backend if
        their URLs are given (asked in that order), and a tile server if configured.

        Settings: `[geo] city = "shanghai"`, `nominatim_url = "…"`, `nominatim_crs =
        "wgs84" | "gcj02" | "bd09"`, `pelias_url`, `pelias_crs`, `tile_url`, `tile_crs`
        (see geo.tiles) in config.toml (Settings.extra["geo"]).
        """
        gazetteer = load_gazetteer(city)
        geocoders: list[Geocoder] = []
        if nominatim_url:
            geocoders.append(NominatimGeocoder(nominatim_url, gazetteer, crs=nominatim_crs))
        if pelias_url:
            geocoders.append(PeliasGeocoder(pelias_url, gazetteer, crs=pelias_crs))
        return cls(gazetteer, geocoders, tiles)

    @classmethod
    def from_settings(cls, extra: dict) -> GeoService:
        geo = extra.get("geo", {}) if isinstance(extra, dict) else {}
        return cls.for_city(geo.get("city", "shanghai"), nominatim_url=geo.get("nominatim_url"),
                            nominatim_crs=geo.get("nominatim_crs", "wgs84"),
                            pelias_url=geo.get("pelias_url"),
                            pelias_crs=geo.get("pelias_crs", "wgs84"),
                            tiles=TileSource.from_settings(geo))

    @property
    def city_name(self) -> str:
        return self.gazetteer.city_name

    # --- lookups ------------------------------------------------------------------------------

    def locate(self, text: str, *, limit: int = 8) -> LocateResult:
        """Offline: the places a sentence names, ranked. Never touches the network."""
        return resolve(self.gazetteer, self.extractor.extract(text), limit)

    async def search(self, text: str, *, limit: int = 8) -> LocateResult:
        """`locate`, plus the online geocoders for roads/landmarks left unresolved."""
        result = self.locate(text, limit=limit)
        if not self.geocoders or not (result.unresolved or not result.candidates):
            return result
        query = result.address or text
        for geocoder in self.geocoders:
            try:
                found = await geocoder.geocode(query, limit=limit)
            except GeocoderError as e:
                result.notes.append(str(e))
                continue
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as e:  # a backend bug must not cost the offline answer
                log.exception("geocoder %s failed", geocoder.name)
                result.notes.append(f"{geocoder.name}: {e!s}")
                continue
            offline_districts = {c.district_code for c in result.candidates}
            merged = []
            for cand in found:
                if offline_districts and cand.district_code not in offline_districts:
                    continue  # contradicts the district the caller named
                merged.append(cand)
            if merged:
                result.candidates = merged + result.candidates
                result.candidates = result.candidates[:limit]
                result.unresolved = []
                break
            result.notes.append(f"{geocoder.name}: no match in {self.city_name}")
        return result

    def at_point(self, lon: float, lat: float) -> GeoCandidate | None:
        """A map click: the (approximate) district under a WGS-84 point, or None outside."""
        shape = self.gazetteer.map.district_at(lon, lat)
        if shape is None:
            return None
        return GeoCandidate(
            name=f"{lon:.5f}, {lat:.5f}", level=Level.POINT,
            district_code=shape.code, district_name=shape.name,
            point=(lon, lat), approximate=self.gazetteer.map.approximate, source="map",
            score=1.0, note="district from the approximate map areas"
            if self.gazetteer.map.approximate else "")

    def jurisdiction(self, candidate: GeoCandidate) -> Jurisdiction:
        return jurisdiction_of(candidate, self.gazetteer)

    def choose(self, candidate: GeoCandidate, address: str = "") -> PlaceChoice:
        """The `PlaceChoice` (form Place + jurisdiction) for a candidate the operator took."""
        return place_choice(candidate, self.gazetteer, address)
