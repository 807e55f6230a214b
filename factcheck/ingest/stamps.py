"""Publication stamps, live-blog timestamps and datelines: lines about the page, not the event.

A scraped page carries "PUBLISHED: TUESDAY, MARCH 4, 2014, 6:02 PM", "Updated 11:20 a.m. ET",
a bare "Saturday, 4 October 2014" under the headline and "LONDON (Reuters) -" before the first
sentence. Read as article text they become time claims, and two outlets' publication stamps a
week apart were reported as a disagreement on the date of the event. The cleaner
(`factcheck.ingest.clean`) asks this module whether a line is such a stamp, keeps it out of the
clean text and hands it to the loader as article metadata (`models.Stamp`), whose date can
stand in for a missing `published`.

A stamp line is read word by word, not by one regular expression: each word is classified
(weekday, month, day, year, clock time, 12-hour marker, zone, filler, punctuation) and the line
is a stamp only when every word is one of those, each part at most once. So any order of the
parts is accepted, a single other word makes the line article text, and the cost is linear in
the line (lines longer than a stamp can be are not read at all). The words are data:
`factcheck/data/stamps.yaml` (labels, filler words, 12-hour markers) with the month, weekday
and zone names of `calendar.yaml` and `timezones.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factcheck.extract.timeparts import calendar, zone_for_abbreviation
from factcheck.models import PublishedFrom, Stamp, StampKind
from factcheck.resources import load_table

# A stamp is short: a longer line is article text, and is never tokenised here.
MAX_STAMP_LINE = 120
# A dateline is the head of a paragraph's first line, before a dash.
MAX_DATELINE = 100

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\w:])"
    r"|(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?P<glued>[ap]\.?m\.?)?(?![\w:])"
    r"|(?P<dotted>\d{1,2}\.\d{2})(?P<dglued>[ap]\.?m\.?)?(?![\w.])"
    r"|(?P<number>\d+)(?P<ordinal>st|nd|rd|th)?(?![\w:.]\d)"
    r"|(?P<word>[^\W\d_]+(?:\.[^\W\d_]+)*\.?)"
    r"|(?P<punct>[^\w\s])"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
# Punctuation a stamp may hold between its parts.
_SEPARATORS = frozenset(",|/•·:-–—()[]")


@dataclass(frozen=True)
class StampParts:
    """The date and time parts a stamp names; any may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    zone: tzinfo | None = None
    weekday: int | None = None

    @property
    def has_date(self) -> bool:
        return self.month is not None and (self.day is not None or self.year is not None)

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def resolve(self, zone: str | None) -> datetime | date | None:
        """The instant (or day) the stamp names; None without a full calendar date.

        A time without a zone on the stamp is read in `zone` (the article's or the story's);
        with no zone known at all only the day is kept: guessing UTC could move it by a day.
        """
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            day = date(self.year, self.month, self.day)
        except ValueError:
            return None
        if self.hour is None or self.minute is None:
            return day
        where = self.zone or _zone_named(zone)
        if where is None:
            return day
        return datetime.combine(day, time(self.hour % 24, self.minute, self.second), where)


@dataclass(frozen=True)
class StampReading:
    """What a stamp line says: its kind and its parts."""

    kind: StampKind
    parts: StampParts


@dataclass(frozen=True)
class FoundStamp:
    """Page furniture the cleaner took out of the text: its kind, its span in the original
    file, and the date and time it names (None for bylines, credits and links)."""

    kind: StampKind
    start: int
    end: int
    parts: StampParts | None = None


def _zone_named(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@cache
def _table() -> dict[str, Any]:
    return load_table("stamps")  # type: ignore[no-any-return]


@cache
def _labels() -> tuple[tuple[str, StampKind], ...]:
    """(label, kind), longest first so "last updated" wins over "updated"."""
    pairs = [(" ".join(label.casefold().split()), kind)
             for kind, labels in _table()["labels"].items() for label in labels]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))


