"""The store's schema: explicit DDL for SQLite and PostgreSQL, as named migrations.

Each :class:`Migration` has a version (1, 2, ...), a name, and the statements
that bring a database from the previous version to it, once per dialect. The
``schema_version`` table holds one row per migration applied (version, name,
time). Opening a store applies the missing migrations in order, each in its own
transaction; a database whose highest version is above :data:`LATEST` was
written by a newer sourcetrace and is refused untouched.

Rules for changing the schema: never edit a released migration, append a new
one; only add columns, tables and indexes, so older records stay readable.

Tables: ``articles`` (one row per article: identity, metadata, current text and
the capture it came from), ``blobs`` (raw bytes, zlib-compressed, keyed by
SHA-256, stored once however many captures share them), ``captures`` (custody:
article, SHA-256, retrieval time, URL, path, locator, size), ``attributions``,
``sources``, ``assertions`` (the article's current extraction record; spans as
character offsets, nested lists as JSON text), ``failed`` (one row per failed
input). Full-text search: SQLite FTS5 external-content tables kept in step by
triggers; PostgreSQL generated ``tsvector`` columns with GIN indexes. Both use
the language-neutral ``simple``/``unicode61`` tokenisation (no stemming).

Provenance (migration 3, written whole by each link run): ``link_state`` (one
row: run number, time, the corpus signature linked, counts), ``link_articles``
(per article: linking's order, originality, the ``ArticleProvenance`` and ``ArticleGuess`` as
JSON), ``link_stories`` and ``link_claims`` (the records' complete JSON, in
linking's order) with ``link_story_articles`` and ``link_claim_stories`` to
look them up by article or story.

Source keys (migration 4): ``attributions.source_key``, the source name's
transliteration-aware key (:func:`~sourcetrace.store.rows.source_key`), so that
a search for "Usov" finds "Усов" and "Усова".

Kept link features (migration 5): ``link_features`` (per article: the version
of the code that computed them, a digest of the article's text and metadata
they were computed from — the ``basis`` — and the features as compressed JSON),
so that linking in a new process need not read every text again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgres"]


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema step, with its statements per dialect."""

    version: int
    name: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]

    def statements(self, dialect: Dialect) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgres


VERSION_TABLE = {
    "sqlite": """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )""",
    "postgres": """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )""",
}


