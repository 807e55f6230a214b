"""Loading story folders: manifest, front matter, HTML, decoding, and isolation of bad files."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hostile.corpus import write

from factcheck.errors import InputError
from factcheck.ingest import load_story
from factcheck.ingest.manifest import ManifestError, parse_when

ARTICLE_A = """\
Wildfire forces evacuations near the coast

Firefighters battled a wildfire that had burned 3,400 hectares by Tuesday evening, the
regional authority said.

About 900 people left their homes overnight.
"""

ARTICLE_B = """\
Fire crews gain ground on coastal blaze

Crews contained a fire that burned about 3,000 hectares, officials said on Wednesday.
"""


# --------------------------------------------------------------------------- manifest


def test_manifest_order_metadata_and_unlisted_files(tmp_path: Path) -> None:
    story_dir = tmp_path / "fire-2023"
    write(story_dir / "story.yaml", """\
title: Coastal wildfire
timezone: Europe/Athens
articles:
  - file: b_second.txt
    outlet: Daily Example
    published: 2023-08-02T09:15:00+03:00
    timezone: Europe/Istanbul
  - file: a_first.txt
    outlet: Example Wire
    published: "2023-08-01 21:00"
    url: https://example.org/fire
    language: en
""")
    write(story_dir / "a_first.txt", ARTICLE_A)
    write(story_dir / "b_second.txt", ARTICLE_B)
    write(story_dir / "c_unlisted.txt", "A third report. It says 2,000 hectares.\n")
    write(story_dir / "notes.json", "{}")  # not an article format

    story = load_story(story_dir)

    assert story.id == "fire-2023"
    assert story.title == "Coastal wildfire"
    assert story.timezone == "Europe/Athens"
    assert [a.id for a in story.articles] == ["b_second", "a_first", "c_unlisted"]
    second, first, unlisted = story.articles
    assert second.outlet == "Daily Example"
    assert second.timezone == "Europe/Istanbul"
    assert second.published == datetime.fromisoformat("2023-08-02T09:15:00+03:00")
    # A naive time is read in the article's zone, else the story's.
    assert isinstance(first.published, datetime)
    assert first.published.utcoffset() == timedelta(hours=3)
    assert first.published.hour == 21
    assert first.timezone == "Europe/Athens"
    assert first.url == "https://example.org/fire"
    assert first.path == "a_first.txt"
    assert unlisted.outlet is None
    assert [(p.file, p.severity) for p in story.problems] == [
        (f"{story_dir.as_posix()}/c_unlisted.txt", "warning")
    ]
    assert "not listed in story.yaml" in story.problems[0].message


def test_article_text_is_clean_and_maps_back(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", ARTICLE_A)
    [article] = load_story(tmp_path / "s").articles
    assert article.original == ARTICLE_A
    assert article.format == "text"
    assert "burned 3,400 hectares by Tuesday evening, the regional authority said." in article.text
    start = article.text.index("3,400 hectares")
    a, b = article.offsets.span_to_original(start, start + len("3,400 hectares"))
    assert article.original[a:b] == "3,400 hectares"
    assert article.line_of(a) == 3


def test_no_manifest_loads_every_article_without_warnings(tmp_path: Path) -> None:
    write(tmp_path / "s" / "b.md", "# Title B\n\nText b. More.\n")
    write(tmp_path / "s" / "a.txt", "Text a.\n")
    write(tmp_path / "s" / "README.md", "# About this folder\n")
    write(tmp_path / "s" / ".hidden.txt", "hidden\n")
    story = load_story(tmp_path / "s")
    assert [a.id for a in story.articles] == ["a", "b"]
    assert story.problems == []
    assert story.articles[1].title == "Title B"
    assert story.articles[1].format == "markdown"


def test_published_date_alone_and_zone_name(tmp_path: Path) -> None:
    assert parse_when("2024-03-05", None) == date(2024, 3, 5)
    named = parse_when("2024-03-05T08:30 America/Chicago", None)
    assert isinstance(named, datetime)
    assert named.utcoffset() == timedelta(hours=-6)
    assert parse_when("2024-03-05T08:30:00Z", "Asia/Tokyo").utcoffset() == timedelta(0)
    naive_in_zone = parse_when("2024-07-05T08:30", "Asia/Tokyo")
    assert isinstance(naive_in_zone, datetime)
    assert naive_in_zone.utcoffset() == timedelta(hours=9)
    with pytest.raises(ValueError):
        parse_when("last Tuesday", None)
    with pytest.raises(ValueError):
        parse_when("2024-03-05T08:30 Mars/Olympus", None)


def test_naive_time_without_any_zone_is_utc_with_a_warning(tmp_path: Path) -> None:
    manifest = "articles:\n  - file: a.txt\n    published: 2024-01-02T10:00\n"
    write(tmp_path / "s" / "story.yaml", manifest)
    write(tmp_path / "s" / "a.txt", "Text.\n")
    story = load_story(tmp_path / "s")
    assert story.articles[0].published == datetime.fromisoformat("2024-01-02T10:00+00:00")
    assert story.problems[0].severity == "warning"
    assert "no offset" in story.problems[0].message


# --------------------------------------------------------------------------- invalid manifest


def test_unknown_manifest_key_is_fatal_with_position_and_suggestion(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", "Text.\n")
    write(tmp_path / "s" / "story.yaml", """\
