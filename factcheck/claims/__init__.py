"""Mentions become claims: what each value is about, who it is attributed to, where it stands.

`build_claims` turns each extractor `Mention` into a `Claim` whose text, evidence and offsets are
those of the ORIGINAL file (so a reader can find the words), and whose `about`, `participants`,
`role`, `qualifier` and `attribution` are what alignment needs to decide which claims from
different outlets describe the same fact.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcheck.claims.about import (
    ClauseReading,
    coordinated_predicate,
    dates_a_statement,
    dates_value,
    is_dateline,
    read_clause,
)
from factcheck.claims.attribution import find_attribution
from factcheck.claims.frame import frame_of
from factcheck.claims.lemmas import lemma, term_key
from factcheck.models import Article, Claim, Frame, Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "build_claims", "coordinated_predicate", "dates_a_statement", "dates_value",
    "find_attribution", "is_dateline", "lemma", "read_clause", "term_key",
]


def _sentence_of(sentences: Sequence[Sentence], starts: Sequence[int], offset: int) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < max(sentences[index].end, offset + 1):
        return index
    return None


def _whole_text(article: Article, mention: Mention) -> Sentence:
    """A stand-in sentence when no sentence holds the mention (the text was not parsed): the
    line around it."""
    text = article.text
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    end = len(text) if end < 0 else end
    return Sentence(index=-1, start=start, end=end, text=text[start:end])


def build_claims(
    article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
    doc: Doc | None = None,
) -> list[Claim]:
    """One claim per mention, sorted by position in the original file; with the article's
    parse (`doc`), each value claim gets its fact frame."""
    ordered = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    by_sentence: dict[int, list[Mention]] = {}
    sentence_for: list[Sentence] = []
    for mention in mentions:
        index = _sentence_of(ordered, starts, mention.start)
        sentence = ordered[index] if index is not None else _whole_text(article, mention)
        sentence_for.append(sentence)
        by_sentence.setdefault(sentence.start, []).append(mention)
    claims: list[Claim] = []
    for mention, sentence in zip(mentions, sentence_for, strict=True):
        others = [
            (m.start - sentence.start, m.end - sentence.start)
            for m in by_sentence[sentence.start] if m is not mention
        ]
        source = find_attribution(sentence.text)
        reading = read_clause(
            sentence.text, mention.start - sentence.start, mention.end - sentence.start,
            others, kind=mention.kind, source=_span_of(sentence.text, source),
        )
        frame = None
        if doc is not None and mention.kind != "quote":
            frame = frame_of(doc, mention.start, mention.end, mention.kind)
        claims.append(_claim(article, sentence, mention, reading, source, frame))
    claims = _mark_first_parts(claims)
    claims = _share_qualifiers(article.original, claims)
    return sorted(claims, key=lambda c: (c.start, c.end, c.kind))


def _span_of(sentence: str, source: str | None) -> tuple[int, int] | None:
    """Where the attributed source stands in the sentence ("airport officials said")."""
    if not source:
        return None
    words = source.split()
    match = re.search(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", sentence)
    return (match.start(), match.end()) if match else None


def _claim(
    article: Article, sentence: Sentence, mention: Mention, reading: ClauseReading,
    source: str | None, frame: Frame | None = None,
) -> Claim:
    start, end = article.offsets.span_to_original(mention.start, mention.end)
    ev_start, ev_end = article.offsets.span_to_original(sentence.start, sentence.end)
    evidence = article.original[ev_start:ev_end]
    return Claim(
        id=f"{article.id}:{mention.kind}:{start}",
        article=article.id,
        kind=mention.kind,
        text=article.original[start:end],
        evidence=evidence,
        start=start,
        end=end,
        line=article.line_of(start),
        value=mention.value,
        about=reading.about,
        attribution=source,
        participants=reading.participants,
        role=reading.role,
        qualifier=reading.qualifier,
        frame=frame,
        sentence=sentence.index if sentence.index >= 0 else None,
    )


def _mark_first_parts(claims: list[Claim]) -> list[Claim]:
    """"X lasted 90 minutes, followed by another two hours": the 90 minutes is a part too."""
    # The last part's start in each sentence, found in one pass: looking through every claim
    # for each claim was quadratic (minutes for a long file).
    last_part: dict[int, int] = {}
    for other in claims:
        if other.role == "part" and other.kind == "duration" and other.sentence is not None:
            last_part[other.sentence] = max(last_part.get(other.sentence, -1), other.start)
    marked: list[Claim] = []
    for claim in claims:
        later_part = (claim.sentence is not None
                      and last_part.get(claim.sentence, -1) > claim.start)
        if claim.kind == "duration" and claim.role is None and later_part:
            claim = claim.model_copy(update={"role": "part"})
        marked.append(claim)
    return marked


def _share_qualifiers(original: str, claims: list[Claim]) -> list[Claim]:
    """A qualifier holds for the values of the predicates its subject shares.

    "The last major fire, in 2018, burned 24,000 acres and destroyed more than 300 homes":
    the homes were lost in the earlier fire too, though "fire" is too far from them to be
    read in their own clause. Only a value after "and" plus a verb inherits ("... and
    destroyed"), never one with a subject of its own ("... and this one 30").
    """
    ordered = sorted(claims, key=lambda c: (c.start, c.end))
    shared: list[Claim] = []
    previous: Claim | None = None
    for claim in ordered:
        if (previous is not None and previous.qualifier is not None
                and claim.qualifier is None and claim.kind != "quote"
                and claim.sentence is not None and claim.sentence == previous.sentence
                and previous.end <= claim.start
                and coordinated_predicate(original[previous.end:claim.start])):
            claim = claim.model_copy(update={"qualifier": previous.qualifier})
        shared.append(claim)
        previous = claim
    return shared
