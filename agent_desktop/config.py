"""Settings of the desktop app: a TOML file in the user config dir, overridden by the
environment (`AGENT_DESKTOP_<NAME>`) and then by command-line flags.

Secrets never live here: the server token and the SIP password go to keyring
(`agent_desktop.api.credentials`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from agent_desktop.paths import config_dir

CONFIG_FILE = "config.toml"


@dataclass
class Settings:
    # The hotline server. Empty: start the embedded server with demo data and log in
    # as the demo operator.
    server_url: str = ""
    username: str = ""
    language: str = "zh_CN"  # "zh_CN" or "en"
    verify_tls: bool = True
    ca_bundle: str = ""  # extra CA file for a private PKI; TLS verification stays on
    request_timeout_s: float = 10.0
    extra: dict = field(default_factory=dict)  # sections owned by other packages (sip, asr…)

    @property
    def embedded(self) -> bool:
        return not self.server_url


def _coerce(value: str, like: object) -> object:
    if isinstance(like, bool):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(like, float):
        return float(value)
    return value


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    path = path or config_dir() / CONFIG_FILE
    env = os.environ if env is None else env
    raw: dict = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    settings = Settings()
    for f in fields(Settings):
        if f.name == "extra":
            continue
        if f.name in raw:
            setattr(settings, f.name, raw.pop(f.name))
        env_value = env.get(f"AGENT_DESKTOP_{f.name.upper()}")
        if env_value is not None:
            setattr(settings, f.name, _coerce(env_value, getattr(settings, f.name)))
    settings.extra = {k: v for k, v in raw.items() if isinstance(v, dict)}
    return settings
