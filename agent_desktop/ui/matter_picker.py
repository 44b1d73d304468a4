"""The matter picker (事项分类): type-ahead over the whole 5-level catalog, and browsing it
level by level, all from the keyboard.

    picker = MatterPicker()
    picker.set_catalog(catalog, usage=(counts, recent))  # index built off the Qt thread
    picker.matter_chosen.connect(on_matter)               # leaf code, "" when none
    picker.matter_used.connect(store.record_matter_use)   # persist recency (caller's job)

Typing searches `forms.matter_index.MatterIndex` on every keystroke (Chinese, keywords,
full pinyin, initials, homophones); hits show the matched characters highlighted, their
path and the keyword that matched. With an empty box (↓, or F4 from the form) the list
starts with the recently and frequently used matters, then the catalog's domains to
browse: → or Enter opens a level, ← or Backspace goes up. ↑/↓ move, Enter picks, Esc
closes (and puts back the chosen matter). The list floats over the window, so the form
under it does not move.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QKeyEvent,
    QPainter,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.domain import Catalog, CatalogNode
from agent_desktop.forms.matter_index import MatterHit, MatterIndex

from .order_threads import run_in_thread
from .theme import ACCENT, BORDER, MUTED

PATH_SEP = " › "
SEARCH_LIMIT = 30
RECENT_SHOWN = 8
POPUP_MAX_HEIGHT = 360

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
LEAF, INNER, HEADER = "leaf", "inner", "header"
HOME, SEARCH, BROWSE = "home", "search", "browse"

Usage = tuple[dict[str, int], list[str]]
_MARK = f'<span style="color:{ACCENT}; font-weight:600;">'
SELECTED_BG = QColor("#e3edfc")


def highlight(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """`text` as HTML with the character ranges `spans` emphasised."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out += [escape(text[pos:start]), _MARK, escape(text[start:end]), "</span>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlight_word(text: str, word: str) -> str:
    """`text` as HTML with the first occurrence of `word` emphasised."""
    at = text.lower().find(word.lower()) if word else -1
    return highlight(text, [(at, at + len(word))] if at >= 0 else [])


class HitDelegate(QStyledItemDelegate):
    """Paints a row's rich text (HTML_ROLE): highlighted name, muted path below."""

    PAD_X, PAD_Y = 10, 4

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or escape(index.data() or ""))
        doc.setTextWidth(max(50, option.rect.width() - 2 * self.PAD_X))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(opt.rect, SELECTED_BG)
            painter.fillRect(QRect(opt.rect.left(), opt.rect.top(), 3, opt.rect.height()),
                             QColor(ACCENT))
        doc = self._document(opt, index)
        painter.translate(opt.rect.left() + self.PAD_X, opt.rect.top() + self.PAD_Y)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.rect.width() <= 0:
            opt.rect = QRect(0, 0, 400, 20)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 2 * self.PAD_X,
                     int(doc.size().height()) + 2 * self.PAD_Y)