title: Storm
articles:
  - file: a.txt
    outlett: Example Wire
    publised: "2024-01-01"
""")
    with pytest.raises(ManifestError) as caught:
        load_story(tmp_path / "s")
    error = caught.value
    assert isinstance(error, InputError)
    assert error.file == f"{(tmp_path / 's').as_posix()}/story.yaml"
    assert (error.line, error.column) == (4, 5)
    assert "unknown key 'outlett' (did you mean 'outlet'?)" in error.message
    assert [(e.line, e.column) for e in error.errors] == [(4, 5), (5, 5)]
    assert "did you mean 'published'?" in error.errors[1].message
    assert str(error).startswith(f"{error.file}:4:5: ")


def test_bad_zone_and_date_point_at_the_value(tmp_path: Path) -> None:
    write(tmp_path / "s" / "story.yaml", """\
timezone: Europe/Atlantis
articles:
  - file: a.txt
    published: "19 June, probably"
""")
    with pytest.raises(ManifestError) as caught:
        load_story(tmp_path / "s")
    found = [(e.line, e.column, e.message.split(":")[0]) for e in caught.value.errors]
    assert found == [(1, 11, "timezone"), (4, 16, "published")]


def test_manifest_yaml_syntax_error(tmp_path: Path) -> None:
    write(tmp_path / "s" / "story.yaml", "title: [unclosed\narticles: []\n")
    with pytest.raises(InputError) as caught:
        load_story(tmp_path / "s")
    assert caught.value.line is not None
    assert "invalid YAML" in caught.value.message


def test_missing_story_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_story(tmp_path / "nowhere")


# --------------------------------------------------------------------------- front matter

FRONT = """\
---
outlet: Harbour Gazette
published: 2024-02-10T07:00:00+01:00
title: Ferry service resumes
---
Ferry service resumes

The ferry resumed sailing after 11 days, the operator said.
"""


def test_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    write(tmp_path / "s" / "ferry.md", FRONT)
    [article] = load_story(tmp_path / "s").articles
    assert article.outlet == "Harbour Gazette"
    assert article.title == "Ferry service resumes"
    assert article.published == datetime.fromisoformat("2024-02-10T07:00:00+01:00")
    assert "outlet" not in article.text
    assert article.text.startswith("Ferry service resumes\n\nThe ferry resumed")
    start = article.text.index("11 days")
    a, _ = article.offsets.span_to_original(start, start + 7)
    assert article.original[a: a + 7] == "11 days"
    assert article.line_of(a) == 8  # lines of the file, front matter included


def test_manifest_wins_over_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "s" / "ferry.md", FRONT)
    write(tmp_path / "s" / "story.yaml", "articles:\n  - file: ferry.md\n    outlet: Wire Copy\n")
    [article] = load_story(tmp_path / "s").articles
    assert article.outlet == "Wire Copy"
    assert article.title == "Ferry service resumes"


def test_invalid_front_matter_is_a_located_problem(tmp_path: Path) -> None:
    write(tmp_path / "s" / "bad.md", "---\noutlet: X\npublishd: 2024-01-01\n---\nText.\n")
    write(tmp_path / "s" / "good.txt", "Text.\n")
    story = load_story(tmp_path / "s")
    assert [a.id for a in story.articles] == ["good"]
    [problem] = story.problems
    assert (problem.line, problem.column, problem.severity) == (3, 1, "error")
    assert "did you mean 'published'?" in problem.message


def test_a_leading_rule_is_not_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.md", "---\nJust a line.\n---\nText here.\n")
    story = load_story(tmp_path / "s")
    assert story.problems == []
    assert "Just a line." in story.articles[0].text


# --------------------------------------------------------------------------- HTML

PAGE = """<html><head><title>Rail strike called off | Example Times</title></head>
<body><nav><ul><li>Home</li><li>Politics</li></ul></nav>
<div class="story">
<h1>Rail strike called off</h1>
<p>Train drivers called off a 48-hour strike on Thursday after talks that lasted
until 3&nbsp;a.m., the union said.</p>
<p>The company offered a 5&percnt; rise, up from 3.5&percnt; in its previous offer, and
promised to hire 400 new drivers this year.</p>
<script>trackPageView();</script>
</div>
<div class="share">Share this article</div>
</body></html>
"""


def test_html_article(tmp_path: Path) -> None:
    write(tmp_path / "s" / "rail.html", PAGE)
    [article] = load_story(tmp_path / "s").articles
    assert article.format == "html"
    assert article.title == "Rail strike called off"
    assert article.original == PAGE
    assert article.text.split("\n\n")[0] == "Rail strike called off"
    assert "lasted until 3 a.m., the union said." in article.text
    assert "5% rise, up from 3.5% in its previous offer" in article.text
    for junk in ("Home", "Politics", "trackPageView", "Share"):
        assert junk not in article.text
    start = article.text.index("48-hour strike")
    a, b = article.offsets.span_to_original(start, start + len("48-hour strike"))
    assert PAGE[a:b] == "48-hour strike"
    assert article.line_of(a) == 5


# --------------------------------------------------------------------------- isolation


def test_broken_articles_become_problems_and_the_rest_load(tmp_path: Path) -> None:
    story_dir = tmp_path / "s"
    outside = write(tmp_path / "outside.txt", "Secret text outside the story.\n")
    write(story_dir / "good.txt", ARTICLE_B)
    write(story_dir / "empty.txt", "")
    write(story_dir / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (story_dir / "folder.txt").mkdir()
    os.symlink(story_dir / "gone.txt", story_dir / "dangling.txt")
    os.symlink(outside, story_dir / "escape.txt")
    write(story_dir / "story.yaml", f"""\
