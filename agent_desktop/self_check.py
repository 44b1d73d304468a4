"""`agent-desktop --self-check`: start offscreen on the embedded server, sign in, open the
window, and report one line per service; exit 0 only if every one came up.

It only looks at what `app.Workspace` built; the wiring stays in the composition root.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

SELF_CHECK_TIMEOUT_S = 90.0


@dataclass
class CheckReport:
    """What `--self-check` saw come up, one line per service."""

    lines: list[tuple[bool, str, str]] = field(default_factory=list)

    def add(self, ok: bool, name: str, detail: str) -> None:
        self.lines.append((ok, name, detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name:<14} {detail}", flush=True)

    @property
    def ok(self) -> bool:
        return bool(self.lines) and all(ok for ok, _, _ in self.lines)


async def _check(ws, report: CheckReport) -> None:
    from agent_desktop.api.outbox import PENDING

    t0 = time.monotonic()
    await ws.start()
    ws.window.resize(1366, 768)
    ws.window.show()
    shown = time.monotonic() - t0
    report.add(ws.window.isVisible(), "main window",
               f"{ws.window.width()}x{ws.window.height()}; shown {shown:.2f} s after start")
    await ws.until_ready()
    session = ws.session
    report.add(True, "server", f"{session.client.base_url} "
               f"({'embedded' if ws.settings.embedded else 'configured'})")
    health = await session.client.health()
    report.add(health.get("status") == "ok", "health", str(health))
    report.add(session.user is not None, "sign-in",
               f"{session.user.username} ({session.user.role})" if session.user else "none")
    leaves = sum(1 for n in session.catalog.nodes if n.is_leaf) if session.catalog else 0
    report.add(leaves > 0, "catalog", f"{leaves} matters")
    report.add(bool(session.departments), "departments", f"{len(session.departments)}")
    report.add(True, "outbox", f"{session.outbox.path.name}, "
               f"{len(session.outbox.items((PENDING,)))} waiting")
    report.add(ws.kb.ready and ws.kb.article_count > 0, "knowledge base",
               f"{ws.kb.article_count} articles ({ws.kb.source})")
    probe = ws.geo.locate("杨浦区长海路街道")
    report.add(bool(probe.best) and probe.best.street_code == "310110021", "map",
               f"gazetteer of {ws.geo.city_name}, probe → "
               f"{probe.best.label if probe.best else 'nothing'}")
    tabs = ws.window.tabs
    names = [tabs.tabText(i) for i in range(tabs.count())]
    report.add(tabs.widget(0) is ws.kb_tab and tabs.widget(1) is ws.map_tab, "tabs",
               ", ".join(names))
    if ws.assist is not None:
        ready = await ws.assist.wait_ready()
        ranker = ws.assist.assistant.ranker if ready else None
        embedder = getattr(ranker, "embedder", None)
        report.add(ready and embedder is not None, "assistant",
                   f"matters by catalog words + {embedder.name}" if embedder is not None
                   else "not available")
    if ws.transcriber is not None:
        await ws.transcriber.wait_ready(timeout=60)
        report.add(ws.transcriber.ready, "speech", f"{ws.transcriber.engine.describe()}, "
                   f"ready {time.monotonic() - t0:.2f} s after start")


async def _check_board(ws, report: CheckReport) -> None:
    """`--self-check --user lead1`: the team lead's board and its panels."""
    t0 = time.monotonic()
    await ws.start()
    ws.window.resize(1366, 768)
    ws.window.show()
    await ws.until_ready()
    window, model, session = ws.window, ws.board_model, ws.session
    report.add(window.isVisible() and type(window).__name__ == "BoardWindow", "board",
               f"{window.width()}x{window.height()}; ready {time.monotonic() - t0:.2f} s "
               "after start")
    report.add(session.user is not None and session.user.role == "lead", "sign-in",
               f"{session.user.username} ({session.user.role})" if session.user else "none")
    report.add(model.loaded and window.agents.isVisible(), "agents",
               f"{len(model.agents)} agents")
    report.add(True, "queue", "no call queue on this server" if model.queue is None else
               f"{len(model.queue['waiting'])} waiting")
    report.add(window.topics.isVisible(), "alerts", f"{len(model.topics)} hot topics")
    report.add(window.deadlines.isVisible(), "deadlines",
               f"{len(model.orders)} orders near or past their deadline")
    report.add(window.live_calls.isVisible(), "live calls", f"{len(model.calls)} in progress")


async def _check_trainer(ws, report: CheckReport) -> None:
    """`--self-check --user trainer1`: the trainer's view, scenarios, attempts, scoring."""
    from agent_desktop.training.scenarios import load_all
    from agent_desktop.training.scoring import score

    t0 = time.monotonic()
    await ws.start()
    ws.window.resize(1366, 768)
    ws.window.show()
    await ws.until_ready()
    window, session = ws.window, ws.session
    report.add(window.isVisible() and type(window).__name__ == "TrainerWindow", "trainer view",
               f"{window.width()}x{window.height()}; ready {time.monotonic() - t0:.2f} s "
               "after start")
    report.add(session.user is not None and session.user.role == "trainer", "sign-in",
               f"{session.user.username} ({session.user.role})" if session.user else "none")
    scenarios = window.scenarios.summaries
    kinds = {s["appeal_type"] for s in scenarios}
    report.add(len(scenarios) >= 30 and len(kinds) == 6, "scenarios",
               f"{len(scenarios)} on the server, {len(kinds)} appeal types")
    report.add(window.attempts.isVisible(), "attempts",
               f"{len(window.attempts.attempts)} handed in")
    sample = next(iter(load_all().values()))
    perfect = score(sample, sample.expected_order).total
    report.add(perfect >= 95, "scoring", f"the expected order of {sample.id} scores {perfect:g}")


async def run_self_check(ws) -> int:
    report = CheckReport()
    check = (_check_board if ws.board_requested else
             _check_trainer if ws.trainer_requested else _check)
    try:
        await asyncio.wait_for(check(ws, report), SELF_CHECK_TIMEOUT_S)
    except Exception as exc:  # every failure is reported, none is a traceback
        report.add(False, "self-check", f"{type(exc).__name__}: {exc}")
    finally:
        await ws.close()
    print("self-check passed" if report.ok else "self-check FAILED", flush=True)
    return 0 if report.ok else 1
