"""Main text of an HTML article, with every character traceable to the HTML source.

readability-lxml is good at deciding *which* blocks are the article, but it rebuilds the tree,
so its output has no positions. We therefore walk the source ourselves with the standard
library's `HTMLParser` (which knows where each text node and entity sits), collect the text
blocks with their source extents, and keep the blocks whose text readability kept.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from factcheck.ingest.mapped import MappedText

BlockKind = Literal["text", "heading", "item"]

# Tags that start or end a block of text: their content never runs on into a neighbour's.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "div",
    "dl", "dt", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "html",
})
# Tags whose text is never article text (page furniture, code, captions, forms).
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "nav", "template", "svg", "iframe", "form", "button",
    "select", "textarea", "head", "figcaption", "aside", "footer", "object", "canvas", "menu",
})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ENTITY = re.compile(r"&(?:#[xX]?[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlBlock:
    kind: BlockKind
    text: MappedText
    tag: str


@dataclass
class HtmlExtract:
    """The article blocks of an HTML page, in document order, and its title."""

    blocks: list[HtmlBlock] = field(default_factory=list)
    title: str | None = None


class _Collector(HTMLParser):
    """Text blocks with source extents; entities become one character standing for their run."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[HtmlBlock] = []
        self.pieces: list[MappedText] = []
        self.open_blocks: list[str] = []
        self.drop_depth: list[str] = []
        self.title_parts: list[str] = []
        self.in_title = False

    # -------------------------------------------------------------- positions

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -------------------------------------------------------------- tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _DROP_TAGS and tag not in _VOID_TAGS:
            self._flush()
            self.drop_depth.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag not in _VOID_TAGS:
                self.open_blocks.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.drop_depth:
            while self.drop_depth and self.drop_depth.pop() != tag:
                pass
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in self.open_blocks:
                while self.open_blocks and self.open_blocks.pop() != tag:
                    pass

    # -------------------------------------------------------------- text

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.drop_depth:
            return
        start = self._offset()
        if self.source.startswith(data, start):
            self.pieces.append(MappedText.of(self.source, start, start + len(data)))
        else:  # Not where the parser says (it should not happen): keep the text, unplaced.
            self.pieces.append(MappedText.inserted(data, start))

    def _reference(self) -> None:
        start = self._offset()
        match = _ENTITY.match(self.source, start)
        if match is None:
            return
        raw = match.group()
        text = html.unescape(raw)
        if self.in_title:
            self.title_parts.append(text)
        if self.drop_depth:
            return
        self.pieces.append(MappedText.of(self.source, start, match.end()).replaced(text))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    # -------------------------------------------------------------- blocks

    def _flush(self) -> None:
        if not self.pieces:
            return
        text = MappedText.join(self.pieces).sub(_WHITESPACE, lambda _: " ").strip()
        self.pieces = []
        if not text.text:
            return
        tag = self.open_blocks[-1] if self.open_blocks else "body"
        kind: BlockKind = "text"
        if any(t in _HEADINGS for t in self.open_blocks):
            kind = "heading"
            tag = next(t for t in reversed(self.open_blocks) if t in _HEADINGS)
        elif "li" in self.open_blocks:
            kind = "item"
        self.blocks.append(HtmlBlock(kind=kind, text=text, tag=tag))

    def finish(self) -> list[HtmlBlock]:
        self.close()
        self._flush()
        return self.blocks


def _normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().casefold()


def _readability_text(source: str) -> tuple[str, set[str]] | None:
    """The text readability judges to be the article: the whole, and its blocks."""
    try:
        import lxml.html
        from readability import Document

        summary = Document(source).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability raises bare Exceptions on pages it cannot read
        return None
    whole = _normalise(tree.text_content())
    blocks = {
        _normalise(element.text_content())
        for element in tree.iter("p", "li", "blockquote", "pre", "td", *_HEADINGS)
    }
    return whole, blocks


def extract_html(source: str) -> HtmlExtract:
    """The article blocks of an HTML page (in document order) and its title."""
    collector = _Collector(source)
    collector.feed(source)
    blocks = collector.finish()
    html_title = _normalise_title(" ".join(collector.title_parts))
    first_h1 = next((b for b in blocks if b.tag == "h1"), None)
    title = first_h1.text.text if first_h1 is not None else html_title
    kept = _keep_article_blocks(source, blocks, first_h1)
    return HtmlExtract(blocks=kept, title=title or None)


def _normalise_title(title: str) -> str:
    return html.unescape(_WHITESPACE.sub(" ", title)).strip()


def _keep_article_blocks(
    source: str, blocks: list[HtmlBlock], headline: HtmlBlock | None
) -> list[HtmlBlock]:
    readable = _readability_text(source)
    if readable is None:
        return blocks
    whole, readable_blocks = readable
    kept: list[HtmlBlock] = []
    for block in blocks:
        text = _normalise(block.text.text)
        # Short blocks ("Share", "AP") must match a whole block, not just occur in the text.
        if block is headline or text in readable_blocks or (len(text) >= 25 and text in whole):
            kept.append(block)
    # readability found nothing we recognise (an odd page): better all text than none.
    if not any(block is not headline for block in kept):
        return blocks
    return kept
