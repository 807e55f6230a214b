"""One story of many articles, stage by stage (issue 7: "a story of 500 articles"); by hand only.

    .venv/bin/python benchmarks/story_size.py                  # 100, 250, 500, 1,000 articles
    .venv/bin/python benchmarks/story_size.py --sizes 50 1000

The story is one event told by many outlets: each article (about 3-4 KB, like real news)
states the same death toll, injury count, time and duration in one of several wordings, with
background paragraphs of its own (other numbers, dates, quotes); one article in five is a wire
copy of an earlier one (new headline, last paragraph trimmed), as agency text is republished.
Stages: load (read, clean, mark wire copies), extract (parse, values, claims for every
article), compare (alignment and every rule), report (Markdown, JSON and SARIF rendered and
written). Each size runs in a fresh process, so peak memory (`ru_maxrss`) is its own; the
figure after each stage is the peak so far. Linear time is the claim to check.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import OUTLETS, SOURCES
from stages import RULES, Stages, run_child, write_all_reports

LEADS = [
    "A tunnel collapse killed {dead} people in Varnholt on Tuesday, {source} said.",
    "At least {dead} people died when part of a road tunnel fell in near Varnholt on Tuesday.",
    "{Source} said {dead} people were killed and {injured} hurt in the Varnholt tunnel collapse.",
    "The death toll from Tuesday's tunnel collapse in Varnholt has risen to {dead}.",
]
DETAILS = [
    "The roof gave way at {clock}, and rescuers worked for {hours} hours to reach the cars.",
    "Part of the ceiling fell at about {clock}; it took crews {hours} hours to clear the lanes.",
    "Rescue teams spent {hours} hours cutting through concrete after the {clock} collapse.",
]
COUNTS = [
    "{injured} people were injured, {serious} of them seriously, according to {source_low}.",
    "Hospitals treated {injured} injured people, {source_low} said.",
]
BACKGROUND = [
    "The tunnel, opened in {year}, carries about {traffic:,} vehicles a day.",
    "An inspection in {year} found cracks in {cracks} sections of the lining.",
    "The operator spent {million} million euros on repairs over the past {span} years.",
    "Residents said the road had been closed {closures} times since {year} for maintenance.",
    '"We heard a sound like thunder and then everything went dark," said one driver, {age}.',
    "Engineers from {firms} firms were called in to check two other tunnels on the same road.",
]


# Each outlet's own sentences are made of invented words (syllable pairs, ~2,000 of them) and
# function words, so that independent articles share few 3-word runs, as real independent
# reports do (under 15%); wire copies share most of theirs.
SYLLABLES = tuple(str.split(
    "ba ker lo min sa tor vel dun ri pas on gle mar ti fen cro had wil us bre ost lan"
    " pe dor im sul va gor nis tre ab col hem ju rat sen fo"))
FUNCTION_WORDS = ("the", "of", "and", "in", "to", "a", "was", "for", "on", "with")


def _own_sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(8, 16)):
        if rng.random() < 0.3:
            words.append(rng.choice(FUNCTION_WORDS))
        else:
            ending = rng.choice(("", "s", "ed"))
            words.append(rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + ending)
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, templates: list[str], facts: dict[str, Any]) -> str:
    return rng.choice(templates).format(**facts)


def write_story(folder: Path, articles: int, seed: int = 5) -> None:
    """`articles` article files and a manifest; one in five is a wire copy of an earlier one."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    facts = {"dead": 14, "injured": 52, "serious": 9, "clock": "07:40", "hours": 11}
    manifest = ["title: Tunnel collapse", "timezone: Europe/Berlin", "articles:"]
    texts: list[str] = []
    for index in range(articles):
        source = rng.choice(SOURCES)
        own = dict(facts, source=source.lower(), Source=source, source_low=source.lower())
        if texts and index % 5 == 4:
            original = rng.choice(texts)
            body = original.split("\n\n")[1:-1] or original.split("\n\n")[1:]
            text = f"Tunnel collapse: agency report ({index})\n\n" + "\n\n".join(body) + "\n"
        else:
            paragraphs = [_paragraph(rng, LEADS, own), _paragraph(rng, DETAILS, own),
                          _paragraph(rng, COUNTS, own)]
            for number in range(rng.randint(9, 13)):
                own_words = " ".join(_own_sentence(rng) for _ in range(rng.randint(2, 4)))
                if number % 4 == 0:  # now and then a background figure in a stock wording
                    own_words += " " + _paragraph(rng, BACKGROUND, {
                        "year": rng.randint(1960, 2020), "traffic": rng.randint(5, 90) * 1000,
                        "cracks": rng.randint(2, 30), "million": rng.randint(2, 80),
                        "span": rng.randint(3, 15), "closures": rng.randint(2, 40),
                        "age": rng.randint(19, 80), "firms": rng.randint(2, 6)})
                paragraphs.append(own_words)
            text = f"Varnholt tunnel collapse ({index})\n\n" + "\n\n".join(paragraphs) + "\n"
            texts.append(text)
        name = f"a{index:04d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        outlet = OUTLETS[index % len(OUTLETS)] + (f" {index // len(OUTLETS)}"
                                                    if index >= len(OUTLETS) else "")
        when = f"2025-03-{4 + index % 3:02d}T{8 + index % 12:02d}:00:00+01:00"
        manifest += [f"  - file: {name}", f"    outlet: {outlet}", f'    published: "{when}"']
    (folder / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")


def measure(folder: Path) -> dict[str, Any]:
    from factcheck.pipeline import analyse_article, compare_story, load_marked_story
    from factcheck.rules import load_rules

    rules = load_rules([RULES])
    stages_run = Stages()
    figures, timed = stages_run.figures, stages_run.timed
    story = timed("load", lambda: load_marked_story(folder))
    figures["bytes"] = sum(len(article.original.encode()) for article in story.articles)
    figures["copies"] = sum(1 for article in story.articles if article.copy_of)
    claims = timed("extract", lambda: [claim for article in story.articles
                                       for claim in analyse_article(article)])
    figures["claims"] = len(claims)
    report = timed("compare", lambda: compare_story(story, claims, rules))
    figures["facts"] = len(report.facts)
    figures["discrepancies"] = len(report.discrepancies)
    timed("report", lambda: write_all_reports(report, rules, folder.parent / "out"))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 250, 500, 1000],
                        metavar="N")
    parser.add_argument("--run", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(measure(Path(args.run))))
        return 0
    stages = ("load", "extract", "compare", "report")
    print("| articles | MB | copies | claims | facts | discrepancies |"
          + "".join(f" {stage} s |" for stage in stages) + " total s | peak MB (start -> stages) |",
          flush=True)
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="factcheck-story-") as temporary:
            folder = Path(temporary) / "story"
            write_story(folder, size)
            figures = run_child(__file__, str(folder))
        seconds = [figures[stage][0] for stage in stages]
        peaks = [f"{figures['start_mb']:.0f}"] + [f"{figures[stage][1]:.0f}" for stage in stages]
        print(f"| {size} | {figures['bytes'] / 2**20:.1f} | {figures['copies']} | "
              f"{figures['claims']} | {figures['facts']} | {figures['discrepancies']} |"
              + "".join(f" {s:.2f} |" for s in seconds)
              + f" {sum(seconds):.1f} | {' -> '.join(peaks)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
