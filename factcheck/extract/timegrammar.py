"""The grammar of calendar times: one recogniser per kind of expression.

Each recogniser is a regex (linear: every repetition consumes a whole word) and a handler that
turns its match into an `Item`. Fixed items (dates, weekdays, months, years, relative periods)
resolve on their own against the publication `Reference`; floating items (clock times, parts
of the day) carry a `Clock` and wait for `factcheck.extract.times` to give them a day. The
guards against false friends ("Theresa May", "the Sunday Times", "since 2000 troops") live
beside the recogniser they protect.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import cache

from factcheck.extract.hedges import HEDGE_PATTERN
from factcheck.extract.numbers import NUMBER_PATTERN, parse_number
from factcheck.extract.prefilter import StartScanner, guarded, start_words
from factcheck.extract.timeparts import (
    DayPart,
    Interval,
    Reference,
    add_months,
    alternation,
    at,
    calendar,
    day_interval,
    day_modifier,
    daypart,
    daypart_names,
    future_cue_pattern,
    month_interval,
    parse_utc_offset,
    part_of,
    reporting_verb_pattern,
    sentence_span,
    week_start,
    week_timex,
    year_interval,
    year_names_event,
    zone_for_abbreviation,
    zone_for_name,
    zones,
)
from factcheck.models import Granularity, Hedge, TimeValue
from factcheck.resources import load_table

Anchor = str | None

# --------------------------------------------------------------------------- intermediate items


@dataclass(frozen=True)
class Clock:
    """A time of day waiting for its day: a clock reading or a part of the day."""

    hour: int = 0
    minute: int = 0
    zone: tzinfo | None = None  # None: the event's local zone
    zone_alternatives: tuple[tzinfo, ...] = ()
    midnight: bool = False
    part: DayPart | None = None
    day_offset: int | None = None  # "the next day": days after the story's last named day
    alt_hour: int | None = None  # the other half of the day ("at three o'clock")
    end_hour: int | None = None  # a range of clock times ("between 2 and 4 a.m."): its end
    end_minute: int = 0
    # Written the 12-hour way with no a.m./p.m. ("8:15", "10.30"): a part of the day beside
    # it may put it in the afternoon ("8:15 on Tuesday evening").
    half_unsaid: bool = False


@dataclass(frozen=True)
class Item:
    """A candidate span and what it means so far; offsets index the clean text."""

    start: int
    end: int
    value: TimeValue | None = None  # fixed items: resolved already
    day: date | None = None  # the calendar day a fixed item names, for floating times
    alt_days: tuple[date, ...] = ()
    part: DayPart | None = None  # the part of `day` a fixed item is limited to
    clock: Clock | None = None  # floating items
    hedge: Hedge = "exact"
    anchor: Anchor = None
    # "shortly after 2 p.m.": an approximate clock time on one side of the one written
    # ("after" or "before"), an event's time rather than a boundary.
    side: str | None = None


@dataclass(frozen=True)
class Env:
    """The text being read and what every recogniser resolves against."""

    text: str
    ref: Reference
    starts: list[int] = field(default_factory=list)
    future_cues: list[int] = field(default_factory=list)
    folded: str = ""  # `prefilter.fold(text)`, when the caller has it

    def sentence(self, position: int) -> tuple[int, int]:
        return sentence_span(self.starts, len(self.text), position)

    def looks_forward(self, start: int, end: int) -> bool:
        """Future grammar governs the expression: a cue earlier in the sentence ("will visit
        on Monday"), or a later one not behind a reporting verb ("On Tuesday, she said taxes
        will rise" reports Tuesday's words). A reporting verb before the expression with
        only its object or a short phrase between ("said on Tuesday that she will", "told
        reporters on Saturday") keeps it in the past, as does one right after it. A cue in
        another voice does not count: an odd number of quotation marks between the cue and
        the expression puts one inside a quotation and the other outside ('"We will not pay,"
        she told the paper on Saturday' dates the interview, not the payment)."""
        first, last = self.sentence(start)
        low = bisect.bisect_left(self.future_cues, first)
        high = bisect.bisect_left(self.future_cues, last)
        text = self.text
        cues = [
            cue for cue in self.future_cues[low:high]
            if same_voice(text, *_between(cue, start, end))
            # A later cue after a new coordinated clause is that clause's ("won 31% in
            # Sunday's election, according to results, and will hold 24 seats").
            and not (cue > end and NEW_COORDINATED_CLAUSE.search(text, end, cue))
        ]
        if not cues:
            return False
        verbs = reporting_verb_pattern()
        if self._reported_before(start, first, cues, verbs):
            return False
        after = re.match(r"\W+(\w+)", text[end:end + 30])
        if after and verbs.fullmatch(after.group(1)):
            return False
        if any(cue < start for cue in cues):
            return True
        return not verbs.search(text, end, cues[0])

    def _reported_before(
        self, start: int, first: int, cues: list[int], verbs: re.Pattern[str]
    ) -> bool:
        """A reporting verb right before the expression ("said on", "said, Tuesday"), or
        with its object or a short phrase between and no cue there ("told the paper on",
        "said in a statement on"); a new clause between ("said that", "said it") has its
        own tense."""
        text = self.text
        window = max(first, start - 60)
        before = re.search(r"(\w+)\W+(?:(?i:on)\W+)?$", text[window:start])
        if before and verbs.fullmatch(before.group(1)):
            return True
        tail = _SHORT_TAIL.search(text, window, start)
        if tail is None:
            return False
        words = list(_TAIL_WORD.finditer(text, tail.start(), start))
        for index in range(len(words) - 2, -1, -1):
            word = words[index]
            if word.group().lower() in _NEW_CLAUSE or any(
                    word.start() <= cue < start for cue in cues):
                return False
            if verbs.fullmatch(word.group()):
                return True
        return False


def same_voice(text: str, start: int, end: int) -> bool:
    """No quotation boundary between two places: an even number of quotation marks between
    them (straight or curly; single quotes are too often apostrophes to count)."""
    return (text.count('"', start, end) + text.count("“", start, end)
            + text.count("”", start, end)) % 2 == 0


NEW_COORDINATED_CLAUSE = re.compile(r"[,;][ \t\r\n]*(?:and|but|while|whereas)\b|;")


def _between(cue: int, start: int, end: int) -> tuple[int, int]:
    """The stretch of text between a cue and an expression, on whichever side it is."""
    return (cue, start) if cue < start else (end, cue)


# At most five words before an expression, with only spaces between them.
_SHORT_TAIL = re.compile(r"(?:[\w'’-]+[ \t\r\n]+){1,5}$")
_TAIL_WORD = re.compile(r"[\w'’-]+")
# Between a reporting verb and the expression, these start a reported clause with its own
# tense, so the verb no longer dates the expression.
_NEW_CLAUSE = frozenset(
    {"that", "it", "he", "she", "they", "we", "i", "you", "there", "this", "these", "those"}
)


def _value(
    interval: Interval, granularity: Granularity, timex: str, *, relative: bool,
    alternatives: list[Interval] | None = None,
) -> TimeValue:
    return TimeValue(
        interval=interval, granularity=granularity, timex=timex, relative=relative,
        alternatives=list(alternatives or []),
    )


def _day_item(
    match: re.Match[str], env: Env, day: date, *, relative: bool, alt_days: tuple[date, ...] = (),
    part: DayPart | None = None,
) -> Item:
    zone = env.ref.zone
    if part is None:
        value = _value(
            day_interval(day, zone), "day", day.isoformat(), relative=relative,
            alternatives=[day_interval(d, zone) for d in alt_days],
        )
    else:
        value = _value(
            part_interval(day, part, zone), "daypart", f"{day.isoformat()}T{part.timex}",
            relative=relative, alternatives=[part_interval(d, part, zone) for d in alt_days],
        )
    return Item(match.start(), match.end(), value, day, alt_days, part)


def part_interval(day: date, part: DayPart, zone: tzinfo) -> Interval:
    return at(day, part.start, zone), at(day, part.end, zone)


# --------------------------------------------------------------------------- patterns


def _names(table: dict[str, int]) -> str:
    return alternation([*table, *(name.upper() for name in table)])


@dataclass(frozen=True)
class Patterns:
    recognisers: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], Env], Item | None]], ...]
    prefix: re.Pattern[str]
    # The lower-case first words of every prefix that is not empty (None: unknown): a word
    # start where none of them is written cannot begin one.
    prefix_words: tuple[str, ...] | None
    # Runs every recogniser, then the future cues (`timeparts.future_cue_pattern`), from one
    # scan of the text.
    scanner: StartScanner


