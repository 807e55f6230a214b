"""The progress bar: on a terminal only, never wider than it, with printed lines kept whole
above it, and moving within one story as its articles are read.

The terminal is a real pseudo-terminal of a set width; nothing here waits on a clock (the
bar's redraw throttle is switched off where a test counts redraws).
"""

from __future__ import annotations

import fcntl
import io
import os
import re
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_baseline import FIRE, RULES, write_story

from factcheck.models import Article, Claim
from factcheck.progress import Progress

REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLUMNS = 50


class Terminal(io.StringIO):
    """A stream that says it is a terminal (of unknown width)."""

    def isatty(self) -> bool:
        return True


@contextmanager
def pseudo_terminal(columns: int) -> Iterator[tuple[int, Callable[[], str]]]:
    """A pty `columns` wide: its end for a writer, and a function giving all that was
    written once the writer is done (a reader thread drains it, so no writer blocks)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    received = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer's end is closed
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    closed = False

    def output() -> str:
        nonlocal closed
        if not closed:
            os.close(slave)
            closed = True
        reader.join(timeout=60)
        return received.decode("utf-8", errors="replace")

    try:
        yield slave, output
    finally:
        output()
        os.close(master)


def screen_segments(output: str) -> list[str]:
    """What the terminal was asked to show, cut at every carriage return and newline: each
    piece is drawn from the start of a line, so a piece is what one line shows at a time."""
    return [ANSI.sub("", piece) for piece in re.split(r"[\r\n]", output)]


def _stories(root: Path) -> list[Path]:
    """Two stories; the second has an article in Windows-1252 (a warning) and enough
    articles to show a bar moving."""
    first = write_story(root / "harbour-fire", FIRE)
    texts = {f"Outlet {n}": f"The warehouse fire burned for {n + 2} hours, officials said.\n"
             for n in range(6)}
    second = write_story(root / "quay-fire", texts)
    (second / "outlet-0.txt").write_bytes(
        "Quay fire\n\nThe fire burned for two hours \u2013 \u201cagain\u201d.\n".encode("cp1252")
    )
    return [first, second]


def _run(stories: list[Path], out: Path, **streams: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "run", *map(str, stories), "--rules", str(RULES),
         "--out", str(out), "--no-cache", "--fail-on", "never"],
        cwd=out.parent, env=env, text=True, check=False, timeout=300,
        stdin=subprocess.DEVNULL, **streams,  # type: ignore[arg-type]
    )


def test_cli_bar_keeps_to_the_terminal_prints_warnings_whole_and_is_absent_off_it(
    tmp_path: Path,
) -> None:
    stories = _stories(tmp_path / "inputs")
    # The same run without a terminal: its lines are what must appear whole on one.
    out = tmp_path / "reports"  # the same for both runs, so that they print the same lines
    piped = _run(stories, out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert piped.returncode == 0, piped.stderr
    # Not a terminal: no bar at all, not even a carriage return; only the lines themselves.
    assert "\r" not in piped.stderr + piped.stdout and "\x1b" not in piped.stderr
    assert "articles |" not in piped.stderr
    assert all(line.startswith("factcheck: ") for line in piped.stderr.splitlines())
    assert piped.stdout.count("\n") == 2  # one summary a story
    printed = piped.stdout.splitlines() + piped.stderr.splitlines()
    warning = next(line for line in printed if "warning" in line and "Windows-1252" in line)
    assert len(warning) > COLUMNS  # long enough that a bar glued to it would show
    with pseudo_terminal(COLUMNS) as (terminal, output):
        shown = _run(stories, out, stdout=terminal, stderr=terminal)
        screen = output()
    assert shown.returncode == 0
    segments = screen_segments(screen)
    bars = [piece for piece in segments if piece.startswith("factcheck ")]
    assert bars, screen  # the bar was drawn: which story of how many, and its articles
    assert any(piece.startswith("factcheck 2/2 quay-fire 6/6 articles |") for piece in bars)
    for piece in segments:
        # every printed line whole, as its own piece; nothing else wider than the terminal
        assert piece in printed or len(piece) < COLUMNS, piece
    assert warning in segments
    for line in printed:
        assert line in segments, line


def test_one_big_story_shows_its_articles_moving() -> None:
    stream = Terminal()
    with Progress(1, stream=stream, mininterval=0) as progress:
        for done in range(0, 13):
            progress.articles("inquiry", done, 12)
        shown = stream.getvalue()
    assert "factcheck 1/1 inquiry" in shown
    for done in (0, 5, 12):
        assert f"{done}/12" in shown


def test_a_narrow_terminal_cuts_the_bar_not_wraps_it() -> None:
    with pseudo_terminal(30) as (terminal, output):
        with (open(terminal, "w", encoding="utf-8", closefd=False) as stream,
              Progress(3, stream=stream, mininterval=0) as progress):
            progress.articles("a-story-id-far-longer-than-the-terminal-is-wide", 1, 400)
            progress.articles("a-story-id-far-longer-than-the-terminal-is-wide", 2, 400)
        screen = output()
    segments = screen_segments(screen)
    assert any("factcheck 1/3" in piece for piece in segments)
    assert all(len(piece) < 30 for piece in segments), segments


def test_lines_printed_while_the_bar_is_up_land_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)  # the bar and the warning share a terminal
    with Progress(2, mininterval=0) as progress:
        progress.articles("quay-fire", 1, 4)
        redirected = sys.stderr
        print("factcheck: quay.txt: warning: read as Windows-1252", file=sys.stderr)
    assert redirected is not stream and sys.stderr is stream  # taken over, and given back
    lines = stream.getvalue().split("\n")
    # the warning starts on a cleared line and ends its own line: no bar text on it
    assert lines[0].endswith("\rfactcheck: quay.txt: warning: read as Windows-1252")
    assert "article" in lines[1]  # the bar, drawn again below it


def test_silent_when_not_a_terminal_or_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    plain = io.StringIO()
    with Progress(5, stream=plain) as progress:
        progress.articles("s", 1, 3)
        progress.advance()
        print("a line")
    assert plain.getvalue() == ""
    assert capsys.readouterr().out == "a line\n"  # streams not taken over
    terminal = Terminal()
    with Progress(5, stream=terminal, quiet=True) as progress:
        progress.articles("s", 1, 3)
        progress.advance()
    assert terminal.getvalue() == ""


def test_never_counts_past_the_total() -> None:
    progress = Progress(2, stream=Terminal())
    progress.advance(5)
    assert progress.done == 2


def test_extraction_reports_each_article_of_a_story_as_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import factcheck.pipeline
    from factcheck.cache import ClaimCache
    from factcheck.ingest import load_story
    from factcheck.parallel import SerialEngine, extract_claims

    story = load_story(write_story(tmp_path / "harbour-fire", FIRE))
    events: list[tuple[object, ...]] = []
    real = factcheck.pipeline.analyse_article

    def analyse(article: Article, *model: str) -> list[Claim]:
        events.append(("analysed", article.id))
        return real(article, *model)

    monkeypatch.setattr(factcheck.pipeline, "analyse_article", analyse)

    def told(story_id: str, done: int, total: int) -> None:
        events.append((story_id, done, total))

    cache = ClaimCache(tmp_path / "cache")
    list(extract_claims([lambda: story], SerialEngine(), cache, on_articles=told))
    ids = [article.id for article in story.articles]
    # in this process the bar moves between articles, not once the story is done
    assert events == [
        ("harbour-fire", 0, 3),
        ("analysed", ids[0]), ("harbour-fire", 1, 3),
        ("analysed", ids[1]), ("harbour-fire", 2, 3),
        ("analysed", ids[2]), ("harbour-fire", 3, 3),
    ]
    events.clear()
    list(extract_claims([lambda: story], SerialEngine(), cache, on_articles=told))
    assert events == [("harbour-fire", 3, 3)]  # all from the cache: done at once
