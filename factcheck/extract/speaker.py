"""Who speaks a quotation, read from the article's parse (its spaCy `Doc`).

News attribution has a small grammar, and a dependency parse reads it whatever the word
order: the speaker is the subject of the speech verb next to the quotation ("Doe said",
"said Doe", "Doe, 47, told reporters"), never its object ("told Reuters" names who was told),
and the person an appositive names ("the spokesman, Omar Haddad, said"). Named entities tell a
person from the organisation or place in the same phrase ("Oregon State Police Lt. Tom Hale
said" is Tom Hale), and a document speaks for its author ("an editorial in the Daily Post
said" is the Daily Post).

"He said" is resolved to the person the writer's nearby sentences name, most recent first.
The gender of a name is what the text says of it: an honorific ("Ms Lee"), a gendered role
noun ("actress Ann Lee"), or the pronouns the writer uses in a sentence where that name is the
only person. When two persons the text does not tell apart compete for one pronoun, it stays
unresolved: a wrong speaker merges or splits statements, an unresolved one only says less.

Only the writer's words are read: quoted words are masked (`masked`, the text with quotations
blanked), since a name inside a quotation is spoken of, not speaking. The cleaning of names
(titles, particles) stays with the quotation finder, which turns `Said` into its speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.resources import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The speech lexicon, read once; the quotation finder uses the same sets.
LEXICON: Mapping[str, Any] = load_table("speech_verbs")
SPEECH_VERBS = frozenset(form for forms in LEXICON["verbs"].values() for form in forms)
TITLES = frozenset(LEXICON["titles"])
GROUP_NOUNS = frozenset(LEXICON["group_nouns"])
_NO_INVERSION = frozenset(LEXICON["no_inversion"])
_PRONOUNS: Mapping[str, str] = LEXICON["pronouns"]
_PRONOUN_FORMS: Mapping[str, str] = LEXICON["pronoun_forms"]
_GENDERED_TITLES: Mapping[str, str] = LEXICON["gendered_titles"]
_GENDERED_NOUNS: Mapping[str, str] = LEXICON["gendered_nouns"]
_DOCUMENT_NOUNS = frozenset(LEXICON["document_nouns"])
_GIVEN_NAMES: Mapping[str, str] = {
    name: gender for gender, names in load_table("given_names").items() for name in names
}

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Words that open a clause of the writer's own after a quotation: a speech verb after them
# ('"...," and Doe said that ...') does not attribute the quotation.
_CLAUSE_OPENERS = frozenset(LEXICON["clause_openers"])
_STOPS = frozenset({".", "!", "?", ";"})
_AUTHOR_PREPS = frozenset(LEXICON["author_preps"])
_QUOTE_MARKS = "\"“”„‟«»"
# The pronoun roles that, in a sentence naming one person, refer back to that person: "Lee
# said she ...", "Lee and her staff". An object ("Lee asked her to pose") is someone else.
_SELF_REFERENCES = frozenset({"nsubj", "nsubjpass", "poss"})
_RELATIVES = frozenset({"who", "that", "which", "whom"})
# A speech verb's subject is also the subject of the verb it hangs on in these relations:
# "refused to comply, saying", "called it X and said", "was asked and replied".
_SHARES_SUBJECT = frozenset({"xcomp", "advcl", "conj", "pcomp"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# How far a tail attribution may stand from the quotation, in words ("..., the mayor of the
# town said on Friday" is near; further on the writer has moved on).
_TAIL_WORDS = 12
# How many of the writer's sentences before a pronoun are searched for its antecedent, and
# how many more when a sentence between only goes on with the same pronoun ("She ... She ...").
_LOOKBACK = 3
_CHAIN = 3


@dataclass(frozen=True)
class Said:
    """What the parse says of a quotation's speaker: words of a name or a description as
    written (the finder cleans them), or a pronoun and where it stands."""

    name: tuple[str, ...] = ()
    description: tuple[str, ...] = ()
    pronoun: str | None = None
    at: int = 0

    @property
    def found(self) -> bool:
        return bool(self.name or self.description or self.pronoun)


@dataclass
class _Person:
    """A person the writer's words name: where, the name as written and its key (surname)."""

    start: int
    name: str
    key: str
    subject: bool