_DAY = r"(?<![\w.,/:-])(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
# "3-5 June", "June 3–5": the last day of a range.
_DAY_TO = r"(?:\s*[-–]\s*(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d))?"
# A capital letter may follow a year directly: scraped captions glue the next line on
# ("June 19, 2024Getty Images").
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)(?![^\W_A-Z]|[_%]|[.,/:-]\d)"
_PART = r"(?P<part>\b(?i:early|mid|late))(?:\s+|-)"


@cache
def patterns() -> Patterns:
    cal = calendar()
    month = _names(cal["months"])
    month_abbr = rf"(?:{_names(cal['month_abbreviations'])})\.?"
    weekday = _names(cal["weekdays"])
    weekday_abbr = rf"(?:{_names(cal['weekday_abbreviations'])})\.?"
    parts = rf"(?i:{alternation(daypart_names())})"
    seasons = rf"(?i:{alternation(cal['seasons'])})"
    abbreviations = alternation(zones()["abbreviations"])
    zone_names = alternation(zones()["names"])
    any_weekday = rf"(?P<wd>\b(?:{weekday}|{weekday_abbr}))"
    any_month = rf"(?P<m>\b(?:{month}|{month_abbr}))"
    # A day of the month in digits ("19", "19th") or as an ordinal word ("nineteenth").
    day = (
        r"(?<![\w.,/:-])(?:(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
        rf"|(?P<dw>(?i:{alternation(cal['day_ordinals'])})))(?![\w:]|[.,]\d)"
    )
    hour_words = alternation(w for w, n in load_table("numbers")["units"].items() if 1 <= n <= 12)

    # "6 p.m. Eastern": the four US zones may go without "time", only after a.m./p.m. (a
    # 24-hour reading is rarely American) and not before another name ("Eastern Parkway").
    us_zones = alternation(zones()["bare_after_meridiem"])
    zone_us = (
        rf"|(?(ap)[ \t]+(?P<z_us>(?:{us_zones}))\b(?![ \t]+(?:[A-Z]|(?i:time)\b))|(?!))"
    )

    def zone(extra: str = "") -> str:
        return (
            # "6.42 hour local": machine-translated "local time" ("ora locală", "hora local").
            r"(?:\s+(?P<z_local>(?i:(?:hours?\s+)?local(?:\s+time)?))\b"
            r"|\s*(?P<z_off>(?:GMT|UTC)\s*(?P<z_sign>[+\-−])\s*(?P<z_h>\d{1,2})"
            r"(?::?(?P<z_m>\d\d))?)"
            rf"|\s*(?P<z_abbr>\b(?:{abbreviations}))(?![\w])"
            rf"|\s+(?P<z_name>(?i:{zone_names})|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?i:time)\b"
            rf"{extra})?"
        )
    clock = (
        r"(?:(?<![\w.:,$£€-])(?P<h1>1[0-2]|0?[1-9])(?:[:.](?P<m1>[0-5]\d))?\s?"
        r"(?P<ap>[aApP]\.?\s?[mM]\b\.?)"
        r"|(?<![\w.:,$£€-])(?P<h2>[01]?\d|2[0-3])(?P<sep2>[:h.])(?P<m2>[0-5]\d)(?![\d:]|[.,]\d)"
        r"(?:\s+(?P<dp2>(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))\b)?"
        r"|(?<![\w.:,$£€-])(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?:\s*(?P<hrs>(?i:hrs|hours|h))\b)?"
        r"(?![\w:]|[.,]\d)"
        r"|(?P<word>\b(?i:noon|midnight)\b)"
        rf"|(?<![\w.:,$£€-])(?P<h5>1[0-2]|0?[1-9]|\b(?i:{hour_words}))\s*(?i:o['’]\s?clock)\b"
        r"(?:\s+(?P<ocdp>(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))\b)?)"
    )

    def clock_part(x: str) -> str:
        """One end of a range of clock times; `x` names its groups."""
        return (
            rf"(?:(?P<{x}h>[01]?\d|2[0-3])(?:(?P<{x}sep>[:.])(?P<{x}m>[0-5]\d))?"
            rf"(?:\s?(?P<{x}ap>[aApP]\.?\s?[mM]\b\.?))?|(?P<{x}w>\b(?i:noon|midnight)\b))"
        )

    clock_ranges = [
        rf"\b(?i:between)\s+{clock_part('a')}\s+(?i:and)\s+{clock_part('b')}",
        rf"\b(?i:from)\s+{clock_part('a')}\s+(?i:to|until|till)\s+{clock_part('b')}",
        rf"(?<![\w.:,$£€/-]){clock_part('a')}\s*[-–]\s*{clock_part('b')}",
    ]
    recognisers: list[tuple[str, Callable[[re.Match[str], Env], Item | None]]] = [
        (rf"(?:{any_weekday},?\s+)?(?P<the>(?i:the)\s+)?{day}{_DAY_TO}(?P<of>\s+(?i:of))?\s+"
         rf"{any_month}(?![\w])(?:,?\s+{_YEAR})?", _day_month),
        (rf"(?:{any_weekday},?\s+)?{any_month}\s+(?P<the>(?i:the)\s+)?{day}{_DAY_TO}"
         rf"(?:,?\s+{_YEAR})?", _day_month),
        # "on the 3rd,": a day of the month alone, with a preposition and an ordinal suffix,
        # ending the clause or followed by a clock time ("on the 3rd floor" is no date).
        (r"(?P<pre>\b(?i:on|by|since|until|till|from|before|after))\s+"
         r"(?P<core>(?i:the)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th))"
         r"(?=\s*(?:[,;:!?)]|\.(?!\d)|$)|\s+(?i:at)\s+\d)", _day_of_month),
        (rf"(?:{_PART})?{any_month}(?:\s+(?i:of))?,?\s+{_YEAR}", _month_year),
        (rf"(?:(?P<rel>\b(?i:last|this|next|this\s+past|this\s+coming|early|mid|late))"
         rf"(?:\s+|-))?(?P<m>\b(?:{month}))"
         # A possessive month is a date only with a determiner: "last May's veto", not "May's".
         rf"(?:(?(rel)(?=['’]s\b)|(?![\w'’-]))|(?![\w'’-]))", _month),
        (rf"(?:{_PART}|(?<![\w.,$£€-])){_YEAR}(?!['’]?s\b)", _year),
        (rf"(?i:the)\s+(?P<core>(?:{_PART})?(?:(?P<y4>1[89]\d0|20\d0)|['’](?P<y2>\d0))['’]?s)\b",
         _decade),
        (r"(?<![\w.-])(?P<y>[12]\d{3})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\w-]|\.\d)", _iso_date),
        (r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>[12]\d{3})(?![\w/-]|\.\d)",
         _numeric_date),
        (rf"(?:(?P<mod>\b(?i:late|early))(?:\s+(?i:on))?\s+"
         rf"|(?P<rel>\b(?i:last|this|next|this\s+past|this\s+coming))\s+)?"
         rf"(?P<wd>\b(?:{weekday}))(?:(?=['’]s\b)|\s+(?P<dp>{parts})\b|(?![\w]))", _weekday),
        (rf"(?P<w>\b(?i:yesterday|today|tomorrow|tonight|overnight|last\s+night"
         rf"|this\s+(?:morning|afternoon|evening)))(?:\s+(?P<dp>{parts}))?(?![\w])", _deictic),
        (rf"(?P<w>\b(?i:(?:earlier|later)\s+this|this\s+past|last|this|next|past))\s+"
         rf"(?P<u>(?i:week|weekend|month|year|{seasons}))(?![\w])", _period),
        (r"\b(?i:(?:in|over|during|within)\s+(?:the\s+)?(?P<which>recent|past|last)\s+"
         rf"(?:(?P<few>few|several|couple\s+of)\s+|(?P<n>{NUMBER_PATTERN})\s+)?"
         r"(?P<u>day|week|month|year)s?)\b", _recent),
        # "the talks of recent months", "Recent weeks have seen": the same window without
        # a preposition; plural only ("a recent month-long strike" is no period).
        (r"(?P<which>\b(?i:recent))\s+(?P<u>(?i:day|week|month|year))s(?![\w-])", _recent),
        (rf"(?i:(?P<n>{NUMBER_PATTERN}|\ban?)\s+(?P<u>minute|hour|day|week|month|year|decade)s?\s+ago)\b",
         _ago),
        (rf"(?:(?i:the)\s+)?(?P<s>\b{seasons})(?:\s+(?i:of))?\s+{_YEAR}", _season_year),
        (rf"(?P<pre>\b(?i:in|during|over|since|until|by|through))\s+(?:(?i:the)\s+)?"
         rf"(?P<s>{seasons})(?![\w])(?!\s+(?i:of|in)\b)", _season),
        (rf"(?:(?i:the)\s+)?(?P<nth>\b(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
         rf"\s+(?P<unit>(?i:quarter|half))\s+(?i:of)\s+{_YEAR}", _quarter),
        (rf"\b(?P<q>Q[1-4]|H[12])(?:\s+(?i:of))?\s+{_YEAR}", _quarter),
        (r"\b(?i:over|at|during|on)\s+(?P<core>(?i:the)\s+weekend)\b(?!['’]s)", _weekend),
        (rf"\b(?i:the\s+(?P<which>next|following|previous|preceding)\s+"
         rf"(?P<unit>day|morning|afternoon|evening|night)"
         rf"|(?P<n>{NUMBER_PATTERN}|an?)\s+days?\s+(?P<dir>earlier|later)"
         rf"|the\s+day\s+(?P<rel>before|after)(?=\s*(?:[,.;:!?)]|$)))(?![\w])", _narrative_day),
        (clock + zone(zone_us), _clock),
        *((rf"{pattern}(?![\w:]|[.,]\d){zone()}", _clock_range) for pattern in clock_ranges),
        (rf"(?:(?P<pre>\b(?i:at|in\s+the|during\s+the|before|after|until|by|overnight\s+into"
         rf"|the|early\s+in\s+the|late\s+in\s+the|late\s+at|early\s+on))\s+)"
         rf"(?P<dp>{parts})(?![\w])", _floating_part),
    ]
    hedge = rf"(?i:{HEDGE_PATTERN})"
    prefix_parts = [
        r"(?P<mod>\b(?i:shortly|just|soon|right|immediately|sometime|some\s+time|well))\s+",
        r"(?P<anchor>\b(?i:since|until|till|before|after|by))\s+",
        r"\b(?i:at|on|in)\s+",
        rf"(?P<hedge>{hedge})\s+",
    ]
    # Every part starts with `\b` and a letter: `times._with_prefix` relies on it.
    prefix = re.compile("".join(f"(?:{part})?" for part in prefix_parts) + "$")
    # Every recogniser starts a word; saying so first lets the engine skip the inside of every
    # word without trying the alternatives there, and the guard on the first character skips
    # the word starts where the recogniser cannot begin. The scanner finds, in one pass, the
    # word starts where each recogniser can begin at all (its first words, from its parse):
    # one scan instead of one per recogniser, which made most of the time normaliser's cost.
    compiled = tuple(
        (re.compile(rf"(?<!\w){guarded(p)}"), handler) for p, handler in recognisers
    )
    scanner = StartScanner(
        [*(pattern for pattern, _ in compiled), future_cue_pattern()], shared=True
    )
    starts = start_words("|".join(f"(?:{part})" for part in prefix_parts))
    prefix_words = tuple(sorted({word.split(" ")[0] for word, _ in starts.words})) \
        if starts is not None and not starts.digit else None
    return Patterns(compiled, prefix, prefix_words, scanner)


