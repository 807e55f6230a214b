"""Quantities: the expression table, the unit normaliser and what is not an amount."""

from __future__ import annotations

from typing import Any

import pytest
from expression_table import close, found, load

from factcheck.extract.nouns import normalise_unit, singular
from factcheck.extract.quantities import AGE_UNIT, find_quantities
from factcheck.models import Context, QuantityValue

TABLE = load("quantities", "quantity")


@pytest.mark.parametrize("case", TABLE, ids=[c["text"] for c in TABLE])
def test_quantity_expression(case: dict[str, Any]) -> None:
    value = found(case, find_quantities).value
    assert isinstance(value, QuantityValue)
    expected = case["value"]
    lo, hi = expected["range"]
    assert close(value.range[0], lo) and close(value.range[1], hi), value.range
    assert value.unit == expected["unit"]
    assert value.hedge == expected["hedge"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("shells", "shell"), ("countries", "country"), ("witnesses", "witness"),
        ("matches", "match"), ("boxes", "box"), ("women", "woman"), ("aircraft", "aircraft"),
        ("species", "species"), ("crises", "crisis"), ("bus", "bus"), ("votes", "vote"),
        ("analyses", "analysis"), ("lives", "life"), ("Rockets", "rocket"),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_normalise_unit_merges_synonyms() -> None:
    assert normalise_unit("People") == "person"
    assert normalise_unit("armoured Troops") == "armoured soldier"
    assert normalise_unit("Artillery Shells") == "artillery shell"


@pytest.mark.parametrize(
    "sentence",
    [
        "The stadium opened in 1994 and closed in 2011.",
        "Results are due on 4 July.",
        "The 2030 target was dropped.",
        "Polls close at 9 pm.",
        "She finished 4th in the 10,000m final.",
        "Apollo 13 and Fox 5 and the G20 and the F-35 and H5N1 all featured.",
        "See section 4 and page 112.",
        "Dial 555-0143 to vote.",
        "They lost 4-0 away.",
        "He spent 6 hours there.",
        "One of the guards fled.",
        "The 3D film flopped.",
        "The wall is 5m high.",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence, Context()) == []


def test_age_is_a_quantity_not_a_duration() -> None:
    [mention] = find_quantities("A 52-year-old pilot was hurt.", Context())
    assert mention.value.unit == AGE_UNIT
    assert mention.value.range == (52.0, 52.0)


def test_money_versus_count() -> None:
    found = find_quantities("The fund paid $40m to 3,000 farmers.", Context())
    assert [(m.text, m.value.unit) for m in found] == [("$40m", "usd"), ("3,000 farmers", "farmer")]


def test_range_of_counts() -> None:
    [mention] = find_quantities("Police said 150-200 people marched.", Context())
    assert mention.value.range == (150.0, 200.0)
    assert mention.value.unit == "person"


def test_counted_thing_does_not_cross_a_blank_line() -> None:
    assert find_quantities("Filed 2019\n\nMarket News\n\nShares rose.", Context()) == []


def test_acronym_is_a_modifier_not_the_counted_thing() -> None:
    [mention] = find_quantities("Four senior EU diplomats resigned.", Context())
    assert mention.text == "Four senior EU diplomats"
    assert mention.value.unit == "EU diplomat"  # lower-cased, "US"/"WHO" would read as words


def test_unit_lower_cases_words_but_not_acronyms() -> None:
    [mention] = find_quantities("Rescuers saw 40 Stranded Hikers and no UN staff.", Context())
    assert mention.value.unit == "stranded hiker"


def test_number_used_as_a_pronoun_counts_nothing() -> None:
    assert find_quantities("After the vote the three shook hands.", Context()) == []
    assert find_quantities("Then the two held talks for hours.", Context()) == []


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The team bought Apollo 40 tickets.", False),  # a name with its number
        ("the team bought \t Apollo 40 tickets.", False),  # blanks before the name
        ("Harbour 40 boats were moored.", True),  # opens the text: nothing before it
        ("It rained. Harbour 40 boats were moored.", True),  # opens a sentence
        ("It rained.  \tHarbour 40 boats were moored.", True),  # blanks after the stop
        ("“Harbour 40 boats were moored,” she said.", True),  # opens a quotation
    ],
)
def test_a_capitalised_word_before_a_number_names_it_unless_it_opens_a_sentence(
    text: str, counted: bool
) -> None:
    found = [m for m in find_quantities(text, Context()) if m.text.startswith("40")]
    assert bool(found) is counted, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a number near "magnitude" or after a reading verb that counts or measures something
        ("The magnitude of 3 recessions in a row is hard to grasp.", ("3 recessions", "recession")),
        ("After the quake, the survey registered 3 deaths in the hills.", ("3 deaths", "death")),
        ("Since the quake the agency recorded 4 aftershocks, all weak.",
         ("4 aftershocks", "aftershock")),
        ("The tremor hit a town where the canal measured 3 metres deep.", ("3 metres", "metre")),
        ("Three magnitude estimates were published by different agencies.",
         ("Three magnitude estimates", "magnitude estimate")),
        ("After the quake, the factory's output rose 2.5% in a year.", ("2.5%", "percent")),
        # an average of quakes has decimals too: a plural after it is counted
        ("The region averages 1.5 earthquakes a year.", ("1.5 earthquakes", "earthquake")),
    ],
)
def test_a_number_by_magnitude_words_that_is_no_reading(
    sentence: str, expected: tuple[str, str]
) -> None:
    found = [(m.text, m.value.unit) for m in find_quantities(sentence, Context())]
    assert found == [expected]


def test_a_reading_wins_over_a_count_in_the_same_words() -> None:
    # "6 quakes" would be a count of six quakes; the 6 is the reading of each
    found = find_quantities("Two magnitude 6 quakes hit the archipelago.", Context())
    assert [(m.text, m.value.unit) for m in found] == [("magnitude 6", "magnitude")]


def test_counts_of_times_and_of_things_in_one_sentence() -> None:
    found = find_quantities("The striker scored 3 times in 10 games.", Context())
    assert [(m.text, m.value.unit, m.value.range) for m in found] == [
        ("3 times", "time", (3.0, 3.0)), ("10 games", "game", (10.0, 10.0)),
    ]
