"""Who speaks a quotation, read from the parse: sentences written for these tests (invented
people and events), each pinning the speaker a reader would name, or None where a reader
could not be sure."""

from __future__ import annotations

import pytest

from factcheck.extract.quotes import find_quotes
from factcheck.models import Context


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(m.value.words, m.value.speaker) for m in find_quotes(text, Context())]


def _speaker(text: str) -> str | None:
    found = _speakers(text)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the subject of the speech verb, in either order
        ('"We will hire," said Northwind Media Group chief Lisa Park.', "Lisa Park"),
        ('"We will hire," the group\'s chief executive, Lisa Park, said.', "Lisa Park"),
        ('"It hurts," Rams defensive back Tyrone Wells said.', "Tyrone Wells"),
        ('"We will try," team president and general manager Al Berko said.', "Al Berko"),
        # the addressee is not the speaker
        ('The spokesman, Omar Haddad, told Reuters: "We have counted 40 dead."', "Omar Haddad"),
        ('"It will pass," Omar Haddad told reporters.', "Omar Haddad"),
        # an abbreviated title the parser ends a sentence on, and a name after it
        ('"It was bad," said Springfield Police Sgt. Tom Bale.', "Tom Bale"),
        # a person the apposition only mentions is someone else
        ('"We appeal," said Ines Varga, the lawyer for farmer Pal Toth.', "Ines Varga"),
        ('"We won," said Olek Bryn, a Velmar resident who declined to give his surname.',
         "Olek Bryn"),
        # a document speaks for its author, and for no one without one
        ('"Talks will resume," a statement from the World Health Organization said.',
         "World Health Organization"),
        ('"Prices will rise," the statement said.', None),
        # a verbless line introducing the words
        ("Coach Pereira: “We played badly and we know it.”", "Pereira"),
        # "saying" and "and promised" share the subject of the verb they hang on
        ('Under the deal, guards stopped Dalton, but Dalton refused to comply, saying guards '
         '"would need to carry" him.', "Dalton"),
        ("Minister Rafael Soto said the offer stood, and promised “a fair wage for all”.",
         "Rafael Soto"),
        # a clause of the writer's own after the quotation is no attribution
        ("“That was the worst game.” He said the club would appeal the ban.", None),
    ],
)
def test_speaker_from_the_parse(text: str, speaker: str | None) -> None:
    assert _speaker(text) == speaker


def test_joint_speakers_are_both_named() -> None:
    speaker = _speaker('"We are delighted," said producers Ann Cole and Ravi Shah jointly.')
    assert speaker == "Ann Cole and Ravi Shah"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # what the text says of a person's gender rules a candidate out
        ("Ann Lee has spent years away, but her new film is out. The actress has come home, "
         "according to her agent, Tom Burke. “We ask for privacy,” he said.", "Tom Burke"),
        ("Howard Ellis pursued Ruth Baker for years. “I never called him back,” she said.",
         "Ruth Baker"),
        ("Mr Haas spoke first. “We are staying,” she said.", None),
        # the subject of the sentence before, when one person is its subject
        ("Tom Burke met Sam Ortiz on Monday. “It went well,” he said.", "Tom Burke"),
        # two persons competing as subjects: the text does not say which
        ("Tom Burke and Sam Ortiz met on Monday. “It went well,” he said.", None),
        # a sentence going on with the same "she" carries the search back, and a person it
        # names as an object is not her
        ("Ruth Baker left the firm in May. She later said she regretted leaving Tom Ruiz. "
         "“It was time,” she said.", "Ruth Baker"),
        # an organisation is never "he"
        ("The ministry issued a statement on Monday. “It is over,” he said.", None),
        # a name inside a quotation is spoken of, not speaking
        ("“Ana Ruiz will lead us,” the crowd chanted. “She is ready,” he said.", None),
    ],
)
def test_pronoun_resolution(text: str, speaker: str | None) -> None:
    assert _speakers(text)[-1][1] == speaker


def test_the_fullest_name_is_given_for_a_pronoun() -> None:
    text = ("Jack Orme runs the shelter. Orme opened it in May. “We are full,” he said.")
    assert _speaker(text) == "Jack Orme"


def test_a_paragraph_that_lost_its_opening_mark_is_one_quotation() -> None:
    text = '"We ran.\n\nWe hid behind the wall, " Ana Ruiz said.'
    assert _speakers(text) == [("We ran. We hid behind the wall", "Ana Ruiz")]


def test_a_mark_ending_a_line_opens_nothing() -> None:
    text = 'Prices rose. "\nThe mayor, Ana Ruiz, said the rise was "temporary".'
    assert _speakers(text) == [("temporary", "Ana Ruiz")]
