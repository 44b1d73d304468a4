"""Department suggestion: the matter's routing rule × the place of the appeal (属地).

    >>> router = Router(load_departments())
    >>> s = router.suggest(leaf, district_code="310110", street_code="310110021")
    >>> s.department.name, s.reason
    ('长海路街道办事处', '属地派单：杨浦区长海路街道办事处（按事项“小区内违法搭建”属地规则）')

A catalog leaf's rule says at which level its department sits (`mode`) and what kind of
department it is (`function`):
- `city`: the city-level department of that function, wherever the place is;
- `district`: that function's bureau in the place's district;
- `street`: the office of the place's street/town (function `street_office`).

When the place is incomplete the suggestion falls back, and `fallback` and the Chinese
`reason` say which way:
- street rule, no street (or an unknown one) → the district government;
- district or street rule, no district → the city department of the function if any,
  else no suggestion (the operator must pick the district first);
- district rule, the district lacks that bureau → the district government;
- a street code whose district differs from the chosen district → the street wins.
The operator may always override the suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from agent_desktop.domain.enums import RoutingMode
from agent_desktop.domain.models import CatalogNode, Department, RoutingRule

__all__ = ["Fallback", "DepartmentSuggestion", "Router", "FUNCTION_LABELS_ZH"]

# Chinese name of each department function, for reasons and pickers.
FUNCTION_LABELS_ZH: dict[str, str] = {
    "construction": "建设管理",
    "housing": "房屋管理",
    "water": "水务",
    "greening_sanitation": "绿化市容",
    "urban_management": "城管执法",
    "transport": "交通",
    "planning": "规划资源",
    "real_estate": "不动产登记",
    "market": "市场监管",
    "human_resources": "人力资源社会保障",
    "medical_insurance": "医疗保障",
    "civil_affairs": "民政",
    "veterans": "退役军人事务",
    "disabled": "残疾人工作",
    "education": "教育",
    "health": "卫生健康",
    "police": "公安",
    "traffic_police": "公安交通管理",
    "fire": "消防救援",
    "environment": "生态环境",
    "emergency": "应急管理",
    "commerce": "商务",
    "industry": "经济和信息化",
    "tax": "税务",
    "culture_tourism": "文化旅游",
    "sports": "体育",
    "agriculture": "农业农村",
    "justice": "司法行政",
    "government_service": "政务服务",
    "housing_fund": "住房公积金",
    "telecom": "通信管理",
    "postal": "邮政管理",
    "metro": "轨道交通运营",
    "power": "供电",
    "gas": "燃气供应",
    "water_supply": "供水",
    "government": "区政府",
    "street_office": "街道/乡镇",
}


class Fallback(StrEnum):
    """Why the suggestion is not the department the rule names for a complete place."""

    NO_STREET = "no_street"  # street rule, street unknown → district government
    UNKNOWN_STREET = "unknown_street"  # street code without an office → district government
    NO_DISTRICT = "no_district"  # district/street rule, no district → city department
    NO_DISTRICT_BUREAU = "no_district_bureau"  # district lacks the bureau → district gov.
    UNKNOWN_DISTRICT = "unknown_district"  # district code without a government
    NONE_FOUND = "none_found"  # nothing suitable: the operator must choose


@dataclass(frozen=True)
class DepartmentSuggestion:
    department: Department | None  # None: nothing suitable, the operator must choose
    reason: str  # Chinese, shown next to the department field
    rule: RoutingRule
    fallback: Fallback | None = None  # None when the rule resolved as written

    @property
    def ok(self) -> bool:
        return self.department is not None


class Router:
    """Resolves routing rules against the department list (pure lookups, no I/O)."""

    def __init__(
        self,
        departments: Iterable[Department],
        place_names: Mapping[str, str] | None = None,
    ) -> None:
        """`place_names` maps district/street codes to names for reasons; by default the
        names come from the district governments (杨浦区人民政府 → 杨浦区)."""
        self.departments: dict[str, Department] = {}
        self._city: dict[str, Department] = {}
        self._district: dict[tuple[str, str], Department] = {}
        self._street: dict[str, Department] = {}
        self._government: dict[str, Department] = {}
        for dep in departments:
            self.departments[dep.code] = dep
            if dep.level == "city":
                self._city.setdefault(dep.function, dep)
            elif dep.level == "district" and dep.district_code:
                if dep.function == "government":
                    self._government.setdefault(dep.district_code, dep)
                self._district.setdefault((dep.district_code, dep.function), dep)
            elif dep.level == "street" and dep.street_code and dep.function == "street_office":
                self._street.setdefault(dep.street_code, dep)
        self._names: dict[str, str] = dict(place_names or {})
        for code, gov in self._government.items():
            self._names.setdefault(code, gov.name.removesuffix("人民政府"))

    def department(self, code: str) -> Department | None:
        return self.departments.get(code)

    def district_name(self, code: str | None) -> str:
        return self._names.get(code or "", code or "")

    def street_office(self, street_code: str) -> Department | None:
        return self._street.get(street_code)

    def district_department(self, district_code: str, function: str) -> Department | None:
        return self._district.get((district_code, function))

    def city_department(self, function: str) -> Department | None:
        return self._city.get(function)

    def suggest(
        self,
        matter: CatalogNode | RoutingRule,
        district_code: str | None = None,
        street_code: str | None = None,
    ) -> DepartmentSuggestion:
        """The default department for `matter` at the place, with its reason."""
        if isinstance(matter, CatalogNode):
            if matter.routing is None:
                raise ValueError(f"matter {matter.code} has no routing rule (not a leaf?)")
            rule, matter_name = matter.routing, matter.name
        else:
            rule, matter_name = matter, ""
        label = FUNCTION_LABELS_ZH.get(rule.function, rule.function)
        about = f"事项“{matter_name}”" if matter_name else "该事项"
        district_code = district_code or None
        street_code = street_code or None
        note = ""
        if street_code and len(street_code) >= 6 and district_code != street_code[:6]:
            if district_code:
                note = "；所选街道/镇不在所选区，已按街道/镇所属区"
            district_code = street_code[:6]

        def made(dep: Department | None, reason: str, fallback: Fallback | None = None):
            return DepartmentSuggestion(dep, reason + note, rule, fallback)

        if rule.mode == RoutingMode.CITY:
            dep = self._city.get(rule.function)
            if dep:
                return made(dep, f"市级承办：{dep.name}（{about}由市级{label}部门统一承办）")
            return made(None, f"未找到市级{label}部门，请人工选择承办部门", Fallback.NONE_FOUND)

        if not district_code:
            city = self._city.get(rule.function)
            if city:
                return made(
                    city,
                    f"未选择区，暂派市级{label}部门：{city.name}（{about}按属地派单，"
                    f"补充事发区后可精确派单）",
                    Fallback.NO_DISTRICT,
                )
            return made(
                None,
                f"未选择事发区，无法按属地派单（{about}），请先选择区或街道/镇",
                Fallback.NO_DISTRICT,
            )

        gov = self._government.get(district_code)
        district = self.district_name(district_code)

        if rule.mode == RoutingMode.DISTRICT:
            dep = self._district.get((district_code, rule.function))
            if dep:
                return made(dep, f"区级承办：{dep.name}（{about}由所在区{label}部门承办）")
            if gov:
                return made(
                    gov,
                    f"{district}无{label}部门，改派{gov.name}（{about}按区级规则）",
                    Fallback.NO_DISTRICT_BUREAU,
                )
            return self._unknown_district(rule, district_code, about, note)

        # RoutingMode.STREET
        if street_code:
            office = self._street.get(street_code)
            if office:
                return made(office, f"属地派单：{district}{office.name}（按{about}属地规则）")
            if gov:
                return made(
                    gov,
                    f"街道/镇代码{street_code}无对应办事处，暂派{gov.name}（{about}按属地派至"
                    f"街道/镇，请核对街道/镇）",
                    Fallback.UNKNOWN_STREET,
                )
        elif gov:
            return made(
                gov,
                f"未选择街道/镇，暂派{gov.name}（{about}按属地派至街道/镇，补充街道/镇后可"
                f"精确派单）",
                Fallback.NO_STREET,
            )
        return self._unknown_district(rule, district_code, about, note)

    def _unknown_district(
        self, rule: RoutingRule, district_code: str, about: str, note: str
    ) -> DepartmentSuggestion:
        return DepartmentSuggestion(
            None,
            f"区代码{district_code}不在本市部门名录中，无法按属地派单（{about}），"
            f"请核对区或人工选择{note}",
            rule,
            Fallback.UNKNOWN_DISTRICT,
        )
