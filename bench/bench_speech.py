"""Speech benchmark: accuracy, speed and live behaviour of the transcriber. Prints JSON.

    python bench/bench_speech.py                 # accuracy + 3 live runs of the demo call
    python bench/bench_speech.py --runs 1 --skip-accuracy
    python bench/bench_speech.py --beam 5 --final-pad 0   # full 30 s window for finals

Accuracy: every packaged test utterance (resources/speech/utterances.json) in its two
8 kHz G.711 μ-law conditions (as synthesised; faster + 15 dB line noise), decoded as a
final: CER and domain-term accuracy (share of the utterance's `terms` heard exactly) per
split (tune/holdout; report holdout, tune on tune) without biasing, with the vocabulary
prompt, with pinyin correction, and with both; RTF = plain decode time / audio time. TTS speech is
cleaner than real callers: these CERs are lower bounds.

Live: the demo call (caller 8 kHz μ-law + operator 16 kHz) played in real time into the
streaming transcriber inside a Qt application (offscreen, qasync loop, as in the app):
end of speech → final segment, start of speech → first partial, Qt event-loop lag (a 10 ms
QTimer's lateness) and peak RSS. Medians over runs; the load average is printed beside
the figures because the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def _pct(values, q):
    values = sorted(values)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 4)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


CONDITIONS = ("8k-ulaw", "8k-ulaw-fast-noisy")
VARIANTS = ("plain", "prompt", "correction", "prompt+correction")


def term_hits(terms: list[str], hypothesis: str) -> tuple[int, int]:
    """How many of an utterance's domain terms appear exactly in what was heard."""
    from agent_desktop.speech.text import normalize_for_cer

    heard = normalize_for_cer(hypothesis)
    return sum(1 for t in terms if normalize_for_cer(t) in heard), len(terms)


def accuracy(engine, vocabulary, corrector, split: str | None = None) -> dict:
    """CER and domain-term accuracy per condition and split, for each biasing variant."""
    from agent_desktop.paths import resource as res
    from agent_desktop.speech.audio import read_wav_16k
    from agent_desktop.speech.text import corpus_cer, normalize

    spec = json.loads(res("speech", "utterances.json").read_text(encoding="utf-8"))
    prompt = vocabulary.prompt()
    out = {}
    for kind in CONDITIONS:
        rows = {}  # (split, variant) -> [(ref, hyp, terms)]
        audio_s = decode_s = 0.0
        examples = []
        languages: list[bool] = []
        for u in spec["utterances"]:
            if split and u.get("split") != split:
                continue
            audio = read_wav_16k(res("speech", "utterances", f"{u['id']}.{kind}.wav"))
            t = time.perf_counter()
            first = engine.recognize(audio, final=True)
            decode_s += time.perf_counter() - t
            audio_s += len(audio) / 16000
            second = engine.recognize(audio, final=True, prompt=prompt)
            expected = u.get("language", "zh")
            languages.append(getattr(first, "language", "zh") == expected)
            # as the transcriber does: foreign speech is neither cleaned up nor corrected
            if getattr(first, "language", "zh") != "zh":
                plain = first.text.strip()
                biased = second.text.strip()
                hyps = dict.fromkeys(VARIANTS, plain) | {"prompt": biased,
                                                         "prompt+correction": biased}
            else:
                plain, biased = normalize(first.text), normalize(second.text)
                hyps = {"plain": plain, "prompt": biased,
                        "correction": corrector.correct(plain)[0],
                        "prompt+correction": corrector.correct(biased)[0]}
            for variant, hyp in hyps.items():
                for sp in (u.get("split", "all"), "all"):
                    rows.setdefault((sp, variant), []).append((u["text"], hyp, u.get("terms", [])))
            if hyps["plain"] != hyps["prompt+correction"] and len(examples) < 6:
                examples.append({"id": u["id"], "ref": u["text"], "plain": plain,
                                 "prompt+correction": hyps["prompt+correction"]})
        table = {}
        for (sp, variant), r in sorted(rows.items()):
            hits = [term_hits(terms, hyp) for _, hyp, terms in r]
            n_terms = sum(n for _, n in hits)
            table.setdefault(sp, {})[variant] = {
                "cer": round(corpus_cer([(ref, hyp) for ref, hyp, _ in r]), 4),
                "term_acc": round(sum(h for h, _ in hits) / n_terms, 4) if n_terms else None,
                "utterances": len(r), "terms": n_terms}
        out[kind] = {"by_split": table, "rtf_plain": round(decode_s / audio_s, 3),
                     "language_detected_right": f"{sum(languages)}/{len(languages)}",
                     "examples": examples}
    return out


