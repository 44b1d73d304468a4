"""How the caller frames the call: the appeal type (咨询/求助/投诉/举报/建议/表扬), how
urgent it is (safety words raise an alert at once), whether they want a reply, and
sensitive words a team lead should see. Word lists and weights are data
(resources/assist/cues.json).
"""

from __future__ import annotations

import re

from .conversation import Conversation, Stream, cues
from .draft import Evidence, Guess

# When the caller's words give no sign, what the matter's name suggests.
_CONSULT_MATTER_WORDS = ("咨询", "办理", "补办", "申领", "申请", "查询", "政策", "条件", "时限")


URGENT_HELP_WEIGHT = 2.0  # chosen on the dev split and the trainer's scenarios
QUESTION_WEIGHT = 1.0  # chosen on the dev split and the trainer's scenarios
_ASKS = re.compile(r"(?:能|可以|要|需要|怎么|哪里|什么|啥)[^，。！？?!]{0,12}(?:吗|么|嘛|呢)?[？?]")


def _hits(stream: Stream, words: dict[str, float] | list[str]) -> list[tuple[str, int]]:
    found = []
    for word in words:
        at = stream.text.find(word)
        while at >= 0:
            found.append((word, at))
            at = stream.text.find(word, at + len(word))
    return found


def guess_appeal_type(conversation: Conversation, matter_name: str = "",
                      urgent: bool = False) -> Guess | None:
    caller = conversation.stream("caller")
    if not caller.text:
        return None
    table: dict[str, dict[str, float]] = cues()["appeal_type"]
    scores: dict[str, float] = {}
    best_hit: dict[str, tuple[str, int]] = {}
    for appeal, words in table.items():
        hits = _hits(caller, words)
        # Words said outright (投诉, 举报, 咨询 …) count once each; others add up, capped.
        total = sum(words[w] for w, _ in hits)
        scores[appeal] = min(total, 8.0)
        if hits:
            best_hit[appeal] = max(hits, key=lambda h: words[h[0]])
    if matter_name and any(w in matter_name for w in _CONSULT_MATTER_WORDS):
        scores["consultation"] = scores.get("consultation", 0) + 1.5
    if urgent:  # someone in danger now: the caller asks for help, whatever else they say
        scores["help"] = scores.get("help", 0) + URGENT_HELP_WEIGHT
    # the caller's opening asks how something is done ("还能补吗？要带啥子材料嘛？")
    opening = caller.pieces[0].segment.text if caller.pieces else ""
    if _ASKS.search(opening):
        scores["consultation"] = scores.get("consultation", 0) + QUESTION_WEIGHT
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    appeal, score = ranked[0]
    if score <= 0:
        return Guess("complaint" if matter_name else "consultation", 0.3)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = min(0.95, 0.5 + 0.1 * (score - runner_up))
    word, at = best_hit.get(appeal, ("", -1))
    evidence = (caller.evidence(at, at + len(word)),) if at >= 0 else ()
    return Guess(appeal, confidence, evidence)


def guess_urgency(conversation: Conversation) -> tuple[Guess | None, list[str]]:
    """(urgency, alerts). Safety words in the caller's words make the order urgent."""
    c = cues()
    caller = conversation.stream("caller")
    hits = _hits(caller, c["urgency"]["urgent"])
    alerts: list[str] = []
    guess = None
    if hits:
        word, at = min(hits, key=lambda h: h[1])
        guess = Guess("urgent", 0.85, (caller.evidence(at, at + len(word)),))
        alerts.append(f"{c['urgency']['alert_zh']}（“{word}”）")
    sensitive = [w for w, _ in _hits(caller, c["sensitive"])]
    if sensitive:
        alerts.append("敏感词：" + "、".join(dict.fromkeys(sensitive)))
    return guess, alerts


def guess_reply_required(conversation: Conversation, appeal_type: str | None) -> Guess | None:
    """Asked and answered ("需要回复吗？" — "不用了") decides; then the operator's word
    ("处理结果会电话回复您", "好的，不需要回复"); a caller who will not leave a number gets
    no reply; otherwise what the appeal type usually needs."""
    c = cues()["reply"]
    answer: tuple[bool, Evidence] | None = None
    promised: tuple[bool, Evidence] | None = None
    for s in conversation.segments("operator", finals_only=True):
        said_by_operator = Evidence(s.id, 0, len(s.text), s.text, "operator")
        if any(w in s.text for w in c["operator_no"]):
            promised = (False, said_by_operator)
            continue
        reply = conversation.next_of(s, "caller")
        if any(q in s.text for q in c["question"]) and reply is not None:
            said = reply.text.lstrip("嗯，, 啊哦")
            # "…对吗？需要回复吗？" — "对。回复就不用了": the first word may answer the
            # other question
            asked_first = "吗" in s.text[:max(0, min((s.text.find(q) for q in c["question"]
                                                       if q in s.text), default=0))]
            if any(said.startswith(w) or w in said[:6] for w in c["no"]) or (
                    asked_first and any(w in said for w in c["no"])):
                answer = (False, Evidence(reply.id, 0, len(reply.text), reply.text))
                continue
            if (any(said.startswith(w) for w in c["yes"])
                    or any(w in said for w in c["yes_anywhere"])):
                answer = (True, Evidence(reply.id, 0, len(reply.text), reply.text))
                continue
        if (any(p in s.text for p in c["promise"]) and "吗" not in s.text[-4:]
                and any(w in s.text for w in c["promise_about"])):
            promised = (True, said_by_operator)
    if answer is not None:
        return Guess(answer[0], 0.9, (answer[1],))
    if promised is not None:
        return Guess(promised[0], 0.7, (promised[1],))
    caller = conversation.stream("caller")
    declined = [w for w in c["no_number"] if w in caller.text]
    if declined:
        at = caller.text.find(declined[0])
        return Guess(False, 0.6, (caller.evidence(at, at + len(declined[0])),))
    if appeal_type is None:
        return None
    return Guess(appeal_type not in ("consultation", "praise", "suggestion"), 0.4)
