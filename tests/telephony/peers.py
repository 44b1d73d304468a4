"""Real SIP and audio peers for the telephony tests and the benchmark, all on 127.0.0.1:
kamailio (registrar/proxy with digest auth), baresip (a caller that plays a WAV and records
what it hears, driven over ctrl_tcp), SIPp (scripted cases) and PulseAudio (null sinks as
virtual microphone and speaker). Configurations follow shared/recipes/.

Every peer runs in its own process group, started by us and stopped by its pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import wave
from pathlib import Path

import numpy as np

HOST = "127.0.0.1"
USERS = {"operator1": "op1secret", "caller": "callersecret", "supervisor": "supsecret",
         "operator2": "op2secret", "caller2": "caller2secret", "queue": "queuesecret"}

KAMAILIO_CFG = """#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=2
auto_aliases=no
listen=udp:127.0.0.1:@PORT@
listen=tcp:127.0.0.1:@PORT@

loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "ctl.so"
@ACD_MODULES@
modparam("ctl", "binrpc", "unix:@RUNDIR@/kamailio_ctl")
modparam("rr", "enable_full_lr", 1)
modparam("rr", "append_fromtag", 1)
modparam("registrar", "max_expires", 3600)
modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=4;")

event_route[htable:mod-init] {
@USERS@
}

request_route {
    xlog("L_INFO", "REQ $rm $ru from $si:$sp ($fu) proto=$pr\\n");
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (!sanity_check("17895", "7")) { exit; }
    if (has_totag()) {
        if (loose_route()) { route(RELAY); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { route(RELAY); } exit; }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) { route(RELAY); } exit; }
    if (!is_method("ACK")) { if (t_precheck_trans()) { t_check_trans(); exit; } t_check_trans(); }
    remove_hf("Route");
    if (is_method("INVITE|SUBSCRIBE|REFER")) { record_route(); }
    if (is_method("REGISTER")) {
        route(AUTH);
        if (!save("location")) { sl_reply_error(); }
        exit;
    }
    if (is_method("INVITE|MESSAGE|REFER") && from_uri==myself && $sht(users=>$fU) != $null) {
        route(AUTH);
        consume_credentials();
    }
    if ($rU == $null) { sl_send_reply("484", "Address Incomplete"); exit; }
@ACD_CALL@
    if (!lookup("location")) { t_reply("404", "Not Found"); exit; }
    route(RELAY);
}
@ACD_ROUTES@
route[AUTH] {
    if ($sht(users=>$fU) == $null) { sl_send_reply("403", "Unknown user"); exit; }
    $var(pw) = $sht(users=>$fU);
    if (!pv_auth_check("$fd", "$var(pw)", "0", "1")) {
        auth_challenge("$fd", "0");
        exit;
    }
}

route[RELAY] {
    if (!t_relay()) { sl_reply_error(); }
    exit;
}
"""

_taken_ports: set[int] = set()


def free_port(span: int = 2) -> int:
    """A port free for UDP and TCP, with `span` consecutive ports free (baresip binds
    TLS on port+1). Never hands out the same port twice in one process."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind((HOST, 0))
            port = u.getsockname()[1]
        if any(p in _taken_ports for p in range(port, port + span)) or port + span > 65535:
            continue
        try:
            for p in range(port, port + span):
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    t.bind((HOST, p))
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                    u.bind((HOST, p))
        except OSError:
            continue
        _taken_ports.update(range(port, port + span))
        return port
    raise RuntimeError("no free port")


def free_port_range(n: int = 40) -> str:
    """A range of n even-aligned RTP ports that are free right now ("lo-hi")."""
    for _ in range(200):
        base = free_port(1)
        base += base % 2
        lo, hi = base, base + n
        if hi > 65000 or any(p in _taken_ports for p in range(lo + 1, hi)):
            continue
        ok = True
        for p in range(lo, hi):
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                    u.bind((HOST, p))
            except OSError:
                ok = False
                break
        if ok:
            _taken_ports.update(range(lo, hi))
            return f"{lo}-{hi}"
    raise RuntimeError("no free RTP port range")


def udp_port_bound(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
        try:
            u.bind((HOST, port))
        except OSError:
            return True
    return False


def wait_for(predicate, timeout: float, interval: float = 0.02, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")


class _Process:
    """A child in its own process group; stop() ends exactly that group."""

    def __init__(self, args: list[str], log_path: Path, env: dict | None = None,
                 cwd: Path | None = None) -> None:
        self.args = args
        self.log_path = log_path
        self._env = env
        self._cwd = cwd
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            self.args, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=self._env, cwd=self._cwd)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 3.0) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        pgid = proc.pid  # start_new_session: the group id is the child's pid
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
                proc.wait(2)
        # kamailio's children share the group; make sure none is left behind
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        self._log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""


