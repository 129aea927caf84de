"""A resumable manifest: which input shards a batch run has finished.

A shard is one input file (a JSONL, JSONL.gz or WARC file, or any single
article file). When every item of a shard has been written by the sink, the
run appends a line to the manifest (JSON Lines, flushed and fsynced)::

    {"shard": "/data/2026-11-01.jsonl.gz", "size": 1048576, "mtime_ns": ..., "items": 900,
     "failed": 2, "finished_at": "2026-12-06T10:00:00+00:00"}

A re-run with the same manifest skips the shards it lists, unless the file
changed since (another size or modification time), so a killed run resumes
without reading what it already wrote. The manifest is an optimisation over the
sink's own idempotence: items of an unfinished shard that were already written
are skipped by the sink (same article, same bytes), never stored twice. A torn
last line (the process was killed while writing it) is ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import IO

from .errors import UsageError
from .ingest.fetch import utc_now


@dataclass(frozen=True, slots=True)
class ShardDone:
    """One finished shard: its file identity and what the run did with it."""

    shard: str
    size: int
    mtime_ns: int
    items: int
    failed: int
    finished_at: str


def _identity(path: str) -> tuple[str, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return os.path.realpath(path), stat.st_size, stat.st_mtime_ns


class Manifest:
    """The manifest file at ``path`` (created on first write); see the module notes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._done: dict[str, tuple[int, int]] = {}
        self._stream: IO[str] | None = None
        try:
            with open(path, encoding="utf-8") as stream:
                for line in stream:
                    self._read_line(line)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise UsageError(f"cannot read manifest {path}: {exc.strerror or exc}") from None

    def _read_line(self, line: str) -> None:
        try:
            entry = json.loads(line)
            self._done[entry["shard"]] = (int(entry["size"]), int(entry["mtime_ns"]))
        except (ValueError, KeyError, TypeError):
            return  # a torn or foreign line: the shard is simply not known as finished

    def __len__(self) -> int:
        return len(self._done)

    def is_done(self, shard: str) -> bool:
        """Whether ``shard`` is listed as finished and its file is unchanged since."""
        identity = _identity(shard)
        return identity is not None and self._done.get(identity[0]) == identity[1:]

    def mark_done(self, shard: str, *, items: int, failed: int) -> ShardDone | None:
        """Record ``shard`` as finished (durably); None if its file vanished meanwhile."""
        identity = _identity(shard)
        if identity is None:
            return None
        real, size, mtime_ns = identity
        done = ShardDone(real, size, mtime_ns, items, failed, utc_now())
        if self._stream is None:
            directory = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(directory, exist_ok=True)
            self._stream = open(self.path, "a+", encoding="utf-8")
            if self._stream.tell() > 0:  # end a torn last line before appending
                self._stream.seek(self._stream.tell() - 1)
                if self._stream.read(1) != "\n":
                    self._stream.write("\n")
        self._stream.write(json.dumps(asdict(done), ensure_ascii=False) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._done[real] = (size, mtime_ns)
        return done

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
