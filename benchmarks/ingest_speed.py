"""How fast is ``sourcetrace ingest``, next to bare extraction of the same texts?

In one process and run, over the PolNeAR train texts (``--split``, first
``--limit`` files in name order):

- ``extract``: :func:`sourcetrace.jobs.extract_articles` over the texts already in
  memory (no reading, hashing or storing);
- ``ingest, N workers``: :func:`sourcetrace.ingest_job.ingest_corpus` of the same
  files into a fresh SQLite store in a temporary folder, for each ``--workers``
  value: reading, hashing, custody (compressed raw bytes), extraction in N
  spawned processes (each loads its own model, which is timed: it is part of a
  real run), and one writer committing batches of ``--batch-size``.

The extractor is warmed up in this process first (model loading is not timed for
``extract`` nor for 1 worker). Figures: seconds, articles/s, and the ratio to
bare extract. Limits: one run each (no repeats), CPU only, SQLite only; timings
depend on the machine's cores, since N workers need N cores to gain anything.

    python benchmarks/ingest_speed.py [--polnear DIR] [--split train] [--limit N]
                                      [--workers 1 2] [--batch-size 32] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.jobs import extract_articles
from sourcetrace.records import Article
from sourcetrace.store import open_store

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"


def _files(folder: Path, limit: int | None) -> list[Path]:
    files = sorted(folder.glob("*.txt"))
    return files[:limit] if limit else files


def run(files: Sequence[Path], worker_counts: Sequence[int], batch_size: int) -> dict[str, Any]:
    """Time bare extraction and each ingest; returns the figures."""
    articles = [Article(text=f.read_text(encoding="utf-8"), path=str(f)) for f in files]
    words = sum(len(a.text.split()) for a in articles)
    for _ in extract_articles(articles[:1]):  # warm up: load the model
        pass
    results: dict[str, dict[str, float]] = {}
    start = time.perf_counter()
    n = sum(1 for _ in extract_articles(articles))
    seconds = time.perf_counter() - start
    results["extract"] = {"seconds": round(seconds, 3), "articles_per_s": round(n / seconds, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        # ingest takes paths; link the chosen files into one folder
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for f in files:
            os.symlink(f.resolve(), folder / f.name)
        for workers in worker_counts:
            with open_store(str(Path(tmp) / f"w{workers}.db")) as store:
                report = ingest_corpus(store, [str(folder)], workers=workers,
                                       batch_size=batch_size)
                if report.new_articles != len(files) or report.failed:
                    raise RuntimeError(f"ingest stored {report.new_articles} of {len(files)} "
                                       f"with {report.failed} failures")
            results[f"ingest_{workers}_workers"] = {
                "seconds": round(report.seconds, 3),
                "articles_per_s": round(report.articles_per_second, 2),
            }
    base = results["extract"]["seconds"]
    for figures in results.values():
        figures["ratio_to_extract"] = round(figures["seconds"] / base, 3)
    return {
        "articles": len(files), "words": words, "batch_size": batch_size,
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "machine": platform.machine(), "results": results,
    }


def print_table(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=(f"{figures['articles']} articles, {figures['words']} words, "
                         f"batch {figures['batch_size']}, {figures['cpus']} CPUs"))
    for column in ("run", "seconds", "articles/s", "× extract time"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, r in figures["results"].items():
        table.add_row(name.replace("_", " "), f"{r['seconds']:.2f}", f"{r['articles_per_s']:.1f}",
                      f"{r['ratio_to_extract']:.2f}")
    Console().print(table)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR,
                        help="PolNeAR data folder (default: ../shared/data/polnear)")
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts to time (default: 1 2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folder = args.polnear / args.split / "text"
    if not folder.is_dir():
        parser.error(f"no PolNeAR texts at {folder}")
    if any(w < 1 for w in args.workers):
        parser.error("--workers must be at least 1")
    figures = run(_files(folder, args.limit), args.workers, args.batch_size)
    figures["corpus"] = f"polnear/{args.split}"
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
