"""Sentences of clean text, with offsets: a small rule-based segmenter, linear in the text.

Claims quote their sentence as evidence, so a wrong split costs a reader context and a wrong
join glues two claims together. News copy is regular enough for rules: paragraphs always end
sentences; a stop, question or exclamation mark (with any closing quotes or brackets) ends one
when a capital, an opening quote or a digit follows, unless the word before is an abbreviation
or an initial (`factcheck/data/abbreviations.yaml`). No model, no download, no global state.
"""

from __future__ import annotations

import re

from factcheck.models import Sentence
from factcheck.text.abbreviations import continues_after

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
# A run of terminal punctuation, its closing quotes/brackets, then either whitespace and the
# next character, or (glued by a scraper) a capitalised word straight after a lower-case word.
_CANDIDATE = re.compile(
    r"(?P<stop>[.?!…]+)(?P<close>[\"'”’»)\]]*)(?:(?P<space>\s+)(?=(?P<next>\S))"
    r"|(?<=[a-z][a-z][.?!])(?=[A-Z][a-z])|(?<=[0-9][.?!])(?=[A-Z][a-z]))"
)
_OPENING = "\"'“‘«([{"
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"


def segment(text: str) -> list[Sentence]:
    """The sentences of `text`, in order; offsets index `text`, spans trimmed of whitespace."""
    sentences: list[Sentence] = []
    start = 0
    for separator in _PARAGRAPH.finditer(text):
        _segment_paragraph(text, start, separator.start(), sentences)
        start = separator.end()
    _segment_paragraph(text, start, len(text), sentences)
    return sentences


def _segment_paragraph(text: str, start: int, end: int, out: list[Sentence]) -> None:
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _ends_here(text, match, sentence_start):
            _emit(text, sentence_start, match.end("close"), out)
            sentence_start = match.end()
    _emit(text, sentence_start, end, out)


def _ends_here(text: str, match: re.Match[str], sentence_start: int) -> bool:
    stop = match.group("stop")
    following = match.group("next")
    if following is None:
        return True  # glued: "in 2000.Relations"
    if not (following.isupper() or following.isdigit() or following in _OPENING):
        return False
    next_token = text[match.end(): match.end() + 40].split(None, 1)[0]
    if stop in ("...", "…") and _inside_quote(text, sentence_start, match.start()):
        return False  # "We waited… And waited," she said.
    if stop != ".":
        return True
    if match.group("close"):
        return True  # 'he said "no."' - the quote closes, so does the sentence
    word_start = max(
        text.rfind(" ", sentence_start, match.start()),
        text.rfind("\n", sentence_start, match.start()),
        sentence_start - 1,
    ) + 1
    word = text[word_start: match.end("stop")]
    return not continues_after(word, next_token)


def _inside_quote(text: str, start: int, position: int) -> bool:
    """Whether a quotation opened in this sentence is still open at `position`."""
    span = text[start:position]
    curly = sum(span.count(q) for q in _OPEN_QUOTES) - sum(span.count(q) for q in _CLOSE_QUOTES)
    return curly > 0 or span.count('"') % 2 == 1


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
