"""Quotations: the words an article puts in someone's mouth, and whose mouth.

Outlets quote the same statement in different words (a translation choice, a paraphrasing
tool, a misquote), so the quoted words are what the quote rule compares, and the speaker is
what tells two quotations of one statement from two statements.

Quotation marks in scraped news are damaged more often than not, so marks are read by their
surroundings rather than their shape: a mark with a space before and a word after opens, a mark
with a word before and a space or punctuation after closes, whatever its glyph ("ally“," closes).
A quotation never runs past a blank line unless the next paragraph opens with a mark (the
convention for a quotation running over several paragraphs); one left open ends at the first
sentence that ends a line. Single marks are quotations only when they pair up; otherwise they
are apostrophes ("don't", "the leaders' talks", "'90s").

Decisions:
- Only the outermost quotation is reported; a quotation inside another stays in its words.
- The title of a work in marks ("the film “Red Skies”") is not speech and is skipped when a
  work noun (`work_nouns`) stands right before it. Other title-case phrases are kept: chants and
  slogans are speech, and nothing but the noun before them tells them apart from titles.
- Inch and foot marks (5'10", 6') are not quotation marks.
- Who speaks is read from the parse (`speaker`): the subject of the speech verb next to the
  quotation, a person named in apposition, a document's author. A speaker is the name as
  written without titles ("President Jane Doe" -> "Jane Doe"), or the description the text
  gives when it gives no name ("the ministry", "Western officials"); a description is resolved
  to the one person the text introduced with its title. A pronoun is resolved to the person
  the writer's nearby sentences name, and left unresolved (None) when two persons compete or
  what the text says of the person's gender rules it out.

The words of verbs, titles and pronouns are data: `factcheck/data/speech_verbs.yaml`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.extract.speaker import (
    GROUP_NOUNS,
    LEXICON,
    SPEECH_VERBS,
    TITLES,
    Cast,
    Said,
    said_by,
)
from factcheck.models import Context, Mention, QuoteValue, Sentence
from factcheck.nlp import parse
from factcheck.nlp import sentences as nlp_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NOT_NAMES = frozenset(LEXICON["not_names"])
_ABBREVIATIONS = frozenset(LEXICON["abbreviations"])
_ELISIONS = tuple(sorted(LEXICON["elisions"], key=len, reverse=True))
_WORK_NOUNS = frozenset(LEXICON["work_nouns"])
_TITLE_NOUNS = frozenset(LEXICON["title_nouns"])
_NEUTRAL_MODIFIERS = frozenset(LEXICON["neutral_modifiers"])
_TITLE_NOUN_RE = re.compile(
    r"(?<![\w’'])(" + "|".join(sorted(_TITLE_NOUNS, key=len, reverse=True)) + r")(?![\w’'-])",
    re.IGNORECASE,
)
# The same nouns for a scan of a whole text: one character of their first letters, then the
# lookbehind and the nouns in a lookahead, so that the engine skips other characters in its
# fast loop instead of testing the lookbehind at every position (about twice as fast). It
# consumes one character, so `_title_noun_spans` drops finds inside the previous one.
_TITLE_NOUN_SCAN = re.compile(
    "[" + "".join(sorted({noun[0] for noun in _TITLE_NOUNS})) + r"](?<![\w’'].)(?<=(?="
    + _TITLE_NOUN_RE.pattern[len(r"(?<![\w’'])"):] + ").)",
    re.IGNORECASE,
)

_DOUBLE_OPEN = "“„‟«"
_DOUBLE_CLOSE = "”»"
_DOUBLE = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_SINGLE_OPEN = "‘‛"
_SINGLE = _SINGLE_OPEN + "’'"
# Scanning for the marks with a regex is many times faster than a Python loop over characters.
_DOUBLE_RE = re.compile(f"[{re.escape(_DOUBLE)}]")
_SINGLE_RE = re.compile(f"[{re.escape(_SINGLE)}]")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_ALL_MARKS = _DOUBLE + _SINGLE
_BEFORE_OPENING = "([{—–-/" + _ALL_MARKS
_AFTER_CLOSING = ".,;:!?)]}—–-/…" + _ALL_MARKS

_HARD_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
# A sentence that ends a line: where a quotation left open is taken to end.
_SOFT_END_RE = re.compile(r"[.!?…](?=[\"”’']?[ \t]*\n)")
_INCH_RE = re.compile(r"\d(?:'|’)(?:\d+(?:\.\d+)?(?:\"|”|″))?|\d(?:\"|″)(?=\s*(?:tall|long|wide))")
_NOT_NEWLINE = re.compile(r"[^\n]")
_NOT_SPACE = re.compile(r"\S")
# What ends a sentence; a quotation whose words end on one ends the writer's sentence too.
_STOPS = ".!?…"
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "bin", "bint", "ibn", "al", "el", "da",
                        "di", "du", "le", "la", "del", "dos", "ben", "abu"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "one", "our"})
_MAX_QUOTE = 2000
_MAX_SINGLE_QUOTE = 600


@dataclass(frozen=True)
class _Span:
    """A quotation: the opening mark, the content, and the closing mark (None if left open)."""

    open_mark: int
    start: int
    end: int
    close_mark: int | None
    double: bool


@dataclass(frozen=True)
class _Who:
    """Who a quotation is attributed to before pronouns are resolved."""

    name: str | None = None
    description: str | None = None
    pronoun: str | None = None
    at: int = 0  # where the pronoun stands: only what comes before it can be its referent

    @property
    def found(self) -> bool:
        return bool(self.name or self.description or self.pronoun)


def normalise_quote(words: str) -> str:
    """Fold the marks and spacing that differ between outlets but not in what was said."""
    folded = re.sub(r"[“”„‟«»″]", '"', words)
    folded = re.sub(r"[‘’‛`´]", "'", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return folded.strip(" ,;:")


def find_quotes(text: str, context: Context, doc: Doc | None = None) -> list[Mention]:
    """Every outermost quotation in `text`, with its speaker where the text says who it is.
    `doc` is the text's parse (parsed here when not given): its sentences bound the writer's
    words read for a speaker and where a quotation left open ends, and its tree and entities
    say who speaks (`speaker`)."""
    del context  # quotations need no calendar; the signature is every extractor's
    if doc is None:
        doc = parse(text)
    sentences = nlp_sentences(doc)
    ends = [sentence.end for sentence in sentences if text[sentence.end - 1] in _STOPS]
    spans = _outermost(_double_spans(text, ends) + _single_spans(text))
    spans = [span for span in spans if not _is_work_title(text, span)]
    if not spans:
        return []
    masked = _mask(text, spans)
    starts = _writer_sentence_starts(text, sentences, spans)
    mentions: list[Mention] = []
    speakers: list[tuple[int, str]] = []
    previous: tuple[_Span, str | None] | None = None
    facts = _NameFacts(text)
    cast = Cast.of(doc, masked)
    for span in spans:
        speaker, how = _attribute(text, masked, starts, span, speakers, previous, facts,
                                  doc, cast)
        if speaker and speaker[:1].isupper() and how != "carried":
            speakers.append((span.start, speaker))
        previous = (span, speaker)
        raw = text[span.start:span.end]
        words = normalise_quote(_join_paragraphs(raw))
        if not words or _writer_words(words):
            continue
        mentions.append(
            Mention(
                kind="quote", text=raw, start=span.start, end=span.end,
                value=QuoteValue(
                    words=words, speaker=speaker, carried=how == "carried",
                    inferred=how == "inferred" and speaker is not None,
                    partial=len(words.split()) <= 2,
                ),
            )
        )
    return mentions


def _writer_words(words: str) -> bool:
    """Marks paired across the writer's text: a "quotation" that opens with a speech verb and
    a name ("said Ana Ruiz, the mayor's aide. We are ...") is the attribution between a
    closing mark and the next opening one, not anyone's words."""
    first, _, rest = words.partition(" ")
    return first.lower() in SPEECH_VERBS and rest[:1].isupper()


