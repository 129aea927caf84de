"""The evidence store: articles, their extraction records and custody, in SQL.

:func:`open_store` is the entry point; every backend implements
:class:`~sourcetrace.store.base.Store`. All SQL of sourcetrace lives in this
package (``schema.py`` for DDL and migrations, ``relational.py`` for the shared
statements, one module per backend).
"""

from __future__ import annotations

import os

from ..errors import StoreError, UsageError
from .base import (
    ArticleKey,
    CaptureInfo,
    CaptureWrite,
    FailureRecord,
    LinkState,
    SearchHit,
    Statement,
    Stats,
    Store,
    StoredArticle,
    WriteResult,
    article_key,
    parse_query,
)

DEFAULT_DB = "sourcetrace.db"
ENV_VAR = "SOURCETRACE_DB"


def resolve_url(url: str | None = None) -> str:
    """The store URL to use: ``url``, else ``$SOURCETRACE_DB``, else ``./sourcetrace.db``."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_DB


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    ``url`` is a file path, ``sqlite:///path`` (``sqlite:///:memory:`` or
    ``:memory:`` for a throwaway store), or ``postgresql://user@host:port/db``
    (needs the ``[postgres]`` extra). ``None`` means ``$SOURCETRACE_DB``, else
    ``./sourcetrace.db``. With ``create=False`` a missing SQLite file is an error
    instead of a new empty store. Raises ``StoreError`` (``SchemaVersionError`` for
    a database written by a newer sourcetrace), ``MissingExtraError`` or
    ``UsageError`` for an unknown scheme.
    """
    url = resolve_url(url)
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        from .postgres import PostgresStore

        return PostgresStore(url)
    if scheme and scheme != "sqlite":
        raise UsageError(f"unknown store URL scheme {scheme!r} "
                         "(expected a path, sqlite:///path or postgresql://...)")
    path = url.partition("://")[2] if scheme else url
    if scheme:
        path = path[1:] if path.startswith("/") else path  # sqlite:///rel, sqlite:////abs
    from .sqlite import SqliteStore

    if not path:
        raise UsageError(f"store URL {url!r} names no file")
    if not create and path != ":memory:" and not os.path.exists(path):
        raise StoreError(url, "no such store (ingest something first, or check --db)")
    return SqliteStore(path, url=url)


__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "ArticleKey",
    "CaptureInfo",
    "CaptureWrite",
    "FailureRecord",
    "LinkState",
    "SearchHit",
    "Statement",
    "Stats",
    "Store",
    "StoredArticle",
    "WriteResult",
    "article_key",
    "open_store",
    "parse_query",
    "resolve_url",
]
