"""Scores by attribution kind: direct, indirect, mixed, according_to, unsourced.

PolNeAR's gold attributions carry no kind, so a gold kind is *inferred from the
gold spans*, with the rules the extractor uses for its own kinds, in this order:

* ``according_to``: the cue is an "according to"-type phrase of the lexicon;
* ``unsourced``: the attribution has no source span ("no source");
* ``direct``: the content is exactly one quotation (marks included);
* ``mixed``: the content contains a quotation and more;
* ``indirect``: anything else.

Recall of a kind is counted over the *gold* attributions of that inferred
kind; precision over the *predicted* attributions of that predicted kind
(``Attribution.kind``). The two populations differ (a gold direct quote may be
predicted as mixed), so the per-kind F1 is the harmonic mean of a precision
and a recall over different sets: read it as a summary, not as a matching
score. Matching is the attribution-level one of
:mod:`sourcetrace.evaluation.scoring` (cue and content overlap, source where
gold has one); per role, a matched pair counts for ``exact`` when that role's
spans are equal after trimming, so a kind's exact role scores are at most its
attribution score.

Counts are stored under keys ``kind.<kind>.<metric>.<side>`` (``side`` is
``recall`` for gold-side counts, ``precision`` for predicted-side ones) so
that they add up over documents like every other metric.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..nlp.lexicon import load_lexicon
from ..nlp.quotes import find_quotes
from ..records import KINDS
from .scoring import Counts, Pieces, PredictedAttribution, RoleSpans, match_attributions, normalise

KIND_METRICS: tuple[str, ...] = ("attribution", "source.exact", "cue.exact", "content.exact")
ROLE_OF = {"source.exact": "source", "cue.exact": "cue", "content.exact": "content"}


def gold_kind(text: str, att: RoleSpans, quotes: Sequence[tuple[int, int]]) -> str:
    """The kind of a gold attribution, inferred from its spans (see the module doc)."""
    lex = load_lexicon("en")
    cue = " ".join(text[s:e] for s, e in normalise(text, att.cue)).lower().split()
    if tuple(cue) in lex.according_to:
        return "according_to"
    if not normalise(text, att.source):
        return "unsourced"
    content = normalise(text, att.content)
    inside = [q for q in quotes if any(s <= q[0] and q[1] <= e for s, e in content)]
    if len(content) == 1 and content[0] in quotes:
        return "direct"
    return "mixed" if inside else "indirect"


def kind_counts(
    text: str, gold: Sequence[RoleSpans], pred: Sequence[PredictedAttribution]
) -> dict[str, Counts]:
    """Per-kind counts of one document, keyed ``kind.<kind>.<metric>.<side>``."""
    lex = load_lexicon("en")
    quotes = [(q.start, q.end) for q in find_quotes(text, lex)]
    g_kinds = [gold_kind(text, g, quotes) for g in gold]
    pairs = dict(match_attributions(text, gold, pred))
    by_pred = {pi: gi for gi, pi in pairs.items()}
    out: dict[str, Counts] = {}

    def add(key: str, counts: Counts) -> None:
        out[key] = out.get(key, Counts()) + counts

    for gi, g in enumerate(gold):
        kind = g_kinds[gi]
        match = pairs.get(gi)
        for metric in KIND_METRICS:
            if metric != "attribution" and not normalise(text, getattr(g, ROLE_OF[metric])):
                continue
            hit = match is not None and (
                metric == "attribution" or _same(text, g, pred[match], ROLE_OF[metric])
            )
            add(f"kind.{kind}.{metric}.recall", Counts(tp=1) if hit else Counts(fn=1))
    for pi, p in enumerate(pred):
        found = by_pred.get(pi)
        for metric in KIND_METRICS:
            if metric != "attribution" and not normalise(text, getattr(p, ROLE_OF[metric])):
                continue
            hit = found is not None and (
                metric == "attribution" or _same(text, gold[found], p, ROLE_OF[metric])
            )
            add(f"kind.{p.kind}.{metric}.precision", Counts(tp=1) if hit else Counts(fp=1))
    return out


def _same(text: str, a: RoleSpans, b: RoleSpans, role: str) -> bool:
    x: Pieces = normalise(text, getattr(a, role))
    return bool(x) and x == normalise(text, getattr(b, role))


def kind_scores(scores: Mapping[str, Counts]) -> dict[str, dict[str, dict[str, float | int]]]:
    """Precision (predicted kind), recall (gold kind) and their F1 for every kind and metric."""
    out: dict[str, dict[str, dict[str, float | int]]] = {}
    for kind in KINDS:
        row: dict[str, dict[str, float | int]] = {}
        for metric in KIND_METRICS:
            p = scores.get(f"kind.{kind}.{metric}.precision", Counts())
            r = scores.get(f"kind.{kind}.{metric}.recall", Counts())
            prec, rec = p.precision, r.recall
            row[metric] = {
                "precision": round(prec, 4), "recall": round(rec, 4),
                "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
                "gold": r.tp + r.fn, "predicted": p.tp + p.fp,
            }
        out[kind] = row
    return out
