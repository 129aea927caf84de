"""WebData reads the provenance saved in the store, and links in process when it is missing."""

from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.link_job import link_store, stored_records
from sourcetrace.linking import link_corpus
from sourcetrace.store import open_store
from sourcetrace.web.data import WebData
from tests.store.fakes import stub_extract

from .conftest import DEMO

FILES = ("original-ledger.txt", "wire-copy.txt", "retelling-blog.txt", "perevod-ru.txt")


def _store(tmp_path: Path, *, linked: bool) -> str:
    url = str(tmp_path / "web.db")
    data = WebData(url=None, store=open_store(url), refresh_seconds=0)
    try:
        data.ingest([str(DEMO / FILES[0]), str(DEMO / FILES[1])], fetcher=None,
                    extractor=stub_extract)
    finally:
        data.close()
    with open_store(url) as store:
        if linked:
            assert store.link_state() is not None  # ingest through the app links and saves
        else:
            from sourcetrace.ingest_job import ingest_corpus

            ingest_corpus(store, [str(DEMO / f) for f in FILES[2:]], extractor=stub_extract)
    return url


def test_a_current_saved_linking_is_read_not_recomputed(tmp_path: Path) -> None:
    url = _store(tmp_path, linked=True)
    with open_store(url) as store:
        expected = link_corpus(stored_records(store))
    data = WebData(url, refresh_seconds=0)
    try:
        snap = data.snapshot()
        assert snap.provenance.records == ()  # restored from the store, not linked here
        assert json.dumps(snap.provenance.to_dict()) == json.dumps(expected.to_dict())
        wire = next(r for r in snap.rows.values() if r.path and r.path.endswith(FILES[1]))
        assert wire.originality == expected.articles[wire.id].originality == "derivative"
        view = data.article(wire.id).to_dict()
        assert view["based_on"] == [b.to_dict() for b in expected.articles[wire.id].based_on]
        for claim in expected.claims:
            assert data.claim(claim.id)[1] == expected.trace(claim.id)
    finally:
        data.close()


def test_a_stale_or_missing_linking_is_computed_in_process(tmp_path: Path) -> None:
    url = _store(tmp_path, linked=False)  # two files ingested after the last linking
    data = WebData(url, refresh_seconds=0)
    try:
        snap = data.snapshot()
        assert len(snap.provenance.records) == len(FILES)  # linked here, all four
        with open_store(url) as store:
            state = store.link_state()
            assert state is not None and state.articles == 2
            link_store(store)  # `sourcetrace link` from another process
        fresh = data.snapshot()  # the new link run is noticed
        assert fresh.generation > snap.generation and fresh.provenance.records == ()
        assert set(fresh.provenance.articles) == set(snap.provenance.articles)
    finally:
        data.close()
