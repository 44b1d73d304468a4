"""The 知识库 tab: results as you type, keyboard navigation, quoting, favourites, safety."""

from __future__ import annotations

import os
import threading
from datetime import datetime, timezone

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from agent_desktop.domain import KbArticle  # noqa: E402
from agent_desktop.kb import ArticleStore, KbService, KbSync  # noqa: E402
from agent_desktop.ui.kb_tab import RELEVANCE_ROLE, KnowledgeTab, highlight_html  # noqa: E402


@pytest.fixture
def kb(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    store = ArticleStore(tmp_path / "kb" / "kb.sqlite3")
    service = KbService(store)
    service.open_blocking()
    yield service
    store.close()


@pytest.fixture
def tab(qloop, qtbot, kb):
    widget = KnowledgeTab(kb)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_results(qtbot, tab, first_id=None):
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0
                    and (first_id is None or tab.result_ids()[0] == first_id), timeout=5000)


def test_results_as_you_type(tab, qtbot, type_text):
    type_text(tab.search, "房产证")
    type_text(tab.search, "泡水了")
    wait_results(qtbot, tab, "kb-demo-re-01")
    assert tab.search.text() == "房产证泡水了"
    assert "Results" in tab.list_title.text()
    html = tab.model.item(0).data(Qt.ItemDataRole.UserRole + 2)
    assert "background-color:#fff1a8" in html and "泡水" in html