# --------------------------------------------------------------------------- marks


def _flank(text: str, i: int) -> str:
    """Which way a mark faces: 'left' opens, 'right' closes, 'isolated' or 'glued' unclear."""
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    space_before = prev is None or prev.isspace() or prev in _BEFORE_OPENING
    space_after = nxt is None or nxt.isspace() or nxt in _AFTER_CLOSING
    if space_before and not space_after:
        return "left"
    if space_after and not space_before:
        return "right"
    return "isolated" if space_before else "glued"


def _inch_marks(text: str) -> set[int]:
    """Positions of foot and inch marks after digits (5'10"), which close nothing."""
    found: set[int] = set()
    for match in _INCH_RE.finditer(text):
        found.update(
            match.start() + k for k, ch in enumerate(match.group()) if ch in "'’\"”″"
        )
    return found


def _opens_outside(ch: str, flank: str) -> bool:
    if ch in _DOUBLE_OPEN:
        return flank != "right"
    if ch == '"':
        return flank != "right"
    return flank == "left"  # a closing glyph used to open: ”Like this”


def _opens_inside(ch: str, flank: str) -> bool:
    """Whether a mark met inside a quotation opens a new one (so the first was left open)."""
    return flank == "left" and ch not in _DOUBLE_CLOSE


def _double_spans(text: str, sentence_ends: list[int]) -> list[_Span]:
    inches = _inch_marks(text)
    marks = [m.start() for m in _DOUBLE_RE.finditer(text) if m.start() not in inches]
    breaks = [m.start() for m in _HARD_BREAK_RE.finditer(text)]
    break_ends = [m.end() for m in _HARD_BREAK_RE.finditer(text)]
    spans: list[_Span] = []
    open_at: int | None = None
    resume = 0  # where the current quotation's latest paragraph starts
    for i in marks:
        ch, flank = text[i], _flank(text, i)
        if open_at is not None:
            k = bisect.bisect_right(breaks, resume)
            crossed = k < len(breaks) and breaks[k] < i
            if crossed and break_ends[k] == i and (_opens_inside(ch, flank) or ch in _DOUBLE_OPEN):
                resume = i  # the convention: a new paragraph of the same quotation
                continue
            if crossed and _closes_across(text, i, flank, breaks, k, open_at):
                spans.append(_closed(text, open_at, i, double=True))
                open_at = None
                continue
            if crossed or i - open_at > _MAX_QUOTE:
                spans.append(_unclosed(text, open_at, resume, i, sentence_ends))
                open_at = None
            elif _opens_inside(ch, flank):
                spans.append(_unclosed(text, open_at, resume, i, sentence_ends))
                open_at, resume = i, i
                continue
            else:
                spans.append(_closed(text, open_at, i, double=True))
                open_at = None
                continue
        if _opens_outside(ch, flank) and not _ends_line(text, i):
            open_at, resume = i, i
    if open_at is not None:
        spans.append(_unclosed(text, open_at, resume, len(text), sentence_ends))
    return [span for span in spans if span.end > span.start]


