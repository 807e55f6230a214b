"""Rule kind `quote`: outlets that quote one statement must quote the same words and speaker.

What it does
    Lines up quotations from different articles that render the same statement: their
    content words are similar (`factcheck.textdiff.similarity`) at least `1 - tolerance.relative`
    (0.7 when the rule gives no tolerance), and their speakers are compatible (the same name,
    compared on the surname, or one of them unknown or only described). A free translation by
    one named speaker may fall up to 0.1 below the threshold when the two share at least three
    key words (nouns and verbs, by lemma, acronyms read both ways) at a Dice coefficient of 0.5
    or more; quotations alike in their letters but sharing fewer than two key words (in any
    form or spelling) are never one statement. Each article gives at most one quotation of a
    statement, so two different statements by one speaker are never merged. A quotation of
    fewer than three content words is a label, not a statement: one-word scare quotes are never
    aligned on their own, and a two-word label only with another two-word label of the same
    named speaker that has the same head word ("landmark agreement" / "historic agreement"). A
    short fragment (three or four content words) is aligned with a longer quotation only when
    both name the same speaker and the fragment runs word for word through it but for one
    content word ("total backing and protection" inside "complete backing and protection to the
    dockers ..."), so a shared stock phrase ("national security") does not make two statements
    one.

    Writers also quote a statement in pieces inside their own paraphrase ('vowed to resist the
    "reckless reductions" to protect "our libraries"'). Two or more such pieces of one sentence,
    from one named speaker, are one rendering of another article's quotation by that speaker
    when at least two of them each find a word of theirs in it (in any form; not a pronoun or
    an auxiliary), in the order they stand, within 20 of its content words, and the writer's
    own words in the sentence share a key word with it too (a paraphrase retells the
    statement; two stock phrases in a bare sentence do not); a piece's word the quotation
    lacks is a change of meaning. A lone piece, pieces of two sentences or of another speaker
    never align.

    A speaker given only by a title ("the French president") takes the one name that any
    article of the story introduces with that title; a title two people hold in the story
    stays unresolved.

    Differences between renderings are of three kinds, gravest first: meaning (a different
    word, number, name or a negation), inflection ("policy" / "policies", tense) and form
    (spelling, British / American, a function word, "US" / "United States"). Punctuation is
    none. A statement is reported by the rule whose `changes` list its gravest difference, so
    each statement is reported once; within it, renderings that differ by less are one
    position. Words one outlet quotes beyond another's fragment are not a difference, at
    either end: when one outlet quotes a sentence whole, another its first clause and a third
    only its second, the two parts are compared through the whole sentence, not with each
    other (they quote other words, not other versions of the same words). A position shows
    its fullest rendering, and a differing one is diffed against the rendering of the first
    position that shares the most words with it. Nearly identical words attributed to two
    different named speakers are an attribution conflict.

Why
    A misquote or a translation choice ("allies" / "puppets") changes what a reader believes
    was said, and a quotation given to the wrong person changes who said it.

Severity
    The rule's own: a change of meaning or of speaker is a contradiction, an inflection or a
    form a tension (the words still say the same). The rule that reports meaning also makes
    the facts (one per statement) and the attribution conflicts.

Example
    "the reckless policy of the governor and his cronies" in one outlet and "the reckless
    policy of the governor and his allies" in another, both from the mayor: flagged, with the
    word diff "[-cronies-] {+allies+}" in the explanation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from factcheck.extract.quotes import is_name, title_holder
from factcheck.models import (
    Article,
    Claim,
    Discrepancy,
    Fact,
    Position,
    QuoteValue,
    Story,
    Verdict,
)
from factcheck.rules.findings import (
    make_discrepancy,
    make_fact,
    outlet_of,
    severity_for,
    stable_id,
    summary_of,
)
from factcheck.rules.schema import QuoteChange, Rule
from factcheck.textdiff import (
    CHANGE_KINDS,
    ChangeKind,
    WordChange,
    anchors,
    change_kind,
    compared_changes,
    content_words,
    core_changes,
    diff_words,
    fragment_change,
    fragment_match,
    gravest,
    key_overlap,
    key_words,
    label_match,
    render_diff,
    shared_key_words,
    similarity,
    tokens,
)

DEFAULT_SIMILARITY = 0.7
# Same words, different speaker: only when the words are all but identical.
ATTRIBUTION_SIMILARITY = 0.9
MIN_CONTENT_WORDS = 3
# Two renderings shown to be one statement quoted differently give this share of the shorter
# one's words alike, in the same order (a label or a short fragment: all its words but one);
# below it they are a paraphrase or another saying.
SHARED_SHARE = 0.75
# Fragments with fewer content words are matched word for word (`fragment_match`).
SHORT_FRAGMENT_WORDS = 5
# A free translation by one named speaker: similarity this far below the threshold is enough
# when the quotations share at least this many key words, at this Dice coefficient or more.
TRANSLATION_BAND = 0.1
TRANSLATION_SHARED = 3
TRANSLATION_DICE = 0.5
# Quotations alike in their letters but sharing fewer key words than this are two statements.
MIN_SHARED_KEY_WORDS = 2
# Fragments of one sentence aligned with another outlet's quotation: at least this many must
# each find one of their words in it, in order, within this many of its content words.
MIN_ANCHORED_FRAGMENTS = 2
MAX_ANCHOR_SPAN = 20
FRAGMENT_GAP = " … "


def _uncarried(claim: Claim) -> Claim:
    """A speaker carried from the quotation before is the reader's inference, not the
    text's attribution: compared as unknown, so it never makes an attribution conflict."""
    value = _value(claim)
    if not value.carried:
        return claim
    return claim.model_copy(update={"value": value.model_copy(update={"speaker": None})})


