"""The web app's one door to the evidence store and to provenance.

Every page and API route reads through :class:`WebData`; nothing else in
``web/`` or ``api/`` touches :mod:`sourcetrace.store` or
:mod:`sourcetrace.linking`, so changes to either touch this module only.

Where the data comes from:

- **The store** (``open_store(url)``) gives article records with custody
  (``Store.article``), full-text search (``Store.search``), statements by source
  (``Store.statements``), counts and failures. One connection is shared and every
  call holds a lock (a store is not safe to share between threads unguarded).
- **Provenance** is read from the store (``Store.provenance``, saved by
  ``sourcetrace link`` and at the end of ``ingest``) when the saved linking
  covers the current corpus (its corpus signature matches); otherwise — never
  linked, or ingested with ``--no-link`` since — it is computed here, in
  process, with :func:`~sourcetrace.linking.link_corpus` over every stored
  record, and not saved (the app may be reading a store it should not write).
  An ingest made through this app links and saves, incrementally from the
  current snapshot when it was linked here. This happens at start-up (first use) and
  again whenever the store changes, noticed by comparing the store's counts
  (articles, captures, failures) and its link run, checked at most every
  ``refresh_seconds``, and at once after an ingest made through this app. The
  result is an immutable :class:`Snapshot` (provenance plus indexes for
  listing, filtering and the source pages) swapped in whole, so requests never
  see half of one.

Limits: the snapshot holds every record in memory, and without a current saved
linking, linking is redone over the whole corpus on a change (near-linear, about
a second per few thousand articles): fine for a desk's corpus, not for millions
of articles. Outlet,
language and title fall back to what linking guessed from the text when the
metadata lacks them. Topic filters use the built-in topic packs' tagging of each
article's claims (:func:`topic_tags`), redone with each snapshot.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from ..errors import NotFoundError
from ..ingest.fetch import Fetcher
from ..ingest_job import Extractor, IngestReport, ingest_corpus
from ..link_job import link_store, stored_records
from ..linking import (
    ArticleProvenance, ClaimCluster, Provenance, Story, TraceNode, link_corpus, provenance_fields,
)
from ..linking.outlets import is_own, looks_like_outlet, own_keys
from ..records import Extraction
from ..store import SearchHit, Statement, Store, StoredArticle, open_store, parse_query
from .sourcing import (
    Chain,
    ChainNode,
    SourcingSummary,
    channel_chains,
    report_tail,
    sourcing_summary,
)

_SLUG = re.compile(r"[^\w]+")
MAX_SEARCH_WINDOW = 2000


def source_key(name: str) -> str:
    """The URL key of a source name: case-folded words joined by ``-`` (any script)."""
    key = _SLUG.sub("-", name.casefold()).strip("-_")
    return key or "source"


def _date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of a date, or None."""
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What lists, filters and labels need of one article (metadata with fallbacks)."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    lang: str | None
    url: str | None
    path: str | None
    originality: str
    stories: tuple[str, ...]
    sources: tuple[str, ...]
    attributions: int
    assertions: int
    topics: tuple[str, ...] = ()  # "pack/category" ids its claims evidence

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "date": self.date,
                "lang": self.lang, "url": self.url, "path": self.path,
                "originality": self.originality, "stories": list(self.stories),
                "sources": list(self.sources), "attributions": self.attributions,
                "assertions": self.assertions, "topics": list(self.topics)}


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A speaker across the corpus: its names' key, articles and statement count."""

    key: str
    name: str
    type: str
    descriptor: str | None
    articles: tuple[str, ...]
    statements: int
    channels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.key, "name": self.name, "type": self.type,
                "descriptor": self.descriptor, "articles": list(self.articles),
                "statements": self.statements, "channels": list(self.channels)}


@dataclass(frozen=True)
class Snapshot:
    """Provenance of the whole store and the indexes built on it (immutable)."""

    signature: tuple[int, ...]
    provenance: Provenance
    rows: Mapping[str, ArticleRow]
    sources: Mapping[str, SourceRow]
    copied_by: Mapping[str, tuple[tuple[str, str], ...]]
    claims_by_article: Mapping[str, tuple[str, ...]]
    own: Mapping[str, frozenset[str]]
    all_facets: Facets
    claims: Mapping[str, ClaimCluster]
    claim_words: Mapping[str, str]
    seconds: float = 0.0
    generation: int = 0
    topic_labels: Mapping[str, str] = field(default_factory=dict)

    def label(self, article_id: str) -> str:
        row = self.rows.get(article_id)
        return row.title if row else article_id


