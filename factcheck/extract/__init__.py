"""Extraction: find the values an article states and normalise them, one module per kind.

`extract_mentions` runs every extractor over the clean text and settles overlaps, because
the same words can read as more than one kind ("a two-day visit" contains a number; "June 18"
contains one too) and a claim must be counted once.

Overlap policy: when two mentions' spans overlap, the longer span wins, since it read more
of the words; on equal length the kind wins in the order duration > time > quantity, because
the more specific reading of the same words is the more useful one ("48 hours" is a length of
time before it is a count of hours). Survivors are sorted by start offset.

Sentences come from the article's parse (`nlp.sentences`), the one notion every stage shares:
the time normaliser scopes its cues and picks the date a clock time belongs to by them, and
quote attribution reads a speaker in the writer's words of the quotation's sentence.

Quotes stand apart from that contest: a quote's span is long and holds numbers and dates of
its own, which are claims in their own right, so quotes are added after the overlaps are
settled.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from factcheck.extract.durations import find_durations
from factcheck.extract.quantities import find_quantities
from factcheck.extract.quotes import find_quotes
from factcheck.extract.times import find_times
from factcheck.models import Context, Mention
from factcheck.nlp import parse, sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "extract_mentions", "find_durations", "find_quantities", "find_quotes", "find_times",
    "resolve_overlaps",
]

_KIND_PRIORITY = {"duration": 0, "time": 1, "quantity": 2, "quote": 3}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (ties: duration > time > quantity), by start."""
    ranked = sorted(
        mentions,
        key=lambda m: (-(m.end - m.start), _KIND_PRIORITY.get(m.kind, 9), m.start),
    )
    # Kept spans never overlap, so sorted by start their ends are sorted too: a new span can
    # only clash with its neighbours there, found by bisection (O(n log n) over all mentions).
    kept: list[Mention] = []
    starts: list[int] = []
    ends: list[int] = []
    for mention in ranked:
        index = bisect.bisect_right(starts, mention.start)
        clash_before = index > 0 and ends[index - 1] > mention.start
        clash_after = index < len(starts) and starts[index] < mention.end
        if clash_before or clash_after:
            continue
        starts.insert(index, mention.start)
        ends.insert(index, mention.end)
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))


def extract_mentions(text: str, context: Context, doc: Doc | None = None) -> list[Mention]:
    """Every duration, time, quantity and quote in `text`, sorted by start. `doc` is the
    text's parse when the caller has it (the pipeline parses each article once); without it
    the text is parsed here, with the default model."""
    if doc is not None and doc.text != text:
        raise ValueError("the parse given is of another text: its offsets would not fit")
    if doc is None:
        doc = parse(text)
    spans = sentences(doc)
    found = [
        *find_durations(text, context),
        *find_times(text, context, spans),
        *find_quantities(text, context),
    ]
    values = resolve_overlaps(found)
    quotes = find_quotes(text, context, doc)
    return sorted([*values, *quotes], key=lambda m: (m.start, m.end, _KIND_PRIORITY[m.kind]))
