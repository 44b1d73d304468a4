"""Which catalog matter (事项) the call is about: the leaves ranked over the whole
conversation, by the catalog's own names and keywords (said outright, or most of their
characters said) and by meaning (sentence embeddings), best first with a score.

A second matter from another branch of the catalog, said outright in another utterance,
is a second issue in the call: the workspace offers to split the order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from agent_desktop.domain import Catalog

from .conversation import Conversation, Stream, cues
from .draft import Evidence, MatterGuess
from .embeddings import Embedder

KEYWORD_WEIGHT = 0.6
MEANING_WEIGHT = 0.4
COSINE_FLOOR = 0.25  # below this the meaning says nothing
COSINE_SPAN = 0.45
OPERATOR_WEIGHT = 0.6  # the operator's paraphrase counts, less than the caller's words
# The caller's first statement of the problem says what the call is about; what follows
# adds detail (and other matters' words). Chosen on the dev split (docs/DECISIONS.md).
FIRST_MEANING_SHARE = 0.5
FIRST_KEYWORD_BONUS = 0.1
APPEAL_WORDS = {"consultation": "咨询", "suggestion": "建议", "praise": "表扬", "report": "举报"}
APPEAL_BONUS = 0.1
SPLIT_SCORE = 1.0  # a long term said in two halves is as specific as said whole
MAX_PROBLEM_CHARS = 400


@dataclass(frozen=True, slots=True)
class _Leaf:
    code: str
    name: str
    branch: str  # the level-2 code: leaves of one branch are related matters
    terms: tuple[str, ...]


def _split_match(text: str, term: str, gap: int = 4) -> tuple[int, int] | None:
    """The term's two halves in order with at most `gap` characters between them."""
    for cut in range(2, len(term) - 1):
        head, tail = term[:cut], term[cut:]
        at = text.find(head)
        while at >= 0:
            end = text.find(tail, at + cut, at + cut + gap + len(tail))
            if end >= 0:
                return at, end + len(tail)
            at = text.find(head, at + 1)
    return None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


