"""The desktop's side of the server API: typed client, live events, persistent outbox,
credentials and the embedded server launcher."""

from .client import ApiError, HotlineClient, ServerUnreachable
from .outbox import Outbox, OutboxItem

__all__ = ["ApiError", "HotlineClient", "ServerUnreachable", "Outbox", "OutboxItem"]
