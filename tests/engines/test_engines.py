"""Engines: a real Dask LocalCluster and a real local Ray instance store what ``local`` stores.

Each engine test starts its own 2-CPU cluster (seconds) and loads the spaCy model
once per worker; the killed-worker tests use the deterministic stub extractor of
``tests/store/fakes.py`` wrapped so that the first worker to get articles kills
itself with SIGKILL. The workers import ``tests`` through ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import pytest

from sourcetrace.engines import open_engine
from sourcetrace.errors import MissingExtraError, UsageError
from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.records import Article, Extraction
from sourcetrace.sinks.parquet import ParquetSink, load_parquet
from sourcetrace.store import Store, open_store
from tests.store.conftest import pg_url  # noqa: F401  (the PostgreSQL fixture)
from tests.store.fakes import fictional_articles, stub_extract

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo"
pytestmark = pytest.mark.cluster


def dying_extract(marker: str, articles: list[Article]) -> list[Extraction]:
    """The stub extractor, except that the first worker to get articles dies (SIGKILL)."""
    if articles and not os.path.exists(marker):
        with open(marker, "w", encoding="utf-8") as stream:
            stream.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return stub_extract(articles)


@pytest.fixture(autouse=True)
def importable_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let worker processes (Dask, Ray, the pool) import ``tests`` and this module.

    pytest imports this file as ``engines.test_engines`` (``tests/`` has no
    ``__init__.py``), so ``tests/`` goes on the path too.
    """
    paths = [str(ROOT), str(ROOT / "tests"), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))


def records(store: Store) -> dict[str, dict[str, object]]:
    return {a.id: a.record.to_dict() for a in store.iter_articles()}


@pytest.fixture(scope="module")
def demo_records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """The demo corpus ingested in this process with the real model: the reference."""
    path = tmp_path_factory.mktemp("local") / "local.db"
    with open_store(str(path)) as store:
        report = ingest_corpus(store, [str(DEMO)])
        assert report.failed == 0 and report.new_articles >= 8
        return records(store)


def test_engine_names_and_addresses_are_checked() -> None:
    with pytest.raises(UsageError, match="unknown engine"):
        open_engine("spark")
    with pytest.raises(UsageError, match="--address"):
        open_engine("local", address="tcp://127.0.0.1:8786")


@pytest.mark.parametrize("name,extra", [("dask", "dask"), ("ray", "ray")])
def test_a_missing_extra_is_named(name: str, extra: str,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = "distributed" if name == "dask" else "ray"
    monkeypatch.setitem(sys.modules, blocked, None)  # "not installed"
    monkeypatch.delitem(sys.modules, f"sourcetrace.engines.{name}", raising=False)
    with pytest.raises(MissingExtraError, match=rf"\[{extra}\]"):
        open_engine(name)


@pytest.mark.slow
@pytest.mark.parametrize("sink", ["sqlite", "parquet",
                                  pytest.param("postgres", marks=pytest.mark.postgres)])
@pytest.mark.parametrize("engine", ["dask", "ray"])
def test_an_engine_stores_what_local_stores(
        engine: str, sink: str, tmp_path: Path, request: pytest.FixtureRequest,
        demo_records: dict[str, dict[str, object]]) -> None:
    """The demo corpus on a real 2-CPU cluster, into each sink: the records of a local run."""
    options = {"engine": engine, "workers": 2, "batch_size": 4}
    if sink == "parquet":
        out = tmp_path / "parts"
        report = ingest_corpus(ParquetSink(str(out)), [str(DEMO)], **options)  # type: ignore[arg-type]
        url = str(tmp_path / "loaded.db")
        with open_store(url) as store:
            load_parquet(store, str(out))
    else:
        url = str(tmp_path / "s.db") if sink == "sqlite" else request.getfixturevalue("pg_url")
        with open_store(url) as store:
            report = ingest_corpus(store, [str(DEMO)], **options)  # type: ignore[arg-type]
    assert (report.engine, report.workers, report.failed) == (engine, 2, 0)
    with open_store(url) as store:
        assert records(store) == demo_records


@pytest.fixture()
def stub_corpus(tmp_path: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    """24 fictional articles in one JSONL file, and their stub records ingested here."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": text}) + "\n"
                              for n, text in enumerate(fictional_articles(24))))
    with open_store(str(tmp_path / "reference.db")) as store:
        ingest_corpus(store, [str(corpus)], extractor=stub_extract)
        return corpus, records(store)


@pytest.mark.parametrize("engine", ["dask", "ray"])
def test_a_killed_worker_loses_nothing(
        engine: str, tmp_path: Path,
        stub_corpus: tuple[Path, dict[str, dict[str, object]]]) -> None:
    corpus, expected = stub_corpus
    marker = tmp_path / "killed"
    with open_store(str(tmp_path / f"{engine}.db")) as store:
        report = ingest_corpus(store, [str(corpus)], engine=engine, workers=2, batch_size=6,
                               extractor=partial(dying_extract, str(marker)))
        assert marker.exists()  # a worker really died mid-run
        assert report.failed == 0 and report.new_articles == 24
        assert records(store) == expected
        assert store.stats().captures == 24  # no duplicates


def test_a_killed_local_worker_stops_the_run_and_a_rerun_completes_it(
        tmp_path: Path, stub_corpus: tuple[Path, dict[str, dict[str, object]]]) -> None:
    corpus, expected = stub_corpus
    marker = tmp_path / "killed"
    with open_store(str(tmp_path / "local.db")) as store:
        with pytest.raises(BrokenProcessPool):
            ingest_corpus(store, [str(corpus)], engine="local", workers=2, batch_size=6,
                          extractor=partial(dying_extract, str(marker)))
        assert marker.exists() and len(records(store)) < 24
        report = ingest_corpus(store, [str(corpus)], engine="local", workers=2, batch_size=6,
                               extractor=partial(dying_extract, str(marker)))
        assert report.failed == 0
        assert records(store) == expected
        assert store.stats().captures == 24


def _profiler_enabled() -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled"))


def test_a_local_dask_cluster_runs_without_the_statistical_profiler() -> None:
    with open_engine("dask", workers=1) as engine:
        assert engine.submit(_profiler_enabled).result() is False
