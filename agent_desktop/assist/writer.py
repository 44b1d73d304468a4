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

from .address import tidy_address
from .conversation import Conversation, cues
from .matters import problem_stream

MAX_GIST = 150  # characters of the caller's account in the content
MAX_HEADLINE = 36  # characters of it in the summary
MAX_CLAUSE = 60
MIN_OPENING = 12  # characters: a shorter opening statement takes the next utterance with it

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
_PERSON = (("我们家", "其家"), ("我家", "其家"), ("我们小区", "该小区"), ("我们这里", "其所在地"),
           ("我们这边", "其所在地"), ("我们这", "其所在"), ("阿拉", "其"), ("侬", "相关部门"),
           ("我们", "其"), ("我的", "其"), ("我", "其"), ("你们", "相关部门"))
_CLAUSE_SPLIT = re.compile(r"[，。！？；,.!?;]|…+|\.{2,}")
_PROBLEM_WORDS = re.compile(r"坏|漏|堵|吵|臭|脏|乱|没有|不能|不行|不给|不退|不通|不管|拖欠|欠|违|收费|噪|"
                            r"停|断|塌|积水|垃圾|占|丢|投诉|举报|反映|问题|想问|咨询|怎么|"
                            r"建议|希望|表扬|感谢|帮|危险|难|不方便|影响|多|少|贵|慢|没了|错|退|不了|不肯|"
                            r"不让|不准|不理|没人|没用")
# What makes a clause a detail worth writing down: when, how long, how much, how old,
# what the caller asks.
_DETAIL_WORDS = re.compile(r"[0-9一二两三四五六七八九十百千]+(?:点|天|个月|月|年|岁|块|元|万|次|楼|层|米)|"
                           r"半夜|夜里|晚上|早上|凌晨|礼拜|周末|天天|每天|一直|"
                           r"吗|伐|呢|哪里|哪儿|多少|能不能|要不要|是不是|可不可以|还是")
# Clauses the order's other fields already hold: name and phone, reply wanted.
_CONTACT = re.compile(r"姓|电话|号码|手机|联系方式|口天|回复|回电|回个电话|回我|不用回|回不回")
_NUMBERS = re.compile(r"[0-9零〇一二三四五六七八九幺两]")
# The caller talking to themself ("我老是搞错", "具体我……算了") and a bare district or
# street/town ("我是卢湾区的", "打浦桥这边"), which the place fields hold.
_ASIDE = re.compile(r"^其?(?:老是|又|好像)?(?:搞|讲|说|记)错了?|.{0,3}算了|想不起来")
_AREA = re.compile(r"(?:其|就|现在|原来|以前)*(?:是|在)?(?:\w{1,6}(?:区|县|镇|街道|乡)(?:这边|那边)?|"
                   r"\w{1,3}(?:这边|那边|这里|那里|这块))了?的?")
_SPELLING = re.compile(r"\w{1,4}的\w")  # "三点水的汪": the surname spelt out
_QUESTION = re.compile(r"吗|伐|呢|哪里|多少|怎么|能不能|要不要|是不是|可不可以|还是")


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
    text = re.sub(r"…+|\.{2,}", "", text)
    for word in sorted(cues()["fillers"], key=len, reverse=True):
        text = text.replace(word, "")
    for a, b in _PERSON:
        text = text.replace(a, b)
    text = re.sub(r"([，,])\1+", r"\1", text)
    return text.strip("，,。 ")


def _utterances(conversation: Conversation) -> list[list[str]]:
    """The caller's clauses, per utterance, without the words that only frame the call
    ("我要反映一个问题")."""
    framing = sorted(cues()["framing"], key=len, reverse=True)
    out = []
    for s in problem_stream(conversation).pieces:
        clauses = []
        for clause in _CLAUSE_SPLIT.split(s.segment.text):
            for word in framing:
                clause = clause.replace(word, "")
            clause = re.sub(r"我(?=我)", "", clause)
            if len(clause.strip("，, ")) >= 3:
                clauses.append(clause.strip("，, "))
        out.append(clauses)
    return out


