"""Due times as the server stores them: computed at intake, moved by approved extensions.

The counting itself is `forms.deadlines` (the same code the client shows on the form).
Orders are accepted when the server creates them, in China time. A due time that falls
in a year the working-day calendar does not know is counted Monday–Friday and the order
is flagged `deadlines_approximate` instead of being refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from agent_desktop.domain.enums import Urgency
from agent_desktop.domain.models import CatalogNode
from agent_desktop.forms.deadlines import CHINA_TZ, calendar_years, compute_deadlines, extend_due

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredDeadlines:
    due: dict[str, str] = field(default_factory=dict)  # stage → ISO 8601, UTC+8
    resolve: datetime | None = None
    approximate: bool = False


def at_intake(leaf: CatalogNode | None, urgency: Urgency, accepted_at: datetime) -> StoredDeadlines:
    """Sign / contact / resolve due times of a new order (none if the leaf has no limits)."""
    if leaf is None or not leaf.time_limits:
        return StoredDeadlines()
    try:
        deadlines = compute_deadlines(
            leaf, urgency, accepted_at.astimezone(CHINA_TZ), allow_unknown_years=True
        )
    except ValueError as exc:  # no tier for this urgency: a catalog data error
        log.warning("no deadlines for matter %s at %s: %s", leaf.code, urgency, exc)
        return StoredDeadlines()
    if deadlines.approximate:
        log.warning("deadlines of matter %s counted Monday–Friday: %s", leaf.code, calendar_note())
    due = {stage: moment.isoformat() for stage, moment in deadlines.as_dict().items()}
    return StoredDeadlines(due, deadlines.resolve, deadlines.approximate)


def extended(resolve: datetime, extra_working_days: int) -> tuple[datetime, bool]:
    """The resolve due time after an extension, and whether it is approximate."""
    new_due = extend_due(resolve.astimezone(CHINA_TZ), extra_working_days, allow_unknown_years=True)
    first, last = calendar_years()
    return new_due, not first <= new_due.year <= last


def calendar_note() -> str:
    first, last = calendar_years()
    return (
        f"the working-day calendar covers {first}–{last}; "
        "upgrade the chinesecalendar package for later years"
    )
