"""Composition root of the desktop app: settings → services → main window.

This is the only module that knows every package: it builds the services (server link,
outbox, call lifecycle, knowledge base, geo, softphone, transcriber), hands them to the
widgets that adapt them, and runs the Qt event loop with asyncio on it (qasync).

Start-up puts the window in front of the operator first and brings the rest up behind
it: with a saved copy of the matter catalog (every start after the first) the window is
built from that copy at once, while the embedded server, the sign-in, the knowledge base,
the map and the speech model come up, each saying so in its place. With no server
configured it starts the embedded reference server (demo data) and signs in as the demo
operator, so the first start needs nothing but this command.

Dialogs never run a nested event loop (see `ui.dialogs`); quitting, signing out and
switching user all end `Workspace.finished`, and `run_app` returns 0 after a clean close.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from dataclasses import replace as dc_replace

from agent_desktop.calls import CallService
from agent_desktop.config import Settings, load_settings
from agent_desktop.paths import data_dir

log = logging.getLogger(__name__)

QUIT = "quit"
SWITCH_USER = "switch_user"


class StartupError(Exception):
    """Start-up cannot go on; the message says what happened and what to do."""


class SignInCancelled(StartupError):
    """The operator closed the sign-in dialog: leave quietly."""


class Workspace:
    """Everything one running app owns; `start()` brings it up, `close()` takes it down,
    `finished` resolves to QUIT or SWITCH_USER when the operator leaves."""

    def __init__(self, settings: Settings, *, interactive: bool = True, headset=None,
                 ask_sign_in: bool = False, board: bool = False,
                 wallboard: bool = False, trainer: bool = False) -> None:
        self.settings = settings
        self.board_requested = board or wallboard  # `agent-desktop board [--wallboard]`
        self.wallboard = wallboard
        self.board_model = None  # board.BoardModel when the lead's board is the window
        self.trainer_requested = trainer  # `--self-check --user trainer1`
        self.trainer_desk = None  # training.desk.TrainerDesk when the trainer's view is
        self.interactive = interactive
        self.ask_sign_in = ask_sign_in  # show the dialog even on the embedded server
        self.headset = headset  # the softphone's audio device; None: sounddevice
        self.calls = CallService()
        self.embedded = None
        self.session = None
        self.window = None
        self.order_form = None
        self.kb = None
        self.geo = None
        self.kb_tab = None
        self.map_tab = None
        self.softphone = None
        self.transcriber = None
        self.transcript_view = None
        self.assist = None  # assist.live.LiveAssist, once the tools are up
        self.training = None  # ui.training_binding.TrainingBinding (a trainee's practice call)
        self.qa_window = None  # ui.qa.QaWindow once opened (质检)
        self.assist_binding = None
        self.finished: asyncio.Future[str] | None = None
        self.signed_in: asyncio.Future[None] | None = None
        self.tools_ready: asyncio.Event | None = None
        self.ready: asyncio.Event | None = None  # everything behind the window is up
        self._splash = None
        self._server_url = settings.server_url
        self._demo_call = None
        self._unsubscribe_phone = None
        self._background: list[asyncio.Task] = []

    # --- start-up --------------------------------------------------------------------

    def _say(self, text: str) -> None:
        if self._splash is not None:
            self._splash.set_message(text)

    async def start(self, splash=None) -> None:
        """Returns once the window is built (not yet shown); the rest comes up behind."""
        from agent_desktop.api.client import HotlineClient, ServerUnreachable
        from agent_desktop.api.credentials import CredentialStore
        from agent_desktop.api.session import Session

        loop = asyncio.get_running_loop()
        self._splash = splash
        self.finished = loop.create_future()
        self.signed_in = loop.create_future()
        self.tools_ready = asyncio.Event()
        self.ready = asyncio.Event()
        server_up = self._start_server()
        verify: bool | str = self.settings.ca_bundle or self.settings.verify_tls
        client = HotlineClient(self._server_url, timeout=self.settings.request_timeout_s,
                               verify=verify)
        credentials = CredentialStore()
        self.session = session = Session(client, credentials, data_dir())

        if self.settings.embedded and not self.ask_sign_in:
            self._spawn(self._demo_sign_in(server_up))
        elif self.settings.username and not self.ask_sign_in and session.restore(
                self.settings.username):
            self.signed_in.set_result(None)
        else:
            if not self.interactive:
                raise StartupError("no saved sign-in and not interactive")
            if server_up is not None:
                self._say(translate("Workspace", "Starting the embedded demo server…"))
                await server_up
            await self._login_dialog(credentials.warning)
            self.signed_in.set_result(None)

        if self.board_requested or (session.user is not None and session.user.role == "lead"):
            self.window = self._build_board()  # team leads get their board (issue 14)
            self._spawn(self._bring_up_board())
            return
        if self.trainer_requested or (session.user is not None
                                      and session.user.role == "trainer"):
            self.window = self._build_trainer()  # trainers get their view (issue 15)
            self._spawn(self._bring_up_trainer())
            return
        if not session.load_cached_reference():
            # First start on this PC: nothing to show the form with until the server
            # answers.
            self._say(translate("Workspace", "Loading the matter catalog…"))
            try:
                await self.signed_in
                await session.load_reference()
            except ServerUnreachable as exc:
                raise StartupError(translate("Workspace", 
                    "Cannot reach the server %1 and this PC has no saved copy of the matter "
                    "catalog yet. Check the network and start again.")
                    .replace("%1", self._server_url)) from exc
        self.transcriber = self._make_transcriber()
        self.window = self._build_window()
        if self.transcriber is not None:
            # The model loads on its own thread once the window is built: the two never
            # add up to one peak (memory), and the window is not slowed by the load.
            _trim_memory()
            self.transcriber.start()
        self._spawn(self._bring_up())

    def _start_server(self):
        """The embedded server's start-up, as a task (None for a configured server)."""
        if not self.settings.embedded:
            self._server_url = self.settings.server_url
            return None
        from agent_desktop.api.embedded import EmbeddedServer, EmbeddedServerError, reserve_port

        store = data_dir()
        self.embedded = EmbeddedServer(store / "embedded-server.sqlite3",
                                       store / "embedded-server.log")
        port = reserve_port()
        self._server_url = f"http://127.0.0.1:{port}"

        async def run() -> None:
            try:
                await asyncio.to_thread(self.embedded.start, 60.0, port)
            except EmbeddedServerError as exc:
                raise StartupError(str(exc)) from exc

        return self._spawn(run())

    async def _demo_sign_in(self, server_up) -> None:
        from agent_desktop.api.session import DEMO_OPERATOR

        try:
            await server_up
            await self.session.login(*(DEMO_LEAD if self.board_requested else
                                       DEMO_TRAINER if self.trainer_requested else
                                       DEMO_OPERATOR))
        except BaseException as exc:
            if not self.signed_in.done():
                self.signed_in.set_exception(exc)
            raise
        self.signed_in.set_result(None)

    async def _bring_up(self) -> None:
        """Everything behind the window: sign-in, fresh reference data, the live link,
        the knowledge base and map, the softphone and the speech model."""
        tools = self._spawn(self._open_tools_after_speech())
        try:
            await self.signed_in
        except StartupError as exc:
            await self._fail(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - said to the operator, then quit
            await self._fail(translate("Workspace", "Cannot sign in to the server: %1")
                             .replace("%1", str(exc)))
            return
        session = self.session
        self._show_user()
        session.start()
        self._spawn(self._show_notices())
        if session.catalog is not None:
            self._spawn(self._refresh_reference())
        await session.probe()
        self.softphone = await self._start_softphone()
        if self.softphone is not None:
            self.call_bar.set_softphone(self.softphone)
            self._wire_softphone()
            from agent_desktop.ui.supervision_banner import wire_lead_line

            self.lead_line = wire_lead_line(self.window, session, self.softphone)
        await tools
        self.ready.set()

    async def _show_notices(self) -> None:
        """The lead's notice still in force when the operator signs in (later ones arrive
        as `notice` events)."""
        from agent_desktop.api.client import API, ApiError, ServerUnreachable, request

        try:
            notices = (await request(self.session.client.http, "GET", f"{API}/notices")).json()
        except (ServerUnreachable, ApiError) as exc:
            log.info("no notices: %s", exc)
            return
        if notices and self.window is not None:
            self.notice_banner.show_notice(notices[0])

    async def until_ready(self) -> None:
        """Wait until everything behind the window is up (tests, self-check, scripts);
        raises what stopped it."""
        await self.signed_in
        waiter = asyncio.ensure_future(self.ready.wait())
        done, _ = await asyncio.wait({waiter, self.finished},
                                     return_when=asyncio.FIRST_COMPLETED)
        if self.finished in done:
            waiter.cancel()
            self.finished.result()  # raises StartupError when bring-up failed

    async def _refresh_reference(self) -> None:
        from agent_desktop.api.client import ApiError, ServerUnreachable

        try:
            await self.session.load_reference()
        except (ServerUnreachable, ApiError) as exc:
            log.info("kept the saved catalog: %s", exc)

    async def _open_tools_after_speech(self) -> None:
        """The speech model first, then the knowledge base and the map: the model's load
        briefly needs ~160 MB more than it keeps, and on a smaller base the app's peak
        stays under 500 MB (measured: bench/bench_memory.py --order). The KB and map
        panes say they are loading meanwhile."""
        if self.transcriber is not None:
            try:
                await self.transcriber.wait_ready(timeout=30)
            except (RuntimeError, TimeoutError) as exc:  # shown in the status bar already
                log.warning("speech model not ready, opening the tools anyway: %s", exc)
        await self._open_tools()

    async def _open_tools(self) -> None:
        """Knowledge base and gazetteer: both load from disk, off the Qt thread."""
        from agent_desktop.geo import GeoService
        from agent_desktop.kb.service import KbService
        from agent_desktop.kb.store import ArticleStore
        from agent_desktop.kb.sync import KbSync

        geo = asyncio.create_task(asyncio.to_thread(GeoService.from_settings,
                                                    self.settings.extra))
        self.kb = KbService(await asyncio.to_thread(ArticleStore.open_default))
        await self.kb.open()
        self.geo = await geo
        _trim_memory()
        if self.window is not None:
            self._attach_tools()
        await self.signed_in
        self._background.append(self.kb.start_periodic_sync(
            KbSync(self.session.client.http, self.kb.store)))
        self.tools_ready.set()

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

    async def _take_seat(self) -> None:
        """Registered: tell the hotline's queue (ACD) where calls reach this operator."""
        from agent_desktop.api.client import ApiError, ServerUnreachable
        from agent_desktop.telephony import SipSettings

        sip = SipSettings.from_dict(self.settings.extra.get("sip"))
        try:
            await self.session.client.put_acd_seat(sip.user, sip.skill_list)
        except (ApiError, ServerUnreachable) as exc:
            log.warning("the queue does not know this seat yet: %s", exc)

    def _make_transcriber(self):
        """The live transcriber (started once the window is built; its model loads on its
        own thread). `[speech] enabled = false` turns it off (e.g. where a central ASR is
        not wanted)."""
        from agent_desktop.speech.engine import SpeechConfig
        from agent_desktop.speech.stream import Transcriber

        raw = self.settings.extra.get("speech") or {}
        if raw.get("enabled", True) is False:
            return None
        return Transcriber.from_config(SpeechConfig.from_mapping(raw))

    async def _login_dialog(self, keyring_warning: str) -> None:
        from agent_desktop.ui.dialogs import run_dialog
        from agent_desktop.ui.login_dialog import LoginDialog

        dialog = LoginDialog(self.session.client.base_url, self.session.login,
                             self.settings.username, keyring_warning)
        if self._splash is not None:
            self._splash.hide()  # never over the dialog
        accepted = await run_dialog(dialog)
        dialog.deleteLater()
        if not accepted:
            raise SignInCancelled(translate("Workspace", "Sign-in cancelled."))
        if self._splash is not None:
            self._splash.show()
            self._say(translate("Workspace", "Opening the workspace…"))

    # --- the window ------------------------------------------------------------------

    def _build_window(self):
        from agent_desktop.ui.call_bar import CallBar
        from agent_desktop.ui.main_window import LoadingPane, MainWindow
        from agent_desktop.ui.order_form import WorkOrderForm
        from agent_desktop.ui.wheel_guard import install as guard_the_wheel

        from PySide6.QtWidgets import QApplication

        guard_the_wheel(QApplication.instance())
        self.order_form = form = WorkOrderForm(self.session)
        from agent_desktop.api.my_orders import MyOrders
        from agent_desktop.ui.my_orders import MyOrdersPanel

        self.my_orders = MyOrders(self.session)
        self.my_orders_tab = MyOrdersPanel(self.my_orders)
        tabs = [(translate("Workspace", "Knowledge base"),
                 LoadingPane(translate("Workspace", "Loading the knowledge base…"))),
                (translate("Workspace", "Map"),
                 LoadingPane(translate("Workspace", "Loading the map…"))),
                (translate("Workspace", "Work order"), form),
                (translate("Workspace", "My orders"), self.my_orders_tab)]
        self.call_bar = CallBar(softphone=None)
        window = MainWindow(self.call_bar, tabs)
        window.tabs.setCurrentWidget(form)
        from agent_desktop.ui.notice_banner import NoticeBanner

        self.notice_banner = NoticeBanner()  # the lead's notices, above the tabs
        window.tabs.parentWidget().layout().insertWidget(0, self.notice_banner)
        self.session.event_received.connect(self.notice_banner.on_event)
        window.close_requested.connect(lambda: self._spawn(self._leave(QUIT)))
        window.sign_out_requested.connect(lambda: self._spawn(self._leave(SWITCH_USER)))
        window.sign_in_requested.connect(lambda: self._on_sign_in_required("operator"))
        self.calls.answered.connect(
            lambda call: form.set_call(call.call_id, call.caller_number, call.answered_at))
        self._wire_status(window.status)
        if self.transcriber is not None:
            self._wire_speech(window)
        self._wire_training(window)
        window.qa_requested.connect(lambda: self.open_qa(reviewer=False))
        if self.kb is not None and self.geo is not None:
            self._attach_tools()
        return window

    def _build_board(self):
        from agent_desktop.board import BoardClient, BoardModel
        from agent_desktop.ui.board import BoardWindow

        session = self.session

        def department_name(code: str) -> str:
            return next((d.name for d in session.departments if d.code == code), code)

        self.board_model = BoardModel(BoardClient(session.client.http), department_name)
        window = BoardWindow(self.board_model, wallboard=self.wallboard)
        window.qa_requested.connect(lambda: self.open_qa(reviewer=True))
        window.close_requested.connect(lambda: self._spawn(self._leave(QUIT)))
        window.sign_out_requested.connect(lambda: self._spawn(self._leave(SWITCH_USER)))
        return window

    def _build_trainer(self):
        from agent_desktop.training.desk import TrainerDesk
        from agent_desktop.ui.trainer import TrainerWindow

        self.trainer_desk = TrainerDesk(self.session.client.http)
        window = TrainerWindow(self.trainer_desk)
        window.close_requested.connect(lambda: self._spawn(self._leave(QUIT)))
        window.sign_out_requested.connect(lambda: self._spawn(self._leave(SWITCH_USER)))
        return window

    async def _bring_up_trainer(self) -> None:
        """The trainer's view: sign-in, reference data, then attempts and scenarios."""
        from agent_desktop.ui.labels import label

        try:
            await self.signed_in
            session = self.session
            self.window.set_user(session.user.display_name, label(session.user.role))
            if not session.load_cached_reference():
                await session.load_reference()
            await self.window.load()
        except Exception as exc:  # noqa: BLE001 - said to the trainer, then quit
            await self._fail(translate("Workspace", "Cannot open the trainer's view: %1")
                             .replace("%1", str(exc)))
            return
        self.ready.set()

    async def _bring_up_board(self) -> None:
        """The board's bring-up: sign-in, department names, the live link, then the data."""
        from agent_desktop.ui.labels import label

        try:
            await self.signed_in
            session = self.session
            self.window.set_user(session.user.display_name, label(session.user.role))
            session.event_received.connect(self.board_model.on_event)
            session.start()
            if not session.load_cached_reference():
                await session.load_reference()
            else:
                self._spawn(self._refresh_reference())
            await self.board_model.load()
        except Exception as exc:  # noqa: BLE001 - said to the lead, then quit
            await self._fail(translate("Workspace", "Cannot open the board: %1")
                             .replace("%1", str(exc)))
            return
        self.ready.set()

    def _attach_tools(self) -> None:
        from agent_desktop.ui.kb_tab import KnowledgeTab
        from agent_desktop.ui.map_tab import MapTab

        window, form = self.window, self.order_form
        self.kb_tab = KnowledgeTab(self.kb)
        self.map_tab = MapTab(self.geo)
        window.set_tab(0, self.kb_tab)
        window.set_tab(1, self.map_tab)
        # The tools feed the work order; after a pick the operator is back on the form.
        self.map_tab.place_chosen.connect(lambda choice: (form.set_place(choice.place),
                                                          window.tabs.setCurrentWidget(form)))
        self.kb_tab.quote_to_order.connect(form.append_answer)
        form.place_changed.connect(self.map_tab.set_order_place)
        self._wire_assist()

    def _wire_assist(self) -> None:
        """The call assistant listens to the transcript and fills the order (`[assist]
        enabled = false` turns it off; `[assist] llm_url` adds a central model)."""
        from agent_desktop.assist import CallAssistant
        from agent_desktop.assist.live import LiveAssist
        from agent_desktop.assist.llm import writer_from_settings
        from agent_desktop.ui.assist_binding import AssistBinding
        from agent_desktop.ui.assist_panel import AssistPanel

        raw = self.settings.extra.get("assist") or {}
        if self.transcript_view is None or raw.get("enabled", True) is False \
                or self.assist is not None:
            return
        session, geo, writer = self.session, self.geo, writer_from_settings(raw)

        def build() -> CallAssistant:
            from agent_desktop.domain.reference import load_catalog

            return CallAssistant.default(session.catalog or load_catalog(), geo=geo,
                                         writer=writer)

        self.assist = LiveAssist(build)
        panel = AssistPanel()
        self.order_form.set_assist_panel(panel)
        binding = AssistBinding(self.assist, self.order_form, panel, self.transcript_view,
                                self.kb_tab)
        self.calls.answered.connect(binding.call_answered)
        self.calls.ended.connect(binding.call_ended)
        self.assist_binding = binding
        if self.training is not None:
            self.training.assist_panel = panel

    def _show_user(self) -> None:
        from agent_desktop.ui.labels import label

        user = self.session.user
        if self.window is not None and user is not None:
            self.window.status.set_user(user.display_name, label(user.role))

    def _wire_status(self, status) -> None:
        session = self.session
        status.set_server(session.client.base_url, self.settings.embedded)
        status.set_link(session.link)
        outbox = session.outbox

        def show_backlog(*_args) -> None:
            status.set_backlog(outbox.backlog(), bool(outbox.paused_reason))

        show_backlog()
        session.link_changed.connect(status.set_link)
        status.reconnect_requested.connect(session.reconnect_now)
        outbox.backlog_changed.connect(show_backlog)
        session.sign_in_required.connect(show_backlog)
        session.sign_in_required.connect(self._on_sign_in_required)
        self._show_user()

    def _wire_softphone(self) -> None:
        from agent_desktop.telephony import RegistrationChanged, RegistrationState

        loop = asyncio.get_running_loop()
        status = self.window.status

        def on_phone(event) -> None:
            # The lifecycle runs on the asyncio thread whatever thread the SIP stack uses.
            loop.call_soon_threadsafe(self.calls.on_softphone_event, event)
            if isinstance(event, RegistrationChanged):
                loop.call_soon_threadsafe(status.set_registration, event.registration.state)
                if event.registration.state == RegistrationState.REGISTERED:
                    loop.call_soon_threadsafe(lambda: self._spawn(self._take_seat()))

        status.set_registration(self.softphone.registration.state)
        self._unsubscribe_phone = self.softphone.subscribe(on_phone)
        if self.transcriber is not None:
            self.softphone.add_audio_tap(self.transcriber.feed)

    def open_qa(self, reviewer: bool):
        """The QA window: a lead evaluates recorded calls, an operator reads and
        acknowledges their evaluations."""
        from agent_desktop.qa.client import QaClient
        from agent_desktop.ui.qa import QaWindow

        if self.qa_window is not None:
            self.qa_window.close()
            self.qa_window.deleteLater()
        self.qa_window = window = QaWindow(QaClient(self.session.client.http),
                                           reviewer=reviewer)
        window.show()
        self._spawn(window.load())
        return window

    def _wire_training(self, window) -> None:
        """A trainee's simulated call (培训 → 模拟来电练习): heard and answered through the
        headset the softphone uses, handed in to the trainer's scoring."""
        from agent_desktop.training.desk import TrainingDesk
        from agent_desktop.ui.training_binding import TrainingBinding

        def open_headset():
            if self.softphone is not None:
                return self.softphone.audio
            if self.headset is not None:
                return self.headset
            from agent_desktop.telephony import SipSettings
            from agent_desktop.telephony.audio import SoundDeviceAudio

            sip = SipSettings.from_dict(self.settings.extra.get("sip"))
            return SoundDeviceAudio(sip.input_device, sip.output_device)

        self.training = TrainingBinding(window, self.calls, self.transcriber,
                                        self.order_form, TrainingDesk(self.session.client.http),
                                        open_headset, self._spawn,
                                        transcript_view=self.transcript_view)
        window.training_call_requested.connect(self.training.request)

    def _wire_speech(self, window) -> None:
        from agent_desktop.ui.theme import ERROR, OK, WARN
        from agent_desktop.ui.transcript_view import TranscriptView

        transcriber, status = self.transcriber, window.status
        self.transcript_view = view = TranscriptView(transcriber)
        window.transcript.set_view(view)
        view.copy_to_order.connect(self.order_form.append_content)
        window.demo_call_requested.connect(self.play_demo_call)
        self.calls.answered.connect(lambda call: (transcriber.reset(call.call_id),
                                                  view.clear()))
        self.calls.ended.connect(lambda call: self._spawn(self._save_transcript(call)))
        # the lead follows the call by text (calls.monitor; the server shows it to leads)
        from agent_desktop.calls.monitor import CallReporter

        self.call_reporter = reporter = CallReporter(self.session.client)
        self.calls.answered.connect(reporter.answered)
        self.calls.ended.connect(reporter.ended)
        transcriber.segment_emitted.connect(reporter.segment)

        def show(ok: bool) -> None:
            status.set_speech_state(translate("Workspace", "ready") if ok
                                    else translate("Workspace", "failed"),
                                    OK if ok else ERROR)
            if ok:
                _trim_memory()

        status.set_speech_state(translate("Workspace", "loading the model…"), WARN)
        transcriber.ready_changed.connect(show)
        transcriber.error.connect(lambda _message: show(False))

    # --- calls -----------------------------------------------------------------------

    async def _save_transcript(self, call) -> None:
        """The transcript is kept with the call: data dir/transcripts/<call id>.json."""
        if self.transcriber is None or call.answered_at is None:
            return
        transcript = await self.transcriber.drain()
        transcript.call_id = call.call_id
        folder = data_dir() / "transcripts"
        folder.mkdir(exist_ok=True)
        await asyncio.to_thread(transcript.save, folder / f"{call.call_id}.json")

    def play_demo_call(self) -> None:
        """Play the packaged two-speaker demo call as a call: it is answered, transcribed
        and saved like a SIP call, and ends when its audio does."""
        from agent_desktop.speech.source import SimulatedCall

        if self.transcriber is None or (self._demo_call and not self._demo_call.done()):
            return
        call = self.calls.start_simulated(DEMO_CALLER_NUMBER)

        async def play() -> None:
            try:
                await SimulatedCall.demo().play(self.transcriber.feed)
            finally:
                self.calls.end(call)

        self._demo_call = self._spawn(play())

    # --- leaving ---------------------------------------------------------------------

    async def _leave(self, how: str) -> None:
        """Quit or sign out, after saying what would be left behind."""
        from PySide6.QtWidgets import QMessageBox

        from agent_desktop.ui.dialogs import ask

        if self.finished is None or self.finished.done():
            return
        waiting = self.session.outbox.backlog() if self.session else 0
        if waiting and self.interactive:
            text = translate("Workspace", "%n work order(s) have not reached the server yet. "
                             "They are kept on this PC and will be sent at the next start.",
                             None, waiting)
            go = (translate("Workspace", "Quit") if how == QUIT
                  else translate("Workspace", "Sign out"))
            stay = translate("Workspace", "Stay")
            choice = await ask(self.window, translate("Workspace", "Orders not yet sent"), text,
                               [(go, QMessageBox.ButtonRole.AcceptRole),
                                (stay, QMessageBox.ButtonRole.RejectRole)],
                               QMessageBox.Icon.Warning, default=1)
            if choice != 0:
                return
        if how == SWITCH_USER and self.session is not None:
            await self.session.sign_out()
        if not self.finished.done():
            self.finished.set_result(how)

    def request_quit(self) -> None:
        """Quit without asking (SIGTERM, session end): drafts and the outbox are on disk."""
        if self.finished is not None and not self.finished.done():
            self.finished.set_result(QUIT)

    def _on_sign_in_required(self, reason: str) -> None:
        """The server stopped accepting our token (expired, revoked), or the operator
        asked: orders wait in the outbox; sign in again — silently on the embedded
        server, else with the sign-in dialog."""
        from agent_desktop.api.session import DEMO_OPERATOR

        async def again() -> None:
            if self.settings.embedded and not self.ask_sign_in:
                await self.session.sign_in_again(*DEMO_OPERATOR)
                self._show_user()
                self.window.status.showMessage(translate("Workspace", "Signed in again."), 5000)
            elif self.interactive:
                from agent_desktop.ui.dialogs import run_dialog
                from agent_desktop.ui.login_dialog import LoginDialog

                user = self.session.user.username if self.session.user else ""
                dialog = LoginDialog(self.session.client.base_url, self.session.sign_in_again,
                                     user, self.session.credentials.warning, self.window)
                dialog.setWindowTitle(translate("Workspace", 
                    "Sign in again — your orders are kept and sent afterwards"))
                if await run_dialog(dialog):
                    self._show_user()
                    self.window.status.showMessage(translate("Workspace", "Signed in again."), 5000)
                dialog.deleteLater()

        self._spawn(again())

    async def _fail(self, message: str) -> None:
        from agent_desktop.ui.dialogs import inform

        if self.interactive:
            await inform(self.window, translate("Workspace", "Cannot start"), message)
        if self.finished is not None and not self.finished.done():
            self.finished.set_exception(StartupError(message))

    async def close(self) -> None:
        if self.board_model is not None or self.trainer_desk is not None:
            if self.board_model is not None:
                self.board_model.close()
            if self.window is not None:
                self.window.allow_close()
                self.window.hide()
                self.window.deleteLater()
                self.window = None
        if self.assist is not None:
            self.assist.close()
        if self.training is not None:
            self.training.close()
        if self.qa_window is not None:
            self.qa_window.close()
            self.qa_window.deleteLater()
            self.qa_window = None
        if self.window is not None:
            self.my_orders.close()
            self.call_bar.set_softphone(None)  # the widgets go before the phone stops
            if self._unsubscribe_phone is not None:
                self._unsubscribe_phone()
            self.order_form.shutdown()  # flushes the draft, closes its database
            self.window.allow_close()
            self.window.save_layout()
            self.window.hide()  # not close(): Qt would quit with its last window
            self.window.deleteLater()
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

    # --- helpers ---------------------------------------------------------------------

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._background.append(task)
        task.add_done_callback(_log_failure)
        return task


DEMO_CALLER_NUMBER = "13916728845"
DEMO_LEAD = ("lead1", "lead1-demo")  # the board's demo sign-in on the embedded server
DEMO_TRAINER = ("trainer1", "trainer1-demo")  # the trainer's view's, likewise


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background task failed", exc_info=task.exception())


def _trim_memory() -> None:
    try:
        from agent_desktop.memory import trim
    except ImportError:
        return
    trim()


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text, disambiguation, n)