# Call distribution: calls to the hotline number ask the server where to go (http_client,
# from Debian's kamailio-utils-modules); an operator who does not answer → ask again.
ACD_MODULES = """loadmodule "http_client.so"
modparam("http_client", "connection_timeout", 2)
"""
ACD_CALL = """    if (is_method("INVITE") && $rU == "@HOTLINE@") { route(ACD); exit; }"""
ACD_ROUTES = """
route[ACD] {
    $var(url) = "@ACD_URL@/api/v1/acd/route?key=@ACD_KEY@&call_id=" + $(ci{s.escape.param})
        + "&caller=" + $fU;
    if ($avp(acd_retry) != $null) { $var(url) = $var(url) + "&retry=true"; }
    $var(rc) = http_client_query("$var(url)", "$var(target)");
    xlog("L_INFO", "ACD $ci → $var(target) ($var(rc))\\n");
    if ($var(rc) != 200) { t_reply("503", "Queue Unavailable"); exit; }
    $ru = $var(target);
    if (!lookup("location")) { t_reply("480", "Temporarily Unavailable"); exit; }
    t_on_failure("ACD_AGAIN");
    route(RELAY);
}

failure_route[ACD_AGAIN] {
    if (t_is_canceled()) { exit; }
    $avp(acd_retry) = 1;
    route(ACD);
}
"""


class Kamailio(_Process):
    def __init__(self, workdir: Path, port: int | None = None, *, acd_url: str = "",
                 acd_key: str = "", hotline: str = "12345") -> None:
        self.port = port or free_port(1)
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        users = "\n".join(f'    $sht(users=>{u}) = "{p}";' for u, p in USERS.items())
        cfg = KAMAILIO_CFG.replace("@USERS@", users)
        if acd_url:
            cfg = (cfg.replace("@ACD_MODULES@", ACD_MODULES).replace("@ACD_CALL@", ACD_CALL)
                   .replace("@ACD_ROUTES@", ACD_ROUTES).replace("@ACD_URL@", acd_url)
                   .replace("@ACD_KEY@", acd_key).replace("@HOTLINE@", hotline))
        else:
            cfg = cfg.replace("@ACD_MODULES@", "").replace("@ACD_CALL@", "").replace(
                "@ACD_ROUTES@", "")
        cfg = cfg.replace("@PORT@", str(self.port)).replace("@RUNDIR@", str(self.dir))
        self.cfg = self.dir / "kamailio.cfg"
        self.cfg.write_text(cfg)
        super().__init__(
            [shutil.which("kamailio") or "/usr/sbin/kamailio", "-DD", "-E", "-f", str(self.cfg),
             "-P", str(self.dir / "kamailio.pid"), "-Y", str(self.dir), "-w", str(self.dir)],
            self.dir / "kamailio.log")

    @property
    def domain(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self) -> None:
        super().start()
        wait_for(lambda: udp_port_bound(self.port) or not self.alive(), 10, what="kamailio")
        if not self.alive():
            raise RuntimeError(f"kamailio did not start:\n{self.log_text()[-3000:]}")
        time.sleep(0.2)  # children up

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        wait_for(lambda: not udp_port_bound(self.port), 5, what="kamailio port free")
        time.sleep(down_s)
        self.start()


