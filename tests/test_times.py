"""The time normaliser against a table of sentences it must read, a negative corpus it must
leave alone, and focused checks of the choices documented in `factcheck/extract/times.py`."""

from __future__ import annotations

import itertools
import time as clock
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.times import find_times
from factcheck.models import Context, Mention
from factcheck.nlp import parse_sentences
from factcheck.resources import load_table

EXPRESSIONS = Path(__file__).parent / "expressions"
CASES: list[dict[str, Any]] = yaml.safe_load((EXPRESSIONS / "times.yaml").read_text())
NEGATIVES: list[dict[str, Any]] = yaml.safe_load(
    (EXPRESSIONS / "times_negatives.yaml").read_text()
)


def _context(case: dict[str, Any]) -> Context:
    published = case.get("published")
    parsed: datetime | date | None = None
    if published:
        parsed = datetime.fromisoformat(published) if "T" in published else (
            date.fromisoformat(published)
        )
    return Context(published=parsed, timezone=case.get("timezone"))


def _instants(pair: list[str | None]) -> tuple[datetime | None, datetime | None]:
    return tuple(datetime.fromisoformat(p) if p else None for p in pair)  # type: ignore[return-value]


def _describe(mentions: list[Mention]) -> str:
    return "; ".join(
        f"{m.text!r} {m.value.interval if m.value.type == 'time' else m.value}" for m in mentions
    )


def test_tables_are_large_enough() -> None:
    assert len(CASES) >= 100
    assert len(NEGATIVES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['text']}|{c['sentence'][:40]}")
def test_expression(case: dict[str, Any]) -> None:
    mentions = find_times(case["sentence"], _context(case))
    matching = [m for m in mentions if m.text == case["text"]]
    assert matching, f"{case['text']!r} not found; got {_describe(mentions)}"
    mention = matching[0]
    assert case["sentence"][mention.start:mention.end] == mention.text
    value = mention.value
    assert value.type == "time"
    expected = case["value"]
    assert value.interval == _instants(expected["interval"]), _describe([mention])
    assert value.granularity == expected["granularity"]
    for key in ("hedge", "anchor", "timex", "relative"):
        if key in expected:
            assert getattr(value, key) == expected[key], key
    if "alternatives" in expected:
        assert value.alternatives == [_instants(a) for a in expected["alternatives"]]


@pytest.mark.parametrize("case", NEGATIVES, ids=lambda c: c["sentence"][:50])
def test_negative(case: dict[str, Any]) -> None:
    mentions = find_times(case["sentence"], _context(case))
    forbidden = case.get("not_found")
    if forbidden is None:
        assert mentions == [], _describe(mentions)
    else:
        assert mentions, "the sentence's real time should still be found"
        for mention in mentions:
            for text in forbidden:
                assert text not in mention.text, _describe(mentions)


def test_converted_time_in_brackets_names_the_same_instant() -> None:
    """With the event nine hours ahead of GMT, the bracketed GMT time is the previous day's."""
    text = "The ferry left at about 0300 local time (18:00 GMT) on a calm sea."
    mentions = find_times(text, Context(published=date(2022, 10, 5), timezone="Asia/Tokyo"))
    assert [m.text for m in mentions] == ["about 0300 local time", "18:00 GMT"]
    local, gmt = (m.value for m in mentions)
    assert local.type == "time" and gmt.type == "time"
    assert local.interval[0] is not None and gmt.interval[0] is not None
    local_centre = local.interval[0] + (local.interval[1] - local.interval[0]) / 2  # type: ignore[operator]
    assert local_centre == gmt.interval[0]
    assert gmt.interval[0] == datetime.fromisoformat("2022-10-04T18:00:00+00:00")