# --------------------------------------------------------------------------- guards


# Matched at a position of the whole text (slicing the rest of the text off would copy it).
_NAME_FOLLOWS = re.compile(r"\s+[A-Z][a-z]")
_OF_FOLLOWS = re.compile(r"\s+(?i:of)\s")


def _word_before(env: Env, position: int) -> str:
    match = re.search(r"([\w'’-]+)[ \t\r\n]+$", env.text[max(0, position - 40):position])
    return match.group(1) if match else ""


def _two_words_before(env: Env, position: int) -> str:
    match = re.search(r"([\w'’-]+\s+[\w'’-]+)\s+$", env.text[max(0, position - 60):position])
    return " ".join(match.group(1).split()) if match else ""


def _word_after(env: Env, position: int) -> str:
    match = re.match(r"[ \t\r\n]+([\w'’-]+)", env.text[position:position + 40])
    return match.group(1) if match else ""


@cache
def _time_prepositions() -> frozenset[str]:
    return frozenset(w.lower() for w in calendar()["time_prepositions"])


def _after_time_word(env: Env, position: int) -> bool:
    words = _time_prepositions()
    return (
        _word_before(env, position).lower() in words
        or _two_words_before(env, position).lower() in words
    )


@cache
def _designation_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in calendar()["designation_verbs"])


