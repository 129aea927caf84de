"""``sourcetrace serve``: the web app and REST API over a store (extra ``[server]``).

Parses options, decides the write token (:func:`sourcetrace.web.settings.resolve_token`),
builds the app with :func:`sourcetrace.web.create_app` and runs it with Uvicorn.
Binds to loopback by default. On any other address it refuses to start unless a
token is set (``$SOURCETRACE_TOKEN``) or generated (``--generate-token``, printed
on stderr). FastAPI, Jinja2 and Uvicorn are imported only when the command runs,
so the core install works without them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import MissingExtraError
from ..nlp.pipeline import DEFAULT_MODE
from .options import ModeOption
from .store_commands import DbOption


def serve_command(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")]
    = 8000,
    generate_token: Annotated[bool, typer.Option(
        "--generate-token",
        help="Make a random write token and print it (else $SOURCETRACE_TOKEN; "
             "required off loopback).")] = False,
    page_cache_mb: Annotated[int, typer.Option(
        "--page-cache-mb", min=0, metavar="MB",
        help="Memory for rendered read pages, kept until the store changes (0: off).")] = 64,
    mode: ModeOption = DEFAULT_MODE,
) -> None:
    """Serve the web app and the REST API (/api/v1) over the store."""
    from ..web.settings import ServerSettings, resolve_token

    token, generated = resolve_token(host, generate=generate_token)
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise MissingExtraError("server", "sourcetrace serve") from exc
    url = db or ctx.find_root().params.get("db")
    settings = ServerSettings(host=host, port=port, token=token,
                              page_cache_bytes=page_cache_mb * 1024 * 1024)
    from ..ingest_job import ModeExtractor

    # the extraction mode of ingests made through the app (web form and REST API)
    app = create_app(url, settings, extractor=None if mode == DEFAULT_MODE else ModeExtractor(mode))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"sourcetrace: serving {app.state.data.url} on http://{shown}:{port}/ "
               f"(API: /api/v1, schema: /api/v1/openapi.json)", err=True)
    if token:
        typer.echo("sourcetrace: writing (ingest) needs the token"
                   + (f": {token}" if generated else " in $SOURCETRACE_TOKEN"), err=True)
    # keep-alive longer than common clients' idle expiry (httpx: 5 s), so that a
    # client never reuses a connection at the moment the server drops it
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False, timeout_keep_alive=20)
