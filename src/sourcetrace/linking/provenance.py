"""The front door of linking: extraction records in, :class:`Provenance` out.

``link_corpus(records)`` runs the stages of this package in order — text
features, credits, candidate pairs, derivation, stories, claims, verdicts —
and returns a :class:`Provenance` holding:

- ``stories``: :class:`~sourcetrace.linking.stories.Story` records;
- ``articles``: per-article :class:`~sourcetrace.linking.derivation.ArticleProvenance`
  (``originality``, ``based_on``, ``cites``), by article id;
- ``claims``: :class:`ClaimCluster` records, with :meth:`Provenance.trace` for
  one claim's tree.

Pure: no I/O, no store. Incremental path: :meth:`Provenance.update` links new
records with the old ones, reusing the text features and credit scans already
computed (the expensive part, linear in text length); weighting, candidate
scoring and clustering are redone over the whole corpus, which is near-linear
(see :mod:`~sourcetrace.linking.similarity`). A store keeps the parts
(``to_dict(complete=True)`` of articles and claims, stories, guesses) and
rebuilds a readable, traceable Provenance with :meth:`Provenance.restore`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import Extraction
from .claims import (
    Drift, Mention, Speaker, carried_mention, claim_id, cluster_claims, find_drift, mentions_of,
)
from .corroboration import InterestPolicy, TraceNode, Verdict, trace_tree, verdict
from .credits import CreditScan, scan_credits
from .derivation import (
    CREDIT_ROLES, ArticleProvenance, TextLink, derive, outlet_neighbours, retold, text_links,
)
from .fingerprints import ArticleGuess, Fingerprint, fingerprint
from .outlets import display_name, script_key
from .similarity import FeatureIndex, PairScore
from .stories import (
    SECONDARY_THRESHOLD, STORY_THRESHOLD, Story, add_secondary, average_linkage, build_stories,
    edge_weight,
)

# a copy, paraphrase or translation puts two articles in one story whatever else they share
TEXT_LINK_BONUS = 0.5


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """One claim across articles: its mentions, origins, drift and verdict."""

    id: str
    text: str
    stories: tuple[str, ...]
    mentions: tuple[Mention, ...]
    primary_sources: tuple[Speaker, ...]
    channels: tuple[str, ...]
    earliest_date: str | None
    earliest_article: str
    drift: tuple[Drift, ...]
    verdict: Verdict
    carriers: Mapping[str, str] = field(default_factory=dict)

    @property
    def articles(self) -> tuple[str, ...]:
        seen = dict.fromkeys(m.article for m in self.mentions)
        seen.update(dict.fromkeys(self.carriers))
        return tuple(seen)

    def to_dict(self, *, complete: bool = False) -> dict[str, Any]:
        """The JSON interface; ``complete`` keeps each mention's quantities (for stores)."""
        return {
            "id": self.id, "text": self.text, "stories": list(self.stories),
            "earliest": {"date": self.earliest_date, "article": self.earliest_article},
            "primary_sources": [s.to_dict() for s in self.primary_sources],
            "channels": list(self.channels),
            "articles": list(self.articles),
            "mentions": [m.to_dict(complete=complete) for m in self.mentions],
            "carried_by": dict(self.carriers),
            "drift": [d.to_dict() for d in self.drift],
            "verdict": self.verdict.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClaimCluster:
        """The cluster of :meth:`to_dict` (``articles`` is derived, so ignored)."""
        primaries = (Speaker.from_dict(s) for s in data["primary_sources"])
        return cls(
            id=data["id"], text=data["text"], stories=tuple(data["stories"]),
            mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
            primary_sources=tuple(s for s in primaries if s is not None),
            channels=tuple(data["channels"]), earliest_date=data["earliest"]["date"],
            earliest_article=data["earliest"]["article"],
            drift=tuple(Drift.from_dict(d) for d in data["drift"]),
            verdict=Verdict.from_dict(data["verdict"]), carriers=dict(data["carried_by"]),
        )


@dataclass(frozen=True)
class Provenance:
    """Everything linking found in a corpus (see the module notes).

    ``guesses`` holds what each article's text told (headline, language, own
    outlet, date). A Provenance rebuilt from a store (:meth:`restore`) has
    everything but the records and the text features, so it can be read and
    traced, not updated.
    """

    stories: tuple[Story, ...]
    articles: Mapping[str, ArticleProvenance]
    claims: tuple[ClaimCluster, ...]
    dates: Mapping[str, str | None]
    records: tuple[Extraction, ...] = field(repr=False, default=())
    _fingerprints: tuple[Fingerprint, ...] = field(repr=False, default=())
    _scans: tuple[CreditScan, ...] = field(repr=False, default=())
    _interested: InterestPolicy | None = field(repr=False, default=None)
    guesses: Mapping[str, ArticleGuess] = field(repr=False, default_factory=dict)

    @classmethod
    def restore(cls, articles: Sequence[ArticleProvenance], stories: Sequence[Story],
                claims: Sequence[ClaimCluster], guesses: Sequence[ArticleGuess]) -> Provenance:
        """A Provenance from stored parts (see the class notes); dates come from ``guesses``."""
        return cls(tuple(stories), {a.id: a for a in articles}, tuple(claims),
                   {g.id: g.published for g in guesses}, guesses={g.id: g for g in guesses})

    def claim(self, claim_id: str) -> ClaimCluster:
        """The claim with this id (``KeyError`` if there is none)."""
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def stories_of(self, article_id: str) -> tuple[str, ...]:
        """The ids of the stories an article belongs to."""
        return tuple(s.id for s in self.stories if article_id in s.articles)

    def claims_of_story(self, story_id: str) -> tuple[ClaimCluster, ...]:
        return tuple(c for c in self.claims if story_id in c.stories)

    def find_claims(self, text: str) -> list[ClaimCluster]:
        """Claims whose mentions share the most words with ``text``, best first."""
        words = {w.lower() for w in text.split() if len(w) > 3}
        scored = []
        for c in self.claims:
            pool = {w.lower().strip(".,;:\"'“”") for m in c.mentions for w in m.text.split()}
            hit = len(words & pool)
            if hit:
                scored.append((-hit, -len(c.mentions), c.id, c))
        return [c for *_rest, c in sorted(scored, key=lambda t: t[:3])]

    def trace(self, claim_id: str) -> TraceNode:
        """The provenance tree of one claim: primary source → channel → articles."""
        c = self.claim(claim_id)
        own = {g.id: g.outlet_name for g in self.guesses.values()}
        return trace_tree(c.text, c.mentions, c.carriers, self.articles, self.dates, own,
                          c.drift, c.verdict)

    def update(self, new_records: Sequence[Extraction]) -> Provenance:
        """Link ``new_records`` together with the records already linked (a new object).

        Records whose id is already known replace nothing and are skipped.
        Raises ``ValueError`` on a Provenance restored from a store (it holds no
        records to link the new ones with).
        """
        if self.articles and not self.records:
            raise ValueError("a restored Provenance holds no records: link the corpus again")
        known = {r.doc.id for r in self.records}
        fresh = [r for r in new_records if r.doc.id not in known]
        return link_corpus([*self.records, *fresh], interested=self._interested,
                           features=self.features())

    def features(self) -> dict[str, tuple[Fingerprint, CreditScan]]:
        """Each linked article's text features (empty for a restored Provenance): pass
        them to :func:`link_corpus` (``features=``) or keep them with
        :func:`~sourcetrace.linking.features.dump_features`."""
        return {f.id: (f, s) for f, s in zip(self._fingerprints, self._scans, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [a.to_dict() for a in self.articles.values()],
            "stories": [s.to_dict() for s in self.stories],
            "claims": [c.to_dict() for c in self.claims],
        }


def link_corpus(
    records: Sequence[Extraction], *, interested: InterestPolicy | None = None,
    features: Mapping[str, tuple[Fingerprint, CreditScan]] | None = None,
) -> Provenance:
    """Stories, derivation, claims and verdicts for a corpus (see the module notes).

    ``interested`` is the optional hook deciding whether a speaker is an
    interested party. ``features`` are text features already computed for some
    of the records, by article id (:meth:`Provenance.features`, or kept by a
    store): they are used instead of reading those texts again, so they must
    come from the same records. Article ids must be unique; a repeated id is
    linked once.
    """
    unique: dict[str, Extraction] = {}
    for r in records:
        unique.setdefault(r.doc.id, r)
    recs = list(unique.values())
    known = features or {}
    fps: list[Fingerprint] = []
    scans: list[CreditScan] = []
    for i, r in enumerate(recs):
        kept = known.get(r.doc.id)
        if kept is not None:
            fp, scan = kept
            fps.append(fp if fp.order == i else _reorder(fp, i))
            scans.append(scan)
        else:
            fp = fingerprint(r, i)
            fps.append(fp)
            scans.append(scan_credits(r.text, fp.own, r))
    index = FeatureIndex()
    index.add(fps)
    fps = index.fingerprints
    pairs = list(index.pairs())
    credit_keys = [_credit_counts(s) for s in scans]
    links = text_links(fps, pairs, credit_keys, [any(c.role == "self" for c in s.credits)
                                                 for s in scans])
    owner: dict[str, str] = {}
    for s in scans:
        for c in s.credits:
            if len(c.name) > len(owner.get(c.key, "")):
                owner[c.key] = c.name  # the fullest spelling of each outlet
    near = outlet_neighbours(fps, pairs)
    articles = {
        f.id: derive(f, r, s, links.get(i, []), fps, owner, near[i])
        for i, (f, r, s) in enumerate(zip(fps, recs, scans))
    }
    stories = _stories(fps, pairs, [_credit_counts(s, outlets_only=True) for s in scans], links)
    dates = {f.id: f.published for f in fps}
    articles = _retellings(articles, stories, dates)
    claims = _claims(recs, fps, stories, articles, dates, links, interested)
    return Provenance(tuple(stories), articles, tuple(claims), dates, tuple(recs), tuple(fps),
                      tuple(scans), interested, guesses={f.id: f.guess() for f in fps})


def _retellings(articles: dict[str, ArticleProvenance], stories: Sequence[Story],
                dates: Mapping[str, str | None]) -> dict[str, ArticleProvenance]:
    """Articles of unknown originality that retell a story others report (see ``retold``)."""
    out = dict(articles)
    for s in stories:
        day = {a: (dates.get(a) or "")[:10] for a in s.articles}
        for a in s.articles:
            others = [day[b] for b in s.articles if b != a]
            # the first dated of its story, every other one dated later
            earliest = bool(day[a]) and all(d and d > day[a] for d in others)
            out[a] = retold(out[a], len(s.articles), earliest)
    return out


def _reorder(fp: Fingerprint, order: int) -> Fingerprint:
    return replace(fp, order=order)


def _credit_counts(scan: CreditScan, outlets_only: bool = False) -> Counter[str]:
    """How often each other outlet is credited (self-credits left out); with
    ``outlets_only``, not the bodies whose reports an article relays ("British
    intelligence reports …"): articles of one story often cite different official
    sources, while two outlets' own reports are two stories' (see ``stories.edge_weight``)."""
    return Counter(c.key for c in scan.credits if c.role != "self" and c.role in CREDIT_ROLES
                   and not (outlets_only and c.role == "organisation"))


def _stories(fps: Sequence[Fingerprint], pairs: Sequence[PairScore],
             credit_keys: Sequence[Counter[str]],
             links: Mapping[int, Sequence[TextLink]]) -> list[Story]:
    edges: dict[tuple[int, int], float] = {}
    for p in pairs:
        w = edge_weight(p, fps[p.a], fps[p.b], credit_keys[p.a], credit_keys[p.b])
        if w > 0:
            edges[(p.a, p.b)] = w
    for derived, items in links.items():
        for link in items:
            for other in ([link.source] if link.source is not None else list(link.siblings)):
                key = (min(derived, other), max(derived, other))
                edges[key] = edges.get(key, 0.0) + TEXT_LINK_BONUS
    groups = average_linkage(len(fps), edges, STORY_THRESHOLD)
    groups = add_secondary(groups, edges, SECONDARY_THRESHOLD)
    return build_stories(fps, groups, edges)


def _claims(
    recs: Sequence[Extraction], fps: Sequence[Fingerprint], stories: Sequence[Story],
    articles: Mapping[str, ArticleProvenance], dates: Mapping[str, str | None],
    links: Mapping[int, Sequence[TextLink]], interested: InterestPolicy | None,
) -> list[ClaimCluster]:
    story_of: dict[str, list[str]] = defaultdict(list)
    for s in stories:
        for a in s.articles:
            story_of[a].append(s.id)
    order = {f.id: f.order for f in fps}
    texts = {r.doc.id: r.text for r in recs}
    mentions = [m for r in recs for m in mentions_of(r)]
    groups = cluster_claims(mentions, story_of, lang_of={f.id: f.lang for f in fps})
    own = {f.id: f.outlet_name for f in fps}
    # articles that carry what another article says through a copy or translation of it
    carried_from: dict[str, list[str]] = defaultdict(list)
    for derived, items in links.items():
        for link in items:
            for src in ([link.source] if link.source is not None else list(link.siblings)):
                carried_from[fps[src].id].append(fps[derived].id)
    out: list[ClaimCluster] = []
    for group in groups:
        ms = sorted((mentions[i] for i in group), key=lambda m: (
            dates.get(m.article) or "9999", articles[m.article].originality != "original",
            order[m.article], m.attribution))
        first = ms[0]
        arts = {m.article for m in ms}
        carriers = {c: a for a in arts for c in carried_from.get(a, []) if c not in arts}
        # the sentence each carrier carries the claim in (for drift, and to show it)
        for carrier, via in carriers.items():
            base = next((m for m in ms if m.article == via), None)
            found = carried_mention(base, carrier, texts[carrier]) if base else None
            if found is not None:
                ms.append(found)
        primaries: dict[str, Speaker] = {}
        channels: dict[str, str] = {}
        for m in ms:
            if m.primary is not None:
                # people by surname across spellings; groups ("former prisoners") as named
                who = m.primary.key if m.primary.type == "person" else m.primary.name.lower()
                primaries.setdefault(who, m.primary)
            for ch in m.channels:
                # one channel across scripts: "The Harbour Ledger" = "«Харбор Леджер»"
                channels.setdefault(script_key(ch), display_name(ch))
        v = verdict(ms, articles, own, interested)
        out.append(ClaimCluster(
            id=claim_id(ms), text=first.text,
            stories=tuple(sorted({s for m in ms for s in story_of.get(m.article, [])})),
            mentions=tuple(ms), primary_sources=tuple(primaries.values()),
            channels=tuple(channels.values()), earliest_date=dates.get(first.article),
            earliest_article=first.article, drift=tuple(find_drift(ms)), verdict=v,
            carriers=carriers,
        ))
    out.sort(key=lambda c: (-len(c.articles), -len(c.mentions), c.id))
    return out
