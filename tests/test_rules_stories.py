"""End to end on stories written for the tests: exactly the planted discrepancies appear.

Each story in tests/stories/ plants contradictions and consistent facts that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import load_story
from factcheck.models import Claim, Discrepancy
from factcheck.pipeline import analyse_article
from factcheck.rules import check_story, load_rules, shipped_pack

REPO = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "stories"


def _run(name: str) -> tuple[list[Claim], list[Discrepancy]]:
    story = load_story(STORIES / name)
    claims = [claim for article in story.articles for claim in analyse_article(article)]
    _, discrepancies = check_story(story, claims, load_rules([shipped_pack()]))
    return claims, discrepancies


def _texts(claims: list[Claim], discrepancy: Discrepancy) -> set[str]:
    by_id = {claim.id: claim for claim in claims}
    return {" ".join(by_id[c].text.split()) for p in discrepancy.positions for c in p.claims}


def _shown(discrepancies: list[Discrepancy]) -> list[Discrepancy]:
    """Findings at warning or error: what an editor is shown as a problem. A comparison whose
    two sides the parse cannot confirm as one fact is only `info` (docs/nlp.md)."""
    return [d for d in discrepancies if d.severity != "info"]


def _infos(name: str) -> set[frozenset[str]]:
    """The claim texts of each finding reported only at info."""
    claims, discrepancies = _run(name)
    return {frozenset(_texts(claims, d)) for d in discrepancies
            if d.severity == "info" and not d.rule.startswith("quote")}


def _found(name: str) -> dict[tuple[str, str], set[str]]:
    claims, discrepancies = _run(name)
    return {(d.rule, d.verdict): _texts(claims, d) for d in _shown(discrepancies)}


def test_quake_story() -> None:
    found = _found("quake-2019")
    assert found == {
        ("count-agree", "contradiction"): {"At least 38 people", "39 people", "12 people"},
        ("time-of-day-agree", "contradiction"): {
            "04:20 local time", "early on Wednesday, at 04:20 local time",
            "about 7:30 a.m. on Wednesday",
        },
    }
    # quiet: 150 injured everywhere, 2,000 evacuated, the correct 04:20 -> 22:35 GMT
    # conversion, and "the last major earthquake ... in 1989" against this week's quake.


def test_court_story() -> None:
    claims, discrepancies = _run("court-2022")
    (sentence,) = discrepancies
    assert sentence.rule == "duration-agree" and sentence.verdict == "contradiction"
    assert sentence.severity == "error"
    assert _texts(claims, sentence) == {"seven years", "nine years"}
    values = {p.label: p.claims for p in sentence.positions}
    assert set(values) == {"Atlantic Gazette, Lisbon Courier", "Harbour Tribune"}
    assert "outlier: Harbour Tribune" in (sentence.explanation or "")
    # quiet: "about five hours" of deliberation vs three hours plus an additional two.


def test_final_story() -> None:
    claims, discrepancies = _run("final-2023")
    found = {(d.rule, d.verdict): _texts(claims, d) for d in _shown(discrepancies)}
    assert found == {
        ("timezone-conversion", "contradiction"): {"5 p.m.", "21:00 GMT"},
    }
    # The crowd (78,000 / about 45,000) is found but only at info: "watched", "filled" and
    # "saw" are three predicates, and a shared counted noun alone does not make one fact (a
    # sports story counts games and points of many facts). Known miss at warning+.
    assert frozenset({"78,000 spectators", "Some 78,000 spectators",
                      "About 45,000 spectators"}) in _infos("final-2023")
    conversion = next(d for d in discrepancies if d.rule == "timezone-conversion")
    assert "Sport Diario" in conversion.summary
    # quiet: the correct 5 p.m. -> 20:00 GMT, "Saturday evening" vs "Saturday night",
    # "first title in 12 years" vs "since 2011".


def _values(name: str) -> dict[tuple[str, str], set[frozenset[str]]]:
    """Each rule's discrepancies as the sets of claim texts they bring together (quotes aside:
    the quote rules have their own story tests)."""
    claims, discrepancies = _run(name)
    found: dict[tuple[str, str], set[frozenset[str]]] = {}
    for d in _shown(discrepancies):
        if d.rule.startswith("quote"):
            continue
        found.setdefault((d.rule, d.verdict), set()).add(frozenset(_texts(claims, d)))
    return found


def test_factory_fire_story() -> None:
    found = _values("factory-fire-2025")
    assert found == {
        # the toll: 12 early in the day, 17 by the evening ("at least 12" fits both); the
        # 64 killed in 2015 (background, another fire) stays out
        ("count-agree", "contradiction"): {
            frozenset({
                "At least 12 dead", "at least 12 persons", "At least 12 persons",
                "At least 12 people", "Seventeen people", "Twelve dead", "Twelve people",
                "17",  # "The death toll from Monday night's fire ... rose to 17"
            }),
        },
        ("date-agree", "contradiction"): {
            frozenset({"2009", "2019"}),  # the factory opened in 2009 / 2019
        },
        # the first crews: "reached the site about 15 minutes after the alarm" / "arrived 40
        # minutes after the alarm"
        ("duration-agree", "contradiction"): {frozenset({"about 15 minutes", "40 minutes"})},
        # "around 22:40 hour local (21:40 GMT)": Bucharest is UTC+2 in March
        ("timezone-conversion", "contradiction"): {frozenset({"around 22:40", "21:40 GMT"})},
        # the start of the fire: Radio's "around 21:40 on Monday" against "around 22:40" and
        # "about 10.40pm" ("around" a time to the minute is +-10 min, not +-30)
        ("time-of-day-agree", "contradiction"): {frozenset({
            "around 21:40 on Monday", "around 22:40", "around 22:40 local time",
            "about 10.40pm on Monday", "Monday night",
        })},
    }
    _, discrepancies = _run("factory-fire-2025")
    toll = next(d for d in discrepancies if d.rule == "count-agree")
    assert "the later figure may be an update" in (toll.explanation or "")
    # quiet: the fire duration (nearly six / almost six / more than five hours), 31 / more than
    # 30 injured, "declared Wednesday a day of national mourning" (the coming Wednesday, and
    # no length of a day), 60 workers / employees, 400+ / 430 employees, the fire brought
    # under control at 04:30 Tuesday vs started 22:40 Monday, "officials said on Tuesday",
    # the correct "(20:40 GMT)". Missed (see the evaluation notes): Radio's "About 300
    # people" (its "evacuated" is too far off), inspection "earlier this month" vs "in
    # February".


def test_factory_fire_evacuation_is_found_at_info() -> None:
    # evacuated: "forced some 3,000 residents from their homes" vs about 300 "evacuated": the
    # parse cannot tell "forced from their homes" means evacuated. Known miss at warning+.
    assert frozenset({
        "About 300 residents", "some 3,000 residents", "Approximately 300 inhabitants",
        "Nearly 300 people",
    }) in _infos("factory-fire-2025")


def test_rate_cut_story() -> None:
    found = _values("rate-cut-2025")
    assert found == {
        ("count-agree", "contradiction"): {
            # the new rate, mistranslated ("by 0.25 percentage point to 4.5 percent": the
            # "by 0.25" is no longer a clock time)
            frozenset({"4.50%", "4.5%", "4.25%", "4.5 percent"}),
            # the vote: "Five members of the seven-strong board voted", "backed by five of
            # the seven board members" / "Six of the seven board members voted" (the parse
            # says all three count members who voted or backed the cut)
            frozenset({"Five members", "five of the seven board members",
                       "Six of the seven board members"}),
        },
        ("date-agree", "contradiction"): {
            frozenset({"March 20", "March 27"}),  # the next meeting
        },
        ("duration-agree", "contradiction"): {
            frozenset({"90-minute", "about an hour", "an hour-long"}),  # the news conference
        },
    }
    # Found at info only (a known miss at warning+): the month of the 3.8% inflation
    # figure, "slowed to 3.8% in December" / "fell to 3.8 percent in January" (two
    # predicates, one subject).
    assert frozenset({"December", "January"}) in _infos("rate-cut-2025")
    # quiet: 25 basis points, "more than four years" / "since November 2020" / "since 2020",
    # the old rate 4.75%, inflation 4.1% in November, the 2.5% target, the 11.2% peak, the
    # growth forecast 1.2% from 1.8%, 14:00 local (13:00 GMT) / 2 pm, 15:30 / 3.30pm,
    # "a quarter of a percentage point" / "0.25 percentage point".


def test_airport_outage_story() -> None:
    found = _values("airport-outage-2025")
    assert found == {
        ("duration-agree", "contradiction"): {
            frozenset({"29-hour", "19-hour"}),  # the length of the outage
        },
        # flights cancelled: "more than 420" in the translated copy ("..., have indicated the
        # officials of the airport": a source, so "airport" says nothing about the count)
        ("count-agree", "contradiction"): {frozenset({
            "At least 180 flights", "more than 420 flights", "more than 240 flights",
            "246 flights",
        })},
        # the start of the attack: "The cyber-attack ... began at 4:50 a.m." vs "The attack
        # began at 6:50 a.m." (a compound takes its head's concept)
        ("time-of-day-agree", "contradiction"): {
            frozenset({"6:50 a.m. on Friday", "4:50 a.m. on Friday"}),
        },
    }
    # quiet: the correct "(09:50 GMT)", the dateline "Jan 18", "airport officials said on
    # Saturday", "an airport spokesperson told CityNews" (no arrival), the July 2023 outage of
    # six hours, "handles about 60,000 passengers a day" (a rate: no length of a day) vs
    # 38,000 affected. TechDigest's "more than 240 flights" fits
    # and sits with the outage ("the 29-hour outage forced airlines to scrap ...").


def test_train_derailment_story() -> None:
    found = _values("train-derailment-2025")
    assert found == {
        # passengers on board: Radio's "around 520" against the wire's and the Post's 250
        # ("left the tracks" is a derailment, so the wire's figure is the crash's, not a
        # departure's)
        ("count-agree", "contradiction"): {
            # the injured as the day went on: about 30, more than 30, 38, 42 (early and later
            # reports; the explanation notes when the later figure may be an update)
            frozenset({"about 30", "more than 30", "38", "42"}),
        },
        # the translated "6.42 hour local (06:42 GMT)": Poland is UTC+1 in November, so the
        # conversion is an hour off
        ("timezone-conversion", "contradiction"): {frozenset({"6.42", "06:42 GMT"})},
    }
    # The passengers (250 / around 520) are found at info only: "carrying around 250" and
    # "the train, with around 520 passengers on board" share no predicate. Known miss at
    # warning+.
    assert frozenset({"around 250 passengers", "around 520 passengers"}
                     ) in _infos("train-derailment-2025")
    _, discrepancies = _run("train-derailment-2025")
    titles = {d.title for d in discrepancies if d.rule == "count-agree"}
    assert titles == {"Outlets disagree on the number of passengers (crash)",
                      "Outlets disagree on the number of people (injury)",
                      "Outlets disagree on the number of people (death)"}
    # the toll: the translated headline's exact "six persons dead" against the Post's seven,
    # while its own text says "at least six": shown, but only at info
    toll = next(d for d in discrepancies
                if d.title == "Outlets disagree on the number of people (death)")
    assert toll.severity == "info"
    notes = {d.title: d.explanation or "" for d in discrepancies}
    # about 30 (10:40), 38 (16:30), 42 (two days later): each later report higher
    assert "the later figures may be updates" in notes[
        "Outlets disagree on the number of people (injury)"]
    # the wire's 250 and Radio's 520 came out two and a half hours apart
    assert "update" not in notes["Outlets disagree on the number of passengers (crash)"]
    # quiet: the toll's "at least" figures (four / five / six fit seven), the
    # 2017 derailment's two dead, the 2012 crash's 16, the correct "6:42 a.m. (0542 GMT)",
    # more than 100 / over 120 firefighters, more than six / almost 11 hours of rescue, at
    # least three days / about two weeks of closure, the 05:55 departure (the wire's "left
    # Gdansk at 5:55 a.m." and the express "on Sunday 9 November"). Missed: Radio's "7:42
    # a.m." against 6:42 (the translated copy's wrong GMT time sides with Radio).


def test_wildfire_story() -> None:
    found = _values("wildfire-2025")
    assert found == {
        # figures that grow through three days: acres burned, people under evacuation orders,
        # containment; the area's "last major fire, the 2018 Ridge Fire" (24,000 acres, more
        # than 300 homes) is an earlier fire and stays out
        ("count-agree", "contradiction"): {
            frozenset({"6,200 acres", "7,100 acres", "about 4,800 acres"}),
            frozenset({"15 percent", "15%", "22%"}),
        },
    }
    # People under evacuation orders (about 5,000 / roughly 3,500) are found at info only:
    # "forced ... to leave", "orders were expanded to cover" and "remain under orders" share
    # no predicate. Known miss at warning+.
    assert any({"roughly 3,500 residents", "About 5,000 residents"} <= group
               for group in _infos("wildfire-2025"))
    _, discrepancies = _run("wildfire-2025")
    titles = {d.title for d in discrepancies}
    assert titles == {
        "Outlets disagree on the number of acres (fire)",
        "Outlets disagree on the number of residents (evacuation)",
        "Outlets disagree on the percentage (fire)",
    }
    acres = next(d for d in discrepancies if d.title.endswith("acres (fire)"))
    # 4,800 on Monday, 6,200 on Tuesday, 7,100 on Wednesday: the typical pattern of updates
    assert "The figure rises with each later report" in (acres.explanation or "")
    # quiet: the correct "14:15 local time (21:15 GMT)", 2,500 hectares, the 2018 and Camp
    # fires, 400 people at the shelter, at least 14 / 23 structures, "at least 48 hours"
    # (the highway) vs "a week" (going home). Missed: the start "Sunday at about 4:15 p.m."
    # vs "around 2:15 p.m. Sunday" and "on Saturday at 14:15" vs Sunday (every time in a
    # fire story is about 'fire', so the group reads as several events).


def test_quarterly_results_story() -> None:
    found = _values("quarterly-2025")
    assert found == {
        # revenue: the Ledger's transposed "$4.12 billion"
        ("count-agree", "contradiction"): {frozenset({"$4.12 billion", "$4.21 billion"})},
    }
    _, discrepancies = _run("quarterly-2025")
    revenue = next(d for d in discrepancies if d.rule == "count-agree")
    assert revenue.title == "Outlets disagree on the amount in USD"  # not "for the usd"
    # quiet: the year-ago $540 million, the $4.05 billion estimate, the forecast ranges, the
    # 6.5% / "more than 6%" after-hours move vs Thursday's 4.1% close and 7.2% early gain,
    # 18,000 employees, "5 p.m. ET (2100 GMT)", "23:00 German time" (= 5 p.m. ET). Missed:
    # 1,200 vs 1,500 job cuts ("jobs" and "job cuts" are two units).


@pytest.mark.parametrize(
    "name",
    ["quake-2019", "court-2022", "final-2023", "factory-fire-2025", "rate-cut-2025",
     "airport-outage-2025", "train-derailment-2025", "wildfire-2025", "quarterly-2025"],
)
def test_ids_are_stable_and_unique(name: str) -> None:
    first = [d.id for d in _run(name)[1]]
    second = [d.id for d in _run(name)[1]]
    assert first == second
    assert len(set(first)) == len(first)