def live_run(engine, vocabulary, speed: float = 1.0, refine: bool = False) -> dict:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from agent_desktop.speech.source import SimulatedCall
    from agent_desktop.speech.stream import Transcriber
    from agent_desktop.speech.text import corpus_cer

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    call = SimulatedCall.demo()
    transcriber = Transcriber(engine, vocabulary=vocabulary, refine=refine)
    events: list[tuple[float, object]] = []
    lags: list[float] = []
    state = {"last": None, "t0": None}

    def tick():
        now = time.perf_counter()
        if state["last"] is not None:
            lags.append(max(0.0, now - state["last"] - 0.010))
        state["last"] = now

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)

    async def main():
        transcriber.start()
        await transcriber.wait_ready()
        transcriber.subscribe(lambda s: events.append((time.perf_counter(), s)))
        timer.start(10)
        state["t0"] = time.perf_counter()
        await call.play(transcriber.feed, speed=speed)
        await transcriber.drain()
        timer.stop()
        await transcriber.aclose()

    cpu0 = time.process_time()
    with loop:
        loop.run_until_complete(main())
    cpu = time.process_time() - cpu0
    t0 = state["t0"]
    # per utterance: when its first final arrived (latency) and its last text (refined)
    first_final: dict[str, float] = {}
    latest: dict[str, object] = {}
    last_final: dict[str, float] = {}
    for t, s in events:
        if s.final:
            first_final.setdefault(s.id, t)
            last_final[s.id] = t
            latest[s.id] = s
    finals = [(first_final[i], s) for i, s in latest.items() if s.text]
    final_latency, refined_latency, first_partial = [], [], []
    pairs = []
    for turn in call.turns:
        # the finals whose span overlaps the turn
        mine = [(t, s) for t, s in finals if s.speaker == turn.speaker
                and s.start < turn.end and s.end > turn.start]
        if not mine:
            pairs.append((turn.text, ""))
            continue
        last_t, last_s = max(mine, key=lambda x: x[1].end)
        final_latency.append(last_t - (t0 + turn.end / speed))
        refined_latency.append(last_final[last_s.id] - (t0 + turn.end / speed))
        in_order = sorted(mine, key=lambda x: x[1].start)
        pairs.append((turn.text, "".join(s.text for _, s in in_order)))
        ids = {s.id for _, s in mine}
        partial_times = [t for t, s in events if not s.final and s.id in ids]
        if partial_times:
            first_partial.append(min(partial_times) - (t0 + turn.start / speed))
    stats = transcriber.stats
    return {
        "call_s": round(call.duration, 1),
        "final_latency_s": {"median": _median(final_latency), "max": round(max(final_latency), 3)
                            if final_latency else None},
        "refined_final_latency_s": {"median": _median(refined_latency)},
        "first_partial_latency_s": {"median": _median(first_partial),
                                    "max": round(max(first_partial), 3) if first_partial else None},
        "event_loop_lag_ms": {"p50": round(1000 * (_pct(lags, 0.5) or 0), 1),
                              "p99": round(1000 * (_pct(lags, 0.99) or 0), 1),
                              "max": round(1000 * max(lags or [0]), 1)},
        "cer_live": round(corpus_cer(pairs), 4),
        "partials": sum(1 for _, s in events if not s.final),
        "finals": len(finals),
        "refined": sum(1 for _, s in events if s.final) - len(first_final),
        "decoder_busy": round(sum(d.decode_s for d in stats) / (call.duration / speed), 3),
        "cpu_s_per_call_s": round(cpu / (call.duration / speed), 3),
        "final_decode_s": _median([d.decode_s for d in stats if d.final]),
        "partial_decode_s": _median([d.decode_s for d in stats if not d.final]),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="live runs (default 3)")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-live", action="store_true")
    parser.add_argument("--no-language-detection", action="store_true",
                        help="finals always decoded as Mandarin (the pre-issue-13 engine)")
    parser.add_argument("--split", choices=("tune", "holdout"), default=None,
                        help="accuracy on one half of the test set only (default: both)")
    parser.add_argument("--model", default="whisper-base")
    parser.add_argument("--beam", type=int, default=None, help="beam size of finals")
    parser.add_argument("--refine", action="store_true",
                        help="live runs with a second (full-window) pass on each final")
    parser.add_argument("--final-pad", type=float, default=None,
                        help="encoder window of finals: audio + this many seconds "
                             "(0 = Whisper's full 30 s); default: the engine's")
    args = parser.parse_args()

    from agent_desktop.speech.bias import PinyinCorrector, Vocabulary
    from agent_desktop.speech.whisper_engine import FasterWhisperEngine

    result: dict = {"loadavg_start": [round(x, 2) for x in os.getloadavg()],
                    "cpus": os.cpu_count()}
    kw = {}
    if args.beam is not None:
        kw["beam_size"] = args.beam
    if args.final_pad is not None:
        kw["final_pad_s"] = None if args.final_pad == 0 else args.final_pad
    started = time.perf_counter()
    if args.no_language_detection:
        kw["detect_language"] = False
    engine = FasterWhisperEngine(model=args.model, **kw)
    engine.load()
    vocabulary = Vocabulary.load()
    corrector = PinyinCorrector(vocabulary)
    result["engine"] = {"describe": engine.describe(), "beam_size": engine.beam_size,
                        "final_pad_s": engine.final_pad_s, "partial_pad_s": engine.partial_pad_s,
                        "load_s": round(engine.load_seconds or 0, 2),
                        "load_with_vocabulary_s": round(time.perf_counter() - started, 2),
                        "rss_after_load_mb": _rss_mb()}
    if not args.skip_accuracy:
        result["accuracy"] = accuracy(engine, vocabulary, corrector, args.split)
        result["loadavg_after_accuracy"] = [round(x, 2) for x in os.getloadavg()]
    if not args.skip_live:
        runs = [live_run(engine, vocabulary, refine=args.refine)
                for _ in range(args.runs)]
        result["live_runs"] = runs
        result["live_median"] = {
            "final_latency_s": _median([r["final_latency_s"]["median"] for r in runs]),
            "refined_final_latency_s": _median([r["refined_final_latency_s"]["median"]
                                                for r in runs]),
            "first_partial_latency_s": _median([r["first_partial_latency_s"]["median"]
                                                for r in runs]),
            "event_loop_lag_p99_ms": _median([r["event_loop_lag_ms"]["p99"] for r in runs]),
            "cer_live": _median([r["cer_live"] for r in runs]),
            "decoder_busy": _median([r["decoder_busy"] for r in runs]),
        }
    result["peak_rss_mb"] = _rss_mb()
    result["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