def test_search_runs_off_the_qt_thread(tab, qtbot, type_text, kb, monkeypatch):
    threads = []
    index = kb._index
    original = index.search

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(index, "search", spy)
    type_text(tab.search, "停水")
    wait_results(qtbot, tab)
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_keyboard_navigation(tab, qtbot, type_text):
    type_text(tab.search, "停水")
    wait_results(qtbot, tab)
    assert tab.results.currentIndex().row() == 0
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    qtbot.keyClick(tab.search, Qt.Key.Key_Up)
    assert tab.results.currentIndex().row() == 1
    second = tab.result_ids()[1]
    with qtbot.waitSignal(tab.article_opened, timeout=5000) as opened:
        qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert opened.args == [second]
    assert tab.viewer.hasFocus()
    qtbot.keyClick(tab.viewer, Qt.Key.Key_Escape)
    assert tab.search.hasFocus() and tab.search.selectedText() == "停水"
    # In the list itself: arrows move, Enter opens, Esc goes back.
    tab.results.setFocus()
    qtbot.keyClick(tab.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(tab.article_opened, timeout=5000):
        qtbot.keyClick(tab.results, Qt.Key.Key_Return)
    tab.results.setFocus()
    qtbot.keyClick(tab.results, Qt.Key.Key_Escape)
    assert tab.search.hasFocus()


def test_enter_before_results_opens_the_first(tab, qtbot, type_text):
    type_text(tab.search, "燃气泄漏")
    with qtbot.waitSignal(tab.article_opened, timeout=5000) as opened:
        qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # within the debounce delay
    assert opened.args == ["kb-demo-ut-09"]


def test_quote_paragraph_to_order(tab, qtbot):
    tab.open_article("kb-demo-re-01", ("泡水",))
    qtbot.waitUntil(lambda: tab.current_article is not None, timeout=5000)
    cursor = tab.viewer.document().find("答复口径")
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    tab.viewer.setTextCursor(cursor)
    with qtbot.waitSignal(tab.quote_to_order) as quoted:
        qtbot.keyClick(tab.viewer, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    assert quoted.args[0].startswith("告知来电人：房产证泡水")
    # A selection wins over the paragraph.
    cursor = tab.viewer.document().find("带上原证书和身份证")
    tab.viewer.setTextCursor(cursor)
    with qtbot.waitSignal(tab.quote_to_order) as quoted:
        tab.quote.click()
    assert quoted.args == ["带上原证书和身份证"]


def test_ctrl_enter_does_not_quote(tab, qtbot):
    tab.open_article("kb-demo-re-01", ("泡水",))
    qtbot.waitUntil(lambda: tab.current_article is not None, timeout=5000)
    quoted = []
    tab.quote_to_order.connect(quoted.append)
    qtbot.keyClick(tab.viewer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert quoted == []  # Ctrl+Enter means "submit the order", nothing else


def test_nonsense_says_no_reliable_answer_and_closes_the_old_article(tab, qtbot, type_text):
    tab.open_article("kb-demo-re-01", ("泡水",))
    qtbot.waitUntil(lambda: tab.current_article is not None, timeout=5000)
    type_text(tab.search, "qwxz火星签证")
    qtbot.waitUntil(lambda: tab.list_title.text().startswith("Results ("), timeout=5000)
    relevances = [tab.model.item(r).data(RELEVANCE_ROLE) for r in range(tab.model.rowCount())]
    assert set(relevances) <= {"low"}
    if relevances:
        assert tab.no_good_match and "No reliable answer" in tab.status_label.text()
    tab.search.clear()
    type_text(tab.search, "zzzzqqqq")  # nothing at all
    qtbot.waitUntil(lambda: tab.list_title.text() == "Results (0)", timeout=5000)
    assert tab.current_article is None and tab.right_stack.currentWidget() is tab.placeholder


def test_a_real_question_is_a_good_match(tab, qtbot, type_text):
    type_text(tab.search, "房产证泡水了")
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=5000)
    assert tab.model.item(0).data(RELEVANCE_ROLE) == "high" and not tab.no_good_match
    assert "good match" in tab.model.item(0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_favourites(tab, qtbot, type_text, kb):
    tab.open_article("kb-demo-si-01")
    qtbot.waitUntil(lambda: tab.current_article is not None, timeout=5000)
    qtbot.keyClick(tab.viewer, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: kb.is_favourite("kb-demo-si-01"), timeout=5000)
    assert tab.favourite.isChecked() and "★" in tab.favourite.text()
    tab.search.clear()  # the empty search box lists favourites
    qtbot.waitUntil(lambda: tab.result_ids() == ["kb-demo-si-01"], timeout=5000)
    assert tab.list_title.text() == "Favourites"
    tab.favourite.click()
    qtbot.waitUntil(lambda: not kb.is_favourite("kb-demo-si-01"), timeout=5000)
    qtbot.waitUntil(lambda: tab.result_ids() == [], timeout=5000)


def _tab_showing(qtbot, tmp_path, article_id: str, body_html: str):
    """A tab over a store holding one article, with that article opened."""
    store = ArticleStore(tmp_path / "kb.sqlite3")
    store.apply([KbArticle(id=article_id, title="停水通知", body_html=body_html,
                           updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc))])
    kb = KbService(store)
    kb.open_blocking()
    tab = KnowledgeTab(kb)
    qtbot.addWidget(tab)
    tab.open_article(article_id)
    qtbot.waitUntil(lambda: tab.current_article is not None, timeout=15_000)
    return tab, store


def test_article_html_is_sanitised_and_loads_nothing(qloop, qtbot, tmp_path):
    tab, store = _tab_showing(
        qtbot, tmp_path, "evil",
        '<p onclick="x()">停水<script>alert(1)</script></p>'
        '<img src="http://127.0.0.1:9/track.png"><a href="javascript:x()">a</a>'
        '<style>p{background:url(http://127.0.0.1:9/x)}</style>')
    html = tab.viewer.toHtml()
    assert "script" not in html and "alert" not in html and "127.0.0.1" not in html
    assert "javascript" not in html and "onclick" not in html
    assert tab.viewer.loadResource(0, "http://127.0.0.1:9/x.png") is None
    assert not tab.viewer.openLinks() and not tab.viewer.openExternalLinks()
    store.close()


def test_department_filter(tab, qtbot, type_text):
    type_text(tab.search, "补办")
    wait_results(qtbot, tab)
    tab.department.setCurrentIndex(tab.department.findData("上海市公安局"))
    qtbot.waitUntil(lambda: tab.result_ids() and all(
        i.startswith("kb-demo-rp-") for i in tab.result_ids()), timeout=5000)


def test_first_sync_progress_then_offline(tab, qtbot, kb, arun):
    articles = [{"id": f"s{i}", "title": f"停水通知{i}", "body_html": "<p>停水</p>",
                 "updated_at": f"2026-01-01T00:00:{i:02}+00:00"} for i in range(30)]
    state = {"offline": False}

    def handler(request):
        if state["offline"]:
            raise httpx.ConnectError("offline")
        return httpx.Response(200, json={"articles": articles, "next_cursor": "c",
                                         "has_more": False})

    seen = []
    tab._kb_event.connect(lambda e: seen.append((e.kind, tab.progress.isVisible())))
    http = httpx.AsyncClient(base_url="http://hotline.test",
                             transport=httpx.MockTransport(handler))
    arun(kb.sync(KbSync(http, kb.store)))
    assert ("sync_progress", True) in seen
    qtbot.waitUntil(lambda: not tab.progress.isVisible() and "30 articles" in
                    tab.status_label.text(), timeout=5000)
    state["offline"] = True
    with pytest.raises(Exception):
        arun(kb.sync(KbSync(http, kb.store)))
    qtbot.waitUntil(lambda: "local copy" in tab.status_label.text(), timeout=5000)
    tab.set_query("停水通知7")
    qtbot.waitUntil(lambda: tab.result_ids()[:1] == ["s7"], timeout=5000)
    arun(http.aclose())


def test_highlight_never_touches_tags():
    assert highlight_html('<a href="停水">停水</a>', ("停水",)) == \
        '<a href="停水"><span style="background-color:#fff1a8; color:#1f2933;">停水</span></a>'


def test_tab_against_the_real_server_then_offline(tab, qtbot, kb, arun, server, type_text):
    from agent_desktop.api.client import HotlineClient, ServerUnreachable

    client = HotlineClient(server.url)
    arun(client.login("operator1", "operator1-demo"))
    arun(kb.sync(KbSync(client.http, kb.store)))
    qtbot.waitUntil(lambda: "last sync" in tab.status_label.text(), timeout=5000)
    server.stop()
    with pytest.raises(ServerUnreachable):
        arun(kb.sync(KbSync(client.http, kb.store)))
    qtbot.waitUntil(lambda: "local copy" in tab.status_label.text(), timeout=5000)
    type_text(tab.search, "预付卡 跑路")
    wait_results(qtbot, tab, "kb-demo-cr-01")
    arun(client.aclose())


def test_the_assistant_suggests_a_search_without_taking_the_operators(tab, qtbot, type_text):
    outside = QLineEdit()  # the operator works in the order form
    qtbot.addWidget(outside)
    outside.show()
    outside.activateWindow()
    outside.setFocus()
    qtbot.waitUntil(lambda: not tab.search.hasFocus(), timeout=5000)
    assert tab.suggest_query("房产证补办")
    wait_results(qtbot, tab)
    assert tab.search.text() == "房产证补办" and not tab.search.hasFocus()
    assert tab.suggest_query("不动产登记")  # the call moved on: the suggestion follows
    assert tab.search.text() == "不动产登记"
    tab.activateWindow()
    type_text(tab.search, "公积金")  # the operator searches for themselves
    assert not tab.suggest_query("路灯不亮")
    assert tab.search.text().endswith("公积金")


def test_the_favourites_listing_leaves_an_opened_article_open(qloop, qtbot, tmp_path):
    # the tab lists favourites as it opens; an article opened meanwhile (from the
    # assistant's suggestions) must stay — a real search with no result clears it
    tab, store = _tab_showing(qtbot, tmp_path, "a1", "<p>停水</p>")
    tab._show_results("", [])
    assert tab.current_article is not None and tab.current_article.id == "a1"
    tab._show_results("不存在的词", [])
    assert tab.current_article is None
    store.close()