@cache
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (full and abbreviated), casefolded, to their numbers."""
    table = calendar()
    months = {name.casefold(): number for key in ("months", "month_abbreviations")
              for name, number in table[key].items()}
    weekdays = {name.casefold(): number for key in ("weekdays", "weekday_abbreviations")
                for name, number in table[key].items()}
    return months, weekdays


@cache
def _words() -> tuple[frozenset[str], dict[str, str]]:
    """Filler words and 12-hour markers, casefolded."""
    table = _table()
    filler = frozenset(word.casefold() for word in table["filler"])
    meridiems = {word.casefold(): value for word, value in table["meridiems"].items()}
    return filler, meridiems


@cache
def _openings() -> frozenset[str]:
    """Every word a stamp can open with: a label's first word, a month, a weekday."""
    months, weekdays = _names()
    firsts = {label.split()[0] for label, _ in _labels()}
    return frozenset(firsts | set(months) | set(weekdays))


def _may_be_stamp(line: str) -> bool:
    """A cheap test run on every line: a stamp opens with a digit, a bracket or a word a stamp
    can open with, and holds a digit; most sentences fail on their first word."""
    opening = line.lstrip(" ([")
    if not opening:
        return False
    if not opening[0].isdigit():
        word = opening.split(None, 1)[0].rstrip(":,.;|-").casefold()
        if word not in _openings():
            return False
    return any(character.isdigit() for character in line)


def _label(line: str) -> tuple[StampKind | None, int]:
    """The label a line opens with ("Last modified:"), and where the rest starts."""
    folded = line.casefold()
    for label, kind in _labels():
        if folded.startswith(label):
            end = len(label)
            if end == len(line) or not line[end].isalpha():
                return kind, end
    return None, 0


class _NotAStamp(Exception):
    """A word that no stamp holds: the line is article text."""


def read_parts(text: str, *, allow_time: bool = True) -> StampParts | None:
    """The parts of a text made only of date and time words; None if any word is another.

    `allow_time=False` reads a date only (a dateline's): a clock time makes it article text.
    """
    months, weekdays = _names()
    filler, meridiems = _words()
    found: dict[str, Any] = {}
    meridiem: str | None = None
    dotted = False

    def put(key: str, value: Any) -> None:
        if key in found:
            raise _NotAStamp
        found[key] = value

    try:
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup
            token = match.group(0)
            if match.group("iso"):
                _put_iso(put, token)
            elif match.group("clock") or match.group("dotted"):
                clock = match.group("clock") or match.group("dotted")
                dotted = match.group("dotted") is not None
                pieces = [int(piece) for piece in re.split(r"[:.]", clock)]
                if pieces[0] > 24 or pieces[1] > 59 or (len(pieces) > 2 and pieces[2] > 59):
                    raise _NotAStamp
                put("hour", pieces[0])
                put("minute", pieces[1])
                if len(pieces) > 2:
                    put("second", pieces[2])
                glued = match.group("glued") or match.group("dglued")
                if glued:
                    meridiem = "am" if glued[0] in "aA" else "pm"
                    put("meridiem", meridiem)
            elif match.group("number") is not None:
                digits = match.group("number")
                if len(digits) == 4 and 1900 <= int(digits) <= 2100 and not match.group("ordinal"):
                    put("year", int(digits))
                elif len(digits) <= 2 and 1 <= int(digits) <= 31:
                    put("day", int(digits))
                else:
                    raise _NotAStamp
            elif kind == "word":
                folded = token.casefold()
                bare = folded.rstrip(".")
                if folded in meridiems or bare in meridiems:
                    meridiem = meridiems.get(folded) or meridiems[bare]
                    put("meridiem", meridiem)
                elif bare in months:
                    put("month", months[bare])
                elif bare in weekdays:
                    put("weekday", weekdays[bare])
                elif token.isupper() and (zone := _zone_abbreviation(token)) is not None:
                    put("zone", zone)
                elif folded not in filler:
                    raise _NotAStamp
            elif kind == "other" or (token not in _SEPARATORS and token not in filler):
                raise _NotAStamp
    except _NotAStamp:
        return None
    if not found:
        return None
    if not allow_time and "hour" in found:
        return None
    if "day" in found and "month" not in found:
        return None  # a lone number: a count, a page, not a date
    if "year" in found and "month" not in found:
        return None
    hour = found.get("hour")
    if meridiem is not None:
        if hour is None or hour == 0 or hour > 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    has_date = "month" in found and ("day" in found or "year" in found)
    if hour is None and not has_date:
        return None
    if dotted and meridiem is None and "zone" not in found and not has_date:
        return None  # "4.50" alone is a price as likely as a time
    return StampParts(
        year=found.get("year"), month=found.get("month"), day=found.get("day"), hour=hour,
        minute=found.get("minute"), second=found.get("second", 0), zone=found.get("zone"),
        weekday=found.get("weekday"),
    )


