"""The SIP password in keyring (never in config.toml).

Stored under service `agent-desktop-sip`, user `<auth user>@<sip domain>`. Headless Linux
usually has no keyring backend: `load_sip_password` then returns None and the app asks
the operator at each start (DESIGN §4, Secrets).
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError

from agent_desktop.telephony.models import SipSettings

log = logging.getLogger(__name__)

KEYRING_SERVICE = "agent-desktop-sip"


def keyring_user(settings: SipSettings) -> str:
    return f"{settings.auth_username}@{settings.sip_domain}"


def load_sip_password(settings: SipSettings) -> str | None:
    """The stored password, or None when there is none or no keyring backend."""
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_user(settings))
    except KeyringError as exc:  # NoKeyringError included
        log.warning("no keyring backend for the SIP password (%s); ask the operator", exc)
        return None


def store_sip_password(settings: SipSettings, password: str) -> bool:
    """Save the password; False when there is no keyring backend (keep it in memory)."""
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(settings), password)
        return True
    except KeyringError as exc:
        log.warning("cannot store the SIP password in keyring (%s)", exc)
        return False


def delete_sip_password(settings: SipSettings) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_user(settings))
    except KeyringError:
        pass
