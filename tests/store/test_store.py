"""The store interface, on SQLite and PostgreSQL alike: writes, versions, custody, reads."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sourcetrace.corpus import make_capture
from sourcetrace.errors import InputError, NotFoundError, StoreError, UsageError
from sourcetrace.records import Article, Extraction
from sourcetrace.store import CaptureWrite, Store, article_key, open_store, parse_query

from .fakes import fictional_text, stub_record

T0, T1, T2 = "2025-05-01T10:00:00Z", "2025-05-02T10:00:00Z", "2025-05-03T10:00:00Z"


def capture_of(article: Article, raw: bytes | None = None, *, at: str = T1,
               where: str | None = None) -> CaptureWrite:
    """What the ingest job would hand the store for ``article`` (record included)."""
    key = article_key(article)
    identified = replace(article, id=key.id)
    record = stub_record(identified)
    raw = raw if raw is not None else article.text.encode()
    capture = make_capture(raw, retrieved_at=at, url=article.url, path=article.path)
    return CaptureWrite(key, capture, where or article.url or article.path or key.id,
                        identified.meta(), record)


LEDGER = Article(text=fictional_text(1), url="https://ledger.example/news/1",
                 title="Mill to close", outlet="Harbour Ledger", published="2025-05-01")


def test_write_and_read_back_the_same_record(store: Store) -> None:
    item = capture_of(LEDGER)
    result = store.write([item])
    assert (result.new_articles, result.new_captures, result.unchanged) == (1, 1, 0)
    stored = store.article(item.key.id)
    assert stored.record == item.record
    assert stored.record.to_dict() == item.record.to_dict()
    data = json.loads(json.dumps(stored.to_dict()))
    assert Extraction.from_dict(data) == item.record  # captures are extra, ignored
    assert data["identity"] == {"kind": "url", "value": "https://ledger.example/news/1",
                                "ext_id": None}
    (capture,) = data["captures"]
    assert capture == {"sha256": item.capture.sha256, "retrieved_at": T1,
                       "url": LEDGER.url, "path": None, "size": len(LEDGER.text.encode()),
                       "locator": None}


def test_writing_the_same_capture_twice_adds_nothing(store: Store) -> None:
    item = capture_of(LEDGER)
    store.write([item])
    before = store.stats()
    result = store.write([item, item])
    assert (result.new_articles, result.new_captures, result.unchanged) == (0, 0, 2)
    assert store.stats() == before
    assert store.has_capture(item.key.id, item.capture.sha256)


def test_changed_content_at_a_url_is_a_new_capture_of_the_same_article(store: Store) -> None:
    first = capture_of(LEDGER, at=T1)
    changed = replace(LEDGER, text=fictional_text(2), title="Mill to close (updated)")
    second = capture_of(changed, at=T2)
    assert second.key.id == first.key.id
    store.write([first])
    result = store.write([second])
    assert (result.new_articles, result.updated_articles, result.new_captures) == (0, 1, 1)
    stats = store.stats()
    assert (stats.articles, stats.captures) == (1, 2)
    stored = store.article(first.key.id)
    assert stored.record == second.record  # the record follows the latest retrieval
    assert [c.sha256 for c in stored.captures] == [first.capture.sha256, second.capture.sha256]
    assert store.search("updated")[0].article_id == first.key.id  # title re-indexed
    assert store.search('"report 2"')[0].article_id == first.key.id  # text re-indexed
    assert store.search('"report 1"') == []  # the old text is out of the index


def test_an_older_capture_is_kept_but_does_not_replace_the_record(store: Store) -> None:
    newer = capture_of(LEDGER, at=T2)
    older = capture_of(replace(LEDGER, text=fictional_text(3)), at=T0)
    store.write([newer])
    result = store.write([older])
    assert (result.updated_articles, result.new_captures) == (0, 1)
    stored = store.article(newer.key.id)
    assert stored.record == newer.record
    assert [c.retrieved_at for c in stored.captures] == [T0, T2]


def test_new_bytes_with_the_same_text_add_custody_only(store: Store) -> None:
    store.write([capture_of(LEDGER, b"<p>raw one</p>")])
    item = capture_of(LEDGER, b"<p>raw two</p>", at=T2)
    result = store.write([replace(item, record=None)])
    assert (result.new_captures, result.updated_articles) == (1, 0)
    assert store.stats().captures == 2
    assert store.article(item.key.id).record == item.record


def test_the_same_text_under_two_urls_is_two_articles(store: Store) -> None:
    copy = replace(LEDGER, url="https://mirror.example/copy/1")
    store.write([capture_of(LEDGER), capture_of(copy)])
    assert store.stats().articles == 2
    assert store.stats().captures == 2


def test_identity_is_url_then_jsonl_id_then_content_hash() -> None:
    by_url = article_key(Article(text="x", url="HTTPS://Ledger.example:443/a#top", id="j1"))
    assert (by_url.kind, by_url.value, by_url.ext_id) == ("url", "https://ledger.example/a", "j1")
    by_id = article_key(Article(text="x", id="j1"))
    assert (by_id.kind, by_id.value) == ("id", "j1")
    by_text = article_key(Article(text="x", path="a.txt"))
    assert by_text == article_key(Article(text="x", path="b.txt"))
    assert by_text.kind == "sha256" and len(by_text.id) == 16


def test_a_batch_is_stored_whole_or_not_at_all(store: Store) -> None:
    good = capture_of(LEDGER)
    broken = replace(capture_of(Article(text=fictional_text(9))), record=None)  # new, no record
    with pytest.raises(StoreError):
        store.write([good, InputError("x.txt", "bad"), broken])
    assert store.stats().to_dict() == {"articles": 0, "attributions": 0, "sources": 0,
                                       "assertions": 0, "failed": 0, "captures": 0}
    store.write([good])  # the store is still usable
    assert store.stats().articles == 1


def test_failures_are_kept_per_input_and_cleared_by_a_later_success(store: Store) -> None:
    store.write([InputError(LEDGER.url or "", "HTTP 503 Service Unavailable"),
                 InputError("bad.txt", "not UTF-8 text")])
    store.write([InputError("bad.txt", "not UTF-8 text")])
    assert [(f.where, f.reason) for f in store.failures()] == [
        ("bad.txt", "not UTF-8 text"), (LEDGER.url, "HTTP 503 Service Unavailable")]
    store.write([capture_of(LEDGER)])
    assert [f.where for f in store.failures()] == ["bad.txt"]
    assert store.stats().failed == 1


def test_raw_bytes_come_back_exactly_and_are_checked(store: Store) -> None:
    raw = "<html>Caldmere \u2014 caf\u00e9 \x01</html>".encode() + bytes(range(256))
    item = capture_of(LEDGER, raw)
    store.write([item])
    info, data = store.raw(item.key.id)
    assert data == raw and info.sha256 == item.capture.sha256 and info.size == len(raw)
    assert store.raw(item.capture.sha256)[1] == raw
    assert store.raw(LEDGER.url or "")[1] == raw
    with pytest.raises(NotFoundError):
        store.raw("0" * 64)


def test_tampered_raw_bytes_are_detected(store_url: str) -> None:
    import zlib

    with open_store(store_url) as store:
        item = capture_of(LEDGER, b"original bytes")
        store.write([item])
        store._run("UPDATE blobs SET data = ?",  # type: ignore[attr-defined]
                   (zlib.compress(b"forged bytes"),))
        with pytest.raises(StoreError, match="do not match their SHA-256"):
            store.raw(item.key.id)


def test_articles_are_found_by_id_jsonl_id_or_url(store: Store) -> None:
    jsonl = Article(text=fictional_text(4), id="brief-7", path="feed.jsonl")
    store.write([capture_of(LEDGER), capture_of(jsonl)])
    key = article_key(jsonl)
    assert store.article("brief-7").id == key.id
    assert store.article("brief-7").to_dict()["identity"] == {
        "kind": "id", "value": "brief-7", "ext_id": "brief-7"}
    assert store.article("https://LEDGER.example/news/1").id == article_key(LEDGER).id
    assert store.article_ids() == sorted([key.id, article_key(LEDGER).id])
    with pytest.raises(NotFoundError, match="no article 'nothing-here'"):
        store.article("nothing-here")


def test_stats_count_every_kind_of_row(store: Store) -> None:
    items = [capture_of(Article(text=fictional_text(n), path=f"{n}.txt")) for n in range(5)]
    store.write([*items, InputError("x.html", "no article text found in the HTML")])
    records = [i.record for i in items if i.record is not None]
    assert store.stats().to_dict() == {
        "articles": 5,
        "attributions": sum(len(r.attributions) for r in records),
        "sources": sum(len(r.sources) for r in records),
        "assertions": sum(len(r.assertions) for r in records),
        "failed": 1, "captures": 5,
    }


def test_search_finds_phrases_with_highlights(store: Store) -> None:
    store.write([capture_of(LEDGER), capture_of(Article(text=fictional_text(8), path="8.txt"))])
    assert "ferry in Caldmere" in LEDGER.text
    hits = store.search('"Ferry in CALDMERE"')
    assert hits, "phrase not found"
    for hit in hits:
        # FTS5 marks the whole phrase, PostgreSQL each word: compare words
        words = {w for s, e in hit.highlights for w in hit.snippet[s:e].lower().split()}
        assert words <= {"ferry", "in", "caldmere"} and "ferry" in words
    kinds = {h.kind for h in hits}
    assert kinds == {"article", "attribution"}
    attribution = next(h for h in hits if h.kind == "attribution")
    assert attribution.source and attribution.attribution_id
    assert store.search("mill to close")[0].title == "Mill to close"  # title is searched
    assert store.search("zeppelin") == []


@pytest.mark.parametrize("query", [
    'ferry" OR 1=1 --', "ferry'; DROP TABLE articles; --", "NEAR(ferry close)", "ferry*",
    "^ferry", "title:ferry", "ferry AND", "(ferry", "ferry -close", "%ferry_", '"""',
    "ferry\\", "ferry OR zeppelin", "ferry NOT close", "'", "ferry's", "' OR ''='",
])
def test_search_is_safe_with_special_characters(store: Store, query: str) -> None:
    store.write([capture_of(LEDGER)])
    try:
        hits = store.search(query)
    except UsageError:
        assert not any(ch.isalnum() for ch in query)
        return
    assert isinstance(hits, list)
    assert store.stats().articles == 1