def _core(pk: str, blob: str, real: str) -> tuple[str, ...]:
    """The core tables; only the key, binary and float types differ between dialects."""
    return (
        f"""CREATE TABLE articles (
            pk {pk},
            id TEXT NOT NULL UNIQUE,
            identity_kind TEXT NOT NULL,
            identity TEXT NOT NULL,
            ext_id TEXT,
            url TEXT,
            path TEXT,
            title TEXT,
            outlet TEXT,
            published TEXT,
            lang TEXT,
            text_sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            capture_sha256 TEXT NOT NULL,
            retrieved_at TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_url ON articles (url)",
        "CREATE INDEX articles_ext_id ON articles (ext_id)",
        f"""CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            compression TEXT NOT NULL,
            data {blob} NOT NULL
        )""",
        f"""CREATE TABLE captures (
            pk {pk},
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL REFERENCES blobs (sha256),
            text_sha256 TEXT NOT NULL,
            retrieved_at TEXT NOT NULL,
            url TEXT,
            path TEXT,
            locator TEXT,
            size INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            UNIQUE (article_id, sha256)
        )""",
        "CREATE INDEX captures_sha256 ON captures (sha256)",
        f"""CREATE TABLE attributions (
            pk {pk},
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            source_name TEXT,
            source_fold TEXT,
            source_type TEXT,
            source_descriptor TEXT,
            source_start INTEGER,
            source_end INTEGER,
            source_text TEXT,
            cue_start INTEGER NOT NULL,
            cue_end INTEGER NOT NULL,
            cue_text TEXT NOT NULL,
            cue_lemma TEXT NOT NULL,
            cue_stance TEXT NOT NULL,
            content TEXT NOT NULL,
            content_text TEXT NOT NULL,
            channel_name TEXT,
            channel_start INTEGER,
            channel_end INTEGER,
            channel_text TEXT,
            parent TEXT,
            confidence {real} NOT NULL,
            UNIQUE (article_id, id)
        )""",
        "CREATE INDEX attributions_source_fold ON attributions (source_fold)",
        """CREATE TABLE sources (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            name TEXT NOT NULL,
            name_fold TEXT NOT NULL,
            type TEXT NOT NULL,
            descriptor TEXT,
            mentions TEXT NOT NULL,
            channels TEXT NOT NULL,
            PRIMARY KEY (article_id, ord)
        )""",
        "CREATE INDEX sources_name_fold ON sources (name_fold)",
        """CREATE TABLE assertions (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            hedge_start INTEGER,
            hedge_end INTEGER,
            hedge_text TEXT,
            PRIMARY KEY (article_id, ord)
        )""",
        """CREATE TABLE failed (
            input TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            failed_at TEXT NOT NULL
        )""",
    )


_SQLITE_FTS: tuple[str, ...] = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    """CREATE VIRTUAL TABLE attributions_fts USING fts5(
        content_text, content='attributions', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
        INSERT INTO attributions_fts (rowid, content_text) VALUES (new.pk, new.content_text);
    END""",
    """CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
        INSERT INTO attributions_fts (attributions_fts, rowid, content_text)
        VALUES ('delete', old.pk, old.content_text);
    END""",
    """CREATE TRIGGER attributions_fts_update AFTER UPDATE OF content_text ON attributions BEGIN
        INSERT INTO attributions_fts (attributions_fts, rowid, content_text)
        VALUES ('delete', old.pk, old.content_text);
        INSERT INTO attributions_fts (rowid, content_text) VALUES (new.pk, new.content_text);
    END""",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
    "INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild')",
)

# to_tsvector refuses documents whose vector passes 1 MB; the first 500,000
# characters of an article are indexed (positions past 16,383 words are clamped).
PG_INDEXED_CHARS = 500_000
_POSTGRES_FTS: tuple[str, ...] = (
    f"""ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || to_tsvector('simple'::regconfig, left(text, {PG_INDEXED_CHARS}))
    ) STORED""",
    "CREATE INDEX articles_search ON articles USING GIN (search)",
    f"""ALTER TABLE attributions ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, left(content_text, {PG_INDEXED_CHARS}))
    ) STORED""",
    "CREATE INDEX attributions_search ON attributions USING GIN (search)",
)

def _provenance(real: str) -> tuple[str, ...]:
    """The linking results; JSON is kept as text in both dialects."""
    return (
        f"""CREATE TABLE link_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            run INTEGER NOT NULL,
            linked_at TEXT NOT NULL,
            signature TEXT NOT NULL,
            articles INTEGER NOT NULL,
            stories INTEGER NOT NULL,
            claims INTEGER NOT NULL,
            seconds {real} NOT NULL
        )""",
        """CREATE TABLE link_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            originality TEXT NOT NULL,
            provenance TEXT NOT NULL,
            guess TEXT NOT NULL
        )""",
        """CREATE TABLE link_stories (
            ord INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX link_stories_id ON link_stories (id)",
        """CREATE TABLE link_story_articles (
            story_ord INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (story_ord, article_id)
        )""",
        "CREATE INDEX link_story_articles_article ON link_story_articles (article_id)",
        """CREATE TABLE link_claims (
            ord INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX link_claims_id ON link_claims (id)",
        """CREATE TABLE link_claim_stories (
            claim_ord INTEGER NOT NULL,
            story_id TEXT NOT NULL,
            PRIMARY KEY (story_id, claim_ord)
        )""",
    )


_SOURCE_KEYS: tuple[str, ...] = ("ALTER TABLE attributions ADD COLUMN source_key TEXT",)


def _link_features(blob: str) -> tuple[str, ...]:
    """Kept text features for linking (see :mod:`sourcetrace.linking.features`)."""
    return (
        f"""CREATE TABLE link_features (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            basis TEXT NOT NULL,
            data {blob} NOT NULL
        )""",
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "core_tables",
        sqlite=_core("INTEGER PRIMARY KEY", "BLOB", "REAL"),
        postgres=_core("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA",
                       "DOUBLE PRECISION"),
    ),
    Migration(2, "full_text_search", sqlite=_SQLITE_FTS, postgres=_POSTGRES_FTS),
    Migration(3, "provenance", sqlite=_provenance("REAL"),
              postgres=_provenance("DOUBLE PRECISION")),
    # filled for older rows on open (SqlStore._fill_source_keys): a key needs Python
    Migration(4, "source_keys", sqlite=_SOURCE_KEYS, postgres=_SOURCE_KEYS),
    Migration(5, "link_features", sqlite=_link_features("BLOB"),
              postgres=_link_features("BYTEA")),
)
LATEST: int = MIGRATIONS[-1].version


def pending(current: int) -> tuple[Migration, ...]:
    """The migrations to apply to a database at version ``current``, in order."""
    return tuple(m for m in MIGRATIONS if m.version > current)
