"""A small invented story, built by hand, that every report test renders.

A rail bridge collapse reported by four outlets: two discrepancies (how long the rescue took,
how many people were pulled out), a fact they agree on, a fact only one outlet has, and an input
problem. Article text is hostile on purpose (HTML, Markdown links, heading and table syntax, a
zero-width space, hard wraps), because scraped news is. Offsets and lines are computed from the
text, so the fixture cannot drift from its own articles.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from factcheck.models import (
    ArticleRef,
    Claim,
    Discrepancy,
    DurationValue,
    Fact,
    Position,
    Problem,
    QuantityValue,
    Report,
    StoryRef,
    TimeValue,
    Value,
)
from factcheck.report import RuleInfo

STORY_FOLDER = "inputs/river-bridge"

ORIGINALS: dict[str, str] = {
    "courier": (
        "Rail bridge falls into the Lenne\n"
        "Share this article\n"
        "\n"
        "The old rail bridge over the Lenne collapsed on Sunday morning.\n"
        "Rescue work lasted about six hours, officials said.\n"
        "Crews pulled 14 people from the water. Three cars fell with the span.\n"
    ),
    "wire": (
        "RIVERTON (Riverside Wire) -\n"
        "# Divers | boats worked for\n"
        "six hours [link](http://x) before the search ended.\n"
        "More than 20 people were rescued.\n"
    ),
    "evening": (
        "Metro Evening\n"
        "\n"
        "The rescue\u200b lasted two\n"
        "hours <script>alert(1)</script>, police said.\n"
    ),
    "radio": (
        "Channel Nine Radio: Emergency crews spent six hours at the scene on Sunday morning.\n"
    ),
}

OUTLETS = {
    "courier": "Valley Courier",
    "wire": "Riverside Wire",
    "evening": "Metro Evening",
    "radio": "Channel Nine Radio",
}


def article_path(article_id: str) -> str:
    return f"{STORY_FOLDER}/{article_id}.txt"


def make_claim(article_id: str, evidence: str, text: str, value: Value) -> Claim:
    """A claim whose offsets, line and evidence are taken from the article's original text."""
    original = ORIGINALS[article_id]
    sentence_at = original.index(evidence)
    start = original.index(text, sentence_at)
    return Claim(
        id=f"{article_id}:{value.type}:{start}",
        article=article_id,
        kind=value.type,
        text=text,
        evidence=evidence,
        start=start,
        end=start + len(text),
        line=original.count("\n", 0, start) + 1,
        value=value,
    )


def hours(low: float, high: float, timex: str, hedge: str = "exact") -> DurationValue:
    return DurationValue(seconds=(low * 3600, high * 3600), timex=timex, hedge=hedge)


def people(low: float | None, high: float | None, hedge: str = "exact") -> QuantityValue:
    return QuantityValue(range=(low, high), unit="person", hedge=hedge)


SUNDAY_MORNING = TimeValue(
    interval=(datetime(2031, 5, 4, 4, tzinfo=UTC), datetime(2031, 5, 4, 10, tzinfo=UTC)),
    granularity="daypart",
    timex="2031-05-04TMO",
)


def build_claims() -> dict[str, Claim]:
    claims = [
        make_claim(
            "courier", "Rescue work lasted about six hours, officials said.",
            "about six hours", hours(5.25, 6.75, "PT6H", "approximate"),
        ),
        make_claim(
            "wire",
            "# Divers | boats worked for\nsix hours [link](http://x) before the search ended.",
            "six hours", hours(6, 6, "PT6H"),
        ),
        make_claim(
            "evening",
            "The rescue\u200b lasted two\nhours <script>alert(1)</script>, police said.",
            "two\nhours", hours(2, 2, "PT2H"),
        ),
        make_claim(
            "radio",
            "Channel Nine Radio: Emergency crews spent six hours at the scene on Sunday morning.",
            "six hours", hours(6, 6, "PT6H"),
        ),
        make_claim(
            "courier", "Crews pulled 14 people from the water.", "14 people", people(14, 14),
        ),
        make_claim(
            "wire", "More than 20 people were rescued.", "More than 20 people",
            people(21, None, "more_than"),
        ),
        make_claim(
            "courier", "The old rail bridge over the Lenne collapsed on Sunday morning.",
            "on Sunday morning", SUNDAY_MORNING,
        ),
        make_claim(
            "radio",
            "Channel Nine Radio: Emergency crews spent six hours at the scene on Sunday morning.",
            "on Sunday morning", SUNDAY_MORNING,
        ),
        make_claim(
            "courier", "Three cars fell with the span.", "Three cars",
            QuantityValue(range=(3, 3), unit="car"),
        ),
    ]
    return {claim.id: claim for claim in claims}


def ids(claims: dict[str, Claim], article_id: str, text: str) -> list[str]:
    return [c.id for c in claims.values() if c.article == article_id and c.text == text]


