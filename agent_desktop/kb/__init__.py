"""Knowledge base (知识库): local article index, Chinese search, server sync, and the
legal-entity directory. No Qt here; `agent_desktop.ui.kb_tab` adapts it to widgets.

    from agent_desktop.kb import ArticleStore, KbService, KbSync
    kb = KbService(ArticleStore.open_default())
    await kb.open()
    results = await kb.search("房产证泡水了")
"""

from .analysis import Analyzer
from .entities import EntityMatch, LegalEntity, LegalEntityDirectory, is_valid_credit_code
from .index import SearchIndex, SearchResult
from .sanitize import html_to_text, sanitize_html
from .service import KbEvent, KbService, load_demo_articles
from .store import ArticleStore
from .sync import KbSync, SyncReport

__all__ = [
    "Analyzer", "ArticleStore", "EntityMatch", "KbEvent", "KbService", "KbSync",
    "LegalEntity", "LegalEntityDirectory", "SearchIndex", "SearchResult", "SyncReport",
    "html_to_text", "is_valid_credit_code", "load_demo_articles", "sanitize_html",
]
