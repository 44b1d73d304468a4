"""The in-memory search index of the knowledge base: BM25F over title, keywords and body.

Built from articles (and their cached term lists) by `SearchIndex.build`; saved to and
loaded from one file next to the article database so a restart does not re-segment the
corpus. Queries are expanded with synonyms and same-sounding terms (see `analysis`);
posting lists are sorted by impact so a query reads at most `POSTING_BUDGET` entries per
term, which keeps search within a few milliseconds at 50,000 articles.

    index = SearchIndex.build(Analyzer.default(), [(article, None) for article in articles])
    for hit in index.search("房产证泡水了", limit=3):
        print(hit.id, hit.title, hit.score, hit.terms)

Pure Python, no Qt: the server can use it for its own search endpoint.
"""

from __future__ import annotations

import heapq
import marshal
import math
import os
import re
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pypinyin import lazy_pinyin

from agent_desktop.domain import KbArticle

from .analysis import Analyzer
from .sanitize import html_to_text

INDEX_FORMAT = 1
CHAR_FIELD_WEIGHT = 1.0
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.5, "body": 1.0, "chars": CHAR_FIELD_WEIGHT}
FIELD_B = {"title": 0.4, "keywords": 0.3, "body": 0.75, "chars": 0.5}
K1 = 1.2
POSTING_BUDGET = 2000
SNIPPET_CHARS = 90

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")

