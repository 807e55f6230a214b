"""The cleaner: junk out, wraps joined, markup gone, and every clean span maps back exactly."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest.clean import clean_text, junk_match
from factcheck.ingest.mapped import MappedText
from factcheck.models import ArticleFormat
from factcheck.resources import load_table

# --------------------------------------------------------------------------- helpers


def _comparable(text: str) -> str:
    """Text with the differences cleaning is allowed to make removed: space, markup, entities."""
    text = re.sub(r"\]\([^)]*\)", "", text)  # Markdown link targets
    text = re.sub(r"<[^>]+>", "", text)  # tags
    text = html.unescape(text)
    return re.sub(r"[\s*_#\[\]`>~•]", "", text)


def assert_maps_back(original: str, format: ArticleFormat = "text") -> str:
    """Every word and every paragraph of the clean text maps back to the same words."""
    clean, offsets = clean_text(original, format)
    for pattern in (r"\S+", r"[^\n]+"):
        for match in re.finditer(pattern, clean):
            start, end = offsets.span_to_original(match.start(), match.end())
            assert 0 <= start <= end <= len(original)
            assert _comparable(original[start:end]) == _comparable(match.group()), (
                f"{match.group()!r} maps to {original[start:end]!r}"
            )
    return clean


def paragraphs(clean: str) -> list[str]:
    return clean.split("\n\n")


# --------------------------------------------------------------------------- the junk table


def _junk_cases(key: str) -> list[tuple[str, str]]:
    return [
        (entry["name"], line)
        for entry in load_table("junk")["patterns"]
        for line in entry["examples"][key]
    ]


@pytest.mark.parametrize(("name", "line"), _junk_cases("match"))
def test_junk_pattern_drops_its_examples(name: str, line: str) -> None:
    junk = junk_match(line)
    assert junk is not None, f"{name} should drop {line!r}"


@pytest.mark.parametrize(("name", "line"), _junk_cases("no_match"))
def test_junk_patterns_keep_article_lines(name: str, line: str) -> None:
    assert junk_match(line) is None, f"{line!r} is article text"


# --------------------------------------------------------------------------- scraped snippets

WRAPPED = """\
Flood waters recede in river towns
Officials say the worst is over
Lisbon, 4 Mar
Emergency crews in the northern
district worked through the night to
reinforce levees after the river rose
by 2.3 metres in six hours.
The mayor said 1,200 residents had
been moved to shelters. Dr. Ana
Costa, who runs the regional hospital,
said no one had died.
Leave a Reply
Your email address will not be published. Required fields are marked *
Great article, thanks!
"""


def test_hard_wrapped_lines_are_joined_and_headlines_stay_apart() -> None:
    clean = assert_maps_back(WRAPPED)
    assert paragraphs(clean) == [
        "Flood waters recede in river towns",
        "Officials say the worst is over",
        # "Lisbon, 4 Mar" is a dateline: article metadata (tests/test_stamps.py), not text.
        "Emergency crews in the northern district worked through the night to reinforce levees "
        "after the river rose by 2.3 metres in six hours.",
        "The mayor said 1,200 residents had been moved to shelters. Dr. Ana Costa, who runs the "
        "regional hospital, said no one had died.",
    ]


def test_everything_after_a_comment_form_is_dropped() -> None:
    clean = clean_text(WRAPPED)[0]
    assert "Great article" not in clean
    assert "email address" not in clean


SCRAPED = (
    """\
World

Bridge reopens after two-year repair

Bridge reopens after two-year repair

Share this article

The bridge over the estuary reopened on Friday after repairs that cost 40 million """
    """euros.Engineers said it would carry 30,000 cars a day.

Workers on the bridge deck during the final inspection. PHOTO: Reuters

See also  Ferry operator cuts winter timetable

“It is a relief,” said Marta Silva, who commutes daily. “We lost an hour each way.”

Related Articles

