"""Stories from a pile: same event and close in time together; other events (even on the same
day, with the same vocabulary or the same city) apart; ids from content, not input order."""

from __future__ import annotations

from pathlib import Path

from test_copies import (
    FOOTBALL,
    PERU_QUAKE,
    PORT_STRIKE,
    PORT_STRIKE_OWN,
    QUAKE_COPY,
    QUAKE_OWN,
    QUAKE_PARAPHRASE,
    QUAKE_WIRE,
    article,
)

from factcheck.grouping import entities, group_stories


def _pile() -> list:
    return [
        article("wire-77", QUAKE_WIRE, hour=6),
        article("herald", QUAKE_COPY, hour=11),
        article("gazette", QUAKE_PARAPHRASE, hour=13),
        article("daily", QUAKE_OWN, hour=8),
        article("andes", PERU_QUAKE, hour=7),
        article("dock-1", PORT_STRIKE, hour=10),
        article("dock-2", PORT_STRIKE_OWN, hour=15),
        article("sport", FOOTBALL, hour=22),
    ]


def _members(stories: list) -> dict[str, list[str]]:
    return {story.id: [a.id for a in story.articles] for story in stories}


def test_same_event_grouped_other_events_apart() -> None:
    assert _members(group_stories(_pile())) == {
        "auto-andes": ["andes"],
        "auto-dock-1": ["dock-1", "dock-2"],
        "auto-sport": ["sport"],
        "auto-wire-77": ["daily", "gazette", "herald", "wire-77"],
    }


def test_same_input_in_another_order_gives_the_same_stories() -> None:
    first = group_stories(_pile())
    again = group_stories(list(reversed(_pile())))
    assert [s.model_dump() for s in first] == [s.model_dump() for s in again]


def test_a_story_id_given_with_the_article_wins() -> None:
    pile = _pile()
    pile.append(article("late", PORT_STRIKE_OWN, story="rotterdam strike/day 1"))
    pile.append(article("other", FOOTBALL, story="rotterdam strike/day 1"))
    stories = _members(group_stories(pile, path="feed.jsonl"))
    assert stories["rotterdam-strike-day-1"] == ["late", "other"]
    assert stories["auto-dock-1"] == ["dock-1", "dock-2"]


def test_same_place_weeks_apart_is_another_story() -> None:
    pile = [
        article("march", QUAKE_WIRE, day=4),
        article("aftershock", QUAKE_OWN, day=20),
    ]
    assert len(group_stories(pile)) == 2


def test_undated_article_can_still_join_by_names_and_wording() -> None:
    undated = article("undated", QUAKE_COPY).model_copy(update={"published": None})
    stories = group_stories([article("wire", QUAKE_WIRE), undated])
    assert _members(stories) == {"auto-wire": ["undated", "wire"]}


def test_title_and_timezone_come_from_the_story() -> None:
    pile = [
        article("b", PORT_STRIKE_OWN, hour=12, title="Ships queue as dockers walk out"),
        article("a", PORT_STRIKE, hour=9, title="Rotterdam dockers strike over pay"),
    ]
    pile = [a.model_copy(update={"timezone": "Europe/Amsterdam"}) for a in pile]
    (story,) = group_stories(pile, path="day.jsonl")
    assert story.title == "Rotterdam dockers strike over pay"
    assert story.timezone == "Europe/Amsterdam" and story.path == "day.jsonl"


def test_entities_skip_sentence_openers_weekdays_and_function_words() -> None:
    found = entities("Officials said the WHO met in Geneva on Monday. The talks ended in March.")
    assert found == {"who", "geneva"}


def test_grouping_records_hold_no_text() -> None:
    from dataclasses import fields

    from factcheck.grouping import ArticleRecord, record_of

    assert {f.name for f in fields(ArticleRecord)}.isdisjoint({"text", "original", "offsets"})
    record = record_of(article("wire-77", QUAKE_WIRE, hour=6))
    assert len(record.terms) <= 80 and record.id == "wire-77"


