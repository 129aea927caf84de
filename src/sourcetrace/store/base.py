"""The evidence store interface: what every backend (SQLite, PostgreSQL) offers.

A store holds articles with their extraction records (attributions, sources,
assertions), the custody of every capture they were parsed from (raw bytes,
SHA-256, retrieval time, URL/path), and the inputs that failed. It is written by
one writer, in batches (:meth:`Store.write`, one transaction each), and read by
anyone.

Identity (:func:`article_key`): an article is its URL when known, else the id its
JSONL record gave, else the SHA-256 of its text; the public article id is the
first 16 hex digits of the SHA-256 of ``kind:value``. The same text under two
URLs is two articles; new bytes at a known URL are a new capture of the same
article, whose record then follows the most recent retrieval.

The read results are frozen records with ``to_dict`` for JSON output; article
records keep the shape of :meth:`~sourcetrace.records.Extraction.to_dict` plus
``identity`` and a ``captures`` list, so
:meth:`~sourcetrace.records.Extraction.from_dict` reads them.

Provenance (:mod:`sourcetrace.linking`) is kept too: :meth:`Store.save_provenance`
replaces the linking results of the whole corpus in one transaction, with the
:meth:`Store.corpus_signature` they were computed over, so a reader can tell
whether they are current (:class:`LinkState`). Articles stored after the last
link have no provenance until the next one.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal

from ..corpus import Capture
from ..errors import InputError, UsageError
from ..ingest.fetch import normalize_url
from ..linking import ArticleProvenance, ClaimCluster, Provenance, Story
from ..records import Article, DocMeta, Extraction, sha256_text

IdentityKind = Literal["url", "id", "sha256"]
HIGHLIGHT_START = "\ue000"  # private-use characters, practically never in news text
HIGHLIGHT_END = "\ue001"
_WORDS = re.compile(r"[^\W_]+")
_CHUNKS = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """Who an article is: its public ``id`` and the identity it was derived from."""

    id: str
    kind: IdentityKind
    value: str
    ext_id: str | None = None


def article_key(article: Article) -> ArticleKey:
    """The identity of ``article``: URL, else JSONL id, else text hash (see the module notes)."""
    kind: IdentityKind
    if article.url:
        kind, value = "url", normalize_url(article.url)
    elif article.id:
        kind, value = "id", article.id
    else:
        kind, value = "sha256", sha256_text(article.text)
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:16]
    return ArticleKey(id=digest, kind=kind, value=value, ext_id=article.id)


@dataclass(frozen=True, slots=True)
class CaptureWrite:
    """One captured item to store: identity, custody, input name, metadata, record.

    ``doc`` is the article's metadata as captured (``doc.id == key.id``);
    ``record`` is None when the text equals the stored text (nothing to extract).
    """

    key: ArticleKey
    capture: Capture
    where: str
    doc: DocMeta
    record: Extraction | None


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one :meth:`Store.write` changed."""

    new_articles: int = 0
    updated_articles: int = 0
    new_captures: int = 0
    unchanged: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class CaptureInfo:
    """The custody of one capture as stored (its bytes are fetched with ``Store.raw``)."""

    sha256: str
    retrieved_at: str
    url: str | None
    path: str | None
    size: int
    locator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "retrieved_at": self.retrieved_at, "url": self.url,
                "path": self.path, "size": self.size, "locator": self.locator}


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article's identity, current extraction record, and every capture, oldest first."""

    record: Extraction
    captures: tuple[CaptureInfo, ...]
    key: ArticleKey

    @property
    def id(self) -> str:
        return self.record.doc.id

    def to_dict(self) -> dict[str, Any]:
        """The record's JSON plus ``identity`` (kind, value, JSONL id) and ``captures``."""
        data = self.record.to_dict()
        data["identity"] = {"kind": self.key.kind, "value": self.key.value,
                            "ext_id": self.key.ext_id}
        data["captures"] = [c.to_dict() for c in self.captures]
        return data


