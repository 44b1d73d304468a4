"""The legal-entity directory (全市法人单位): look up the company an appeal is about.

Entities have a name, an 18-character unified social credit code (统一社会信用代码,
GB 32100-2015), an address and a district. `search` is fuzzy on partial and abbreviated
names (rapidfuzz plus an in-order-characters test, so 浦江物业 finds
上海浦江物业管理有限公司) and exact on credit-code prefixes; the work-order form's
reported-party field uses it.

    directory = LegalEntityDirectory.load()           # resources/kb/legal_entities.json
    for match in directory.search("浦江物业", limit=5):
        print(match.entity.name, match.entity.credit_code, match.score)
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from agent_desktop.paths import resource

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_CODE_LIKE = re.compile(r"^[0-9A-Za-z]{4,18}$")
# Words that do not tell one entity from another: stripped to get the trade name (字号).
_NOISE = re.compile(
    r"(上海市|上海|中国|有限责任公司|股份有限公司|有限公司|分公司|公司|集团|"
    r"黄浦区|徐汇区|长宁区|静安区|普陀区|虹口区|杨浦区|闵行区|宝山区|嘉定区|浦东新区|"
    r"金山区|松江区|青浦区|奉贤区|崇明区|[（(][^）)]*[）)])")


def credit_code_check_digit(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_code_check_digit(first8: str) -> str:
    """The check character of a 9-character organisation code (GB 11714-1997)."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, ORG_WEIGHTS))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def is_valid_credit_code(code: str) -> bool:
    code = code.strip().upper()
    if len(code) != 18 or any(c not in CREDIT_CHARSET for c in code):
        return False
    return credit_code_check_digit(code[:17]) == code[17]


@dataclass(frozen=True, slots=True)
class LegalEntity:
    name: str
    credit_code: str
    address: str = ""
    district: str = ""  # district name, e.g. 徐汇区
    district_code: str = ""  # 6-digit division code
    demo: bool = False


@dataclass(frozen=True, slots=True)
class EntityMatch:
    entity: LegalEntity
    score: float  # 0–100


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _in_order(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


class LegalEntityDirectory:
    """Fuzzy name search over a list of legal entities (thread-safe, immutable)."""

    def __init__(self, entities: list[LegalEntity]) -> None:
        self.entities = list(entities)
        self._names = [_norm(e.name) for e in self.entities]
        self._cores = [_NOISE.sub("", n) or n for n in self._names]
        self._by_code = {e.credit_code.upper(): e for e in self.entities}

    @classmethod
    def load(cls, path: Path | None = None) -> LegalEntityDirectory:
        raw = json.loads((path or resource("kb", "legal_entities.json")).read_text("utf-8"))
        return cls([LegalEntity(**e) for e in raw["entities"]])

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> LegalEntityDirectory:
        return LegalEntityDirectory.load()

    def __len__(self) -> int:
        return len(self.entities)

    def by_credit_code(self, code: str) -> LegalEntity | None:
        return self._by_code.get(code.strip().upper())

    def search(self, query: str, *, limit: int = 10, district_code: str | None = None,
               min_score: float = 60.0) -> list[EntityMatch]:
        """Entities whose name matches the query, best first (credit-code prefixes too)."""
        q = _norm(query)
        if not q:
            return []
        if _CODE_LIKE.match(q) and any(ch.isdigit() for ch in q):
            upper = q.upper()
            found = [EntityMatch(e, 100.0) for code, e in self._by_code.items()
                     if code.startswith(upper)]
            return [m for m in found if not district_code
                    or m.entity.district_code == district_code][:limit]
        q_core = _NOISE.sub("", q) or q
        candidates = {i for _, _, i in process.extract(
            q, self._names, scorer=fuzz.partial_ratio, limit=max(50, limit * 5))}
        candidates.update(i for i, name in enumerate(self._names) if _in_order(q_core, name))
        matches = []
        for i in candidates:
            entity = self.entities[i]
            if district_code and entity.district_code != district_code:
                continue
            name, core = self._names[i], self._cores[i]
            score = 0.5 * fuzz.partial_ratio(q, name) + 0.3 * fuzz.ratio(q_core, core)
            if q in name:
                score += 20
            elif _in_order(q_core, name):
                score += 12
            score += 20 * fuzz.partial_ratio(q_core, core) / 100 * (len(q_core) >= 2)
            score = min(100.0, score)
            if score >= min_score:
                matches.append(EntityMatch(entity, round(score, 1)))
        matches.sort(key=lambda m: (-m.score, len(m.entity.name), m.entity.name))
        return matches[:limit]
