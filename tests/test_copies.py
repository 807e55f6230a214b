"""Wire copies: one text republished (edited, trimmed, paraphrased) is found; independent
reports of the same event, and other events, are not. Texts are invented for the tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck.copies as copies_module
from factcheck.copies import (
    MIN_SHINGLES,
    containment,
    copy_scores,
    find_copies,
    mark_copies,
    shingles,
)
from factcheck.models import Article, Story
from factcheck.rules import shipped_pack

QUAKE_WIRE = (
    "A magnitude 6.1 earthquake struck off the coast of Hokkaido early on Tuesday, shaking "
    "buildings in Sapporo and cutting power to about 12,000 homes, the Japan Meteorological "
    "Agency said. The quake hit at 04:12 local time at a depth of 40 kilometres. No tsunami "
    "warning was issued. Hokkaido Electric Power said crews had restored electricity to most "
    "households by midday. Three people were taken to hospital with minor injuries after "
    "falling at home, according to the Sapporo fire department. Train services on the "
    "Shinkansen line north of Aomori were halted for two hours while tracks were inspected."
)
QUAKE_COPY = QUAKE_WIRE.replace("about 12,000 homes", "some 12,000 homes").replace(
    " Train services on the Shinkansen line north of Aomori were halted for two hours while "
    "tracks were inspected.", "")
QUAKE_PARAPHRASE = (
    "An earthquake of magnitude 6.1 hit off the coast of Hokkaido early on Tuesday, rattling "
    "buildings in Sapporo and knocking out power to about 12,000 homes, the Japan Meteorological "
    "Agency reported. The tremor struck at 04:12 local time at a depth of 40 kilometres. No "
    "tsunami warning was issued. Hokkaido Electric Power said workers had brought back "
    "electricity to most households by noon. Three people were taken to hospital with light "
    "injuries after falling at home, according to the Sapporo fire department. Trains on the "
    "Shinkansen line north of Aomori were stopped for two hours while tracks were checked."
)
QUAKE_OWN = (
    "Residents of Sapporo were woken before dawn on Tuesday when a strong offshore earthquake "
    "rattled Hokkaido. Shop owner Keiko Tanaka said shelves had crashed to the floor. The Japan "
    "Meteorological Agency put the magnitude at 5.9 and said the quake was centred deep under "
    "the sea, so no tsunami was expected. Around 15,000 households lost power for several "
    "hours, Hokkaido Electric Power told reporters, and two people were hurt."
)
PERU_QUAKE = (
    "A magnitude 5.8 earthquake shook southern Peru on Tuesday, damaging adobe houses in the "
    "Arequipa region and injuring at least nine people, Peru's Geophysical Institute said. The "
    "quake struck at 14:30 local time at a depth of 60 kilometres near the town of Chivay. "
    "Local officials said two schools were closed while engineers checked for cracks, and "
    "landslides blocked a road in the Colca valley for several hours."
)
PORT_STRIKE = (
    "Dock workers at the port of Rotterdam began a 48-hour strike on Tuesday over pay, leaving "
    "dozens of container ships waiting at anchor, the FNV union said. The union is asking for a "
    "7 percent rise; the port employers' association has offered 4 percent. A spokesman for the "
    "Port of Rotterdam Authority said about 30 vessels were delayed and warned that the stoppage "
    "would cost shippers millions of euros."
)
PORT_STRIKE_OWN = (
    "Rotterdam's container terminals fell silent on Tuesday as members of the FNV union walked "
    "out for two days in a dispute over wages. Employers have offered a 4 percent increase, "
    "against the 7 percent the union wants. Ships queued off the Maasvlakte terminals, and the "
    "Port of Rotterdam Authority said 30 vessels had been held up."
)
FOOTBALL = (
    "Feyenoord beat Ajax 3-1 in Rotterdam on Tuesday night to move four points clear at the top "
    "of the Eredivisie. Santiago Gimenez scored twice before half-time and the home side held on "
    "after Ajax pulled a goal back through Brian Brobbey in the 70th minute. A crowd of 47,000 "
    "watched at De Kuip, the club said, and the coach praised the defence."
)


def article(
    article_id: str, text: str, *, outlet: str | None = None, hour: int = 9, day: int = 4,
    story: str | None = None, title: str | None = None,
) -> Article:
    return Article(
        id=article_id, path=f"{article_id}.txt", outlet=outlet or article_id.upper(),
        published=datetime(2025, 3, day, hour, tzinfo=UTC), original=text, text=text,
        story=story, title=title,
    )


def test_shingle_containment_separates_copies_from_independent_reports() -> None:
    wire = shingles(QUAKE_WIRE)
    assert containment(wire, shingles(QUAKE_COPY)) > 0.9
    assert containment(wire, shingles(QUAKE_PARAPHRASE)) > 0.4
    # Same event, own words: names and numbers shared, phrasing not.
    assert containment(wire, shingles(QUAKE_OWN)) < 0.15
    assert containment(wire, shingles(PERU_QUAKE)) < 0.15


def test_edited_copy_and_paraphrase_point_at_the_earliest_text() -> None:
    articles = [
        article("site-b", QUAKE_COPY, hour=11),
        article("wire", QUAKE_WIRE, hour=6),
        article("site-c", QUAKE_PARAPHRASE, hour=13),
        article("daily", QUAKE_OWN, hour=8),
        article("andes", PERU_QUAKE, hour=7),
    ]
    assert find_copies(articles) == {"site-b": "wire", "site-c": "wire"}
    # Order of input does not matter.
    assert find_copies(list(reversed(articles))) == {"site-b": "wire", "site-c": "wire"}


def test_the_original_is_the_earliest_even_when_its_id_sorts_last() -> None:
    articles = [article("zz-agency", PORT_STRIKE, hour=5), article("aa-site", PORT_STRIKE, hour=9)]
    assert find_copies(articles) == {"aa-site": "zz-agency"}


def test_independent_reports_and_short_briefs_are_never_copies() -> None:
    brief = "Dock workers in Rotterdam began a 48-hour strike on Tuesday, the FNV union said."
    articles = [
        article("a", PORT_STRIKE), article("b", PORT_STRIKE_OWN), article("c", FOOTBALL),
        article("d", brief), article("e", brief),
    ]
    assert find_copies(articles) == {}


def test_a_stricter_threshold_keeps_the_paraphrase_independent() -> None:
    articles = [article("wire", QUAKE_WIRE, hour=6), article("para", QUAKE_PARAPHRASE)]
    assert find_copies(articles, threshold=0.9) == {}
    assert find_copies(articles) == {"para": "wire"}


def test_mark_copies_sets_copy_of_and_notes_each_copy() -> None:
    story = Story(id="quake", path="feed.jsonl", articles=[
        article("wire", QUAKE_WIRE, hour=6, outlet="Agency"),
        article("site-b", QUAKE_COPY, hour=11),
        article("daily", QUAKE_OWN, hour=8),
    ])
    marked = mark_copies(story)
    by_id = {a.id: a for a in marked.articles}
    assert by_id["site-b"].copy_of == "wire"
    assert by_id["wire"].copy_of is None and by_id["daily"].copy_of is None
    assert len(marked.problems) == 1
    note = marked.problems[0]
    assert note.severity == "warning" and note.file == "feed.jsonl/site-b.txt"
    assert "copy of wire (Agency)" in note.message
    assert mark_copies(Story(id="x", path="p", articles=[article("d", QUAKE_OWN)])).problems == []


MINISTERS = (
    "Finance ministers of the eurozone met in Brussels on Monday to discuss the banking union. "
    "The meeting lasted three hours, officials said, and ended without an agreement on deposit "
    "insurance. Ministers will meet again next month in Luxembourg, where the presidency hopes "
    "to close the file. The chair told reporters that several countries still had objections "
    "to the common fund and that talks at the technical level would continue over the coming "
    "weeks before any vote."
)


def test_copies_of_one_text_do_not_outvote_independent_reports() -> None:

    from factcheck.pipeline import analyse_story
    from factcheck.rules import load_rules

    articles = [article("wire", MINISTERS, outlet="Agency", hour=18)]
    articles += [
        article(f"site{n}", MINISTERS.replace("the banking union", edit), outlet=f"Site {n}",
                hour=19 + n)
        for n, edit in enumerate(("the banking union", "banking union plans", "EU bank rules"))
    ]
    articles += [
        article("paper", "The eurozone finance ministers sat together in Brussels on Monday for"
                " a meeting that lasted 90 minutes. Deposit insurance remained the sticking"
                " point, a diplomat said.", outlet="Paper", hour=20),
        article("radio", "In Brussels on Monday, the ministers' meeting lasted 90 minutes and"
                " broke up without a deal on deposit insurance, according to two diplomats.",
                outlet="Radio", hour=21),
    ]
    story = Story(id="ministers", path="feed.jsonl", articles=articles)
    rules = load_rules([shipped_pack()])

    def explanation(checked: Story) -> str:
        (finding,) = analyse_story(checked, rules).discrepancies
        return finding.explanation or ""

    # Counted as sites, the agency's three copies make it a majority of four against two.
    assert "4 of 6 outlets agree (Agency, Site 0, Site 1, Site 2); outlier: Paper, Radio" in (
        explanation(story))
    # Counted as sources, the two independent reports are the majority.
    folded = explanation(mark_copies(story))
    assert "2 of 3 independent sources" in folded
    assert "agree (Paper, Radio); outlier: Agency." in folded


def test_story_folders_mark_their_wire_copies_too(tmp_path: Path) -> None:
    from factcheck.pipeline import load_marked_story

    story = tmp_path / "quake"
    story.mkdir()
    for name, text in (("wire", QUAKE_WIRE), ("site", QUAKE_COPY), ("daily", QUAKE_OWN)):
        (story / f"{name}.txt").write_text(text, encoding="utf-8")
    (story / "story.yaml").write_text(
        "title: Quake\ntimezone: Asia/Tokyo\narticles:\n"
        "  - {file: wire.txt, outlet: Agency, published: '2024-01-09T08:00:00+09:00'}\n"
        "  - {file: site.txt, outlet: Site, published: '2024-01-09T10:00:00+09:00'}\n"
        "  - {file: daily.txt, outlet: Daily, published: '2024-01-09T09:00:00+09:00'}\n",
        encoding="utf-8",
    )
    loaded = load_marked_story(story)
    copies = {article.id: article.copy_of for article in loaded.articles}
    assert copies == {"wire": None, "site": "wire", "daily": None}
    assert any(p.message.startswith("copies: copy of wire (Agency)") for p in loaded.problems)


def _every_pair(articles: list[Article], threshold: float) -> dict[tuple[str, str], float]:
    """The definition: containment of every pair of judged texts, at or above `threshold`."""
    sets = {a.id: shingles(a.text) for a in articles}
    ids = sorted(i for i, s in sets.items() if len(s) >= MIN_SHINGLES)
    return {(x, y): containment(sets[x], sets[y]) for n, x in enumerate(ids) for y in ids[n + 1:]
            if containment(sets[x], sets[y]) >= threshold}


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 60), st.integers(5, 60)),
                min_size=2, max_size=12),
       st.sampled_from([0.1, 0.4, 0.75, 1.0]))
@settings(max_examples=150, deadline=None)
def test_copy_scores_from_the_rare_shingle_index_are_those_of_every_pair(
    pieces: list[tuple[int, int, int]], threshold: float,
) -> None:
    """The index only skips pairs that cannot reach the threshold: same scores as trying all."""
    sources = [QUAKE_WIRE, QUAKE_PARAPHRASE, QUAKE_OWN, PERU_QUAKE, QUAKE_COPY]
    articles = []
    for number, (source, start, length) in enumerate(pieces):
        words = sources[source].split()
        articles.append(article(f"x{number:02d}", " ".join(words[start:start + length])))
    assert copy_scores(articles, threshold) == _every_pair(articles, threshold)


def test_a_story_of_many_independent_texts_scores_no_pair_it_need_not() -> None:
    """Independent texts share no rare shingle, so no pair is scored (the old way scored all)."""
    texts = [" ".join(f"w{n}x{i}" for i in range(40)) + " said the police on Monday"
             for n in range(60)]
    articles = [article(f"a{n:02d}", text) for n, text in enumerate(texts)]
    calls = 0
    real = copies_module.containment

    def counting(a: frozenset[str], b: frozenset[str]) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    copies_module.containment = counting  # type: ignore[assignment]
    try:
        assert copy_scores(articles) == {}
    finally:
        copies_module.containment = real  # type: ignore[assignment]
    assert calls == 0
