"""The ``ray`` engine: Ray tasks (extra ``[ray]``).

Without an address a local Ray instance with ``workers`` CPUs is started (and
shut down with the engine); with one (``auto``, ``ray://host:10001``) the
engine joins that cluster and uses its CPUs. Each call is a task needing one
CPU, retried (``max_retries``) when its worker dies; Ray reuses worker
processes, so a worker loads the pipeline once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..errors import MissingExtraError
from . import RETRIES, Engine

try:
    import ray
except ImportError as exc:  # pragma: no cover - depends on the install
    raise MissingExtraError("ray", "the ray engine") from exc

T = TypeVar("T")


def _call(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class RayJob(Generic[T]):
    """A Ray object reference with the ``result()`` of a future."""

    def __init__(self, ref: Any) -> None:
        self._ref = ref

    def result(self) -> T:
        value: T = ray.get(self._ref)
        return value


class RayEngine(Engine):
    """Runs calls as Ray tasks; see the module notes."""

    name = "ray"

    def __init__(self, workers: int, address: str | None = None) -> None:
        self._started = not ray.is_initialized()
        if self._started:
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "configure_logging": False}
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=workers, **kwargs)
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers)))
        self._task = ray.remote(num_cpus=1, max_retries=RETRIES)(_call)
        self._jobs: list[Any] = []

    def submit(self, fn: Callable[..., T], *args: Any) -> RayJob[T]:
        return RayJob(self._task.remote(fn, *args))

    def warm_up(self, fn: Callable[..., Any], *args: Any) -> None:
        # Ray has no "run on every worker"; one task per CPU lands one per worker.
        self._jobs = [self._task.remote(fn, *args) for _ in range(self.workers)]

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            for ref in self._jobs:
                ray.cancel(ref, force=True)
        if self._started:
            ray.shutdown()
