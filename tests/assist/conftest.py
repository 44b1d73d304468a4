"""Fixtures for the assist tests: one catalog, gazetteer and assistant per session (the
embedding model takes about a second to load), and `conversation(*lines)` to build a call
from (speaker, text) pairs."""

from __future__ import annotations

import pytest

from agent_desktop.assist import CallAssistant
from agent_desktop.assist.conversation import Conversation
from agent_desktop.domain.reference import load_catalog
from agent_desktop.geo.service import GeoService
from agent_desktop.speech.transcript import Segment


def segments(*lines: tuple[str, str]) -> list[Segment]:
    out, t = [], 0.0
    for i, (speaker, text) in enumerate(lines):
        length = max(1.0, len(text) / 4)
        out.append(Segment(speaker, t, t + length, text, True, 0.9, f"s{i}"))
        t += length + 0.6
    return out


def conversation(*lines: tuple[str, str]) -> Conversation:
    c = Conversation()
    for s in segments(*lines):
        c.add(s)
    return c


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def geo():
    return GeoService.for_city("shanghai")


@pytest.fixture(scope="session")
def assistant(catalog, geo):
    """The assistant as the app builds it: gazetteer, legal entities, embeddings."""
    a = CallAssistant.default(catalog, geo=geo)
    assert a.ranker.embedder is not None, "the embedding wheel is a dependency"
    return a


@pytest.fixture(scope="session")
def keyword_assistant(catalog, geo):
    """The fallback path: no embedding model."""
    return CallAssistant.default(catalog, geo=geo, embeddings=False)
