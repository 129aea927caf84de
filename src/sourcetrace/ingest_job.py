"""The batch ingest job: inputs → captured articles → extraction → a sink.

:func:`ingest_corpus` reads the inputs with :class:`~sourcetrace.corpus.Capturer`
(files, folders, URLs, feeds, WARC, JSONL and JSONL.gz shards, streamed), skips
every capture the sink already holds, extracts the rest in batches — in this
process, or on an engine (:mod:`sourcetrace.engines`: a local process pool, a
Dask or a Ray cluster) whose workers receive articles and return records — and
writes each batch in one transaction from this process, the only writer, in
input order. The sink is a store (SQLite, PostgreSQL) or Parquet files
(:mod:`sourcetrace.sinks`).

Idempotent and resumable: a capture is identified by its article and the
SHA-256 of its raw bytes, and is looked up before it is extracted, so running
the same inputs again adds nothing and a run that was killed (even with
SIGKILL) picks up where its last committed batch ended, giving exactly the
records of an uninterrupted run. A capture whose text equals the stored text is
not extracted again. With a :class:`~sourcetrace.manifest.Manifest`, every
input file (shard) is recorded once all its items are written, and a re-run
skips the finished shards without reading them. Failures (unreadable input,
parse errors, fetch errors, extraction errors) are stored per input and
reported; the run goes on.

Limits: extraction is assumed deterministic (the same text gives the same
record, on any worker); at most two batches are in flight, so memory stays
bounded by the batch size whatever the corpus size; input order decides which
capture of an article is current when two share a retrieval time.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from .corpus import STDIN, Captured, Capturer, iter_units
from .engines import Engine, Job, open_engine
from .errors import InputError
from .ingest.fetch import Fetcher, is_url
from .ingest.inputs import DEFAULT_MAX_BYTES
from .jobs import extract_articles
from .nlp.pipeline import DEFAULT_MODE
from .manifest import Manifest, ShardDone
from .records import Article, Extraction
from .sinks import Sink
from .store.base import CaptureWrite, WriteResult, article_key

DEFAULT_BATCH_SIZE = 32
Extractor = Callable[[list[Article]], list[Extraction]]
Progress = Callable[[int], None]
ShardProgress = Callable[[ShardDone], None]
_TEXT_FIELDS: tuple[str, ...] = ("text", "id", "path", "url", "title", "outlet", "published",
                                 "lang")


@dataclass(frozen=True)
class ModeExtractor:
    """:func:`sourcetrace.jobs.extract_articles` over one batch in one extraction mode;
    picklable, so it travels to the engines' workers."""

    mode: str = DEFAULT_MODE

    def __call__(self, articles: list[Article]) -> list[Extraction]:
        return list(extract_articles(articles, batch_size=16, mode=self.mode))


def extract_batch(articles: list[Article]) -> list[Extraction]:
    """The default extractor: :class:`ModeExtractor` in the default mode."""
    return ModeExtractor()(articles)


def extract_safely(extractor: Extractor, articles: list[Article]) -> list[Extraction | str]:
    """Run ``extractor``; if the batch fails, retry one article at a time.

    Returns a record, or the reason extraction failed, per article. Runs in the
    worker processes, so it takes everything it needs as arguments.
    """
    try:
        records: list[Extraction | str] = list(extractor(articles))
        if len(records) == len(articles):
            return records
    except Exception:  # noqa: BLE001 - one bad article must not sink its batch
        pass
    results: list[Extraction | str] = []
    for article in articles:
        try:
            (record,) = extractor([article])
            results.append(record)
        except Exception as exc:  # noqa: BLE001 - recorded as the article's failure
            results.append(f"extraction failed ({type(exc).__name__}: {exc})")
    return results


@dataclass
class IngestReport:
    """What a run did: counts, the failures in input order, and its duration."""

    items: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    new_captures: int = 0
    unchanged: int = 0
    failures: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    shards_done: int = 0
    shards_skipped: int = 0
    engine: str = "local"
    workers: int = 1

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def articles_per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: WriteResult) -> None:
        self.new_articles += result.new_articles
        self.updated_articles += result.updated_articles
        self.new_captures += result.new_captures
        self.unchanged += result.unchanged

    def to_dict(self) -> dict[str, object]:
        return {
            "items": self.items, "new_articles": self.new_articles,
            "updated_articles": self.updated_articles, "new_captures": self.new_captures,
            "unchanged": self.unchanged, "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "shards_done": self.shards_done, "shards_skipped": self.shards_skipped,
            "engine": self.engine, "workers": self.workers,
        }


