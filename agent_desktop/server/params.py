"""Bounded parameter types shared by the routers, so nothing a client sends reaches the
database out of range (SQLite integers are 64-bit; dates before 1900 or after 2199 have
no meaning for a hotline and overflow time-zone arithmetic at the edges)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Path, Query

from agent_desktop.domain.clock import HOTLINE_TZ

MAX_ID = 2**63 - 1
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)

OrderId = Annotated[int, Path(ge=1, le=MAX_ID, description="The work order's id")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]


def day_in_range(day: date | None) -> bool:
    return day is None or FIRST_DAY <= day <= LAST_DAY


def hotline_time(moment: datetime | None) -> datetime | None:
    """A time without a zone is the hotline's (Asia/Shanghai)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=HOTLINE_TZ)
