"""Per-call biasing: the decoder prompt chosen from what this call has already said.

The fixed vocabulary prompt (`Vocabulary.prompt()`) names the 16 districts and the
commonest hotline words for every utterance of every call. `CallBias.prompt(said)`
instead builds the prompt from the text heard so far in the call (earlier finals of
both sides and the current utterance's latest partial):

- a district the call has named (or something sounding exactly like one: 宋江 → 松江)
  brings its streets and towns from the Shanghai divisions (松江区 → 新桥镇、泗泾镇…);
  with no district named yet, all districts are listed as in the fixed prompt;
- catalog, KB and hotline terms sounding like a stretch of what was said (攻基金 →
  公积金) come next, then the fixed hotline words fill what room is left.

faster-whisper's `hotwords` are the same mechanism (text put in the decoder's previous-text
slot); the engine receives the result as its `prompt`, so the prompt-echo fallback of
`FasterWhisperEngine.recognize` applies unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .bias import HOTLINE_TERMS, PinyinCorrector, Vocabulary, syllable_similarity

_HANZI = re.compile(r"[\u3400-\u9fff]+")


def load_divisions(path: str | Path | None = None) -> tuple[str, dict[str, list[str]]]:
    """(city, {district: [its streets and towns]}) from the Shanghai divisions."""
    if path is None:
        from agent_desktop.paths import resource

        path = resource("geo", "shanghai", "divisions.json")
    d = json.loads(Path(path).read_text(encoding="utf-8"))
    names = {x["code"]: x["name"] for x in d.get("districts", [])}
    streets: dict[str, list[str]] = {n: [] for n in names.values()}
    for s in d.get("streets", []):
        district = names.get(s.get("district_code", ""))
        if district:
            streets[district].append(s["name"])
    return d.get("city", {}).get("name", "上海市"), streets


class CallBias:
    """Choose a decoder prompt per utterance from the call so far."""

    def __init__(self, vocabulary: Vocabulary, corrector: PinyinCorrector, *,
                 divisions: str | Path | None = None, max_chars: int = 150) -> None:
        self.vocabulary = vocabulary
        self.corrector = corrector
        self.max_chars = max_chars
        self.city, self.streets = load_divisions(divisions)
        self.districts = list(self.streets)
        # district short names (松江, 浦东) by toneless pinyin, to hear 宋江 as 松江
        self._district_by_sound: dict[tuple[str, ...], str] = {}
        self._short: dict[str, str] = {}
        for name in self.districts:
            short = re.sub("(新区|区)$", "", name)
            self._short[short] = name
            self._district_by_sound[tuple(corrector._pinyin(short))] = name
        # terms by toneless pinyin: exact matches for any length, near ones for ≥ 3
        self._terms: dict[tuple[str, ...], str] = {}
        self._near: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
        for cat in ("hotline", "matter", "kb"):
            for term in vocabulary.terms.get(cat, []):
                if not _HANZI.fullmatch(term) or not 2 <= len(term) <= 6:
                    continue
                syl = tuple(corrector._pinyin(term))
                self._terms.setdefault(syl, term)
                if len(syl) >= 3:
                    self._near.setdefault(len(syl), []).append((term, syl))
        self._near_choices = {n: [" ".join(syl) for _, syl in items]
                              for n, items in self._near.items()}

    def districts_named(self, said: str) -> list[str]:
        """Districts the text names, exactly or by sound (宋江区 → 松江区), in order."""
        found: list[str] = []
        for m in _HANZI.finditer(said):
            run = m.group(0)
            syl = self.corrector._pinyin(run)
            i = 0
            while i < len(run) - 1:
                name = None
                for short, full in self._short.items():
                    if run.startswith(short, i):
                        name = full
                        break
                if name is None:
                    name = self._district_by_sound.get(tuple(syl[i:i + 2]))
                    # a sound-alike counts only as a district: followed by 区
                    if name and not run.startswith("区", i + 2) and \
                            not run.startswith("新区", i + 2):
                        name = None
                if name:
                    if name not in found:
                        found.append(name)
                    i += 2
                else:
                    i += 1
        return found

    def terms_heard(self, said: str, limit: int = 12, window: int = 60) -> list[str]:
        """Catalog/KB/hotline terms sounding like (or spelled as) a stretch of the last
        `window` characters of the text, most recent first."""
        from rapidfuzz import fuzz, process

        out: list[str] = []
        runs = list(_HANZI.finditer(said[-window:]))
        for m in reversed(runs):
            run = m.group(0)
            syl = self.corrector._pinyin(run)
            for n in range(min(6, len(run)), 1, -1):
                near = self._near_choices.get(n)
                for i in range(len(run) - n + 1):
                    window_syl = tuple(syl[i:i + n])
                    term = self._terms.get(window_syl)
                    if term is None and near:
                        hit = process.extractOne(" ".join(window_syl), near, scorer=fuzz.ratio,
                                                 score_cutoff=75)
                        if hit is not None:
                            cand, tsyl = self._near[n][hit[2]]
                            sims = [syllable_similarity(a, b)
                                    for a, b in zip(window_syl, tsyl)]
                            if min(sims) >= 0.5 and sum(sims) / n >= 0.84:
                                term = cand
                    if term and term not in out:
                        out.append(term)
        return out[:limit]

    def prompt(self, said: str = "") -> str:
        """The decoder prompt for the next utterance of a call that has said `said`."""
        head = f"{self.city}12345市民服务热线来电。"
        districts = self.districts_named(said)
        if districts:
            places = []
            for d in districts[:2]:
                places.append(d + "：" + "、".join(self.streets.get(d, [])))
            place_text = "。".join(places) + "。"
        else:
            place_text = "、".join(n for n in self.districts) + "。"
        terms = self.terms_heard(said)
        fill = [t for t in HOTLINE_TERMS if _HANZI.fullmatch(t) and t not in terms]
        text = head + place_text
        room = self.max_chars - len(text)
        words: list[str] = []
        for t in (*terms, *fill):
            if len(t) + 1 > room:
                break
            words.append(t)
            room -= len(t) + 1
        if words:
            text += "、".join(words) + "。"
        if len(text) > self.max_chars:  # a district with very many streets
            text = text[:self.max_chars].rsplit("、", 1)[0] + "。"
        return text
