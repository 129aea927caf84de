"""The ``local`` engine: a pool of spawned worker processes on this machine."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from . import Engine

T = TypeVar("T")


class LocalEngine(Engine):
    """``workers`` spawned processes (spawn, not fork: safe with threads and BLAS)."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers,
                                         mp_context=multiprocessing.get_context("spawn"))

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self._pool.submit(fn, *args)

    def warm_up(self, fn: Callable[..., Any], *args: Any) -> None:
        # One call per worker: the pool starts its processes on demand, and an
        # idle worker takes the next call, so each of these lands on its own worker
        # while the main process reads the inputs.
        for _ in range(self.workers):
            self._pool.submit(fn, *args)

    def close(self, *, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
