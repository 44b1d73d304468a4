"""The live transcript widget: a real simulated call through the real model, offscreen,
plus the widget's own behaviour (scrolling, search, copy to order, saving)."""

from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

from agent_desktop.speech.transcript import Segment, Transcript  # noqa: E402
from agent_desktop.ui.transcript_view import BODY, TranscriptView  # noqa: E402


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from agent_desktop.speech.models import PACKAGED_MODELS, assemble
    from agent_desktop.speech.whisper_engine import FasterWhisperEngine

    folder = assemble(PACKAGED_MODELS["whisper-base"], tmp_path_factory.mktemp("m") / "wb")
    e = FasterWhisperEngine(model=str(folder))
    e.load()
    return e


class _Transcriber:
    """Just the transcriber's signals, for the widget-only tests."""

    def __init__(self):
        from agent_desktop.signals import Signal

        self.segment_emitted, self.error, self.ready_changed = Signal(), Signal(), Signal()
        self.ready = True


def seg(i, speaker="caller", text="我家楼下的路灯坏了", final=True, start=None):
    return Segment(speaker, start if start is not None else i * 4.0, i * 4.0 + 3, text, final,
                   0.9, f"u{i}")


@pytest.fixture
def view(qtbot, qloop):
    v = TranscriptView(_Transcriber())
    qtbot.addWidget(v)
    v.resize(520, 550)
    v.show()
    return v


@pytest.mark.slow
def test_simulated_call_shows_a_live_two_speaker_transcript(qtbot, qloop, arun, engine,
                                                            tmp_path):
    from agent_desktop.speech.source import SimulatedCall
    from agent_desktop.speech.stream import Transcriber

    transcriber = Transcriber(engine)
    view = TranscriptView(transcriber)
    qtbot.addWidget(view)
    view.resize(520, 550)
    view.show()
    copied = []
    view.copy_to_order.connect(copied.append)
    shown = []
    view.segment_shown.connect(shown.append)

    lags = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        lags.append(now - last[0] - 0.01)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    call = SimulatedCall.demo(turns=[{"id": "o01"}, {"id": "c01", "gap": 0.6},
                                     {"id": "c03", "gap": 0.8}])

    async def run_call():
        transcriber.start()
        await transcriber.wait_ready()
        last[0] = time.perf_counter()
        await call.play(transcriber.feed, speed=1.5)
        await transcriber.drain()
        await transcriber.aclose()

    arun(run_call(), timeout=120)
    timer.stop()

    partials = [s for s in shown if not s.final]
    finals = [s for s in shown if s.final and s.text]
    assert partials and len(finals) == 3
    assert [s.speaker for s in finals] == ["operator", "caller", "caller"]
    text = view.plain_text()
    assert "13916728845" in text and "窨井盖" in text
    assert "Operator 00:00" in text.splitlines()[0]
    # every body is black (final) now, none grey
    doc = view.document()
    bodies = [doc.findBlockByNumber(n) for n in range(doc.blockCount())
              if doc.findBlockByNumber(n).userState() == BODY]
    assert len(bodies) == 3
    for block in bodies:
        fmt = QTextCursor(block).charFormat() if block.length() < 2 else \
            block.begin().fragment().charFormat()
        assert fmt.foreground().color().name() == "#1f2933"
    lags.sort()
    p99 = lags[int(len(lags) * 0.99) - 1]
    assert p99 < 0.15, f"event-loop lag p99 {p99 * 1000:.0f} ms"

    view.grab().save(str(tmp_path / "transcript.png"))
    saved = Transcript.load(view.save_json(tmp_path / "call.json", call_id="C1"))
    assert saved.call_id == "C1" and [s.text for s in saved.segments] == [s.text for s in finals]


def test_partial_is_grey_and_replaced_by_the_final(view):
    view.add_segment(seg(1, text="我要反映", final=False))
    body = view.document().findBlockByNumber(1)
    assert body.text() == "我要反映"
    assert body.begin().fragment().charFormat().foreground().color().name() == "#8a94a3"
    view.add_segment(seg(1, text="我要反映一个问题。"))
    assert view.document().blockCount() == 2
    body = view.document().findBlockByNumber(1)
    assert body.text() == "我要反映一个问题。"
    assert body.begin().fragment().charFormat().foreground().color().name() == "#1f2933"
    view.add_segment(seg(1, text="我要", final=False))  # a late partial is ignored
    assert view.document().findBlockByNumber(1).text() == "我要反映一个问题。"


