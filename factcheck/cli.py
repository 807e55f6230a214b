"""Command line: parse arguments, call one function per command, map outcomes to exit codes.

Exit codes (documented in README, tested): 0 nothing at or above `--fail-on`; 1 findings at or
above it; 2 a usage or input error (a one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factcheck import __version__
from factcheck.errors import FactcheckError, UsageError
from factcheck.models import Context, Report

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FAIL_ON_CHOICES = ("error", "warning", "info", "never")
DEFAULT_FORMATS = ("md", "json")


def _split_formats(value: str) -> list[str]:
    from factcheck.report import FORMATS

    formats = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return formats


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Find where news outlets contradict each other about the same event.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="check stories and write their reports")
    run.add_argument("stories", nargs="*", type=Path, metavar="STORY_DIR",
                     help="story folders (default: every folder under inputs/)")
    run.add_argument("--inputs", type=Path, default=Path("inputs"),
                     help="where to look for stories when none is named (default: inputs)")
    run.add_argument("--rules", type=Path, action="append", metavar="DIR",
                     help="rule file or folder, repeatable (default: rules)")
    run.add_argument("--out", type=Path, default=Path("reports"),
                     help="output folder; each story gets OUT/<story-id>/ (default: reports)")
    run.add_argument("--format", type=_split_formats, default=list(DEFAULT_FORMATS),
                     help="comma-separated: md,json,sarif,github (default: md,json)")
    run.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="error",
                     help="lowest severity that makes the exit code 1 (default: error)")
    run.add_argument("--quiet", action="store_true", help="print nothing but errors")

    extract = commands.add_parser("extract", help="show every value the normaliser understood")
    extract.add_argument("file", type=Path)
    extract.add_argument("--published", help="publication date-time, ISO 8601")
    extract.add_argument("--tz", help="IANA time zone of the event, e.g. Europe/Paris")
    extract.add_argument("--format", choices=("table", "json"), default="table")

    schema = commands.add_parser("schema", help="write the JSON Schemas of the contracts")
    schema.add_argument("--out", type=Path, default=Path("schemas"))

    rules = commands.add_parser("rules", help="list, validate or test rule files")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    for name, text in (("list", "show the loaded rules and rule kinds"),
                       ("validate", "check rule files against the schema"),
                       ("test", "run every rule's must_find / must_not_find examples")):
        sub = rules_commands.add_parser(name, help=text)
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="rule files or folders (default: rules)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "extract":
            return command_extract(args)
        if args.command == "schema":
            return command_schema(args)
        if args.command == "rules":
            return command_rules(args)
    except FactcheckError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return EXIT_ERROR
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR  # pragma: no cover - parser.error exits


# --------------------------------------------------------------------------- run


def discover_stories(inputs: Path) -> list[Path]:
    """Every story folder under `inputs`, in name order so runs are reproducible."""
    if not inputs.is_dir():
        raise UsageError(f"no story folder given and {inputs} is not a folder")
    stories = sorted(path for path in inputs.iterdir() if path.is_dir())
    if not stories:
        raise UsageError(f"no story folders under {inputs}")
    return stories


def worst_severity(report: Report) -> int:
    return max((SEVERITY_RANK[d.severity] for d in report.discrepancies), default=-1)


def command_run(args: argparse.Namespace) -> int:
    from factcheck.pipeline import run_story
    from factcheck.report import render, write_reports
    from factcheck.rules import load_rules

    stories = list(args.stories) or discover_stories(args.inputs)
    for story_dir in stories:
        if not story_dir.is_dir():
            raise UsageError(f"{story_dir}: not a story folder")
    rules = load_rules(args.rules or [Path("rules")])
    threshold = SEVERITY_RANK.get(args.fail_on, 99)
    failed = False
    input_errors = False
    reports: list[Report] = []
    for story_dir in stories:
        try:
            report = run_story(story_dir, rules)
        except FactcheckError as error:
            # One broken story never hides the others: say it, go on, exit 2 at the end.
            print(f"factcheck: {error}", file=sys.stderr)
            input_errors = True
            continue
        reports.append(report)
        folder = args.out / report.story.id
        outputs = {fmt: render(report, fmt, rules=rules) for fmt in args.format}
        write_reports(outputs, folder)
        if "github" in outputs:
            # Annotations only reach GitHub through standard output.
            sys.stdout.write(outputs["github"])
        for problem in report.problems:
            where = problem.file + (f":{problem.line}" if problem.line else "")
            print(f"factcheck: {where}: {problem.severity}: {problem.message}", file=sys.stderr)
            input_errors = input_errors or problem.severity == "error"
        if worst_severity(report) >= threshold:
            failed = True
        if not args.quiet:
            print(summary_line(report, args.out / report.story.id))
    if input_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def summary_line(report: Report, folder: Path) -> str:
    counts = {severity: 0 for severity in ("error", "warning", "info")}
    for discrepancy in report.discrepancies:
        counts[discrepancy.severity] += 1
    found = ", ".join(f"{count} {severity}" for severity, count in counts.items())
    return (
        f"{report.story.id}: {len(report.articles)} articles, {len(report.claims)} claims, "
        f"{len(report.discrepancies)} discrepancies ({found}) -> {folder}"
    )


# --------------------------------------------------------------------------- extract


def parse_published(value: str | None, zone: str | None) -> datetime | date | None:
    """ISO 8601 date or date-time; a naive date-time is read in `zone` (else UTC)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"--published: not an ISO 8601 date or date-time: {value!r}") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone) if zone else ZoneInfo("UTC"))
    return moment


