"""The team lead's board as plain Python: what the board shows and what it can do, fed by
the server's REST endpoints and its live event stream. The widgets are in `ui.board`."""

from .client import BoardClient
from .model import BoardModel, Tiles

__all__ = ["BoardClient", "BoardModel", "Tiles"]