_DESIGNATED_AS = re.compile(r"[ \t\r\n]+(?i:an?|as)\b")


def _designated(env: Env, start: int, end: int) -> bool:
    """"Declared Wednesday a day of mourning", "set Friday as the deadline": a day chosen
    for something is a coming day (`calendar.yaml: designation_verbs`)."""
    return _word_before(env, start).lower() in _designation_verbs() \
        and _DESIGNATED_AS.match(env.text, end) is not None


def _noun_follows(env: Env, position: int) -> bool:
    """A lowercase plural right after a number ("since 2000 troops") makes it a count."""
    word = _word_after(env, position)
    return (
        bool(re.fullmatch(r"[a-z]+s", word))
        and word not in calendar()["words_ending_in_s"]
        and not word.endswith("ss")
    )


# --------------------------------------------------------------------------- resolution helpers


def _nearest(
    candidates: list[date], today: date, forward: bool, window: int = 183
) -> tuple[date, tuple[date, ...]] | None:
    """Latest candidate on or before `today` (earliest on or after it when looking forward);
    the other direction is an alternative when it is within `window` days."""
    past = [c for c in candidates if c <= today]
    future = [c for c in candidates if c >= today]
    back = max(past) if past else None
    ahead = min(future) if future else None
    first, other = (ahead, back) if forward else (back, ahead)
    if first is None:
        first, other = other, None
    if first is None:
        return None
    alts = () if other is None or other == first or abs((other - today).days) > window else (other,)
    return first, alts


def _month_number(name: str) -> int:
    cal = calendar()
    key = name.rstrip(".").capitalize()
    return int(cal["months"].get(key) or cal["month_abbreviations"][key])


def _weekday_number(name: str) -> int:
    cal = calendar()
    key = name.rstrip(".").capitalize()
    return int(cal["weekdays"].get(key, cal["weekday_abbreviations"].get(key, -1)))


# --------------------------------------------------------------------------- fixed recognisers


def _day_month(match: re.Match[str], env: Env) -> Item | None:
    item = _single_day_month(match, env)
    last_day = match.group("d2")
    if item is None or item.day is None or not last_day:
        return item
    first = item.day
    last = date(first.year, first.month, int(last_day))
    if last <= first:
        return None  # "5-3 June" is not a range of days
    days = (last - first).days + 1
    zone = env.ref.zone
    value = _value(
        day_interval(first, zone, days), "day", f"{first.isoformat()}/{last.isoformat()}",
        relative=item.value.relative if item.value else True,
        alternatives=[day_interval(d, zone, days) for d in item.alt_days],
    )
    # A range is no single day a clock time could belong to.
    return Item(item.start, item.end, value)


def _single_day_month(match: re.Match[str], env: Env) -> Item | None:
    month = _month_number(match.group("m"))
    groups = match.groupdict()
    if groups["dw"]:
        # An ordinal word is a day only as "the nineteenth of June" or "June the nineteenth".
        if not groups["the"] or ("of" in groups and not groups["of"]):
            return None
        day = int(calendar()["day_ordinals"][groups["dw"].lower()])
    else:
        day = int(match.group("d"))
    if match.group("y"):
        return _day_item(match, env, date(int(match.group("y")), month, day), relative=False)
    today = env.ref.today
    if today is None:
        return None
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February in a common year
            continue
    forward = env.looks_forward(match.start(), match.end()) \
        or _designated(env, match.start(), match.end())
    # Without future grammar a date far back that is also just ahead is the one ahead: a
    # 30 December article says "on January 3" of the coming week, not of last year.
    found = _nearest(candidates, today, forward, window=62)
    if found is None:
        return None
    chosen, alts = found
    if not forward and alts and (today - chosen).days > 300 and (alts[0] - today).days <= 62:
        chosen, alts = alts[0], (chosen,)
    return _day_item(match, env, chosen, relative=True, alt_days=alts)


def _month_item(
    match: re.Match[str], env: Env, year: int, month: int, *, relative: bool,
    alt_years: tuple[int, ...] = (), part: str | None = None,
) -> Item:
    zone = env.ref.zone
    interval = month_interval(year, month, zone)
    alternatives = [month_interval(y, month, zone) for y in alt_years]
    granularity: Granularity = "month"
    if part:
        interval = part_of(interval, part, zone)
        alternatives = [part_of(a, part, zone) for a in alternatives]
        granularity = "day"
    value = _value(interval, granularity, f"{year}-{month:02d}", relative=relative,
                   alternatives=alternatives)
    hedge: Hedge = "approximate" if part else "exact"
    return Item(match.start(), match.end(), value, hedge=hedge)


def _month_year(match: re.Match[str], env: Env) -> Item | None:
    part = match.group("part")
    return _month_item(
        match, env, int(match.group("y")), _month_number(match.group("m")), relative=False,
        part=part.lower() if part else None,
    )


