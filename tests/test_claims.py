"""Claims: lemmas, what a value is about, attribution, roles, offsets into the original."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import (
    build_claims,
    coordinated_predicate,
    dates_value,
    find_attribution,
    is_dateline,
    lemma,
    read_clause,
    term_key,
)
from factcheck.models import Article, DurationValue, Mention, OffsetMap, QuantityValue, Sentence


@pytest.mark.parametrize(
    ("word", "expected"),
    [("arrived", "arrive"), ("talks", "talk"), ("countries", "country"), ("visited", "visit"),
     ("evacuated", "evacuate"), ("stopped", "stop"), ("died", "die"), ("people", "person"),
     ("morning", "morning"), ("news", "news"), ("Putin's", "putin"), ("met", "meet")],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_term_key_matches_inflections_and_ignores_final_e() -> None:
    assert term_key("arrived") == term_key("arrive") == term_key("arriving")
    assert term_key("injured") == term_key("injures")
    assert term_key("touch down") == term_key("touched down")
    assert term_key("visit") != term_key("visa")


def _read(sentence: str, value: str, kind: str = "duration"):  # type: ignore[no-untyped-def]
    start = sentence.index(value)
    return read_clause(sentence, start, start + len(value), kind=kind)


def test_about_prefers_the_subject_of_lasted() -> None:
    reading = _read("Officials said the hearing lasted about three hours on Tuesday.",
                    "about three hours")
    assert reading.about[0] == "hearing"
    assert "last" not in reading.about and "official" not in reading.about[:1]


def test_about_names_what_a_quantity_counts_and_skips_the_time() -> None:
    sentence = "At least 14 people were killed when the bridge collapsed on Monday."
    start = sentence.index("At least 14 people")
    other = sentence.index("Monday")
    reading = read_clause(sentence, start, start + 18, [(other, other + 6)], kind="quantity")
    assert reading.about[0] == "kill"
    assert "monday" not in reading.about
    assert reading.role is None


def test_about_joins_phrasal_verbs() -> None:
    reading = _read("The aircraft touched down at about 0400 local time.", "about 0400", "time")
    assert "touch down" in reading.about


def test_participants_are_capitalised_names_not_sentence_starts_or_months() -> None:
    reading = _read(
        "Police said Maria Lopez met the Prime Minister of Spain for two hours in May.",
        "two hours",
    )
    assert "Maria Lopez" in reading.participants
    assert "Prime Minister of Spain" in reading.participants
    assert "Police" not in reading.participants
    assert "May" not in reading.participants


@pytest.mark.parametrize(
    ("sentence", "value", "role"),
    [
        ("The hearing lasted 40 minutes, followed by a session for an additional two hours.",
         "an additional two hours", "part"),
        ("Rescuers searched for another six hours.", "another six hours", "part"),
        ("It was her first visit to the country in 12 years.", "12 years", "elapsed"),
        ("It was the deadliest storm to hit the coast in 50 years.", "50 years", "elapsed"),
        ("The strike lasted three days in total.", "three days", "total"),
        ("The strike lasted three days.", "three days", None),
        ("The ceasefire held for more than two weeks.", "more than two weeks", None),
        # a time into an event is how far it had run, not its length
        ("The ferry sank about 40 minutes into its crossing.", "about 40 minutes", "elapsed"),
        ("The goal came 20 minutes into the second half.", "20 minutes", "elapsed"),
        ("The crossing to the island takes 40 minutes.", "40 minutes", None),
    ],
)
def test_roles(sentence: str, value: str, role: str | None) -> None:
    assert _read(sentence, value).role == role


def test_qualifier_sets_a_previous_event_apart() -> None:
    reading = _read("Her last visit to the island was in 2009.", "2009", "time")
    assert reading.qualifier == "previous"
    plain = _read("The former mayor was jailed for two years.", "two years")
    assert plain.qualifier is None  # "former" describes a person, not another event


@pytest.mark.parametrize(
    "sentence",
    ["The bridge was last inspected in 2021.", "The ferry had last sailed in 2021."],
)
def test_last_after_an_auxiliary_is_an_adverb_not_a_qualifier(sentence: str) -> None:
    assert _read(sentence, "2021", "time").qualifier is None


def test_last_after_a_pronoun_is_an_adverb_not_a_qualifier() -> None:
    checked = _read("When they last counted, the herd numbered 900 animals.", "900 animals",
                    "quantity")
    assert checked.qualifier is None  # the latest count, not an earlier herd
    earlier = _read("Its last eruption buried 40 homes.", "40 homes", "quantity")
    assert earlier.qualifier == "previous"  # a possessive is no subject: an earlier eruption


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("The previous severe drought cut the harvest by 30 percent.", "30 percent", "previous"),
        ("The next scheduled hearing will take about three hours.", "about three hours", "next"),
        ("The last of the hostages was freed after 40 hours.", "40 hours", None),
        ("The last Atlantic hurricane destroyed 120 homes.", "120 homes", None),
        # the value's own "last" dates it and qualifies nothing
        ("Trade has doubled since last year's summit.", "since last year", None),
    ],
)
def test_a_qualifier_reaches_over_describing_words_only(
    sentence: str, value: str, qualifier: str | None
) -> None:
    kind = "duration" if "hours" in value else "time" if "year" in value else "quantity"
    assert _read(sentence, value, kind).qualifier == qualifier


def _claims_of(text: str, values: list[str]) -> list:  # type: ignore[type-arg]
    """Claims of quantities in `text`, one sentence per full stop."""
    article = Article(id="q", path="q.txt", original=text, text=text)
    sentences, start = [], 0
    for index, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if index < text.count(". ") else 0)
        sentences.append(Sentence(index=index, start=start, end=end, text=text[start:end]))
        start = end + 1
    mentions = []
    for words in values:
        at = text.index(words)
        mentions.append(Mention(kind="quantity", text=words, start=at, end=at + len(words),
                                value=QuantityValue(range=(1, 1), unit=words.split()[-1])))
    return build_claims(article, sentences, mentions)


def test_commas_around_a_name_in_apposition_open_no_clause() -> None:
    reading = _read("The company's founder, Maria Lopez, sold 2,000 shares.", "2,000 shares",
                    "quantity")
    assert "founder" in reading.about and "Maria Lopez" in reading.participants
    # a clause between the commas still closes it: "mayor" stays out
    clause = _read("The mayor, who resigned in May, spent 3 years in office.", "3 years")
    assert "mayor" not in clause.about


def test_a_qualifier_holds_for_the_predicates_its_subject_shares() -> None:
    text = ("The previous major flood, the 2013 Elbe Flood, swamped 300 villages and killed"
            " about 800 people. The flood on Monday killed 2 people.")
    claims = _claims_of(text, ["300 villages", "about 800 people", "2 people"])
    assert [c.qualifier for c in claims] == ["previous", "previous", None]
    other = _claims_of("The last storm flooded 300 homes, but forecasters expect the new"
                       " cyclone to reach 40 towns.", ["300 homes", "40 towns"])
    assert [c.qualifier for c in other] == ["previous", None]


@pytest.mark.parametrize(
    ("between", "shared"),
    [(" and destroyed ", True), (" and ", True), (" and then destroyed ", True),
     (" and this one ", False), (" and the second ", False), (" but destroyed ", False),
     (", while rescuers found ", False)],
)
def test_a_coordinated_predicate_is_and_plus_a_verb(between: str, shared: bool) -> None:
    assert coordinated_predicate(between) is shared


def test_a_comma_after_a_number_still_closes_its_clause() -> None:
    reading = _read("The mill, which closed in 1998, houses 40 artists.", "1998", "time")
    assert reading.about[0] == "close"  # not "houses", across the comma


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("At least 14 people were killed, police said.", "police"),
        ("The fire burned for six hours, according to the regional fire service.",
         "regional fire service"),
        ("State media reported that 300 people were evacuated.", "State media"),
        ("Foreign Secretary of Ruritania Anna Berg said on Monday that talks would resume.",
         "Foreign Secretary of Ruritania Anna Berg"),
        ("“It was chaos,” said Tom Reyes, a witness.", "Tom Reyes"),
        ("He said the bridge was 40 years old.", None),
        ("The bridge collapsed at 5 pm on Monday.", None),
        ("The region is also said to be short of water.", None),
        ("Relations between the two states were good until 1990.", None),
        ("The strike and a cold thirty day period reported in May cost $4m.", None),
        ("Prices rose sharply, have indicated the officials of the port on Monday.",
         "officials of the port"),
        ("“We will rebuild,” said the mayor of the town.", "mayor of the town"),
        ("Police have said the road was closed.", None),
        ("It rained, and he told a story about the war.", None),
    ],
)
def test_attribution(sentence: str, source: str | None) -> None:
    assert find_attribution(sentence) == source


def test_build_claims_reports_original_offsets_text_and_line() -> None:
    original = "Title\n\nThe hearing lasted &amp; ran\nfor about two hours, officials said.\n"
    clean = "Title\n\nThe hearing lasted & ran for about two hours, officials said."
    # clean -> original: "&" stands for "&amp;" (4 extra chars), the joined line break is kept.
    offsets = OffsetMap(
        clean=[0, 27, 28], original=[0, 27, 32], unit_clean=[26], unit_end=[31]
    )
    article = Article(
        id="a1", path="a1.txt", outlet="Ledger", published=date(2023, 5, 2), original=original,
        text=clean, offsets=offsets,
    )
    start = clean.index("about two hours")
    mention = Mention(
        kind="duration", text="about two hours", start=start, end=start + 15,
        value=DurationValue(seconds=(6300, 8100), timex="PT2H", hedge="approximate"),
    )
    sentence_start = clean.index("The hearing")
    sentence = Sentence(index=1, start=sentence_start, end=len(clean),
                        text=clean[sentence_start:])
    (claim,) = build_claims(article, [Sentence(index=0, start=0, end=5, text="Title"), sentence],
                            [mention])
    assert original[claim.start:claim.end] == "about two hours" == claim.text
    assert claim.id == f"a1:duration:{claim.start}"
    assert claim.line == 4
    assert claim.evidence.startswith("The hearing lasted &amp; ran\nfor about")
    assert claim.about[0] == "hearing"
    assert claim.attribution == "officials"
    assert claim.sentence == 1


def test_first_of_two_parts_is_a_part_too() -> None:
    text = "The talks lasted 50 minutes, followed by a dinner for an additional three hours."
    article = Article(id="b", path="b.txt", original=text, text=text)
    mentions = []
    for words, seconds in (("50 minutes", 3000.0), ("an additional three hours", 10800.0)):
        start = text.index(words)
        mentions.append(Mention(kind="duration", text=words, start=start,
                                end=start + len(words),
                                value=DurationValue(seconds=(seconds, seconds), timex="PT1H")))
    claims = build_claims(article, [Sentence(index=0, start=0, end=len(text), text=text)],
                          mentions)
    assert [c.role for c in claims] == ["part", "part"]


def test_quantity_claim_keeps_its_unit_value() -> None:
    text = "Nearly 5,000 fans attended."
    article = Article(id="c", path="c.txt", original=text, text=text)
    mention = Mention(kind="quantity", text="Nearly 5,000 fans", start=0, end=17,
                      value=QuantityValue(range=(4500, 5000), unit="fan", hedge="less_than"))
    (claim,) = build_claims(article, [Sentence(index=0, start=0, end=len(text), text=text)],
                            [mention])
    assert claim.about == ["attend"]
    assert claim.role is None


@pytest.mark.parametrize(
    ("sentence", "date", "value", "dated"),
    [
        ("In 1998, a storm on the same coast destroyed 300 homes.", "1998", "300 homes", True),
        ("A storm destroyed 300 homes in 1998.", "1998", "300 homes", True),
        ("Back in May, the union signed up 900 members.", "May", "900 members", True),
        ("The mill, which closed in 1998, houses 40 artists.", "1998", "40 artists", False),
        ("The club has 900 members and was founded in 1998.", "1998", "900 members", False),
        ("In 1998, it flooded; on Monday 40 homes were lost.", "1998", "40 homes", False),
    ],
)
def test_a_date_dates_a_value_in_its_own_clause_or_when_it_opens_the_sentence(
    sentence: str, date: str, value: str, dated: bool
) -> None:
    d, v = sentence.index(date), sentence.index(value)
    assert dates_value(sentence, (d, d + len(date)), (v, v + len(value))) is dated



def test_the_attributed_source_is_not_what_a_value_is_about() -> None:
    sentence = "At least 14 people died in the crash, harbour officials said."
    value = sentence.index("At least 14 people")
    source = sentence.index("harbour officials")
    reading = read_clause(sentence, value, value + 18, kind="quantity",
                          source=(source, source + len("harbour officials")))
    assert "harbour" not in reading.about and "official" not in reading.about
    assert "crash" in reading.about
    article = Article(id="d", path="d.txt", original=sentence, text=sentence)
    mention = Mention(kind="quantity", text="At least 14 people", start=value, end=value + 18,
                      value=QuantityValue(range=(14, None), unit="person", hedge="at_least"))
    (claim,) = build_claims(
        article, [Sentence(index=0, start=0, end=len(sentence), text=sentence)], [mention]
    )
    assert claim.attribution == "harbour officials" and "harbour" not in claim.about


@pytest.mark.parametrize(
    ("sentence", "date", "dateline"),
    [
        ("OSLO, March 3 (Nordic Wire) - A fire destroyed a warehouse.", "March 3", True),
        ("SAN JUAN, Puerto Rico, Sept 20 — The storm made landfall.", "Sept 20", True),
        ("In March, the court ruled - to general surprise - for him.", "March", False),
        ("March 3 - the day the strike began.", "March 3", False),
    ],
)
def test_dateline(sentence: str, date: str, dateline: bool) -> None:
    start = sentence.index(date)
    assert is_dateline(sentence, start, start + len(date)) is dateline


def test_an_idiom_stands_for_the_term_it_means() -> None:
    forced = _read("The flood forced about 2,000 villagers from their homes.",
                   "about 2,000 villagers", "quantity")
    assert "evacuate" in forced.about
    died = _read("Two people died in their homes.", "Two people", "quantity")
    assert "evacuate" not in died.about
    reached = _read("Paramedics reached the scene within 20 minutes.", "20 minutes")
    assert "arrive" in reached.about
    toll = _read("The toll reached 40 on Monday.", "40", "quantity")
    assert "arrive" not in toll.about


@pytest.mark.parametrize(
    "sentence",
    ["The freight train left the tracks at 3:10 a.m. near the border.",
     "Two carriages came off the rails at 3:10 a.m. near the border."],
)
def test_a_derailment_idiom_is_no_departure(sentence: str) -> None:
    reading = _read(sentence, "3:10 a.m.", "time")
    assert "derail" in reading.about
    assert "leave" not in reading.about and "rail" not in reading.about


def test_leaving_a_station_is_still_a_departure() -> None:
    reading = _read("The freight train left the station at 3:10 a.m.", "3:10 a.m.", "time")
    assert "leave" in reading.about and "derail" not in reading.about


def test_a_following_coordinated_clause_says_nothing_of_the_value() -> None:
    # The flood's own clause has no event word; the clause after ", and" is another
    # statement, and its "rescue" must not become what the 1,200 hectares are about.
    reading = _read("The Sava Flood spread over 1,200 hectares by Tuesday night, and rescue"
                    " teams were sent to Brcko.", "1,200 hectares", "quantity")
    assert "rescue" not in reading.about and "team" not in reading.about
    assert reading.about == ["spread over"]
    late = _read("The talks ran for four hours on Friday, but no deal was signed.", "four hours")
    assert "deal" not in late.about and "sign" not in late.about
    # without the comma the predicate is shared, and ", or" restates the value: both stay
    shared = _read("The storm cut power to 40,000 homes and closed schools across the region.",
                   "40,000 homes", "quantity")
    assert "school" in shared.about
    restated = _read("Profit rose to $80 million, or 45 cents a share.", "$80 million",
                     "quantity")
    assert "share" in restated.about
    # a value in the second clause still reads the first: "..., and 300 were evacuated"
    second = _read("The river burst its banks on Monday, and 300 residents were evacuated.",
                   "300 residents", "quantity")
    assert second.about == ["evacuate", "bank"]
