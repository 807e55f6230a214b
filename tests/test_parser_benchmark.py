"""The parser benchmark (`benchmarks/parser.py`) on a corpus of two articles: the figures it
reports and the README block it writes have the expected shape. Timings are never asserted:
speed is the benchmark's to report (issue #14), not a test's to enforce."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("parser_bench",
                                                  ROOT / "benchmarks" / "parser.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["parser_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(bench: ModuleType) -> dict:
    return bench.measure(articles=2)


def test_seed_stories_are_dev_stories_and_the_seed(bench: ModuleType) -> None:
    import yaml

    seeds = bench.seed_stories()
    assert seeds[-1].name == "putin-kim-2024"
    for story in seeds[:-1]:
        gold = ROOT / "benchmarks" / "gold" / "ecb" / f"{story.name}.yaml"
        assert yaml.safe_load(gold.read_text(encoding="utf-8"))["split"] == "dev"


def test_corpus_is_cut_to_the_number_of_articles(bench: ModuleType, tmp_path: Path) -> None:
    import yaml

    stories = bench.write_corpus(tmp_path, 3)
    assert stories == 1
    (folder,) = tmp_path.iterdir()
    manifest = yaml.safe_load((folder / "story.yaml").read_text(encoding="utf-8"))
    assert len(manifest["articles"]) == 3
    assert len(list(folder.glob("*.txt"))) == 3


def test_measure_reports_every_run_and_ratio(figures: dict) -> None:
    assert figures["articles"] == 2 and figures["stories"] == 1
    assert figures["tokens"] > 0
    for run in (figures["bare"], figures["stages"], *figures["whole"].values()):
        assert run["seconds"] > 0 and run["parent_mb"] > 0 and run["cpu"] > 0
    assert set(figures["whole"]) == {"1", "2"}
    assert figures["whole"]["2"]["child_mb"] > 0  # the workers' peak is measured
    assert figures["whole"]["2"]["child_cpu"] > 0
    assert set(figures["stages"]["stages"]) == {
        "model_load", "load", "parse", "extract", "claims", "compare", "render"}
    assert figures["bare"]["best"] in ("nlp(text)", "nlp.pipe")
    for ratio in ("whole_over_bare", "whole_over_bare_cpu", "jobs2_speedup",
                  "jobs2_cpu_overhead", "jobs2_cpu_bound", "minutes_10k", "minutes_10k_cpu"):
        assert figures[ratio] > 0
    env = figures["environment"]
    assert env["cores"] and env["cpu"] and len(env["load"]) == 3 and env["date"]


def test_write_replaces_only_the_marked_block(
    bench: ModuleType, figures: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{bench.BEGIN}\nold\n{bench.END}\nafter\n", encoding="utf-8")
    monkeypatch.setattr(bench, "README", readme)
    text = bench.table(figures)
    assert "bare spaCy" in text and "--jobs 2" in text and "load average" in text
    bench.write_readme(text)
    written = readme.read_text(encoding="utf-8")
    assert written.startswith("before\n") and written.endswith("after\n")
    assert "old" not in written and text in written
