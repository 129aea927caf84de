"""How one article is sourced, at a glance: the sourcing summary and the channel chains.

Pure functions over one :class:`~sourcetrace.records.Extraction` plus what
provenance knows about the article (its originality, what it is based on, and a
test for "is this name the article's own outlet"), passed in as plain values so
this module depends on no store, no linking and no web framework.

- :func:`sourcing_summary` counts the outlets and intermediaries that relayed
  statements, the primary sources by type, and the first-hand ones:
  "2 outlets relayed; 5 primary sources: 1 government, 2 persons, 1 group,
  1 anonymous; 0 first-hand".
- :func:`channel_chains` groups attributions by the path their statements
  took: speakers → relays (nesting, channels); :func:`report_tail` is what all
  paths lead to: the report(s) the article is based on → this article.

Definitions and limits:

- An *outlet that relayed* is a channel named in an attribution ("told CNN")
  that looks like an outlet (``is_outlet``) and is not the article's own, or a
  source of type ``outlet`` ("CNN reported that ..."). An *intermediary* is any
  other relay: a person named as a channel, or a speaker another attribution is
  nested in ("former detainees said recruiters told them ...": the former
  detainees relay the recruiters); intermediaries are listed, not counted as
  outlets.
- A *primary source* is any named non-outlet speaker, by resolved name; the
  typology is the extractor's source types (person, government, organization,
  group, anonymous, document, unknown), with the descriptor shown as given
  ("a lawyer for the detainees"). It does not tell an activist from an official
  of a party to a conflict: that needs a topic pack.
- *First-hand*: a primary source with at least one statement made to this
  article (no channel, or the article's own outlet, and no relaying speaker of
  another outlet above it) in an article that provenance does not call
  ``derivative``. A derivative article (a copy, translation, retelling) has no
  first-hand sources whatever its quotes look like.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..records import Attribution, Extraction

OwnTest = Callable[[str], bool]
_PLURAL = {"person": "persons", "anonymous": "anonymous", "unknown": "unknown"}


@dataclass(frozen=True, slots=True)
class PrimarySource:
    """A speaker at the bottom of a chain, with how many statements and whether first-hand."""

    name: str
    type: str
    descriptor: str | None
    statements: int
    first_hand: bool


@dataclass(frozen=True, slots=True)
class SourcingSummary:
    """Relays, primary sources and first-hand sources of one article (see the module notes)."""

    relays: tuple[str, ...]
    intermediaries: tuple[str, ...]
    primary: tuple[PrimarySource, ...]
    unsourced: int
    derivative: bool

    @property
    def first_hand(self) -> int:
        return sum(1 for p in self.primary if p.first_hand)

    @property
    def by_type(self) -> tuple[tuple[str, int], ...]:
        """``(type, count)`` of the primary sources, most frequent first."""
        counts = Counter(p.type for p in self.primary)
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def sentence(self) -> str:
        """The one-line summary, e.g. ``2 outlets relayed; 5 primary sources: ...; 0 first-hand``."""
        relays = len(self.relays)
        parts = [f"{relays} outlet{'s' if relays != 1 else ''} relayed"]
        n = len(self.primary)
        kinds = ", ".join(f"{c} {_type_word(t, c)}" for t, c in self.by_type)
        parts.append(f"{n} primary source{'s' if n != 1 else ''}" + (f": {kinds}" if kinds else ""))
        parts.append(f"{self.first_hand} first-hand")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {
            "summary": self.sentence(), "relays": list(self.relays),
            "intermediaries": list(self.intermediaries),
            "primary_sources": [
                {"name": p.name, "type": p.type, "descriptor": p.descriptor,
                 "statements": p.statements, "first_hand": p.first_hand}
                for p in self.primary
            ],
            "first_hand": self.first_hand, "unsourced": self.unsourced,
            "derivative": self.derivative,
        }


def _type_word(kind: str, count: int) -> str:
    if count == 1:
        return kind
    return _PLURAL.get(kind, kind + "s")


def _ancestors(a: Attribution, by_id: dict[str, Attribution]) -> list[Attribution]:
    """The attributions ``a`` is nested in, innermost first (cycles cut)."""
    out: list[Attribution] = []
    seen = {a.id}
    parent = a.parent
    while parent and parent in by_id and parent not in seen:
        seen.add(parent)
        out.append(by_id[parent])
        parent = by_id[parent].parent
    return out


def sourcing_summary(record: Extraction, *, is_own: OwnTest, derivative: bool,
                     is_outlet: OwnTest = lambda name: True) -> SourcingSummary:
    """The sourcing summary of ``record`` (see the module notes for the definitions)."""
    by_id = {a.id: a for a in record.attributions}
    parents = {a.parent for a in record.attributions if a.parent}
    relays: dict[str, None] = {}
    middle: dict[str, None] = {}
    stats: dict[str, list[int]] = {}  # name -> [statements, first-hand statements]
    meta: dict[str, tuple[str, str | None]] = {}
    unsourced = 0
    for a in record.attributions:
        if a.channel is not None and not is_own(a.channel.name):
            name = a.channel.name.strip()
            (relays if is_outlet(name) else middle).setdefault(name)
        if a.source is None:
            unsourced += 1
            continue
        name = a.source.name.strip()
        if a.source.type == "outlet":
            if not is_own(name):
                relays.setdefault(name)
            continue
        if a.id in parents:
            middle.setdefault(name)
        chain = _ancestors(a, by_id)
        relayed = any(
            (x.channel is not None and not is_own(x.channel.name))
            or (x.source is not None and x.source.type == "outlet" and not is_own(x.source.name))
            for x in (a, *chain)
        )
        entry = stats.setdefault(name, [0, 0])
        entry[0] += 1
        if not relayed and not derivative:
            entry[1] += 1
        meta.setdefault(name, (a.source.type, a.source.descriptor))
    primary = tuple(
        PrimarySource(name, meta[name][0], meta[name][1], counts[0], counts[1] > 0)
        for name, counts in stats.items()
    )
    between = tuple(m for m in middle if m not in relays)
    return SourcingSummary(tuple(relays), between, primary, unsourced, derivative)


@dataclass(frozen=True, slots=True)
class ChainNode:
    """One box of a channel chain: ``kind`` is source, relay, report or article."""

    label: str
    kind: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Chain:
    """Speakers whose statements took the same path of relays, and the attributions that did."""

    sources: tuple[ChainNode, ...]
    relays: tuple[ChainNode, ...]
    attributions: tuple[str, ...]


def channel_chains(record: Extraction, *, is_own: OwnTest) -> list[Chain]:
    """Attributions grouped by their path of relays (nesting, channels), most used first.

    Each chain starts with the speakers (source boxes) whose statements took
    that path; relays are listed innermost first. The article's own outlet is
    not a relay. What the article itself is based on comes after every chain
    (see :func:`report_tail`).
    """
    by_id = {a.id: a for a in record.attributions}
    groups: dict[tuple[ChainNode, ...], tuple[dict[ChainNode, None], list[str]]] = {}
    for a in record.attributions:
        if a.source is not None:
            kind = "relay" if a.source.type == "outlet" else "source"
            speaker = ChainNode(a.source.name.strip(), kind, a.source.type)
        else:
            speaker = ChainNode("(no source named)", "source", a.kind)
        relays: list[ChainNode] = []
        for x in (a, *_ancestors(a, by_id)):
            if x is not a and x.source is not None:
                relays.append(ChainNode(x.source.name.strip(), "relay", x.source.type))
            if x.channel is not None and not is_own(x.channel.name):
                relays.append(ChainNode(x.channel.name.strip(), "relay", "channel"))
        merged: list[ChainNode] = []
        for node in relays:
            last = merged[-1].label if merged else speaker.label
            if last.casefold() != node.label.casefold():
                merged.append(node)
        speakers, ids = groups.setdefault(tuple(merged), ({}, []))
        speakers.setdefault(speaker)
        ids.append(a.id)
    chains = [Chain(tuple(speakers), path, tuple(ids))
              for path, (speakers, ids) in groups.items()]
    chains.sort(key=lambda c: (-len(c.attributions), len(c.relays),
                               c.relays[0].label if c.relays else ""))
    return chains


def report_tail(article_label: str, reports: Sequence[tuple[str, str]] = ()) -> tuple[ChainNode, ...]:
    """What every chain leads to: the reports the article is based on, then the article."""
    nodes = [ChainNode(label, "report", relation) for label, relation in reports]
    nodes.append(ChainNode(article_label, "article"))
    return tuple(nodes)