class BaresipPeer(_Process):
    """Debian's baresip as a caller (or callee): plays `wav` into calls, records both
    directions into `record_dir` (sndfile: dump-*-dec.wav is what it heard), and takes
    commands over ctrl_tcp."""

    def __init__(self, workdir: Path, user: str, registrar: str, wav: Path,
                 answermode: str = "manual") -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.user = user
        self.registrar = registrar  # host:port of kamailio
        self.sip_port = free_port(2)
        self.ctrl_port = free_port(1)
        self.record_dir = self.dir / "rec"
        self.record_dir.mkdir(exist_ok=True)
        rtp = free_port_range(20)
        (self.dir / "config").write_text(f"""poll_method\t\tepoll
sip_listen\t\t{HOST}:{self.sip_port}
audio_player\t\talsa,null
audio_alert\t\talsa,null
audio_source\t\taufile,{wav}
ausrc_srate\t\t8000
auplay_srate\t\t8000
ausrc_channels\t\t1
auplay_channels\t\t1
rtp_ports\t\t{rtp}
module_path\t\t/usr/lib/baresip/modules
module\t\t\tg711.so
module\t\t\taufile.so
module\t\t\talsa.so
module\t\t\tsndfile.so
module_app\t\taccount.so
module_app\t\tmenu.so
module_app\t\tctrl_tcp.so
ctrl_tcp_listen\t\t{HOST}:{self.ctrl_port}
snd_path\t\t{self.record_dir}
net_interface\t\t{HOST}
""")
        (self.dir / "accounts").write_text(
            f"<sip:{user}@{registrar}>;auth_pass={USERS[user]};regint=600;"
            f"audio_codecs=PCMU,PCMA;answermode={answermode}\n")
        super().__init__([shutil.which("baresip") or "/usr/bin/baresip", "-f", str(self.dir)],
                         self.dir / "baresip.log")
        self.events: list[dict] = []
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._tok = 0

    @property
    def uri(self) -> str:
        return f"sip:{self.user}@{self.registrar}"

    def start(self) -> None:
        super().start()
        self._sock = wait_for(self._connect, 10, 0.05, "baresip ctrl_tcp")
        threading.Thread(target=self._rx, daemon=True).start()
        wait_for(lambda: "200 OK" in self.log_text() or not self.alive(), 10,
                 what=f"baresip {self.user} registered")
        if not self.alive():
            raise RuntimeError(f"baresip did not start:\n{self.log_text()[-3000:]}")

    def _connect(self):
        try:
            return socket.create_connection((HOST, self.ctrl_port), timeout=1)
        except OSError:
            return None

    def stop(self, timeout: float = 3.0) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
            self._sock = None
        super().stop(timeout)

    def _rx(self) -> None:
        buf = b""
        sock = self._sock
        while sock is not None:
            try:
                sock.settimeout(None)
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while b":" in buf:
                n, rest = buf.split(b":", 1)
                n = int(n)
                if len(rest) < n + 1:
                    break
                obj = json.loads(rest[:n])
                buf = rest[n + 1:]
                obj["_t"] = time.monotonic()
                with self._lock:
                    self.events.append(obj)

    def cmd(self, command: str, params: str = "") -> None:
        self._tok += 1
        msg = json.dumps({"command": command, "params": params, "token": str(self._tok)})
        data = msg.encode()
        assert self._sock is not None
        self._sock.sendall(b"%d:%s," % (len(data), data))

    def mark(self) -> int:
        """Index into `events` to wait for events after this point."""
        with self._lock:
            return len(self.events)

    def find(self, typ: str, since: int = 0, **match) -> dict | None:
        with self._lock:
            for ev in self.events[since:]:
                if ev.get("type") == typ and all(ev.get(k) == v for k, v in match.items()):
                    return ev
        return None

    def wait_event(self, typ: str, since: int = 0, timeout: float = 10.0, **match) -> dict:
        return wait_for(lambda: self.find(typ, since, **match), timeout,
                        what=f"{self.user} event {typ} {match or ''}")

    def recordings(self, kind: str = "dec") -> list[Path]:
        return sorted(self.record_dir.glob(f"dump-*-{kind}.wav"), key=lambda p: p.stat().st_mtime)

    def clear_recordings(self) -> None:
        for p in self.record_dir.glob("dump-*.wav"):
            p.unlink()


class Sipp(_Process):
    def __init__(self, workdir: Path, scenario: str, target: str, *, service: str = "operator1",
                 extra: list[str] | None = None, name: str = "sipp") -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port(1)
        self.media_port = int(free_port_range(8).split("-")[0])
        self.scenario = self.dir / f"{name}.xml"
        self.scenario.write_text(scenario)
        self.trace = self.dir / f"{name}_messages.log"
        args = [shutil.which("sipp") or "/usr/bin/sipp", target, "-sf", str(self.scenario),
                "-s", service, "-i", HOST, "-p", str(self.port), "-mi", HOST,
                "-mp", str(self.media_port), "-m", "1", "-nostdin", "-trace_msg",
                "-message_file", str(self.trace), "-timeout", "30s", "-timeout_error",
                *(extra or [])]
        super().__init__(args, self.dir / f"{name}.log", cwd=self.dir)

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        rc = self.proc.wait(timeout)
        return rc

    def messages(self) -> str:
        try:
            return self.trace.read_text(errors="replace")
        except FileNotFoundError:
            return ""