Back to top button
"""
)


def test_scraped_junk_and_duplicate_headline_are_removed() -> None:
    clean = assert_maps_back(SCRAPED)
    assert paragraphs(clean) == [
        "World",
        "Bridge reopens after two-year repair",
        "The bridge over the estuary reopened on Friday after repairs that cost 40 million "
        "euros. Engineers said it would carry 30,000 cars a day.",
        "“It is a relief,” said Marta Silva, who commutes daily. “We lost an hour each way.”",
    ]


def test_glued_sentences_get_a_space_that_maps_to_nothing() -> None:
    original = "Output rose 4% in 2019.Analysts expected less."
    clean, offsets = clean_text(original)
    assert clean == "Output rose 4% in 2019. Analysts expected less."
    space = clean.index(" Analysts")
    # The inserted space covers no original text; the words around it map one to one.
    assert offsets.span_to_original(space, space + 1) == (23, 23)
    start, end = offsets.span_to_original(space + 1, len(clean))
    assert original[start:end] == "Analysts expected less."


@pytest.mark.parametrize(
    "text",
    [
        "See www.example.com/News for details.",
        "Email press@example.org.Thanks were given.",
        "The U.S.Navy ship docked.",
    ],
)
def test_urls_and_acronyms_are_not_unglued(text: str) -> None:
    assert clean_text(text)[0] == text


def test_crlf_and_odd_spaces() -> None:
    original = "Storm hits coast\r\n\r\nWinds reached\r\n120 km/h\u00a0on  Monday.\r\n"
    clean = assert_maps_back(original)
    assert paragraphs(clean) == ["Storm hits coast", "Winds reached 120 km/h on Monday."]


def test_hyphenated_wrap_keeps_the_word_whole() -> None:
    clean = assert_maps_back("The long-\nterm plan was approved by the\ncouncil on Tuesday.\n")
    assert clean == "The long-term plan was approved by the council on Tuesday."


def test_title_at_end_of_wrapped_line_does_not_break() -> None:
    original = "The committee heard from Mr.\nSmith, who resigned in May.\n"
    assert clean_text(original)[0] == "The committee heard from Mr. Smith, who resigned in May."


def test_long_unwrapped_lines_are_paragraphs() -> None:
    first = "A caption without a full stop that runs on and on about a ceremony " * 2
    second = "The ceremony lasted three hours and ended at noon, organisers said."
    clean = clean_text(first.strip() + "\n" + second + "\n")[0]
    assert paragraphs(clean) == [first.strip(), second]


def test_bullets_become_paragraphs() -> None:
    original = "Key points:\n  • Prices rose 3%\n  • Wages rose 2%\n"
    clean = assert_maps_back(original)
    assert paragraphs(clean) == ["Key points:", "Prices rose 3%", "Wages rose 2%"]


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """\
# Heatwave breaks June record

*Published by* **The Example Post**

