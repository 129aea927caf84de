"""``sourcetrace eval``: score the extractor against gold corpora.

Thin: parses options, calls :func:`sourcetrace.evaluation.evaluate_polnear` (or
``evaluate_brat``, ``evaluate_adaq``, the provenance eval), prints. Errors (a missing folder is a :class:`~sourcetrace.errors.UsageError`,
exit code 2) are mapped to exit codes once, by the app in ``cli/__init__.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..evaluation import PolnearReport, evaluate_brat, evaluate_polnear, render
from ..nlp.pipeline import DEFAULT_MODE
from .options import ModeOption
from .provenance_commands import eval_provenance_command

eval_app = typer.Typer(
    help="Score the extractor against gold-annotated corpora.",
    no_args_is_help=True,
)


NestedOption = Annotated[
    bool,
    typer.Option(
        "--nested",
        help="Score nested attributions too. PolNeAR's scheme has none (a token plays one "
        "role in one attribution), so by default only top-level ones are scored.",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the report as JSON instead of tables.")
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, metavar="N", help="Score only the first N articles."),
]


@eval_app.command("polnear")
def polnear(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The PolNeAR data folder (holding metadata.tsv, dev/, train/).",
        ),
    ],
    split: Annotated[
        str, typer.Option("--split", help="Which split to score: dev or train.")
    ] = "dev",
    as_json: JsonOption = False,
    limit: LimitOption = None,
    mode: ModeOption = DEFAULT_MODE,
    nested: NestedOption = False,
) -> None:
    """Per-role (source, cue, content) and attribution-level P/R/F1 on PolNeAR.

    Spans match exactly (after trimming white space) or by any overlap, one to
    one; an attribution matches when cue and content overlap and the source
    does too, where the gold one has a source. A broken article is reported on
    stderr by name and the rest are scored (exit code 1).
    """
    _print(evaluate_polnear(
        directory, split=split, limit=limit, mode=mode, nested=nested, keep_going=True
    ), as_json)


@eval_app.command("brat")
def brat(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="A folder of NAME.txt articles, each with its brat NAME.ann beside it.",
        ),
    ],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    mode: ModeOption = DEFAULT_MODE,
    nested: NestedOption = False,
) -> None:
    """Score the extractor on your own articles, annotated in brat with PolNeAR's scheme.

    Each attribution is an event (Attribution:T4 Source:T1 Cue:T2 Content:T3) over
    Source, Cue and Content text-bound spans, as in PolNeAR; scoring is that of
    `eval polnear`, and sub-folders are grouped as publishers.
    """
    _print(evaluate_brat(directory, limit=limit, mode=mode, nested=nested, keep_going=True), as_json)


def _print(report: PolnearReport, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        Console().print(render(report))
    for message in report.skipped:
        typer.echo(f"error: {message} (article not scored)", err=True)
    if report.skipped:
        raise typer.Exit(1)


eval_app.command("provenance")(eval_provenance_command)


@eval_app.command("adaq")
def adaq(
    directory: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="The adaq data folder (ru_sentences.tsv, ru_tokens.tsv).")
    ] = Path("../shared/data/adaq"),
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of a table.")
    ] = False,
) -> None:
    """Token- and span-level P/R/F1 for source, cue and content on adaq (Russian)."""
    from ..evaluation.adaq import evaluate_adaq, render_adaq

    report = evaluate_adaq(directory)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        Console().print(render_adaq(report))
