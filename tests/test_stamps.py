"""Page furniture (#15): publication and update stamps, datelines, bylines, credits, related
links and live-blog times are article metadata, never claims; a missing `published` is read
from the article's own stamp or dateline. Every sentence here is our own."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from factcheck.extract import extract_mentions
from factcheck.ingest.clean import clean_article
from factcheck.ingest.jsonl import read_jsonl
from factcheck.ingest.loader import load_story
from factcheck.ingest.stamps import read_dateline, read_stamp
from factcheck.models import Article, ArticleRef, Context, Report, Stamp, StoryRef
from factcheck.report.markdown import render_markdown
from factcheck.resources import load_table

# --------------------------------------------------------------------------- the table's examples


def _stamp_examples() -> list[dict[str, str]]:
    return list(load_table("stamps")["examples"]["stamps"])


def _dateline_examples() -> list[dict[str, str]]:
    return list(load_table("stamps")["examples"]["datelines"])


@pytest.mark.parametrize("example", _stamp_examples(), ids=lambda e: e["line"])
def test_stamp_examples(example: dict[str, str]) -> None:
    reading = read_stamp(example["line"])
    assert (reading.kind if reading else None) == example["kind"]
    if "resolved" in example:
        assert reading is not None
        resolved = reading.parts.resolve("UTC")
        assert resolved is not None and resolved.isoformat() == example["resolved"]


@pytest.mark.parametrize("example", _dateline_examples(), ids=lambda e: e["line"])
def test_dateline_examples(example: dict[str, str]) -> None:
    dateline = read_dateline(example["line"])
    found = example["line"][:dateline.end].rstrip() if dateline else None
    assert found == example["dateline"]
    if dateline is not None:
        assert dateline.standalone == bool(example.get("standalone", False))


def test_bare_date_is_a_stamp_only_near_the_top() -> None:
    assert read_stamp("Thursday, 12 June 2031", early=True) is not None
    assert read_stamp("Thursday, 12 June 2031", early=False) is None  # a timeline heading
    assert read_stamp("12 June", early=True) is None  # too little to call furniture
    reading = read_stamp("Thursday, 12 June 2031 08:40 BST", early=False)
    assert reading is not None and reading.kind == "liveblog"


def test_a_headline_with_a_dateline_shape_is_not_a_standalone_dateline() -> None:
    assert read_dateline("Quito, 7 Apr", first=True) is None


def test_long_lines_are_read_in_linear_time() -> None:
    lines = [
        "Updated " + "1 " * 500_000,
        "LONDON " * 150_000 + "(Wire) - x",
        "March 4, 2031, " * 70_000,
        "(" * 1_000_000,
        "A" * 1_000_000 + " - B",
    ]
    for line in lines:
        began = time.perf_counter()
        assert read_stamp(line) is None
        read_dateline(line)
        clean_article("Headline\n\n" + line + "\n\nThe ferry left at noon.\n")
        assert time.perf_counter() - began < 5, line[:20]


# --------------------------------------------------------------------------- in the cleaner

PAGE = """\
Ferry strike ends after two days
PUBLISHED: THURSDAY, JUNE 12, 2031, 4:15 PM
Updated 6:40 p.m. ET
By Ana Lima, Staff Writer

OSLO (Examplewire) - Ferry crews returned to work on Thursday after a 48-hour strike.

Photo: Examplewire
(AP Photo/Tom Berg)

The union said 340 members had walked out.

Share this article

17:05 GMT