def _closes_across(
    text: str, i: int, flank: str, breaks: list[int], k: int, open_at: int,
) -> bool:
    """Whether a mark after a paragraph break closes the quotation opened before it.

    Scraped copy keeps a quotation's closing mark but loses the opening marks of its later
    paragraphs ('"We ran.\n\nWe hid, " Ana said.'). A mark that does not open a word, after
    the quotation's last stop or comma, closes it across the breaks when an attribution
    follows it on its line, or when only one break lies between and a stop precedes it."""
    if flank not in ("isolated", "right") or i - open_at > _MAX_QUOTE:
        return False
    before = text[max(open_at, i - 3):i].rstrip()[-1:]
    if before not in _STOPS and before != ",":
        return False
    if _attribution_follows(text, i):
        return True
    return bisect.bisect_right(breaks, i) == k + 1 and before in _STOPS


def _attribution_follows(text: str, i: int) -> bool:
    """A speech verb among the first words after a mark on its line (' Ana said.', ' said
    the mayor', ' Ana Ruiz, the mayor, said')."""
    end = text.find("\n", i + 1)
    line = text[i + 1:end if end >= 0 else len(text)]
    words = re.findall(r"[^\W\d_][\w’'-]*", line)[:_ATTRIBUTION_REACH]
    return any(word.lower() in SPEECH_VERBS for word in words)


_ATTRIBUTION_REACH = 8


