"""Phone numbers as operators type them and ASR hears them."""

from __future__ import annotations

import pytest

from agent_desktop.forms.phone import PhoneKind, normalize_phone, parse_phone


@pytest.mark.parametrize(
    ("raw", "kind", "normalized"),
    [
        ("13800138000", PhoneKind.MOBILE, "13800138000"),
        ("138 0013 8000", PhoneKind.MOBILE, "13800138000"),  # ASR splits the digits
        ("138-0013-8000", PhoneKind.MOBILE, "13800138000"),
        ("+86 138 0013 8000", PhoneKind.MOBILE, "13800138000"),
        ("0086 13800138000", PhoneKind.MOBILE, "13800138000"),
        ("8613800138000", PhoneKind.MOBILE, "13800138000"),
        ("１３８００１３８０００", PhoneKind.MOBILE, "13800138000"),  # full-width digits
        ("幺三八零零幺三八零零零", PhoneKind.MOBILE, "13800138000"),  # as ASR writes it
        ("19912345678", PhoneKind.MOBILE, "19912345678"),
        ("62345678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("6234 5678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("021-62345678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("02162345678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("(021) 6234 5678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("（０２１）６２３４５６７８", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("+86 21 6234 5678", PhoneKind.LANDLINE_SHANGHAI, "021-62345678"),
        ("86123456", PhoneKind.LANDLINE_SHANGHAI, "021-86123456"),  # not a +86 prefix
        ("0571-87654321", PhoneKind.LANDLINE_OTHER, "0571-87654321"),
        ("057187654321", PhoneKind.LANDLINE_OTHER, "0571-87654321"),
        ("0512 6812345", PhoneKind.LANDLINE_OTHER, "0512-6812345"),  # 7-digit local number
        ("010-62345678", PhoneKind.LANDLINE_OTHER, "010-62345678"),
    ],
)
def test_valid_numbers_are_normalised(raw: str, kind: PhoneKind, normalized: str) -> None:
    result = parse_phone(raw)
    assert result.ok, result.error
    assert (result.kind, result.normalized) == (kind, normalized)
    assert normalize_phone(raw) == normalized


@pytest.mark.parametrize(
    ("raw", "normalized", "extension"),
    [
        ("021-62345678转123", "021-62345678转123", "123"),
        ("62345678 转 8001", "021-62345678转8001", "8001"),
        ("021-62345678-123", "021-62345678转123", "123"),  # trailing group after a full number
        ("62345678-8001", "021-62345678转8001", "8001"),
        ("62345678 ext 88", "021-62345678转88", "88"),
        ("62345678 EXT. 88", "021-62345678转88", "88"),
        ("62345678x12", "021-62345678转12", "12"),
        ("0571-87654321分机6", "0571-87654321转6", "6"),
    ],
)
def test_extensions(raw: str, normalized: str, extension: str) -> None:
    result = parse_phone(raw)
    assert result.ok, result.error
    assert result.normalized == normalized
    assert result.extension == extension
    assert "转" not in result.dialable and result.dialable.isdigit()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1380013800", "手机号应为11位，当前10位"),
        ("138001380001", "手机号应为11位，当前12位"),
        ("138 0013 800", "手机号应为11位，当前10位"),
        ("12800138000", "手机号第二位应为3–9，当前为2"),
        ("6234567", "上海固定电话应为8位，当前7位"),
        ("021-6234567", "区号021后的号码应为8位，当前7位"),
        ("0571-876543", "区号0571后的号码应为7–8位，当前6位"),
        ("021-02345678", "固定电话号码不能以0开头"),
        ("13800138000转12", "手机号不应带分机号"),
        ("62345678转", "分机号应为1–6位数字"),
        ("62345678转1234567", "分机号应为1–6位数字"),
        ("138o0138000", "号码含有无法识别的字符：o"),
        ("", "请填写电话号码"),
        ("  - ", "请填写电话号码"),
        ("+1 415 555 0100", "暂不支持境外号码，请在备注中记录"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(raw: str, message: str) -> None:
    result = parse_phone(raw)
    assert not result.ok
    assert result.error == message
    assert result.kind is None and result.normalized == ""
    assert normalize_phone(raw) is None


@pytest.mark.parametrize(
    ("raw", "normalized", "label"),
    [
        ("12345", "12345", "市民服务热线"),
        ("110", "110", "报警电话"),
        ("95598", "95598", "国家电网客服"),
        ("962777", "962777", "上海燃气热线"),
        ("95566", "95566", "服务热线"),  # any 95xxx
        ("400-820-8820", "4008208820", "企业客服号码"),
    ],
)
def test_service_numbers_are_flagged(raw: str, normalized: str, label: str) -> None:
    result = parse_phone(raw)
    assert result.ok
    assert result.kind is PhoneKind.SERVICE
    assert result.normalized == normalized
    assert label in result.warning and "不是来电人的联系电话" in result.warning


def test_ordinary_numbers_carry_no_warning() -> None:
    assert parse_phone("13800138000").warning == ""
    assert parse_phone("62345678").warning == ""


def test_parts_and_labels() -> None:
    landline = parse_phone("(0571) 8765 4321 转 9")
    assert (landline.area_code, landline.number, landline.extension) == ("0571", "87654321", "9")
    assert landline.dialable == "057187654321"
    assert landline.kind_label == "外地固话"
    shanghai = parse_phone("021 6234 5678")
    assert shanghai.dialable == "62345678"  # dialled from Shanghai without the area code
    assert shanghai.kind_label == "上海固话"
    assert parse_phone("13800138000").kind_label == "手机"
    assert parse_phone("bad").kind_label == ""


def test_one_key_for_every_way_a_number_is_written():
    from agent_desktop.forms.phone import phone_key

    assert phone_key("021-6432 1234") == phone_key("64321234") == phone_key("+86 21 64321234")
    assert phone_key("138 0013 8000") == "13800138000"
    assert phone_key("not a phone 12") == "12"
