"""Bulk JSON Lines input: one article per line, cleaned like folder articles; a bad line is a
problem naming the file and line, and the lines after it are still read."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from factcheck.ingest.jsonl import read_jsonl
from factcheck.models import Article, Problem
from factcheck.rules import shipped_pack

STRIKE = (
    "Bus drivers in Lyon stopped work for 24 hours on Friday.\n"
    "The union said 900 drivers joined the strike.\n"
)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _line(**fields: object) -> str:
    return json.dumps(fields)


def test_reads_text_and_html_articles_with_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        _line(id="a1", outlet="Le Courrier", published="2025-05-16T08:00:00+02:00",
              url="https://example.org/a1", text=STRIKE, story="lyon-strike", language="fr"),
        _line(id="a2", outlet="City Wire", published="2025-05-16 10:30",
              timezone="Europe/Paris",
              html="<html><body><article><h1>Lyon buses halted</h1><p>Drivers walked out for"
                   " a full day on Friday &amp; 900 joined.</p></article></body></html>"),
    ])
    items = list(read_jsonl(path))
    assert all(isinstance(item, Article) for item in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.story == "lyon-strike" and first.outlet == "Le Courrier"
    assert first.language == "fr" and first.url == "https://example.org/a1"
    assert "Bus drivers in Lyon stopped work for 24 hours on Friday." in first.text
    assert isinstance(first.published, datetime) and first.published.utcoffset() is not None
    assert second.format == "html" and "&amp;" not in second.text and "900 joined" in second.text
    assert "<p>" not in second.text and second.title == "Lyon buses halted"
    assert isinstance(second.published, datetime)
    assert second.published.isoformat() == "2025-05-16T10:30:00+02:00"
    assert second.story is None
    # Offsets lead back into the original field, as for folder articles.
    start = second.text.index("900")
    lo, hi = second.offsets.span_to_original(start, start + 3)
    assert second.original[lo:hi] == "900"


def test_bad_lines_are_problems_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        "{not json",
        _line(id="x1", outlet="A"),  # neither text nor html
        _line(id="x2", text="Both.", html="<p>Both.</p>"),
        "[1, 2]",
        _line(id="x3", text=STRIKE, published="next Friday"),
        _line(id="x4", text=STRIKE, timezone="Mars/Olympus"),
        "",
        _line(id="ok", text=STRIKE, published="2025-05-16"),
        _line(id="ok", text=STRIKE),
        _line(id="ok2", text=STRIKE, author="J. Doe"),
    ])
    items = list(read_jsonl(path))
    problems = [item for item in items if isinstance(item, Problem)]
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == ["ok", "ok2"]
    assert articles[0].published == date(2025, 5, 16)
    assert [(p.line, p.severity) for p in problems] == [
        (1, "error"), (2, "error"), (3, "error"), (4, "error"), (5, "error"), (6, "error"),
        (9, "error"), (10, "warning"),
    ]
    assert all(p.file == path.as_posix() for p in problems)
    assert "not JSON" in problems[0].message
    assert "exactly one of 'text' or 'html'" in problems[1].message
    # The validator's own words, without pydantic's "Value error, " before them.
    assert all("Value error" not in p.message for p in problems)
    assert "published" in problems[4].message
    assert "already has the id 'ok'" in problems[6].message
    assert "author" in problems[7].message


def test_undecodable_line_and_naive_time_without_zone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "bad", "text": "caf\xe9"}\n'
        + _line(id="naive", text=STRIKE, published="2025-05-16T07:00").encode() + b"\n"
    )
    items = list(read_jsonl(path))
    assert isinstance(items[0], Problem) and "not UTF-8" in items[0].message
    assert isinstance(items[1], Problem) and items[1].severity == "warning"
    assert isinstance(items[2], Article) and items[2].published is not None
    assert isinstance(items[2].published, datetime)
    assert items[2].published.utcoffset() is not None


def test_streams_without_reading_ahead(tmp_path: Path) -> None:
    # The reader pulls one line at a time: a line appended after the first article came out
    # is still read, which it would not be had the file been read whole up front.
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_line(id="first", text=STRIKE).encode() + b"\n")
    stream = read_jsonl(path)
    first = next(stream)
    assert isinstance(first, Article) and first.id == "first"
    with path.open("ab") as extra:
        extra.write(_line(id="second", text=STRIKE).encode() + b"\n")
    assert [item.id for item in stream if isinstance(item, Article)] == ["second"]


def test_text_that_cleans_to_nothing_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, [_line(id="empty", text="   \n\n  ")])
    (item,) = read_jsonl(path)
    assert isinstance(item, Problem) and item.severity == "warning"


def test_run_groups_a_jsonl_pile_into_story_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.cli import main

    bridge = (
        "Engineers closed the Elbe bridge in Dresden on Monday after inspectors found cracks in"
        " two steel girders, the city transport office said. The crossing carries 30,000"
        " vehicles a day. Repairs are expected to take six weeks, and buses will be diverted"
        " over the Albert bridge while the work goes on, according to the Saxony roads agency."
    )
    fair = (
        "The Leipzig book fair opened on Monday with 2,000 exhibitors from 40 countries,"
        " organisers said. Poland is the guest country this year, and readings are planned in"
        " cafes and libraries across Leipzig until Sunday."
    )
    lines = [
        _line(id="wire-1", outlet="Wire", published="2025-02-10T09:00:00+01:00", text=bridge),
        _line(id="site-1", outlet="Site", published="2025-02-10T11:00:00+01:00",
              text=bridge.replace("on Monday", "on Monday morning")),
        _line(id="fair", outlet="Culture Desk", published="2025-02-10T10:00:00+01:00",
              text=fair),
        "{broken",
    ]
    path = _write(tmp_path, lines)
    rules = shipped_pack()
    monkeypatch.chdir(tmp_path)
    code = main(["run", "--jsonl", str(path), "--out", str(tmp_path / "out"), "--rules",
                 str(rules), "--fail-on", "never", "--no-cache"])
    captured = capsys.readouterr()
    assert code == 2  # the broken line is an input error; the rest is still reported
    assert "feed.jsonl:4: not JSON" in captured.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["auto-fair", "auto-wire-1"]
    report = json.loads((tmp_path / "out" / "auto-wire-1" / "report.json").read_text())
    assert sorted(a["id"] for a in report["articles"]) == ["site-1", "wire-1"]
    notes = [p["message"] for p in report["problems"]]
    assert len(notes) == 1 and notes[0].startswith("copies: copy of wire-1 (Wire)")
    fair_report = json.loads((tmp_path / "out" / "auto-fair" / "report.json").read_text())
    assert fair_report["problems"] == []


def test_jsonl_piles_use_the_process_pool_and_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck import pipeline
    from factcheck.cli import main

    flood = (
        "The river Oder burst its banks near Wroclaw on Sunday, and about 4,000 people were"
        " evacuated, the regional governor said. Water levels peaked at 6.4 metres overnight."
    )
    lines = [
        _line(id="a", outlet="Agency", published="2024-09-16T08:00:00+02:00", text=flood),
        _line(id="b", outlet="Radio", published="2024-09-16T09:00:00+02:00",
              text=flood.replace("about 4,000", "some 40,000")),
    ]
    path = _write(tmp_path, lines)
    rules = shipped_pack()
    monkeypatch.chdir(tmp_path)
    common = ["run", "--jsonl", str(path), "--rules", str(rules), "--fail-on", "never"]
    assert main([*common, "--out", "serial", "--no-cache"]) == 0
    assert main([*common, "--out", "pool", "--jobs", "2", "--cache-dir", "cache"]) == 0
    for name in ("report.json", "report.md"):
        assert (tmp_path / "serial" / "auto-a" / name).read_bytes() == (
            tmp_path / "pool" / "auto-a" / name
        ).read_bytes()
    calls: list[str] = []
    real = pipeline.analyse_article
    monkeypatch.setattr(pipeline, "analyse_article",
                        lambda a, *model: calls.append(a.id) or real(a, *model))
    assert main([*common, "--out", "again", "--cache-dir", "cache"]) == 0
    assert calls == []  # every article came from the cache


def test_pool_workers_do_not_inherit_the_piles_grouping_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes are forked copies of the parent: forked once the first pass has
    grouped the pile, each would hold every article's record for the whole run. Each worker
    looks for this pile's records in its own memory while it extracts."""
    import gc
    import os

    from factcheck import pipeline
    from factcheck.cli import main
    from factcheck.grouping import ArticleRecord

    lines = [
        _line(id=f"fork-probe-{number}", story=f"probe-{number % 3}", outlet=f"Outlet {number}",
              published="2025-05-16T08:00:00+02:00", text=STRIKE)
        for number in range(12)
    ]
    path = _write(tmp_path, lines)
    log = tmp_path / "workers.log"
    real = pipeline.analyse_article

    def probing(article: Article, *model: str) -> list[object]:
        held = sum(1 for thing in gc.get_objects()
                   if isinstance(thing, ArticleRecord) and thing.id.startswith("fork-probe-"))
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {held}\n")
        return real(article, *model)  # type: ignore[return-value]

    # Set before the run, so forked workers carry the probe (the function is looked up in the
    # worker by name, not sent to it).
    monkeypatch.setattr(pipeline, "analyse_article", probing)
    rules = shipped_pack()
    code = main(["run", "--jsonl", str(path), "--rules", str(rules), "--out",
                 str(tmp_path / "out"), "--jobs", "2", "--no-cache", "--quiet",
                 "--fail-on", "never"])
    assert code == 0
    probes = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(probes) == len(lines)
    assert {pid for pid, _ in probes} - {str(os.getpid())}, "no article reached a worker"
    assert all(pid != str(os.getpid()) for pid, _ in probes)
    assert [held for _, held in probes] == ["0"] * len(lines)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["probe-0", "probe-1",
                                                                   "probe-2"]


