"""Calendar arithmetic, zones and sentence context for the time normaliser.

`factcheck.extract.times` finds time expressions; this module holds what it needs to turn them
into aware instants without knowing any grammar: the tables (`calendar`, `dayparts`,
`timezones` in `factcheck/data/`), day and period boundaries in a zone (wall-clock, so a
"night" over a daylight-saving change still ends at 06:00 local), and the sentence-level cues
(future tense, reporting verbs) that decide whether a bare weekday looks back or forward.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from factcheck.models import Context, Sentence
from factcheck.resources import load_table

Interval = tuple[datetime, datetime]


def alternation(phrases: Iterable[str], *, flexible_space: bool = True) -> str:
    """Longest first so "early morning" wins over "morning"; spaces match any whitespace run
    because scraped text is hard-wrapped."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = phrase.split()
        joiner = r"\s+" if flexible_space else " "
        parts.append(joiner.join(re.escape(word) for word in words))
    return "|".join(parts)


def calendar() -> Mapping[str, Any]:
    return load_table("calendar")  # type: ignore[no-any-return]


def dayparts() -> Mapping[str, Any]:
    return load_table("dayparts")  # type: ignore[no-any-return]


def zones() -> Mapping[str, Any]:
    return load_table("timezones")  # type: ignore[no-any-return]


@dataclass(frozen=True)
class DayPart:
    """Local hours [start, end) of a named day; end > 24 runs into the next day."""

    start: int
    end: int
    timex: str


@cache
def daypart_names() -> dict[str, DayPart]:
    parts: dict[str, DayPart] = {}
    for entry in dayparts()["parts"]:
        for name in entry["names"]:
            parts[name] = DayPart(entry["start"], entry["end"], entry["timex"])
    return parts


def daypart(name: str) -> DayPart | None:
    return daypart_names().get(" ".join(name.lower().split()))


def day_modifier(word: str) -> DayPart:
    entry = dayparts()["day_modifiers"][word.lower()]
    return DayPart(entry["start"], entry["end"], entry["timex"])


# --------------------------------------------------------------------------- zones


