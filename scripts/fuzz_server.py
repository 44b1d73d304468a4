"""Fuzz the reference server the way an outside auditor would: schemathesis over its own
`/openapi.json`, every check, one worker, against `agent-desktop server --demo` started on
127.0.0.1 (a fresh SQLite database) — once signed in as the admin (the whole API) and
once anonymously (Open311 and the sign-in). Prints JSON; exits 1 if any response was a
server error (5xx), whatever the other checks found.

    .venv/bin/python scripts/fuzz_server.py [--examples 25] [--out DIR]

Sign-out, refresh (which replaces the token) and token revocation are left out of the
signed-in run (they would end the run's own session); the sign-in throttle is why the token is taken before fuzzing starts.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "AGENT_DESKTOP_DATA_DIR": str(data)}
    server = subprocess.Popen(
        [str(BIN / "agent-desktop"), "server", "--demo", "--host", "127.0.0.1",
         "--port", str(port), "--database-url", f"sqlite:///{data / 'fuzz.sqlite'}"],
        env=env, stdout=open(data / "server.log", "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.kill()
    raise SystemExit(f"the server did not start: {(data / 'server.log').read_text()[-2000:]}")


def run(url: str, out: Path, name: str, examples: int, extra: list[str]) -> dict:
    report = out / f"{name}.ndjson"
    started = time.monotonic()
    proc = subprocess.run(
        [str(BIN / "schemathesis"), "run", f"{url}/openapi.json", "--checks", "all",
         "--max-examples", str(examples), "--workers", "1", "--seed", "12345",
         "--report", "ndjson", "--report-ndjson-path", str(report), *extra],
        capture_output=True, text=True, cwd=out)  # its cache goes there, not into the repo
    (out / f"{name}.log").write_text(proc.stdout + proc.stderr)
    statuses = collections.Counter(
        int(code) for code in re.findall(r'"status_code":\s*(\d{3})', report.read_text()))
    cases = re.search(r"(\d+) generated", proc.stdout)
    failures = re.findall(r"❌ (ST\d+ [^:]+): (\d+)", proc.stdout)
    return {"run": name, "cases": int(cases.group(1)) if cases else None,
            "responses": sum(statuses.values()),
            "server_errors": sum(n for code, n in statuses.items() if code >= 500),
            "statuses": dict(sorted(statuses.items())),
            "other_findings": {k: int(v) for k, v in failures},
            "seconds": round(time.monotonic() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25,
                        help="examples per operation and phase (default 25: ≥ 3,000 cases)")
    parser.add_argument("--out", type=Path, help="keep the reports here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        out = args.out or data
        out.mkdir(parents=True, exist_ok=True)
        server, url = start_server(data)
        try:
            token = httpx.post(f"{url}/api/v1/auth/token", json={
                "username": "admin1", "password": "admin1-demo"}).json()["access_token"]
            runs = [
                run(url, out, "admin", args.examples,
                    ["-H", f"Authorization: Bearer {token}",
                     "--exclude-path", "/api/v1/auth/sign-out",
                     "--exclude-path", "/api/v1/auth/refresh",
                     "--exclude-path-regex", "revoke-tokens"]),
                run(url, out, "anonymous", args.examples,
                    ["--include-path-regex", "^/(open311|api/v1/auth/token|healthz)"]),
            ]
        finally:
            server.terminate()
            server.wait(10)
        log = (data / "server.log").read_text()
        tracebacks = log.count("Traceback (most recent call last)")
    result = {"cases": sum(r["cases"] or 0 for r in runs),
              "server_errors": sum(r["server_errors"] for r in runs),
              "server_tracebacks": tracebacks, "runs": runs}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if result["server_errors"] or tracebacks else 0


if __name__ == "__main__":
    raise SystemExit(main())