class MatterPopup(QFrame):
    """The floating list under the picker's box: a heading, the rows, a key hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MatterPopup")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            f"QFrame#MatterPopup {{ background: white; border: 1px solid {ACCENT};"
            " border-radius: 4px; }"
            f" QLabel#MatterPopupHeading {{ color: {MUTED}; padding: 4px 10px 2px 10px; }}"
            f" QLabel#MatterPopupHint {{ color: {MUTED}; font-size: 11px; padding: 2px 10px;"
            f" border-top: 1px solid {BORDER}; }}"
            " QListView { border: none; background: white; }")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heading = QLabel()
        self.heading.setObjectName("MatterPopupHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setUniformItemSizes(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.hint = QLabel()
        self.hint.setObjectName("MatterPopupHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

    def rows(self) -> list[tuple[str, str, str]]:
        """(kind, code, plain text) of every row, for tests and accessibility."""
        m = self.model
        return [(m.item(r).data(KIND_ROLE), m.item(r).data(CODE_ROLE) or "", m.item(r).text())
                for r in range(m.rowCount())]

    def content_height(self) -> int:
        h = 0
        for r in range(self.model.rowCount()):
            h += max(self.view.sizeHintForRow(r), 18)
        return h + 4


class MatterPicker(QWidget):
    """The box, its browse button, the chosen matter's path, and the floating list."""

    matter_chosen = Signal(str)  # the effective leaf code changed ("" = none)
    matter_used = Signal(str)  # the operator picked this leaf (persist it for recency)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index: MatterIndex | None = None
        self._nodes: dict[str, CatalogNode] = {}
        self._children: dict[str | None, list[CatalogNode]] = {}
        self._leaf_count: dict[str, int] = {}
        self._catalog: Catalog | None = None
        self._code = ""  # the chosen leaf
        self._effective = ""  # last code announced by matter_chosen
        self._mode = HOME
        self._browse_code: str | None = None
        self._scroll_area: QScrollArea | None = None

        self.edit = QLineEdit()
        self.edit.setObjectName("matterEdit")
        self.edit.setPlaceholderText(self.tr("Type Chinese, pinyin or initials, e.g. 积水, "
                                             "jishui, ljfl; ↓ to browse"))
        self.edit.setClearButtonEnabled(True)
        self.browse_button = QToolButton()
        self.browse_button.setText(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Browse the catalog level by level (F4)"))
        self.browse_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.browse_button.clicked.connect(self.open_browser)
        self.path_label = QLabel()
        self.path_label.setObjectName("matterPath")
        self.path_label.setWordWrap(True)
        self.path_label.setProperty("muted", True)
        self.path_label.setTextFormat(Qt.TextFormat.RichText)
        self.path_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.path_label)
        self.setFocusProxy(self.edit)

        self.popup = MatterPopup(self)
        self.popup.hide()
        self.popup.hint.setText(self.tr("↑↓ move · Enter pick · → open · ← up · Esc close"))
        self.popup.view.clicked.connect(self._activate)
        self.popup.heading.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.heading.linkActivated.connect(self._home)

        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.installEventFilter(self)

    # --- data ------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once the search index of the current catalog is built."""
        return self._index is not None

    @property
    def index(self) -> MatterIndex | None:
        return self._index

    def set_catalog(self, catalog: Catalog | None,
                    usage: Usage | Callable[[], Usage] | None = None) -> None:
        """Show `catalog`; its search index is built in a worker thread (`ready` says when).
        `usage` is (use count per code, codes most recent first), or a function that
        reads it (called in the worker thread too)."""
        self._catalog = catalog
        self._index = None
        nodes = list(catalog.nodes) if catalog else []
        self._nodes = {n.code: n for n in nodes}
        self._children = {}
        for n in nodes:
            self._children.setdefault(n.parent_code, []).append(n)
        self._leaf_count = {}
        for n in nodes:
            if n.is_leaf:
                for a in self.ancestors(n.code)[:-1]:
                    self._leaf_count[a.code] = self._leaf_count.get(a.code, 0) + 1
        self._show_code()  # a code set before the catalog arrived gets its name now
        if catalog is None:
            return
        def build() -> MatterIndex:
            counts, recent = (usage() if callable(usage) else usage) or ({}, [])
            return MatterIndex(catalog, usage=counts, recent=recent)

        def built(index: MatterIndex) -> None:
            if self._catalog is catalog:
                self._index = index
                if self.popup.isVisible():
                    self._refresh()

        run_in_thread(build, built, collect_on_qt_thread=True)

    def nodes(self) -> dict[str, CatalogNode]:
        """Every catalog node by code (empty before a catalog is set)."""
        return self._nodes

    def node(self, code: str) -> CatalogNode | None:
        return self._nodes.get(code)

    def name_of(self, code: str) -> str:
        """The matter's name (the code itself if the catalog does not know it)."""
        node = self._nodes.get(code)
        return node.name if node else code

    def ancestors(self, code: str) -> list[CatalogNode]:
        """From the level-1 domain down to `code` itself."""
        chain, node = [], self._nodes.get(code)
        while node is not None:
            chain.append(node)
            node = self._nodes.get(node.parent_code) if node.parent_code else None
        return chain[::-1]

    def path_text(self, code: str) -> str:
        return PATH_SEP.join(n.name for n in self.ancestors(code))

    def code(self) -> str:
        """The chosen leaf, or "" when nothing is chosen or the box was edited since."""
        if not self._code:
            return ""
        node = self._nodes.get(self._code)
        if node is not None and self.edit.text().strip() != node.name:
            return ""
        return self._code

    def set_code(self, code: str) -> None:
        """Show `code` as chosen (from a draft or an assist); "" clears."""
        self._code = code or ""
        if not self._code:
            self.edit.clear()
        self._show_code()
        self._announce()

    def clear(self) -> None:
        self.hide_popup()
        self.set_code("")

    # --- popup -------------------------------------------------------------------------

    def open_browser(self, code: str | None = None) -> None:
        """Focus the box and show the list: recent matters and the domains, or the level
        of `code` (default: where the chosen matter sits)."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if code is None and self._code in self._nodes:
            code = self._nodes[self._code].parent_code
        if code:
            self._mode, self._browse_code = BROWSE, code
        else:
            self._mode, self._browse_code = HOME, None
        self._refresh(select=self._code)
        self._show_popup()

    def hide_popup(self) -> None:
        self.popup.hide()

    def is_open(self) -> bool:
        return self.popup.isVisible()

    def _show_popup(self) -> None:
        self._make_room()
        window = self.window()
        if self.popup.parent() is not window:
            self.popup.setParent(window)
        self._place_popup()
        self.popup.show()
        self.popup.raise_()
        QTimer.singleShot(0, self, self._follow)  # again once pending layouts have run

    def _make_room(self) -> None:
        """Inside a scroll area, scroll so the list fits under the box if it can."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None or parent.widget() is None:
            return
        if self._scroll_area is not parent:  # follow the box when the form scrolls
            self._scroll_area = parent
            parent.verticalScrollBar().valueChanged.connect(self._follow)
        bottom = self.edit.mapTo(parent.widget(), QPoint(0, self.edit.height()))
        room = min(POPUP_MAX_HEIGHT, parent.viewport().height() - self.edit.height() - 16)
        parent.ensureVisible(bottom.x(), bottom.y() + room // 2, 0, room // 2 + 4)

    def _follow(self, *_args) -> None:
        if self.popup.isVisible():
            self._place_popup()

    def _place_popup(self) -> None:
        window = self.popup.parentWidget() or self.window()
        top_left = self.edit.mapTo(window, QPoint(0, 0))
        width = max(self.width(), min(520, window.width() - 16))
        x = max(8, min(top_left.x(), window.width() - width - 8))
        below = window.height() - (top_left.y() + self.edit.height()) - 8
        above = top_left.y() - 8
        chrome = self.popup.heading.sizeHint().height() + self.popup.hint.sizeHint().height() + 4
        wanted = min(POPUP_MAX_HEIGHT, self.popup.content_height() + chrome)
        if below >= min(wanted, 220) or below >= above:
            height = max(120, min(wanted, below))
            y = top_left.y() + self.edit.height() + 2
        else:
            height = max(120, min(wanted, above))
            y = top_left.y() - height - 2
        self.popup.setGeometry(x, y, width, height)

    def _refresh(self, select: str = "") -> None:
        """Fill the list for the current mode and text."""
        popup, model = self.popup, self.popup.model
        model.clear()
        if self._index is None:
            popup.heading.setText(escape(self.tr("Loading the matter catalog…")))
            self._add_header(self.tr("The catalog is being indexed; try again in a moment."))
            return
        text = self.edit.text().strip()
        if self._mode == SEARCH and text:
            hits = self._index.search(text, SEARCH_LIMIT)
            popup.heading.setText(escape(
                self.tr("%1 matters for “%2”").replace("%1", str(len(hits))).replace("%2", text)
                if hits else self.tr("No matter matches “%1”. Try other words, pinyin, "
                                     "or browse (clear the box).").replace("%1", text)))
            for hit in hits:
                self._add_hit(hit)
        elif self._mode == BROWSE and self._browse_code:
            everything = escape(self.tr("All"))
            crumbs = [f"<a href='#'>{everything}</a>"]
            crumbs += [escape(n.name) for n in self.ancestors(self._browse_code)]
            popup.heading.setText(PATH_SEP.join(crumbs))
            for child in self._children.get(self._browse_code, []):
                self._add_node(child)
        else:
            self._mode = HOME
            popup.heading.setText(escape(self.tr("Recently used matters, then the whole "
                                                 "catalog")))
            recent = self._index.search("", RECENT_SHOWN)
            if recent:
                self._add_header(self.tr("Recently and often used"))
                for hit in recent:
                    self._add_hit(hit)
                self._add_header(self.tr("Browse the catalog"))
            for child in self._children.get(None, []):
                self._add_node(child)
        self._select(select)
        if popup.isVisible():
            self._place_popup()

    def _add_header(self, text: str) -> None:
        item = QStandardItem(text)
        item.setData(HEADER, KIND_ROLE)
        item.setData(f'<span style="color:{MUTED}; font-size:11px;">{escape(text)}</span>',
                     HTML_ROLE)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.popup.model.appendRow(item)

    def _add_hit(self, hit: MatterHit) -> None:
        name = highlight(hit.name, hit.spans)
        path = escape(PATH_SEP.join(self.path_text(hit.code).split(PATH_SEP)[:-1]))
        extra = ""
        if hit.matched and hit.kind.startswith("keyword"):
            extra = " · " + escape(self.tr("keyword")) + " " + _MARK + escape(hit.matched) \
                + "</span>"
        elif hit.matched:  # an ancestor's name matched
            path = highlight_word(PATH_SEP.join(self.path_text(hit.code).split(PATH_SEP)[:-1]),
                                  hit.matched)
        item = QStandardItem(hit.name)
        item.setData(LEAF, KIND_ROLE)
        item.setData(hit.code, CODE_ROLE)
        item.setData(f"{name}<br><span style='color:{MUTED}; font-size:11px;'>{path}{extra}"
                     "</span>", HTML_ROLE)
        item.setToolTip(f"{self.path_text(hit.code)} ({hit.code})")
        self.popup.model.appendRow(item)

    def _add_node(self, node: CatalogNode) -> None:
        item = QStandardItem(node.name)
        item.setData(node.code, CODE_ROLE)
        if node.is_leaf:
            item.setData(LEAF, KIND_ROLE)
            item.setData(escape(node.name), HTML_ROLE)
        else:
            item.setData(INNER, KIND_ROLE)
            count = self.tr("%1 matters").replace("%1", str(self._leaf_count.get(node.code, 0)))
            item.setData(f"{escape(node.name)} <span style='color:{MUTED};'>› "
                         f"{escape(count)}</span>", HTML_ROLE)
        self.popup.model.appendRow(item)

    def _select(self, code: str = "") -> None:
        model, view = self.popup.model, self.popup.view
        target = None
        for r in range(model.rowCount()):
            item = model.item(r)
            if item.data(KIND_ROLE) == HEADER:
                continue
            if target is None:
                target = r
            if code and item.data(CODE_ROLE) == code:
                target = r
                break
        if target is not None:
            view.setCurrentIndex(model.index(target, 0))
            view.scrollTo(model.index(target, 0))

    def _move(self, delta: int) -> None:
        model, view = self.popup.model, self.popup.view
        n = model.rowCount()
        if not n:
            return
        row = view.currentIndex().row()
        step = 1 if delta > 0 else -1
        remaining = abs(delta)
        r = row if row >= 0 else (-1 if step > 0 else n)
        last_ok = row
        while remaining:
            r += step
            if r < 0 or r >= n:
                break
            if model.item(r).data(KIND_ROLE) != HEADER:
                last_ok = r
                remaining -= 1
        if last_ok is not None and last_ok >= 0:
            view.setCurrentIndex(model.index(last_ok, 0))
            view.scrollTo(model.index(last_ok, 0))

    def current_row(self) -> tuple[str, str] | None:
        """(kind, code) of the highlighted row."""
        index = self.popup.view.currentIndex()
        if not index.isValid():
            return None
        return index.data(KIND_ROLE), index.data(CODE_ROLE) or ""

    def _activate(self, index: QModelIndex | None = None) -> None:
        if index is not None and index.isValid():
            self.popup.view.setCurrentIndex(index)
        row = self.current_row()
        if row is None:
            return
        kind, code = row
        if kind == LEAF:
            self.choose(code)
        elif kind == INNER:
            self._enter(code)

    def _enter(self, code: str) -> None:
        self._mode, self._browse_code = BROWSE, code
        self.edit.clear()
        self._refresh()

    def _home(self, _link: str = "") -> None:
        self._mode, self._browse_code = HOME, None
        self.edit.clear()
        self._refresh()

    def _up(self) -> None:
        if self._mode != BROWSE or not self._browse_code:
            return
        came_from = self._browse_code
        parent = self._nodes[came_from].parent_code if came_from in self._nodes else None
        if parent:
            self._browse_code = parent
        else:
            self._mode, self._browse_code = HOME, None
        self._refresh(select=came_from)

    def choose(self, code: str) -> None:
        """Pick the leaf `code`, as Enter on it does."""
        node = self._nodes.get(code)
        if node is None or not node.is_leaf:
            return
        self.hide_popup()
        self._code = code
        self._show_code()
        if self._index is not None:
            self._index.record_use(code)
        self.matter_used.emit(code)
        self._announce()

    def _show_code(self) -> None:
        node = self._nodes.get(self._code) if self._code else None
        if node is None:  # nothing chosen, or a code the catalog does not know (yet)
            self.path_label.hide()
            if self._code:
                self.edit.setText(self._code)
            return
        self.edit.setText(node.name)
        self.edit.setCursorPosition(0)
        parents = self.ancestors(self._code)[:-1]
        self.path_label.setText(
            escape(PATH_SEP.join(n.name for n in parents)) +
            f" <span style='color:{MUTED};'>· {escape(self._code)}</span>")
        self.path_label.show()

    def _announce(self) -> None:
        code = self.code()
        if code != self._effective:
            self._effective = code
            self.path_label.setVisible(bool(code))
            self.matter_chosen.emit(code)

    # --- keyboard --------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        self._mode = SEARCH if text.strip() else HOME
        self._browse_code = None
        self._refresh()
        self._show_popup()
        self._announce()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.edit:
            if event.type() == QEvent.Type.KeyPress and self._key(event):
                return True
            if event.type() == QEvent.Type.FocusOut:
                self.hide_popup()
        return super().eventFilter(obj, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        K = Qt.Key
        visible = self.popup.isVisible()
        if key in (K.Key_Down, K.Key_Up, K.Key_PageDown, K.Key_PageUp):
            if not visible:
                if self.edit.text().strip() and not self.code():
                    self._mode = SEARCH
                    self._refresh()
                    self._show_popup()
                else:
                    self.open_browser()
                return True
            page = max(1, self.popup.view.height() // 40)
            self._move({K.Key_Down: 1, K.Key_Up: -1, K.Key_PageDown: page,
                        K.Key_PageUp: -page}[key])
            return True
        if key in (K.Key_Return, K.Key_Enter):
            if visible:
                self._activate()
                return True
            if self.edit.text().strip() and not self.code():
                self._mode = SEARCH
                self._refresh()
                self._show_popup()
                return True
            return False
        if key == K.Key_Escape and visible:
            self.hide_popup()
            if self._code and not self.code():  # undo the search: show the chosen matter
                self._show_code()
                self._announce()
            return True
        if visible and key == K.Key_Right and self._mode in (HOME, BROWSE) \
                and self.edit.cursorPosition() == len(self.edit.text()):
            row = self.current_row()
            if row and row[0] == INNER:
                self._enter(row[1])
                return True
        if visible and key in (K.Key_Left, K.Key_Backspace) and self._mode == BROWSE \
                and not self.edit.text():
            self._up()
            return True
        if key in (K.Key_Tab, K.Key_Backtab):
            self.hide_popup()
        return False
