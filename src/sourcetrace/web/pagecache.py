"""A bounded in-memory cache of rendered pages, valid for one snapshot generation.

Read pages (home/search, article, claim, story, source and the lists) depend
only on the store's content and its provenance snapshot, so a page rendered
for generation *g* of :class:`~sourcetrace.web.data.WebData`'s snapshot can be
served again until the snapshot is rebuilt (the store changed). Entries are
keyed by path and query string and evicted least recently used beyond
``max_bytes`` of HTML. Only successful (200) responses are kept; nothing that
depends on the request's headers (tokens, forms) is cached.

Limits: per process; a change made by another process is seen when the
snapshot notices it (see ``refresh_seconds``), like every other read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class PageCache:
    """LRU of ``key → (generation, body)``, bounded by the bytes of the bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[int, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def get(self, key: str, generation: int) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != generation:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1]

    def put(self, key: str, generation: int, body: bytes) -> None:
        if not self.enabled or len(body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._entries[key] = (generation, body)
            self._size += len(body)
            while self._size > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._size -= len(dropped)
