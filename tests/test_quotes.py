"""Quotations and their speakers, on text written for these tests (other events, other people)."""

from __future__ import annotations

import pytest

from factcheck.extract.quotes import (
    _writer_words,
    find_quotes,
    is_name,
    normalise_quote,
    title_holder,
)
from factcheck.ingest.clean import clean_text
from factcheck.models import Context, QuoteValue


def _quotes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for mention in find_quotes(text, Context()):
        assert isinstance(mention.value, QuoteValue)
        assert text[mention.start:mention.end] == mention.text
        found.append((mention.value.words, mention.value.speaker))
    return found


def _one(text: str) -> tuple[str, str | None]:
    found = _quotes(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("“The bridge is safe,” Mayor Ines Duval said on Monday.", "The bridge is safe",
         "Ines Duval"),
        ('"The bridge is safe," said Ines Duval, the mayor of Eastport.', "The bridge is safe",
         "Ines Duval"),
        ("Ines Duval told reporters the bridge was “perfectly safe”.", "perfectly safe",
         "Ines Duval"),
        ("The bridge is “perfectly safe”, according to Ines Duval.", "perfectly safe",
         "Ines Duval"),
        ("Coach Pereira: “We played badly and we know it.”", "We played badly and we know it.",
         "Pereira"),
        ("“We will appeal,” the club said in a statement.", "We will appeal", "the club"),
        ("“Nobody warned us,” said the driver.", "Nobody warned us", "the driver"),
        ("Western officials say the shipment was “deliberately delayed”.",
         "deliberately delayed", "Western officials"),
        ("The opposition leader, Tom Reyes, called the plan “reckless and cruel”.",
         "reckless and cruel", "Tom Reyes"),
        ("“Prices will fall,” Dr. Helen Ward added.", "Prices will fall", "Helen Ward"),
        ('"We will rebuild," the housing minister, Paul Nakamura, said.', "We will rebuild",
         "Paul Nakamura"),
        ("The dam “held through the night”, reported the agency.", "held through the night",
         "the agency"),
        ("Helen Ward, an economist at the Lindqvist Institute, said the cut was “overdue”.",
         "overdue", "Helen Ward"),
        ("The vice-chancellor of the university warned of “serious disruption to exams”.",
         "serious disruption to exams", "the vice-chancellor of the university"),
        ("She left the stage, saying she was “proud of every single volunteer”.",
         "proud of every single volunteer", None),
    ],
)
def test_speaker_patterns(text: str, words: str, speaker: str | None) -> None:
    assert _one(text) == (words, speaker)


@pytest.mark.parametrize(("text", "speaker"), [
    # an organisation and a title before the name: the person speaks, not the organisation
    ('"We are delighted," said Northwind Media Group chief Lisa Park.', "Lisa Park"),
    ('"Sales will recover," said Acme senior analyst Bo Li on Monday.', "Bo Li"),
    ('"The line reopens today," said Harbor Rail spokeswoman Dana Ruiz.', "Dana Ruiz"),
    # no title after the organisation: the organisation is who said it
    ('"Trading resumes at noon," said Harbor Rail in a statement.', "Harbor Rail"),
    # a title with no name after it stays a description
    ('"We know," said the agency chief executive.', "the agency chief executive"),
])
def test_a_title_after_an_organisation_names_the_speaker(text: str, speaker: str) -> None:
    assert _one(text)[1] == speaker


def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_last_speaker() -> None:
    found = find_quotes('"We will rebuild," said Mayor Ann Cole.\n\n"It will take a year."\n',
                        Context())
    carried = found[1].value
    assert isinstance(carried, QuoteValue)
    assert (carried.speaker, carried.carried) == ("Ann Cole", True)
    # a sentence of the writer's between them breaks the chain
    assert _quotes('"We will rebuild," said Mayor Ann Cole. Critics doubt it.\n\n'
                   '"It will take a year."\n')[1] == ("It will take a year.", None)
    # an attribution of its own wins
    assert _quotes('"We will rebuild," said Mayor Ann Cole.\n\n'
                   '"It will take a year," said Tom Reyes.\n')[1][1] == "Tom Reyes"


def test_marks_paired_across_the_writers_attribution_are_no_quotation() -> None:
    # marks paired across the writer's words (a mark lost in scraping): "said Name" opens it
    assert _writer_words("said Ana Ruiz, the mayor's aide. We have the money.")
    assert _writer_words("tells Reuters. We have the money.")
    # a quotation may open with a speech verb when no name follows
    assert not _writer_words("Said the wrong thing, did I?")
    assert not _writer_words("said it would rain, and it did")
    assert _quotes('"Said the wrong thing, did I?" he asked.\n') == [
        ("Said the wrong thing, did I?", None)]


