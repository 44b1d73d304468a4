"""The burst detector on synthetic orders: bursts against a quiet or a busy baseline,
orders scattered in time or place, topics that grow and close."""

from __future__ import annotations

from datetime import datetime, timedelta

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.hot_topics import BurstDetector, OrderSeen
from agent_desktop.hot_topics.detector import poisson_tail

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=HOTLINE_TZ)
ids = iter(range(1, 10**6))


def seen(at: datetime, matter: str = "M1", street: str = "S1") -> OrderSeen:
    return OrderSeen(next(ids), matter, street, at, "310101")


def feed(detector: BurstDetector, orders: list[OrderSeen]) -> list:
    return [detector.observe(o) for o in orders]


def test_five_orders_within_minutes_on_a_quiet_street_tip_a_topic_at_the_fifth():
    detector = BurstDetector()
    out = feed(detector, [seen(T0 + timedelta(minutes=3 * i)) for i in range(5)])
    assert out[:4] == [None] * 4
    topic = out[4]
    assert topic is not None and topic.count == 5 and topic.first_at == T0
    assert topic.matter_code == "M1" and topic.street_code == "S1" and topic.p_value < 1e-6


def test_the_same_five_spread_over_a_day_raise_nothing():
    detector = BurstDetector()
    assert feed(detector, [seen(T0 + timedelta(hours=2 * i)) for i in range(5)]) == [None] * 5


def test_five_orders_over_five_streets_or_five_matters_raise_nothing():
    detector = BurstDetector()
    orders = [seen(T0, street=f"S{i}") for i in range(5)]
    orders += [seen(T0, matter=f"M{i}", street="S9") for i in range(5)]
    assert feed(detector, orders) == [None] * 10


def test_a_busy_street_needs_more_than_five():
    detector = BurstDetector()
    # 100 orders a day for four weeks: about two per half hour.
    history = [seen(T0 - timedelta(days=d, minutes=14.4 * k))
               for d in range(1, 29) for k in range(100)]
    assert all(t is None or t.last_at < T0 - timedelta(hours=1) for t in feed(detector, history))
    assert 1.5 < detector.expected("M1", "S1", T0) < 2.5
    burst = feed(detector, [seen(T0 + timedelta(minutes=i)) for i in range(12)])
    first = next(i for i, t in enumerate(burst) if t is not None)
    assert first + 1 >= 8  # P(X >= 8 | 2.08) ≈ 0.001


def test_a_topic_grows_then_closes_after_a_quiet_window():
    detector = BurstDetector()
    feed(detector, [seen(T0 + timedelta(minutes=i)) for i in range(5)])
    grown = detector.observe(seen(T0 + timedelta(minutes=20)))
    assert grown is not None and grown.count == 6
    assert [t.count for t in detector.open_topics(T0 + timedelta(minutes=30))] == [6]
    assert detector.open_topics(T0 + timedelta(hours=2)) == []
    assert detector.observe(seen(T0 + timedelta(hours=3))) is None  # a new, lone order


def test_an_order_seen_twice_counts_once():
    detector = BurstDetector()
    order = seen(T0)
    assert [detector.observe(order) for _ in range(6)] == [None] * 6


def test_orders_without_a_street_are_not_counted():
    detector = BurstDetector()
    assert feed(detector, [seen(T0, street="") for _ in range(8)]) == [None] * 8


def test_poisson_tail():
    assert poisson_tail(0, 3.0) == 1.0
    assert abs(poisson_tail(1, 1.0) - 0.6321205588) < 1e-9
    assert 2.4e-9 < poisson_tail(5, 0.05) < 2.6e-9
    assert abs(poisson_tail(8, 2.08) - 0.00146) < 1e-4
