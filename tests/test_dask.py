"""The Dask engine on a two-worker local cluster gives the same reports as one process; without
Dask installed, asking for it is a usage error (exit 2), not a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmark_scripts import load_scale
from distributed import LocalCluster

from factcheck.cli import main
from factcheck.dask_engine import DaskEngine
from factcheck.errors import UsageError
from factcheck.parallel import SerialEngine
from factcheck.pipeline import run_stories
from factcheck.report import render
from factcheck.rules import load_rules, shipped_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    local = LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                         dashboard_address=":0")
    try:
        yield local
    finally:
        local.close()


def rendered(story_dirs: list[Path], engine: object) -> list[str]:
    rules = load_rules([shipped_pack()])
    texts = []
    for report in run_stories(story_dirs, rules, engine, None):  # type: ignore[arg-type]
        assert not isinstance(report, Exception)
        texts.append(render(report, "md", rules=rules) + render(report, "json", rules=rules))
    return texts


def test_dask_reports_match_single_process(cluster: LocalCluster, tmp_path: Path) -> None:
    load_scale().write_corpus(tmp_path, articles=30, per_story=6, seed=11)
    stories = [ROOT / "inputs" / "putin-kim-2024", *sorted(tmp_path.iterdir())]
    engine = DaskEngine(cluster.scheduler_address)
    try:
        assert engine.workers == 2
        on_cluster = rendered(stories, engine)
    finally:
        engine.close()
    single = rendered(stories, SerialEngine())
    assert on_cluster == single and len(single) == 6
    assert sum("count-agree" in text for text in single) >= 2


def test_cli_with_scheduler_writes_identical_files(cluster: LocalCluster, tmp_path: Path) -> None:
    load_scale().write_corpus(tmp_path / "corpus", articles=12, per_story=4, seed=5)
    stories = [str(path) for path in sorted((tmp_path / "corpus").iterdir())]
    common = ["run", *stories, "--quiet", "--no-cache", "--rules", str(shipped_pack())]
    assert main([*common, "--out", str(tmp_path / "one")]) in (0, 1)
    assert main([*common, "--out", str(tmp_path / "dask"), "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) in (0, 1)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    assert len(files) == 6
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()


def test_missing_dask_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    # A None entry in sys.modules makes `import distributed` raise ImportError.
    monkeypatch.setitem(sys.modules, "distributed", None)
    load_scale().write_corpus(tmp_path / "corpus", articles=3, per_story=3)
    story = str(sorted((tmp_path / "corpus").iterdir())[0])
    code = main(["run", story, "--out", str(tmp_path / "out"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:8786", "--rules", str(shipped_pack())])
    assert code == 2
    err = capsys.readouterr().err
    # Commands that work with no release on PyPI (README, "Install"), not a name from PyPI.
    assert 'pip install "dask[distributed]>=2024.1"' in err and 'pip install ".[dask]"' in err
    assert "factcheck-news[dask]" not in err
    assert not (tmp_path / "out").exists()


def test_unreachable_scheduler_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot reach"):
        DaskEngine("tcp://127.0.0.1:9", timeout="1s")