@dataclass
class Cast:
    """The persons of one article's writer's words, with the gender the text gives each.

    Built once per article; every pronoun of the article is resolved against it.
    """

    doc: Doc
    masked: str
    persons: list[_Person] = field(default_factory=list)
    genders: dict[str, str | None] = field(default_factory=dict)
    pronoun_subjects: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc, masked: str) -> Cast:
        cast = cls(doc, masked)
        cast._read()
        return cast

    def quoted(self, token: Token) -> bool:
        """Whether the token stands inside a quotation (its characters are masked)."""
        return self.masked[token.idx] == "_" and token.text[:1] != "_"

    def _named(self) -> list[tuple[Span, tuple[str, ...]]]:
        """The person entities of the writer's words, with their name words."""
        found = []
        for ent in _people(self.doc):
            words = _name_words(ent)
            if words and not self.quoted(ent[0]):
                found.append((ent, words))
        return found

    def _read(self) -> None:
        keys: set[str] = set()
        for ent, words in self._named():
            key = words[-1].lower()
            keys.add(key)
            self.persons.append(_Person(ent.start_char, " ".join(words), key, _acts(ent)))
        # A surname the model missed as a person in one place ("Then 67, Felt celebrated")
        # is still that person when it is a subject and names a person elsewhere.
        seen = {p.start for p in self.persons}
        for token in self.doc:
            if (token.dep_ in _SUBJECTS and token.pos_ == "PROPN" and token.ent_type_ != "PERSON"
                    and token.lower_ in keys and token.idx not in seen
                    and not self.quoted(token)):
                self.persons.append(_Person(token.idx, token.text, token.lower_, True))
        self.persons.sort(key=lambda p: p.start)
        for token in self.doc:
            if (token.lower_ in _PRONOUNS and token.dep_ in _SUBJECTS
                    and not self.quoted(token)):
                self.pronoun_subjects.append((token.idx, _PRONOUNS[token.lower_]))
        self._read_genders()

    def _read_genders(self) -> None:
        votes: dict[str, dict[str, int]] = {}
        for person in self.persons:
            votes.setdefault(person.key, {"male": 0, "female": 0})
        for ent, words in self._named():
            key = words[-1].lower()
            gender = _gender_before(ent) or _gender_in_apposition(ent)
            if gender:
                votes[key][gender] += 3
            given = _given_name(words)
            if given:
                votes[key][given] += 2
        starts = [p.start for p in self.persons]  # sorted: persons are in text order
        for sentence in self.doc.sents:
            named = self.persons[bisect.bisect_left(starts, sentence.start_char):
                                 bisect.bisect_left(starts, sentence.end_char)]
            if len({p.key for p in named}) != 1:
                continue
            first = named[0]
            for token in sentence:
                if (token.idx > first.start and token.lower_ in _PRONOUN_FORMS
                        and token.dep_ in _SELF_REFERENCES and not self.quoted(token)):
                    votes[first.key][_PRONOUN_FORMS[token.lower_]] += 1
        for key, count in votes.items():
            male, female = count["male"], count["female"]
            self.genders[key] = ("male" if male > 2 * female else
                                 "female" if female > 2 * male else None)

    def resolve(self, pronoun: str, at: int, starts: Sequence[int],
                speakers: Sequence[tuple[int, str]]) -> str | None:
        """The person `pronoun` (standing at `at`) refers to, or None.

        The writer's sentences before it are read most recent first; the first one that names
        a person of a compatible gender gives the antecedent if it names one such person, or
        one such person as a subject (or as a speaker quoted there). A sentence that names
        none but goes on with the same pronoun as its subject carries the search further back.
        """
        gender = _PRONOUNS[pronoun]
        current = bisect.bisect_right(starts, at) - 1
        known = self._known(speakers)
        index, looked, extra = current, 0, 0
        while index >= 0 and looked < _LOOKBACK + extra:
            lo = starts[index]
            hi = at if index == current else starts[index + 1]
            window = known[bisect.bisect_left(known, (lo,)):bisect.bisect_left(known, (hi,))]
            found = [(key, subject) for _, _, key, subject in window
                     if self.genders.get(key) in (None, gender)]
            chained = any(said == gender for _, said in self.pronoun_subjects[
                bisect.bisect_left(self.pronoun_subjects, (lo,)):
                bisect.bisect_left(self.pronoun_subjects, (hi,))])
            if chained:
                # "He later said he regretted not calling Ruiz": the sentence is about the
                # same "he", so a person it names elsewhere than as a subject is not him
                found = [(key, subject) for key, subject in found if subject]
            keys = {key for key, _ in found}
            if len(keys) == 1:
                return _full_name(known, keys.pop(), at)
            if keys:
                subjects = {key for key, subject in found if subject}
                if len(subjects) == 1:
                    return _full_name(known, subjects.pop(), at)
                return None  # two persons compete: the text does not say which
            if chained:
                extra = min(extra + 1, _CHAIN)
            looked += 1
            index -= 1
        return None

    def _known(self, speakers: Sequence[tuple[int, str]]) -> list[tuple[int, str, str, bool]]:
        found = [(p.start, p.name, p.key, p.subject) for p in self.persons]
        for start, name in speakers:
            key = name.split()[-1].lower()
            if key in self.genders:  # a person (not an organisation) quoted before
                found.append((start, name, key, True))
        return sorted(found)