def _value(claim: Claim) -> QuoteValue:
    assert isinstance(claim.value, QuoteValue)
    return claim.value


@dataclass(frozen=True)
class _Rendering:
    """One article's rendering of a statement: one quotation, or the short fragments of one
    sentence that each anchor in another outlet's quotation of it."""

    claims: tuple[Claim, ...]

    @property
    def article(self) -> str:
        return self.claims[0].article

    @property
    def words(self) -> str:
        return FRAGMENT_GAP.join(_value(c).words for c in self.claims)

    @property
    def fragments(self) -> bool:
        return len(self.claims) > 1

    @property
    def speaker(self) -> str | None:
        return _value(self.claims[0]).speaker


def _speaker_key(speaker: str | None) -> str | None:
    """A name's surname, lower case; None for no speaker or a description ("the ministry",
    "Reid's rep"): only two names can make an attribution conflict."""
    if not is_name(speaker):
        return None
    assert speaker is not None
    if " and " in speaker:
        return None  # a joint statement ("Ann Cole and Ravi Shah"): either may be named alone
    return speaker.split()[-1].lower()


def _same_key(a: str, b: str) -> bool:
    """One surname, or one misspelled by a letter ("Hefner" / "Heffner"): outlets misspell
    names more often than two people of such names speak the same words."""
    return a == b or (min(len(a), len(b)) >= _TYPO_NAME_LENGTH
                      and Levenshtein.distance(a, b) <= 1)


_TYPO_NAME_LENGTH = 5


def speakers_compatible(a: str | None, b: str | None) -> bool:
    """The same named person, or at least one side without a name."""
    key_a, key_b = _speaker_key(a), _speaker_key(b)
    return key_a is None or key_b is None or _same_key(key_a, key_b)


def meaning_diff(a: str, b: str) -> list[WordChange]:
    """The aligned changes between two renderings, if any of them changes the meaning."""
    core = compared_changes(a, b)
    if any(change_kind(c) == "meaning" for c in core):
        return core
    return []


def _is_statement(claim: Claim) -> bool:
    value = _value(claim)
    return not value.partial and len(content_words(value.words)) >= MIN_CONTENT_WORDS


def _is_label(claim: Claim) -> bool:
    value = _value(claim)
    return _speaker_key(value.speaker) is not None and len(content_words(value.words)) == 2