def run_app(args: argparse.Namespace) -> int:
    if args.self_check:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from agent_desktop.memory import configure_allocator
    except ImportError:
        pass
    else:
        configure_allocator()
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

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
    # Closing the window is a request the workspace answers (unsent orders, sign-out);
    # Qt must not stop the loop under it.
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)
    if not install_translation(app, settings.language):
        log.warning("no translation for %s; showing English", settings.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    if args.self_check:
        from agent_desktop.self_check import run_self_check

        with loop:
            board = getattr(args, "user", None) == DEMO_LEAD[0]
            trainer = getattr(args, "user", None) == DEMO_TRAINER[0]
            return loop.run_until_complete(run_self_check(
                Workspace(settings, interactive=False, board=board, trainer=trainer)))

    current: list[Workspace] = []

    def on_signal(_signum, _frame) -> None:
        if current:
            current[0].request_quit()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    wake = QTimer()  # lets Python see SIGTERM/SIGINT while Qt waits in C
    wake.start(250)
    wake.timeout.connect(lambda: None)

    async def main() -> int:
        from agent_desktop.ui.dialogs import inform

        ask_sign_in = False
        while True:
            ws = Workspace(dc_replace(settings), ask_sign_in=ask_sign_in,
                           board=getattr(args, "board", False),
                           wallboard=getattr(args, "wallboard", False))
            current[:] = [ws]
            splash = Splash()
            splash.show()
            try:
                await ws.start(splash)
            except SignInCancelled:
                splash.close()
                await ws.close()
                return 0
            except StartupError as exc:
                splash.close()
                await ws.close()
                await inform(None, translate("Workspace", "Cannot start"), str(exc))
                return 1
            splash.close()
            ws.window.show()
            try:
                how = await ws.finished
            except StartupError:
                await ws.close()
                return 1
            await ws.close()
            if how != SWITCH_USER:
                return 0
            ask_sign_in = True

    with loop:
        return loop.run_until_complete(main())