def _full_name(known: Sequence[tuple[int, str, str, bool]], key: str, at: int) -> str:
    """The longest way the article has named the person by `at` ("Jack Ketsoyan", not the
    "Ketsoyan" of the nearest sentence): readers and the quote rule see one name."""
    names = [name for start, name, k, _ in known if k == key and start < at]
    return max(names, key=lambda n: len(n.split()), default=key.title())


def said_by(
    doc: Doc, cast: Cast, head: tuple[int, int], tail: tuple[int, int], *,
    new_sentence: bool,
) -> Said:
    """The speaker the writer's words around a quotation give: first those before it (`head`,
    character offsets of the writer's sentence up to the opening mark), then those after it
    (`tail`). `new_sentence`: the quotation ended its sentence, so a verb after it opens a
    sentence of its own and attributes the quotation only when it says nothing more ('He
    said.', not 'He said that the ...')."""
    said = _from_head(doc, cast, *head)
    if not said.found:
        said = _from_tail(doc, cast, *tail, new_sentence=new_sentence)
    return said


def _words(doc: Doc, cast: Cast, lo: int, hi: int) -> list[Token]:
    """The writer's tokens whose first character lies in [lo, hi)."""
    if hi <= lo:
        return []
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if lo <= t.idx < hi and not t.is_space and not cast.quoted(t)]


def _is_speech_verb(token: Token) -> bool:
    if token.lower_ not in SPEECH_VERBS or not token.tag_.startswith("VB"):
        return False
    for child in token.children:
        if child.dep_ == "auxpass":
            return False  # "was called": someone else's words about the subject
        if child.dep_ == "aux" and child.lower_ == "to":
            return False  # "refused to comment": not words said
    return True


