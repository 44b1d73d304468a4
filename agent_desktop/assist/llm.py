"""An optional central language model that writes the order's words at hang-up.

Large hotlines run a model centrally behind an OpenAI-compatible API. Configured in
config.toml:

    [assist]
    llm_url = "http://10.0.0.5:8000/v1"   # the server's base; /chat/completions is added
    llm_model = "qwen2.5-7b-instruct"
    llm_api_key = ""                        # sent as a bearer token when set
    llm_timeout = 8.0

It receives the transcript and what the offline path found (place, matter, appeal type),
and must answer a JSON object with title, request, content and summary. Anything else —
no answer in time, not JSON, a missing field — falls back to the offline writer, which
stands on its own: the model only ever improves the words, never blocks the draft.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import httpx

from .conversation import Conversation
from .writer import Facts, OfflineWriter, Writer, Written

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "你是12345市民服务热线的工单助手。根据通话记录写工单，只输出一个JSON对象，键为："
    "title（不超过30字的标题）、request（来电人的诉求，一句话）、"
    "content（以“来电人反映：”开头的规范工单内容，第三人称，写明时间、地点、事情经过和诉求，"
    "不要照抄口语）、summary（一句话摘要）。不要编造通话中没有的信息。"
)
MAX_TRANSCRIPT_CHARS = 6000
FIELDS = ("title", "request", "content", "summary")


class ChatCompletionsWriter:
    """Writes through an OpenAI-compatible `/v1/chat/completions` endpoint."""

    name = "chat-completions"

    def __init__(self, base_url: str, model: str, *, api_key: str = "",
                 timeout: float = 8.0, fallback: Writer | None = None) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.fallback = fallback or OfflineWriter()

    def request_body(self, conversation: Conversation, facts: Facts) -> dict[str, Any]:
        lines = [f"{'市民' if s.speaker == 'caller' else '话务员'}：{s.text}"
                 for s in conversation.segments(finals_only=True)]
        transcript = "\n".join(lines)[-MAX_TRANSCRIPT_CHARS:]
        known = {"地点": facts.place_text, "事项": facts.matter_name,
                 "诉求类型": facts.appeal_type or "", "来电人": facts.caller_name,
                 "被反映对象": facts.reported_party}
        user = ("通话记录：\n" + transcript + "\n\n已识别信息：" +
                json.dumps({k: v for k, v in known.items() if v}, ensure_ascii=False))
        return {"model": self.model, "temperature": 0.2,
                "response_format": {"type": "json_object"},
                "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                             {"role": "user", "content": user}]}

    def write(self, conversation: Conversation, facts: Facts) -> Written:
        offline = self.fallback.write(conversation, facts)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(self.url, json=self.request_body(conversation, facts),
                                  headers=headers, timeout=self.timeout)
            response.raise_for_status()
            text = response.json()["choices"][0]["message"]["content"]
            found = _json_object(text)
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as e:
            log.warning("central model unavailable (%s); the offline draft stands", e)
            return offline
        values = {k: str(found.get(k) or "").strip() for k in FIELDS}
        if not values["content"]:
            return offline
        return Written(title=values["title"][:40] or offline.title,
                       request=values["request"] or offline.request,
                       content=values["content"], summary=values["summary"] or offline.summary)


def _json_object(text: str) -> dict[str, Any]:
    """The JSON object of a reply, also when the model wrapped it in a code fence."""
    match = re.search(r"\{.*\}", text, re.S)
    if match is None:
        raise ValueError("no JSON object in the reply")
    found = json.loads(match.group(0))
    if not isinstance(found, dict):
        raise ValueError("the reply is not a JSON object")
    return found


def writer_from_settings(raw: dict[str, Any]) -> Writer | None:
    """The `[assist]` section's central model, or None (offline only)."""
    url = str(raw.get("llm_url") or "").strip()
    if not url:
        return None
    return ChatCompletionsWriter(url, str(raw.get("llm_model") or "default"),
                                 api_key=str(raw.get("llm_api_key") or ""),
                                 timeout=float(raw.get("llm_timeout") or 8.0))
