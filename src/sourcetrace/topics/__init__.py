"""Topic packs and evidence maps: reconstructing a practice from many reports.

A **topic pack** (TOML data, see ``docs/topic-packs.md``) declares a topic's
actors, targets, methods and places with multilingual terms and patterns, and
known entities with their party to the conflict. Tagging reads each claim of
each article and records the links actor → method → target it *evidences*;
the **evidence map** aggregates them into edges with their claims, independent
origins (from :mod:`sourcetrace.linking`), echoes, dates and interest flags::

    from sourcetrace.topics import load_pack, map_records
    pack = load_pack("recruitment")          # or a path to your own pack
    emap, view = map_records(records, pack)  # records: extraction records
    emap.to_dict()                           # {"nodes": [...], "edges": [...]}

Modules, by job: ``pack`` (format, loading, validation), ``locate`` (TOML line
numbers), ``matching`` (terms, patterns, entities), ``units`` (the claims of an
article), ``tagging``, ``evidence_map``, ``exports`` (GraphML, Uwazi CSV),
``reports`` (per-edge reports, HTML page) and ``adapter`` (the one place that
reads the extraction, linking and store APIs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import Extraction
from .adapter import LinkedView, extracted_languages, link
from .evidence_map import Edge, Evidence, EvidenceMap, Origin, build_map, tag_corpus
from .exports import to_graphml, to_json, to_uwazi_csv
from .pack import Category, Entity, TopicPack, builtin_packs, load_pack, parse_pack
from .reports import edge_html, edge_markdown, map_html
from .tagging import ClaimTags, Relation, tag_unit


def map_records(records: Sequence[Extraction], pack: TopicPack,
                hashes: Mapping[str, str] | None = None) -> tuple[EvidenceMap, LinkedView]:
    """Link ``records`` and build the pack's evidence map over them.

    ``hashes`` maps article ids to their stored capture's SHA-256 (else the
    text's SHA-256 is used). Returns the map and the provenance view, whose
    ``trace`` method feeds the per-edge reports.
    """
    view = LinkedView(link(records, pack), pack, hashes)
    return build_map(records, pack, view, extracted_languages()), view


__all__ = [
    "Category",
    "ClaimTags",
    "Edge",
    "Entity",
    "Evidence",
    "EvidenceMap",
    "Origin",
    "Relation",
    "TopicPack",
    "build_map",
    "builtin_packs",
    "edge_html",
    "edge_markdown",
    "load_pack",
    "map_html",
    "map_records",
    "parse_pack",
    "tag_corpus",
    "tag_unit",
    "to_graphml",
    "to_json",
    "to_uwazi_csv",
]