@dataclass(frozen=True, slots=True)
class Stats:
    """Row counts of a store."""

    articles: int
    attributions: int
    sources: int
    assertions: int
    failed: int
    captures: int

    def to_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "attributions": self.attributions,
                "sources": self.sources, "assertions": self.assertions,
                "failed": self.failed, "captures": self.captures}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: an article (title/text) or an attribution's content.

    ``snippet`` is plain text; ``highlights`` are ``(start, end)`` offsets of the
    matched words inside it.
    """

    kind: Literal["article", "attribution"]
    article_id: str
    title: str | None
    url: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    attribution_id: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "article_id": self.article_id, "title": self.title,
                "url": self.url, "attribution_id": self.attribution_id, "source": self.source,
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights]}


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution with its article's metadata: a row of ``sources`` and the CSV export."""

    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    attribution_id: str
    kind: str
    source: str | None
    source_type: str | None
    cue: str
    stance: str
    content: str
    channel: str | None
    parent: str | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "title": self.title, "url": self.url,
                "outlet": self.outlet, "published": self.published,
                "attribution_id": self.attribution_id, "kind": self.kind,
                "source": self.source, "source_type": self.source_type, "cue": self.cue,
                "stance": self.stance, "content": self.content, "channel": self.channel,
                "parent": self.parent, "confidence": round(self.confidence, 3)}


STATEMENT_FIELDS: tuple[str, ...] = (
    "article_id", "title", "url", "outlet", "published", "attribution_id", "kind", "source",
    "source_type", "cue", "stance", "content", "channel", "parent", "confidence",
)


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """An input that could not be ingested, why, and when it last failed."""

    where: str
    reason: str
    failed_at: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "reason": self.reason, "failed_at": self.failed_at}


@dataclass(frozen=True, slots=True)
class LinkState:
    """The last linking saved: its run number, when, over which corpus, and what it found.

    ``signature`` is the :meth:`Store.corpus_signature` the linking was computed
    over; it differs from the store's current one once articles were added or
    changed since.
    """

    run: int
    linked_at: str
    signature: str
    articles: int
    stories: int
    claims: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run, "linked_at": self.linked_at, "signature": self.signature,
                "articles": self.articles, "stories": self.stories, "claims": self.claims,
                "seconds": round(self.seconds, 3)}


def parse_query(query: str) -> tuple[tuple[str, ...], ...]:
    """A search query as phrases of lower-case words, every operator made literal.

    ``"double quoted"`` text is one phrase; every other whitespace-separated
    chunk is a phrase of the words in it (``well-known`` → ``well known``). Only
    letters and digits count; quotes, FTS operators (``OR``, ``NEAR``, ``*``,
    ``^``, ``:``) and SQL metacharacters are plain text, so any query is safe. All
    phrases must match (AND). Raises ``UsageError`` if no word is left.
    """
    phrases: list[tuple[str, ...]] = []
    for quoted, bare in _CHUNKS.findall(query):
        words = tuple(w.lower() for w in _WORDS.findall(quoted or bare))
        if words:
            phrases.append(words)
    if not phrases:
        raise UsageError(f"search query {query!r} has no words to search for")
    return tuple(phrases)


def split_highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove the highlight markers from a backend snippet; return text and offsets."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", marked):
        if piece == HIGHLIGHT_START:
            start = length
        elif piece == HIGHLIGHT_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(piece)
            length += len(piece)
    return "".join(out), tuple(spans)


