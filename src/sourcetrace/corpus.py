"""Captured items: what a user names (files, folders, URLs) → articles with their custody.

This is the input edge of ``sourcetrace ingest``. Unlike
:func:`sourcetrace.ingest.iter_inputs`, every article comes with a
:class:`Capture`: the raw bytes it was parsed from, their SHA-256, when and where
(URL and/or path, plus a locator inside the file) they were captured.

What is read, by suffix (case-insensitive) or URL scheme:

- ``.txt``, ``.html``/``.htm``: the whole file is one article and its raw bytes;
- ``.jsonl``, ``.jsonl.gz``: one article per line, the line's (decompressed) bytes
  without the line ending raw; read as a stream, so a shard may be any size;
- ``.warc``/``.warc.gz``: one article per archived HTML/text page, the HTTP body
  raw, the URL and retrieval time from the WARC headers;
- ``.xml``/``.rss``/``.atom``: a feed; an item with full content is an article
  whose raw bytes are the whole feed file (the locator names the item), an item
  without content is fetched by its link (if a fetcher is given);
- ``http://``/``https://`` URLs: fetched with the given
  :class:`~sourcetrace.ingest.fetch.Fetcher`; a feed's items are each fetched by
  link, HTML and plain text pages are articles. Other schemes are refused;
- ``-``: standard input, plain text; folders: searched recursively for the
  suffixes above (sorted, hidden entries and links to folders skipped).

Every failure is yielded as an :class:`~sourcetrace.errors.InputError` in input
order and the stream goes on. ``max_bytes`` caps one article (a whole
text/HTML/feed file, one JSONL line, one WARC record, one HTTP body); WARC and
JSONL files themselves may be any size.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from .errors import InputError
from .ingest.corpora import parse_jsonl_line
from .ingest.feeds import FEED_SUFFIXES, Feed, item_article, looks_like_feed, parse_feed
from .ingest.fetch import SCHEMES, Fetcher, Response, is_url, utc_now
from .ingest.html import parse_html
from .ingest.inputs import DEFAULT_MAX_BYTES
from .ingest.text import parse_text
from .ingest.warc import WARC_SUFFIXES, iter_warc
from .records import Article

TEXT_SUFFIXES: tuple[str, ...] = (".txt",)
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz")
INGEST_SUFFIXES: tuple[str, ...] = tuple(sorted(
    TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES
))
FEED_MEDIA = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml",
})
HTML_MEDIA = frozenset({"text/html", "application/xhtml+xml"})
STDIN = "-"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Capture:
    """The custody of one ingested item: its exact bytes, their hash, when and where from.

    ``locator`` points inside the file when the item is part of one
    (``line 12`` of a JSONL file, a WARC record id, a feed item's id).
    """

    raw: bytes
    sha256: str
    retrieved_at: str
    url: str | None = None
    path: str | None = None
    locator: str | None = None

    @property
    def size(self) -> int:
        return len(self.raw)


@dataclass(frozen=True, slots=True)
class Captured:
    """An article, the capture it was parsed from, and the input's name as errors give it."""

    article: Article
    capture: Capture
    where: str


Item = Captured | InputError


def make_capture(raw: bytes, *, retrieved_at: str | None = None, url: str | None = None,
                 path: str | None = None, locator: str | None = None) -> Capture:
    """A :class:`Capture` of ``raw`` (hashed here), retrieved now unless told when."""
    return Capture(raw=raw, sha256=hashlib.sha256(raw).hexdigest(),
                   retrieved_at=retrieved_at or utc_now(), url=url, path=path, locator=locator)


def suffix_of(path: str) -> str:
    """The ingest suffix of ``path`` (``.warc.gz``, ``.jsonl.gz`` count as one), lower case."""
    lower = path.lower()
    for double in (".warc.gz", ".jsonl.gz"):
        if lower.endswith(double):
            return double
    return os.path.splitext(lower)[1]


def find_ingest_files(directory: str) -> list[str]:
    """Files under ``directory`` with an ingest suffix, recursively, in path order."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and suffix_of(name) in INGEST_SUFFIXES:
                path = os.path.join(root, name)
                found.append((tuple(os.path.relpath(path, directory).split(os.sep)), path))
    return [path for _, path in sorted(found)]


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode_declared(body: bytes, content_type: str | None) -> str | bytes:
    """``body`` decoded with the HTTP charset when it is not UTF-8, else left as bytes."""
    charset = _charset(content_type)
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    try:
        codecs.lookup(charset)
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return body


def article_from_payload(body: bytes, content_type: str | None, *, where: str,
                         url: str | None, path: str | None = None) -> Article:
    """An article from an HTTP/WARC body, parsed by its media type (HTML or plain text).

    The retrieval ``url`` replaces any canonical URL the page declares: the
    article is what was found at that address.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    head = body[:1024].lstrip().lower()
    if media in HTML_MEDIA or (not media and head.startswith((b"<!doctype html", b"<html"))):
        article = parse_html(_decode_declared(body, content_type), path=where)
    elif media == "text/plain":
        article = parse_text(_decode_declared(body, content_type), path=where)
    else:
        raise InputError(where, f"unsupported content type {media or 'none'!r} "
                                "(expected HTML or plain text)")
    return replace(article, url=url or article.url, path=path)


def _read_bounded(path: str, max_bytes: int) -> bytes:
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise InputError(path, f"larger than the size limit ({size:,} > {max_bytes:,} bytes)")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"larger than the size limit ({max_bytes:,} bytes)")
    return data