def test_query_operators_are_plain_words() -> None:
    assert parse_query('the "Old Mill" OR well-known*') == (
        ("the",), ("old", "mill"), ("or",), ("well", "known"))
    with pytest.raises(UsageError):
        parse_query('" -- * ; "')


def test_statements_by_source_name_any_case(store: Store) -> None:
    items = [capture_of(Article(text=fictional_text(n), path=f"{n}.txt")) for n in range(6)]
    store.write(items)
    mira = store.statements("mira VELL")
    assert mira and {s.source for s in mira} == {"Mira Vell"}
    assert {s.channel for s in mira} <= {"Radio Lumen", "Harbour Ledger", "Northgate Wire", None}
    assert any(s.channel for s in mira)
    assert len({s.article_id for s in mira}) >= 2
    assert store.statements("%") == [] and store.statements("_") == []
    assert len(store.statements()) == sum(len(i.record.attributions) for i in items
                                          if i.record is not None)


def test_statement_names_match_across_scripts_and_spellings(store: Store) -> None:
    text = ("Valentina Chupik said the centre was closed. Andriy Usov told Radio Lumen "
            "that the lists were long. Svetlana Orlova said nothing new.")
    store.write([capture_of(Article(text=text, path="names.txt"))])
    assert {s.source for s in store.statements("Чупик")} == {"Valentina Chupik"}
    assert {s.source for s in store.statements("Cupik")} == {"Valentina Chupik"}
    assert {s.source for s in store.statements("Андрій Усов")} == {"Andriy Usov"}
    assert {s.source for s in store.statements("Усова")} == {"Andriy Usov"}  # genitive
    # whole words only: the key of "Usov" is not looked for inside other names
    assert {s.source for s in store.statements("Сов")} == set()
    assert {s.source for s in store.statements("Svetlov")} == set()


