"""A readable terminal view of one :class:`~sourcetrace.records.Extraction`, with Rich.

Per article: a header (title, id, path, outlet, date), a table of attributions,
a table of sources and the author's own assertions with their hedges. All record
text goes in as :class:`rich.text.Text`, never as markup, so article text such as
``[bold]`` prints literally. Long content is cut to a snippet; the JSONL output
is the complete record.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, JustifyMethod
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..records import Attribution, Extraction

SNIPPET_CHARS = 120
COMPACT_BELOW = 120  # console columns under which the attribution table is stacked


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _id_cell(attribution: Attribution) -> Text:
    cell = Text(attribution.id)
    if attribution.parent:
        cell.append(f"\nin {attribution.parent}", style="dim")
    return cell


def _source_cell(attribution: Attribution) -> Text:
    source = attribution.source
    if source is None:
        return Text("—", style="dim")
    cell = Text.assemble(source.name, (f" [{source.type}]", "dim"))
    if source.descriptor and source.descriptor != source.name:
        cell.append(f"\n{source.descriptor}", style="italic")
    return cell


def _cue_cell(attribution: Attribution) -> Text:
    cue = attribution.cue
    return Text.assemble((cue.text, "bold"), (f" ({cue.stance})", "dim"))


def attributions_table(record: Extraction, *, compact: bool = False) -> Table:
    """The attributions of ``record``, one row each.

    The id cell names the enclosing attribution (``in a3``) and the source cell
    its descriptor, under the name. ``compact`` stacks kind, source, cue and
    channel in one cell, leaving room for the content on narrow terminals.
    """
    table = Table(title="Attributions", box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    columns = ("id", "attribution") if compact else (
        "id", "kind", "source [type]", "cue (stance)", "channel"
    )
    for column in columns:
        table.add_column(column, overflow="fold", max_width=30)
    table.add_column("content", overflow="fold")
    for a in record.attributions:
        channel = Text(a.channel.name if a.channel else "")
        content = Text(snippet(" … ".join(span.text for span in a.content)))
        if compact:
            if channel:
                channel = Text.assemble(("via ", "dim"), channel)
            parts = [Text(a.kind, style="dim"), _source_cell(a), _cue_cell(a), channel]
            table.add_row(_id_cell(a), Text("\n").join(p for p in parts if p), content)
        else:
            table.add_row(
                _id_cell(a), Text(a.kind), _source_cell(a), _cue_cell(a), channel, content
            )
    return table


def sources_table(record: Extraction) -> Table:
    """The sources of ``record`` with their mention counts and channels."""
    table = Table(title="Sources", box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    for column in ("name", "type", "descriptor", "mentions", "channels"):
        justify: JustifyMethod = "right" if column == "mentions" else "left"
        table.add_column(column, overflow="fold", justify=justify)
    for s in record.sources:
        table.add_row(
            Text(s.name), Text(s.type), Text(s.descriptor or ""),
            Text(str(len(s.mentions))), Text(", ".join(s.channels)),
        )
    return table


def _header(record: Extraction) -> Text:
    meta = record.doc
    heading = meta.title or meta.path or meta.id
    header = Text(heading, style="bold")
    details = [f"id {meta.id}"]
    details += [
        value for value in (meta.path, meta.outlet, meta.published, meta.url)
        if value and value != heading
    ]
    header.append("\n" + " · ".join(details), style="dim")
    return header


def render_table(record: Extraction, console: Console) -> None:
    """Print ``record`` to ``console``: header, attributions, sources, assertions."""
    console.print(Rule(style="dim"))
    console.print(_header(record))
    if record.attributions:
        console.print(attributions_table(record, compact=console.width < COMPACT_BELOW))
    else:
        console.print(Text("No attributions found.", style="italic"))
    if record.sources:
        console.print(sources_table(record))
    if record.assertions:
        console.print(Text("Author assertions", style="bold"))
        for assertion in record.assertions:
            line = Text("• ")
            line.append(snippet(assertion.text, 2 * SNIPPET_CHARS))
            if assertion.hedge is not None:
                line.append(f"  (hedge: {assertion.hedge.text})", style="yellow")
            console.print(line)
    else:
        console.print(Text("No author assertions found.", style="italic"))
