"""The evidence map: tagged claims aggregated into actor → method → target edges.

:func:`build_map` takes extraction records, a pack and a
:class:`~sourcetrace.topics.adapter.ProvenanceView` and returns an
:class:`EvidenceMap`. Each edge (``wagner>pardon>prisoners``) holds every claim
that evidences it, with provenance, and counts:

- ``independent_origins``: claims are grouped by what they rest on. A claim
  linked into a provenance cluster brings the cluster's origins that it comes
  through (first-hand reports joined to their primary sources, from linking's
  corroboration verdict, matched by its report or its speaker: other articles'
  mentions bring the others); any other attributed claim brings its speaker and the first-hand
  report it came through (its channel, else its article's ``based_on`` chain,
  else its own article); an outlet's own unattributed reporting in an original
  article brings that report. Groups that share a report or a source (a known
  entity, else a speaker's name key) are one origin: a ministry stating its line
  in five outlets is one origin; one report quoting two people is one origin.
  What names no source — the author's unattributed words in an article that is
  not original, an unnamed speaker ("он", "глава") the linker could not
  resolve — is not independent by itself: it joins the origin of the report it
  comes through, or the one named origin of its claim, and makes an origin of
  its own only when nothing else supports the edge.
- ``echoes``: articles that are not first-hand reports (linking's originality);
  ``articles``: all articles carrying the edge's evidence.
- ``interested_only``: every origin rests on interested parties only (the
  pack's entities whose party is a party to the conflict); an origin with no
  named source is judged by its report.
- ``weight``: the sum over origins of the strongest claim in each (see
  :mod:`~sourcetrace.topics.tagging`), so echoes add nothing.

Places a claim names with a link give ``actor → place`` edges (relation ``at``).
Denials give no edge; each is listed under the edges whose actor and target (or
method) it denies, as ``disputed_by``, and in the map's ``denials``.

Pure: no I/O. Limits: edges inherit the linking's clusters, so a claim the
linker merged wrongly carries that cluster's origins; dates are article dates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Extraction
from .adapter import (
    ArticleInfo, OriginRef, ProvenanceView, channel_report, is_named, report_key, speaker_key,
)
from .matching import matcher_for
from .pack import TopicPack
from .tagging import ClaimTags, article_tags, tag_record

AT = "at"
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim on one edge, with the provenance the map knows of it."""

    claim: str
    tags: ClaimTags
    article: ArticleInfo
    report: str
    inferred: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        u = self.tags.unit
        return {
            "claim": self.claim, "article": u.article, "unit": u.id, "kind": u.kind,
            "quote": u.quote, "speaker": u.speaker.name if u.speaker else None,
            "speaker_type": u.speaker.type if u.speaker else None,
            "entity": u.speaker.entity if u.speaker else None,
            "interested": self.tags.interested, "stance": u.stance,
            "strength": self.tags.strength, "weight": self.tags.weight,
            "channel": u.channel, "report": self.report, "date": self.article.date,
            "outlet": self.article.outlet, "url": self.article.url,
            "originality": self.article.originality, "inferred": list(self.inferred),
            "sha256": self.article.sha256, "hash_of": self.article.hash_of,
        }


@dataclass(frozen=True, slots=True)
class Origin:
    """An independent origin of an edge: its reports, its sources, whether all are interested."""

    reports: tuple[str, ...]
    sources: tuple[str, ...]
    interested: bool
    claims: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"reports": list(self.reports), "sources": list(self.sources),
                "interested": self.interested, "claims": list(self.claims)}


@dataclass(frozen=True, slots=True)
class Edge:
    """actor → target by one method (or ``recruits``), or actor → place (``at``)."""

    source: str
    target: str
    relation: str
    label: str
    evidence: tuple[Evidence, ...]
    origins: tuple[Origin, ...]
    disputed_by: tuple[Evidence, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.source}>{self.relation}>{self.target}"

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.claim for e in self.evidence))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article.id for e in self.evidence))

    @property
    def echoes(self) -> int:
        firsthand = {e.article.id for e in self.evidence if e.article.originality == "original"}
        return len(set(self.articles) - firsthand)

    @property
    def dates(self) -> list[str]:
        return sorted(e.article.date for e in self.evidence if e.article.date)

    @property
    def interested_only(self) -> bool:
        return bool(self.origins) and all(o.interested for o in self.origins)

    @property
    def weight(self) -> float:
        best: dict[int, float] = {}
        claim_origin = {c: i for i, o in enumerate(self.origins) for c in o.claims}
        for e in self.evidence:
            if e.claim in claim_origin:
                i = claim_origin[e.claim]
                best[i] = max(best.get(i, 0.0), e.tags.weight)
        return round(sum(best.values()), 3)

    def examples(self, n: int = EXAMPLES) -> list[Evidence]:
        """Up to ``n`` quotes: the strongest of each origin first, then the earliest."""
        ranked = sorted(self.evidence, key=lambda e: (-e.tags.weight, e.article.date or "9999",
                                                      e.article.id, e.tags.unit.start))
        claim_origin = {c: i for i, o in enumerate(self.origins) for c in o.claims}
        picked: list[Evidence] = []
        used: set[int] = set()
        for e in ranked:
            o = claim_origin.get(e.claim, -1)
            if o not in used:
                used.add(o)
                picked.append(e)
        picked += [e for e in ranked if e not in picked]
        return picked[:n]

    def to_dict(self) -> dict[str, Any]:
        dates = self.dates
        return {
            "id": self.id, "source": self.source, "target": self.target,
            "relation": self.relation, "label": self.label, "claims": list(self.claims),
            "independent_origins": len(self.origins), "echoes": self.echoes,
            "articles": len(self.articles), "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None, "interested_only": self.interested_only,
            "weight": self.weight,
            "origins": [o.to_dict() for o in self.origins],
            "examples": [{"quote": e.tags.unit.quote, "speaker": e.to_dict()["speaker"],
                          "article": e.article.id, "url": e.article.url, "date": e.article.date,
                          "strength": e.tags.strength} for e in self.examples()],
            "evidence": [e.to_dict() for e in self.evidence],
            "disputed_by": [e.to_dict() for e in self.disputed_by],
        }


