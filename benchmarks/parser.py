"""Parser benchmark: what the whole run costs against spaCy's bare pipeline on the same texts.

Issue #14 asks that the price of the dependency parse be reported honestly. In one run, on one
corpus, this measures:

- **bare spaCy**: the pipeline `factcheck.nlp` loads (same model, same line-break component)
  over the clean text of every article, and nothing else: once with `nlp(text)` per text and
  once with `nlp.pipe`, the cheaper of the two (model load included) being the baseline;
- **stages**: one process doing what `factcheck run --jobs 1` does, stage by stage (load and
  clean, parse, extract the values, build claims, compare, render), so the parser's
  share of the whole is visible;
- **whole run**: `factcheck run --no-cache` in-process with `--jobs 1` and with `--jobs 2`
  (default formats, every report written), timed from the call to its return.

Each runs in a fresh interpreter, so that its peak resident memory (`ru_maxrss` of the
process, and of its largest child: a worker) is its own. Model loading is inside every timing
(once per process: the parent's for bare and `--jobs 1`, each worker's for `--jobs 2`). Wall
and CPU seconds are both reported: the machine is shared, and CPU time moves much less with
other people's load.

The corpus is real news: the *dev* stories of `benchmarks/corpus/ecb/` (the split in
`benchmarks/gold/ecb/`; test stories are never read here) and the seed story
`inputs/putin-kim-2024`, copied story by story into a temporary folder, and repeated, until
N articles (the last story cut short). No text is printed or kept.

    .venv/bin/python benchmarks/parser.py                  # N = 200 (1-2 min, idle machine)
    .venv/bin/python benchmarks/parser.py --articles 1000
    .venv/bin/python benchmarks/parser.py --write          # also refresh benchmarks/README.md
    .venv/bin/python benchmarks/parser.py --json > f.json  # the raw figures, to keep
    .venv/bin/python benchmarks/parser.py --figures f.json --write --section parser-before

The goals (#14): whole run at most 1.5x the bare pipeline; `--jobs 2` at least 1.8x faster
than `--jobs 1`; 10,000 articles in under 5 minutes on 2 cores. The last is extrapolated
linearly from the `--jobs 2` time per article (start-up included, so it errs slow), and from
its CPU time as two idle cores would run it. The script reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readme import replace_block

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- parser:begin -->", "<!-- parser:end -->"
DEFAULT_ARTICLES = 200
GOALS = {"whole_over_bare": 1.5, "jobs2_speedup": 1.8, "minutes_10k": 5.0}


def seed_stories() -> list[Path]:
    """The dev stories of the ECB corpus, in name order, then the seed story: never a test
    story, whose texts are kept unseen while code changes (benchmarks/README.md, "Split")."""
    import yaml

    stories = []
    for gold in sorted((ROOT / "benchmarks" / "gold" / "ecb").glob("*.yaml")):
        if yaml.safe_load(gold.read_text(encoding="utf-8")).get("split") == "dev":
            stories.append(ROOT / "benchmarks" / "corpus" / "ecb" / gold.stem)
    return [*stories, ROOT / "inputs" / "putin-kim-2024"]


def write_corpus(root: Path, articles: int, seeds: Sequence[Path] | None = None) -> int:
    """Copy the seed stories into `root` (folders `NNNN-<id>`), round after round, until
    `articles` articles; the last copy keeps only the articles still needed. Returns the
    number of story folders."""
    import yaml

    seeds = list(seeds or seed_stories())
    written = stories = 0
    while written < articles:
        for seed in seeds:
            if written >= articles:
                break
            folder = root / f"{stories:04d}-{seed.name}"
            shutil.copytree(seed, folder)
            manifest_file = folder / "story.yaml"
            manifest = yaml.safe_load(manifest_file.read_text(encoding="utf-8"))
            room = articles - written
            if len(manifest["articles"]) > room:
                for dropped in manifest["articles"][room:]:  # the loader reads unlisted files
                    (folder / dropped["file"]).unlink()
                manifest["articles"] = manifest["articles"][:room]
                manifest_file.write_text(yaml.safe_dump(manifest, sort_keys=False),
                                         encoding="utf-8")
            written += len(manifest["articles"])
            stories += 1
    return stories


def _peaks() -> dict[str, float]:
    """Peak resident MB of this process and of its largest finished child (`ru_maxrss` is KB
    on Linux), and the CPU seconds of all finished children (the workers: every one starts
    and ends inside the timed run)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_mb": children.ru_maxrss / 1024,
            "child_cpu": children.ru_utime + children.ru_stime}


