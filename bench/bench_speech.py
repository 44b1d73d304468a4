"""Speech benchmark: accuracy, speed and live behaviour of the transcriber. Prints JSON.

    python bench/bench_speech.py                 # accuracy + 3 live runs of the demo call
    python bench/bench_speech.py --runs 1 --skip-accuracy
    python bench/bench_speech.py --beam 5 --final-pad 0   # full 30 s window for finals

Accuracy: every packaged test utterance (resources/speech/utterances.json) in its two
8 kHz G.711 μ-law conditions (as synthesised; faster + 15 dB line noise), decoded as a
final three ways — no prompt, the fixed vocabulary prompt, and the per-call prompt built
from the utterance's own last partial (as the live transcriber does) — each with its
n-best list and per-character probabilities (`--cache F` keeps them). Then each issue-13
lever alone and combined, against `shipped` (fixed prompt + unguarded pinyin correction):
L1 guarded corrections, L2 per-call prompt, L3 n-best rescoring with the domain LM.
CER and domain-term accuracy (share of the utterance's `terms` heard exactly) per
condition and split: choose on tune, report holdout. RTF = decode time / audio time per
prompt (the alignment pass the guarded corrections need is timed apart). TTS speech is
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
# what the live transcriber has heard of an utterance when its final is decoded: its last
# partial, decoded greedily about this long before the end of speech
PARTIAL_LEAD_S = 0.8


def term_hits(terms: list[str], hypothesis: str) -> tuple[int, int]:
    """How many of an utterance's domain terms appear exactly in what was heard."""
    from agent_desktop.speech.text import normalize_for_cer

    heard = normalize_for_cer(hypothesis)
    return sum(1 for t in terms if normalize_for_cer(t) in heard), len(terms)


def _rec(r, seconds: float, align_s: float = 0.0) -> dict:
    return {"align_s": round(align_s, 4), "text": r.text, "language": r.language, "confidence": r.confidence,
            "char_confidence": list(r.char_confidence), "hypotheses": [list(h) for h in
                                                                     r.hypotheses],
            "decode_s": round(seconds, 4)}


def decode_corpus(engine, vocabulary, call_bias, split: str | None = None,
                  cache: Path | None = None) -> list[dict]:
    """Every test utterance of `split` in both conditions, decoded as a final without a
    prompt, with the fixed vocabulary prompt and with the per-call prompt (built from the
    utterance's own last partial, as the live transcriber does), each with its n-best list
    and per-character probabilities. Cached in `cache` (a JSON file) when given."""
    from agent_desktop.paths import resource as res
    from agent_desktop.speech.audio import read_wav_16k
    from agent_desktop.speech.text import normalize

    spec = json.loads(res("speech", "utterances.json").read_text(encoding="utf-8"))
    done = {}
    if cache and cache.exists():
        done = {(r["id"], r["condition"]): r for r in json.loads(cache.read_text())}
    fixed = vocabulary.prompt()
    records = []
    for kind in CONDITIONS:
        for u in spec["utterances"]:
            if split and u.get("split") != split:
                continue
            if (u["id"], kind) in done:
                records.append(done[(u["id"], kind)])
                continue
            audio = read_wav_16k(res("speech", "utterances", f"{u['id']}.{kind}.wav"))
            rec = {"id": u["id"], "condition": kind, "split": u.get("split", "all"),
                   "ref": u["text"], "terms": u.get("terms", []),
                   "expected_language": u.get("language", "zh"),
                   "audio_s": len(audio) / 16000}
            for name, prompt in (("plain", ""), ("fixed", fixed)):
                t = time.perf_counter()
                r = engine.recognize(audio, final=True, prompt=prompt)
                rec[name] = _rec(r, time.perf_counter() - t, getattr(engine, "last_align_s", 0))
            head = audio[:max(0, len(audio) - int(PARTIAL_LEAD_S * 16000))]
            partial = engine.recognize(head, final=False, prompt=fixed)
            rec["partial"] = normalize(partial.text, final=False)
            prompt = call_bias.prompt(rec["partial"])
            rec["call_prompt"] = prompt
            t = time.perf_counter()
            r = engine.recognize(audio, final=True, prompt=prompt)
            rec["call"] = _rec(r, time.perf_counter() - t, getattr(engine, "last_align_s", 0))
            records.append(rec)
            if cache:
                cache.write_text(json.dumps(records + [v for k, v in done.items()
                                                       if v not in records],
                                            ensure_ascii=False))
    return records