def _month(match: re.Match[str], env: Env) -> Item | None:
    today = env.ref.today
    name = match.group("m")
    rel = " ".join((match.group("rel") or "").lower().split())
    if today is None:
        return None
    if not rel:
        if not _after_time_word(env, match.start()):
            return None
        before = _word_before(env, match.start()).lower()
        if before in ("and", "or", "to") and _NAME_FOLLOWS.match(env.text, match.end()):
            return None  # "Mark and June Carter"
    month = _month_number(name)
    # Months as (year, month) pairs, counted from the publication month.
    current = today.year * 12 + today.month - 1

    def months_ago(index: int) -> int:
        return current - index

    candidates = [(today.year + dy) * 12 + month - 1 for dy in (-2, -1, 0, 1)]
    back = max(c for c in candidates if months_ago(c) >= 0)
    ahead = min(c for c in candidates if months_ago(c) <= 0)
    alts: tuple[int, ...] = ()
    if rel in ("last", "this past"):
        # "last May" in June: the May just gone (most common in news); British usage can mean
        # the May of the previous year, kept as the alternative.
        chosen = back if months_ago(back) > 0 else back - 12
        if chosen // 12 == today.year:
            alts = (chosen - 12,)
    elif rel in ("next", "this coming"):
        chosen = ahead if months_ago(ahead) < 0 else ahead + 12
    elif rel == "this":
        chosen = today.year * 12 + month - 1
    else:
        forward = env.looks_forward(match.start(), match.end())
        chosen, other = (ahead, back) if forward else (back, ahead)
        if other != chosen and forward:
            alts = (other,)
    part = rel if rel in ("early", "mid", "late") else None
    return _month_item(
        match, env, chosen // 12, month, relative=True,
        alt_years=tuple(a // 12 for a in alts), part=part,
    )


def _year_item(match: re.Match[str], env: Env, year: int, part: str | None) -> Item:
    zone = env.ref.zone
    interval = year_interval(year, zone)
    granularity: Granularity = "year"
    if part:
        interval = part_of(interval, part.lower(), zone)
        granularity = "month"
    value = _value(interval, granularity, str(year), relative=False)
    return Item(match.start(), match.end(), value, hedge="approximate" if part else "exact")


def _year(match: re.Match[str], env: Env) -> Item | None:
    year_start = match.start("y")
    if year_names_event(env.text, year_start, match.end()):
        return _year_item(match, env, int(match.group("y")), match.group("part"))
    if _noun_follows(env, match.end()):
        return None
    if not match.group("part"):
        before = _word_before(env, year_start).lower()
        accepted = set(calendar()["year_prepositions"])
        # "the end of 2023", never "a score of 1800".
        if before == "of" and _word_before(env, year_start - 3).lower() in calendar()[
                "period_nouns"]:
            accepted.add("of")
        joined = before in ("and", "to", "or") and re.search(
            r"\b(?:1[89]|20)\d\d\s+(?:and|to|or)\s+$", env.text[max(0, year_start - 20):year_start]
        )
        if before not in accepted and not joined:
            return None
    return _year_item(match, env, int(match.group("y")), match.group("part"))


def _decade(match: re.Match[str], env: Env) -> Item | None:
    if match.group("y4"):
        decade = int(match.group("y4"))
    else:
        two = int(match.group("y2"))
        century = 1900 if env.ref.today is None or two > env.ref.today.year % 100 else 2000
        decade = century + two
    zone = env.ref.zone
    interval = year_interval(decade, zone, 10)
    part = match.group("part")
    if part:
        interval = part_of(interval, part.lower(), zone)
    value = _value(interval, "year" if part else "decade", f"{decade // 10}X", relative=False)
    return Item(match.start("core"), match.end(), value,
                 hedge="approximate" if part else "exact")


def _iso_date(match: re.Match[str], env: Env) -> Item | None:
    day = date(int(match.group("y")), int(match.group("mo")), int(match.group("d")))
    return _day_item(match, env, day, relative=False)


def _numeric_date(match: re.Match[str], env: Env) -> Item | None:
    """Day and month order differ by country; only read a numeric date when one part cannot
    be a month, or both parts are equal."""
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    elif first == second:
        day = month = first
    else:
        return None
    return _day_item(match, env, date(year, month, day), relative=False)


def _weekday_day(
    env: Env, weekday: int, rel: str, start: int, end: int
) -> tuple[date, tuple[date, ...]] | None:
    today = env.ref.today
    if today is None:
        return None
    back = today - timedelta(days=(today.weekday() - weekday) % 7)
    ahead = today + timedelta(days=(weekday - today.weekday()) % 7)
    if rel in ("last", "this past"):
        chosen = back if back < today else back - timedelta(days=7)
        same_week = week_start(chosen) == week_start(today)
        return chosen, ((chosen - timedelta(days=7),) if same_week else ())
    if rel in ("next", "this coming"):
        chosen = ahead if ahead > today else ahead + timedelta(days=7)
        same_week = week_start(chosen) == week_start(today)
        return chosen, ((chosen + timedelta(days=7),) if same_week else ())
    if env.looks_forward(start, end) or (not rel and _designated(env, start, end)):
        return ahead, (() if ahead == back else (back,))
    return back, ()


def _weekday(match: re.Match[str], env: Env) -> Item | None:
    mod, rel, part_name = match.group("mod"), match.group("rel"), match.group("dp")
    wd_start = match.start("wd")
    if not (mod or rel or part_name) and not _after_time_word(env, wd_start):
        # "the Sunday Times", "Wednesday Addams", "Super Tuesday": a name, not a day.
        before = _word_before(env, wd_start)
        if before[:1].isupper() or _NAME_FOLLOWS.match(env.text, match.end()):
            return None
        if before.lower() == "the":
            return None
    number = _weekday_number(match.group("wd"))
    found = _weekday_day(
        env, number, " ".join((rel or "").lower().split()), match.start(), match.end(),
    )
    if found is None:
        # No publication date: which Thursday is unknown, but "on Thursday" still says the
        # day of the week, and two outlets naming two weekdays for one event contradict.
        value = TimeValue(interval=(None, None), granularity="day",
                          timex=f"XXXX-WXX-{number + 1}", relative=True, weekday=number)
        return Item(match.start(), match.end(), value)
    day, alts = found
    part = daypart(part_name) if part_name else None
    if mod:
        # "early Wednesday morning" is the early morning; "late Tuesday night" the late night;
        # a modifier the table does not combine with the part keeps the part alone.
        combined = daypart(f"{mod} {part_name}") if part_name else None
        part = combined or part or day_modifier(mod)
    return _day_item(match, env, day, relative=True, alt_days=alts, part=part)


def _deictic(match: re.Match[str], env: Env) -> Item | None:
    today = env.ref.today
    if today is None:
        return None
    if _word_before(env, match.start()).lower() == "the":
        return None  # "the Today programme", "the overnight rate"
    word = " ".join(match.group("w").lower().split())
    part_name = match.group("dp")
    offsets = calendar()["deictic_days"]
    part: DayPart | None = daypart(part_name) if part_name else None
    if word in offsets:
        day = today + timedelta(days=offsets[word])
    elif word == "tonight":
        day, part = today, daypart("night")
    elif word in ("last night", "overnight"):
        # The night that ended on the publication day.
        day, part = today - timedelta(days=1), daypart("night")
    else:  # "this morning"
        day, part = today, daypart(word.split()[1])
    if word in ("tonight", "last night", "overnight", "this morning", "this afternoon",
                "this evening") and part_name:
        return None  # "tonight evening": not English; leave it alone
    return _day_item(match, env, day, relative=True, part=part)


def _period(match: re.Match[str], env: Env) -> Item | None:
    ref = env.ref
    today, until = ref.today, ref.until
    if today is None or until is None:
        return None
    which = " ".join(match.group("w").lower().split())
    unit = match.group("u").lower()
    zone = ref.zone
    if _word_before(env, match.start()).lower() == "the" and which in ("last", "past"):
        which = "past"
    elif which == "past":
        return None  # "past week" without "the" is an adjective phrase ("the past week's")
    seasons = calendar()["seasons"]
    step = {"last": -1, "this past": -1, "this": 0, "next": 1, "earlier this": 0,
            "later this": 0, "past": 0}[which]
    granularity: Granularity
    if unit in seasons:
        return _season_relative(match, env, unit, step)
    if unit in ("week", "weekend"):
        monday = week_start(today) + timedelta(days=7 * step)
        if unit == "weekend":
            saturday = monday + timedelta(days=5)
            if which in ("last", "this past") and today.weekday() >= 5:
                saturday = week_start(today) - timedelta(days=2)
            interval = day_interval(saturday, zone, 2)
            timex = f"{week_timex(monday)}-WE"
        else:
            interval = day_interval(monday, zone, 7)
            timex = week_timex(monday)
        granularity = "week"
        past_span = timedelta(days=7)
    elif unit == "month":
        first = add_months(today.replace(day=1), step)
        interval = month_interval(first.year, first.month, zone)
        timex, granularity = f"{first.year}-{first.month:02d}", "month"
        past_span = until - _months_before(until, 1)
    else:
        year = today.year + step
        interval = year_interval(year, zone)
        timex, granularity = str(year), "year"
        past_span = until - _months_before(until, 12)
    if which == "earlier this":
        interval = (interval[0], until)
    elif which == "later this":
        interval = (until, interval[1])
    elif which == "past":
        # "the past week": a window ending at publication, named by its length.
        interval = (until - past_span, until)
        timex = {"week": "P1W", "weekend": "P1W", "month": "P1M"}.get(unit, "P1Y")
        granularity = "day"
    value = _value(interval, granularity, timex, relative=True)
    return Item(match.start(), match.end(), value)


def _months_before(instant: datetime, months: int) -> datetime:
    """The same wall-clock time `months` calendar months earlier (clipped to month end)."""
    return datetime.combine(add_months(instant.date(), -months), instant.timetz())


def _season_relative(match: re.Match[str], env: Env, season: str, step: int) -> Item | None:
    today = env.ref.today
    if today is None:
        return None
    spec = calendar()["seasons"][season]
    # A season belongs to the year it starts in; January and February are last year's winter.
    def start_of(year: int) -> date:
        return date(year, spec["first_month"], 1)

    current_year = today.year
    if start_of(current_year) > today:
        current_year -= 1  # this season has not started yet: the latest one began last year
    if step < 0:
        started = start_of(current_year)
        ends = add_months(started, spec["months"])
        year = current_year if ends <= today else current_year - 1
    elif step > 0:
        year = current_year + 1
    else:
        # "this winter" said in March is the winter just ended; said in October, the coming
        # one: the occurrence nearest the publication day.
        def distance(year: int) -> int:
            first = start_of(year)
            last = add_months(first, spec["months"])
            return 0 if first <= today < last else min(abs((first - today).days),
                                                       abs((last - today).days))

        year = min((today.year - 1, today.year), key=distance)
    return _season_item(match, env, season, year, relative=True)


def _season_item(
    match: re.Match[str], env: Env, season: str, year: int, *, relative: bool
) -> Item:
    spec = calendar()["seasons"][season]
    interval = month_interval(year, spec["first_month"], env.ref.zone, spec["months"])
    value = _value(interval, "season", f"{year}-{spec['timex']}", relative=relative)
    return Item(match.start(), match.end(), value)


def _season_year(match: re.Match[str], env: Env) -> Item | None:
    return _season_item(match, env, match.group("s").lower(), int(match.group("y")),
                        relative=False)


def _quarter(match: re.Match[str], env: Env) -> Item | None:
    """Quarters and halves of a year, as company results and statistics name them. Only with
    the year: "the second half" and "the third quarter" alone are mostly sport."""
    groups = match.groupdict()
    if groups.get("q"):
        kind, number = groups["q"][0], int(groups["q"][1])
    else:
        kind = "Q" if groups["unit"].lower() == "quarter" else "H"
        nth = groups["nth"].lower()
        count = 4 if kind == "Q" else 2
        order = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                 "fourth": 4, "4th": 4, "final": count, "last": count}
        number = order[nth]
        if number > count:
            return None  # "the third half"
    months = 3 if kind == "Q" else 6
    first_month = (number - 1) * months + 1
    year = int(match.group("y"))
    interval = month_interval(year, first_month, env.ref.zone, months)
    value = _value(interval, "quarter" if kind == "Q" else "month", f"{year}-{kind}{number}",
                   relative=False)
    return Item(match.start(), match.end(), value)


