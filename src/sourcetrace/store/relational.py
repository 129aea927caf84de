"""The SQL shared by the SQLite and PostgreSQL stores: migrations, writes, reads.

:class:`SqlStore` implements :class:`~sourcetrace.store.base.Store` over four
primitives a backend provides (run, run many, fetch rows, transaction) plus its
own full-text search. Statements use ``?`` placeholders; the PostgreSQL backend
rewrites them. Everything here is portable SQL (``ON CONFLICT``, ``RETURNING``,
``LIKE ... ESCAPE``) that SQLite ≥ 3.35 and PostgreSQL ≥ 12 both run.

Writes (:meth:`SqlStore.write`) happen in one transaction per batch, so a batch
is stored whole or not at all: a process killed at any moment leaves only whole
batches behind, and each article's rows (article, capture, blob, attributions,
sources, assertions, full-text entries) go in together.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from ..errors import InputError, NotFoundError, SchemaVersionError, StoreError
from ..ingest.fetch import normalize_url, utc_now
from ..linking import ArticleGuess, ArticleProvenance, ClaimCluster, Provenance, Story
from ..records import Extraction
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
    parse_query,
)
from .rows import (
    ARTICLE_META_COLUMNS,
    ASSERTION_COLUMNS,
    ATTRIBUTION_COLUMNS,
    SOURCE_COLUMNS,
    Row,
    assertion_rows,
    attribution_rows,
    fold,
    record_from_rows,
    source_key,
    source_rows,
)
from .schema import LATEST, VERSION_TABLE, Dialect, pending

COMPRESSION = "zlib"
_CHILD_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attributions", ATTRIBUTION_COLUMNS),
    ("sources", SOURCE_COLUMNS),
    ("assertions", ASSERTION_COLUMNS),
)
_STATEMENT_SELECT = """
    SELECT a.id, a.title, a.url, a.outlet, a.published, t.id, t.kind, t.source_name,
           t.source_type, t.cue_text, t.cue_stance, t.content_text, t.channel_name, t.parent,
           t.confidence
    FROM attributions t JOIN articles a ON a.id = t.article_id
"""
_CAPTURE_SELECT = "SELECT sha256, retrieved_at, url, path, size, locator FROM captures"
# children first, so a failed delete leaves nothing dangling
_LINK_TABLES = ("link_claim_stories", "link_claims", "link_story_articles", "link_stories",
                "link_articles", "link_state")
_LINK_STATE_COLUMNS = ("run", "linked_at", "signature", "articles", "stories", "claims",
                       "seconds")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _guess(provenance: Provenance, article_id: str) -> ArticleGuess:
    """What linking read of an article's text (an empty guess when it kept none)."""
    found = provenance.guesses.get(article_id)
    return found or ArticleGuess(article_id, "", "", None, provenance.dates.get(article_id))


def _statement(row: Sequence[Any]) -> Statement:
    (article_id, title, url, outlet, published, attribution_id, kind, source, source_type,
     cue, stance, content, channel, parent, confidence) = row
    return Statement(article_id, title, url, outlet, published, attribution_id, kind, source,
                     source_type, cue, stance, content, channel, parent, float(confidence))


