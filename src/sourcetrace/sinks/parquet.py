"""Partitioned Parquet output of an ingest run, and loading it into a store.

``sourcetrace ingest --out DIR`` writes each committed batch as one Parquet
file, ``DIR/run=<UTC time>-<id>/part-<n>.parquet`` (hive-style partitions, one
per run), written to a temporary name and renamed, so a killed run leaves only
whole files. One row per capture (identity, custody, raw bytes, metadata and
extraction record as JSON) or per failed input. Opening a folder that already
holds parts reads their ``(article, sha256)`` pairs, so a re-run writes only
what is missing: the same guarantee as a store. ``sourcetrace load DIR`` merges
the parts, in run and part order, into any store (idempotent: a capture the
store holds is skipped). Needs the ``[parquet]`` extra (pyarrow).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from ..corpus import Capture
from ..errors import InputError, MissingExtraError, UsageError
from ..ingest_job import IngestReport
from ..records import DocMeta, Extraction
from ..store.base import ArticleKey, CaptureWrite, Store, WriteResult

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as exc:  # pragma: no cover - depends on the install
    raise MissingExtraError("parquet", "Parquet output") from exc

SCHEMA = pa.schema([
    ("kind", pa.string()),  # "capture" or "failure"
    ("where", pa.string()),
    ("reason", pa.string()),
    ("article_id", pa.string()),
    ("identity_kind", pa.string()),
    ("identity", pa.string()),
    ("ext_id", pa.string()),
    ("sha256", pa.string()),
    ("retrieved_at", pa.string()),
    ("url", pa.string()),
    ("path", pa.string()),
    ("locator", pa.string()),
    ("raw", pa.binary()),
    ("doc", pa.string()),
    ("record", pa.string()),
])
PART_GLOB_SUFFIX = ".parquet"


def part_files(directory: str) -> list[str]:
    """The finished part files under ``directory``, in run then part order."""
    if not os.path.isdir(directory):
        raise UsageError(f"{directory} is not a folder of Parquet parts")
    parts: list[str] = []
    for run in sorted(os.listdir(directory)):
        run_dir = os.path.join(directory, run)
        if run.startswith("run=") and os.path.isdir(run_dir):
            parts.extend(os.path.join(run_dir, name) for name in sorted(os.listdir(run_dir))
                         if name.startswith("part-") and name.endswith(PART_GLOB_SUFFIX))
    return parts


def _row(item: CaptureWrite | InputError) -> dict[str, Any]:
    if isinstance(item, InputError):
        return {"kind": "failure", "where": item.where, "reason": item.reason}
    key, capture = item.key, item.capture
    return {
        "kind": "capture", "where": item.where, "article_id": key.id,
        "identity_kind": key.kind, "identity": key.value, "ext_id": key.ext_id,
        "sha256": capture.sha256, "retrieved_at": capture.retrieved_at, "url": capture.url,
        "path": capture.path, "locator": capture.locator, "raw": capture.raw,
        "doc": json.dumps(item.doc.to_dict(), ensure_ascii=False),
        "record": (json.dumps(item.record.to_dict(), ensure_ascii=False)
                   if item.record is not None else None),
    }


def _item(row: dict[str, Any]) -> CaptureWrite | InputError:
    if row["kind"] == "failure":
        return InputError(row["where"], row["reason"])
    key = ArticleKey(row["article_id"], row["identity_kind"], row["identity"], row["ext_id"])
    capture = Capture(raw=row["raw"], sha256=row["sha256"], retrieved_at=row["retrieved_at"],
                      url=row["url"], path=row["path"], locator=row["locator"])
    record = Extraction.from_dict(json.loads(row["record"])) if row["record"] else None
    return CaptureWrite(key=key, capture=capture, where=row["where"],
                        doc=DocMeta(**json.loads(row["doc"])), record=record)


class ParquetSink:
    """Writes ingest batches as Parquet parts under ``directory``; see the module notes.

    Every capture is written with its record: :meth:`text_sha256` answers None,
    so a part never depends on an earlier one to be loaded.
    """

    def __init__(self, directory: str) -> None:
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self._captures: set[tuple[str, str]] = set()
        self._articles: set[str] = set()
        for path in part_files(directory):
            table = pq.read_table(path, columns=["kind", "article_id", "sha256"])
            for kind, article_id, sha in zip(*(table.column(c).to_pylist()
                                               for c in ("kind", "article_id", "sha256")),
                                             strict=True):
                if kind == "capture":
                    self._captures.add((article_id, sha))
                    self._articles.add(article_id)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.run_dir = os.path.join(directory, f"run={stamp}-{secrets.token_hex(4)}")
        self._parts = 0

    def has_capture(self, article_id: str, sha256: str) -> bool:
        return (article_id, sha256) in self._captures

    def text_sha256(self, article_id: str) -> str | None:
        return None

    def write(self, items: Sequence[CaptureWrite | InputError]) -> WriteResult:
        counts = {"new": 0, "updated": 0, "unchanged": 0, "failed": 0}
        rows: list[dict[str, Any]] = []
        for item in items:
            if isinstance(item, InputError):
                counts["failed"] += 1
            elif (item.key.id, item.capture.sha256) in self._captures:
                counts["unchanged"] += 1
                continue
            else:
                counts["updated" if item.key.id in self._articles else "new"] += 1
            rows.append(_row(item))
        if rows:
            self._write_part(rows)
        for item in items:
            if isinstance(item, CaptureWrite):
                self._captures.add((item.key.id, item.capture.sha256))
                self._articles.add(item.key.id)
        return WriteResult(new_articles=counts["new"], updated_articles=counts["updated"],
                           new_captures=counts["new"] + counts["updated"],
                           unchanged=counts["unchanged"], failed=counts["failed"])

    def _write_part(self, rows: list[dict[str, Any]]) -> None:
        os.makedirs(self.run_dir, exist_ok=True)
        self._parts += 1
        final = os.path.join(self.run_dir, f"part-{self._parts:06d}{PART_GLOB_SUFFIX}")
        temporary = final + ".tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), temporary,
                       compression="zstd")
        with open(temporary, "rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, final)


def iter_part_items(path: str, batch_size: int) -> Iterator[list[CaptureWrite | InputError]]:
    """The rows of one part as store items, ``batch_size`` at a time (streamed)."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield [_item(row) for row in batch.to_pylist()]


def load_parquet(store: Store, directory: str, *, batch_size: int = 256) -> IngestReport:
    """Merge every part under ``directory`` into ``store``, one transaction per batch.

    The report counts rows as items; its failures are the failed inputs the
    parts recorded.
    """
    report = IngestReport()
    started = time.perf_counter()
    for path in part_files(directory):
        for items in iter_part_items(path, batch_size):
            report.items += len(items)
            report.add(store.write(items))
            report.failures.extend(i for i in items if isinstance(i, InputError))
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["SCHEMA", "ParquetSink", "load_parquet", "part_files"]
