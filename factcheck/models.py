"""Pydantic contracts shared by every stage of the pipeline.

Data flows one way: load -> clean -> parse -> extract -> normalise -> align -> compare -> report.
Each stage takes and returns these models, so a stage can be replaced without its neighbours
noticing. Everything that ends up in ``report.json`` is defined here, which is also what
``factcheck schema`` publishes; field names in the report contract never change meaning.

Offsets: ``Article.text`` is the *clean* text the extractors see; every model that reaches the
report (``Claim``) carries offsets into the *original* file (``Article.original``), translated
through ``OffsetMap``.
"""

from __future__ import annotations

import bisect
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1"

Severity = Literal["error", "warning", "info"]
Verdict = Literal["contradiction", "tension", "consistent"]
ArticleFormat = Literal["text", "markdown", "html"]
Bound = float | None


class Contract(BaseModel):
    """Base for all contracts: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- story input


class ArticleEntry(Contract):
    """One article as the manifest (or the article's front matter) describes it."""

    file: str = Field(description="Path of the article file, relative to the story folder.")
    outlet: str | None = Field(default=None, description="Publishing outlet, e.g. 'BBC News'.")
    published: str | None = Field(
        default=None,
        description="Publication date-time, ISO 8601 with offset or zone, or a date alone.",
    )
    reference_time: str | None = Field(
        default=None,
        description=(
            "Date-time that relative expressions ('on Wednesday', 'last May') are read against,"
            " when it differs from `published`: a republication dated later than the report it"
            " copies. Defaults to `published`."
        ),
    )
    url: str | None = None
    language: str | None = Field(default=None, description="BCP 47 language tag, e.g. 'en'.")
    title: str | None = None
    timezone: str | None = Field(
        default=None, description="IANA zone of the dateline when it differs from the story's."
    )
    notes: str | None = Field(default=None, description="Free text: provenance, translation.")


class StoryManifest(Contract):
    """The `story.yaml` of a story folder."""

    title: str | None = None
    timezone: str | None = Field(
        default=None, description="IANA time zone of the event, e.g. 'Europe/Istanbul'."
    )
    articles: list[ArticleEntry] = Field(default_factory=list)


class OffsetMap(Contract):
    """Piecewise-linear map from clean-text offsets to original-file offsets.

    Anchors are pairs (clean, original); between two anchors characters map one to one.
    Cleaning only ever deletes or substitutes runs of the original, so this is exact at every
    anchor and monotonic everywhere, which is all a span needs.
    """

    clean: list[int] = Field(default_factory=lambda: [0])
    original: list[int] = Field(default_factory=lambda: [0])
    # Clean characters that stand for an original run of another length (an HTML entity, a
    # space inserted between glued sentences): a span ending on one ends where its run ends.
    unit_clean: list[int] = Field(default_factory=list)
    unit_end: list[int] = Field(default_factory=list)

    def to_original(self, position: int) -> int:
        index = bisect.bisect_right(self.clean, position) - 1
        index = max(index, 0)
        mapped = self.original[index] + (position - self.clean[index])
        if index + 1 < len(self.original):
            mapped = min(mapped, self.original[index + 1])
        return mapped

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open clean span; the end maps from its last character, so trailing
        deletions are not swallowed into the span."""
        if end <= start:
            point = self.to_original(start)
            return point, point
        last = end - 1
        unit = bisect.bisect_left(self.unit_clean, last)
        if unit < len(self.unit_clean) and self.unit_clean[unit] == last:
            return self.to_original(start), max(self.unit_end[unit], self.to_original(start))
        return self.to_original(start), self.to_original(last) + 1


StampKind = Literal["published", "updated", "dateline", "byline", "credit", "related", "liveblog"]
PublishedFrom = Literal["manifest", "stamp", "dateline"]


class Stamp(Contract):
    """Page furniture: a line (or a dateline) about the page, not the event. Kept out of the
    clean text, so it is never a claim; kept here, since it says when and by whom the page was
    made, and is what a missing `published` is read from."""

    kind: StampKind = Field(
        description="'published' or 'updated' stamp (with or without a label), 'dateline',"
        " 'byline', photo 'credit', 'related' link or share line, 'liveblog' entry time."
    )
    value: str = Field(description="The stamp's words, as in the original file.")
    resolved: datetime | date | None = Field(
        default=None,
        description="The date-time (or date) it names, when it names a full calendar date;"
        " a time with no zone on the stamp is read in the article's zone.",
    )
    line: int = Field(description="1-based line of `start` in the original file.")
    start: int = Field(description="Offset of `value` in the original file.")
    end: int


class Article(Contract):
    """A loaded, cleaned article: what the extractors read."""

    id: str = Field(description="Stable id: the file name without extension.")
    path: str = Field(description="File path relative to the story folder (POSIX).")
    outlet: str | None = None
    published: datetime | date | None = Field(
        default=None,
        description="Publication instant (aware) or date: from the manifest, else inferred"
        " from the article's own stamp or dateline (`published_from`).",
    )
    published_from: PublishedFrom | None = Field(
        default=None,
        description="Where `published` comes from: the 'manifest' (or front matter, or JSONL"
        " line), the article's publication 'stamp', or its 'dateline'.",
    )
    reference_time: datetime | date | None = Field(
        default=None,
        description="What relative expressions are read against; `published` when not given.",
    )
    url: str | None = None
    language: str | None = None
    title: str | None = None
    timezone: str | None = Field(
        default=None, description="IANA zone to read local times in (article's, else story's)."
    )
    format: ArticleFormat = "text"
    stamps: list[Stamp] = Field(
        default_factory=list, description="Page furniture taken out of the text, in file order."
    )
    original: str = Field(description="The file's text as decoded, before any cleaning.")
    text: str = Field(description="Clean text for the extractors.")
    offsets: OffsetMap = Field(default_factory=OffsetMap)
    story: str | None = Field(
        default=None, description="Story id given with the article in bulk input, if any."
    )
    copy_of: str | None = Field(
        default=None,
        description=(
            "Id of the article this one republishes (a wire copy, a light rewrite): outlets are"
            " counted once per independent text."
        ),
    )
    _line_starts: list[int] | None = PrivateAttr(default=None)

    def line_of(self, original_offset: int) -> int:
        """1-based line of an offset into the original file."""
        if self._line_starts is None:
            # str.find runs in C: one Python step per line, not per character (50 MB: 3 s).
            starts = [0]
            find = self.original.find
            found = find("\n")
            while found >= 0:
                starts.append(found + 1)
                found = find("\n", found + 1)
            self._line_starts = starts
        return bisect.bisect_right(self._line_starts, original_offset)

    def column_of(self, original_offset: int) -> int:
        """1-based column of an offset into the original file."""
        line = self.line_of(original_offset)
        assert self._line_starts is not None
        return original_offset - self._line_starts[line - 1] + 1


class Sentence(Contract):
    """A sentence of the clean text; offsets are into ``Article.text``."""

    index: int
    start: int
    end: int
    text: str


class Story(Contract):
    """A story folder, loaded: the articles that could be read and the problems of the rest."""

    id: str
    path: str = Field(description="Story folder as given on the command line (POSIX).")
    title: str | None = None
    timezone: str | None = None
    articles: list[Article] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class Problem(Contract):
    """An input that could not be used, or was used with a caveat. Never fatal for the run."""

    file: str
    line: int | None = None
    column: int | None = None
    severity: Literal["error", "warning"] = "error"
    message: str


# --------------------------------------------------------------------------- values

Hedge = Literal[
    "exact", "approximate", "less_than", "at_most", "more_than", "at_least", "order_of_magnitude"
]


class DurationValue(Contract):
    """A length of time, in seconds, as an interval: "about two hours" is [6300, 8100]."""

    type: Literal["duration"] = "duration"
    seconds: tuple[Bound, Bound] = Field(description="[lo, hi] in seconds; null is open.")
    timex: str = Field(description="TIMEX3 value of the stated amount, e.g. 'PT2H', 'P2D'.")
    hedge: Hedge = "exact"


Granularity = Literal[
    "century", "decade", "year", "season", "quarter", "month", "week", "day", "daypart",
    "hour", "minute", "second",
]


class TimeValue(Contract):
    """A point or stretch of calendar time as a half-open interval of aware instants.

    ``alternatives`` holds the other readings of a genuinely ambiguous expression (a bare
    weekday in a story that could look forward), most likely first in ``interval``.
    """

    type: Literal["time"] = "time"
    interval: tuple[datetime | None, datetime | None] = Field(
        description="[start, end) as ISO 8601 instants with offsets; null is open."
    )
    granularity: Granularity
    timex: str = Field(description="TIMEX3-like value, e.g. '2024-06-18TNI', '2024-03'.")
    hedge: Hedge = "exact"
    relative: bool = Field(default=False, description="Resolved from the publication date.")
    anchor: Literal["since", "until", "before", "after", "by"] | None = Field(
        default=None, description="A preposition that makes the time a boundary: 'since 2000'."
    )
    alternatives: list[tuple[datetime | None, datetime | None]] = Field(default_factory=list)
    weekday: int | None = Field(
        default=None, ge=0, le=6,
        description="The day of the week (0 is Monday) of 'on Thursday' when no publication"
        " date says which Thursday: the interval is then open, and only another weekday-only"
        " value is compared with it.",
    )


class QuantityValue(Contract):
    """A count or amount of something: "nearly 5 million artillery shells"."""

    type: Literal["quantity"] = "quantity"
    range: tuple[Bound, Bound] = Field(description="[lo, hi]; null is open.")
    unit: str | None = Field(default=None, description="The counted thing, singular, lower case.")
    hedge: Hedge = "exact"


class QuoteValue(Contract):
    """Directly quoted words and who the text says spoke them."""

    type: Literal["quote"] = "quote"
    words: str
    speaker: str | None = None
    carried: bool = Field(
        default=False,
        description="The speaker is carried from the quotation before: a paragraph that is"
        " only a quotation goes on with the last speaker. Shown, but never the ground of an"
        " attribution conflict.",
    )
    inferred: bool = Field(
        default=False,
        description="The speaker is read from a pronoun or a description ('he said', 'the"
        " spokesman said') resolved to a person named elsewhere: shown, but never the ground"
        " of an attribution conflict.",
    )
    partial: bool = Field(
        default=False,
        description=(
            "One or two words: a scare quote or label ('aggression'), too short to be compared"
            " as a statement."
        ),
    )


Value = Annotated[
    DurationValue | TimeValue | QuantityValue | QuoteValue, Field(discriminator="type")
]
ValueKind = Literal["duration", "time", "quantity", "quote"]


class Mention(Contract):
    """What an extractor found in clean text: the words, where, and their normalised value."""

    kind: ValueKind
    text: str
    start: int = Field(description="Offset into the clean text.")
    end: int
    value: Value


class Context(Contract):
    """What the normaliser needs to resolve relative expressions; passed, never global."""

    published: datetime | date | None = None
    timezone: str | None = None


# --------------------------------------------------------------------------- claims and findings


class Frame(Contract):
    """What a value is a value of, read from the parse of its sentence; `None` where the
    grammar does not say. Alignment compares two claims' frames: a known difference keeps
    them apart, and a comparison whose frames are not known to match stays below error."""

    attribute: str | None = Field(
        default=None,
        description="Lemma of the noun the value measures: 'depth' in 'a depth of 10 km',"
        " 'city' in 'a city of 90,000 people', 'share' in 'shares closed at $31.20'.",
    )
    counted: str | None = Field(
        default=None, description="Lemma of the noun the number counts: 'people', 'km'."
    )
    holder: str | None = Field(
        default=None,
        description="The named entity whose value it is: 'Northwind' in 'shares of Northwind'.",
    )
    event: str | None = Field(
        default=None, description="Lemma of the predicate the value hangs on: 'kill', 'close'."
    )
    subject: str | None = Field(
        default=None,
        description="Lemma of the predicate's common-noun subject: 'fire' in 'the fire broke"
        " out on Sunday'.",
    )
    theme: str | None = Field(
        default=None,
        description="What the predicate is done to or with: 'theft' in 'charged with theft'.",
    )
    object: str | None = Field(
        default=None,
        description="Lemma of what the predicate acts on or goes to: 'title' in 'won the"
        " title in 1998', 'Lyon' in 'moved to Lyon'.",
    )
    time: str | None = Field(
        default=None, description="A date its own clause names: '2004' in 'In 2004, he was ...'."
    )
    scope: list[str] = Field(
        default_factory=list,
        description="Places its clause is set in: 'Ohio'; or a word setting it in the whole,"
        " lower case: 'nationwide', 'country', 'all' ('in all').",
    )
    capacity: str | None = Field(
        default=None,
        description="A role that makes the value one part of a whole: 'as director' in"
        " 'four seasons as director' (within '19 seasons with the team').",
    )


class Claim(Contract):
    """A value an article states, with the evidence a reader needs to check it."""

    id: str = Field(description="Stable id: '<article>:<kind>:<start>'.")
    article: str
    kind: ValueKind
    text: str = Field(description="The claim's own words, as in the original file.")
    evidence: str = Field(description="The whole sentence the claim stands in, as in the file.")
    start: int = Field(description="Offset of `text` in the original file.")
    end: int
    line: int = Field(description="1-based line of `start` in the original file.")
    value: Value
    about: list[str] = Field(
        default_factory=list, description="Normalised terms for what the value measures."
    )
    attribution: str | None = Field(
        default=None, description="Who the article says reported it: 'KCNA', 'officials'."
    )
    participants: list[str] = Field(
        default_factory=list, description="Names in the claim's clause: 'Angela Merkel', 'UN'."
    )
    role: Literal["total", "part", "elapsed"] | None = Field(
        default=None,
        description=(
            "For durations: one 'part' of a longer whole ('an additional two hours'), a 'total',"
            " or the time 'elapsed' since an earlier event ('first visit in 24 years')."
        ),
    )
    qualifier: Literal["previous", "next"] | None = Field(
        default=None, description="Sets the event apart: 'the previous visit', 'the next round'."
    )
    frame: Frame | None = Field(
        default=None, description="What the value is a value of, from the parse."
    )
    sentence: int | None = Field(
        default=None, description="Index of the sentence the claim stands in (clean text)."
    )


class Position(Contract):
    """One distinct value the outlets give for a fact, and the claims that give it."""

    label: str
    value: str = Field(description="The normalised value in words, e.g. '1h45m to 2h15m'.")
    claims: list[str]


class Discrepancy(Contract):
    """Claims about one fact that cannot (or can only under a stretched reading) both hold."""

    id: str = Field(description="Stable id derived from the rule and the claims' evidence.")
    rule: str
    severity: Severity
    verdict: Verdict = "contradiction"
    title: str
    summary: str
    positions: list[Position]
    explanation: str | None = Field(
        default=None, description="Why the values cannot both hold, or under which reading."
    )
    fingerprint: str | None = Field(
        default=None,
        description=(
            "Rule plus which outlet said which words, hashed: the same across runs, edits"
            " elsewhere in the articles and article order; SARIF and baselines use it too."
        ),
    )


class SetAside(Contract):
    """A discrepancy kept out of the findings: accepted in a baseline or a waiver, or (in a
    pre-publication check) one the draft takes no part in. It never fails CI."""

    status: Literal["known", "waived", "outlets"] = Field(
        description="'known': in the baseline; 'waived': a waiver accepts it; 'outlets': only"
        " the outlets disagree, the draft being checked does not state the fact."
    )
    discrepancy: Discrepancy
    reason: str | None = None
    accepted_by: str | None = None
    accepted_on: date | None = None
    waiver: str | None = Field(
        default=None, description="Where the waiver is written: 'waivers.yaml:12'."
    )


class Fact(Contract):
    """Claims from one or more articles that alignment judged to be about the same thing."""

    id: str = Field(description="Stable id derived from the kind, subject and claims.")
    kind: ValueKind
    about: list[str] = Field(default_factory=list, description="What the fact measures.")
    rule: str | None = Field(default=None, description="The rule that compared it, if any.")
    claims: list[str]
    outlets: list[str] = Field(default_factory=list, description="Distinct outlets reporting it.")
    verdict: Verdict = "consistent"


class ArticleRef(Contract):
    """An article as the report lists it."""

    id: str
    path: str = Field(description="The article file: story folder as given, joined with its file.")
    outlet: str | None = None
    published: datetime | date | None = None
    published_from: PublishedFrom | None = Field(
        default=None,
        description="'manifest' (or front matter, or JSONL line), the article's 'stamp', or"
        " its 'dateline'; null when no date is known.",
    )
    stamps: list[Stamp] = Field(
        default_factory=list,
        description="Publication stamps, datelines, bylines, credits, related links and"
        " live-blog times: never claims.",
    )


class StoryRef(Contract):
    id: str
    title: str | None = None
    timezone: str | None = None


class Report(Contract):
    """Everything `factcheck run` found for one story; `report.json` is this, serialised."""

    schema_version: str = SCHEMA_VERSION
    tool: str = "factcheck"
    story: StoryRef
    articles: list[ArticleRef]
    claims: list[Claim]
    discrepancies: list[Discrepancy]
    facts: list[Fact] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    set_aside: list[SetAside] = Field(
        default_factory=list,
        description="Discrepancies listed apart: baseline ('known'), waived, or outlets only.",
    )


Story.model_rebuild()
