"""Scale benchmark: a synthetic day of news, run with 1 and 2 processes and on a local Dask cluster.

The corpus is written from templates with varied events, places, sources, numbers and filler:
news-like values, short-news lengths (about 1,100 characters). In a fixed share of the
stories one outlet is made to report a clearly different death toll (at least double, plus five):
the planted contradiction whose answer we know. A planted story is found when its report has a
`count-agree` discrepancy citing the planted article; a false alarm is a `count-agree` discrepancy
in a story where nothing was planted.

    .venv/bin/python benchmarks/scale.py            # N = 1,000 and 10,000
    .venv/bin/python benchmarks/scale.py --large    # and 50,000
    .venv/bin/python benchmarks/scale.py --quick    # N = 200, what the test suite runs
    .venv/bin/python benchmarks/scale.py --jsonl --sizes 20000 --jobs-list 2 --no-dask

`--jsonl` writes the same corpus as one JSON Lines file (each line with its story id) and runs
it the way `factcheck run --jsonl` does: a first pass of small records, then story by story.

Each configuration runs in a fresh process so that peak memory (ru_maxrss) is its own; the cache
is off, so every article is extracted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PLANT_EVERY = 3  # one story in three carries a planted contradiction

EVENTS = [
    ("flood", "floods", "swept through", "the river burst its banks after days of heavy rain"),
    ("fire", "a warehouse fire", "tore through", "firefighters fought the blaze through the night"),
    ("collapse", "a building collapse", "struck", "rescuers dug through the rubble by hand"),
    ("landslide", "a landslide", "buried part of", "the hillside gave way after a storm"),
    ("explosion", "an explosion at a chemical plant", "rocked", "windows shattered across town"),
    ("crash", "a train derailment", "hit", "several carriages left the tracks near a bridge"),
    ("storm", "a tropical storm", "battered", "winds tore roofs from homes along the coast"),
    ("ferry", "a ferry capsizing", "shocked", "the overloaded vessel overturned near the harbour"),
]
PLACES = [
    "Marlow Bay", "Kesten", "Oriva", "Duneford", "Valcrest", "Port Anselm", "Tiberon",
    "Lakemoor", "Shirav", "Norhaven", "Castel Brune", "Eskdale Vale", "Ravensholt", "Pellago",
]
SOURCES = [
    "Police", "The interior ministry", "Local officials", "The regional governor",
    "Emergency services", "The fire department", "A hospital spokesperson", "The mayor",
]
OUTLETS = [
    "Harbour Herald", "Northern Courier", "Daily Ledger", "Coastline Radio", "Metro Wire",
    "Evening Standard Post", "Valley Times", "Capital Bulletin", "Island Observer", "Civic News",
]
FILLER = [
    "Residents described scenes of confusion as emergency crews arrived and roads were closed.",
    "Television footage showed volunteers handing out water and blankets near the town hall.",
    "Aid groups said they were sending supplies, while schools in the area stayed shut.",
    "Officials urged people to stay away from the affected district until further notice.",
    "The government promised an inquiry and said families would receive support.",
    "Neighbours told reporters they had heard a loud noise before the power went out.",
    "Opposition politicians criticised the response and called for a full investigation.",
    "Engineers were inspecting nearby bridges and roads for damage on the following day.",
    "Shops along the main street remained closed, and bus services were suspended.",
    "Local churches and mosques opened their doors to people who had lost their homes.",
    "The national weather service warned that more rain could fall later in the week.",
    "Survivors were taken to a sports hall that had been turned into a shelter.",
    "Messages of sympathy arrived from neighbouring countries and international agencies.",
    "Insurance companies said it was too early to estimate the cost of the damage.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Planted:
    story: str
    article: str


def write_corpus(root: Path, articles: int, per_story: int, seed: int = 7) -> list[Planted]:
    """Write `articles` articles in story folders of `per_story`; return the planted answers."""
    rng = random.Random(seed)
    planted: list[Planted] = []
    stories = max(articles // per_story, 1)
    written = 0
    for number in range(stories):
        count = per_story if number < stories - 1 else articles - written
        story_id = f"story-{number:05d}"
        plant = number % PLANT_EVERY == 0 and count >= 3
        planted_index = rng.randrange(count) if plant else -1
        if plant:
            planted.append(Planted(story_id, f"a{planted_index:02d}"))
        _write_story(root / story_id, rng, count, planted_index)
        written += count
    return planted


def _write_story(folder: Path, rng: random.Random, count: int, planted_index: int) -> None:
    folder.mkdir(parents=True)
    _, event, verb, detail = rng.choice(EVENTS)
    place = rng.choice(PLACES)
    dead = rng.randint(4, 180)
    injured = dead * rng.randint(2, 6) + rng.randint(1, 9)
    hour, minute = rng.randint(0, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    day = rng.randint(1, 27)
    weekday = WEEKDAYS[(day + 5) % 7]  # 1 June 2025 is a Sunday
    manifest = [
        f"title: {event.capitalize()} in {place}",
        "timezone: UTC",
        "articles:",
    ]
    outlets = rng.sample(OUTLETS, k=min(count, len(OUTLETS)))
    for index in range(count):
        name = f"a{index:02d}"
        stated = dead * 2 + rng.randint(5, 40) if index == planted_index else dead
        text = _article(rng, event, verb, detail, place, stated, injured, hour, minute, weekday)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        repeat = index // len(outlets)
        outlet = outlets[index % len(outlets)] + (f" {repeat + 1}" if repeat else "")
        manifest += [
            f"  - file: {name}.txt",
            f"    outlet: {outlet}",
            f'    published: "2025-06-{day:02d}"',
        ]
    (folder / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")


def _article(
    rng: random.Random, event: str, verb: str, detail: str, place: str, dead: int,
    injured: int, hour: int, minute: int, weekday: str,
) -> str:
    source = rng.choice(SOURCES)
    clock = f"{hour:02d}:{minute:02d}"
    lead = rng.choice([
        f"{event.capitalize()} {verb} {place} at {clock} local time on {weekday}, "
        f"{source[0].lower() + source[1:]} said.",
        f"At least {dead} people were killed when {event} {verb} {place} on {weekday}.",
    ])
    body = [
        lead,
        f"{source} said {dead} people were killed and {injured} people were injured.",
        f"Witnesses said {detail}.",
    ]
    fillers = rng.sample(FILLER, k=rng.randint(8, 12))
    paragraphs = [" ".join(body[:2]), body[2]]
    for start in range(0, len(fillers), 3):
        paragraphs.append(" ".join(fillers[start:start + 3]))
    headline = f"{event.capitalize()} in {place}"
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_jsonl(corpus: Path, target: Path) -> None:
    """The story folders of `corpus` as one JSON Lines file, one article a line with its story
    id (the synthetic stories share places, so they are given, not grouped)."""
    import yaml

    with target.open("w", encoding="utf-8") as out:
        for folder in sorted(path for path in corpus.iterdir() if path.is_dir()):
            manifest = yaml.safe_load((folder / "story.yaml").read_text(encoding="utf-8"))
            for entry in manifest["articles"]:
                out.write(json.dumps({
                    "id": f"{folder.name}-{Path(entry['file']).stem}", "story": folder.name,
                    "outlet": entry["outlet"], "published": str(entry["published"]),
                    "timezone": manifest["timezone"],
                    "text": (folder / entry["file"]).read_text(encoding="utf-8"),
                }) + "\n")


def run_config(corpus: Path, out: Path, jobs: int, engine: str) -> dict[str, float]:
    """Run factcheck over every story folder of `corpus` (or, when it is a file, over the
    stories of that JSON Lines pile), in this process; wall time and peak resident memory of
    this process and its children."""
    from factcheck.grouping import jsonl_loaders
    from factcheck.parallel import make_engine
    from factcheck.pipeline import compare_stories, run_stories
    from factcheck.report import render, write_reports
    from factcheck.rules import load_rules, shipped_pack

    rules = load_rules([shipped_pack()])
    started = time.perf_counter()
    engine_run = make_engine(engine, jobs, None)
    setup = time.perf_counter() - started
    if corpus.is_file():
        loaders, problems = jsonl_loaders(corpus)
        if problems:
            raise RuntimeError(problems[0].message)
        reports = compare_stories(loaders, rules, engine_run, None)
    else:
        stories = sorted(path for path in corpus.iterdir() if path.is_dir())
        reports = run_stories(stories, rules, engine_run, None)
    found: dict[str, list[dict[str, object]]] = {}
    articles = 0
    try:
        for report in reports:
            if isinstance(report, Exception):
                raise report
            articles += len(report.articles)
            write_reports({"json": render(report, "json", rules=rules)}, out / report.story.id)
            found[report.story.id] = [
                {"rule": d.rule, "claims": [c for p in d.positions for c in p.claims]}
                for d in report.discrepancies if d.rule == "count-agree"
            ]
    finally:
        engine_run.close()
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    (out / "found.json").write_text(json.dumps(found), encoding="utf-8")
    return {"articles": articles, "seconds": elapsed, "setup": setup,
            "parent_mb": own / 1024, "child_mb": children / 1024}


def score(found_file: Path, planted: list[Planted]) -> tuple[int, int]:
    """(planted contradictions found, false alarms in stories with nothing planted)."""
    found: dict[str, list[dict[str, list[str]]]] = json.loads(found_file.read_text())
    hits = 0
    for answer in planted:
        ids = (f"{answer.article}:", f"{answer.story}-{answer.article}:")  # folders, JSON Lines
        if any(claim.startswith(ids) for item in found.get(answer.story, [])
               for claim in item["claims"]):
            hits += 1
    planted_stories = {answer.story for answer in planted}
    false = sum(1 for story, items in found.items() if items and story not in planted_stories)
    return hits, false


def benchmark(
    sizes: list[int], per_story: int, configs: list[tuple[int, str]], jsonl: bool = False
) -> list[str]:
    rows = ["| N | stories | engine | jobs | articles/s | seconds | peak MB (parent / worker)"
            " | planted found | false alarms |",
            "|---|---|---|---|---|---|---|---|---|"]
    print("\n".join(rows), flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as temporary:
        for size in sizes:
            corpus = Path(temporary) / f"corpus-{size}"
            planted = write_corpus(corpus, size, per_story)
            if jsonl:
                pile = Path(temporary) / f"corpus-{size}.jsonl"
                write_jsonl(corpus, pile)
                corpus = pile
            label = " (JSON Lines)" if jsonl else ""
            for jobs, engine in configs:
                out = Path(temporary) / f"out-{size}-{engine}-{jobs}"
                result = subprocess.run(
                    [sys.executable, __file__, "--run", str(corpus), str(out),
                     "--jobs", str(jobs), "--engine", engine],
                    capture_output=True, text=True, check=True,
                )
                figures = json.loads(result.stdout.strip().splitlines()[-1])
                hits, false = score(out / "found.json", planted)
                rows.append(
                    f"| {size:,} | {size // per_story:,} | {engine}{label} | {jobs} | "
                    f"{figures['articles'] / figures['seconds']:,.0f} | {figures['seconds']:.1f} | "
                    f"{figures['parent_mb']:.0f} / {figures['child_mb']:.0f} | "
                    f"{hits}/{len(planted)} | {false} |"
                )
                print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 200 only")
    parser.add_argument("--large", action="store_true", help="also N = 50,000")
    parser.add_argument("--per-story", type=int, default=8, help="articles per story")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help="corpus sizes to run")
    parser.add_argument("--jobs-list", type=int, nargs="+", default=[1, 2], metavar="J",
                        help="process counts to run (default: 1 2)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    parser.add_argument("--jsonl", action="store_true",
                        help="read the corpus as one JSON Lines pile, not story folders")
    parser.add_argument("--run", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        figures = run_config(Path(args.run[0]), Path(args.run[1]), args.jobs, args.engine)
        print(json.dumps(figures))
        return 0
    sizes = args.sizes or ([200] if args.quick else [1_000, 10_000] + [50_000] * args.large)
    configs = [(jobs, "local") for jobs in args.jobs_list]
    configs += [] if args.no_dask else [(2, "dask")]
    benchmark(sizes, args.per_story, configs, args.jsonl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