articles:
  - file: good.txt
  - file: missing.txt
  - file: ../outside.txt
  - file: {outside}
  - file: empty.txt
  - file: binary.txt
  - file: folder.txt
  - file: dangling.txt
  - file: escape.txt
""")
    story = load_story(story_dir)
    assert [a.id for a in story.articles] == ["good"]
    shown = story_dir.as_posix() + "/"
    assert [(p.file.removeprefix(shown), p.message) for p in story.problems] == [
        ("missing.txt", "file not found"),
        ("../outside.txt", "path leads outside the story folder; not read"),
        (str(outside), "absolute path; give the path relative to the story folder"),
        ("empty.txt", "file is empty"),
        ("binary.txt", "binary file (contains NUL bytes), not a text article"),
        ("folder.txt", "is a folder, not an article file"),
        ("dangling.txt", "broken symbolic link"),
        ("escape.txt", "path leads outside the story folder; not read"),
    ]
    assert all(p.severity == "error" for p in story.problems)


def test_same_stem_gets_a_distinct_id(tmp_path: Path) -> None:
    write(tmp_path / "s" / "report.txt", "Text one.\n")
    write(tmp_path / "s" / "report.md", "Text two.\n")
    story = load_story(tmp_path / "s")
    assert [a.id for a in story.articles] == ["report", "report.txt"]
    assert story.problems[0].severity == "warning"


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("raw", "warning"),
    [
        ("Café prices rose 4%.\n".encode(), None),
        ("\ufeffCafé prices rose 4%.\n".encode(), None),
        ("\ufeffCafé prices rose 4%.\n".encode("utf-16-le"), None),
        ("Café prices rose 4%.\n".encode("utf-16"), None),
        ("Café prices rose 4% – “record”.\n".encode("cp1252"), "Windows-1252"),
    ],
)
def test_decoding(tmp_path: Path, raw: bytes, warning: str | None) -> None:
    write(tmp_path / "s" / "a.txt", raw)
    story = load_story(tmp_path / "s")
    [article] = story.articles
    assert article.original.startswith("Café prices rose 4%")
    assert "\ufeff" not in article.original
    if warning is None:
        assert story.problems == []
    else:
        assert warning in story.problems[0].message
        assert story.problems[0].severity == "warning"


# --------------------------------------------------------------------------- a lone file


def test_load_article_file_reads_front_matter(tmp_path: Path) -> None:
    from factcheck.ingest import load_article_file

    path = write(tmp_path / "ferry.md", FRONT)
    article = load_article_file(path)
    assert article.id == "ferry"
    assert article.outlet == "Harbour Gazette"
    assert "11 days" in article.text


def test_load_article_file_errors_are_input_errors(tmp_path: Path) -> None:
    from factcheck.ingest import load_article_file

    with pytest.raises(InputError, match="file not found"):
        load_article_file(tmp_path / "none.txt")
    with pytest.raises(InputError, match="file is empty"):
        load_article_file(write(tmp_path / "empty.txt", ""))