def _ends_line(text: str, i: int) -> bool:
    """A mark with nothing after it on its line opens nothing: the quoted words would start
    on the next line, which in scraped copy is the next paragraph, a writer's sentence (the
    stray close of a quotation whose paragraph lost its opening mark, '... were dead. "')."""
    end = text.find("\n", i + 1)
    return not text[i + 1:end if end >= 0 else len(text)].strip()


def _closed(text: str, open_mark: int, close_mark: int, *, double: bool) -> _Span:
    start, end = _trim(text, open_mark + 1, close_mark)
    return _Span(open_mark, start, end, close_mark, double)


def _unclosed(
    text: str, open_mark: int, resume: int, limit: int, sentence_ends: list[int],
) -> _Span:
    """A quotation whose closing mark is missing ends where its paragraph or sentence does."""
    region_end = limit
    hard = _HARD_BREAK_RE.search(text, resume + 1, limit)
    if hard:
        region_end = hard.start()
    soft = _SOFT_END_RE.search(text, resume + 1, region_end)
    if soft:
        region_end = soft.end()
    elif region_end == limit and limit < len(text):
        # the next quotation opened on the same line: end at the last sentence before it
        last = bisect.bisect_left(sentence_ends, limit) - 1
        if last >= 0 and sentence_ends[last] > resume + 1:
            region_end = sentence_ends[last]
    start, end = _trim(text, open_mark + 1, region_end)
    return _Span(open_mark, start, end, None, True)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _is_elision(text: str, i: int) -> bool:
    after = text[i + 1:i + 8].lower()
    if re.match(r"\d{2}s?\b", after):
        return True
    return any(
        after.startswith(e) and not after[len(e):len(e) + 1].isalpha() for e in _ELISIONS
    )


def _single_spans(text: str) -> list[_Span]:
    inches = _inch_marks(text)
    openers: list[int] = []
    closers: list[int] = []
    for mark in _SINGLE_RE.finditer(text):
        i, ch = mark.start(), mark.group()
        if i in inches:
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word
        flank = _flank(text, i)
        if flank == "left" and nxt.isalnum() and ch != "’" and not _is_elision(text, i):
            openers.append(i)
        elif flank in ("right", "glued") and ch != "‘":
            closers.append(i)
    spans: list[_Span] = []
    taken = -1
    for opener in openers:
        if opener <= taken:
            continue
        hard = _HARD_BREAK_RE.search(text, opener)
        limit = min(opener + _MAX_SINGLE_QUOTE, hard.start() if hard else len(text))
        first = bisect.bisect_right(closers, opener)
        candidates = [c for c in closers[first:] if c < limit]
        chosen = None
        for n, closer in enumerate(candidates):
            possessive = text[closer - 1] == "s" and _LOWER_WORD_NEXT.match(text, closer + 1)
            if possessive and n + 1 < len(candidates):
                continue  # "the leaders’ talks": a later mark closes the quotation
            chosen = closer
            break
        if chosen is not None:
            spans.append(_closed(text, opener, chosen, double=False))
            taken = chosen
    return [span for span in spans if span.end > span.start]


def _outermost(spans: list[_Span]) -> list[_Span]:
    """Drop quotations nested in others, and single-mark pairs that straddle a double one."""
    doubles = sorted((s for s in spans if s.double), key=lambda s: s.open_mark)
    opens = [d.open_mark for d in doubles]
    kept: list[_Span] = []
    for span in spans:
        # only the double quotation open at this one's start, or opening inside it, can
        # straddle it (double quotations never overlap one another)
        first = max(0, bisect.bisect_left(opens, span.open_mark) - 1)
        last = bisect.bisect_left(opens, _outer_end(span))
        if not span.double and any(
            d.open_mark < span.open_mark < _outer_end(d) < _outer_end(span)
            or span.open_mark < d.open_mark < _outer_end(span) < _outer_end(d)
            for d in doubles[first:last]
        ):
            continue
        kept.append(span)
    kept.sort(key=lambda s: (s.open_mark, -_outer_end(s)))
    result: list[_Span] = []
    for span in kept:
        if result and span.open_mark < _outer_end(result[-1]):
            continue
        result.append(span)
    return result


def _outer_end(span: _Span) -> int:
    return span.close_mark + 1 if span.close_mark is not None else span.end


