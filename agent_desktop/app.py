"""Composition root of the desktop app: settings → services → main window.

This is the only module that knows every package: it builds the services (server link,
outbox, knowledge base, geo, softphone), hands them to the widgets that adapt them, and
runs the Qt event loop with asyncio on it (qasync).

With no server configured it starts the embedded reference server (demo data) and signs
in as the demo operator, so the first start needs nothing but this command.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from dataclasses import dataclass, field

from agent_desktop.config import Settings, load_settings
from agent_desktop.paths import data_dir

log = logging.getLogger(__name__)
SELF_CHECK_TIMEOUT_S = 90.0


class StartupError(Exception):
    """Start-up cannot go on; the message says what happened and what to do."""


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


class Workspace:
    """Everything one running app owns; `start()` brings it up, `close()` takes it down."""

    def __init__(self, settings: Settings, *, interactive: bool = True) -> None:
        self.settings = settings
        self.interactive = interactive
        self.embedded = None
        self.session = None
        self.window = None
        self.started_at = time.monotonic()

    async def start(self, splash=None) -> None:
        from agent_desktop.api.client import HotlineClient
        from agent_desktop.api.credentials import CredentialStore
        from agent_desktop.api.embedded import EmbeddedServer, EmbeddedServerError
        from agent_desktop.api.session import DEMO_OPERATOR, Session

        def say(text: str) -> None:
            if splash is not None:
                splash.set_message(text)

        url = self.settings.server_url
        if self.settings.embedded:
            say(_tr("Starting the embedded demo server…"))
            store = data_dir()
            self.embedded = EmbeddedServer(store / "embedded-server.sqlite3",
                                           store / "embedded-server.log")
            try:
                url = await asyncio.to_thread(self.embedded.start)
            except EmbeddedServerError as exc:
                raise StartupError(str(exc)) from exc
        verify: bool | str = self.settings.ca_bundle or self.settings.verify_tls
        client = HotlineClient(url, timeout=self.settings.request_timeout_s, verify=verify)
        credentials = CredentialStore()
        self.session = session = Session(client, credentials, data_dir())

        say(_tr("Signing in…"))
        if self.settings.embedded:
            await session.login(*DEMO_OPERATOR)
        elif not (self.settings.username and session.restore(self.settings.username)):
            if not self.interactive:
                raise StartupError("no saved sign-in and not interactive")
            await self._login_dialog(session, credentials.warning)

        say(_tr("Loading the matter catalog…"))
        from agent_desktop.api.client import ServerUnreachable
        try:
            await session.load_reference()
        except ServerUnreachable as exc:
            raise StartupError(_tr("Cannot reach the server %1 and this PC has no saved "
                                   "copy of the matter catalog yet. Check the network and "
                                   "start again.").replace("%1", url)) from exc
        self.window = self._build_window()
        session.start()
        await session.probe()

    async def _login_dialog(self, session, keyring_warning: str) -> None:
        import qasync

        from agent_desktop.ui.login_dialog import LoginDialog

        dialog = LoginDialog(session.client.base_url, session.login, self.settings.username,
                             keyring_warning)
        if not await qasync.asyncWrap(dialog.exec):
            raise StartupError(_tr("Sign-in cancelled."))

    def _build_window(self):
        from agent_desktop.ui.call_bar import CallBar
        from agent_desktop.ui.labels import label
        from agent_desktop.ui.main_window import MainWindow
        from agent_desktop.ui.order_form import WorkOrderForm

        session = self.session
        self.order_form = WorkOrderForm(session)
        tabs = [(_tr("Knowledge base"), self._placeholder(_tr("Knowledge base"))),
                (_tr("Map"), self._placeholder(_tr("Map"))),
                (_tr("Work order"), self.order_form)]
        window = MainWindow(CallBar(softphone=None), tabs)
        window.tabs.setCurrentWidget(self.order_form)
        status = window.status
        status.set_server(session.client.base_url, self.settings.embedded)
        status.set_link(session.link)
        status.set_backlog(session.outbox.backlog())
        session.link_changed.connect(status.set_link)
        session.outbox.backlog_changed.connect(status.set_backlog)
        user = session.user
        status.set_user(user.display_name, label(user.role))
        return window

    @staticmethod
    def _placeholder(title: str):
        from PySide6.QtWidgets import QLabel

        w = QLabel(title)
        w.setObjectName("EmptyState")
        return w

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
            self.embedded = None


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Workspace", text)


async def _self_check(ws: Workspace, report: CheckReport) -> None:
    from agent_desktop.api.outbox import PENDING

    t0 = time.monotonic()
    await ws.start()
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
    ws.window.resize(1366, 768)
    ws.window.show()
    await asyncio.sleep(0.1)
    report.add(ws.window.isVisible(), "main window",
               f"{ws.window.width()}x{ws.window.height()}, tabs: "
               + ", ".join(ws.window.tabs.tabText(i) for i in range(ws.window.tabs.count())))
    report.add(True, "start-up", f"{time.monotonic() - t0:.2f} s to the main window")


def run_app(args: argparse.Namespace) -> int:
    if args.self_check:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync
    from PySide6.QtWidgets import QApplication, QMessageBox

    from agent_desktop.ui.i18n import install_translation
    from agent_desktop.ui.splash import Splash
    from agent_desktop.ui.theme import apply_theme

    settings = load_settings()
    if args.server_url is not None:
        settings.server_url = args.server_url
    if args.lang:
        settings.language = args.lang
    if args.self_check:
        settings.server_url = ""  # the self-check always runs on the embedded server

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("agent-desktop")
    app.setApplicationName("agent-desktop")
    apply_theme(app)
    if not install_translation(app, settings.language):
        log.warning("no translation for %s; showing English", settings.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    ws = Workspace(settings, interactive=not args.self_check)

    async def main() -> int:
        if args.self_check:
            report = CheckReport()
            try:
                await asyncio.wait_for(_self_check(ws, report), SELF_CHECK_TIMEOUT_S)
            except Exception as exc:  # every failure is reported, none is a traceback
                report.add(False, "self-check", f"{type(exc).__name__}: {exc}")
            finally:
                await ws.close()
            print("self-check passed" if report.ok else "self-check FAILED", flush=True)
            return 0 if report.ok else 1

        splash = Splash()
        splash.show()
        try:
            await ws.start(splash)
        except StartupError as exc:
            splash.close()
            QMessageBox.critical(None, _tr("Cannot start"), str(exc))
            await ws.close()
            return 1
        splash.close()
        ws.window.show()
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        await closed.wait()
        await ws.close()
        return 0

    with loop:
        return loop.run_until_complete(main())