def _from_head(doc: Doc, cast: Cast, lo: int, hi: int) -> Said:
    tokens = _words(doc, cast, lo, hi)
    for k in range(len(tokens) - 1, -1, -1):
        token = tokens[k]
        if _according_to(tokens, k):
            return _source(tokens[k + 1])
        if _is_speech_verb(token):
            return _subject_said(token)
    if tokens and tokens[-1].text == ":":
        # "The judge had a warning for the guards:" -- the clause that introduces the
        # quotation names its speaker as its subject, when that subject is a person's name
        # or a description of one.
        root = tokens[-1].sent.root
        before = tokens[-2] if len(tokens) > 1 else None
        if before is not None and before.i == root.i and before.pos_ == "PROPN":
            return _speaker(before)  # "Coach Pereira:" -- a name introducing its words
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and not cast.quoted(subject):
            return _speaker(subject)  # ("It was a road map:" names no one: see `_speaker`)
    return Said()


def _according_to(tokens: Sequence[Token], k: int) -> bool:
    return (k + 1 < len(tokens) and tokens[k].lower_ == "according"
            and tokens[k + 1].lower_ == "to")


def _source(to: Token) -> Said:
    """The speaker "according to" names: the object of its "to"."""
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    return _speaker(source) if source is not None else Said()


def _from_tail(doc: Doc, cast: Cast, lo: int, hi: int, *, new_sentence: bool) -> Said:
    tokens = [t for t in _words(doc, cast, lo, hi)][: _TAIL_WORDS + 4]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    if not tokens:
        return Said()
    if _according_to(tokens, 0):
        return _source(tokens[1])
    first = tokens[0]
    for token in tokens[:_TAIL_WORDS]:
        if not _is_speech_verb(token):
            continue
        if new_sentence and any(
                child.dep_ in {"ccomp", "xcomp"} or child.dep_ == "mark"
                for child in token.children if not cast.quoted(child)):
            return Said()  # "He said that ...": a statement of its own
        if token.i == first.i and token.lower_ in _NO_INVERSION:
            return Said()  # '"...," told Reuters': no speaker before the verb to read
        subject = _subject(token)
        if subject is None and token.i != first.i:
            subject = _phrase_between(tokens[:tokens.index(token)])
        if subject is not None and token.i != first.i and any(
                t.lower_ in _CLAUSE_OPENERS or t.text in _STOPS
                for t in token.doc[first.i:subject.left_edge.i]):
            return Said()  # ', and Doe said': a clause of its own, not the attribution
        if token.i == first.i:
            return _subject_said(token, after_only=True)
        return _speaker(subject) if subject is not None else Said()
    return Said()


def _phrase_between(window: Sequence[Token]) -> Token | None:
    """The noun phrase between a quotation and its speech verb when the parser hung it on a
    word inside the quotation ('"We will hire," the group's chief, Lisa Park, said'): the
    one noun of the window whose head lies outside it."""
    inside = {t.i for t in window}
    heads = [t for t in window if t.head.i not in inside and not t.is_punct]
    if len(heads) == 1 and heads[0].pos_ in {"NOUN", "PROPN"}:
        return heads[0]
    return None


