"""Take the README's screenshot: the real app on a real X display, mid-call.

    Xvfb :99 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:99 python scripts/screenshot.py docs/screenshot.png
    DISPLAY=:99 python scripts/screenshot.py --training docs/screenshot-training.png
    DISPLAY=:99 python scripts/screenshot.py --trainer docs/screenshot-trainer.png

It starts the app as `agent-desktop` would (embedded demo server, Chinese UI), plays
the packaged demo call into the live transcript, lets the call assistant fill the work
order (nothing is typed), and grabs the whole screen through the X server.

With `--training` it takes a trainee's practice call instead (the trainee's words typed
into the training bar, the caller answering with its voice), grabs the call, hands in an
order and grabs the score as well (…-score.png).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from shots import run_scene  # scripts/ is on sys.path when a script runs


async def scene(ws, seconds: float) -> None:
    """The demo call with nothing typed: the call assistant fills the order as the
    caller speaks; the shot is taken once its draft is complete (after hang-up)."""
    window = ws.window
    window.showMaximized()
    window.tabs.setCurrentWidget(ws.order_form)
    await ws.assist.wait_ready()
    ws.play_demo_call()
    binding = ws.assist_binding
    deadline = asyncio.get_running_loop().time() + seconds + 60
    while not (binding.last_draft is not None and binding.last_draft.complete):
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the assistant's draft did not complete")
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)


TRAINEE = ["您好，12345市民服务热线，请问有什么可以帮您？", "请问在什么地方？",
           "具体是哪条路哪个路口？", "您的联系电话是多少？", "幺三九幺六七五二八零四，对吗？"]


async def training_scene(ws, out: Path, grab) -> None:
    """A practice call half-way, then its score."""
    from agent_desktop.domain import Place

    window, form, binding = ws.window, ws.order_form, ws.training
    window.showMaximized()
    window.tabs.setCurrentWidget(form)
    running = asyncio.ensure_future(binding.run("manhole-missing-yinhang"))
    while binding.call is None:
        await asyncio.sleep(0.1)
    call = binding.call
    for text in TRAINEE:
        while call.t < call._speaking_until + 0.5:
            await asyncio.sleep(0.1)
        binding.bar.say.setText(text)
        binding.bar.say.returnPressed.emit()
        await asyncio.sleep(1.0)
    form.appeal_type.setCurrentIndex(form.appeal_type.findData("help"))
    form.matter_picker.choose("0101020101")
    form.set_place(Place(district_code="310110", street_code="310110016",
                         address="国和路政立路路口东侧人行道"))
    form.content.insertPlainText("来电人反映杨浦区国和路政立路路口人行道窨井盖缺失，无围挡。")
    form.request.insertPlainText("尽快补装井盖")
    await asyncio.sleep(2.0)
    grab(out)
    call.trainee_said("感谢您的来电，再见。")
    await running
    form.submit()
    while binding.score_dialog is None:
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)
    grab(out.with_name(out.stem + "-score" + out.suffix))
    binding.score_dialog.reject()


async def trainer_scene(ws, out: Path, grab) -> None:
    """The trainer's view with a trainee's attempts: three practice calls, getting better."""
    import httpx

    from agent_desktop.training.scenarios import load_all

    base = ws.session.client.base_url
    good = load_all()["manhole-missing-yinhang"].expected_order.model_dump(mode="json")
    tries = [{**good, "matter_code": "0501010101", "caller": {**good["caller"], "phones": []}},
             {**good, "matter_code": "0101020102", "urgency": "normal"}, good]
    async with httpx.AsyncClient(base_url=base) as http:
        token = (await http.post("/api/v1/auth/token", json={
            "username": "operator1", "password": "operator1-demo"})).json()["access_token"]
        for n, order in enumerate(tries):
            await http.post("/api/v1/training/attempts", headers={
                "Authorization": f"Bearer {token}"}, json={
                "scenario_id": "manhole-missing-yinhang", "order": order, "transcript": [],
                "started_at": f"2026-12-0{n + 1}T08:00:00+08:00",
                "ended_at": f"2026-12-0{n + 1}T08:03:00+08:00",
                "submitted_at": f"2026-12-0{n + 1}T08:0{5 - n}:00+08:00"})
    window = ws.window
    window.setGeometry(window.screen().availableGeometry())  # no window manager to maximise
    window.show()
    await window.load()
    tab = window.attempts
    tab.trainee.setCurrentIndex(tab.trainee.findData("operator1"))
    tab.list.selectRow(tab.list.rowCount() - 1)
    await asyncio.sleep(1.0)
    grab(out)


def main() -> int:
    args = [a for a in sys.argv[1:] if a not in ("--training", "--trainer")]
    training = "--training" in sys.argv
    trainer = "--trainer" in sys.argv
    out = Path(args[0] if args else "docs/screenshot.png")
    seconds = float(os.environ.get("SCREENSHOT_AFTER_S", "24"))

    async def shoot(ws, app, grab) -> None:
        await ws.start()
        await ws.until_ready()
        if trainer:
            await trainer_scene(ws, out, grab)
            return
        await ws.transcriber.wait_ready(timeout=60)
        if training:
            await training_scene(ws, out, grab)
        else:
            await scene(ws, seconds)
            grab(out)

    run_scene(shoot, trainer=trainer)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
