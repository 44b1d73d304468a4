"""The OpenAPI document names every error status each operation can answer, each as
problem+json: 401 wherever a token is needed, 403 where a role is checked, 404 for a path
id, 413/422 for a body or parameters."""

from __future__ import annotations

from typing import Any

import httpx

PUBLIC = {("post", "/api/v1/auth/token"),
          ("get", "/api/v1/acd/route")}  # kamailio asks with the ACD key, not a token


def test_every_operation_documents_its_error_statuses(live: Any):
    schema = httpx.get(f"{live.url}/openapi.json", timeout=15).json()
    checked = 0
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for method, op in operations.items():
            codes = set(op["responses"])
            params = op.get("parameters", [])
            where = f"{method.upper()} {path}"
            if (method, path) not in PUBLIC:
                assert "401" in codes, where
            if params or "requestBody" in op:
                assert "422" in codes, where
            if "requestBody" in op:
                assert "413" in codes, where
            if any(p["in"] == "path" for p in params):
                assert "404" in codes, where
            for code in {c for c in codes if int(c) >= 400}:
                content = op["responses"][code].get("content", {})
                assert "application/problem+json" in content, (where, code)
                assert op["responses"][code]["description"], (where, code)
            checked += 1
    assert checked >= 50
    import json

    api = {p: o for p, o in schema["paths"].items() if p.startswith("/api/v1")}
    assert "HTTPValidationError" not in json.dumps(api)  # 422 is a Problem everywhere


def test_role_checked_operations_document_403(live: Any):
    schema = httpx.get(f"{live.url}/openapi.json", timeout=15).json()
    for path, method in (("/api/v1/agents", "get"), ("/api/v1/qa/evaluations", "post"),
                         ("/api/v1/training/scenarios", "post"), ("/api/v1/alerts", "get")):
        assert "403" in schema["paths"][path][method]["responses"], (method, path)
