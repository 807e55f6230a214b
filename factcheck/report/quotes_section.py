"""The "Quote variants" section: each statement the outlets quote differently, side by side.

A discrepancy table shows each quotation inside its evidence sentence, which hides the one
word that differs in forty. Here each rendering stands alone, under its speaker, with the words
that differ marked against the fullest rendering of the first position: another word in bold,
a word left out struck through, the same word in another spelling or inflection ("honor",
"policies") in italics. Punctuation, function words and words one outlet quotes beyond
another's fragment stay unmarked, as the quote rule ignores them too. An outlet that quotes
only fragments of the statement inside its own paraphrase has one row, its fragments joined by
"…", and only the words the full rendering lacks are marked in them.

Article text is untrusted, so every word is escaped on its own before it is wrapped in
emphasis: a quoted "**" or "<b>" can never open markup of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from factcheck.models import Claim, Discrepancy, QuoteValue
from factcheck.report.common import ReportIndex
from factcheck.report.escape import escape_markdown
from factcheck.textdiff import Mark, content_words, mark_fragment, mark_variant

_WRAP: dict[Mark, str] = {"same": "", "changed": "**", "dropped": "~~", "form": "*"}
_NO_SPACE_BEFORE = re.compile(r"[.,;:!?)\]}/]")
_NO_SPACE_AFTER = re.compile(r"[(\[{/]$")


def is_quote_discrepancy(discrepancy: Discrepancy, index: ReportIndex) -> bool:
    """A discrepancy between quotations: every claim it names in the report is a quote."""
    claims = index.discrepancy_claims(discrepancy)
    return bool(claims) and all(isinstance(claim.value, QuoteValue) for claim in claims)


def render_marked(words: Sequence[tuple[str, Mark]]) -> str:
    """Escaped words, runs of marked words wrapped in their emphasis."""
    runs: list[tuple[Mark, list[str]]] = []
    for word, mark in words:
        if runs and runs[-1][0] == mark:
            runs[-1][1].append(word)
        else:
            runs.append((mark, [word]))
    text = ""
    run_end = ""
    for mark, run in runs:
        body = _join([escape_markdown(word) for word in run])
        piece = f"{_WRAP[mark]}{body}{_WRAP[mark]}"
        if text and not _NO_SPACE_AFTER.search(run_end) and not (
            mark == "same" and _NO_SPACE_BEFORE.match(run[0])
        ):
            text += " "
        text += piece
        run_end = run[-1]
    return text


def _join(words: Sequence[str]) -> str:
    text = ""
    previous = ""
    for word in words:
        if text and not _NO_SPACE_BEFORE.match(word) and not _NO_SPACE_AFTER.search(previous):
            text += " "
        text += word
        previous = word
    return text


def _words(claim: Claim) -> str:
    assert isinstance(claim.value, QuoteValue)
    return claim.value.words


def _speaker(claim: Claim) -> str | None:
    assert isinstance(claim.value, QuoteValue)
    return claim.value.speaker


def _heading_speaker(claims: Sequence[Claim]) -> str:
    """The fullest name among the speakers; all of them for an attribution conflict."""
    named = sorted({s for claim in claims if (s := _speaker(claim))}, key=lambda s: (-len(s), s))
    if not named:
        return "speaker not named"
    distinct: list[str] = []
    for name in named:
        surname = name.split()[-1].lower()
        if not any(other.split()[-1].lower() == surname for other in distinct):
            distinct.append(name)
    return " / ".join(sorted(distinct))


def quote_variants(
    discrepancies: Sequence[Discrepancy],
    index: ReportIndex,
    where: Callable[[Claim], str],
) -> list[str]:
    """The section's lines; none at all when no discrepancy is between quotations.

    `where` renders a claim's file:line link, so links match the rest of the report.
    """
    quoted = [d for d in discrepancies if is_quote_discrepancy(d, index)]
    if not quoted:
        return []
    lines = [
        "## Quote variants",
        "",
        "Each statement as the outlets quote it. Against the fullest rendering in the first"
        " row, words that change"
        " the meaning are in **bold**, words left out are ~~struck through~~ and the same word"
        " in another spelling or inflection is in *italics*; punctuation and words beyond a"
        " shorter quotation are not marked. Fragments one outlet quotes inside its own"
        " paraphrase are joined by “…”.",
        "",
    ]
    for number, discrepancy in enumerate(quoted, start=1):
        claims = index.discrepancy_claims(discrepancy)
        speaker = escape_markdown(_heading_speaker(claims))
        lines += [
            f"### Quote {number}: {speaker} ({escape_markdown(discrepancy.severity)})",
            "",
            escape_markdown(discrepancy.title),
            "",
            "| Outlet | Speaker | Quoted words | Where |",
            "| --- | --- | --- | --- |",
        ]
        rows = _rows(claims)
        reference_row = _reference_row(rows, discrepancy)
        reference = " ".join(_words(c) for c in reference_row)
        for row in rows:
            if row is reference_row:
                words = render_marked([(w, "same") for w in _tokens_of(reference)])
            elif len(row) > 1:
                words = " … ".join(
                    render_marked(mark_fragment(reference, _words(c))) for c in row
                )
            else:
                words = render_marked(mark_variant(reference, _words(row[0])))
            outlet = escape_markdown(index.outlet_of(row[0]))
            said_by = escape_markdown(_speaker(row[0]) or "not named")
            links = ", ".join(dict.fromkeys(where(claim) for claim in row))
            lines.append(f"| {outlet} | {said_by} | “{words}” | {links} |")
        lines.append("")
    return lines


def _reference_row(rows: Sequence[list[Claim]], discrepancy: Discrepancy) -> list[Claim]:
    """The fullest single quotation of the first position: the others there quote it or parts
    of it, so a part that quotes a later clause is marked against the words it quotes, not
    against an outlet that quoted only an earlier clause."""
    first = set(discrepancy.positions[0].claims) if discrepancy.positions else set()
    whole = [(n, row) for n, row in enumerate(rows) if len(row) == 1]
    candidates = [(n, row) for n, row in whole if row[0].id in first] or whole
    if not candidates:
        return rows[0]
    _, best = max(candidates, key=lambda item: (len(content_words(_words(item[1][0]))), -item[0]))
    return best


def _rows(claims: Sequence[Claim]) -> list[list[Claim]]:
    """One row per article: its quotation, or its fragments in text order."""
    rows: dict[str, list[Claim]] = {}
    for claim in claims:
        rows.setdefault(claim.article, []).append(claim)
    return [sorted(row, key=lambda c: c.start) for row in rows.values()]


def _tokens_of(text: str) -> list[str]:
    return [word for word, _ in mark_variant(text, text)]
