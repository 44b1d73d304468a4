"""Work-order due times: sign, contact the caller, resolve — counted in Chinese working days.

    >>> from datetime import datetime
    >>> d = compute_deadlines(leaf, "normal", datetime(2026, 2, 13, 17, 30))  # a 1-5-15 matter
    >>> d.sign      # the swapped working Saturday before the Spring Festival
    datetime.datetime(2026, 2, 14, 23, 59, 59)
    >>> d.resolve   # 15 working days, across the holiday (15–23 February)
    datetime.datetime(2026, 3, 12, 23, 59, 59)

Convention (the same on the client and the server):
- **N working days** = the end (23:59:59) of the N-th working day *after* the day of
  acceptance. The acceptance day itself never counts, whatever the hour and whether or not
  it is a working day: an order taken at 09:00 or 17:30 on a Friday has one working day
  until the end of Monday. Working days are those of the State Council's calendar as known
  to `chinese_calendar`: Monday–Friday except statutory holidays, plus the swapped
  Saturdays/Sundays worked in their place (调休上班).
- **N hours** = N clock hours after acceptance, nights and holidays included (urgent tiers).
- **Extension** (延期) by N working days = the end of the N-th working day after the day of
  the current due time.
- Times are local (China Standard Time). Naive datetimes are taken as local time; aware
  ones are converted to UTC+8 and results keep that offset.

`chinese_calendar` ships the official arrangements of a fixed range of years (1.11 knows
2004–2026). Counting into a year it does not know raises `CalendarRangeError` — the
operator must not see a made-up due date — unless `allow_unknown_years=True`, which counts
Monday–Friday for those years (and says so in `Deadlines.approximate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

import chinese_calendar

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain.enums import Urgency
from agent_desktop.domain.models import CatalogNode, Limit, TimeLimits

__all__ = [
    "CalendarRangeError",
    "Deadlines",
    "CHINA_TZ",
    "END_OF_DAY",
    "calendar_years",
    "is_working_day",
    "add_working_days",
    "due_time",
    "compute_deadlines",
    "extend_due",
    "working_days_between",
]

CHINA_TZ = HOTLINE_TZ  # one zone for the whole product (domain.clock)
END_OF_DAY = time(23, 59, 59)
STAGES = ("sign", "contact", "resolve")


class CalendarRangeError(ValueError):
    """The working-day calendar has no data for a year a deadline falls in."""

    def __init__(self, year: int) -> None:
        first, last = calendar_years()
        self.year = year
        super().__init__(
            f"工作日历缺少{year}年的节假日安排（当前 chinese_calendar 仅含{first}–{last}年），"
            f"无法计算时限；请升级 chinesecalendar 包。"
            f" / No holiday data for {year} (chinese_calendar covers {first}–{last}): "
            f"upgrade the chinesecalendar package."
        )


@lru_cache(maxsize=1)
def calendar_years() -> tuple[int, int]:
    """First and last year whose official holiday arrangement chinese_calendar knows."""
    days = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    years = [d.year for d in days]
    return min(years), max(years)


def is_working_day(day: date, *, allow_unknown_years: bool = False) -> bool:
    """True on a Chinese working day (swapped weekend working days included)."""
    first, last = calendar_years()
    if not first <= day.year <= last:
        if not allow_unknown_years:
            raise CalendarRangeError(day.year)
        return day.weekday() < 5
    return chinese_calendar.is_workday(day)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA_TZ) if moment.tzinfo is not None else moment


def add_working_days(
    start: datetime, days: int, *, allow_unknown_years: bool = False
) -> datetime:
    """End (23:59:59) of the `days`-th working day after the calendar day of `start`."""
    if days < 1:
        raise ValueError("days must be at least 1")
    local = _local(start)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, allow_unknown_years=allow_unknown_years):
            counted += 1
    return datetime.combine(day, END_OF_DAY, tzinfo=local.tzinfo)


def due_time(limit: Limit, start: datetime, *, allow_unknown_years: bool = False) -> datetime:
    """Due time of one limit counted from `start` (working days or clock hours)."""
    if limit.unit == "hours":
        return _local(start) + timedelta(hours=limit.value)
    return add_working_days(start, limit.value, allow_unknown_years=allow_unknown_years)


def _uses_unknown_year(start: datetime, end: datetime) -> bool:
    first, last = calendar_years()
    return not (first <= _local(start).year and _local(end).year <= last)


@dataclass(frozen=True)
class Deadlines:
    """Due times of one work order. `approximate` is True when a due time fell in a year
    without holiday data and was counted Monday–Friday (allow_unknown_years=True)."""

    accepted_at: datetime
    urgency: Urgency
    sign: datetime
    contact: datetime
    resolve: datetime
    approximate: bool = False

    def as_dict(self) -> dict[str, datetime]:
        """The `WorkOrder.deadlines` mapping: "sign" | "contact" | "resolve" → due time."""
        return {"sign": self.sign, "contact": self.contact, "resolve": self.resolve}


def _tier(time_limits: Any, urgency: Urgency) -> TimeLimits:
    if isinstance(time_limits, CatalogNode):
        if not time_limits.time_limits:
            raise ValueError(f"matter {time_limits.code} has no time limits (not a leaf?)")
        time_limits = time_limits.time_limits
    if isinstance(time_limits, TimeLimits):
        return time_limits
    if not isinstance(time_limits, Mapping):
        raise TypeError("time_limits must be a CatalogNode, TimeLimits or urgency mapping")
    tier = time_limits.get(urgency, time_limits.get(urgency.value))
    if tier is None:
        raise ValueError(f"no time limits for urgency {urgency.value!r}")
    return tier if isinstance(tier, TimeLimits) else TimeLimits.model_validate(tier)


def compute_deadlines(
    time_limits: CatalogNode | Mapping[Any, Any] | TimeLimits,
    urgency: Urgency | str,
    accepted_at: datetime,
    *,
    allow_unknown_years: bool = False,
) -> Deadlines:
    """Sign / contact / resolve due times for a matter at an urgency, from acceptance.

    `time_limits` is a catalog leaf, its `time_limits` mapping (urgency → tier, models or
    plain dicts as in catalog.json), or one `TimeLimits` tier.
    """
    urgency = Urgency(urgency)
    tier = _tier(time_limits, urgency)
    due = {
        stage: due_time(getattr(tier, stage), accepted_at, allow_unknown_years=allow_unknown_years)
        for stage in STAGES
    }
    return Deadlines(
        accepted_at=_local(accepted_at),
        urgency=urgency,
        approximate=any(_uses_unknown_year(accepted_at, d) for d in due.values()),
        **due,
    )


def extend_due(
    due: datetime, extra_working_days: int, *, allow_unknown_years: bool = False
) -> datetime:
    """New due time after an extension (延期) of `extra_working_days` from the current one."""
    return add_working_days(due, extra_working_days, allow_unknown_years=allow_unknown_years)


def working_days_between(start: datetime | date, end: datetime | date) -> int:
    """Working days after the day of `start` up to and including the day of `end`.

    Negative when `end` is before `start`; 0 on the same day. Handy for "due in N working
    days" and overdue lists.
    """
    a = _local(start).date() if isinstance(start, datetime) else start
    b = _local(end).date() if isinstance(end, datetime) else end
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    count = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count
