"""Objective scoring of a training attempt: the order the trainee typed, field by field
against the scenario's expected order, and the trainee's conduct from the transcript.

Every criterion carries its evidence (the field value or the transcript quote) and what a
good answer was; weights and words are in resources/training/rubric.json. A trainer's
override returns a new result that keeps the original score.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

from agent_desktop.domain.models import WorkOrderIn
from agent_desktop.forms.phone import parse_phone
from agent_desktop.packaged import resource

from .caller import digits_of, matching_intents
from .scenarios import Scenario, _reference


@lru_cache(maxsize=1)
def rubric() -> dict[str, Any]:
    return json.loads(resource("training", "rubric.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Criterion:
    id: str
    label_zh: str
    score: float
    max: float
    evidence: str
    expected: str
    assessed: bool = True
    original_score: float | None = None  # set when a trainer overrode the score
    override_comment: str = ""
    override_by: str = ""


@dataclass(frozen=True)
class ScoreResult:
    scenario_id: str
    criteria: tuple[Criterion, ...]

    @property
    def total(self) -> float:
        got = sum(c.score for c in self.criteria if c.assessed)
        out_of = sum(c.max for c in self.criteria if c.assessed)
        return round(100 * got / out_of, 1) if out_of else 0.0

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario_id": self.scenario_id, "total": self.total,
                "criteria": [{"name": c.id, **asdict(c)} for c in self.criteria]}


def override(result: ScoreResult, cid: str, score: float, comment: str,
             by: str = "") -> ScoreResult:
    """A trainer's score for one criterion, with a comment; the original score is kept."""
    c = result.criterion(cid)
    if not 0 <= score <= c.max:
        raise ValueError(f"score for {cid} must be within 0..{c.max}")
    if not comment.strip():
        raise ValueError("an override needs a comment")
    new = replace(c, score=score, assessed=True, override_comment=comment, override_by=by,
                  original_score=c.score if c.original_score is None else c.original_score)
    return replace(result, criteria=tuple(new if x.id == cid else x for x in result.criteria))


# how the hotline says the enum values and flags in a score's evidence
_NAMES_ZH = {"consultation": "咨询", "help": "求助", "complaint": "投诉", "report": "举报",
             "suggestion": "建议", "praise": "表扬", "normal": "一般", "urgent": "紧急",
             "critical": "特急", "True": "是", "False": "否"}


def _zh(value: object) -> str:
    return " / ".join(_NAMES_ZH.get(v, v) for v in str(value).split(" / "))


def _matter_name(code: str | None) -> str:
    node = _reference()[0].get(code or "")
    return f"{code} {node['name']}" if node else str(code)


def _place_name(code: str | None) -> str:
    _, districts, _ = _reference()
    return f"{code} {districts.get(code or '', '')}".strip() if code else "（未填）"


def _segments(transcript: Any) -> list[dict[str, Any]]:
    if transcript is None:
        return []
    if hasattr(transcript, "to_dict"):
        transcript = transcript.to_dict()
    return list(transcript.get("segments", []))


