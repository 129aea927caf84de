"""A self-contained HTML page showing extraction records over their article text.

The page has inline CSS only: no scripts, fonts, images or other external
resources, and a Content-Security-Policy that forbids them. Article text and
every record field are untrusted and go through :func:`html.escape`, so markup
in an article (``<script>``) shows as inert text.

The article text is split at every span boundary and each piece is wrapped in
one ``<mark>`` per span covering it (:mod:`sourcetrace.render.marks`), so spans of
different attributions can nest or overlap. Roles have distinct colours: source,
cue, content, channel, author assertion, hedge; each mark's ``title`` tooltip
names the attribution (id, kind, cue and stance, source, channel, nesting). Spans whose offsets fall outside the text are left out;
offsets are trusted to match the text, not re-checked.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..records import Extraction
from .marks import ROLES, record_marks, segments

CSP = "default-src 'none'; style-src 'unsafe-inline'"


STYLE = """
body { font: 16px/1.5 Georgia, serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
  color: #222; background: #fff; }
h1, h2, h3, table, .legend, dl { font-family: system-ui, sans-serif; }
section.record { border-top: 3px solid #444; margin-top: 2.5rem; padding-top: 0.5rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; font-size: 0.85rem; }
dl.meta dt { color: #666; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.article { white-space: pre-wrap; line-height: 1.9; border: 1px solid #ddd; padding: 1rem;
  border-radius: 4px; }
mark { background: none; color: inherit; padding: 0.1em 0; }
mark.content { background: #fff1a8; }
mark.source { background: #b8dcff; }
mark.cue { background: #ffc59e; font-weight: bold; }
mark.channel { background: #dcc6f2; }
mark.assertion { border-bottom: 2px dashed #777; }
mark.hedge { background: #f9c6c6; text-decoration: underline wavy #b00; }
.legend mark { margin-right: 0.6rem; padding: 0.1em 0.3em; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; }
.none { color: #777; font-style: italic; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _highlight(record: Extraction) -> str:
    """The record's text escaped, each piece wrapped in the marks covering it."""
    out: list[str] = []
    for segment in segments(record.text, record_marks(record)):
        piece = _e(segment.text)
        for m in reversed(segment.marks):
            piece = f'<mark class="{_e(m.css)}" title="{_e(m.label)}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _meta(record: Extraction) -> str:
    doc = record.doc
    rows = []
    for name in ("id", "path", "outlet", "published", "lang", "url", "sha256"):
        value = getattr(doc, name)
        if not value:
            continue
        shown = _e(value)
        if name == "url" and str(value).startswith(("http://", "https://")):
            shown = f'<a href="{_e(value)}" rel="noopener noreferrer">{shown}</a>'
        rows.append(f"<dt>{_e(name)}</dt><dd>{shown}</dd>")
    return f'<dl class="meta">{"".join(rows)}</dl>'


def _attribution_rows(record: Extraction) -> str:
    if not record.attributions:
        return '<p class="none">No attributions found.</p>'
    head = "".join(
        f"<th>{h}</th>" for h in ("id", "kind", "source", "cue", "stance", "channel", "parent")
    )
    rows = []
    for a in record.attributions:
        source = f"{a.source.name} [{a.source.type}]" if a.source else "—"
        cells = (a.id, a.kind, source, a.cue.text, a.cue.stance,
                 a.channel.name if a.channel else "", a.parent or "")
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _source_list(record: Extraction) -> str:
    if not record.sources:
        return '<p class="none">No sources found.</p>'
    items = []
    for s in record.sources:
        parts = [f"<strong>{_e(s.name)}</strong> [{_e(s.type)}]"]
        if s.descriptor:
            parts.append(f"— {_e(s.descriptor)}")
        parts.append(f"· {len(s.mentions)} mention{'s' if len(s.mentions) != 1 else ''}")
        if s.channels:
            parts.append(f"· via {_e(', '.join(s.channels))}")
        items.append(f"<li>{' '.join(parts)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _assertion_list(record: Extraction) -> str:
    if not record.assertions:
        return '<p class="none">No author assertions found.</p>'
    items = []
    for a in record.assertions:
        hedge = f' <mark class="hedge">hedge: {_e(a.hedge.text)}</mark>' if a.hedge else ""
        items.append(f"<li>{_e(a.text)}{hedge}</li>")
    return f"<ul>{''.join(items)}</ul>"


def render_record(record: Extraction) -> str:
    """One record as an HTML ``<section>`` (a fragment; see :func:`render_html`)."""
    title = record.doc.title or record.doc.path or record.doc.id
    return (
        f'<section class="record"><h2>{_e(title)}</h2>{_meta(record)}'
        f'<div class="article">{_highlight(record)}</div>'
        f"<h3>Attributions</h3>{_attribution_rows(record)}"
        f"<h3>Sources</h3>{_source_list(record)}"
        f"<h3>Author assertions</h3>{_assertion_list(record)}</section>"
    )


def render_html(records: Iterable[Extraction]) -> str:
    """A complete, self-contained HTML page for ``records`` (zero or more)."""
    sections = [render_record(r) for r in records]
    legend = "".join(f'<mark class="{role}">{_e(name)}</mark>' for role, name in ROLES)
    body = "\n".join(sections) or '<p class="none">No articles.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>sourcetrace: {len(sections)} article{'s' if len(sections) != 1 else ''}</title>\n"
        f"<style>{STYLE}</style></head>\n"
        f'<body><h1>sourcetrace extraction</h1><p class="legend">{legend}</p>\n'
        f"{body}\n</body></html>\n"
    )
