"""Stand-ins for the store tests: a rule-of-thumb extractor, canned HTTP, fictional articles.

``stub_extract`` is deterministic (the same text gives the same record) and fast,
so ingest and resumability tests do not load spaCy; it finds sentences like
``Mira Vell said ...`` / ``... told Radio Lumen ...`` and makes attributions,
sources and assertions with correct offsets. Everything here is invented.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sourcetrace.errors import FetchError
from sourcetrace.ingest.fetch import Response
from sourcetrace.records import (
    Article,
    Assertion,
    Attribution,
    Channel,
    Cue,
    Extraction,
    Mention,
    Source,
    SourceSpan,
    TextSpan,
)

_SAID = re.compile(
    r"(?P<src>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?P<cue>said|told|claimed)"
    r"(?: (?P<ch>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?(?: that)? (?P<content>[^.]+)\."
)
_SENTENCE = re.compile(r"[^.\n]+\.")
STANCES = {"said": "assert", "told": "assert", "claimed": "claim"}


def stub_record(article: Article) -> Extraction:
    text = article.text
    attributions: list[Attribution] = []
    sources: dict[str, list[Mention]] = {}
    channels: dict[str, list[str]] = {}
    covered: list[tuple[int, int]] = []
    for n, m in enumerate(_SAID.finditer(text), start=1):
        name = m["src"]
        source = SourceSpan(m.start("src"), m.end("src"), name, name, "person")
        cue = Cue(m.start("cue"), m.end("cue"), m["cue"], m["cue"], STANCES[m["cue"]])
        channel = Channel(m["ch"], m.start("ch"), m.end("ch"), m["ch"]) if m["ch"] else None
        content = (TextSpan(m.start("content"), m.end("content"), m["content"]),)
        attributions.append(Attribution(f"a{n}", "indirect", source, cue, content, channel,
                                        confidence=0.75))
        sources.setdefault(name, []).append(Mention(source.start, source.end))
        if channel and channel.name not in channels.setdefault(name, []):
            channels[name].append(channel.name)
        covered.append((m.start(), m.end()))
    assertions = []
    for s in _SENTENCE.finditer(text):
        if not any(a <= s.start() < b for a, b in covered):
            start = s.start() + (len(s.group()) - len(s.group().lstrip()))
            hedge = None
            if (h := s.group().find("perhaps")) >= 0:
                hedge = TextSpan(s.start() + h, s.start() + h + 7, "perhaps")
            assertions.append(Assertion(start, s.end(), text[start:s.end()], hedge))
    return Extraction(
        doc=article.meta(), text=text, attributions=tuple(attributions),
        assertions=tuple(assertions),
        sources=tuple(Source(n, "person", None, tuple(ms), tuple(channels.get(n, ())))
                      for n, ms in sources.items()),
    )


def stub_extract(articles: list[Article]) -> list[Extraction]:
    """A picklable extractor (module level) for ``ingest_corpus``."""
    return [stub_record(a) for a in articles]


def slow_stub_extract(articles: list[Article]) -> list[Extraction]:
    """``stub_extract`` taking 3 ms per article, so that a kill lands mid-run."""
    time.sleep(0.003 * len(articles))
    return stub_extract(articles)


def failing_stub_extract(articles: list[Article]) -> list[Extraction]:
    """``stub_extract`` that raises on any article containing the word ``EXPLODE``."""
    if any("EXPLODE" in a.text for a in articles):
        raise RuntimeError("the stub extractor refuses EXPLODE")
    return stub_extract(articles)


@dataclass
class CannedFetcher:
    """A fetcher answering from a dict: URL → (content type, body) or an error reason."""

    pages: dict[str, tuple[str, bytes] | str] = field(default_factory=dict)
    fetched: list[str] = field(default_factory=list)
    now: str = "2025-06-01T12:00:00Z"

    def fetch(self, url: str) -> Response:
        self.fetched.append(url)
        page = self.pages.get(url, "HTTP 404 Not Found")
        if isinstance(page, str):
            raise FetchError(url, page)
        content_type, body = page
        return Response(url=url, final_url=url, status=200, content_type=content_type,
                        body=body, retrieved_at=self.now)


NAMES = ["Mira Vell", "Osric Dane", "Tamsin Roe", "Bram Ketter", "Ilse Moor", "Corin Hale"]
OUTLETS = ["Radio Lumen", "Harbour Ledger", "Northgate Wire"]
PLACES = ["Caldmere", "Lissom", "Tarrow", "Osterfell"]
THINGS = ["the ferry", "the granary", "the old mill", "the toll bridge", "the lighthouse"]


def fictional_text(n: int) -> str:
    """A short invented news text, different for every ``n``."""
    name, other = NAMES[n % len(NAMES)], NAMES[(n * 7 + 3) % len(NAMES)]
    outlet, place = OUTLETS[n % len(OUTLETS)], PLACES[(n // 3) % len(PLACES)]
    thing = THINGS[(n // 2) % len(THINGS)]
    return (
        f"Report {n} from {place}.\n\n"
        f"{name} told {outlet} that {thing} in {place} would close for {n % 9 + 2} weeks. "
        f"{other} said the council had known since spring. "
        f"The closure perhaps affects {n * 13 % 400 + 20} households. "
        f"Repairs are expected to cost {n * 37 % 900 + 100} thousand crowns.\n"
    )


def write_warc(path: Path, pages: list[tuple[str, str]]) -> list[bytes]:
    """Write a gzipped WARC of HTML ``(url, text)`` pages (dated 2025-05-14); return the bodies."""
    from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
    from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

    bodies = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, text in pages:
            body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-05-14T16:40:00Z"}))
            bodies.append(body)
    return bodies


def fictional_articles(count: int, start: int = 0) -> Iterable[str]:
    return (fictional_text(n) for n in range(start, start + count))
