"""Saving and reading linking results, on SQLite and (when given) PostgreSQL.

The corpus is the fictional ferry-strike set of ``tests/linking/conftest.py``
(a report, a wire copy, a rewrite, a Russian translation, an unrelated story),
stored with the stub extractor and linked with the real linker.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sourcetrace.errors import StoreError
from sourcetrace.linking import Provenance, link_corpus
from sourcetrace.records import Article, DocMeta, Extraction
from sourcetrace.store import Store, open_store
from tests.linking.conftest import COPY, REPORT, REWRITE, TRANSLATION, UNRELATED

from .test_store import T2, capture_of

HERALD = "https://quayside-herald.example/2024/03/03/ferry-strike"
ARTICLES = (
    Article(text=REPORT, url=HERALD, outlet="The Quayside Herald", published="2024-03-03",
            lang="en"),
    Article(text=COPY, url="https://coastline-wire.example/islands", outlet="Coastline Wire",
            published="2024-03-04", lang="en"),
    Article(text=REWRITE, url="https://island-notes.example/ferry", outlet="Island Notes",
            published="2024-03-04", lang="en"),
    Article(text=TRANSLATION, url="https://tarn-vesti.example/parom", published="2024-03-05",
            lang="ru"),
    Article(text=UNRELATED, url="https://velden-post.example/orchards", outlet="Velden Post",
            published="2024-03-01", lang="en"),
)


def stocked(store: Store) -> Provenance:
    """Store the corpus, link the stored records and save the result; return it."""
    store.write([capture_of(a) for a in ARTICLES])
    prov = link_corpus([a.record for a in store.iter_articles()])
    store.save_provenance(prov, signature=store.corpus_signature(), seconds=0.25)
    return prov


def as_json(data: object) -> object:
    return json.loads(json.dumps(data))


def test_a_store_never_linked_has_no_provenance(store: Store) -> None:
    store.write([capture_of(ARTICLES[0])])
    assert store.link_state() is None and store.provenance() is None
    assert store.stories() == [] and store.claims() == []
    assert store.article_provenance(store.article_ids()[0]) is None


def test_saved_provenance_reads_back_whole(store: Store) -> None:
    prov = stocked(store)
    assert len(prov.stories) >= 2 and prov.claims  # the corpus gives something to store
    state = store.link_state()
    assert state is not None and state.run == 1 and state.seconds == 0.25
    assert (state.articles, state.stories, state.claims) == (
        len(prov.articles), len(prov.stories), len(prov.claims))
    assert state.signature == store.corpus_signature()
    assert store.stories() == list(prov.stories)
    assert store.claims() == list(prov.claims)
    for article_id, linked in prov.articles.items():
        assert store.article_provenance(article_id) == linked  # evidence included
    read = store.provenance()
    assert read is not None and read.records == ()
    assert as_json(read.to_dict()) == as_json(prov.to_dict())
    assert read.dates == prov.dates and read.guesses == prov.guesses
    for claim in prov.claims:
        assert read.trace(claim.id) == prov.trace(claim.id)


def test_the_copy_is_stored_as_derived_from_the_report(store: Store) -> None:
    stocked(store)
    ids = {a.url: store.article(a.url or "").id for a in ARTICLES}
    copy = store.article_provenance(ids["https://coastline-wire.example/islands"])
    assert copy is not None and copy.originality == "derivative"
    assert copy.based_on[0].article == ids[HERALD]
    report = store.article_provenance(ids[HERALD])
    assert report is not None and report.originality == "original"


def test_claims_of_a_story(store: Store) -> None:
    prov = stocked(store)
    for story in prov.stories:
        assert store.claims(story.id) == list(prov.claims_of_story(story.id))
    assert store.claims("no-such-story") == []


def test_saving_again_replaces_everything(store: Store) -> None:
    stocked(store)
    ids = store.article_ids()
    smaller = link_corpus([store.article(ids[0]).record])
    state = store.save_provenance(smaller, signature="other")
    assert state.run == 2 and state.articles == 1
    assert store.stories() == list(smaller.stories)
    assert store.claims() == list(smaller.claims)
    assert store.article_provenance(ids[1]) is None
    read = store.provenance()
    assert read is not None and list(read.articles) == [ids[0]]


def test_provenance_of_an_unstored_article_is_refused_whole(store: Store) -> None:
    stocked(store)
    before = store.link_state()
    stray = Extraction(doc=DocMeta(id="not-stored", sha256="0" * 64), text=UNRELATED)
    with pytest.raises(StoreError):
        store.save_provenance(link_corpus([stray]), signature="x")
    assert store.link_state() == before  # the old linking is kept
    assert len(store.stories()) == before.stories  # type: ignore[union-attr]


def test_the_corpus_signature_follows_the_articles(store: Store) -> None:
    store.write([capture_of(ARTICLES[0])])
    first = store.corpus_signature()
    assert store.corpus_signature() == first
    store.write([capture_of(ARTICLES[1])])
    second = store.corpus_signature()
    assert second != first
    newer = replace(ARTICLES[1], text=ARTICLES[1].text + "\nUpdated at noon.\n")
    store.write([capture_of(newer, at=T2)])  # new text at a known URL
    assert store.corpus_signature() not in (first, second)


def test_reopening_keeps_the_provenance(store_url: str) -> None:
    with open_store(store_url) as store:
        prov = stocked(store)
    with open_store(store_url) as again:
        assert again.stories() == list(prov.stories)
        assert again.link_state() is not None


def test_link_features_are_kept_per_version_and_basis(store: Store) -> None:
    store.write([capture_of(a) for a in ARTICLES[:2]])
    first = store.article(HERALD).id
    (second,) = set(store.article_ids()) - {first}
    store.save_link_features("v1", {first: b"\x00one", second: b"two", "no-such-article": b"x"})
    assert store.link_features("v1") == {first: b"\x00one", second: b"two"}
    assert store.link_features("v2") == {}  # other code: nothing is valid
    store.save_link_features("v1", {first: b"again"})  # replaced, not duplicated
    assert store.link_features("v1")[first] == b"again"
    # new text at the same URL: that article's kept features are stale
    newer = replace(ARTICLES[0], text=ARTICLES[0].text + "\nCorrection: 2,360 islanders.\n")
    store.write([capture_of(newer, at=T2)])
    assert set(store.link_features("v1")) == {second}
    store.save_link_features("v2", {first: b"new code"})  # the old version's rows go
    assert store.link_features("v1") == {} and store.link_features("v2") == {first: b"new code"}
    store.delete(first)
    assert store.link_features("v2") == {}
