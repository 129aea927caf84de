"""Schema versions and migrations, opening URLs, refusing newer or foreign databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sourcetrace.errors import MissingExtraError, SchemaVersionError, StoreError, UsageError
from sourcetrace.records import Article
from sourcetrace.store import open_store, schema
from sourcetrace.store import relational as relational_module

from .fakes import fictional_text
from .test_store import capture_of


def test_a_new_store_has_every_named_migration(store_url: str) -> None:
    with open_store(store_url) as store:
        applied = store.migrations()  # type: ignore[attr-defined]
        assert [(v, n) for v, n, _ in applied] == [
            (m.version, m.name) for m in schema.MIGRATIONS]
        assert store.schema_version() == schema.LATEST
    with open_store(store_url) as again:  # reopening applies nothing
        assert again.migrations() == applied  # type: ignore[attr-defined]


def test_migrating_an_old_store_keeps_and_indexes_its_rows(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_only = schema.MIGRATIONS[:1]
    with monkeypatch.context() as patch:
        _write_as_version_1(patch)
        patch.setattr(relational_module, "LATEST", 1)
        patch.setattr(relational_module, "pending",
                      lambda current: tuple(m for m in first_only if m.version > current))
        with open_store(store_url) as old:
            assert old.schema_version() == 1
            old.write([capture_of(Article(text=SAID, path="11.txt"))])
    with open_store(store_url) as store:
        assert store.schema_version() == schema.LATEST
        assert store.stats().articles == 1
        assert store.search('"report 11"')[0].kind == "article"  # indexed by the migration
        # keyed by migration 4: the name in Cyrillic (genitive) finds the Latin one
        assert [s.source for s in store.statements("Усова")] == ["Usov"]
        assert store.statements("Usova Street") == []


SAID = fictional_text(11) + " Usov said the camp was full."


def _write_as_version_1(patch: pytest.MonkeyPatch) -> None:
    """Make this code write the attribution columns of schema version 1 (no source_key)."""
    old = tuple(c for c in relational_module.ATTRIBUTION_COLUMNS if c != "source_key")
    new_rows = relational_module.attribution_rows
    patch.setattr(relational_module, "_CHILD_TABLES", (
        ("attributions", old), *relational_module._CHILD_TABLES[1:]))
    patch.setattr(relational_module, "attribution_rows",
                  lambda article_id, record: [r[:len(old)] for r in new_rows(article_id, record)])


def test_a_newer_schema_is_refused_and_left_unchanged_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'from_the_future', 'later')",
                     (schema.LATEST + 1,))
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaVersionError) as caught:
        open_store(str(path))
    assert caught.value.found == schema.LATEST + 1 and caught.value.supported == schema.LATEST
    assert "newer than this sourcetrace supports" in str(caught.value)
    assert "upgrade sourcetrace" in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.postgres
def test_a_newer_schema_is_refused_postgres(pg_url: str) -> None:
    import psycopg

    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s, 'from_the_future', 'later')",
                     (schema.LATEST + 1,))
    with pytest.raises(SchemaVersionError):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        count = conn.execute("SELECT count(*) FROM schema_version").fetchone()
    assert count == (schema.LATEST + 1,)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a sourcetrace database"):
        open_store(str(path))
    assert path.read_bytes() == before
    text = tmp_path / "notes.db"
    text.write_text("just some notes, not a database at all " * 100)
    with pytest.raises(StoreError, match="not a database"):
        open_store(str(text))


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with open_store(str(path)):
        pass
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_store_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as store:
        assert store.url == "sqlite:///rel.db"
    assert (tmp_path / "rel.db").exists()
    with open_store(f"sqlite:///{tmp_path / 'abs.db'}"):
        pass
    assert (tmp_path / "abs.db").exists()
    monkeypatch.setenv("SOURCETRACE_DB", str(tmp_path / "env.db"))
    with open_store():
        pass
    assert (tmp_path / "env.db").exists()
    monkeypatch.delenv("SOURCETRACE_DB")
    with open_store():
        pass
    assert (tmp_path / "sourcetrace.db").exists()
    with pytest.raises(StoreError, match="no such store"):
        open_store(str(tmp_path / "missing.db"), create=False)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(UsageError, match="unknown store URL scheme 'mysql'"):
        open_store("mysql://db.example/x")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "folder.db"))


def test_postgres_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from sourcetrace.store import postgres

    monkeypatch.setattr(postgres, "psycopg", None)
    with pytest.raises(MissingExtraError, match=r"\[postgres\]") as caught:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert caught.value.extra == "postgres"


def test_postgres_urls_are_shown_without_password() -> None:
    from sourcetrace.store.postgres import redact

    assert redact("postgresql://ann:s3cret@db.example:5432/x") == \
        "postgresql://ann:***@db.example:5432/x"
    assert redact("postgresql://ann@db.example/x") == "postgresql://ann@db.example/x"
