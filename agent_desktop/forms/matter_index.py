"""The matter picker's search over the catalog's leaves: type-ahead, browsing, recency.

    >>> index = MatterIndex(load_catalog())
    >>> hits = index.search("ljfl", limit=2)
    >>> [h.name for h in hits]
    ['垃圾分类指导咨询', '垃圾分类投放点设置']
    >>> index.record_use(hits[0].code)     # the operator picked it: boost it next time
    >>> index.children(None)               # level-1 domains, for browsing

A query matches a leaf by one of these kinds, best first (`MatchKind`, `TIER`):

    exact name > name prefix > whole keyword > part of the name > part of a keyword
    > full pinyin of the name from its start (jishui…) > full pinyin from a later syllable
    > an ancestor's name (path) > pinyin of a keyword > pinyin initials from the start
    (ljfl → 垃圾分类…) > initials from a later character > initials of a keyword
    > homophones of a Chinese query (攻基金 → 公积金) > fuzzy pinyin (xinqinggai → 窨井盖)

Within a kind, shorter names and earlier positions score slightly higher (< 4 points;
kinds are 4–10 points apart). Leaves the operator used recently or often get up to
`MAX_USAGE_BOOST` points, enough to pass a neighbouring kind, not to jump from a pinyin
match to the top. The empty query lists the used leaves. Usage lives in the index object
(`record_use`, `usage_counts`, `recent_codes`); persisting it is the caller's job.

A one-letter Latin query matches only at the start of a name's or keyword's pinyin or
initials. Pinyin matches always start on a syllable.

Speed. Everything about the catalog (pinyin, initials, sorted keys, suffix arrays,
inner-node ranges) is computed in the constructor; a query converts no catalog text. The
kinds are tried best first, each by a dictionary lookup, or a binary search over sorted
keys (prefix kinds) or over a suffix array (substring kinds: names, keywords, pinyin from
each syllable, initials), so a query costs about log(n) plus the matches it keeps. The
search stops as soon as `limit` leaves are found, since lower kinds could not outrank them —
except boosted leaves, which are checked one by one. Among very many equal matches of one
kind (a two-letter query on 20,000 leaves) only `STAGE_RANKED` are ranked, shortest names
first. The fuzzy pass (rapidfuzz, over terms of compatible length) runs only when fewer
than `FUZZY_BELOW` leaves matched. Measured p95 per keystroke: < 1 ms on the demo catalog,
~3 ms on 20,000 leaves (bench/bench_matter_picker.py).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import islice

from rapidfuzz import fuzz, process

from agent_desktop.domain.models import Catalog, CatalogNode

__all__ = ["MatchKind", "MatterHit", "MatterIndex", "TIER", "to_pinyin"]


class MatchKind(StrEnum):
    EXACT = "exact"  # the whole name
    NAME_PREFIX = "name_prefix"
    KEYWORD_EXACT = "keyword_exact"  # a whole keyword
    NAME = "name"  # part of the name
    KEYWORD = "keyword"  # part of a keyword
    PINYIN_PREFIX = "pinyin_prefix"  # full pinyin of the name, from its start
    PINYIN = "pinyin"  # full pinyin of the name, from a later syllable
    PATH = "path"  # an ancestor's name
    KEYWORD_PINYIN = "keyword_pinyin"  # full pinyin of a keyword, from its start
    INITIALS_PREFIX = "initials_prefix"  # pinyin initials of the name, from its start
    INITIALS = "initials"  # initials from a later character
    KEYWORD_INITIALS = "keyword_initials"  # initials of a keyword, from its start
    HOMOPHONE = "homophone"  # a Chinese query whose pinyin matches (ASR homophones)
    FUZZY = "fuzzy"  # similar pinyin
    RECENT = "recent"  # empty query: recently/frequently used


TIER: dict[MatchKind, float] = {
    MatchKind.EXACT: 100,
    MatchKind.NAME_PREFIX: 90,
    MatchKind.KEYWORD_EXACT: 85,
    MatchKind.NAME: 80,
    MatchKind.KEYWORD: 75,
    MatchKind.PINYIN_PREFIX: 70,
    MatchKind.PINYIN: 64,
    MatchKind.PATH: 60,
    MatchKind.KEYWORD_PINYIN: 56,
    MatchKind.INITIALS_PREFIX: 52,
    MatchKind.INITIALS: 46,
    MatchKind.KEYWORD_INITIALS: 42,
    MatchKind.HOMOPHONE: 36,
    MatchKind.FUZZY: 10,
    MatchKind.RECENT: 0,
}
MAX_USAGE_BOOST = 12.0
RECENT_MAX = 50  # length of the recent list
BOOSTED_CHECKED = 100  # boosted leaves checked one by one on each query
FUZZY_BELOW = 5  # run the fuzzy pass when fewer leaves than this matched
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0–100) of the query's pinyin to a name/keyword's
STAGE_OVERSCAN = 3  # take up to this many × the missing results from one kind

# Readings the phrase dictionary gets wrong for words of this domain (窨井 is yìnjǐng).
PHRASE_READINGS: dict[str, tuple[str, ...]] = {"窨井": ("yin", "jing"), "窨": ("yin",)}

_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"[\s'’·]+")

# --- pinyin ---------------------------------------------------------------------------------

try:  # pypinyin's own dictionaries, driven by a forward maximum match (as pypinyin does)
    from pypinyin.constants import PHRASES_DICT as _PHRASES
    from pypinyin.constants import PINYIN_DICT as _CHARS
except ImportError:  # pragma: no cover - layout of another pypinyin version
    _PHRASES, _CHARS = None, None
_MAX_PHRASE = 6


@lru_cache(maxsize=4096)
def _plain(syllable: str) -> str:
    """Toneless lowercase syllable, ü written v (as pypinyin's NORMAL style and IMEs do)."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def _char_pinyin(char: str) -> str:
    readings = _CHARS.get(ord(char)) if _CHARS is not None else None
    return _plain(readings.split(",")[0]) if readings else char.lower()


def _segment_pinyin(text: str) -> list[str]:
    out: list[str] = []
    n, p = len(text), 0
    while p < n:
        for length in range(min(_MAX_PHRASE, n - p), 1, -1):
            phrase = _PHRASES.get(text[p : p + length])
            if phrase and len(phrase) == length:
                out.extend(_plain(r[0]) for r in phrase)
                p += length
                break
        else:
            out.append(_char_pinyin(text[p]))
            p += 1
    return out


def to_pinyin(text: str) -> list[str]:
    """One toneless lowercase syllable per character of `text`; non-Han characters stand for
    themselves. Same readings as `pypinyin.lazy_pinyin` (phrase-aware), ~10× faster, plus the
    domain's overrides (`PHRASE_READINGS`)."""
    if _PHRASES is not None:
        syllables = _segment_pinyin(text)
    else:  # pragma: no cover
        from pypinyin import lazy_pinyin

        syllables = [s.lower() for s in lazy_pinyin(text, errors=lambda s: list(s))]
    for phrase, reading in PHRASE_READINGS.items():
        start = text.find(phrase)
        while start != -1:
            syllables[start : start + len(phrase)] = reading
            start = text.find(phrase, start + len(phrase))
    return syllables


def _normalize_query(query: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", query or "")).lower()


# --- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterHit:
    node: CatalogNode
    score: float
    kind: MatchKind
    path: str  # the ancestors' names, "城乡建设 > 市政设施 > 道路设施 > 道路积水"
    spans: tuple[tuple[int, int], ...] = ()  # character ranges of the name to highlight
    matched: str = ""  # the keyword or ancestor name that matched, when not the name

    @property
    def code(self) -> str:
        return self.node.code

    @property
    def name(self) -> str:
        return self.node.name


@dataclass(frozen=True)
class _Leaf:
    node: CatalogNode
    path: str
    name: str  # lowercased
    keywords: tuple[int, ...]  # ids into MatterIndex._keywords
    ancestors: tuple[str, ...]  # lowercased names of the ancestors
    pinyin: str  # full pinyin of the name, syllables run together
    starts: tuple[int, ...]  # offset in `pinyin` where each character's syllable starts
    initials: str  # one letter per character

    def char_span(self, offset: int, length: int) -> tuple[int, int]:
        """Characters covered by `pinyin[offset:offset + length]`."""
        first = self.starts.index(offset)
        last = first
        while last + 1 < len(self.starts) and self.starts[last + 1] < offset + length:
            last += 1
        return first, last + 1


_POS_BITS = 8  # suffix entries pack (text id, position < 256) into one integer
_POS_MASK = (1 << _POS_BITS) - 1
_TOP = "\U0010ffff"


class _Suffixes:
    """A suffix array over some texts: every text containing a string at one of its indexed
    positions, by two binary searches. `positions(i)` gives the positions indexed in text i
    (all characters by default; syllable starts for pinyin)."""

    def __init__(
        self, texts: Sequence[str], positions: Callable[[int], Iterable[int]] | None = None
    ) -> None:
        self.texts = texts
        entries = [
            (t << _POS_BITS) | pos
            for t, text in enumerate(texts)
            for pos in (positions(t) if positions else range(len(text)))
            if pos <= _POS_MASK
        ]
        entries.sort(key=self._suffix)
        self.entries = array("q", entries)

    def _suffix(self, entry: int) -> str:
        return self.texts[entry >> _POS_BITS][entry & _POS_MASK :]

    def starting_with(self, q: str) -> Iterator[tuple[int, int]]:
        """(text id, position) of every indexed suffix that starts with `q`."""
        entries, key = self.entries, self._suffix
        lo = bisect_left(entries, q, key=key)
        hi = bisect_left(entries, q + _TOP, lo, key=key)
        for j in range(lo, hi):
            e = entries[j]
            yield e >> _POS_BITS, e & _POS_MASK

    def count(self, q: str) -> int:
        key = self._suffix
        lo = bisect_left(self.entries, q, key=key)
        return bisect_left(self.entries, q + _TOP, lo, key=key) - lo


class _Prefixes:
    """Sorted (key, id) pairs: the ids whose key starts with a string, by bisection."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        ordered = sorted(set(pairs))
        self.keys = [k for k, _ in ordered]
        self.ids = array("q", [i for _, i in ordered])

    def starting_with(self, q: str) -> array:
        lo = bisect_left(self.keys, q)
        hi = bisect_left(self.keys, q + _TOP, lo)
        return self.ids[lo:hi]


# A stage yields (leaf, bonus, position, part) for one kind. `part` says where the match is,
# for highlighting: "name", "pinyin", "initials", "keyword:<keyword>" or "path:<name>".
_Match = tuple[int, float, int, str]
_Stage = tuple[MatchKind, Callable[[], Iterable[_Match]]]
STAGE_RANKED = 512  # matches of one kind ranked by bonus before the cap applies


class MatterIndex:
    """Search and browse a matter catalog. Build it once per catalog, off the UI thread for
    big ones (≈ 70 ms per 1,000 leaves); a query then takes well under 10 ms on 20,000."""

    def __init__(
        self,
        catalog: Catalog | Iterable[CatalogNode],
        usage: Mapping[str, int] | None = None,
        recent: Sequence[str] = (),
    ) -> None:
        """`usage` maps leaf codes to how often they were chosen; `recent` lists leaf codes,
        most recent first (as saved from `usage_counts()` and `recent_codes()`)."""
        nodes = list(catalog.nodes if isinstance(catalog, Catalog) else catalog)
        self._nodes: dict[str, CatalogNode] = {n.code: n for n in nodes}
        self._children: dict[str | None, list[CatalogNode]] = {}
        for n in nodes:
            self._children.setdefault(n.parent_code, []).append(n)
        self._leaves: list[_Leaf] = []
        self._leaf_index: dict[str, int] = {}
        self._inner_range: dict[str, list[int]] = {}  # inner code → [first, last] leaf
        keyword_ids: dict[str, int] = {}
        keyword_leaves: list[list[int]] = []
        for n in nodes:
            if not n.is_leaf:
                continue
            i = len(self._leaves)
            ancestors = self.ancestors(n.code)[:-1]
            for a in ancestors:
                self._inner_range.setdefault(a.code, [i, i])[1] = i
            name = n.name.lower()
            syllables = to_pinyin(name)
            starts, offset = [], 0
            for s in syllables:
                starts.append(offset)
                offset += len(s)
            kw_ids = []
            for k in n.keywords:
                k = k.lower()
                if k not in keyword_ids:
                    keyword_ids[k] = len(keyword_leaves)
                    keyword_leaves.append([])
                kid = keyword_ids[k]
                if not keyword_leaves[kid] or keyword_leaves[kid][-1] != i:
                    keyword_leaves[kid].append(i)
                kw_ids.append(kid)
            self._leaf_index[n.code] = i
            self._leaves.append(
                _Leaf(
                    node=n,
                    path=" > ".join(a.name for a in ancestors),
                    name=name,
                    keywords=tuple(kw_ids),
                    ancestors=tuple(a.name.lower() for a in ancestors),
                    pinyin="".join(syllables),
                    starts=tuple(starts),
                    initials="".join(s[:1] for s in syllables),
                )
            )
        leaves = self._leaves
        self._name_len = [len(leaf.name) for leaf in leaves]
        # keywords are shared between leaves: index each distinct keyword once
        self._keywords = list(keyword_ids)
        self._keyword_ids = keyword_ids
        self._keyword_leaves = keyword_leaves
        kw_syllables = [to_pinyin(k) for k in self._keywords]
        self._kw_pinyin = ["".join(s) for s in kw_syllables]
        self._kw_initials = ["".join(x[:1] for x in s) for s in kw_syllables]

        self._exact: dict[str, list[int]] = {}
        for i, leaf in enumerate(leaves):
            self._exact.setdefault(leaf.name, []).append(i)
        self._name_prefix = _Prefixes((leaf.name, i) for i, leaf in enumerate(leaves))
        self._pinyin_prefix = _Prefixes((leaf.pinyin, i) for i, leaf in enumerate(leaves))
        self._initials_prefix = _Prefixes((leaf.initials, i) for i, leaf in enumerate(leaves))
        self._kw_pinyin_prefix = _Prefixes((p, k) for k, p in enumerate(self._kw_pinyin))
        self._kw_initials_prefix = _Prefixes((p, k) for k, p in enumerate(self._kw_initials))
        names = [leaf.name for leaf in leaves]
        self._name_suffixes = _Suffixes(names, lambda i: range(1, len(names[i])))
        self._kw_suffixes = _Suffixes(self._keywords)
        self._pinyin_suffixes = _Suffixes(
            [leaf.pinyin for leaf in leaves], lambda i: leaves[i].starts[1:]
        )
        initials = [leaf.initials for leaf in leaves]
        self._initials_suffixes = _Suffixes(initials, lambda i: range(1, len(initials[i])))
        self._inner_codes = list(self._inner_range)
        self._inner_names = [self._nodes[c].name.lower() for c in self._inner_codes]
        self._inner_suffixes = _Suffixes(self._inner_names)
        # fuzzy pass: distinct pinyin terms (names, keywords) by length
        by_term: dict[str, set[int]] = {}
        for i, leaf in enumerate(leaves):
            by_term.setdefault(leaf.pinyin, set()).add(i)
        for kid, term in enumerate(self._kw_pinyin):
            by_term.setdefault(term, set()).update(keyword_leaves[kid])
        self._fuzzy_by_len: dict[int, tuple[list[str], list[list[int]]]] = {}
        for term, ids in by_term.items():
            if len(term) >= 4 and term.isascii():
                terms, owners = self._fuzzy_by_len.setdefault(len(term), ([], []))
                terms.append(term)
                owners.append(sorted(ids))

        self._counts: dict[str, int] = {
            c: int(v) for c, v in (usage or {}).items() if c in self._leaf_index and v > 0
        }
        self._recent: list[str] = [c for c in dict.fromkeys(recent) if c in self._leaf_index]
        del self._recent[RECENT_MAX:]
        self._boost: dict[int, float] = {}
        self._boosted: list[int] = []
        self._recompute_boost()

    # --- browsing -------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of leaves (matters)."""
        return len(self._leaves)

    def node(self, code: str) -> CatalogNode | None:
        return self._nodes.get(code)

    def children(self, code: str | None = None) -> list[CatalogNode]:
        """Direct children of `code` (the level-1 domains for None), in catalog order."""
        return list(self._children.get(code, ()))

    def ancestors(self, code: str) -> list[CatalogNode]:
        """The chain from the level-1 node down to `code` itself (empty if unknown)."""
        chain = []
        node = self._nodes.get(code)
        while node is not None:
            chain.append(node)
            node = self._nodes.get(node.parent_code) if node.parent_code else None
        return chain[::-1]

    def path_text(self, code: str, sep: str = " > ") -> str:
        return sep.join(n.name for n in self.ancestors(code))

    def leaves_under(self, code: str | None = None) -> list[CatalogNode]:
        """All leaves below `code` (every leaf for None), in catalog order."""
        if code is None:
            return [leaf.node for leaf in self._leaves]
        if code in self._leaf_index:
            return [self._nodes[code]]
        first, last = self._inner_range.get(code, (0, -1))
        return [leaf.node for leaf in self._leaves[first : last + 1]]

    # --- usage ----------------------------------------------------------------------------

    def record_use(self, code: str) -> None:
        """The operator chose `code`: count it and put it first in the recent list."""
        if code not in self._leaf_index:
            return
        self._counts[code] = self._counts.get(code, 0) + 1
        self._recent = [code] + [c for c in self._recent if c != code][: RECENT_MAX - 1]
        self._recompute_boost()

    def usage_counts(self) -> dict[str, int]:
        return dict(self._counts)

    def recent_codes(self) -> list[str]:
        """Most recent first."""
        return list(self._recent)

    def usage_boost(self, code: str) -> float:
        i = self._leaf_index.get(code)
        return self._boost.get(i, 0.0) if i is not None else 0.0

    def _recompute_boost(self) -> None:
        # frequency: up to 6 points (2·log2(1 + count)); recency: 6 points for the latest
        # choice, half a point less per later one; the sum capped at MAX_USAGE_BOOST.
        boost: dict[int, float] = {}
        for code, count in self._counts.items():
            boost[self._leaf_index[code]] = min(6.0, 2.0 * math.log2(1 + count))
        for rank, code in enumerate(self._recent):
            i = self._leaf_index[code]
            boost[i] = min(MAX_USAGE_BOOST, boost.get(i, 0.0) + max(0.0, 6.0 - 0.5 * rank))
        self._boost = boost
        self._boosted = sorted(boost, key=lambda i: (-boost[i], i))[:BOOSTED_CHECKED]

    # --- search ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 30) -> list[MatterHit]:
        """Leaves matching `query`, best first (the used leaves for an empty query)."""
        q = _normalize_query(query)
        if limit <= 0:
            return []
        if not q:
            return self._usage_hits(limit)
        qp = q if q.isascii() else "".join(to_pinyin(q))
        found: dict[int, tuple[float, MatchKind, int, str]] = {}
        for kind, stage in self._stages(q, qp):
            if len(found) >= limit:
                break
            cap, taken = STAGE_OVERSCAN * (limit - len(found)), 0
            for i, bonus, pos, part in stage():
                if i not in found:
                    found[i] = (TIER[kind] + bonus, kind, pos, part)
                    taken += 1
                    if taken >= cap:
                        break
        for i in self._boosted:  # boosted leaves the early stop may have left out
            if i not in found:
                match = self._match_one(i, q, qp)
                if match:
                    found[i] = match
        if len(found) < FUZZY_BELOW:
            self._fuzzy(qp, found)
        boost = self._boost
        top = heapq.nlargest(
            limit, found.items(), key=lambda kv: (kv[1][0] + boost.get(kv[0], 0.0), -kv[0])
        )
        return [
            self._hit(i, score + boost.get(i, 0.0), kind, pos, part, q, qp)
            for i, (score, kind, pos, part) in top
        ]

    def _usage_hits(self, limit: int) -> list[MatterHit]:
        return [
            self._hit(i, self._boost[i], MatchKind.RECENT, 0, "", "", "")
            for i in self._boosted[:limit]
        ]

    @staticmethod
    def _bonus(coverage: float, pos: int = 0) -> float:
        """< 4 points: the query covers more of a shorter text, and matches earlier."""
        return 2.0 * min(1.0, coverage) + 1.0 / (1 + pos)

    def _stages(self, q: str, qp: str) -> list[_Stage]:
        """The kinds to try for `q`, best first, each as a lazy source of matches."""
        K = MatchKind
        han = bool(_HAN.search(q))
        one_letter = len(q) == 1 and q.isascii() and q.isalpha()
        stages: list[_Stage] = [
            (K.EXACT, lambda: ((i, 3.0, 0, "name") for i in self._exact.get(q, ()))),
            (K.NAME_PREFIX, lambda: self._prefixed(self._name_prefix, q, "name")),
            (K.KEYWORD_EXACT, lambda: self._keyword_exact(q)),
        ]
        if not one_letter:
            stages += [
                (K.NAME, lambda: self._ranked(self._in_names(q))),
                (K.KEYWORD, lambda: self._in_keywords(q)),
            ]
        if han:
            stages.append((K.PATH, lambda: self._in_paths(q)))
            if qp.isascii() and len(qp) >= 4:
                stages.append((K.HOMOPHONE, lambda: self._homophones(qp)))
            return stages
        if not q.isascii():
            return stages
        stages.append((K.PINYIN_PREFIX, lambda: self._prefixed(self._pinyin_prefix, q, "pinyin")))
        if not one_letter:
            stages.append((K.PINYIN, lambda: self._ranked(self._in_pinyin(q))))
        stages += [
            (K.KEYWORD_PINYIN, lambda: self._keywords_prefixed(self._kw_pinyin_prefix, q)),
            (K.INITIALS_PREFIX, lambda: self._prefixed(self._initials_prefix, q, "initials")),
        ]
        if not one_letter:
            stages.append((K.INITIALS, lambda: self._ranked(self._in_initials(q))))
        stages.append(
            (K.KEYWORD_INITIALS, lambda: self._keywords_prefixed(self._kw_initials_prefix, q))
        )
        return stages

    # sources of matches ---------------------------------------------------------------------

    @staticmethod
    def _ranked(matches: Iterator[_Match]) -> list[_Match]:
        """The first STAGE_RANKED matches of a kind, best bonus first."""
        return sorted(islice(matches, STAGE_RANKED), key=lambda m: (-m[1], m[0]))

    def _prefix_bonus(self, i: int, q: str, part: str) -> float:
        leaf = self._leaves[i]
        target = {"name": leaf.name, "pinyin": leaf.pinyin, "initials": leaf.initials}[part]
        return self._bonus(len(q) / max(1, len(target)))

    def _prefixed(self, table: _Prefixes, q: str, part: str) -> Iterator[_Match]:
        ids = table.starting_with(q)
        if len(ids) > STAGE_RANKED:  # very many equal matches: the shortest names first
            ids = heapq.nsmallest(STAGE_RANKED, ids, key=self._name_len.__getitem__)
        ranked = sorted((-self._prefix_bonus(i, q, part), i) for i in ids)
        for neg_bonus, i in ranked:
            yield i, -neg_bonus, 0, part

    def _keyword_exact(self, q: str) -> Iterator[_Match]:
        kid = self._keyword_ids.get(q)
        if kid is not None:
            for i in self._keyword_leaves[kid]:
                yield i, 0.0, 0, "keyword:" + q

    def _in_names(self, q: str) -> Iterator[_Match]:
        n, name_len = len(q), self._name_len
        for i, pos in self._name_suffixes.starting_with(q):
            yield i, self._bonus(n / name_len[i], pos), pos, "name"

    def _in_keywords(self, q: str) -> Iterator[_Match]:
        for kid, _ in self._kw_suffixes.starting_with(q):
            for i in self._keyword_leaves[kid]:
                yield i, 0.0, 0, "keyword:" + self._keywords[kid]

    def _in_paths(self, q: str) -> Iterator[_Match]:
        for j, _ in self._inner_suffixes.starting_with(q):
            first, last = self._inner_range[self._inner_codes[j]]
            name = self._nodes[self._inner_codes[j]].name
            for i in range(first, last + 1):
                yield i, 0.0, 0, "path:" + name

    def _in_pinyin(self, q: str) -> Iterator[_Match]:
        leaves = self._leaves
        for i, pos in self._pinyin_suffixes.starting_with(q):
            leaf = leaves[i]
            yield i, self._bonus(len(q) / len(leaf.pinyin), leaf.starts.index(pos)), pos, "pinyin"

    def _in_initials(self, q: str) -> Iterator[_Match]:
        n, name_len = len(q), self._name_len
        for i, pos in self._initials_suffixes.starting_with(q):
            yield i, self._bonus(n / name_len[i], pos), pos, "initials"

    def _keywords_prefixed(self, table: _Prefixes, q: str) -> Iterator[_Match]:
        for kid in table.starting_with(q):
            for i in self._keyword_leaves[kid]:
                yield i, 0.0, 0, "keyword:" + self._keywords[kid]

    def _homophones(self, qp: str) -> Iterator[_Match]:
        """A Chinese query's pinyin in names (from any syllable), then in keywords."""
        yield from self._prefixed(self._pinyin_prefix, qp, "pinyin")
        yield from self._ranked(self._in_pinyin(qp))
        yield from self._keywords_prefixed(self._kw_pinyin_prefix, qp)

    # one leaf, for boosted leaves ------------------------------------------------------------

    def _match_one(self, i: int, q: str, qp: str) -> tuple[float, MatchKind, int, str] | None:
        """The best kind for a single leaf, by the same rules as the stages."""
        leaf, n, K = self._leaves[i], len(q), MatchKind
        han = bool(_HAN.search(q))
        one_letter = n == 1 and q.isascii() and q.isalpha()
        keywords = [self._keywords[k] for k in leaf.keywords]
        if leaf.name == q:
            return TIER[K.EXACT] + 3.0, K.EXACT, 0, "name"
        if leaf.name.startswith(q):
            return TIER[K.NAME_PREFIX] + self._prefix_bonus(i, q, "name"), K.NAME_PREFIX, 0, "name"
        if q in keywords:
            return TIER[K.KEYWORD_EXACT], K.KEYWORD_EXACT, 0, "keyword:" + q
        if not one_letter:
            pos = leaf.name.find(q)
            if pos > 0:
                return TIER[K.NAME] + self._bonus(n / len(leaf.name), pos), K.NAME, pos, "name"
            for k in keywords:
                if q in k:
                    return TIER[K.KEYWORD], K.KEYWORD, 0, "keyword:" + k
        if han:
            for a in leaf.ancestors:
                if q in a:
                    return TIER[K.PATH], K.PATH, 0, "path:" + a
            if qp.isascii() and len(qp) >= 4:
                pinyin = self._pinyin_match(leaf, qp)
                if pinyin is not None:
                    return TIER[K.HOMOPHONE] + pinyin[0], K.HOMOPHONE, pinyin[1], "pinyin"
                for k in leaf.keywords:
                    if self._kw_pinyin[k].startswith(qp):
                        return TIER[K.HOMOPHONE], K.HOMOPHONE, 0, "keyword:" + self._keywords[k]
            return None
        if not q.isascii():
            return None
        if leaf.pinyin.startswith(q):
            bonus = self._prefix_bonus(i, q, "pinyin")
            return TIER[K.PINYIN_PREFIX] + bonus, K.PINYIN_PREFIX, 0, "pinyin"
        if not one_letter:
            pinyin = self._pinyin_match(leaf, q)
            if pinyin is not None:
                return TIER[K.PINYIN] + pinyin[0], K.PINYIN, pinyin[1], "pinyin"
        for k in leaf.keywords:
            if self._kw_pinyin[k].startswith(q):
                return TIER[K.KEYWORD_PINYIN], K.KEYWORD_PINYIN, 0, "keyword:" + self._keywords[k]
        if leaf.initials.startswith(q):
            bonus = self._prefix_bonus(i, q, "initials")
            return TIER[K.INITIALS_PREFIX] + bonus, K.INITIALS_PREFIX, 0, "initials"
        if not one_letter:
            pos = leaf.initials.find(q)
            if pos > 0:
                bonus = self._bonus(n / len(leaf.name), pos)
                return TIER[K.INITIALS] + bonus, K.INITIALS, pos, "initials"
        for k in leaf.keywords:
            if self._kw_initials[k].startswith(q):
                kind = K.KEYWORD_INITIALS
                return TIER[kind], kind, 0, "keyword:" + self._keywords[k]
        return None

    def _pinyin_match(self, leaf: _Leaf, qp: str) -> tuple[float, int] | None:
        """(bonus, offset) of `qp` in the leaf's pinyin from a syllable start, or None."""
        pos = leaf.pinyin.find(qp)
        while pos != -1:
            if pos in leaf.starts:
                coverage = len(qp) / len(leaf.pinyin)
                if pos == 0:
                    return self._bonus(coverage), 0
                return self._bonus(coverage, leaf.starts.index(pos)), pos
            pos = leaf.pinyin.find(qp, pos + 1)
        return None

    def _fuzzy(self, qp: str, found: dict) -> None:
        """Whole-term similarity of the query's pinyin to the pinyin of names and keywords
        (typos and ASR near-homophones: xinqinggai → 窨井盖, jisui → 积水). Only terms whose
        length allows a ratio ≥ FUZZY_CUTOFF are compared."""
        n = len(qp)
        if n < 4 or not qp.isascii():
            return
        # ratio = 2·common / (n + m) ≥ c  ⇒  m within [n·c/(2−c), n·(2−c)/c]
        c = FUZZY_CUTOFF / 100
        lo, hi = math.ceil(n * c / (2 - c)), math.floor(n * (2 - c) / c)
        candidates: list[tuple[float, list[int]]] = []
        for length in range(lo, hi + 1):
            bucket = self._fuzzy_by_len.get(length)
            if bucket is None:
                continue
            terms, owners = bucket
            for _, score, t in process.extract(
                qp, terms, scorer=fuzz.ratio, processor=None, score_cutoff=FUZZY_CUTOFF, limit=20
            ):
                candidates.append((score, owners[t]))
        candidates.sort(key=lambda c: -c[0])
        for score, owners in candidates[:20]:
            for i in owners:
                if i not in found:
                    found[i] = (TIER[MatchKind.FUZZY] + score / 25, MatchKind.FUZZY, 0, "")

    # --- hits -------------------------------------------------------------------------------

    def _hit(
        self, i: int, score: float, kind: MatchKind, pos: int, part: str, q: str, qp: str
    ) -> MatterHit:
        leaf = self._leaves[i]
        spans: tuple[tuple[int, int], ...] = ()
        matched = ""
        if part == "name":
            spans = ((pos, pos + len(q)),)
        elif part == "initials":
            spans = ((pos, min(len(leaf.name), pos + len(q))),)
        elif part == "pinyin":
            spans = (leaf.char_span(pos, len(qp)),)
        elif part.startswith("path:"):
            matched = part[5:]
        elif part.startswith("keyword:"):
            matched = self._original_keyword(leaf, part[8:])
        return MatterHit(leaf.node, round(score, 3), kind, leaf.path, spans, matched)

    @staticmethod
    def _original_keyword(leaf: _Leaf, lowered: str) -> str:
        """The keyword as written in the catalog (the index keeps it lowercased)."""
        for k in leaf.node.keywords:
            if k.lower() == lowered:
                return k
        return lowered
