"""Errors a user can act on: each names the file, and where known the line and column."""

from __future__ import annotations


class FactcheckError(Exception):
    """An input or usage problem; the CLI prints it on one line and exits 2."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class InputError(FactcheckError):
    """A story, article, manifest or rule file that cannot be used."""


class UsageError(FactcheckError):
    """Command-line arguments that do not make sense together."""
