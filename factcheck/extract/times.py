"""Calendar times in news text, as half-open intervals of aware instants.

Outlets contradict each other on *when* as often as on *how much*: one says an aircraft landed
"in the early hours of Wednesday", another "late on Tuesday", a third "at about 0300 local time
(18:00 GMT)". To compare them every expression must become an interval on one time line, read
against the article's publication date and the event's time zone (`Context`).

How it works, in three passes (the recognisers are in `timegrammar`, the calendar arithmetic,
zones and tables in `timeparts`, the assembly here):

1. Recognisers (one regex each, linear: every repetition consumes a whole word) propose
   candidate spans. Dates, weekdays, months, years and relative periods ("last week") are
   *fixed*: they resolve on their own. Clock times and day parts ("3 a.m.", "at dawn") are
   *floating*: they need a day. The longest candidates win, so "June 19, 2024" beats "2024".
2. Hedges and anchors written before a span join it: "about 0300", "since 2000",
   "shortly after midnight". Hedge words come from `factcheck.extract.hedges`.
3. A floating time takes the day of a fixed time written beside it ("Wednesday at 0300",
   "the early hours of Wednesday"); a time in brackets after another clock time is its
   conversion and takes the day that puts it within 12 hours of it ("0300 local time (18:00
   GMT)"); otherwise it takes the nearest day mentioned earlier in the sentence, else the
   publication day.

News looks back: a bare weekday or month is the latest one on or before publication, unless the
sentence speaks of the future ("will", "is expected to", "next"), in which case it looks forward
and keeps the backward reading in `alternatives`. Without a publication date, only expressions
that carry their own year are resolved, and a weekday is kept as a weekday only
(`TimeValue.weekday`, an open interval): two outlets naming two weekdays for one event still
contradict each other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import partial

from factcheck.extract.hedges import clock_width_minutes, hedge_label
from factcheck.extract.prefilter import fold
from factcheck.extract.timegrammar import (
    NEW_COORDINATED_CLAUSE,
    Anchor,
    Clock,
    Env,
    Item,
    part_interval,
    patterns,
    same_voice,
)
from factcheck.extract.timeparts import (
    DayPart,
    Interval,
    day_interval,
    dayparts,
    reference,
    reporting_verb_pattern,
    sentence_starts,
)
from factcheck.models import Context, Granularity, Hedge, Mention, Sentence, TimeValue
from factcheck.nlp import parse_sentences

# --------------------------------------------------------------------------- assembly


def _candidates(env: Env, matches: list[list[re.Match[str]]]) -> list[Item]:
    """Items from each recogniser's matches (`matches[i]` are recogniser i's)."""
    found: list[Item] = []
    for (_, handler), found_by in zip(patterns().recognisers, matches, strict=True):
        for match in found_by:
            try:
                item = handler(match, env)
            except (ValueError, OverflowError, KeyError):
                continue  # an impossible date ("31 June", year 10000): not a time
            if item is None or item.end <= item.start:
                continue
            if item.value is not None and item.value.hedge != item.hedge:
                # A hedge the expression itself carries ("early March", "weeks ago") is part
                # of its interval already; only hedge words found later widen it.
                item = replace(item, value=item.value.model_copy(update={"hedge": item.hedge}))
            found.append(item)
    # Longest first, then earliest: "June 19, 2024" beats "June 19" beats "2024".
    found.sort(key=lambda i: (-(i.end - i.start), i.start))
    chosen: list[Item] = []
    starts: list[int] = []  # of chosen spans, sorted; chosen spans never overlap
    ends: list[int] = []
    for item in found:
        index = bisect.bisect_left(starts, item.start)
        clash_after = index < len(starts) and starts[index] < item.end
        clash_before = index > 0 and ends[index - 1] > item.start
        if not (clash_after or clash_before):
            starts.insert(index, item.start)
            ends.insert(index, item.end)
            chosen.append(item)
    return sorted(chosen, key=lambda i: i.start)


def _with_prefix(item: Item, env: Env) -> Item:
    """Join hedge and anchor words written before the span: "about 0300", "since 2000"."""
    window_start = max(0, item.start - 60)
    grammar = patterns()
    prefix, words = grammar.prefix, grammar.prefix_words
    if not env.folded:
        words = None
    # What `prefix.search(text, window_start, item.start)` finds: every part of the prefix
    # starts with `\b` and a letter, so a match that is not empty starts a word, and one of
    # the prefix's first words ("about", "since") is written there; only those positions are
    # tried, in order, before the empty match at the end.
    for start in _WORD_START.finditer(env.text, window_start, item.start):
        if words is not None and not env.folded.startswith(words, start.start()):
            continue
        match = prefix.match(env.text, start.start(), item.start)
        if match is not None:
            break
    else:
        return item  # the empty match: nothing to join
    start, hedge, anchor = item.start, item.hedge, item.anchor
    if match.group("hedge"):
        label = hedge_label(match.group("hedge"))
        if label == "approximate":
            hedge, start = "approximate", match.start("hedge")
    if match.group("anchor"):
        word = match.group("anchor").lower()
        anchor = "until" if word == "till" else word
        start = match.start("anchor")
        if match.group("mod"):
            start = match.start("mod")
            mod = match.group("mod").lower()
            if mod not in ("just", "right", "immediately", "well"):
                hedge = "approximate"
            if mod in _ONE_SIDED and anchor in ("after", "before") and item.clock is not None \
                    and item.clock.part is None and item.clock.end_hour is None:
                # "shortly after 2 p.m." says when it happened, a little after 14:00, not
                # a boundary: the half-hour (by the precision written) on that side.
                return replace(item, start=start, hedge="approximate", anchor=None, side=anchor)
    return replace(item, start=start, hedge=hedge, anchor=anchor)


# Modifiers that put a clock time a little to one side of the one written.
_ONE_SIDED = frozenset({"shortly", "just", "soon", "right", "immediately"})


_WORD_START = re.compile(r"\b(?=\w)")
_CLOCK_THEN_DAY = re.compile(r"\s*,?\s*(?:(?i:on|of)\s+)?(?:(?i:the)\s+)?")
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*(?:(?i:at|from|around|about|in\s+the|during\s+the)\s+)?")
# The converted time follows in brackets, possibly after a zone word we do not know
# ("0300 Gulf time (2300 GMT)"): at most a few plain words in between.
_CONVERSION = re.compile(r"(?:\s+[A-Za-z]+){0,3}\s*[(\[]\s*")


def _clock_on_day(
    clock: Clock, day: date, env: Env, *, day_part: DayPart | None = None
) -> tuple[Interval, str, Granularity]:
    zone = clock.zone or env.ref.zone
    if clock.part is not None:
        return part_interval(day, clock.part, zone), f"{day.isoformat()}T{clock.part.timex}", \
            "daypart"
    if day_part is not None and clock.half_unsaid and not _in_part(clock.hour, day_part) \
            and _in_part(clock.hour + 12, day_part):
        clock = replace(clock, hour=clock.hour + 12)  # "8:15 on Tuesday evening" is 20:15
    if day_part is not None and day_part.end > 24 and clock.hour * 60 + clock.minute < (
        day_part.end - 24
    ) * 60:
        day = day + timedelta(days=1)  # "Tuesday night at 2 a.m." is early Wednesday
    if clock.midnight:
        day = day + timedelta(days=1)  # "midnight on Tuesday": the end of Tuesday
    instant = datetime.combine(day, time(clock.hour, clock.minute), zone)
    timex = f"{day.isoformat()}T{clock.hour:02d}:{clock.minute:02d}"
    if clock.end_hour is not None:  # a range; past midnight it ends the next day
        end = datetime.combine(day, time(clock.end_hour, clock.end_minute), zone)
        if end <= instant:
            end = datetime.combine(day + timedelta(days=1), end.time(), zone)
        return (instant, end), f"{timex}/T{clock.end_hour:02d}:{clock.end_minute:02d}", "minute"
    return (instant, instant + timedelta(minutes=1)), timex, "minute"


def _in_part(hour: int, part: DayPart) -> bool:
    return part.start <= hour < part.end or hour + 24 < part.end


def _hedged(
    interval: Interval, hedge: Hedge, granularity: Granularity, minutes: tuple[int, ...] = (0,),
    side: str | None = None,
) -> Interval:
    """Widen an approximate time: a clock time by the precision its `minutes` (past the hour,
    of each end of a range) are written to (`hedges.yaml: clock_widths`), a day by days; a
    clock time "shortly after"/"shortly before" the one written only on that `side`."""
    if hedge != "approximate":
        return interval
    if granularity == "minute":
        width = timedelta(minutes=min(clock_width_minutes(m) for m in minutes))
        if side == "after":
            return interval[0], interval[0] + width
        if side == "before":
            return interval[0] - width, interval[0]
        if interval[1] - interval[0] > timedelta(minutes=1):  # a range of clock times
            return interval[0] - width, interval[1] + width
        return interval[0] - width, interval[0] + width
    if granularity == "day":
        width = timedelta(days=dayparts()["approximate_day_days"])
        return interval[0] - width, interval[1] + width
    return interval


def _resolve_clock(
    item: Item, day: date, env: Env, *, relative: bool, alt_days: tuple[date, ...] = (),
    day_part: DayPart | None = None, start: int | None = None, end: int | None = None,
    anchor: Anchor = None,
) -> Item:
    clock = item.clock
    assert clock is not None
    interval, timex, granularity = _clock_on_day(clock, day, env, day_part=day_part)
    alternatives = [_clock_on_day(clock, d, env, day_part=day_part)[0] for d in alt_days]
    if clock.midnight and not clock.part:
        alternatives.append(_clock_on_day(replace(clock, midnight=False), day, env)[0])
    if clock.alt_hour is not None:  # "at three o'clock": the other half of the day
        other = replace(clock, hour=clock.alt_hour, alt_hour=None)
        alternatives.append(_clock_on_day(other, day, env, day_part=day_part)[0])
    for other_zone in clock.zone_alternatives:
        alternatives.append(_clock_on_day(replace(clock, zone=other_zone), day, env)[0])
    minutes = (clock.minute,) if clock.end_hour is None else (clock.minute, clock.end_minute)
    value = TimeValue(
        interval=_hedged(interval, item.hedge, granularity, minutes, item.side),
        granularity=granularity, timex=timex, hedge=item.hedge, relative=relative,
        anchor=anchor or item.anchor,
        alternatives=[_hedged(a, item.hedge, granularity, minutes, item.side)
                      for a in alternatives],
    )
    return Item(item.start if start is None else start, item.end if end is None else end,
                 value, day, alt_days, hedge=item.hedge, anchor=value.anchor)


def _convert_near(item: Item, target: datetime, env: Env) -> Item:
    """A converted time in brackets names the same instant as the time before it: pick the
    day (in its own zone) that puts it within 12 hours of that instant."""
    clock = item.clock
    assert clock is not None
    zone = clock.zone or env.ref.zone
    local = target.astimezone(zone).date()
    best = min(
        (local + timedelta(days=k) for k in (-1, 0, 1)),
        key=lambda d: abs(
            (datetime.combine(d, time(clock.hour, clock.minute), zone) - target).total_seconds()
        ),
    )
    return _resolve_clock(replace(item, clock=replace(clock, midnight=False)), best, env,
                          relative=True)


def _attach(items: list[Item], env: Env) -> list[Item]:
    text = env.text
    merged: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        if item.clock and following and following.day and not following.clock \
                and following.anchor is None \
                and _CLOCK_THEN_DAY.fullmatch(text, item.end, following.start):
            assert following.value is not None
            merged.append(_resolve_clock(
                item, following.day, env, relative=following.value.relative,
                alt_days=following.alt_days, day_part=following.part, end=following.end,
            ))
            index += 2
            continue
        if item.day and not item.clock and following and following.clock \
                and following.anchor is None and item.value is not None \
                and _DAY_THEN_CLOCK.fullmatch(text, item.end, following.start):
            merged.append(_resolve_clock(
                following, item.day, env, relative=item.value.relative, alt_days=item.alt_days,
                day_part=item.part, start=item.start, anchor=item.anchor,
            ))
            index += 2
            continue
        merged.append(item)
        index += 1

    resolved: list[Item] = []
    dated: list[Item] = []  # items naming a day, or a time within one, in text order
    for index, item in enumerate(merged):
        last_dated = dated[-1] if dated else None
        if item.clock is not None and item.clock.day_offset is not None:
            item = _narrative(item, last_dated, env)
        elif item.clock is not None:
            item = _place_clock(item, resolved[-1] if resolved else None,
                                _in_same_voice(dated, item, env), env,
                                later=partial(_later_day, merged, index, env))
        if item.value is None:
            continue
        resolved.append(item)
        if item.day and item.value.granularity in ("day", "daypart", "minute"):
            dated.append(item)
    return resolved


def _in_same_voice(dated: list[Item], item: Item, env: Env) -> Item | None:
    """The latest dated item a clock time may take its day from: not across a quotation
    boundary ('"Tonight we won," she told supporters shortly after midnight': the quote's
    "tonight" is the speaker's, not the narrator's), and no further back than the sentence
    before (`_place_clock` looks no further)."""
    sentence_start, _ = env.sentence(item.start)
    earliest = env.sentence(sentence_start - 1)[0] if sentence_start > 0 else 0
    for candidate in reversed(dated):
        if candidate.start < earliest:
            return candidate
        if same_voice(env.text, candidate.end, item.start):
            return candidate
    return None


def _later_day(items: list[Item], index: int, env: Env) -> Item | None:
    """The day named later in a clock time's sentence that it belongs to, when none is named
    before it: "when the 05:55 express left the track on Sunday" happened on Sunday, not on
    the publication day. Not across a quotation boundary, a new coordinated clause or a
    reporting verb ("At 9 a.m. officials said the vote on Friday..." dates no 9 a.m. on
    Friday), nor a boundary ("until Monday") or a day still ahead of publication."""
    clock = items[index]
    _, sentence_end = env.sentence(clock.start)
    text = env.text
    for later in items[index + 1:]:
        if later.start >= sentence_end:
            return None
        if later.clock is not None or later.day is None or later.value is None:
            continue
        if later.anchor is not None or later.value.granularity not in ("day", "daypart"):
            return None
        if not same_voice(text, clock.end, later.start) \
                or NEW_COORDINATED_CLAUSE.search(text, clock.end, later.start) \
                or reporting_verb_pattern().search(text, clock.end, later.start):
            return None
        today = env.ref.today
        if today is not None and later.day > today:
            return None
        return later
    return None


def _narrative(item: Item, host: Item | None, env: Env) -> Item:
    """"The next day" counts from the last day named anywhere before it; with none, it
    cannot be placed (publication is not the story's clock)."""
    clock = item.clock
    assert clock is not None and clock.day_offset is not None
    if host is None or host.day is None or host.value is None:
        return replace(item, value=None)
    day = host.day + timedelta(days=clock.day_offset)
    alt_days = tuple(d + timedelta(days=clock.day_offset) for d in host.alt_days)
    zone = env.ref.zone
    if clock.part is None:
        value = TimeValue(interval=day_interval(day, zone), granularity="day",
                          timex=day.isoformat(), relative=True,
                          alternatives=[day_interval(d, zone) for d in alt_days])
    else:
        value = TimeValue(interval=part_interval(day, clock.part, zone), granularity="daypart",
                          timex=f"{day.isoformat()}T{clock.part.timex}", relative=True,
                          alternatives=[part_interval(d, clock.part, zone) for d in alt_days])
    return Item(item.start, item.end, value, day, alt_days, clock.part, hedge=item.hedge,
                anchor=item.anchor)


def _place_clock(
    item: Item, previous: Item | None, last_dated: Item | None, env: Env,
    later: Callable[[], Item | None] = lambda: None,
) -> Item:
    """A converted time in brackets joins the time it converts; otherwise a clock time takes
    the last day named in its sentence before it, else the day named after it in its clause
    (`later`, `_later_day`), else the last day named in the sentence before (the story goes
    on: "It began at 4:50 a.m. on Friday. Systems were restored at 11:40 p.m."), with the
    publication day kept as the other reading, else the publication day (looking back)."""
    text = env.text
    assert item.clock is not None
    if previous and previous.value and previous.value.granularity == "minute" \
            and item.clock.part is None \
            and _CONVERSION.fullmatch(text, previous.end, item.start):
        target = previous.value.interval[0]
        if previous.value.hedge == "approximate" and previous.value.interval[1] and target:
            target = target + (previous.value.interval[1] - target) / 2
        if target is not None:
            return _convert_near(item, target, env)
    sentence_start, _ = env.sentence(item.start)
    if last_dated is not None and last_dated.start >= sentence_start:
        assert last_dated.value is not None and last_dated.day is not None
        return _resolve_clock(item, last_dated.day, env,
                              relative=last_dated.value.relative,
                              alt_days=last_dated.alt_days)
    following = later()
    if following is not None:
        assert following.value is not None and following.day is not None
        return _resolve_clock(item, following.day, env, relative=following.value.relative,
                              alt_days=following.alt_days)
    published = _on_publication_day(item, env)
    if last_dated is not None and sentence_start > 0 \
            and last_dated.start >= env.sentence(sentence_start - 1)[0]:
        assert last_dated.value is not None and last_dated.day is not None
        day = last_dated.day
        other = (published.day,) if published and published.day not in (day, None) else ()
        # the alternatives do not move the reading itself, so one resolution serves both
        anchored = _resolve_clock(item, day, env, relative=last_dated.value.relative,
                                  alt_days=(*last_dated.alt_days, *other))
        begins = anchored.value.interval[0] if anchored.value else None
        now = env.ref.now
        # Future grammar about a day already gone speaks of the days after publication.
        gone = now is not None and begins is not None and begins < now \
            and env.looks_forward(item.start, item.end)
        if published is None or not gone:
            return anchored
    return published if published is not None else replace(item, value=None)


def _on_publication_day(item: Item, env: Env) -> Item | None:
    """A clock time on the publication day, or the day before when that day's reading is
    still ahead of publication and nothing says the future (news looks back)."""
    today = env.ref.today
    if today is None:
        return None
    day, alts = today, ()
    candidate = _resolve_clock(item, today, env, relative=True)
    now = env.ref.now
    if now is not None and candidate.value and candidate.value.interval[0] \
            and candidate.value.interval[0] > now \
            and not env.looks_forward(item.start, item.end):
        day, alts = today - timedelta(days=1), (today,)  # news looks back
    return _resolve_clock(item, day, env, relative=True, alt_days=alts)


def _finish(item: Item, text: str) -> Mention | None:
    value = item.value
    if value is None:
        return None
    if item.clock is None and (item.hedge != value.hedge or item.anchor != value.anchor):
        start, end = value.interval
        if start is not None and end is not None:
            start, end = _hedged((start, end), item.hedge, value.granularity)
        value = value.model_copy(update={
            "hedge": item.hedge, "anchor": item.anchor or value.anchor, "interval": (start, end),
        })
    return Mention(kind="time", text=text[item.start:item.end], start=item.start, end=item.end,
                   value=value)


# Any day serves to find which expressions need one: only whether they resolve is read.
_PROBE_DAY = date(2000, 6, 15)


def unresolved_times(
    text: str, context: Context, sentences: Sequence[Sentence] | None = None,
) -> list[tuple[int, int]]:
    """Spans of time expressions that need a publication date the context lacks ("yesterday",
    "last month", "in March"): the ones a dated reading of the text finds and this one does
    not. Empty when the context has a date. Never silently dropped: `factcheck extract` lists
    them, so a user sees what a `--published` would add."""
    if context.published is not None:
        return []
    if sentences is None:
        sentences = parse_sentences(text)
    undated = find_times(text, context, sentences)
    probe = find_times(text, Context(published=_PROBE_DAY, timezone=context.timezone),
                       sentences)
    return [(m.start, m.end) for m in probe
            if not any(m.start < u.end and u.start < m.end for u in undated)]


def find_times(
    text: str, context: Context, sentences: Sequence[Sentence] | None = None,
) -> list[Mention]:
    """Every calendar time in `text`, resolved against the publication date and zone.
    `sentences` (the text's parse, `nlp.sentences`; parsed here when not given) scope the
    future cues and the date a clock time takes from the text before it."""
    if sentences is None:
        sentences = parse_sentences(text)
    folded = fold(text)
    *matches, cue_matches = patterns().scanner.finditer_all(text, folded)
    cues = [m.start() for m in cue_matches]
    env = Env(text, reference(context), sentence_starts(sentences), cues, folded)
    items = [_with_prefix(item, env) for item in _candidates(env, matches)]
    mentions = []
    for item in _attach(items, env):
        mention = _finish(item, text)
        if mention is not None:
            mentions.append(mention)
    return mentions
