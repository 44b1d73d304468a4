"""Fixtures of the knowledge-base suite: the demo corpus, its index, a store in tmp."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from agent_desktop.kb import Analyzer, ArticleStore, SearchIndex, load_demo_articles  # noqa: E402


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_DESKTOP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    a = Analyzer.default()
    a.initialize()
    return a


@pytest.fixture(scope="session")
def demo_articles():
    return load_demo_articles()


@pytest.fixture(scope="session")
def demo_index(analyzer, demo_articles) -> SearchIndex:
    return SearchIndex.build(analyzer, [(a, None) for a in demo_articles])


@pytest.fixture
def store(tmp_path):
    s = ArticleStore(tmp_path / "kb" / "kb.sqlite3")
    yield s
    s.close()
