"""What every request passes before any router: body-size caps per route (413 before a
byte is parsed), security headers on every answer, `Cache-Control: no-store` on personal
data, and the sign-in throttle (429 with Retry-After).

An ASGI middleware, so that a 20 MB body is refused while it streams in, not after.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field

# Path prefix → the largest request body it accepts (bytes); the first match wins.
BODY_LIMITS: tuple[tuple[str, int], ...] = (
    ("/api/v1/auth/", 4 * 1024),
    ("/api/v1/work-orders", 64 * 1024),
    ("/api/v1/agents", 4 * 1024),
    ("/api/v1/training/", 256 * 1024),  # a practice call's whole transcript
    ("/api/v1/kb/", 1024 * 1024),  # an article's HTML, documented in the API
    ("/open311/", 64 * 1024),
)
DEFAULT_BODY_LIMIT = 64 * 1024

# Responses that may be cached (reference data with ETags); everything else under /api
# is personal or live data.
CACHEABLE = ("/api/v1/catalog", "/api/v1/departments", "/openapi.json")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def body_limit(path: str) -> int:
    return next((limit for prefix, limit in BODY_LIMITS if path.startswith(prefix)),
                DEFAULT_BODY_LIMIT)


class ProtectionMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        limit = body_limit(path)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False
            if too_large:
                await _send_413(send, limit, path)
                return
        received = 0
        refused = False
        started = False

        async def limited_receive():
            # A body without Content-Length (chunked): count it as it comes; past the
            # limit, answer 413 at once and tell the app the client went away.
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not refused:
                    refused = True
                    if not started:
                        await _send_413(send, limit, path)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent
            if message["type"] == "http.response.start":
                started = True
                extra = list(SECURITY_HEADERS)
                if (scope.get("scheme") == "https"):
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                existing = {k.lower() for k, _ in message.get("headers", [])}
                if (path.startswith("/api/") and not path.startswith(CACHEABLE)
                        and b"cache-control" not in existing):
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []),
                                                  *[(k, v) for k, v in extra
                                                    if k not in existing]]}
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:
                raise


async def _send_413(send, limit: int, path: str = "") -> None:
    detail = f"This endpoint accepts at most {limit} bytes; shorten the text or attach less."
    media_type = b"application/problem+json"
    body = json.dumps({
        "type": "https://agent-desktop.example/problems/too-large",
        "title": "Request body too large",
        "status": 413,
        "detail": detail,
    }, ensure_ascii=False).encode()
    if path.startswith("/open311/"):  # the Open311 error list (open311.render_errors)
        media_type = b"application/json; charset=utf-8"
        body = json.dumps([{"code": 413, "description": detail}]).encode()
        if path.endswith(".xml"):
            media_type = b"text/xml; charset=utf-8"
            body = (f'<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>413</code>'
                    f"<description>{detail}</description></error></errors>").encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", media_type),
                            (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


# --- the sign-in throttle --------------------------------------------------------------

@dataclass
class _Failures:
    times: deque = field(default_factory=deque)
    locked_until: float = 0.0
    lockouts: int = 0


class SignInThrottle:
    """Wrong passwords per user name and per client address, in a sliding window. After
    `per_user` failures a name is locked for `lock_s` (doubling on each new lockout, up to
    `max_lock_s`); an address is locked after `per_address` failures, whatever the names.
    A correct password clears the name's record. Per process: several instances each keep
    their own, which still caps a brute force at instances × the limit."""

    def __init__(self, per_user: int = 5, per_address: int = 20, window_s: float = 300.0,
                 lock_s: float = 60.0, max_lock_s: float = 900.0, clock=time.monotonic) -> None:
        self.per_user, self.per_address = per_user, per_address
        self.window_s, self.lock_s, self.max_lock_s = window_s, lock_s, max_lock_s
        self.clock = clock
        self._users: dict[str, _Failures] = {}
        self._addresses: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def retry_after(self, username: str, address: str) -> int:
        """Seconds until this sign-in may be tried (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [f.locked_until - now for f in (self._users.get(username.lower()),
                                                   self._addresses.get(address)) if f]
        wait = max(waits, default=0.0)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for table, key, limit in ((self._users, username.lower(), self.per_user),
                                      (self._addresses, address, self.per_address)):
                record = table.setdefault(key, _Failures())
                record.times.append(now)
                while record.times and now - record.times[0] > self.window_s:
                    record.times.popleft()
                if len(record.times) >= limit:
                    record.lockouts += 1
                    record.locked_until = now + min(self.max_lock_s,
                                                    self.lock_s * 2 ** (record.lockouts - 1))
                    record.times.clear()

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._users.pop(username.lower(), None)