class MatterRanker:
    def __init__(self, catalog: Catalog, embedder: Embedder | None = None) -> None:
        parents = {n.parent_code for n in catalog.nodes}
        by_code = {n.code: n for n in catalog.nodes}
        self.leaves: list[_Leaf] = []
        for n in catalog.nodes:
            if n.code in parents:
                continue
            branch = n.code
            node = n
            while node.parent_code and by_code.get(node.parent_code) and node.level > 2:
                node = by_code[node.parent_code]
                branch = node.code
            terms = tuple(dict.fromkeys([n.name, *n.keywords]))
            self.leaves.append(_Leaf(n.code, n.name, branch, terms))
        self._branch_of = {leaf.code: leaf.branch for leaf in self.leaves}
        self._term_bigrams = [[_bigrams(t) for t in leaf.terms] for leaf in self.leaves]
        self.embedder = embedder
        self._last: tuple[np.ndarray, dict[int, Evidence]] = (np.zeros(0), {})
        self._last_score: tuple[np.ndarray, dict[int, Evidence]] = (np.zeros(0), {})
        self._opening: tuple[str, np.ndarray] = ("", np.zeros(0))
        self._named_for = {w: np.array([w in leaf.name for leaf in self.leaves], dtype=np.float32)
                           for w in APPEAL_WORDS.values()}
        self._vectors: np.ndarray | None = None
        if embedder is not None:
            texts = [f"{leaf.name}，{'，'.join(leaf.terms[1:])}" for leaf in self.leaves]
            self._vectors = embedder.encode(texts)

    # --- the signals ---------------------------------------------------------------------

    def _keyword(self, i: int, stream: Stream, grams: set[str]) -> tuple[float, Evidence | None]:
        best, evidence, hits = 0.0, None, 0
        for term, term_grams in zip(self.leaves[i].terms, self._term_bigrams[i]):
            shared = term_grams & grams
            if not shared:
                continue  # not one of its bigrams said: neither whole, split nor partly
            at = stream.text.find(term) if len(term) >= 2 else -1
            split = _split_match(stream.text, term) if at < 0 and len(term) >= 4 else None
            if split is not None:  # 楼上漏水 said as 楼上人家漏水
                score = SPLIT_SCORE
                if score > best or evidence is None:
                    evidence = stream.evidence(*split)
            elif at >= 0:
                hits += 1
                score = 1.0
                if score > best or evidence is None:
                    evidence = stream.evidence(at, at + len(term))
            elif len(term_grams) >= 2:
                cover = len(shared) / len(term_grams)
                score = 0.8 * cover if cover >= 0.5 else 0.0
            else:
                score = 0.0
            best = max(best, score)
        return min(1.0, best + 0.1 * max(0, hits - 1)), evidence

    def rank(self, conversation: Conversation, limit: int = 5) -> list[MatterGuess]:
        caller = problem_stream(conversation)
        operator = operator_stream(conversation)
        if not caller.text:
            return []
        first = Stream([caller.pieces[0].segment])
        caller_grams, operator_grams = _bigrams(caller.text), _bigrams(operator.text)
        first_grams = _bigrams(first.text)
        keyword = np.zeros(len(self.leaves), dtype=np.float32)
        first_keyword = np.zeros(len(self.leaves), dtype=np.float32)
        evidence: dict[int, Evidence] = {}
        for i in range(len(self.leaves)):
            k, ev = self._keyword(i, caller, caller_grams)
            if k < 1.0 and operator.text:
                k2, ev2 = self._keyword(i, operator, operator_grams)
                if k2 * OPERATOR_WEIGHT > k:
                    k, ev = k2 * OPERATOR_WEIGHT, ev2
            keyword[i] = k
            if k > 0:
                first_keyword[i] = self._keyword(i, first, first_grams)[0]
            if ev is not None:
                evidence[i] = ev
        keyword_score = keyword + FIRST_KEYWORD_BONUS * first_keyword
        score = keyword_score * (KEYWORD_WEIGHT if self._vectors is not None else 1.0)
        if self._vectors is not None:
            whole = self.embedder.encode([caller.text[:MAX_PROBLEM_CHARS]])[0]
            meaning = ((1 - FIRST_MEANING_SHARE) * self._meaning(whole)
                       + FIRST_MEANING_SHARE * self._opening_meaning(first.text))
            score = score + MEANING_WEIGHT * meaning
        self._last = (keyword, evidence)  # for second_issue, on the same conversation
        self._last_score = (score, evidence)
        return self._ranked(score, evidence, limit)

    def _ranked(self, score: np.ndarray, evidence: dict[int, Evidence], limit: int
                ) -> list[MatterGuess]:
        order = np.argsort(-score)[:limit]
        return [MatterGuess(self.leaves[i].code, self.leaves[i].name, float(score[i]),
                            (evidence[i],) if i in evidence else ())
                for i in order if score[i] > 0]

    def for_appeal(self, appeal_type: str | None, limit: int = 5) -> list[MatterGuess]:
        """The last ranking, with the leaves named for this kind of appeal (…咨询 for a
        consultation, …建议 for a suggestion, 表扬… for praise) a little ahead of their
        siblings."""
        score, evidence = self._last_score
        word = APPEAL_WORDS.get(appeal_type or "")
        if word and len(score):
            score = score + APPEAL_BONUS * self._named_for[word]
        return self._ranked(score, evidence, limit)

    def _opening_meaning(self, text: str) -> np.ndarray:
        """The meaning of the caller's opening, kept while the opening stays the same (it
        does for most of a call)."""
        text = text[:MAX_PROBLEM_CHARS]
        if self._opening[0] != text:
            self._opening = (text, self._meaning(self.embedder.encode([text])[0]))
        return self._opening[1]

    def _meaning(self, vector: np.ndarray) -> np.ndarray:
        cosine = self._vectors @ vector
        return np.clip((cosine - COSINE_FLOOR) / COSINE_SPAN, 0, 1)

    def second_issue(self, ranked: list[MatterGuess], conversation: Conversation
                     ) -> MatterGuess | None:
        """A matter of another branch named outright in another utterance than the first
        (from the scores of the last `rank` of this conversation)."""
        if not ranked or not ranked[0].evidence:
            return None
        first = ranked[0]
        keyword, evidence = self._last
        for i, leaf in enumerate(self.leaves):
            ev = evidence.get(i)
            if leaf.branch == self._branch_of[first.code] or keyword[i] < 1.0 or ev is None:
                continue
            if ev.speaker == "caller" and ev.segment_id != first.evidence[0].segment_id \
                    and ev.quote not in first.name and len(ev.quote) >= 3:
                return MatterGuess(leaf.code, leaf.name, float(keyword[i]), (ev,))
        return None


def problem_stream(conversation: Conversation) -> Stream:
    """The caller's utterances that say something: not "好的，谢谢你们", not only digits."""
    c = cues()
    polite = sorted({*c["small_talk"], *c["fillers"], "你们", "您", "了", "啊"}, key=len,
                    reverse=True)
    keep = []
    for s in conversation.segments("caller"):
        core = s.text
        for word in polite:
            core = core.replace(word, "")
        core = "".join(ch for ch in core if ch.isalnum())
        if len(core) < 2:
            continue
        digits = sum(ch.isdigit() or ch in "零幺一二三四五六七八九" for ch in core)
        if digits > 0.6 * len(core):
            continue
        keep.append(s)
    return Stream(keep)


def operator_stream(conversation: Conversation) -> Stream:
    """The operator's utterances without the scripted greeting, closing and questions,
    which name no matter (the hotline's own name would match 热线服务意见)."""
    scripts = cues()["operator_scripts"]
    return Stream([s for s in conversation.segments("operator")
                   if not any(w in s.text for w in scripts)])