RULES = [
    RuleInfo(
        id="duration-agree",
        title="Durations of one event must agree",
        description="Outlets that give the length of the same event must give overlapping "
        "intervals once hedges are read as ranges.",
        severity="error",
    ),
    RuleInfo(
        id="count-agree",
        title="Counts of people must agree",
        description="Counts of the same people (rescued, injured) must overlap.",
        severity="warning",
    ),
]


def build_report() -> Report:
    claims = build_claims()
    six = (
        ids(claims, "courier", "about six hours")
        + ids(claims, "wire", "six hours")
        + ids(claims, "radio", "six hours")
    )
    duration = Discrepancy(
        id="d-rescue-duration",
        rule="duration-agree",
        severity="error",
        verdict="contradiction",
        title="How long the rescue lasted",
        summary="Valley Courier, Riverside Wire and Channel Nine Radio say about 6 h; "
        "Metro Evening says 2 h.",
        explanation="2 h is outside 5 h 15 min to 6 h 45 min even with the rule's tolerance.",
        positions=[
            Position(label="Valley Courier, Riverside Wire, Channel Nine Radio",
                     value="about 6 h (5 h 15 min to 6 h 45 min)", claims=six),
            Position(label="Metro Evening", value="2 h",
                     claims=ids(claims, "evening", "two\nhours")),
        ],
    )
    rescued = Discrepancy(
        id="d-rescued-count",
        rule="count-agree",
        severity="warning",
        verdict="tension",
        title="People pulled from the water | rescued <b>",
        summary="Valley Courier says 14 people; Riverside Wire says more than 20 people.",
        positions=[
            Position(label="Valley Courier", value="14 people",
                     claims=ids(claims, "courier", "14 people")),
            Position(label="Riverside Wire", value="more than 20 people",
                     claims=ids(claims, "wire", "More than 20 people")),
        ],
    )
    facts = [
        Fact(id="f-duration", kind="duration", about=["rescue", "last"], rule="duration-agree",
             claims=[*six, *ids(claims, "evening", "two\nhours")],
             outlets=[OUTLETS[a] for a in ("courier", "wire", "radio", "evening")],
             verdict="contradiction"),
        Fact(id="f-rescued", kind="quantity", about=["person", "rescue"], rule="count-agree",
             claims=ids(claims, "courier", "14 people")
             + ids(claims, "wire", "More than 20 people"),
             outlets=[OUTLETS["courier"], OUTLETS["wire"]], verdict="tension"),
        Fact(id="f-collapse-time", kind="time", about=["collapse"],
             claims=ids(claims, "courier", "on Sunday morning")
             + ids(claims, "radio", "on Sunday morning"),
             outlets=[OUTLETS["courier"], OUTLETS["radio"]]),
        Fact(id="f-cars", kind="quantity", about=["car", "fall"],
             claims=ids(claims, "courier", "Three cars"), outlets=[OUTLETS["courier"]]),
    ]
    return Report(
        story=StoryRef(id="river-bridge", title="Rail bridge collapse on the Lenne",
                       timezone="Europe/Berlin"),
        articles=[
            ArticleRef(id=article_id, path=article_path(article_id), outlet=OUTLETS[article_id],
                       published=datetime(2031, 5, 4, 15, 30, tzinfo=UTC))
            for article_id in ORIGINALS
        ],
        claims=list(claims.values()),
        discrepancies=[rescued, duration],
        facts=facts,
        problems=[
            Problem(file=f"{STORY_FOLDER}/broken.html", line=3, column=7,
                    message="could not decode byte 0xff; <b>read</b> as [Windows-1252](x)"),
        ],
    )


def originals_by_path() -> dict[str, str]:
    return {article_path(article_id): text for article_id, text in ORIGINALS.items()}


# --------------------------------------------------------------------------- the fixture itself


def test_every_claim_points_at_its_own_words() -> None:
    for claim in build_claims().values():
        original = ORIGINALS[claim.article]
        assert original[claim.start:claim.end] == claim.text
        assert claim.text in claim.evidence


def test_report_is_a_valid_contract_with_two_discrepancies() -> None:
    report = Report.model_validate(build_report().model_dump())
    assert len(report.discrepancies) == 2
    known = {claim.id for claim in report.claims}
    for discrepancy in report.discrepancies:
        for position in discrepancy.positions:
            assert position.claims
            assert set(position.claims) <= known


GOLDEN_DIR = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare with `tests/golden/<name>`; FACTCHECK_UPDATE_GOLDEN=1 rewrites it instead."""
    golden = GOLDEN_DIR / name
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="")
        return
    assert golden.is_file(), f"missing {golden}; run with FACTCHECK_UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, "
        "rerun with FACTCHECK_UPDATE_GOLDEN=1 and review the diff"
    )