def _weekend(match: re.Match[str], env: Env) -> Item | None:
    """"Over the weekend": the latest Saturday-Sunday begun by publication, or the coming one
    when the sentence speaks of the future. Saturday-Sunday everywhere: weekends that fall on
    other days (Friday-Saturday in much of the Gulf) are not modelled."""
    today = env.ref.today
    if today is None:
        return None
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    if env.looks_forward(match.start(), match.end()) and today.weekday() < 5:
        saturday += timedelta(days=7)
    value = _value(day_interval(saturday, env.ref.zone, 2), "week",
                   f"{week_timex(week_start(saturday))}-WE", relative=True)
    return Item(match.start("core"), match.end(), value)


def _season(match: re.Match[str], env: Env) -> Item | None:
    today = env.ref.today
    if today is None:
        return None
    season = match.group("s").lower()
    spec = calendar()["seasons"][season]
    forward = env.looks_forward(match.start(), match.end())
    year = today.year if date(today.year, spec["first_month"], 1) <= today else today.year - 1
    if forward and add_months(date(year, spec["first_month"], 1), spec["months"]) <= today:
        year += 1
    item = _season_item(match, env, season, year, relative=True)
    return replace(item, start=match.start("s"))


def _recent(match: re.Match[str], env: Env) -> Item | None:
    until = env.ref.until
    if until is None:
        return None
    unit = match.group("u").lower()
    hedge: Hedge = "exact"
    groups = match.groupdict()
    if groups.get("n"):
        amount = parse_number(groups["n"])
        if amount is None or amount[1] > 1000:
            return None
        count = amount[1]
    elif groups.get("few") or match.group("which").lower() == "recent":
        count = calendar()["recent_windows"][unit] / {"day": 1, "week": 7, "month": 30.5,
                                                       "year": 365.25}[unit]
        hedge = "approximate"
    else:
        count = 1
    days = count * {"day": 1, "week": 7, "month": 30.5, "year": 365.25}[unit]
    if unit in ("month", "year") and float(count).is_integer() and hedge == "exact":
        months = int(count) * (12 if unit == "year" else 1)
        start = _months_before(until, months)
    else:
        start = until - timedelta(days=round(days))
    timex = f"P{count:g}{unit[0].upper()}" if hedge == "exact" else f"P{round(days)}D"
    value = _value((start, until), "day", timex, relative=True)
    return Item(match.start(), match.end(), value, hedge=hedge)


