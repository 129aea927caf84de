"""How fast is ``sourcetrace ingest`` on each engine, and what would 10M articles/day cost?

In one run, over the same ``--articles`` articles (the PolNeAR ``--split`` texts
in name order, repeated under new ids until there are enough; the issue allows
repeated texts), written first as ``--shards`` JSONL shards in a temporary
folder, each ``--runs`` entry ``ENGINE:WORKERS`` ingests the shards into a fresh
sink (``--sink sqlite``: a SQLite store; ``parquet``: ``ingest --out``):

- ``local:1``: extraction in this process (the baseline; model loading not timed);
- ``local:N``: N spawned worker processes;
- ``dask:N``: a Dask ``LocalCluster`` of N single-threaded worker processes;
- ``ray:N``: a local Ray instance with N CPUs.

Engine start-up and per-worker model loading are inside the timing of the
distributed runs (they are part of a real run). Figures: seconds, articles/s,
articles/s per worker, that per-worker rate as a ratio to ``local:1`` in the same
run, the time to the first committed batch (start-up: cluster, workers, model
loading) and the steady rate after it (what a long run converges to; the
projection uses it), and the peak resident memory of each worker process (``ru_maxrss``, read by
the extractor itself after each batch, so it covers what workers really held).
From the fastest per-worker rate and the sink's bytes per article it projects
cores and storage for 10 million articles a day. Limits: one run each, CPU
only, this machine's cores (N workers need N free cores to gain anything).

    python benchmarks/ingest_speed.py [--articles 2000] [--shards 8]
        [--runs local:1 local:2 dask:2 ray:2] [--sink sqlite|parquet] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sourcetrace.ingest_job import extract_batch, ingest_corpus
from sourcetrace.records import Article, Extraction

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
PER_DAY = 10_000_000


def measured_extract(folder: str, articles: list[Article]) -> list[Extraction]:
    """The default extractor; afterwards record this process's peak RSS in ``folder``."""
    records = extract_batch(articles)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(folder, f"{os.getpid()}.rss").write_text(str(peak_kib))
    return records


