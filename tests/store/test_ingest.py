"""The ingest job: every kind of input into a store, custody, idempotence, failures, workers.

The extractor is the deterministic stub of ``fakes.py`` and URLs are answered by
a canned fetcher: no spaCy model, no network.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from sourcetrace.ingest_job import IngestReport, ingest_corpus
from sourcetrace.records import Article
from sourcetrace.store import Store, article_key, open_store

from .fakes import (
    CannedFetcher,
    failing_stub_extract,
    fictional_text,
    stub_extract,
    write_warc,
)

DEMO = Path(__file__).resolve().parents[2] / "demo"
HTML = ("<html lang='en'><head><title>Ferry to stop for winter</title>"
        "<meta property='og:site_name' content='The Harbour Ledger'>"
        "<meta name='date' content='2025-05-12'></head><body><article>"
        f"<p>{fictional_text(21)}</p><p>Bram Ketter said the vote was close.</p>"
        "</article></body></html>")
FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Radio Lumen</title>
<item><title>With content</title><link>https://lumen.example/a</link><guid>lumen-a</guid>
<content:encoded><![CDATA[<p>{a}</p>]]></content:encoded></item>
<item><title>Link only</title><link>https://lumen.example/b</link></item>
</channel></rss>""".format(a=fictional_text(22))


def ingest(store: Store, inputs: list[str], fetcher: CannedFetcher | None = None,
           **options: object) -> IngestReport:
    return ingest_corpus(store, inputs, fetcher=fetcher, extractor=stub_extract,
                         **options)  # type: ignore[arg-type]


def test_the_demo_corpus_goes_in_once(store: Store) -> None:
    report = ingest(store, [str(DEMO)])
    assert (report.new_articles, report.failed, report.items) == (9, 0, 9)
    stats = store.stats()
    assert stats.articles == stats.captures == 9 and stats.attributions > 0
    again = ingest(store, [str(DEMO), str(DEMO / "wire-copy.txt")])
    assert (again.new_articles, again.new_captures, again.unchanged) == (0, 0, 10)
    assert store.stats() == stats
    copy = store.article("meridian-amp-copy")  # a JSONL id names its article
    assert copy.record.doc.url and "/amp/" in copy.record.doc.url
    assert copy.record.doc.outlet == "Radio Meridian"


def test_files_of_every_kind_with_custody(store: Store, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "note.txt").write_bytes(fictional_text(20).encode())
    line = json.dumps({"id": "j-23", "text": fictional_text(23), "outlet": "Northgate Wire"})
    (tmp_path / "dump.jsonl").write_text(line + "\n\n", encoding="utf-8")
    (tmp_path / "lumen.rss").write_text(FEED, encoding="utf-8")
    warc_pages = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://ledger.example/w1", fictional_text(24)),
        ("https://ledger.example/w2", fictional_text(25)),
    ])
    fetcher = CannedFetcher({"https://lumen.example/b": (
        "text/html", f"<html><body><article><p>{fictional_text(26)}</p></article></body></html>"
        .encode())})
    report = ingest(store, [str(tmp_path)], fetcher)
    assert report.failures == [] and report.new_articles == 7
    assert fetcher.fetched == ["https://lumen.example/b"]

    page = store.article(_id_of(store, "page.html"))
    assert page.record.doc.title == "Ferry to stop for winter"
    assert page.record.doc.outlet == "The Harbour Ledger"
    assert page.record.doc.published == "2025-05-12" and page.record.doc.lang == "en"
    assert store.raw(page.id)[1] == (tmp_path / "page.html").read_bytes()

    jsonl = store.article("j-23")
    assert store.raw("j-23")[1] == line.encode()
    assert jsonl.captures[0].locator == "line 1" and jsonl.record.doc.outlet == "Northgate Wire"

    fed = store.article("https://lumen.example/a")
    assert fed.record.doc.outlet == "Radio Lumen" and fed.record.doc.title == "With content"
    assert fed.captures[0].locator == "lumen-a"
    assert store.raw(fed.id)[1] == (tmp_path / "lumen.rss").read_bytes()
    fetched = store.article("https://lumen.example/b")
    assert fetched.record.doc.outlet == "Radio Lumen"
    assert fetched.captures[0].retrieved_at == fetcher.now

    archived = store.article("https://ledger.example/w2")
    assert archived.captures[0].retrieved_at == "2025-05-14T16:40:00Z"
    assert store.raw(archived.id)[1] == warc_pages[1]
    assert archived.captures[0].path == str(tmp_path / "crawl.warc.gz")


def _id_of(store: Store, suffix: str) -> str:
    for article_id in store.article_ids():
        path = store.article(article_id).record.doc.path or ""
        if path.endswith(suffix):
            return article_id
    raise AssertionError(f"no article from {suffix}")


