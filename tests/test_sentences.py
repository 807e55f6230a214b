"""Sentences come from the article's parse (`nlp.sentences`), one notion for every stage: where
news copy must split and where it must not, the offsets, and what the time normaliser and quote
attribution make of them."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_mentions, find_quotes, find_times
from factcheck.models import Article, Context, QuoteValue
from factcheck.nlp import parse, parse_sentences, sentences
from factcheck.pipeline import analyse_article


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in parse_sentences(text)]


MUST_SPLIT = [
    ("Dr. Smith arrived at 3 p.m. Officials said 40 people died.",
     ["Dr. Smith arrived at 3 p.m.", "Officials said 40 people died."]),
    ("The ferry left at 7 a.m. Passengers waved.",
     ["The ferry left at 7 a.m.", "Passengers waved."]),
    ("Was the pier safe? Engineers doubted it! Work stopped.",
     ["Was the pier safe?", "Engineers doubted it!", "Work stopped."]),
    ("Grain prices fell 8% in 2030. 12 mills shut.",
     ["Grain prices fell 8% in 2030.", "12 mills shut."]),
    ("The pier was built in 1998.Repairs start soon.",
     ["The pier was built in 1998.", "Repairs start soon."]),
    ("Crates came from the U.S. The rest came by rail.",
     ["Crates came from the U.S.", "The rest came by rail."]),
    ("Pier collapses in gale\nNine anglers were rescued on Sunday. Two are in hospital.",
     ["Pier collapses in gale", "Nine anglers were rescued on Sunday.", "Two are in hospital."]),
]


@pytest.mark.parametrize(("text", "expected"), MUST_SPLIT)
def test_splits(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


MUST_NOT_SPLIT = [
    "Mrs. Okoro thanked Prof. Lund and Capt. Reyes for the rescue.",
    "The gates at St. Anne's opened at 9 a.m. on Saturday.",
    "The siren sounded at 4:40 p.m. Tuesday along the harbour.",
    "Trains stopped at 11 p.m. GMT because of the flood.",
    "Beacon Ltd. and Harbour Co. signed the lease on Feb. 3 at No. 12 Quay Road.",
    "U.S. and E.U. inspectors met on the quay.",
    "Freight rose 2.5 per cent, from 1.75 per cent.",
    "“Is the bridge open?” the driver asked.",
    "“Get back from the water!” the lifeguards shouted.",
    "“The tide is turning,” she said.",
]


@pytest.mark.parametrize("text", MUST_NOT_SPLIT)
def test_does_not_split(text: str) -> None:
    assert texts(text) == [text]


def test_offsets_index_the_clean_text_and_are_trimmed() -> None:
    text = "  Dr. Smith arrived at 3 p.m.   Officials said 40 died.\n\n  A line with no stop  \n"
    found = parse_sentences(text)
    assert [s.index for s in found] == [0, 1, 2]
    assert [(s.start, s.end) for s in found] == [(2, 29), (32, 55), (59, 78)]
    for sentence in found:
        assert text[sentence.start:sentence.end] == sentence.text == sentence.text.strip()
    assert found[2].text == "A line with no stop"


def test_a_line_without_a_stop_is_one_sentence() -> None:
    """A dateline or a byline is no grammar the parser can cut."""
    assert texts("Lisbon, 4 Mar\n\nThe harbour reopened on Friday.") == [
        "Lisbon, 4 Mar", "The harbour reopened on Friday."
    ]


def test_a_sentence_broken_by_scraping_is_mended() -> None:
    """A blank line put inside a sentence: the next paragraph goes on in lower case, or
    opens a quotation after a possessive."""
    assert texts("The pilot said the\n\nengine failed twice.") == [
        "The pilot said the\n\nengine failed twice."
    ]
    assert texts("Ines Varga praised the crew's\n\n“calm courage” during the storm.") == [
        "Ines Varga praised the crew's\n\n“calm courage” during the storm."
    ]


def test_blank_text_has_no_sentences() -> None:
    assert parse_sentences("") == []
    assert parse_sentences(" \n\n \n") == []


def test_one_doc_serves_extraction_and_sentences() -> None:
    text = "The ferry left at 7 a.m. Passengers waved. 30 cars were aboard."
    doc = parse(text)
    context = Context(published="2031-03-12", timezone="UTC")
    assert extract_mentions(text, context, doc) == extract_mentions(text, context)
    assert [s.text for s in sentences(doc)] == texts(text)
    with pytest.raises(ValueError, match="another text"):
        extract_mentions(text + " More.", context, doc)


def test_a_blank_article_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("a blank text needs no parser")

    monkeypatch.setattr("factcheck.pipeline.parse", refuse)
    article = Article(id="a", path="a.txt", outlet="Outlet", text=" \n ", original=" \n ")
    assert analyse_article(article) == []


def test_a_clock_time_sentence_ends_after_p_m() -> None:
    """The future cue of the next sentence does not reach back over "p.m.": Monday is the
    Monday before publication (a Wednesday), not the one after."""
    text = "The storm reached the coast on Monday at 3 p.m. Crews will return on Friday."
    times = find_times(text, Context(published="2031-03-12", timezone="UTC"))
    assert [(m.text, m.value.interval[0].day) for m in times] == [
        ("Monday at 3 p.m.", 10), ("Friday", 14)
    ]


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ('Maria Lindqvist said: "We trained hard. We lost anyway." The team flew home.',
     "We trained hard. We lost anyway.", "Maria Lindqvist"),
    ('"The bridge is closed. Use the ferry," Omar Haddad told reporters. Nobody argued.',
     "The bridge is closed. Use the ferry", "Omar Haddad"),
    ('"Is the road open?" asked Omar Haddad. Nobody knew.', "Is the road open?", "Omar Haddad"),
])
def test_a_quotation_of_several_sentences_is_one_quote_with_its_speaker(
    text: str, words: str, speaker: str,
) -> None:
    quotes = find_quotes(text, Context())
    assert len(quotes) == 1
    value = quotes[0].value
    assert isinstance(value, QuoteValue)
    assert (value.words, value.speaker) == (words, speaker)