def _ago(match: re.Match[str], env: Env) -> Item | None:
    today = env.ref.today
    if today is None:
        return None
    amount = parse_number(match.group("n"))
    if amount is None or amount[1] > 1000:
        return None
    lo, hi = amount
    unit = match.group("u").lower()
    zone = env.ref.zone
    if unit in ("minute", "hour"):
        return _clock_ago(match, env, lo, hi, unit)
    vague = lo != hi or not float(lo).is_integer()
    hedge: Hedge = "approximate" if vague or unit not in ("day",) else "exact"
    if unit == "day":
        first = today - timedelta(days=round(hi))
        last = today - timedelta(days=round(lo))
        interval = (at(first, 0, zone), at(last + timedelta(days=1), 0, zone))
        value = _value(interval, "day", first.isoformat() if not vague else f"P{hi:g}D",
                       relative=True)
    elif unit == "week":
        tolerance = calendar()["ago_tolerance_days"]["week"]
        first = today - timedelta(days=round(7 * hi) + tolerance)
        last = today - timedelta(days=round(7 * lo) - tolerance)
        interval = (at(first, 0, zone), at(last + timedelta(days=1), 0, zone))
        value = _value(interval, "day", (today - timedelta(days=round(7 * lo))).isoformat(),
                       relative=True)
    elif unit == "month":
        first_month = add_months(today.replace(day=1), -round(hi))
        last_month = add_months(today.replace(day=1), -round(lo))
        interval = (month_interval(first_month.year, first_month.month, zone)[0],
                    month_interval(last_month.year, last_month.month, zone)[1])
        value = _value(interval, "month", f"{last_month.year}-{last_month.month:02d}",
                       relative=True)
    else:
        years = 10 if unit == "decade" else 1
        first_year = today.year - round(hi) * years
        last_year = today.year - round(lo) * years
        interval = (year_interval(first_year, zone)[0], year_interval(last_year, zone)[1])
        value = _value(interval, "year", str(last_year), relative=True)
    return Item(match.start(), match.end(), value, hedge=hedge)


def _clock_ago(match: re.Match[str], env: Env, lo: float, hi: float, unit: str) -> Item | None:
    """"Three hours ago" needs the publication instant; a date alone cannot place it. Whole
    hours are read as rounded to the nearest hour, so the window is half an hour either side."""
    now = env.ref.now
    if now is None:
        return None
    step = timedelta(hours=1) if unit == "hour" else timedelta(minutes=1)
    slack = step / 2
    start, end = now - step * hi - slack, now - step * lo + slack
    middle = (now - step * (lo + hi) / 2).strftime("%Y-%m-%dT%H:%M")
    value = _value((start, end), unit, middle, relative=True)
    return Item(match.start(), match.end(), value, hedge="approximate")


# --------------------------------------------------------------------------- floating recognisers


def _clock_zone(match: re.Match[str]) -> tuple[tzinfo | None, tuple[tzinfo, ...], int] | None:
    """The zone written after a clock time and where the expression ends; None when a zone
    name is written but unknown (the caller then ends the span before it)."""
    if match.group("z_local"):
        if match.group("z_local")[:1] in "hH":
            # "22:40 hour local": local, and the words stay outside the span, as "local
            # time" would read in a translation that kept it apart (`rules/internal` joins
            # a bracketed conversion over them).
            return None, (), _before_spaces(match.string, match.start("z_local"))
        return None, (), match.end()
    if match.group("z_off"):
        offset = parse_utc_offset(match.group("z_sign"), match.group("z_h"), match.group("z_m"))
        return (offset, (), match.end()) if offset else None
    if match.group("z_abbr"):
        found = zone_for_abbreviation(match.group("z_abbr"))
        return (found[0], tuple(found[1]), match.end()) if found else None
    if match.group("z_name"):
        found = zone_for_name(match.group("z_name"))
        return (found[0], tuple(found[1]), match.end()) if found else None
    if match.groupdict().get("z_us"):
        found = zone_for_name(match.group("z_us"))
        return (found[0], tuple(found[1]), match.end()) if found else None
    return None, (), match.end()


@cache
def _unit_words() -> frozenset[str]:
    """Words that make the number before them an amount: units of measure, currencies,
    scales (`units.yaml`, `numbers.yaml`) and the points of a rate."""
    units = load_table("units")
    words = {key.split()[0] for key in units["measures"] if key[0].isalpha()}
    words |= {key.split()[0] for key in units["currency_words"]}
    words |= {f"{word}s" for word in words}
    words |= set(load_table("numbers")["scales"]) | {"point", "points", "basis"}
    return frozenset(words)


_NEXT_WORD = re.compile(r"[ \t]*(%|[A-Za-z]+)")


def _unit_follows(env: Env, position: int) -> bool:
    following = _NEXT_WORD.match(env.text, position)
    return following is not None and (
        following.group(1) == "%" or following.group(1).lower() in _unit_words())


