"""The web app (``sourcetrace serve``, extra ``[server]``): pages over the evidence store.

Thin: routes in :mod:`~sourcetrace.web.pages` render Jinja2 templates from what
:mod:`~sourcetrace.web.data` (the one adapter to the store and to linking)
returns; :mod:`~sourcetrace.web.highlight` and :mod:`~sourcetrace.web.sourcing`
are pure helpers; :mod:`~sourcetrace.web.security` holds the headers, limits
and write rules. The REST API lives in :mod:`sourcetrace.api`. Importing this
package needs FastAPI only when :func:`create_app` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See :func:`sourcetrace.web.app.create_app`; raises ``MissingExtraError`` without FastAPI."""
    try:
        from .app import create_app as factory
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from ..errors import MissingExtraError

        if (exc.name or "").split(".")[0] not in ("fastapi", "starlette", "jinja2"):
            raise

        raise MissingExtraError("server", "the web app") from exc
    return factory(*args, **kwargs)


__all__ = ["create_app"]
