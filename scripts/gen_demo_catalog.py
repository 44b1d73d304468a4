"""Compile the demo matter catalog: resources/catalog/demo_catalog.txt → catalog.json.

The source is an indented outline (format described at the top of the .txt file): one
line per node, routing rules (`@mode:function`) and time-limit profiles (`~profile`)
inherited down the tree. This script assigns the 2-digits-per-level codes in tree order,
expands the profiles into `time_limits` and writes the flat JSON that
`agent_desktop.domain.reference.load_catalog` reads.

    python scripts/gen_demo_catalog.py            # rewrite resources/catalog/catalog.json
    python scripts/gen_demo_catalog.py --check    # fail if catalog.json is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "catalog" / "demo_catalog.txt"
TARGET = ROOT / "resources" / "catalog" / "catalog.json"
VERSION_PREFIX = "demo-1"


def _wd(n: int) -> dict:
    return {"value": n, "unit": "working_days"}


def _h(n: int) -> dict:
    return {"value": n, "unit": "hours"}


def _tier(sign: dict, contact: dict, resolve: dict) -> dict:
    return {"sign": sign, "contact": contact, "resolve": resolve}


# Time-limit profiles: urgency tier → sign / contact the caller / resolve.
# "std" is Shanghai's 1-5-15 working-day rule; urgent tiers count clock hours or fewer days.
PROFILES: dict[str, dict] = {
    # Ordinary matters (Shanghai 1-5-15).
    "std": {
        "normal": _tier(_wd(1), _wd(5), _wd(15)),
        "urgent": _tier(_h(2), _h(12), _wd(5)),
        "critical": _tier(_h(1), _h(2), _h(24)),
    },
    # Simple field jobs (a lamp, a bin, a parked car): contact and resolve sooner.
    "quick": {
        "normal": _tier(_wd(1), _wd(3), _wd(7)),
        "urgent": _tier(_h(2), _h(8), _wd(3)),
        "critical": _tier(_h(1), _h(2), _h(24)),
    },
    # Safety hazards (missing manhole cover, gas smell, falling sign): hours, not days.
    "safety": {
        "normal": _tier(_h(2), _wd(1), _wd(3)),
        "urgent": _tier(_h(1), _h(2), _h(24)),
        "critical": _tier(_h(1), _h(1), _h(4)),
    },
    # Policy questions a department answers: a reply is due within days.
    "consult": {
        "normal": _tier(_wd(1), _wd(3), _wd(5)),
        "urgent": _tier(_h(2), _h(8), _wd(2)),
        "critical": _tier(_h(1), _h(2), _wd(1)),
    },
    # Public utilities (water, power, gas supply): service is restored in hours.
    "utility": {
        "normal": _tier(_h(4), _wd(1), _wd(3)),
        "urgent": _tier(_h(1), _h(2), _h(12)),
        "critical": _tier(_h(1), _h(1), _h(4)),
    },
}

ROUTING_MODES = ("city", "district", "street")


class SourceError(ValueError):
    pass


def _parse_attrs(tokens: list[str], where: str) -> tuple[dict | None, str | None, list[str]]:
    routing = profile = None
    rest: list[str] = []
    for tok in tokens:
        if tok.startswith("@"):
            mode, _, function = tok[1:].partition(":")
            if mode not in ROUTING_MODES or not function:
                raise SourceError(f"{where}: bad routing {tok!r}")
            routing = {"mode": mode, "function": function}
        elif tok.startswith("~"):
            if tok[1:] not in PROFILES:
                raise SourceError(f"{where}: unknown time-limit profile {tok!r}")
            profile = tok[1:]
        else:
            rest.append(tok)
    return routing, profile, rest


def parse(text: str) -> list[dict]:
    """Parse the outline into flat catalog nodes (tree order, codes assigned)."""
    nodes: list[dict] = []
    # Per level: the current node, its inherited routing/profile, its child counter.
    stack: list[dict] = []
    top_count = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"line {lineno}"
        indent = len(raw) - len(raw.lstrip(" "))
        if indent % 2:
            raise SourceError(f"{where}: indentation must be a multiple of 2 spaces")
        level = indent // 2 + 1
        if level > 5:
            raise SourceError(f"{where}: deeper than level 5")
        if level > len(stack) + 1:
            raise SourceError(f"{where}: skips a level")
        del stack[level - 1 :]
        body = raw.strip()
        if level == 5:
            name, sep, rest = body.partition(":")
            if not sep:
                raise SourceError(f"{where}: a leaf needs ': keywords'")
            routing, profile, keywords = _parse_attrs(rest.split(), where)
        else:
            name, *tokens = body.split()
            routing, profile, extra = _parse_attrs(tokens, where)
            if extra:
                raise SourceError(f"{where}: unexpected {extra!r} on an inner node")
        name = name.strip()
        parent = stack[-1] if stack else None
        if parent is None:
            top_count += 1
            index = top_count
        else:
            parent["children"] += 1
            index = parent["children"]
        if index > 99:
            raise SourceError(f"{where}: more than 99 children")
        code = (parent["node"]["code"] if parent else "") + f"{index:02d}"
        node: dict = {
            "code": code,
            "name": name,
            "level": level,
            "parent_code": parent["node"]["code"] if parent else None,
        }
        routing = routing or (parent["routing"] if parent else None)
        profile = profile or (parent["profile"] if parent else None)
        if level == 5:
            if not 3 <= len(keywords) <= 8:
                raise SourceError(f"{where}: {name} has {len(keywords)} keywords (3–8)")
            if len(set(keywords)) != len(keywords):
                raise SourceError(f"{where}: {name} repeats a keyword")
            if routing is None or profile is None:
                raise SourceError(f"{where}: {name} has no routing rule or time-limit profile")
            node["keywords"] = keywords
            node["routing"] = dict(routing)
            node["time_limits"] = json.loads(json.dumps(PROFILES[profile]))
        nodes.append(node)
        stack.append({"node": node, "routing": routing, "profile": profile, "children": 0})
    _check_shape(nodes)
    return nodes


def _check_shape(nodes: list[dict]) -> None:
    has_child = {n["parent_code"] for n in nodes if n["parent_code"]}
    names: dict[str, str] = {}
    for n in nodes:
        if n["level"] < 5 and n["code"] not in has_child:
            raise SourceError(f"{n['name']} (level {n['level']}) has no children")
        if n["level"] == 5:
            if n["name"] in names:
                raise SourceError(f"leaf name {n['name']} is used twice")
            names[n["name"]] = n["code"]


def build(text: str) -> dict:
    nodes = parse(text)
    digest = hashlib.sha256(
        json.dumps(nodes, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()[:10]
    return {"version": f"{VERSION_PREFIX}+{digest}", "nodes": nodes}


def render(catalog: dict) -> str:
    # One node per line: diffable, and far smaller than an indented dump.
    lines = [json.dumps(n, ensure_ascii=False, separators=(",", ":")) for n in catalog["nodes"]]
    return (
        "{\n"
        f' "version": {json.dumps(catalog["version"])},\n'
        ' "nodes": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=TARGET)
    ap.add_argument("--check", action="store_true", help="only check the output is current")
    args = ap.parse_args(argv)
    catalog = build(args.source.read_text(encoding="utf-8"))
    text = render(catalog)
    leaves = sum(1 for n in catalog["nodes"] if n["level"] == 5)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({leaves} leaves)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(catalog['nodes'])} nodes, {leaves} leaves, {catalog['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
