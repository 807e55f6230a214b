"""The "Quote variants" section of the Markdown report, from articles run through the quote rule."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import build_claims
from factcheck.extract.quotes import find_quotes
from factcheck.ingest.clean import clean_text
from factcheck.models import Article, ArticleRef, Claim, Context, Report, Story, StoryRef
from factcheck.nlp import parse_sentences
from factcheck.report import render_markdown
from factcheck.report.escape import unescape_markdown
from factcheck.report.quotes_section import render_marked
from factcheck.rules import load_rules, shipped_pack
from factcheck.rules.quote import check
from factcheck.rules.schema import Rule
from factcheck.textdiff import mark_variant

RULE_FILE = shipped_pack() / "quotes.yaml"


@pytest.fixture(scope="module")
def rule() -> Rule:
    return load_rules([RULE_FILE]).rule("quote-wording")


def _report(rule: Rule, texts: list[tuple[str, str]]) -> Report:
    articles: list[Article] = []
    claims: list[Claim] = []
    for index, (outlet, original) in enumerate(texts):
        text, offsets = clean_text(original, "text")
        article = Article(
            id=f"a{index}", path=f"inputs/harbour/a{index}.txt", outlet=outlet,
            published=date(2022, 9, 14), original=original, text=text, offsets=offsets,
        )
        articles.append(article)
        claims += build_claims(article, parse_sentences(text), find_quotes(text, Context()))
    story = Story(id="harbour", path="inputs/harbour", articles=articles)
    facts, discrepancies = check(rule, story, claims)
    return Report(
        story=StoryRef(id="harbour", title="Harbour strike"),
        articles=[
            ArticleRef(id=a.id, path=a.path, outlet=a.outlet, published=a.published)
            for a in articles
        ],
        claims=claims, discrepancies=discrepancies, facts=facts,
    )


def _section(markdown: str) -> str:
    start = markdown.index("## Quote variants")
    return markdown[start:markdown.index("\n## ", start + 1)]


MISQUOTE = [
    ("Harbour Post", 'Union leader Maria Duarte said: "We will not unload a single ship until the'
     " owners\nrestore the night shift.\"\n"),
    ("Tide Wire", '"We will unload a single ship once the owners restore the night shift,"'
     " Duarte said.\n"),
]


def test_section_shows_each_variant_with_the_differing_words_marked(rule: Rule) -> None:
    markdown = render_markdown(_report(rule, MISQUOTE))
    section = _section(markdown)
    assert "### Quote 1: Maria Duarte" in section
    assert "| Outlet | Speaker | Quoted words | Where |" in section
    rows = [line for line in section.splitlines() if line.startswith("| Harbour") or
            line.startswith("| Tide")]
    assert len(rows) == 2
    post, wire = rows
    assert "**" not in post and "~~" not in post  # the reference rendering is plain
    assert "~~not~~" in wire and "~~until~~" in wire and "**once**" in wire
    # Unchanged words are not marked.
    assert "**owners**" not in wire and "~~owners~~" not in wire
    assert "[a1.txt:1](inputs/harbour/a1.txt#L1)" in wire
    assert "[a0.txt:1](inputs/harbour/a0.txt#L1)" in post
    # After the discrepancies, before the agreed facts.
    assert markdown.index("### Discrepancy 1") < markdown.index("## Quote variants")
    assert markdown.index("## Quote variants") < markdown.index("## Facts the outlets agree on")


def test_json_positions_are_the_variant_wordings(rule: Rule) -> None:
    report = _report(rule, MISQUOTE)
    (discrepancy,) = report.discrepancies
    values = [position.value for position in discrepancy.positions]
    assert any("We will not unload a single ship" in value for value in values)
    assert any("We will unload a single ship once" in value for value in values)
    assert all("Duarte" in value for value in values)


def test_no_section_without_quote_discrepancies(rule: Rule) -> None:
    same = [
        ("Harbour Post", '"The cranes stay idle until Monday," said Maria Duarte.\n'),
        ("Tide Wire", "“The cranes stay idle until Monday,” Duarte said.\n"),
    ]
    markdown = render_markdown(_report(rule, same))
    assert "## Quote variants" not in markdown


def test_attribution_conflict_lists_both_speakers(rule: Rule) -> None:
    texts = [
        ("Harbour Post", '"Nobody told the crews that the pier was unsafe," said Ivan Petrov.\n'),
        ("Tide Wire", '"Nobody told the crews that the pier was unsafe," said Lea Brandt.\n'),
    ]
    section = _section(render_markdown(_report(rule, texts)))
    assert "### Quote 1: Ivan Petrov / Lea Brandt" in section
    assert "| Harbour Post | Ivan Petrov |" in section
    assert "| Tide Wire | Lea Brandt |" in section


def test_hostile_quoted_words_cannot_inject_markup(rule: Rule) -> None:
    texts = [
        ("Harbour Post", '"The <b>owners</b> **lied** to [us](http://x) about the | wages,"'
         " said Maria Duarte.\n"),
        ("Tide Wire", '"The <b>bosses</b> **lied** to [us](http://x) about the | wages,"'
         " Duarte said.\n"),
    ]
    section = _section(render_markdown(_report(rule, texts)))
    rows = [line for line in section.splitlines() if line.startswith("| Tide")]
    assert rows
    row = rows[0]
    assert "<b>" not in row and "](http" not in row
    # Exactly the four cell separators of the table row survive unescaped.
    assert row.replace("\\|", "").count("|") == 5
    # The changed word is wrapped after escaping, so the emphasis is ours, not the article's.
    assert "**bosses**" in row and "~~owners~~" in row
    assert "\\* lied" in row or "\\*lied" in row
    assert "**lied" not in row


def test_render_marked_escapes_each_word_before_wrapping() -> None:
    shown = render_marked(
        [("a_b", "changed"), ("*x*", "dropped"), ("plain", "same"), (".", "same")]
    )
    assert shown == "**a\\_b** ~~\\*x\\*~~ plain."
    assert unescape_markdown("a\\_b") == "a_b"


def test_mark_variant_ignores_fragments_and_moved_words() -> None:
    reference = "the honour of every volunteer who came to the valley"
    # Spelling only: the respelled word is marked as a form, nothing else.
    spelled = mark_variant(reference, "the honor of every volunteer who came to the valley")
    assert [w for w, m in spelled if m != "same"] == ["honor"]
    assert dict(spelled)["honor"] == "form"
    # A fragment of the reference: the words beyond it are not "dropped".
    assert all(m == "same" for _, m in mark_variant(reference, "every volunteer who came"))
    marked = dict(mark_variant(reference, "the honour of every soldier who came to the valley"))
    assert marked["soldier"] == "changed"
    # Words moved by a translation are not marked as changes.
    moved = mark_variant("decades of policy imposed by the empire and its vassals",
                         "the policy of the empire imposed over decades and its satellites")
    marks = {word: mark for word, mark in moved}
    assert marks["decades"] == "same" and marks["satellites"] == "changed"
    assert ("vassals", "dropped") in moved


def test_mark_variant_marks_an_inflection_as_a_form_of_the_same_word() -> None:
    marked = mark_variant("the new policy of the council on rents",
                          "the new policies of the council on rents")
    assert [(w, m) for w, m in marked if m != "same"] == [("policies", "form")]
    # moved and inflected at once: still the same word, not a change of meaning
    moved = dict(mark_variant("decades of policy imposed by the empire",
                              "the policies of the empire imposed for decades"))
    assert moved["policies"] == "form" and moved["decades"] == "same"


def test_a_quotation_of_a_later_clause_is_marked_against_the_fullest_rendering(
    rule: Rule,
) -> None:
    # The first outlet quotes only the first clause; the third quotes the second clause with
    # one word changed. Its row is marked against the full sentence, where that clause is.
    markdown = render_markdown(_report(rule, [
        ("Harbour Post", '"The cranes are idle across the port," Maria Duarte said.\n'),
        ("Tide Wire", '"The cranes are idle across the port, and the owners have refused every'
         ' offer," Duarte said.\n'),
        ("Quay Radio", '"The owners have rejected every offer," Duarte said.\n'),
    ]))
    rows = {line.split(" | ")[0]: line for line in _section(markdown).splitlines()
            if line.startswith("| ")}
    radio = rows["| Quay Radio"]
    assert "**rejected**" in radio and "~~refused~~" in radio
    assert "cranes" not in radio  # nothing of the first clause, which it does not quote
    assert "**" not in rows["| Tide Wire"]  # the reference rendering is plain
