"""The rule-file format, as pydantic models; `schemas/rules.schema.json` is generated from them.

A rule file holds `rules`, `vocabulary` (synonym groups) and `overrides` (a story pack's way to
tighten a shipped rule without copying it). Every rule carries its own `examples`: small sets
of article snippets that must, or must not, produce a discrepancy under it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factcheck.models import Granularity, Severity

RuleKind = Literal["agree", "internal", "quote"]
RuleValue = Literal["duration", "time", "quantity", "quote"]
QuoteChange = Literal["meaning", "inflection", "form"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(_Strict):
    """How far apart two values may be and still agree.

    Units are the value's own: seconds for durations and times, the counted unit for
    quantities. Two values agree when the gap between their intervals is at most
    `max(absolute, relative * larger magnitude)`; they are in *tension* (not contradiction)
    when only a stretched reading closes the gap, or when the gap is at most `stretch` more.
    """

    absolute: float = Field(default=0.0, ge=0, description="Allowed gap in the value's units.")
    relative: float = Field(
        default=0.0, ge=0, le=1, description="Allowed gap as a fraction of the larger value."
    )
    stretch: float = Field(
        default=0.0, ge=0,
        description="A further gap that makes the verdict tension instead of contradiction.",
    )


MAX_PHRASES = 50
MAX_PHRASE_WORDS = 8
# Words (letters, digits, inner apostrophes or hyphens), each may end in `*`; nothing else, so a
# phrase can never be a regular expression (see factcheck/rules/wording.py).
_PHRASE = r"^[\w'’-]+\*?(?: [\w'’-]+\*?){0,7}$"  # at most MAX_PHRASE_WORDS words


class SentenceWords(_Strict):
    """Which claims a rule looks at, by the words of the sentence each stands in.

    Phrases are whole words separated by single spaces, compared case-insensitively; a word
    ending in `*` matches any word it begins ("evacuat*"). Not regular expressions: matching is
    linear in the sentence, so no rule file can make a run hang.
    """

    has: list[str] = Field(
        default_factory=list, max_length=MAX_PHRASES,
        description="The sentence must contain one of these phrases (when any are given).",
        json_schema_extra={"items": {"type": "string", "pattern": _PHRASE}},
    )
    lacks: list[str] = Field(
        default_factory=list, max_length=MAX_PHRASES,
        description="The sentence must contain none of these phrases.",
        json_schema_extra={"items": {"type": "string", "pattern": _PHRASE}},
    )

    @field_validator("has", "lacks")
    @classmethod
    def _phrases(cls, phrases: list[str]) -> list[str]:
        for phrase in phrases:
            if not re.fullmatch(_PHRASE, phrase):
                raise ValueError(
                    f"{phrase!r} is not a word phrase: words separated by single spaces, each"
                    f" may end in '*', at most {MAX_PHRASE_WORDS} words (no regular expressions)"
                )
        return phrases

    def __hash__(self) -> int:
        return hash((tuple(self.has), tuple(self.lacks)))


class Snippet(_Strict):
    """One article of an example: a few sentences as one outlet published them."""

    outlet: str
    published: str = Field(description="ISO 8601 date or date-time.")
    timezone: str | None = Field(default=None, description="IANA zone of the event.")
    text: str


class Example(_Strict):
    """Articles that, run through the real pipeline, must (or must not) trigger the rule."""

    name: str
    articles: list[Snippet] = Field(min_length=1)


class Examples(_Strict):
    must_find: list[Example] = Field(default_factory=list)
    must_not_find: list[Example] = Field(default_factory=list)


class Rule(_Strict):
    """One check: which claims it compares, how strictly, and how to word a finding."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    severity: Severity
    kind: RuleKind
    value: RuleValue
    about: Literal["any"] | list[str] = Field(
        default="any",
        description="Synonym-group names or terms the claims must be about, or 'any'.",
    )
    tolerance: Tolerance = Field(default_factory=Tolerance)
    granularity: Granularity | None = Field(
        default=None,
        description="Times only: the resolution compared at; each time is widened to it.",
    )
    granularities: list[Granularity] | None = Field(
        default=None,
        description="Times only: the claim granularities the rule looks at (default: all).",
    )
    changes: list[QuoteChange] = Field(
        default_factory=lambda: ["meaning"], min_length=1,
        description=(
            "Quote rules only: the kinds of wording difference reported, a statement being"
            " reported by the rule that names its gravest difference: 'meaning' (another word,"
            " number, name, a negation), 'inflection' ('policy' / 'policies'), 'form'"
            " (spelling, a function word)."
        ),
    )
    sentence: SentenceWords | None = Field(
        default=None,
        description="Only claims whose sentence has (or lacks) these word phrases.",
    )
    message: str = Field(
        description=(
            "Title of a finding; placeholders {about}, {counted}, {verdict}, {title}, {outlets}."
        )
    )
    description: str | None = None
    examples: Examples = Field(default_factory=Examples)


class SynonymGroup(_Strict):
    """Words that name the same kind of event or thing; `name` is what rules refer to."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    terms: list[str] = Field(min_length=1)


class RuleOverride(_Strict):
    """A story pack's change to a loaded rule: a tighter tolerance, another severity."""

    rule: str
    severity: Severity | None = None
    tolerance: Tolerance | None = None
    granularity: Granularity | None = None
    sentence: SentenceWords | None = Field(
        default=None, description="Narrow the rule to claims by the words of their sentence."
    )


class RuleFile(_Strict):
    """A rule file: any of rules, vocabulary and overrides."""

    rules: list[Rule] = Field(default_factory=list)
    vocabulary: list[SynonymGroup] = Field(default_factory=list)
    overrides: list[RuleOverride] = Field(default_factory=list)
