"""The PostgreSQL store: the same schema and behaviour as SQLite, for shared or large corpora.

Needs the ``[postgres]`` extra (psycopg 3). Opened with a ``postgresql://`` URL;
tables go into the connection's current schema (choose another with
``?options=-csearch_path%3Dname``). The connection is in autocommit mode with
explicit transactions: READ COMMITTED for write batches, REPEATABLE READ (read
only) for multi-statement reads, so a reader sees one consistent snapshot.
Migrations take a transaction-level advisory lock, so two processes opening a
fresh database at once do not both create the tables. Write batches take another
one: many writers (several ingest runs, on one machine or many) commit one batch
at a time, each seeing what the others committed, so the same capture written by
two runs is stored once (the second finds it and skips it).

Search uses generated ``tsvector`` columns with GIN indexes and the ``simple``
configuration (no stemming, any language): ``websearch_to_tsquery`` of the
quoted phrases from :func:`~sourcetrace.store.base.parse_query`, ranked by
``ts_rank`` (title words weigh more), excerpts by ``ts_headline``. Limits: only
the first 500,000 characters of an article are indexed; ``simple`` does not fold
diacritics as SQLite's FTS5 does, so "cafe" does not find "café" here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import InputError, MissingExtraError, StoreError
from .base import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    CaptureWrite,
    SearchHit,
    WriteResult,
    split_highlights,
)
from .relational import SqlStore
from .rows import Row

try:
    import psycopg
    from psycopg import IsolationLevel
    from psycopg.pq import TransactionStatus
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]

_SCHEMA_LOCK = 0x5EC7_0001  # advisory lock id held while migrating
_WRITE_LOCK = 0x5EC7_0002  # advisory lock id held by each write batch
HEADLINE_OPTIONS = (f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=35, "
                    "MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"")


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def websearch(phrases: tuple[tuple[str, ...], ...]) -> str:
    """The phrases as ``websearch_to_tsquery`` input: each quoted, so each word is literal."""
    return " ".join('"' + " ".join(words) + '"' for words in phrases)


def _pg(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        super().__init__(redact(url))
        if psycopg is None:
            raise MissingExtraError("postgres", "a PostgreSQL store")
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(self.url, f"cannot connect ({str(exc).strip()})") from None
        try:
            self._check_version()
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    # -- primitives ----------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._conn.execute(_pg(sql), tuple(params))
        except psycopg.Error as exc:
            raise StoreError(self.url, str(exc).strip()) from exc

    def _run_many(self, sql: str, rows: Sequence[Row]) -> None:
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(_pg(sql), rows)
        except psycopg.Error as exc:
            raise StoreError(self.url, str(exc).strip()) from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(_pg(sql), tuple(params)).fetchall()
        except psycopg.Error as exc:
            raise StoreError(self.url, str(exc).strip()) from exc

    @contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[None]:
        if self._conn.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        self._conn.isolation_level = (IsolationLevel.READ_COMMITTED if write
                                      else IsolationLevel.REPEATABLE_READ)
        self._conn.read_only = not write
        try:
            with self._conn.transaction():
                yield
        except psycopg.Error as exc:
            raise StoreError(self.url, str(exc).strip()) from exc

    def write(self, items: Sequence[CaptureWrite | InputError]) -> WriteResult:
        """See :meth:`Store.write`; serialised with other writers (see the module notes)."""
        with self._transaction():
            self._run("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
            return super().write(items)

    def _table_names(self) -> set[str]:
        return {str(r[0]) for r in self._rows(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")}

    def _lock_schema(self) -> None:
        self._run("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))

    # -- search --------------------------------------------------------------

    def _search_articles(self, phrases: tuple[tuple[str, ...], ...],
                         limit: int) -> list[SearchHit]:
        rows = self._rows(
            "WITH q AS (SELECT websearch_to_tsquery('simple'::regconfig, ?) AS q), "
            "hits AS (SELECT a.id, a.title, a.url, a.text, ts_rank(a.search, q.q) AS rank "
            "FROM articles a, q WHERE a.search @@ q.q ORDER BY rank DESC, a.id LIMIT ?) "
            "SELECT hits.id, hits.title, hits.url, "
            "ts_headline('simple'::regconfig, hits.text, q.q, ?) "
            "FROM hits, q ORDER BY hits.rank DESC, hits.id",
            (websearch(phrases), limit, HEADLINE_OPTIONS),
        )
        hits = []
        for article_id, title, url, marked in rows:
            snippet, spans = split_highlights(" ".join((marked or "").split()))
            hits.append(SearchHit("article", article_id, title, url, snippet, spans))
        return hits

    def _search_attributions(self, phrases: tuple[tuple[str, ...], ...],
                             limit: int) -> list[SearchHit]:
        rows = self._rows(
            "WITH q AS (SELECT websearch_to_tsquery('simple'::regconfig, ?) AS q) "
            "SELECT t.article_id, a.title, a.url, t.id, t.source_name, "
            "ts_headline('simple'::regconfig, t.content_text, q.q, ?) "
            "FROM attributions t JOIN articles a ON a.id = t.article_id, q "
            "WHERE t.search @@ q.q "
            "ORDER BY ts_rank(t.search, q.q) DESC, t.article_id, t.ord LIMIT ?",
            (websearch(phrases), HEADLINE_OPTIONS, limit),
        )
        hits = []
        for article_id, title, url, attribution_id, source, marked in rows:
            snippet, spans = split_highlights(" ".join((marked or "").split()))
            hits.append(SearchHit("attribution", article_id, title, url, snippet, spans,
                                  attribution_id=attribution_id, source=source))
        return hits
