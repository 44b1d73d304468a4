"""Sound lookup without pypinyin at run time: same readings, same index, less memory."""

from __future__ import annotations

import subprocess
import sys

from pypinyin import lazy_pinyin

from agent_desktop.geo.extract import PlaceExtractor, sounded_aliases
from agent_desktop.geo.gazetteer import load_gazetteer
from agent_desktop.geo.sounds import FIRST, LAST, fold, sound_index, syllable


def test_every_character_reads_as_pypinyin_reads_it():
    wrong = [chr(c) for c in range(FIRST, LAST + 1)
             if syllable(chr(c)) != fold(lazy_pinyin(chr(c))[0])]
    assert wrong == []
    assert syllable("a") == "a" and syllable("，") == "，"


def test_committed_sound_index_is_the_one_pypinyin_gives_for_the_index():
    gaz = load_gazetteer("shanghai")
    live = sound_index(sounded_aliases(gaz.index))
    assert gaz.sounds is not None
    assert list(gaz.sounds.items()) == list(live.items())
    assert gaz.sounds["can-hai-nu-jie-dao"] == "长海路街道"


def test_extractor_without_a_committed_index_builds_the_same_one():
    gaz = load_gazetteer("shanghai")
    committed = gaz.sounds
    ex = PlaceExtractor(gaz)
    ex._sound_index = None
    assert ex._sounds() == committed


def test_the_service_loads_and_hears_homophones_without_pypinyin():
    code = """
import sys
from agent_desktop.geo import GeoService
best = GeoService.from_settings({}).locate("常海路街道这边停水了").best
print(best.street_code, best.note, any(m.startswith("pypinyin") for m in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["310110021", "sounds", "like", "长海路街道", "False"]
