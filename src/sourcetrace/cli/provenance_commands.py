"""``sourcetrace link / stories / claims / trace`` and ``sourcetrace eval provenance``.

Thin and stateless for now: each command reads its inputs (files, folders,
JSONL corpora, or ``-``), extracts them, links them with
:func:`sourcetrace.linking.link_corpus` and prints the result. A store will
later keep the linking; these commands then read it instead of re-linking.
An input without an id gets its file name (stem) as id. Inputs that fail are
reported on stderr (``error: WHERE: REASON``) and the exit code is 1.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError, UsageError
from ..evaluation.provenance import evaluate_provenance, render
from ..ingest import iter_inputs
from ..jobs import extract_articles
from ..linking import Provenance, link_corpus, render_trace
from ..records import Article, Extraction


class Format(str, Enum):
    """Output formats of the provenance commands."""

    json = "json"
    table = "table"


Paths = Annotated[
    list[str],
    typer.Argument(metavar="PATH", help="Files (.txt, .html, .jsonl), folders or - for stdin.",
                   show_default=False),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def read_records(paths: list[str]) -> tuple[list[Extraction], int]:
    """Read and extract the articles at ``paths``; report each failed input on stderr.

    Returns the records and the number of failed inputs; raises ``UsageError`` when
    nothing could be read. Shared by the commands that work over input files.
    """
    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    articles: list[Article] = []
    failed = 0
    for item in iter_inputs(paths, stdin=stdin):
        if isinstance(item, InputError):
            failed += 1
            typer.echo(f"error: {item.where}: {item.reason}", err=True)
            continue
        if item.id is None and item.path and item.path != "-":
            item = item.with_meta(id=Path(item.path).stem)
        articles.append(item)
    if not articles:
        raise UsageError("no article could be read")
    return list(extract_articles(articles)), failed


def _link(paths: list[str]) -> tuple[Provenance, int]:
    records, failed = read_records(paths)
    return link_corpus(records), failed


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _done(failed: int) -> None:
    if failed:
        raise typer.Exit(1)


def link_command(paths: Paths, output_format: FormatOption = Format.json) -> None:
    """Link articles: per-article originality/based_on/cites, stories and claims."""
    prov, failed = _link(paths)
    if output_format is Format.json:
        _dump(prov.to_dict())
    else:
        console = Console()
        table = Table(title="Articles")
        for col in ("id", "originality", "based on", "cites"):
            table.add_column(col)
        for a in prov.articles.values():
            based = "; ".join(f"{b.relation} of {b.article or b.outlet}" for b in a.based_on)
            table.add_row(a.id, a.originality, based, ", ".join(c.name for c in a.cites))
        console.print(table)
        console.print(_stories_table(prov))
    _done(failed)


def _stories_table(prov: Provenance) -> Table:
    table = Table(title="Stories")
    for col in ("id", "first seen", "languages", "articles", "title"):
        table.add_column(col)
    for s in prov.stories:
        table.add_row(s.id, s.first_seen or "", ",".join(s.languages), str(len(s.articles)),
                      s.title)
    return table


def stories_command(paths: Paths, output_format: FormatOption = Format.json) -> None:
    """Stories: articles reporting the same events, across outlets and languages."""
    prov, failed = _link(paths)
    if output_format is Format.json:
        _dump([s.to_dict() for s in prov.stories])
    else:
        Console().print(_stories_table(prov))
    _done(failed)


def claims_command(
    paths: Paths,
    story: Annotated[str | None, typer.Option("--story", metavar="ID",
                                              help="Only the claims of this story.")] = None,
    output_format: FormatOption = Format.json,
) -> None:
    """Claims across articles, with origins, drift and a corroboration verdict."""
    prov, failed = _link(paths)
    claims = prov.claims_of_story(story) if story else prov.claims
    if output_format is Format.json:
        _dump([c.to_dict() for c in claims])
    else:
        table = Table(title="Claims")
        for col in ("id", "articles", "verdict", "drift", "claim"):
            table.add_column(col)
        for c in claims:
            table.add_row(c.id, str(len(c.articles)), c.verdict.label,
                          "yes" if c.drift else "", c.text[:120])
        Console().print(table)
    _done(failed)


def trace_command(
    claim: Annotated[str, typer.Argument(metavar="CLAIM",
                                         help="A claim id, or words of the claim to look for.")],
    paths: Paths,
    output_format: Annotated[Format, typer.Option("--format", "-f",
                                                  help="json, or table for a tree.")] = Format.table,
) -> None:
    """The provenance tree of one claim: primary source → channels → articles."""
    prov, failed = _link(paths)
    try:
        chosen = prov.claim(claim)
    except KeyError:
        found = prov.find_claims(claim)
        if not found:
            raise UsageError(f"no claim matches {claim!r}") from None
        chosen = found[0]
    tree = prov.trace(chosen.id)
    if output_format is Format.json:
        _dump({"claim": chosen.to_dict(), "tree": tree.to_dict()})
    else:
        Console().print(render_trace(tree))
    _done(failed)


def eval_provenance_command(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS.jsonl", help="The pages to link.")],
    gold: Annotated[Path, typer.Argument(metavar="GOLD.json",
                                         help="Gold stories, relations and cites.")],
    extra: Annotated[list[str] | None, typer.Option(
        "--extra", metavar="PATH[=S1,S2]",
        help="An extra article to link with the corpus, and its gold stories.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Story pairwise P/R/F1, originality P/R/F1 per class and macro, cited-outlet recall."""
    report = evaluate_provenance(corpus, gold, extra or [])
    if as_json:
        _dump(report.to_dict())
    else:
        Console().print(render(report))