# field → terms in order (as `doc_terms` gives them) or term → count (as the store keeps them)
DocTerms = dict[str, list[str] | dict[str, int]]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One ranked hit. `terms` are the query terms found in the article, to highlight."""

    id: str
    title: str
    score: float
    snippet: str
    terms: tuple[str, ...]
    department: str
    matter_codes: tuple[str, ...]
    coverage: float = 0.0  # share of the query's term weight found in the article

    @property
    def relevance(self) -> str:
        """"high", "medium" or "low": how far the operator can trust this hit."""
        return grade(self.score, self.coverage)


# Thresholds chosen on tests/kb/queries.json (the tuning set) and checked on
# queries_holdout.json and on nonsense queries (tests/kb/test_relevance.py).
HIGH_SCORE, HIGH_COVERAGE = 20.0, 0.35
MEDIUM_SCORE, MEDIUM_COVERAGE = 12.0, 0.1


def grade(score: float, coverage: float) -> str:
    if score >= HIGH_SCORE and coverage >= HIGH_COVERAGE:
        return "high"
    if score >= MEDIUM_SCORE and coverage >= MEDIUM_COVERAGE:
        return "medium"
    return "low"


def doc_terms(analyzer: Analyzer, article: KbArticle) -> DocTerms:
    """The index terms of an article by field (what the article store caches)."""
    keywords: list[str] = []
    for kw in article.keywords:
        sub = analyzer.terms(kw)
        keywords.extend(sub)
        whole = kw.strip().lower()
        if whole and whole not in sub:
            keywords.append(whole)
    return {
        "chars": analyzer.char_terms(" ".join((article.title, *article.keywords))),
        "title": analyzer.terms(article.title),
        "keywords": keywords,
        "body": analyzer.terms(html_to_text(article.body_html)),
    }


def _ts(value: datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


class SearchIndex:
    """An immutable snapshot of the corpus; safe to search from any thread."""

    def __init__(
        self,
        analyzer: Analyzer,
        docs: list[tuple],
        postings: dict[str, tuple[array, array]],
        pinyin: dict[str, list[str]],
    ) -> None:
        self.analyzer = analyzer
        # doc tuple: (id, title, department, matter_codes, effective_from, expires_at,
        #             keywords, text)
        self._docs = docs
        self._postings = postings
        self._pinyin = pinyin
        self._departments = sorted({doc[2] for doc in docs if doc[2]})

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def term_count(self) -> int:
        return len(self._postings)

    def departments(self) -> list[str]:
        """The source departments of the indexed articles, sorted."""
        return list(self._departments)

    # --- building -----------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        analyzer: Analyzer,
        items: Iterable[tuple[KbArticle, DocTerms | None]],
        progress: Callable[[int], None] | None = None,
    ) -> SearchIndex:
        """Index articles; an item's terms are computed when None (pass cached ones)."""
        analyzer.initialize()
        docs: list[tuple] = []
        bags: list[dict[str, dict[str, int]]] = []
        lengths: dict[str, list[int]] = {f: [] for f in FIELD_WEIGHTS}
        vocabulary: set[str] = set()  # title and keyword terms: candidates for homophones
        for n, (article, terms) in enumerate(items, 1):
            if terms is None:
                terms = doc_terms(analyzer, article)
            docs.append((
                article.id, article.title, article.department, tuple(article.matter_codes),
                _ts(article.effective_from), _ts(article.expires_at),
                tuple(k.lower() for k in article.keywords), html_to_text(article.body_html),
            ))
            vocabulary.update(terms.get("title", ()))  # (the keys, for counts)
            vocabulary.update(terms.get("keywords", ()))
            bag = {}
            for field in FIELD_WEIGHTS:
                field_terms = terms.get(field, ())
                counts = field_terms if isinstance(field_terms, dict) else Counter(field_terms)
                lengths[field].append(sum(counts.values()))
                bag[field] = counts
            bags.append(bag)
            if progress and n % 1000 == 0:
                progress(n)
        n_docs = len(docs)
        avg = {f: (sum(v) / n_docs if n_docs else 1.0) or 1.0 for f, v in lengths.items()}
        tf: dict[str, tuple[list[int], list[float]]] = {}
        for d, bag in enumerate(bags):
            combined: dict[str, float] = defaultdict(float)
            for field, counts in bag.items():
                norm = FIELD_WEIGHTS[field] / (
                    1 - FIELD_B[field] + FIELD_B[field] * lengths[field][d] / avg[field])
                for term, count in counts.items():
                    combined[term] += count * norm
            for term, value in combined.items():
                entry = tf.get(term)
                if entry is None:
                    tf[term] = entry = ([], [])
                entry[0].append(d)
                entry[1].append(value)
        bags.clear()
        postings: dict[str, tuple[array, array]] = {}
        k1 = K1
        for term, (ids, values) in tf.items():
            df = len(ids)
            idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
            impacts = [idf * v * (k1 + 1) / (v + k1) for v in values]
            order = sorted(range(df), key=impacts.__getitem__, reverse=True)
            postings[term] = (array("i", [ids[i] for i in order]),
                              array("f", [impacts[i] for i in order]))
        pinyin = cls._pinyin_map(vocabulary, postings)
        return cls(analyzer, docs, postings, pinyin)

    @staticmethod
    def _pinyin_map(vocabulary: set[str],
                    postings: dict[str, tuple[array, array]]) -> dict[str, list[str]]:
        """Pinyin → domain terms (from titles and keywords) for homophone tolerance."""
        by_sound: dict[str, list[str]] = defaultdict(list)
        for term in sorted(vocabulary):
            if 2 <= len(term) <= 6 and _CJK_RUN.fullmatch(term) and term in postings:
                by_sound["".join(lazy_pinyin(term))].append(term)
        return dict(by_sound)

    # --- persistence --------------------------------------------------------------------

    def save(self, path: Path, tag: str | int) -> None:
        """Write the index atomically, tagged with the article set it reflects."""
        payload = {
            "format": INDEX_FORMAT,
            "fingerprint": self.analyzer.fingerprint,
            "tag": str(tag),
            "docs": self._docs,
            "postings": {t: (d.tobytes(), s.tobytes()) for t, (d, s) in self._postings.items()},
            "pinyin": self._pinyin,
        }
        tmp = path.with_suffix(path.suffix + ".tmp")
        with open(tmp, "wb") as fh:
            marshal.dump(payload, fh)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, analyzer: Analyzer, tag: str | int) -> SearchIndex | None:
        """The saved index, or None when missing, stale or written by another version."""
        try:
            with open(path, "rb") as fh:
                payload = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if (not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT
                or payload.get("fingerprint") != analyzer.fingerprint
                or payload.get("tag") != str(tag)):
            return None
        postings = {}
        for term, (d, s) in payload["postings"].items():
            ids, scores = array("i"), array("f")
            ids.frombytes(d)
            scores.frombytes(s)
            postings[term] = (ids, scores)
        analyzer.initialize()
        return cls(analyzer, [tuple(doc) for doc in payload["docs"]], postings,
                   payload["pinyin"])

    # --- searching ----------------------------------------------------------------------

    def _sounds_like(self, run: str) -> Iterable[str]:
        syllables = lazy_pinyin(run)
        if len(syllables) != len(run):
            return ()
        found = []
        for i in range(len(run)):
            for length in (2, 3, 4):
                window = run[i:i + length]
                if len(window) < length or window in self._postings:
                    continue
                for term in self._pinyin.get("".join(syllables[i:i + length]), ()):
                    if term != window:
                        found.append(term)
        return found

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        matter_code: str | None = None,
        department: str | None = None,
        now: float | None = None,
    ) -> list[SearchResult]:
        """Ranked articles for a query. Expired and not-yet-effective articles are hidden;
        `matter_code` keeps articles with a code under it (prefix), `department` those of
        that department."""
        if not query.strip() or not self._docs:
            return []
        weights = self.analyzer.query_terms(query, self._sounds_like)
        scores: dict[int, float] = {}
        get = scores.get
        for term, weight in weights.items():
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, impacts = posting
            # Impact-ordered: the first entries are the ones that can matter most.
            n = min(len(ids), int(POSTING_BUDGET * weight) + 1)
            for i in range(n):
                d = ids[i]
                scores[d] = get(d, 0.0) + weight * impacts[i]
        if not scores:
            return []
        now = time.time() if now is None else now

        def visible(d: int) -> bool:
            doc = self._docs[d]
            if doc[4] is not None and doc[4] > now:
                return False
            if doc[5] is not None and doc[5] <= now:
                return False
            if department and doc[2] != department:
                return False
            if matter_code and not any(c.startswith(matter_code) for c in doc[3]):
                return False
            return True

        want = limit * 4 + 20
        ranked = heapq.nlargest(want, scores, key=scores.__getitem__)
        hits = [d for d in ranked if visible(d)]
        if len(hits) < limit and len(scores) > want:
            hits = [d for d in sorted(scores, key=scores.__getitem__, reverse=True) if visible(d)]
        return [self._result(d, scores[d], weights) for d in hits[:limit]]

    def _result(self, d: int, score: float, weights: dict[str, float]) -> SearchResult:
        doc_id, title, department, matters, _, _, keywords, text = self._docs[d]
        lowered_title, lowered_text = title.lower(), text.lower()
        found = [t for t in weights
                 if t in lowered_title or t in lowered_text or any(t in k for k in keywords)]
        # Highlight the longest terms first; drop ones contained in a longer found term.
        found.sort(key=len, reverse=True)
        terms = tuple(t for i, t in enumerate(found)
                      if not any(t in longer for longer in found[:i]))
        total = sum(weights.values()) or 1.0
        covered = sum(w for t, w in weights.items() if any(t in f for f in found))
        return SearchResult(doc_id, title, round(score, 4), _snippet(text, terms, weights),
                            terms, department, matters, round(covered / total, 3))


def _snippet(text: str, terms: tuple[str, ...], weights: dict[str, float]) -> str:
    """The sentence with the most (query-weighted) hits, cut around its first hit."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: sum(weights.get(t, 0.0) for t in terms
                                            if t in s.lower()))
    if len(best) <= SNIPPET_CHARS:
        return best
    lowered = best.lower()
    first = min((lowered.find(t) for t in terms if t in lowered), default=0)
    start = max(0, first - 20)
    cut = best[start:start + SNIPPET_CHARS]
    return ("…" if start else "") + cut + "…"
