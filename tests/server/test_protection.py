"""What every request meets first: sign-in throttling, body caps, security headers,
no-store on personal data, and token revocation — over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from agent_desktop.server.protection import SignInThrottle

from .server_helpers import login


def test_brute_force_meets_429_long_before_thirty_tries(server: Any):
    with httpx.Client(base_url=server.url, timeout=15) as client:
        codes = []
        for _ in range(30):
            r = client.post("/api/v1/auth/token",
                            json={"username": "operator1", "password": "guess"})
            codes.append(r.status_code)
            if r.status_code == 429:
                assert int(r.headers["Retry-After"]) > 0
                assert r.headers["content-type"].startswith("application/problem+json")
                break
        assert codes[-1] == 429 and len(codes) <= 6, codes
        # Even the right password waits now; another user is not locked out by it.
        right = client.post("/api/v1/auth/token",
                            json={"username": "operator1", "password": "operator1-demo"})
        assert right.status_code == 429
        other = client.post("/api/v1/auth/token",
                            json={"username": "lead1", "password": "lead1-demo"})
        assert other.status_code == 200


def test_throttle_window_lockout_growth_and_reset():
    now = [0.0]
    throttle = SignInThrottle(per_user=3, per_address=100, lock_s=10, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.retry_after("op", "1.2.3.4") == 0
        throttle.failed("op", "1.2.3.4")
    assert 0 < throttle.retry_after("op", "1.2.3.4") <= 11
    now[0] = 11.0
    assert throttle.retry_after("op", "1.2.3.4") == 0  # the lock ran out
    for _ in range(3):
        throttle.failed("op", "1.2.3.4")
    assert throttle.retry_after("op", "1.2.3.4") > 11  # the second lockout is longer
    throttle.succeeded("op")
    assert throttle.retry_after("OP", "5.6.7.8") == 0


def test_bodies_are_capped_per_route_with_413(server: Any):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        big = client.post("/api/v1/auth/token",
                          json={"username": "operator1", "password": "x" * 20_000_000})
        assert big.status_code == 413 and "at most" in big.json()["detail"]

        def chunks():  # no Content-Length: refused while it streams in
            for _ in range(200):
                yield b"x" * 1024

        streamed = client.post("/api/v1/auth/token", content=chunks(),
                               headers={"content-type": "application/json"})
        assert streamed.status_code == 413
    with login(server.url, "operator1") as operator:
        huge = operator.post("/api/v1/work-orders", json={"content": "积" * 200_000})
        assert huge.status_code == 413


def test_security_headers_and_no_store_on_personal_data(server: Any):
    with login(server.url, "operator1") as operator:
        orders = operator.get("/api/v1/work-orders")
        assert orders.headers["cache-control"] == "no-store"
        for name in ("x-content-type-options", "x-frame-options", "referrer-policy",
                     "content-security-policy"):
            assert name in orders.headers
        catalog = operator.get("/api/v1/catalog")
        assert catalog.headers.get("cache-control") != "no-store"  # reference data caches
        assert catalog.headers["x-content-type-options"] == "nosniff"


def test_sign_out_and_admin_revocation_end_tokens(server: Any):
    operator = login(server.url, "operator1")
    other = login(server.url, "operator1")
    assert operator.get("/api/v1/auth/me").status_code == 200
    assert operator.post("/api/v1/auth/sign-out").status_code == 204
    assert operator.get("/api/v1/auth/me").status_code == 401
    assert other.get("/api/v1/auth/me").status_code == 200  # only that token
    with login(server.url, "admin1") as admin:
        assert admin.post("/api/v1/auth/users/operator1/revoke-tokens").status_code == 204
        assert admin.post("/api/v1/auth/users/nobody/revoke-tokens").status_code == 404
    assert other.get("/api/v1/auth/me").status_code == 401
    with login(server.url, "lead1") as lead:
        assert lead.post("/api/v1/auth/users/operator1/revoke-tokens").status_code == 403
    operator.close()
    other.close()


def test_refresh_swaps_a_live_token_for_a_fresh_one(server: Any):
    operator = login(server.url, "operator1")
    old = operator.headers["Authorization"]
    fresh = operator.post("/api/v1/auth/refresh")
    assert fresh.status_code == 200 and fresh.json()["expires_in"] > 3600
    assert fresh.json()["user"]["username"] == "operator1"
    assert operator.get("/api/v1/auth/me").status_code == 401  # the old one is revoked
    operator.headers["Authorization"] = f"Bearer {fresh.json()['access_token']}"
    assert operator.get("/api/v1/auth/me").status_code == 200
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.post("/api/v1/auth/refresh").status_code == 401
        assert anonymous.post("/api/v1/auth/refresh",
                              headers={"Authorization": old}).status_code == 401
    operator.close()