@dataclass(frozen=True, slots=True)
class _Pending:
    """A capture on its way to the store; ``article`` is set when it must be extracted."""

    write: CaptureWrite
    article: Article | None


@dataclass(frozen=True, slots=True)
class _ShardEnd:
    """Marks the end of a shard's items in the batch stream; ``items`` counts them all."""

    shard: str
    items: int


Slot = _Pending | InputError | _ShardEnd


def text_problem(article: Article) -> str | None:
    """Why ``article`` cannot be stored as text (NUL characters, lone surrogates), or None."""
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if value is None:
            continue
        if "\x00" in value:
            return f"{'text' if name == 'text' else 'field ' + repr(name)} contains a NUL character"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{'text' if name == 'text' else 'field ' + repr(name)} is not valid " \
                   "Unicode (lone surrogate)"
    return None


class _Run:
    """The state of one ingest: what is in flight, what was seen, what is reported."""

    def __init__(self, store: Sink, report: IngestReport, progress: Progress | None,
                 manifest: Manifest | None = None,
                 on_shard: ShardProgress | None = None) -> None:
        self.store = store
        self.report = report
        self.progress = progress
        self.manifest = manifest
        self.on_shard = on_shard
        self.shard_failed = 0  # failures committed since the last shard end
        self.in_flight: dict[str, int] = {}  # article id → captures not yet committed
        self.in_flight_captures: set[tuple[str, str]] = set()

    def tick(self, n: int) -> None:
        self.report.items += n
        if self.progress is not None and n:
            self.progress(n)

    def admit(self, item: Captured | InputError) -> Slot | None:
        """A slot for the batch, or None when the capture is already stored or queued."""
        if isinstance(item, InputError):
            return item
        problem = text_problem(item.article)
        where = item.where
        if problem:
            return InputError(where, problem)
        key = article_key(item.article)
        capture_key = (key.id, item.capture.sha256)
        if capture_key in self.in_flight_captures or self.store.has_capture(*capture_key):
            self.report.unchanged += 1
            self.tick(1)
            return None
        article = replace(item.article, id=key.id)
        doc = article.meta()
        must_extract = key.id in self.in_flight or self.store.text_sha256(key.id) != doc.sha256
        self.in_flight[key.id] = self.in_flight.get(key.id, 0) + 1
        self.in_flight_captures.add(capture_key)
        write = CaptureWrite(key=key, capture=item.capture, where=where, doc=doc, record=None)
        return _Pending(write, article if must_extract else None)

    def commit(self, slots: Sequence[Slot], records: Sequence[Extraction | str]) -> None:
        """Write one batch; ``records`` answer the slots that needed extraction, in order."""
        answers = iter(records)
        items: list[CaptureWrite | InputError] = []
        for slot in slots:
            if isinstance(slot, _ShardEnd):
                continue
            if isinstance(slot, InputError):
                items.append(slot)
            elif slot.article is None:
                items.append(slot.write)
            else:
                answer = next(answers)
                if isinstance(answer, str):
                    items.append(InputError(slot.write.where, answer))
                else:
                    items.append(replace(slot.write, record=answer))
        self.report.add(self.store.write(items))
        self.report.failures.extend(i for i in items if isinstance(i, InputError))
        for slot in slots:
            if isinstance(slot, InputError):
                self.shard_failed += 1
            elif isinstance(slot, _ShardEnd):
                self._finish_shard(slot)
            if isinstance(slot, _Pending):
                key = slot.write.key.id
                self.in_flight_captures.discard((key, slot.write.capture.sha256))
                self.in_flight[key] -= 1
                if not self.in_flight[key]:
                    del self.in_flight[key]
        self.tick(sum(1 for slot in slots if not isinstance(slot, _ShardEnd)))

    def _finish_shard(self, end: _ShardEnd) -> None:
        failed, self.shard_failed = self.shard_failed, 0
        if self.manifest is None:
            return
        done = self.manifest.mark_done(end.shard, items=end.items, failed=failed)
        if done is not None:
            self.report.shards_done += 1
            if self.on_shard is not None:
                self.on_shard(done)

    def stream(self, capturer: Capturer, inputs: Sequence[str]) -> Iterator[Slot]:
        """Admitted slots in input order, each file's items followed by its shard end."""
        for unit in iter_units(inputs):
            if isinstance(unit, InputError):
                yield unit
                continue
            is_shard = unit != STDIN and not is_url(unit)
            if is_shard and self.manifest is not None and self.manifest.is_done(unit):
                self.report.shards_skipped += 1
                continue
            count = 0
            for item in capturer.unit_items(unit):
                count += 1
                slot = self.admit(item)
                if slot is not None:
                    yield slot
            if is_shard:
                yield _ShardEnd(unit, count)


