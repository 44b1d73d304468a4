"""Due times in Chinese working days: 2026 Spring Festival, swapped working days, hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from agent_desktop.domain.enums import Urgency
from agent_desktop.domain.models import Limit, TimeLimits
from agent_desktop.forms.deadlines import (
    CHINA_TZ,
    CalendarRangeError,
    add_working_days,
    calendar_years,
    compute_deadlines,
    due_time,
    extend_due,
    is_working_day,
    working_days_between,
)


def wd(n: int) -> dict:
    return {"value": n, "unit": "working_days"}


def h(n: int) -> dict:
    return {"value": n, "unit": "hours"}


# Shanghai's 1-5-15 for ordinary orders; hours for the urgent tiers.
STANDARD = {
    "normal": {"sign": wd(1), "contact": wd(5), "resolve": wd(15)},
    "urgent": {"sign": h(2), "contact": h(12), "resolve": wd(5)},
    "critical": {"sign": h(1), "contact": h(2), "resolve": h(24)},
}


def eod(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 23, 59, 59)


def test_chinese_calendar_knows_the_2026_arrangement() -> None:
    """The facts the other tests rely on (State Council notice for 2026)."""
    assert calendar_years()[1] >= 2026
    # Spring Festival: 15–23 February off; Saturdays 14 and 28 February worked.
    assert [is_working_day(date(2026, 2, d)) for d in range(13, 25)] == [
        True, True, False, False, False, False, False, False, False, False, False, True,
    ]
    assert is_working_day(date(2026, 2, 28)) and date(2026, 2, 28).weekday() == 5
    # National Day + Mid-Autumn: 1–7 October off, Saturday 10 October worked.
    assert not any(is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert is_working_day(date(2026, 10, 10))


def test_friday_1730_before_the_spring_festival() -> None:
    d = compute_deadlines(STANDARD, Urgency.NORMAL, datetime(2026, 2, 13, 17, 30))
    # day 1 is the swapped Saturday 14 Feb; then the holiday; 24–27 Feb are days 2–5
    assert d.sign == eod(2026, 2, 14)
    assert d.contact == eod(2026, 2, 27)
    # 28 Feb (Sat, worked) is day 6, then 2–6 and 9–12 March: day 15 is Thu 12 March
    assert d.resolve == eod(2026, 3, 12)
    assert not d.approximate
    assert d.as_dict() == {"sign": d.sign, "contact": d.contact, "resolve": d.resolve}


def test_acceptance_hour_does_not_matter() -> None:
    morning = compute_deadlines(STANDARD, "normal", datetime(2026, 3, 6, 9, 0))
    evening = compute_deadlines(STANDARD, "normal", datetime(2026, 3, 6, 17, 30))
    assert morning.as_dict() == evening.as_dict()
    assert morning.sign == eod(2026, 3, 9)  # Friday → end of Monday
    assert morning.contact == eod(2026, 3, 13)
    assert morning.resolve == eod(2026, 3, 27)


def test_accepted_on_a_holiday() -> None:
    d = compute_deadlines(STANDARD, "normal", datetime(2026, 2, 17, 10, 0))  # 初一
    assert d.sign == eod(2026, 2, 24)  # first working day after the holiday
    assert d.contact == eod(2026, 2, 28)  # the swapped Saturday counts
    assert d.resolve == eod(2026, 3, 13)


def test_accepted_on_a_swapped_working_saturday() -> None:
    # The acceptance day never counts, even when it is a working day.
    d = compute_deadlines(STANDARD, "normal", datetime(2026, 2, 14, 10, 0))
    assert d.sign == eod(2026, 2, 24)
    assert d.contact == eod(2026, 2, 28)
    assert d.resolve == eod(2026, 3, 13)


def test_national_day_and_its_swapped_saturday() -> None:
    d = compute_deadlines(STANDARD, "normal", datetime(2026, 9, 30, 16, 0))
    assert d.sign == eod(2026, 10, 8)
    # 1–7 October off; 8, 9, 10 (Saturday, worked), 12, 13 are days 1–5
    assert d.contact == eod(2026, 10, 13)
    assert working_days_between(datetime(2026, 9, 30), d.contact) == 5


def test_hours_tiers_are_clock_hours_through_holidays() -> None:
    start = datetime(2026, 2, 16, 23, 0)  # 除夕 night
    urgent = compute_deadlines(STANDARD, "urgent", start)
    assert urgent.sign == datetime(2026, 2, 17, 1, 0)
    assert urgent.contact == datetime(2026, 2, 17, 11, 0)
    # resolve in 5 working days: 24, 25, 26, 27, 28 February
    assert urgent.resolve == eod(2026, 2, 28)
    critical = compute_deadlines(STANDARD, Urgency.CRITICAL, start)
    assert critical.sign == start + timedelta(hours=1)
    assert critical.contact == start + timedelta(hours=2)
    assert critical.resolve == datetime(2026, 2, 17, 23, 0)


def test_extension_counts_from_the_current_due_time() -> None:
    d = compute_deadlines(STANDARD, "normal", datetime(2026, 2, 13, 17, 30))
    assert extend_due(d.resolve, 5) == eod(2026, 3, 19)
    assert extend_due(eod(2026, 9, 30), 1) == eod(2026, 10, 8)
    assert extend_due(eod(2026, 9, 30), 3) == eod(2026, 10, 10)  # the swapped Saturday
    # an hours-tier due time extended by days: from the day of that due time
    assert extend_due(datetime(2026, 2, 13, 19, 30), 1) == eod(2026, 2, 14)


def test_aware_times_are_counted_in_china_time() -> None:
    utc = timezone.utc
    # 09:30 UTC is 17:30 in Shanghai on Friday 13 February
    d = compute_deadlines(STANDARD, "normal", datetime(2026, 2, 13, 9, 30, tzinfo=utc))
    assert d.sign == datetime(2026, 2, 14, 23, 59, 59, tzinfo=CHINA_TZ)
    assert d.sign.utcoffset() == timedelta(hours=8)
    # 16:30 UTC on the 13th is already Saturday 14th (a working day) in Shanghai
    late = compute_deadlines(STANDARD, "normal", datetime(2026, 2, 13, 16, 30, tzinfo=utc))
    assert late.sign == datetime(2026, 2, 24, 23, 59, 59, tzinfo=CHINA_TZ)
    urgent = compute_deadlines(STANDARD, "urgent", datetime(2026, 2, 13, 9, 30, tzinfo=utc))
    assert urgent.sign == datetime(2026, 2, 13, 19, 30, tzinfo=CHINA_TZ)


def test_limits_from_models_and_catalog_leaves(leaf) -> None:
    tier = TimeLimits(sign=Limit(value=1), contact=Limit(value=5), resolve=Limit(value=15))
    start = datetime(2026, 2, 13, 17, 30)
    assert compute_deadlines(tier, "normal", start).resolve == eod(2026, 3, 12)
    node = leaf("预付卡商家停业不退费")  # an ordinary 1-5-15 matter
    assert compute_deadlines(node, "normal", start).resolve == eod(2026, 3, 12)
    hazard = leaf("窨井盖缺失")  # a safety hazard: shorter
    d = compute_deadlines(hazard, "normal", start)
    assert d.sign == datetime(2026, 2, 13, 19, 30)
    assert d.resolve < eod(2026, 3, 12)


def test_not_a_leaf_or_missing_tier(catalog) -> None:
    inner = next(n for n in catalog.nodes if n.level == 4)
    with pytest.raises(ValueError, match="no time limits"):
        compute_deadlines(inner, "normal", datetime(2026, 3, 2))
    with pytest.raises(ValueError, match="urgent"):
        compute_deadlines({"normal": STANDARD["normal"]}, "urgent", datetime(2026, 3, 2))
    with pytest.raises(ValueError):
        compute_deadlines(STANDARD, "whenever", datetime(2026, 3, 2))
    with pytest.raises(ValueError):
        add_working_days(datetime(2026, 3, 2), 0)


def test_years_without_holiday_data_raise_a_clear_error() -> None:
    last = calendar_years()[1]
    late_december = datetime(last, 12, 20, 10, 0)
    with pytest.raises(CalendarRangeError) as info:
        compute_deadlines(STANDARD, "normal", late_december)  # resolve falls next year
    assert info.value.year == last + 1
    assert str(last + 1) in str(info.value) and "chinesecalendar" in str(info.value)
    with pytest.raises(CalendarRangeError):
        is_working_day(date(calendar_years()[0] - 1, 6, 1))
    # hours tiers do not need the calendar
    assert due_time(Limit(value=2, unit="hours"), datetime(last + 1, 3, 1, 8)) == datetime(
        last + 1, 3, 1, 10
    )


def test_unknown_years_can_be_approximated_on_request() -> None:
    last = calendar_years()[1]
    d = compute_deadlines(
        STANDARD, "normal", datetime(last, 12, 30, 10, 0), allow_unknown_years=True
    )
    assert d.approximate
    assert d.resolve.year == last + 1 and d.resolve.weekday() < 5
    assert not compute_deadlines(STANDARD, "normal", datetime(last, 3, 2)).approximate


def test_working_days_between() -> None:
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 13)) == -2
    assert working_days_between(date(2026, 2, 16), date(2026, 2, 16)) == 0


def test_one_time_zone_whatever_the_machine_says(monkeypatch):
    """Times shown and day boundaries are Asia/Shanghai even on a UTC machine."""
    import time as _time
    from datetime import datetime, timezone

    from agent_desktop.domain.clock import HOTLINE_TZ, local

    monkeypatch.setenv("TZ", "UTC")
    _time.tzset()
    try:
        moment = datetime(2026, 12, 4, 18, 27, tzinfo=timezone.utc)
        assert local(moment).strftime("%Y-%m-%d %H:%M") == "2026-12-05 02:27"
        assert datetime.fromtimestamp(moment.timestamp(), HOTLINE_TZ).hour == 2
        from agent_desktop.forms.deadlines import CHINA_TZ
        assert CHINA_TZ is HOTLINE_TZ
    finally:
        monkeypatch.delenv("TZ")
        _time.tzset()