Temperatures reached **41.2C** in [Seville](https://example.org/seville "city") on
Sunday, the [national weather service](https://example.org/aemet) said.

![A thermometer](https://example.org/img.jpg)

## What comes next

Forecasters expect _cooler_ air by Thursday &amp; rain at the weekend.
"""


def test_markdown_markup_is_removed_and_maps_back() -> None:
    clean = assert_maps_back(MARKDOWN, "markdown")
    assert paragraphs(clean) == [
        "Heatwave breaks June record",
        "Published by The Example Post",
        "Temperatures reached 41.2C in Seville on Sunday, the national weather service said.",
        "What comes next",
        "Forecasters expect cooler air by Thursday & rain at the weekend.",
    ]


def test_markdown_link_text_maps_to_the_link_text() -> None:
    clean, offsets = clean_text(MARKDOWN, "markdown")
    start = clean.index("Seville")
    a, b = offsets.span_to_original(start, start + len("Seville"))
    assert MARKDOWN[a:b] == "Seville"


def test_asterisks_in_plain_text_are_kept() -> None:
    clean = clean_text("Rates rose 2*3 times, he said.\n", "markdown")[0]
    assert clean == "Rates rose 2*3 times, he said."


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><title>Port strike ends | Example News</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Port strike ends after nine days</h1>
<p>Dock workers in Rotterdam voted on Tuesday to end a strike that had lasted
nine days, the union said.</p>
<figure><img src="a.jpg"><figcaption>Workers vote. Photo: Jan Vos/ANP</figcaption></figure>
<p>The deal raises pay by 6.5&nbsp;per cent over two years &amp; adds
&#8220;two extra rest days&#8221;, the union&rsquo;s leader said.</p>
<p>About 12,000 containers were stuck at the terminals at the peak of the dispute,
according to port data.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_maps_into_the_source() -> None:
    clean = assert_maps_back(PAGE, "html")
    parts = paragraphs(clean)
    assert parts[0] == "Port strike ends after nine days"
    assert parts[1].startswith("Dock workers in Rotterdam voted on Tuesday")
    assert "6.5 per cent over two years & adds “two extra rest days”, the union’s leader" in clean
    for furniture in ("Home", "not text", "color", "Photo", "Copyright"):
        assert furniture not in clean


def test_html_entity_at_span_end_maps_to_the_whole_entity() -> None:
    clean, offsets = clean_text(PAGE, "html")
    start = clean.index("“two extra rest days”")
    a, b = offsets.span_to_original(start, start + len("“two extra rest days”"))
    assert PAGE[a:b] == "&#8220;two extra rest days&#8221;"


# --------------------------------------------------------------------------- MappedText


def test_mapped_text_edits_keep_origins() -> None:
    original = "ab&amp;cd  ef"
    text = MappedText.of(original)
    text = text.sub(re.compile("&amp;"), lambda _: "&").sub(re.compile(" +"), lambda _: " ")
    assert text.text == "ab&cd ef"
    offsets = text.offset_map()
    assert offsets.span_to_original(0, 3) == (0, 7)
    assert offsets.span_to_original(3, 5) == (7, 9)
    assert offsets.span_to_original(6, 8) == (11, 13)
    assert offsets.to_original(6) == 11


# --------------------------------------------------------------------------- MappedText runs


class _Naive:
    """The per-character model `MappedText` stores as runs: one extent per character."""

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    def slice(self, start: int, end: int) -> _Naive:
        return _Naive(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def replaced(self, text: str) -> _Naive:
        if len(text) == len(self.text):
            return _Naive(text, self.starts, self.ends)
        if not text:
            return _Naive("", [], [])
        start, end = self.starts[0], self.ends[-1]
        return _Naive(text, [start] + [end] * (len(text) - 1), [end] * len(text))

    def inserted_after(self, text: str, at: int) -> _Naive:
        return _Naive(self.text + text, self.starts + [at] * len(text),
                      self.ends + [at] * len(text))


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(0, 40),
                          st.text(alphabet="ab ", max_size=3)), max_size=25))
@settings(max_examples=300, deadline=None)
def test_mapped_text_runs_behave_like_one_extent_per_character(
    edits: list[tuple[int, int, int, str]],
) -> None:
    """Slicing, replacing, inserting and joining on runs gives exactly the extents that one
    extent per character would, and the same offset map (the map is what claims use)."""
    original = "The ferry left at 9:40 and &amp; docked two hours later.\n" * 2
    mapped = MappedText.of(original)
    naive = _Naive(original, list(range(len(original))), list(range(1, len(original) + 1)))
    for operation, first, second, text in edits:
        size = len(mapped)
        low, high = sorted((min(first, size), min(second, size)))
        if operation == 0:  # keep a slice
            mapped, naive = mapped.slice(low, high), naive.slice(low, high)
        elif operation == 1 and low < high:  # replace a piece with other text
            piece = mapped.slice(low, high).replaced(text)
            mapped = MappedText.join([mapped.slice(0, low), piece, mapped.slice(high)])
            naive_piece = naive.slice(low, high).replaced(text)
            rest = naive.slice(high, len(naive.text))
            head = naive.slice(0, low)
            naive = _Naive(head.text + naive_piece.text + rest.text,
                           head.starts + naive_piece.starts + rest.starts,
                           head.ends + naive_piece.ends + rest.ends)
        elif operation == 2:  # insert text at the end
            at = mapped.origin(len(mapped))
            mapped = mapped + MappedText.inserted(text, at)
            naive = naive.inserted_after(text, at)
        else:  # split on spaces and join back
            mapped = MappedText.join(mapped.split(" "))
            kept = [i for i, char in enumerate(naive.text) if char != " "]
            naive = _Naive("".join(naive.text[i] for i in kept),
                           [naive.starts[i] for i in kept], [naive.ends[i] for i in kept])
        assert mapped.text == naive.text
        assert mapped.starts == naive.starts
        assert mapped.ends == naive.ends
    expected = MappedText.from_extents(naive.text, naive.starts, naive.ends, mapped.position)
    assert mapped.offset_map() == expected.offset_map()
