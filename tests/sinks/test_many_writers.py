"""Many writers into one PostgreSQL store: concurrent runs over the same shards store each once."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from sourcetrace.ingest_job import IngestReport, ingest_corpus
from sourcetrace.store import open_store
from tests.store.conftest import pg_url  # noqa: F401  (the PostgreSQL fixture)
from tests.store.fakes import fictional_articles, slow_stub_extract

pytestmark = pytest.mark.postgres


def test_concurrent_runs_store_every_capture_once(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": text}) + "\n"
                              for n, text in enumerate(fictional_articles(40))))
    open_store(pg_url).close()  # create the tables once, before the race
    reports: list[IngestReport] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with open_store(pg_url) as store:
                reports.append(ingest_corpus(store, [str(corpus)], batch_size=4,
                                             extractor=slow_stub_extract))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(r.new_articles for r in reports) == 40  # each article stored by one run
    assert sum(r.new_articles + r.unchanged for r in reports) == 120
    with open_store(pg_url) as store:
        assert store.stats().articles == 40 and store.stats().captures == 40
