"""Training scenarios: simulated 12345 calls as data (resources/training/scenarios/*.json).

A scenario is a caller persona, the facts the caller knows, the caller's lines keyed by
what the trainee asks, and the expected work order (a WorkOrderIn) with what may vary.
`load_all()` reads and checks every scenario against the catalog and the divisions and
raises `ScenarioError` listing every problem with its file and scenario id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from agent_desktop.domain.models import WorkOrderIn
from agent_desktop.forms.phone import parse_phone
from agent_desktop.packaged import resource

DIFFICULTIES = ("easy", "medium", "hard")
TEMPERS = ("calm", "annoyed", "angry", "anxious", "cheerful", "polite")
REQUIRED_LINES = ("opening", "place_vague", "place_precise", "when", "how", "phone", "name",
                  "reply_wanted", "confirm_ok", "confirm_wrong", "anything_else",
                  "repeat_on_silence", "impatient", "unknown", "closing")


class ScenarioError(ValueError):
    """One or more scenarios are malformed; the message lists every problem."""


@dataclass(frozen=True)
class Persona:
    age: int
    temper: str
    dialect_words: tuple[str, ...]
    language: str
    description_zh: str = ""


@dataclass(frozen=True)
class Facts:
    problem: str
    place_vague: str
    place_precise: str
    phone: str
    phone_words: str
    name: str
    wants_reply: bool
    when: str = ""
    how: str = ""


@dataclass(frozen=True)
class Acceptable:
    """What may differ from the expected order and still count as right."""

    matter_codes: tuple[str, ...] = ()
    street_optional: bool = False
    appeal_types: tuple[str, ...] = ()
    urgencies: tuple[str, ...] = ()
    caller_names: tuple[str, ...] = ()
    district_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    difficulty: str
    tags: tuple[str, ...]
    persona: Persona
    facts: Facts
    lines: dict[str, tuple[str, ...]]
    expected_order: WorkOrderIn
    acceptable: Acceptable
    address_words: tuple[str, ...]
    essentials: tuple[tuple[str, ...], ...]  # groups of alternative words the content needs
    source: str = ""
    raw: dict[str, Any] | None = None

    @property
    def appeal_type(self) -> str:
        return str(self.expected_order.appeal_type)

    @property
    def domain_code(self) -> str:
        return self.expected_order.matter_code[:2]

    def line(self, key: str, n: int = 0) -> str:
        """The caller's n-th line for `key` (the last one repeats)."""
        options = self.lines[key]
        return options[min(n, len(options) - 1)]


def parse_scenario(d: dict[str, Any], source: str = "") -> Scenario:
    where = f"{source}: {d.get('id', '?')}"
    try:
        order = WorkOrderIn.model_validate(d["expected_order"])
        p, f, a = d["persona"], d["facts"], d.get("acceptable", {})
        return Scenario(
            id=d["id"], title=d["title"], difficulty=d["difficulty"],
            tags=tuple(d.get("tags", ())),
            persona=Persona(int(p["age"]), p["temper"], tuple(p.get("dialect_words", ())),
                            p.get("language", "zh"), p.get("description_zh", "")),
            facts=Facts(**f),
            lines={k: tuple(v) if isinstance(v, list) else (v,) for k, v in d["lines"].items()},
            expected_order=order,
            acceptable=Acceptable(**{k: tuple(v) if isinstance(v, list) else v
                                     for k, v in a.items()}),
            address_words=tuple(d.get("address_words", ())),
            essentials=tuple(tuple(g) for g in d.get("essentials", ())),
            source=source, raw=d)
    except KeyError as e:
        raise ScenarioError(f"{where}: missing field {e}") from None
    except (TypeError, ValueError, ValidationError) as e:
        raise ScenarioError(f"{where}: {e}") from None


@lru_cache(maxsize=1)
def _reference() -> tuple[dict[str, dict], dict[str, str], dict[str, str]]:
    nodes = json.loads(resource("catalog", "catalog.json").read_text(encoding="utf-8"))["nodes"]
    div = json.loads(resource("geo", "shanghai", "divisions.json").read_text(encoding="utf-8"))
    return ({n["code"]: n for n in nodes}, {x["code"]: x["name"] for x in div["districts"]},
            {x["code"]: x["district_code"] for x in div["streets"]})


def problems(s: Scenario) -> list[str]:
    """What is wrong with one scenario, checked against the catalog and the divisions."""
    catalog, districts, streets = _reference()
    out: list[str] = []
    o = s.expected_order
    if s.difficulty not in DIFFICULTIES:
        out.append(f"difficulty {s.difficulty!r} not in {DIFFICULTIES}")
    if s.persona.temper not in TEMPERS:
        out.append(f"persona.temper {s.persona.temper!r} not in {TEMPERS}")
    for key in REQUIRED_LINES:
        if not s.lines.get(key):
            out.append(f"lines.{key} missing")
    for code in (o.matter_code, *s.acceptable.matter_codes):
        if catalog.get(code, {}).get("level") != 5:
            out.append(f"matter {code} is not a catalog leaf")
    dc, sc = o.place.district_code, o.place.street_code
    for code in (dc, *s.acceptable.district_codes):
        if code not in districts:
            out.append(f"district {code} unknown")
    if sc is not None and streets.get(sc) != dc:
        out.append(f"street {sc} is not in district {dc}")
    phone = parse_phone(s.facts.phone)
    if not phone.ok or phone.normalized != s.facts.phone:
        out.append(f"facts.phone {s.facts.phone!r} is not a normalised number")
    elif parse_phone(s.facts.phone_words).normalized != phone.normalized:
        out.append(f"facts.phone_words {s.facts.phone_words!r} do not say {s.facts.phone}")
    if o.caller.phones != [s.facts.phone]:
        out.append("expected_order.caller.phones differs from facts.phone")
    if o.reply_required != s.facts.wants_reply:
        out.append("expected_order.reply_required differs from facts.wants_reply")
    for w in s.address_words:
        if w not in o.place.address:
            out.append(f"address word {w!r} not in the expected address")
    text = o.title + o.content + o.request
    for group in s.essentials:
        if not any(w in text for w in group):
            out.append(f"essential {list(group)} not in the expected content")
    if s.facts.place_vague == s.facts.place_precise:
        out.append("place_vague and place_precise are the same")
    return out


def scenarios_dir() -> Path:
    return resource("training", "scenarios")


def load_all(directory: Path | None = None, check: bool = True) -> dict[str, Scenario]:
    """Every scenario by id, in file order; ScenarioError lists all problems found."""
    found: dict[str, Scenario] = {}
    errors: list[str] = []
    for path in sorted((directory or scenarios_dir()).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{path.name}: not JSON: {e}")
            continue
        items = data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]
        for d in items:
            try:
                s = parse_scenario(d, path.name)
            except ScenarioError as e:
                errors.append(str(e))
                continue
            if s.id in found:
                errors.append(f"{path.name}: {s.id}: duplicate id")
            found[s.id] = s
            if check:
                errors.extend(f"{path.name}: {s.id}: {p}" for p in problems(s))
    if errors:
        raise ScenarioError("\n".join(errors))
    return found