@dataclass(frozen=True)
class Filters:
    """Home-page and API filters; empty fields do not filter. Dates are ``YYYY-MM-DD``."""

    outlet: str | None = None
    lang: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    story: str | None = None
    topic: str | None = None  # "pack/category", e.g. "recruitment/wagner"

    def active(self) -> bool:
        return any((self.outlet, self.lang, self.date_from, self.date_to, self.source, self.story,
                    self.topic))

    def keep(self, row: ArticleRow) -> bool:
        if self.outlet and (row.outlet or "").casefold() != self.outlet.casefold():
            return False
        if self.lang and (row.lang or "") != self.lang:
            return False
        if (self.date_from or self.date_to) and row.date is None:
            return False
        if self.date_from and row.date is not None and row.date < self.date_from:
            return False
        if self.date_to and row.date is not None and row.date > self.date_to:
            return False
        if self.source and source_key(self.source) not in {source_key(s) for s in row.sources}:
            return False
        if self.topic and self.topic not in row.topics:
            return False
        return not (self.story and self.story not in row.stories)


@dataclass(frozen=True)
class Facets:
    """Counts over a set of articles, for the filter menus."""

    total: int
    outlets: tuple[tuple[str, int], ...]
    langs: tuple[tuple[str, int], ...]
    stories: tuple[tuple[str, int], ...]
    originality: tuple[tuple[str, int], ...]
    topics: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "outlets": dict(self.outlets), "langs": dict(self.langs),
                "stories": dict(self.stories), "originality": dict(self.originality),
                "topics": dict(self.topics)}