def test_wrong_conversion_still_stays_within_half_a_day() -> None:
    """A bracketed time that disagrees is placed on the nearest day, so the comparison shows
    the hours apart rather than a day apart."""
    text = "Landing came at 0300 local time (20:00 GMT)."
    mentions = find_times(text, Context(published=date(2022, 10, 5), timezone="Asia/Tokyo"))
    local, gmt = (m.value for m in mentions)
    assert local.type == "time" and gmt.type == "time"
    gap = abs((gmt.interval[0] - local.interval[0]).total_seconds())  # type: ignore[operator]
    assert gap == 2 * 3600


def test_without_publication_date_a_weekday_is_kept_as_a_weekday_only() -> None:
    text = "The plant closed on June 19, 2021, and reopened on Tuesday in March."
    mentions = find_times(text, Context(published=None, timezone="Europe/Paris"))
    assert [m.text for m in mentions] == ["June 19, 2021", "Tuesday"]
    dated, tuesday = (m.value for m in mentions)
    assert dated.weekday is None and dated.interval[0] is not None
    assert (tuesday.weekday, tuesday.interval, tuesday.timex) == (1, (None, None), "XXXX-WXX-2")
    # with a publication date the weekday is a calendar day, as before
    published = find_times("The plant reopened on Tuesday.",
                           Context(published=date(2021, 6, 24), timezone="Europe/Paris"))
    assert published[0].value.weekday is None
    assert published[0].value.interval[0] == datetime.fromisoformat("2021-06-22T00:00:00+02:00")
    # a weekday that is part of a name is still no day
    assert find_times("She writes for the Sunday Times.",
                      Context(published=None, timezone="Europe/Paris")) == []


def test_explicit_zone_wins_over_the_event_zone() -> None:
    text = "The strike began at 3 p.m. EST."
    mentions = find_times(text, Context(published=date(2024, 1, 20), timezone="Asia/Seoul"))
    assert mentions[0].value.interval[0] == datetime.fromisoformat("2024-01-20T15:00:00-05:00")


def test_bare_weekday_reads_back_but_future_grammar_reads_forward() -> None:
    context = Context(published=date(2024, 6, 19), timezone="Europe/Madrid")
    past = find_times("The court ruled on Friday.", context)[0].value
    future = find_times("The court will rule on Friday.", context)[0].value
    assert past.interval[0] == datetime.fromisoformat("2024-06-14T00:00:00+02:00")
    assert past.alternatives == []
    assert future.interval[0] == datetime.fromisoformat("2024-06-21T00:00:00+02:00")
    assert future.alternatives and future.alternatives[0][0] == past.interval[0]


def test_clock_time_takes_the_day_of_the_sentence_before_and_no_further() -> None:
    text = ("Fans queued on Saturday 4 May. Doors opened at 7 p.m. to a full house. "
            "The band played until 11 p.m.")
    mentions = find_times(text, Context(published=date(2024, 5, 8), timezone="Europe/London"))
    evening = next(m for m in mentions if m.text == "7 p.m.")
    # The day is in the sentence before: the story goes on with that day, publication kept
    # as the other reading.
    assert evening.value.interval[0] == datetime.fromisoformat("2024-05-04T19:00:00+01:00")
    assert evening.value.alternatives[0][0] == datetime.fromisoformat("2024-05-08T19:00:00+01:00")
    assert evening.value.relative
    # A clock time placed so names the day for the sentence after it in turn.
    late = next(m for m in mentions if m.text == "until 11 p.m.")
    assert late.value.interval[0] == datetime.fromisoformat("2024-05-04T23:00:00+01:00")
    # With a sentence without any time between, the story may have moved on: publication.
    text = "Fans queued on Saturday 4 May. It rained. Doors opened at 7 p.m. to a full house."
    mentions = find_times(text, Context(published=date(2024, 5, 8), timezone="Europe/London"))
    evening = next(m for m in mentions if m.text == "7 p.m.")
    assert evening.value.interval[0] == datetime.fromisoformat("2024-05-08T19:00:00+01:00")


