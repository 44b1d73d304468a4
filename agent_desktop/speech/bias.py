"""Domain biasing: the hotline's vocabulary steers recognition and corrects names after it.

Most of the packaged Whisper base model's errors on hotline speech are place names and
hotline terms heard as homophones (攻基金 for 公积金, 硬紧盖 for 窨井盖, 洪梅路 for
虹梅路). Two remedies, both fed by `Vocabulary` (districts, streets/towns, roads, estates
from the gazetteer; matter names and keywords from the catalog; KB keywords; a short list
of hotline terms):

- `Vocabulary.prompt()`: a short simplified-Chinese prompt of hotline words for the
  decoder (it also steers Whisper towards simplified characters and punctuation);
- `PinyinCorrector`: after decoding, a stretch of the text that sounds like a vocabulary
  term (same or near-same toneless pinyin) is replaced by that term, unless the stretch
  is itself a common word (jieba's dictionary) — so 攻击金 → 公积金, but 攻击 stays.

The vocabulary is derived from the reference data by `scripts/gen_speech_vocabulary.py`
into resources/speech/vocabulary.json; `build_vocabulary()` does the same at run time.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_HANZI = re.compile(r"[\u3400-\u9fff]+")

# Category order = priority when two terms sound alike.
CATEGORIES = ("hotline", "district", "street", "road", "matter", "estate", "kb")

# Phrases rather than terms (catalog keywords such as 马路坏了) make poor correction targets.
_FUNCTION_CHARS = set("了的不没很太在有是我你他她吗呢吧啊着过说要会能就都也还又把被给得地")
# Characters a correction may not change (function words the recogniser rarely gets wrong).
_KEEP_CHARS = _FUNCTION_CHARS | set("们上下个这那就和与")

# Two-character terms are corrected only by exact homophones, and only from these
# categories: short words from the catalog and KB collide with ordinary speech.
SHORT_TERM_CATEGORIES = ("hotline", "district", "street")

# Readings pypinyin gets wrong in hotline terms (it reads 窨 as xūn; in 窨井 it is yìn).
PINYIN_OVERRIDES = {"窨井": [["yìn"], ["jǐng"]], "窨井盖": [["yìn"], ["jǐng"], ["gài"]]}

# Phrases of the operators' standard script (标准话术) and of callers' openings: correction
# targets only (反应的问题 → 反映的问题), not prompt material.
SCRIPT_PHRASES = (
    "反映问题", "反映一个问题", "反映的问题", "您反映的", "我要反映", "我要投诉", "我要举报",
    "我想咨询", "联系电话", "工作日", "处理时限", "属地街道", "很高兴为您服务",
    "请问您贵姓", "感谢您的来电",
)

# Hotline words every call may contain, beyond what the catalog and gazetteer name.
HOTLINE_TERMS = (
    "公积金", "窨井盖", "群租房", "居委会", "物业", "噪音扰民", "油烟扰民", "违章搭建",
    "占道经营", "拖欠工资", "预付卡", "退费", "医保", "社保", "户口", "居住证", "消防通道",
    "电动自行车", "垃圾分类", "路灯", "漏水", "停水", "停电", "燃气", "电梯", "小区", "业主",
    "村委会", "街道办", "派出所", "城管", "市场监管局", "房管局", "人社局", "住建委", "工单",
    "诉求", "12345", "市民服务热线", "来电",
)


@dataclass
class Vocabulary:
    """Hotline terms by category (see CATEGORIES)."""

    terms: dict[str, list[str]] = field(default_factory=dict)
    city: str = "上海市"
    source: str = ""

    @classmethod
    def load(cls, path: str | Path | None = None) -> Vocabulary:
        """The derived vocabulary shipped in resources/speech/vocabulary.json."""
        if path is None:
            from agent_desktop.paths import resource

            path = resource("speech", "vocabulary.json")
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(terms={k: list(v) for k, v in raw["terms"].items()},
                   city=raw.get("city", "上海市"), source=raw.get("source", ""))

    def save(self, path: str | Path) -> None:
        data = {"about": "Derived by scripts/gen_speech_vocabulary.py; read by "
                         "agent_desktop.speech.bias. Do not edit by hand.",
                "source": self.source, "city": self.city, "terms": self.terms}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")

    def all_terms(self) -> list[tuple[str, str]]:
        """(term, category) in priority order, without duplicates."""
        seen: set[str] = set()
        out = []
        for cat in CATEGORIES:
            for term in self.terms.get(cat, []):
                if term not in seen:
                    seen.add(term)
                    out.append((term, cat))
        return out

    def prompt(self, max_chars: int = 120) -> str:
        """A decoder prompt: city, districts and the commonest hotline words."""
        districts = "、".join(t for t in self.terms.get("district", []) if t[-1] == "区")
        hotline = "、".join(t for t in HOTLINE_TERMS if _HANZI.fullmatch(t))
        text = f"{self.city}12345市民服务热线来电。{districts}。{hotline}。"
        if len(text) > max_chars:
            text = text[:max_chars].rsplit("、", 1)[0] + "。"
        return text


def is_prompt_echo(text: str, prompt: str) -> bool:
    """True when a decode is the prompt's vocabulary parroted back rather than speech heard
    (on noisy lines Whisper answers a vocabulary prompt with 黄浦区、游泳、游泳…): the same
    piece at least half the time, or most of its characters prompt words."""
    parts = [p for p in re.split(r"[、，。,.\s]+", text) if p]
    if len(parts) >= 3 and len(set(parts)) <= len(parts) / 2:
        return True
    han = "".join(_HANZI.findall(text))
    echoed = sum(len(p) for p in parts if len(p) >= 2 and p in prompt)
    # one place alone is a caller answering "which district?", not an echo
    return len(parts) >= 2 and bool(han) and echoed / len(han) >= 0.6


def build_vocabulary(resources: Path) -> Vocabulary:
    """Derive the vocabulary from the gazetteer, catalog and KB under `resources`."""
    terms: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    terms["hotline"] = [t for t in (*HOTLINE_TERMS, *SCRIPT_PHRASES) if _HANZI.fullmatch(t)]
    sources = []
    divisions = resources / "geo" / "shanghai" / "divisions.json"
    city = "上海市"
    if divisions.exists():
        d = json.loads(divisions.read_text(encoding="utf-8"))
        city = d.get("city", {}).get("name", city)
        for district in d.get("districts", []):
            name = district["name"]
            terms["district"] += [name, re.sub("(新区|区)$", "", name)]
        for street in d.get("streets", []):
            name = street["name"]
            terms["street"].append(name)
            short = re.sub("(街道|镇|乡)$", "", name)
            if len(short) >= 2:
                terms["street"].append(short)
        for committee in d.get("committees", []):
            m = re.match(r"(.{2,8}?(?:路|街|大道|公路))", committee["name"])
            if m:
                terms["road"].append(m.group(1))
        sources.append("divisions.json")
    gazetteer = resources / "geo" / "shanghai" / "gazetteer.json"
    if gazetteer.exists():
        g = json.loads(gazetteer.read_text(encoding="utf-8"))
        for estate in g.get("estates", []):
            if len(estate["name"]) >= 3:
                terms["estate"].append(estate["name"])
        sources.append("gazetteer.json")
    catalog = resources / "catalog" / "catalog.json"
    if catalog.exists():
        c = json.loads(catalog.read_text(encoding="utf-8"))
        for node in c.get("nodes", []):
            if node.get("level", 0) >= 2:
                terms["matter"].append(node["name"])
            terms["matter"] += node.get("keywords", [])
        sources.append("catalog.json")
    kb = resources / "kb" / "articles.json"
    if kb.exists():
        k = json.loads(kb.read_text(encoding="utf-8"))
        for article in k.get("articles", []):
            terms["kb"] += article.get("keywords", [])
        sources.append("kb/articles.json")
    clean: dict[str, list[str]] = {}
    for cat, items in terms.items():
        seen: dict[str, None] = {}
        for t in items:
            if (_HANZI.fullmatch(t) and 2 <= len(t) <= 10
                    and (cat in ("hotline", "district", "street", "road", "estate")
                         or not _FUNCTION_CHARS & set(t))):
                seen.setdefault(t)
        clean[cat] = list(seen)
    return Vocabulary(terms=clean, city=city, source=", ".join(sources))


# --- pinyin post-correction ----------------------------------------------------------------

_FUZZY_INITIALS = [{"z", "zh"}, {"c", "ch"}, {"s", "sh"}, {"n", "l"}, {"f", "h"},
                   {"j", "q", "x"}, {"y", ""}, {"w", ""}]
_FUZZY_FINALS = [{"an", "ang"}, {"en", "eng"}, {"in", "ing"}, {"ian", "iang"},
                 {"uan", "uang"}, {"un", "ong"}, {"in", "ing", "ying", "yin"}]
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j",
             "q", "x", "r", "z", "c", "s", "y", "w")


def _split(syllable: str) -> tuple[str, str]:
    for ini in _INITIALS:
        if syllable.startswith(ini) and len(syllable) > len(ini):
            return ini, syllable[len(ini):]
    return "", syllable


@lru_cache(maxsize=65536)
def syllable_similarity(a: str, b: str) -> float:
    """1 for the same toneless syllable, 0.8 for a common confusion (zh/z, in/ing, n/l…),
    0.5 when only the initial or only the final differs, else 0."""
    if a == b:
        return 1.0
    ia, fa = _split(a)
    ib, fb = _split(b)
    same_i = ia == ib or any(ia in g and ib in g for g in _FUZZY_INITIALS)
    same_f = fa == fb or any(fa in g and fb in g for g in _FUZZY_FINALS)
    if same_i and same_f:
        return 0.8
    if (ia == ib and fa != fb) or (fa == fb and ia != ib):
        return 0.5
    return 0.0


@dataclass(frozen=True)
class Correction:
    start: int
    end: int
    heard: str
    term: str
    category: str
    score: float


# A line heard this badly (mean character probability) gets no district correction: where
# the recogniser got almost nothing right, a district that sounds alike is a guess (付贤区 →
# 奉贤区 for 普陀区 on the noisy tune half; right district corrections were heard ≥ 0.61).
GARBLED_LINE = 0.58


class PinyinCorrector:
    """Replace stretches of recognised text that sound like vocabulary terms."""

    def __init__(self, vocabulary: Vocabulary | Iterable[tuple[str, str]], *,
                 min_score: float = 0.84, max_len: int = 8,
                 common_word_freq: int = 50) -> None:
        from pypinyin import Style, lazy_pinyin, load_phrases_dict

        load_phrases_dict(PINYIN_OVERRIDES)
        self._lazy_pinyin = lazy_pinyin
        self._style = Style.NORMAL
        pairs = vocabulary.all_terms() if isinstance(vocabulary, Vocabulary) else list(vocabulary)
        self.min_score = min_score
        self.max_len = max_len
        self.common_word_freq = common_word_freq
        self.known: dict[str, str] = {}
        self._exact: dict[int, dict[tuple[str, ...], tuple[str, str]]] = {}
        self._by_len: dict[int, list[tuple[str, str, tuple[str, ...]]]] = {}
        self._choices: dict[int, list[str]] = {}
        for term, cat in pairs:
            if not _HANZI.fullmatch(term) or len(term) > max_len or len(term) < 2:
                continue
            self.known.setdefault(term, cat)
            syl = tuple(self._pinyin(term))
            n = len(syl)
            if n >= 3 or cat in SHORT_TERM_CATEGORIES:
                self._exact.setdefault(n, {}).setdefault(syl, (term, cat))
            if n >= 3:
                self._by_len.setdefault(n, []).append((term, cat, syl))
        for n, items in self._by_len.items():
            self._choices[n] = [" ".join(s) for _, _, s in items]
        self._freq = _jieba_freq()

    def _pinyin(self, text: str) -> list[str]:
        return self._lazy_pinyin(text, style=self._style, errors=lambda s: ["?"] * len(s))

    @staticmethod
    def _word_boundaries(run: str) -> set[int]:
        cuts, pos = {0}, 0
        for word in _tokenizer().lcut(run, HMM=False):
            pos += len(word)
            cuts.add(pos)
        return cuts

    def _is_common_word(self, text: str) -> bool:
        return self._freq.get(text, 0) >= self.common_word_freq

    def correct(self, text: str, confidence: list[float] | None = None,
                max_confidence: float = 1.0) -> tuple[str, list[Correction]]:
        """`text` with the stretches that sound like terms replaced. With `confidence`
        (the probability of each character of `text`), only stretches the recogniser was
        unsure of — some character below `max_confidence` — are touched."""
        corrections: list[Correction] = []
        for m in _HANZI.finditer(text):
            corrections += self._correct_run(m.group(0), m.start())
        corrections = [c for c in corrections if self._fits_context(text, c)]
        if confidence is not None and len(confidence) == len(text) and text:
            garbled = sum(confidence) / len(confidence) < GARBLED_LINE
            corrections = [c for c in corrections
                           if min(confidence[c.start:c.end]) < max_confidence
                           and not (garbled and c.category == "district")]
        if not corrections:
            return text, []
        out, pos = [], 0
        for c in sorted(corrections, key=lambda c: c.start):
            out.append(text[pos:c.start])
            out.append(c.term)
            pos = c.end
        out.append(text[pos:])
        return "".join(out), corrections

    def _fits_context(self, text: str, c: Correction) -> bool:
        """A correction must fit where it stands and share sound with what was heard:
        a district is never put right after another place's district (松江区新浦区 is
        松江区 + a mis-heard town, not 松江区、青浦区), and a place name replaces only a
        stretch with at least one syllable exactly as heard."""
        if c.category in ("district", "street", "road", "estate"):
            heard, term = self._pinyin(c.heard), self._pinyin(c.term)
            if not any(a == b for a, b in zip(heard, term)):
                return False
        if c.category == "district":
            before = text[:c.start].rstrip("、，,。 ")
            if before.endswith("区") or before.endswith("县"):
                return False
        return True

    def _correct_run(self, run: str, offset: int) -> list[Correction]:
        from rapidfuzz import fuzz, process

        syl = self._pinyin(run)
        if len(syl) != len(run):
            return []
        # characters of terms already spelled right are protected: a correction may
        # span them (医保报消 → 医保报销) but must not change them
        protected = [False] * len(run)
        for n in range(min(self.max_len, len(run)), 1, -1):
            for i in range(len(run) - n + 1):
                if run[i:i + n] in self.known:
                    for k in range(i, i + n):
                        protected[k] = True

        def keeps_protected(i: int, term: str) -> bool:
            # neither a protected character nor a function word (的, 们, 上…) may change:
            # the recogniser seldom gets those wrong, and "fixing" them invents terms
            return all(term[j] == run[i + j] or not (protected[i + j]
                                                     or run[i + j] in _KEEP_CHARS)
                       for j in range(len(term)))

        # two-character corrections must not cut through a word (竟然其 ↛ 竟燃气)
        cuts = self._word_boundaries(run)

        # (weight, start, length, term, category); weight = matched syllables, so a long
        # near match (洪梅路街档 → 虹梅路街道) beats the exact short one inside it
        candidates: list[tuple[float, int, int, str, str]] = []
        for n in range(min(self.max_len, len(run)), 1, -1):
            exact = self._exact.get(n, {})
            choices = self._choices.get(n)
            for i in range(len(run) - n + 1):
                window, wsyl = run[i:i + n], tuple(syl[i:i + n])
                if window in self.known or "?" in wsyl or all(protected[i:i + n]):
                    continue
                hit = exact.get(wsyl)
                if hit and hit[0] != window and not self._is_common_word(window):
                    if keeps_protected(i, hit[0]) and (n > 2 or {i, i + n} <= cuts):
                        candidates.append((n + 0.5, i, n, hit[0], hit[1]))
                    continue
                if not choices or n < 3:
                    continue
                best = process.extractOne(" ".join(wsyl), choices, scorer=fuzz.ratio,
                                          score_cutoff=70)
                if best is None:
                    continue
                term, cat, tsyl = self._by_len[n][best[2]]
                sims = [syllable_similarity(a, b) for a, b in zip(wsyl, tsyl)]
                score = sum(sims) / n
                shared = sum(a == b for a, b in zip(window, term))
                # near enough: most syllables alike and a character in common, or every
                # character but one already right and that one sounding alike (秦租房)
                near = (score >= self.min_score and min(sims) >= 0.5
                        and (shared or score >= 0.86)) or (
                    shared == n - 1 and n >= 3 and min(sims) >= 0.5)
                if (near and term != window and not self._is_common_word(window)
                        and keeps_protected(i, term)):
                    candidates.append((score * n, i, n, term, cat))
        used = [False] * len(run)
        out = []
        for weight, i, n, term, cat in sorted(candidates, key=lambda c: -c[0]):
            if any(used[i:i + n]):
                continue
            for k in range(i, i + n):
                used[k] = True
            out.append(Correction(offset + i, offset + i + n, run[i:i + n], term, cat,
                                  round(min(1.0, weight / n), 3)))
        return out


_jieba_lock = threading.Lock()
_jieba_tokenizer = None


def _tokenizer():
    """A jieba tokenizer on the KB's core dictionary (resources/kb/jieba_core.txt: every
    word of frequency ≥ 50 that `_is_common_word` asks about, in 7 MB instead of the
    54 MB of jieba's full dictionary); loaded once, ~0.3 s."""
    global _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            import logging as _logging

            import jieba

            from agent_desktop.packaged import resource

            jieba.setLogLevel(_logging.WARNING)
            core = resource("kb", "jieba_core.txt")
            tokenizer = jieba.Tokenizer(str(core)) if core.exists() else jieba.Tokenizer()
            tokenizer.initialize()
            _jieba_tokenizer = tokenizer
        return _jieba_tokenizer


def _jieba_freq() -> dict[str, int]:
    """Word frequencies of the tokenizer's dictionary."""
    return _tokenizer().FREQ