class Clock:
    """Wall and CPU seconds (this process) since it was made. On a shared machine wall time
    swings with other people's load; CPU time much less, so both are reported, and with two
    workers on two cores, the run's total CPU (its own and its workers') bounds the speed-up
    more plainly than wall time does."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> dict[str, float]:
        return {"seconds": time.perf_counter() - self.wall,
                "cpu": time.process_time() - self.cpu}


def run_bare(corpus: Path) -> dict[str, Any]:
    """spaCy alone: the model loaded, then every article's clean text parsed, both ways spaCy
    offers: one `nlp(text)` call per text (as `factcheck.nlp.parse` does), then `nlp.pipe`
    over them all. The faster of the two, with the model load, is the bare figure: the
    cheapest spaCy run is the honest baseline. (`nlp.pipe`'s batches pad every text to the
    longest in the batch, so on articles of mixed length it is no faster and holds far more
    memory: its peak is reported on its own.)"""
    from factcheck.nlp import load
    from factcheck.pipeline import load_marked_story

    texts = [article.text for story in sorted(corpus.iterdir())
             for article in load_marked_story(story).articles]
    clock = Clock()
    nlp = load()
    model_load = clock.read()
    clock = Clock()
    tokens = sum(len(nlp(text)) for text in texts)
    one_by_one = {**clock.read(), **_peaks()}
    clock = Clock()
    piped = sum(len(doc) for doc in nlp.pipe(texts))
    pipe = {**clock.read(), **_peaks()}
    assert piped == tokens
    best = min((one_by_one, pipe), key=lambda run: run["cpu"])
    return {"articles": len(texts), "characters": sum(map(len, texts)), "tokens": tokens,
            "seconds": model_load["seconds"] + best["seconds"],
            "cpu": model_load["cpu"] + best["cpu"],
            "parent_mb": best["parent_mb"], "child_mb": 0.0, "child_cpu": 0.0,
            "best": "nlp(text)" if best is one_by_one else "nlp.pipe",
            "model_load": model_load, "one_by_one": one_by_one, "pipe": pipe}


def run_stages(corpus: Path) -> dict[str, Any]:
    """The `--jobs 1` run taken apart: CPU seconds in each stage of every story, summed. The
    parse stage is spaCy called as `analyse_article` calls it (one text at a time, every text
    that is not blank); model loading is its own line."""
    from factcheck.claims import build_claims
    from factcheck.extract import extract_mentions
    from factcheck.nlp import load, parse, sentences
    from factcheck.pipeline import article_context, compare_story, load_marked_story
    from factcheck.report import render
    from factcheck.rules import load_rules, shipped_pack

    rules = load_rules([shipped_pack()])
    seconds = dict.fromkeys(("model_load", "load", "parse", "extract", "claims", "compare",
                             "render"), 0.0)
    parsed = 0

    def timed(stage: str, started: float) -> float:
        now = time.process_time()
        seconds[stage] += now - started
        return now

    clock = Clock()
    now = time.process_time()
    load()
    now = timed("model_load", now)
    for folder in sorted(corpus.iterdir()):
        story = load_marked_story(folder)
        now = timed("load", now)
        claims = []
        for article in story.articles:
            doc = parse(article.text) if article.text.strip() else None
            parsed += doc is not None
            now = timed("parse", now)
            mentions = extract_mentions(article.text, article_context(article), doc)
            now = timed("extract", now)
            claims.extend(build_claims(article, sentences(doc) if doc else [], mentions, doc))
            now = timed("claims", now)
        report = compare_story(story, claims, rules)
        now = timed("compare", now)
        for fmt in ("md", "json"):
            render(report, fmt, rules=rules, out_dir=Path("reports") / story.id)
        now = timed("render", now)
    return {**clock.read(), "stages": seconds, "parsed": parsed, **_peaks()}


def run_whole(corpus: Path, out: Path, jobs: int) -> dict[str, Any]:
    """`factcheck run` over every story folder of `corpus`, cache off, in this process."""
    from factcheck.cli import main

    stories = [str(path) for path in sorted(corpus.iterdir())]
    clock = Clock()
    code = main(["run", "--no-cache", "--quiet", "--fail-on", "never", "--jobs", str(jobs),
                 "--out", str(out), *stories])
    figures = clock.read()
    if code:
        raise SystemExit(f"factcheck run exited {code}")
    return {**figures, **_peaks()}


def _child(*args: str, cwd: Path) -> dict[str, Any]:
    """Run this script's hidden `--run` mode in a new interpreter; the JSON it prints last."""
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--run", *args],
                            capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode:
        raise SystemExit(f"the {args[0]} run failed:\n{result.stderr}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def measure(articles: int = DEFAULT_ARTICLES, seeds: Sequence[Path] | None = None,
            jobs_list: Sequence[int] = (1, 2)) -> dict[str, Any]:
    """Every figure of one benchmark run, as a dict: the corpus, the bare and staged runs,
    the whole run at each job count, and the ratios the goals are stated in."""
    with tempfile.TemporaryDirectory(prefix="factcheck-parser-") as temporary:
        work = Path(temporary)
        corpus = work / "corpus"
        corpus.mkdir()
        stories = write_corpus(corpus, articles, seeds)
        # Run from the temporary folder: no [tool.factcheck] of the working tree applies.
        bare = _child("bare", str(corpus), cwd=work)
        stages = _child("stages", str(corpus), cwd=work)
        whole = {jobs: _child("whole", str(corpus), str(work / f"out-{jobs}"), "--jobs",
                              str(jobs), cwd=work) for jobs in jobs_list}
    figures: dict[str, Any] = {
        "articles": bare["articles"], "stories": stories, "characters": bare["characters"],
        "tokens": bare["tokens"], "bare": bare, "stages": stages,
        "whole": {str(jobs): run for jobs, run in whole.items()},
        "environment": environment(),
    }
    figures.update(ratios(figures))
    return figures


