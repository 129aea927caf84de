"""Scoring the extractor against gold-annotated corpora (``sourcetrace eval``).

``evaluate_polnear(root, split)`` runs the extractor over a PolNeAR split and
returns a :class:`PolnearReport` (``to_dict()`` for JSON, :func:`render` for a
Rich table); ``evaluate_brat(folder)`` does the same for a folder of brat-annotated
articles in PolNeAR's scheme. Scoring rules are in :mod:`sourcetrace.evaluation.scoring`, the
corpus reader and its choices in :mod:`sourcetrace.evaluation.polnear`.
"""

from __future__ import annotations

from .polnear import GoldAttribution, GoldDoc, load_brat, load_polnear
from .render import render
from .report import DocReport, PolnearReport, evaluate_brat, evaluate_polnear
from .scoring import Counts, score_document

__all__ = [
    "Counts",
    "DocReport",
    "GoldAttribution",
    "GoldDoc",
    "PolnearReport",
    "evaluate_brat",
    "evaluate_polnear",
    "load_brat",
    "load_polnear",
    "render",
    "score_document",
]
