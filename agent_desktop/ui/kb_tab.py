"""The 知识库 tab: search the knowledge base while the caller talks, read an article,
quote a paragraph into the work order, keep favourites.

It only adapts `agent_desktop.kb.KbService`: searches run off the Qt thread (debounced,
stale answers dropped), articles are shown sanitised in a browser that loads nothing
(no scripts, no remote or local resources). Keyboard: type, ↑/↓ through the results,
Enter opens, Esc goes back to the search box; in the article Ctrl+Shift+Q quotes the
paragraph under the caret (or the selection), Ctrl+D toggles the favourite. Every hit
carries a relevance cue (高/中/低), and a search whose best hit is weak says so plainly.
Ctrl+Enter is never used here: across the window it means "submit the order".

    tab = KnowledgeTab(kb_service)
    tab.quote_to_order.connect(order_form.append_reply)   # wired by the composition root
"""

from __future__ import annotations

import asyncio
import html
import logging
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeySequence,
    QPalette,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain import KbArticle
from agent_desktop.kb import KbEvent, KbService, SearchResult, html_to_text, sanitize_html

from .theme import ACCENT, BORDER, MUTED, WARN

log = logging.getLogger(__name__)

DEBOUNCE_MS = 120
RESULT_LIMIT = 30
HIT_STYLE = "background-color:#fff1a8; color:#1f2933;"
PARAGRAPH_SHADE = "#eef4fd"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


def highlight_html(fragment: str, terms: tuple[str, ...] | list[str]) -> str:
    """Mark `terms` in the text (never inside tags) of sanitised HTML."""
    terms = [t for t in terms if t and not t.startswith("#")]
    if not terms:
        return fragment
    pattern = re.compile("|".join(re.escape(html.escape(t, quote=False))
                                  for t in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    parts = re.split(r"(<[^>]*>)", fragment)
    for i, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[i] = pattern.sub(lambda m: f'<span style="{HIT_STYLE}">{m.group(0)}</span>',
                                   part)
    return "".join(parts)


QUOTE_KEY = "Ctrl+Shift+Q"
RELEVANCE_ROLE = Qt.ItemDataRole.UserRole + 7
# (keys, translation context, what they do): bound below and listed by F1.
HOTKEYS = [
    (QUOTE_KEY, "KnowledgeTab", QT_TRANSLATE_NOOP("KnowledgeTab", "Quote the paragraph (or "
                                                  "the selection) into the order's reply")),
    ("Ctrl+D", "KnowledgeTab", QT_TRANSLATE_NOOP("KnowledgeTab", "Add or remove the article "
                                                 "from favourites")),
    ("Ctrl+F", "KnowledgeTab", QT_TRANSLATE_NOOP("KnowledgeTab", "Back to the search box")),
]

RELEVANCE_LABELS = {"high": QT_TRANSLATE_NOOP("KnowledgeTab", "good match"),
                    "medium": QT_TRANSLATE_NOOP("KnowledgeTab", "partial match"),
                    "low": QT_TRANSLATE_NOOP("KnowledgeTab", "weak match")}
RELEVANCE_COLOURS = {"high": "#1f8a4c", "medium": "#b26a00", "low": "#8a94a3"}


def _hit_html(title: str, snippet: str, department: str, terms, favourite: bool,
              relevance: str = "", relevance_text: str = "") -> str:
    star = f'<span style="color:{WARN};">★ </span>' if favourite else ""
    cue = (f'<span style="color:white; background:{RELEVANCE_COLOURS[relevance]};'
           f' font-size:11px;">&nbsp;{html.escape(relevance_text)}&nbsp;</span> '
           if relevance else "")
    return (f'<div style="font-size:14px; font-weight:600;">{cue}{star}'
            f"{highlight_html(html.escape(title), terms)}</div>"
            f'<div style="color:#334155;">{highlight_html(html.escape(snippet), terms)}</div>'
            f'<div style="color:{MUTED}; font-size:12px;">{html.escape(department)}</div>')


class HitDelegate(QStyledItemDelegate):
    """Draws a result as rich text: title, snippet and department, hits marked."""

    PADDING = 8

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(50, option.rect.width() - 2 * self.PADDING))
        return doc

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        opt = QStyleOptionViewItem(option)
        opt.text = ""
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(opt.rect, QColor("#e3edfb") if selected else QColor("white"))
        if selected:
            painter.fillRect(opt.rect.adjusted(0, 0, -opt.rect.width() + 3, 0), QColor(ACCENT))
        painter.setPen(QColor(BORDER))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        doc = self._document(opt, index)
        painter.translate(opt.rect.left() + self.PADDING, opt.rect.top() + self.PADDING)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor("#1f2933"))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        self.initStyleOption(option, index)
        if option.widget is not None:
            option.rect.setWidth(option.widget.viewport().width())
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2 * self.PADDING + 1)


