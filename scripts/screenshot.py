"""Take the README's screenshot: the real app on a real X display, mid-call.

    Xvfb :99 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:99 python scripts/screenshot.py docs/screenshot.png

It starts the app as `agent-desktop` would (embedded demo server, Chinese UI), plays
the packaged demo call into the live transcript, fills the work order the way an
operator would (place from the map lookup, content from the transcript), and grabs the
whole screen through the X server.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


async def scene(ws, seconds: float) -> None:
    window = ws.window
    window.showMaximized()
    ws.play_demo_call()
    form = ws.order_form
    form.phone.setText("13912345678")
    choice = ws.geo.choose(ws.geo.locate("杨浦区长海路街道这边").best,
                           address="长海路123弄门口")
    form.set_place(choice.place)
    await asyncio.sleep(seconds)
    said = "".join(s.text for s in ws.transcriber.transcript().segments
                   if s.speaker == "caller" and s.final)
    draft = form.draft_data()
    draft.update(appeal_type="complaint", matter_code="0101020102",  # 窨井盖破损异响
                 title="小区门口窨井盖破损", content=said or "小区门口窨井盖破损，夜间有异响。")
    form.load_draft(draft)
    await asyncio.sleep(0.5)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
    seconds = float(os.environ.get("SCREENSHOT_AFTER_S", "24"))
    with tempfile.TemporaryDirectory() as data:
        for var in ("AGENT_DESKTOP_DATA_DIR", "AGENT_DESKTOP_CONFIG_DIR", "XDG_CONFIG_HOME"):
            os.environ[var] = data
        import qasync
        from PySide6.QtWidgets import QApplication

        from agent_desktop.app import Workspace
        from agent_desktop.config import Settings
        from agent_desktop.ui.i18n import install_translation
        from agent_desktop.ui.theme import apply_theme

        app = QApplication(sys.argv[:1])
        app.setOrganizationName("agent-desktop")
        apply_theme(app)
        install_translation(app, "zh_CN")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        ws = Workspace(Settings(), interactive=False)

        async def run() -> None:
            await ws.start()
            await ws.until_ready()
            await ws.transcriber.wait_ready(timeout=60)
            await scene(ws, seconds)
            out.parent.mkdir(parents=True, exist_ok=True)
            app.primaryScreen().grabWindow(0).save(str(out))
            await ws.close()

        with loop:
            loop.run_until_complete(run())
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
