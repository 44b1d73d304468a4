"""The hotline's one time zone. Every time shown to a person, every day boundary
(today's orders, the order number's date, working-day deadlines) is Asia/Shanghai,
whatever the time zone of the PC or the server machine: China has one zone and no DST,
so a fixed UTC+8 is exact and needs no tz database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

HOTLINE_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def hotline_now() -> datetime:
    return datetime.now(HOTLINE_TZ)


def local(moment: datetime) -> datetime:
    """`moment` in the hotline's zone (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(HOTLINE_TZ)