def _before_spaces(text: str, end: int) -> int:
    """`end` moved back over the white space before it, without copying the text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _clock(match: re.Match[str], env: Env) -> Item | None:
    zone_found = _clock_zone(match)
    has_zone = any(match.group(g) for g in ("z_local", "z_off", "z_abbr", "z_name", "z_us"))
    if zone_found is None:
        zone, zone_alts = None, ()
        end = match.start("z_name") if match.group("z_name") else match.start("z_off")
        end = _before_spaces(env.text, end)
        has_zone = False
    else:
        zone, zone_alts, end = zone_found
    before = _word_before(env, match.start()).lower()
    cue = before in calendar()["clock_cues"]
    if match.group("h1"):
        hour = int(match.group("h1")) % 12
        if match.group("ap").lower().startswith("p"):
            hour += 12
        minute = int(match.group("m1") or 0)
    elif match.group("h2"):
        hour, minute = int(match.group("h2")), int(match.group("m2"))
        if match.group("dp2"):
            # "4:50 in the morning", "10.30 at night": a clock time, in that part's half
            # ("at night" is the evening from six, the small hours before); without a cue, a
            # name before it makes it a verse or a label ("John 3:16 in the morning").
            if not (has_zone or cue) and _word_before(env, match.start())[:1].isupper():
                return None
            said = match.group("dp2").split()[-1].lower()
            if hour == 12:
                hour = 0 if said in ("morning", "night") else 12
            elif hour < 12 and (said in ("afternoon", "evening") or (
                    said == "night" and hour >= 6)):
                hour += 12
        elif (len(match.group("h2")) < 2 or match.group("sep2") == ".") \
                and not (has_zone or cue):
            return None  # "John 3:16", "11.30 percent": only clock-like with a cue
        if match.group("sep2") == "." and not has_zone and (
                match.group("h2") == "0" or _unit_follows(env, match.end())):
            return None  # "cut by 0.25 percentage point", "up by 1.50 euros": a decimal
        if not match.group("dp2") and 1 <= hour <= 11 and not match.group("h2").startswith("0"):
            return Item(match.start(), end, clock=Clock(hour, minute, zone, zone_alts,
                                                         half_unsaid=True))
    elif match.group("h3"):
        hour, minute = int(match.group("h3")), int(match.group("m3"))
        leading_zero = match.group("h3").startswith("0")
        if not (has_zone or match.group("hrs") or (leading_zero and cue)):
            return None  # "1800" alone is a year or a count
        if match.group("hrs") and zone_found is not None and not has_zone:
            end = match.end("hrs")
    elif match.group("h5"):
        return _oclock(match, end, zone, zone_alts)
    else:
        word = match.group("word").lower()
        hour, minute = (12, 0) if word == "noon" else (0, 0)
        clock = Clock(hour, minute, zone, zone_alts, midnight=word == "midnight")
        return Item(match.start(), end, clock=clock)
    return Item(match.start(), end, clock=Clock(hour, minute, zone, zone_alts))


def _oclock(
    match: re.Match[str], end: int, zone: tzinfo | None, zone_alts: tuple[tzinfo, ...]
) -> Item | None:
    """"At three o'clock": a whole hour, in the half of the day the part written after it
    names ("in the morning", "at night"); without one, the half the calendar table reads
    first, the other kept as an alternative."""
    written = match.group("h5").lower()
    units = load_table("numbers")["units"]
    hour = int(units[written]) if written in units else int(written)
    am, pm = hour % 12, hour % 12 + 12
    if match.group("ocdp"):
        part = daypart(match.group("ocdp").split()[-1])
        if part is None:
            return None
        inside = [h for h in (am, pm) if part.start <= h < part.end or h + 24 < part.end]
        if not inside:
            return None  # "nine o'clock in the afternoon"
        return Item(match.start(), end, clock=Clock(inside[0], 0, zone, zone_alts))
    if hour == 12:
        first, other = 12, 0
    elif hour in calendar()["oclock_pm_hours"]:
        first, other = pm, am
    else:
        first, other = am, pm
    return Item(match.start(), end, clock=Clock(first, 0, zone, zone_alts, alt_hour=other))


def _range_end(match: re.Match[str], x: str) -> tuple[int, int, str | None] | None:
    """One end of a clock range: (hour, minute, "a"/"p" or None when the half is unsaid)."""
    if match.group(f"{x}w"):
        return (12, 0, "p") if match.group(f"{x}w").lower() == "noon" else (0, 0, "a")
    hour, minute = int(match.group(f"{x}h")), int(match.group(f"{x}m") or 0)
    half = match.group(f"{x}ap")
    if half:
        if not 1 <= hour <= 12:
            return None
        return hour % 12 + (12 if half[0].lower() == "p" else 0), minute, half[0].lower()
    return hour, minute, None


def _clock_range(match: re.Match[str], env: Env) -> Item | None:
    """"Between 2 and 4 a.m.", "from 9 a.m. to noon", "2-4 p.m.": one interval. An end
    without a.m./p.m. takes the other end's half, unless that puts it on the wrong side of
    the other end ("11 to 1 p.m." is 11 a.m.); with neither written, only two 24-hour
    readings ("14:00-16:30") are a range: "between 2 and 4" alone is not a time."""
    first, last = _range_end(match, "a"), _range_end(match, "b")
    if first is None or last is None:
        return None
    (a_hour, a_minute, a_half), (b_hour, b_minute, b_half) = first, last
    if a_half is None and b_half is None:
        if not (match.group("asep") == ":" and match.group("bsep") == ":"):
            return None
    elif a_half is None:
        if a_hour > 12:
            return None
        a_hour = a_hour % 12 + (12 if b_half == "p" else 0)
        b_end = b_hour * 60 + b_minute if not match.group("bw") or b_hour else 24 * 60
        if a_hour * 60 + a_minute >= b_end:
            a_hour = (a_hour + 12) % 24
    elif b_half is None:
        if b_hour > 12:
            return None
        b_hour = b_hour % 12 + (12 if a_half == "p" else 0)
        if b_hour * 60 + b_minute <= a_hour * 60 + a_minute:
            b_hour = (b_hour + 12) % 24
    zone_found = _clock_zone(match)
    if zone_found is None:
        zone, zone_alts = None, ()
        end = match.start("z_name") if match.group("z_name") else match.start("z_off")
        end = _before_spaces(env.text, end)
    else:
        zone, zone_alts, end = zone_found
    clock = Clock(a_hour, a_minute, zone, zone_alts, end_hour=b_hour, end_minute=b_minute)
    return Item(match.start(), end, clock=clock)


def _day_of_month(match: re.Match[str], env: Env) -> Item | None:
    """"On the 3rd": the latest such day on or before publication (the next one when the
    sentence speaks of the future), the other kept as an alternative within a month."""
    today = env.ref.today
    if today is None:
        return None
    day = int(match.group("d"))
    candidates = []
    for offset in range(-3, 3):
        first = add_months(today.replace(day=1), offset)
        try:
            candidates.append(first.replace(day=day))
        except ValueError:  # the 31st of a short month
            continue
    found = _nearest(candidates, today, env.looks_forward(match.start(), match.end()), 31)
    if found is None:
        return None
    chosen, alts = found
    item = _day_item(match, env, chosen, relative=True, alt_days=alts)
    return replace(item, start=match.start("core"))


def _narrative_day(match: re.Match[str], env: Env) -> Item | None:
    """"The next day", "two days later": days counted from the last day the story named, not
    from publication. "The day before the vote" counts from the vote, so only a bare "the day
    before/after" (ending the clause) is read."""
    groups = match.groupdict()
    part: DayPart | None = None
    if groups["which"]:
        sign = 1 if groups["which"].lower() in ("next", "following") else -1
        unit = groups["unit"].lower()
        part = None if unit == "day" else daypart(unit)
        offset = sign
    elif groups["n"]:
        amount = parse_number(groups["n"])
        if amount is None or amount[0] != amount[1] or not float(amount[0]).is_integer() \
                or amount[0] > 366:
            return None
        offset = int(amount[0]) * (1 if groups["dir"].lower() == "later" else -1)
    else:
        offset = 1 if groups["rel"].lower() == "after" else -1
    return Item(match.start(), match.end(), clock=Clock(part=part, day_offset=offset))


def _floating_part(match: re.Match[str], env: Env) -> Item | None:
    part = daypart(match.group("dp"))
    if part is None:
        return None
    pre = " ".join(match.group("pre").lower().split())
    if pre == "the" and not _OF_FOLLOWS.match(env.text, match.end()):
        return None  # "the morning" alone is too vague to place
    return Item(match.start("dp"), match.end(), clock=Clock(part=part))


