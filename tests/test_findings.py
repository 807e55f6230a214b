"""What a finding's title names when its claims have no concept from the vocabulary."""

from __future__ import annotations

from factcheck.models import Claim, DurationValue, Position, QuantityValue
from factcheck.rules.findings import NO_SUBJECT, counted_of, subject_of, summary_of


def _count(text: str, evidence: str, unit: str, about: list[str]) -> Claim:
    return Claim(
        id=f"a:quantity:{len(evidence)}", article="a", kind="quantity", text=text,
        evidence=evidence, start=0, end=len(text), line=1, about=about,
        value=QuantityValue(range=(42, 42), unit=unit, hedge="exact"),
    )


def test_the_concept_when_there_is_one() -> None:
    claim = _count("42 seats", "The party won 42 seats.", "seat", ["win"])
    assert subject_of("election", [claim]) == "election"


def test_a_count_without_concept_names_the_counted_thing_in_the_articles_words() -> None:
    claims = [
        _count("42 seats", "The party won 42 seats.", "seat", ["win"]),
        _count("24 seats", "The party took 24 seats, the board said.", "seat", ["take"]),
    ]
    # not the nearest word ("win", a verb), not a stock phrase: "the number for the seats"
    assert subject_of(None, claims) == "seats"
    ships = [_count("12 container ships", "12 container ships waited.", "container ship", [])]
    assert subject_of(None, ships) == "container ships"


def test_no_concept_and_nothing_counted_is_the_same_event() -> None:
    claim = Claim(
        id="a:duration:0", article="a", kind="duration", text="two hours",
        evidence="It lasted two hours.", start=0, end=9, line=1, about=["last"],
        value=DurationValue(seconds=(7200, 7200), timex="PT2H", hedge="exact"),
    )
    assert subject_of(None, [claim]) == NO_SUBJECT == "same event"
    assert subject_of(None, []) == "same event"


def test_summary_says_or_say_by_the_number_of_outlets() -> None:
    positions = [
        Position(label="AP, News7f", value="Mar 2024", claims=["ap:time:4", "n7:time:9"]),
        Position(label="Lifegate", value="May 2024", claims=["lg:time:3"]),
        Position(label="Reuters, London", value="2024", claims=["r:time:1"]),
        Position(label="A, B, C", value="2 h", claims=["a:duration:1", "b:duration:2",
                                                        "c:duration:3"]),
    ]
    assert summary_of(positions) == (
        "AP and News7f say Mar 2024; Lifegate says May 2024; Reuters, London says 2024; "
        "A, B and C say 2 h."
    )


def _amount(text: str, unit: str | None) -> Claim:
    return Claim(
        id=f"a:quantity:{len(text)}", article="a", kind="quantity", text=text,
        evidence=f"Officials gave {text}.", start=0, end=len(text), line=1, about=[],
        value=QuantityValue(range=(42, 42), unit=unit, hedge="exact"),
    )


def test_counted_names_what_a_count_counts_and_the_concept_after_it() -> None:
    passengers = [_amount("about 400 passengers", "passenger"), _amount("410 passengers",
                                                                        "passenger")]
    assert counted_of("crash", passengers) == "number of passengers (crash)"
    assert counted_of(None, passengers) == "number of passengers"
    # a currency code is no counted thing ("the number for the usd")
    assert counted_of(None, [_amount("$4.2 billion", "usd")]) == "amount in USD"
    assert counted_of("fine", [_amount("€30 million", "eur")]) == "amount in EUR (fine)"
    assert counted_of("fire", [_amount("15%", "percent")]) == "percentage (fire)"
    # the concept is not repeated when the counted thing already says it
    assert counted_of("fire", [_amount("12 fires", "fire")]) == "number of fires"
    assert counted_of("flood", [_amount("42", None)]) == "number (flood)"
    # a reading on a scale counts nothing: it is named by its scale
    assert counted_of("earthquake", [_amount("magnitude 6.2", "magnitude")]) == (
        "magnitude (earthquake)")
    assert counted_of("hug", [_amount("twice", "time")]) == "number of times (hug)"
    assert counted_of(None, []) == "number for the same event"


def test_a_count_no_article_wrote_out_is_named_in_the_plural() -> None:
    claims = [
        _count("38", "At least six died and 38 were injured.", "person", ["injure"]),
        _count("more than 30", "More than 30 were injured.", "person", ["injure"]),
    ]
    assert counted_of("injury", claims) == "number of people (injury)"
    shells = [_count("one shell", "One shell hit the roof.", "shell", [])]
    assert counted_of(None, shells) == "number of shells"
