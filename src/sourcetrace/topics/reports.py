"""Readable reports of an evidence map: one page per edge (Markdown or HTML), and the map page.

:func:`edge_report` lists everything behind one edge — the verdict in one line
(independent origins, echoes, articles, dates, whether only interested parties
speak), each origin with its reports and sources, every claim with its quote,
speaker, strength, date, outlet, URL, originality, the report it came through
and its evidence hash, the provenance tree of each linked claim (primary source
→ channel → articles), and the denials that dispute the edge.

:func:`map_html` is a standalone HTML page (no scripts, no external assets) with
the edges as a table and each edge's report below it; it is the HTML view until
the web app serves one.

Limits: plain layouts meant for reading and printing; no graph drawing (open
the GraphML export in Gephi for that).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from .evidence_map import Edge, EvidenceMap

Tracer = Callable[[str], dict[str, Any] | None]


def _verdict(edge: Edge) -> str:
    dates = edge.dates
    span = f"{dates[0]} – {dates[-1]}" if dates else "undated"
    flag = " — every origin is an interested party" if edge.interested_only else ""
    return (f"{len(edge.origins)} independent origin(s), {edge.echoes} echo(es) in "
            f"{len(edge.articles)} article(s), {len(edge.claims)} claim(s); {span}; "
            f"weight {edge.weight}{flag}")


def _title(emap: EvidenceMap, edge: Edge) -> str:
    p = emap.pack
    rel = edge.label if edge.relation != "at" else "at"
    return f"{p.label(edge.source)} → {rel} → {p.label(edge.target)}"


def _tree_md(node: dict[str, Any], depth: int = 0) -> list[str]:
    extras = " · ".join(x for x in (node.get("date"), node.get("relation")) if x)
    line = f"{'  ' * depth}- **{node['kind']}** {node['label']}" + (f" ({extras})" if extras else "")
    if node.get("detail"):
        line += f" — {node['detail']}"
    out = [line]
    for child in node.get("children", []):
        out += _tree_md(child, depth + 1)
    return out


def edge_markdown(emap: EvidenceMap, edge_id: str, tracer: Tracer | None = None) -> str:
    """The report of one edge as Markdown (``KeyError`` for an unknown edge id)."""
    edge = emap.edge(edge_id)
    lines = [f"# {_title(emap, edge)}", "", f"`{edge.id}` · topic *{emap.pack.title}*", "",
             f"**Verdict:** {_verdict(edge)}", "", "## Independent origins", ""]
    for i, o in enumerate(edge.origins, 1):
        flag = " (interested party)" if o.interested else ""
        lines.append(f"{i}. reports: {', '.join(o.reports) or '—'}; sources: "
                     f"{', '.join(o.sources) or '—'}{flag}; claims: {', '.join(o.claims)}")
    lines += ["", "## Evidence", ""]
    traced: set[str] = set()
    for e in sorted(edge.evidence, key=lambda x: (x.article.date or "9999", x.article.id)):
        d = e.to_dict()
        who = d["speaker"] or "the article's author"
        lines += [
            f"### {d['claim']} — {who} ({d['strength']})", "",
            f"> {d['quote']}", "",
            f"- article `{d['article']}` ({d['originality']}), {d['outlet'] or '—'}, "
            f"{d['date'] or 'undated'}" + (f", <{d['url']}>" if d["url"] else ""),
            f"- came through: {d['report']}" + (f" (channel {d['channel']})" if d["channel"] else ""),
            f"- stance: {d['stance']}; interested speaker: "
            f"{'unknown' if d['interested'] is None else d['interested']}"
            + (f"; inferred: {', '.join(d['inferred'])}" if d["inferred"] else ""),
            f"- evidence SHA-256 ({d['hash_of']}): `{d['sha256']}`",
        ]
        if tracer is not None and "#" not in e.claim and e.claim not in traced:
            traced.add(e.claim)
            tree = tracer(e.claim)
            if tree:
                lines += ["", "Provenance:", "", *_tree_md(tree)]
        lines.append("")
    if edge.disputed_by:
        lines += ["## Disputed by", ""]
        for denial in edge.disputed_by:
            who = denial.tags.unit.speaker.name if denial.tags.unit.speaker else "author"
            lines.append(f"- {who} ({denial.article.id}, {denial.article.date or 'undated'}): "
                         f"“{denial.tags.unit.quote}”")
        lines.append("")
    return "\n".join(lines)


def _edge_html(emap: EvidenceMap, edge: Edge, tracer: Tracer | None) -> str:
    rows = []
    for e in sorted(edge.evidence, key=lambda x: (x.article.date or "9999", x.article.id)):
        d = e.to_dict()
        link = (f'<a href="{escape(d["url"])}">{escape(d["outlet"] or d["article"])}</a>'
                if d["url"] else escape(d["outlet"] or d["article"]))
        tree = ""
        if tracer is not None and "#" not in e.claim:
            t = tracer(e.claim)
            if t:
                tree = "<details><summary>provenance</summary><pre>" + escape(
                    "\n".join(_tree_md(t))) + "</pre></details>"
        rows.append(
            f"<tr><td>{escape(d['date'] or '')}</td><td>{escape(d['speaker'] or 'author')}"
            f"</td><td>{escape(d['strength'])}</td><td><q>{escape(d['quote'])}</q>{tree}</td>"
            f"<td>{link}<br><small>{escape(d['originality'])}; via {escape(d['report'])}</small>"
            f"</td><td><code>{escape(d['sha256'][:16])}…</code></td></tr>")
    origins = "".join(
        f"<li>{escape(', '.join(o.reports) or '—')} · {escape(', '.join(o.sources) or '—')}"
        f"{' <strong>(interested)</strong>' if o.interested else ''}</li>" for o in edge.origins)
    disputes = "".join(f"<li><q>{escape(d.tags.unit.quote)}</q> — {escape(d.article.id)}</li>"
                       for d in edge.disputed_by)
    return (
        f'<section id="{escape(edge.id)}"><h2>{escape(_title(emap, edge))}</h2>'
        f"<p><strong>{escape(_verdict(edge))}</strong></p><h3>Independent origins</h3>"
        f"<ol>{origins}</ol><h3>Evidence</h3><table><tr><th>date</th><th>speaker</th>"
        f"<th>strength</th><th>claim</th><th>article</th><th>evidence hash</th></tr>"
        f"{''.join(rows)}</table>"
        + (f"<h3>Disputed by</h3><ul>{disputes}</ul>" if disputes else "") + "</section>")


_STYLE = ("body{font-family:sans-serif;max-width:70em;margin:auto;padding:1em}"
          "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;"
          "vertical-align:top}q{font-style:italic}.interested{color:#a40}")


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f"</title><style>{_STYLE}</style></head><body>{body}</body></html>\n")


def edge_html(emap: EvidenceMap, edge_id: str, tracer: Tracer | None = None) -> str:
    """The report of one edge as a standalone HTML page."""
    edge = emap.edge(edge_id)
    return _page(_title(emap, edge), _edge_html(emap, edge, tracer))


def map_html(emap: EvidenceMap, tracer: Tracer | None = None) -> str:
    """The whole map as one standalone HTML page: a table of edges, then each edge's report."""
    p = emap.pack
    rows = "".join(
        f'<tr><td><a href="#{escape(e.id)}">{escape(p.label(e.source))}</a></td>'
        f"<td>{escape(e.label)}</td><td>{escape(p.label(e.target))}</td>"
        f"<td>{len(e.origins)}</td><td>{e.echoes}</td><td>{len(e.articles)}</td>"
        f"<td>{len(e.claims)}</td><td>{escape(e.dates[0] if e.dates else '')}</td>"
        f"<td>{escape(e.dates[-1] if e.dates else '')}</td>"
        f"<td{' class=interested' if e.interested_only else ''}>"
        f"{'yes' if e.interested_only else ''}</td></tr>" for e in emap.edges)
    body = (f"<h1>{escape(p.title)}</h1><p>{len(emap.edges)} links from "
            f"{emap.corpus_size} articles. Origins count independent first-hand reports "
            "and primary sources; echoes are articles that repeat them.</p>"
            "<table><tr><th>actor</th><th>how</th><th>target</th><th>independent origins</th>"
            "<th>echoes</th><th>articles</th><th>claims</th><th>first seen</th>"
            f"<th>last seen</th><th>interested only</th></tr>{rows}</table>"
            + "".join(_edge_html(emap, e, tracer) for e in emap.edges))
    return _page(p.title, body)
