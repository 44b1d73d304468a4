"""Running the app under uvicorn on a socket bound beforehand.

`bind_socket` lets the caller learn the real port (for `--port 0`) before serving;
`HotlineServer` reports readiness after start-up and ends the event streams when asked to
exit, so that shutdown does not wait on clients that never hang up.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

import uvicorn

from agent_desktop.forms.phone import mask_phones

if TYPE_CHECKING:
    from fastapi import FastAPI


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def socket_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


_TOKEN_IN_QUERY = re.compile(r"((?<=[?&])(?:access_token|key)=)[^&\s]*")


class _RedactTokens(logging.Filter):
    """Keep `?access_token=…` (event streams from browsers), the ACD's `key=…` (kamailio)
    and citizens' phone numbers (`repeat-check?phone=…`, messages naming a caller) out of
    every log line:
    `139****2804`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_clean(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _clean(v) if isinstance(v, str) else v
                           for k, v in record.args.items()}
        if isinstance(record.msg, str):
            record.msg = _clean(record.msg)
        return True


def _clean(text: str) -> str:
    return mask_phones(_TOKEN_IN_QUERY.sub(r"\1***", text))


def install_log_redaction() -> None:
    """On the access log and on every root handler, so no logger escapes it."""
    logging.getLogger("uvicorn.access").addFilter(_REDACT_TOKENS)
    for handler in logging.getLogger().handlers:
        if _REDACT_TOKENS not in handler.filters:
            handler.addFilter(_REDACT_TOKENS)


_REDACT_TOKENS = _RedactTokens()


class HotlineServer(uvicorn.Server):
    """uvicorn's server, logging to stderr, with a readiness callback and a clean exit."""

    def __init__(self, app: FastAPI, on_ready: Callable[[], None] | None = None) -> None:
        super().__init__(
            uvicorn.Config(
                app,
                log_config=None,  # log through the root logger, i.e. stderr; stdout stays clean
                timeout_graceful_shutdown=5,
                lifespan="on",
            )
        )
        self._app = app
        self._on_ready = on_ready
        install_log_redaction()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self._on_ready:
            self._on_ready()

    def request_exit(self) -> None:
        """Shut down: end the event streams, then stop serving. Callable from any thread."""
        self._app.state.server.hub.close_threadsafe()
        self.should_exit = True

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self._app.state.server.hub.close_threadsafe()
        super().handle_exit(sig, frame)