def _subject(verb: Token, depth: int = 0, *, inverted: bool = False) -> Token | None:
    """The subject of a speech verb. `inverted`: the verb stands right after the quotation,
    so the noun after it is its subject ('"...," said the driver')."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and not
                (inverted and c.i < verb.i)]
    if not subjects and depth == 0 and verb.lower_ not in _NO_INVERSION:
        # "said Sgt. Ana Ruiz of the county police", '"...", reported the agency': what
        # stands right after the verb, which the parser took for its object
        subjects = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod"}
                    and c.left_edge.i == verb.i + 1
                    and (inverted or c.ent_type_ == "PERSON" or c.pos_ == "PROPN")][:1]
    if not subjects and depth == 0:
        # the parser hung the name beside the verb on a verb further on ('said Ron Lee, the
        # director of "X" whose film ... is considered'): a name right after an inverting
        # verb, or right before any speech verb, is still its subject
        beside = _name_beside(verb)
        if beside is not None:
            return beside
    if subjects:
        persons = [s for s in subjects if s.ent_type_ == "PERSON"]
        subject = persons[-1] if persons else subjects[-1]
        if subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
            return verb.head  # "Doe, who said": the antecedent
        return subject
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "a witness saying": the noun the verb describes
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head  # "was quoted as saying", "was convicted of telling"
    elif verb.dep_ == "conj" and head.dep_ == "ccomp" and _is_speech_verb(head.head):
        # "Soto said the offer stood, and promised ...": the parser joins the second verb to
        # the reported clause; the coordination is the speaker's ("said ... and promised")
        head = head.head
    elif verb.dep_ not in _SHARES_SUBJECT:
        return None
    if depth < 3 and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        return _subject(head, depth + 1)
    return None


def _name_beside(verb: Token) -> Token | None:
    doc = verb.doc
    after = verb.i + 1
    if verb.lower_ not in _NO_INVERSION and after < len(doc):
        token = doc[after]
        while token.ent_type_ == "PERSON" and token.i + 1 < len(doc) \
                and doc[token.i + 1].ent_type_ == "PERSON" and doc[token.i + 1].ent_iob_ == "I":
            token = doc[token.i + 1]
        if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.i == after
                                           and token.is_title):
            return token
    before = verb.i - 1
    if before >= 0 and (doc[before].ent_type_ == "PERSON" or doc[before].pos_ == "PROPN"):
        return doc[before]
    return None


def _subject_said(verb: Token, *, after_only: bool = False) -> Said:
    subject = _subject(verb, inverted=after_only)
    if subject is None:
        return Said()
    if after_only and subject.i < verb.i:
        return Said()
    return _speaker(subject)


def _speaker(token: Token) -> Said:
    """What a subject (or source) says of the speaker: a pronoun, a person named in an
    appositive, a named entity, a proper-noun name, a document's author, or a description."""
    lower = token.lower_
    if lower in _PRONOUNS:
        return Said(pronoun=lower, at=token.idx)
    if token.pos_ == "PRON":
        return Said()
    titled = _name_after_title(token)
    if titled:
        return Said(name=titled)
    ent = _entity(token)
    if ent is not None and ent.label_ == "PERSON" and ent[-1].pos_ == "PROPN":
        return Said(name=_joint(token) or _name_words(ent))
    for child in token.children:
        if child.dep_ == "appos":
            person = _person_within(child)
            if person:
                return Said(name=person)
            if token.pos_ == "NOUN" and child.pos_ == "PROPN" and not child.ent_type_:
                return Said(name=_proper_run(child))  # "the fisherman's wife Ana, 35,"
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        # the name as written, titles and all ("Chief Executive Ana Costa"): the small
        # model's entities often cover only part of a name it does not know
        return Said(name=_proper_run(token))
    if ent is not None and ent.label_ in _NAME_LABELS:
        return Said(name=_written(ent))
    if token.pos_ not in {"NOUN", "PROPN"}:
        return Said()  # (the small model tags some lower-case nouns "PROPN": "the minister")
    if lower in _DOCUMENT_NOUNS:
        # a document speaks for its author; without one named, it names no speaker
        author = _author(token)
        return Said(name=author) if author else Said()
    person = _person_within(token)
    if person:
        return Said(name=person)
    named = _named_after_complement(token)
    if named:
        return Said(name=named)
    for child in token.children:
        if child.dep_ == "conj" and child.ent_type_ == "PERSON":
            # "team president and general manager Al Berko": titles joined, then the name
            ent = _entity(child)
            if ent is not None:
                return Said(name=_name_words(ent))
    return _description(token)


