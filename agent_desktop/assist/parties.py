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
    r"培训中心|银行|快递|商场|美容院|理发店|洗衣店|修车行|4S店|工厂|厂|店))")
# Words before a name that are not part of it.
_LEADING = re.compile(r"^(?:就是|那个|这个|一个|一家|那家|这家|有个|有家|叫做?|我们小区的?|我们|"
                      r"现在|他们|她们|这边|那边|还有|而且|然后|说是|就|也|都|又|还|"
                      r"楼下的?|门口的?|对面的?|旁边的?|附近的?|我在|在|去|到|的|了|被|跟|和|给|是)+")
_NOT_PARTIES = ("公安局", "派出所", "居委", "街道", "政府", "12345", "热线")
MIN_MATCH = 75.0


def guess_reported_party(conversation: Conversation,
                         directory: LegalEntityDirectory | None,
                         district_code: str | None = None) -> Guess | None:
    stream = conversation.stream("caller")
    found = None
    for m in _ORG.finditer(stream.text):
        name = _LEADING.sub("", m.group(1))
        if len(name) < 3 or any(w in name for w in _NOT_PARTIES) or name in ("快递", "银行"):
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
