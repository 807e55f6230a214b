"""The editor's Markdown report: layout, links, escaping of hostile article text, determinism."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_fixture import assert_golden, build_report

from factcheck.models import ArticleRef, Claim, Position, QuantityValue, Report, StoryRef
from factcheck.report import render_markdown
from factcheck.report.common import ReportIndex, display_terms
from factcheck.report.markdown import (
    github_slug,
    majority_line,
    related_discrepancies,
    relative_link,
)

REPORT_PATH = Path("reports/river-bridge/report.md")


def rendered() -> str:
    return render_markdown(build_report(), report_path=REPORT_PATH)


def test_matches_golden_file() -> None:
    assert_golden("river-bridge.md", rendered())


def test_is_deterministic_and_independent_of_input_order() -> None:
    report = build_report()
    shuffled = report.model_copy(update={
        "claims": list(reversed(report.claims)),
        "discrepancies": list(reversed(report.discrepancies)),
        "facts": list(reversed(report.facts)),
        "articles": list(reversed(report.articles)),
    })
    first = render_markdown(report, report_path=REPORT_PATH)
    assert first == render_markdown(shuffled, report_path=REPORT_PATH)
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_links_are_relative_to_the_report_folder_with_line_anchors() -> None:
    text = rendered()
    assert "[wire.txt:3](../../inputs/river-bridge/wire.txt#L3)" in text
    assert "[courier.txt](../../inputs/river-bridge/courier.txt)" in text
    # Without a report path (a report on standard output) links are relative to the cwd.
    plain = render_markdown(build_report())
    assert "(inputs/river-bridge/wire.txt#L3)" in plain
    assert "(/inputs/" not in plain


def test_relative_link_encodes_awkward_file_names() -> None:
    assert relative_link("in/my story/a (1).txt", "out/s", 4) == (
        "../../in/my%20story/a%20%281%29.txt#L4"
    )
    assert relative_link("a.txt", ".") == "a.txt"
    assert relative_link("/srv/news/a.txt", ".") == "/srv/news/a.txt"


def test_links_from_a_story_outside_the_working_directory_resolve(tmp_path: Path) -> None:
    # `factcheck run ../stories/x --out reports`: once "/../stories/x/a.txt", which
    # resolves nowhere; now relative to the report's folder, and it reaches the file.
    assert relative_link("../stories/x/a.txt", "reports/x", 3) == "../../../stories/x/a.txt#L3"
    assert relative_link("../stories/x/a.txt", ".") == "../stories/x/a.txt"
    work = tmp_path / "work"
    article = tmp_path / "stories" / "x" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text("text\n", encoding="utf-8")
    folder = work / "reports" / "x"
    link = relative_link("../stories/x/a.txt", "reports/x")
    assert (folder / link).resolve() == article.resolve()


def test_pile_articles_link_to_their_line_of_the_pile() -> None:
    report = build_report()
    piled = report.model_copy(update={"articles": [
        article.model_copy(update={"path": f"feeds/day.jsonl/#{number}"})
        for number, article in enumerate(report.articles, start=4)
    ]})
    text = render_markdown(piled, report_path=Path("reports/day/report.md"))
    assert "](../../feeds/day.jsonl#L4)" in text
    assert "[day.jsonl:4](../../feeds/day.jsonl#L4)" in text
    assert "%23" not in text and "jsonl/" not in text


def test_sections_come_in_order() -> None:
    text = rendered()
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Fact check: Rail bridge collapse on the Lenne",
        "## Outlets",
        "## Discrepancies by severity",
        "## Discrepancies",
        "### Discrepancy 1. Error, contradiction: How long the rescue lasted",
        "### Discrepancy 2. Warning, tension: People pulled from the water \\| rescued &lt;b&gt;",
        "## Facts the outlets agree on",
        "## Reported by one outlet only",
        "## Coverage",
        "## Input problems",
    ]


def test_list_links_to_each_section_by_its_github_anchor() -> None:
    text = rendered()
    anchors = re.findall(r"^\d+\. \[.*\]\(#([^)]+)\)$", text, flags=re.MULTILINE)
    headings = [
        line[4:] for line in text.splitlines() if line.startswith("### Discrepancy")
    ]
    shown = [heading.replace("\\|", "|").replace("&lt;", "<").replace("&gt;", ">")
             for heading in headings]
    assert anchors == [github_slug(heading) for heading in shown]
    assert anchors[1] == "discrepancy-2-warning-tension-people-pulled-from-the-water--rescued-b"


def test_hostile_article_text_is_quoted_inert() -> None:
    text = rendered()
    assert "<" not in text
    assert "](http" not in text
    assert "\u200b" not in text
    assert "The rescue\\\\u200b lasted **two hours** &lt;script&gt;" in text
    assert "\\# Divers \\| boats worked for **six hours** \\[link\\]\\(http\\://x\\)" in text
    # No line starts a heading or table except the report's own.
    for line in text.splitlines():
        if line.startswith("|"):
            # Our tables: every unescaped pipe is a cell border; rows have a fixed cell count.
            borders = re.findall(r"(?<!\\)\|", line)
            assert len(borders) in {3, 4, 5, 6}, line


def test_table_rows_keep_their_cell_count_despite_pipes_in_quotes() -> None:
    text = rendered()
    rows = [line for line in text.splitlines() if line.startswith("| Riverside Wire |")]
    assert rows
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_majority_line_only_with_three_outlets_and_never_picks_a_side() -> None:
    text = rendered()
    assert "3 outlets say about 6 h \\(5 h 15 min to 6 h 45 min\\); 1 says 2 h." in text
    # The two-outlet discrepancy gets no majority line.
    second = text.split("### Discrepancy 2.")[1].split("## Facts")[0]
    assert "outlets say" not in second and "outlet says" not in second
    assert "correct" not in text and "wrong" not in text


def test_facts_agreed_single_outlet_coverage_and_problems() -> None:
    text = rendered()
    agreed = text.split("## Facts the outlets agree on")[1].split("## Reported")[0]
    assert "collapsed (time): 2 outlets agree" in agreed
    # Facts in a discrepancy are not listed as agreed.
    assert "rescue" not in agreed and "person" not in agreed
    single = text.split("## Reported by one outlet only")[1].split("## Coverage")[0]
    assert "“Three cars” (Valley Courier)" in single
    assert "(../../inputs/river-bridge/courier.txt#L6)" in single
    coverage = text.split("## Coverage")[1].split("## Input problems")[0]
    assert "| people, rescued (quantity) | ✓ |   |   | ✓ |" in coverage
    problems = text.split("## Input problems")[1]
    assert "- inputs/river-bridge/broken.html:3:7: error: could not decode byte 0xff; " in problems
    assert "&lt;b&gt;read&lt;/b&gt; as \\[Windows-1252\\]\\(x\\)" in problems


def test_empty_report_says_so_plainly() -> None:
    report = Report(
        story=StoryRef(id="quiet-day"),
        articles=[ArticleRef(id="a", path="inputs/quiet-day/a.txt")],
        claims=[], discrepancies=[],
    )
    text = render_markdown(report, report_path=Path("reports/quiet-day/report.md"))
    assert text.startswith("# Fact check: quiet-day\n")
    assert "The outlets do not contradict each other" in text
    assert "| error | 0 |" in text
    assert "| [a.txt](../../inputs/quiet-day/a.txt) | unknown | unknown |" in text
    assert "## Input problems\n\nNone.\n" in text


def test_github_slug_matches_githubs_rules() -> None:
    assert github_slug("Discrepancy 1. Error, contradiction: Talks' length") == (
        "discrepancy-1-error-contradiction-talks-length"
    )
    assert github_slug("Über 2 Stunden — Dauer") == "über-2-stunden--dauer"


def test_no_majority_line_when_every_outlet_stands_alone() -> None:
    report = build_report()
    index = ReportIndex.of(report)
    duration = next(d for d in report.discrepancies if d.rule == "duration-agree")
    split = duration.model_copy(update={"positions": [
        Position(label=index.outlet_of(claim), value=f"value {number}", claims=[claim.id])
        for number, claim in enumerate(index.discrepancy_claims(duration))
    ]})
    assert majority_line(split, index) is None
    two_and_two = split.model_copy(update={"positions": [
        Position(label="first pair", value="6 h",
                 claims=[c.id for c in index.discrepancy_claims(duration)[:2]]),
        Position(label="second pair", value="2 h",
                 claims=[c.id for c in index.discrepancy_claims(duration)[2:]]),
    ]})
    assert majority_line(two_and_two, index) == "2 outlets say 6 h; 2 say 2 h."


HOSTILE = st.text(
    alphabet=st.sampled_from([*"<>&[]()!#|*_`\\-+=.:/ \n\t", "\u200b", "\u202e", "a", "1"]),
    min_size=1, max_size=30,
)
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
OUR_LINK = re.compile(r"^\]\((?:#[a-z0-9_-]+|[A-Za-z0-9%./_~-]+(?:#L\d+)?)\)")


def _cells(line: str) -> int:
    return len(UNESCAPED_PIPE.findall(line))


@settings(max_examples=60, deadline=None)
@given(
    outlet=HOSTILE, title=HOSTILE, summary=HOSTILE, value=HOSTILE, before=HOSTILE,
    words=HOSTILE, after=HOSTILE, message=HOSTILE,
)
def test_hostile_text_in_every_field_cannot_change_the_layout(
    outlet: str, title: str, summary: str, value: str, before: str, words: str, after: str,
    message: str,
) -> None:
    report = build_report()
    claims = [
        claim.model_copy(update={"text": words, "evidence": before + words + after})
        if claim.article == "wire" else claim
        for claim in report.claims
    ]
    articles = [
        article.model_copy(update={"outlet": outlet}) if article.id == "wire" else article
        for article in report.articles
    ]
    discrepancies = [
        discrepancy.model_copy(update={
            "title": title, "summary": summary, "explanation": summary,
            "positions": [p.model_copy(update={"value": value}) for p in discrepancy.positions],
        })
        for discrepancy in report.discrepancies
    ]
    problems = [p.model_copy(update={"message": message}) for p in report.problems]
    hostile = report.model_copy(update={
        "claims": claims, "articles": articles, "discrepancies": discrepancies,
        "problems": problems, "story": report.story.model_copy(update={"title": title}),
    })
    text = render_markdown(hostile, report_path=REPORT_PATH)
    assert "<" not in text and "\u200b" not in text and "\u202e" not in text
    links = 0
    for match in re.finditer(r"(\\*)\]\(", text):
        if len(match.group(1)) % 2 == 0:  # an unescaped "](": it must be one of our links
            assert OUR_LINK.match(text[match.end(1):]), text[match.start():match.start() + 60]
            links += 1
    # Four articles, two discrepancies in the list, six claims in tables, one single-outlet fact.
    assert links == 4 + 2 + 6 + 1
    table_width = 0
    for line in text.splitlines():
        if line.startswith("#"):
            assert line.startswith(("# Fact check: ", "## ", "### Discrepancy ")), line
        if line.startswith("|"):
            if table_width == 0:
                table_width = _cells(line)
            assert _cells(line) == table_width, line
        else:
            table_width = 0


def test_a_fact_seen_by_two_rules_is_listed_once() -> None:
    report = build_report()
    single = next(fact for fact in report.facts if len(fact.claims) == 1)
    twin = single.model_copy(update={"id": single.id + "-twin", "rule": "another-rule"})
    doubled = report.model_copy(update={"facts": [*report.facts, twin]})
    text = render_markdown(doubled, report_path=REPORT_PATH)
    section = text.split("## Reported by one outlet only")[1].split("## Coverage")[0]
    coverage = text.split("## Coverage")[1]
    assert section == render_markdown(report, report_path=REPORT_PATH).split(
        "## Reported by one outlet only")[1].split("## Coverage")[0]
    assert coverage.count("| ") == render_markdown(report, report_path=REPORT_PATH).split(
        "## Coverage")[1].count("| ")


def _evidence_claim(evidence: str) -> Claim:
    return Claim(
        id=f"a:quantity:{len(evidence)}", article="a", kind="quantity", text="two",
        evidence=evidence, start=0, end=3, line=1,
        value=QuantityValue(range=(2, 2), unit="bridge", hedge="exact"),
    )


def test_fact_labels_use_the_articles_words_not_lemma_stems() -> None:
    claims = [
        _evidence_claim("Two bridges collapsed when the dam's gates were opened."),
        _evidence_claim("The flood damaged two bridges, officials said."),
    ]
    # Stems the lemmatiser leaves ("collaps") and bare lemmas ("open", "gate") read as the
    # inflected words of the evidence; a concept of several words and a term no sentence
    # holds are kept; a possessive is shown without its "'s".
    shown = display_terms(["collaps", "gate", "open", "dam", "touch down", "levee"], claims)
    assert shown == ["collapsed", "gates", "opened", "dam", "touch down", "levee"]


def test_fact_labels_keep_a_term_the_evidence_holds_as_it_is() -> None:
    claims = [_evidence_claim("The meeting was held after they met twice.")]
    # "meeting" is in the text: not replaced by "met", which is left for the term "meet".
    assert display_terms(["meeting", "meet"], claims) == ["meeting", "met"]
    assert display_terms([], claims) == []


def test_discrepancies_citing_the_same_claims_point_to_each_other() -> None:
    report = build_report()
    (first, second) = report.discrepancies
    shared = first.positions[0].claims[0]
    # another rule looking at the same claim (as a date rule and a time-of-day rule both do)
    twin = second.model_copy(update={"id": "d-twin", "rule": "time-of-day-agree", "positions": [
        Position(label="X", value="v", claims=[shared]),
    ]})
    ordered = [first, second, twin]
    assert related_discrepancies(ordered) == [[2], [], [0]]
    text = render_markdown(report.model_copy(update={"discrepancies": ordered}))
    assert text.count("Cites some of the same claims as [Discrepancy") == 2
    assert "(time-of-day-agree)." in text
    # the fixture's own two findings share no claim: no cross-reference
    assert "Cites some of the same claims" not in rendered()
