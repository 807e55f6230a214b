"""A small rule-based English lemmatiser, enough to line up "arrived" with "arrival"'s group.

Alignment only needs inflected forms of one word to meet ("talks"/"talk", "arrived"/"arrive",
"evacuated"/"evacuate"), not a dictionary-grade lemma, so a handful of suffix rules plus a table
of exceptions (`factcheck/data/lemmas.yaml`) does. Matching goes through `term_key`, which also
drops a final "e", so the one guess the rules cannot make reliably (was there an "e" before
"-ed"?) never decides whether two words match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

from factcheck.resources import load_table

_VOWELS = set("aeiou")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Claims, alignment and the quote rule lemmatise the same few thousand words again and again
# (238,843 calls on the dev stories); `lemma` and `term_key` are pure, so they are memoised,
# bounded because a long run's vocabulary is not.
_WORD_CACHE = 1 << 16


@cache
def _table() -> Mapping[str, Any]:
    return load_table("lemmas")


def _restore_e(stem: str) -> str:
    """Put back the "e" that -ed/-ing removed ("arriv" -> "arrive") when the stem looks so."""
    table = _table()
    if len(stem) < 3:
        return stem
    if any(stem.endswith(ending) for ending in table["keep_bare"]):
        return stem
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]  # "stopped" -> "stopp" -> "stop"
    if any(stem.endswith(ending) for ending in table["restore_e"]):
        return stem + "e"
    return stem


@lru_cache(maxsize=_WORD_CACHE)
def lemma(word: str) -> str:
    """Lemma of one word: lower case, possessive dropped, inflection undone."""
    token = word.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    token = token.strip("'-")
    table = _table()
    if token in table["irregular"]:
        return str(table["irregular"][token])
    if token in table["invariant"] or len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("ied") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("ing") and len(token) > 5 and any(c in _VOWELS for c in token[:-3]):
        return _restore_e(token[:-3])
    if token.endswith("ed") and len(token) > 4 and any(c in _VOWELS for c in token[:-2]):
        return _restore_e(token[:-2])
    if token.endswith(("sses", "shes", "ches", "xes", "zes")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is", "os")):
        return token[:-1]
    return token


@lru_cache(maxsize=_WORD_CACHE)
def term_key(term: str) -> str:
    """What two terms must share to match: each word's lemma, with a final "e" dropped."""
    keys = []
    for word in term.split():
        base = lemma(word)
        if len(base) > 3 and base.endswith("e"):
            base = base[:-1]
        keys.append(base)
    return " ".join(keys)


def _bare(term: str) -> str:
    """A lemma without the final "e" the lemmatiser may or may not have restored."""
    return term[:-1] if len(term) > 3 and term.endswith("e") else term


def surface_terms(terms: Iterable[str], texts: Iterable[str]) -> list[str]:
    """About-terms in the words `texts` used, not as alignment keys.

    Alignment compares lemmas ("collaps", "welcom" are what a suffix rule leaves), which are
    right for matching and wrong for a reader; the evidence sentences hold the real words. A
    term found as a word of the evidence is shown as it is; otherwise the first evidence word
    with the same key that is not shown already ("collaps" -> "collapsed"). Terms of several
    words (vocabulary concepts) and terms no sentence holds are kept as they are. Terms are
    lemmas already, so a word of the evidence is lemmatised and compared with the term.
    """
    words: dict[str, None] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group().lower().replace("’", "'")
            words.setdefault(word.removesuffix("'s"), None)
    by_key: dict[str, list[str]] = {}
    for word in words:
        by_key.setdefault(_bare(lemma(word)), []).append(word)
    terms = list(terms)
    shown_set = {term for term in terms if term in words}
    shown = []
    for term in terms:
        if term in words or " " in term:
            shown.append(term)
            continue
        found = next(
            (word for word in by_key.get(_bare(term), []) if word not in shown_set), None
        )
        if found is None:
            shown.append(term)
        else:
            shown_set.add(found)
            shown.append(found)
    return shown
