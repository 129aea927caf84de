"""The evidence-store commands: ``ingest``, ``load``, ``delete``, ``stats``, ``search``, ``sources``, ``article``,
``export``, ``export-raw`` and ``failures``.

Each command parses strings, opens the store named by ``--db`` (before the
command, ``sourcetrace --db URL ingest ...``, or after it), calls one library
function and prints its result; errors are mapped to exit codes in
``cli/__init__.py``. ``ingest`` exits with 1 when any input failed. Read commands
never create a store: a missing SQLite file is an error. Human output is Rich
tables on stdout (record text passed as ``Text``, never as markup); progress
and summaries go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..errors import NotFoundError, UsageError
from ..ingest.fetch import DEFAULT_TIMEOUT, HttpFetcher
from ..ingest.inputs import DEFAULT_MAX_BYTES
from ..ingest_job import DEFAULT_BATCH_SIZE, IngestReport, ModeExtractor, ingest_corpus
from ..link_job import link_store
from ..manifest import Manifest, ShardDone
from ..nlp.pipeline import DEFAULT_MODE
from ..render import render_table
from ..render.table import snippet
from ..sinks import Sink
from ..store import SearchHit, Statement, Store, open_store
from ..store.export import article_record, write_csv, write_jsonl, write_parquet
from .options import ModeOption

_META_DB = "sourcetrace.db"
_DB_HELP = ("The store: a SQLite file, sqlite:///path or postgresql://user@host/db "
            "[default: $SOURCETRACE_DB, else ./sourcetrace.db].")


def _remember_db(ctx: typer.Context, value: str | None) -> str | None:
    if value:
        ctx.meta[_META_DB] = value
    return value


RootDbOption = Annotated[
    str | None,
    typer.Option("--db", metavar="URL", help=_DB_HELP, callback=_remember_db,
                 show_default=False),
]
DbOption = Annotated[
    str | None, typer.Option("--db", metavar="URL", help=_DB_HELP, show_default=False)
]


class ViewFormat(str, Enum):
    """Output of the read commands."""

    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    """Formats of ``export``."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


FormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                 help="Write to FILE instead of stdout."),
]


def _db_url(ctx: typer.Context, db: str | None) -> str | None:
    return db or ctx.meta.get(_META_DB)


def _reader(ctx: typer.Context, db: str | None) -> Store:
    return open_store(_db_url(ctx, db), create=False)


def _stdout() -> Console:
    return Console(soft_wrap=False, highlight=False)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- ingest -------------------------------------------------------------------


