"""Hot topics (热点): a spike of one matter in one street/town against its own baseline.

Plain Python, no server or Qt: the reference server runs it on every new order
(`server/hot_topics.py`), benches and tests feed it synthetic orders.
"""

from .detector import BurstDetector, DetectorSettings, HotTopic, OrderSeen

__all__ = ["BurstDetector", "DetectorSettings", "HotTopic", "OrderSeen"]