def _os_error(path: str, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    return InputError(path, reason[:1].lower() + reason[1:])


def iter_units(inputs: Sequence[str]) -> Iterator[str | InputError]:
    """The inputs as units read one at a time: files (folders expanded), URLs, ``-``.

    A missing path or a folder without ingestible files is an ``InputError``.
    A file unit is a *shard*: :class:`~sourcetrace.manifest.Manifest` records
    the shards a run finished.
    """
    for given in inputs:
        if given == STDIN or is_url(given):
            yield given
        elif os.path.isdir(given):
            files = find_ingest_files(given)
            if not files:
                yield InputError(given, f"directory holds no {', '.join(INGEST_SUFFIXES)} files")
            yield from files
        elif not os.path.lexists(given):
            yield InputError(given, "no such file or directory")
        else:
            yield given


class Capturer:
    """Turns inputs into :class:`Captured` items or errors (see the module notes).

    ``fetcher`` is None to refuse every URL ("fetching is disabled").
    """

    def __init__(self, *, fetcher: Fetcher | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 stdin: BinaryIO | None = None) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.fetcher = fetcher
        self.max_bytes = max_bytes
        self.stdin = stdin

    def iter_items(self, inputs: Sequence[str]) -> Iterator[Item]:
        """Every captured article or input error, in input order."""
        for unit in iter_units(inputs):
            if isinstance(unit, InputError):
                yield unit
            else:
                yield from self.unit_items(unit)

    def unit_items(self, unit: str) -> Iterator[Item]:
        """The items of one unit of :func:`iter_units` (a file, a URL or ``-``)."""
        if unit == STDIN:
            yield self._stdin()
        elif is_url(unit):
            yield from self._url(unit)
        else:
            yield from self._file(unit)

    # -- files ---------------------------------------------------------------

    def _file(self, path: str) -> Iterator[Item]:
        suffix = suffix_of(path)
        try:
            if suffix in JSONL_SUFFIXES:
                yield from self._jsonl(path)
            elif suffix in WARC_SUFFIXES:
                yield from self._warc(path)
            elif suffix in FEED_SUFFIXES:
                yield from self._feed_file(path)
            elif suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
                yield self._single(path, suffix)
            else:
                yield InputError(path, f"unsupported file type ({suffix or 'no suffix'}; "
                                       f"expected {', '.join(INGEST_SUFFIXES)})")
        except OSError as exc:  # gzip.BadGzipFile included
            yield _os_error(path, exc)
        except EOFError:
            yield InputError(path, "compressed stream ends early (truncated file)")
        except InputError as error:
            yield error

    def _single(self, path: str, suffix: str) -> Captured:
        raw = _read_bounded(path, self.max_bytes)
        parse = parse_text if suffix in TEXT_SUFFIXES else parse_html
        article = parse(raw, path=path)
        return Captured(article, make_capture(raw, url=article.url, path=path), path)

    def _jsonl(self, path: str) -> Iterator[Item]:
        limit = self.max_bytes + 2  # room for "\r\n"
        opener = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:
            number = 0
            while line := stream.readline(limit):
                number += 1
                where = f"{path}:{number}"
                if len(line) == limit and not line.endswith(b"\n"):
                    while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                        pass
                    yield InputError(where, f"line longer than the limit of {self.max_bytes} "
                                            "bytes")
                    continue
                raw = line.rstrip(b"\r\n")
                if b"\x00" in raw:
                    yield InputError(path, "binary data, not JSON Lines "
                                           f"(NUL byte on line {number})")
                    return
                if not raw.strip():
                    continue
                try:
                    article = parse_jsonl_line(raw, where=where, path=path)
                except InputError as error:
                    yield error
                    continue
                yield Captured(article, make_capture(raw, url=article.url, path=path,
                                                     locator=f"line {number}"), where)

    def _warc(self, path: str) -> Iterator[Item]:
        with open(path, "rb") as stream:
            for page in iter_warc(stream, path=path, max_bytes=self.max_bytes):
                if isinstance(page, InputError):
                    yield page
                    continue
                where = f"{path}#{page.offset}"
                try:
                    article = article_from_payload(page.payload, page.content_type,
                                                   where=where, url=page.url, path=path)
                except InputError as error:
                    yield error
                    continue
                yield Captured(article, make_capture(
                    page.payload, retrieved_at=page.date, url=page.url, path=path,
                    locator=page.record_id or f"offset {page.offset}",
                ), where)

    def _feed_file(self, path: str) -> Iterator[Item]:
        raw = _read_bounded(path, self.max_bytes)
        feed = parse_feed(raw, where=path)
        retrieved_at = utc_now()
        for number, item in enumerate(feed.items, start=1):
            locator = item.guid or item.link or f"item {number}"
            article = item_article(item, feed, path=path)
            if article is not None:
                yield Captured(article, make_capture(raw, retrieved_at=retrieved_at,
                                                     url=item.link, path=path, locator=locator),
                               f"{path}#{number}")
            elif item.link:
                yield from self._page(item.link, feed=feed)
            else:
                yield InputError(f"{path}#{number}", "feed item has neither content nor link")

    def _stdin(self) -> Item:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        raw = stream.read(self.max_bytes + 1)
        if len(raw) > self.max_bytes:
            return InputError(STDIN, f"larger than the size limit ({self.max_bytes:,} bytes)")
        try:
            article = parse_text(raw, path=STDIN)
        except InputError as error:
            return error
        return Captured(article, make_capture(raw, path=STDIN), STDIN)

    # -- network -------------------------------------------------------------

    def _url(self, url: str) -> Iterator[Item]:
        scheme = url.partition("://")[0].lower()
        if scheme not in SCHEMES:
            yield InputError(url, f"only http and https URLs are fetched, not {scheme}:")
            return
        if self.fetcher is None:
            yield InputError(url, "fetching URLs is disabled")
            return
        try:
            response = self.fetcher.fetch(url)
        except InputError as error:
            yield error
            return
        if response.media_type in FEED_MEDIA or (
            response.media_type not in HTML_MEDIA and looks_like_feed(response.body)
        ):
            try:
                feed = parse_feed(response.body, where=url)
            except InputError as error:
                yield error
                return
            for number, item in enumerate(feed.items, start=1):
                if item.link:
                    yield from self._page(item.link, feed=feed)
                else:
                    yield InputError(f"{url}#{number}", "feed item has no link")
            return
        yield from self._page(url, response=response)

    def _page(self, url: str, *, feed: Feed | None = None,
              response: Response | None = None) -> Iterator[Item]:
        """One fetched page as an article (``response`` if already fetched)."""
        if response is None:
            scheme = url.partition("://")[0].lower()
            if scheme not in SCHEMES or not is_url(url):
                yield InputError(url, "only http and https URLs are fetched")
                return
            if self.fetcher is None:
                yield InputError(url, "fetching URLs is disabled")
                return
            try:
                response = self.fetcher.fetch(url)
            except InputError as error:
                yield error
                return
        try:
            article = article_from_payload(response.body, response.content_type,
                                           where=url, url=url)
        except InputError as error:
            yield error
            return
        if feed is not None and feed.title and not article.outlet:
            article = replace(article, outlet=feed.title)
        yield Captured(article, make_capture(response.body, retrieved_at=response.retrieved_at,
                                             url=url), url)
