"""A trainee takes a simulated call end to end in the real workspace (培训 → 模拟来电练习):
the trainee's voice goes from the headset through the real speech model into the live
transcript, the simulated caller understands it and answers with its rendered voice, the
trainee fills the order and hands it in with Ctrl+Enter, and the attempt is scored on the
embedded server (never a live work order) and shown criterion by criterion.

The headset is the one thing that cannot exist here: `BufferAudio` stands in for it, and
the trainee's words are speech rendered with the registry TTS voice
(tests/data/training, scripts/gen_training_audio.py --trainee), spoken each time the
caller has finished. Everything else is real. About a minute and a half of call."""

from __future__ import annotations

import asyncio
import runpy
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt

from agent_desktop.app import Workspace
from agent_desktop.config import Settings
from agent_desktop.domain import Place
from agent_desktop.telephony.audio import BufferAudio
from agent_desktop.training.voice import CallerVoice

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCENARIO = "manhole-missing-yinhang"
# the trainee's words, as scripts/gen_training_audio.py rendered them
TRAINEE_LINES = runpy.run_path(str(Path(__file__).parents[2] / "scripts" /
                                   "gen_training_audio.py"))["TRAINEE_LINES"]


async def _trainee_speaks(binding, headset: BufferAudio) -> None:
    """Say each line into the headset's microphone once the caller has finished."""
    voice = CallerVoice(Path(__file__).parents[1] / "data" / "training", rate=16000)
    while binding.call is None:
        await asyncio.sleep(0.05)
    call = binding.call
    for text in TRAINEE_LINES:
        pcm = voice.clip(text)
        assert pcm is not None, text
        while (call.t < call._speaking_until + 0.6 or call.t < 1.0) and not call.ended:
            await asyncio.sleep(0.05)
        if call.ended:
            return
        step = 320  # 20 ms at 16 kHz
        for i in range(0, len(pcm), step):
            headset.mic.push(pcm[i:i + step].astype("<i2").tobytes())
            await asyncio.sleep(0.02)
        said = len([u for u in call.utterances if u["speaker"] == "operator"])
        for _ in range(200):  # until the recogniser has delivered the line
            if len([u for u in call.utterances if u["speaker"] == "operator"]) > said:
                break
            await asyncio.sleep(0.05)


def test_a_trainee_takes_a_simulated_call_and_sees_the_score(qloop, arun, qtbot,
                                                             memory_keyring):
    headset = BufferAudio(source_rate=16000)
    ws = Workspace(Settings(), interactive=False, headset=headset)
    arun(ws.start(), timeout=90)
    arun(ws.until_ready(), timeout=120)
    try:
        window, form, binding = ws.window, ws.order_form, ws.training
        window.resize(1366, 768)
        window.show()
        window.tabs.setCurrentWidget(form)
        loop = asyncio.get_event_loop()
        call_task = loop.create_task(binding.run(SCENARIO))
        trainee = loop.create_task(_trainee_speaks(binding, headset))
        try:
            qtbot.waitUntil(lambda: call_task.done(), timeout=180_000)
        except Exception:
            raise AssertionError(binding.call and binding.call.utterances) from None
        call_task.result()
        trainee.cancel()
        call = binding.call
        # the caller understood the trainee's spoken words and answered each
        assert call.caller.ended, call.utterances
        assert call.caller.place_stage == 2
        said = [u["text"] for u in call.utterances if u["speaker"] == "caller"]
        scenario = call.scenario
        for key in ("opening", "place_vague", "place_precise", "phone", "confirm_ok",
                    "name", "reply_wanted", "closing"):
            assert scenario.line(key) in said, (key, [u["text"] for u in call.utterances])
        assert ws.transcript_view is not None
        # the assistant stays silent on a training call: the form is the trainee's
        assert not form.model.get("matter_code")

        # the trainee fills the order as on a real call and hands it in
        form.appeal_type.setCurrentIndex(form.appeal_type.findData("help"))
        form.caller_name.insert("周先生")  # Chinese arrives as IME-committed text
        # the caller's number came with the call, as on a real one
        assert form.phones.normalized() == ["13916752804"]
        form.matter_picker.choose("0101020101")
        form.set_place(Place(district_code="310110", street_code="310110016",
                             address="国和路政立路路口东侧人行道"))
        form.urgency.setCurrentIndex(form.urgency.findData("urgent"))
        form.reply_required.setChecked(True)
        form.title.insert("国和路窨井盖缺失")
        form.request.insertPlainText("尽快补装井盖并设置围挡")
        form.content.setFocus()
        form.content.insertPlainText("来电人反映杨浦区国和路政立路路口人行道窨井盖缺失，"
                                     "无围挡，夜间有坠落隐患，要求尽快处置。")
        qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        try:
            qtbot.waitUntil(lambda: binding.last_result is not None, timeout=20_000)
        except Exception:
            raise AssertionError({k: str(v) for k, v in form.validate().items()}) from None
        result = binding.last_result
        assert result["saved"] is True, result
        by_name = {c["name"]: c for c in result["criteria"]}
        for name in ("appeal_type", "matter", "district", "street", "phone", "greeting",
                     "phone_readback", "closing"):
            assert by_name[name]["score"] == by_name[name]["max"], (name, by_name[name]["evidence"])
        assert result["total"] >= 80
        qtbot.waitUntil(lambda: binding.score_dialog is not None, timeout=5_000)
        assert binding.score_dialog.table.rowCount() == len(result["criteria"])
        binding.score_dialog.reject()

        # on the server: an attempt for the trainer, and no work order in the live queue
        with httpx.Client(base_url=ws.embedded.url) as http:
            tok = http.post("/api/v1/auth/token", json={"username": "lead1",
                                                        "password": "lead1-demo"}).json()
            auth = {"Authorization": f"Bearer {tok['access_token']}"}
            attempts = http.get("/api/v1/training/attempts", headers=auth).json()
            orders = http.get("/api/v1/work-orders", params={"caller_phone": "13916752804"},
                              headers=auth).json()
        items = attempts["items"] if isinstance(attempts, dict) else attempts
        assert any(a["scenario_id"] == SCENARIO and a["total"] == result["total"]
                   for a in items)
        orders = orders["items"] if isinstance(orders, dict) else orders
        assert orders == []
        assert not ws.session.outbox.items()

        # practice left unfinished, then a real call: its order must reach the live queue
        again = loop.create_task(binding.run(SCENARIO))
        qtbot.waitUntil(lambda: binding.call is not None, timeout=10_000)
        binding.call.hang_up()
        qtbot.waitUntil(again.done, timeout=10_000)
        assert form.training_sink is not None
        real = ws.calls.start_simulated("13900002222", source="demo")
        assert form.training_sink is None and binding.bar is None
        ws.calls.end(real)
    finally:
        arun(ws.close())
