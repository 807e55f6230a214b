"""Bulk input: JSON Lines, one article per line, read as a stream.

A monitoring feed holds tens of thousands of articles in one file, so the file is never read
whole: each line is decoded, validated and cleaned on its own and handed on, and only the ids
seen so far are remembered (to refuse a second article with the same id). A bad line costs only
itself: it becomes a `Problem` naming the file and the line, and reading goes on.

Each line is an object::

    {"id": "ap-0412", "outlet": "AP", "published": "2025-03-02T09:15:00Z",
     "url": "https://...", "text": "...", "story": "flood-2025-03", "timezone": "Europe/Rome",
     "language": "en", "title": "..."}

`id` and one of `text` / `html` are required; `story` is optional (articles without one are
grouped by `factcheck.grouping.group_stories`). The article's `original` is the `text` or
`html` value, so claim offsets and lines point into that field, not into the JSONL file.

`read_jsonl_spans` also says where each article's line lies in the file (`LineSpan`), so a
caller can keep only a small record per article and read the line again later with
`read_jsonl_line`: grouping a day's pile then never holds the day's texts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from factcheck.errors import InputError, validation_message
from factcheck.ingest.clean import clean_article
from factcheck.ingest.loader import MAX_ARTICLE_BYTES
from factcheck.ingest.manifest import as_aware, parse_when, zone_problem
from factcheck.ingest.stamps import article_stamps, infer_published
from factcheck.models import Article, ArticleFormat, Problem


@dataclass(frozen=True)
class LineSpan:
    """Where one line lies in a JSON Lines file: its 1-based number, byte offset and length."""

    number: int
    offset: int
    length: int


class JsonlArticle(BaseModel):
    """One line of bulk input. Unknown keys are reported, not fatal: feeds carry extras."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    outlet: str | None = None
    published: str | None = None
    reference_time: str | None = None
    url: str | None = None
    text: str | None = None
    html: str | None = None
    story: str | None = None
    timezone: str | None = None
    language: str | None = None
    title: str | None = None

    @model_validator(mode="after")
    def _one_body(self) -> JsonlArticle:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


def read_jsonl(
    path: Path, *, max_line_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | Problem]:
    """Articles of a JSON Lines file in file order, with a `Problem` for each unusable line."""
    for item in read_jsonl_spans(path, max_line_bytes=max_line_bytes):
        yield item[0] if isinstance(item, tuple) else item


def read_jsonl_spans(
    path: Path, *, max_line_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[tuple[Article, LineSpan] | Problem]:
    """As `read_jsonl`, each article with the span of its line, to read it again by seeking.

    A line longer than `max_line_bytes` (the article size limit by default) is a problem and
    is skipped without ever being held whole: it is read past in pieces.
    """
    display = path.as_posix()
    seen: set[str] = set()
    offset = 0
    with path.open("rb") as stream:
        for number, (raw, length) in enumerate(_bounded_lines(stream, max_line_bytes), start=1):
            span = LineSpan(number, offset, length)
            offset += length
            if raw is None:
                yield Problem(
                    file=display, line=number, severity="error",
                    message=f"line is {length / 2**20:.1f} MB, over the limit of "
                    f"{max_line_bytes / 2**20:.1f} MB for one article; line skipped",
                )
                continue
            for item in _read_line(raw, number, display, seen):
                yield (item, span) if isinstance(item, Article) else item


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line and its length in bytes; None instead of a line longer than `limit`."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit:
            yield raw, len(raw)
            continue
        length = len(raw)
        while not raw.endswith(b"\n"):
            raw = stream.readline(1 << 20)
            if not raw:
                break
            length += len(raw)
        yield None, length


def read_jsonl_line(path: Path, span: LineSpan) -> Article:
    """The article on the line at `span`, read again; its problems were reported the first
    time. A line that no longer holds an article (the file changed) is an input error."""
    with path.open("rb") as stream:
        stream.seek(span.offset)
        raw = stream.read(span.length)
    for item in _read_line(raw, span.number, path.as_posix(), set()):
        if isinstance(item, Article):
            return item
    raise InputError("line changed since it was first read", file=path.as_posix(),
                     line=span.number)


def _read_line(
    raw: bytes, number: int, display: str, seen: set[str]
) -> Iterator[Article | Problem]:
    def problem(message: str, severity: str = "error") -> Problem:
        return Problem(file=display, line=number, message=message,
                       severity=severity)  # type: ignore[arg-type]

    if not raw.strip():
        return
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        yield problem(f"not UTF-8 at byte {error.start}; line skipped")
        return
    except json.JSONDecodeError as error:
        yield problem(f"not JSON ({error.msg} at column {error.colno}); line skipped")
        return
    if not isinstance(data, dict):
        yield problem("expected a JSON object per line; line skipped")
        return
    try:
        entry = JsonlArticle.model_validate(data)
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or 'line'}: {validation_message(item)}"
            for item in error.errors()
        )
        yield problem(f"{details}; line skipped")
        return
    if entry.model_extra:
        yield problem(f"unknown keys ignored: {', '.join(sorted(entry.model_extra))}",
                      "warning")
    if entry.id in seen:
        yield problem(f"another line already has the id {entry.id!r}; line skipped")
        return
    if entry.timezone is not None and (message := zone_problem(entry.timezone)):
        yield problem(f"{message}; line skipped")
        return
    times: dict[str, datetime | date | None] = {}
    for key in ("published", "reference_time"):
        value = getattr(entry, key)
        if value is None:
            times[key] = None
            continue
        try:
            moment = parse_when(value, entry.timezone)
        except ValueError as error:
            yield problem(f"{key}: {error}; line skipped")
            return
        if isinstance(moment, datetime) and moment.tzinfo is None:
            yield problem(f"{key} {value!r} has no offset and no time zone; read as UTC",
                          "warning")
            moment = as_aware(moment)
        times[key] = moment
    format: ArticleFormat = "html" if entry.html is not None else "text"
    original = entry.html if entry.html is not None else entry.text or ""
    cleaned = clean_article(original, format)
    if not cleaned.mapped.text.strip():
        yield problem(f"article {entry.id!r}: no text left after cleaning; skipped", "warning")
        return
    seen.add(entry.id)
    stamps = article_stamps(cleaned.stamps, original, entry.timezone)
    published = infer_published(times["published"], stamps)
    if published.problem is not None:
        yield problem(f"article {entry.id!r}: {published.problem}", "warning")
    yield Article(
        id=entry.id,
        path=f"#{number}",
        outlet=entry.outlet,
        published=published.when,
        published_from=published.source,
        stamps=stamps,
        reference_time=times["reference_time"],
        url=entry.url,
        language=entry.language,
        title=entry.title or cleaned.title,
        timezone=entry.timezone,
        format=format,
        original=original,
        text=cleaned.mapped.text,
        offsets=cleaned.mapped.offset_map(),
        story=entry.story,
    )
