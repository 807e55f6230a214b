"""Word-level comparison of quotation variants: what changes meaning and what is only form."""

from __future__ import annotations

import pytest

from factcheck.textdiff import (
    WordChange,
    anchors,
    change_kind,
    classify,
    compared_changes,
    diff_words,
    fragment_change,
    fragment_match,
    gravest,
    label_match,
    mark_fragment,
    meaning_changes,
    relation,
    render_diff,
    same_word,
    similarity,
    tokens,
)


def _changed(a: str, b: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(c.a, c.b, classify(c)) for c in diff_words(a, b) if c.op != "equal"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The harbour will reopen in the autumn.", "The harbor will reopen in the autumn."),
        ("We will organise the programme ourselves", "we will organize the program ourselves"),
        ("It was a breakthough agreement", "It was a breakthrough agreement"),
        ("“We won’t stop,” she said", '"We will not stop," she said'),
        ("We don't accept this", "We do not accept this!"),
        ("the talks in the capital", "talks in capital"),
        ("a threat to the UK", "a threat to the United Kingdom"),
        ("We counted five boats", "We counted 5 boats"),
        ("Our defence budget", "Our defense budget"),
    ],
)
def test_form_only_variants(a: str, b: str) -> None:
    assert meaning_changes(a, b) == []
    assert all(kind == "form" for _, _, kind in _changed(a, b))


@pytest.mark.parametrize(
    ("a", "b", "removed", "added"),
    [
        # a translator's choice of noun
        ("the flotilla and its escorts", "the flotilla and its guardians", ("escorts",),
         ("guardians",)),
        # a paraphrasing tool's synonym
        ("a huge step for the region", "a large step for the region", ("huge",), ("large",)),
        # a misquoted number
        ("we lost 40 players", "we lost 14 players", ("40",), ("14",)),
        ("we lost forty players", "we lost 14 players", ("forty",), ("14",)),
        # a dropped negation
        ("the dam will not hold", "the dam will hold", ("not",), ()),
        ("we never agreed to it", "we agreed to it", ("never",), ()),
        ("we can't win", "we can win", ("not",), ()),
        # a different name
        ("Harlow betrayed us", "Harding betrayed us", ("Harlow",), ("Harding",)),
        # an antonym that looks like a typo
        ("the transfer was legal", "the transfer was illegal", ("legal",), ("illegal",)),
    ],
)
def test_meaning_changes(a: str, b: str, removed: tuple[str, ...], added: tuple[str, ...]) -> None:
    changes = meaning_changes(a, b)
    assert len(changes) == 1
    assert changes[0].a == removed
    assert changes[0].b == added


def test_ops_cover_both_sides() -> None:
    changes = diff_words("one two three four", "one 2 three five six")
    left = [w for c in changes for w in c.a]
    right = [w for c in changes for w in c.b]
    assert left == ["one", "two", "three", "four"]
    assert right == ["one", "2", "three", "five", "six"]
    assert {c.op for c in changes} <= {"equal", "replace", "insert", "delete"}


def test_classify_insert_and_delete() -> None:
    assert classify(WordChange("insert", (), ("the",))) == "form"
    assert classify(WordChange("delete", ("urgently",), ())) == "meaning"
    assert classify(WordChange("insert", (), (",",))) == "form"


def test_same_word() -> None:
    assert same_word("colour", "color")
    assert same_word("criticised", "criticized")
    assert same_word("goverment", "government")
    assert not same_word("now", "not")
    assert not same_word("increase", "decrease")
    assert not same_word("form", "from")  # short words: no typo allowance
    assert not same_word("honest", "dishonest")


def test_tokens_fold_marks_and_contractions() -> None:
    assert tokens("“They’re here,” he said") == ['"', "They", "are", "here", ",", '"', "he",
                                                 "said"]
    assert tokens("It's the club's ball") == ["It's", "the", "club's", "ball"]


def test_render_diff_marks_words() -> None:
    changes = diff_words("the rebels and their sponsors", "the rebels and their backers.")
    assert render_diff(changes) == "the rebels and their [-sponsors-] {+backers.+}"
    changes = diff_words("the harbour is closed", "the harbor is not closed")
    rendered = render_diff(changes, meaning_only=True)
    assert rendered == "the harbor is {+not+} closed"


def test_similarity_same_statement() -> None:
    assert similarity("We will never give up our land", "we will never give up our land!") == 1.0
    # a translation's reordering and a synonym still look like one statement
    assert similarity(
        "the reckless policy of the governor and his allies against our city",
        "against our city, the reckless policies of the governor and his partners",
    ) >= 0.75
    # a fragment of a longer rendering
    assert similarity(
        "the water supply will be restored to every home by Friday",
        "Engineers told us the water supply will be restored to every home by Friday at noon",
    ) >= 0.85


def test_similarity_different_statements() -> None:
    assert similarity(
        "The harvest was the worst in living memory",
        "We must cut taxes and invest in new schools",
    ) < 0.5
    # a shared stock phrase is not the same statement
    assert similarity(
        "climate emergency", "We declared a climate emergency because the rivers are drying up"
    ) < 0.7
    assert similarity("", "anything") == 0.0


def test_fragment_match_finds_a_short_piece_with_one_swapped_word() -> None:
    full = "complete backing and protection to the farmers who lost their harvest"
    assert fragment_match("total backing and protection", full)
    assert fragment_match(full, "complete backing and protection")  # either order
    assert fragment_match("backing and protection to the farmers", full)


