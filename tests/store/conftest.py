"""Store fixtures: every store test runs on SQLite and, when a server is given, PostgreSQL.

PostgreSQL runs need ``SOURCETRACE_TEST_PG`` (a ``postgresql://`` URL, e.g. from
``eval "$(bash scripts/postgres.sh start)"``); without it they are skipped. Each
test gets its own PostgreSQL schema (dropped afterwards) and its own SQLite file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sourcetrace.store import Store, open_store

PG_ENV = "SOURCETRACE_TEST_PG"


def with_schema(base: str, schema: str) -> str:
    """``base`` with a libpq option that puts new tables into ``schema``."""
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema; skipped without ``$SOURCETRACE_TEST_PG``."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need ${PG_ENV} (see scripts/postgres.sh)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture()
def memory_store() -> Iterator[Store]:
    """An in-memory SQLite store, for tests that need no second connection."""
    with open_store(":memory:") as opened:
        yield opened
