"""The claim cache: unchanged articles are not re-extracted, anything that could change their
claims misses, and a broken cache never breaks a run."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck.pipeline
from factcheck.cache import ClaimCache, article_key
from factcheck.cli import main
from factcheck.ingest import load_story
from factcheck.models import Article, Claim
from factcheck.parallel import SerialEngine
from factcheck.pipeline import run_stories
from factcheck.report import render
from factcheck.rules import load_rules, shipped_pack

ROOT = Path(__file__).resolve().parent.parent

MANIFEST = """title: Stadium roof collapse
timezone: America/Chicago
articles:
  - file: wire.txt
    outlet: Prairie Wire
    published: "2023-02-14"
  - file: paper.txt
    outlet: River City Paper
    published: "2023-02-14"
"""
WIRE = """Roof collapses at stadium

Part of the stadium roof fell in at 18:40 local time on Monday, the fire department said.
Officials said 7 people were killed and 41 people were injured.
The rescue operation lasted about five hours.
"""
PAPER = """Deadly collapse at city stadium

The roof gave way at about 6:40 p.m. on Monday.
The fire department said 19 people were killed. Hospitals treated 41 people.
"""


def write_story(folder: Path, wire: str = WIRE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "wire.txt").write_text(wire, encoding="utf-8")
    (folder / "paper.txt").write_text(PAPER, encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Article ids extracted, counted where workers call the extractor."""
    calls: list[str] = []
    real = factcheck.pipeline.analyse_article

    def counting(article: Article, *model: str) -> list[Claim]:
        calls.append(article.id)
        return real(article, *model)

    monkeypatch.setattr(factcheck.pipeline, "analyse_article", counting)
    return calls


def rendered(story: Path, cache: ClaimCache | None) -> str:
    rules = load_rules([shipped_pack()])
    [report] = list(run_stories([story], rules, SerialEngine(), cache))
    assert not isinstance(report, Exception)
    return render(report, "md", rules=rules) + render(report, "json", rules=rules)


def test_second_run_extracts_nothing_and_reports_the_same(
    tmp_path: Path, counted: list[str]
) -> None:
    story = write_story(tmp_path / "stadium")
    fresh = rendered(story, None)
    assert sorted(counted) == ["paper", "wire"]
    cache = ClaimCache(tmp_path / "cache")
    first = rendered(story, cache)
    assert (cache.hits, cache.misses) == (0, 2)
    counted.clear()
    again = ClaimCache(tmp_path / "cache")
    second = rendered(story, again)
    assert counted == []
    assert (again.hits, again.misses) == (2, 0)
    assert fresh == first == second
    assert "count-agree" in fresh


def test_seed_story_from_cache_is_byte_identical(tmp_path: Path) -> None:
    seed = ROOT / "inputs" / "putin-kim-2024"
    fresh = rendered(seed, None)
    rendered(seed, ClaimCache(tmp_path / "cache"))
    cache = ClaimCache(tmp_path / "cache")
    assert rendered(seed, cache) == fresh
    assert cache.misses == 0 and cache.hits == 5


def test_only_the_changed_article_is_extracted_again(tmp_path: Path, counted: list[str]) -> None:
    story = write_story(tmp_path / "stadium")
    rendered(story, ClaimCache(tmp_path / "cache"))
    counted.clear()
    write_story(story, WIRE.replace("7 people", "9 people"))
    report = rendered(story, ClaimCache(tmp_path / "cache"))
    assert counted == ["wire"]
    assert "9 people" in report and "7 people" not in report


def test_context_and_tool_fingerprint_are_part_of_the_key(tmp_path: Path) -> None:
    article = load_story(write_story(tmp_path / "stadium")).articles[0]
    key = article_key(article, "tool-a")
    moved = article.model_copy(update={"timezone": "Europe/Lisbon"})
    republished = article.model_copy(update={"published": None})
    renamed = article.model_copy(update={"id": "wire-copy"})
    assert article_key(article, "tool-a") == key
    assert article_key(article, "tool-b") != key
    assert len({key, article_key(moved, "tool-a"), article_key(republished, "tool-a"),
                article_key(renamed, "tool-a")}) == 4


def test_corrupt_or_foreign_entries_are_misses_and_get_rewritten(
    tmp_path: Path, counted: list[str]
) -> None:
    story = write_story(tmp_path / "stadium")
    expected = rendered(story, ClaimCache(tmp_path / "cache"))
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_text('{"key": "', encoding="utf-8")  # truncated JSON
    other = entries[1].read_text(encoding="utf-8")
    entries[1].write_text(other.replace('"key": "', '"key": "0', 1), encoding="utf-8")
    counted.clear()
    cache = ClaimCache(tmp_path / "cache")
    assert rendered(story, cache) == expected
    assert sorted(counted) == ["paper", "wire"] and cache.misses == 2
    counted.clear()
    assert rendered(story, ClaimCache(tmp_path / "cache")) == expected
    assert counted == []


def test_an_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    story = write_story(tmp_path / "stadium")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = ClaimCache(blocker)
    assert rendered(story, cache) == rendered(story, None)
    assert cache.misses == 2


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    story = write_story(tmp_path / "stadium")
    rendered(story, ClaimCache(tmp_path / "cache"))
    names = [path.name for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert len(names) == 2 and not [name for name in names if name.startswith(".tmp-")]


def test_cli_cache_dir_and_no_cache(tmp_path: Path, counted: list[str]) -> None:
    story = str(write_story(tmp_path / "stadium"))
    common = ["run", story, "--quiet", "--rules", str(shipped_pack())]
    assert main([*common, "--out", str(tmp_path / "a"), "--cache-dir", str(tmp_path / "c")]) == 1
    assert main([*common, "--out", str(tmp_path / "b"), "--cache-dir", str(tmp_path / "c")]) == 1
    assert sorted(counted) == ["paper", "wire"]
    assert main([*common, "--out", str(tmp_path / "d"), "--no-cache"]) == 1
    assert sorted(counted) == ["paper", "paper", "wire", "wire"]
    for name in ("report.md", "report.json"):
        first = (tmp_path / "a" / "stadium" / name).read_bytes()
        assert first == (tmp_path / "b" / "stadium" / name).read_bytes()
        assert first == (tmp_path / "d" / "stadium" / name).read_bytes()