def _is_work_title(text: str, span: _Span) -> bool:
    """A work noun right before the mark, on the same line: 'the film “Red Skies”'."""
    before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, span.open_mark - 40):span.open_mark])
    return bool(before) and before.group(1).lower() in _WORK_NOUNS


def _join_paragraphs(raw: str) -> str:
    """Remove the opening marks that restart a quotation in each of its later paragraphs."""
    return re.sub(r"\n[ \t]*\n\s*[“„‟«\"‘']", " ", raw)


# --------------------------------------------------------------------------- sentences


def _mask(text: str, spans: list[_Span]) -> str:
    """The text with quoted words blanked, so that attribution reads only the writer's words.

    A final stop inside the marks is kept, as the end of the writer's sentence it also is.
    """
    chars = list(text)
    for span in spans:
        if span.end <= span.start:
            continue
        last = span.end - 1
        # one substitution per quotation, not a Python step per character
        chars[span.start:last] = _NOT_NEWLINE.sub("_", "".join(chars[span.start:last]))
        if chars[last] != "\n" and chars[last] not in ".!?":
            chars[last] = "_"
    return "".join(chars)


def _writer_sentence_starts(
    text: str, sentences: Sequence[Sentence], spans: list[_Span],
) -> list[int]:
    """Where the writer's sentences start, the first at 0: the parse's sentence starts, less
    those a quotation holds. The parser ends a sentence inside a quotation ('He said: "We
    left. It was dark."' is two sentences to it), but the writer's sentence runs on around
    the quoted words, and its words before and after them are where the speaker is named; a
    quotation of several sentences is one quote with one speaker. A quotation that does not
    end on a stop ('"We left," she said') does not end the writer's sentence either, so a
    start right after it is dropped too."""
    starts = [0]
    closes = [_outer_end(span) for span in spans]
    for sentence in sentences:
        start = sentence.start
        index = bisect.bisect_right(closes, start) - 1  # the last quotation closed by then
        inside = index + 1 < len(spans) and spans[index + 1].open_mark < start
        if inside:
            continue
        if index >= 0 and _NOT_SPACE.search(text, closes[index], start) is None:
            span = spans[index]
            if text[span.end - 1:span.end] not in _STOPS:
                continue
        if start > 0:
            starts.append(start)
    return starts


# --------------------------------------------------------------------------- attribution


def _attribute(
    text: str, masked: str, starts: list[int], span: _Span,
    speakers: list[tuple[int, str]], previous: tuple[_Span, str | None] | None,
    facts: _NameFacts, doc: Doc, cast: Cast,
) -> tuple[str | None, str]:
    """The quotation's speaker, and how the text gives it: "said" at the quote (a name, or
    a description kept as written), "inferred" (a pronoun or a description resolved to a
    name given elsewhere) or "carried" from the quotation before."""
    sentence_start = starts[bisect.bisect_right(starts, span.open_mark) - 1]
    head = _NOT_SPACE.search(masked, sentence_start, span.open_mark) is not None
    after = _outer_end(span)
    following = bisect.bisect_right(starts, after)  # an index: a slice copied the rest
    tail_end = starts[following] if following < len(starts) else len(text)
    ended = text[span.end - 1:span.end] in (".", "!", "?") and span.close_mark is not None
    new_sentence = ended and _starts_upper(masked, after)
    who = _who(said_by(doc, cast, (sentence_start, span.open_mark), (after, tail_end),
                       new_sentence=new_sentence), text)
    if not who.found and not head and previous is not None:
        prev_span, prev_speaker = previous
        prev_end = _outer_end(prev_span)
        same_paragraph = not _HARD_BREAK_RE.search(text, prev_end, span.open_mark)
        if prev_speaker and same_paragraph:
            return prev_speaker, "said"  # a second quotation of the same paragraph
        # News convention: a paragraph that is only a quotation, right after a quotation
        # with no sentence of the writer's between them, goes on with the same speaker.
        # A reader takes it so; a comparison does not rely on it (`carried`).
        uninterrupted = bisect.bisect_right(starts, prev_end) == bisect.bisect_left(
            starts, span.open_mark)
        if prev_speaker and uninterrupted and prev_speaker[:1].isupper():
            return prev_speaker, "carried"
    if who.name:
        return who.name, "said"
    if who.description:
        resolved = _resolve_description(who.description, text, span.open_mark, facts)
        return (resolved, "inferred") if resolved else (who.description, "said")
    if who.pronoun:
        return cast.resolve(who.pronoun, who.at, starts, speakers), "inferred"
    return None, "said"


