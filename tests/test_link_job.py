"""link_store: link a stored corpus, save it, skip when current, incremental when possible."""

from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.link_job import link_store, stored_records
from sourcetrace.linking import Provenance, link_corpus
from sourcetrace.linking.features import features_version, load_features
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


def test_a_new_process_reads_only_new_texts(tmp_path: Path) -> None:
    url = str(tmp_path / "s.db")
    with open_store(url) as store:
        store.write([capture_of(a) for a in ARTICLES[:3]])
        assert link_store(store).read == 3
    with open_store(url) as store:  # a new process: no previous linking in memory
        store.write([capture_of(a) for a in ARTICLES[3:]])
        report = link_store(store)
        assert report.linked and not report.incremental
        assert report.read == len(ARTICLES) - 3  # the others' features were kept
        assert "texts read" in report.summary()
        kept = store.provenance()
        full = link_corpus(stored_records(store))  # from scratch, every text read
        assert kept is not None
        assert json.dumps(kept.to_dict()) == json.dumps(
            Provenance.restore(list(full.articles.values()), full.stories, full.claims,
                               list(full.guesses.values())).to_dict())


def test_damaged_or_stale_features_are_computed_again(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        store.write([capture_of(a) for a in ARTICLES[:3]])
        link_store(store)
        version = features_version()
        ids = store.article_ids()
        store.save_link_features(version, {ids[0]: b"not zlib"})
        store.save_link_features("other code", {})  # drops every row of this version
        assert store.link_features(version) == {}
        store.save_link_features(version, {ids[0]: b"not zlib"})
        report = link_store(store, force=True)
        assert report.read == 3  # the damaged one and the two dropped ones
        assert set(store.link_features(version)) == set(ids)
        assert all(load_features(b) for b in store.link_features(version).values())
