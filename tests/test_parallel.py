"""Process-pool extraction gives the same reports as one process, in order, with bounded look-ahead.

The generated stories come from `benchmarks/scale.py` (template text about invented events, never
the seed story); the seed story is checked too because its files are the messiest we have.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmark_scripts import load_scale

from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.ingest import load_story
from factcheck.models import Story
from factcheck.parallel import ProcessEngine, SerialEngine, extract_claims
from factcheck.pipeline import run_stories
from factcheck.report import render
from factcheck.rules import load_rules, shipped_pack

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "inputs" / "putin-kim-2024"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[object]]:
    root = tmp_path_factory.mktemp("corpus")
    planted = load_scale().write_corpus(root, articles=40, per_story=5, seed=3)
    return root, planted


def rendered(story_dirs: list[Path], engine: object) -> list[str]:
    rules = load_rules([shipped_pack()])
    outputs = []
    for report in run_stories(story_dirs, rules, engine, None):  # type: ignore[arg-type]
        assert not isinstance(report, Exception)
        outputs.append(render(report, "md", rules=rules) + render(report, "json", rules=rules))
    return outputs


def test_two_processes_match_one_byte_for_byte(corpus: tuple[Path, list[object]]) -> None:
    root, _ = corpus
    stories = [SEED, *sorted(path for path in root.iterdir())]
    serial = rendered(stories, SerialEngine())
    engine = ProcessEngine(2)
    try:
        parallel = rendered(stories, engine)
    finally:
        engine.close()
    assert len(serial) == len(stories)
    assert parallel == serial
    # The generated stories really do carry findings, so equality is not of empty reports.
    assert sum("count-agree" in text for text in serial) >= 3


def test_cli_jobs_two_writes_the_same_files(corpus: tuple[Path, list[object]],
                                           tmp_path: Path) -> None:
    root, _ = corpus
    stories = [str(path) for path in sorted(root.iterdir())[:3]]
    for jobs in ("1", "2"):
        code = main(["run", *stories, "--out", str(tmp_path / jobs), "--jobs", jobs,
                     "--no-cache", "--quiet", "--rules", str(shipped_pack())])
        assert code in (0, 1)
    one = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*.*"))
    two = sorted(p.relative_to(tmp_path / "2") for p in (tmp_path / "2").rglob("*.*"))
    assert one == two and len(one) == 6
    for name in one:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_process_engine_starts_its_workers_when_created() -> None:
    # Forked at the first batch instead, they would copy what the caller read in between
    # (test_jsonl checks that a pile's grouping records stay out of them).
    before = {process.pid for process in multiprocessing.active_children()}
    engine = ProcessEngine(2)
    try:
        started = {process.pid for process in multiprocessing.active_children()} - before
        assert len(started) == 2
    finally:
        engine.close()
    assert not started & {process.pid for process in multiprocessing.active_children()}


def test_order_kept_and_load_errors_in_place(corpus: tuple[Path, list[object]]) -> None:
    root, _ = corpus
    folders = sorted(root.iterdir())[:3]

    def broken() -> Story:
        raise InputError("no manifest", file="broken/story.yaml")

    loaders: list[Callable[[], Story]] = [
        lambda: load_story(folders[0]), broken, lambda: load_story(folders[1]),
        lambda: load_story(folders[2]),
    ]
    engine = ProcessEngine(2)
    try:
        items = list(extract_claims(loaders, engine, None, batch_size=2))
    finally:
        engine.close()
    assert isinstance(items[1], InputError)
    ids = [item[0].id for item in items if not isinstance(item, Exception)]
    assert ids == [folder.name for folder in folders]
    for item in items:
        if not isinstance(item, Exception):
            story, claims = item
            order = [story.articles.index(next(a for a in story.articles if a.id == c.article))
                     for c in claims]
            assert order == sorted(order) and claims


def test_stories_are_loaded_lazily_one_ahead_at_most_in_serial(
    corpus: tuple[Path, list[object]],
) -> None:
    root, _ = corpus
    folders = sorted(root.iterdir())
    loaded: list[str] = []

    def loader(folder: Path) -> Callable[[], Story]:
        def load() -> Story:
            loaded.append(folder.name)
            return load_story(folder)
        return load

    stream = extract_claims((loader(folder) for folder in folders), SerialEngine())
    first = next(stream)
    assert not isinstance(first, Exception)
    # Memory stays bounded: the rest of the corpus is not read before the first story is out.
    assert loaded == [folders[0].name]
    rest = list(stream)
    assert len(rest) == len(folders) - 1


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_scheduler_without_dask_engine_is_a_usage_error(
    corpus: tuple[Path, list[object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = corpus
    story = str(sorted(root.iterdir())[0])
    code = main(["run", story, "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1",
                 "--rules", str(shipped_pack())])
    assert code == 2
    assert "--engine dask" in capsys.readouterr().err


def test_scale_benchmark_quick_finds_every_planted_contradiction(tmp_path: Path) -> None:
    scale = load_scale()
    corpus = tmp_path / "corpus"
    planted = scale.write_corpus(corpus, articles=200, per_story=8)
    out = tmp_path / "out"
    figures = scale.run_config(corpus, out, jobs=2, engine="local")
    assert figures["articles"] == 200
    hits, false_alarms = scale.score(out / "found.json", planted)
    assert len(planted) >= 8
    assert hits == len(planted)
    assert false_alarms == 0


def _story_with_a_poisoned_article(root: Path) -> Path:
    story = root / "bridge"
    story.mkdir()
    (story / "good.txt").write_text(
        "The bridge reopened on Monday after repairs that lasted about three hours.\n",
        encoding="utf-8")
    (story / "poison.txt").write_text(
        "POISON: the bridge reopened after repairs that lasted six hours.\n", encoding="utf-8")
    (story / "also-good.txt").write_text(
        "Repairs to the bridge lasted 45 minutes, the council said.\n", encoding="utf-8")
    return story


def _raise_on_poison(real: Callable[..., object]) -> Callable[..., object]:
    def analyse(article: object, *model: str) -> object:
        if "POISON" in article.text:  # type: ignore[attr-defined]
            raise IndexError("list index out of range")
        return real(article, *model)
    return analyse


def test_an_article_that_trips_a_bug_is_a_problem_and_the_rest_is_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import factcheck.pipeline

    story = _story_with_a_poisoned_article(tmp_path)
    monkeypatch.setattr(factcheck.pipeline, "analyse_article",
                        _raise_on_poison(factcheck.pipeline.analyse_article))
    rules = load_rules([shipped_pack()])
    (report,) = run_stories([story], rules, SerialEngine(), None)
    assert not isinstance(report, Exception)
    (problem,) = [p for p in report.problems if p.severity == "error"]
    assert problem.file.endswith("bridge/poison.txt") and problem.severity == "error"
    assert problem.message.startswith(
        "internal error while analysing this article (IndexError: list index out of range)")
    assert {claim.article for claim in report.claims} == {"good", "also-good"}
    # the two good articles are still compared: their durations disagree
    assert [d.rule for d in report.discrepancies] == ["duration-agree"]


def test_cli_says_which_article_failed_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    import factcheck.pipeline

    story = _story_with_a_poisoned_article(tmp_path)
    monkeypatch.setattr(factcheck.pipeline, "analyse_article",
                        _raise_on_poison(factcheck.pipeline.analyse_article))
    out = tmp_path / "out"
    code = main(["run", str(story), "--rules", str(shipped_pack()), "--out", str(out),
                 "--fail-on", "never", "--quiet", "--no-cache"])
    assert code == 2
    assert "poison.txt: error: internal error while analysing this article" in (
        capsys.readouterr().err)
    assert (out / "bridge" / "report.json").exists()