class _RateColumn(ProgressColumn):
    """Articles per second over Rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "– articles/s", style="cyan")


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None]]:
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield lambda n: None
        return
    progress = Progress(
        SpinnerColumn(), TextColumn("ingest"), BarColumn(),
        TextColumn("{task.completed:,} items"), _RateColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    )
    with progress:
        task = progress.add_task("ingest", total=None)
        yield lambda n: progress.advance(task, n)


def _summary(report: IngestReport, unit: str = "items") -> str:
    return (f"{report.items:,} {unit} in {report.seconds:.1f} s "
            f"({report.articles_per_second:,.1f} articles/s): "
            f"{report.new_articles:,} new articles, {report.updated_articles:,} updated, "
            f"{report.new_captures:,} new captures, {report.unchanged:,} unchanged, "
            f"{report.failed:,} failed")


class EngineName(str, Enum):
    """The ``--engine`` choices (see :mod:`sourcetrace.engines`)."""

    local = "local"
    dask = "dask"
    ray = "ray"


def _shard_line(done: ShardDone) -> None:
    typer.echo(f"done: {done.shard} ({done.items:,} items, {done.failed:,} failed)", err=True)


def ingest_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="PATH|URL",
                       help="Files (.txt .html .jsonl .warc .warc.gz .xml .rss .atom), "
                            "folders, http(s) URLs of articles or feeds, or - for stdin.",
                       show_default=False),
    ],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, metavar="N",
        help="Extraction processes; with --engine dask/ray and no --address, the CPUs of "
             "the local cluster started for the run.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N",
                                            help="Items per transaction.")] = DEFAULT_BATCH_SIZE,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private",
        help="Allow fetching from loopback, private and link-local addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, metavar="N",
        help="Largest article accepted, in bytes (a file, a line, a WARC record, "
             "an HTTP body).")] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, metavar="SECONDS",
                                           help="HTTP connect/read timeout.")] = DEFAULT_TIMEOUT,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Show a progress bar on a terminal.")] = True,
    engine: Annotated[EngineName, typer.Option(
        "--engine", "-e", help="Where extraction runs: local processes, or a Dask or Ray "
                               "cluster (extras [dask], [ray]).")] = EngineName.local,
    address: Annotated[str | None, typer.Option(
        "--address", metavar="ADDR",
        help="Join a running cluster: a Dask scheduler (tcp://host:8786) or Ray "
             "(auto, ray://host:10001). Default: start a local one with --workers CPUs.",
        show_default=False)] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="DIR", file_okay=False,
        help="Write partitioned Parquet files to DIR instead of the store "
             "(merge them later with `sourcetrace load DIR`).", show_default=False)] = None,
    manifest: Annotated[Path | None, typer.Option(
        "--manifest", metavar="FILE", dir_okay=False,
        help="Record finished input files here and skip them on a re-run "
             "[default with --out: DIR/_manifest.jsonl].", show_default=False)] = None,
    link: Annotated[bool, typer.Option(
        "--link/--no-link", help="Link the stored corpus afterwards and save its provenance "
                                 "(not with --out).")] = True,
    mode: ModeOption = DEFAULT_MODE,
) -> None:
    """Store articles, their attributions and the raw bytes they came from."""
    extractor = None if mode == DEFAULT_MODE else ModeExtractor(mode)
    stdin = typer.get_binary_stream("stdin") if "-" in inputs else None
    if out is not None and manifest is None:
        manifest = out / "_manifest.jsonl"
    with ExitStack() as stack:
        sink: Sink
        if out is not None:
            from ..sinks.parquet import ParquetSink

            sink = ParquetSink(str(out))
        else:
            sink = stack.enter_context(open_store(_db_url(ctx, db)))
        run_manifest = Manifest(str(manifest)) if manifest is not None else None
        if run_manifest is not None:
            stack.callback(run_manifest.close)
        fetcher = stack.enter_context(HttpFetcher(allow_private=allow_private, timeout=timeout,
                                                  max_bytes=max_bytes))
        advance = stack.enter_context(_progress(progress))
        report = ingest_corpus(sink, inputs, fetcher=fetcher, workers=workers,
                               engine=engine.value, address=address, batch_size=batch_size,
                               max_bytes=max_bytes, progress=advance, manifest=run_manifest,
                               on_shard=_shard_line, stdin=stdin, extractor=extractor)
        if report.shards_skipped:
            typer.echo(f"skipped {report.shards_skipped:,} input files finished by an "
                       f"earlier run (manifest {manifest})", err=True)
    typer.echo(_summary(report), err=True)
    if link and out is None:
        with open_store(_db_url(ctx, db)) as store:
            typer.echo(link_store(store).summary(), err=True)
    for failure in report.failures:
        typer.echo(f"error: {failure.where}: {failure.reason}", err=True)
    if report.failed:
        raise typer.Exit(1)


def load_command(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", file_okay=False, help="A folder written by `ingest --out DIR`.")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N",
                                            help="Rows per transaction.")] = 256,
    link: Annotated[bool, typer.Option(
        "--link/--no-link", help="Link the stored corpus afterwards and save its "
                                 "provenance.")] = True,
) -> None:
    """Merge the Parquet files of `ingest --out DIR` into the store (idempotent)."""
    from ..sinks.parquet import load_parquet

    with open_store(_db_url(ctx, db)) as store:
        report = load_parquet(store, str(directory), batch_size=batch_size)
        typer.echo(_summary(report, "rows"), err=True)
        if report.failed:
            typer.echo(f"{report.failed:,} failed inputs recorded by the run (see "
                       "`sourcetrace failures`)", err=True)
        if link:
            typer.echo(link_store(store).summary(), err=True)


def delete_command(
    ctx: typer.Context,
    refs: Annotated[list[str], typer.Argument(
        metavar="ID...", help="Article ids, JSONL ids or URLs.", show_default=False)],
    db: DbOption = None,
    link: Annotated[bool, typer.Option(
        "--link/--no-link", help="Link the stored corpus afterwards.")] = True,
) -> None:
    """Remove articles with their records, captures and unshared raw bytes."""
    missing = 0
    with _reader(ctx, db) as store:
        for ref in refs:
            try:
                typer.echo(f"deleted {store.delete(ref)}", err=True)
            except NotFoundError as exc:
                missing += 1
                typer.echo(f"error: {exc}", err=True)
        if link and missing < len(refs):
            typer.echo(link_store(store).summary(), err=True)
    if missing:
        raise typer.Exit(1)


# -- reading ------------------------------------------------------------------


def stats_command(ctx: typer.Context, db: DbOption = None,
                  output_format: FormatOption = ViewFormat.table) -> None:
    """Count articles, attributions, sources, assertions, failed inputs and captures."""
    with _reader(ctx, db) as store:
        stats = store.stats().to_dict()
    if output_format is ViewFormat.json:
        _print_json(stats)
        return
    table = Table("what", "count", title="sourcetrace store")
    for name, count in stats.items():
        table.add_row(name, f"{count:,}")
    _stdout().print(table)


def _hit_text(hit: SearchHit) -> Text:
    text = Text(hit.snippet.replace("\n", " "))
    for start, end in hit.highlights:
        text.stylize("bold reverse", start, end)
    return text


def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or \"a phrase\"; all must match.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1,
                                       help="Most hits of each kind.")] = 20,
    output_format: FormatOption = ViewFormat.table,
) -> None:
    """Full-text search over article text and attribution content."""
    with _reader(ctx, db) as store:
        hits = store.search(query, limit=limit)
    if output_format is ViewFormat.json:
        _print_json([h.to_dict() for h in hits])
        return
    console = _stdout()
    if not hits:
        console.print(Text(f"no match for {query!r}", style="dim"))
        return
    for hit in hits:
        label = Text(f"{hit.kind} {hit.article_id}", style="bold")
        if hit.attribution_id:
            label.append(f" {hit.attribution_id}", style="bold")
            if hit.source:
                label.append(f" ({hit.source})", style="cyan")
        label.append(f"  {hit.title or hit.url or ''}", style="dim")
        console.print(label)
        console.print(_hit_text(hit))
        console.print()


def _statements_table(statements: list[Statement]) -> Table:
    table = Table(show_lines=False)
    table.add_column("source", max_width=24)
    table.add_column("article", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=18)
    table.add_column("content", ratio=1)
    table.add_column("channel", max_width=20)
    for s in statements:
        table.add_row(Text(s.source or "—"), Text(s.article_id), Text(s.attribution_id),
                      Text(s.kind), Text(f"{s.cue} ({s.stance})"), Text(snippet(s.content, 100)),
                      Text(s.channel or "—"))
    return table


def sources_command(
    ctx: typer.Context,
    db: DbOption = None,
    name: Annotated[str | None, typer.Option(
        "--name", metavar="TEXT",
        help="Only sources whose name contains TEXT (any case).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1)] = None,
    output_format: FormatOption = ViewFormat.table,
) -> None:
    """Every statement by a source across articles, with its channel."""
    with _reader(ctx, db) as store:
        statements = store.statements(name, limit=limit)
    if output_format is ViewFormat.json:
        _print_json([s.to_dict() for s in statements])
        return
    if not statements:
        _stdout().print(Text("no statements" + (f" by a source matching {name!r}" if name
                                                else ""), style="dim"))
        return
    _stdout().print(_statements_table(statements))


def article_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID",
                                       help="Article id, JSONL id or URL.")],
    db: DbOption = None,
    output_format: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.json,
) -> None:
    """One stored article: its extraction record, its captures and its provenance."""
    with _reader(ctx, db) as store:
        stored = store.article(ref)
        data = article_record(store, stored)
    if output_format is ViewFormat.json:
        _print_json(data)
        return
    console = _stdout()
    render_table(stored.record, console)
    table = Table("sha256", "retrieved at", "url / path", "size", title="captures")
    for c in stored.captures:
        table.add_row(c.sha256[:16], c.retrieved_at, Text(c.url or c.path or "—"),
                      f"{c.size:,}")
    console.print(table)
    based = "; ".join(f"{b['relation']} of {b['article'] or b['outlet']}"
                      for b in data["based_on"])
    console.print(Text(f"originality: {data['originality']}" + (f" ({based})" if based else "")
                       + "; cites: " + (", ".join(c["name"] for c in data["cites"]) or "—")))


@contextmanager
def _text_output(output: Path | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        return
    try:
        stream = open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    with stream:
        yield stream


def export_command(
    ctx: typer.Context,
    db: DbOption = None,
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl: article records; csv/parquet: one row per "
                               "attribution.")] = ExportFormat.jsonl,
    output: OutputOption = None,
) -> None:
    """Export the store: article records (JSONL) or attribution rows (CSV, Parquet)."""
    with _reader(ctx, db) as store:
        if output_format is ExportFormat.parquet:
            if output is None:
                raise UsageError("--format parquet needs --output FILE")
            write_parquet(store, str(output))
            return
        with _text_output(output) as out:
            (write_jsonl if output_format is ExportFormat.jsonl else write_csv)(store, out)


def export_raw_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(
        metavar="ID", help="Article id/JSONL id/URL (its latest capture) or a capture's "
                           "SHA-256.")],
    db: DbOption = None,
    output: OutputOption = None,
) -> None:
    """Write the original bytes of a capture, checked against their SHA-256."""
    with _reader(ctx, db) as store:
        info, data = store.raw(ref)
    if output is None:
        stream = typer.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"{info.sha256}  {info.size:,} bytes  retrieved {info.retrieved_at}  "
               f"{info.url or info.path or ''}", err=True)


def failures_command(ctx: typer.Context, db: DbOption = None,
                     output_format: FormatOption = ViewFormat.table) -> None:
    """The inputs that could not be ingested, and why."""
    with _reader(ctx, db) as store:
        failures = store.failures()
    if output_format is ViewFormat.json:
        _print_json([f.to_dict() for f in failures])
        return
    if not failures:
        _stdout().print(Text("no failed inputs", style="dim"))
        return
    table = Table("input", "reason", "failed at")
    for f in failures:
        table.add_row(Text(f.where), Text(f.reason), f.failed_at)
    _stdout().print(table)


def register_store_commands(app: typer.Typer) -> None:
    """Add the store commands to the ``sourcetrace`` app."""
    app.command("ingest")(ingest_command)
    app.command("load")(load_command)
    app.command("delete")(delete_command)
    app.command("stats")(stats_command)
    app.command("search")(search_command)
    app.command("sources")(sources_command)
    app.command("article")(article_command)
    app.command("export")(export_command)
    app.command("export-raw")(export_raw_command)
    app.command("failures")(failures_command)


__all__ = ["DbOption", "RootDbOption", "register_store_commands"]