@pytest.mark.parametrize(
    "short",
    [
        "total backing or protection",  # a swapped small word breaks the run
        "total support and shelter",  # two content words swapped
        "protection and backing",  # another order
        "the farmers",  # one content word is not a fragment
        "total backing",  # one shared content word
    ],
)
def test_fragment_match_negatives(short: str) -> None:
    full = "complete backing and protection to the farmers who lost their harvest"
    assert not fragment_match(short, full)


def test_label_match() -> None:
    assert label_match("landmark agreement", "historic agreement")
    assert label_match("landmark agreements", "historic agreement")
    assert not label_match("landmark agreement", "landmark agreement")  # the same label
    assert not label_match("landmark agreement", "landmark negotiations")
    assert not label_match("landmark agreement", "a truly landmark agreement")
    assert not label_match("agreement", "historic agreement")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the new policy of the council", "the new policies of the council"),
        ("we promise to rebuild the school", "we promised to rebuild the school"),
        ("our neighbours are leaving", "our neighbours are left"),
        ("the city's vassal", "the city's vassals"),  # a plural, not a one-letter typo
    ],
)
def test_inflection_is_its_own_kind_of_change(a: str, b: str) -> None:
    kinds = [kind for _, _, kind in _changed(a, b)]
    assert kinds == ["inflection"]
    assert meaning_changes(a, b) == []


def test_relation_of_two_words() -> None:
    assert relation("Harbour", "harbour") == "same"
    assert relation("harbour", "harbor") == "form"
    assert relation("goverment", "government") == "form"
    assert relation("policy", "policies") == "inflection"
    assert relation("went", "go") == "inflection"
    assert relation("policy", "politics") is None
    assert relation("legal", "illegal") is None


def test_a_change_of_meaning_outranks_an_inflection_in_one_stretch() -> None:
    change = WordChange("replace", ("policy", "of", "cronies"), ("policies", "of", "allies"))
    assert classify(change) == "meaning"
    assert gravest(["form", None, "inflection"]) == "inflection"
    assert gravest([None]) is None


def test_fragment_change_and_marks() -> None:
    full = "We will fight the reckless cuts imposed by the capital to protect our libraries"
    assert fragment_change("reckless reductions", full) == "meaning"
    assert fragment_change("our library", full) == "inflection"
    assert fragment_change("reckless cuts", full) is None
    assert mark_fragment(full, "reckless reductions") == [
        ("reckless", "same"), ("reductions", "changed"),
    ]
    assert anchors("reckless reductions", full) == [[3], []]  # we, will, fight, reckless


@pytest.mark.parametrize(
    ("a", "b", "meaning"),
    [
        # a fragment's lead-in for words the other quotes in full
        ("It is a dream come true for me", "Seeing my son win this race is a dream come true "
         "for me", False),
        ("It's a dream come true for me", "Seeing my son win this race is a dream come true "
         "for me", False),
        # the same word in another form where the fuller quotation's run ends
        ("handed over to the port police.", "The crew was held for a day before handing over "
         "them over to the port police", False),
        # but not another word there
        ("refused to go to the port police.", "The crew was held for a day before handing "
         "over them over to the port police", True),
        # whole sentences left out are a selection, wherever they stood
        ("We lost the vote. We will try again. The party is united.",
         "We lost the vote. The party is united.", False),
        ("We lost the vote. We will try again.", "We lost the vote.", False),
        # an ellipsis marks the words left out
        ("We lost the vote ... and the party is united.",
         "We lost the vote on Friday after a long night, and the party is united.", False),
        # a sentence whose words changed is compared, and so is a word left out mid-sentence
        ("We lost the vote. We will try again.", "We lost the vote. We will never try again.",
         True),
        ("We lost the vote. The party is united.", "We lost the vote. The party is divided.",
         True),
        ("We will focus on the record.", "We will focus on trying to break a record.", True),
        # words left out mid-sentence: a selection, unless a negation, a figure, a modal or a
        # name is among them
        ("She captured a generation of men and women with her spirit.",
         "She captured a generation with her spirit.", False),
        ("That man is armed and must be found.", "That man must be found.", False),
        ("That man must not be found.", "That man must be found.", True),
        ("He thanked Ana Ruiz and the crew.", "He thanked the crew.", True),
        ("We lost by 12 points.", "We lost by points.", True),
        # an editor's referent for a pronoun is not the speaker's; other insertions are
        ("We thank her (Ana Ruiz) and her family.", "We thank her and her family.", False),
        ("We will sign it (the treaty) on Monday.", "We will sign it on Monday.", False),
        ("We will sign (on Monday) the deal.", "We will sign the deal.", True),
        # a clock time restyled is the same time; another time is not
        ("She died at 6:41pm PST (0241 GMT Friday) in hospital.",
         "She died at 18:41 (02:41 GMT Friday) in hospital.", False),
        ("She died at 6:41pm in hospital.", "She died at 6:14pm in hospital.", True),
        # a decimal is no clock time
        ("Shares rose 3.45 points.", "Shares rose 3.54 points.", True),
        # a negation moved between a neg-raising verb and its clause says the same; moved
        # across another verb, or dropped, it does not
        ("I don't think we were ready for the final.", "I think we weren't ready for the final.",
         False),
        ("We did not say we would win the final.", "We said we would not win the final.", True),
        ("I don't think we were ready for the final.", "I think we were ready for the final.",
         True),
        # a compound written with a hyphen, as one word or as two is one word
        ("Parents were slapping-their faces in grief.", "Parents were slapping their faces "
         "in grief.", False),
    ],
)
def test_compared_changes_leave_out_selections(a: str, b: str, meaning: bool) -> None:
    kinds = [change_kind(c) for c in compared_changes(a, b)]
    assert ("meaning" in kinds) is meaning