class SafeTextBrowser(QTextBrowser):
    """A read-only article view that never loads anything: no remote or local resources,
    links are not followed. Keyboard caret on, so a paragraph can be picked by keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(12)

    def loadResource(self, type_: int, name) -> None:  # noqa: N802 (Qt API)
        return None


class KnowledgeTab(QWidget):
    """The knowledge-base tab. Signals: `quote_to_order(text)` when the operator quotes a
    paragraph into the work order; `article_opened(article_id)`."""

    quote_to_order = Signal(str)
    article_opened = Signal(str)
    _kb_event = Signal(object)  # KbEvent, delivered on the Qt thread

    def __init__(self, kb_service: KbService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb_service
        self._seq = 0
        self._open_first = False  # Enter pressed before the results came
        self._marked = None  # (QTextBlock, its original format): the shaded paragraph
        self._sized = False
        self._search_task: asyncio.Task | None = None
        self._open_task: asyncio.Task | None = None
        self._article: KbArticle | None = None
        self.no_good_match = False
        self._terms: tuple[str, ...] = ()
        self._matter_code: str | None = None
        self._build()
        self._kb_event.connect(self._on_kb_event)
        self._unsubscribe = kb_service.subscribe(self._kb_event.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        if kb_service.ready:
            self._on_index_changed()
        else:
            self._status(self.tr("Loading the knowledge base…"))
            self._spawn(self._open_service())

    # --- layout ---------------------------------------------------------------------------

    _suggested_query = ""  # the last query the assistant put in the box

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("KbSearch")
        self.search.setPlaceholderText(
            self.tr("Search the knowledge base: a few words, e.g. what the caller says"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the knowledge base"))
        self.search.setAccessibleDescription(self.tr("↓ moves to the results, Enter opens one"))
        self.search.installEventFilter(self)
        self.setFocusProxy(self.search)

        self.department = QComboBox()
        self.department.addItem(self.tr("All departments"), "")
        self.department.setAccessibleName(self.tr("Department filter"))
        self.department.setMinimumContentsLength(11)
        self.department.setMaximumWidth(220)
        self.department.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.department.currentIndexChanged.connect(lambda _i: self._start_search())

        self.matter_chip = QPushButton()
        self.matter_chip.setToolTip(self.tr("Remove the matter filter"))
        self.matter_chip.clicked.connect(lambda: self.set_matter_filter(None))
        self.matter_chip.hide()

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        top.addWidget(self.matter_chip)
        top.addWidget(self.department)

        self.status_label = QLabel()
        self.status_label.setProperty("muted", True)
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 0)
        self.progress.hide()

        # Left: results (or favourites when the search box is empty).
        self.list_title = QLabel()
        self.list_title.setObjectName("PaneTitle")
        self.model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Knowledge base results"))
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.installEventFilter(self)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)
        self.empty = QLabel()
        self.empty.setObjectName("EmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.results)
        self.list_stack.addWidget(self.empty)
        left = QWidget()
        left.setMinimumWidth(220)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.list_stack, 1)

        # Right: the article.
        self.article_title = QLabel()
        self.article_title.setObjectName("PaneTitle")
        self.article_title.setWordWrap(True)
        self.article_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.article_meta = QLabel()
        self.article_meta.setProperty("muted", True)
        self.article_meta.setWordWrap(True)
        self.favourite = QPushButton()
        self.favourite.setCheckable(True)
        self.favourite.setToolTip(self.tr("Add to or remove from favourites (Ctrl+D)"))
        self.favourite.toggled.connect(self._favourite_toggled)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.article_title)
        titles.addWidget(self.article_meta)
        head.addLayout(titles, 1)
        head.addWidget(self.favourite, 0, Qt.AlignmentFlag.AlignTop)
        self.viewer = SafeTextBrowser()
        self.viewer.installEventFilter(self)
        self.viewer.cursorPositionChanged.connect(self._mark_paragraph)
        self.quote = QPushButton(self.tr("Quote paragraph to work order"))
        self.quote.setProperty("primary", True)
        self.quote.setToolTip(self.tr("Copies the paragraph under the cursor, or the selected "
                                      "text, into the work order's reply (%1)")
                              .replace("%1", QUOTE_KEY))
        self.quote.clicked.connect(self.quote_current_paragraph)
        self.quote_hint = QLabel(self.tr("Click a paragraph or select text, then quote it."))
        self.quote_hint.setProperty("muted", True)
        self.quote_hint.setWordWrap(True)
        foot = QHBoxLayout()
        foot.addWidget(self.quote_hint, 1)
        foot.addWidget(self.quote)
        self.article_pane = QWidget()
        right_layout = QVBoxLayout(self.article_pane)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        right_layout.addWidget(self.viewer, 1)
        right_layout.addLayout(foot)
        self.placeholder = QLabel(self.tr("Pick a result to read the article."))
        self.placeholder.setObjectName("EmptyState")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.placeholder)
        self.right_stack.addWidget(self.article_pane)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)

        for keys, slot in ((QUOTE_KEY, self.quote_current_paragraph),
                           ("Ctrl+D", self.favourite.toggle),
                           ("Ctrl+F", self.focus_search)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._set_favourite_button(False)
        self.quote.setEnabled(False)
        self.favourite.setEnabled(False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._sized:  # results get ~40 % of the width, the article the rest
            self._sized = True
            width = max(self.splitter.width(), 600)
            self.splitter.setSizes([int(width * 0.4), width - int(width * 0.4)])

    # --- public -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_query(self, text: str) -> None:
        """Search for `text` (e.g. words picked from the transcript)."""
        self.search.setText(text)
        self._start_search()

    def suggest_query(self, text: str) -> bool:
        """What the call is about, from the assistant: searched unless the operator is
        using the search box (it has the focus, or holds words they typed). Never takes
        the focus."""
        current = self.search.text()
        if self.search.hasFocus() or (current and current != self._suggested_query):
            return False
        self._suggested_query = text
        if text != current:
            self.search.setText(text)
            self._start_search()
        return True

    def set_matter_filter(self, matter_code: str | None, label: str = "") -> None:
        """Only show articles under this matter (e.g. the work order's), None for all."""
        self._matter_code = matter_code or None
        self.matter_chip.setVisible(bool(self._matter_code))
        self.matter_chip.setText(self.tr("Matter: %1 ✕").replace("%1", label or matter_code or ""))
        self._start_search()

    def result_ids(self) -> list[str]:
        return [self.model.item(r).data(ID_ROLE) for r in range(self.model.rowCount())]

    @property
    def current_article(self) -> KbArticle | None:
        return self._article

    # --- service events -------------------------------------------------------------------

    async def _open_service(self) -> None:
        try:
            await self.kb.open()
        except Exception as exc:  # keep the tab usable and say what went wrong
            log.exception("kb: could not open the knowledge base")
            self._status(self.tr("The knowledge base could not be loaded: %1")
                         .replace("%1", str(exc)))

    def _on_kb_event(self, event: KbEvent) -> None:
        if event.kind == "index_changed":
            self._on_index_changed()
        elif event.kind == "index_building" and self.kb.ready:
            self._status(self.tr("Updating the search index…"))
        elif event.kind == "sync_started":
            if event.data.get("first"):
                self.progress.show()
                self._status(self.tr("Downloading the knowledge base…"))
        elif event.kind == "sync_progress":
            if self.progress.isVisible():
                done, total = event.data["done"], event.data.get("total")
                if total:
                    self.progress.setRange(0, total)
                    self.progress.setValue(done)
                self._status(self.tr("Downloading the knowledge base… %1 articles")
                             .replace("%1", str(done)))
        elif event.kind == "sync_done":
            self.progress.hide()
            self._on_index_changed()
        elif event.kind == "sync_failed":
            self.progress.hide()
            self._status(self.tr("Server unreachable: searching the local copy "
                                 "(%1 articles).").replace("%1", str(self.kb.article_count)),
                         warn=True)

    def _on_index_changed(self) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(self.tr("All departments"), "")
        for name in self.kb.departments():
            self.department.addItem(name, name)
        self.department.setCurrentIndex(max(0, self.department.findData(current)))
        self.department.blockSignals(False)
        count = self.kb.article_count
        if self.kb.source == "demo":
            self._status(self.tr("Demo articles (not synced with the server yet): %1 articles")
                         .replace("%1", str(count)), warn=True)
        else:
            last = self.kb.last_sync()
            when = last.astimezone(HOTLINE_TZ).strftime("%Y-%m-%d %H:%M") if last else self.tr("never")
            self._status(self.tr("%1 articles · last sync %2").replace("%1", str(count))
                         .replace("%2", when))
        self._start_search()

    def _status(self, text: str, warn: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {WARN if warn else MUTED};")

    # --- searching ----------------------------------------------------------------------------

    def _spawn(self, coro) -> asyncio.Task | None:
        try:
            return asyncio.ensure_future(coro)
        except RuntimeError:  # no event loop (should not happen under qasync)
            coro.close()
            log.warning("kb tab: no asyncio loop; cannot run %s", coro)
            return None

    def _start_search(self) -> None:
        self._debounce.stop()
        self._seq += 1
        self._search_task = self._spawn(self._search(self._seq, self.search.text().strip()))

    def _search_pending(self) -> bool:
        return self._search_task is not None and not self._search_task.done()

    async def _search(self, seq: int, query: str) -> None:
        if not self.kb.ready:
            return
        try:
            if query:
                results = await self.kb.search(
                    query, limit=RESULT_LIMIT, department=self.department.currentData() or None,
                    matter_code=self._matter_code)
            else:
                results = [SearchResult(a.id, a.title, 0.0, _first_line(a), (), a.department,
                                        tuple(a.matter_codes))
                           for a in await self.kb.favourites()]
        except Exception:
            log.exception("kb search failed for %r", query)
            return
        if seq != self._seq:
            return  # a newer search was started: drop this answer
        self._show_results(query, results)
        if self._open_first and results:
            self._open_first = False
            self._open_index(self.results.currentIndex())

    def _show_results(self, query: str, results: list[SearchResult]) -> None:
        self.model.clear()
        for r in results:
            item = QStandardItem()
            item.setData(r.id, ID_ROLE)
            relevance = r.relevance if query else ""
            cue = self.tr(RELEVANCE_LABELS[relevance]) if relevance else ""
            item.setData(_hit_html(r.title, r.snippet, r.department, r.terms,
                                   self.kb.is_favourite(r.id), relevance, cue), HTML_ROLE)
            item.setData(f"{cue}：{r.title}" if cue else r.title,
                         Qt.ItemDataRole.AccessibleTextRole)
            item.setData(relevance, RELEVANCE_ROLE)
            item.setData(r.terms, Qt.ItemDataRole.UserRole + 3)
            self.model.appendRow(item)
        self.no_good_match = bool(query and results and results[0].relevance == "low")
        if self.no_good_match:
            self._status(self.tr("No reliable answer for “%1”: the results below match only "
                                 "loosely. Try the formal name of the service, or ask the "
                                 "caller more.").replace("%1", query), warn=True)
        elif query:
            self._status("")
        if query and not results:
            # never leave the previous answer open under a new search; the favourites
            # listing (no query, e.g. as the tab opens) leaves an opened article alone
            self._clear_article()
        if query:
            self.list_title.setText(self.tr("Results (%1)").replace("%1", str(len(results))))
            self.empty.setText(self.tr("No article matches. Try other words, e.g. the formal "
                                       "name of the service."))
        else:
            self.list_title.setText(self.tr("Favourites"))
            self.empty.setText(self.tr("Type a few words to search. Articles you mark with ☆ "
                                       "are listed here."))
        self.list_stack.setCurrentWidget(self.results if results else self.empty)
        if results:
            self.results.setCurrentIndex(self.model.index(0, 0))

    # --- opening and reading ------------------------------------------------------------------

    def _clear_article(self) -> None:
        self._article, self._terms = None, ()
        self.viewer.clear()
        self.article_title.clear()
        self.article_meta.clear()
        self.quote.setEnabled(False)
        self.favourite.setEnabled(False)
        self.right_stack.setCurrentWidget(self.placeholder)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_article(index.data(ID_ROLE), index.data(Qt.ItemDataRole.UserRole + 3) or ())

    def open_article(self, article_id: str, terms: tuple[str, ...] = ()) -> None:
        """Show an article (loaded off the Qt thread); `terms` are highlighted."""
        if self._open_task and not self._open_task.done():
            self._open_task.cancel()
        self._open_task = self._spawn(self._load_article(article_id, tuple(terms)))

    async def _load_article(self, article_id: str, terms: tuple[str, ...]) -> None:
        article = await self.kb.article(article_id)
        if article is None:
            self._status(self.tr("This article is no longer in the knowledge base."), warn=True)
            return
        self._article, self._terms = article, terms
        self.article_title.setText(article.title)
        meta = [article.department] if article.department else []
        meta.append(self.tr("version %1, updated %2").replace("%1", str(article.version))
                    .replace("%2", article.updated_at.astimezone(HOTLINE_TZ).strftime("%Y-%m-%d")))
        if article.expires_at:
            meta.append(self.tr("valid until %1").replace(
                "%1", article.expires_at.astimezone(HOTLINE_TZ).strftime("%Y-%m-%d")))
        if article.demo:
            meta.append(self.tr("demo content, not official policy"))
        self.article_meta.setText(" · ".join(meta))
        self._marked = None
        self.viewer.setHtml(highlight_html(sanitize_html(article.body_html), terms))
        self.viewer.moveCursor(QTextCursor.MoveOperation.Start)
        self._mark_paragraph()
        self._set_favourite_button(self.kb.is_favourite(article.id))
        self.favourite.setEnabled(True)
        self.quote.setEnabled(True)
        self.right_stack.setCurrentWidget(self.article_pane)
        self.viewer.setFocus(Qt.FocusReason.OtherFocusReason)
        self.article_opened.emit(article.id)

    def current_paragraph(self) -> str:
        """The selected text, else the paragraph (block) under the caret."""
        cursor = self.viewer.textCursor()
        if cursor.hasSelection():
            return cursor.selectedText().replace("\u2029", "\n").strip()
        return cursor.block().text().strip()

    def quote_current_paragraph(self) -> None:
        if self._article is None:
            return
        text = self.current_paragraph()
        if not text:
            return
        self.quote_to_order.emit(text)
        self._status(self.tr("Quoted to the work order: %1").replace(
            "%1", text if len(text) <= 40 else text[:40] + "…"))

    def _mark_paragraph(self) -> None:
        """Shade the paragraph under the caret (the one Quote takes). A block background
        is drawn beneath the hit highlights, unlike an extra selection."""
        block = self.viewer.textCursor().block()
        if self._marked is not None and self._marked[0].isValid():
            if self._marked[0] == block:
                return
            QTextCursor(self._marked[0]).setBlockFormat(self._marked[1])
        original = block.blockFormat()
        shaded = QTextBlockFormat(original)
        shaded.setBackground(QColor(PARAGRAPH_SHADE))
        QTextCursor(block).setBlockFormat(shaded)
        self._marked = (block, original)

    # --- favourites ---------------------------------------------------------------------------

    def _set_favourite_button(self, on: bool) -> None:
        self.favourite.blockSignals(True)
        self.favourite.setChecked(on)
        self.favourite.setText(self.tr("★ Favourite") if on else self.tr("☆ Favourite"))
        self.favourite.blockSignals(False)

    def _favourite_toggled(self, on: bool) -> None:
        if self._article is None:
            self._set_favourite_button(False)
            return
        self._set_favourite_button(on)
        self._spawn(self._save_favourite(self._article.id, on))

    async def _save_favourite(self, article_id: str, on: bool) -> None:
        await self.kb.set_favourite(article_id, on)
        self._start_search()  # refresh stars (and the favourites list)

    # --- keyboard -------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                if self._debounce.isActive() or self._search_pending():
                    self._open_first = True  # open the first result once it arrives
                    if self._debounce.isActive():
                        self._start_search()
                else:
                    self._open_index(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        elif watched is self.results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self._open_index(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        elif watched is self.viewer and key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return super().eventFilter(watched, event)

    def _move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + step))
        index = self.model.index(row, 0)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)


def _first_line(article: KbArticle) -> str:
    text = html_to_text(article.body_html)
    first = text.split("\n", 1)[0]
    return first if len(first) <= 90 else first[:90] + "…"
