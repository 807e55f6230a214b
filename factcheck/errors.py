"""Errors a user can act on: each names the file, and where known the line and column."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

# pydantic words a validator's own ValueError as "Value error, <message>"; the prefix names a
# Python exception, which means nothing to someone editing a YAML or JSON file.
_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


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


def validation_message(detail: ErrorDetails) -> str:
    """The message of one pydantic validation error as a user should read it: a validator's
    own words without pydantic's "Value error, " prefix, else pydantic's message."""
    message = detail["msg"]
    for prefix in _PYDANTIC_PREFIXES:
        if message.startswith(prefix):
            # An assertion's message is followed by the failed expression, Python again.
            return message[len(prefix):].split("\n", 1)[0]
    return message


class InputError(FactcheckError):
    """A story, article, manifest or rule file that cannot be used."""


class UsageError(FactcheckError):
    """Command-line arguments that do not make sense together."""