The law passed on Tuesday, March 4, 2031.
Related: Port workers threaten new strike
"""


def test_furniture_leaves_the_text_and_is_kept_as_stamps() -> None:
    cleaned = clean_article(PAGE)
    text = cleaned.mapped.text
    for furniture in ("PUBLISHED", "Updated", "Ana Lima", "OSLO", "Examplewire", "Tom Berg",
                      "Share", "17:05", "Related"):
        assert furniture not in text
    assert "Ferry crews returned to work on Thursday after a 48-hour strike." in text
    assert "The union said 340 members had walked out." in text
    assert "The law passed on Tuesday, March 4, 2031." in text
    assert "Ferry strike ends after two days" in text
    found = [(stamp.kind, PAGE[stamp.start:stamp.end]) for stamp in cleaned.stamps]
    assert found == [
        ("published", "PUBLISHED: THURSDAY, JUNE 12, 2031, 4:15 PM"),
        ("updated", "Updated 6:40 p.m. ET"),
        ("byline", "By Ana Lima, Staff Writer"),
        ("dateline", "OSLO (Examplewire) -"),
        ("credit", "Photo: Examplewire"),
        ("credit", "(AP Photo/Tom Berg)"),
        ("related", "Share this article"),
        ("liveblog", "17:05 GMT"),
        ("related", "Related: Port workers threaten new strike"),
    ]


def test_a_line_of_furniture_pieces_is_split_into_stamps() -> None:
    text = ("Ferry strike ends\nBy Ana Lima | Published June 12, 2031 | Updated 6:40 p.m.\n\n"
            "Crews went back. The vote was 40 | 12.\n")
    cleaned = clean_article(text)
    assert [(stamp.kind, text[stamp.start:stamp.end]) for stamp in cleaned.stamps] == [
        ("byline", "By Ana Lima"), ("published", "Published June 12, 2031"),
        ("updated", "Updated 6:40 p.m."),
    ]
    assert cleaned.mapped.text == "Ferry strike ends\n\nCrews went back. The vote was 40 | 12."


def test_html_datelines_and_stamps() -> None:
    page = ("<html><body><article><h1>Ferry strike ends</h1><p>Updated 6:40 p.m. ET</p>"
            "<p>OSLO (Examplewire) - Crews returned on Thursday.</p></article></body></html>")
    cleaned = clean_article(page, "html")
    assert cleaned.mapped.text == "Ferry strike ends\n\nCrews returned on Thursday."
    assert [(stamp.kind, page[stamp.start:stamp.end]) for stamp in cleaned.stamps] == [
        ("updated", "Updated 6:40 p.m. ET"), ("dateline", "OSLO (Examplewire) -"),
    ]


def test_no_time_claim_comes_from_a_stamp() -> None:
    cleaned = clean_article(PAGE)
    mentions = extract_mentions(cleaned.mapped.text, Context(timezone="Europe/Oslo"))
    times = [mention.text for mention in mentions if mention.kind == "time"]
    # The sentence that merely contains a date is a claim; no stamp is.
    assert "Tuesday, March 4, 2031" in times or "March 4, 2031" in times
    assert not any("June" in text or "16:15" in text or "17:05" in text for text in times)


@pytest.mark.parametrize("line", [
    "Storm closes ports on Thursday, June 12, 2031",  # a headline holding a date
    "By the end of the year, prices rose",
    "The law passed on Tuesday, March 4, 2031.",
    "At 10:42 GMT the first ferry sailed.",
])
def test_sentences_holding_dates_stay_text(line: str) -> None:
    cleaned = clean_article(f"{line}\n\nCrews went back to work on Friday.\n")
    assert line in cleaned.mapped.text
    assert cleaned.stamps == ()


def test_a_dateline_deep_in_the_article_is_left_alone() -> None:
    body = "\n\n".join(f"Paragraph {n} says the crews met again." for n in range(15))
    cleaned = clean_article(f"{body}\n\nOSLO (Examplewire) - Crews met at noon.\n")
    assert "OSLO (Examplewire) - Crews met at noon." in cleaned.mapped.text


# --------------------------------------------------------------------------- published inferred


def _story(tmp_path: Path, text: str, manifest: str | None = None) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    if manifest is not None:
        (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    return folder


def test_published_from_the_articles_stamp(tmp_path: Path) -> None:
    manifest = "timezone: Europe/Oslo\narticles:\n  - file: a.txt\n"
    story = load_story(_story(tmp_path, PAGE, manifest))
    article = story.articles[0]
    assert article.published == datetime.fromisoformat("2031-06-12T16:15:00+02:00")
    assert article.published_from == "stamp"
    published = article.stamps[0]
    assert (published.kind, published.line) == ("published", 2)
    assert article.stamps[1].kind == "updated" and article.stamps[1].resolved is None
    assert story.problems == []


def test_updated_stamp_is_not_the_publication_date(tmp_path: Path) -> None:
    text = "Ferry strike ends\nLast modified: 19 June 2031\n\nCrews returned on Thursday.\n"
    article = load_story(_story(tmp_path, text)).articles[0]
    assert article.published is None and article.published_from is None
    assert [stamp.kind for stamp in article.stamps] == ["updated"]
    assert article.stamps[0].resolved == date(2031, 6, 19)


def test_published_from_the_dateline(tmp_path: Path) -> None:
    text = "Ferry strike ends\n\nLyon, 5 May 2031 (Example Agency) -- Crews returned.\n"
    article = load_story(_story(tmp_path, text)).articles[0]
    assert article.published == date(2031, 5, 5) and article.published_from == "dateline"
    assert article.text.endswith("Crews returned.")


def test_manifest_and_stamp_a_week_apart_is_a_problem(tmp_path: Path) -> None:
    manifest = 'articles:\n  - file: a.txt\n    published: "2031-06-19"\n'
    story = load_story(_story(tmp_path, PAGE, manifest))
    article = story.articles[0]
    assert article.published == date(2031, 6, 19) and article.published_from == "manifest"
    [problem] = story.problems
    assert problem.severity == "warning" and problem.line == 2
    assert "7 days apart" in problem.message and "metadata's date is used" in problem.message


def test_manifest_and_stamp_a_day_apart_agree(tmp_path: Path) -> None:
    manifest = 'articles:\n  - file: a.txt\n    published: "2031-06-13"\n'
    story = load_story(_story(tmp_path, PAGE, manifest))
    assert story.problems == [] and story.articles[0].published_from == "manifest"


def test_jsonl_article_takes_its_stamp(tmp_path: Path) -> None:
    path = tmp_path / "pile.jsonl"
    lines = [
        {"id": "x1", "text": "Ferry strike ends\nSunday, 15 June 2031\n\nCrews went back.\n"},
        {"id": "x2", "published": "2031-06-01", "text": PAGE},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if not isinstance(item, Article)]
    assert articles[0].published == date(2031, 6, 15) and articles[0].published_from == "stamp"
    assert articles[1].published == date(2031, 6, 1)
    assert len(problems) == 1 and "11 days apart" in problems[0].message


def test_markdown_says_where_an_inferred_date_comes_from() -> None:
    stamp = Stamp(kind="published", value="Sunday, 15 June 2031", resolved=date(2031, 6, 15),
                  line=3, start=20, end=40)
    report = Report(
        story=StoryRef(id="s"),
        articles=[ArticleRef(id="a", path="s/a.txt", published=date(2031, 6, 15),
                             published_from="stamp", stamps=[stamp])],
        claims=[], discrepancies=[],
    )
    assert "2031-06-15, from the article's stamp, line 3" in render_markdown(report)


def test_repeated_lines_count_towards_the_top_of_the_page() -> None:
    # Repeated lines are dropped as duplicates, yet they are still lines of the page: a bare
    # date after many of them is no longer "under the headline".
    text = "Crews met.\n" * 13 + "Thursday, 12 June 2031\n"
    cleaned = clean_article(text)
    assert cleaned.stamps == () and "Thursday, 12 June 2031" in cleaned.mapped.text
