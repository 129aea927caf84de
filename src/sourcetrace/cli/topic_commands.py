"""``sourcetrace map`` and ``sourcetrace edge-report``: a topic's evidence map and its edges.

Both read articles either from input files (``.txt``, ``.html``, ``.jsonl``,
folders, ``-``), extracting and linking them in-process, or, without paths, from
the evidence store (``--db``), whose records are linked in-process too until the
store keeps provenance. An input without an id gets its file name (stem) as id.
Inputs that fail are reported on stderr and the exit code is 1.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, UsageError
from ..ingest import iter_inputs
from ..jobs import extract_articles
from ..records import Article, Extraction
from ..store import open_store
from ..topics import (
    edge_html, edge_markdown, load_pack, map_html, map_records, to_graphml, to_json,
    to_uwazi_csv,
)
from .store_commands import DbOption, _db_url


class MapFormat(str, Enum):
    """Output formats of ``map``."""

    json = "json"
    graphml = "graphml"
    csv = "csv"
    html = "html"


class ReportFormat(str, Enum):
    """Output formats of ``edge-report``."""

    md = "md"
    html = "html"


Paths = Annotated[
    list[str] | None,
    typer.Argument(metavar="[PATH]...", show_default=False,
                   help="Files (.txt, .html, .jsonl), folders or - for stdin; "
                        "none: the articles of the store (--db)."),
]
TopicOption = Annotated[
    str, typer.Option("--topic", "-t", metavar="NAME|PATH",
                      help="A built-in topic pack (recruitment) or a pack file (.toml).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                 help="Write to FILE instead of stdout."),
]


def _read_files(paths: list[str]) -> tuple[list[Extraction], int]:
    from .provenance_commands import read_records

    return read_records(paths)


def _read_store(url: str | None) -> tuple[list[Extraction], dict[str, str]]:
    records: list[Extraction] = []
    hashes: dict[str, str] = {}
    with open_store(url, create=False) as store:
        for stored in store.iter_articles():
            records.append(stored.record)
            if stored.captures:
                hashes[stored.id] = stored.captures[-1].sha256
    if not records:
        raise UsageError("the store holds no article (ingest some, or give input files)")
    return records, hashes


def _load(ctx: typer.Context, paths: list[str] | None, db: str | None
          ) -> tuple[list[Extraction], dict[str, str], int]:
    if paths:
        records, failed = _read_files(paths)
        return records, {}, failed
    records, hashes = _read_store(_db_url(ctx, db))
    return records, hashes, 0


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        output.write_text(text, encoding="utf-8")


def map_command(
    ctx: typer.Context,
    paths: Paths = None,
    topic: TopicOption = "recruitment",
    output_format: Annotated[MapFormat, typer.Option(
        "--format", "-f", help="json; graphml (Gephi); csv (one row per claim, for Uwazi "
        "import); html (a standalone page).")] = MapFormat.json,
    db: DbOption = None,
    output: OutputOption = None,
) -> None:
    """A topic's evidence map: actor → method → target links with their claims and origins."""
    pack = load_pack(topic)
    records, hashes, failed = _load(ctx, paths, db)
    emap, view = map_records(records, pack, hashes)
    if output_format is MapFormat.json:
        text = to_json(emap)
    elif output_format is MapFormat.graphml:
        text = to_graphml(emap)
    elif output_format is MapFormat.csv:
        text = to_uwazi_csv(emap)
    else:
        text = map_html(emap, view.trace)
    _write(text, output)
    if failed:
        raise typer.Exit(1)


def edge_report_command(
    ctx: typer.Context,
    edge: Annotated[str, typer.Argument(metavar="EDGE",
                                        help="An edge id from the map (actor>method>target).")],
    paths: Paths = None,
    topic: TopicOption = "recruitment",
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="md (Markdown) or html.")] = ReportFormat.md,
    db: DbOption = None,
    output: OutputOption = None,
) -> None:
    """One edge of a topic's map with full provenance: origins, claims, traces, denials."""
    pack = load_pack(topic)
    records, hashes, failed = _load(ctx, paths, db)
    emap, view = map_records(records, pack, hashes)
    try:
        if output_format is ReportFormat.md:
            text = edge_markdown(emap, edge, view.trace)
        else:
            text = edge_html(emap, edge, view.trace)
    except KeyError:
        known = ", ".join(e.id for e in emap.edges[:8])
        raise UsageError(f"no edge {edge!r} in the {pack.name} map"
                         + (f" (edges include: {known})" if known else " (the map is empty)")
                         ) from None
    _write(text, output)
    if failed:
        raise typer.Exit(1)


def register_topic_commands(app: typer.Typer) -> None:
    """Add ``map`` and ``edge-report`` to the command line."""
    app.command("map")(map_command)
    app.command("edge-report")(edge_report_command)


__all__ = ["register_topic_commands"]
