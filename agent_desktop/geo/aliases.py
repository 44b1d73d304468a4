"""How people name the divisions: the short and spoken forms of district and street/town
names, and the estate (小区) and village names hidden in committee names.

Used at build time by scripts/build_gazetteer.py, which commits the result, and by the
tests that check the committed gazetteer is up to date. Examples:

    >>> district_aliases("浦东新区")
    ['浦东新区', '浦东', '南汇区', '南汇', '川沙县']
    >>> [a.text for a in street_aliases("长海路街道", "街道")]
    ['长海路街道', '长海路']
    >>> estate_name("曹杨新村第一居委会")
    ('曹杨新村', 'estate')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十百零两"
ROAD_SUFFIXES = ("路", "街", "大道", "公路", "弄", "巷", "道")
COMMITTEE_SUFFIX = re.compile(r"(社区居民委员会|居民委员会|村民委员会|社区居委会|居委会|村委会|委员会)$")
ORDINAL_TAIL = re.compile(rf"(第[{CN_DIGITS}\d]+|[{CN_DIGITS}\d]+)$")
# Estate-like endings: a base name with one of these is specific enough to match alone.
ESTATE_ENDINGS = ("新村", "村", "苑", "园", "城", "里", "坊", "庭", "湾", "居", "邸", "府", "家园",
                  "花园", "公寓", "小区", "新城", "大楼", "广场", "别墅", "山庄", "公馆", "名邸",
                  "雅苑", "佳苑", "生活区", "宿舍", "小镇", "社区", "大厦", "中心", "港", "墅")
# Names that are words first (and would match ordinary speech) or say nothing on their own.
GENERIC = frozenset("""
新村 一村 二村 三村 四村 五村 六村 七村 八村 九村 十村 东村 西村 南村 北村 中村
新苑 东苑 西苑 南苑 北苑 东区 西区 南区 北区 中区 新城 新区 花园 家园 小区 社区 中心 公寓
大楼 新港 新镇 老街 新街 东街 西街 南街 北街 光明 幸福 和平 胜利 团结 建设 友谊 民主
红旗 东风 新民 新华 人民 前进 联合 新建 长江 中华 繁荣 文化 东方 阳光 春天 城市 生活
""".split())


# Short forms that are ordinary words, or name something else first (中山公园, 东海大桥):
# the full name still matches.
GENERIC_SHORT = frozenset("新村 建设 中兴 三星 书院 海湾 大桥 中山 新河 石化 万里 新海 东平".split())
# Well-known other names, added by hand (public knowledge, kept short on purpose).
KNOWN_ALIASES = {
    "川沙新镇": ["川沙"],
    "南汇新城镇": ["临港", "临港新城"],
    "张江高科技园区": ["张江高科"],
    "漕河泾新兴技术开发区": ["漕河泾开发区"],
    "中国（上海）自由贸易试验区（保税片区）": ["外高桥保税区"],
}


@dataclass(frozen=True)
class Alias:
    text: str
    short: bool = False  # a shortened form ("长海路" for 长海路街道): weaker evidence


# Former districts and counties, merged into today's (public record of the State Council's
# approvals: 南市→黄浦 2000, 卢湾→黄浦 2011, 闸北→静安 2015, 南汇→浦东新区 2009, 川沙县→浦东
# 1993, 上海县→闵行 1992, 吴淞区→宝山 1988, the counties → districts 1992–2016). Callers
# still say them ("原来闸北那块").
FORMER_DISTRICTS = {
    "黄浦区": ["卢湾区", "卢湾", "南市区"],
    "静安区": ["闸北区", "闸北"],
    "浦东新区": ["南汇区", "南汇", "川沙县"],
    "闵行区": ["上海县"],
    "宝山区": ["吴淞区", "宝山县"],
    "嘉定区": ["嘉定县"],
    "金山区": ["金山县"],
    "松江区": ["松江县"],
    "青浦区": ["青浦县"],
    "奉贤区": ["奉贤县"],
    "崇明区": ["崇明县"],
}


def district_aliases(name: str) -> list[str]:
    """Official name, short form, then former names (闸北 for 静安区)."""
    out = [name]
    if name.endswith("新区"):
        out.append(name[:-2])
    elif name.endswith(("区", "县")) and len(name) >= 3:
        out.append(name[:-1])
    out.extend(FORMER_DISTRICTS.get(name, []))
    return out


def _strip_decorations(name: str) -> str:
    name = re.sub(r"（[^）]*）|\([^)]*\)", "", name)
    for prefix in ("中国上海", "中国", "上海市", "上海"):
        if name.startswith(prefix) and len(name) - len(prefix) >= 3:
            name = name[len(prefix):]
    return name


def street_aliases(name: str, kind: str, other_names: list[str] = (),
                   reserved: set[str] | frozenset[str] = frozenset()) -> list[Alias]:
    """Full name first, then shorter spoken forms. `reserved` holds names a short form must
    not take (the district aliases: "嘉定" is 嘉定区, not 嘉定镇街道)."""
    out = [Alias(name)]
    seen = {name}

    def add(text: str, short: bool) -> None:
        if short and (text in reserved or text in GENERIC_SHORT):
            return
        if len(text) >= 2 and text not in seen:
            seen.add(text)
            out.append(Alias(text, short))

    for other in [*other_names, *KNOWN_ALIASES.get(name, [])]:
        add(other, False)
    if name.endswith("新镇"):  # 川沙新镇 → 川沙 (above), never "川沙新"
        return out
    if kind == "街道":
        base = name[: -len("街道")]
        add(base, True)
        if base.endswith("镇"):  # 真如镇街道 → 真如镇, 真如
            add(base[:-1], True)
    elif kind in ("镇", "乡"):
        add(name[:-1], True)
    else:  # parks, farms, development zones
        add(_strip_decorations(name), False)
    return out


def estate_name(committee: str) -> tuple[str, str] | None:
    """The estate or village a committee is named after, with its kind, or None.

    "曹杨新村第一居委会" → ("曹杨新村", "estate"); "共和村村委会" → ("共和村", "village").
    Names that end like a road (committees named after their road) are left out: a road
    alone is not resolved offline.
    """
    if "虚拟" in committee:  # statistical placeholder committees, no estate behind them
        return None
    m = COMMITTEE_SUFFIX.search(committee)
    base = committee[: m.start()] if m else committee
    kind = "village" if m and m.group(1) in ("村委会", "村民委员会") else "estate"
    if kind == "estate":
        if base.endswith("社区") and len(base) > 4:
            base = base[:-2]
        stripped = ORDINAL_TAIL.sub("", base)
        # "航华一村第六" → "航华一村"; "莲溪四" → "莲溪"; keep "龙柏七村" whole.
        if len(stripped) >= 2:
            base = stripped
    if len(base) < 2 or base in GENERIC:
        return None
    if base.endswith(ROAD_SUFFIXES) and not base.endswith("街道"):
        return None
    return base, kind


def needs_context(name: str) -> bool:
    """A two-character estate name without an estate ending ("莲溪", "天平") is matched only
    when the speaker marks it as a place (小区, 居委, 新村 …)."""
    return len(name) <= 2 and not name.endswith(ESTATE_ENDINGS)


_ORDINAL = re.compile(rf"^(.{{2,}}?)第([{CN_DIGITS}]{{1,2}})$")
_ARABIC = {d: str(i) for i, d in enumerate("一二三四五六七八九", 1)}


def committee_aliases(committee: str) -> list[tuple[str, bool]]:
    """How callers name a neighbourhood committee without its suffix, with a flag for the
    abbreviated (weaker) forms:

    >>> committee_aliases("庆安第五居委会")
    [('庆安第五', False), ('庆安第五居', False), ('庆安五居', True), ('庆安5居', True), ('庆安五', True)]
    >>> committee_aliases("乐国路社区居委会")
    [('乐国路小区', False), ('乐国路社区', False), ('乐国路居委', False)]

    Numbered committees ("鸿宝第三社区居委会") are said without the suffix ("鸿宝第三"), or
    abbreviated ("鸿宝三", "鸿宝三居"); a committee named after its road ("乐国路") is "乐国路
    小区" to its residents, but the road alone stays a road.
    """
    if "虚拟" in committee or not committee.endswith(("居委会", "居民委员会")):
        return []
    base = COMMITTEE_SUFFIX.sub("", committee)
    if base.endswith("社区") and len(base) > 4:
        base = base[:-2]
    out: list[tuple[str, bool]] = []
    m = _ORDINAL.match(base)
    if m:
        stem, number = m.groups()
        if stem in GENERIC or len(stem) < 2 or stem.endswith(ROAD_SUFFIXES):
            return []
        out += [(base, False), (base + "居", False), (f"{stem}{number}居", True)]
        if number in _ARABIC:
            out.append((f"{stem}{_ARABIC[number]}居", True))
        out.append((stem + number, True))
    elif base.endswith(ROAD_SUFFIXES) and len(base) >= 3 and not base.endswith("街道"):
        out += [(base + "小区", False), (base + "社区", False), (base + "居委", False)]
    return out