def _offset(text: str) -> tzinfo:
    sign = -1 if text[0] in "-−" else 1
    hours, minutes = text[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _zone_spec(spec: Mapping[str, Any]) -> tuple[tzinfo, list[tzinfo]]:
    alternatives = [_offset(o) for o in spec.get("alternatives", [])]
    if "offset" in spec:
        return _offset(spec["offset"]), alternatives
    return ZoneInfo(spec["zone"]), alternatives


def zone_for_abbreviation(abbreviation: str) -> tuple[tzinfo, list[tzinfo]] | None:
    spec = zones()["abbreviations"].get(abbreviation)
    return _zone_spec(spec) if spec else None


@cache
def _zones_by_city() -> dict[str, str]:
    """'kyiv' -> 'Europe/Kyiv': the IANA database already knows most capitals, so the table
    only needs the cities it names differently (Beijing -> Asia/Shanghai)."""
    by_city: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" not in name or name.startswith(("Etc/", "SystemV/", "US/")):
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        by_city.setdefault(city, name)
    return by_city


def zone_for_name(name: str) -> tuple[tzinfo, list[tzinfo]] | None:
    """The zone of "<name> time": table first, then an IANA city."""
    key = " ".join(name.lower().split())
    spec = zones()["names"].get(key)
    if spec:
        return _zone_spec(spec)
    city = _zones_by_city().get(key)
    return (ZoneInfo(city), []) if city else None


def parse_utc_offset(sign: str, hours: str, minutes: str | None) -> tzinfo | None:
    if int(hours) > 14 or (minutes and int(minutes) > 59):
        return None
    return _offset(f"{'-' if sign in '-−' else '+'}{int(hours):02d}:{minutes or '00'}")


def local_zone(context: Context) -> tzinfo:
    """The event's zone; else the publication time's own offset; else UTC."""
    if context.timezone:
        try:
            return ZoneInfo(context.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    published = context.published
    if isinstance(published, datetime) and published.tzinfo is not None:
        return published.tzinfo
    return UTC


# --------------------------------------------------------------------------- calendar


def at(day: date, hour: int, zone: tzinfo, minute: int = 0) -> datetime:
    """Wall-clock hour of a day; hours >= 24 run into the following days."""
    return datetime.combine(day + timedelta(days=hour // 24), time(hour % 24, minute), zone)


def day_interval(day: date, zone: tzinfo, days: int = 1) -> Interval:
    return at(day, 0, zone), at(day + timedelta(days=days), 0, zone)


def add_months(day: date, months: int) -> date:
    """Same day of month, clipped to the month's length (31 Mar - 1 month = 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def month_interval(year: int, month: int, zone: tzinfo, months: int = 1) -> Interval:
    first = date(year, month, 1)
    return at(first, 0, zone), at(add_months(first, months), 0, zone)


def year_interval(year: int, zone: tzinfo, years: int = 1) -> Interval:
    return at(date(year, 1, 1), 0, zone), at(date(year + years, 1, 1), 0, zone)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_timex(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def part_of(interval: Interval, part: str, zone: tzinfo) -> Interval:
    """"early"/"mid"/"late" of a period as whole days: a third of it, by the table."""
    low, high = calendar()["period_parts"][part]
    first, last = interval[0].date(), interval[1].date()
    days = (last - first).days
    start = first + timedelta(days=round(low * days))
    end = first + timedelta(days=max(round(high * days), round(low * days) + 1))
    return at(start, 0, zone), at(end, 0, zone)


@dataclass(frozen=True)
class Reference:
    """The publication moment as the resolver needs it: its day in the event's zone, and the
    instant when the manifest gave one (a date alone leaves `now` unknown)."""

    zone: tzinfo
    today: date | None
    now: datetime | None

    @property
    def until(self) -> datetime | None:
        """End of "so far": the publication instant, else the end of the publication day."""
        if self.now is not None:
            return self.now
        return at(self.today + timedelta(days=1), 0, self.zone) if self.today else None


def reference(context: Context) -> Reference:
    """A publication date outside years 1000-2999 is a data error, not news: resolving
    against it would only overflow the calendar, so it counts as unknown."""
    zone = local_zone(context)
    published = context.published
    if isinstance(published, date) and not 1000 <= published.year <= 2999:
        published = None
    if isinstance(published, datetime):
        if published.tzinfo is None:
            published = published.replace(tzinfo=zone)
        now = published.astimezone(zone)
        return Reference(zone, now.date(), now)
    if isinstance(published, date):
        return Reference(zone, published, None)
    return Reference(zone, None, None)


# --------------------------------------------------------------------------- sentences

def sentence_starts(sentences: Sequence[Sentence]) -> list[int]:
    """Where each sentence of the parse starts, the first at 0: a position between two
    sentences (their blanks) belongs to the one before, so every position has a sentence."""
    return [0, *(sentence.start for sentence in sentences if sentence.start > 0)]


def sentence_span(starts: list[int], text_length: int, position: int) -> tuple[int, int]:
    """The sentence around `position`, from its start to the next one's."""
    index = bisect.bisect_right(starts, position) - 1
    end = starts[index + 1] if index + 1 < len(starts) else text_length
    return starts[index], end


@cache
def future_cue_pattern() -> re.Pattern[str]:
    """A cue followed by "have" is a counterfactual past ("a resolution that would have
    extended the mission"), not a future."""
    words = calendar()["future_cues"]
    return re.compile(
        rf"(?<!\w)(?<!['’])(?:{alternation(words)})(?![\w'’])(?!\s+have\b)", re.IGNORECASE
    )


@cache
def reporting_verb_pattern() -> re.Pattern[str]:
    words = calendar()["reporting_verbs"]
    return re.compile(rf"(?i)\b(?:{alternation(words)})\b")


_WORD_BEFORE = re.compile(r"([\w'’-]+)[ \t\r\n]+$")
_EVENT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


def year_names_event(text: str, start: int, end: int) -> bool:
    """"The 2018 Ridge Fire", "the 2016 Olympics", "Japan's 2011 tsunami": the year at
    `start:end` names an event (`calendar.yaml: event_nouns`, up to three capitalised words
    before the noun), so it dates the event, and a clause about it is known to be years back.
    Shared by the time normaliser (a time) and the quantities (no count)."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    word = before.group(1).lower() if before else ""
    if word != "the" and not word.endswith(("'s", "’s")):
        return False
    nouns = _event_nouns()
    position = end
    for _ in range(4):
        found = _EVENT_WORD.match(text, position)
        if found is None:
            return False
        if found.group(1).lower() in nouns:
            return True
        if not found.group(1)[0].isupper():
            return False
        position = found.end()
    return False


@cache
def _event_nouns() -> frozenset[str]:
    return frozenset(calendar()["event_nouns"])
