"""The one place where topics read the APIs of extraction, linking and the store.

Those stages are still moving; everything else in this package works on the
small, stable view defined here (:class:`ProvenanceView`) and on extraction
records, so a change upstream is mended in this file alone.

- :func:`extracted_languages`: the languages whose records carry the
  extractor's attributions (others are read sentence by sentence);
- :func:`link`: :func:`sourcetrace.linking.link_corpus` with the pack's
  interest policy (known entities of a party to the conflict are interested);
- :class:`LinkedView`: claim clusters, their independent origins (with only
  identified sources: not the speakers who only deny the claim, which linking
  attaches to it, nor pronouns and bare titles) and traces,
  and per-article facts (date, outlet, URL, originality, the first-hand report
  its text comes through, the evidence hash) read from a
  :class:`~sourcetrace.linking.Provenance`.

``report_of`` follows an article's ``based_on`` chain as
:func:`sourcetrace.linking.corroboration.origin_of` does for claim mentions:
a copy or translation of a corpus article leads to that article's report, a
credited outlet is the report, an article based on nothing is its own report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from ..linking import Provenance, Speaker, link_corpus
from ..linking.claims import PRONOUNS
from ..linking.outlets import display_name, domain_label, looks_like_outlet, outlet_key
from ..records import Extraction
from .matching import cues, fold, matcher_for
from .pack import TopicPack


@cache
def extracted_languages() -> tuple[str, ...]:
    """Languages the extractor has a pipeline for (records in others are read by sentence)."""
    from ..nlp import pipeline

    return tuple(getattr(pipeline, "LANGUAGES", None) or pipeline.MODELS)


def interest_policy(pack: TopicPack) -> Callable[[Speaker], bool | None]:
    """Whether a speaker is an interested party: its pack entity's flag, else unknown (None)."""
    matcher = matcher_for(pack)

    def interested(speaker: Speaker) -> bool | None:
        entity = matcher.entity_of(speaker.name, speaker.descriptor)
        return entity.interested if entity is not None else None

    return interested


def link(records: Sequence[Extraction], pack: TopicPack) -> Provenance:
    """Link a corpus with the pack's interest policy."""
    return link_corpus(records, interested=interest_policy(pack))


def report_key(name: str) -> str:
    """The comparison key of an outlet or report name ("the BBC" and "BBC News" agree)."""
    return outlet_key(name)


def speaker_key(name: str) -> str:
    """A spelling-independent key of a speaker's name (as linking compares speakers)."""
    return Speaker(name, "unknown").key


def is_named(name: str | None, kind: str | None = None) -> bool:
    """Whether a speaker is identified: not a pronoun ("they", "which", "его") nor a bare
    title; a capitalised word, or a type other than anonymous/unknown ("prison records" is
    a document), is enough."""
    if not name or name.lower() in PRONOUNS or name.lower() in ("which", "who", "whom"):
        return False
    folded = fold(name.strip())
    for cue in ("anaphora", "titles"):
        spans = cues(cue).spans(folded)
        if spans and spans[0] == (0, len(folded)):
            return False
    return any(w[:1].isupper() for w in name.split()) or kind not in (None, "anonymous",
                                                                      "unknown")


def channel_report(name: str | None) -> str | None:
    """The outlet a channel names ("told CNN" → CNN), None when it is not an outlet."""
    if name and looks_like_outlet(name):
        return display_name(name)
    return None


@dataclass(frozen=True, slots=True)
class OriginRef:
    """One independent origin of a claim cluster: first-hand report(s) and its identified
    primary source(s) (none when the linker could not name one)."""

    reports: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the map says about an article that carries evidence."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    date: str | None
    originality: str
    report: str
    sha256: str
    hash_of: str  # "capture" (raw bytes in the store) or "text" (the record's text)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "outlet": self.outlet, "title": self.title,
                "date": self.date, "originality": self.originality, "report": self.report,
                "sha256": self.sha256, "hash_of": self.hash_of}