class Levers:
    """The post-decoding parts of the pipeline, switchable one by one."""

    def __init__(self, vocabulary, corrector, guarded, lm, lm_weight: float,
                 lm_max_gap: float = 1.0) -> None:
        self.vocabulary, self.corrector, self.guarded = vocabulary, corrector, guarded
        self.lm, self.lm_weight, self.lm_max_gap = lm, lm_weight, lm_max_gap

    def hypothesis(self, rec: dict, *, prompt: str = "fixed", correction: str = "pinyin",
                   rescore: bool = False) -> str:
        """What the operator reads for one decoded utterance. prompt: plain | fixed | call;
        correction: none | pinyin (unguarded, as shipped before) | guarded; rescore: pick
        from the n-best list with the domain LM."""
        from agent_desktop.speech.guard import carry_confidence
        from agent_desktop.speech.text import normalize

        r = rec[prompt]
        if r["language"] != "zh":
            return r["text"].strip()
        raw, conf = r["text"], r["char_confidence"]
        if rescore and r["hypotheses"]:
            chosen = self.lm.rescore([tuple(h) for h in r["hypotheses"]], self.lm_weight,
                                     self.guarded.district_names, self.lm_max_gap)[0]
            if chosen != raw:
                # characters the beam disagreed on are uncertain
                aligned = carry_confidence(raw, conf, chosen) if conf else None
                conf = [0.0 if c == 1.0 and ch not in raw else c
                        for c, ch in zip(aligned, chosen)] if aligned else []
                raw = chosen
        text = normalize(raw)
        if correction == "pinyin":
            return self.corrector.correct(text)[0]
        if correction == "guarded":
            return self.guarded.correct(text, carry_confidence(raw, conf, text))[0]
        if correction.startswith("pinyin<"):  # the pinyin correction, confidence-gated
            return self.corrector.correct(text, carry_confidence(raw, conf, text),
                                          float(correction[7:]))[0]
        if correction == "guarded-noconf":
            return self.guarded.correct(text, None)[0]
        return text


# name → (prompt, correction, rescore); "shipped" is the pipeline before these levers
VARIANTS = {
    "plain": ("plain", "none", False),
    "shipped": ("fixed", "pinyin", False),
    "fixed-prompt-only": ("fixed", "none", False),
    "L1-guarded": ("fixed", "guarded", False),
    "L1-guarded-without-confidence": ("fixed", "guarded-noconf", False),
    "call-prompt-only": ("call", "none", False),
    "L2-call-prompt": ("call", "pinyin", False),
    "L3-nbest-lm": ("fixed", "pinyin", True),
    "L2+L3": ("call", "pinyin", True),
    "L1+L2": ("call", "guarded", False),
    "L1+L2+L3": ("call", "guarded", True),
    # the pinyin correction's own rules, touching only stretches heard below p; the
    # default pipeline is "L2+L3 gated<0.95" (SpeechConfig.correction_max_confidence)
    **{f"L2+L3 gated<{p}": ("call", f"pinyin<{p}", True) for p in (0.5, 0.7, 0.8, 0.9, 0.95)},
}


