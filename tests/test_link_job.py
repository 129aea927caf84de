"""link_store: link a stored corpus, save it, skip when current, incremental when possible."""

from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.link_job import link_store, stored_records
from sourcetrace.linking import link_corpus
from sourcetrace.store import open_store
from tests.store.test_provenance import ARTICLES
from tests.store.test_store import capture_of


def test_links_saves_then_skips_until_the_corpus_changes(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        assert link_store(store).state is None  # empty: nothing to link
        store.write([capture_of(a) for a in ARTICLES[:3]])
        first = link_store(store)
        assert first.linked and not first.incremental and first.state is not None
        assert first.state.articles == 3 and store.link_state() == first.state
        again = link_store(store)
        assert not again.linked and again.state == first.state
        assert "current" in again.summary()
        forced = link_store(store, force=True)
        assert forced.linked and forced.state is not None and forced.state.run == 2
        store.write([capture_of(ARTICLES[3])])
        grown = link_store(store)
        assert grown.linked and grown.state is not None and grown.state.articles == 4
        full = link_corpus(stored_records(store))
        assert store.stories() == list(full.stories)
        assert [r.doc.id for r in stored_records(store)][-1] == store.article(
            ARTICLES[3].url or "").id  # the newest last


def test_incremental_from_a_previous_linking_equals_a_full_one(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        store.write([capture_of(a) for a in ARTICLES[:3]])
        first = link_store(store)
        store.write([capture_of(a) for a in ARTICLES[3:]])
        step = link_store(store, previous=first.provenance)
        assert step.linked and step.incremental
        stepped = store.provenance()
        full = link_store(store, force=True)  # a new process would link it all again
        assert full.linked and not full.incremental
        again = store.provenance()
        assert stepped is not None and again is not None
        assert json.dumps(stepped.to_dict()) == json.dumps(again.to_dict())
        assert stepped.guesses == again.guesses


def test_a_restored_previous_falls_back_to_a_full_link(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        store.write([capture_of(a) for a in ARTICLES[:2]])
        link_store(store)
        restored = store.provenance()
        store.write([capture_of(ARTICLES[2])])
        report = link_store(store, previous=restored)
        assert report.linked and not report.incremental
