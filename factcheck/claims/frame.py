"""A claim's fact frame, read from the dependency parse: what the value measures, whose it
is, which predicate it hangs on, when and where its clause is set.

Two outlets' "$31.20" and "$12.50" are one fact only if they are the same company's share
price on the same day; "90,000 people" and "8,000 people" only if both are a city's
population. Words near the value cannot tell these apart; the parse can: the value's phrase,
the noun it is "of", the subject of its predicate and that subject's owner, the dates and
places attached to the same predicate. The arcs followed are data (`data/frames.yaml`), and a
construction the table does not cover leaves a field unknown: an unknown frame never makes
two facts one, it only keeps a comparison below error level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from factcheck.models import Frame
from factcheck.resources import load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class _Arcs:
    value_to_noun: frozenset[str]
    of_preps: frozenset[str]
    climb: frozenset[str]
    open_clause: frozenset[str]
    subject: frozenset[str]
    owner: frozenset[str]
    holder_entities: frozenset[str]
    people_entities: frozenset[str]
    scope_entities: frozenset[str]
    scope_preps: frozenset[str]
    whole_scopes: frozenset[str]
    part_scopes: frozenset[str]
    date_entities: frozenset[str]
    light_verbs: frozenset[str]
    generic_nouns: frozenset[str]
    directions: frozenset[str]
    role_preps: frozenset[str]
    measure_preps: frozenset[str]
    time_units: frozenset[str]
    not_roles: frozenset[str]
    theme_preps: frozenset[str]
    result_arcs: frozenset[str]
    result_verbs: frozenset[str]
    relative_tags: frozenset[str]
    object: frozenset[str]
    goal_preps: frozenset[str]


@cache
def _arcs(language: str) -> _Arcs:
    table: Mapping[str, Any] = load_table("frames")[language]
    fields = set(_Arcs.__dataclass_fields__)
    return _Arcs(**{key: frozenset(values) for key, values in table.items() if key in fields})


def frame_of(doc: Doc, start: int, end: int, kind: str = "quantity", language: str = "en"
             ) -> Frame:
    """The frame of the value at [start, end) of the parsed text (character offsets); `kind`
    is the mention's (a date that modifies a noun dates it: "last May's veto")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Frame()
    arcs = _arcs(language)
    inside = range(span.start, span.end)
    phrase = span.root
    while phrase.dep_ in arcs.value_to_noun and phrase.head.i != phrase.i and (
            phrase.head.i in inside or phrase.head.pos_ in ("NOUN", "PROPN", "NUM")):
        phrase = phrase.head
    counted = phrase.lemma_.lower() if phrase.pos_ == "NOUN" else _partitive(phrase, arcs)
    if phrase.ent_type_ in arcs.people_entities and phrase.pos_ in ("NOUN", "PROPN"):
        # "30 Kurds", "two Britons": a nationality or group counts people; it is what
        # is counted, not whose value it is.
        counted = "people"
    inside = range(min(span.start, phrase.i), max(span.end, phrase.i + 1))
    attribute = _own_attribute(phrase, inside, arcs)
    if (kind in ("time", "duration") and counted is not None
            and counted not in arcs.generic_nouns and counted not in arcs.time_units
            and phrase.i not in range(span.start, span.end)):
        # "last May's veto": the date of the veto; "the 90-minute conference": its length
        attribute, counted = counted, None
    holder = _owner(phrase, arcs)
    distance = _distance_from(phrase, arcs)
    if distance is not None:
        attribute, holder = "distance", distance
    predicate, attribute, holder = _climb(phrase, attribute, holder, arcs)
    if predicate is not None and holder is None:
        holder = _subject_holder(predicate, inside, arcs)
    # "Shares ... closed at $31.20": a common-noun subject is what an amount belongs to; the
    # subject of a dated or timed clause ("the leader met him on Tuesday") is not what the
    # date dates.
    if (attribute is None and predicate is not None and _role(phrase) != "dobj"
            and kind == "quantity"):
        attribute = _subject_noun(predicate, inside, arcs)
    if predicate is not None and predicate.dep_ == "relcl" and attribute is None:
        # "a news conference that lasted about an hour": the length of the conference
        head = predicate.head
        if head.pos_ == "NOUN" and head.lemma_.lower() not in arcs.generic_nouns:
            attribute = head.lemma_.lower()
    subject = _subject_noun(predicate, inside, arcs) if predicate is not None else None
    event = None
    if predicate is not None and predicate.lemma_.lower() not in arcs.light_verbs:
        event = _result(predicate, inside, arcs) or predicate.lemma_.lower()
    anchor = predicate if predicate is not None else phrase
    return Frame(
        attribute=attribute,
        counted=counted,
        holder=holder,
        event=event,
        subject=subject,
        theme=_theme(predicate, inside, arcs) if predicate is not None else None,
        object=_object(predicate, inside, arcs) if predicate is not None else None,
        time=_clause_time(anchor, inside, arcs),
        scope=sorted({*_clause_scope(anchor, inside, arcs),
                      *(_part_of_count(phrase, arcs) if kind == "quantity" and counted
                        and counted not in arcs.time_units else ())}),
        capacity=_capacity(anchor, inside, arcs),
    )


