"""Hypothesis fuzzing of cleaner, segmenter, extractors and report writers on hostile text:
no exception escapes, offsets stay in range, every JSON report validates against the
published schema, and no article text turns into raw HTML in Markdown."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_mentions
from factcheck.ingest.clean import clean_article, clean_text
from factcheck.ingest.decode import UnreadableFile, decode_article
from factcheck.models import Article, Context, Story
from factcheck.nlp import parse_sentences
from factcheck.pipeline import analyse_story
from factcheck.report import render
from factcheck.rules import RuleSet, load_rules, shipped_pack

ROOT = Path(__file__).resolve().parent.parent
# Pieces news text and hostile text are made of: values the extractors look for, markup,
# table pipes, quotes, and invisible or control characters.
PIECES = [
    "two hours", "3 hours", "about 1,200 workers", "on Monday", "at 10:30 a.m.", "in 2031",
    "nearly 40 minutes", "\u201cWe will not stop,\u201d she said.", ". ", ", ", "\n", "\n\n",
    "\r\n", "\r", "<script>alert(1)</script>", "<img src=x onerror=y>", "| cell |", "[a](b)",
    "![i](http://x/y.png)", "# Head", "- item", "**bold**", "`code`", "&amp;", "&lt;b&gt;",
    "\u200b", "\u202e", "\u2066", "\x00", "\x07", "\ufeff", "\u00ad", " ", "Mr.", "U.S.",
    "\ud7ff", "\U0001f600", "\u0301", "---", "***", "> quote", "1.", "www.e.vil",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30
).map("".join)
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@cache
def _rules() -> RuleSet:
    return load_rules([shipped_pack()])


@cache
def _report_schema() -> dict[str, Any]:
    return json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


@FAST
@given(raw=st.binary(max_size=300))
def test_decoder_either_decodes_or_says_why(raw: bytes) -> None:
    try:
        decoded = decode_article(raw)
    except UnreadableFile as error:
        assert str(error)
    else:
        assert decoded.text.strip()


@FAST
@given(text=hostile_text, format=st.sampled_from(["text", "markdown", "html"]))
def test_cleaner_and_sentences_never_raise_and_offsets_map_back(text: str, format: str) -> None:
    clean, offsets = clean_text(text, format)  # type: ignore[arg-type]
    assert "\x00" not in clean and "\u200b" not in clean and "\u202e" not in clean
    for position in range(0, len(clean) + 1, max(1, len(clean) // 7)):
        assert 0 <= offsets.to_original(position) <= len(text)
    for sentence in parse_sentences(clean):
        assert clean[sentence.start:sentence.end] == sentence.text
    for mention in extract_mentions(clean, Context(published="2031-03-14", timezone="UTC")):
        assert clean[mention.start:mention.end] == mention.text


def _story(texts: list[str]) -> Story:
    articles = []
    for number, original in enumerate(texts):
        cleaned = clean_article(original, "text")
        if not cleaned.mapped.text.strip():
            continue
        articles.append(Article(
            id=f"outlet-{number}", path=f"outlet-{number}.txt", outlet=f"Outlet <{number}>|",
            original=original, text=cleaned.mapped.text, offsets=cleaned.mapped.offset_map(),
        ))
    return Story(id="fuzzed", path="stories/fuzzed", articles=articles)


# A tag, a comment or a declaration: what a Markdown renderer would pass through as HTML.
RAW_HTML = re.compile(r"<[A-Za-z!/?]")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(hostile_text, min_size=1, max_size=3))
def test_reports_of_hostile_articles_are_valid_and_inert(texts: list[str]) -> None:
    report = analyse_story(_story(texts), _rules())
    document = json.loads(render(report, "json", rules=_rules()))
    jsonschema.Draft202012Validator(_report_schema()).validate(document)
    sarif = json.loads(render(report, "sarif", rules=_rules()))
    assert sarif["version"] == "2.1.0"
    markdown = render(report, "md", rules=_rules())
    assert RAW_HTML.search(markdown) is None
    assert "\u202e" not in markdown and "\u200b" not in markdown and "\x00" not in markdown