def _candidates(claims: Sequence[Claim]) -> list[Claim]:
    """Statements, and two-word labels with a named speaker (compared only with labels)."""
    return [
        c for c in claims
        if c.kind == "quote" and isinstance(c.value, QuoteValue)
        and (_is_statement(c) or _is_label(c))
    ]


def same_named_speaker(a: str | None, b: str | None) -> bool:
    """Both speakers named, and the same person (compared on the surname)."""
    key_a, key_b = _speaker_key(a), _speaker_key(b)
    return key_a is not None and key_b is not None and _same_key(key_a, key_b)


def _score(a: Claim, b: Claim, threshold: float) -> float:
    """How alike two quotations are; short fragments and labels count only with one named
    speaker on both sides, since a few shared words alone are a stock phrase."""
    words_a, words_b = _value(a).words, _value(b).words
    statement_a, statement_b = _is_statement(a), _is_statement(b)
    same_speaker = same_named_speaker(_value(a).speaker, _value(b).speaker)
    if not statement_a or not statement_b:
        if statement_a or statement_b or not same_speaker:
            return 0.0
        return threshold if label_match(words_a, words_b) else 0.0
    score = similarity(words_a, words_b)
    if score >= threshold:
        shared, size = shared_key_words(words_a, words_b)
        if size >= MIN_CONTENT_WORDS and shared < MIN_SHARED_KEY_WORDS:
            # "shorten the production of national orders" is not "strengthen the protection
            # of our national borders": similar letters, other words
            return 0.0
    if same_speaker and threshold - TRANSLATION_BAND <= score < threshold:
        shared, dice = key_overlap(words_a, words_b)
        if shared >= TRANSLATION_SHARED and dice >= TRANSLATION_DICE:
            return threshold  # most of the statement's own words, in other small words
    shortest = min(len(content_words(words_a)), len(content_words(words_b)))
    if (
        score < threshold and same_speaker and shortest < SHORT_FRAGMENT_WORDS
        and fragment_match(words_a, words_b)
    ):
        return threshold
    return score


def _linked_pairs(
    quotes: Sequence[Claim], threshold: float
) -> list[tuple[int, int, float, bool]]:
    """The pairs (i < j, other articles) of quotations that render one statement (True) or
    are an attribution conflict (False), with their score, in order.

    A score depends only on the two quotations' words, whether each is partial and their
    speakers' surnames (and whether a conflict may be read from them: `inferred`), so
    quotations alike in those (wire copies, a stock quotation in many
    outlets, one witness quoted on every page of a long file) form one class, each pair of
    classes is scored once (both ways: the score need not be symmetric), and only pairs of
    classes that score enough have their quotations paired.
    """
    classes: dict[tuple[str, bool, str | None, bool], dict[str, list[int]]] = {}
    for index, claim in enumerate(quotes):
        value = _value(claim)
        key = (value.words, value.partial, _speaker_key(value.speaker), value.inferred)
        classes.setdefault(key, {}).setdefault(claim.article, []).append(index)
    found: list[tuple[int, int, float, bool]] = []
    keys = list(classes)
    for n, first in enumerate(keys):
        for second in keys[n:]:
            directions = [(first, second)] if first == second else [
                (first, second), (second, first)
            ]
            for one, other in directions:
                by_article, other_by_article = classes[one], classes[other]
                a = quotes[next(iter(by_article.values()))[0]]
                b = quotes[next(iter(other_by_article.values()))[0]]
                score = _score(a, b, threshold)
                if score < threshold:
                    continue
                same = speakers_compatible(_value(a).speaker, _value(b).speaker)
                if not same and not (
                    score >= ATTRIBUTION_SIMILARITY and _is_statement(a) and _is_statement(b)
                    and not _value(a).inferred and not _value(b).inferred
                ):
                    # an attribution conflict needs both speakers named at the quote: a
                    # pronoun or a description resolved elsewhere may be misread
                    continue
                for article, indices in by_article.items():
                    for other_article, other_indices in other_by_article.items():
                        if article == other_article:
                            continue
                        found.extend(
                            (i, j, score, same)
                            for i in indices for j in other_indices if i < j
                        )
    return sorted(found)