def _result(predicate: Token, inside: range, arcs: _Arcs) -> str | None:
    """The state a predicate leaves its object in, which is what the value counts: "leaving
    40 people dead" counts deaths and "left 50 people with serious injuries" injuries, where
    "leave" alone names no event; "found two hikers dead" likewise."""
    for child in predicate.children:
        if child.i not in inside and child.dep_ in arcs.result_arcs and child.pos_ in (
                "ADJ", "VERB"):
            return child.lemma_.lower()
    if predicate.lemma_.lower() in arcs.result_verbs:
        for child in predicate.children:
            if child.dep_ == "prep" and child.lower_ in arcs.theme_preps:
                for target in child.children:
                    if target.dep_ == "pobj" and target.pos_ == "NOUN" and target.i not in inside:
                        return target.lemma_.lower()
    return None


def _role(token: Token) -> str:
    """The token's dependency, seen through coordination: in "seized two rifles and three
    guns" the guns are an object as much as the rifles."""
    for _ in range(8):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token.dep_


def _partitive(phrase: Token, arcs: _Arcs) -> str | None:
    """"five of the seven board members": the number counts members."""
    if phrase.pos_ != "NUM":
        return None
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ in arcs.of_preps:
            for target in child.children:
                if target.dep_ == "pobj" and target.pos_ == "NOUN":
                    return target.lemma_.lower()
    return None


def _own_attribute(phrase: Token, inside: range, arcs: _Arcs) -> str | None:
    """The noun the value is "of" ("a depth of 10 km"), or what its phrase is "in" ("$4.6
    billion in sales"): both say what the number measures. What a counted noun is "of" is
    where its things come from, not what is measured ("300 residents of nearby streets")."""
    head = phrase.head
    if (phrase.dep_ == "pobj" and head.lower_ in arcs.of_preps
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i not in inside
            and head.head.lemma_.lower() not in arcs.generic_nouns):
        return head.head.lemma_.lower()
    for child in phrase.children:
        if child.dep_ == "prep" and child.i not in inside and child.lower_ in arcs.measure_preps:
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"
                       and g.lemma_.lower() not in arcs.generic_nouns]
            if objects:
                return objects[0].lemma_.lower()
    return None


def _climb(phrase: Token, attribute: str | None, holder: str | None, arcs: _Arcs
           ) -> tuple[Token | None, str | None, str | None]:
    """Up from the value's phrase to the predicate (a verb) it hangs on, picking up on the way
    the noun it measures and that noun's owner ("at a depth of ..." -> struck)."""
    token = phrase
    seen = 0
    while token.dep_ in arcs.climb and token.head.i != token.i and seen < 8:
        if token.dep_ == "appos":
            # "Lakeport, a city of 90,000 people, took ...": the apposition describes its
            # head; the main clause's predicate is not the value's event.
            return None, attribute, holder or _entity_text(token.head, arcs)
        came_by = token.dep_
        token = token.head
        seen += 1
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and came_by in arcs.subject):
            # an adjective with a subject is a small clause's predicate: "found two hikers
            # dead" says the two are dead
            return token, attribute, holder
        if (token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in arcs.holder_entities
                and token.lemma_.lower() not in arcs.generic_nouns
                and not any(c.dep_ == "nummod" for c in token.children)):
            # (a noun with a number of its own is another value's unit: "40 km north")
            attribute = attribute or token.lemma_.lower()
            holder = holder or _owner(token, arcs)
    if token.pos_ in ("VERB", "AUX"):
        return token, attribute, holder
    return None, attribute, holder


def _distance_from(phrase: Token, arcs: _Arcs) -> str | None:
    """"40 km north of Halden": a distance, and the place it is measured from."""
    head = phrase.head
    if phrase.dep_ != "npadvmod" or head.lower_ not in arcs.directions:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in arcs.of_preps | {"from"}:
            for target in child.children:
                if target.dep_ == "pobj":
                    return _entity_text(target, arcs) or target.lemma_.lower()
    return head.lower_


