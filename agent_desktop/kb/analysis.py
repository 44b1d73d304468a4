"""Chinese text analysis for the knowledge base: normalisation, segmentation, query expansion.

One `Analyzer` turns article fields into index terms and an operator's query into weighted
terms. Segmentation is jieba (search mode, no HMM so the same text always gives the same
terms) with the hotline dictionary in `resources/kb/hotline_dict.txt`; query expansion
uses the colloquial→formal mappings in `resources/kb/synonyms.json` (data, not code).

    analyzer = Analyzer.default()
    analyzer.terms("不动产权证书遗失补办")      # ['不动', '动产', '不动产', '权', '证书', …]
    analyzer.query_terms("房产证泡水了")        # {'房产证': 1.0, '泡水': 1.0, '不动产': 0.9, …}
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from agent_desktop.paths import resource

jieba.setLogLevel(logging.WARNING)

ANALYZER_VERSION = "3"  # bump when the terms of a text change (analysis or doc_terms)

# Weights of query terms by where they came from.
WEIGHT_QUERY = 1.0
WEIGHT_SYNONYM = 0.9
WEIGHT_PINYIN = 0.7
WEIGHT_CHAR = 0.5
SHARE_EXPONENT = 0.75  # a word of k terms gives each weight / k ** SHARE_EXPONENT

_CJK = re.compile(r"[\u3400-\u9fff]+")
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)


@dataclass(frozen=True)
class SynonymRule:
    """Any of `when` found in a query adds the terms of `add` (e.g. 房产证 → 不动产权证)."""

    when: tuple[str, ...]
    add: tuple[str, ...]


def normalize(text: str) -> str:
    """Full-width → half-width, lower case, collapsed whitespace."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def load_synonyms(path: Path | None = None) -> list[SynonymRule]:
    raw = json.loads((path or resource("kb", "synonyms.json")).read_text(encoding="utf-8"))
    rules = []
    for entry in raw["mappings"]:
        when = tuple(normalize(w) for w in entry["from"])
        add = tuple(normalize(w) for w in entry["to"])
        rules.append(SynonymRule(when, add))
        if entry.get("both_ways"):
            rules.append(SynonymRule(add, when))
    return rules


def load_word_list(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words


class Analyzer:
    """Segments text into index terms and expands queries. Thread-safe after `initialize()`."""

    def __init__(
        self,
        dictionary: Iterable[str] = (),
        stopwords: Iterable[str] = (),
        synonyms: Iterable[SynonymRule] = (),
        core_dictionary: Path | None = None,
    ) -> None:
        # "word [freq] [tag]" lines, as in jieba's user dictionaries.
        self._dictionary = [d for d in dictionary if d.strip()]
        self.stopwords = frozenset(normalize(s) for s in stopwords)
        self.synonyms = tuple(synonyms)
        # jieba's full dictionary unless a trimmed core one is given (see
        # scripts/build_kb_dictionary.py: the same segmentation for ~47 MB less memory).
        self._jieba = jieba.Tokenizer(str(core_dictionary)) if core_dictionary \
            else jieba.Tokenizer()
        self._lock = threading.Lock()
        self._ready = False
        digest = hashlib.sha256()
        core = core_dictionary.name if core_dictionary else "jieba"
        for part in (ANALYZER_VERSION, core, *self._dictionary, "\0", *sorted(self.stopwords)):
            digest.update(part.encode() + b"\n")
        self.fingerprint = digest.hexdigest()[:16]

    @classmethod
    def from_resources(cls, directory: Path | None = None) -> Analyzer:
        base = directory or resource("kb")
        synonyms = load_synonyms(base / "synonyms.json")
        dictionary = load_word_list(base / "hotline_dict.txt")
        # The colloquial phrases of the mappings are words too: segment them as units.
        extra = {w for rule in synonyms for w in (*rule.when, *rule.add)
                 if 2 <= len(w) <= 8 and _CJK.fullmatch(w)}
        known = {line.split()[0] for line in dictionary}
        dictionary += sorted(extra - known)
        core = base / "jieba_core.txt"
        return cls(dictionary, load_word_list(base / "stopwords.txt"), synonyms,
                   core_dictionary=core if core.exists() else None)

    @staticmethod
    def default() -> Analyzer:
        """The analyzer built from the bundled resources (shared, loaded once)."""
        return _default_analyzer()

    def initialize(self) -> None:
        """Load jieba's dictionary and ours (~1 s the first time): call off the UI thread."""
        with self._lock:
            if self._ready:
                return
            self._jieba.initialize()
            for line in self._dictionary:
                parts = line.split()
                word = normalize(parts[0])
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                # Our words must beat jieba's general-purpose splits: give a high default.
                self._jieba.add_word(word, freq or 50_000)
            self._ready = True

    # --- segmentation -----------------------------------------------------------------

    def terms(self, text: str) -> list[str]:
        """Index terms of a text, in order, with repeats (search-mode segmentation)."""
        if not self._ready:
            self.initialize()
        out = []
        for token in self._jieba.cut_for_search(normalize(text), HMM=False):
            token = token.strip()
            if not token or token in self.stopwords or not _WORDLIKE.search(token):
                continue
            out.append(token)
        return out

    def char_terms(self, text: str) -> list[str]:
        """Single-character terms ("#" + hanzi) of a text, for partial-word matches
        (浑 → 浑浊). Kept apart from word terms by the "#" prefix."""
        return ["#" + c for run in _CJK.findall(normalize(text)) for c in run
                if c not in self.stopwords]

    def concepts(self, text: str) -> list[list[str]]:
        """The words of a text (precise segmentation), each with its index terms."""
        if not self._ready:
            self.initialize()
        out = []
        for word in self._jieba.cut(normalize(text), HMM=False):
            terms = self.terms(word)
            if terms:
                out.append(terms)
        return out

    def query_terms(self, query: str, pinyin_lookup=None) -> dict[str, float]:
        """Weighted terms of a query: its own terms, synonym expansions and, when
        `pinyin_lookup(text) -> iterable of terms` is given, same-sounding index terms
        for spans of the query (攻基金 → 公积金).

        Each word of the query (or of an expansion) shares its weight among the overlapping
        terms search-mode segmentation gives it, so a long word such as 不动产权证书 (eight
        terms) does not outweigh a short one such as 预约."""
        q = normalize(query)
        weights: dict[str, float] = {}

        def add(text: str, weight: float) -> None:
            for terms in self.concepts(text):
                share = weight / len(terms) ** SHARE_EXPONENT
                for term in terms:
                    if weights.get(term, 0.0) < share:
                        weights[term] = share

        add(q, WEIGHT_QUERY)
        for term in self.char_terms(q):
            weights.setdefault(term, WEIGHT_CHAR)
        for rule in self.synonyms:
            if any(w in q for w in rule.when):
                for phrase in rule.add:
                    add(phrase, WEIGHT_SYNONYM)
        if pinyin_lookup is not None:
            for run in _CJK.findall(q):
                for term in pinyin_lookup(run):
                    add(term, WEIGHT_PINYIN)
        return weights


@lru_cache(maxsize=1)
def _default_analyzer() -> Analyzer:
    return Analyzer.from_resources()