def _who(said: Said, text: str) -> _Who:
    """The parse's reading of a speaker, its name cleaned as every name here is."""
    if said.pronoun:
        return _Who(pronoun=said.pronoun, at=said.at)
    if said.name:
        who = _clean_name(list(said.name), text)
        if who.found:
            return who
    if said.description:
        words = list(said.description)
        if words[0].lower() in _DETERMINERS or words[0].lower() in GROUP_NOUNS:
            words[0] = words[0].lower()
        return _Who(description=" ".join(words))
    return _Who()


def _starts_upper(masked: str, position: int) -> bool:
    rest = masked[position:].lstrip(" \t\n,")
    return rest[:1].isupper()


@lru_cache(maxsize=512)
def _written_lower_case(word: str, text: str) -> bool:
    """Cached: the same capitalised word is asked about at every quote of a long text (a
    string's hash is computed once, so the key costs nothing after the first call)."""
    return re.search(rf"(?<![\w’'/.@-]){re.escape(word)}(?![\w’'/-])", text) is not None


def _clean_name(parts: list[str], text: str) -> _Who:
    """The name as written, without titles and connectives; None when it is no name at all."""
    words = [p.rstrip(".") if p.rstrip(".").lower() in _ABBREVIATIONS else p for p in parts]
    words = [w.rstrip(".") if w.endswith(".") and len(w) > 2 else w for w in words]
    while words and words[0].lower() in _NOT_NAMES and words[0].lower() not in GROUP_NOUNS:
        words = words[1:]
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    while words and words[-1].lower() in _PARTICLES:
        words = words[:-1]
    if not words or re.search(r"['’]s?$", words[-1]):
        return _Who()  # "Doe's office": a possessive names no speaker
    if len(words) == 1:
        lowered = words[0].lower()
        if lowered in GROUP_NOUNS:
            return _Who(description=lowered)
        if lowered in _NOT_NAMES or lowered in TITLES:
            return _Who()
        if lowered.endswith(("ly", "wards")) or _written_lower_case(lowered, text):
            return _Who()  # written lower case elsewhere: a common word, not a name
    return _Who(name=" ".join(words))


def _resolve_description(
    description: str, text: str, position: int, facts: _NameFacts | None = None
) -> str | None:
    """'the foreign minister' is the person the text last named with that title before.

    News names a person once with a title ("Foreign Minister Anna Berg", "the Ruritanian
    leader, Ivo Stan,") and then reuses the title alone. The description resolves only when
    every person so introduced with its title noun and compatible modifiers is one person:
    with two foreign ministers in the story, "the minister" could be either, and a wrong
    name would merge two statements, so it stays unresolved.
    """
    query = _title_query(description)
    if query is None:
        return None
    return _one_person(_title_holders(query, text, position, facts))


def is_name(speaker: str | None) -> bool:
    """Whether a speaker is a name ("Ana Ruiz", "Human Rights Watch", "Ibn Saud") rather than
    a description kept as written ("the ministry", "Reid's rep", "the Navy chief"): every
    word capitalised but particles and connectives, and no possessive."""
    if not speaker or not speaker[:1].isupper():
        return False
    for word in speaker.split():
        if re.search(r"['’]s?$", word) or (not word[:1].isupper() and not word[:1].isdigit()
                                           and word.lower().split("-")[0] not in _NAME_LINKS):
            return False
    return True


_NAME_LINKS = _PARTICLES | {"of", "and", "for", "the", "on", "&"}


