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

    def __init__(self, settings: Settings, *, interactive: bool = True, headset=None) -> None:
        self.settings = settings
        self.interactive = interactive
        self.headset = headset  # the softphone's audio device; None: sounddevice
        self.embedded = None
        self.session = None
        self.window = None
        self.kb = None
        self.geo = None
        self.softphone = None
        self.transcriber = None
        self._demo_call = None
        self._background: list[asyncio.Task] = []

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
            say(translate("Workspace", "Starting the embedded demo server…"))
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

        say(translate("Workspace", "Signing in…"))
        if self.settings.embedded:
            await session.login(*DEMO_OPERATOR)
        elif not (self.settings.username and session.restore(self.settings.username)):
            if not self.interactive:
                raise StartupError("no saved sign-in and not interactive")
            await self._login_dialog(session, credentials.warning)

        say(translate("Workspace", "Loading the matter catalog…"))
        from agent_desktop.api.client import ServerUnreachable
        try:
            await session.load_reference()
        except ServerUnreachable as exc:
            raise StartupError(translate(
                "Workspace", "Cannot reach the server %1 and this PC has no saved copy of the "
                "matter catalog yet. Check the network and start again.").replace("%1", url)
            ) from exc
        say(translate("Workspace", "Loading the knowledge base and the map…"))
        await self._open_tools()
        self.softphone = await self._start_softphone()
        self.transcriber = self._start_speech()
        self.window = self._build_window()
        session.sign_in_required.connect(self._on_sign_in_required)
        session.start()
        await session.probe()
        from agent_desktop.kb.sync import KbSync

        self._background.append(
            self.kb.start_periodic_sync(KbSync(session.client.http, self.kb.store)))

    async def _start_softphone(self):
        """The softphone, when a SIP account is configured (`[sip]` in config.toml)."""
        from agent_desktop.telephony import AgentStateService, SipSettings, Softphone
        from agent_desktop.telephony.secrets import load_sip_password

        sip = SipSettings.from_dict(self.settings.extra.get("sip"))
        if not sip.configured:
            return None
        phone = Softphone(sip, password=load_sip_password(sip), audio=self.headset,
                          agent=AgentStateService(self.session.client.put_agent_state))
        await phone.start()
        return phone

    def _start_speech(self):
        """The live transcriber; its model loads on its own thread, so start-up goes on.
        `[speech] enabled = false` turns it off (e.g. where a central ASR is not wanted)."""
        from agent_desktop.speech.engine import SpeechConfig
        from agent_desktop.speech.stream import Transcriber

        raw = self.settings.extra.get("speech") or {}
        if raw.get("enabled", True) is False:
            return None
        transcriber = Transcriber.from_config(SpeechConfig.from_mapping(raw))
        transcriber.start()
        if self.softphone is not None:
            self.softphone.add_audio_tap(transcriber.feed)
        return transcriber

    async def _save_transcript(self, call_id: str) -> None:
        """The transcript is kept with the call: data dir/transcripts/<call id>.json."""
        transcript = await self.transcriber.drain()
        transcript.call_id = call_id
        folder = data_dir() / "transcripts"
        folder.mkdir(exist_ok=True)
        await asyncio.to_thread(transcript.save, folder / f"{call_id}.json")

    def play_demo_call(self) -> None:
        """Play the packaged two-speaker demo call into the transcriber (no SIP needed)."""
        from agent_desktop.speech.source import SimulatedCall

        if self.transcriber is None or (self._demo_call and not self._demo_call.done()):
            return
        self.transcriber.reset("demo")
        self.transcript_view.clear()
        self._demo_call = asyncio.get_running_loop().create_task(
            SimulatedCall.demo().play(self.transcriber.feed))
        self._background.append(self._demo_call)

    async def _open_tools(self) -> None:
        """Knowledge base and gazetteer: both load from disk, off the Qt thread."""
        from agent_desktop.geo import GeoService
        from agent_desktop.kb.service import KbService
        from agent_desktop.kb.store import ArticleStore

        geo = asyncio.create_task(asyncio.to_thread(GeoService.from_settings,
                                                    self.settings.extra))
        self.kb = KbService(await asyncio.to_thread(ArticleStore.open_default))
        await self.kb.open()
        self.geo = await geo

    def _on_sign_in_required(self, reason: str) -> None:
        """The server stopped accepting our token (expired, revoked), or the operator
        asked: orders wait in the outbox; sign in again — silently on the embedded
        server, else with the sign-in dialog."""
        from agent_desktop.api.session import DEMO_OPERATOR

        async def again() -> None:
            if self.settings.embedded:
                await self.session.sign_in_again(*DEMO_OPERATOR)
            elif self.interactive:
                import qasync

                from agent_desktop.ui.login_dialog import LoginDialog

                user = self.session.user.username if self.session.user else ""
                dialog = LoginDialog(self.session.client.base_url, self.session.sign_in_again,
                                     user, self.session.credentials.warning, self.window)
                dialog.setWindowTitle(translate(
                    "Workspace", "Sign in again — your orders are kept and sent afterwards"))
                await qasync.asyncWrap(dialog.exec)

        self._background.append(asyncio.get_running_loop().create_task(again()))

    async def _login_dialog(self, session, keyring_warning: str) -> None:
        import qasync

        from agent_desktop.ui.login_dialog import LoginDialog

        dialog = LoginDialog(session.client.base_url, session.login, self.settings.username,
                             keyring_warning)
        if not await qasync.asyncWrap(dialog.exec):
            raise StartupError(translate("Workspace", "Sign-in cancelled."))

    def _build_window(self):
        from agent_desktop.ui.call_bar import CallBar
        from agent_desktop.ui.kb_tab import KnowledgeTab
        from agent_desktop.ui.main_window import MainWindow
        from agent_desktop.ui.map_tab import MapTab
        from agent_desktop.ui.order_form import WorkOrderForm

        self.order_form = form = WorkOrderForm(self.session)
        self.kb_tab = KnowledgeTab(self.kb)
        self.map_tab = MapTab(self.geo)
        tabs = [(translate("Workspace", "Knowledge base"), self.kb_tab),
                (translate("Workspace", "Map"), self.map_tab),
                (translate("Workspace", "Work order"), form)]
        self.call_bar = CallBar(softphone=self.softphone)
        window = MainWindow(self.call_bar, tabs)
        window.tabs.setCurrentWidget(form)
        window.sign_out_requested.connect(lambda: (self.session.forget(), window.close()))
        window.sign_in_requested.connect(lambda: self._on_sign_in_required("operator"))
        # The tools feed the work order; after a pick the operator is back on the form.
        self.map_tab.place_chosen.connect(lambda choice: (form.set_place(choice.place),
                                                          window.tabs.setCurrentWidget(form)))
        self.kb_tab.quote_to_order.connect(form.append_answer)
        form.place_changed.connect(self.map_tab.set_order_place)
        self.call_bar.call_answered.connect(
            lambda call: form.set_call(call.call_id, call.caller_number, call.answered_at))
        self._wire_status(window.status)
        if self.transcriber is not None:
            self._wire_speech(window)
        return window

    def _wire_status(self, status) -> None:
        from agent_desktop.ui.labels import label

        session = self.session
        status.set_server(session.client.base_url, self.settings.embedded)
        status.set_link(session.link)
        outbox = session.outbox

        def show_backlog(*_args) -> None:
            status.set_backlog(outbox.backlog(), bool(outbox.paused_reason))

        show_backlog()
        session.link_changed.connect(status.set_link)
        outbox.backlog_changed.connect(show_backlog)
        session.sign_in_required.connect(show_backlog)
        status.set_user(session.user.display_name, label(session.user.role))
        if self.softphone is not None:
            from agent_desktop.telephony import RegistrationChanged

            def on_phone(event) -> None:
                if isinstance(event, RegistrationChanged):
                    status.set_registration(event.registration.state)

            status.set_registration(self.softphone.registration.state)
            self.softphone.subscribe(on_phone)

    def _wire_speech(self, window) -> None:
        from agent_desktop.ui.theme import ERROR, OK, WARN
        from agent_desktop.ui.transcript_view import TranscriptView

        transcriber, status = self.transcriber, window.status
        self.transcript_view = view = TranscriptView(transcriber)
        window.transcript.set_view(view)
        view.copy_to_order.connect(self.order_form.append_content)
        window.demo_call_requested.connect(self.play_demo_call)
        self.call_bar.call_answered.connect(
            lambda call: (transcriber.reset(call.call_id), view.clear()))
        self.call_bar.call_ended.connect(lambda call: self._background.append(
            asyncio.get_running_loop().create_task(self._save_transcript(call.call_id))))

        def show(ok: bool) -> None:
            status.set_speech_state(translate("Workspace", "ready") if ok
                                    else translate("Workspace", "failed"), OK if ok else ERROR)

        status.set_speech_state(translate("Workspace", "loading the model…"), WARN)
        transcriber.ready_changed.connect(show)
        transcriber.error.connect(lambda _message: show(False))

    async def close(self) -> None:
        if self.window is not None:
            self.order_form.shutdown()  # flushes the draft, closes its database
            self.window = None
        if self.transcriber is not None:
            await self.transcriber.aclose()
            self.transcriber = None
        if self.softphone is not None:
            await self.softphone.stop()
            self.softphone = None
        for task in self._background:
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        self._background.clear()
        if self.kb is not None:
            self.kb.store.close()
            self.kb = None
        if self.session is not None:
            await self.session.close()
            self.session = None
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
            self.embedded = None


def translate(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


async def _self_check(ws: Workspace, report: CheckReport) -> None:
    from agent_desktop.api.outbox import PENDING

    t0 = time.monotonic()
    await ws.start()
    ws.window.resize(1366, 768)
    ws.window.show()
    shown = time.monotonic() - t0
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
    report.add(ws.window.isVisible(), "main window",
               f"{ws.window.width()}x{ws.window.height()}, tabs: "
               + ", ".join(ws.window.tabs.tabText(i) for i in range(ws.window.tabs.count()))
               + f"; shown {shown:.2f} s after start")
    if ws.transcriber is not None:
        await ws.transcriber.wait_ready(timeout=60)
        report.add(ws.transcriber.ready, "speech", f"{ws.transcriber.engine.describe()}, "
                   f"ready {time.monotonic() - t0:.2f} s after start")


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
            QMessageBox.critical(None, translate("Workspace", "Cannot start"), str(exc))
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
