"""Jurisdiction: which district and which street/town office a place belongs to, and the
`Place` the work-order form receives.

The responsible office of a place is its street office or town government (9-digit street
code) when the street is known, else the district (6-digit code); department codes for
street offices are the street codes, for district-level units the district codes.

    >>> from agent_desktop.geo.gazetteer import load_gazetteer
    >>> from agent_desktop.geo.model import GeoCandidate, Level
    >>> gaz = load_gazetteer("shanghai")
    >>> j = jurisdiction_of(GeoCandidate("长海路街道", Level.STREET, street_code="310110021"), gaz)
    >>> j.district_name, j.street_name, j.office_code
    ('杨浦区', '长海路街道', '310110021')
"""

from __future__ import annotations

from dataclasses import dataclass

from agent_desktop.domain.models import Place

from .gazetteer import Gazetteer
from .model import GeoCandidate


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    district_code: str | None
    district_name: str | None
    street_code: str | None = None
    street_name: str | None = None
    street_kind: str | None = None  # 街道 / 镇 / 乡 / 其他
    approximate: bool = False  # decided from the approximate district areas

    @property
    def office_code(self) -> str | None:
        """Code of the responsible office: the street office/town, else the district."""
        return self.street_code or self.district_code

    @property
    def office_level(self) -> str | None:
        if self.street_code:
            return "street"
        return "district" if self.district_code else None

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.district_name, self.street_name) if p)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """What the map hands to the work-order form when the operator picks a candidate."""

    place: Place
    jurisdiction: Jurisdiction
    candidate: GeoCandidate

    @property
    def label(self) -> str:
        return self.candidate.label


def jurisdiction_of(candidate: GeoCandidate, gazetteer: Gazetteer) -> Jurisdiction:
    street_code = candidate.street_code
    street = gazetteer.streets.get(street_code) if street_code else None
    district_code = candidate.district_code or (street.district_code if street else None)
    district = gazetteer.districts.get(district_code) if district_code else None
    return Jurisdiction(
        district_code=district.code if district else None,
        district_name=district.name if district else None,
        street_code=street.code if street else None,
        street_name=street.name if street else None,
        street_kind=street.kind if street else None,
        approximate=candidate.approximate and street is None,
    )


def place_choice(candidate: GeoCandidate, gazetteer: Gazetteer, address: str = "") -> PlaceChoice:
    """The form's `Place` for a candidate: codes, the caller's address words, and a point
    only when it is a real coordinate (not a district's approximate label point)."""
    j = jurisdiction_of(candidate, gazetteer)
    lon = lat = None
    if candidate.point and not candidate.approximate:
        lon, lat = candidate.point
    elif candidate.point and candidate.source == "map":
        lon, lat = candidate.point  # where the operator clicked: a real point
    place = Place(district_code=j.district_code, street_code=j.street_code,
                  address=address or candidate.label, lon=lon, lat=lat)
    return PlaceChoice(place, j, candidate)