def _mixed_pile(tmp_path: Path) -> Path:
    """Given story ids and loose articles, a wire copy, HTML, a warning and a broken line."""
    ferry = (
        "A ferry carrying 312 passengers ran aground off Bastia in Corsica on Tuesday evening,"
        " the coastguard said. All passengers were taken ashore by 23:40 and 14 people were"
        " treated for minor injuries. The vessel, operated by Tyrrhenia Lines, had left"
        " Livorno four hours earlier; divers were inspecting the hull on Wednesday."
    )
    ferry_own = (
        "Rescuers brought about 300 people off the stranded Tyrrhenia Lines ferry near Bastia"
        " overnight, Corsica's prefecture said, adding that 12 people were hurt. The ship had"
        " sailed from Livorno on Tuesday afternoon."
    )
    vote = (
        "Voters in Tartu approved a new tram line by 58 percent in Sunday's referendum, the"
        " Estonian city's election office said. Turnout was 41 percent. Construction of the"
        " 7-kilometre line is due to start next spring and to take three years."
    )
    return _write(tmp_path, [
        _line(id="wire-9", outlet="Wire", published="2025-03-11T21:00:00+01:00", text=ferry),
        _line(id="site-3", outlet="Site", published="2025-03-11T22:30:00+01:00",
              text=ferry.replace("Tuesday evening", "Tuesday night")),
        _line(id="isle", outlet="Isle Radio", published="2025-03-12T07:00:00+01:00",
              text=ferry_own, extra="ignored"),
        "{broken",
        _line(id="tartu", outlet="Baltic Desk", published="2025-03-16", story="tartu vote",
              html=f"<html><body><h1>Tartu says yes to trams</h1><p>{vote}</p></body></html>"),
        _line(id="tartu-2", outlet="Local", published="2025-03-16", story="tartu vote",
              text=vote.replace("58 percent", "62 percent")),
        _line(id="alone", outlet="Other", published="2025-03-12", text=vote.replace(
            "Tartu", "Narva")),
    ])


