"""How place names sound: the folded toneless pinyin that finds names speech recognition
wrote with a homophone (常海路 for 长海路).

At run time this needs no pypinyin import (its phrase dictionary costs ~55 MB of memory):
- the sound index of the district and street/town names is built with pypinyin by
  scripts/build_gazetteer.py and committed in gazetteer.json (`sounds`),
- one character's reading comes from pypinyin's own single-character table
  (pinyin_dict.json, read as data), kept as one small list of shared syllable strings.

    >>> syllable("常")
    'can'
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

FIRST, LAST = 0x4E00, 0x9FFF  # the CJK block the extractor reads by sound
MAX_READINGS = 16  # heteronym combinations kept per name

_table: list[str] | None = None
_lock = threading.Lock()


def fold(syllable: str) -> str:
    """Fold the sounds southern speakers (and recognisers) confuse: zh/z, ch/c, sh/s,
    n/l, -ng/-n."""
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(a):
            syllable = b + syllable[2:]
    if syllable.startswith("l"):
        syllable = "n" + syllable[1:]
    if syllable.endswith("ng") and len(syllable) > 2:
        syllable = syllable[:-1]
    return syllable


def toneless(reading: str) -> str:
    """pypinyin's Style.NORMAL of a toned syllable: marks dropped, ü written v."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pinyin_dict_path() -> Path | None:
    spec = importlib.util.find_spec("pypinyin")  # finds the package without running it
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "pinyin_dict.json"
        if path.exists():
            return path
    return None


def _load_table() -> list[str]:
    path = _pinyin_dict_path()
    if path is not None:
        raw: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        first = {int(k): v.split(",", 1)[0] for k, v in raw.items()
                 if FIRST <= int(k) <= LAST}
    else:  # another pypinyin layout: ask pypinyin itself
        from pypinyin.constants import PINYIN_DICT

        first = {k: v.split(",", 1)[0] for k, v in PINYIN_DICT.items() if FIRST <= k <= LAST}
    shared: dict[str, str] = {}
    table = []
    for code in range(FIRST, LAST + 1):
        reading = first.get(code)
        if reading is None:
            table.append(chr(code))  # no reading: the character stands for itself
        else:
            s = fold(toneless(reading))
            table.append(shared.setdefault(s, s))
    return table


def syllable(char: str) -> str:
    """The folded first reading of one character of the CJK block (as
    `fold(lazy_pinyin(char)[0])`); other characters stand for themselves."""
    global _table
    code = ord(char)
    if not FIRST <= code <= LAST:
        return char
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load_table()
    return _table[code - FIRST]


def sound_index(aliases: Iterable[str]) -> dict[str, str]:
    """Folded pinyin ("can-hai-nu") → the first alias that sounds so, for every reading
    (heteronyms, up to MAX_READINGS combinations) of each alias. Build time: imports
    pypinyin."""
    from pypinyin import Style, pinyin

    index: dict[str, str] = {}
    for alias in aliases:
        readings = [[fold(r) for r in dict.fromkeys(rs)]
                    for rs in pinyin(alias, style=Style.NORMAL, heteronym=True)]
        for combo in itertools.islice(itertools.product(*readings), MAX_READINGS):
            index.setdefault("-".join(combo), alias)
    return index
