"""The reference hotline-platform server (DESIGN §3): FastAPI + SQLAlchemy on SQLite or
PostgreSQL.

`create_app(database_url, demo=False)` builds the ASGI app (tests and the desktop app's
embedded mode use it); `agent-desktop server` runs it (see `cli`). The web stack is
imported only when `create_app` is first used, so `agent-desktop --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
