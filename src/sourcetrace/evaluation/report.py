"""Scoring the extractor on a PolNeAR split: run it, score each article, add up.

``evaluate_polnear`` runs :func:`sourcetrace.jobs.extract_articles` over the
split's texts (one pipeline, batched) and scores every article with
:func:`~sourcetrace.evaluation.scoring.score_document`. Scores are kept per
document, so any breakdown is a sum over a subset of documents: the report
carries the whole split and one total per publisher. Per-kind counts
(:mod:`sourcetrace.evaluation.kinds`: recall by inferred gold kind, precision
by predicted kind) are kept per document beside the other metrics.

PolNeAR's annotation is flat: a token plays one role in at most one
attribution, so the gold has no nested attributions (none of its 22,061; its
README says so and contrasts PARC3, which nests). The extractor nests ("X said
Y believes Z": Y's attribution has X's as its ``parent``). By default only the
top-level attributions (``parent is None``) are scored, the projection of the
output onto PolNeAR's scheme; ``nested=True`` scores every attribution, each
nested one then being a false positive unless the gold took the inner one.
The projection reads the extractor's own output only, never the gold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jobs import extract_articles
from ..nlp.pipeline import DEFAULT_MODE
from ..records import Article
from .kinds import kind_counts, kind_scores
from .polnear import GoldDoc, load_brat, load_polnear
from .scoring import METRICS, Counts, add_scores, predicted, score_document


@dataclass(frozen=True, slots=True)
class DocReport:
    """The counts of one article, with what a breakdown groups by."""

    name: str
    publisher: str
    annotator: str
    gold: int
    predicted: int  # attributions scored
    scores: Mapping[str, Counts]
    nested_left_out: int = 0  # nested attributions extracted but not scored


@dataclass(frozen=True, slots=True)
class PolnearReport:
    """Micro-averaged scores of one run over a PolNeAR split."""

    root: str
    split: str
    docs: tuple[DocReport, ...]
    mode: str = DEFAULT_MODE  # the extraction mode scored
    nested: bool = False  # nested attributions scored too (PolNeAR has none)
    corpus: str = "polnear"  # "polnear" (a split of the corpus) or "brat" (a user's folder)
    skipped: tuple[str, ...] = ()  # broken articles left out, each "file: reason"

    @property
    def total(self) -> dict[str, Counts]:
        """Counts of every metric summed over all documents."""
        return add_scores(d.scores for d in self.docs)

    def by_publisher(self) -> dict[str, dict[str, Counts]]:
        """Counts of every metric summed over each publisher's documents."""
        return self.breakdown(lambda d: d.publisher)

    def breakdown(self, key: Callable[[DocReport], object]) -> dict[str, dict[str, Counts]]:
        """Counts summed over the documents grouped by ``key(doc_report)``, keys sorted."""
        groups: dict[str, list[DocReport]] = {}
        for d in self.docs:
            groups.setdefault(str(key(d)), []).append(d)
        return {k: add_scores(d.scores for d in groups[k]) for k in sorted(groups)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "root": self.root,
            "split": self.split,
            "mode": self.mode,
            "nested_scored": self.nested,
            "documents": len(self.docs),
            "gold_attributions": sum(d.gold for d in self.docs),
            "predicted_attributions": sum(d.predicted for d in self.docs),
            "nested_left_out": sum(d.nested_left_out for d in self.docs),
            "skipped": list(self.skipped),
            "scores": _scores_dict(self.total),
            "by_kind": kind_scores(self.total),
            "by_publisher": {
                publisher: {
                    "documents": sum(1 for d in self.docs if d.publisher == publisher),
                    "scores": _scores_dict(scores),
                }
                for publisher, scores in self.by_publisher().items()
            },
        }


def _scores_dict(scores: Mapping[str, Counts]) -> dict[str, Any]:
    return {metric: scores[metric].to_dict() for metric in METRICS}


def _article(doc: GoldDoc) -> Article:
    return Article(text=doc.text, id=doc.name, path=doc.ann_path, outlet=doc.publisher)


def evaluate_polnear(
    root: Path | str,
    split: str = "dev",
    limit: int | None = None,
    mode: str | None = None,
    nested: bool = False,
    keep_going: bool = False,
) -> PolnearReport:
    """Extract from every article of ``root/split`` and score against the gold annotation.

    ``limit`` keeps the first ``limit`` articles by name; ``mode`` picks the
    extraction mode ("rules", "model", "accurate" or "ensemble"; the default mode when
    ``None``); ``nested`` scores nested attributions too (see the module's
    docstring: PolNeAR annotates none, so by default only top-level ones are
    scored); ``keep_going`` skips a broken article (recorded in the report's
    ``skipped``) instead of raising :class:`~sourcetrace.errors.InputError`. Raises
    :class:`~sourcetrace.errors.UsageError` if the split folder is missing.
    """
    errors: list[InputError] | None = [] if keep_going else None
    docs = load_polnear(root, split, limit=limit, errors=errors)
    return _evaluate(docs, str(root), split, "polnear", mode, nested, errors or [])


def evaluate_brat(
    folder: Path | str,
    limit: int | None = None,
    mode: str | None = None,
    nested: bool = False,
    keep_going: bool = False,
) -> PolnearReport:
    """Like :func:`evaluate_polnear`, over a folder of ``<name>.txt`` articles each with
    its brat ``<name>.ann`` in PolNeAR's scheme (:func:`~.polnear.load_brat`): a
    user's own annotated articles. By-publisher figures group by sub-folder."""
    errors: list[InputError] | None = [] if keep_going else None
    docs = load_brat(folder, limit=limit, errors=errors)
    return _evaluate(docs, str(folder), Path(folder).name, "brat", mode, nested, errors or [])


def _evaluate(
    docs: list[GoldDoc], root: str, split: str, corpus: str, mode: str | None, nested: bool,
    errors: list[InputError],
) -> PolnearReport:
    reports = []
    mode = mode or DEFAULT_MODE
    extractions = extract_articles((_article(d) for d in docs), mode=mode)
    for gold, extraction in zip(docs, extractions, strict=True):
        if extraction.text != gold.text:
            raise InputError(gold.name, "the extractor changed the text: offsets do not compare")
        kept = [a for a in extraction.attributions if nested or a.parent is None]
        pred = [predicted(a) for a in kept]
        reports.append(DocReport(
            name=gold.name,
            publisher=gold.publisher,
            annotator=gold.annotator,
            gold=len(gold.attributions),
            predicted=len(pred),
            nested_left_out=len(extraction.attributions) - len(kept),
            scores={
                **score_document(gold.text, gold.attributions, pred),
                **kind_counts(gold.text, gold.attributions, pred),
            },
        ))
    return PolnearReport(
        root=root, split=split, docs=tuple(reports), mode=mode, nested=nested, corpus=corpus,
        skipped=tuple(str(e) for e in errors),
    )