def test_speakers_have_their_own_colour_and_label(view):
    view.add_segment(seg(1, "caller", "喂，你好"))
    view.add_segment(seg(2, "operator", "您好，请讲"))
    doc = view.document()
    caller, operator = doc.findBlockByNumber(0), doc.findBlockByNumber(2)
    assert caller.text().startswith("Caller") and operator.text().startswith("Operator")
    c1 = caller.begin().fragment().charFormat().foreground().color().name()
    c2 = operator.begin().fragment().charFormat().foreground().color().name()
    assert c1 != c2


def test_an_empty_final_retracts_the_utterance(view):
    view.add_segment(seg(1, text="第一句"))
    view.add_segment(seg(2, text="嗯", final=False))
    view.add_segment(seg(3, text="第三句"))
    view.add_segment(seg(2, text=""))
    assert "嗯" not in view.plain_text()
    assert view.document().blockCount() == 4
    assert [s.text for s in view.transcript().segments] == ["第一句", "第三句"]


def test_auto_scroll_pauses_when_the_operator_scrolls_up(view, qtbot):
    for i in range(30):
        view.add_segment(seg(i, text=f"第{i}句话，我们小区门口的窨井盖坏了，晚上走路很危险。"))
    bar = view.text.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum() and view.following
    bar.setValue(0)
    assert not view.following
    qtbot.waitUntil(view.jump_button.isVisible)
    view.add_segment(seg(30, text="新的一句"))
    assert bar.value() == 0  # stays where the operator is reading
    view.jump_button.click()
    assert view.following and bar.value() == bar.maximum()
    assert not view.jump_button.isVisible()
    view.add_segment(seg(31, text="再一句"))
    assert bar.value() == bar.maximum()


def test_search_counts_and_steps_through_matches(view, type_text):
    view.add_segment(seg(1, text="虹梅路168号"))
    view.add_segment(seg(2, "operator", "虹梅路哪一段？"))
    view.add_segment(seg(3, text="靠近虹梅路口"))
    type_text(view.search, "虹梅路")
    assert view.match_count == 3 and view.match_label.text() == "0/3"
    view.next_match()
    assert view.match_label.text() == "1/3"
    view.next_match()
    view.next_match()
    view.next_match()
    assert view.match_label.text() == "1/3"
    view.search.clear()
    assert view.match_count == 0 and view.match_label.text() == ""
    type_text(view.search, "Caller")  # labels are not transcript text
    assert view.match_count == 0


def test_selection_goes_to_the_order_without_labels(view, qtbot):
    view.add_segment(seg(1, text="我住在徐汇区虹梅路街道。"))
    view.add_segment(seg(2, "operator", "好的。"))
    assert not view.copy_button.isEnabled()
    cursor = view.text.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(view.document().findBlockByNumber(3).position() + 2,
                       QTextCursor.MoveMode.KeepAnchor)
    view.text.setTextCursor(cursor)
    assert view.copy_button.isEnabled()
    with qtbot.waitSignal(view.copy_to_order) as blocker:
        view.copy_button.click()
    assert blocker.args == ["我住在徐汇区虹梅路街道。\n好的"]


def test_transcript_json_holds_finals_only(view, tmp_path):
    view.add_segment(seg(1, text="第一句。"))
    view.add_segment(seg(2, "operator", "说到一半", final=False))
    t = Transcript.load(view.save_json(tmp_path / "t.json", call_id="X"))
    assert [s.text for s in t.segments] == ["第一句。"] and t.call_id == "X"
    assert '"第一句。"' in view.to_json()
    view.clear()
    assert view.plain_text() == "" and view.transcript().segments == []


def test_loading_and_error_states_are_shown(qtbot, qloop):
    t = _Transcriber()
    t.ready = False
    v = TranscriptView(t)
    qtbot.addWidget(v)
    v.show()
    assert v.status_label.isVisible() and "Loading" in v.status_label.text()
    t.ready_changed.emit(True)
    assert not v.status_label.isVisible()
    t.error.emit("model file missing")
    assert v.status_label.isVisible() and "model file missing" in v.status_label.text()