class ProvenanceView(Protocol):
    """What map building needs from provenance (a fake serves tests)."""

    def claim_of(self, article: str, attribution: str) -> str | None:
        """The claim cluster id of an attribution, None when it is in no cluster."""

    def origins(self, claim_id: str) -> tuple[OriginRef, ...]:
        """The independent origins of a claim cluster."""

    def article(self, article_id: str) -> ArticleInfo:
        """Facts about one article."""

    def trace(self, claim_id: str) -> dict[str, Any] | None:
        """The provenance tree of a claim cluster (JSON), None when unknown."""


class LinkedView:
    """A :class:`ProvenanceView` over linking's :class:`~sourcetrace.linking.Provenance`.

    ``hashes`` maps article ids to the SHA-256 of their stored capture (from the
    evidence store); articles not in it are identified by their text's SHA-256.
    """

    def __init__(self, prov: Provenance, pack: TopicPack,
                 hashes: Mapping[str, str] | None = None) -> None:
        matcher = matcher_for(pack)
        self._prov = prov
        self._records = {r.doc.id: r for r in prov.records}
        self._hashes = dict(hashes or {})
        self._cluster: dict[tuple[str, str], str] = {}
        self._origins: dict[str, tuple[OriginRef, ...]] = {}
        for c in prov.claims:
            # a speaker who only denies the claim is not one of its origins; an unnamed one
            # ("его", "a source") is not an identified source
            primaries = [m.primary for m in c.mentions if m.primary is not None]
            kinds = {p.name: p.type for p in primaries}
            deniers = ({m.primary.name for m in c.mentions if m.primary and m.stance == "deny"}
                       - {m.primary.name for m in c.mentions if m.primary and m.stance != "deny"})
            self._origins[c.id] = tuple(
                OriginRef(tuple(o.reports), tuple(
                    x for x in o.sources
                    if x not in deniers and (is_named(x, kinds.get(x)) or matcher.entity_of(x))))
                for o in c.verdict.origins)
            for m in c.mentions:
                self._cluster.setdefault((m.article, m.attribution), c.id)
        self._articles: dict[str, ArticleInfo] = {}

    def claim_of(self, article: str, attribution: str) -> str | None:
        return self._cluster.get((article, attribution))

    def origins(self, claim_id: str) -> tuple[OriginRef, ...]:
        return self._origins.get(claim_id, ())

    def trace(self, claim_id: str) -> dict[str, Any] | None:
        try:
            return self._prov.trace(claim_id).to_dict()
        except KeyError:
            return None

    def article(self, article_id: str) -> ArticleInfo:
        if article_id not in self._articles:
            rec = self._records[article_id]
            prov = self._prov.articles.get(article_id)
            date = self._prov.dates.get(article_id) or (rec.doc.published or "")[:10] or None
            digest = self._hashes.get(article_id)
            self._articles[article_id] = ArticleInfo(
                id=article_id, url=rec.doc.url, outlet=self._own_name(article_id),
                title=rec.doc.title, date=date,
                originality=prov.originality if prov else "unknown",
                report=self.report_of(article_id), sha256=digest or rec.doc.sha256,
                hash_of="capture" if digest else "text",
            )
        return self._articles[article_id]

    def _own_name(self, article_id: str) -> str | None:
        rec = self._records.get(article_id)
        if rec is None:
            return None
        # metadata first, then the URL's domain, then the outlet linking read from the
        # text's header lines (a plain file with "The Harbour Ledger" atop it)
        guess = self._prov.guesses.get(article_id)
        return (rec.doc.outlet or domain_label(rec.doc.url)
                or (guess.outlet_name if guess is not None else None))

    def report_of(self, article_id: str) -> str:
        """The first-hand report an article's own text comes through (see the module notes)."""
        seen: set[str] = set()
        current = article_id
        while current not in seen:
            seen.add(current)
            prov = self._prov.articles.get(current)
            if prov is None or prov.originality != "derivative" or not prov.based_on:
                break
            first = prov.based_on[0]
            if first.article and first.article in self._records:
                current = first.article
                continue
            if first.outlet:
                return display_name(first.outlet)
            break
        return self._own_name(current) or current