@cache
def _zone_abbreviation(word: str) -> tzinfo | None:
    found = zone_for_abbreviation(word)
    return found[0] if found is not None else None


def _put_iso(put: Any, token: str) -> None:
    try:
        moment = datetime.fromisoformat(token.replace(" ", "T"))
    except ValueError as error:
        raise _NotAStamp from error
    put("year", moment.year)
    put("month", moment.month)
    put("day", moment.day)
    if "T" in token or " " in token:
        put("hour", moment.hour)
        put("minute", moment.minute)
        put("second", moment.second)
        if moment.tzinfo is not None:
            put("zone", moment.tzinfo)


def read_stamp(line: str, *, early: bool = True) -> StampReading | None:
    """Is this whole line a publication or update stamp, or a live-blog timestamp?

    A labelled stamp ("Updated 9:05 a.m. ET") is one anywhere. A bare date ("Sunday, 9 March
    2031") is the publication date only among the first lines (`early`), under the headline;
    further down it may head a timeline, so it stays text. A bare time ("14:07 GMT") is a
    live-blog entry's time anywhere. A bare date needs its year or weekday: "March 4" alone
    is too little to call furniture.
    """
    if len(line) > MAX_STAMP_LINE or not _may_be_stamp(line):
        return None
    kind, rest = _label(line)
    parts = read_parts(line[rest:])
    if parts is None:
        return None
    if kind is not None:
        return StampReading(kind, parts)
    if not parts.has_date:
        return StampReading("liveblog", parts)
    if parts.year is None and parts.weekday is None:
        return None
    if early:
        return StampReading("published", parts)
    if parts.has_time:
        return StampReading("liveblog", parts)
    return None


# --------------------------------------------------------------------------- datelines

_DASH = re.compile(r"\s+(?:-{1,2}|–|—)\s+|(?<=\))\s*(?:-{1,2}|–|—)\s*")
_PLACE_WORD = re.compile(r"[A-Z][\w.'’-]*")


@dataclass(frozen=True)
class Dateline:
    """Where a dateline ends in its line, and the date it gives, if any."""

    end: int
    parts: StampParts | None
    standalone: bool


def read_dateline(line: str, *, first: bool = False) -> Dateline | None:
    """The dateline a paragraph opens with ("OSLO (Examplewire) -", "SAO PAULO, Nov 2 (Wire) -"),
    or a line that is only a place and a date ("Quito, 7 Apr") below the headline.

    The place is capitalised words: in capitals ("PORTLAND, Maine —") unless an agency in
    brackets follows ("Lyon, 5 May 2031 (Example Agency) --"). With neither an agency nor a
    date, the words after the dash must start a sentence: "NATO — the alliance ..." is text.
    A standalone place-and-date line is never the first line (`first`): that is the headline.
    """
    head = line[:MAX_DATELINE]
    dash = _DASH.search(head)
    if dash is None:
        if first or len(line) > MAX_DATELINE:
            return None
        # A line of its own holding a date as well: a place in Title case will do.
        reading = _place_and_date(line, capitals=False, need_date=True)
        if reading is None:
            return None
        return Dateline(end=len(line), parts=reading[1], standalone=True)
    prefix = head[:dash.start()].rstrip()
    after = line[dash.end():]
    if not prefix or not after.strip():
        return None
    agency = False
    if prefix.endswith(")"):
        opening = prefix.rfind("(")
        inside = prefix[opening + 1:-1].strip() if opening >= 0 else ""
        if not inside or len(inside) > 40 or not inside[0].isupper() or any(
            character.isdigit() for character in inside
        ):
            return None
        agency = True
        prefix = prefix[:opening].rstrip()
        if not prefix:
            # "(Examplewire) — Ferries ...": the agency alone, in capitalised words, before a
            # sentence.
            if _is_place(inside, capitals=False) and after.lstrip()[:1].isupper():
                return Dateline(end=dash.end(), parts=None, standalone=False)
            return None
    reading = _place_and_date(prefix, capitals=not agency, need_date=False)
    if reading is None:
        return None
    if not agency and reading[1] is None and not after.lstrip()[:1].isupper():
        return None
    return Dateline(end=dash.end(), parts=reading[1], standalone=False)


