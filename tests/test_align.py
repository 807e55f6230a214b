"""Alignment and comparison on claims built by hand: what must and must not line up."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factcheck.models import (
    Article,
    Claim,
    DurationValue,
    Granularity,
    QuantityValue,
    Story,
    TimeValue,
)
from factcheck.rules import RuleSet, check_story, load_rules, shipped_pack
from factcheck.rules.align import Vocabulary
from factcheck.rules.schema import Rule, SynonymGroup, Tolerance

ZONE = ZoneInfo("Europe/Oslo")
VOCABULARY = [
    SynonymGroup(name="meeting", terms=["talks", "meeting", "summit"]),
    SynonymGroup(name="visit", terms=["visit", "trip"]),
    SynonymGroup(name="arrival", terms=["arrive", "arrival", "land"]),
    SynonymGroup(name="departure", terms=["leave", "depart"]),
    SynonymGroup(name="death", terms=["kill", "dead", "die"]),
]
DURATION = Rule(id="dur", title="Durations", severity="error", kind="agree", value="duration",
                tolerance=Tolerance(relative=0.1), message="length of the {about}")
DATES = Rule(id="date", title="Dates", severity="error", kind="agree", value="time",
             granularity="day", message="date of the {about}")
CLOCK = Rule(id="clock", title="Times", severity="warning", kind="agree", value="time",
             granularity="minute", granularities=["daypart", "hour", "minute"],
             message="time of the {about}")
COUNTS = Rule(id="count", title="Counts", severity="error", kind="agree", value="quantity",
              message="number of {about}")
PUBLISHED = date(2021, 9, 16)  # a Thursday


def article(article_id: str, outlet: str) -> Article:
    return Article(id=article_id, path=f"{article_id}.txt", outlet=outlet, published=PUBLISHED,
                   timezone="Europe/Oslo", original="x" * 500, text="x" * 500)


def story(*outlets: str) -> Story:
    return Story(id="s", path="", timezone="Europe/Oslo",
                 articles=[article(f"a{i}", name) for i, name in enumerate(outlets)])


def claim(article_id: str, text: str, value: object, about: list[str], start: int = 0,
          **extra: object) -> Claim:
    kind = value.type  # type: ignore[attr-defined]
    return Claim(id=f"{article_id}:{kind}:{start}", article=article_id, kind=kind, text=text,
                 evidence=text, start=start, end=start + len(text), line=1, value=value,
                 about=about, **extra)  # type: ignore[arg-type]


def hours(lo: float, hi: float | None = None) -> DurationValue:
    top = hi if hi is not None else lo
    return DurationValue(seconds=(lo * 3600, top * 3600), timex=f"PT{round(top * 60)}M",
                         hedge="exact" if hi is None else "approximate")


def when(start: datetime, length: timedelta, granularity: Granularity, **extra: object
         ) -> TimeValue:
    return TimeValue(interval=(start, start + length), granularity=granularity, timex="x",
                     **extra)  # type: ignore[arg-type]


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ZONE)  # type: ignore[misc]


def run(rule: Rule, the_story: Story, claims: list[Claim]):  # type: ignore[no-untyped-def]
    return check_story(the_story, claims, RuleSet(rules=[rule], vocabulary=VOCABULARY))


def test_concept_is_the_nearest_term_in_a_group() -> None:
    vocabulary = Vocabulary.of(VOCABULARY)
    assert vocabulary.concept(["airport", "arrived", "talks"]) == "arrival"
    assert vocabulary.concept(["summits", "visit"]) == "meeting"
    assert vocabulary.concept(["weather"]) is None
    assert vocabulary.concept(["talks", "visit"], allowed={"visit"}) == "visit"


def test_contradicting_durations_of_one_meeting() -> None:
    claims = [claim("a0", "about two hours", hours(1.75, 2.25), ["meeting"]),
              claim("a1", "40 minutes", hours(2 / 3), ["talks", "minister"])]
    facts, (found,) = run(DURATION, story("North Star", "Fjord Post"), claims)
    assert found.verdict == "contradiction" and found.severity == "error"
    assert [p.label for p in found.positions] == ["Fjord Post", "North Star"]
    assert found.summary.startswith("Fjord Post says ")
    assert found.title == "length of the meeting"
    assert len(facts) == 1 and facts[0].outlets == ["Fjord Post", "North Star"]


def test_parts_against_a_single_value() -> None:
    parts = [claim("a1", "90 minutes", hours(1.5), ["talks"], start=10, role="part", sentence=3),
             claim("a1", "an additional two hours", hours(2), ["talks"], start=40, role="part",
                   sentence=3)]
    single = claim("a0", "about two hours", hours(1.75, 2.25), ["meeting"])
    _, (found,) = run(DURATION, story("North Star", "Fjord Post"), [single, *parts])
    assert found.verdict == "tension" and found.severity == "warning"
    assert "Read as a total" in (found.explanation or "")
    assert "they agree" in (found.explanation or "")
    total = claim("a0", "three and a half hours", hours(3.5), ["meeting"])
    assert run(DURATION, story("North Star", "Fjord Post"), [total, *parts])[1] == []
    short = claim("a0", "one hour", hours(1), ["meeting"])
    _, (off,) = run(DURATION, story("North Star", "Fjord Post"), [short, *parts])
    assert off.verdict == "contradiction"


def test_elapsed_spans_agree_with_since_and_never_meet_event_lengths() -> None:
    since = claim("a0", "since 2000", when(local(2000, 1, 1), timedelta(days=366), "year",
                                           anchor="since"), ["visit"])
    decades = claim("a1", "more than two decades",
                    DurationValue(seconds=(20 * 31556952, None), timex="P2DE"), ["visit"],
                    role="elapsed")
    length = claim("a2", "three-day", DurationValue(seconds=(3 * 86400,) * 2, timex="P3D"),
                   ["visit"])
    facts, found = run(DURATION, story("A", "B", "C"), [since, decades, length])
    assert found == []
    assert sorted(len(f.claims) for f in facts) == [1, 2]
    wrong = claim("a1", "ten years", DurationValue(seconds=(315569520.0,) * 2, timex="P10Y"),
                  ["visit"], role="elapsed")
    _, (found_wrong,) = run(DURATION, story("A", "B", "C"), [since, wrong, length])
    assert found_wrong.verdict == "contradiction"


def test_arrival_and_departure_do_not_align() -> None:
    arrival = claim("a0", "on Monday", when(local(2021, 9, 13), timedelta(days=1), "day"),
                    ["arrive"])
    departure = claim("a1", "on Wednesday", when(local(2021, 9, 15), timedelta(days=1), "day"),
                      ["leave"])
    assert run(DATES, story("A", "B"), [arrival, departure])[1] == []


def test_background_event_does_not_align_with_the_news_of_the_day() -> None:
    this_week = claim("a0", "on Tuesday", when(local(2021, 9, 14), timedelta(days=1), "day"),
                      ["visit"])
    last_year = claim("a1", "in May", when(local(2021, 5, 1), timedelta(days=31), "month"),
                      ["visit"])
    assert run(DATES, story("A", "B"), [this_week, last_year])[1] == []


def test_two_background_dates_for_one_event_contradict() -> None:
    march = claim("a0", "in March", when(local(2021, 3, 1), timedelta(days=31), "month"),
                  ["summit"])
    may = claim("a1", "last May", when(local(2021, 5, 1), timedelta(days=31), "month"),
                ["summit"])
    earlier = claim("a2", "earlier this year",
                    when(local(2021, 1, 1), timedelta(days=250), "year"), ["summit"])
    _, (found,) = run(DATES, story("A", "B", "C"), [march, may, earlier])
    assert found.verdict == "contradiction"
    assert "C's" in (found.explanation or "") and "less specific" in (found.explanation or "")
    assert run(DATES, story("A", "B", "C"), [march, earlier])[1] == []


def test_an_outlet_naming_two_events_splits_the_concept() -> None:
    first = claim("a0", "in 2009", when(local(2009, 1, 1), timedelta(days=365), "year"),
                  ["visit"], start=1)
    second = claim("a0", "in 2019", when(local(2019, 1, 1), timedelta(days=365), "year"),
                   ["visit"], start=90)
    other = claim("a1", "in 2009", when(local(2009, 1, 1), timedelta(days=365), "year"),
                  ["visit"])
    facts, found = run(DATES, story("A", "B"), [first, second, other])
    assert found == []
    assert sorted(len(f.claims) for f in facts) == [1, 2]


def test_previous_event_is_not_this_one() -> None:
    previous = claim("a0", "in 2019", when(local(2019, 1, 1), timedelta(days=365), "year"),
                     ["visit"], qualifier="previous")
    current = claim("a1", "in 2019", when(local(2019, 6, 1), timedelta(days=30), "month"),
                    ["visit"])
    facts, _ = run(DATES, story("A", "B"), [previous, current])
    assert len(facts) == 2


def test_night_running_past_midnight_is_a_tension() -> None:
    night = claim("a0", "Tuesday night",
                  when(local(2021, 9, 14, 18), timedelta(hours=12), "daypart"), ["arrive"])
    small_hours = claim("a1", "early hours of Wednesday",
                        when(local(2021, 9, 15), timedelta(hours=6), "daypart"), ["land"])
    _, (found,) = run(CLOCK, story("A", "B"), [night, small_hours])
    assert found.verdict == "tension" and found.severity == "info"
    evening = claim("a1", "Wednesday evening",
                    when(local(2021, 9, 15, 17), timedelta(hours=5), "daypart"), ["arrive"])
    _, (clash,) = run(CLOCK, story("A", "B"), [night, evening])
    assert clash.verdict == "contradiction"


def test_undated_clock_time_is_compared_by_time_of_day() -> None:
    guessed = claim("a0", "at 23:10", when(local(2021, 9, 16, 23, 10), timedelta(minutes=1),
                                           "minute"), ["arrive"])
    dated = claim("a1", "at 23:10 on Wednesday",
                  when(local(2021, 9, 15, 23, 10), timedelta(minutes=1), "minute"), ["arrive"])
    assert run(CLOCK, story("A", "B"), [guessed, dated])[1] == []
    assert run(DATES, story("A", "B"), [guessed, dated])[1] == []


def test_counts_need_the_same_unit_and_concept() -> None:
    dead = claim("a0", "12 people", QuantityValue(range=(12, 12), unit="person"), ["kill"])
    more_dead = claim("a1", "at least 20 people", QuantityValue(range=(20, None), unit="person"),
                      ["die"])
    cars = claim("a2", "20 cars", QuantityValue(range=(20, 20), unit="car"), ["kill"])
    _, (found,) = run(COUNTS, story("A", "B", "C"), [dead, more_dead, cars])
    assert {p.label for p in found.positions} == {"A", "B"}


def test_participants_with_nobody_in_common_do_not_align() -> None:
    one = claim("a0", "two hours", hours(2), ["talks"], participants=["Anna Berg"])
    other = claim("a1", "five hours", hours(5), ["talks"], participants=["Mr Olsen"])
    assert run(DURATION, story("A", "B"), [one, other])[1] == []
    same = claim("a1", "five hours", hours(5), ["talks"], participants=["Ms Berg"])
    assert len(run(DURATION, story("A", "B"), [one, same])[1]) == 1


def test_discrepancy_id_ignores_order_and_unrelated_claims() -> None:
    a = claim("a0", "two hours", hours(2), ["talks"])
    b = claim("a1", "five hours", hours(5), ["talks"])
    noise = claim("a1", "nine people", QuantityValue(range=(9, 9), unit="person"), ["kill"],
                  start=99)
    first = run(DURATION, story("A", "B"), [a, b])[1][0].id
    second = run(DURATION, story("A", "B"), [noise, b, a])[1][0].id
    assert first == second


def test_each_alternative_reading_is_compared_on_its_own() -> None:
    # "last April" may mean April 2021 or April 2020; neither is "in June", even though the
    # stretch between the two readings would cover June 2020.
    the_story = story("Harbour Post", "Fjord Daily")
    june = claim("a0", "in June", when(local(2021, 6, 1), timedelta(days=30), "month"),
                 ["strike"])
    april = claim("a1", "last April", when(
        local(2021, 4, 1), timedelta(days=30), "month",
        alternatives=[(local(2020, 4, 1), local(2020, 5, 1))],
    ), ["strike"])
    _, discrepancies = run(DATES, the_story, [june, april])
    assert [d.verdict for d in discrepancies] == ["contradiction"]


def test_initials_let_a_spelled_out_name_meet_its_abbreviation() -> None:
    the_story = story("Harbour Post", "Fjord Daily")
    first = claim("a0", "in March", when(local(2021, 3, 1), timedelta(days=31), "month"),
                  ["strike"], participants=["European Union", "Norway"])
    second = claim("a1", "in May", when(local(2021, 5, 1), timedelta(days=31), "month"),
                   ["strike"], participants=["EU Commission"])
    _, discrepancies = run(DATES, the_story, [first, second])
    assert len(discrepancies) == 1
    unrelated = claim("a1", "in May", when(local(2021, 5, 1), timedelta(days=31), "month"),
                      ["strike"], participants=["Sweden"])
    _, none = run(DATES, the_story, [first, unrelated])
    assert none == []


def test_residents_and_people_are_one_count_but_a_group_within_is_not() -> None:
    residents = claim("a0", "about 300 residents",
                      QuantityValue(range=(270, 330), unit="resident"), ["evacuate"])
    people = claim("a1", "3,000 people", QuantityValue(range=(3000, 3000), unit="person"),
                   ["evacuate"])
    crew = claim("a1", "two crew members", QuantityValue(range=(2, 2), unit="crew member"),
                 ["evacuate"], start=50)
    _, (found,) = run(COUNTS, story("A", "B"), [residents, people, crew])
    assert sorted(c for p in found.positions for c in p.claims) == [residents.id, people.id]


def _published_at(hour_a: int, hour_b: int) -> Story:
    def at(article_id: str, outlet: str, hour: int) -> Article:
        return Article(id=article_id, path=f"{article_id}.txt", outlet=outlet,
                       published=local(2021, 9, 16, hour), timezone="Europe/Oslo",
                       original="x" * 500, text="x" * 500)
    return Story(id="s", path="", timezone="Europe/Oslo",
                 articles=[at("a0", "Morning Wire", hour_a), at("a1", "Evening Post", hour_b)])


def test_a_count_from_a_report_hours_later_is_noted_as_a_possible_update() -> None:
    early = claim("a0", "nine people", QuantityValue(range=(9, 9), unit="person"), ["kill"])
    late = claim("a1", "14 people", QuantityValue(range=(14, 14), unit="person"), ["die"])
    (found,) = run(COUNTS, _published_at(7, 19), [early, late])[1]
    assert found.verdict == "contradiction"
    assert "Morning Wire published at least 12 hours before Evening Post: the later figure" in (
        found.explanation or "")
    (close,) = run(COUNTS, _published_at(7, 8), [early, late])[1]
    assert "published" not in (close.explanation or "")


def test_no_update_note_when_an_earlier_report_already_had_the_later_figure() -> None:
    the_story = _published_at(7, 19)
    the_story.articles.append(Article(
        id="a2", path="a2.txt", outlet="Dawn Radio", published=local(2021, 9, 16, 6),
        timezone="Europe/Oslo", original="x" * 500, text="x" * 500,
    ))
    claims = [
        claim("a2", "14 people", QuantityValue(range=(14, 14), unit="person"), ["die"]),
        claim("a0", "nine people", QuantityValue(range=(9, 9), unit="person"), ["kill"]),
        claim("a1", "14 people", QuantityValue(range=(14, 14), unit="person"), ["die"]),
    ]
    (found,) = run(COUNTS, the_story, claims)[1]
    assert "update" not in (found.explanation or "")


def test_default_vocabulary_reads_common_verbs_as_no_event() -> None:
    default = Vocabulary.of(load_rules([shipped_pack()]).vocabulary)
    assert default.concept(["stay", "above", "target"]) is None  # "prices stayed above 3%"
    assert default.concept(["live", "nearby", "moved out"]) == "evacuation"
    assert default.concept(["cyber-attack"]) == "attack"  # a compound takes its head's group
    assert default.concept(["check-in", "desk"]) is None


def test_a_count_counts_its_head_noun_and_measures_stay_whole() -> None:
    from factcheck.rules.align import counted_as
    assert counted_as("tank shell") == counted_as("shell") == "shell"
    assert counted_as("damaged shop") == "shop"
    assert counted_as("machine gun") != counted_as("rifle")
    assert counted_as("percentage point") == "percentage point"  # not basketball's points
    assert counted_as("square kilometre") == "square kilometre"
    assert counted_as("year of age") == "year of age"
    assert counted_as("local resident") == counted_as("people") == "person"
    assert counted_as("kurd", counted="people") == "person"
    assert counted_as("kurd") == "kurd"  # without the parse's word, a name stays a name
