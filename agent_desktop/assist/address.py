"""The detailed address as a dispatcher writes it, from the caller's spoken place clauses.

"宝山，就是牡丹江路，跟那个……密山路，路口这里" → "牡丹江路密山路路口": fillers out, the
district and street/town left to their own fields, only the clauses that end on a place word
(road, 路口, house number, 弄/号/楼/室, estate, landmark) kept, a correction ("不对，一百零八弄",
"哦不是，是政通路") replacing what it corrects, repeats dropped, spoken numbers as digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .conversation import cues

MAX_ADDRESS = 30
_SPLIT = re.compile(r"[，,。！？；;!?、…\s　:：“”\"]+|\.{2,}")
_NUM = "0-9零〇一二三四五六七八九十百千幺两"
_CORRECTION = re.compile(r"^(?:哦|噢|哎|啊)?(不对|不不|不是|说错了|搞错了)")
_LEAD = re.compile(r"^(?:你就写|就写|写|我们是|我们|我是|我住|我在|我家|住在|就在|地址是|位置是|在|是|"
                   r"跟|和|与|有个|有一个|的|就|还有|哦|噢|对|呃|嗯)+")
_TAIL = re.compile(r"(?:这边|那边|这里|那里|这块|那块|那头|这头|一带|这儿|那儿|了|吧|的)+$")
_ON_ROAD = re.compile(r"(?<=[路街弄号])(?:上|里)$")
_LANDMARK = (r"大厦|广场|医院|卫生院|学校|小学|中学|大学|幼儿园|公园|地铁站|火车站|汽车站|车站|商场|超市|"
             r"菜场|菜市场|大楼|市场|银行|酒店|宾馆|派出所|体育馆|图书馆|电影院|工地|加油站|政府|居委|"
             r"中心|小区|新村|花园|公寓|苑|村|城|坊|园")
_PLACE_END = re.compile(rf"(?:(?:大道|公路|支路|路|街|巷)|[{_NUM}]+(?:弄|号楼|号|栋|幢|楼|室|单元)|"
                        rf"路口|门口|旁边|对面|附近|边上|转角|出口|入口|{_LANDMARK})$")
_BARE = re.compile(rf"^(?:{_LANDMARK}|路口|门口|旁边|对面|附近|边上|转角|出口|入口|马路|楼|农村|乡下|老家|外地)$")
# Words a place name never holds: "再滴下去电灯都要短路了", "我就住在旁边" name no place;
# "合同上写的是天山路318号" names one after its last 是/在/住/写.
_NOT_PLACE = re.compile(r"[我你他她其要就了把被没很说讲去看过着写也还到给]")
_LOCATIVE = re.compile(r".*(?:是|在|住|写)")
_DIGIT = dict(zip("零〇一二三四五六七八九幺两", "00123456789" + "12"))


def spoken_number(words: str) -> str:
    """"一百九十八" → "198", "五五八" → "558", "十二" → "12"; unchanged when unsure."""
    if not words or any(ch not in _DIGIT and ch not in "十百千" and not ch.isdigit()
                        for ch in words):
        return words
    if not any(ch in "十百千" for ch in words):
        return "".join(_DIGIT.get(ch, ch) for ch in words)
    total, digit = 0, 0
    for ch in words:
        unit = {"十": 10, "百": 100, "千": 1000}.get(ch)
        if unit is None:
            digit = int(_DIGIT.get(ch, ch))
        else:
            total += (digit or 1) * unit
            digit = 0
    return str(total + digit)


def _digits(text: str) -> str:
    return re.sub(rf"[{_NUM}]+(?=弄|号|栋|幢|楼|室|单元)",
                  lambda m: spoken_number(m.group()), text)


def _strip(clause: str, names: list[str]) -> str:
    for word in sorted(cues()["fillers"], key=len, reverse=True):
        clause = clause.replace(word, "")
    previous = None
    while previous != clause:
        previous = clause
        clause = _LEAD.sub("", clause)
        clause = _ON_ROAD.sub("", _TAIL.sub("", clause))
        for name in names:  # the district and street/town have their own fields
            if clause.startswith(name) and not name.endswith("路"):
                clause = clause[len(name):]
    return clause


def tidy_address(text: str, drop: Iterable[str] = ()) -> str:
    """The place clauses of `text` as one short address; "" when it names none.
    `drop`: names to leave out (the district and street/town, as heard and in full)."""
    names = sorted({n for n in drop if n}, key=len, reverse=True)
    parts: list[str] = []
    correcting = False
    for clause in _SPLIT.split(text):
        m = _CORRECTION.match(clause)
        if m:
            correcting = True
            if m.group(1) == "不是":
                continue  # "不是国权路": denied, what follows corrects it
            clause = clause[m.end():]
        clause = _strip(clause, names)
        if clause == "路口" and parts and parts[-1].endswith("路"):
            roads = 2 if len(parts) > 1 and parts[-2].endswith("路") else 1
            parts[-roads:] = ["".join(parts[-roads:]) + "路口"]
            continue
        clause = _LOCATIVE.sub("", clause)
        if len(clause) < 2 or len(clause) > 16 or not _PLACE_END.search(clause) \
                or _BARE.match(clause) or _NOT_PLACE.search(clause) \
                or re.fullmatch(r".(?:路|街|巷)", clause) or clause.endswith("马路"):
            continue
        if correcting and parts:
            parts.pop()
        correcting = False
        parts.append(_digits(clause))
    kept = [p for i, p in enumerate(parts)
            if not any(p in q and (p != q or j > i) for j, q in enumerate(parts) if j != i)]
    out = ""
    for part in kept:
        piece = part if not out or part[0].isdigit() else "，" + part
        if len(out) + len(piece) > MAX_ADDRESS:
            break
        out += piece
    return out
