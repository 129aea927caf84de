"""``sourcetrace link / stories / claims / trace`` and ``sourcetrace eval provenance``.

Two modes:

- **Store** (no PATH given): ``link`` links the stored corpus and saves the
  result in the store (:func:`sourcetrace.link_job.link_store`; nothing to do
  when it is current, ``--force`` to redo) and prints the link state;
  ``stories``, ``claims`` and ``trace`` read the saved linking of the store
  named by ``--db`` (else ``$SOURCETRACE_DB``, else ``./sourcetrace.db``). A
  store never linked is an error (exit 1); one changed since its last linking
  gets a warning on stderr.
- **Files** (PATH inputs, no ``--db``): each command reads its inputs (files,
  folders, JSONL corpora, or ``-``), extracts them, links them in memory with
  :func:`sourcetrace.linking.link_corpus` and prints the result; nothing is
  stored. An input without an id gets its file name (stem) as id. Inputs that
  fail are reported on stderr (``error: WHERE: REASON``) and the exit code is 1.

Giving both PATH inputs and ``--db`` is a usage error (ingest the files instead).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError, StoreError, UsageError
from ..evaluation.provenance import evaluate_provenance, render
from ..ingest import iter_inputs
from ..jobs import extract_articles
from ..link_job import link_store
from ..linking import ClaimCluster, Provenance, Story, link_corpus, render_trace
from ..records import Article, Extraction
from ..store import LinkState, Store, open_store
from .store_commands import DbOption, _db_url


class Format(str, Enum):
    """Output formats of the provenance commands."""

    json = "json"
    table = "table"


Paths = Annotated[
    list[str] | None,
    typer.Argument(metavar="[PATH]...",
                   help="Files (.txt, .html, .jsonl), folders or - for stdin; none: the "
                        "linking saved in the store (--db).", show_default=False),
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


def _store_url(ctx: typer.Context, paths: list[str] | None, db: str | None) -> str | None:
    """The ``--db`` URL given (None: the default store); with PATH inputs, a usage error."""
    url = _db_url(ctx, db)
    if paths and url:
        raise UsageError("give PATH inputs or --db, not both (to link files into a store, "
                         "ingest them)")
    return url


def _linked(store: Store) -> LinkState:
    """The store's link state; an error if never linked, a warning if out of date."""
    state = store.link_state()
    if state is None:
        raise StoreError(store.url, "holds no provenance yet: run `sourcetrace link`")
    if state.signature != store.corpus_signature():
        typer.echo("warning: articles were added or changed since the last linking; "
                   "run `sourcetrace link` to update it", err=True)
    return state


def _stored_provenance(url: str | None) -> Provenance:
    with open_store(url, create=False) as store:
        _linked(store)
        prov = store.provenance()
    assert prov is not None  # _linked checked it exists
    return prov


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _done(failed: int) -> None:
    if failed:
        raise typer.Exit(1)


def link_command(
    ctx: typer.Context,
    paths: Paths = None,
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Store mode: link even when the "
                                                        "saved linking is current.")] = False,
    output_format: FormatOption = Format.json,
) -> None:
    """Link articles: per-article originality/based_on/cites, stories and claims.

    Without PATH, links the store's corpus and saves the result there.
    """
    url = _store_url(ctx, paths, db)
    if not paths:
        _link_stored(url, force=force, output_format=output_format)
        return
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
        console.print(_stories_table(prov.stories))
    _done(failed)


def _link_stored(url: str | None, *, force: bool, output_format: Format) -> None:
    with open_store(url, create=False) as store:
        report = link_store(store, force=force)
    typer.echo(report.summary(), err=True)
    data = report.state.to_dict() if report.state else {}
    if output_format is Format.json:
        _dump(data)
        return
    table = Table("what", "value", title="Link state")
    for key, value in data.items():
        table.add_row(key, str(value))
    Console().print(table)


def _stories_table(stories: Sequence[Story]) -> Table:
    table = Table(title="Stories")
    for col in ("id", "first seen", "languages", "articles", "title"):
        table.add_column(col)
    for s in stories:
        table.add_row(s.id, s.first_seen or "", ",".join(s.languages), str(len(s.articles)),
                      s.title)
    return table


def stories_command(ctx: typer.Context, paths: Paths = None, db: DbOption = None,
                    output_format: FormatOption = Format.json) -> None:
    """Stories: articles reporting the same events, across outlets and languages."""
    url = _store_url(ctx, paths, db)
    failed = 0
    if paths:
        prov, failed = _link(paths)
        stories = list(prov.stories)
    else:
        with open_store(url, create=False) as store:
            _linked(store)
            stories = store.stories()
    if output_format is Format.json:
        _dump([s.to_dict() for s in stories])
    else:
        Console().print(_stories_table(stories))
    _done(failed)


def claims_command(
    ctx: typer.Context,
    paths: Paths = None,
    story: Annotated[str | None, typer.Option("--story", metavar="ID",
                                              help="Only the claims of this story.")] = None,
    db: DbOption = None,
    output_format: FormatOption = Format.json,
) -> None:
    """Claims across articles, with origins, drift and a corroboration verdict."""
    url = _store_url(ctx, paths, db)
    failed = 0
    claims: Sequence[ClaimCluster]
    if paths:
        prov, failed = _link(paths)
        claims = prov.claims_of_story(story) if story else prov.claims
    else:
        with open_store(url, create=False) as store:
            _linked(store)
            claims = store.claims(story)
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
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(metavar="CLAIM",
                                         help="A claim id, or words of the claim to look for.")],
    paths: Paths = None,
    db: DbOption = None,
    output_format: Annotated[Format, typer.Option("--format", "-f",
                                                  help="json, or table for a tree.")] = Format.table,
) -> None:
    """The provenance tree of one claim: primary source → channels → articles."""
    url = _store_url(ctx, paths, db)
    failed = 0
    if paths:
        prov, failed = _link(paths)
    else:
        prov = _stored_provenance(url)
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
