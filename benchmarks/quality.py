"""Quality on real news: factcheck's findings on the ECB corpus, scored against hand-made gold.

    .venv/bin/python benchmarks/quality.py              # dev and test tables
    .venv/bin/python benchmarks/quality.py --summary    # totals only, at most four lines
    .venv/bin/python benchmarks/quality.py --write      # also refresh the table in README.md
    .venv/bin/python benchmarks/quality.py --details    # every dev finding with its judgement
    .venv/bin/python benchmarks/quality.py --check-gold [FILE ...]

Why matching is done *at the claim*: one sentence of news holds several values, so a finding
that cites the right sentence for the wrong number must not count as right. A finding matches
a gold discrepancy when two of its positions cite claims whose own words (the claim's span in
the original file) fall inside snippets of two different sides of that discrepancy. "Inside"
means the two spans overlap by at least half of the shorter one: a count's claim ("$31.20") is
inside its snippet ("closed on Friday at $31.20"); a quotation's claim and its snippet are the
same words give or take the attribution.

How a finding is judged:
- **right**: it matches a gold discrepancy (in or out of scope, minor or not, or an `extra`
  one added after review);
- **trap**: it matches no discrepancy but two of its positions fall in two mentions of a trap
  (compatible forms of one fact, or different facts that look alike);
- **false**: anything else. A finding nobody annotated is false until a reviewer adds it to
  the gold as `extra: true`: precision is never flattered by what the annotators missed.

Recall counts in-scope gold discrepancies that are not `extra` (those were found by reading
the tool's output, so they cannot measure what the tool misses), found by a finding at
warning or error ("recall"), or at any severity ("with info").

Only the dev split is for tuning: `--details` prints dev stories unless `--split test` is
asked for, and test scores are to be looked at as figures only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import (
    CORPUS,
    GOLD,
    Articles,
    Say,
    Span,
    StoryGold,
    check_gold,
    load_gold,
)
from readme import replace_block
from speakers import ToolQuote, load_gold_quotes, score_speakers

QUOTE_GOLD = Path(__file__).resolve().parent / "gold" / "quotes"

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
SPLITS = ("dev", "test")
SEVERITIES = ("error", "warning", "info")

# The figures the quality issue sets on dev (test within 10 points of each).
TARGETS = {"error precision": 0.90, "error+warning precision": 0.80, "recall": 0.60}


@dataclass(frozen=True)
class ClaimSpan:
    article: str
    start: int
    end: int


@dataclass
class Finding:
    """One discrepancy of a report, reduced to what scoring needs."""

    story: str
    rule: str
    severity: str
    title: str
    summary: str
    positions: list[list[ClaimSpan]]
    judgement: str = "false"  # right | trap | false
    matched: list[str] = field(default_factory=list)


def inside(claim: ClaimSpan, span: Span) -> bool:
    """A claim's words fall in a snippet: same article, overlap of half the shorter span."""
    if claim.article != span.article:
        return False
    overlap = min(claim.end, span.end) - max(claim.start, span.start)
    shorter = min(claim.end - claim.start, span.end - span.start)
    return overlap > 0 and overlap * 2 >= shorter


def _hits(finding: Finding, groups: Sequence[list[Span]]) -> list[set[int]]:
    """For each position of the finding, which groups (sides or mentions) its claims fall in."""
    return [
        {g for g, spans in enumerate(groups) for c in claims for s in spans if inside(c, s)}
        for claims in finding.positions
    ]


def two_apart(hits: list[set[int]]) -> bool:
    """Two different positions fall in two different groups."""
    for i, first in enumerate(hits):
        for second in hits[i + 1:]:
            if any(a != b for a in first for b in second):
                return True
    return False


@dataclass
class GoldIndex:
    """A story's gold with every snippet located once."""

    gold: StoryGold
    sides: dict[str, list[list[Span]]]
    mentions: dict[str, list[list[Span]]]

    @classmethod
    def of(cls, gold: StoryGold, corpus: Path) -> GoldIndex:
        articles = Articles(corpus / gold.story)

        def spans(says: Iterable[Say]) -> list[Span]:
            return [span for say in says for span in articles.find(say)]

        return cls(
            gold,
            {d.id: [spans(side.says) for side in d.sides] for d in gold.discrepancies},
            {t.id: [spans([m]) for m in t.mentions] for t in gold.traps},
        )


