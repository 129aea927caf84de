"""Exports of an evidence map: JSON, GraphML (Gephi) and a CSV for HURIDOCS Uwazi.

- :func:`to_json`: the map's ``to_dict`` (the JSON of ``sourcetrace map``).
- :func:`to_graphml`: GraphML 1.0 written with the standard library; every node
  carries ``kind`` and ``label``, every edge ``relation``, ``label``,
  ``claims``, ``independent_origins``, ``echoes``, ``articles``, ``first_seen``,
  ``last_seen``, ``interested_only`` and ``weight`` as declared ``<key>``
  attributes, so Gephi (and networkx) read them as columns. Method nodes that no
  edge touches are left out (methods are edge relations).
- :func:`to_uwazi_csv`: one row per claim that evidences a link or denies one,
  shaped for Uwazi's CSV import: a ``title`` column (required by Uwazi), snake
  case headers matching template property names, several values joined with
  ``|`` (multi-select), ISO dates (``YYYY-MM-DD``, which Uwazi accepts). The
  ``evidence_sha256`` column is the SHA-256 of the stored capture when the map
  was built from the store (``hash_of`` = ``capture``), else of the article
  text the claim's offsets index (``hash_of`` = ``text``).

Limits: Uwazi needs a template whose property names match the headers (see
``docs/topic-packs.md``); dates Uwazi cannot read (a month alone, "2023-12")
are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from .evidence_map import EvidenceMap

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("kind", "string"), ("label", "string"))
_EDGE_KEYS = (
    ("relation", "string"), ("label", "string"), ("claims", "int"),
    ("independent_origins", "int"), ("echoes", "int"), ("articles", "int"),
    ("first_seen", "string"), ("last_seen", "string"), ("interested_only", "boolean"),
    ("weight", "double"),
)
UWAZI_COLUMNS: tuple[str, ...] = (
    "title", "claim_id", "quote", "source", "source_type", "source_entity", "interested",
    "stance", "strength", "date", "outlet", "url", "article_id", "originality", "report",
    "actors", "targets", "methods", "places", "relations", "denied", "topic",
    "evidence_sha256", "hash_of",
)


def to_json(emap: EvidenceMap, *, indent: int | None = 2) -> str:
    """The map as JSON text."""
    return json.dumps(emap.to_dict(), ensure_ascii=False, indent=indent)


def _gml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def to_graphml(emap: EvidenceMap) -> str:
    """The map as a GraphML document (directed graph, attributes declared as keys)."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for i, (name, kind) in enumerate(_NODE_KEYS):
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=f"n{i}", attrib={
            "for": "node", "attr.name": name, "attr.type": kind})
    for i, (name, kind) in enumerate(_EDGE_KEYS):
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=f"e{i}", attrib={
            "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id=emap.pack.name,
                          edgedefault="directed")
    used = {x for e in emap.edges for x in (e.source, e.target)}
    for node in emap.nodes:
        if node["id"] not in used:
            continue
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=node["id"])
        for i, (name, _kind) in enumerate(_NODE_KEYS):
            ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=f"n{i}").text = node[name]
    for edge in emap.edges:
        data = edge.to_dict()
        data["claims"] = len(edge.claims)
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", id=edge.id, source=edge.source,
                           target=edge.target)
        for i, (name, _kind) in enumerate(_EDGE_KEYS):
            ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=f"e{i}").text = _gml_value(data[name])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def uwazi_rows(emap: EvidenceMap) -> list[dict[str, str]]:
    """The rows of the Uwazi CSV: one per claim that evidences a link or denies one."""
    pack = emap.pack
    evidence = {(e.tags.unit.article, e.tags.unit.id): e
                for edge in emap.edges for e in edge.evidence}
    evidence.update({(d.tags.unit.article, d.tags.unit.id): d for d in emap.denials})
    rows = []
    for t in emap.tags:
        ev = evidence.get((t.unit.article, t.unit.id))
        if ev is None:
            continue
        kinds: dict[str, list[str]] = {"actor": [], "target": [], "method": [], "place": []}
        for cid in t.evidenced:
            kinds[pack.category(cid).kind].append(pack.label(cid))
        sp = t.unit.speaker
        rel = sorted({f"{pack.label(r.actor)} → {pack.label(r.relation) if r.method else 'recruits'}"
                      f" → {pack.label(r.target)}" for r in t.relations})
        who = sp.name if sp else (ev.article.outlet or "author")
        rows.append({
            "title": f"{who}: {t.unit.quote[:90]}",
            "claim_id": ev.claim, "quote": t.unit.quote, "source": sp.name if sp else "",
            "source_type": sp.type if sp else "author",
            "source_entity": pack.entity(sp.entity).label if sp and sp.entity else "",
            "interested": "" if t.interested is None else ("yes" if t.interested else "no"),
            "stance": t.unit.stance, "strength": t.strength, "date": ev.article.date or "",
            "outlet": ev.article.outlet or "", "url": ev.article.url or "",
            "article_id": t.unit.article, "originality": ev.article.originality,
            "report": ev.report, "actors": "|".join(kinds["actor"]),
            "targets": "|".join(kinds["target"]), "methods": "|".join(kinds["method"]),
            "places": "|".join(kinds["place"]), "relations": "|".join(rel),
            "denied": "|".join(pack.label(c) for c in t.denied), "topic": pack.title,
            "evidence_sha256": ev.article.sha256, "hash_of": ev.article.hash_of,
        })
    return rows


def to_uwazi_csv(emap: EvidenceMap) -> str:
    """The Uwazi import CSV (UTF-8 text, comma-separated, header row first)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(UWAZI_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(uwazi_rows(emap))
    return out.getvalue()
