"""Fixtures of the speech tests: one real Whisper model loaded for the whole session,
the packaged test utterances, and the hotline vocabulary.

The model is assembled from its registry packages into a session temp dir (the same code
path as the app's first start) and shared, so the suite loads it once.
"""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from agent_desktop.paths import resource  # noqa: E402


@pytest.fixture(scope="session")
def utterances() -> dict[str, dict]:
    spec = json.loads(resource("speech", "utterances.json").read_text(encoding="utf-8"))
    return {u["id"]: u for u in spec["utterances"]}


@pytest.fixture(scope="session")
def wav():
    """`wav("c03", "8k-ulaw")` → path of a packaged test utterance."""
    def path(uid: str, kind: str = "16k"):
        return resource("speech", "utterances", f"{uid}.{kind}.wav")
    return path


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    from agent_desktop.speech.models import PACKAGED_MODELS, assemble

    return assemble(PACKAGED_MODELS["whisper-base"], tmp_path_factory.mktemp("models") / "wb")


@pytest.fixture(scope="session")
def engine(model_dir):
    from agent_desktop.speech.whisper_engine import FasterWhisperEngine

    e = FasterWhisperEngine(model=str(model_dir))
    e.load()
    yield e
    e.close()


@pytest.fixture(scope="session")
def vocabulary():
    from agent_desktop.speech.bias import Vocabulary

    return Vocabulary.load()


@pytest.fixture(scope="session")
def corrector(vocabulary):
    from agent_desktop.speech.bias import PinyinCorrector

    return PinyinCorrector(vocabulary)


class SharedEngine:
    """Wraps the session engine so a Transcriber's close() does not unload it."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.supports_partials = inner.supports_partials
        self.supports_refinement = inner.supports_refinement

    def load(self):
        self.inner.load()

    def recognize(self, audio, *, final, prompt="", best=False):
        return self.inner.recognize(audio, final=final, prompt=prompt, best=best)

    def close(self):
        pass

    def describe(self):
        return self.inner.describe()


@pytest.fixture
def shared_engine(engine):
    return SharedEngine(engine)


@pytest.fixture
def run_cli():
    """`run_cli(["transcribe", …])`: the `agent-desktop transcribe` command in-process."""
    import argparse

    from agent_desktop.speech import cli

    def run(argv: list[str]) -> int:
        parser = argparse.ArgumentParser(prog="agent-desktop")
        cli.register(parser.add_subparsers(dest="command"))
        args = parser.parse_args(argv)
        return args.func(args)

    return run