def test_two_pass_loaders_give_the_same_reports_as_the_whole_pile(tmp_path: Path) -> None:
    from functools import partial

    from factcheck.copies import mark_copies
    from factcheck.grouping import group_stories, jsonl_loaders
    from factcheck.pipeline import compare_stories
    from factcheck.report import render
    from factcheck.rules import load_rules

    path = _mixed_pile(tmp_path)
    rules = load_rules([shipped_pack()])
    # Today's path before streaming: the whole pile in memory, grouped, copies marked.
    items = list(read_jsonl(path))
    whole = [mark_copies(story) for story in group_stories(
        [item for item in items if isinstance(item, Article)], path.as_posix())]
    before = list(compare_stories([partial(lambda s: s, story) for story in whole], rules))
    loaders, problems = jsonl_loaders(path)
    after = list(compare_stories(loaders, rules))
    assert problems == [item for item in items if isinstance(item, Problem)]
    assert [p.line for p in problems] == [3, 4]
    assert len(before) == len(after) == 3
    for old, new in zip(before, after, strict=True):
        assert not isinstance(old, Exception) and not isinstance(new, Exception)
        for fmt in ("json", "md"):
            assert render(old, fmt, rules=rules) == render(new, fmt, rules=rules)
    ids = {report.story.id: [a.id for a in report.articles] for report in after
           if not isinstance(report, Exception)}
    assert ids == {"auto-alone": ["alone"], "auto-wire-9": ["isle", "site-3", "wire-9"],
                   "tartu-vote": ["tartu", "tartu-2"]}
    copies = {a.id: a.copy_of for load in loaders for a in load().articles}
    assert copies["site-3"] == "wire-9" and copies["isle"] is None


def test_a_loader_reads_only_its_own_lines(tmp_path: Path) -> None:
    from factcheck.errors import InputError
    from factcheck.grouping import jsonl_loaders

    path = _mixed_pile(tmp_path)
    loaders, _ = jsonl_loaders(path)
    data = path.read_bytes()
    # Spoil the lines of every story but the first: the first still loads whole.
    first = loaders[0]()
    keep = {a.path for a in first.articles}
    lines = data.split(b"\n")
    spoiled = [line if f"#{n}" in keep or not line else b"x" * len(line)
               for n, line in enumerate(lines, start=1)]
    path.write_bytes(b"\n".join(spoiled))
    assert loaders[0]().model_dump() == first.model_dump()
    with pytest.raises(InputError, match="changed"):
        loaders[1]()
