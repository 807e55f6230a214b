"""`escape_markdown`: article text must render as itself and never as markup."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.report.escape import escape_markdown, reveal_hidden, unescape_markdown

# Text biased towards Markdown and HTML syntax, plus hidden and line-breaking characters.
MARKUP_CHARS = [
    *"\\`*_[](){}#|!~$@^<>&-+=.:/ \n\r\t",
    "\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2028", "\x00", "\x85",
]
hostile_text = st.text(
    alphabet=st.one_of(st.sampled_from(MARKUP_CHARS), st.characters()), max_size=80
) | st.lists(
    st.sampled_from(["<script>", "](", "[x](http://e)", "![i](a.png)", "# h", "| a |", "\n#",
                     "www.example.org", "https://e.test", "**b**", "_i_", "`c`", "&lt;", "1. ",
                     "- item", "\u200b", "<!--", "\\", "x"]),
    max_size=12,
).map("".join)


@given(hostile_text)
def test_escaped_text_has_no_raw_markup(text: str) -> None:
    escaped = escape_markdown(text)
    assert "<" not in escaped
    assert ">" not in escaped
    assert "](" not in escaped
    assert "\n" not in escaped and "\r" not in escaped
    for line in escaped.splitlines() or [""]:
        assert not line.startswith(("#", "|", "-", "+", "=", "!"))
    # Every special character is preceded by an escaping backslash (an odd-length run).
    for match in re.finditer(r"(\\*)([`*_\[\]()#|!~$@])", escaped):
        assert len(match.group(1)) % 2 == 1, (text, escaped)


@given(hostile_text)
def test_escaped_text_renders_as_the_original_characters(text: str) -> None:
    # What a reader sees is the article's text, on one line, hidden characters made visible.
    expected = re.sub(r"\s+", " ", reveal_hidden(text))
    assert unescape_markdown(escape_markdown(text)) == expected


def test_html_is_shown_not_run() -> None:
    assert escape_markdown("<script>alert(1)</script>") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    )
    assert escape_markdown("Fish & chips") == "Fish &amp; chips"
    # An entity in the article is shown literally, not decoded into a tag.
    assert escape_markdown("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_links_images_and_bare_urls_are_inert() -> None:
    assert escape_markdown("[link](http://x)") == "\\[link\\]\\(http\\://x\\)"
    assert escape_markdown("![img](a.png)") == "\\!\\[img\\]\\(a.png\\)"
    assert escape_markdown("see www.example.org") == "see www\\.example.org"
    assert escape_markdown("mail desk@example.org") == "mail desk\\@example.org"


def test_block_syntax_cannot_start_a_line() -> None:
    assert escape_markdown("# Breaking") == "\\# Breaking"
    assert escape_markdown("first\n# second") == "first \\# second"
    assert escape_markdown("| a | b |") == "\\| a \\| b \\|"
    assert escape_markdown("- not a list") == "\\- not a list"
    assert escape_markdown("1984. A year") == "1984\\. A year"
    assert escape_markdown("> quoted") == "&gt; quoted"


def test_emphasis_and_code_are_escaped() -> None:
    assert escape_markdown("**bold** _it_ `code` ~~del~~") == (
        "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~del\\~\\~"
    )
    assert escape_markdown("a\\b") == "a\\\\b"


def test_hidden_characters_are_shown_as_escapes() -> None:
    assert escape_markdown("two\u200bhours") == "two\\\\u200bhours"
    assert escape_markdown("\u202eevil") == "\\\\u202eevil"
    assert escape_markdown("a\x00b") == "a\\\\u0000b"
    assert escape_markdown("tag\U000e0041") == "tag\\\\U000e0041"


def test_whitespace_collapses_to_single_spaces() -> None:
    assert escape_markdown("a\n\n  b\r\n\tc\u2028d") == "a b c d"


def test_ordinary_text_is_left_alone() -> None:
    # Negative case: punctuation that cannot act as markup stays readable.
    text = "The ferry, carrying 212 passengers, sank at 10:45 on 3 March; 2.5 km away."
    assert escape_markdown(text) == text
