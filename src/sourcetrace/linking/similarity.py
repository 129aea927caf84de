"""Which articles resemble which, without comparing all pairs.

:class:`FeatureIndex` holds the fingerprints of a corpus and the corpus-level
statistics that weigh their features (document frequencies, and which
capitalised words are really common words). :meth:`FeatureIndex.pairs` returns
the candidate pairs with their scores:

- ``anchors`` — cosine of idf-weighted name keys and quantities (works across
  languages and scripts);
- ``words`` — cosine of tf-idf content-word stems (one language);
- ``jaccard`` / ``containment`` — shingle overlap (exact, on the kept hashes);
- ``order`` — share of the names met in the same order (same language only).

How it stays near-linear: candidates come from (1) MinHash LSH buckets
(datasketch) for overlapping text and (2) a sparse product of the feature
matrix with itself, where features met in more than ``max_df`` articles are
left out of the index (they still count in each vector's norm). The work is
then bounded by ``N × features per article × max_df``, linear in ``N`` for a
fixed ``max_df``. Each article keeps only its ``top_k`` heaviest features.

Limits: cosine scores are corpus-relative (idf); on a corpus of a handful of
articles every shared feature looks rare. Re-linking after new articles arrive
recomputes the weights (:meth:`FeatureIndex.add` is incremental, the scoring is
not): a full pass over the kept features, no re-reading of texts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from datasketch import MinHashLSH
from scipy import sparse

from .fingerprints import (
    NUM_PERM, Fingerprint, containment, jaccard, name_anchors, name_order, word_hash,
)

# relative weight of each kind of anchor
ANCHOR_WEIGHTS: dict[str, float] = {"n:full": 1.0, "n:short": 0.4, "a": 0.8, "#": 0.7}
LSH_THRESHOLD = 0.3
# features met in more articles than this are not indexed (they still weigh in
# the norms): a constant, so the candidate work grows linearly with the corpus
MAX_DF = 200
# fewer articles than this in a language: its words are not compared (no usable idf)
MIN_LANG_DOCS = 8


@dataclass(frozen=True, slots=True)
class PairScore:
    """Similarity of two articles (indices into :attr:`FeatureIndex.fingerprints`)."""

    a: int
    b: int
    anchors: float
    words: float
    jaccard: float
    containment: float
    order: float = 0.0


class FeatureIndex:
    """Fingerprints of a corpus plus what weighs them (see the module notes)."""

    def __init__(self, *, max_df: int | None = None, top_k: int = 80) -> None:
        self.fingerprints: list[Fingerprint] = []
        self.position: dict[str, int] = {}
        self.lower_df: Counter[int] = Counter()  # by word_hash
        self.cap_df: Counter[str] = Counter()
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.max_df = max_df
        self.top_k = top_k

    def __len__(self) -> int:
        return len(self.fingerprints)

    def add(self, fps: Iterable[Fingerprint]) -> list[int]:
        """Add fingerprints (a known id replaces nothing: it is skipped); their positions."""
        added: list[int] = []
        for fp in fps:
            if fp.id in self.position:
                continue
            self.lower_df.update(fp.lowercase.tolist())
            self.cap_df.update({n.lower() for n in fp.names if not n.startswith("a:")})
            index = len(self.fingerprints)
            self.fingerprints.append(fp)
            self.position[fp.id] = index
            self.lsh.insert(str(index), fp.minhash)
            added.append(index)
        return added

    def is_common(self, word: str) -> bool:
        """A capitalised word also met in lower case in many articles ("Defense")."""
        low = self.lower_df.get(word_hash(word), 0)
        return low >= 2 and low >= 0.25 * self.cap_df.get(word, 1)

    def anchor_bag(self, fp: Fingerprint) -> Counter[str]:
        """Name keys (common words left out) and quantities of one article."""
        bag = name_anchors(fp.names, self.is_common)
        bag.update(fp.quantities)
        return bag

    # -- scoring -------------------------------------------------------------

    def _matrix(
        self, bags: list[Counter[str]], binary: bool, kind_weight: bool,
        group_size: dict[str, int] | None = None,
    ) -> tuple[
        sparse.csr_matrix, sparse.csr_matrix
    ]:
        """Row-normalised tf-idf matrix, and the same restricted to indexable columns."""
        n = len(bags)
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        cap = self.max_df or MAX_DF
        columns: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        keep: list[bool] = []
        for i, bag in enumerate(bags):
            weighted: list[tuple[float, str]] = []
            for key, count in bag.items():
                size = group_size[key.split(":", 1)[0]] if group_size else n
                idf = math.log((size + 1) / df[key])
                tf = 1.0 if binary else 1.0 + math.log(count)
                w = tf * idf * (_kind_weight(key) if kind_weight else 1.0)
                if w > 0:
                    weighted.append((w, key))
            weighted.sort(reverse=True)
            weighted = weighted[: self.top_k]
            norm = math.sqrt(sum(w * w for w, _ in weighted)) or 1.0
            for w, key in weighted:
                col = columns.setdefault(key, len(columns))
                rows.append(i)
                cols.append(col)
                vals.append(w / norm)
                keep.append(2 <= df[key] <= cap)
        shape = (n, max(1, len(columns)))
        full = sparse.csr_matrix((vals, (rows, cols)), shape=shape)
        mask = np.array(keep, dtype=bool)
        indexed = sparse.csr_matrix(
            (np.array(vals)[mask], (np.array(rows)[mask], np.array(cols)[mask])), shape=shape
        ) if rows else full
        return full, indexed

    def pairs(self, *, min_score: float = 0.08, block: int = 4096) -> Iterator[PairScore]:
        """Candidate pairs ``a < b`` with any score at or above ``min_score`` (see notes)."""
        fps = self.fingerprints
        n = len(fps)
        if n < 2:
            return
        anchor_full, anchor_idx = self._matrix([self.anchor_bag(f) for f in fps], True, True)
        # words are weighed within their language, and only where the language has
        # enough articles for document frequencies to mean something
        per_lang = Counter(f.lang for f in fps)
        word_bags = [
            Counter({f"{f.lang}:{w}": c for w, c in f.words.items()})
            if per_lang[f.lang] >= MIN_LANG_DOCS else Counter()
            for f in fps
        ]
        word_full, word_idx = self._matrix(word_bags, False, False, dict(per_lang))
        scores: dict[tuple[int, int], list[float]] = {}
        for which, idx in ((0, anchor_idx), (1, word_idx)):
            t = idx.T.tocsr()
            for lo in range(0, n, block):
                prod = (idx[lo:lo + block] @ t).tocoo()
                rows = prod.row.astype(np.int64) + lo
                keep = (rows < prod.col) & (prod.data >= min_score)
                for a, b in zip(rows[keep].tolist(), prod.col[keep].tolist()):
                    scores.setdefault((a, b), [0.0, 0.0])
        for i, fp in enumerate(fps):
            for key in self.lsh.query(fp.minhash):
                j = int(key)
                if i < j:
                    scores.setdefault((i, j), [0.0, 0.0])
        if not scores:
            return
        keys = np.array(list(scores), dtype=np.int64)
        # exact cosines on the full vectors (the index left frequent features out),
        # a chunk of pairs at a time with vectorised row products
        anchors = _row_dots(anchor_full, keys)
        words = _row_dots(word_full, keys)
        for (a, b), anc, wrd in zip(keys.tolist(), anchors.tolist(), words.tolist()):
            fa, fb = fps[a], fps[b]
            yield PairScore(a, b, anc, wrd, jaccard(fa, fb), containment(fa, fb),
                            name_order(fa, fb) if fa.lang == fb.lang else 0.0)


def anchor_matrix(fps: list[Fingerprint], *, max_df: int | None = None) -> sparse.csr_matrix:
    """Rows of idf-weighted name keys and quantities of ``fps``, each of unit norm.

    The vectors behind the ``anchors`` score, computed from the fingerprints
    alone (no corpus vocabulary, so capitalised common words stay in). Features
    met in one article only or in more than ``max_df`` articles are left out,
    so a product with this matrix stays linear in the corpus size.
    """
    index = FeatureIndex(max_df=max_df)
    bags = [name_anchors(f.names) + f.quantities for f in fps]
    _full, indexed = index._matrix(bags, True, True)
    return indexed


def _row_dots(matrix: sparse.csr_matrix, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Dot products of the row pairs ``pairs[:, 0]`` · ``pairs[:, 1]`` of a CSR matrix."""
    out = np.empty(len(pairs), dtype=np.float64)
    for lo in range(0, len(pairs), chunk):
        part = pairs[lo:lo + chunk]
        prod = matrix[part[:, 0]].multiply(matrix[part[:, 1]])
        out[lo:lo + chunk] = np.asarray(prod.sum(axis=1)).ravel()
    return out


def _kind_weight(key: str) -> float:
    kind = key[:1]
    if kind == "n":
        return ANCHOR_WEIGHTS["n:full"]
    if kind == "p":
        return ANCHOR_WEIGHTS["n:short"]
    if kind == "a":
        return ANCHOR_WEIGHTS["a"]
    value = float(key[2:])
    # years and small counts are met in many unrelated stories
    if 1900 <= value <= 2100 or value < 100:
        return 0.3
    return ANCHOR_WEIGHTS["#"]