def write_shards(texts: Sequence[tuple[str, str]], count: int, shards: int,
                 folder: Path) -> int:
    """``count`` articles cycling over ``texts`` as ``shards`` JSONL files; returns words."""
    folder.mkdir()
    words = 0
    streams = [open(folder / f"shard-{s:03d}.jsonl", "w", encoding="utf-8")
               for s in range(shards)]
    try:
        for n in range(count):
            name, text = texts[n % len(texts)]
            words += len(text.split())
            line = json.dumps({"id": f"{name}#{n // len(texts)}", "text": text})
            streams[n * shards // count].write(line + "\n")
    finally:
        for stream in streams:
            stream.close()
    return words


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_one(engine: str, workers: int, shards: Path, work: Path, sink_kind: str,
            batch_size: int, expected: int) -> dict[str, Any]:
    from sourcetrace.sinks.parquet import ParquetSink
    from sourcetrace.store import open_store

    memory = work / f"rss-{engine}-{workers}"
    memory.mkdir()
    extractor = partial(measured_extract, str(memory))
    target = work / f"{engine}-{workers}{'.db' if sink_kind == 'sqlite' else ''}"
    commits: list[tuple[float, int]] = []  # (time, items done) after each committed batch

    def progress(n: int) -> None:
        done = (commits[-1][1] if commits else 0) + n
        commits.append((time.perf_counter(), done))

    options: dict[str, Any] = {"engine": engine, "workers": workers, "batch_size": batch_size,
                               "extractor": extractor, "progress": progress}
    started = time.perf_counter()
    if sink_kind == "sqlite":
        with open_store(str(target)) as store:
            report = ingest_corpus(store, [str(shards)], **options)
    else:
        report = ingest_corpus(ParquetSink(str(target)), [str(shards)], **options)
    # the first committed batch carries start-up (cluster, workers, model loading);
    # the steady rate is the rate after it, what a long run converges to
    first_at, first_done = commits[0]
    steady = (commits[-1][1] - first_done) / max(commits[-1][0] - first_at, 1e-9)
    if report.new_articles != expected or report.failed:
        raise RuntimeError(f"{engine}:{workers} stored {report.new_articles} of {expected} "
                           f"with {report.failed} failures")
    peaks = [int(p.read_text()) / 1024 for p in memory.glob("*.rss")]
    return {
        "engine": engine, "workers": workers, "seconds": round(report.seconds, 2),
        "articles_per_s": round(report.articles_per_second, 2),
        "per_worker": round(report.articles_per_second / workers, 2),
        "first_batch_s": round(first_at - started, 2),
        "steady_articles_per_s": round(steady, 2),
        "steady_per_worker": round(steady / workers, 2),
        "worker_processes": len(peaks),
        "peak_rss_mib_max": round(max(peaks), 1) if peaks else None,
        "peak_rss_mib_mean": round(sum(peaks) / len(peaks), 1) if peaks else None,
        "sink_bytes": _size(target),
    }


def run(texts: Sequence[tuple[str, str]], count: int, shards: int,
        runs: Sequence[tuple[str, int]], sink_kind: str, batch_size: int) -> dict[str, Any]:
    """Write the shards, ingest them with each run; returns the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        words = write_shards(texts, count, shards, work / "shards")
        if ("local", 1) in runs:  # warm the in-process baseline: model loading not timed
            extract_batch([Article(text=texts[0][1])])
        results = [run_one(engine, workers, work / "shards", work, sink_kind, batch_size,
                           count) for engine, workers in runs]
    base = next((r for r in results if (r["engine"], r["workers"]) == ("local", 1)), None)
    for r in results:
        r["per_worker_vs_local_1"] = (round(r["per_worker"] / base["per_worker"], 3)
                                      if base else None)
        r["steady_vs_local_1"] = (round(r["steady_per_worker"] / base["steady_per_worker"], 3)
                                  if base else None)
    best = max(results, key=lambda r: r["steady_per_worker"])
    bytes_per_article = min(r["sink_bytes"] for r in results) / count
    per_core_day = best["steady_per_worker"] * 86_400
    return {
        "articles": count, "words": words, "shards": shards, "sink": sink_kind,
        "batch_size": batch_size, "cpus": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(),
        "results": results,
        "projection_10M_per_day": {
            "per_core_articles_per_s": best["steady_per_worker"],
            "cores": round(PER_DAY / per_core_day, 1),
            "sink_gb_per_million_articles": round(bytes_per_article * 1e6 / 1e9, 2),
            "sink_gb_per_day": round(bytes_per_article * PER_DAY / 1e9, 1),
        },
    }


def print_table(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=(f"{figures['articles']} articles in {figures['shards']} shards, "
                         f"{figures['words']:,} words, sink {figures['sink']}, "
                         f"{figures['cpus']} CPUs"))
    for column in ("run", "seconds", "articles/s", "per worker", "× local:1", "first batch s",
                   "steady per worker", "× local:1 steady", "peak RSS/worker MiB"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for r in figures["results"]:
        ratio, steady = r["per_worker_vs_local_1"], r["steady_vs_local_1"]
        table.add_row(f"{r['engine']}:{r['workers']}", f"{r['seconds']:.1f}",
                      f"{r['articles_per_s']:.2f}", f"{r['per_worker']:.2f}",
                      "—" if ratio is None else f"{ratio:.2f}", f"{r['first_batch_s']:.1f}",
                      f"{r['steady_per_worker']:.2f}",
                      "—" if steady is None else f"{steady:.2f}",
                      f"{r['peak_rss_mib_max']:.0f}")
    console = Console()
    console.print(table)
    p = figures["projection_10M_per_day"]
    console.print(f"10M articles/day at {p['per_core_articles_per_s']} articles/s per core: "
                  f"{p['cores']} cores; sink {p['sink_gb_per_million_articles']} GB per "
                  f"million articles ({p['sink_gb_per_day']} GB/day)")


def _run_spec(text: str) -> tuple[str, int]:
    engine, _, workers = text.partition(":")
    if engine not in ("local", "dask", "ray") or not workers.isdigit() or int(workers) < 1:
        raise argparse.ArgumentTypeError(f"expected ENGINE:WORKERS, e.g. dask:2, got {text!r}")
    return engine, int(workers)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR,
                        help="PolNeAR data folder (default: ../shared/data/polnear)")
    parser.add_argument("--split", default="train")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--runs", type=_run_spec, nargs="+",
                        default=[("local", 1), ("local", 2), ("dask", 2), ("ray", 2)])
    parser.add_argument("--sink", choices=("sqlite", "parquet"), default="sqlite")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folder = args.polnear / args.split / "text"
    if not folder.is_dir():
        parser.error(f"no PolNeAR texts at {folder}")
    if args.articles < 1 or not 1 <= args.shards <= args.articles:
        parser.error("need --articles >= 1 and 1 <= --shards <= --articles")
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.txt"))]
    figures = run(texts, args.articles, args.shards, args.runs, args.sink, args.batch_size)
    figures["corpus"] = f"polnear/{args.split}"
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
