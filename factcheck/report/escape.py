"""Make text quoted from articles inert in Markdown.

Articles are scraped from the web and may carry anything: HTML, Markdown links and images,
heading or table syntax, emphasis, bare URLs, and invisible characters (zero-width spaces,
bidirectional overrides) that make a report say something other than what it shows. The report
quotes articles inside table cells and list items, so a quote must never end the cell, start a
block, or render as markup. The result is also meant to read well as plain text, so only what
could act as markup is escaped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Every ASCII character that can open or close inline markup, a link, an image, a table cell,
# a math span or an HTML entity; CommonMark lets any ASCII punctuation be backslash-escaped.
_INLINE_SPECIALS = frozenset("\\`*_[](){}#|!~$@^")
# Characters that only act at the start of a line (lists, setext underlines); ">" is an entity.
_LINE_START_MARKERS = frozenset("-+=")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
_WHITESPACE = re.compile(r"\s+")
# GFM turns bare "www." and "scheme://" into links; escaping the punctuation breaks the match.
_BARE_LINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")


def visible_escape(char: str) -> str:
    """A Python-style escape a reader can see, for characters that would otherwise hide."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_hidden(char: str) -> bool:
    """Control, format (zero-width, bidi), surrogate and private-use characters."""
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"}


def reveal_hidden(text: str) -> str:
    """Replace hidden characters by their visible escape; whitespace controls stay for later."""
    return "".join(
        visible_escape(char) if is_hidden(char) and not char.isspace() else char
        for char in text
    )


# A report escapes the same outlet names, article paths and evidence sentences many times
# (each fact's table repeats them; 10,000 calls on the dev stories), one character at a time.
@lru_cache(maxsize=4096)
def escape_markdown(text: str) -> str:
    """Text that renders as exactly its characters, on one line, with no markup or HTML.

    Newlines and other whitespace runs collapse to one space (a quote may not start a block);
    hidden characters are shown as ``\\u200b``-style text; ``&``, ``<`` and ``>`` become HTML
    entities; Markdown punctuation is backslash-escaped.
    """
    revealed = reveal_hidden(text)
    collapsed = _WHITESPACE.sub(" ", revealed)
    out: list[str] = []
    for char in collapsed:
        if char in _INLINE_SPECIALS:
            out.append("\\" + char)
        elif char in "&<>":
            out.append(html.escape(char, quote=False))
        else:
            out.append(char)
    escaped = "".join(out)
    escaped = _BARE_LINK.sub(lambda match: "\\" + match.group(0), escaped)
    return _escape_line_start(escaped)


def _escape_line_start(text: str) -> str:
    """Block markers only matter where a line starts, which after collapsing is index 0."""
    ordered = _ORDERED_MARKER.match(text)
    if ordered is not None:
        return f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end():]}"
    if text[:1] in _LINE_START_MARKERS:
        return "\\" + text
    return text


def unescape_markdown(text: str) -> str:
    """The plain text a renderer shows for `escape_markdown` output; used to test faithfulness."""
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return html.unescape(unescaped)
