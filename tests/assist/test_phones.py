"""Phone numbers as callers say them, corrections, and read-backs."""

from __future__ import annotations

import pytest

from agent_desktop.assist.phones import digit_runs, guess_phones, numbers_in

from .conftest import conversation


@pytest.mark.parametrize("said, number", [
    ("我电话是幺三九幺七六五二八零四", "13917652804"),
    ("一三九，一七六五，二八零四", "13917652804"),
    ("139 1765 2804", "13917652804"),
    ("139-1765-2804你们打这个", "13917652804"),
    ("家里电话六四三二一二三四", "64321234"),
    ("零二幺六四三二一二三四", "02164321234"),
    ("要三九要七六五二八零四", "13917652804"),  # 幺 heard as 要
    ("１３９１７６５２８０４", "13917652804"),  # full-width digits
])
def test_a_number_in_any_spoken_form(said, number):
    guess = guess_phones(conversation(("caller", said)))
    assert guess is not None and guess.value == [number]
    ev = guess.evidence[0]
    assert ev.segment_id == "s0" and ev.quote[0] in said and ev.quote[-1] in said


def test_a_number_said_in_three_breaths_is_one_number():
    guess = guess_phones(conversation(("caller", "电话是一三九"), ("caller", "一七六五"),
                                      ("caller", "二八零四")))
    assert guess.value == ["13917652804"]


def test_the_corrected_number_replaces_the_first():
    guess = guess_phones(conversation(
        ("caller", "我的手机是幺三八零零幺三八零零零"),
        ("operator", "幺三八零零幺三八零零零，对吗"),
        ("caller", "不对不对，是幺三八零零幺三八零零幺")))
    assert guess.value == ["13800138001"]


def test_two_numbers_are_both_kept_in_the_order_said():
    guess = guess_phones(conversation(("caller", "我手机13917652804，座机64321234")))
    assert guess.value == ["13917652804", "64321234"]


def test_a_number_read_back_by_the_operator_is_surer():
    said = ("caller", "幺三九幺七六五二八零四")
    alone = guess_phones(conversation(said))
    read_back = guess_phones(conversation(said, ("operator", "幺三九幺七六五二八零四是吧")))
    assert read_back.confidence > alone.confidence


def test_other_numbers_are_not_phones():
    c = conversation(("caller", "我住588号，花了三千二百块钱，身份证310101199001011234"))
    assert guess_phones(c) is None


def test_digit_runs_and_splitting():
    assert [r.digits for r in digit_runs("是一三九一七六五二八零四啊")] == ["13917652804"]
    assert numbers_in("1391765280464321234") == ["13917652804", "64321234"]
    assert numbers_in("1234567") == []


@pytest.mark.parametrize("said, number", [
    ("幺五八……幺五八 二二零幺 六三四七", "15822016347"),  # a false start
    ("六二七八，三三五幺，五幺", "62783351"),  # the last digits said again
    ("最后是六三四七，幺五八 二二零幺 六三四七", "15822016347"),  # the end, then all of it
])
def test_a_number_with_a_piece_said_twice_is_one_number(said, number):
    assert guess_phones(conversation(("caller", said))).value == [number]


@pytest.mark.parametrize("correction", ["不对，是六三四八", "勿对，六三四八，四八",
                                        "错了错了，应该是六三四八"])
def test_a_corrected_ending_mends_the_number_read_back(correction):
    guess = guess_phones(conversation(
        ("caller", "幺五八 二二零幺 六三四七"),
        ("operator", "15822016347，对吗？"),
        ("caller", correction)))
    assert guess.value == ["15822016348"]


def test_amounts_after_a_correction_are_not_a_phones_ending():
    guess = guess_phones(conversation(
        ("caller", "幺五八 二二零幺 六三四七"),
        ("caller", "不对，不是三百块，是六百二十块")))
    assert guess.value == ["15822016347"]


def test_the_same_number_with_two_digits_changed_replaces_it():
    guess = guess_phones(conversation(
        ("caller", "电话六二七八三三五幺"),
        ("operator", "62783351？"),
        ("caller", "六二七八，三三幺五")))
    assert guess.value == ["62783315"]


@pytest.mark.parametrize("wish, first", [("打手机好了，家里白天没人", "13916024481"),
                                         ("打家里好了", "64152273")])
def test_the_number_the_caller_wants_to_be_called_on_comes_first(wish, first):
    guess = guess_phones(conversation(
        ("caller", "家里电话六四一五二二七三，手机一三九 一六零二 四四八一"),
        ("operator", "回电打哪个？"),
        ("caller", wish)))
    assert guess.value[0] == first and len(guess.value) == 2
