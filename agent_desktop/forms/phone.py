"""Validate and normalise the phone numbers an operator types or ASR hears.

    >>> parse_phone("+86 138-0013-8000").normalized
    '13800138000'
    >>> parse_phone("(021) 6234 5678 转 123").normalized
    '021-62345678转123'
    >>> parse_phone("1380013800").error
    '手机号应为11位，当前10位'

Accepted input: full-width digits, spaces, dashes, dots and brackets anywhere (ASR and
operators split numbers as "138 0013 8000"); Chinese digits as ASR writes them (幺三八…);
the prefixes +86 / 0086 / 86; extensions written 转123, 分机123, ext 123, x123, #123, or a
trailing -123 after a complete landline.

Normalised forms (what goes into `caller.phones`):
- mainland mobile: 11 digits, `13800138000`;
- landline: `<area code>-<local number>`, `021-62345678`, `0571-87654321`; a Shanghai
  number typed without its area code gets `021`;
- extension: appended as `转<digits>`, `021-62345678转123`;
- service numbers (110, 12345, 95598, 400-…): the digits; kind SERVICE with a warning,
  since a caller cannot be called back on them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["PhoneKind", "PhoneResult", "parse_phone", "normalize_phone", "SERVICE_NUMBERS"]


class PhoneKind(StrEnum):
    MOBILE = "mobile"  # 手机
    LANDLINE_SHANGHAI = "landline_shanghai"  # 上海固话
    LANDLINE_OTHER = "landline_other"  # 外地固话
    SERVICE = "service"  # 服务号码 (110, 12345, 95598, 400 …)


KIND_LABELS_ZH = {
    PhoneKind.MOBILE: "手机",
    PhoneKind.LANDLINE_SHANGHAI: "上海固话",
    PhoneKind.LANDLINE_OTHER: "外地固话",
    PhoneKind.SERVICE: "服务号码",
}

# Well-known short numbers; any other 95xxx / 96xxx is also a service number.
SERVICE_NUMBERS: dict[str, str] = {
    "110": "报警电话",
    "119": "火警电话",
    "120": "急救电话",
    "122": "交通事故报警",
    "12345": "市民服务热线",
    "12315": "市场监管投诉举报热线",
    "12333": "人社服务热线",
    "12329": "住房公积金热线",
    "12358": "价格举报热线",
    "12366": "税务服务热线",
    "12369": "环保举报热线",
    "12320": "卫生健康热线",
    "12319": "城建服务热线",
    "12348": "法律服务热线",
    "12351": "职工服务热线",
    "12380": "举报热线",
    "10000": "中国电信客服",
    "10010": "中国联通客服",
    "10086": "中国移动客服",
    "95598": "国家电网客服",
    "962777": "上海燃气热线",
    "962626": "上海房屋维修热线",
    "962740": "上海公积金热线",
}

_CN_DIGITS = str.maketrans("〇零幺一二三四五六七八九", "001123456789")
_EXT_MARK = re.compile(r"(?:转|分机|ext\.?|x|#)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-–—_.·/()（）\[\]【】]+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 02x are 3 digits; the rest are 4 digits starting 03–09.
_AREA3 = re.compile(r"0(?:10|2\d)")
_AREA4 = re.compile(r"0[3-9]\d\d")


@dataclass(frozen=True)
class PhoneResult:
    """Outcome of parsing one phone number. `ok` is False exactly when `error` is set."""

    raw: str
    kind: PhoneKind | None = None
    normalized: str = ""  # e.g. 13800138000, 021-62345678, 021-62345678转123
    area_code: str = ""  # 021, 0571 … ("" for mobiles and service numbers)
    number: str = ""  # the subscriber number without area code or extension
    extension: str = ""
    error: str = ""  # Chinese message saying what is wrong
    warning: str = ""  # Chinese note for a valid but suspicious number

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def dialable(self) -> str:
        """Digits to dial from Shanghai (no extension)."""
        if self.kind is PhoneKind.LANDLINE_SHANGHAI:
            return self.number
        return self.area_code + self.number

    @property
    def kind_label(self) -> str:
        return KIND_LABELS_ZH.get(self.kind, "") if self.kind else ""


def normalize_phone(raw: str) -> str | None:
    """The normalised form of `raw`, or None if it is not a valid phone number."""
    result = parse_phone(raw)
    return result.normalized if result.ok else None


def parse_phone(raw: str) -> PhoneResult:
    """Parse one phone number as typed or transcribed; never raises."""
    text = unicodedata.normalize("NFKC", raw or "").translate(_CN_DIGITS).strip()
    if not text:
        return PhoneResult(raw, error="请填写电话号码")

    main, extension = text, ""
    mark = _EXT_MARK.search(text)
    if mark:
        main, ext_part = text[: mark.start()], text[mark.end() :]
        extension = _SEPARATORS.sub("", ext_part)
        if not extension.isdigit() or not 1 <= len(extension) <= 6:
            return PhoneResult(raw, error="分机号应为1–6位数字")

    had_plus = main.lstrip().startswith("+")
    body = main.lstrip().lstrip("+")
    bad = sorted({c for c in _SEPARATORS.sub("", body) if not c.isdigit()})
    if bad:
        return PhoneResult(raw, error=f"号码含有无法识别的字符：{'、'.join(bad)}")
    groups = [g for g in _SEPARATORS.split(body) if g]
    digits = "".join(groups)
    if not digits:
        return PhoneResult(raw, error="请填写电话号码")

    result = _classify(raw, digits, extension, had_plus)
    # A trailing "-123" after a complete landline is an extension, not part of the number.
    if not result.ok and not extension and len(groups) >= 2 and len(groups[-1]) <= 6:
        head = "".join(groups[:-1])
        alt = _classify(raw, head, groups[-1], had_plus)
        if alt.ok and alt.kind in (PhoneKind.LANDLINE_SHANGHAI, PhoneKind.LANDLINE_OTHER):
            return alt
    return result


def _strip_country_code(digits: str, had_plus: bool) -> tuple[str, bool]:
    """Remove +86 / 0086 / 86; returns (national digits, whether a prefix was removed).

    A bare "86" is taken as the country code only before a mobile number (86138…), since
    8-digit Shanghai numbers may themselves start with 86.
    """
    if digits.startswith("0086"):
        return digits[4:], True
    if digits.startswith("86") and (had_plus or _MOBILE.fullmatch(digits[2:])):
        return digits[2:], True
    return digits, False


def _classify(raw: str, digits: str, extension: str, had_plus: bool) -> PhoneResult:
    national, stripped = _strip_country_code(digits, had_plus)
    if had_plus and not stripped:
        return PhoneResult(raw, error="暂不支持境外号码，请在备注中记录")
    if stripped and national and national[0] in "23456789":
        national = "0" + national  # +86 21 6234 5678 → 021 6234 5678

    if not extension:
        service = _service(raw, national)
        if service:
            return service

    if national.startswith("1"):
        if extension:
            return PhoneResult(raw, error="手机号不应带分机号")
        return _mobile(raw, national)
    if national.startswith("0"):
        return _landline_with_area(raw, national, extension)
    return _shanghai_local(raw, national, extension)


def _service(raw: str, digits: str) -> PhoneResult | None:
    label = SERVICE_NUMBERS.get(digits)
    if label is None and len(digits) == 5 and digits[:2] in ("95", "96"):
        label = "服务热线"
    if label is None and len(digits) == 10 and digits[:3] in ("400", "800"):
        label = "企业客服号码"
    if label is None:
        return None
    return PhoneResult(
        raw,
        kind=PhoneKind.SERVICE,
        normalized=digits,
        number=digits,
        warning=f"{digits}是{label}，不是来电人的联系电话",
    )


def _mobile(raw: str, digits: str) -> PhoneResult:
    if len(digits) != 11:
        return PhoneResult(raw, error=f"手机号应为11位，当前{len(digits)}位")
    if digits[1] not in "3456789":
        return PhoneResult(raw, error=f"手机号第二位应为3–9，当前为{digits[1]}")
    return PhoneResult(raw, kind=PhoneKind.MOBILE, normalized=digits, number=digits)


def _landline(raw: str, area: str, local: str, extension: str) -> PhoneResult:
    kind = PhoneKind.LANDLINE_SHANGHAI if area == "021" else PhoneKind.LANDLINE_OTHER
    normalized = f"{area}-{local}" + (f"转{extension}" if extension else "")
    return PhoneResult(
        raw, kind=kind, normalized=normalized, area_code=area, number=local, extension=extension
    )


def _landline_with_area(raw: str, digits: str, extension: str) -> PhoneResult:
    if _AREA3.match(digits):
        area, local = digits[:3], digits[3:]
        if len(local) != 8:
            return PhoneResult(raw, error=f"区号{area}后的号码应为8位，当前{len(local)}位")
    elif _AREA4.match(digits):
        area, local = digits[:4], digits[4:]
        if len(local) not in (7, 8):
            return PhoneResult(raw, error=f"区号{area}后的号码应为7–8位，当前{len(local)}位")
    else:
        return PhoneResult(raw, error=f"区号{digits[:4]}无效")
    if local[0] in "01":
        return PhoneResult(raw, error=f"固定电话号码不能以{local[0]}开头")
    return _landline(raw, area, local, extension)


def _shanghai_local(raw: str, digits: str, extension: str) -> PhoneResult:
    if len(digits) != 8:
        return PhoneResult(raw, error=f"上海固定电话应为8位，当前{len(digits)}位")
    return _landline(raw, "021", digits, extension)


_LOG_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)([-\s]?)(\d{4})([-\s]?)(\d{4})(?!\d)"
                        r"|(?<!\d)(0[1-9]\d{1,2})([-\s]?)(\d{3,4})(\d{4})(?!\d)")


def mask_phones(text: str) -> str:
    """Phone numbers in a text with their middle digits hidden, for logs:
    `13917652804` → `139****2804`, `021-64321234` → `021-****1234`."""

    def mask(m: re.Match[str]) -> str:
        if m.group(1):
            return f"{m.group(1)}{m.group(2)}****{m.group(4)}{m.group(5)}"
        return f"{m.group(6)}{m.group(7)}{'*' * len(m.group(8))}{m.group(9)}"

    return _LOG_PHONE.sub(mask, text)


def phone_key(raw: str) -> str:
    """The digits a number is stored and looked up by, whatever way it was written:
    "021-6432 1234", "64321234" (Shanghai local) and "+86 21 64321234" give one key.
    Numbers this module cannot parse fall back to their digits."""
    normalized = normalize_phone(raw or "")
    return re.sub(r"\D", "", normalized if normalized else (raw or ""))
