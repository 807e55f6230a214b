"""One big article at growing sizes, stage by stage (issue 7, "Size"); run by hand, never in CI.

    .venv/bin/python benchmarks/size.py                    # 1, 5, 10, 25, 50 MB
    .venv/bin/python benchmarks/size.py --sizes 0.5 2      # other sizes (MB)
    .venv/bin/python benchmarks/size.py --stages load      # loading only

The article is news-like text written from the templates of `benchmarks/scale.py` (many short
reports one after another, varied places, numbers, clock times, weekdays and sources, each with
a quotation), dated by a manifest so that times are read too, so every stage has work
in proportion to the size and no junk line cuts the text: the benchmark checks that the clean
text keeps at least 90% of the file. A second, short article from another outlet makes the
story something to compare. Each size runs in a fresh process, so peak memory (`ru_maxrss`) is
its own; the figure after each stage is the peak so far, and "MB/s" is file megabytes per
second of that stage. Linear time is the claim to check: each step up in size should scale the
time of every stage by the same factor.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import RULES, Stages, run_child, write_all_reports

STAGES = ("load", "parse", "extract", "claims", "compare", "report")


def write_article(path: Path, megabytes: float, seed: int = 11) -> int:
    """A text file of about `megabytes` MB of news-like reports; returns its size in bytes."""
    from scale import EVENTS, PLACES, WEEKDAYS, _article

    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            _, event, verb, detail = rng.choice(EVENTS)
            dead = rng.randint(4, 180)
            text = _article(
                rng, event, verb, detail, rng.choice(PLACES), dead,
                dead * rng.randint(2, 6) + rng.randint(1, 9), rng.randint(0, 23),
                rng.choice([0, 15, 30, 45]), rng.choice(WEEKDAYS),
            ) + "\n"
            text += (f'"{rng.choice(QUOTES)}," said {rng.choice(SPEAKERS)}, '
                     f"who {rng.choice(ROLES)}.\n\n")
            out.write(text)
            written += len(text.encode("utf-8"))
    return written


QUOTES = [
    "We heard a loud bang and then the lights went out",
    "Nobody told us anything for hours, we just waited on the road",
    "The water came up so fast that we had no time to save anything",
    "I have never seen anything like this in thirty years here",
]
SPEAKERS = ["Anna Berg", "Tomas Varga", "Lena Osei", "Marco Diaz", "Ruth Okafor"]
ROLES = ["lives nearby", "runs a shop on the main street", "was driving past", "works at the depot"]
MANIFEST = """\
title: A long file
timezone: Europe/Berlin
articles:
  - file: big.txt
    outlet: Example Archive
    published: "2025-06-12T18:00:00+02:00"
  - file: other.txt
    outlet: Example Wire
    published: "2025-06-12T09:00:00+02:00"
"""


def measure(folder: Path, stages: tuple[str, ...], max_bytes: int) -> dict[str, object]:
    """Run the stages on the story in `folder` in this process: seconds and peak MB after each."""
    from factcheck.claims import build_claims
    from factcheck.extract import extract_mentions
    from factcheck.ingest import load_story
    from factcheck.nlp import parse, sentences
    from factcheck.pipeline import analyse_article, article_context, compare_story
    from factcheck.rules import load_rules

    rules = load_rules([RULES])
    stages_run = Stages()
    figures, timed = stages_run.figures, stages_run.timed
    story = timed("load", lambda: load_story(folder, max_article_bytes=max_bytes))
    big = next(article for article in story.articles if article.id == "big")
    figures["kept"] = len(big.text) / max(len(big.original), 1)
    if "parse" not in stages:
        return figures
    doc = timed("parse", lambda: parse(big.text))
    mentions = timed("extract", lambda: extract_mentions(big.text, article_context(big), doc))
    claims = timed("claims", lambda: build_claims(big, sentences(doc), mentions, doc))
    figures["claims_found"] = len(claims)
    doc, mentions = None, []  # free them before the later stages
    others = [claim for article in story.articles if article.id != "big"
              for claim in analyse_article(article)]
    report = timed("compare", lambda: compare_story(story, [*claims, *others], rules))
    timed("report", lambda: write_all_reports(report, rules, folder.parent / "out"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 10, 25, 50],
                        metavar="MB")
    parser.add_argument("--stages", choices=["load", "all"], default="all")
    parser.add_argument("--run", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    stages = ("load",) if args.stages == "load" else STAGES
    if args.run:
        print(json.dumps(measure(Path(args.run), stages, max_bytes=2**40)))
        return 0
    header = ["| MB | kept | claims |"] + [f" {stage} s (MB/s) |" for stage in stages]
    print("".join(header) + " peak MB (start -> after each stage) |", flush=True)
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory(prefix="factcheck-size-") as temporary:
            folder = Path(temporary) / "story"
            folder.mkdir()
            size = write_article(folder / "big.txt", megabytes)
            write_article(folder / "other.txt", 0.002, seed=3)
            (folder / "story.yaml").write_text(MANIFEST, encoding="utf-8")
            figures = run_child(__file__, str(folder), "--stages", args.stages)
        file_mb = size / (1024 * 1024)
        kept = float(figures["kept"])
        if kept < 0.9:
            raise SystemExit(f"cleaning kept only {kept:.0%} of the text: the benchmark is void")
        cells = [f"| {file_mb:.1f} | {kept:.0%} | {figures.get('claims_found', '-')} |"]
        peaks = [f"{figures['start_mb']:.0f}"]
        for stage in stages:
            seconds, peak = figures[stage]
            cells.append(f" {seconds:.2f} ({file_mb / max(seconds, 1e-9):.1f}) |")
            peaks.append(f"{peak:.0f}")
        print("".join(cells) + " " + " -> ".join(peaks) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