def score(s: Scenario, order: WorkOrderIn | dict[str, Any], transcript: Any = None,
          wrap_up_seconds: float | None = None) -> ScoreResult:
    if isinstance(order, dict):
        order = WorkOrderIn.model_validate(order)
    r = rubric()
    e, a = s.expected_order, s.acceptable
    catalog = _reference()[0]
    results: dict[str, tuple[float, str, str, bool]] = {}  # id → (fraction, evidence, expected, assessed)

    ok_types = {str(e.appeal_type), *a.appeal_types}
    results["appeal_type"] = (float(str(order.appeal_type) in ok_types), str(order.appeal_type),
                              " / ".join(sorted(ok_types)), True)
    ok_matters = {e.matter_code, *a.matter_codes}
    got = order.matter_code
    if got in ok_matters:
        frac = 1.0
    elif catalog.get(got, {}).get("parent_code") == catalog[e.matter_code]["parent_code"]:
        frac = next(c for c in r["criteria"] if c["id"] == "matter")["same_parent"]
    else:
        frac = 0.0
    results["matter"] = (frac, _matter_name(got), " / ".join(_matter_name(c) for c in sorted(ok_matters)), True)
    ok_d = {e.place.district_code, *a.district_codes}
    results["district"] = (float(order.place.district_code in ok_d), _place_name(order.place.district_code),
                           " / ".join(_place_name(c) for c in sorted(ok_d)), True)
    st = order.place.street_code
    st_ok = st == e.place.street_code or (a.street_optional and st is None) or e.place.street_code is None
    results["street"] = (float(st_ok), str(st), str(e.place.street_code) + ("（可不填）" if a.street_optional else ""), True)
    addr = order.place.address
    if s.address_words:
        frac = sum(w in addr for w in s.address_words) / len(s.address_words)
    else:
        frac = float(bool(addr.strip()))
    results["address"] = (frac, addr or "（未填）", "含：" + "、".join(s.address_words) if s.address_words else e.place.address, True)
    phones = [parse_phone(p).normalized for p in order.caller.phones]
    results["phone"] = (float(s.facts.phone in phones), "、".join(order.caller.phones) or "（未填）", s.facts.phone, True)
    names = {e.caller.name, s.facts.name, *a.caller_names} - {""}
    n = order.caller.name.strip()
    frac = 1.0 if n in names else 0.5 if n and any(n[0] == x[0] for x in names) else 0.0
    results["caller_name"] = (frac, n or "（未填）", " / ".join(sorted(names)), True)
    results["reply_required"] = (float(order.reply_required == e.reply_required), str(order.reply_required), str(e.reply_required), True)
    results["confidential"] = (float(order.caller.confidential == e.caller.confidential), str(order.caller.confidential), str(e.caller.confidential), True)
    ok_u = {str(e.urgency), *a.urgencies}
    results["urgency"] = (float(str(order.urgency) in ok_u), str(order.urgency), " / ".join(sorted(ok_u)), True)
    text = order.title + order.content + order.request
    hits = [g for g in s.essentials if any(w in text for w in g)]
    missing = [g[0] for g in s.essentials if g not in hits]
    results["content"] = (len(hits) / len(s.essentials) if s.essentials else 1.0,
                          order.content + (f"（缺：{'、'.join(missing)}）" if missing else ""),
                          "须含：" + "、".join("/".join(g) for g in s.essentials), True)

    segs = _segments(transcript)
    ops = [g["text"] for g in segs if g.get("speaker") == "operator"]
    has_t = bool(ops)
    # the greeting is whatever the trainee said before the caller first spoke (the
    # recogniser may cut one sentence into two utterances)
    first_caller = next((float(g["start"]) for g in segs if g.get("speaker") == "caller"),
                        None)
    opening = [g["text"] for g in segs if g.get("speaker") == "operator"
               and (first_caller is None or float(g["start"]) < first_caller)]
    first = "".join(opening[:3]) or (ops[0] if ops else "")
    parts = r["greeting"]["parts"]
    results["greeting"] = (sum(any(w in first for w in p) for p in parts) / len(parts), first, r["greeting"]["expected"], has_t)
    tail = "".join(ops[-3:])
    parts = r["closing"]["parts"]
    results["closing"] = (sum(any(w in tail for w in p) for p in parts) / len(parts), ops[-1] if ops else "", r["closing"]["expected"], has_t)
    found: dict[str, str] = {}
    for t in ops:
        intents = set(matching_intents(t))
        for el, wanted in r["five_elements"].items():
            if el not in found and intents & set(wanted):
                found[el] = t
    results["five_elements"] = (len(found) / len(r["five_elements"]),
                                "；".join(f"{k}：{v}" for k, v in found.items()) or "（未询问）",
                                "问清何人、何时、何地、何事、何经过：" + "、".join(r["five_elements"]), has_t)
    want = digits_of(s.facts.phone_words)
    rb = next((t for t in ops if want in digits_of(t)), "")
    results["phone_readback"] = (float(bool(rb)), rb or "（未复核号码）", f"复述号码：{s.facts.phone_words}", has_t)
    bad = [(p, t) for t in ops for p in r["forbidden_phrases"] if p in t]
    results["forbidden"] = (0.0 if bad else 1.0, "；".join(f"“{t}”（{p}）" for p, t in bad) or "未发现服务禁语",
                            "不使用：" + "、".join(r["forbidden_phrases"]), has_t)
    if segs:
        dur = max(float(g["end"]) for g in segs) - min(float(g["start"]) for g in segs)
        limit = r["talk_time_s"][s.difficulty]
        frac = 1.0 if dur <= limit else 0.5 if dur <= 1.5 * limit else 0.0
        results["talk_time"] = (frac, f"{dur:.0f} 秒", f"≤ {limit} 秒", True)
    else:
        results["talk_time"] = (0.0, "（无录音转写）", "", False)
    if wrap_up_seconds is None and isinstance(transcript, dict):
        wrap_up_seconds = transcript.get("wrap_up_seconds")
    w = r["wrap_up_s"]
    if wrap_up_seconds is not None:
        frac = 1.0 if wrap_up_seconds <= w["good"] else 0.5 if wrap_up_seconds <= w["acceptable"] else 0.0
        results["wrap_up"] = (frac, f"{wrap_up_seconds:.0f} 秒", f"≤ {w['good']} 秒", True)
    else:
        results["wrap_up"] = (0.0, "（无提交时间）", f"≤ {w['good']} 秒", False)

    for cid in ("appeal_type", "reply_required", "confidential", "urgency"):
        frac, ev, exp, assessed = results[cid]
        results[cid] = (frac, _zh(ev), _zh(exp), assessed)
    criteria = []
    for c in r["criteria"]:
        frac, ev, exp, assessed = results[c["id"]]
        criteria.append(Criterion(c["id"], c["label_zh"], round(c["max"] * frac, 2), c["max"], ev, exp, assessed))
    return ScoreResult(s.id, tuple(criteria))
