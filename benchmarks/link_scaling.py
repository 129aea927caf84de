"""How does linking time grow with corpus size? (issue 5: near-linear expected)

Builds a synthetic corpus from real texts — PolNeAR train articles, cut to the
first ~2,000 characters like web-archive excerpts — and times
:func:`sourcetrace.linking.link_corpus` on it for each size. Extraction is
skipped: records carry the text and no attributions (linking reads the text;
claims then have nothing to cluster, so their cost is not measured here).

The corpus is made of *stories*: a base excerpt whose capitalised words are
replaced by names invented for the story and whose numbers are redrawn (so 840
base texts do not make 100k copies of 840 stories), then 1–12 articles per
story: the story text itself, verbatim copies under other headlines, copies with
navigation junk, word-dropout rewrites, partial excerpts, and Cyrillic
"translations" (letters transliterated). Sizes default to 1k, 10k and 100k
articles; the table gives seconds, articles/s and the growth of time against
the growth of size (1.0 = linear).

Each size is then linked again from *kept* text features, as a store does in a
later process (``link_features``): the features are dumped to bytes, loaded
back (timed as "load") and passed to ``link_corpus(features=...)`` (timed as
"kept"); "kept x" is (load + kept) / full, from the same run, and "KB/art" the
dumped size per article. The two linkings must agree, or the run stops.

    python benchmarks/link_scaling.py [--sizes 1000,10000,100000] [--polnear DIR] [--json]

Limits: one process, CPU; the 100k run needs a few GiB of memory and minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sourcetrace.linking import link_corpus
from sourcetrace.linking.features import dump_features, load_features
from sourcetrace.records import DocMeta, Extraction, sha256_text

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
EXCERPT = 2000
LATIN_TO_CYRILLIC = dict(zip("abcdefghijklmnopqrstuvwxyz",
                             "абцдефгхийклмнопкрстуввксиз"))
_CAP = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
_NUM = re.compile(r"\d[\d,]*")
JUNK = ("Skip to content\n", "Share this article\n", "Subscribe to our newsletter\n",
        "\nRead the full story here.\nSource link\n", "\nLeave a Reply\n")


def load_texts(root: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace")[:EXCERPT]
             for p in sorted((root / "train" / "text").glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no PolNeAR texts under {root}/train/text")
    return texts


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def story_text(base: str, rng: random.Random) -> str:
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        return names.setdefault(m.group(0), invented_name(rng))

    text = _CAP.sub(rename, base)
    return _NUM.sub(lambda m: f"{rng.randint(10, 99_999):,}", text)


def variant(text: str, kind: str, rng: random.Random) -> tuple[str, str]:
    if kind == "copy":
        return f"{invented_name(rng)} daily digest\n\n{text}", "en"
    if kind == "junk":
        return rng.choice(JUNK[:3]) + text + rng.choice(JUNK[3:]), "en"
    if kind == "dropout":
        words = text.split(" ")
        return " ".join(w for w in words if rng.random() > 0.12), "en"
    if kind == "excerpt":
        return text[: int(len(text) * rng.uniform(0.4, 0.7))], "en"
    if kind == "cyrillic":
        return "".join(LATIN_TO_CYRILLIC.get(c, LATIN_TO_CYRILLIC.get(c.lower(), c).upper()
                               if c.isupper() else c) for c in text), "ru"
    return text, "en"


def synthetic(n: int, texts: list[str], seed: int = 7) -> Iterator[Extraction]:
    rng = random.Random(seed)
    made = 0
    story = 0
    kinds = ["copy", "junk", "dropout", "excerpt", "cyrillic"]
    while made < n:
        story += 1
        text = story_text(rng.choice(texts), rng)
        size = min(n - made, rng.choice([1, 1, 2, 3, 4, 6, 8, 12]))
        for k in range(size):
            body, lang = (text, "en") if k == 0 else variant(text, rng.choice(kinds), rng)
            made += 1
            doc_id = f"s{story}-{k}"
            yield Extraction(
                doc=DocMeta(id=doc_id, sha256=sha256_text(body), lang=lang,
                            url=f"https://site{rng.randint(1, 5000)}.example/{doc_id}",
                            published=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
                text=body,
            )


def run(sizes: list[int], root: Path) -> list[dict[str, Any]]:
    texts = load_texts(root)
    rows: list[dict[str, Any]] = []
    for size in sizes:
        records = list(synthetic(size, texts))
        start = time.perf_counter()
        prov = link_corpus(records)
        seconds = time.perf_counter() - start
        blobs = {doc_id: dump_features(*pair) for doc_id, pair in prov.features().items()}
        start = time.perf_counter()
        kept = {doc_id: load_features(blob) for doc_id, blob in blobs.items()}
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        again = link_corpus(records, features=kept)
        kept_s = time.perf_counter() - start
        if again.to_dict() != prov.to_dict():
            raise SystemExit(f"{size} articles: linking from kept features differs")
        row: dict[str, Any] = {
            "articles": size, "seconds": round(seconds, 2),
            "articles_per_s": round(size / seconds, 1), "stories": len(prov.stories),
            "kept_load_s": round(load_s, 2), "kept_link_s": round(kept_s, 2),
            "kept_ratio": round((load_s + kept_s) / seconds, 2),
            "kept_kb_per_article": round(sum(map(len, blobs.values())) / size / 1024, 2),
        }
        del prov, again, kept, blobs
        if rows:
            prev = rows[-1]
            size_ratio = size / prev["articles"]
            time_ratio = seconds / max(prev["seconds"], 1e-9)
            row["size_ratio"] = round(size_ratio, 2)
            row["time_ratio"] = round(time_ratio, 2)
            row["growth_exponent"] = round(math.log(time_ratio) / math.log(size_ratio), 2)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated corpus sizes (articles)")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    rows = run(sizes, args.polnear)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "rows": rows}, indent=2))
        return
    print(f"{'articles':>9} {'seconds':>9} {'art/s':>9} {'stories':>8} {'size x':>7} "
          f"{'time x':>7} {'exponent':>9} {'load':>6} {'kept':>6} {'kept x':>7} {'KB/art':>7}")
    for r in rows:
        print(f"{r['articles']:>9} {r['seconds']:>9} {r['articles_per_s']:>9} {r['stories']:>8} "
              f"{r.get('size_ratio', ''):>7} {r.get('time_ratio', ''):>7} "
              f"{r.get('growth_exponent', ''):>9} {r['kept_load_s']:>6} {r['kept_link_s']:>6} "
              f"{r['kept_ratio']:>7} {r['kept_kb_per_article']:>7}")
    print("exponent: log(time ratio) / log(size ratio); 1.0 is linear, 2.0 all-pairs")
    print("kept x: (load + link from kept features) / full link, same run")


if __name__ == "__main__":
    main()
