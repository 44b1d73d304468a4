"""Wires a trainee's simulated call into the workspace: the scenario picker, the call
(training.call.TrainingCall) fed to the live transcript like a SIP call, the training bar,
the order form's hand-in to the trainer's scoring, and the score dialog.

    binding = TrainingBinding(window, calls, transcriber, order_form, desk, open_headset)
    window.training_call_requested.connect(binding.request)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from agent_desktop.training.call import TrainingCall
from agent_desktop.training.desk import TrainingDesk
from agent_desktop.training.voice import CallerVoice

from .dialogs import inform, run_dialog
from .training_call import ScenarioPicker, ScoreDialog, TrainingBar

log = logging.getLogger(__name__)


class TrainingBinding(QObject):
    scored = Signal(dict)  # the attempt's result, once handed in

    def __init__(self, window, calls, transcriber, form, desk: TrainingDesk,
                 open_headset: Callable[[], Any] | None, spawn: Callable,
                 transcript_view=None, assist_panel=None) -> None:
        super().__init__(window)
        self.window, self.calls, self.transcriber, self.form = window, calls, transcriber, form
        self.transcript_view, self.assist_panel = transcript_view, assist_panel
        self.desk, self.open_headset, self.spawn = desk, open_headset, spawn
        self.call: TrainingCall | None = None
        self.bar: TrainingBar | None = None
        self.last_result: dict[str, Any] | None = None
        self.score_dialog: ScoreDialog | None = None
        self._task: asyncio.Task | None = None
        # a real call ends practice: its order must never go to the training sink
        calls.answered.connect(self._real_call_answered)

    def request(self) -> None:
        """The menu: pick a scenario and answer its call."""
        if self.busy:
            return
        self._task = self.spawn(self._pick_and_run())

    @property
    def busy(self) -> bool:
        return (self._task is not None and not self._task.done()) or \
            self.form.training_sink is not None

    async def _pick_and_run(self) -> None:
        if self.calls.current is not None:
            await inform(self.window, QCoreApplication.translate("Training", "Training call"),
                         QCoreApplication.translate("Training",
                                                    "Finish the call in progress first."))
            return
        picker = ScenarioPicker(await self.desk.scenarios(), self.window)
        accepted = await run_dialog(picker)
        chosen = picker.chosen
        picker.deleteLater()
        if accepted and chosen:
            await self.run(chosen)

    async def run(self, scenario_id: str) -> dict[str, Any] | None:
        """Answer the training call of `scenario_id`; returns when the caller has hung up
        (or the trainee has). The order the trainee submits then is scored."""
        scenario = await self.desk.scenario(scenario_id)
        headset = None
        if self.open_headset is not None:
            try:
                headset = self.open_headset()
            except Exception as exc:  # no sound device: the trainee types instead
                log.warning("no headset for the training call: %s", exc)
        persona = scenario.persona
        who = QCoreApplication.translate("Training", "Caller: %1, about %2 years old").replace(
            "%1", persona.description_zh or scenario.title).replace("%2", str(persona.age))
        self.bar = bar = TrainingBar(scenario.title, who, has_microphone=headset is not None)
        self.window.set_call_banner(bar)
        call = self.call = TrainingCall(
            scenario, feed=self.transcriber.feed if self.transcriber else None,
            headset=headset, voice=CallerVoice(),
            on_caller_line=lambda line, voiced: bar.show_line(line.text, voiced),
            on_headset_error=bar.no_microphone)
        bar.typed.connect(lambda text: self._typed(call, text))
        bar.hang_up_requested.connect(call.hang_up)
        bar.abandon_requested.connect(lambda: (self.abandon(), self.form.clear()))
        unsubscribe = self.transcriber.subscribe(call.on_segment) if self.transcriber else None
        live = self.calls.start_simulated(scenario.facts.phone, source="training")
        self.form.training_sink = self._hand_in
        if self.assist_panel is not None:
            self.assist_panel.show_unavailable(QCoreApplication.translate(
                "Training", "Training call: the assistant is off, the order is yours"))
        try:
            await call.run()
        except Exception as exc:  # the audio failed mid-call: say so, keep the form
            log.exception("training call failed")
            bar.failed(QCoreApplication.translate("Training", "The training call stopped: %1")
                       .replace("%1", str(exc)))
        finally:
            if unsubscribe:
                unsubscribe()
            self.calls.end(live)
            if self.bar is bar:
                bar.ended()
        return None

    def _typed(self, call: TrainingCall, text: str) -> None:
        """Typed words (no headset) go to the caller and into the transcript."""
        start = call.t
        call.trainee_said(text)
        if self.transcript_view is not None:
            from agent_desktop.speech.transcript import Segment

            self.transcript_view.add_segment(Segment("operator", start, call.t, text, True,
                                                     1.0, id=f"typed-{start:.2f}"))

    def _real_call_answered(self, call) -> None:
        if getattr(call, "source", "") != "training" and self.form.training_sink is not None:
            self.abandon()

    def abandon(self) -> None:
        """Leave the practice without handing the order in (it stays in the form)."""
        if self.call is not None:
            self.call.hang_up()
        self.form.training_sink = None
        self.call = None
        if self.bar is not None:
            self.window.set_call_banner(None)
            self.bar.deleteLater()
            self.bar = None

    def close(self) -> None:
        """The workspace closes: a training call in progress ends."""
        if self.call is not None:
            self.call.hang_up()
        self.form.training_sink = None
        if self.bar is not None:
            self.window.set_call_banner(None)
            self.bar = None

    def _hand_in(self, order) -> None:
        call = self.call
        if call is None:
            return
        self.spawn(self._score(call, order))

    async def _score(self, call: TrainingCall, order) -> None:
        call.hang_up()  # handed in before the goodbye: the call ends now
        for _ in range(50):
            if call.hung_up_at is not None:
                break
            await asyncio.sleep(0.02)
        result = await self.desk.hand_in(call, order)
        self.last_result = result
        self.window.set_call_banner(None)
        if self.bar is not None:
            self.bar.deleteLater()
            self.bar = None
        self.call = None
        self.scored.emit(result)
        dialog = self.score_dialog = ScoreDialog(call.scenario.title, result, self.window)
        if not result.get("saved", True):
            dialog.setWindowTitle(dialog.windowTitle() + QCoreApplication.translate(
                "Training", " (not saved: the server could not be reached)"))
        try:
            await run_dialog(dialog)
        except RuntimeError:  # the workspace closed with the dialog open
            return
        dialog.deleteLater()
        self.score_dialog = None
