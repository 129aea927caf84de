"""Linking: provenance across articles (stories, derivation, claims, corroboration).

Pure functions over :class:`~sourcetrace.records.Extraction` records; nothing
here reads files or writes a store. The front door::

    from sourcetrace.linking import link_corpus
    prov = link_corpus(records)
    prov.stories            # [Story]: same events across outlets and languages
    prov.articles["id"]     # ArticleProvenance: originality, based_on, cites
    prov.claims             # [ClaimCluster]: one claim across articles, with a verdict
    prov.trace(claim_id)    # TraceNode: primary source -> channels -> articles
    prov.update(new)        # link new records with the old ones

Modules, by job: ``translit`` (name keys across scripts), ``numbers``
(quantities and dates), ``outlets`` (outlet names), ``credits`` (what an
article credits), ``fingerprints`` (text features), ``similarity`` (candidate
pairs, near-linear), ``derivation`` (copies, translations, originality),
``stories``, ``claims``, ``corroboration`` (verdicts, trace trees),
``provenance`` (this wiring).
"""

from __future__ import annotations

from .claims import Drift, Mention, Speaker
from .corroboration import InterestPolicy, Origin, TraceNode, Verdict, render_trace
from .derivation import ArticleProvenance, BasedOn, Cite, provenance_fields
from .fingerprints import ArticleGuess
from .provenance import ClaimCluster, Provenance, link_corpus
from .stories import Story

__all__ = [
    "ArticleGuess",
    "ArticleProvenance",
    "BasedOn",
    "Cite",
    "ClaimCluster",
    "Drift",
    "InterestPolicy",
    "Mention",
    "Origin",
    "Provenance",
    "Speaker",
    "Story",
    "TraceNode",
    "Verdict",
    "link_corpus",
    "provenance_fields",
    "render_trace",
]
