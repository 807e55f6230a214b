"""The progress bar shows on a terminal and nowhere else."""

from __future__ import annotations

import io

from factcheck.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_on_a_terminal_and_clears_at_the_end() -> None:
    stream = Terminal()
    with Progress(3, "stories", stream=stream) as progress:
        progress.advance(detail="a")
        progress.advance(detail="b")
        assert "2/3" in stream.getvalue() and "b" in stream.getvalue()
        progress.advance()
    assert stream.getvalue().endswith("\r")
    assert "3/3" in stream.getvalue()


def test_silent_when_not_a_terminal_or_quiet() -> None:
    plain = io.StringIO()
    with Progress(5, "stories", stream=plain) as progress:
        progress.advance()
    assert plain.getvalue() == ""
    terminal = Terminal()
    with Progress(5, "stories", stream=terminal, quiet=True) as progress:
        progress.advance()
    assert terminal.getvalue() == ""


def test_never_counts_past_the_total() -> None:
    stream = Terminal()
    progress = Progress(2, "x", stream=stream)
    progress.advance(5)
    assert progress.done == 2