def test_pronoun_resolves_to_previous_named_speaker() -> None:
    text = (
        "Rachel Odum, a hydrologist at the state water board, said the reservoir was low.\n\n"
        "“We have about three weeks of supply left,” she said."
    )
    assert _one(text) == ("We have about three weeks of supply left", "Rachel Odum")


def test_pronoun_skips_places_and_other_gender() -> None:
    text = (
        "Mr Haas spoke first. Ms Lind arrived later from Bremen. "
        "Trade in Bremen has slowed. “We are leaving,” she said."
    )
    assert _one(text) == ("We are leaving", "Lind")
    text = "Mr Haas spoke first. “We are staying,” she said."
    assert _one(text) == ("We are staying", None)


def test_pronoun_without_antecedent_stays_unknown() -> None:
    assert _one("“It is over,” he said.") == ("It is over", None)
    assert _one("“We signed it,” they said.") == ("We signed it", None)


def test_title_resolves_to_named_holder() -> None:
    text = (
        "Finance Minister Anna Berg presented the budget. "
        "“There will be no new taxes,” the minister said."
    )
    assert _one(text) == ("There will be no new taxes", "Anna Berg")


def test_second_quote_of_paragraph_keeps_speaker() -> None:
    text = "“We lost,” Captain Ruiz said. “Next season will be different.”"
    assert _quotes(text) == [("We lost", "Ruiz"), ("Next season will be different.", "Ruiz")]


def test_sentence_after_quote_is_not_its_attribution() -> None:
    text = "“That was the worst game of the season.” He said the club would appeal the ban."
    assert _one(text) == ("That was the worst game of the season.", None)


def test_quote_spans_exclude_marks() -> None:
    text = "He called it “a disgrace” twice."
    (mention,) = find_quotes(text, Context())
    assert (mention.start, mention.end) == (14, 24)
    assert mention.text == "a disgrace"


def test_short_quotes_are_partial() -> None:
    text = "Critics called the plan “reckless” and “unworkable in practice”."
    found = find_quotes(text, Context())
    assert [(m.value.words, m.value.partial) for m in found] == [  # type: ignore[union-attr]
        ("reckless", True), ("unworkable in practice", False)
    ]


# --------------------------------------------------------------------------- scraping damage


def test_closing_mark_of_wrong_kind() -> None:
    assert _one("“The river is rising fast“, said the fire chief.") == (
        "The river is rising fast", "the fire chief"
    )


def test_opening_mark_glued_to_word() -> None:
    text = "Grant praised the crew“for their courage under fire” and left."
    assert _one(text) == ("for their courage under fire", "Grant")


def test_doubled_closing_mark_is_ignored() -> None:
    assert _quotes("The museum called the finds “remarkable.” vases”. It opened in May.") == [
        ("remarkable.", "the museum")
    ]


def test_straight_close_after_curly_open() -> None:
    text = "Lopez said it was “a betrayal of our voters.\"The vote was close."
    assert _one(text) == ("a betrayal of our voters.", "Lopez")


def test_quote_across_a_hard_wrap() -> None:
    """Quotations are read in clean text, whose hard wraps the cleaner has joined (a line
    break left there ends a paragraph, and a sentence)."""
    raw = "The mayor said the repairs were\n“long overdue and badly\nplanned”, and left."
    text, _ = clean_text(raw, "text")
    assert _one(text) == ("long overdue and badly planned", "the mayor")


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“We will rebuild the school, Ortega said.\n\nThe council meets on Tuesday."
    words, _ = _one(text)
    assert words == "We will rebuild the school, Ortega said."


def test_multi_paragraph_quote_convention() -> None:
    text = (
        "Dana Whitfield described the night.\n\n"
        "“The water came in through the floor. We had minutes.\n\n"
        "“Then the power went,” she said.\n\nRescue teams arrived at dawn."
    )
    assert _one(text) == (
        "The water came in through the floor. We had minutes. Then the power went",
        "Dana Whitfield",
    )


def test_quote_does_not_run_into_next_paragraph_without_mark() -> None:
    text = "“We had minutes.\n\nRescue teams arrived at dawn, Ruiz said."
    assert _one(text)[0] == "We had minutes."


def test_nested_quote_stays_inside() -> None:
    text = "“They told me ‘go home now’ and I left,” said the nurse."
    assert _one(text) == ("They told me 'go home now' and I left", "the nurse")


def test_british_single_quotes() -> None:
    text = "The council called the scheme ‘a waste of public money’, a spokesman said."
    assert _one(text) == ("a waste of public money", "the council")


# --------------------------------------------------------------------------- not quotations