def _description(token: Token) -> Said:
    """A description as the text gives it: the noun with its determiner and modifiers, and
    an 'of' complement naming no one ("the vice-chancellor of the university"). Only a
    definite or possessed noun, a group ("officials") or a capitalised one describes a
    speaker; "a report" or "officers" alone says nothing of who spoke."""
    doc = token.doc
    start = token.left_edge.i
    # a hyphenated noun the tokenizer split ("vice-chancellor") and the determiner before it
    while start > 0 and not doc[start - 1].whitespace_ and (
            doc[start - 1].is_alpha or doc[start - 1].text == "-"):
        start -= 1
    while start > 0 and doc[start - 1].dep_ in {"det", "poss"} and doc[start - 1].head.i >= start:
        start -= 1
    first = doc[start]
    last = token
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == last.i + 1:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "NOUN" and not any(
                    t.pos_ == "PROPN" or t.text == "," for t in objects[0].subtree):
                last = objects[0].right_edge
    written = doc[first.i:last.i + 1].text  # (a Doc's .text joins all its tokens anew)
    if any(mark in written for mark in _QUOTE_MARKS):
        return Said()  # a noun phrase running into quoted words is no speaker
    phrase = tuple(written.split())
    lower = token.lower_
    if first.dep_ in {"det", "poss"} or lower in GROUP_NOUNS or token.text[:1].isupper():
        return Said(description=phrase)
    return Said()


def _people(doc: Doc) -> list[Span]:
    """The PERSON entities that are names: the small model sometimes tags a common noun at a
    sentence start ("Filmmaker and ...") as a person."""
    return [ent for ent in doc.ents if ent.label_ == "PERSON" and ent[-1].pos_ == "PROPN"]


def _name_after_title(token: Token) -> tuple[str, ...]:
    """'said Springfield Police Sgt. Tom Bale': the parser may end the subject at the
    abbreviated title and leave the name after its stop outside; the name is the speaker."""
    if token.lower_.rstrip(".") not in TITLES:
        return ()
    doc = token.doc
    k = token.i + 1
    if k < len(doc) and doc[k].text == ".":
        k += 1
    if k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B":
        ent = _entity(doc[k])
        if ent is not None:
            return _name_words(ent)
    return ()


def _named_after_complement(token: Token) -> tuple[str, ...]:
    """'said the chief of the county fire service, Ana Costa': the parser hangs the name on
    the complement's noun. Taken only when it is a full name (two words or more) after a
    complement that ends in a common noun: 'the mayor of Buffalo, New York' names a place,
    and 'the spokesman for the ministry, Petrov' could name either."""
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.pos_ != "NOUN":
                continue
            for child in noun.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    run = _proper_run(child)
                    if len(run) >= 2:
                        return run
    return ()


