"""Chinese first: every UI string has its Chinese, and the shipped .qm is up to date."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def i18n():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_ui_string_has_a_chinese_translation(i18n, tmp_path):
    ts = tmp_path / "zh_CN.ts"
    shutil.copy(i18n.ts_path("zh_CN"), ts)
    i18n.lupdate(ts, "zh_CN")  # merges the strings in the code today into the committed .ts
    missing = i18n.unfinished(ts=ts)
    assert missing == [], (
        "untranslated UI strings — run `python scripts/i18n.py update`, translate, then "
        f"`python scripts/i18n.py release`: {missing[:20]}")


def test_the_shipped_qm_matches_the_ts(i18n, tmp_path):
    qm = tmp_path / "zh_CN.qm"
    i18n.lrelease(i18n.ts_path("zh_CN"), qm)
    shipped = i18n.ts_path("zh_CN").with_suffix(".qm")
    assert qm.read_bytes() == shipped.read_bytes(), "run `python scripts/i18n.py release`"


def test_chinese_is_the_default_and_english_is_available(qapp):
    from agent_desktop.ui.i18n import install_translation

    try:
        assert install_translation(qapp, "zh_CN")
        assert QCoreApplication.translate("MainWindow", "12345 Hotline Agent Desktop") == \
            "12345 热线坐席工作台"
        assert QCoreApplication.translate("Labels", "Complaint") == "投诉"
        assert install_translation(qapp, "en")
        assert QCoreApplication.translate("Labels", "Complaint") == "Complaint"
    finally:
        install_translation(qapp, "en")