def title_holder(description: str, texts: Sequence[str]) -> str | None:
    """The one person that any of `texts` introduces with the title a description gives.

    For the story-level step of the quote rule: an article that only ever writes "the French
    president" is tied to the name another outlet of the same story gives with that title
    ("French President Ana Costa"). Extraction is per article (and cached), so this is asked at
    comparison time. None when no text names a holder, or when the texts name two people with
    the title (a story about two foreign ministers leaves "the foreign minister" unresolved).
    A bare title ("the president", "the minister") is left alone: across several outlets'
    articles it names too many offices to be read as one person's.
    """
    query = _title_query(description)
    if query is None or not query[1]:
        return None
    names = [name for text in texts for name in _title_holders(query, text, len(text))]
    return _one_person(names)


def _title_query(description: str) -> tuple[str, frozenset[str]] | None:
    """The title noun and the modifiers that matter of 'the [modifiers] <title noun>'."""
    words = re.split(r"[\s-]+", description.lower())
    if len(words) < 2 or words[0] not in _DETERMINERS - {"one"}:
        return None
    noun = words[-1]
    if noun not in _TITLE_NOUNS:
        return None
    return noun, _meaningful_modifiers(words[1:-1])


def _title_holders(
    query: tuple[str, frozenset[str]], text: str, position: int, facts: _NameFacts | None = None
) -> list[str]:
    noun, wanted = query
    introductions = (
        facts.title_introductions(position) if facts is not None
        else _title_introductions(text, position)
    )
    return [
        name for intro_noun, modifiers, name in introductions
        if intro_noun == noun and all(
            any(_modifier_matches(w, m) for m in modifiers) for w in wanted
        )
    ]


def _one_person(names: list[str]) -> str | None:
    """The fullest form of the name when all `names` are one person; None otherwise."""
    if not names:
        return None
    latest = names[-1]
    if any(not _same_person(latest, other) for other in names):
        return None
    return max(names, key=lambda name: len(name.split()))  # the fullest form of the name


def _meaningful_modifiers(words: list[str]) -> frozenset[str]:
    return frozenset(
        _strip_possessive(w) for w in words if w and w not in _NEUTRAL_MODIFIERS
    )


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word.lower())


def _modifier_matches(wanted: str, given: str) -> bool:
    """'Korean' matches 'Korea's': a demonym and its country share a stem more often than
    not, and a false match still needs the same title noun and only one holder."""
    if wanted == given:
        return True
    short, long_ = sorted((wanted, given), key=len)
    return len(short) >= 4 and long_.startswith(short)


def _same_person(a: str, b: str) -> bool:
    """'Vladimir Ivanov' and 'Ivanov' are one person; names are compared on the surname."""
    return a.split()[-1].lower() == b.split()[-1].lower()


_PIECE_RE = re.compile(r"[^\W\d_][\w’'-]*\.?|\n[ \t]*\n|[^\w\s]")


def _title_introductions(text: str, position: int) -> list[tuple[str, frozenset[str], str]]:
    """(title noun, its modifiers, the name) for each person the text introduces with a title
    before `position`: "French President Ana Costa", "the French president, Ana Costa," and
    "Ana Costa, the French president,"."""
    found = (
        _introduction(text, match.start(), match.end(), position)
        for match in _TITLE_NOUN_RE.finditer(text, 0, position)
    )
    return [intro for intro in found if intro is not None]


# How far past a title noun's start the scan for one reads: the longest noun and the one
# character each of the look-behind and the look-ahead.
_TITLE_SCAN_REACH = max(map(len, _TITLE_NOUNS), default=0) + 1
_INTRODUCTION_REACH = 120


def _introduction(
    text: str, start: int, end: int, position: int
) -> tuple[str, frozenset[str], str] | None:
    """The introduction made by the title noun at `start`-`end`, reading no further than
    `position`."""
    noun = text[start:end].lower()
    before = _PIECE_RE.findall(text[max(0, start - _INTRODUCTION_REACH):start])
    modifiers, determiner_at = _modifiers_before(before)
    after = _PIECE_RE.findall(text[end:min(position, end + _INTRODUCTION_REACH)])
    name: str | None = None
    if after and after[0] != ",":
        name = _name_run(after, 0, text)  # "Foreign Minister Anna Berg"
    elif after:
        run_end = _run_end(after, 1)
        if run_end < len(after) and after[run_end] in {",", ")", ".", "—", ";"}:
            name = _name_run(after, 1, text)  # "the foreign minister, Anna Berg,"
    if name is None and determiner_at is not None and after and after[0] in {",", ")"}:
        # "Anna Berg, the foreign minister,": the name stands before the comma
        head = before[:determiner_at]
        if head and head[-1] == ",":
            first = len(head) - 1
            while first > 0 and _is_name_piece(head[first - 1]):
                first -= 1
            if first < len(head) - 1:
                name = _name_run(head[first:-1], 0, text)
    return (noun, _meaningful_modifiers(modifiers), name) if name else None


