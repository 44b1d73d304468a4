"""Burst detection per matter × street against a Poisson baseline.

Each key (matter code, street code) keeps its daily order counts for the last
`baseline_days` days and the orders of its short `window`. The expected count in a window
is the baseline rate of the previous full days (today excluded, so a spike does not raise
its own bar), at least `floor_expected` (a street with no history is not infinitely
surprising). An order raises a hot topic when the window then holds at least `min_count`
orders and the Poisson tail P(X ≥ count | expected) is below `p_value`. The topic stays
open — later orders of the key update it (count, order ids) — until a whole window passes
without an order of that key; the next burst is a new topic.

Memory is O(keys × baseline_days), not O(orders): a large hotline's month of orders is
summed by day.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from agent_desktop.domain.clock import HOTLINE_TZ

Key = tuple[str, str]  # (matter code, street code)


@dataclass(frozen=True)
class DetectorSettings:
    window: timedelta = timedelta(minutes=30)
    baseline_days: int = 28
    min_count: int = 5
    p_value: float = 1e-3
    floor_expected: float = 0.05  # expected orders per window for a key with no history


@dataclass(frozen=True)
class OrderSeen:
    """What the detector needs of a new order."""

    order_id: int
    matter_code: str
    street_code: str
    at: datetime  # aware
    district_code: str = ""


@dataclass
class HotTopic:
    """One burst: raised by the order that tipped it, updated by the ones that follow."""

    id: str
    matter_code: str
    street_code: str
    district_code: str
    first_at: datetime
    last_at: datetime
    order_ids: list[int]
    expected: float  # orders per window the baseline expected
    p_value: float  # of the count when raised
    window_minutes: int
    kind: str = "hot_topic"

    @property
    def count(self) -> int:
        return len(self.order_ids)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "matter_code": self.matter_code,
            "street_code": self.street_code, "district_code": self.district_code,
            "count": self.count, "window_minutes": self.window_minutes,
            "first_at": self.first_at.isoformat(), "last_at": self.last_at.isoformat(),
            "order_ids": list(self.order_ids), "expected": round(self.expected, 4),
            "p_value": self.p_value,
        }


def poisson_tail(count: int, expected: float) -> float:
    """P(X ≥ count) for X ~ Poisson(expected)."""
    if count <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    if count > expected:
        return _tail_by_terms(count, expected)
    term = below = math.exp(-expected)
    for k in range(1, count):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


def _tail_by_terms(count: int, expected: float) -> float:
    # 1 - P(X < count) loses every digit when the tail is tiny: sum the tail's terms.
    term = math.exp(-expected + count * math.log(expected) - math.lgamma(count + 1))
    total, k = 0.0, count
    while term > total * 1e-12 and k < count + 200:
        total += term
        k += 1
        term *= expected / k
    return total


@dataclass
class _KeyState:
    days: dict[int, int] = field(default_factory=dict)  # hotline day ordinal → orders
    recent: deque[tuple[datetime, int]] = field(default_factory=deque)  # in the window
    topic: HotTopic | None = None


def _day(at: datetime) -> int:
    return at.astimezone(HOTLINE_TZ).date().toordinal()


class BurstDetector:
    """Feed it orders in (roughly) the order they were taken; `observe` returns the hot
    topic an order raised or updated (None: nothing to say)."""

    def __init__(self, settings: DetectorSettings = DetectorSettings()) -> None:
        self.settings = settings
        self._keys: dict[Key, _KeyState] = {}
        self._seen: set[int] = set()  # order ids of the open windows (no double counting)

    def expected(self, matter_code: str, street_code: str, at: datetime) -> float:
        """Orders of this key the baseline expects in one window ending at `at`."""
        state = self._keys.get((matter_code, street_code))
        s = self.settings
        if state is None:
            return s.floor_expected
        today = _day(at)
        past = sum(n for day, n in state.days.items() if today - s.baseline_days <= day < today)
        per_window = past / s.baseline_days * (s.window / timedelta(days=1))
        return max(per_window, s.floor_expected)

    def observe(self, order: OrderSeen) -> HotTopic | None:
        if not order.matter_code or not order.street_code or order.order_id in self._seen:
            return None
        s = self.settings
        key = (order.matter_code, order.street_code)
        state = self._keys.setdefault(key, _KeyState())
        at = order.at if order.at.tzinfo else order.at.replace(tzinfo=UTC)
        expected = self.expected(*key, at)
        self._forget_old(state, at)
        day = _day(at)
        state.days[day] = state.days.get(day, 0) + 1
        state.recent.append((at, order.order_id))
        self._seen.add(order.order_id)
        topic = state.topic
        if topic is not None and at - topic.last_at <= s.window:
            topic.order_ids.append(order.order_id)
            topic.last_at = max(topic.last_at, at)
            return topic
        state.topic = None
        count = len(state.recent)
        if count < s.min_count:
            return None
        p = poisson_tail(count, expected)
        if p >= s.p_value:
            return None
        first_at = min(t for t, _ in state.recent)
        ids = [i for _, i in state.recent]
        state.topic = HotTopic(
            id=f"{order.matter_code}-{order.street_code}-{min(ids)}",
            matter_code=order.matter_code, street_code=order.street_code,
            district_code=order.district_code, first_at=first_at, last_at=at,
            order_ids=ids, expected=expected, p_value=p,
            window_minutes=int(s.window.total_seconds() // 60))
        return state.topic

    def open_topics(self, now: datetime) -> list[HotTopic]:
        """Topics whose last order is within a window of `now`."""
        return [k.topic for k in self._keys.values()
                if k.topic is not None and now - k.topic.last_at <= self.settings.window]

    def _forget_old(self, state: _KeyState, at: datetime) -> None:
        s = self.settings
        while state.recent and at - state.recent[0][0] > s.window:
            _, order_id = state.recent.popleft()
            self._seen.discard(order_id)
        oldest = _day(at) - s.baseline_days
        for day in [d for d in state.days if d < oldest]:
            del state.days[day]
