"""From a scraped article file to the clean text the extractors read, with an offset map back.

Scraped news carries share bars, comment forms, photo credits, hard-wrapped lines, Markdown and
sentences glued together by a lost newline. The cleaner works line by line on `MappedText`, so
whatever it deletes, substitutes or inserts, every clean character still knows its place in the
original file, and a claim can be shown exactly where the reader will find it.

Output shape: paragraphs separated by one blank line ("\\n\\n"); a headline, section title or
list item is a paragraph of its own, so it never glues into the next sentence.
"""

from __future__ import annotations

import gc
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Literal

from factcheck.ingest.html import extract_html
from factcheck.ingest.mapped import MappedText
from factcheck.ingest.stamps import MAX_STAMP_LINE, FoundStamp, read_dateline, read_stamp
from factcheck.models import ArticleFormat, OffsetMap, StampKind
from factcheck.resources import load_table
from factcheck.text.abbreviations import continues_after

LineKind = Literal["text", "heading", "item", "blank"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or one HTML block) of the article, markup removed."""

    text: MappedText
    kind: LineKind = "text"
    # HTML blocks are whole paragraphs already; text lines may be pieces of a wrapped one.
    whole: bool = False


@dataclass(frozen=True)
class JunkPattern:
    name: str
    pattern: re.Pattern[str]
    rest: bool
    # Kept as article metadata of this kind when dropped (a byline, a credit), if any.
    stamp: StampKind | None = None


@cache
def junk_patterns() -> tuple[JunkPattern, ...]:
    """The junk-line table, compiled once (`factcheck/data/junk.yaml`)."""
    compiled = []
    for entry in load_table("junk")["patterns"]:
        source = entry["pattern"]
        text = source if isinstance(source, str) else "".join(source)
        compiled.append(JunkPattern(
            name=entry["name"], pattern=re.compile(text, re.IGNORECASE),
            rest=bool(entry.get("rest", False)), stamp=entry.get("stamp"),
        ))
    return tuple(compiled)


@cache
def _any_junk() -> re.Pattern[str] | None:
    """All junk patterns as one alternation: one search tells whether any of them matches, so
    the ordered loop runs only on the rare junk line. None if they cannot be combined (a
    numbered back-reference would point at another pattern's group)."""
    sources = [junk.pattern.pattern for junk in junk_patterns()]
    if any(re.search(r"\\[1-9]|\(\?P=", source) for source in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)
    except re.error:
        return None


@cache
def _junk_anchored() -> bool:
    """Whether every junk pattern starts with `^` outside any alternation, so it can match only
    at the start of a line: then the combined test need not try every position of a long one."""
    return all(_starts_at_beginning(junk.pattern.pattern) for junk in junk_patterns())


def _starts_at_beginning(source: str) -> bool:
    from re import _constants, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source)
    if not len(parsed):
        return False
    op, argument = parsed[0]
    return bool(op is _constants.AT and argument is _constants.AT_BEGINNING)


def junk_match(line: str) -> JunkPattern | None:
    """The junk pattern a (stripped, collapsed) line matches, if any."""
    combined = _any_junk()
    if combined is not None:
        found = combined.match(line) if _junk_anchored() else combined.search(line)
        if found is None:
            return None
    for junk in junk_patterns():
        if junk.pattern.search(line):
            return junk
    return None


# --------------------------------------------------------------------------- entry point


def clean_text(
    original: str, format: ArticleFormat = "text", *, body_start: int = 0
) -> tuple[str, OffsetMap]:
    """Clean text and the map from its offsets to offsets into `original`.

    `body_start` skips a prefix that is not article text (front matter already read).
    """
    cleaned = clean_article(original, format, body_start=body_start)
    return cleaned.mapped.text, cleaned.mapped.offset_map()


@dataclass(frozen=True)
class CleanArticle:
    """The clean text with its origins, the title the markup gives, if any, and the page
    furniture (stamps, datelines, bylines, credits) taken out of the text, in file order."""

    mapped: MappedText
    title: str | None
    stamps: tuple[FoundStamp, ...] = ()


