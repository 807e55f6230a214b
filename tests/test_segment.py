"""Sentence segmentation: where news copy must split, and where it must not."""

from __future__ import annotations

import pytest

from factcheck.text.segment import segment


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in segment(text)]


MUST_SPLIT = [
    ("The dam held. Residents went home.", ["The dam held.", "Residents went home."]),
    ("Did it hold? Nobody knew! Then it rained.",
     ["Did it hold?", "Nobody knew!", "Then it rained."]),
    ("Costs rose 12% in 2021. 40 firms closed.", ["Costs rose 12% in 2021.", "40 firms closed."]),
    ('The minister said "no." The vote went ahead.',
     ['The minister said "no."', "The vote went ahead."]),
    ("“It is over.” The crowd cheered.", ["“It is over.”", "The crowd cheered."]),
    ("The talks ended. “We are pleased,” she said.",
     ["The talks ended.", "“We are pleased,” she said."]),
    ("He landed at 9 p.m. Police met him.", ["He landed at 9 p.m.", "Police met him."]),
    ("Power returned at 6 a.m. Schools stayed shut.",
     ["Power returned at 6 a.m.", "Schools stayed shut."]),
    ("They sold fruit, nuts, etc. Prices fell.", ["They sold fruit, nuts, etc.", "Prices fell."]),
    ("Aid came from the U.S. The rest came later.",
     ["Aid came from the U.S.", "The rest came later."]),
    ("The deal was signed by Acme Inc. The shares rose.",
     ["The deal was signed by Acme Inc.", "The shares rose."]),
    ("It had been closed since 2009.Repairs began in May.",
     ["It had been closed since 2009.", "Repairs began in May."]),
    ("The river rose overnight.Schools closed.", ["The river rose overnight.", "Schools closed."]),
    ("He waited... Then he left.", ["He waited...", "Then he left."]),
    ("Headline without a stop\n\nBody text starts here. It ends here.",
     ["Headline without a stop", "Body text starts here.", "It ends here."]),
    ("The plan was Plan B. It failed.", ["The plan was Plan B.", "It failed."]),
]


@pytest.mark.parametrize(("text", "expected"), MUST_SPLIT)
def test_splits(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


MUST_NOT_SPLIT = [
    "Mr. Lopez and Mrs. Hale met Dr. Wu and Prof. Adams.",
    "Gen. Ortiz, Sen. Brown, Rep. Diaz and Gov. Reyes attended.",
    "The service at St. Mary's began at 10 a.m. on Sunday.",
    "Martin Jones Jr. said the vote was close.",
    "Shares of Acme Corp. rose while Beta Ltd. fell and Gamma Co. held.",
    "The match was Lyon vs. Marseille on Jan. 5 at the stadium.",
    "Some ports, e.g. Antwerp, i.e. the largest, stayed open.",
    "He lives at No. 10 and works on Oct. 12 each year.",
    "U.S. officials met U.K. and E.U. envoys at the U.N. headquarters.",
    "The Daniel K. Inouye centre hosted J. R. R. Tolkien scholars.",
    "Inflation was 3.5 per cent, up from 2.75 per cent.",
    "“Are you sure?” she asked.",
    "“We will not leave!” the protesters shouted.",
    "“The vote is final,” he said.",
    "“We waited… And waited,” she said.",
    'He called it "a good deal." and left.',
    # a clock time's day, month or zone after a.m./p.m. is the same sentence
    "The blaze broke out around 2:15 p.m. Sunday near the highway.",
    "Trading resumed at 9 a.m. GMT after the outage.",
    "The polls closed at 8 p.m. ET and counting began.",
    "The strike is set to begin at 6 a.m. March 3 unless talks succeed.",
]


@pytest.mark.parametrize("text", MUST_NOT_SPLIT)
def test_does_not_split(text: str) -> None:
    assert texts(text) == [text]


def test_offsets_index_the_text_and_are_trimmed() -> None:
    text = "  First one.   Second one.\n\n\n  Third one without stop  \n"
    sentences = segment(text)
    assert [s.index for s in sentences] == [0, 1, 2]
    for sentence in sentences:
        assert text[sentence.start: sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    assert [s.text for s in sentences] == ["First one.", "Second one.", "Third one without stop"]


def test_abbreviation_opening_a_sentence() -> None:
    assert texts("The board met. Mr. Ruiz spoke. Dr. Lee left.") == [
        "The board met.", "Mr. Ruiz spoke.", "Dr. Lee left."
    ]


def test_paragraph_always_ends_a_sentence() -> None:
    assert texts("Talks with Mr.\n\nSmith ended") == ["Talks with Mr.", "Smith ended"]


def test_empty_and_blank_text() -> None:
    assert segment("") == []
    assert segment(" \n\n \n") == []


def test_long_text_is_linear_enough() -> None:
    paragraph = "The council met on Monday. Mr. Ruiz said 3.5 million euros was enough. "
    text = "\n\n".join([paragraph * 20] * 200)
    sentences = segment(text)
    assert len(sentences) == 200 * 20 * 2