@pytest.mark.parametrize(
    "text",
    [
        "The players' union said they didn't agree.",
        "Mr Okafor's team won in the '90s and the ’80s.",
        "The leaders’ talks ended early; it's over.",
        "The centre is 6'2\" tall and the guard 5'10\".",
        "Rock 'n' roll is back, the band's singer said.",
        "The film “Silent Harbour” won the prize.",
        "She read the novel “War and Peace” twice.",
        "No quotation here at all.",
    ],
)
def test_not_quotations(text: str) -> None:
    assert _quotes(text) == []


def test_apostrophes_inside_quotes_survive() -> None:
    assert _one("“It’s the players’ decision, not mine,” said Okafor.") == (
        "It's the players' decision, not mine", "Okafor"
    )


def test_normalise_quote() -> None:
    assert normalise_quote("  ‘Don’t\n  go,’ ”") == "'Don't go,' \""
    assert normalise_quote("we will win,") == "we will win"


def test_blank_line_scraped_into_a_sentence_keeps_its_speaker() -> None:
    text = (
        "The talks ended late.\n\nMinister Rafael Soto said the union's\n\n"
        "“final offer” was still on the table, and promised “a fair wage for every"
        " docker in the port”.\n"
    )
    assert _quotes(text) == [
        ("final offer", "Rafael Soto"),
        ("a fair wage for every docker in the port", "Rafael Soto"),
    ]


def test_headline_before_a_quotation_is_still_its_own_sentence() -> None:
    # The headline ends on a word, but the next paragraph starts a new sentence in capitals.
    text = "Dockers walk out over pay\n\nThe union voted on Monday. “We are done waiting.”\n"
    assert _quotes(text) == [("We are done waiting.", None)]
    text = "Rafael Soto says talks failed\n\n“We are done waiting,” a docker said.\n"
    assert _quotes(text) == [("We are done waiting", "a docker")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the title before the name, the description later
        ("Foreign Minister Anna Berg arrived in Oslo on Monday. The talks ran late. "
         "“We found common ground,” the foreign minister said.", "Anna Berg"),
        # a shorter description matches a longer introduction
        ("French President Emmanuel Macron met farmers in Lyon. "
         "“We will not abandon you,” the president told them.", "Emmanuel Macron"),
        # lower-case title, modifiers that differ only as country and demonym
        ("Talks with Ruritania's leader Ivo Stan ended early. "
         "“Our door stays open,” said the Ruritanian leader.", "Ivo Stan"),
        # introduced in an apposition, neutral modifier ignored
        ("The visit of the current Ruritanian dictator, Ivo Stan, surprised diplomats. "
         "“Nobody can isolate us,” said the Ruritanian dictator.", "Ivo Stan"),
        # the name before the apposition
        ("Mara Quint, the Veldish chancellor, flew to Rome. "
         "“The budget is balanced,” the chancellor said.", "Mara Quint"),
        # the same person named twice with the title is still one person
        ("Prime Minister Olu Bade opened the bridge. Later Prime Minister Bade toured "
         "the port. “This is a proud day,” the prime minister said.", "Olu Bade"),
    ],
)
def test_description_resolves_to_the_person_named_with_its_title(
    text: str, speaker: str
) -> None:
    assert _one(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # two ministers: "the minister" could be either
        ("Foreign Minister Anna Berg met Finance Minister Jonas Lund in Bergen. "
         "“We disagree on tariffs,” the minister said.", "the minister"),
        # no one was introduced with the title
        ("Anna Berg arrived in Oslo on Monday. "
         "“We found common ground,” the foreign minister said.", "the foreign minister"),
        # the only president named is of another country than the description's
        ("French President Emmanuel Macron met farmers in Lyon. "
         "“We will not abandon you,” the Brazilian president said.", "the Brazilian president"),
        # the title comes after the quotation: no antecedent before it
        ("“The budget is balanced,” the chancellor said. Chancellor Mara Quint then left.",
         "the chancellor"),
        # a two presidents story: the bare title is ambiguous ...
        ("President Lena Ortiz of Calvaria hosted President Tomas Rein of Veldland. "
         "“The border is open,” the president said.", "the president"),
    ],
)
def test_description_stays_unresolved_without_one_antecedent(text: str, speaker: str) -> None:
    assert _one(text)[1] == speaker


def test_modifiers_pick_one_of_two_title_holders() -> None:
    text = (
        "Calvarian President Lena Ortiz hosted Veldish President Tomas Rein on Friday. "
        "“The border is open,” the Veldish president said."
    )
    assert _one(text)[1] == "Tomas Rein"