def clean_article(
    original: str, format: ArticleFormat = "text", *, body_start: int = 0
) -> CleanArticle:
    with _collector_paused():
        return _clean_article(original, format, body_start)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cleaning a big file makes millions of small objects (lines, runs) and no reference
    cycles; Python's cycle collector would re-scan the growing heap again and again (about 40%
    of the time on a 10 MB file, and growing with size). Paused here, resumed as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _clean_article(original: str, format: ArticleFormat, body_start: int) -> CleanArticle:
    if format == "html":
        extract = extract_html(original[body_start:] if body_start else original)
        lines = [
            Line(text=_inline_cleanup(block.text), kind=block.kind, whole=True)
            for block in extract.blocks
        ]
        if body_start:
            lines = [Line(line.text.shifted(body_start), line.kind, line.whole) for line in lines]
        stamps: list[FoundStamp] = []
        kept = _drop_junk(lines, stamps)
        return CleanArticle(_assemble(kept), extract.title, tuple(stamps))
    body = _normalise_characters(MappedText.of(original, body_start))
    lines = _split_lines(body, markdown=format == "markdown")
    first = next((line for line in lines if line.kind != "blank"), None)
    title = first.text.text if first is not None and first.kind == "heading" else None
    stamps = []
    kept = _drop_junk(lines, stamps)
    return CleanArticle(_assemble(kept), title, tuple(stamps))




# --------------------------------------------------------------------------- characters

_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Zero-width and soft-hyphen characters, bidirectional marks, embeddings, overrides and
# isolates, and C0 controls (a stray NUL): invisible, so "two\u200b hours" must read as
# "two hours" and a bidi override must not hide a number from the extractors. The original
# keeps them, and reports show them escaped.
_INVISIBLE = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    r"\x00-\x08\x0e-\x1f\x7f]"
)
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _normalise_characters(text: MappedText) -> MappedText:
    """One kind of line break, one kind of space, no invisible characters."""
    text = text.sub(_LINE_BREAK, lambda _: "\n")
    text = text.sub(_INVISIBLE, lambda _: "")
    return text.sub(_ODD_SPACE, lambda _: " ")


# --------------------------------------------------------------------------- lines and markup

_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^(?:[-*_=~][ \t]*){3,}$")
_BLOCKQUOTE = re.compile(r"^(?:>[ \t]?)+")
_BULLET = re.compile(r"^[•◦▪▫●○‣⁃·][ \t]+")
_MD_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ \t]+")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(
    r"\[([^\]\n]+)\]\((?:<[^>]*>|[^()\s]+(?:\([^()\s]*\))?)(?:[ \t]+\"[^\"]*\")?\)"
)
_MD_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_MD_REF_DEF = re.compile(r"^\[[^\]]+\]:[ \t]+\S+.*$")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_MD_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_MD_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_SPACES = re.compile(r" {2,}")
_HAS_WORD = re.compile(r"\w")


def _markdown_inline(text: MappedText) -> MappedText:
    """Markdown emphasis, links and images to plain words, keeping each word's origin."""
    text = text.sub(_MD_IMAGE, lambda _: "")
    text = text.sub(_MD_LINK, lambda m: text.group(m, 1))
    text = text.sub(_MD_REF_LINK, lambda m: text.group(m, 1))
    text = text.sub(_MD_AUTOLINK, lambda m: text.group(m, 1))
    for pattern, group in ((_MD_STRONG, 2), (_MD_STRIKE, 1), (_MD_EMPHASIS, 1),
                           (_MD_UNDERSCORE, 1), (_MD_CODE, 1)):
        current = text
        text = current.sub(pattern, lambda m, c=current, g=group: c.group(m, g))
    text = text.sub(_HTML_TAG, lambda _: "")
    return text.sub(_ENTITY, lambda m: html.unescape(m.group()))