def _group(
    quotes: Sequence[Claim], threshold: float
) -> tuple[list[list[Claim]], list[tuple[Claim, Claim]]]:
    """Statements (groups with one quotation per article) and attribution conflicts."""
    pairs: list[tuple[float, Claim, Claim]] = []
    conflicts: list[tuple[Claim, Claim]] = []
    for i, j, score, same in _linked_pairs(quotes, threshold):
        if same:
            pairs.append((score, quotes[i], quotes[j]))
        else:
            conflicts.append((quotes[i], quotes[j]))
    # Each group keeps its articles and its one named speaker, so that a merge is checked
    # against them rather than against every pair of its members (the checks are the same:
    # speakers are compatible in pairs exactly when at most one surname is among them).
    group_of: dict[str, int] = {}
    groups: dict[int, list[Claim]] = {}
    articles_of: dict[int, set[str]] = {}
    speaker_of: dict[int, str | None] = {}
    for key, (_, a, b) in enumerate(sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id))):
        ga, gb = group_of.get(a.id), group_of.get(b.id)
        if ga is not None and ga == gb:
            continue
        articles_a = articles_of[ga] if ga is not None else {a.article}
        articles_b = articles_of[gb] if gb is not None else {b.article}
        if not articles_a.isdisjoint(articles_b):
            continue  # one quotation per article: two statements of one speaker stay apart
        speaker_a = speaker_of[ga] if ga is not None else _speaker_key(_value(a).speaker)
        speaker_b = speaker_of[gb] if gb is not None else _speaker_key(_value(b).speaker)
        if speaker_a is not None and speaker_b is not None and not _same_key(
                speaker_a, speaker_b):
            continue
        merged = (groups[ga] if ga is not None else [a]) + (groups[gb] if gb is not None else [b])
        for old in (ga, gb):
            if old is not None:
                del groups[old], articles_of[old], speaker_of[old]
        groups[key] = merged
        articles_of[key] = articles_a | articles_b
        speaker_of[key] = speaker_a if speaker_a is not None else speaker_b
        for claim in merged:
            group_of[claim.id] = key
    statements = [sorted(g, key=lambda c: (c.article, c.start)) for g in groups.values()]
    return sorted(statements, key=lambda g: g[0].id), conflicts


def _fragments_of(
    quotes: Sequence[Claim], grouped: set[str]
) -> list[list[Claim]]:
    """Short quotations (fewer than three content words) of one named speaker in one sentence
    of one article, two or more of them: the pieces a writer quotes inside a paraphrase."""
    by_sentence: dict[tuple[str, int, str], list[Claim]] = {}
    for claim in quotes:
        key = _speaker_key(_value(claim).speaker)
        if claim.id in grouped or claim.sentence is None or key is None:
            continue
        if len(content_words(_value(claim).words)) >= MIN_CONTENT_WORDS:
            continue
        by_sentence.setdefault((claim.article, claim.sentence, key), []).append(claim)
    return [
        sorted(found, key=lambda c: c.start) for _, found in sorted(by_sentence.items())
        if len(found) >= MIN_ANCHORED_FRAGMENTS
    ]


def _anchored(fragments: Sequence[Claim], statement: Claim) -> tuple[Claim, ...]:
    """The fragments that find a word of theirs in `statement`, in the order they stand, when
    at least two do within a short stretch of it; () otherwise.

    One shared word in each of two or more separate fragments, in the same order as the
    statement has them, from the same named speaker, is what tells a paraphrase built
    around another outlet's quotation from a lone word met by chance. Against stock phrases
    ("national security" ... "regional stability"), the writer's own words around the
    fragments must share a key word with the statement too: a paraphrase retells it
    ('vowed to fight the "..." that keep "..." in place').
    """
    if not same_named_speaker(_value(fragments[0]).speaker, _value(statement).speaker):
        return ()
    words = _value(statement).words
    cursor = 0
    kept: list[Claim] = []
    places: list[int] = []
    for fragment in fragments:
        found = sorted(k for hits in anchors(_value(fragment).words, words) for k in hits)
        after = [k for k in found if k >= cursor]
        if not after:
            continue
        kept.append(fragment)
        places.append(after[0])
        cursor = after[0] + 1
    if len(kept) < MIN_ANCHORED_FRAGMENTS or places[-1] - places[0] > MAX_ANCHOR_SPAN:
        return ()
    paraphrase = kept[0].evidence
    for fragment in kept:
        paraphrase = paraphrase.replace(fragment.text, " ")
    quoted = key_words(" ".join(_value(fragment).words for fragment in kept))
    if not (key_words(paraphrase) & key_words(words)) - quoted:
        return ()
    return tuple(kept)


