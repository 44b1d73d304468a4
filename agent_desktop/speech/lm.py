"""A small character n-gram language model of hotline speech, for n-best rescoring.

Whisper's beam returns several hypotheses that differ in a character or two (应景盖 /
应景该, 翻轮 / 翻了). `DomainLM` is trained on the project's own texts — catalog matter
names and keywords, KB article titles and keywords, the gazetteer's districts, streets,
roads and estates, the trainer's scenario lines (typical call phrasing) and the
assistant's cue phrases — and `rescore` picks the hypothesis maximising

    decoder average log-probability + weight × LM log-probability per character.

The model is plain Witten-Bell interpolated character n-grams (order 4 by default) over
Chinese characters and digits (every digit one symbol: phone numbers are not language).
Trained at start-up in well under a second; nothing is downloaded.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

_KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")
BOS, EOS = "^", "$"


def lm_text(text: str) -> str:
    """The symbols the LM sees: Chinese characters, digits as 0, letters lower-cased;
    punctuation and spaces dropped."""
    from .text import to_simplified

    kept = "".join(_KEEP.findall(to_simplified(text)))
    return re.sub(r"[0-9]", "0", kept.lower())


class DomainLM:
    def __init__(self, order: int = 4) -> None:
        self.order = order
        # history + symbol → count (a symbol is one character, so the key is unambiguous)
        self.counts: dict[str, int] = {}
        self.vocab: set[str] = set()
        self._totals: dict[str, tuple[int, int]] = {}  # history → (count, distinct symbols)
        self._cache: dict[tuple[str, str], float] = {}

    def train(self, sentences: Iterable[str]) -> DomainLM:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for s in sentences:
            symbols = lm_text(s)
            if not symbols:
                continue
            padded = BOS * (self.order - 1) + symbols + EOS
            self.vocab.update(symbols)
            for i in range(self.order - 1, len(padded)):
                for k in range(self.order):  # contexts of length 0..order-1
                    counts[padded[i - k:i]][padded[i]] += 1
        self.vocab.add(EOS)
        for history, following in counts.items():
            self._totals[history] = (sum(following.values()), len(following))
            for symbol, n in following.items():
                self.counts[history + symbol] = n
        return self

    def prob(self, history: str, symbol: str) -> float:
        key = (history, symbol)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if history:
            lower = self.prob(history[1:], symbol)
        else:
            lower = 1.0 / (len(self.vocab) + 1)  # +1: a character never seen
        total, types = self._totals.get(history, (0, 0))
        if total == 0:
            p = lower
        else:
            p = (self.counts.get(history + symbol, 0) + types * lower) / (total + types)
        if len(self._cache) < 50_000:
            self._cache[key] = p
        return p

    def logprob(self, text: str) -> tuple[float, int]:
        """(natural log-probability, number of symbols scored incl. the end)."""
        symbols = lm_text(text)
        padded = BOS * (self.order - 1) + symbols + EOS
        total = 0.0
        for i in range(self.order - 1, len(padded)):
            total += math.log(self.prob(padded[i - self.order + 1:i], padded[i]))
        return total, len(symbols) + 1

    def per_char(self, text: str) -> float:
        lp, n = self.logprob(text)
        return lp / n

    def rescore(self, hypotheses: list[tuple[str, float]], weight: float,
                protected: Iterable[str] = (), max_gap: float = 1.0) -> tuple[str, float]:
        """The hypothesis with the best decoder + weight × LM score (the first on ties).
        When the decoder's best hypothesis names one of `protected` (the districts), one
        naming another is not eligible: the LM likes place names, and a second district
        the caller did not say is the worst error the hotline can get. Only hypotheses
        within `max_gap` (average token log-probability) of the best compete, and only
        with the same digits: the LM knows nothing of numbers (every digit is one
        symbol), so it must not choose between two phone numbers."""
        if not hypotheses:
            return "", 0.0
        if weight <= 0 or len(hypotheses) == 1:
            return hypotheses[0]
        first, top = hypotheses[0]
        digits = re.sub(r"\D", "", first)
        hypotheses = [h for h in hypotheses if h[1] >= top - max_gap
                      and re.sub(r"\D", "", h[0]) == digits]
        named = [p for p in protected if p in first]
        if named:
            hypotheses = [h for i, h in enumerate(hypotheses)
                          if i == 0 or not any(p in h[0] and not any(p in n for n in named)
                                               for p in protected)]
        best = max(enumerate(hypotheses),
                   key=lambda x: (x[1][1] + weight * self.per_char(x[1][0]), -x[0]))
        return best[1]


def domain_sentences(resources: Path) -> list[str]:
    """The project's own texts the domain LM learns from (see the module docstring)."""
    out: list[str] = []

    def load(*parts):
        path = resources.joinpath(*parts)
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    catalog = load("catalog", "catalog.json") or {}
    for node in catalog.get("nodes", []):
        out.append(node.get("name", ""))
        out += node.get("keywords", [])
    kb = load("kb", "articles.json") or {}
    for article in kb.get("articles", []):
        out.append(article.get("title", ""))
        out += article.get("keywords", [])
    divisions = load("geo", "shanghai", "divisions.json") or {}
    districts = {d["code"]: d["name"] for d in divisions.get("districts", [])}
    for s in divisions.get("streets", []):
        # a district followed by its street, as callers say it
        out.append(districts.get(s.get("district_code", ""), "") + s["name"])
    for c in divisions.get("committees", []):
        out.append(c.get("name", ""))
    gazetteer = load("geo", "shanghai", "gazetteer.json") or {}
    for e in gazetteer.get("estates", []):
        out.append(e.get("name", ""))
    cues = load("assist", "cues.json") or {}
    out += list(_strings(cues))
    scenarios = resources / "training" / "scenarios"
    if scenarios.is_dir():
        for path in sorted(scenarios.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for sc in data.get("scenarios", []):
                out += list(_strings(sc.get("lines", {})))
                out += list(_strings(sc.get("facts", {})))
    # one sentence per clause: the decoder's punctuation differs between hypotheses
    return [p for s in out if isinstance(s, str)
            for p in re.split(r"[，。？！；、,.?!;\s]+", s) if p]


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("about", "id", "phone", "phone_words"):
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def build_domain_lm(resources: Path | None = None, order: int = 4) -> DomainLM:
    if resources is None:
        from agent_desktop.paths import resources_dir

        resources = resources_dir()
    return DomainLM(order).train(domain_sentences(Path(resources)))
