"""Secrets go to keyring; with no keyring they stay in memory and are never written."""

from __future__ import annotations

import keyring
from keyring.backends.fail import Keyring as FailKeyring

from agent_desktop.api.credentials import CredentialStore


def test_secret_round_trips_through_the_keyring(memory_keyring):
    store = CredentialStore()
    assert store.available
    key = store.key("https://hotline.example", "operator1")
    store.set(key, "s3cret")
    assert memory_keyring.store[("agent-desktop", key)] == "s3cret"
    assert CredentialStore().get(key) == "s3cret"
    store.delete(key)
    assert store.get(key) is None


def test_without_a_keyring_secrets_live_in_memory_only(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    old = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        store = CredentialStore()
        assert not store.available
        assert "keyring" in store.warning
        store.set("token:x@y", "secret-token-value")
        assert store.get("token:x@y") == "secret-token-value"
        assert CredentialStore().get("token:x@y") is None  # not persisted anywhere
        leaked = [p for p in tmp_path.rglob("*") if p.is_file()
                  and b"secret-token-value" in p.read_bytes()]
        assert leaked == []
    finally:
        keyring.set_keyring(old)
