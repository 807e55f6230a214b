"""Nouns after a number: singular forms, plurals and the normalised counted thing.

Shared by the quantity extractor (what "5 million artillery shells" counts) and the scale
readings (whether "magnitude 3" is followed by a counted noun, as in "the magnitude of 3
recessions", and so is no reading). The tables are `units.yaml`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from factcheck.resources import load_table

_TABLE: Mapping[str, Any] = load_table("units")

__all__ = ["is_plural", "normalise_unit", "singular"]


@lru_cache(maxsize=4096)  # pure, and news repeats its nouns
def singular(word: str) -> str:
    """The singular of an English noun, by the irregular table and then the regular endings."""
    lower = word.lower()
    irregular: Mapping[str, str] = _TABLE["irregular_plurals"]
    if lower in irregular:
        return irregular[lower]
    if lower in _TABLE["invariant"] or len(lower) <= 3:
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return lower[:-2]
    if lower.endswith("ss") or lower.endswith("us") or lower.endswith("is"):
        return lower
    if lower.endswith("s"):
        return lower[:-1]
    return lower


@lru_cache(maxsize=4096)  # pure, and news repeats its nouns
def is_plural(word: str) -> bool:
    """Whether `word` is a plural noun: more than one of something is written in the plural,
    so a plural after a number is what it counts."""
    if len(word) > 1 and word.isupper():
        return False  # an acronym ("US", "UN") modifies the counted thing, it is not it
    lower = word.lower()
    return (
        lower in _TABLE["irregular_plurals"]
        or lower in _TABLE["invariant"]
        or lower in _TABLE["synonyms"]
        or singular(lower) != lower
    )


@lru_cache(maxsize=4096)  # pure, and news repeats its nouns
def normalise_unit(phrase: str) -> str:
    """Singular, lower case, synonyms merged: "Artillery Shells" -> "artillery shell".

    An acronym keeps its capitals ("US officials" -> "US official"): lower-cased it becomes
    another word ("us", "who") or none at all ("eu")."""
    words = [w if len(w) > 1 and w.isupper() else w.lower() for w in phrase.split()]
    if not words:
        return ""
    head = words[-1].lower()
    synonyms: Mapping[str, str] = _TABLE["synonyms"]
    head = synonyms.get(head, singular(head))
    head = synonyms.get(head, head)
    return " ".join([*words[:-1], head])