def score(records: list[dict], levers: Levers, variants: dict | None = None) -> dict:
    """CER and domain-term accuracy per condition × split × variant."""
    from agent_desktop.speech.text import corpus_cer, normalize

    variants = variants or VARIANTS
    out: dict = {}
    for kind in CONDITIONS:
        recs = [r for r in records if r["condition"] == kind]
        if not recs:
            continue
        table: dict = {}
        for split in sorted({r["split"] for r in recs}):
            mine = [r for r in recs if r["split"] == split]
            for name, (prompt, correction, rescore) in variants.items():
                hyps = [levers.hypothesis(r, prompt=prompt, correction=correction,
                                          rescore=rescore) for r in mine]
                hits = [term_hits(r["terms"], h) for r, h in zip(mine, hyps)]
                n_terms = sum(n for _, n in hits)
                table.setdefault(split, {})[name] = {
                    "cer": round(corpus_cer([(r["ref"], h) for r, h in zip(mine, hyps)]), 4),
                    "term_acc": round(sum(h for h, _ in hits) / n_terms, 4) if n_terms else None,
                    # a district in the text that neither the speaker said nor the
                    # recogniser heard: put there by a correction or by rescoring
                    "districts_inserted": sum(
                        bool(levers.guarded.districts_in(h) - levers.guarded.districts_in(r["ref"])
                             - levers.guarded.districts_in(normalize(r[prompt]["text"])))
                        for r, h in zip(mine, hyps))}
        audio = sum(r["audio_s"] for r in recs)
        out[kind] = {
            "by_split": table,
            "utterances": len(recs),
            # decode time / audio time per prompt, without the alignment pass (only the
            # guarded corrections need it; it adds about 0.02)
            "rtf": {p: round(sum(r[p]["decode_s"] - r[p].get("align_s", 0) for r in recs)
                             / audio, 3) for p in ("plain", "fixed", "call")},
            "rtf_alignment": round(sum(r["call"].get("align_s", 0) for r in recs) / audio, 3),
            "language_detected_right":
                f"{sum(r['fixed']['language'] == r['expected_language'] for r in recs)}"
                f"/{len(recs)}"}
    return out


def live_run(engine, vocabulary, speed: float = 1.0, refine: bool = False, **levers) -> dict:
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
    transcriber = Transcriber(engine, vocabulary=vocabulary, refine=refine, **levers)
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
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the decodes in this JSON file (re-scoring without decoding)")
    parser.add_argument("--lm-weight", type=float, default=0.5)
    parser.add_argument("--lm-gap", type=float, default=0.2)
    parser.add_argument("--max-confidence", type=float, default=0.8,
                        help="guarded corrections touch stretches heard below this")
    parser.add_argument("--live-baseline", action="store_true",
                        help="live runs also with the issue-13 levers off (latency compare)")
    parser.add_argument("--final-pad", type=float, default=None,
                        help="encoder window of finals: audio + this many seconds "
                             "(0 = Whisper's full 30 s); default: the engine's")
    args = parser.parse_args()

    from agent_desktop.speech.bias import PinyinCorrector, Vocabulary
    from agent_desktop.speech.call_bias import CallBias
    from agent_desktop.speech.guard import GuardedCorrector
    from agent_desktop.speech.lm import build_domain_lm
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
        engine.word_confidence = True  # for the guarded corrections (timed apart)
        records = decode_corpus(engine, vocabulary, CallBias(vocabulary, corrector),
                                args.split, args.cache)
        engine.word_confidence = False
        levers = Levers(vocabulary, corrector,
                        GuardedCorrector(vocabulary, corrector,
                                         max_confidence=args.max_confidence),
                        build_domain_lm(), args.lm_weight, args.lm_gap)
        result["accuracy"] = score(records, levers)
        result["loadavg_after_accuracy"] = [round(x, 2) for x in os.getloadavg()]
    if not args.skip_live:
        result["live_median"] = {}
        modes = {"levers": {}}
        if args.live_baseline:
            modes["shipped"] = {"call_biasing": False, "rescoring": False,
                                "guarded_corrections": False}
        for mode, kw in modes.items():
            runs = [live_run(engine, vocabulary, refine=args.refine, **kw)
                    for _ in range(args.runs)]
            result.setdefault("live_runs", {})[mode] = runs
            result["live_median"][mode] = _live_median(runs)
    result["peak_rss_mb"] = _rss_mb()
    result["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def _live_median(runs: list[dict]) -> dict:
    return {
        "final_latency_s": _median([r["final_latency_s"]["median"] for r in runs]),
        "refined_final_latency_s": _median([r["refined_final_latency_s"]["median"]
                                            for r in runs]),
        "first_partial_latency_s": _median([r["first_partial_latency_s"]["median"]
                                            for r in runs]),
        "event_loop_lag_p99_ms": _median([r["event_loop_lag_ms"]["p99"] for r in runs]),
        "cer_live": _median([r["cer_live"] for r in runs]),
        "decoder_busy": _median([r["decoder_busy"] for r in runs]),
        "final_decode_s": _median([r["final_decode_s"] for r in runs]),
    }


if __name__ == "__main__":
    raise SystemExit(main())
