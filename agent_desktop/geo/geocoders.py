"""Geocoders: one interface, several backends, one candidate type.

- `GazetteerGeocoder` (default, offline): the embedded gazetteer of the configured city.
- `NominatimGeocoder`: any server speaking Nominatim's `/search` JSON API (OpenStreetMap's
  Nominatim, or a city GIS behind a Nominatim-compatible facade). Results are converted to
  WGS-84 at the edge (`crs=` says what the server speaks) and placed in the city's
  divisions from the address fields, else by point-in-polygon on the approximate areas.
- `PeliasGeocoder`: a Pelias server's `/v1/search` (GeoJSON features), placed the same way
  from its `county`/`borough`/`locality`/`neighbourhood` fields.

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
        rows = await _get_json(self._client, f"{self.base_url}/search",
                               self._params(query, limit), self._headers, self._timeout,
                               self.base_url)
        if not isinstance(rows, list):
            raise GeocoderError(f"geocoder at {self.base_url} sent an unexpected answer")
        out = [c for c in (self._candidate(row) for row in rows) if c is not None]
        return out[:limit]

    def _candidate(self, row: dict) -> GeoCandidate | None:
        try:
            lon, lat = to_wgs84(float(row["lon"]), float(row["lat"]), self.crs)
        except (KeyError, TypeError, ValueError):
            return None
        address = row.get("address") or {}
        name = row.get("name") or str(row.get("display_name", "")).split(",")[0].strip()
        try:
            importance = float(row.get("importance") or 0.0)
        except ValueError:
            importance = 0.0
        return _placed(self.gazetteer, self.name, lon, lat,
                       [address.get(k) for k in _DISTRICT_KEYS],
                       [address.get(k) for k in _STREET_KEYS],
                       name or str(row.get("display_name", "")),
                       str(row.get("display_name", "")), importance)


def _placed(g: Gazetteer, source: str, lon: float, lat: float, district_names, street_names,
            name: str, matched: str, importance: float) -> GeoCandidate | None:
    """A geocoder's WGS-84 point placed in the city's divisions: the district from the
    answer's address names, else from the approximate areas; the street/town only by name."""
    if not g.map.contains(lon, lat):
        return None  # outside the configured city
    district = None
    approximate = False
    for value in district_names:
        if value:
            district = g.district_by_name(str(value))
            if district:
                break
    if district is None:
        shape = g.map.district_at(lon, lat)
        if shape is None:
            return None
        district, approximate = g.districts[shape.code], True
    street = None
    for value in street_names:
        if value:
            found = g.streets_named(str(value), district.code)
            if found:
                street = found[0]
                break
    return GeoCandidate(
        name=name, level=Level.ADDRESS,
        district_code=district.code, district_name=district.name,
        street_code=street.code if street else None,
        street_name=street.name if street else None,
        point=(round(lon, 7), round(lat, 7)), approximate=False,
        source=source, score=round(0.5 + 0.4 * max(0.0, min(1.0, importance)), 3),
        matched=matched,
        note="district from the approximate map areas" if approximate else "",
    )


async def _get_json(client: httpx.AsyncClient | None, url: str, params: dict, headers: dict,
                    timeout: float, base_url: str):
    try:
        if client is not None:
            resp = await client.get(url, params=params, headers=headers, timeout=timeout)
        else:
            async with httpx.AsyncClient(timeout=timeout) as own:
                resp = await own.get(url, params=params, headers=headers)
        resp.raise_for_status()
        return resp.json()
    except httpx.HTTPStatusError as e:
        raise GeocoderError(f"geocoder at {base_url} answered "
                            f"{e.response.status_code}; check the geocoder URL") from e
    except httpx.HTTPError as e:
        raise GeocoderError(f"geocoder at {base_url} is unreachable ({e!s}); "
                            "offline results only") from e
    except ValueError as e:
        raise GeocoderError(f"geocoder at {base_url} did not send JSON") from e


# Pelias (Who's On First) layers, most specific first, that may hold a district or street.
_PELIAS_DISTRICT_KEYS = ("county", "borough", "localadmin", "locality")
_PELIAS_STREET_KEYS = ("neighbourhood", "localadmin", "borough", "locality")


class PeliasGeocoder:
    """Pelias `/v1/search` client, restricted to the city's box."""

    name = "pelias"

    def __init__(self, base_url: str, gazetteer: Gazetteer, *,
                 client: httpx.AsyncClient | None = None, crs: CoordSystem | str = "wgs84",
                 timeout: float = 5.0, api_key: str | None = None,
                 user_agent: str = "agent-desktop/0.1 (12345 hotline)",
                 language: str = "zh") -> None:
        self.base_url = base_url.rstrip("/")
        self.gazetteer = gazetteer
        self.crs = CoordSystem(crs)
        self._client = client
        self._timeout = timeout
        self._api_key = api_key
        self._language = language
        self._headers = {"User-Agent": user_agent, "Accept-Language": language}

    def _params(self, query: str, limit: int) -> dict[str, str | int | float]:
        min_lon, min_lat, max_lon, max_lat = self.gazetteer.map.bbox
        city = self.gazetteer.city_name
        params: dict[str, str | int | float] = {
            "text": query if query.startswith(city) else f"{city}{query}", "size": limit,
            "lang": self._language,
            "boundary.rect.min_lon": min_lon, "boundary.rect.min_lat": min_lat,
            "boundary.rect.max_lon": max_lon, "boundary.rect.max_lat": max_lat,
        }
        if self._api_key:
            params["api_key"] = self._api_key
        return params

    async def geocode(self, query: str, *, limit: int = 5) -> list[GeoCandidate]:
        data = await _get_json(self._client, f"{self.base_url}/v1/search",
                               self._params(query, limit), self._headers, self._timeout,
                               self.base_url)
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise GeocoderError(f"geocoder at {self.base_url} sent an unexpected answer")
        out = [c for c in (self._candidate(f) for f in features) if c is not None]
        return out[:limit]

    def _candidate(self, feature: dict) -> GeoCandidate | None:
        try:
            lon, lat = feature["geometry"]["coordinates"][:2]
            lon, lat = to_wgs84(float(lon), float(lat), self.crs)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        props = feature.get("properties") or {}
        try:
            confidence = float(props.get("confidence") or 0.0)
        except (TypeError, ValueError):
            confidence = 0.0
        return _placed(self.gazetteer, self.name, lon, lat,
                       [props.get(k) for k in _PELIAS_DISTRICT_KEYS],
                       [props.get(k) for k in _PELIAS_STREET_KEYS],
                       str(props.get("name") or props.get("label") or ""),
                       str(props.get("label") or ""), confidence)