def _theme(predicate: Token, inside: range, arcs: _Arcs) -> str | None:
    """What the predicate is done with, on or for, besides the value: "charged with theft",
    "spent ... on research": two events of one verb differ by it. A direct object is not
    read: outlets vary it freely for one event ("hit the province", "hit the hill
    districts")."""
    for child in predicate.children:
        if child.i in inside:
            continue
        if any(c.dep_ == "nummod" for c in child.children):
            continue  # another value's phrase
        if child.dep_ == "prep" and child.lower_ in arcs.theme_preps:
            for target in child.children:
                # "charged with theft", "charged with stealing a guitar"; not another value
                # ("burned for about six hours")
                if (target.dep_ in ("pobj", "pcomp") and target.i not in inside
                        and target.pos_ in ("NOUN", "VERB") and not target.ent_type_
                        and target.lemma_.lower() not in arcs.generic_nouns
                        and not any(c.dep_ == "nummod" for c in target.children)):
                    return target.lemma_.lower()
    return None


def _entity_at(token: Token) -> Span | None:
    """The named entity a token is part of: the token's sentence is searched, not the whole
    document (a long article holds thousands of entities)."""
    return next((e for e in token.sent.ents if e.start <= token.i < e.end), None)


def _entity_text(token: Token, arcs: _Arcs) -> str | None:
    if token.ent_type_ in arcs.holder_entities:
        entity = _entity_at(token)
        if entity is not None and _dateline_place(entity):
            return None
        return entity.text if entity is not None else token.text
    return None


def _dateline_place(entity: Span) -> bool:
    """"NEW YORK, Oct 22 (Wire) - ...": the place a report was filed from, in capitals at the
    head of its sentence; the parser may make it a subject, but it holds nothing."""
    doc = entity.doc
    return (entity.start == entity.sent.start and entity.text.isupper()
            and entity.end < len(doc) and doc[entity.end].text == ",")


def _owner(noun: Token, arcs: _Arcs) -> str | None:
    """Whose the noun is: a possessor or name in compound ("Delta's shares", "Harbor Lines
    shares") or a name it is "of" ("shares of Northwind")."""
    for child in noun.children:
        if child.dep_ in arcs.owner:
            name = _entity_text(child, arcs)
            if name:
                return name
        if child.dep_ == "prep" and child.lower_ in arcs.of_preps:
            for target in child.children:
                name = _entity_text(target, arcs) if target.dep_ == "pobj" else None
                if name:
                    return name
    return None


def _subjects(predicate: Token, arcs: _Arcs) -> Iterable[Token]:
    """The predicate's subject, or the subject of the clause it opens from ("Shares rose 4% to
    close at $31.20": close takes rose's subject)."""
    token = predicate
    for _ in range(4):
        found = [c for c in token.children if c.dep_ in arcs.subject]
        if found:
            return found
        if token.dep_ not in arcs.open_clause or token.head.i == token.i:
            return []
        token = token.head
    return []


def _subject_holder(predicate: Token, inside: range, arcs: _Arcs) -> str | None:
    for subject in _subjects(predicate, arcs):
        if subject.i in inside or any(c.dep_ == "nummod" for c in subject.children):
            continue
        if subject.tag_ in arcs.relative_tags and predicate.dep_ == "relcl":
            subject = predicate.head  # "Okafor, who won the title in 1998": Okafor won it
        return (_entity_text(subject, arcs) or _owner(subject, arcs)
                or _proper_name(subject, arcs) or _appositive_name(subject, arcs))
    return None


def _appositive_name(noun: Token, arcs: _Arcs) -> str | None:
    """"The painter Ines Roca moved": a common noun named by its appositive."""
    for child in noun.children:
        if child.dep_ == "appos":
            return _entity_text(child, arcs) or _proper_name(child, arcs)
    return None


def _proper_name(token: Token, arcs: _Arcs) -> str | None:
    """A proper-noun subject the entity recogniser missed: the small model often leaves a
    surname that opens a sentence untagged ("Marlow quit the stage in 1961") or calls it an
    organisation; it is who acted all the same. A dateline place is not."""
    if token.pos_ != "PROPN" or token.ent_type_ in arcs.date_entities:
        return None
    words = [c for c in token.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"
             and c.i < token.i]
    start = min([token.i, *(c.i for c in words)])
    span = token.doc[start:token.i + 1]
    if span.start == span.sent.start and span.text.isupper():
        return None
    return span.text


def _object(predicate: Token, inside: range, arcs: _Arcs) -> str | None:
    """What the predicate acts on, or where it goes: "won the title in 1998", "moved to Lyon
    in 2003". A date of one verb and one actor is another event's when this differs ("won
    the title in 1998", "won the cup in 2001")."""
    for child in predicate.children:
        if child.i in inside or any(c.dep_ == "nummod" for c in child.children):
            continue
        if child.dep_ in arcs.object and _named_thing(child):
            return child.lemma_.lower()
        if child.dep_ == "prep" and child.lower_ in arcs.goal_preps:
            for target in child.children:
                if target.dep_ == "pobj" and _named_thing(target):
                    return target.lemma_.lower()
    return None