def facets(rows: Sequence[ArticleRow]) -> Facets:
    def top(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    return Facets(
        total=len(rows),
        outlets=top(Counter(r.outlet for r in rows if r.outlet)),
        langs=top(Counter(r.lang for r in rows if r.lang)),
        stories=top(Counter(s for r in rows for s in r.stories)),
        originality=top(Counter(r.originality for r in rows)),
        topics=top(Counter(t for r in rows for t in r.topics)),
    )


@dataclass(frozen=True)
class ArticleView:
    """Everything the article page and ``GET /api/v1/articles/{id}`` show."""

    stored: StoredArticle
    row: ArticleRow
    provenance: ArticleProvenance | None
    summary: SourcingSummary
    chains: tuple[Chain, ...]
    tail: tuple[ChainNode, ...]
    claims: tuple[ClaimCluster, ...]
    copied_by: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """The CLI's ``article --format json`` shape plus provenance and sourcing fields."""
        data = self.stored.to_dict()
        data.update(provenance_fields(self.provenance))
        data["copied_by"] = [{"article": a, "relation": r} for a, r in self.copied_by]
        data["stories"] = list(self.row.stories)
        data["claims"] = [c.id for c in self.claims]
        data["sourcing"] = self.summary.to_dict()
        return data


@dataclass(frozen=True)
class SearchResult:
    """Store hits (articles, then attributions) kept by the filters, and matching claims."""

    hits: tuple[SearchHit, ...]
    claims: tuple[ClaimCluster, ...]
    more: bool


class WebData:
    """The store and its provenance for the web app (see the module notes).

    ``store`` may be given already open (tests, ``:memory:``); otherwise ``url``
    is opened (never created: a missing SQLite file is an error).
    """

    def __init__(self, url: str | None = None, *, store: Store | None = None,
                 refresh_seconds: float = 5.0) -> None:
        self._store = store if store is not None else open_store(url, create=False)
        self.url = self._store.url
        self.refresh_seconds = refresh_seconds
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._generation = 0
        self._maps: dict[tuple[int, str], dict[str, Any]] = {}

    def close(self) -> None:
        with self._lock:
            self._store.close()

    @contextmanager
    def _db(self) -> Iterator[Store]:
        with self._lock:
            yield self._store

    # -- the snapshot ----------------------------------------------------------

    def _signature(self) -> tuple[int, ...]:
        with self._db() as store:
            stats = store.stats()
            state = store.link_state()
        return (stats.articles, stats.captures, stats.failed, state.run if state else 0)

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt when the store changed (checked every few seconds)."""
        snap = self._snapshot
        now = time.monotonic()
        if snap is not None and now - self._checked < self.refresh_seconds:
            return snap
        with self._build_lock:
            snap = self._snapshot
            if snap is not None and time.monotonic() - self._checked < self.refresh_seconds:
                return snap
            signature = self._signature()
            if snap is None or snap.signature != signature:
                self._generation += 1
                snap = replace(self._build(signature), generation=self._generation)
                self._snapshot = snap
            self._checked = time.monotonic()
            return snap

    def invalidate(self) -> None:
        """Force a check of the store on the next request (after a write)."""
        self._checked = 0.0

    def _build(self, signature: tuple[int, ...]) -> Snapshot:
        started = time.perf_counter()
        with self._db() as store:
            records = stored_records(store)
            prov = _saved_provenance(store)
        if prov is None:
            prov = link_corpus(records)
        return build_snapshot(records, prov, signature, time.perf_counter() - started)

    # -- articles ------------------------------------------------------------

    def article(self, ref: str) -> ArticleView:
        """One article with its provenance, sourcing summary and channel chains."""
        with self._db() as store:
            stored = store.article(ref)
        snap = self.snapshot()
        record = stored.record
        row = snap.rows.get(stored.id) or _row(record, None, None, ())
        prov = snap.provenance.articles.get(stored.id)
        own = snap.own.get(stored.id) or own_keys(record.doc.outlet, record.doc.url)

        def own_test(name: str) -> bool:
            return is_own(name, own)

        derivative = prov is not None and prov.originality == "derivative"
        reports = [(b.outlet or (snap.label(b.article) if b.article else "?"), b.relation)
                   for b in (prov.based_on if prov and derivative else ())]
        label = f"this article ({row.outlet})" if row.outlet else "this article"
        chains = channel_chains(record, is_own=own_test)
        claims = tuple(snap.claims[c] for c in snap.claims_by_article.get(stored.id, ()))
        summary = sourcing_summary(record, is_own=own_test, derivative=derivative,
                                   is_outlet=looks_like_outlet)
        return ArticleView(stored, row, prov, summary, tuple(chains),
                           report_tail(label, reports), claims,
                           snap.copied_by.get(stored.id, ()))

    def rows(self, filters: Filters = Filters()) -> list[ArticleRow]:
        """The stored articles kept by ``filters``, newest first."""
        return [r for r in self.snapshot().rows.values() if filters.keep(r)]

    # -- search --------------------------------------------------------------

    def search(self, query: str, filters: Filters = Filters(), *, limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Full-text hits ``offset``..``offset+limit`` kept by ``filters``, and matching claims.

        The store ranks articles, then attributions; filtering happens after, so
        at most :data:`MAX_SEARCH_WINDOW` hits of each kind are looked at.
        """
        phrases = parse_query(query)
        window = min(offset + limit + 1, MAX_SEARCH_WINDOW)
        snap = self.snapshot()
        if filters.active():
            window = MAX_SEARCH_WINDOW
        with self._db() as store:
            hits = store.search(query, limit=window)
        kept = [h for h in hits if (row := snap.rows.get(h.article_id)) is None
                or filters.keep(row)] if filters.active() else hits
        page = kept[offset:offset + limit]
        wanted = [" " + " ".join(p) for p in phrases]  # phrases matching from a word start
        claims = tuple(c for c in snap.provenance.claims
                       if all(w in snap.claim_words.get(c.id, "") for w in wanted)
                       and (not filters.story or filters.story in c.stories))
        return SearchResult(tuple(page), claims, len(kept) > offset + limit)

    # -- sources and statements -----------------------------------------------

    def source(self, key: str) -> SourceRow:
        row = self.snapshot().sources.get(key)
        if row is None:
            raise NotFoundError(self.url, key, "source")
        return row

    def sources(self, name: str | None = None) -> list[SourceRow]:
        """Sources whose name contains ``name`` (any case), most statements first."""
        rows = list(self.snapshot().sources.values())
        if name:
            needle = name.casefold()
            rows = [r for r in rows if needle in r.name.casefold()]
        return rows

    def statements_of(self, key: str) -> list[Statement]:
        """Every statement of one source (by key), by date."""
        row = self.source(key)
        rows = self.snapshot().rows
        with self._db() as store:
            found = store.statements(row.name)

        def when(s: Statement) -> str:
            known = rows.get(s.article_id)
            return _date(s.published) or (known.date if known else None) or "9999"

        return sorted((s for s in found if s.source and source_key(s.source) == key),
                      key=lambda s: (when(s), s.article_id))

    def statements(self, *, limit: int, offset: int,
                   name: str | None = None) -> tuple[list[Statement], bool]:
        """A page of attributions (by source name, any case, when given) and whether more follow.

        Without ``name`` every attribution, sourced or not, in article order; with
        it, the statements of sources whose name contains ``name``.
        """
        with self._db() as store:
            if name:
                found = store.statements(name, limit=offset + limit + 1)
                return found[offset:offset + limit], len(found) > offset + limit
            page = list(islice(store.iter_statements(), offset, offset + limit + 1))
        return page[:limit], len(page) > limit

    # -- claims and stories ------------------------------------------------------

    def claim(self, claim_id: str) -> tuple[ClaimCluster, TraceNode]:
        snap = self.snapshot()
        if claim_id not in snap.claims:
            raise NotFoundError(self.url, claim_id, "claim")
        return snap.claims[claim_id], snap.provenance.trace(claim_id)

    def claims(self, story: str | None = None) -> tuple[ClaimCluster, ...]:
        prov = self.snapshot().provenance
        return prov.claims_of_story(story) if story else prov.claims

    def story(self, story_id: str) -> Story:
        for s in self.snapshot().provenance.stories:
            if s.id == story_id:
                return s
        raise NotFoundError(self.url, story_id, "story")

    def stories(self) -> tuple[Story, ...]:
        return self.snapshot().provenance.stories

    # -- counts and writing ------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """The store's counts plus the number of stories and claims linking found."""
        with self._db() as store:
            counts: dict[str, Any] = dict(store.stats().to_dict())
        snap = self.snapshot()
        counts["stories"] = len(snap.provenance.stories)
        counts["claims"] = len(snap.provenance.claims)
        counts["link_seconds"] = round(snap.seconds, 3)
        return counts

    def failures(self) -> list[dict[str, str]]:
        with self._db() as store:
            return [f.to_dict() for f in store.failures()]

    def ingest(self, inputs: Sequence[str], *, fetcher: Fetcher | None,
               extractor: Extractor | None = None, max_bytes: int | None = None,
               progress: Callable[[int], None] | None = None) -> IngestReport:
        """Ingest ``inputs`` (paths, URLs) into the store, then link and save its provenance.

        The snapshot is rebuilt after (see :meth:`_writer`).
        """
        options: dict[str, Any] = {"fetcher": fetcher, "extractor": extractor,
                                   "progress": progress}
        if max_bytes is not None:
            options["max_bytes"] = max_bytes
        snap = self._snapshot
        previous = snap.provenance if snap is not None else None
        with self._writer() as store:
            report = ingest_corpus(store, inputs, **options)
            link_store(store, previous=previous)
        return report

    def topic_map(self, topic: str) -> dict[str, Any]:
        """The evidence map of the built-in topic pack ``topic`` over the store (JSON shape).

        Built once per snapshot generation and topic (it links with the pack's
        interest policy); ``NotFoundError`` for a pack that is not built in.
        """
        from ..topics import builtin_packs, load_pack, map_records

        if topic not in builtin_packs():
            raise NotFoundError(self.url, topic, "topic pack")
        snap = self.snapshot()
        key = (snap.generation, topic)
        cached = self._maps.get(key)
        if cached is not None:
            return cached
        with self._db() as store:
            records = stored_records(store)
        emap, _ = map_records(records, load_pack(topic))
        built = emap.to_dict()
        self._maps = {key: built}
        return built

    def delete(self, ref: str) -> str:
        """Remove an article from the store and link again; returns its id.

        Raises ``NotFoundError``; the snapshot is rebuilt after.
        """
        with self._writer() as store:
            article_id = store.delete(ref)
            link_store(store)
        return article_id

    @contextmanager
    def _writer(self) -> Iterator[Store]:
        """The store to write to, then a rebuilt snapshot.

        A file-backed store gets its own connection, so readers are not held up
        by the write; an in-memory store is written under the lock.
        """
        try:
            if _in_memory(self.url):
                with self._db() as store:
                    yield store
            else:
                with open_store(self.url) as writer:
                    yield writer
        finally:
            self.invalidate()


def _saved_provenance(store: Store) -> Provenance | None:
    """The store's saved linking when it covers the current corpus, else None."""
    state = store.link_state()
    if state is None or state.signature != store.corpus_signature():
        return None
    return store.provenance()


def _in_memory(url: str) -> bool:
    return url.endswith(":memory:")


def _words(text: str) -> str:
    """``text`` as lower-case words joined by single spaces, padded (phrase matching)."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.casefold())) + " "


def _row(record: Extraction, prov: ArticleProvenance | None, guess: Any,
         stories: tuple[str, ...], date: str | None = None) -> ArticleRow:
    doc = record.doc
    title = doc.title or (getattr(guess, "title", None) or "") or _first_line(record.text)
    return ArticleRow(
        id=doc.id, title=title or doc.path or doc.id,
        outlet=doc.outlet or getattr(guess, "outlet_name", None),
        date=_date(doc.published) or _date(date),
        lang=doc.lang or getattr(guess, "lang", None),
        url=doc.url, path=doc.path,
        originality=prov.originality if prov else "unknown", stories=stories,
        sources=tuple(dict.fromkeys(s.name for s in record.sources)),
        attributions=len(record.attributions), assertions=len(record.assertions),
    )


def build_snapshot(records: Sequence[Extraction], prov: Provenance,
                   signature: tuple[int, ...] = (0, 0, 0), seconds: float = 0.0) -> Snapshot:
    """The indexes over ``records`` and their provenance (pure; see :class:`Snapshot`)."""
    # linking's guesses of outlet, language, title and own-outlet names from the text
    guesses = prov.guesses
    story_of: dict[str, list[str]] = defaultdict(list)
    for s in prov.stories:
        for a in s.articles:
            story_of[a].append(s.id)
    topics, topic_labels = topic_tags(records)
    rows = [replace(_row(r, prov.articles.get(r.doc.id), guesses.get(r.doc.id),
                         tuple(story_of.get(r.doc.id, ())), prov.dates.get(r.doc.id)),
                    topics=topics.get(r.doc.id, ())) for r in records]
    rows.sort(key=lambda r: (r.date or "", r.id), reverse=True)
    own = {r.doc.id: (getattr(guesses.get(r.doc.id), "own", None)
                      or own_keys(r.doc.outlet, r.doc.url)) for r in records}
    copied: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for art in prov.articles.values():
        for b in art.based_on:
            if b.article and b.article != art.id:
                copied[b.article].append((art.id, b.relation))
    claims_by: dict[str, list[str]] = defaultdict(list)
    for c in prov.claims:
        for a in c.articles:
            claims_by[a].append(c.id)
    return Snapshot(
        signature=signature, provenance=prov, rows={r.id: r for r in rows},
        all_facets=facets(rows), claims={c.id: c for c in prov.claims},
        claim_words={c.id: _words(" ".join([c.text, *(m.text for m in c.mentions)]))
                     for c in prov.claims},
        sources=_source_index(records),
        copied_by={k: tuple(v) for k, v in copied.items()},
        claims_by_article={k: tuple(v) for k, v in claims_by.items()},
        own=own, seconds=seconds, topic_labels=topic_labels,
    )


def topic_tags(records: Sequence[Extraction]) -> tuple[dict[str, tuple[str, ...]],
                                                       dict[str, str]]:
    """Per article, the ``pack/category`` ids its claims evidence under the built-in packs.

    Evidence as the topic map counts it (:func:`sourcetrace.topics.tagging.tag_record`:
    a claim linking actor, method and target, not a mere keyword), and the
    labels of every category found ("Prisoners and convicts (recruitment)").
    """
    from ..topics import builtin_packs, load_pack
    from ..topics.adapter import extracted_languages
    from ..topics.tagging import article_tags, tag_record

    found: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, str] = {}
    languages = extracted_languages()
    for name in builtin_packs():
        pack = load_pack(name)
        tags = [t for record in records for t in tag_record(record, pack, languages)]
        for article, entry in article_tags(tags).items():
            for category in entry["evidenced"]:
                key = f"{name}/{category}"
                found[article].append(key)
                labels[key] = f"{pack.category(category).label} ({name})"
    return {a: tuple(v) for a, v in found.items()}, labels


@dataclass
class _SourceAcc:
    name: str
    type: str
    descriptor: str | None
    articles: dict[str, None] = field(default_factory=dict)
    statements: int = 0
    channels: dict[str, None] = field(default_factory=dict)


def _source_index(records: Sequence[Extraction]) -> dict[str, SourceRow]:
    acc: dict[str, _SourceAcc] = {}
    for r in records:
        for a in r.attributions:
            if a.source is None:
                continue
            key = source_key(a.source.name)
            entry = acc.setdefault(key, _SourceAcc(a.source.name.strip(), a.source.type,
                                                   a.source.descriptor))
            entry.articles.setdefault(r.doc.id)
            entry.statements += 1
            if a.channel is not None:
                entry.channels.setdefault(a.channel.name.strip())
    rows = [SourceRow(k, e.name, e.type, e.descriptor, tuple(e.articles), e.statements,
                      tuple(e.channels)) for k, e in acc.items()]
    rows.sort(key=lambda s: (-s.statements, s.name.casefold()))
    return {r.key: r for r in rows}


__all__ = [
    "ArticleRow", "ArticleView", "Facets", "Filters", "SearchResult", "Snapshot", "SourceRow",
    "TraceNode", "WebData", "build_snapshot", "facets", "source_key",
]