def _split_lines(body: MappedText, *, markdown: bool) -> list[Line]:
    raw_lines = body.split("\n")
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        text = raw.strip()
        kind: LineKind = "text"
        if not text.text or (
            _RULE.match(text.text) and not _is_setext(raw_lines, index, markdown)
        ):
            lines.append(Line(text=text, kind="blank"))
            continue
        if markdown:
            if _MD_SETEXT.match(text.text) and lines and lines[-1].kind == "text":
                # "Title\n=====": the line above is a heading; the underline is markup.
                lines[-1] = Line(text=lines[-1].text, kind="heading")
                lines.append(Line(text=text.slice(0, 0), kind="blank"))
                continue
            if _MD_REF_DEF.match(text.text):
                continue
            text = text.sub(_BLOCKQUOTE, lambda _: "").strip()
            heading = _MD_HEADING.match(text.text)
            if heading:
                text = text.group(heading, 1)
                kind = "heading"
            elif _MD_ITEM.match(text.text):
                text = text.sub(_MD_ITEM, lambda _: "")
                kind = "item"
            text = _markdown_inline(text)
        if kind == "text" and _BULLET.match(text.text):
            text = text.sub(_BULLET, lambda _: "")
            kind = "item"
        text = _inline_cleanup(text)
        if not _HAS_WORD.search(text.text):
            lines.append(Line(text=text, kind="blank"))
            continue
        lines.append(Line(text=text, kind=kind))
    return lines


def _is_setext(lines: list[MappedText], index: int, markdown: bool) -> bool:
    if not markdown or index == 0 or not lines[index].text.strip().startswith(("=", "-")):
        return False
    return bool(lines[index - 1].text.strip()) and bool(_MD_SETEXT.match(lines[index].text.strip()))


# --------------------------------------------------------------------------- within a line

# "since 2000.Relations", 'policies."The': a full stop with no space before a capitalised word.
_GLUED = re.compile(r"(?<![A-Z.])([a-z]{2}|[0-9%)])([.!?]+[\"”’)]?)([A-Z][a-z])")
_URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|gov|edu|co|io)\b)", re.IGNORECASE)


# What every `_GLUED` match contains; a cheap test that lets most lines skip `_GLUED`.
_GLUED_HINT = re.compile(r"[.!?][\"”’)]?[A-Z]")


def _inline_cleanup(text: MappedText) -> MappedText:
    raw = text.text
    if "  " in raw or _INVISIBLE.search(raw) or raw[:1].isspace() or raw[-1:].isspace():
        text = text.sub(_INVISIBLE, lambda _: "").sub(_SPACES, lambda _: " ").strip()
    if not _GLUED_HINT.search(text.text):
        return text
    return text.sub(_GLUED, lambda m: _unglue(text, m))


def _unglue(text: MappedText, match: re.Match[str]) -> MappedText:
    """Put back the space a scraper lost between two sentences, unless it is a URL or name."""
    token_start = text.text.rfind(" ", 0, match.start()) + 1
    token_end = text.text.find(" ", match.end())
    token = text.text[token_start: token_end if token_end >= 0 else len(text.text)]
    whole = text.slice(match.start(), match.end())
    if _URLISH.search(token):
        return whole
    head = text.group(match, 1) + text.group(match, 2)
    tail = text.group(match, 3)
    return MappedText.join([head, MappedText.inserted(" ", tail.origin(0)), tail])


# --------------------------------------------------------------------------- junk