class Store(ABC):
    """An evidence store; open one with :func:`sourcetrace.open_store`.

    Use as a context manager (or call :meth:`close`). Not safe to share between
    threads or processes: open one per process; only one should write at a time.
    """

    url: str

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    @abstractmethod
    def schema_version(self) -> int:
        """The schema version of the database (the last migration applied)."""

    # -- writing -------------------------------------------------------------

    @abstractmethod
    def has_capture(self, article_id: str, sha256: str) -> bool:
        """Whether the article already holds a capture with these raw bytes."""

    @abstractmethod
    def text_sha256(self, article_id: str) -> str | None:
        """The SHA-256 of the article's current text, or None if it is not stored."""

    @abstractmethod
    def write(self, items: Sequence[CaptureWrite | InputError]) -> WriteResult:
        """Store captures and failures in one transaction: all of them or none.

        A capture already held is skipped; a new capture of a known article
        replaces its record when it was retrieved at least as late as the
        current one and carries a record. A failure is kept per input
        (``where``), and a later capture from the same input clears it.
        """

    @abstractmethod
    def delete(self, ref: str) -> str:
        """Remove an article (by id, JSONL id or URL) with its record and captures.

        Raw bytes no other capture shares are removed too; the saved linking
        stays until the next link run (its corpus signature no longer matches).
        Returns the article id; raises ``NotFoundError``.
        """

    # -- reading -------------------------------------------------------------

    @abstractmethod
    def stats(self) -> Stats:
        """Counts of articles, attributions, sources, assertions, failed inputs, captures."""

    @abstractmethod
    def article(self, ref: str) -> StoredArticle:
        """An article by id, JSONL id or URL; raises ``NotFoundError``."""

    @abstractmethod
    def article_ids(self, *, stored_order: bool = False) -> list[str]:
        """Every article id, sorted; with ``stored_order``, in the order first stored."""

    def iter_articles(self, *, stored_order: bool = False) -> Iterator[StoredArticle]:
        """Every stored article, in id order or first-stored order (read one at a time)."""
        for article_id in self.article_ids(stored_order=stored_order):
            yield self.article(article_id)

    @abstractmethod
    def raw(self, ref: str) -> tuple[CaptureInfo, bytes]:
        """The original bytes of a capture (by SHA-256) or of an article's latest capture.

        The bytes are checked against their SHA-256; a mismatch raises
        ``StoreError``.
        """

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search (see :func:`parse_query`): article hits, then attribution hits."""

    @abstractmethod
    def statements(self, name: str | None = None, *, sourced_only: bool = True,
                   limit: int | None = None) -> list[Statement]:
        """Attributions across articles, by source name (case-insensitive substring)."""

    @abstractmethod
    def iter_statements(self) -> Iterator[Statement]:
        """Every attribution, sourced or not, in article id order (for exports)."""

    @abstractmethod
    def failures(self) -> list[FailureRecord]:
        """Every recorded failed input, in input-name order."""

    # -- provenance ----------------------------------------------------------

    @abstractmethod
    def corpus_signature(self) -> str:
        """A SHA-256 over every article's id, text hash and metadata: changes with the corpus."""

    @abstractmethod
    def save_provenance(self, provenance: Provenance, *, signature: str,
                        seconds: float = 0.0) -> LinkState:
        """Replace the stored linking results with ``provenance``, in one transaction.

        ``signature`` is the :meth:`corpus_signature` it was computed over. Every
        article of ``provenance`` must be stored; raises ``StoreError`` otherwise.
        """

    @abstractmethod
    def link_features(self, version: str) -> dict[str, bytes]:
        """Kept link features by article id: those computed by code ``version`` from
        the article's current text and metadata (stale ones are left out)."""

    @abstractmethod
    def save_link_features(self, version: str, features: Mapping[str, bytes]) -> None:
        """Keep link features (by article id) computed by code ``version`` from the
        articles' current text and metadata; features of other versions are dropped.
        Ids that are not stored articles are ignored."""

    @abstractmethod
    def link_state(self) -> LinkState | None:
        """The last linking saved, or None if the store was never linked."""

    @abstractmethod
    def provenance(self) -> Provenance | None:
        """The stored linking as a readable, traceable Provenance (None if never linked).

        It is :meth:`Provenance.restore`-d: it holds no records, so it cannot be updated.
        """

    @abstractmethod
    def article_provenance(self, article_id: str) -> ArticleProvenance | None:
        """One article's originality, based_on and cites; None if it was not linked."""

    @abstractmethod
    def stories(self) -> list[Story]:
        """The stored stories, in the order linking gave them (empty if never linked)."""

    @abstractmethod
    def claims(self, story: str | None = None) -> list[ClaimCluster]:
        """The stored claim clusters (of one story when given), most widely carried first."""
