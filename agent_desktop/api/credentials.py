"""Secrets of the desktop app — the server token and the operator's passwords — kept in
the system keyring (DESIGN §4).

Where no keyring backend exists (a headless Linux box, a locked-down PC), secrets live
in memory for this run only: `CredentialStore.available` is False and `warning` says so
once, and the app asks for the password at each start. Nothing is ever written to disk
in plain text.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "agent-desktop"


class CredentialStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._memory: dict[str, str] = {}
        self.available = True
        self.warning = ""
        try:
            backend = keyring.get_keyring()
            # The fail backend (and chainer with no members) has priority 0.
            if getattr(backend, "priority", 1) <= 0:
                raise keyring.errors.NoKeyringError(type(backend).__name__)
        except keyring.errors.KeyringError as exc:
            self._disable(exc)

    def _disable(self, exc: Exception) -> None:
        if self.available:
            self.available = False
            self.warning = ("No system keyring is available, so the sign-in is kept only "
                            f"until the app closes; you will be asked again next start ({exc}).")
            log.warning(self.warning)

    @staticmethod
    def key(server_url: str, username: str, kind: str = "token") -> str:
        return f"{kind}:{username}@{server_url}"

    def get(self, key: str) -> str | None:
        if self.available:
            try:
                return keyring.get_password(self.service, key)
            except keyring.errors.KeyringError as exc:
                self._disable(exc)
        return self._memory.get(key)

    def set(self, key: str, secret: str) -> None:
        if self.available:
            try:
                keyring.set_password(self.service, key, secret)
                return
            except keyring.errors.KeyringError as exc:
                self._disable(exc)
        self._memory[key] = secret

    def delete(self, key: str) -> None:
        self._memory.pop(key, None)
        if self.available:
            try:
                keyring.delete_password(self.service, key)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                self._disable(exc)
