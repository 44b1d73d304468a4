"""What the screenshot scripts share: the real app in Chinese on the X display, with a
throw-away data directory, driven by a scene coroutine.

    run_scene(scene, board=False)   # scene(ws, app, grab) -> awaited inside the app
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any


def run_scene(scene: Callable[[Any, Any, Callable[[Path], None]], Awaitable[None]],
              **workspace: Any) -> None:
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
        app.setQuitOnLastWindowClosed(False)  # as the app itself: closing is the workspace's
        apply_theme(app)
        install_translation(app, "zh_CN")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        ws = Workspace(Settings(), interactive=False, **workspace)

        def grab(path: Path) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            app.primaryScreen().grabWindow(0).save(str(path))

        async def run() -> None:
            try:
                await scene(ws, app, grab)
            finally:
                await ws.close()

        with loop:
            loop.run_until_complete(run())