@dataclass(frozen=True)
class EvidenceMap:
    """The map of one topic over one corpus (``to_dict`` is the JSON of ``sourcetrace map``)."""

    pack: TopicPack
    edges: tuple[Edge, ...]
    tags: tuple[ClaimTags, ...]
    denials: tuple[Evidence, ...]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    corpus_size: int = 0

    @property
    def nodes(self) -> list[dict[str, str]]:
        ids = dict.fromkeys(x for e in self.edges for x in (e.source, e.target))
        out = []
        for c in self.pack.categories:
            if c.id in ids:
                out.append({"id": c.id, "kind": c.kind, "label": c.label})
        methods = dict.fromkeys(e.relation for e in self.edges if e.relation != AT)
        for c in self.pack.methods:
            if c.id in methods and c.id not in ids:
                out.append({"id": c.id, "kind": c.kind, "label": c.label})
        return out

    def edge(self, edge_id: str) -> Edge:
        for e in self.edges:
            if e.id == edge_id:
                return e
        raise KeyError(edge_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": {"name": self.pack.name, "title": self.pack.title,
                      "version": self.pack.version},
            "nodes": self.nodes,
            "edges": [e.to_dict() for e in self.edges],
            "denials": [d.to_dict() for d in self.denials],
            "articles": self.articles,
            "summary": {"articles": self.corpus_size, "tagged_claims": len(self.tags),
                        "evidencing_claims": sum(1 for t in self.tags if t.relations),
                        "denials": len(self.denials), "edges": len(self.edges)},
        }


def tag_corpus(records: Iterable[Extraction], pack: TopicPack,
               extracted: Sequence[str]) -> list[ClaimTags]:
    """Every tagged claim of a corpus (claims that match nothing are left out)."""
    return [t for r in records for t in tag_record(r, pack, extracted)]


def build_map(records: Sequence[Extraction], pack: TopicPack, view: ProvenanceView,
              extracted: Sequence[str]) -> EvidenceMap:
    """Tag every claim and aggregate the links into edges (see the module notes)."""
    tags = tag_corpus(records, pack, extracted)
    grouped: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    denials: list[Evidence] = []
    for t in tags:
        ev = _evidence(t, view)
        if t.denial:
            if t.denied:
                denials.append(ev)
            continue
        for r in t.relations:
            grouped[(r.actor, r.relation, r.target)].append(_with(ev, r.inferred))
            for place in t.places:
                grouped[(r.actor, AT, place)].append(_with(ev, r.inferred))
    edges: list[Edge] = []
    for (src, rel, dst), items in grouped.items():
        items = list({(e.claim, e.article.id, e.tags.unit.id): e for e in items}.values())
        disputed = tuple(d for d in denials if src in d.tags.denied
                         and (dst in d.tags.denied or rel in d.tags.denied))
        label = "at" if rel == AT else pack.label(rel) if rel in _method_ids(pack) else "recruits"
        edges.append(Edge(src, dst, rel, label, tuple(items), _origins(items, view, pack),
                          disputed))
    edges.sort(key=lambda e: (-len(e.origins), -len(e.articles), e.id))
    return EvidenceMap(pack, tuple(edges), tuple(tags), tuple(denials), article_tags(tags),
                       len(records))


def _method_ids(pack: TopicPack) -> set[str]:
    return {c.id for c in pack.methods}


def _with(ev: Evidence, inferred: tuple[str, ...]) -> Evidence:
    return Evidence(ev.claim, ev.tags, ev.article, ev.report, inferred)