def command_extract(args: argparse.Namespace) -> int:
    from factcheck.extract import extract_mentions
    from factcheck.ingest import load_article_file

    if args.tz:
        try:
            ZoneInfo(args.tz)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise UsageError(f"--tz: unknown IANA time zone {args.tz!r}") from error
    article = load_article_file(args.file)
    published = parse_published(args.published, args.tz)
    context = Context(
        published=published or article.reference_time or article.published,
        timezone=args.tz or article.timezone,
    )
    mentions = extract_mentions(article.text, context)
    rows = []
    for mention in mentions:
        start, end = article.offsets.span_to_original(mention.start, mention.end)
        rows.append({
            "kind": mention.kind,
            "text": article.original[start:end],
            "start": start,
            "end": end,
            "line": article.line_of(start),
            "value": mention.value.model_dump(mode="json"),
        })
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from factcheck.values import describe

        for row, mention in zip(rows, mentions, strict=True):
            where = f"{row['line']:>5}  {row['kind']:<9}"
            print(f"{where} {row['text']!r:<40} {describe(mention.value)}")
    return EXIT_CLEAN


# --------------------------------------------------------------------------- schema and rules


def command_schema(args: argparse.Namespace) -> int:
    from factcheck.schemas import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_CLEAN


def command_rules(args: argparse.Namespace) -> int:
    from factcheck.rules import describe_rules, load_rules, run_examples, validate_rule_files

    paths = list(args.paths) or [Path("rules")]
    if args.rules_command == "validate":
        errors = validate_rule_files(paths)
        for error in errors:
            print(error, file=sys.stderr)
        if not errors:
            print(f"rules valid: {', '.join(str(p) for p in paths)}")
        return EXIT_ERROR if errors else EXIT_CLEAN
    rules = load_rules(paths)
    if args.rules_command == "list":
        print(describe_rules(rules))
        return EXIT_CLEAN
    results = run_examples(rules)
    failures = [result for result in results if not result.passed]
    for result in failures:
        print(f"FAIL {result}", file=sys.stderr)
    print(f"rules test: {len(results) - len(failures)} passed, {len(failures)} failed")
    return EXIT_FINDINGS if failures else EXIT_CLEAN
