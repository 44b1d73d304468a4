"""Answers a form's questions from the call's transcript and its work order, where they can
be: each answer is "yes", "no" or "na" with its evidence (the words said, or the field).
A question whose rule cannot tell is left to the reviewer (no answer).

The words the rules listen for are the training rubric's (resources/training/rubric.json:
greeting, closing, forbidden phrases) and the simulated caller's intents (asked where,
when, who, whether a reply is wanted), so trainees and operators are held to one standard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from agent_desktop.training.caller import digits_of, matching_intents
from agent_desktop.training.scoring import rubric

from .forms import NA, NO, YES, Form

Answer = dict[str, str]  # {"value": yes|no|na, "evidence": …}
CONFIDENTIAL_WORDS = ("保密", "不要透露", "别透露", "不要告诉", "别告诉", "匿名")


def _said(segments: list[dict[str, Any]], speaker: str) -> list[str]:
    return [s["text"] for s in segments if s.get("speaker") in
            ((speaker, "agent") if speaker == "operator" else (speaker,))]


def _opening(segments: list[dict[str, Any]]) -> str:
    first_caller = next((s["start"] for s in segments if s.get("speaker") == "caller"), None)
    words = [s["text"] for s in segments if s.get("speaker") in ("operator", "agent")
             and (first_caller is None or s["start"] < first_caller)]
    return "".join(words[:3]) or "".join(_said(segments, "operator")[:1])


def _parts_said(text: str, parts: list[list[str]]) -> bool:
    return all(any(w in text for w in part) for part in parts)


def _greeting(segments, _order) -> Answer | None:
    text = _opening(segments)
    if not text:
        return None
    return {"value": YES if _parts_said(text, rubric()["greeting"]["parts"]) else NO,
            "evidence": text}


def _closing(segments, _order) -> Answer | None:
    ops = _said(segments, "operator")
    if not ops:
        return None
    tail = "".join(ops[-3:])
    return {"value": YES if _parts_said(tail, rubric()["closing"]["parts"]) else NO,
            "evidence": ops[-1]}


def _no_forbidden(segments, _order) -> Answer | None:
    ops = _said(segments, "operator")
    if not ops:
        return None
    bad = [(p, t) for t in ops for p in rubric()["forbidden_phrases"] if p in t]
    if bad:
        return {"value": NO, "evidence": "；".join(f"“{t}”（{p}）" for p, t in bad)}
    return {"value": YES, "evidence": "未发现服务禁语"}


def _asked(*intents: str) -> Callable[..., Answer | None]:
    def rule(segments, _order) -> Answer | None:
        ops = _said(segments, "operator")
        if not ops:
            return None
        hit = next((t for t in ops if set(matching_intents(t)) & set(intents)), "")
        return {"value": YES if hit else NO, "evidence": hit or "（未询问）"}
    return rule


def _phone_confirmed(segments, order) -> Answer | None:
    ops = _said(segments, "operator")
    if not ops:
        return None
    phones = [p.replace(" ", "") for p in ((order or {}).get("caller") or {}).get("phones", [])]
    for text in ops:
        digits = digits_of(text)
        if len(digits) >= 7 and (not phones or any(digits[-7:] in p or p[-7:] in digits
                                                   for p in phones)):
            return {"value": YES, "evidence": text}
    return {"value": NO, "evidence": "（未复述号码）"}


def _address_present(_segments, order) -> Answer | None:
    if not order:
        return None
    place = order.get("place") or {}
    ok = bool(place.get("district_code")) and bool((place.get("address") or "").strip())
    return {"value": YES if ok else NO,
            "evidence": f"{place.get('district_code') or '（无区）'} "
                        f"{place.get('address') or '（无详细地址）'}"}


@lru_cache(maxsize=1)
def _catalog() -> dict[str, Any]:
    from agent_desktop.domain.reference import load_catalog

    return {n.code: n for n in load_catalog().nodes}


def _matter_consistent(_segments, order) -> Answer | None:
    if not order or not order.get("matter_code"):
        return None
    nodes = _catalog()
    code, words = order["matter_code"], []
    while code in nodes:  # the leaf's words and its branch's
        words += [nodes[code].name, *nodes[code].keywords]
        code = nodes[code].parent_code or ""
    text = (order.get("title") or "") + (order.get("content") or "")
    hit = next((w for w in words if len(w) >= 2 and w in text), "")
    if hit:
        return {"value": YES, "evidence": f"内容提到“{hit}”（{nodes[order['matter_code']].name}）"}
    return None  # the words do not tell: the reviewer reads the content


def _request_present(_segments, order) -> Answer | None:
    if not order:
        return None
    request = (order.get("request") or "").strip()
    return {"value": YES if request else NO, "evidence": request or "（未填写诉求）"}


def _confidential_kept(segments, order) -> Answer | None:
    asked = next((t for t in _said(segments, "caller") if any(w in t for w in
                                                              CONFIDENTIAL_WORDS)), "")
    if not asked:
        return {"value": NA, "evidence": "来电人未要求保密"}
    if not order:
        return None
    kept = bool((order.get("caller") or {}).get("confidential"))
    return {"value": YES if kept else NO, "evidence": f"来电人：“{asked}”；工单保密：{'是' if kept else '否'}"}


RULES: dict[str, Callable[[list[dict[str, Any]], dict[str, Any] | None], Answer | None]] = {
    "greeting": _greeting,
    "closing": _closing,
    "no_forbidden": _no_forbidden,
    "phone_confirmed": _phone_confirmed,
    "asked_where": _asked("ask_place", "ask_place_precise"),
    "asked_when": _asked("ask_when"),
    "asked_who": _asked("ask_name"),
    "asked_reply": _asked("ask_reply"),
    "address_present": _address_present,
    "matter_consistent": _matter_consistent,
    "request_present": _request_present,
    "confidential_kept": _confidential_kept,
}


def auto_answers(form: Form, segments: list[dict[str, Any]],
                 order: dict[str, Any] | None) -> dict[str, Answer]:
    """question id → {"value", "evidence"} for each question a rule could answer."""
    out: dict[str, Answer] = {}
    for q in form.questions:
        rule = RULES.get(q.auto)
        answer = rule(segments, order) if rule else None
        if answer is not None:
            out[q.id] = answer
    return out
