"""extract_mentions: the negative corpus, the overlap policy, and robustness on any text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_mentions, resolve_overlaps
from factcheck.extract.durations import find_durations
from factcheck.extract.quantities import find_quantities
from factcheck.models import Context, DurationValue, Mention, QuantityValue, TimeValue

NEGATIVES = yaml.safe_load((Path(__file__).parent / "expressions" / "negatives.yaml").read_text())
FINDERS = {"duration": find_durations, "quantity": find_quantities}


def test_negative_corpus_is_large() -> None:
    assert len(NEGATIVES) >= 30


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["sentence"][:40] for c in NEGATIVES])
def test_negative_sentence(case: dict[str, Any]) -> None:
    for kind in case["kinds"]:
        found = FINDERS[kind](case["sentence"], Context())
        assert found == [], f"{kind}: {[m.text for m in found]}"
        through_all = [m for m in extract_mentions(case["sentence"], Context()) if m.kind == kind]
        assert through_all == []


def _duration(start: int, end: int) -> Mention:
    return Mention(
        kind="duration", text="x" * (end - start), start=start, end=end,
        value=DurationValue(seconds=(1.0, 1.0), timex="PT1S"),
    )


def _quantity(start: int, end: int) -> Mention:
    return Mention(
        kind="quantity", text="x" * (end - start), start=start, end=end,
        value=QuantityValue(range=(1.0, 1.0), unit="thing"),
    )


def _time(start: int, end: int) -> Mention:
    return Mention(
        kind="time", text="x" * (end - start), start=start, end=end,
        value=TimeValue(interval=(None, None), granularity="day", timex="XXXX"),
    )


def test_overlap_longest_wins() -> None:
    kept = resolve_overlaps([_quantity(0, 10), _duration(5, 8), _time(20, 25)])
    assert [(m.kind, m.start) for m in kept] == [("quantity", 0), ("time", 20)]


def test_overlap_tie_prefers_duration_then_time_then_quantity() -> None:
    assert [m.kind for m in resolve_overlaps([_quantity(3, 9), _time(3, 9)])] == ["time"]
    assert [m.kind for m in resolve_overlaps([_time(2, 8), _duration(3, 9)])] == ["duration"]
    assert [m.kind for m in resolve_overlaps([_quantity(0, 4), _duration(2, 6)])] == ["duration"]


def test_touching_spans_do_not_overlap() -> None:
    kept = resolve_overlaps([_duration(4, 8), _quantity(0, 4), _time(8, 12)])
    assert [m.kind for m in kept] == ["quantity", "duration", "time"]


def test_extract_mentions_on_a_paragraph() -> None:
    text = (
        "Negotiators talked for nearly nine hours on Thursday. More than 2,000 workers\n"
        "had walked out, and the union said a three-week strike cost the firm $40m.\n"
        "The 2019 agreement expired after 48 months."
    )
    found = [(m.kind, m.text) for m in extract_mentions(text, Context())]
    assert ("duration", "nearly nine hours") in found
    assert ("quantity", "More than 2,000 workers") in found
    assert ("duration", "three-week") in found
    assert ("quantity", "$40m") in found
    assert ("duration", "48 months") in found
    assert not any(kind == "quantity" and "2019" in words for kind, words in found)
    starts = [m.start for m in extract_mentions(text, Context())]
    assert starts == sorted(starts)


def test_repeating_a_document_repeats_its_mentions() -> None:
    paragraph = (
        "About 300 people waited for two hours, and at least 12 buses left within 48 hours. "
    )
    once = extract_mentions(paragraph, Context())
    eight = extract_mentions(paragraph * 8, Context())
    assert len(once) >= 4
    assert len(eight) == 8 * len(once)


@pytest.mark.parametrize(
    "adversarial",
    [
        "one " * 2000,
        "twenty-" * 2000,
        "1," * 3000,
        "about " * 2000 + "x",
        "- " * 3000,
        "hundred and " * 1500,
        "1 1 1 1 1 " * 800 + "hours",
    ],
)
def test_adversarial_inputs_finish(adversarial: str) -> None:
    # The patterns have no nested unbounded quantifiers; if that regressed, this would hang.
    extract_mentions(adversarial, Context())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    for mention in extract_mentions(text, Context()):
        assert text[mention.start:mention.end] == mention.text


_NEWSY = st.lists(
    st.sampled_from(
        ["about", "two", "hours", "a", "half", "and", "12", "1,200", "million", "people", "-",
         "more", "than", "$", "5m", "%", "year-old", "24", "days", "in", "2000", "March", ",",
         "nearly", "dozens", "of", "tens", "thousands", "between", "to", "or", "so"]
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_NEWSY)
def test_number_word_soup_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    for mention in extract_mentions(text, Context()):
        value = mention.value
        if isinstance(value, DurationValue):
            lo, hi = value.seconds
        elif isinstance(value, QuantityValue):
            lo, hi = value.range
        else:
            continue
        assert lo is None or hi is None or lo <= hi