class PulseAudio(_Process):
    """A private PulseAudio with two null sinks: `mic_in` (what the operator "says":
    its monitor is the default source) and `app_out` (the app's speaker)."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.socket = self.dir / "pulse-native"
        pa = self.dir / "pulse.pa"
        pa.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            "load-module module-null-sink sink_name=app_out rate=16000 channels=1 "
            "sink_properties=device.description=AppSpeaker\n"
            "load-module module-null-sink sink_name=mic_in rate=16000 channels=1 "
            "sink_properties=device.description=VirtualMicFeed\n"
            "set-default-sink app_out\n"
            "set-default-source mic_in.monitor\n")
        env = dict(os.environ, PULSE_RUNTIME_PATH=str(self.dir), HOME=str(self.dir),
                   XDG_RUNTIME_DIR=str(self.dir))
        self.env = env
        super().__init__([shutil.which("pulseaudio") or "/usr/bin/pulseaudio", "-n", "-F", str(pa),
                          "--exit-idle-time=-1", "--daemonize=no", "--use-pid-file=no",
                          "--realtime=yes", "--high-priority=yes",
                          "--disallow-exit", "--log-target=stderr"],
                         self.dir / "pulseaudio.log", env=env)

    @property
    def server(self) -> str:
        return f"unix:{self.socket}"

    def client_env(self) -> dict:
        return dict(os.environ, PULSE_SERVER=self.server)

    def start(self) -> None:
        super().start()
        wait_for(lambda: self.socket.exists() or not self.alive(), 10, what="pulseaudio")
        if not self.alive():
            raise RuntimeError(f"pulseaudio did not start:\n{self.log_text()[-3000:]}")

    def play(self, wav: Path, device: str = "mic_in") -> _Process:
        p = _Process(["paplay", f"--device={device}", str(wav)], self.dir / "paplay.log",
                     env=self.client_env())
        p.start()
        return p

    def record(self, out: Path, device: str = "app_out.monitor", rate: int = 8000) -> _Process:
        p = _Process(["parecord", f"--device={device}", "--channels=1", f"--rate={rate}",
                      "--format=s16le", "--file-format=wav", str(out)],
                     self.dir / "parecord.log", env=self.client_env())
        p.start()
        return p


# --- signals ---------------------------------------------------------------------------


def make_wav(path: Path, seconds: float, kind: str = "whitenoise", rate: int = 8000) -> Path:
    """Band-limited noise (telephone band) made with sox: a sharp autocorrelation makes
    the lag and the correlation with what came out of the call unambiguous."""
    if not path.exists():
        subprocess.run(["sox", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(path),
                        "synth", str(seconds), kind, "sinc", "300-3400", "vol", "0.5"],
                       check=True)
    return path


def make_ulaw_wav(src: Path, out: Path) -> Path:
    if not out.exists():
        subprocess.run(["sox", str(src), "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8",
                        str(out)], check=True)
    return out


def read_pcm(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        data = w.readframes(w.getnframes())
        rate = w.getframerate()
        ch = w.getnchannels()
    a = np.frombuffer(data, dtype="<i2").astype(np.float64)
    if ch > 1:
        a = a.reshape(-1, ch)
    return a, rate


def best_correlation(source: np.ndarray, received: np.ndarray,
                     window: int = 4000, tries: int = 8) -> tuple[float, int]:
    """Where pieces of `received` sit in `source`, and how well they match there:
    (best correlation coefficient over `tries` windows of `window` samples spread over
    the received signal, the lag of that window). Half a second of band-limited noise
    matching with r > 0.9 is proof that the audio went through."""
    if len(received) < window:
        window = len(received)
    if window < 800:
        return 0.0, -1
    starts = np.linspace(0, len(received) - window, num=tries).astype(int)
    best = (0.0, -1)
    for start in starts:
        seg = received[start:start + window]
        if np.std(seg) == 0:
            continue
        size = 1 << int(np.ceil(np.log2(len(source) + len(seg))))
        c = np.fft.irfft(np.fft.rfft(source, size) * np.conj(np.fft.rfft(seg, size)), size)
        c = c[: len(source) - len(seg) + 1]
        if len(c) <= 0:
            continue
        k = int(np.argmax(np.abs(c)))
        ref = source[k:k + len(seg)]
        corr = float(np.corrcoef(ref, seg)[0, 1])
        if corr > best[0]:
            best = (corr, k - int(start))
    return best