def _insert(table: str, columns: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def like_pattern(text: str) -> str:
    """A ``LIKE ... ESCAPE '!'`` pattern matching ``text`` anywhere, metacharacters literal."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


class SqlStore(Store):
    """A store over a DB-API-like connection; subclasses give the primitives and search."""

    dialect: Dialect

    def __init__(self, url: str) -> None:
        self.url = url

    # -- primitives ----------------------------------------------------------

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _run_many(self, sql: str, rows: Sequence[Row]) -> None: ...

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self, *, write: bool = True) -> AbstractContextManager[None]:
        """A transaction: committed on exit, rolled back on an exception."""

    @abstractmethod
    def _table_names(self) -> set[str]: ...

    @abstractmethod
    def _lock_schema(self) -> None:
        """Inside a write transaction: keep other processes from migrating at once."""

    @abstractmethod
    def _search_articles(self, phrases: tuple[tuple[str, ...], ...],
                         limit: int) -> list[SearchHit]: ...

    @abstractmethod
    def _search_attributions(self, phrases: tuple[tuple[str, ...], ...],
                             limit: int) -> list[SearchHit]: ...

    # -- schema --------------------------------------------------------------

    def _check_version(self) -> None:
        """Refuse a foreign database or one written by a newer sourcetrace, reading only."""
        tables = self._table_names()
        if "schema_version" in tables:
            current = self.schema_version()
            if current > LATEST:
                raise SchemaVersionError(self.url, current, LATEST)
        elif tables:
            raise StoreError(self.url, "not a sourcetrace database (it has tables but no "
                                       "schema_version table); not changed")

    def _migrate(self) -> None:
        """Bring the schema to :data:`LATEST`, or refuse a newer or foreign database."""
        with self._transaction():
            self._lock_schema()
            tables = self._table_names()
            if "schema_version" not in tables:
                if tables:
                    raise StoreError(self.url, "not a sourcetrace database (it has tables "
                                               "but no schema_version table); not changed")
                self._run(VERSION_TABLE[self.dialect])
            current = self.schema_version()
            if current > LATEST:
                raise SchemaVersionError(self.url, current, LATEST)
        for migration in pending(current):
            with self._transaction():
                self._lock_schema()
                if self.schema_version() >= migration.version:
                    continue  # another process applied it meanwhile
                for statement in migration.statements(self.dialect):
                    self._run(statement)
                if migration.name == "source_keys":
                    self._fill_source_keys()
                self._run("INSERT INTO schema_version (version, name, applied_at) "
                          "VALUES (?, ?, ?)", (migration.version, migration.name, utc_now()))

    def _fill_source_keys(self) -> None:
        """Inside migration 4's transaction: key the sources of the rows already stored."""
        rows = self._rows("SELECT article_id, ord, source_name FROM attributions "
                          "WHERE source_name IS NOT NULL")
        if rows:
            self._run_many("UPDATE attributions SET source_key = ? "
                           "WHERE article_id = ? AND ord = ?",
                           [(source_key(name), article_id, ord_)
                            for article_id, ord_, name in rows])

    def schema_version(self) -> int:
        rows = self._rows("SELECT max(version) FROM schema_version")
        return int(rows[0][0] or 0) if rows else 0

    def migrations(self) -> list[tuple[int, str, str]]:
        """The migrations applied: ``(version, name, applied_at)`` in order."""
        return [(int(v), str(n), str(t)) for v, n, t in self._rows(
            "SELECT version, name, applied_at FROM schema_version ORDER BY version")]

    # -- writing -------------------------------------------------------------

    def has_capture(self, article_id: str, sha256: str) -> bool:
        return bool(self._rows("SELECT 1 FROM captures WHERE article_id = ? AND sha256 = ?",
                               (article_id, sha256)))

    def text_sha256(self, article_id: str) -> str | None:
        rows = self._rows("SELECT text_sha256 FROM articles WHERE id = ?", (article_id,))
        return str(rows[0][0]) if rows else None

    def write(self, items: Sequence[CaptureWrite | InputError]) -> WriteResult:
        counts = {"new": 0, "updated": 0, "captured": 0, "unchanged": 0, "failed": 0}
        now = utc_now()
        with self._transaction():
            for item in items:
                if isinstance(item, InputError):
                    self._run(
                        "INSERT INTO failed (input, reason, failed_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (input) DO UPDATE SET reason = excluded.reason",
                        (item.where, item.reason, now),
                    )
                    counts["failed"] += 1
                else:
                    counts[self._write_capture(item, now)] += 1
        return WriteResult(new_articles=counts["new"], updated_articles=counts["updated"],
                           new_captures=counts["new"] + counts["updated"] + counts["captured"],
                           unchanged=counts["unchanged"], failed=counts["failed"])

    def _write_capture(self, item: CaptureWrite, now: str) -> str:
        key, capture, record = item.key, item.capture, item.record
        if self.has_capture(key.id, capture.sha256):
            return "unchanged"
        self._run(
            "INSERT INTO blobs (sha256, size, compression, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sha256) DO NOTHING",
            (capture.sha256, capture.size, COMPRESSION, zlib.compress(capture.raw, 6)),
        )
        current = self._rows("SELECT text_sha256, retrieved_at FROM articles WHERE id = ?",
                             (key.id,))
        doc = record.doc if record is not None else None
        text_sha = doc.sha256 if doc is not None else (str(current[0][0]) if current else None)
        if text_sha is None:
            raise StoreError(self.url, f"capture of new article {key.id} came without a record")
        status = "captured"
        if not current:
            assert record is not None
            self._insert_article(item, record, now)
            status = "new"
        elif capture.retrieved_at >= str(current[0][1]):
            if record is not None and record.doc.sha256 != current[0][0]:
                self._replace_record(key.id, record)
                status = "updated"
            elif text_sha != current[0][0]:
                raise StoreError(self.url, f"newer capture of {key.id} has new text but no "
                                           "record (the writer was given stale state)")
            self._update_article(item, now)
        self._run(_insert("captures", (
            "article_id", "sha256", "text_sha256", "retrieved_at", "url", "path", "locator",
            "size", "ingested_at")), (
            key.id, capture.sha256, text_sha, capture.retrieved_at, capture.url, capture.path,
            capture.locator, capture.size, now))
        self._run("DELETE FROM failed WHERE input = ?", (item.where,))
        return status

    def _insert_article(self, item: CaptureWrite, record: Extraction, now: str) -> None:
        d = record.doc
        self._run(_insert("articles", (
            "id", "identity_kind", "identity", "ext_id", "url", "path", "title", "outlet",
            "published", "lang", "text_sha256", "text", "capture_sha256", "retrieved_at",
            "first_seen", "updated_at")), (
            item.key.id, item.key.kind, item.key.value, item.key.ext_id, d.url, d.path,
            d.title, d.outlet, d.published, d.lang, d.sha256, record.text,
            item.capture.sha256, item.capture.retrieved_at, now, now))
        self._insert_children(item.key.id, record)

    def _insert_children(self, article_id: str, record: Extraction) -> None:
        for (table, columns), rows in zip(_CHILD_TABLES, (
            attribution_rows(article_id, record), source_rows(article_id, record),
            assertion_rows(article_id, record),
        ), strict=True):
            if rows:
                self._run_many(_insert(table, columns), rows)

    def _replace_record(self, article_id: str, record: Extraction) -> None:
        for table, _ in _CHILD_TABLES:
            self._run(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._run("UPDATE articles SET text = ?, text_sha256 = ? WHERE id = ?",
                  (record.text, record.doc.sha256, article_id))
        self._insert_children(article_id, record)

    def _update_article(self, item: CaptureWrite, now: str) -> None:
        """Point the article at its newest capture and that capture's metadata."""
        d = item.doc
        self._run(
            "UPDATE articles SET ext_id = ?, url = ?, path = ?, title = ?, outlet = ?, "
            "published = ?, lang = ?, capture_sha256 = ?, retrieved_at = ?, updated_at = ? "
            "WHERE id = ?",
            (item.key.ext_id, d.url, d.path, d.title, d.outlet, d.published, d.lang,
             item.capture.sha256, item.capture.retrieved_at, now, item.key.id),
        )

    # -- reading -------------------------------------------------------------

    def stats(self) -> Stats:
        with self._transaction(write=False):
            counts = [int(self._rows(f"SELECT count(*) FROM {table}")[0][0]) for table in (
                "articles", "attributions", "sources", "assertions", "failed", "captures")]
        return Stats(*counts)

    def article_ids(self, *, stored_order: bool = False) -> list[str]:
        order = "pk" if stored_order else "id"
        return [str(r[0]) for r in self._rows(f"SELECT id FROM articles ORDER BY {order}")]

    def _resolve(self, ref: str) -> str:
        """The article id ``ref`` names: an id, a JSONL id or a URL."""
        for sql, value in (
            ("SELECT id FROM articles WHERE id = ?", ref),
            ("SELECT id FROM articles WHERE ext_id = ? ORDER BY id", ref),
            ("SELECT id FROM articles WHERE identity_kind = 'url' AND identity = ? ORDER BY id",
             normalize_url(ref) if "://" in ref else None),
            ("SELECT id FROM articles WHERE url = ? ORDER BY id", ref),
        ):
            if value is None:
                continue
            ids = [str(r[0]) for r in self._rows(sql, (value,))]
            if len(ids) == 1:
                return ids[0]
            if ids:
                raise StoreError(self.url, f"{ref!r} names {len(ids)} articles "
                                           f"({', '.join(ids[:5])}); use an article id")
        raise NotFoundError(self.url, ref, "article")

    def article(self, ref: str) -> StoredArticle:
        with self._transaction(write=False):
            article_id = self._resolve(ref)
            row = self._rows(f"SELECT {', '.join(ARTICLE_META_COLUMNS)}, identity_kind, "
                             "identity, ext_id FROM articles WHERE id = ?", (article_id,))[0]
            meta, (kind, value, ext_id) = row[:-3], row[-3:]
            children = [
                self._rows(f"SELECT {', '.join(columns)} FROM {table} WHERE article_id = ? "
                           "ORDER BY ord", (article_id,))
                for table, columns in _CHILD_TABLES
            ]
            captures = self._rows(f"{_CAPTURE_SELECT} WHERE article_id = ? "
                                  "ORDER BY retrieved_at, pk", (article_id,))
        record = record_from_rows(meta, children[0], children[1], children[2])
        return StoredArticle(record, tuple(self._capture_info(r) for r in captures),
                             ArticleKey(article_id, kind, value, ext_id))

    def delete(self, ref: str) -> str:
        with self._transaction():
            article_id = self._resolve(ref)
            blobs = [str(r[0]) for r in self._rows(
                "SELECT DISTINCT sha256 FROM captures WHERE article_id = ?", (article_id,))]
            # captures, records and the article's linking row go with it (ON DELETE CASCADE)
            self._run("DELETE FROM articles WHERE id = ?", (article_id,))
            for sha in blobs:
                self._run("DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS "
                          "(SELECT 1 FROM captures WHERE captures.sha256 = blobs.sha256)",
                          (sha,))
        return article_id

    @staticmethod
    def _capture_info(row: Sequence[Any]) -> CaptureInfo:
        sha, retrieved_at, url, path, size, locator = row
        return CaptureInfo(sha256=sha, retrieved_at=retrieved_at, url=url, path=path,
                           size=int(size), locator=locator)

    def raw(self, ref: str) -> tuple[CaptureInfo, bytes]:
        with self._transaction(write=False):
            rows: list[tuple[Any, ...]] = []
            if len(ref) == 64 and all(c in "0123456789abcdef" for c in ref.lower()):
                rows = self._rows(f"{_CAPTURE_SELECT} WHERE sha256 = ? ORDER BY pk",
                                  (ref.lower(),))
            if not rows:
                article_id = self._resolve(ref)
                rows = self._rows(f"{_CAPTURE_SELECT} WHERE article_id = ? "
                                  "ORDER BY retrieved_at DESC, pk DESC", (article_id,))
            if not rows:
                raise NotFoundError(self.url, ref, "capture")
            info = self._capture_info(rows[0])
            blob = self._rows("SELECT compression, data FROM blobs WHERE sha256 = ?",
                              (info.sha256,))
        if not blob or blob[0][0] != COMPRESSION:
            raise StoreError(self.url, f"raw bytes of capture {info.sha256} are missing")
        try:
            data = zlib.decompress(bytes(blob[0][1]))
        except zlib.error as exc:
            raise StoreError(self.url, f"raw bytes of capture {info.sha256} are corrupt "
                                       f"({exc})") from None
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise StoreError(self.url, f"raw bytes of capture {info.sha256} do not match "
                                       "their SHA-256 (the store was altered)")
        return info, data

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        phrases = parse_query(query)
        with self._transaction(write=False):
            return (self._search_articles(phrases, limit)
                    + self._search_attributions(phrases, limit))

    def statements(self, name: str | None = None, *, sourced_only: bool = True,
                   limit: int | None = None) -> list[Statement]:
        where: list[str] = []
        params: list[Any] = []
        if sourced_only or name:
            where.append("t.source_name IS NOT NULL")
        if name:
            # the name as written, or its key in any script ("Usov" finds "Усова")
            where.append("(t.source_fold LIKE ? ESCAPE '!' OR t.source_key LIKE ? ESCAPE '!')")
            params += [like_pattern(fold(name)), like_pattern(source_key(name))]
        sql = _STATEMENT_SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " ORDER BY t.source_fold, a.published, a.id, t.ord"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_statement(row) for row in self._rows(sql, params)]

    def iter_statements(self, *, batch: int = 1000) -> Iterator[Statement]:
        """Every attribution (sourced or not) in article order, read ``batch`` articles at once."""
        ids = self.article_ids()
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            marks = ", ".join("?" for _ in chunk)
            sql = (_STATEMENT_SELECT + f" WHERE a.id IN ({marks}) ORDER BY a.id, t.ord")
            for row in self._rows(sql, chunk):
                yield _statement(row)

    def failures(self) -> list[FailureRecord]:
        return [FailureRecord(str(w), str(r), str(t)) for w, r, t in self._rows(
            "SELECT input, reason, failed_at FROM failed ORDER BY input")]

    # -- provenance ----------------------------------------------------------

    def corpus_signature(self) -> str:
        rows = self._rows("SELECT id, text_sha256, url, title, outlet, published, lang "
                          "FROM articles")
        digest = hashlib.sha256()
        for row in sorted(tuple("" if v is None else str(v) for v in r) for r in rows):
            digest.update(_json(row).encode("utf-8") + b"\n")
        return digest.hexdigest()

    def save_provenance(self, provenance: Provenance, *, signature: str,
                        seconds: float = 0.0) -> LinkState:
        articles = [(a.id, n, a.originality, _json(a.to_dict(complete=True)),
                     _json(_guess(provenance, a.id).to_dict()))
                    for n, a in enumerate(provenance.articles.values())]
        stories = [(n, s.id, _json(s.to_dict())) for n, s in enumerate(provenance.stories)]
        members = [(n, a) for n, s in enumerate(provenance.stories)
                   for a in dict.fromkeys(s.articles)]
        claims = [(n, c.id, _json(c.to_dict(complete=True)))
                  for n, c in enumerate(provenance.claims)]
        claim_stories = [(n, s) for n, c in enumerate(provenance.claims)
                         for s in dict.fromkeys(c.stories)]
        with self._transaction():
            previous = self.link_state()
            state = LinkState(run=(previous.run + 1) if previous else 1, linked_at=utc_now(),
                              signature=signature, articles=len(articles), stories=len(stories),
                              claims=len(claims), seconds=float(seconds))
            for table in _LINK_TABLES:
                self._run(f"DELETE FROM {table}")
            for table, columns, rows in (
                ("link_articles", ("article_id", "ord", "originality", "provenance", "guess"),
                 articles),
                ("link_stories", ("ord", "id", "data"), stories),
                ("link_story_articles", ("story_ord", "article_id"), members),
                ("link_claims", ("ord", "id", "data"), claims),
                ("link_claim_stories", ("claim_ord", "story_id"), claim_stories),
            ):
                if rows:
                    self._run_many(_insert(table, columns), rows)
            self._run(_insert("link_state", ("id", *_LINK_STATE_COLUMNS)),
                      (1, *(getattr(state, c) for c in _LINK_STATE_COLUMNS)))
        return state

    _BASIS = "text_sha256, url, title, outlet, published, lang"

    @staticmethod
    def _basis(row: Sequence[Any]) -> str:
        """A digest of an article's text hash and metadata: what its link features read."""
        return hashlib.sha256(_json(["" if v is None else str(v) for v in row])
                              .encode("utf-8")).hexdigest()

    def link_features(self, version: str) -> dict[str, bytes]:
        rows = self._rows(
            "SELECT f.article_id, f.basis, f.data, "
            + ", ".join(f"a.{c.strip()}" for c in self._BASIS.split(","))
            + " FROM link_features f JOIN articles a ON a.id = f.article_id "
            "WHERE f.version = ?", (version,))
        return {str(r[0]): bytes(r[2]) for r in rows if r[1] == self._basis(r[3:])}

    def save_link_features(self, version: str, features: Mapping[str, bytes]) -> None:
        with self._transaction():
            self._run("DELETE FROM link_features WHERE version <> ?", (version,))
            if not features:
                return
            basis = {str(r[0]): self._basis(r[1:])
                     for r in self._rows(f"SELECT id, {self._BASIS} FROM articles")}
            rows = [(a, version, basis[a], data) for a, data in features.items() if a in basis]
            if rows:
                self._run_many(
                    "INSERT INTO link_features (article_id, version, basis, data) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                    "version = excluded.version, basis = excluded.basis, data = excluded.data",
                    rows)

    def link_state(self) -> LinkState | None:
        rows = self._rows(f"SELECT {', '.join(_LINK_STATE_COLUMNS)} FROM link_state")
        if not rows:
            return None
        run, linked_at, signature, articles, stories, claims, seconds = rows[0]
        return LinkState(int(run), str(linked_at), str(signature), int(articles), int(stories),
                         int(claims), float(seconds))

    def provenance(self) -> Provenance | None:
        with self._transaction(write=False):
            if self.link_state() is None:
                return None
            articles = self._rows("SELECT provenance, guess FROM link_articles ORDER BY ord")
            stories = self.stories()
            claims = self.claims()
        return Provenance.restore(
            [ArticleProvenance.from_dict(json.loads(p)) for p, _ in articles], stories, claims,
            [ArticleGuess.from_dict(json.loads(g)) for _, g in articles])

    def article_provenance(self, article_id: str) -> ArticleProvenance | None:
        rows = self._rows("SELECT provenance FROM link_articles WHERE article_id = ?",
                          (article_id,))
        return ArticleProvenance.from_dict(json.loads(rows[0][0])) if rows else None

    def stories(self) -> list[Story]:
        return [Story.from_dict(json.loads(d))
                for (d,) in self._rows("SELECT data FROM link_stories ORDER BY ord")]

    def claims(self, story: str | None = None) -> list[ClaimCluster]:
        if story is None:
            rows = self._rows("SELECT data FROM link_claims ORDER BY ord")
        else:
            rows = self._rows("SELECT c.data FROM link_claims c JOIN link_claim_stories s "
                              "ON s.claim_ord = c.ord WHERE s.story_id = ? ORDER BY c.ord",
                              (story,))
        return [ClaimCluster.from_dict(json.loads(d)) for (d,) in rows]
