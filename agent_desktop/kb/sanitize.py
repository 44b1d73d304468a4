"""HTML sanitiser for knowledge-base articles: an allow-list over the stdlib parser.

Article bodies come from the server as rich text. Before display (and before indexing)
they pass through `sanitize_html`, which keeps structural and inline formatting tags,
drops every attribute except a few safe ones, and removes scripts, styles, frames,
forms, images and anything that could load a remote resource or run code.

    sanitize_html('<p onclick="x()">停水<script>alert(1)</script></p>')  # '<p>停水</p>'
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "mark", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span",
    "div", "a",
})
VOID_TAGS = frozenset({"br", "hr"})
# Content dropped with its tag (not just the tag).
DROP_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "head", "title", "textarea", "select", "audio", "video",
})
ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|#)", re.IGNORECASE)
BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br",
                        "blockquote", "pre", "dt", "dd", "caption", "hr", "table", "ul", "ol"})


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            if name not in ALLOWED_ATTRS.get(tag, ()) or value is None:
                continue
            value = value.strip()
            if name == "href" and not SAFE_URL.match(re.sub(r"[\s\x00-\x1f]", "", value)):
                continue
            if name in ("colspan", "rowspan", "start") and not value.isdigit():
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROP_CONTENT:
            self.dropping -= 1
        elif tag in self.open and tag not in VOID_TAGS and self.open[-1] == tag:
            self.open.pop()
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag):
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in ALLOWED_TAGS or tag in VOID_TAGS or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def sanitize_html(fragment: str) -> str:
    """The fragment with only allow-listed tags and attributes; safe to display."""
    parser = _Sanitizer()
    parser.feed(fragment)
    return parser.close_all()


_DROPPED = re.compile(r"<(%s)\b.*?(?:</\1\s*>|\Z)" % "|".join(sorted(DROP_CONTENT)),
                      re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:%s)\b[^>]*>" % "|".join(sorted(BLOCK_TAGS)), re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_CONTENT:
            self.dropping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block (paragraph, list item, row).
    Regex-based (indexing calls it for every article): tags go, scripts and styles go
    with their content, entities are decoded."""
    text = _COMMENT.sub("", fragment)
    text = _DROPPED.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = html.unescape(_ANY_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text_strict(fragment: str) -> str:
    """As `html_to_text`, with the stdlib HTML parser (slower, for odd markup)."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
