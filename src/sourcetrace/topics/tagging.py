"""Tagging: which links of a topic each claim evidences, and how strongly.

A claim (an :class:`~sourcetrace.topics.units.Unit`) **evidences** the link
actor → method → target only when, in the claim's own sentence:

1. the topic's **frame** is there and not negated (recruiting, a contract,
   being sent to the front...): "police detained 1,300 protesters" names police
   but evidences nothing about recruitment;
2. an **actor** and a **target** are there, not negated ("they are not Wagner"),
   and not the speaker (the speaker, cue and channel are blanked out of the
   claim, so "the UK Ministry of Defence said" never makes a ministry an actor);
3. **methods** found in the same sentence qualify the link; a link with no
   method is ``recruits``. With several targets, each method goes with the
   nearest target named before it (after it when none is).

Context fills two gaps, and says so in ``Relation.inferred``: a claim whose
speaker belongs to a target group (by its name, or the head of its descriptor:
"a Tajik migrant who...", not "a defender of migrant rights") speaks for that
group ("former prisoners say they were recruited directly" → prisoners:
first-hand), and a speaker who is a
known entity standing for an actor and says "we" speaks for that actor; a
pronoun ("They were offered a pardon") takes the target, and a missing actor the
actor, of the three sentences before; a claim naming actor, target and method
whose frame is only in the sentences before takes the frame from there.

A **denial** (cue stance ``deny``, or a denial verb in a sentence the extractor
did not read) evidences nothing but the denial: it gets no relation, only the
``denied`` categories named in its own words. A claim whose frame is negated
("he hadn't signed up", "no recruit was promised a pardon") evidences nothing
either, but is not counted as a denial (it is often the opposite: "not of their
own free will"); nor is declining to answer ("declined to say how many").

**Strength** (``weight``), per claim: ``first_hand`` 1.0 (the speaker is one of
the targets, or the actor itself), ``sourced`` 0.75 (a named speaker, outlets
included), ``anonymous`` 0.5 (an unnamed or unknown source), ``author`` 0.5
(the article's own unhedged assertion or an unattributed sentence), ``hedged``
0.25 (a hedged assertion — "it seems", "reportedly" — or a speaker who only
"believes"). The map counts origins, not weights; weights rank examples and
give each edge a strength that echoes do not inflate.

Limits: no parse, so roles come from co-occurrence within one sentence, not
from syntax ("X recruits Y" and "Y recruits X" tag alike); several actors and
targets in one sentence give every combination.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Extraction
from .matching import Hit, PackMatcher, cues, fold, matcher_for
from .pack import Entity, TopicPack
from .units import Unit, units_of

WEIGHTS: dict[str, float] = {
    "first_hand": 1.0, "sourced": 0.75, "anonymous": 0.5, "author": 0.5, "hedged": 0.25,
}
RECRUITS = "recruits"


@dataclass(frozen=True, slots=True)
class Relation:
    """actor → method → target, as one claim evidences it."""

    actor: str
    method: str | None
    target: str
    inferred: tuple[str, ...] = ()

    @property
    def relation(self) -> str:
        """The method id, or ``recruits`` when the claim names no method."""
        return self.method or RECRUITS

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "method": self.relation, "target": self.target,
                "inferred": list(self.inferred)}


@dataclass(frozen=True, slots=True)
class ClaimTags:
    """What one claim evidences (see the module notes)."""

    unit: Unit
    relations: tuple[Relation, ...]
    places: tuple[str, ...]
    mentioned: tuple[str, ...]
    denial: bool
    denied: tuple[str, ...]
    strength: str
    weight: float
    interested: bool | None
    hits: tuple[Hit, ...]
    note: str

    @property
    def evidenced(self) -> tuple[str, ...]:
        """The category ids this claim evidences: those of its relations, and places."""
        seen: dict[str, None] = {}
        for r in self.relations:
            seen.setdefault(r.actor)
            seen.setdefault(r.target)
            if r.method:
                seen.setdefault(r.method)
        if self.relations:
            seen.update(dict.fromkeys(self.places))
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        u = self.unit
        return {
            "article": u.article, "unit": u.id, "kind": u.kind, "quote": u.quote,
            "start": u.start, "end": u.end,
            "speaker": (None if u.speaker is None else
                        {"name": u.speaker.name, "type": u.speaker.type,
                         "descriptor": u.speaker.descriptor, "entity": u.speaker.entity}),
            "stance": u.stance, "relations": [r.to_dict() for r in self.relations],
            "places": list(self.places), "evidenced": list(self.evidenced),
            "mentioned": list(self.mentioned), "denial": self.denial,
            "denied": list(self.denied), "strength": self.strength,
            "weight": self.weight, "interested": self.interested, "note": self.note,
        }


def _ids(hits: Iterable[Hit], kind: str) -> list[str]:
    return list(dict.fromkeys(h.id for h in hits if h.kind == kind and not h.negated))


def _last_of(text: str, kind: str, matcher: PackMatcher) -> list[str]:
    """The category of ``kind`` mentioned last in ``text`` (pronoun antecedent), if any."""
    found = [h for h in matcher.hits(text) if h.kind == kind and not h.negated]
    return [found[-1].id] if found else []


def tag_unit(unit: Unit, pack: TopicPack) -> ClaimTags:
    """Tag one claim with the links it evidences (see the module notes)."""
    matcher = matcher_for(pack)
    hits = matcher.hits(unit.focus)
    folded = fold(unit.focus)
    frame_hits = [h for h in hits if h.kind == "frame"]
    frame = any(not h.negated for h in frame_hits)
    negated_frame = bool(frame_hits) and not frame
    actors, targets = _ids(hits, "actor"), _ids(hits, "target")
    methods, places = _ids(hits, "method"), _ids(hits, "place")
    inferred: list[str] = []
    speaker = unit.speaker
    speaker_targets: list[str] = []
    speaker_entity = None
    if speaker is not None:
        speaker_targets = _speaker_targets(unit, matcher)
        if speaker.entity is not None:
            speaker_entity = pack.entity(speaker.entity)
    if not targets and speaker_targets:
        targets, inferred = speaker_targets[:1], inferred + ["target is the speaker"]
    if (not actors and speaker_entity is not None and speaker_entity.actor
            and cues("first_person").search(folded)):
        actors, inferred = [speaker_entity.actor], inferred + ["the speaker speaks for the actor"]
    if frame and not targets and cues("anaphora").search(folded):
        targets = _last_of(unit.before, "target", matcher)
        inferred += ["target from the sentences before"] if targets else []
    if frame and targets and not actors:
        actors = _last_of(unit.before, "actor", matcher)
        inferred += ["actor from the sentences before"] if actors else []
    if (not frame and not frame_hits and actors and targets and methods
            and any(h.kind == "frame" and not h.negated for h in matcher.hits(unit.before))):
        # "...a convict resource they could control through the ministry's own companies":
        # actor, target and method are all in the claim; the sentence before says recruiting
        frame, inferred = True, inferred + ["frame from the sentences before"]
    non_answer = cues("non_answer").search(fold(unit.cue))
    denial = unit.stance == "deny" and not non_answer
    relations: list[Relation] = []
    if non_answer:
        note = "declined to answer: evidences nothing"
    elif denial:
        note = "denial: evidences only the denial"
    elif negated_frame:
        note = "the claim negates the frame (\"had not signed up\"): evidences nothing"
    elif not frame:
        note = "no recruitment frame in the claim: mentions only"
    elif not actors or not targets:
        note = "frame without " + ("an actor" if not actors else "a target")
    else:
        relations = [Relation(a, m, t, tuple(inferred))
                     for a in actors for m, t in _pairs(methods, targets, hits)]
        note = "; ".join(inferred) if inferred else "actor, target and frame in the claim"
    strength = _strength(unit, bool(speaker_targets) or (
        speaker_entity is not None and speaker_entity.actor in actors), folded)
    mentioned = list(dict.fromkeys(h.id for h in hits if h.kind != "frame"))
    return ClaimTags(
        unit=unit, relations=tuple(relations), places=tuple(places), mentioned=tuple(mentioned),
        denial=denial, denied=_denied(unit, matcher, speaker_entity) if denial else (),
        strength=strength, weight=WEIGHTS[strength],
        interested=speaker_entity.interested if speaker_entity is not None else None,
        hits=tuple(hits), note=note,
    )


_HEAD_END = re.compile(r",|\b(?:who|which|that|of|for|with|at|in|from|defending|"
                       r"который|которая|которые|из|для)\b", re.IGNORECASE)


def _pairs(methods: list[str], targets: list[str], hits: Sequence[Hit]
           ) -> list[tuple[str | None, str]]:
    """Methods with their targets: every pair when there is one target (or none is in the
    text), else each method with the nearest target named before it, or after it when
    none is ("detainees were offered pardons and migrants residence permits" pairs
    pardon with detainees, residence with migrants)."""
    if not methods:
        return [(None, t) for t in targets]
    placed = [h for h in hits if h.kind == "target" and h.id in targets and not h.negated]
    if len(targets) == 1 or not placed:
        return [(m, t) for m in methods for t in targets]
    out: dict[tuple[str | None, str], None] = {}
    for h in hits:
        if h.kind == "method" and h.id in methods and not h.negated:
            before = [p for p in placed if p.end <= h.start]
            near = before[-1] if before else min(placed, key=lambda p: p.start - h.end)
            out.setdefault((h.id, near.id))
    return list(out)


def _speaker_targets(unit: Unit, matcher: PackMatcher) -> list[str]:
    """The target groups a speaker belongs to: by its name, or by the head of one of its
    appositions or of its descriptor ("a Tajik migrant who..." but not "a lawyer who
    defends migrant workers")."""
    sp = unit.speaker
    if sp is None:
        return []
    found = matcher.category_ids(sp.name, "target")
    for chunk in [*unit.speaker_text.split(",")[1:], sp.descriptor or ""]:
        if found:
            break
        found = matcher.category_ids(_head(chunk), "target")
    return found


def _head(descriptor: str | None) -> str:
    """The head phrase of a descriptor: "a Tajik migrant" of "a Tajik migrant who works...",
    "a defender" of "a defender of migrant rights" (whose speaker is not a migrant)."""
    if not descriptor:
        return ""
    return _HEAD_END.split(descriptor, maxsplit=1)[0]


def _denied(unit: Unit, matcher: PackMatcher, entity: Entity | None) -> tuple[str, ...]:
    """What a denial denies: the categories named in its own words (not the whole
    sentence), and the actor its speaker stands for ("the ministry denied that it...")."""
    ids = [h.id for h in matcher.hits(unit.quote) if h.kind in ("actor", "method", "target")]
    if entity is not None and entity.actor:
        ids.insert(0, entity.actor)
    elif unit.speaker is not None:
        ids[:0] = matcher.category_ids(unit.speaker.name, "actor")
    return tuple(dict.fromkeys(ids))


def _strength(unit: Unit, first_hand: bool, folded: str) -> str:
    hedged = bool(unit.hedge) or unit.stance == "believe" or cues("hedge").search(folded)
    if unit.speaker is None:
        return "hedged" if hedged else "author"
    if first_hand:
        return "first_hand"
    if hedged:
        return "hedged"
    if unit.speaker.type in ("anonymous", "unknown") or unit.kind == "sentence" and (
            unit.speaker.entity is None):
        return "anonymous"
    return "sourced"


def tag_record(record: Extraction, pack: TopicPack, extracted: Sequence[str]) -> list[ClaimTags]:
    """The tagged claims of one article that match the pack at all (mentions included)."""
    matcher = matcher_for(pack)
    out = []
    for unit in units_of(record, matcher, extracted):
        tags = tag_unit(unit, pack)
        if tags.mentioned or tags.denial and tags.denied:
            out.append(tags)
    return out


def article_tags(tags: Iterable[ClaimTags]) -> dict[str, dict[str, Any]]:
    """Per article: the categories its claims evidence, its relations and its denials."""
    out: dict[str, dict[str, Any]] = {}
    for t in tags:
        entry = out.setdefault(t.unit.article, {"evidenced": {}, "relations": {}, "denials": 0,
                                                "claims": 0})
        entry["claims"] += 1
        entry["evidenced"].update(dict.fromkeys(t.evidenced))
        for r in t.relations:
            key = f"{r.actor}>{r.relation}>{r.target}"
            entry["relations"][key] = entry["relations"].get(key, 0) + 1
        entry["denials"] += int(t.denial)
    return {a: {"evidenced": list(e["evidenced"]), "relations": e["relations"],
                "denials": e["denials"], "claims": e["claims"]} for a, e in out.items()}
