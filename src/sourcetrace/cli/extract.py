"""``sourcetrace extract``: articles in, one extraction record per article out.

Stateless and thin: reads inputs with :func:`sourcetrace.ingest.iter_inputs`,
runs :func:`sourcetrace.jobs.extract_articles`, writes JSONL (streamed, one
record per line), a Rich table, or one HTML page (records held until the end).
Each failed input gets one ``error: WHERE: REASON`` line on stderr, in input
order, and the exit code is 1 if any failed (``cli/__init__.py`` maps the rest).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from ..errors import InputError, UsageError
from ..ingest import DEFAULT_MAX_BYTES, iter_inputs
from ..jobs import extract_articles
from ..nlp.pipeline import DEFAULT_MODE
from ..records import Article, Extraction
from ..render import render_html, render_table
from .options import ModeOption

CHUNK_SIZE = 64


class Format(str, Enum):
    """Output formats of ``extract``."""

    jsonl = "jsonl"
    table = "table"
    html = "html"


def extract_in_order(
    items: Iterable[Article | InputError], *, chunk_size: int = CHUNK_SIZE, mode: str = DEFAULT_MODE
) -> Iterator[Extraction | InputError]:
    """Extract the articles among ``items``, passing errors through in their place.

    Works chunk by chunk so that input is streamed and the model is used in
    batches; a chunk holding only errors never loads the model.
    """
    stream = iter(items)
    while chunk := list(islice(stream, chunk_size)):
        articles = [item for item in chunk if isinstance(item, Article)]
        records = extract_articles(articles, mode=mode) if articles else iter(())
        for item in chunk:
            yield item if isinstance(item, InputError) else next(records)


@contextmanager
def _open_output(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        stream = open(output, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    with stream:
        yield stream


def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files (.txt, .html, .htm, .jsonl), folders (searched recursively) "
            "or - for stdin.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                     help="Write to FILE instead of stdout."),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, metavar="N",
                     help="Largest article accepted, in bytes (a whole .txt/.html file, "
                          "one .jsonl line)."),
    ] = DEFAULT_MAX_BYTES,
    mode: ModeOption = DEFAULT_MODE,
) -> None:
    """Find who said what, through whom and how firmly, in each article."""
    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    items = iter_inputs(paths, stdin=stdin, max_bytes=max_bytes)
    failed = 0
    with _open_output(output) as out:
        console = Console(file=out)
        pages: list[Extraction] = []
        for item in extract_in_order(items, mode=mode):
            if isinstance(item, InputError):
                failed += 1
                typer.echo(f"error: {item.where}: {item.reason}", err=True)
            elif output_format is Format.jsonl:
                out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            elif output_format is Format.table:
                render_table(item, console)
            else:
                pages.append(item)
        if output_format is Format.html:
            out.write(render_html(pages))
    if failed:
        raise typer.Exit(1)
