"""Where an ingest run writes: a :class:`~sourcetrace.store.base.Store`, or Parquet files.

Anything with the three methods of :class:`Sink` can receive an ingest run
(:func:`sourcetrace.ingest_job.ingest_corpus`): every store does, and so does
:class:`~sourcetrace.sinks.parquet.ParquetSink`, which writes partitioned
Parquet files that :func:`~sourcetrace.sinks.parquet.load_parquet` later merges
into any store (``sourcetrace ingest --out DIR``, then ``sourcetrace load DIR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..errors import InputError
from ..store.base import CaptureWrite, WriteResult


class Sink(Protocol):
    """What an ingest run needs from its destination."""

    def has_capture(self, article_id: str, sha256: str) -> bool:
        """Whether these raw bytes of this article were already written."""
        ...

    def text_sha256(self, article_id: str) -> str | None:
        """The SHA-256 of the article's current text (None: extract it anyway)."""
        ...

    def write(self, items: Sequence[CaptureWrite | InputError]) -> WriteResult:
        """Write one batch of captures and failures, all or nothing."""
        ...


__all__ = ["Sink"]
