"""Map lookup: where a caller's place is, and which district and street/town office it
belongs to.

    from agent_desktop.geo import GeoService
    service = GeoService.for_city("shanghai")
    result = service.locate("杨浦区长海路街道这边")
    result.best.district_code, result.best.street_code   # ('310110', '310110021')

Modules: `gazetteer` (embedded divisions, aliases, approximate map), `extract` (place
words in free text), `resolve` (ranking), `curated` (landmark and road tables),
`geocoders` (Geocoder interface: gazetteer, Nominatim, Pelias), `tiles` (a configured XYZ
tile server), `jurisdiction` (candidate → district + street office → form Place), `crs`
(WGS-84 / GCJ-02 / BD-09), `service` (GeoService), `cli` (`agent-desktop geo locate`).
Nothing here imports Qt.
"""

from .geocoders import (
    GazetteerGeocoder,
    Geocoder,
    GeocoderError,
    NominatimGeocoder,
    PeliasGeocoder,
)
from .jurisdiction import Jurisdiction, PlaceChoice
from .model import GeoCandidate, Level, LocateResult
from .service import GeoService

__all__ = [
    "GazetteerGeocoder",
    "GeoCandidate",
    "GeoService",
    "Geocoder",
    "GeocoderError",
    "Jurisdiction",
    "Level",
    "LocateResult",
    "NominatimGeocoder",
    "PeliasGeocoder",
    "PlaceChoice",
]