def _entity(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    # walked from the token's IOB tags, not searched among all the entities of the text
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span  # the parse is spaCy's; imported with it, not before

    return Span(doc, start, end, label=token.ent_type)


def _person_within(token: Token) -> tuple[str, ...]:
    """The person a phrase names as its head ("regional official Dorn Vesk", "Acme chief
    Lisa Park"), as name words; empty when its head is no person. A person the phrase only
    mentions is someone else: a modifier ("an Ashgabat resident", where the small model may
    tag the place as a person), or what its prepositions and clauses name ("the lawyer for
    Ivo Stan")."""
    if token.ent_type_ != "PERSON":
        return ()
    ent = _entity(token)
    return _name_words(ent) if ent is not None and ent[-1].pos_ == "PROPN" else ()


def _joint(token: Token) -> tuple[str, ...]:
    """'Ann Cole and Ravi Shah said': both names, joined as the text joins them."""
    names = [token]
    names += [c for c in token.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"]
    if len(names) < 2:
        return ()
    parts: list[str] = []
    for n, name in enumerate(names):
        ent = _entity(name)
        if ent is None:
            return ()
        if n:
            parts.append("and")
        parts.extend(_name_words(ent))
    return tuple(parts)


def _author(token: Token) -> tuple[str, ...]:
    """The author a document noun names after it: 'a statement from the ministry', 'an
    editorial in the Daily Post', 'the ministry's statement'."""
    for child in token.children:
        if child.dep_ in {"poss", "compound"} and child.ent_type_ in _NAME_LABELS:
            ent = _entity(child)
            if ent is not None:
                return _written(ent)
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    ent = _entity(grand)
                    if ent is not None and ent.label_ in _NAME_LABELS:
                        return _written(ent)
                    if grand.pos_ == "PROPN":
                        return _proper_run(grand)
    return ()


def _proper_run(token: Token) -> tuple[str, ...]:
    """The proper-noun words ending at `token` that name one thing ("Marty Earley"), from
    the start of the entity they belong to when it starts earlier ("South Korean Foreign
    Ministry", whose first words are tagged adjectives)."""
    start = token.i
    doc = token.doc
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or (not doc[start - 1].whitespace_
                         and doc[start - 1].text == "-")) and doc[start - 1].head.i >= start - 1:
        start -= 1
    ent = _entity(token)
    if ent is not None and ent.start < start:
        start = ent.start
    return _written(doc[start:token.i + 1])


def _written(span: Span) -> tuple[str, ...]:
    """The words of a span as the text writes them: "Leif-Eric" stays one word."""
    return tuple(span.text.split())  # a Span's own text: the Doc's would join every token


def _name_words(ent: Span) -> tuple[str, ...]:
    """A person entity's words without the titles before it ("Ms Lind" is Lind), a
    possessive ending or stray punctuation."""
    end = ent.end
    while end > ent.start and (ent.doc[end - 1].tag_ == "POS" or (ent.doc[end - 1].is_punct
                               and ent.doc[end - 1].text != ".")):
        end -= 1
    words = list(_written(ent.doc[ent.start:end]))
    while len(words) > 1 and (words[0].lower().rstrip(".") in TITLES or words[0] == "."):
        words.pop(0)
    return tuple(words)


def _acts(ent: Span) -> bool:
    """Whether a person is what the clause is about: its subject, the name an appositive
    gives a subject ("The president-elect, Barack Obama, broke"), the antecedent of "who"
    ("O'Connor, who produced"), or the source of "according to"."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Burke and Ortiz met": both are subjects
    if root.dep_ in _SUBJECTS:
        return True
    if root.dep_ == "appos" and root.head.dep_ in _SUBJECTS:
        return True
    if any(c.dep_ == "relcl" and any(g.dep_ in _SUBJECTS and g.lower_ in _RELATIVES
                                     for g in c.children) for c in root.children):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def _gender_before(ent: Span) -> str | None:
    """The gender an honorific or a gendered role noun right before a name gives it ("Ms Lee",
    "actress Ann Lee", "Mr. John Doe")."""
    doc = ent.doc
    words = [t for t in ent if t.lower_.rstrip(".") in _GENDERED_TITLES]
    for k in range(ent.start - 1, max(-1, ent.start - 4), -1):
        token = doc[k]
        word = token.lower_.rstrip(".")
        if word in _GENDERED_TITLES or word in _GENDERED_NOUNS:
            words.append(token)
            break
        if not (token.text[:1].isupper() or token.text == "." or word in TITLES):
            break
    for token in words:
        word = token.lower_.rstrip(".")
        return _GENDERED_TITLES.get(word) or _GENDERED_NOUNS.get(word)
    return None


def _given_name(words: Sequence[str]) -> str | None:
    """The gender the given name of a full name ("Ruth Baker", "Dr. Ruth Baker") suggests."""
    names = [w for w in words if w.lower().rstrip(".") not in TITLES
             and w.lower().rstrip(".") not in _GENDERED_TITLES]
    if len(names) < 2:
        return None  # a surname alone says nothing
    return _GIVEN_NAMES.get(names[0].lower())


def _gender_in_apposition(ent: Span) -> str | None:
    """'Lee, the spokeswoman,' / 'the spokeswoman, Ann Lee,': a gendered noun in apposition."""
    root = ent.root
    linked = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    for token in linked:
        gender = _GENDERED_NOUNS.get(token.lower_)
        if gender:
            return gender
    return None