def _attach_fragments(
    groups: list[list[_Rendering]], quotes: Sequence[Claim], statements: Sequence[Claim]
) -> list[list[_Rendering]]:
    """Add each sentence's fragments to the statement they anchor in (`_anchored`).

    A set of fragments joins the one group whose quotation it anchors in with the most
    fragments (a tie between groups leaves it out), and never a group that already has a
    rendering from its article; a statement no other outlet quotes makes a group of two.
    """
    grouped = {c.id for group in groups for r in group for c in r.claims}
    of_claim = {r.claims[0].id: n for n, group in enumerate(groups) for r in group}
    result = [list(group) for group in groups]
    loose = [c for c in statements if c.id not in grouped]
    # `_anchored` reads only a statement's words and its speaker's surname, so statements
    # alike in those (wire copies, one quotation in many outlets) are tried once for each set
    # of fragments: trying every statement made this quadratic in a story's articles (5.7
    # million calls for 1,000 articles). Candidates are put back in statement order.
    classes: dict[tuple[str, str | None], list[tuple[int, Claim]]] = {}
    for index, statement in enumerate(statements):
        value = _value(statement)
        key = (value.words, _speaker_key(value.speaker))
        classes.setdefault(key, []).append((index, statement))
    for fragments in _fragments_of(quotes, grouped):
        found: list[tuple[int, tuple[int, int | None, Claim, tuple[Claim, ...]]]] = []
        for members in classes.values():
            kept = _anchored(fragments, members[0][1])
            if kept:
                found.extend(
                    (index, (len(kept), of_claim.get(statement.id), statement, kept))
                    for index, statement in members
                    if statement.article != fragments[0].article
                )
        if not found:
            continue
        best = [candidate for _, candidate in sorted(found, key=lambda item: item[0])]
        top = max(size for size, _, _, _ in best)
        winners = [b for b in best if b[0] == top]
        targets = {
            group if group is not None else f"loose:{statement.id}"
            for _, group, statement, _ in winners
        }
        if len(targets) != 1:
            continue  # two statements fit as well: which one was paraphrased is unknown
        _, group_index, statement, kept = winners[0]
        rendering = _Rendering(kept)
        if group_index is None:
            if statement not in loose:
                continue
            loose.remove(statement)
            of_claim[statement.id] = len(result)
            result.append([_Rendering((statement,)), rendering])
        elif all(r.article != rendering.article for r in result[group_index]):
            result[group_index].append(rendering)
    return result


@lru_cache(maxsize=1 << 14)
def _kind_of(a: tuple[str, ...], b: tuple[str, ...]) -> ChangeKind | None:
    # Depends on the words alone: a statement quoted alike by hundreds of outlets is diffed
    # once per distinct pair of renderings, not once per pair of outlets.
    if len(a) > 1 or len(b) > 1:
        fragments, other = (a, b) if len(a) > 1 else (b, a)
        return gravest([fragment_change(words, FRAGMENT_GAP.join(other)) for words in fragments])
    return gravest([change_kind(c) for c in compared_changes(a[0], b[0])])