def judge(finding: Finding, index: GoldIndex) -> None:
    matched = [d.id for d in index.gold.discrepancies
               if two_apart(_hits(finding, index.sides[d.id]))]
    if matched:
        finding.judgement, finding.matched = "right", matched
        return
    tripped = [t.id for t in index.gold.traps if two_apart(_hits(finding, index.mentions[t.id]))]
    if tripped:
        finding.judgement, finding.matched = "trap", tripped


def run_factcheck(story_dirs: list[Path], jobs: int,
                  quotes: dict[str, list[ToolQuote]] | None = None) -> dict[str, list[Finding]]:
    """Findings per story, from the default rule pack, as `factcheck run` makes them; the
    quote claims of each story go to `quotes` when given (speaker accuracy)."""
    from factcheck.parallel import make_engine
    from factcheck.pipeline import run_stories
    from factcheck.rules import load_rules, shipped_pack

    rules = load_rules([shipped_pack()])
    engine = make_engine("local", jobs)
    found: dict[str, list[Finding]] = {}
    try:
        for report in run_stories(story_dirs, rules, engine=engine):
            if not hasattr(report, "discrepancies"):
                raise SystemExit(f"quality: a story could not be read: {report}")
            claims = {c.id: ClaimSpan(c.article, c.start, c.end) for c in report.claims}
            if quotes is not None:
                quotes[report.story.id] = [
                    ToolQuote(c.article, c.start, c.end, getattr(c.value, "speaker", None))
                    for c in report.claims if c.kind == "quote"]
            found[report.story.id] = [
                Finding(report.story.id, d.rule, d.severity, d.title, d.summary,
                        [[claims[c] for c in p.claims if c in claims] for p in d.positions])
                for d in report.discrepancies
            ]
    finally:
        close = getattr(engine, "close", None)
        if close:
            close()
    return found


@dataclass
class Scores:
    """Counts for one split (or one rule within it)."""

    findings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (severity, judgement)
    gold_total: int = 0
    found_warning: int = 0
    found_any: int = 0
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    traps_error: set[str] = field(default_factory=set)
    traps_warning: set[str] = field(default_factory=set)
    out_of_scope: int = 0
    stories: int = 0

    def count(self, severities: Sequence[str], judgement: str | None = None) -> int:
        return sum(n for (sev, jud), n in self.findings.items()
                   if sev in severities and (judgement is None or jud == judgement))

    def precision(self, severities: Sequence[str]) -> float | None:
        total = self.count(severities)
        return self.count(severities, "right") / total if total else None

    def recall(self, any_severity: bool = False) -> float | None:
        if not self.gold_total:
            return None
        return (self.found_any if any_severity else self.found_warning) / self.gold_total


def score(findings: dict[str, list[Finding]], golds: dict[str, GoldIndex]
          ) -> tuple[dict[str, Scores], dict[str, dict[str, Scores]]]:
    """Totals per split, and per split per rule."""
    totals = {split: Scores() for split in SPLITS}
    by_rule: dict[str, dict[str, Scores]] = {split: defaultdict(Scores) for split in SPLITS}
    for story, index in sorted(golds.items()):
        split = index.gold.split
        total = totals[split]
        total.stories += 1
        story_findings = findings.get(story, [])
        for finding in story_findings:
            judge(finding, index)
            for bucket in (total, by_rule[split][finding.rule]):
                bucket.findings[finding.severity, finding.judgement] += 1
                if finding.judgement == "trap":
                    tripped = {f"{story}/{t}" for t in finding.matched}
                    if finding.severity == "error":
                        bucket.traps_error |= tripped
                    elif finding.severity == "warning":
                        bucket.traps_warning |= tripped
        for item in index.gold.discrepancies:
            if item.extra:
                continue
            if not item.in_scope:
                total.out_of_scope += 1
                continue
            hits = [f for f in story_findings if item.id in f.matched]
            warned = any(f.severity != "info" for f in hits)
            total.gold_total += 1
            total.found_warning += warned
            total.found_any += bool(hits)
            kind = total.kinds[item.kind]
            kind[0] += 1
            kind[1] += warned
            kind[2] += bool(hits)
            for rule in {f.rule for f in hits if f.severity != "info"}:
                by_rule[split][rule].found_warning += 1
    return totals, by_rule


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def ratio(right: int, total: int) -> str:
    return f"{right}/{total} ({pct(right / total if total else None)})"


