"""Where extraction runs: in worker processes here, or on a Ray or Dask cluster.

The ingest job (:mod:`sourcetrace.ingest_job`) is the same on every engine: it
cuts the articles to extract into chunks, hands each chunk to
:meth:`Engine.submit` with a module-level function, and collects the records
with :meth:`Job.result` in input order, writing them from the calling process.
An engine only decides where that function runs:

- ``local`` (:mod:`.local`): a pool of spawned processes on this machine;
- ``dask`` (:mod:`.dask`): a ``distributed`` cluster (a new ``LocalCluster``, or
  the scheduler at ``address``); needs the ``[dask]`` extra;
- ``ray`` (:mod:`.ray`): Ray tasks (a new local Ray instance, or the cluster at
  ``address``); needs the ``[ray]`` extra.

Ray and Dask are imported only when chosen. Workers receive articles and return
records, never module state; each worker loads the spaCy pipeline once
(:func:`sourcetrace.nlp.pipeline.load_pipeline` is cached per process). A task
whose worker dies is retried on another worker by Dask and Ray
(``RETRIES`` times); the local pool stops the run, and a re-run completes it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol, TypeVar

from ..errors import UsageError

ENGINES: tuple[str, ...] = ("local", "dask", "ray")
RETRIES = 3
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Job(Protocol[T_co]):
    """A submitted call; :meth:`result` waits for its value (or raises its error)."""

    def result(self) -> T_co: ...


class Engine(ABC):
    """Runs functions on workers; use as a context manager (or call :meth:`close`).

    ``workers`` is how many calls run at once (the cluster's CPUs for a remote
    cluster); the ingest job cuts each batch in that many chunks.
    """

    name: str
    workers: int

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(cancel=exc is not None)

    @abstractmethod
    def submit(self, fn: Callable[..., T], *args: Any) -> Job[T]:
        """Run ``fn(*args)`` on a worker; ``fn`` must be importable (module level)."""

    @abstractmethod
    def warm_up(self, fn: Callable[..., Any], *args: Any) -> None:
        """Start ``fn(*args)`` on every worker (loading a model) without waiting for it."""

    @abstractmethod
    def close(self, *, cancel: bool = False) -> None:
        """Release the workers (and the cluster, if this engine started it)."""


def open_engine(name: str = "local", *, workers: int = 1, address: str | None = None) -> Engine:
    """The engine called ``name`` (``local``, ``dask`` or ``ray``).

    ``workers`` sizes a pool or a cluster started here; ``address`` joins an
    existing Dask scheduler (``tcp://host:8786``) or Ray cluster (``ray://host:10001``
    or ``auto``), whose size then sets ``workers``. Raises ``UsageError`` for an
    unknown engine or an address given to ``local``, ``MissingExtraError`` when
    the engine's extra is not installed.
    """
    if workers < 1:
        raise UsageError(f"workers must be at least 1, got {workers}")
    if name == "local":
        if address:
            raise UsageError("--address is for the ray and dask engines, not local")
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(workers, address)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(workers, address)
    raise UsageError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


__all__ = ["ENGINES", "RETRIES", "Engine", "Job", "open_engine"]
