"""The reported party (被反映对象): the shop, company or property manager the caller
complains about, matched against the legal-entity directory when it is there, so the
order names the registered entity rather than the caller's shorthand.
"""

from __future__ import annotations

import re

from agent_desktop.kb.entities import LegalEntityDirectory

from .conversation import Conversation
from .draft import Guess

_ORG = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9]{2,14}?"
    r"(?:有限公司|公司|超市|便利店|饭店|餐厅|酒店|宾馆|物业|中介|门店|药店|药房|健身房|培训机构|"
    r"培训中心|银行|快递|商场|美容院|理发店|洗衣店|修车行|4S店|工厂|厂|医院|诊所|电器|店))")
# Words before a name that are not part of it.
_LEADING = re.compile(r"^(?:我要|我想|投诉|举报|反映|一下|我跟|我去|要回|回到|要么|或者|找|寻|就是|那个|这个|一个|一家|那家|这家|有个|有家|叫做?|我们小区的?|我们|"
                      r"现在|他们|她们|这边|那边|还有|而且|然后|说是|就|也|都|又|还|"
                      r"楼下的?|门口的?|对面的?|旁边的?|附近的?|我在|在|去|到|的|了|被|跟|和|给|是)+")
_NOT_PARTIES = ("公安局", "派出所", "居委", "街道", "政府", "12345", "热线")
MIN_MATCH = 75.0


# A name the caller gives outright: 叫“顺达汽修”, 名字叫……中瑞建设, 牌子上写的老弄堂
_NAMED = re.compile(r"(?:名字叫|店名叫|叫做|叫|牌子上写的?是?|招牌是|挂着)(?:什么|啥|个)?[…\.。，,、\s“”\"「」]*"
                    r"([\u4e00-\u9fffA-Za-z0-9]{2,14})")
_GENERIC = re.compile(r"^(?:大|小|黑|一|这|那)?(?:烧烤|汽修|修车|饭|餐|培训|中介|物业|建设|装修|"
                      r"便利|超市|理发|美容|药|商|工|快递|健身|有限)?(?:店|公司|机构|厂|房|行|超市|物业|中介|医院)$")


# Words of a sentence, not of a name: "我今年从公司", "两家公司", "伊跟我差不多辰光进厂".
_NOT_A_NAME = re.compile(r"[我你他她伊侬其从跟是有开进在到了吧呢吗]|^[一二两三四五六七八九十几]+家")
_ORG_CONTEXT = ("店", "公司", "机构", "厂", "商家", "老板", "总包", "平台", "医院", "学校", "护理",
                "品牌", "牌子", "门面", "超市", "工地", "单位", "企业", "中介", "物业", "馆",
                "健身", "诊所", "培训", "商户")


def _named(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _NAMED.finditer(text):
        name = m.group(1)
        if name[0] in "了过他她我你人伊侬" or name.startswith(("售后", "师傅", "物业", "警察", "救护")):
            continue  # 叫了售后, 叫他…: 叫 as "call", not a name
        if text[max(0, m.start() - 2):m.start()].endswith(("我", "我的", "本人")):
            continue  # 我叫王明: the caller's own name
        if any(w in name for w in ("什么", "名字", "哎呀", "这个", "那个")) or not any(
                w in text[max(0, m.start() - 120):m.end()] for w in _ORG_CONTEXT):
            continue  # a road's or a person's name, or no business spoken of
        cut = re.search(r"(?:的|了|吗|吧|呢|，|。|好像|蛮|在|那边|这边)", name)
        if cut and cut.start() >= 2:
            name = name[:cut.start()]
        if len(name) >= 3 and not any(w in name for w in _NOT_PARTIES):
            spans.append((m.start(1), m.start(1) + len(name)))
    return spans


def guess_reported_party(conversation: Conversation,
                         directory: LegalEntityDirectory | None,
                         district_code: str | None = None) -> Guess | None:
    stream = conversation.stream("caller")
    found = None
    for start, end in _named(stream.text):  # a name said outright wins
        found = (stream.text[start:end], stream.evidence(start, end))
        break
    for m in _ORG.finditer(stream.text) if found is None else ():
        name = _LEADING.sub("", m.group(1)).rpartition("的")[2]
        if (len(name) < 3 or any(w in name for w in _NOT_PARTIES) or name in ("快递", "银行")
                or _GENERIC.match(name) or _NOT_A_NAME.search(name)):
            continue
        start = m.start(1) + (len(m.group(1)) - len(name))
        found = (name, stream.evidence(start, m.end(1)))
        break  # the first one named is what the call is about
    if found is None:
        return None
    name, evidence = found
    if directory is not None:
        best = None
        for i in range(0, max(1, len(name) - 3)):  # the caller's words may lead in
            for m in directory.search(name[i:], limit=1, district_code=district_code) or \
                    directory.search(name[i:], limit=1):
                if m.score >= MIN_MATCH and (best is None or m.score > best.score):
                    best = m
        if best is not None:
            return Guess(best.entity.name, 0.75, (evidence,))
    return Guess(name, 0.55, (evidence,))
