"""Who an article says a value comes from: "according to police", "state media reported".

A reader weighing two outlets' numbers needs to know whether each outlet vouches for the
number or relays someone else's, and two outlets relaying the same source are not independent.
The source is kept as written (case and words), with leading articles and trailing "that"
removed, so "the state-run Xinhua News Agency" and "state-run Xinhua News Agency" read
alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from factcheck.resources import load_table

_MAX_SOURCE_WORDS = 7
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# Words that end a noun phrase when read backwards from "said": the source never spans them.
_PHRASE_STOP = re.compile(
    r"^(?:that|which|who|and|but|while|as|when|where|because|if|after|before|since|then|so"
    r"|on|in|at|to|for|with|from|by|of|is|was|were|are|has|have|had|it|this)$",
    re.IGNORECASE,
)


@cache
def _cues() -> Mapping[str, Any]:
    return load_table("claimcues")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = _cues()
    verbs = "|".join(v for v in cues["attribution_verbs"] if v != "according")
    prefixes = "|".join(
        r"\s+".join(map(re.escape, p.split())) for p in sorted(cues["attribution_prefixes"],
                                                                key=len, reverse=True)
    )
    prefix = re.compile(rf"\b(?:{prefixes})\s+(?P<src>[^,.;:!?()“”\"]+)", re.IGNORECASE)
    before_verb = re.compile(rf"(?P<head>[^,.;:!?()“”\"]+?)\s+(?:{verbs})\b", re.IGNORECASE)
    after_verb = re.compile(
        rf"\b(?:{verbs})\s+(?P<src>(?:[A-Z][\w.’'-]*\s*){{1,{_MAX_SOURCE_WORDS}}})"
    )
    return prefix, before_verb, after_verb


def _clean(source: str) -> str | None:
    words = source.strip().split()
    if not words:
        return None
    text = _LEADING.sub("", " ".join(words[:_MAX_SOURCE_WORDS])).strip(" ,.'’")
    if not text or text.lower() in _cues()["pronouns"]:
        return None
    return text


def _tail_phrase(head: str) -> str | None:
    """The noun phrase that ends right before the verb: "Russian official media"."""
    words = head.split()
    phrase: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        inside_name = (
            word.lower() == "of" and phrase and phrase[0][:1].isupper()
            and index > 0 and words[index - 1][:1].isupper()
        )  # "Minister of Health Ana Ruiz"
        if (_PHRASE_STOP.match(word) and not inside_name) or len(phrase) >= _MAX_SOURCE_WORDS:
            break
        phrase.insert(0, word)
    while phrase and phrase[-1].lower() in _stop_words():
        phrase.pop()  # "is also said": the adverb is no source
    return _clean(" ".join(phrase)) if phrase else None


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(load_table("stopwords")["words"])


def find_attribution(sentence: str) -> str | None:
    """The source a sentence credits for what it states, or None when it credits nobody."""
    prefix, before_verb, after_verb = _patterns()
    match = prefix.search(sentence)
    if match:
        source = re.split(r"\s+(?:that|which|who|on|in|at)\s+", match.group("src"))[0]
        cleaned = _clean(source)
        if cleaned:
            return cleaned
    for match in before_verb.finditer(sentence):
        head = match.group("head").split()
        if head and head[-1].lower() in _cues()["noun_markers"]:
            continue  # "the two states", "these reports": a noun, not a reporting verb
        source = _tail_phrase(match.group("head"))
        if source and source.split()[-1].lower() not in _cues()["not_sources"]:
            return source
    match = after_verb.search(sentence)
    if match:
        return _clean(match.group("src"))
    match = _inverted().search(sentence)
    if match:
        source = re.split(r"\s+(?:on|in|at|during)\s+", match.group("src"))[0]
        if not any(word.lower() in _VERB_WORDS for word in source.split()):
            return _clean(source)  # "the road was closed" is a clause, not a source
    return None


_VERB_WORDS = frozenset({
    "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "could",
    "can", "should", "may", "might", "do", "does", "did", "that", "which", "who",
})


@cache
def _inverted() -> re.Pattern[str]:
    """The verb before a common-noun source at the end of the sentence, as translated copy
    words it: "..., have indicated the officials of the airport", "..., said the chief of the
    county's firemen, Ana Pop"."""
    verbs = "|".join(v for v in _cues()["attribution_verbs"] if v != "according")
    return re.compile(
        rf",[\"”’']?\s+(?:(?:has|have)\s+)?(?:{verbs})\s+"
        r"(?P<src>(?:the|a)\s+[^,.;:!?()“”\"]+)(?:,\s*[A-Z][^,.;:!?]*)?[.!?]?\s*$",
        re.IGNORECASE,
    )
