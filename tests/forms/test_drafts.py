"""The form's draft store: round trips, the states a draft goes through, matter usage,
durability across a killed process, and writes from several threads."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from agent_desktop.forms.drafts import DISCARDED, OPEN, DraftStore, new_draft_key

ROOT = Path(__file__).resolve().parents[2]

DRAFT = {
    "appeal_type": "complaint",
    "caller": {"name": "王先生", "phones": ["138 0013 8000", "021-6543210"], "tags": ["老年人"]},
    "content": "杨浦区长海路街道某小区门口雨后积水，深约20厘米",
    "place": {"district_code": "310110", "lon": 121.5, "lat": 31.3},
}


def test_a_saved_draft_comes_back_exactly(tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite3")
    key = new_draft_key()
    first = store.save(key, DRAFT)
    second = store.save(key, {**DRAFT, "title": "积水"})
    assert first.revision == 1 and second.revision == 2
    assert second.created_at == first.created_at <= second.updated_at
    store.close()

    reopened = DraftStore(tmp_path / "drafts.sqlite3")
    latest = reopened.latest_open()
    assert latest.key == key and latest.state == OPEN
    assert latest.data == {**DRAFT, "title": "积水"}  # Chinese, lists, floats intact


def test_the_latest_open_draft_is_the_one_edited_last(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    a, b = new_draft_key(), new_draft_key()
    store.save(a, {"content": "a"})
    store.save(b, {"content": "b"})
    store.save(a, {"content": "a2"})
    assert store.latest_open().key == a
    assert [d.key for d in store.open_drafts()] == [a, b]


def test_a_submitted_draft_is_gone_and_a_late_autosave_does_not_revive_it(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    key = new_draft_key()
    store.save(key, DRAFT)
    store.submitted(key)
    assert store.get(key) is None and store.latest_open() is None
    assert store.save(key, DRAFT) is None  # a save queued before the submit, run after it
    assert store.latest_open() is None


def test_a_cleared_draft_can_be_restored_and_is_pruned_after_a_week(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    key = new_draft_key()
    store.save(key, DRAFT)
    assert store.discard(key)
    assert store.latest_open() is None
    assert store.get(key).state == DISCARDED
    assert store.save(key, {"content": "x"}) is None  # discarded drafts take no autosave
    assert store.restore(key).state == OPEN
    assert store.latest_open().data == DRAFT

    store.discard(key)
    assert store.prune(keep_discarded_s=3600) == 0
    assert store.prune(keep_discarded_s=-1) == 1
    assert store.get(key) is None


def test_matter_usage_counts_and_orders_by_recency(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    for code in ["0101010101", "0202020202", "0101010101", "0303030303"]:
        store.record_matter_use(code)
        time.sleep(0.002)
    store.close()
    counts, recent = DraftStore(tmp_path / "d.sqlite3").matter_usage()
    assert counts == {"0101010101": 2, "0202020202": 1, "0303030303": 1}
    assert recent == ["0303030303", "0101010101", "0202020202"]


def test_writes_are_durable_wal_and_synchronous_full(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_draft_survives_sigkill_right_after_save_returns(tmp_path):
    """The writer process is killed the moment `save` returns: nothing is lost."""
    path = tmp_path / "d.sqlite3"
    script = textwrap.dedent(f"""
        import os, signal
        from agent_desktop.forms.drafts import DraftStore
        store = DraftStore({str(path)!r})
        for n in range(50):
            store.save("k", {{"content": "第" + str(n) + "次修改", "n": n}})
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script], env=env, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    draft = DraftStore(path).latest_open()
    assert draft.data == {"content": "第49次修改", "n": 49}
    assert draft.revision == 50


def test_saves_from_several_threads_are_serialised(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    keys = [new_draft_key() for _ in range(4)]

    def work(key: str) -> None:
        for n in range(25):
            store.save(key, {"n": n})
            store.record_matter_use("0101010101")

    threads = [threading.Thread(target=work, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {d.key: d.data["n"] for d in store.open_drafts()} == {k: 24 for k in keys}
    assert store.matter_usage()[0] == {"0101010101": 100}
    with sqlite3.connect(tmp_path / "d.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