def test_bad_inputs_are_recorded_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(fictional_text(30), encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait said nobody.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # a 50 MB (sparse) article
    (tmp_path / "notxml.xml").write_text("this feed is not XML at all", encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    (tmp_path / "nul.jsonl").write_text(
        json.dumps({"text": "The mayor said \u0000 nothing."}) + "\n"
        + json.dumps({"text": fictional_text(31)}) + "\n" + "{broken json\n", encoding="utf-8")
    fetcher = CannedFetcher({
        "https://lumen.example/bin": ("application/pdf", b"%PDF-1.7"),
        "https://lumen.example/feed": ("application/rss+xml", b"<rss><channel><item>"),
    })
    report = ingest(store, [
        str(tmp_path), "https://lumen.example/404", "https://lumen.example/bin",
        "https://lumen.example/feed", "ftp://lumen.example/x", str(tmp_path / "missing.txt"),
    ], fetcher)
    reasons = {f.where: f.reason for f in report.failures}
    assert "not UTF-8 text" in reasons[str(tmp_path / "latin1.txt")]
    assert "larger than the size limit" in reasons[str(huge)]
    assert "not XML" in reasons[str(tmp_path / "notxml.xml")]
    assert "no such file" in reasons[str(tmp_path / "dangling.txt")].lower()
    assert "NUL character" in reasons[f"{tmp_path / 'nul.jsonl'}:1"]
    assert "malformed JSON" in reasons[f"{tmp_path / 'nul.jsonl'}:3"]
    assert reasons["https://lumen.example/404"] == "HTTP 404 Not Found"
    assert "unsupported content type 'application/pdf'" in reasons["https://lumen.example/bin"]
    assert "not XML" in reasons["https://lumen.example/feed"]
    assert "only http and https" in reasons["ftp://lumen.example/x"]
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert report.new_articles == 2  # good.txt and the good JSONL line
    stored = {f.where: f.reason for f in store.failures()}
    assert stored == reasons and store.stats().failed == len(reasons) == report.failed


def test_urls_without_a_fetcher_are_refused(store: Store) -> None:
    report = ingest(store, ["https://lumen.example/a"])
    assert [f.reason for f in report.failures] == ["fetching URLs is disabled"]


def test_a_changed_page_is_a_new_capture_and_a_later_success_clears_a_failure(
    store: Store,
) -> None:
    url = "https://ledger.example/live"
    fetcher = CannedFetcher({url: "HTTP 503 Service Unavailable"}, now="2025-06-01T00:00:00Z")
    assert ingest(store, [url], fetcher).failed == 1
    fetcher.pages[url] = ("text/plain; charset=utf-8", fictional_text(40).encode())
    first = ingest(store, [url], fetcher)
    assert (first.new_articles, first.failed, store.stats().failed) == (1, 0, 0)
    fetcher.now = "2025-06-02T00:00:00Z"
    fetcher.pages[url] = ("text/plain; charset=utf-8", fictional_text(41).encode())
    second = ingest(store, [url], fetcher)
    assert (second.new_articles, second.updated_articles, second.new_captures) == (0, 1, 1)
    third = ingest(store, [url], fetcher)
    assert (third.new_captures, third.unchanged) == (0, 1)
    stored = store.article(url)
    assert stored.record.text == fictional_text(41)
    assert [c.retrieved_at for c in stored.captures] == ["2025-06-01T00:00:00Z",
                                                         "2025-06-02T00:00:00Z"]
    stats = store.stats()
    assert (stats.articles, stats.captures) == (1, 2)


def test_two_versions_in_one_run_keep_the_later_one(store: Store, tmp_path: Path) -> None:
    lines = [json.dumps({"id": "v", "text": fictional_text(n)}) for n in (50, 51, 50)]
    (tmp_path / "versions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest(store, [str(tmp_path / "versions.jsonl")], batch_size=1)
    assert (report.new_articles, report.new_captures, report.unchanged) == (1, 2, 1)
    assert store.article("v").record.text == fictional_text(51)


def test_stdin_is_one_text_article(store: Store) -> None:
    report = ingest_corpus(store, ["-"], extractor=stub_extract,
                           stdin=io.BytesIO(fictional_text(60).encode()))
    assert report.new_articles == 1
    key = article_key(Article(text=fictional_text(60)))
    assert store.article(key.id).captures[0].path == "-"


def test_an_extraction_error_fails_only_its_article(store: Store, tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(fictional_text(n), encoding="utf-8")
    (tmp_path / "2.txt").write_text("Ilse Moor said it would EXPLODE.", encoding="utf-8")
    report = ingest_corpus(store, [str(tmp_path)], extractor=failing_stub_extract)
    assert report.new_articles == 3
    (failure,) = report.failures
    assert failure.where == str(tmp_path / "2.txt")
    assert "extraction failed (RuntimeError" in failure.reason


def test_progress_counts_every_item(store: Store) -> None:
    seen: list[int] = []
    report = ingest(store, [str(DEMO), "missing.txt"], progress=seen.append, batch_size=4)
    assert sum(seen) == report.items == 10


def _records(url: str) -> dict[str, dict[str, object]]:
    with open_store(url) as store:
        return {a.id: a.record.to_dict() for a in store.iter_articles()}


@pytest.mark.slow
def test_workers_give_the_same_records(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{n:02}.txt").write_text(fictional_text(n), encoding="utf-8")
    urls = [str(tmp_path / "one.db"), str(tmp_path / "two.db")]
    for url, workers in zip(urls, (1, 2), strict=True):
        with open_store(url) as store:
            report = ingest_corpus(store, [str(tmp_path / "in")], extractor=stub_extract,
                                   workers=workers, batch_size=3)
            assert report.new_articles == 40
    assert _records(urls[0]) == _records(urls[1])


def test_http_charset_and_hidden_files(store: Store, tmp_path: Path) -> None:
    url = "https://courier.example/caf%C3%A9"
    page = ("<html><body><article><p>" + fictional_text(70)
            + " The caf\u00e9 owner said the square was quiet.</p></article></body></html>")
    fetcher = CannedFetcher({url: ("text/html; charset=ISO-8859-1", page.encode("latin-1"))})
    (tmp_path / ".hidden.txt").write_text(fictional_text(71), encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(fictional_text(72), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not ingested", encoding="utf-8")
    (tmp_path / "kept.TXT").write_text(fictional_text(73), encoding="utf-8")
    report = ingest(store, [url, str(tmp_path)], fetcher)
    assert (report.new_articles, report.failed) == (2, 0)
    assert "caf\u00e9 owner" in store.article(url).record.text
    assert store.raw(url)[1] == page.encode("latin-1")  # custody keeps the bytes as sent
