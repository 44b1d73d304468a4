"""`agent-desktop geo …`: place lookup from the command line.

    agent-desktop geo locate "杨浦区长海路街道这边" --json

prints the ranked candidates, each with `district_code` (6 digits) and `street_code`
(9 digits) where known, and what could not be resolved offline (roads, landmarks).
`--nominatim URL` also asks a Nominatim-compatible geocoder for those.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    geo = subparsers.add_parser("geo", help="place lookup: text → district, street/town, office")
    geo_sub = geo.add_subparsers(dest="geo_command", metavar="GEO_COMMAND", required=True)
    locate = geo_sub.add_parser("locate", help="rank the places a sentence names")
    locate.add_argument("text", help="what the caller said, e.g. 杨浦区长海路街道这边")
    locate.add_argument("--json", action="store_true", help="print JSON")
    locate.add_argument("--limit", type=int, default=8, help="at most this many candidates")
    locate.add_argument("--city", default="shanghai", help="gazetteer to use (default shanghai)")
    locate.add_argument("--nominatim", metavar="URL",
                        help="also ask this Nominatim-compatible geocoder (e.g. a city GIS)")
    locate.add_argument("--nominatim-crs", default="wgs84", choices=["wgs84", "gcj02", "bd09"],
                        help="coordinate system that geocoder answers in")
    locate.set_defaults(func=run_locate)


def run_locate(args: argparse.Namespace) -> int:
    from .service import GeoService

    try:
        service = GeoService.for_city(args.city, nominatim_url=args.nominatim,
                                      nominatim_crs=args.nominatim_crs)
    except FileNotFoundError as e:
        print(f"agent-desktop geo: {e}", file=sys.stderr)
        return 2
    if args.nominatim:
        result = asyncio.run(service.search(args.text, limit=args.limit))
    else:
        result = service.locate(args.text, limit=args.limit)
    if args.json:
        data = result.to_dict()
        data["city"] = service.city_name
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not result.candidates:
        print("no place found in the text" if not result.unresolved else "not resolved offline")
    for i, c in enumerate(result.candidates, 1):
        codes = " ".join(x for x in (c.district_code, c.street_code) if x)
        print(f"{i}. {c.label}  [{c.level}] {codes}  score {c.score:.2f}")
    for item in result.unresolved:
        print(f"not resolved offline: {item}")
    for note in result.notes:
        print(f"note: {note}")
    return 0