def test_ambiguous_zone_abbreviation_lists_other_offsets() -> None:
    text = "The match starts at 7:30 p.m. IST."
    value = find_times(text, Context(published=date(2024, 2, 1), timezone=None))[0].value
    offsets = {a[0].utcoffset().total_seconds() / 3600 for a in value.alternatives}  # type: ignore[union-attr]
    assert value.interval[0].utcoffset().total_seconds() / 3600 == 5.5  # type: ignore[union-attr]
    assert offsets == {1.0, 2.0}


def test_day_month_without_year_near_new_year_prefers_the_close_reading() -> None:
    context = Context(published=date(2023, 12, 30), timezone="Europe/London")
    value = find_times("The vote is on January 3.", context)[0].value
    assert value.interval[0] == datetime.fromisoformat("2024-01-03T00:00:00+00:00")
    assert value.alternatives[0][0] == datetime.fromisoformat("2023-01-03T00:00:00+00:00")


def test_ambiguous_numeric_date_is_left_alone() -> None:
    context = Context(published=date(2024, 6, 19), timezone="UTC")
    assert find_times("The form was signed on 05/06/2023.", context) == []


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    text = (
        "On Monday 3 June, at 9 a.m. local time, the council met; by the evening of Tuesday the"
        " plan was public, and in July 2023 it had been rejected since 2019."
    )
    mentions = find_times(text, Context(published=date(2024, 6, 5), timezone="Europe/Dublin"))
    assert [m.text for m in mentions] == [
        "Monday 3 June, at 9 a.m. local time", "evening of Tuesday", "July 2023", "since 2019",
    ]
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start


def test_tables_validate_against_their_schemas() -> None:
    for name in ("calendar", "dayparts", "timezones"):
        assert load_table(name)


@pytest.mark.parametrize("text", [
    "1" * 5000, "May " * 3000, "at 0300 " * 2000, "the early hours of " * 1500,
    "Monday, " * 3000, "12:" * 4000, "a.m. " * 3000, "in the past " * 2000,
])
def test_adversarial_input_is_fast(text: str) -> None:
    sentences = parse_sentences(text)  # the parse is the parser's time, not the normaliser's
    started = clock.perf_counter()
    find_times(text, Context(published=date(2024, 6, 19), timezone="Europe/London"), sentences)
    assert clock.perf_counter() - started < 2.0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    find_times(text, Context(published=date(2024, 6, 19), timezone="Asia/Seoul"))
    find_times(text, Context(published=None, timezone=None))


words = st.sampled_from([
    "on", "Monday", "May", "19", "June", "2024", "at", "3", "a.m.", "0300", "local", "time",
    "(", ")", "18:00", "GMT", "last", "next", "week", "ago", "two", "the", "early", "hours",
    "of", "night", "since", "about", ",", ".", "will", "Moscow", "IST", "29", "February", "31",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=25))
def test_time_word_soup_never_raises(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for mention in find_times(text, Context(published=datetime.fromisoformat(
            "2024-03-31T01:30:00+00:00"), timezone="Europe/London")):
        assert text[mention.start:mention.end] == mention.text
        start, end = mention.value.interval  # type: ignore[union-attr]
        assert start is None or end is None or start < end


@pytest.mark.parametrize("published", [date(9999, 12, 31), date(1, 1, 1)])
def test_absurd_publication_dates_leave_relative_times_unresolved(published: date) -> None:
    text = "At midnight on 2999-12-31 and on Monday at 23:59, since 2000."
    mentions = find_times(text, Context(published=published, timezone="Pacific/Kiritimati"))
    # "Monday" cannot be placed: it is a weekday only; "23:59" takes the only dated day of
    # its sentence.
    assert [m.text for m in mentions] == [
        "midnight on 2999-12-31", "Monday", "23:59", "since 2000"]
    assert mentions[1].value.weekday == 0 and mentions[1].value.interval == (None, None)
    assert mentions[2].value.interval[0] == datetime.fromisoformat("2999-12-31T23:59:00+14:00")
