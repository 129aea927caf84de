"""WARC archives written here with warcio: which records become pages, limits, bad files."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from sourcetrace.errors import InputError
from sourcetrace.ingest.warc import WarcPage, iter_warc

PAGE = (b"<html><head><title>Ferry</title></head><body><article><p>The harbour master "
        b"said the ferry would stop in November, and Osric Dane told the Ledger that the "
        b"council had known since spring.</p></article></body></html>")


def response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8", gzip_body: bool = False) -> None:
    headers = [("Content-Type", content_type)]
    if gzip_body:
        body = gzip.compress(body)
        headers.append(("Content-Encoding", "gzip"))
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2025-05-14T16:40:00Z"})
    writer.write_record(record)


def build_warc(*, gzip_records: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    response(writer, "https://ledger.example/ferry", PAGE)
    request = writer.create_warc_record(
        "https://ledger.example/ferry", "request", payload=io.BytesIO(b"GET /ferry HTTP/1.1\r\n\r\n"))
    writer.write_record(request)
    response(writer, "https://ledger.example/missing", b"<html>gone</html>", status="404 Not Found")
    response(writer, "https://ledger.example/old", b"", status="301 Moved Permanently")
    response(writer, "https://ledger.example/logo.png", b"\x89PNG....", content_type="image/png")
    response(writer, "https://ledger.example/zipped", PAGE, gzip_body=True)
    resource = writer.create_warc_record(
        "https://ledger.example/notes.txt", "resource",
        payload=io.BytesIO(b"Plain notes: the mill was sold."),
        warc_content_type="text/plain")
    writer.write_record(resource)
    return out.getvalue()


@pytest.mark.parametrize("gzip_records", [False, True])
def test_article_pages_are_read_and_the_rest_skipped(gzip_records: bool) -> None:
    data = build_warc(gzip_records=gzip_records)
    pages = list(iter_warc(io.BytesIO(data), path="crawl.warc"))
    assert all(isinstance(p, WarcPage) for p in pages)
    urls = [p.url for p in pages if isinstance(p, WarcPage)]
    assert urls == ["https://ledger.example/ferry", "https://ledger.example/zipped",
                    "https://ledger.example/notes.txt"]
    ferry, zipped, notes = (p for p in pages if isinstance(p, WarcPage))
    assert ferry.payload == PAGE and zipped.payload == PAGE  # content encoding undone
    assert ferry.date == "2025-05-14T16:40:00Z" and ferry.media_type == "text/html"
    assert ferry.record_id and ferry.record_id.startswith("<urn:uuid:")
    assert notes.media_type == "text/plain" and notes.payload.startswith(b"Plain notes")
    assert ferry.offset < zipped.offset < notes.offset


def test_oversized_records_are_errors_and_reading_goes_on() -> None:
    data = build_warc(gzip_records=True)
    items = list(iter_warc(io.BytesIO(data), path="crawl.warc.gz", max_bytes=100))
    errors = [i for i in items if isinstance(i, InputError)]
    pages = [i for i in items if isinstance(i, WarcPage)]
    assert len(errors) == 2 and all("size limit" in e.reason for e in errors)
    assert all(e.where.startswith("crawl.warc.gz#") for e in errors)
    assert [p.url for p in pages] == ["https://ledger.example/notes.txt"]


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path: Path) -> None:
    items = list(iter_warc(io.BytesIO(b"this is not an archive\n" * 10), path="x.warc"))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].where == "x.warc" and "not a readable WARC file" in items[0].reason


def test_a_truncated_warc_keeps_the_pages_before_the_damage() -> None:
    data = build_warc(gzip_records=False)
    cut = data[: data.index(b"https://ledger.example/zipped") + 200]
    items = list(iter_warc(io.BytesIO(cut), path="cut.warc"))
    assert isinstance(items[0], WarcPage) and items[0].url == "https://ledger.example/ferry"
