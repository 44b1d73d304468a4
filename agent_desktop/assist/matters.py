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
MAX_PROBLEM_CHARS = 400


@dataclass(frozen=True, slots=True)
class _Leaf:
    code: str
    name: str
    branch: str  # the level-2 code: leaves of one branch are related matters
    terms: tuple[str, ...]


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
        self._vectors: np.ndarray | None = None
        if embedder is not None:
            texts = [f"{leaf.name}，{'，'.join(leaf.terms[1:])}" for leaf in self.leaves]
            self._vectors = embedder.encode(texts)

    # --- the signals ---------------------------------------------------------------------

    def _keyword(self, i: int, stream: Stream, grams: set[str]) -> tuple[float, Evidence | None]:
        best, evidence, hits = 0.0, None, 0
        for term, term_grams in zip(self.leaves[i].terms, self._term_bigrams[i]):
            at = stream.text.find(term) if len(term) >= 2 else -1
            if at >= 0:
                hits += 1
                score = 1.0
                if score > best or evidence is None:
                    evidence = stream.evidence(at, at + len(term))
            elif len(term_grams) >= 2:
                cover = len(term_grams & grams) / len(term_grams)
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
        caller_grams, operator_grams = _bigrams(caller.text), _bigrams(operator.text)
        keyword = np.zeros(len(self.leaves), dtype=np.float32)
        evidence: dict[int, Evidence] = {}
        for i in range(len(self.leaves)):
            k, ev = self._keyword(i, caller, caller_grams)
            if k < 1.0 and operator.text:
                k2, ev2 = self._keyword(i, operator, operator_grams)
                if k2 * OPERATOR_WEIGHT > k:
                    k, ev = k2 * OPERATOR_WEIGHT, ev2
            keyword[i] = k
            if ev is not None:
                evidence[i] = ev
        score = keyword * (KEYWORD_WEIGHT if self._vectors is not None else 1.0)
        if self._vectors is not None:
            vector = self.embedder.encode([caller.text[:MAX_PROBLEM_CHARS]])[0]
            cosine = self._vectors @ vector
            score = score + MEANING_WEIGHT * np.clip((cosine - COSINE_FLOOR) / COSINE_SPAN, 0, 1)
        self._last = (keyword, evidence)  # for second_issue, on the same conversation
        order = np.argsort(-score)[:limit]
        return [MatterGuess(self.leaves[i].code, self.leaves[i].name, float(score[i]),
                            (evidence[i],) if i in evidence else ())
                for i in order if score[i] > 0]

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