def _place_and_date(
    text: str, *, capitals: bool, need_date: bool
) -> tuple[str, StampParts | None] | None:
    """A place (in capitals when `capitals`), then places or one date, separated by commas."""
    pieces = [piece.strip() for piece in text.split(",")]
    if len(pieces) > 4 or not pieces[0]:
        return None
    place = pieces[0]
    if not _is_place(place, capitals=capitals):
        return None
    date_parts: StampParts | None = None
    for piece in pieces[1:]:
        if not piece:
            return None
        parts = read_parts(piece, allow_time=False)
        if parts is not None and parts.month is not None and date_parts is None:
            date_parts = parts
        elif not _is_place(piece, capitals=False):
            return None
    if need_date and date_parts is None:
        return None
    return place, date_parts


def _is_place(text: str, *, capitals: bool) -> bool:
    """One to four capitalised words; all in capitals when `capitals` ("NEW DELHI")."""
    words = text.split()
    if not 1 <= len(words) <= 4:
        return False
    if not all(_PLACE_WORD.fullmatch(word) for word in words):
        return False
    letters = [character for character in text if character.isalpha()]
    if capitals and (len(letters) < 2 or not text.isupper()):
        return False
    months, weekdays = _names()
    return not any(word.casefold().rstrip(".") in months or word.casefold() in weekdays
                   for word in words)


# --------------------------------------------------------------------------- article metadata


def article_stamps(found: Iterable[FoundStamp], original: str, zone: str | None) -> list[Stamp]:
    """The cleaner's stamps as report metadata: words, line and resolved date."""
    stamps: list[Stamp] = []
    line = 1
    position = 0
    for stamp in found:  # in file order, so the line count runs once over the file
        line += original.count("\n", position, stamp.start)
        position = stamp.start
        stamps.append(Stamp(
            kind=stamp.kind, value=original[stamp.start:stamp.end],
            resolved=stamp.parts.resolve(zone) if stamp.parts is not None else None,
            line=line, start=stamp.start, end=stamp.end,
        ))
    return stamps


# A manifest date and the page's own stamp this far apart are a republished or mis-dated page.
_DISAGREEING_DAYS = 1


@dataclass(frozen=True)
class Published:
    """An article's publication date, where it comes from, and a caveat, if any."""

    when: datetime | date | None
    source: PublishedFrom | None
    stamp: Stamp | None = None
    problem: str | None = None


def infer_published(given: datetime | date | None, stamps: list[Stamp]) -> Published:
    """The manifest's `published`, else the article's publication stamp, else its dateline.

    An "Updated" stamp is never taken: it dates an edit, not the report, and relative days in
    the text were written against the report. When the manifest and the stamp disagree by more
    than a day the manifest wins (it is what the user said) and the caveat is returned.
    """
    stamp = next((s for s in stamps if s.kind == "published" and s.resolved is not None), None)
    if given is not None:
        if stamp is not None and stamp.resolved is not None:
            apart = abs((_day(given) - _day(stamp.resolved)).days)
            if apart > _DISAGREEING_DAYS:
                return Published(given, "manifest", stamp, (
                    f"published {given.isoformat()} in the metadata, but the article's stamp"
                    f" on line {stamp.line} ({stamp.value!r}) says"
                    f" {stamp.resolved.isoformat()}, {apart} days apart; a republished or"
                    " mis-dated page? The metadata's date is used"))
        return Published(given, "manifest")
    if stamp is not None:
        return Published(stamp.resolved, "stamp", stamp)
    dateline = next((s for s in stamps if s.kind == "dateline" and s.resolved is not None), None)
    if dateline is not None:
        return Published(dateline.resolved, "dateline", dateline)
    return Published(None, None)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
