"""Geocoders: one interface, several backends, one candidate type.

- `GazetteerGeocoder` (default, offline): the embedded gazetteer of the configured city.
- `NominatimGeocoder`: any server speaking Nominatim's `/search` JSON API (OpenStreetMap's
  Nominatim, or a city GIS behind a Nominatim-compatible facade). Results are converted to
  WGS-84 at the edge (`crs=` says what the server speaks) and placed in the city's
  divisions from the address fields, else by point-in-polygon on the approximate areas.

    geocoder = NominatimGeocoder("http://gis.example/nominatim", gazetteer)
    candidates = await geocoder.geocode("营口路 100号")

A backend raises `GeocoderError` with a message an operator can act on; `GeoService`
turns it into a note and keeps the offline candidates.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import httpx

from .crs import CoordSystem, to_wgs84
from .gazetteer import Gazetteer
from .model import GeoCandidate, Level


class GeocoderError(Exception):
    """A geocoder could not answer (unreachable, refused, or sent something unreadable)."""


@runtime_checkable
class Geocoder(Protocol):
    name: str

    async def geocode(self, query: str, *, limit: int = 5) -> list[GeoCandidate]: ...


class GazetteerGeocoder:
    """The embedded gazetteer as a `Geocoder` (offline, a few milliseconds)."""

    name = "gazetteer"

    def __init__(self, locate) -> None:  # locate: Callable[[str, int], LocateResult]
        self._locate = locate

    async def geocode(self, query: str, *, limit: int = 5) -> list[GeoCandidate]:
        return self._locate(query, limit).candidates


# Nominatim address keys, most specific first, that may hold a district or a street/town.
_DISTRICT_KEYS = ("city_district", "district", "county", "borough", "suburb", "city")
_STREET_KEYS = ("suburb", "town", "township", "village", "quarter", "neighbourhood",
                "city_district", "municipality", "hamlet")


class NominatimGeocoder:
    """Nominatim `/search` client (jsonv2, addressdetails), restricted to the city's box."""

    name = "nominatim"

    def __init__(self, base_url: str, gazetteer: Gazetteer, *,
                 client: httpx.AsyncClient | None = None, crs: CoordSystem | str = "wgs84",
                 timeout: float = 5.0, user_agent: str = "agent-desktop/0.1 (12345 hotline)",
                 language: str = "zh-CN") -> None:
        self.base_url = base_url.rstrip("/")
        self.gazetteer = gazetteer
        self.crs = CoordSystem(crs)
        self._client = client
        self._timeout = timeout
        self._headers = {"User-Agent": user_agent, "Accept-Language": language}

    def _params(self, query: str, limit: int) -> dict[str, str | int]:
        min_lon, min_lat, max_lon, max_lat = self.gazetteer.map.bbox
        city = self.gazetteer.city_name
        q = query if query.startswith(city) else f"{city}{query}"
        return {"q": q, "format": "jsonv2", "addressdetails": 1, "limit": limit,
                "countrycodes": "cn", "bounded": 1,
                "viewbox": f"{min_lon},{max_lat},{max_lon},{min_lat}"}

    async def geocode(self, query: str, *, limit: int = 5) -> list[GeoCandidate]:
        url = f"{self.base_url}/search"
        try:
            if self._client is not None:
                resp = await self._client.get(url, params=self._params(query, limit),
                                              headers=self._headers, timeout=self._timeout)
            else:
                async with httpx.AsyncClient(timeout=self._timeout) as client:
                    resp = await client.get(url, params=self._params(query, limit),
                                            headers=self._headers)
            resp.raise_for_status()
            rows = resp.json()
        except httpx.HTTPStatusError as e:
            raise GeocoderError(f"geocoder at {self.base_url} answered "
                                f"{e.response.status_code}; check the geocoder URL") from e
        except httpx.HTTPError as e:
            raise GeocoderError(f"geocoder at {self.base_url} is unreachable ({e!s}); "
                                "offline results only") from e
        except ValueError as e:
            raise GeocoderError(f"geocoder at {self.base_url} did not send JSON") from e
        if not isinstance(rows, list):
            raise GeocoderError(f"geocoder at {self.base_url} sent an unexpected answer")
        out = [c for c in (self._candidate(row) for row in rows) if c is not None]
        return out[:limit]

    def _candidate(self, row: dict) -> GeoCandidate | None:
        try:
            lon, lat = to_wgs84(float(row["lon"]), float(row["lat"]), self.crs)
        except (KeyError, TypeError, ValueError):
            return None
        g = self.gazetteer
        if not g.map.contains(lon, lat):
            return None  # outside the configured city
        address = row.get("address") or {}
        district = None
        approximate = False
        for key in _DISTRICT_KEYS:
            if address.get(key):
                district = g.district_by_name(address[key])
                if district:
                    break
        if district is None:
            shape = g.map.district_at(lon, lat)
            if shape is None:
                return None
            district, approximate = g.districts[shape.code], True
        street = None
        for key in _STREET_KEYS:
            value = address.get(key)
            if value:
                found = g.streets_named(value, district.code)
                if found:
                    street = found[0]
                    break
        name = row.get("name") or str(row.get("display_name", "")).split(",")[0].strip()
        try:
            importance = float(row.get("importance") or 0.0)
        except ValueError:
            importance = 0.0
        return GeoCandidate(
            name=name or str(row.get("display_name", "")),
            level=Level.ADDRESS,
            district_code=district.code, district_name=district.name,
            street_code=street.code if street else None,
            street_name=street.name if street else None,
            point=(round(lon, 7), round(lat, 7)), approximate=False,
            source=self.name, score=round(0.5 + 0.4 * max(0.0, min(1.0, importance)), 3),
            matched=str(row.get("display_name", "")),
            note="district from the approximate map areas" if approximate else "",
        )
