"""The order's words: title, the caller's request (诉求), the content paragraph in the
hotline's register ("来电人反映：…。来电人要求：…。") and a one-line summary (the gist).

`OfflineWriter` writes them from what the assistant found (place, matter, appeal type) and
the caller's own sentences, cleaned of fillers and told in the third person — never the
transcript copied verbatim. A central language model (`assist.llm`) is an optional second
writer behind the same interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from .conversation import Conversation, cues
from .matters import problem_stream

MAX_PROBLEM_SENTENCES = 3
MAX_CLAUSE = 60

_DEFAULT_REQUEST = {
    "complaint": "希望相关部门尽快处理",
    "report": "希望相关部门核实查处",
    "help": "希望相关部门尽快帮助解决",
    "consultation": "希望得到解答",
    "suggestion": "希望相关部门研究采纳",
    "praise": "希望对相关人员予以表扬",
}
_VERB = {"complaint": "投诉", "report": "举报", "help": "求助", "consultation": "咨询",
         "suggestion": "建议", "praise": "表扬"}
# First person → the hotline's third person.
_PERSON = (("我们家", "其家"), ("我家", "其家"), ("我们小区", "该小区"), ("我们这", "其所在"),
           ("我们", "其"), ("我的", "其"), ("我", "其"), ("你们", "相关部门"))
_CLAUSE_SPLIT = re.compile(r"[，。！？；,.!?;]")
_PROBLEM_WORDS = re.compile(r"坏|漏|堵|吵|臭|脏|乱|没有|不能|不行|不给|不退|拖欠|欠|违|收费|噪|"
                            r"停|断|塌|积水|垃圾|占|丢|投诉|举报|反映|问题|想问|咨询|怎么|"
                            r"建议|希望|表扬|感谢|帮|危险|难|不方便|影响|多|少|贵|慢")


@dataclass(frozen=True, slots=True)
class Facts:
    """What the words are written from."""

    appeal_type: str | None
    matter_name: str
    place_text: str  # 杨浦区殷行街道 + address
    address: str
    caller_name: str
    reported_party: str


@dataclass(frozen=True, slots=True)
class Written:
    title: str
    request: str
    content: str
    summary: str


class Writer(Protocol):
    name: str

    def write(self, conversation: Conversation, facts: Facts) -> Written: ...


def clean(text: str) -> str:
    """Fillers out, first person to third."""
    for word in sorted(cues()["fillers"], key=len, reverse=True):
        text = text.replace(word, "")
    for a, b in _PERSON:
        text = text.replace(a, b)
    text = re.sub(r"([，,])\1+", r"\1", text)
    return text.strip("，,。 ")


def _clauses(conversation: Conversation) -> list[str]:
    """The caller's clauses, without those that only frame the call ("我要反映一个问题")."""
    framing = cues()["framing"]
    out = []
    for s in problem_stream(conversation).pieces:
        for clause in _CLAUSE_SPLIT.split(s.segment.text):
            clause = clause.strip()
            for word in framing:
                clause = clause.replace(word, "")
            if len(clause.strip("，, ")) >= 3:
                out.append(clause.strip("，, "))
    return out


def caller_request(conversation: Conversation, appeal_type: str | None) -> str:
    """The caller's own request, if they said one ("希望尽快修好"), else the usual one."""
    words = cues()["request"]
    for clause in reversed(_clauses(conversation)):
        at = min((clause.find(w) for w in words if w in clause), default=-1)
        if at >= 0:
            said = clean(clause[at:])[:MAX_CLAUSE]
            if len(said) >= 4:
                return said if said.startswith(("希望", "要求")) else "要求" + said
    return _DEFAULT_REQUEST.get(appeal_type or "", "希望相关部门处理")


def problem_gist(conversation: Conversation, facts: Facts) -> str:
    """Up to three of the caller's clauses that carry the problem, cleaned."""
    request_words = cues()["request"]
    picked: list[str] = []
    for clause in _clauses(conversation):
        if any(w in clause for w in request_words) and not _PROBLEM_WORDS.search(clause):
            continue
        if _PROBLEM_WORDS.search(clause) or (facts.matter_name and
                                             any(ch in clause for ch in facts.matter_name[:2])):
            text = clean(clause)[:MAX_CLAUSE]
            if text and text not in picked:
                picked.append(text)
        if len(picked) >= MAX_PROBLEM_SENTENCES:
            break
    return "，".join(picked)


class OfflineWriter:
    name = "offline"

    def write(self, conversation: Conversation, facts: Facts) -> Written:
        request = caller_request(conversation, facts.appeal_type)
        gist = problem_gist(conversation, facts)
        where = facts.place_text
        matter = facts.matter_name
        about = gist or matter or "相关问题"
        party = f"（被反映对象：{facts.reported_party}）" if facts.reported_party else ""
        place_part = f"{where}，" if where else ""
        content = f"来电人反映：{place_part}{about}{party}。来电人诉求：{request}。"
        if matter and matter not in content:
            content = f"来电人反映：{place_part}{matter}问题，{about}{party}。来电人诉求：{request}。"
        short_place = re.split(r"[，,、]", facts.address)[-1] if facts.address else where
        title = f"{short_place}{matter}" if matter else (about[:20] if about else "")
        verb = _VERB.get(facts.appeal_type or "", "反映")
        who = facts.caller_name or "市民"
        summary = f"{who}来电{verb}{where}{matter or about[:20]}，{request}。"
        return Written(title[:40], request, content, summary)