def _evidence(t: ClaimTags, view: ProvenanceView) -> Evidence:
    u = t.unit
    info = view.article(u.article)
    cluster = view.claim_of(u.article, u.id) if u.kind == "attribution" else None
    report = channel_report(u.channel)
    if report is None and u.speaker is not None and u.speaker.type == "outlet":
        report = channel_report(u.speaker.name)
    return Evidence(cluster or f"{u.article}#{u.id}", t, info, report or info.report)


class _Groups:
    """Union-find over origin nodes ("rep:<key>", "src:<key>", "ent:<id>")."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, nodes: Sequence[str]) -> None:
        root = self.find(nodes[0])
        for n in nodes[1:]:
            self.parent[self.find(n)] = root


def _own_origins(e: Evidence, refs: Sequence[OriginRef]) -> list[OriginRef]:
    """The origins of a claim cluster that this piece of evidence comes through: those with
    its report or its speaker (a cluster can hold mentions the linker merged wrongly)."""
    mine = report_key(e.report)
    sp = e.tags.unit.speaker
    who = speaker_key(sp.name) if sp is not None else None
    return [o for o in refs if mine in {report_key(r) for r in o.reports}
            or (who is not None and who in {speaker_key(x) for x in o.sources})]


def _origins(items: Sequence[Evidence], view: ProvenanceView, pack: TopicPack) -> tuple[Origin, ...]:
    matcher = matcher_for(pack)
    groups = _Groups()
    names: dict[str, str] = {}
    voices: dict[str, bool] = {}  # source node → interested?

    def source_node(name: str, entity: str | None = None) -> str:
        ent = pack.entity(entity) if entity else matcher.entity_of(name)
        node = f"ent:{ent.id}" if ent else f"src:{speaker_key(name)}"
        names.setdefault(node, ent.label if ent else name)
        voices[node] = bool(ent and ent.interested)
        return node

    def report_node(name: str) -> str:
        node = f"rep:{report_key(name)}"
        names.setdefault(node, name)
        return node

    claim_nodes: dict[str, str] = {}
    deferred: list[tuple[str, list[str], list[str]]] = []  # claim, its nodes, its named origin
    for e in items:
        named: list[list[str]] = []
        unnamed: list[list[str]] = []
        sp = e.tags.unit.speaker
        for o in _own_origins(e, view.origins(e.claim) if "#" not in e.claim else ()):
            srcs = [source_node(x) for x in o.sources]
            (named if srcs else unnamed).append([report_node(r) for r in o.reports] + srcs)
        if sp is not None and sp.entity and len(named) == 1:
            named[0].append(source_node(sp.name, sp.entity))  # the one origin is this speaker's
        if not named and not unnamed:
            if sp is not None and sp.type == "outlet":
                named = [[report_node(e.report)]]  # an outlet's own reporting ("CNN claimed")
            elif sp is not None and (sp.entity or is_named(sp.name, sp.type)):
                named = [[report_node(e.report), source_node(sp.name, sp.entity)]]
            elif sp is None and e.article.originality == "original":
                named = [[report_node(e.report)]]  # first-hand reporting in the author's voice
            else:
                unnamed = [[report_node(e.report)]]
        for nodes in named:
            groups.join(nodes)
            claim_nodes.setdefault(e.claim, nodes[0])
        deferred += [(e.claim, nodes, named[0] if len(named) == 1 else []) for nodes in unnamed]
    for claim, nodes, home in deferred:
        # an unnamed source, or the author's words in a retelling: not an origin of its own
        # when it comes through a report the edge already rests on, or sits beside one
        # named origin of the same claim; an origin only when nothing else supports the edge
        if home or any(n in groups.parent for n in nodes) or not claim_nodes:
            groups.join(home + nodes)
            claim_nodes.setdefault(claim, nodes[0])
    members: dict[str, list[str]] = defaultdict(list)
    for node in list(groups.parent):
        members[groups.find(node)].append(node)
    claims_of: dict[str, list[str]] = defaultdict(list)
    for claim, node in claim_nodes.items():
        claims_of[groups.find(node)].append(claim)
    out = []
    for root, nodes in members.items():
        reports = sorted(names[n] for n in nodes if n.startswith("rep:"))
        sources = sorted(names[n] for n in nodes if not n.startswith("rep:"))
        judged = [voices[n] for n in nodes if n in voices]
        if not judged:  # no named source: the report speaks (state media can be an entity)
            judged = [bool((ent := matcher.entity_of(names[n])) and ent.interested)
                      for n in nodes if n.startswith("rep:")]
        out.append(Origin(tuple(reports), tuple(sources), bool(judged) and all(judged),
                          tuple(claims_of.get(root, ()))))
    out.sort(key=lambda o: (o.reports, o.sources))
    return tuple(out)


__all__ = ["AT", "Edge", "Evidence", "EvidenceMap", "Origin", "build_map", "tag_corpus"]