def test_title_holder_across_texts() -> None:
    texts = ["Talks opened in Lyon.", "French President Ana Costa arrived on Monday."]
    assert title_holder("the French president", texts) == "Ana Costa"
    assert title_holder("the president", texts) is None  # a bare title: too many offices
    assert title_holder("the German president", texts) is None
    rivals = [*texts, "The former French President Louis Marin stayed away."]
    assert title_holder("the French president", rivals) is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The exits were blocked," said the chief of the county fire service, Ana Costa.',
         "Ana Costa"),
        ('"We stay," said the mayor, Jane Doe.', "Jane Doe"),
        # a place after a place: the description stays
        ('"We will rebuild," said the mayor of Buffalo, New York.', "the mayor"),
        # a surname alone in apposition to the speaker's own title names him
        ('"We will rebuild," said the spokesman for the ministry, Petrov.', "Petrov"),
        ('"We will rebuild," said the mayor of the city, which was flooded.',
         "the mayor of the city"),
        # an age between commas after the name, before the speech verb (it crashed once)
        ('"Tonight we won," Green leader Marta Ruiz, 47, told cheering supporters.',
         "Marta Ruiz"),
        ('"It is over," said Paul Okafor, 61, a retired pilot.', "Paul Okafor"),
        # a number alone before the verb is no speaker
        ('"We count again," 47, said nobody.', None),
        # business titles before a name are titles, not part of it
        ('"Orders have never been stronger," Chief Executive Ana Costa said.', "Ana Costa"),
        ('"We grew," said CEO Paul Okafor.', "Paul Okafor"),
        ('"We will hire," Managing Director Jane Doe said.', "Jane Doe"),
        # without a title the whole name stays
        ('"We grew," said Paul Okafor.', "Paul Okafor"),
    ],
)
def test_the_speaker_around_a_name_in_apposition(text: str, speaker: str | None) -> None:
    (quote,) = find_quotes(text, Context())
    assert isinstance(quote.value, QuoteValue)
    assert quote.value.speaker == speaker



# ----------------------------------------------------------------- fast paths, same results


def _title_texts() -> list[str]:
    """Title nouns glued to words, apostrophes, hyphens and each other, in every case."""
    import random

    from factcheck.extract.quotes import _TITLE_NOUNS

    nouns = sorted(_TITLE_NOUNS)
    glue = [" ", "", "-", "’", "'", ", ", ".", "\n", "_", "x", "9", "é", "“", " the "]
    rng = random.Random(11)
    texts = [
        "The harbour master met the deputy mayor; ex-governor Sato, Governor’s aide, "
        "the GOVERNOR. subgovernor governors",
    ]
    for _ in range(400):
        pieces = []
        for _ in range(rng.randint(1, 12)):
            noun = rng.choice(nouns)
            if rng.random() < 0.3:
                noun = noun.upper() if rng.random() < 0.5 else noun.title()
            pieces.append(noun if rng.random() < 0.7 else noun[: rng.randint(1, len(noun))])
            pieces.append(rng.choice(glue))
        texts.append("".join(pieces))
    return texts


def test_title_noun_scan_finds_what_the_plain_pattern_finds() -> None:
    from factcheck.extract.quotes import _TITLE_NOUN_RE, _title_noun_spans

    for text in _title_texts():
        expected = [(m.start(), m.end()) for m in _TITLE_NOUN_RE.finditer(text)]
        assert _title_noun_spans(text) == expected, text
    # and it does find them: a title noun at the start, after a space, in upper case
    assert _title_noun_spans("Minister and the MAYOR") == [(0, 8), (17, 22)]
    assert _title_noun_spans("subminister mayoral") == []


def test_mask_blanks_quoted_words_but_keeps_line_ends_and_a_final_stop() -> None:
    from factcheck.extract.quotes import _mask, _Span

    text = "He said “no way.\n\nNot now.” Then “yes” and ‘so!’ ok"
    spans = [_Span(8, 9, 26, 26, True), _Span(33, 34, 37, 37, True), _Span(43, 44, 47, 47, False)]
    masked = _mask(text, spans)
    assert len(masked) == len(text)
    assert masked == "He said “_______\n\n_______.” Then “___” and ‘__!’ ok"


@pytest.mark.parametrize(
    ("speaker", "named"),
    [
        ("Ana Ruiz", True), ("Human Rights Watch", True), ("Ibn al-Hakim", True),
        ("Leif-Ola Berg", True), ("Reid's rep", False), ("the Navy chief", False),
        ("the ministry", False), (None, False),
    ],
)
def test_only_names_are_names(speaker: str | None, named: bool) -> None:
    # a description kept as written never makes an attribution conflict with a name
    assert is_name(speaker) is named
