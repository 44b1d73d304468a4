"""The central-model writer against a real HTTP server on 127.0.0.1 that speaks the
OpenAI chat-completions protocol. No language model can run here (DESIGN §8), so the
server answers from the request it received — the protocol, the request body, the bearer
token, timeouts and bad replies are what is tested; the offline writer is the fallback."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent_desktop.assist import CallAssistant
from agent_desktop.assist.llm import ChatCompletionsWriter, writer_from_settings

from .conftest import segments
from .test_assistant import DEMO


class ChatServer:
    """/v1/chat/completions on a real socket; `mode` picks how it answers."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[tuple[dict, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((dict(self.headers), body))
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": "not found"})
                if outer.mode == "error":
                    return self._send(500, {"error": "model crashed"})
                if outer.mode == "slow":
                    time.sleep(1.5)
                user = body["messages"][-1]["content"]
                place = "虹梅路168号" if "虹梅路168号" in user else ""
                content = {"title": f"{place}窨井盖损坏", "request": "要求尽快修复窨井盖",
                           "content": f"来电人反映：{place}门口窨井盖损坏，夜间行人有跌落危险。"
                                      "来电人要求尽快修复。",
                           "summary": "市民反映窨井盖损坏"}
                text = "not json at all" if outer.mode == "garbage" else \
                    "```json\n" + json.dumps(content, ensure_ascii=False) + "\n```"
                self._send(200, {"id": "x", "object": "chat.completion",
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant",
                                                          "content": text}}]})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture
def chat():
    server = ChatServer()
    yield server
    server.close()


def run(catalog, geo, writer):
    a = CallAssistant(catalog, geo, writer=writer)
    a.feed_all(segments(*DEMO))
    return a.finish()


def test_the_central_model_writes_the_words(chat, catalog, geo):
    writer = writer_from_settings({"llm_url": chat.url, "llm_model": "hotline-7b",
                                   "llm_api_key": "s3cret"})
    draft = run(catalog, geo, writer)
    assert draft.value("content").startswith("来电人反映：虹梅路168号门口窨井盖损坏")
    assert draft.value("request") == "要求尽快修复窨井盖"
    headers, body = chat.requests[-1]
    assert headers["Authorization"] == "Bearer s3cret"
    assert body["model"] == "hotline-7b" and body["messages"][0]["role"] == "system"
    assert "幺三九幺六七二八八四五" in body["messages"][-1]["content"]  # the transcript went


@pytest.mark.parametrize("mode", ["error", "garbage", "slow"])
def test_any_failure_leaves_the_offline_draft(chat, catalog, geo, mode):
    chat.mode = mode
    writer = ChatCompletionsWriter(chat.url, "m", timeout=0.5)
    draft = run(catalog, geo, writer)
    offline = run(catalog, geo, None)
    assert draft.value("content") == offline.value("content")
    assert draft.value("content").startswith("来电人反映：")


def test_no_server_at_all(catalog, geo):
    writer = ChatCompletionsWriter("http://127.0.0.1:9/v1", "m", timeout=0.5)
    assert run(catalog, geo, writer).value("content").startswith("来电人反映：")


def test_not_configured_means_offline():
    assert writer_from_settings({}) is None
