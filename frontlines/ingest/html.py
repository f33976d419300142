"""HTML pages: the main text with trafilatura, a plain tag-stripping fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError
from .document import RawRecord

#: Tags whose content is never article text.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
     "form", "button", "select", "iframe", "object", "head"}
)
#: Tags after which a line break is kept in the plain extraction.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "section", "article", "blockquote", "pre", "dd", "dt", "figcaption", "main", "hr"}
)
#: Tags that never hold content and so are never closed.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
_DATE_META = frozenset(
    {"article:published_time", "datepublished", "date", "pubdate", "publishdate",
     "dc.date", "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date"}
)
#: Largest page (in characters) handed to trafilatura; bigger ones use the plain reader.
MAX_TRAFILATURA_CHARS = 5_000_000
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _PlainText(HTMLParser):
    """Collect visible text, the ``<title>`` and date ``<meta>`` tags, without recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.published: str | None = None
        self._skip_stack: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "")
            if key.lower() in _DATE_META and self.published is None and values.get("content"):
                self.published = values["content"]
            return
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED and tag not in _VOID:
            self._skip_stack.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip_stack and tag in _SKIPPED:
            # Close up to the matching tag (tolerates unclosed inner skipped tags).
            while self._skip_stack:
                if self._skip_stack.pop() == tag:
                    break
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_stack:
            self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        joined = "\n".join(lines)
        return _BLANK_LINES.sub("\n\n", joined).strip()

    def title(self) -> str:
        return " ".join("".join(self.title_parts).split())


def plain_extract(html: str) -> tuple[str, str, str | None]:
    """Text, title and published date (as written) by stripping tags; never raises."""
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # odd declarations: keep what was read so far
        return parser.text(), parser.title(), parser.published
    return parser.text(), parser.title(), parser.published


def _trafilatura(html: str) -> dict[str, Any] | None:
    if len(html) > MAX_TRAFILATURA_CHARS:
        return None
    import trafilatura  # loaded on first HTML page only

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
            as_dict=False,
        )
    except Exception:  # noqa: BLE001 - deep or broken trees: fall back to plain text
        return None
    if result is None:
        return None
    fields = {name: getattr(result, name, None) for name in ("text", "title", "date", "url")}
    if not isinstance(fields["text"], str) or not fields["text"].strip():
        return None
    return fields


def read_html(html: str, source: str) -> Iterator[RawRecord | InputError]:
    """An ``.html`` or ``.htm`` page: one document, boilerplate dropped."""
    extracted = _trafilatura(html)
    if extracted is not None and extracted.get("title") and extracted.get("date"):
        text, title, published = str(extracted["text"]), extracted["title"], extracted["date"]
    else:
        plain_text, plain_title, plain_date = plain_extract(html)
        if extracted is not None:
            text = str(extracted["text"])
            title = extracted.get("title") or plain_title
            published = extracted.get("date") or plain_date
        else:
            text, title, published = plain_text, plain_title, plain_date
    url = extracted.get("url") if extracted is not None else None
    inferred = {"title": title, "published": published, "url": url}
    yield RawRecord(source=source, text=text, inferred=inferred)