def tables(totals: dict[str, Scores], by_rule: dict[str, dict[str, Scores]]) -> str:
    """The Markdown tables the README carries: totals, then per rule and per kind for each split."""
    lines = [
        "| split | stories | error precision | error+warning precision | recall | with info |"
        " traps tripped (error / warning) | out of scope |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        s = totals[split]
        lines.append(
            f"| {split} | {s.stories} | {ratio(s.count(['error'], 'right'), s.count(['error']))}"
            f" | {ratio(s.count(['error', 'warning'], 'right'), s.count(['error', 'warning']))}"
            f" | {ratio(s.found_warning, s.gold_total)} | {ratio(s.found_any, s.gold_total)}"
            f" | {len(s.traps_error)} / {len(s.traps_warning)} | {s.out_of_scope} |"
        )
    for split in SPLITS:
        lines += ["", f"**{split}, per rule** (findings right/all; trap = a trap tripped)", "",
                  "| rule | error | warning | info | traps (error / warning) | gold found |",
                  "|---|---|---|---|---|---|"]
        for rule, s in sorted(by_rule[split].items()):
            cells = [ratio(s.count([sev], "right"), s.count([sev])) for sev in SEVERITIES]
            lines.append(f"| {rule} | {' | '.join(cells)} | {len(s.traps_error)} /"
                         f" {len(s.traps_warning)} | {s.found_warning} |")
        lines += ["", f"**{split}, recall per kind** (in-scope gold found at warning+ / any)", "",
                  "| kind | gold | found | with info |", "|---|---|---|---|"]
        for kind, (n, warned, anyhow) in sorted(totals[split].kinds.items()):
            lines.append(f"| {kind} | {n} | {ratio(warned, n)} | {ratio(anyhow, n)} |")
    return "\n".join(lines)


def summary(totals: dict[str, Scores]) -> str:
    """Totals for dev and test, one line each (the issue allows four)."""
    out = []
    for split in SPLITS:
        s = totals[split]
        out.append(
            f"{split}: error precision {pct(s.precision(['error']))}"
            f" ({s.count(['error'], 'right')}/{s.count(['error'])}),"
            f" error+warning {pct(s.precision(['error', 'warning']))}"
            f" ({s.count(['error', 'warning'], 'right')}/{s.count(['error', 'warning'])}),"
            f" recall {pct(s.recall())} ({s.found_warning}/{s.gold_total}),"
            f" traps at error {len(s.traps_error)}"
        )
    return "\n".join(out)


def details(findings: dict[str, list[Finding]], golds: dict[str, GoldIndex], split: str) -> str:
    """Each finding of the split with its judgement, then the gold it missed: for tuning on dev."""
    out = []
    for story, index in sorted(golds.items()):
        if index.gold.split != split:
            continue
        out.append(f"## {story}")
        for f in findings.get(story, []):
            mark = {"right": "RIGHT", "trap": "TRAP ", "false": "FALSE"}[f.judgement]
            extra = f" [{', '.join(f.matched)}]" if f.matched else ""
            out.append(f"  {mark} {f.severity:7} {f.rule}: {f.summary}{extra}")
        for item in index.gold.discrepancies:
            hits = [f for f in findings.get(story, []) if item.id in f.matched]
            if not hits and item.in_scope and not item.extra:
                values = " / ".join(side.value for side in item.sides)
                out.append(f"  MISSED  {item.id} {item.kind}: {item.fact} ({values})")
    return "\n".join(out)


def write_readme(text: str) -> None:
    replace_block(README, "quality", text)


def _same_item(a: list[list[Span]], b: list[list[Span]]) -> bool:
    """Two annotators' discrepancies are one when they pair the same words on two sides: some
    snippet of one side of `a` overlaps one side of `b`, and another side of `a` another of `b`."""
    def meets(x: list[Span], y: list[Span]) -> bool:
        return any(s.article == t.article and min(s.end, t.end) > max(s.start, t.start)
                   for s in x for t in y)

    return any(meets(a[i], b[j]) and meets(a[k], b[m])
               for i in range(len(a)) for k in range(len(a)) if i != k
               for j in range(len(b)) for m in range(len(b)) if j != m)


def agreement(first: Path, second: Path, corpus: Path) -> str:
    """How far two annotators' gold agrees on the stories both annotated: the share of each
    one's discrepancies the other also recorded (in-scope kinds, then all), and the kinds."""
    lines = ["| story | first | second | first's found by second | second's found by first |"
             " same kind |", "|---|---|---|---|---|---|"]
    tally = Counter[str]()
    for path in sorted(second.glob("*.yaml")):
        if not (first / path.name).is_file():
            continue
        a = GoldIndex.of(load_gold(first / path.name), corpus)
        b = GoldIndex.of(load_gold(path), corpus)
        a_items = [d for d in a.gold.discrepancies if d.in_scope and not d.extra]
        b_items = [d for d in b.gold.discrepancies if d.in_scope and not d.extra]
        a_found = [d for d in a_items if any(_same_item(a.sides[d.id], b.sides[e.id])
                                             for e in b.gold.discrepancies)]
        b_found = [e for e in b_items if any(_same_item(a.sides[d.id], b.sides[e.id])
                                             for d in a.gold.discrepancies)]
        same_kind = sum(any(_same_item(a.sides[d.id], b.sides[e.id]) and d.kind == e.kind
                            for e in b.gold.discrepancies) for d in a_found)
        tally.update({"a": len(a_items), "b": len(b_items), "a_found": len(a_found),
                      "b_found": len(b_found), "same_kind": same_kind})
        lines.append(f"| {path.stem} | {len(a_items)} | {len(b_items)} |"
                     f" {ratio(len(a_found), len(a_items))} | {ratio(len(b_found), len(b_items))}"
                     f" | {same_kind}/{len(a_found)} |")
    lines.append(f"| all | {tally['a']} | {tally['b']} | {ratio(tally['a_found'], tally['a'])}"
                 f" | {ratio(tally['b_found'], tally['b'])}"
                 f" | {tally['same_kind']}/{tally['a_found']} |")
    return "\n".join(lines)


def load_golds(gold_dir: Path, corpus: Path) -> dict[str, GoldIndex]:
    golds = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        problems = check_gold(path, corpus)
        if problems:
            raise SystemExit("\n".join(problems))
        golds[path.stem] = GoldIndex.of(load_gold(path), corpus)
    return golds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--summary", action="store_true", help="totals only")
    parser.add_argument("--write", action="store_true", help="refresh the table in README.md")
    parser.add_argument("--details", action="store_true", help="each finding and miss")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="split for --details")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--quote-gold", type=Path, default=QUOTE_GOLD,
                        help="gold quotations for speaker accuracy")
    parser.add_argument("--check-gold", nargs="*", metavar="FILE", default=None,
                        help="check gold files (default: all) and exit")
    parser.add_argument("--agreement", type=Path, metavar="DIR",
                        help="compare the gold with a second annotator's files in DIR and exit")
    args = parser.parse_args(argv)
    if args.agreement:
        print(agreement(args.gold, args.agreement, args.corpus))
        return 0
    if args.check_gold is not None:
        files = [Path(f) for f in args.check_gold] or sorted(args.gold.glob("*.yaml"))
        problems = [p for f in files for p in check_gold(f, args.corpus)]
        print("\n".join(problems) or f"{len(files)} gold file(s): every snippet found")
        return 1 if problems else 0

    golds = load_golds(args.gold, args.corpus)
    missing = sorted(p.name for p in args.corpus.iterdir()
                     if p.is_dir() and p.name not in golds)
    if missing:
        print(f"quality: no gold for {', '.join(missing)}: not scored", file=sys.stderr)
    quotes: dict[str, list[ToolQuote]] = {}
    findings = run_factcheck([args.corpus / story for story in golds], args.jobs, quotes)
    totals, by_rule = score(findings, golds)
    speakers = speaker_lines(golds, quotes, args.quote_gold, args.corpus)
    if args.summary:
        print(summary(totals))
        print(speakers)
    else:
        print(tables(totals, by_rule))
        print(f"\n{speakers}")
    if args.details:
        print(details(findings, golds, args.split))
    if args.write:
        write_readme(f"{tables(totals, by_rule)}\n\n{speakers}")
    return 0


def speaker_lines(golds: dict[str, GoldIndex], quotes: dict[str, list[ToolQuote]],
                  quote_gold: Path, corpus: Path) -> str:
    """Speaker accuracy per split that has gold quotations (`benchmarks/speakers.py`)."""
    gold_quotes = load_gold_quotes(quote_gold, corpus) if quote_gold.is_dir() else {}
    lines = []
    for split in SPLITS:
        stories = [story for story, index in golds.items()
                   if index.gold.split == split and story in gold_quotes]
        if stories:
            scores = score_speakers([q for story in stories for q in gold_quotes[story]],
                                    [q for story in stories for q in quotes.get(story, [])])
            lines.append(scores.line(split))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