def _clauses(conversation: Conversation) -> list[str]:
    return [c for u in _utterances(conversation) for c in u]


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


def _account(clause: str, request_words: list[str], place: str) -> str:
    """The clause cleaned if it tells the matter; "" for the name, phone, reply wanted,
    the request alone, small talk and a bare place `place` (the order's place) holds."""
    problem = _PROBLEM_WORDS.search(clause)
    if _CONTACT.search(clause) and not problem:
        return ""
    if any(w in clause for w in request_words) and not problem:
        return ""
    text = clean(clause)[:MAX_CLAUSE]
    core = re.sub(r"\W", "", text)
    for word in sorted(cues()["small_talk"], key=len, reverse=True):
        core = core.replace(word, "")
    if len(core) < 3 or len(_NUMBERS.findall(core)) > 0.6 * len(core) \
            or _ASIDE.match(core) or _AREA.fullmatch(core) or _SPELLING.fullmatch(core):
        return ""
    named = tidy_address(text)
    if named and len(named) >= len(core) - 2 and (named in place or len(named) < 4):
        return ""
    return text


def _names_place(text: str, place: str) -> bool:
    """Whether the clause names a place the order's place does not hold."""
    named = tidy_address(text)
    return bool(named) and named not in place


def problem_gist(conversation: Conversation, facts: Facts) -> str:
    """The caller's account, cleaned: their first statement of the matter always, then the
    clauses that carry the problem or a detail (when, how much, what they ask)."""
    request_words = cues()["request"]
    matter_chars = facts.matter_name[:2] if facts.matter_name else ""
    picked: list[str] = []
    first = True
    for clauses in _utterances(conversation):
        said = [t for t in (_account(c, request_words, facts.place_text) for c in clauses) if t]
        told = said
        if not first:  # later: what carries the problem or a detail, and what a question asks about
            told = [t for i, t in enumerate(said)
                    if _PROBLEM_WORDS.search(t) or _DETAIL_WORDS.search(t)
                    or (matter_chars and any(ch in t for ch in matter_chars))
                    or _names_place(t, facts.place_text)
                    or (i + 1 < len(said) and _QUESTION.search(said[i + 1]))]
        for text in told:
            if text not in picked and len("，".join([*picked, text])) <= MAX_GIST:
                picked.append(text)
        # the opening lasts until it says something ("我想表扬一个人" is only the topic)
        first = first and len("，".join(picked)) < MIN_OPENING
    return "，".join(picked)


def _headline(gist: str) -> str:
    """The gist's first clauses, up to MAX_HEADLINE characters."""
    out = ""
    for clause in gist.split("，"):
        if out and len(out) + len(clause) + 1 > MAX_HEADLINE:
            break
        out = f"{out}，{clause}" if out else clause[:MAX_HEADLINE]
    return out


class OfflineWriter:
    name = "offline"

    def write(self, conversation: Conversation, facts: Facts) -> Written:
        request = caller_request(conversation, facts.appeal_type)
        gist = problem_gist(conversation, facts)
        where = facts.place_text
        matter = facts.matter_name
        party = f"（被反映对象：{facts.reported_party}）" if facts.reported_party else ""
        place_part = f"{where}，" if where else ""
        about = gist or (f"{matter}问题" if matter and not matter.endswith("问题") else matter)
        content = f"来电人反映：{place_part}{about or '相关问题'}{party}。来电人诉求：{request}。"
        short_place = facts.address.split("，")[0] if facts.address else where
        title = f"{short_place}{matter}" if matter else _headline(gist)[:20]
        verb = _VERB.get(facts.appeal_type or "", "反映")
        who = facts.caller_name or "市民"
        told = f"，称{_headline(gist)}" if gist else ""
        summary = f"{who}来电{verb}{where}{matter}{told}，{request}。"
        return Written(title[:40], request, content, summary)