def _drop_junk(lines: list[Line], stamps: list[FoundStamp] | None = None) -> list[Line]:
    """Remove junk lines and duplicated headlines; a `rest` pattern ends the article.

    Page furniture (publication stamps, datelines, bylines, credits, related links) is taken
    out too and appended to `stamps`: it says when and by whom the page was made, never what
    happened, so it must not become a claim, yet it is what a missing `published` is read from.
    """
    if stamps is None:
        stamps = []
    kept: list[Line] = []
    lines_read = 0
    seen_early: set[str] = set()
    content_count = 0
    # Key of the last kept non-blank line; kept as we go (not searched back for), which keeps
    # this linear when junk leaves long runs of blanks.
    previous_key: str | None = None
    for line in lines:
        if line.kind == "blank":
            kept.append(line)
            continue
        junk = junk_match(line.text.text)
        if junk is not None:
            if junk.rest:
                break
            if junk.stamp is not None:
                stamps.append(FoundStamp(junk.stamp, *line.text.span()))
            kept.append(Line(text=line.text.slice(0, 0), kind="blank"))
            continue
        # Lines read so far, repeated ones too: "the first lines" of the page, which a text
        # repeating one line must leave as surely as any other.
        lines_read += 1
        furniture = _furniture(line, early=lines_read <= _EARLY_LINES, first=lines_read == 1)
        if furniture is not None:
            found, rest = furniture
            stamps.extend(found)
            if rest is None:
                kept.append(Line(text=line.text.slice(0, 0), kind="blank"))
                continue
            line = Line(text=rest, kind=line.kind, whole=line.whole)
        key = " ".join(line.text.text.split()).casefold()
        if previous_key == key:
            continue  # the same line again (a headline printed twice)
        if content_count < _EARLY_LINES and key in seen_early:
            continue
        if content_count < _EARLY_LINES:
            seen_early.add(key)
        content_count += 1
        kept.append(line)
        previous_key = key
    return kept


_EARLY_LINES = 12


def _furniture(
    line: Line, *, early: bool, first: bool
) -> tuple[list[FoundStamp], MappedText | None] | None:
    """The stamps or dateline a line is or opens with, and what is left of the line (None when
    the whole line is furniture).

    Datelines are looked for only among the first lines (`early`), where a report opens, and
    never in a heading; what follows a dateline on its line is article text and stays.
    """
    text = line.text.text
    reading = read_stamp(text, early=early)
    if reading is not None:
        return [FoundStamp(reading.kind, *line.text.span(), reading.parts)], None
    pieces = _furniture_pieces(line.text, early=early)
    if pieces:
        return pieces, None
    if not early or line.kind == "heading":
        return None
    dateline = read_dateline(text, first=first)
    if dateline is None:
        return None
    head = line.text.slice(0, dateline.end).strip()
    found = [FoundStamp("dateline", *head.span(), dateline.parts)]
    if dateline.standalone:
        return found, None
    return found, line.text.slice(dateline.end).strip()


# "By Ana Lima | Published June 12, 2031 | Updated 6:40 p.m.": furniture pieces on one line.
_PIECE_SEPARATOR = re.compile(r"\s+[|•·]\s+")


def _furniture_pieces(text: MappedText, *, early: bool) -> list[FoundStamp]:
    """Each piece of a line split at bars or bullets, when every piece is furniture (a byline,
    a credit, a stamp); else nothing, and the line stays text."""
    raw = text.text
    if len(raw) > 2 * MAX_STAMP_LINE or not _PIECE_SEPARATOR.search(raw):
        return []
    found: list[FoundStamp] = []
    start = 0
    bounds = [(m.start(), m.end()) for m in _PIECE_SEPARATOR.finditer(raw)] + [(len(raw),) * 2]
    for cut, resume in bounds:
        piece = text.slice(start, cut)
        start = resume
        words = piece.text
        reading = read_stamp(words, early=early)
        if reading is not None:
            found.append(FoundStamp(reading.kind, *piece.span(), reading.parts))
            continue
        junk = junk_match(words)
        if junk is None or junk.stamp is None:
            return []
        found.append(FoundStamp(junk.stamp, *piece.span()))
    return found


# --------------------------------------------------------------------------- paragraphs

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_OPENING = "\"“‘'«([{"


