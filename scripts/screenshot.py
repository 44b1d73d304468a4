"""Take the README's screenshot: the real app on a real X display, mid-call.

    Xvfb :99 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:99 python scripts/screenshot.py docs/screenshot.png

It starts the app as `agent-desktop` would (embedded demo server, Chinese UI), plays
the packaged demo call into the live transcript, lets the call assistant fill the work
order (nothing is typed), and grabs the whole screen through the X server.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


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