def ratios(figures: dict[str, Any]) -> dict[str, float]:
    """The goals' ratios, from wall time and from CPU time. `jobs2_cpu_bound` is the speed-up
    two free cores would allow at most: the `--jobs 1` CPU over the larger of the parent's
    own CPU and half the `--jobs 2` run's total (parent and workers)."""
    found: dict[str, float] = {}
    bare, whole = figures["bare"], figures["whole"]
    one, two = whole.get("1"), whole.get("2")
    articles = figures["articles"]
    if one:
        found["whole_over_bare"] = one["seconds"] / bare["seconds"]
        found["whole_over_bare_cpu"] = one["cpu"] / bare["cpu"]
    if one and two:
        found["jobs2_speedup"] = one["seconds"] / two["seconds"]
        total = two["cpu"] + two["child_cpu"]
        found["jobs2_cpu_overhead"] = total / one["cpu"]
        found["jobs2_cpu_bound"] = one["cpu"] / max(two["cpu"], total / 2)
    if two:
        found["minutes_10k"] = two["seconds"] / articles * 10_000 / 60
        found["minutes_10k_cpu"] = max(two["cpu"], (two["cpu"] + two["child_cpu"]) / 2) \
            / articles * 10_000 / 60
    return found


def environment() -> dict[str, Any]:
    """Date, machine and load: figures on a shared machine mean little without them."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "load": [round(value, 2) for value in os.getloadavg()]}


def _goal(value: float | None, goal: float, at_most: bool) -> str:
    if value is None:
        return "not measured"
    met = value <= goal if at_most else value >= goal
    return "met" if met else "not met"


def _times(value: float | None, unit: str = "x") -> str:
    return "n/a" if value is None else f"{value:.2f}{unit}"


def table(figures: dict[str, Any]) -> str:
    """The Markdown the README carries between the markers, and what the script prints."""
    env = figures["environment"]
    bare = figures["bare"]
    stages = figures["stages"]
    lines = [
        f"{figures['articles']:,} articles in {figures['stories']} stories "
        f"({figures['characters'] / 1e6:.2f} M characters, {figures['tokens']:,} tokens); "
        f"{env['date']}, {env['cores']} cores ({env['cpu']}), Python {env['python']}; "
        f"load average {' / '.join(f'{v:.2f}' for v in env['load'])} (1 / 5 / 15 min) "
        "when the run ended.",
        "",
        "| run | wall s | articles/s | x bare (wall) | CPU s (process / workers) | x bare (CPU) "
        "| peak MB (process / largest worker) |",
        "|---|---|---|---|---|---|---|",
    ]

    # The bare run's peak is that of the call it was timed by (`nlp.pipe` peaks far higher).
    bare = {**bare, "parent_mb": bare["pipe" if bare["best"] == "nlp.pipe" else "one_by_one"][
        "parent_mb"]}

    def row(name: str, run: dict[str, Any]) -> str:
        total = run["cpu"] + run["child_cpu"]
        return (f"| {name} | {run['seconds']:.1f} | {figures['articles'] / run['seconds']:.1f} | "
                f"{run['seconds'] / bare['seconds']:.2f} | {run['cpu']:.1f} / "
                f"{run['child_cpu']:.1f} | {total / bare['cpu']:.2f} | "
                f"{run['parent_mb']:.0f} / {run['child_mb']:.0f} |")

    lines.append(row(f"bare spaCy (model load + `{bare['best']}`)", bare))
    lines.append(row("stages of `--jobs 1`, one process", stages))
    for jobs, run in figures["whole"].items():
        lines.append(row(f"`factcheck run --jobs {jobs}`", run))
    one, pipe = bare["one_by_one"], bare["pipe"]
    lines += ["", f"Bare spaCy: model load {bare['model_load']['cpu']:.1f} s CPU; "
              f"`nlp(text)` per text {one['cpu']:.1f} s CPU ({one['seconds']:.1f} s wall, "
              f"peak {one['parent_mb']:.0f} MB); `nlp.pipe` {pipe['cpu']:.1f} s CPU "
              f"({pipe['seconds']:.1f} s wall, peak {pipe['parent_mb']:.0f} MB); all "
              f"{bare['articles']:,} texts. factcheck parses every text that is not blank "
              f"({stages['parsed']:,} here).", ""]
    lines += ["| stage (one process) | CPU s | share |", "|---|---|---|"]
    for name, seconds in stages["stages"].items():
        lines.append(f"| {name} | {seconds:.2f} | {seconds / stages['cpu']:.0%} |")
    lines += ["", "| goal (#14) | wall | CPU | target | wall / CPU |", "|---|---|---|---|---|"]
    get = figures.get
    lines.append(
        f"| whole run (`--jobs 1`) / bare spaCy | {_times(get('whole_over_bare'))} | "
        f"{_times(get('whole_over_bare_cpu'))} | at most {GOALS['whole_over_bare']}x | "
        f"{_goal(get('whole_over_bare'), GOALS['whole_over_bare'], True)} / "
        f"{_goal(get('whole_over_bare_cpu'), GOALS['whole_over_bare'], True)} |")
    lines.append(
        f"| `--jobs 2` speed-up over `--jobs 1` | {_times(get('jobs2_speedup'))} | "
        f"{_times(get('jobs2_cpu_bound'))} at most | at least {GOALS['jobs2_speedup']}x | "
        f"{_goal(get('jobs2_speedup'), GOALS['jobs2_speedup'], False)} / "
        f"{_goal(get('jobs2_cpu_bound'), GOALS['jobs2_speedup'], False)} |")
    lines.append(
        f"| 10,000 articles, `--jobs 2`, extrapolated | {_times(get('minutes_10k'), ' min')} | "
        f"{_times(get('minutes_10k_cpu'), ' min')} | under {GOALS['minutes_10k']:.0f} min | "
        f"{_goal(get('minutes_10k'), GOALS['minutes_10k'], True)} / "
        f"{_goal(get('minutes_10k_cpu'), GOALS['minutes_10k'], True)} |")
    overhead = get("jobs2_cpu_overhead")
    if overhead is not None:
        lines += ["", f"`--jobs 2` spends {overhead:.2f}x the CPU of `--jobs 1` in all "
                  "(a second model load, claims pickled between processes); the CPU column of "
                  "the speed-up is what two otherwise idle cores would give at most, and of the "
                  "10,000-article line the time on two idle cores."]
    return "\n".join(lines)


def write_readme(text: str, section: str = "parser") -> None:
    """Replace the section's block in benchmarks/README.md (`<!-- parser:begin -->` ...)."""
    replace_block(README, section, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, metavar="N",
                        help=f"articles in the corpus (default: {DEFAULT_ARTICLES})")
    parser.add_argument("--write", action="store_true",
                        help="refresh the figures in benchmarks/README.md")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--figures", type=Path, metavar="FILE",
                        help="tabulate figures a run printed with --json instead of measuring"
                             " (for a run of an earlier commit, kept to compare with)")
    parser.add_argument("--section", default="parser",
                        help="README block to write: <!-- SECTION:begin --> (default: parser)")
    parser.add_argument("--run", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        mode, corpus, *rest = args.run
        if mode == "bare":
            figures = run_bare(Path(corpus))
        elif mode == "stages":
            figures = run_stages(Path(corpus))
        else:
            figures = run_whole(Path(corpus), Path(rest[0]), args.jobs)
        print(json.dumps(figures))
        return 0
    if args.figures:
        figures = json.loads(args.figures.read_text(encoding="utf-8"))
    else:
        figures = measure(args.articles)
    text = table(figures)
    print(json.dumps(figures, indent=1) if args.json else text)
    if args.write:
        write_readme(text, args.section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