def _named_thing(token: Token) -> bool:
    """A noun that names a thing, not another value's phrase ("rose to 6.1%")."""
    return (token.pos_ in ("NOUN", "PROPN") and not token.like_num
            and not any(c.dep_ in ("nummod", "quantmod") for c in token.children))


def _subject_noun(predicate: Token, inside: range, arcs: _Arcs) -> str | None:
    """A common-noun subject is what the value belongs to: "shares ... closed at $31.20"."""
    for subject in _subjects(predicate, arcs):
        if (subject.i not in inside and subject.pos_ == "NOUN"
                and subject.lemma_.lower() not in arcs.generic_nouns
                and not any(c.dep_ == "nummod" for c in subject.children)):
            return subject.lemma_.lower()
    return None


def _attached(anchor: Token, inside: range) -> Iterable[Token]:
    """Tokens attached to the predicate directly or through one preposition, outside the
    value: where the clause's own dates and places stand."""
    for child in anchor.children:
        if child.i in inside:
            continue
        yield child
        if child.dep_ == "prep":
            yield from (g for g in child.children if g.i not in inside)


def _near(anchor: Token, inside: range) -> Iterable[Token]:
    """The predicate's children and those of the value's own phrase ("the last three as
    captain" hangs "as" on the number)."""
    yield from anchor.children
    for i in inside:
        token = anchor.doc[i]
        if token.i != anchor.i:
            yield from (c for c in token.children if c.i not in inside)


def _dated(text: str) -> bool:
    """A date that places an event ("in 2004", "on Sunday", "Nov. 7"), not a length ("12
    seasons", "decades") that the entity recogniser also calls a DATE."""
    return any(word[:1].isupper() or (word.isdigit() and len(word) == 4)
               for word in text.split())


def _clause_time(anchor: Token, inside: range, arcs: _Arcs) -> str | None:
    """The date the value's clause names, or else the date of the clause it depends on:
    "struck the coast in March, killing nine and injuring 60" dates the 60 to March too (a
    participle or coordinated verb shares its governing clause's time)."""
    for _ in range(3):
        for token in _attached(anchor, inside):
            if token.ent_type_ in arcs.date_entities:
                entity = _entity_at(token)
                if (entity is not None and _dated(entity.text)
                        and not any(i in inside for i in range(entity.start, entity.end))):
                    return entity.text
        if (anchor.dep_ not in arcs.open_clause or anchor.head.i == anchor.i
                or anchor.head.pos_ not in ("VERB", "AUX")):
            return None
        anchor = anchor.head
    return None


def _capacity(anchor: Token, inside: range, arcs: _Arcs) -> str | None:
    """A role that makes the value one part of a longer whole: "four seasons as director"
    within "19 seasons with the team"."""
    for child in _near(anchor, inside):
        if child.dep_ == "prep" and child.lower_ in arcs.role_preps:
            for target in child.children:
                if (target.dep_ == "pobj" and target.i not in inside
                        and target.lemma_.lower() not in arcs.not_roles):
                    return f"{child.lower_} {target.lemma_.lower()}"
    return None


def _part_of_count(phrase: Token, arcs: _Arcs) -> list[str]:
    """"his first 17 passes": the counted noun's modifier that makes the count a stretch of a
    larger one, as its scope."""
    return [child.lower_ for child in phrase.children
            if child.dep_ == "amod" and child.lower_ in arcs.part_scopes]


def _clause_scope(anchor: Token, inside: range, arcs: _Arcs) -> list[str]:
    """Places the clause is set in ("in Ohio"), or the value's own phrase is ("killed 900
    people in Bavaria": the parser may hang the place on the people); and the words that set
    it in the whole ("nationwide", "across the country", "in all"), as written, lower case."""
    places = []
    for child in _near(anchor, inside):
        if child.dep_ in ("advmod", "amod") and child.lower_ in arcs.whole_scopes:
            places.append(child.lower_)
        if child.dep_ == "prep" and child.lower_ in arcs.scope_preps:
            for target in child.children:
                if target.i in inside:
                    continue
                if target.ent_type_ in arcs.scope_entities:
                    entity = _entity_at(target)
                    places.append(entity.text if entity is not None else target.text)
                elif target.dep_ == "pobj" and target.lemma_.lower() in arcs.whole_scopes:
                    places.append(target.lemma_.lower())
    return sorted(set(places))