def _to_extract(slots: Sequence[Slot]) -> list[Article]:
    return [s.article for s in slots if isinstance(s, _Pending) and s.article is not None]


def ingest_corpus(
    store: Sink,
    inputs: Sequence[str],
    *,
    fetcher: Fetcher | None = None,
    workers: int = 1,
    engine: str | Engine = "local",
    address: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    manifest: Manifest | None = None,
    on_shard: ShardProgress | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Ingest ``inputs`` (paths, folders, URLs, ``-``) into ``store``; see the module notes.

    ``store`` is any :class:`~sourcetrace.sinks.Sink` (a store, a
    :class:`~sourcetrace.sinks.parquet.ParquetSink`). ``engine`` is ``local``,
    ``dask`` or ``ray`` (opened here with ``workers`` and ``address``, see
    :func:`sourcetrace.engines.open_engine`) or an open :class:`Engine`; the
    ``local`` engine with one worker extracts in this process. ``fetcher``
    fetches URLs (None refuses them); ``extractor`` (default
    :func:`extract_batch`) must be a module-level function on any engine but
    in-process (it is sent to the workers by reference); ``progress`` is called
    with the number of items just finished (stored, skipped or failed);
    ``manifest`` records finished shards (and skips them on a re-run), calling
    ``on_shard`` for each. Store errors stop the run and propagate; input errors
    are recorded and the run goes on.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    extractor = extractor or extract_batch
    report = IngestReport()
    run = _Run(store, report, progress, manifest, on_shard)
    started = time.perf_counter()
    slots = run.stream(Capturer(fetcher=fetcher, max_bytes=max_bytes, stdin=stdin), inputs)

    def next_batch() -> list[Slot] | None:
        batch: list[Slot] = []
        for slot in slots:
            batch.append(slot)
            if len(batch) >= batch_size:
                return batch
        return batch or None

    try:
        if isinstance(engine, Engine):
            report.engine, report.workers = engine.name, engine.workers
            _run_engine(run, next_batch, extractor, engine)
        elif engine == "local" and workers == 1 and not address:
            while (batch := next_batch()) is not None:
                articles = _to_extract(batch)
                run.commit(batch, extract_safely(extractor, articles) if articles else [])
        else:
            with open_engine(engine, workers=workers, address=address) as opened:
                report.engine, report.workers = opened.name, opened.workers
                _run_engine(run, next_batch, extractor, opened)
    finally:
        report.seconds = time.perf_counter() - started
    return report


def _warm_up(extractor: Extractor) -> None:
    """Load the model on a worker while this process reads the inputs."""
    extractor([])


def _run_engine(run: _Run, next_batch: Callable[[], list[Slot] | None],
                extractor: Extractor, engine: Engine) -> None:
    """Extract on ``engine``'s workers; commit batches in input order.

    Each batch's articles are cut in ``engine.workers`` chunks so that every
    batch keeps all workers busy; two batches are in flight, so workers never
    wait for the writer.
    """
    engine.warm_up(_warm_up, extractor)
    queue: deque[tuple[list[Slot], list[Job[list[Extraction | str]]]]] = deque()
    while True:
        while len(queue) < 2 and (slots := next_batch()) is not None:
            articles = _to_extract(slots)
            size = max(1, -(-len(articles) // engine.workers))
            queue.append((slots, [
                engine.submit(extract_safely, extractor, articles[i:i + size])
                for i in range(0, len(articles), size)
            ]))
        if not queue:
            break
        slots, jobs = queue.popleft()
        run.commit(slots, [record for job in jobs for record in job.result()])