def _modifiers_before(pieces: list[str]) -> tuple[list[str], int | None]:
    """The words qualifying a title noun, read backwards to a determiner or a non-modifier;
    also where the determiner stands (None when there is none)."""
    modifiers: list[str] = []
    k = len(pieces)
    while k > 0 and len(modifiers) < 4:
        piece = pieces[k - 1].rstrip("-")
        lowered = piece.lower()
        if not piece[:1].isalpha():
            return modifiers, None
        if lowered in _DETERMINERS - {"one"}:
            return modifiers, k - 1
        possessive = re.search(r"['’]s?$", piece) is not None
        if (piece[:1].isupper() and lowered not in _NOT_NAMES) or possessive or (
            lowered in TITLES or lowered in _NEUTRAL_MODIFIERS
        ):
            modifiers.insert(0, lowered)
            k -= 1
            continue
        return modifiers, None
    return modifiers, None


def _is_name_piece(piece: str) -> bool:
    return piece[:1].isupper() or piece.lower() in _PARTICLES


def _run_end(pieces: list[str], start: int) -> int:
    end = start
    while end < len(pieces) and end - start < 5 and _is_name_piece(pieces[end]) and (
        pieces[end][:1].isalpha()
    ):
        end += 1
        if re.search(r"['’]s$", pieces[end - 1]):
            break  # "Anna Berg's office": the name ends at the possessive
    return end


def _name_run(pieces: list[str], start: int, text: str) -> str | None:
    end = _run_end(pieces, start)
    if end == start or not pieces[start][:1].isupper():
        return None
    words = [re.sub(r"['’]s$", "", p) for p in pieces[start:end]]
    return _clean_name(words, text).name




class _NameFacts:
    """The title introductions of one text ("Foreign Minister Anna Berg"), found once.

    Every quotation given to a description ("the minister said") used to scan the text before
    it again: quadratic in such quotations.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._title_nouns: list[tuple[int, int]] | None = None
        self._introductions: dict[int, tuple[str, frozenset[str], str] | None] = {}

    def title_introductions(self, position: int) -> list[tuple[str, frozenset[str], str]]:
        """`_title_introductions(text, position)`, from one scan of the whole text.

        A title noun starting far enough before `position` is found alike by both scans, and
        its introduction is the same when its words end before `position`; the few near
        `position` are read again.
        """
        if self._title_nouns is None:
            self._title_nouns = _title_noun_spans(self.text)
        nouns = self._title_nouns
        settled = bisect.bisect_right(nouns, position - _TITLE_SCAN_REACH, key=lambda m: m[0])
        found: list[tuple[str, frozenset[str], str]] = []
        for start, end in nouns[:settled]:
            if position >= min(len(self.text), end + _INTRODUCTION_REACH):
                if start not in self._introductions:
                    self._introductions[start] = _introduction(
                        self.text, start, end, len(self.text)
                    )
                intro = self._introductions[start]
            else:
                intro = _introduction(self.text, start, end, position)
            if intro is not None:
                found.append(intro)
        resume = nouns[settled - 1][1] if settled else 0
        for match in _TITLE_NOUN_RE.finditer(self.text, resume, position):
            intro = _introduction(self.text, match.start(), match.end(), position)
            if intro is not None:
                found.append(intro)
        return found


def _title_noun_spans(text: str) -> list[tuple[int, int]]:
    """The spans `_TITLE_NOUN_RE.finditer(text)` finds, by the faster `_TITLE_NOUN_SCAN`."""
    spans: list[tuple[int, int]] = []
    resume = 0
    for match in _TITLE_NOUN_SCAN.finditer(text):
        start = match.start()
        if start >= resume:
            resume = start + len(match.group(1))
            spans.append((start, resume))
    return spans

