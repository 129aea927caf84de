"""The ``sourcetrace`` command line: ``extract``, ``eval`` and ``train``.

Commands parse strings and call library functions. The exception tree of
:mod:`sourcetrace.errors` is mapped to exit codes here, once, for every command:
:class:`~sourcetrace.errors.UsageError` → 2, any other
:class:`~sourcetrace.errors.SourcetraceError` → 1, each with one ``error:`` line
on stderr. Click's own usage errors (unknown option or format, missing path)
also exit with 2.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import SourcetraceError, UsageError
from .evaluate import eval_app
from .extract import extract_command
from .provenance_commands import claims_command, link_command, stories_command, trace_command
from .serve_command import serve_command
from .train_command import train_command
from .store_commands import RootDbOption, register_store_commands
from .topic_commands import register_topic_commands


class _ErrorMappingGroup(TyperGroup):
    """A command group that turns sourcetrace errors into exit codes."""

    # ``ctx`` is the Context of the click that typer vendors, which has no public name
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        except SourcetraceError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_ErrorMappingGroup,
    help="Turn news reporting into a traceable evidence map: who said what, "
    "through whom, how firmly.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sourcetrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
    db: RootDbOption = None,
) -> None:
    """Turn news reporting into a traceable evidence map."""


app.command("extract")(extract_command)
app.command("link")(link_command)
app.command("stories")(stories_command)
app.command("claims")(claims_command)
app.command("trace")(trace_command)
app.add_typer(eval_app, name="eval")
app.command("train")(train_command)
app.command("serve")(serve_command)
register_store_commands(app)
register_topic_commands(app)


def main() -> None:
    """Console-script entry point (``sourcetrace``)."""
    app(prog_name="sourcetrace")


__all__ = ["app", "main"]