@lru_cache(maxsize=1 << 14)
def _loosely_alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Alike in their content words but not word for word (less than `SHARED_SHARE` of the
    shorter's words alike and in order): two sayings on one theme ("I'm proud of what Deep
    Throat did" / "I'm the guy they called Deep Throat") or a paraphrase."""
    if len(a) > 1 or len(b) > 1:
        return False
    changes = compared_changes(a[0], b[0])
    shorter = min(sum(1 for w in tokens(words) if w[:1].isalnum()) for words in (a[0], b[0]))
    return _shared_in_order(changes) < min(SHARED_SHARE * shorter, shorter - 1)


def _shared_in_order(changes: Sequence[WordChange]) -> int:
    """How many words two renderings give alike, in the same order."""
    return sum(sum(1 for w in c.a if w[:1].isalnum()) for c in changes if c.op == "equal")


def _words_of(rendering: _Rendering) -> tuple[str, ...]:
    return tuple(_value(c).words for c in rendering.claims)


@lru_cache(maxsize=1 << 14)
def _part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` quotes a stretch of `long`: fewer content words, and nothing in the stretch
    they share changes the meaning (words beyond it on either side are not compared)."""
    if len(short) > 1 or len(long) > 1:
        return False
    if len(content_words(short[0])) >= len(content_words(long[0])):
        return False
    return _kind_of(long, short) != "meaning"


def _pair_kind(
    a: tuple[str, ...], b: tuple[str, ...], renderings: Sequence[tuple[str, ...]],
    named: Mapping[tuple[str, ...], set[str]] | None = None,
) -> ChangeKind | None:
    """The gravest difference between two renderings of a group.

    Two partial quotations of one fuller rendering in the group (one outlet quotes a
    sentence's first clause, another its second, a third the whole sentence) are each a
    stretch of it: where they differ from each other they quote other words of the
    statement, not other versions of the same words, so they are compared through the
    fuller one only (its pairs with each of them are in the group's pairs too).

    Two renderings only loosely alike (`_loosely_alike`) are not shown to be one statement
    misquoted, unless both outlets give them as the words of one named speaker (`named`: the
    speakers' surnames of each rendering): then a paraphrase presented as a quotation is
    what the rule exists to show.
    """
    kind = _kind_of(a, b)
    if kind is None or a == b:
        return kind
    if kind == "meaning" and _loosely_alike(a, b) and not _one_speaker(named, a, b):
        return None
    if any(
        c not in (a, b) and _part_of(a, c) and _part_of(b, c) for c in renderings
    ):
        return None
    return kind


def _one_speaker(
    named: Mapping[tuple[str, ...], set[str]] | None, a: tuple[str, ...], b: tuple[str, ...],
) -> bool:
    if not named:
        return False
    return any(_same_key(x, y) for x in named.get(a, ()) for y in named.get(b, ()))


def _named(group: Sequence[_Rendering]) -> dict[tuple[str, ...], set[str]]:
    """Each rendering's words, with the surnames of the speakers outlets give them to."""
    found: dict[tuple[str, ...], set[str]] = {}
    for rendering in group:
        key = _speaker_key(rendering.speaker)
        found.setdefault(_words_of(rendering), set()).update([key] if key else [])
    return found


def _kind(
    a: _Rendering, b: _Rendering, group: Sequence[_Rendering] = ()
) -> ChangeKind | None:
    """The gravest difference between two renderings of `group`; None when they read the
    same (or quote two parts of a fuller rendering in it, `_pair_kind`)."""
    return _pair_kind(_words_of(a), _words_of(b), [_words_of(r) for r in group],
                      _named([a, b, *group]))


def _level(group: Sequence[_Rendering]) -> ChangeKind | None:
    """The gravest difference between any two renderings of a group (in group order).

    Renderings with the same words differ alike from any other, so each ordered pair of
    distinct renderings that stands in that order somewhere in the group is diffed once
    (and a rendering with itself when it occurs twice), not every pair of outlets.
    """
    first: dict[tuple[str, ...], int] = {}
    last: dict[tuple[str, ...], int] = {}
    count: dict[tuple[str, ...], int] = {}
    for index, rendering in enumerate(group):
        words = _words_of(rendering)
        first.setdefault(words, index)
        last[words] = index
        count[words] = count.get(words, 0) + 1
    distinct = list(first)
    named = _named(group)
    kinds = [
        _pair_kind(a, b, distinct, named) for a in first for b in first
        if (count[a] > 1 if a == b else first[a] < last[b])
    ]
    return gravest(kinds)


def _graver(kind: ChangeKind | None, than: ChangeKind) -> bool:
    """Whether `kind` is at least as grave as `than`."""
    return kind is not None and CHANGE_KINDS.index(kind) <= CHANGE_KINDS.index(than)


def _positions(group: Sequence[_Rendering], level: ChangeKind) -> list[list[_Rendering]]:
    """Renderings that differ by less than `level` from every rendering of a position share
    it (from its first only, a clause quoted alone would join the other clause's position
    and hide its own change against the full sentence)."""
    distinct = list(dict.fromkeys(_words_of(r) for r in group))
    named = _named(group)
    positions: list[list[_Rendering]] = []
    for rendering in group:
        for position in positions:
            if not any(
                _graver(_pair_kind(_words_of(member), _words_of(rendering), distinct, named),
                        level)
                for member in position
            ):
                position.append(rendering)
                break
        else:
            positions.append([rendering])
    return positions


def _speaker_of(group: Sequence[_Rendering]) -> str | None:
    named = [r.speaker for r in group if _speaker_key(r.speaker)]
    return max(named, key=len) if named else None


def _with_story_speakers(story: Story, quotes: Sequence[Claim]) -> list[Claim]:
    """Quotations whose speaker is only a title ("the French president"), given the name
    another article of the story introduces with that title (`title_holder`)."""
    texts = [article.text for article in story.articles]
    holders: dict[str, str | None] = {}
    resolved: list[Claim] = []
    for claim in quotes:
        speaker = _value(claim).speaker
        if speaker and not speaker[:1].isupper():
            if speaker not in holders:
                holders[speaker] = title_holder(speaker, texts)
            name = holders[speaker]
            if name:
                value = _value(claim).model_copy(update={"speaker": name})
                claim = claim.model_copy(update={"value": value})
        resolved.append(claim)
    return resolved


_EXPLAINED: dict[ChangeKind, str] = {
    "meaning": "in words that differ in meaning, not only in form",
    "inflection": "in other forms of the same words (number, tense), with no other change",
    "form": "with the same words spelled differently (spelling, function words), with no other"
            " change",
}


def check(
    rule: Rule, story: Story, claims: Sequence[Claim]
) -> tuple[list[Fact], list[Discrepancy]]:
    """Facts (one per statement quoted by two or more articles) and discrepancies.

    A statement is reported by the rule whose `changes` name the gravest difference between
    its renderings, so each is reported once; the facts and the attribution conflicts come
    from the rule that reports changes of meaning.
    """
    articles = {article.id: article for article in story.articles}
    threshold = 1 - rule.tolerance.relative if rule.tolerance.relative else DEFAULT_SIMILARITY
    quotes = _with_story_speakers(story, [
        _uncarried(c) for c in claims if c.kind == "quote" and isinstance(c.value, QuoteValue)
    ])
    statements = _candidates(quotes)
    claim_groups, conflicts = _group(statements, threshold)
    groups = _attach_fragments(
        [[_Rendering((c,)) for c in group] for group in claim_groups], quotes,
        [c for c in statements if _is_statement(c)],
    )
    reports: set[QuoteChange] = set(rule.changes)
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    for group in sorted(groups, key=lambda g: min(c.id for r in g for c in r.claims)):
        group = sorted(group, key=lambda r: (r.fragments, r.article, r.claims[0].start))
        group_claims = [c for r in group for c in r.claims]
        level = _level(group)
        if "meaning" in reports:
            verdict: Verdict = "contradiction" if level == "meaning" else "consistent"
            facts.append(make_fact(rule, None, group_claims, articles, verdict))
        if level is None or level not in reports:
            continue
        discrepancies.append(_wording(rule, group, level, articles))
    if "meaning" in reports:
        for a, b in conflicts:
            discrepancies.append(_attribution(rule, a, b, articles))
    return facts, discrepancies


def _wording(
    rule: Rule, group: Sequence[_Rendering], level: ChangeKind, articles: Mapping[str, Article]
) -> Discrepancy:
    positions = _positions(group, level)
    speaker = _speaker_of(group)
    concept = f"{speaker}'s words" if speaker else "a quotation"
    listed = [_position(p, articles) for p in positions]
    diffs = [
        f"{listed[0].label} → {listed[n].label}: "
        + _difference(_closest(positions[0], p[0]), p[0], level)
        for n, p in enumerate(positions[1:], start=1)
    ]
    explanation = (
        f"The outlets quote the same statement{' by ' + speaker if speaker else ''}"
        f" {_EXPLAINED[level]}. " + " | ".join(diffs)
    )
    # Lesser differences are no contradiction: the words still say the same; their severity
    # is the rule's own all the same (the rule exists to show them at that severity).
    verdict: Verdict = "contradiction" if level == "meaning" else "tension"
    claims = [c for r in group for c in r.claims]
    return make_discrepancy(rule, concept, verdict, listed, claims, explanation, rule.severity)


def _closest(candidates: Sequence[_Rendering], other: _Rendering) -> _Rendering:
    """The rendering to diff `other` against: the one sharing the most words with it (the
    first on a tie), so a quotation of a sentence's second clause is shown against the
    outlet that quoted that clause too, not against one that quoted only the first."""
    def shared(candidate: _Rendering) -> int:
        if candidate.fragments or other.fragments:
            return 0
        return _shared_words(candidate.words, other.words)
    order = {id(c): n for n, c in enumerate(candidates)}
    return max(candidates, key=lambda c: (shared(c), -order[id(c)]))


@lru_cache(maxsize=1 << 14)
def _shared_words(a: str, b: str) -> int:
    """How many content words two renderings have in their aligned equal stretches (cached:
    a position of hundreds of outlets holds few distinct renderings)."""
    return sum(
        len(content_words(" ".join(change.a))) for change in diff_words(a, b)
        if change.op == "equal"
    )


def _difference(reference: _Rendering, other: _Rendering, level: ChangeKind) -> str:
    if other.fragments or reference.fragments:
        fragments, full = (other, reference) if other.fragments else (reference, other)
        own = [w for c in fragments.claims for w in content_words(_value(c).words)]
        lacking = [w for w in own if fragment_change(w, full.words) is not None]
        return (
            f"quoted in fragments, “{fragments.words}”; not in the longer quotation: "
            + (", ".join(lacking) if lacking else "nothing")
        )
    changes = core_changes(diff_words(reference.words, other.words))
    return render_diff(changes, least=level)


def _position(renderings: Sequence[_Rendering], articles: Mapping[str, Article]) -> Position:
    claims = [c for r in renderings for c in r.claims]
    labels = sorted({outlet_of(articles.get(c.article), c.article) for c in claims})
    # The fullest rendering speaks for the position: the others quote it, or parts of it,
    # with lesser changes; a part would misstate what the outlets of the other parts wrote.
    first = max(renderings, key=lambda r: (
        not r.fragments, len(content_words(r.words)), -renderings.index(r)
    ))
    said_by = renderings[0].speaker
    speaker = f" ({said_by})" if said_by else ""
    words = "”…“".join(_value(c).words for c in first.claims)
    return Position(
        label=", ".join(labels), value=f"“{words}”{speaker}",
        claims=sorted(c.id for c in claims),
    )


def _attribution(
    rule: Rule, a: Claim, b: Claim, articles: Mapping[str, Article]
) -> Discrepancy:
    positions = [
        _position([_Rendering((a,))], articles), _position([_Rendering((b,))], articles)
    ]
    speakers = f"{_value(a).speaker} and {_value(b).speaker}"
    return Discrepancy(
        id=stable_id("disc", f"{rule.id}:attribution", [a, b]),
        rule=rule.id,
        severity=severity_for(rule, "contradiction"),
        verdict="contradiction",
        title=f"The same words are attributed to {speakers}",
        summary=summary_of(positions),
        positions=positions,
        explanation=(
            f"{positions[0].label} and {positions[1].label} quote nearly the same words but"
            f" name different speakers ({speakers}); at most one attribution is right."
        ),
    )
