"""WARC web archives (``.warc``, ``.warc.gz``): the captured pages in them, streamed.

:func:`iter_warc` reads a WARC file object with warcio and yields one
:class:`WarcPage` per record that can hold an article: ``response`` records
with an HTTP status 2xx, and ``resource`` records, whose media type is HTML,
XHTML or plain text. Request, metadata, revisit and warcinfo records, redirects,
HTTP errors and other media (images, scripts, styles) are skipped silently: a
crawl holds many, and none is an article. The payload is the HTTP body with
chunked transfer and gzip/deflate/brotli content encodings undone (warcio);
turning it into text is the caller's job.

A record over ``max_bytes`` (declared length, or payload read) is an
:class:`~sourcetrace.errors.InputError` naming ``path#offset`` and reading goes
on; a file warcio cannot read ends with one error after the pages read so far.
Limits: ARC files are read as warcio reads them; revisit records are not
resolved; the WARC digest headers are not verified.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
from warcio.recordloader import ArcWarcRecord  # type: ignore[import-untyped]

from ..errors import InputError

WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
_CHUNK = 1 << 16
ARTICLE_MEDIA: frozenset[str] = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One archived page: target URL, capture time (WARC-Date), record id and body."""

    url: str | None
    date: str | None
    record_id: str | None
    content_type: str | None
    payload: bytes
    offset: int

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower case."""
        return (self.content_type or "").split(";")[0].strip().lower()


def _content_type(record: ArcWarcRecord) -> str | None:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
        if value:
            return str(value)
    value = record.rec_headers.get_header("Content-Type")
    return str(value) if value else None


def _status(record: ArcWarcRecord) -> int | None:
    if record.http_headers is None:
        return None
    code = (record.http_headers.get_statuscode() or "").strip()
    return int(code) if code.isdigit() else None


def _not_warc(stream: IO[bytes]) -> str | None:
    """Why a seekable ``stream`` is not a WARC (or ARC) file, judged by its first bytes."""
    if not stream.seekable():
        return None
    start = stream.tell()
    try:
        head = stream.read(2)
        stream.seek(start)
        if head == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(16)
        else:
            head = stream.read(16)
    except (OSError, EOFError, zlib.error) as exc:
        return f"broken gzip data: {exc}"
    finally:
        stream.seek(start)
    if head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")):
        return None
    return "it does not start with a WARC/1.x header" if head else "empty file"


def _read_limited(stream: IO[bytes], max_bytes: int | None) -> bytes:
    """Read a warcio stream to its end, or to one byte past ``max_bytes``.

    warcio's readers return short reads and take ``read(-1)`` as zero bytes,
    hence the loop.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            break
    return b"".join(chunks)


def _wanted(record: ArcWarcRecord) -> bool:
    if record.rec_type == "response":
        status = _status(record)
        if status is None or not 200 <= status < 300:
            return False
    elif record.rec_type != "resource":
        return False
    media = (_content_type(record) or "").split(";")[0].strip().lower()
    return media in ARTICLE_MEDIA


def iter_warc(
    stream: IO[bytes], *, path: str = "<warc>", max_bytes: int | None = None
) -> Iterator[WarcPage | InputError]:
    """Stream the article-bearing pages of a WARC (see the module notes)."""
    problem = _not_warc(stream)
    if problem:
        yield InputError(path, f"not a readable WARC file ({problem})")
        return
    iterator = ArchiveIterator(stream)
    records = iter(iterator)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield InputError(path, f"not a readable WARC file ({exc})".replace("\n", " "))
            return
        offset = int(iterator.offset)  # get_record_offset() would consume the record
        where = f"{path}#{offset}"
        if not _wanted(record):
            continue
        declared = record.rec_headers.get_header("Content-Length") or ""
        if max_bytes is not None and declared.isdigit() and int(declared) > max_bytes:
            yield InputError(where, f"record larger than the size limit ({int(declared):,} > "
                                    f"{max_bytes:,} bytes)")
            continue
        try:
            payload = _read_limited(record.content_stream(), max_bytes)
        except (OSError, ValueError, EOFError) as exc:
            yield InputError(where, f"unreadable WARC record ({exc})")
            continue
        if max_bytes is not None and len(payload) > max_bytes:
            yield InputError(where, f"record larger than the size limit ({max_bytes:,} bytes)")
            continue
        yield WarcPage(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            date=record.rec_headers.get_header("WARC-Date"),
            record_id=record.rec_headers.get_header("WARC-Record-ID"),
            content_type=_content_type(record),
            payload=payload,
            offset=offset,
        )
