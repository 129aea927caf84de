"""The ``dask`` engine: futures on a ``distributed`` cluster (extra ``[dask]``).

Without an address a ``LocalCluster`` of ``workers`` single-threaded worker
processes is started (and closed with the engine), with Dask's statistical
profiler off (it samples every worker thread's stack every 10 ms, which costs
CPU-bound extraction about a tenth of its speed; measured with
``benchmarks/ingest_speed.py``); with an address, the engine connects to that
scheduler and uses all its worker threads (start those workers with
``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` for the same gain). Tasks are
submitted with ``pure=False`` and ``retries``: a task whose worker dies is
rescheduled on another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import MissingExtraError
from . import RETRIES, Engine, Job

T = TypeVar("T")

try:
    import dask
    from distributed import Client, LocalCluster
except ImportError as exc:  # pragma: no cover - depends on the install
    raise MissingExtraError("dask", "the dask engine") from exc


class DaskEngine(Engine):
    """Submits calls to a Dask cluster; see the module notes."""

    name = "dask"

    def __init__(self, workers: int, address: str | None = None) -> None:
        self._cluster: LocalCluster | None = None
        if address:
            self._client = Client(address)
        else:
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        self.workers = max(1, sum(self._client.nthreads().values()))
        self._warm: list[Any] = []

    def submit(self, fn: Callable[..., T], *args: Any) -> Job[T]:
        future: Job[T] = self._client.submit(fn, *args, pure=False, retries=RETRIES)
        return future

    def warm_up(self, fn: Callable[..., Any], *args: Any) -> None:
        # One task pinned to each worker, not waited for (the futures are kept so
        # that Dask does not drop them); a worker that joins later loads lazily.
        self._warm = [self._client.submit(fn, *args, workers=[address], pure=False)
                      for address in self._client.scheduler_info()["workers"]]

    def close(self, *, cancel: bool = False) -> None:
        self._warm = []
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