def _assemble(lines: list[Line]) -> MappedText:
    """Join wrapped lines into paragraphs; separate paragraphs with one blank line."""
    paragraphs: list[list[MappedText]] = []
    current: list[MappedText] = []
    previous: Line | None = None
    previous_starts = True
    alone = _standalone_lines(lines)
    for index, line in enumerate(lines):
        if line.kind == "blank":
            if current:
                paragraphs.append(current)
            current, previous = [], None
            continue
        if (
            previous is not None
            and not alone[index]
            and not alone[index - 1]
            and _joins(previous, line, previous_starts)
        ):
            # "well-\nknown": keep the hyphen, drop the break; otherwise the break is a space.
            hyphenated = re.search(r"\w-$", previous.text.text) and line.text.text[0].islower()
            current.append(_gap("" if hyphenated else " ", current[-1], line.text))
            current.append(line.text)
            previous_starts = False
        else:
            if current:
                paragraphs.append(current)
            current = [line.text]
            previous_starts = True
        previous = line
    if current:
        paragraphs.append(current)

    parts: list[MappedText] = []
    last: MappedText | None = None
    for paragraph in paragraphs:
        joined = MappedText.join(paragraph)
        if last is not None:
            parts.append(_gap("\n\n", last, joined))
        parts.append(joined)
        last = joined
    return MappedText.join(parts)


def _standalone_lines(lines: list[Line]) -> list[bool]:
    """Datelines and kickers inside a wrapped block ("Lisbon, 4 Mar"): lines that stand alone.

    Such a line is much shorter than the block's wrap width, mostly capitalised, has no final
    stop, and the line after it starts with a capital: it cannot be a piece of a sentence.
    """
    alone = [False] * len(lines)
    block: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].kind != "blank":
            block.append(index)
            continue
        widths = [len(lines[i].text) for i in block if len(lines[i].text) <= _UNWRAPPED_LINE]
        width = max(widths, default=0)
        for position, i in enumerate(block):
            text = lines[i].text.text
            following = lines[block[position + 1]].text.text if position + 1 < len(block) else ""
            alone[i] = (
                len(block) > 2
                and len(text) <= width / 2
                and len(text.split()) <= 6
                and not _ends_sentence(text)
                and not text.endswith((",", ";", ":", "-"))
                and (not following or following[0].isupper() or following[0] in _OPENING)
                and _looks_like_heading(text)
            )
        block = []
    return alone


def _gap(text: str, before: MappedText, after: MappedText) -> MappedText:
    """`text` standing for whatever lies between two kept pieces (newlines, junk, markup)."""
    start, end = before.span()[1], after.span()[0]
    if end < start:
        end = start
    return MappedText.covering(text, start, end)


def _joins(previous: Line, line: Line, previous_starts_paragraph: bool) -> bool:
    """Whether `line` continues the paragraph of `previous` (a hard wrap) or starts a new one."""
    if previous.whole or line.whole:
        return False
    if line.kind in ("heading", "item") or previous.kind == "heading":
        return False
    before = previous.text.text
    after = line.text.text
    first = after[0]
    if first.islower() or first in ",;:)]}’”" or (first.isdigit() and not _ends_sentence(before)):
        return True  # mid-sentence wrap, or a closing quote/attribution on the next line
    if previous.kind == "item":
        return False
    if len(before) > _UNWRAPPED_LINE:
        # A line this long was not hard-wrapped: each line of such text is a paragraph.
        return False
    if _ends_sentence(before):
        last_word = before.rsplit(" ", 1)[-1]
        return before.endswith(".") and continues_after(last_word, after.split(" ", 1)[0])
    if before.endswith((":", ",", ";", "-", "–", "—")):
        return True
    if _starts_sentence(after):
        return False
    return not (previous_starts_paragraph and _looks_like_heading(before))


_UNWRAPPED_LINE = 120


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _starts_sentence(text: str) -> bool:
    """A capitalised function word ("The", "He", "But") only starts a sentence mid-paragraph."""
    from factcheck.text.abbreviations import abbreviations

    word = text.lstrip(_OPENING).split(" ", 1)[0].rstrip(",;:")
    return word in abbreviations().sentence_starters


def _looks_like_heading(text: str) -> bool:
    """Short, no final stop, mostly capitalised words: a title or dateline, not a wrapped line."""
    words = [w for w in re.split(r"[\s,;:|–—-]+", text) if w]
    if not words or len(words) > 14:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return len(words) <= 2 or capitalised / len(words) >= 0.6
