"""Word-level comparison of two renderings of one statement.

Outlets that quote the same words rarely print the same characters: curly or straight marks,
"honour" or "honor", "don't" or "do not", a dropped "the", a typo. None of that changes what was
said. A different noun ("allies" / "puppets"), a different number, a name, or a negation
added or dropped does. `diff_words` lines the two up word by word; `classify` says which of the
kinds each change is, so the quote rule grades what it reports; `render_diff` shows them for
people, as plain text the report escapes like any other article text.

Three kinds of change, from the gravest:
- meaning: another content word, number or name, or a negation added or dropped;
- inflection: another form of the same word ("policy" / "policies", "promise" / "promised"),
  decided by `factcheck.claims.lemmas` (suffix rules and a table of irregular forms). A
  translator's or an editor's choice of number or tense more often than a change of what was
  said, but not the speaker's exact words either;
- form: spelling (British / American, a typo), a function word, "US" / "United States".
Punctuation alone is no change at all: where a comma or a full stop stands around a quotation
is each outlet's house style, not the speaker's words.

What counts as form is data: `factcheck/data/spelling_variants.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factcheck.claims.lemmas import term_key
from factcheck.extract.numbers import parse_number
from factcheck.resources import load_table

Op = Literal["equal", "replace", "insert", "delete"]
ChangeKind = Literal["meaning", "inflection", "form"]
# Gravest first: a stretch with several changes takes its gravest.
CHANGE_KINDS: tuple[ChangeKind, ...] = ("meaning", "inflection", "form")
# How a word of a variant is shown beside the reference rendering: "form" is the same word in
# another spelling or inflection.
Mark = Literal["same", "changed", "dropped", "form"]
WordRelation = Literal["same", "form", "inflection"]

_TABLE: Mapping[str, Any] = load_table("spelling_variants")
_PAIRS: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in _TABLE["pairs"])
_SUFFIXES: tuple[tuple[str, str], ...] = tuple(
    (a, b) for a, b in _TABLE["suffix_rules"]
)
_FUNCTION_WORDS = frozenset(_TABLE["function_words"])
_NEGATIONS = frozenset(_TABLE["negations"])
_LEAD_PRONOUNS = frozenset(_TABLE["lead_pronouns"])
_MODALS = frozenset(_TABLE["modals"])
_NEG_RAISING = frozenset(_TABLE["neg_raising"])
_DO_SUPPORT = frozenset(_TABLE["do_support"])
_CLARIFIED_PRONOUNS = frozenset(_TABLE["clarified_pronouns"])
# A time zone after a time ("6:41pm PST") is the outlet's gloss, not a name in what was said.
_ZONES = frozenset(load_table("timezones")["abbreviations"])
_SENTENCE_STOPS = frozenset({".", "!", "?", "…"})
_NEGATING_PREFIXES = tuple(sorted(_TABLE["negating_prefixes"], key=len, reverse=True))
_CONTRACTIONS: Mapping[str, str] = _TABLE["contractions"]
_STOPWORDS = frozenset(load_table("stopwords")["words"])

_WHOLE_CONTRACTIONS = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in _CONTRACTIONS if not k.startswith(("'", "n'")))
    + r")\b",
    re.IGNORECASE,
)
_SUFFIX_CONTRACTIONS = re.compile(
    r"(?<=\w)(?:" + "|".join(re.escape(k) for k in _CONTRACTIONS if k.startswith(("'", "n'")))
    + r")\b",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+(?:['-][^\W_]+)*|[^\w\s]")
_MIN_WORDS_FOR_PARTIAL = 5
# The quote rule scores every pair of distinct quotations of a story, so the same quotation's
# words are read, and the same two words related, many times over (cProfile on the dev
# stories: `content_words` 365,020 calls for about 2,000 quotations). These functions are pure,
# so their results are memoised; the caches are bounded since a run's quotations are not.
_TEXT_CACHE = 1 << 14
_WORD_PAIR_CACHE = 1 << 16


@dataclass(frozen=True)
class WordChange:
    """One step of the alignment: the words of side `a` and side `b` it covers."""

    op: Op
    a: tuple[str, ...]
    b: tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, with quotation marks folded and contractions spelled out."""
    return list(_tokens(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _tokens(text: str) -> tuple[str, ...]:
    """`tokens`, memoised as a tuple so that no caller can change the cached value."""
    text = re.sub(r"[‘’‛`´]", "'", text)
    text = re.sub(r"[“”„‟«»″]", '"', text)
    text = _WHOLE_CONTRACTIONS.sub(lambda m: _CONTRACTIONS[m.group().lower()], text)
    text = _SUFFIX_CONTRACTIONS.sub(lambda m: _CONTRACTIONS[m.group().lower()], text)
    return tuple(_TOKEN_RE.findall(text))


def _fold(token: str) -> str:
    return token.lower()


def diff_words(a: str, b: str) -> list[WordChange]:
    """Align the words of `a` and `b` (case-insensitively) into equal and changed runs."""
    left, right = tokens(a), tokens(b)
    matcher = SequenceMatcher(
        a=[_fold(t) for t in left], b=[_fold(t) for t in right], autojunk=False
    )
    changes: list[WordChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        kind: Op = op  # type: ignore[assignment]
        changes.append(WordChange(kind, tuple(left[i1:i2]), tuple(right[j1:j2])))
    return changes


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _number(token: str) -> tuple[float, float] | None:
    if token.lower() in _FUNCTION_WORDS:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)*%?", token):
        return parse_number(token.rstrip("%")) or (float("nan"), float("nan"))
    return parse_number(token)


def _negations(words: Sequence[str]) -> int:
    return sum(1 for w in words if w.lower() in _NEGATIONS)


@lru_cache(maxsize=_WORD_PAIR_CACHE)
def relation(a: str, b: str) -> WordRelation | None:
    """How two words are one word: 'same' (but for case), 'form' (another spelling or a typo),
    'inflection' (another form of one lemma); None when they are different words."""
    x, y = a.lower(), b.lower()
    if x == y:
        return "same"
    if frozenset((x, y)) in _PAIRS:
        return "form"
    for one, other in _SUFFIXES:
        for p, q in ((one, other), (other, one)):
            if x.endswith(p) and y.endswith(q) and x[: -len(p)] == y[: -len(q)]:
                return "form"
    if _number(x) is not None or _number(y) is not None:
        return "form" if _number(x) == _number(y) and _number(x) is not None else None
    for prefix in _NEGATING_PREFIXES:
        if x == prefix + y or y == prefix + x:
            return None  # "legal" / "illegal" looks like a typo and is the opposite
    if x.isalpha() and y.isalpha() and term_key(x) == term_key(y):
        return "inflection"  # checked before typos: "ally" / "allies" is a plural
    shorter = min(len(x), len(y))
    if shorter < 4 or x[0] != y[0]:
        return None  # typos rarely hit the first letter; "increase" / "decrease" do
    allowed = 1 if shorter < 10 else 2
    return "form" if Levenshtein.distance(x, y) <= allowed else None


def same_word(a: str, b: str) -> bool:
    """Whether two words are one word in another spelling, case, inflection or a typo of it."""
    return relation(a, b) is not None


def classify(change: WordChange) -> ChangeKind:
    """'meaning' for another content word, number or name, or a negation added or dropped;
    'inflection' when every word pairs with another form of itself; 'form' when the words say
    the same in another spelling (or only function words or punctuation differ)."""
    if change.op == "equal":
        return "form"
    left = [w for w in change.a if _is_word(w)]
    right = [w for w in change.b if _is_word(w)]
    if _negations(left) != _negations(right):
        return "meaning"
    left_numbers = sorted(n for w in left if (n := _number(w)) is not None)
    right_numbers = sorted(n for w in right if (n := _number(w)) is not None)
    if left_numbers != right_numbers:
        return "meaning"
    if _joined(left) == _joined(right):
        return "form"  # "men-parents" / "men parents", "datacenter" / "data center"
    left, right = _drop_acronyms(left, right)
    right, left = _drop_acronyms(right, left)
    unmatched_right = list(right)
    kind: ChangeKind = "form"
    for word in left:
        match = _best_match(word, unmatched_right)
        if match is not None:
            unmatched_right.remove(match)
            if relation(word, match) == "inflection":
                kind = "inflection"
        elif word.lower() not in _FUNCTION_WORDS:
            return "meaning"
    if any(word.lower() not in _FUNCTION_WORDS for word in unmatched_right):
        return "meaning"
    return kind


def _joined(words: Sequence[str]) -> str:
    return "".join(words).replace("-", "").lower()


def change_kind(change: WordChange) -> ChangeKind | None:
    """The kind of a change that touches a word; None for an equal stretch or punctuation."""
    if change.op == "equal" or not any(_is_word(w) for w in change.a + change.b):
        return None
    return classify(change)


def gravest(kinds: Sequence[ChangeKind | None]) -> ChangeKind | None:
    """The gravest of some kinds of change; None when there is none."""
    present = set(kinds)
    return next((kind for kind in CHANGE_KINDS if kind in present), None)


def _best_match(word: str, candidates: Sequence[str]) -> str | None:
    """The candidate that is `word` itself if any, else one of its forms."""
    related = [(c, relation(word, c)) for c in candidates]
    for wanted in ("same", "form", "inflection"):
        for candidate, found in related:
            if found == wanted:
                return candidate
    return None


def _drop_acronyms(long: list[str], short: list[str]) -> tuple[list[str], list[str]]:
    """Remove an acronym in `short` with the capitalised words it abbreviates in `long`:
    "US" and "United States" are one name."""
    for acronym in [w for w in short if len(w) >= 2 and w.isupper() and w.isalpha()]:
        size = len(acronym)
        for start in range(len(long) - size + 1):
            run = long[start:start + size]
            if all(w[:1].isupper() for w in run) and "".join(w[0] for w in run) == acronym:
                long = long[:start] + long[start + size:]
                short = [w for w in short if w is not acronym]
                break
    return long, short


def core_changes(changes: Sequence[WordChange]) -> list[WordChange]:
    """The changes that matter between two renderings: words one side quotes beyond the
    other's fragment (a leading or trailing insertion or deletion) are left out."""
    core = list(changes)
    while core and (core[0].op in ("insert", "delete") or _edge_replace(core[0], leading=True)):
        core.pop(0)
    while core and (core[-1].op in ("insert", "delete")
                    or _edge_replace(core[-1], leading=False)):
        core.pop()
    return core


def _edge_replace(change: WordChange, *, leading: bool) -> bool:
    """At the edge of the shared stretch, a fragment's own lead-in for words the other quotes
    in full: only function words or a pronoun on one side ("It's a dream come true" / "...
    for Tyler is a dream come true"), or the same words in another form where the other's
    run ends ("handed over" / "... after handing over"), and more words on the other side."""
    if change.op != "replace":
        return False
    short, long = sorted((change.a, change.b), key=len)
    if len(long) <= len(short):
        return False
    words = [w for w in short if _is_word(w)]
    if all(_lead_word(w) for w in words):
        return True
    reach = len(short) + _EDGE_SLACK
    facing = list(long[-reach:] if leading else long[:reach])
    for word in short:  # in order, each the same word as one of the facing words
        while facing and relation(word, facing[0]) is None:
            facing.pop(0)
        if not facing:
            return False
        facing.pop(0)
    return True


# How many of the longer side's words at the edge may stand between the words the shorter
# side shares with it ("handed over" / "handing over them over").
_EDGE_SLACK = 3


def _lead_word(word: str) -> bool:
    lower = re.sub(r"['’]s$", "", word.lower())
    return lower in _FUNCTION_WORDS or lower in _LEAD_PRONOUNS


def compared_changes(a: str, b: str) -> list[WordChange]:
    """The changes between two renderings of one statement that a reader would call a
    difference in what was said. Words beyond the other's fragment are not compared
    (`core_changes`), and words one rendering leaves out (whole sentences, a phrase, words an
    ellipsis marks) are a selection, not a change, unless they are a negation, a figure or a
    modal ("needs to be found" / "must not be found"). What one outlet gives in other words
    is compared."""
    a, b = clock_times(a), clock_times(b)
    core = core_changes(diff_words(a, b))
    raised = _negation_raised(a, b)
    kept: list[WordChange] = []
    before = "."
    for n, change in enumerate(core):
        words = change.a or change.b
        if change.op in ("insert", "delete") and (
                _whole_sentences(words, before, core[n + 1:n + 2])
                or _referent_after_pronoun(words, before)
                or not _weighty(words, before)
                or (raised and all(w.lower() in _NEGATIONS or w.lower() in _DO_SUPPORT
                                   for w in words))):
            continue
        before = change.a[-1] if change.a else before
        if change.op != "equal" and (_ellipsis(change.a) or _ellipsis(change.b)):
            continue
        kept.append(change)
    return kept


# "6:41", "6:41pm", "6.41 p.m." (a stop only with am/pm: "3.45" alone is a number).
_CLOCK_RE = re.compile(
    r"(?<![\d:.])(\d{1,2})(?::(\d{2})(?![\d:])\s*(?:([ap])\.?\s?m\b\.?)?"
    r"|\.(\d{2})\s*([ap])\.?\s?m\b\.?)", re.IGNORECASE)
_MILITARY_RE = re.compile(r"(?<![\d:.])([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|hrs\b|hours\b))")


def clock_times(text: str) -> str:
    """Clock times in one form, 24-hour "HH:MM": outlets restyle a quoted time ("6:41pm" /
    "18:41", "0241 GMT" / "02:41 GMT") without changing what was said."""
    def clock(match: re.Match[str]) -> str:
        hour = int(match.group(1))
        minute = match.group(2) or match.group(4)
        half = match.group(3) or match.group(5)
        if hour > 24 or int(minute) > 59:
            return match.group(0)
        if half:
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        trailing = match.group(0)[len(match.group(0).rstrip()):]
        return f"{hour:02d}:{minute}{trailing}"
    text = _CLOCK_RE.sub(clock, text)
    return _MILITARY_RE.sub(lambda m: f"{m.group(1)}:{m.group(2)}", text)


def _referent_after_pronoun(words: Sequence[str], before: str) -> bool:
    """An editor's clarification of a pronoun: the name it refers to, in brackets or
    parentheses right after it ("her (Ana Ruiz)", "they [the rebels]"). Not the speaker's
    words; an outlet that leaves it out quotes the same words."""
    return (before.lower() in _CLARIFIED_PRONOUNS and len(words) >= 3
            and (words[0], words[-1]) in {("(", ")"), ("[", "]")}
            and all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words[1:-1]
                    if _is_word(w)))


def _negation_raised(a: str, b: str) -> bool:
    """Whether a negation may have moved between a neg-raising verb and its clause ("I don't
    feel we were ready" / "I feel we weren't ready"): both renderings hold such a verb and
    as many negations."""
    left, right = [w.lower() for w in tokens(a)], [w.lower() for w in tokens(b)]
    return (_negations(left) == _negations(right) > 0
            and not _NEG_RAISING.isdisjoint(left) and not _NEG_RAISING.isdisjoint(right))


def _whole_sentences(words: Sequence[str], before: str, after: Sequence[WordChange]) -> bool:
    """Words left out that are whole sentences between the shared ones: they end on a stop
    after a stop ("A. [B.] C."), or, as the alignment may cut them, start on a stop before
    one ("A[. B]. C.")."""
    if words[-1] in _SENTENCE_STOPS and before in _SENTENCE_STOPS:
        return True
    return bool(after) and words[0] in _SENTENCE_STOPS and after[0].a[:1] != () and (
        after[0].a[0] in _SENTENCE_STOPS)


def _weighty(words: Sequence[str], before: str) -> bool:
    """Words whose omission changes a statement: a negation, a figure, a modal or a name (a
    capitalised word not opening a sentence; `before` is the token before the words)."""
    previous = before
    for word in words:
        if word.lower() in _NEGATIONS or word.lower() in _MODALS or _number(word) is not None:
            return True
        if (word[:1].isupper() and word != "I" and previous not in _SENTENCE_STOPS
                and word not in _ZONES):
            return True
        previous = word
    return False


def _ellipsis(words: Sequence[str]) -> bool:
    """Words that are only an ellipsis ('...', '…'): the outlet marks words left out."""
    return bool(words) and all(w in {".", "…"} for w in words) and (
        len(words) >= 3 or "…" in words)


def mark_variant(reference: str, variant: str) -> list[tuple[str, Mark]]:
    """The variant's words, each marked against the reference: words of another meaning are
    'changed', reference words the variant leaves out inside the shared stretch 'dropped', and
    the same word in another spelling or inflection ("honor", "policies") 'form'.

    Function words, words one side quotes beyond the other's fragment, and words the variant
    only moves (translations reorder) stay unmarked: an editor should see what differs in the
    words, not in their order. Punctuation is never marked.
    """
    changes = diff_words(reference, variant)
    core = core_changes(changes)
    first = next((i for i, c in enumerate(changes) if core and c is core[0]), len(changes))
    kinds = {
        position: kind for position, change in enumerate(changes)
        if first <= position < first + len(core) and (kind := change_kind(change)) is not None
    }
    meaning = {position for position, kind in kinds.items() if kind == "meaning"}
    # A word moved from one changed stretch to another is the same word, maybe in another form.
    removed = [w for p in sorted(meaning) for w in changes[p].a if _marks(w)]
    added = [w for p in sorted(meaning) for w in changes[p].b if _marks(w)]
    pairs = _matched(removed, added)
    moved_out = [old for old, _, _ in pairs]
    moved_in = [(new, kind) for _, new, kind in pairs]
    marked: list[tuple[str, Mark]] = []
    for position, change in enumerate(changes):
        if position not in kinds:
            marked += [(word, "same") for word in change.b]
            continue
        if position not in meaning:
            # the same words in another form: mark those that pair with a word of the other
            # side in another spelling or inflection ("US" / "United States" stays unmarked)
            respelled = [(new, kind) for _, new, kind in _matched(change.a, change.b)]
            marked += [
                (w, "form" if _marks(w) and _take_pair(respelled, w) not in (None, "same")
                 else "same")
                for w in change.b
            ]
            continue
        marked += [(w, "dropped") for w in change.a if _marks(w) and not _take(moved_out, w)]
        for word in change.b:
            if not _marks(word):
                marked.append((word, "same"))
                continue
            kind = _take_pair(moved_in, word)
            if kind is None:
                marked.append((word, "changed"))
            else:
                marked.append((word, "same" if kind == "same" else "form"))
    return marked


def _marks(word: str) -> bool:
    return _is_word(word) and word.lower() not in _FUNCTION_WORDS


def _matched(
    left: Sequence[str], right: Sequence[str]
) -> list[tuple[str, str, WordRelation]]:
    """Words of `left` and of `right` that pair up as one word (in any order), and how."""
    pending = list(right)
    pairs: list[tuple[str, str, WordRelation]] = []
    for word in left:
        match = _best_match(word, pending)
        if match is not None:
            pending.remove(match)
            found = relation(word, match)
            assert found is not None
            pairs.append((word, match, found))
    return pairs


def _take_pair(bag: list[tuple[str, WordRelation]], word: str) -> WordRelation | None:
    for k, (candidate, kind) in enumerate(bag):
        if candidate == word:
            del bag[k]
            return kind
    return None


def _take(bag: list[str], word: str) -> bool:
    if word in bag:
        bag.remove(word)
        return True
    return False


def fragment_change(fragment: str, reference: str) -> ChangeKind | None:
    """The gravest difference of a short partial quotation from the longer rendering it was
    aligned with: a content word the reference does not have (in any form) is a change of
    meaning; words the reference has in another form or spelling are 'inflection' or 'form'.
    Word order and the words between fragments are not compared: the writer's own words stand
    there."""
    reference_words = content_words(reference)
    kinds: list[ChangeKind | None] = []
    for word in content_words(fragment):
        match = _best_match(word, reference_words)
        found = relation(word, match) if match is not None else None
        if found is None:
            kinds.append("meaning")
        elif found != "same":
            kinds.append(found)
    return gravest(kinds)


def mark_fragment(reference: str, fragment: str) -> list[tuple[str, Mark]]:
    """A fragment's words marked as `mark_variant` marks a variant's, word by word: only what
    the reference lacks is 'changed' (nothing is 'dropped': a fragment leaves out by design)."""
    reference_words = content_words(reference)
    marked: list[tuple[str, Mark]] = []
    for word in tokens(fragment):
        if not _marks(word):
            marked.append((word, "same"))
            continue
        match = _best_match(word, reference_words)
        found = relation(word, match) if match is not None else None
        marked.append((word, "changed" if found is None else "same" if found == "same" else "form"))
    return marked


def anchors(fragment: str, reference: str) -> list[list[int]]:
    """For each content word of `fragment`, where the same word (in any form) stands among
    the content words of `reference`; an empty list for a word the reference lacks, and for
    a pronoun, auxiliary or number (the `stopwords` table): "our" or "will" found in a long
    quotation is no evidence that a fragment was taken from it."""
    return [list(found) for found in _anchors(fragment, reference)]


@lru_cache(maxsize=_WORD_PAIR_CACHE)
def _anchors(fragment: str, reference: str) -> tuple[tuple[int, ...], ...]:
    """`anchors`, memoised: the quote rule tries every sentence's fragments against every
    statement of the story (228,880 calls for a 200-article story of repeated articles)."""
    reference_words = _content_words(reference)
    return tuple(
        () if word in _STOPWORDS else
        tuple(k for k, other in enumerate(reference_words) if same_word(word, other))
        for word in _content_words(fragment)
    )


def meaning_changes(a: str, b: str) -> list[WordChange]:
    """The changes between two renderings that alter what is said."""
    return [c for c in diff_words(a, b) if c.op != "equal" and classify(c) == "meaning"]


def content_words(text: str) -> list[str]:
    """The words that carry a statement: lower case, without punctuation and function words."""
    return list(_content_words(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _tokens(text)
                 if _is_word(t) and t.lower() not in _FUNCTION_WORDS)


def key_words(text: str) -> set[str]:
    """The words that name what a statement is about, each reduced to its lemma key: content
    words without the `stopwords` table's pronouns, auxiliaries and reporting verbs, and an
    acronym also for the capitalised words it abbreviates ("United States" gives "us" too)."""
    return set(_key_words(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _key_words(text: str) -> frozenset[str]:
    found: set[str] = set()
    words = [t for t in _tokens(text) if _is_word(t)]
    run: list[str] = []
    for word in [*words, ""]:
        if word[:1].isupper() and word.lower() not in _FUNCTION_WORDS:
            run.append(word)
            continue
        if len(run) >= 2:
            found.add("".join(w[0] for w in run).lower())
        run = []
    for word in words:
        lowered = word.lower()
        if len(word) >= 2 and word.isupper() and word.isalpha():
            found.add(lowered)  # an acronym, even one spelled like a pronoun ("US")
        elif lowered not in _FUNCTION_WORDS and lowered not in _STOPWORDS:
            found.add(term_key(lowered) if not lowered[:1].isdigit() else lowered)
    return frozenset(found)


def key_overlap(a: str, b: str) -> tuple[int, float]:
    """How many key words (`key_words`) two quotations share, and their Dice coefficient.

    Free translations of one statement keep most of its nouns and verbs in some form while
    choosing other small words and another order; two statements on one topic share a few.
    """
    left, right = key_words(a), key_words(b)
    if not left or not right:
        return 0, 0.0
    shared = len(left & right)
    return shared, 2 * shared / (len(left) + len(right))


def shared_key_words(a: str, b: str) -> tuple[int, int]:
    """How many key words of the quotation with fewer of them have a match (in any form or
    spelling, `same_word`) in the other, and how many key words it has."""
    left = [w for w in content_words(a) if w not in _STOPWORDS]
    right = [w for w in content_words(b) if w not in _STOPWORDS]
    shorter, longer = sorted((left, right), key=len)
    return sum(1 for w in shorter if any(same_word(w, o) for o in longer)), len(shorter)


def similarity(a: str, b: str) -> float:
    """How likely two quotations render one statement, from 0 to 1.

    Content words are compared in any order (translations reorder them). When both sides have
    enough words, the shorter is also compared against the best-matching stretch of the longer,
    so one outlet's fragment of a sentence matches another's full sentence; a shared stock
    phrase of a few words is too short to count as a fragment.
    """
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return 0.0
    whole = fuzz.token_sort_ratio(" ".join(left), " ".join(right)) / 100
    if min(len(left), len(right)) < _MIN_WORDS_FOR_PARTIAL:
        return whole
    shorter, longer = sorted((left, right), key=len)
    best = 0.0
    width = len(shorter)
    for start in range(0, max(1, len(longer) - width + 1)):
        window = longer[start:start + width + 2]
        best = max(best, fuzz.token_set_ratio(" ".join(shorter), " ".join(window)) / 100)
    return max(whole, best * min(1.0, 0.85 + 0.03 * width))


def _words_of(text: str) -> list[str]:
    return [t.lower() for t in tokens(text) if _is_word(t)]


def fragment_match(a: str, b: str) -> bool:
    """Whether the shorter quotation is a stretch of the longer one, word for word and in
    order (function words included), but for at most one content word swapped for another.

    Too few content words for `similarity` to weigh ("total backing and trust" against a full
    sentence that has "full backing and trust" in it): the order and the unchanged
    small words are the evidence that one outlet quoted a piece of the other's sentence. At
    least two content words must be the same, so one shared noun is never enough.
    """
    short, long = sorted((_words_of(a), _words_of(b)), key=len)
    if not short:
        return False
    for start in range(len(long) - len(short) + 1):
        window = long[start:start + len(short)]
        differ = [k for k, (x, y) in enumerate(zip(short, window, strict=True))
                  if not same_word(x, y)]
        if len(differ) > 1:
            continue
        if any(short[k] in _FUNCTION_WORDS or window[k] in _FUNCTION_WORDS for k in differ):
            continue
        shared = [w for k, w in enumerate(short) if k not in differ and w not in _FUNCTION_WORDS]
        if len(shared) >= 2:
            return True
    return False


def label_match(a: str, b: str) -> bool:
    """Whether two two-word labels name one thing with another modifier ("landmark
    agreement" / "historic agreement"): the same head word last, another word before it."""
    left, right = content_words(a), content_words(b)
    if len(left) != 2 or len(right) != 2:
        return False
    return same_word(left[1], right[1]) and not same_word(left[0], right[0])


def render_diff(
    changes: Sequence[WordChange], *, meaning_only: bool = False,
    least: ChangeKind | None = None,
) -> str:
    """The statement with changed words marked as `git diff --word-diff` does: [-removed-],
    {+added+}.

    This text goes into every format's explanation (Markdown escapes it like all article
    text; JSON, SARIF and GitHub annotations show it as it is), so the marks must read as
    plain text: Markdown's ~~ and ** would show up as literal symbols after escaping. With
    `meaning_only` (or `least="meaning"`), lesser changes are shown as the second side's words,
    unmarked; `least="inflection"` hides only changes of form.
    """
    if meaning_only:
        least = "meaning"
    shown = CHANGE_KINDS[:CHANGE_KINDS.index(least) + 1] if least else CHANGE_KINDS
    parts: list[str] = []
    for change in changes:
        if change.op == "equal" or (least and change_kind(change) not in shown):
            parts.append(_join(change.b if change.op != "equal" else change.a))
            continue
        old, new = _join(change.a), _join(change.b)
        if change.op == "replace":
            parts.append(f"[-{old}-] {{+{new}+}}")
        elif change.op == "delete":
            parts.append(f"[-{old}-]")
        else:
            parts.append(f"{{+{new}+}}")
    return _join(p for p in parts if p)


def _join(words: Sequence[str] | Any) -> str:
    text = ""
    for word in words:
        if text and not re.match(r"[.,;:!?)\]]", word):
            text += " "
        text += word
    return text