def test_statement_names_fold_case_beyond_ascii(store: Store) -> None:
    text = "Анна Петрова said the ferry will stop. Ορέστης said nothing."
    article = Article(text=text, path="ru.txt")
    item = capture_of(article)
    record = item.record
    assert record is not None
    from sourcetrace.records import Attribution, Cue, SourceSpan, TextSpan

    attribution = Attribution("a1", "indirect", SourceSpan(0, 12, text[:12], "Анна Петрова",
                                                           "person"),
                              Cue(13, 17, "said", "say"), (TextSpan(18, 37, text[18:37]),))
    store.write([replace(item, record=replace(record, attributions=(attribution,)))])
    assert [s.source for s in store.statements("АННА")] == ["Анна Петрова"]


def test_delete_removes_the_article_its_records_and_unshared_bytes(store: Store) -> None:
    text = fictional_text(31)
    first = capture_of(Article(text=text, url="https://a.example/1"))
    second = capture_of(Article(text=text, url="https://b.example/2"))  # same bytes
    other = capture_of(Article(text=fictional_text(32), path="32.txt"))
    store.write([first, second, other])
    before = store.stats()
    assert store.delete("https://a.example/1") == first.key.id
    after = store.stats()
    assert (after.articles, after.captures) == (before.articles - 1, before.captures - 1)
    assert after.attributions == before.attributions - len(first.record.attributions)
    with pytest.raises(NotFoundError):
        store.article(first.key.id)
    assert store.raw(second.key.id)[1] == text.encode()  # shared bytes stay
    sha = first.capture.sha256
    store.delete(second.key.id)
    with pytest.raises(NotFoundError):
        store.raw(sha)  # now nobody holds them
    assert [h.article_id for h in store.search('"report 31"')] == []
    assert store.article(other.key.id).record == other.record
    with pytest.raises(NotFoundError):
        store.delete(second.key.id)
