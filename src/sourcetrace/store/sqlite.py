"""The SQLite store: one file (WAL mode), FTS5 full-text search. The default backend.

Opened with :func:`sourcetrace.store.open_store` (a path, ``sqlite:///path`` or
``:memory:``). The connection runs in autocommit mode with explicit
``BEGIN IMMEDIATE`` … ``COMMIT`` around each write batch, WAL journaling and
``synchronous=NORMAL`` (committed batches survive a killed process; a power cut
may lose the last ones, never corrupt the file), foreign keys on, and a 30 s
busy timeout so readers and one writer can share the file.

Search uses the FTS5 tables of :mod:`sourcetrace.store.schema` with BM25 ranking
(titles weigh 5× text) and ``snippet()`` for highlighted excerpts. Limits: one
writer at a time; the file must be on a local disk (WAL needs shared memory).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from .base import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, split_highlights
from .relational import SqlStore
from .rows import Row

SNIPPET_TOKENS = 24


def fts_match(phrases: tuple[tuple[str, ...], ...]) -> str:
    """An FTS5 MATCH expression: every phrase double-quoted (so literal), all required."""
    return " ".join('"' + " ".join(words).replace('"', '""') + '"' for words in phrases)


class SqliteStore(SqlStore):
    """A store in one SQLite file (or in memory)."""

    dialect = "sqlite"

    def __init__(self, path: str, *, url: str | None = None) -> None:
        super().__init__(url or path)
        self.path = path
        memory = path == ":memory:"
        if not memory:
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                raise StoreError(self.url, f"folder {folder} does not exist")
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=30.0,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(self.url, f"cannot open ({exc})") from None
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._check_version()  # before WAL: a refused database is left byte-for-byte
            if not memory:
                mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(self.url, f"cannot switch to WAL mode (got {mode})")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(self.url, f"not a usable SQLite database ({exc})") from None
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    # -- primitives ----------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(self.url, str(exc)) from exc

    def _run_many(self, sql: str, rows: Sequence[Row]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(self.url, str(exc)) from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(self.url, str(exc)) from exc

    @contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[None]:
        if self._conn.in_transaction:  # nested: part of the outer transaction
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _table_names(self) -> set[str]:
        return {str(r[0]) for r in self._rows(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'")}

    def _lock_schema(self) -> None:
        """``BEGIN IMMEDIATE`` already holds the write lock."""

    # -- search --------------------------------------------------------------

    def _search_articles(self, phrases: tuple[tuple[str, ...], ...],
                         limit: int) -> list[SearchHit]:
        rows = self._rows(
            "SELECT a.id, a.title, a.url, "
            f"snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) "
            "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0), a.id LIMIT ?",
            (HIGHLIGHT_START, HIGHLIGHT_END, fts_match(phrases), limit),
        )
        hits = []
        for article_id, title, url, marked in rows:
            snippet, spans = split_highlights(marked or "")
            hits.append(SearchHit("article", article_id, title, url, snippet, spans))
        return hits

    def _search_attributions(self, phrases: tuple[tuple[str, ...], ...],
                             limit: int) -> list[SearchHit]:
        rows = self._rows(
            "SELECT t.article_id, a.title, a.url, t.id, t.source_name, "
            f"snippet(attributions_fts, 0, ?, ?, '…', {SNIPPET_TOKENS}) "
            "FROM attributions_fts JOIN attributions t ON t.pk = attributions_fts.rowid "
            "JOIN articles a ON a.id = t.article_id "
            "WHERE attributions_fts MATCH ? ORDER BY bm25(attributions_fts), t.article_id, t.ord "
            "LIMIT ?",
            (HIGHLIGHT_START, HIGHLIGHT_END, fts_match(phrases), limit),
        )
        hits = []
        for article_id, title, url, attribution_id, source, marked in rows:
            snippet, spans = split_highlights(marked or "")
            hits.append(SearchHit("attribution", article_id, title, url, snippet, spans,
                                  attribution_id=attribution_id, source=source))
        return hits