def test_first_pass_memory_is_far_below_the_pile(tmp_path: Path) -> None:
    import json
    import random
    import tracemalloc

    from factcheck.grouping import load_plan, plan_jsonl

    rng = random.Random(3)
    towns = ["Arlen", "Brisk", "Corvo", "Delmar", "Esk", "Farrow", "Gilt", "Halden"]
    # Long articles (about 15 kB, as real reports with markup are): the first pass keeps a
    # record of a few hundred bytes and a TF-IDF vector of its lead per article, not the text.
    filler = " ".join(f"word{n} and more text about nothing in particular." for n in range(300))
    path = tmp_path / "pile.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(120):
            town = towns[number % len(towns)]
            text = (f"A bridge in {town} closed on Monday after {rng.randint(2, 90)} cracks were"
                    f" found, the {town} council said. {filler}")
            out.write(json.dumps({"id": f"n{number:04d}", "published": "2025-01-06",
                                  "text": text}) + "\n")
    size = path.stat().st_size
    warm = tmp_path / "warm.jsonl"
    warm.write_text(json.dumps({"id": "w", "text": "Tables load once. In Oslo."}) + "\n")
    plan_jsonl(warm)  # cleaning and name tables are loaded once per process, not per pile
    tracemalloc.start()
    try:
        plans, problems = plan_jsonl(path)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems == [] and sum(len(plan.members) for plan in plans) == 120
    assert held < size / 8, (held, size)  # what the plans keep: records, no texts
    # Cleaning one line at a time costs a few times that line; the whole pile as Articles
    # (original, clean text and offset map each) would cost several times the file.
    assert peak < 2 * size, (peak, size)
    story = load_plan(plans[0])
    assert len(story.articles) == len(plans[0].members) and filler in story.articles[0].text


def _dominant_story_pile() -> list:
    """A day on which one event fills most of the pile: 120 outlets' own reports of a tunnel
    collapse (invented), each in its own words around the same names, and a few other events."""
    openings = ["Part of the Kessel road tunnel collapsed", "A section of the Kessel tunnel fell",
                "The roof of the Kessel tunnel gave way", "Slabs fell inside the Kessel tunnel"]
    middles = ["near Varnholt on Tuesday morning", "outside Varnholt early on Tuesday",
               "close to Varnholt during the morning rush", "on the Varnholt side of the pass"]
    endings = ["Marta Keller of the Alpine Roads Agency said",
               "Alpine Roads Agency director Marta Keller told reporters",
               "according to Marta Keller of the Alpine Roads Agency",
               "the Alpine Roads Agency's director, Marta Keller, said"]
    work = ["cleared", "checked", "closed", "guarded", "lit", "pumped"]
    pile = []
    for number in range(120):
        lead = (f"{openings[number % 4]} {middles[(number // 4) % 4]}, "
                f"{endings[(number // 16) % 4]}. Crews {work[number % 6]} {number + 2} lanes.")
        pile.append(article(f"tunnel-{number:03d}", lead, hour=number % 24, day=4 + number // 40))
    pile += [article("andes", PERU_QUAKE, hour=7), article("dock-1", PORT_STRIKE, hour=10),
             article("dock-2", PORT_STRIKE_OWN, hour=15), article("sport", FOOTBALL, hour=22)]
    return pile


def test_a_story_that_fills_most_of_the_pile_stays_one_story() -> None:
    """Its names are in over a fifth of the pile, too common to compare every pair through;
    its articles are still compared with their neighbours in time, and chain into one story."""
    stories = _members(group_stories(_dominant_story_pile()))
    tunnel = [members for members in stories.values() if members[0].startswith("tunnel-")]
    assert len(tunnel) == 1 and len(tunnel[0]) == 120
    others = sorted(members for members in stories.values() if members is not tunnel[0])
    assert others == [["andes"], ["dock-1", "dock-2"], ["sport"]]
    assert _members(group_stories(list(reversed(_dominant_story_pile())))) == stories
