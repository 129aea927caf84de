"""Pure scoring of predicted attributions against gold ones, per document.

Everything here is a function of the article text and two lists of spans; no
I/O, no model. Spans are tuples of ``(start, end)`` character pieces into the
text, so a discontinuous span ("X," he said, "Y.") is one span of two pieces.

What is scored, with no leniency beyond what is written here:

* **Per role** (``source``, ``cue``, ``content``), each attribution gives at
  most one span per role (a prediction's ``content`` pieces form one span, its
  source and cue one piece each). The unit is the span *of an attribution*: a
  span shared by two gold attributions (PolNeAR links one source mention to two
  cues this way) counts twice, and a prediction must produce it twice to get
  both. A span that is empty after trimming (a missing source, a gold relation
  without a cue) gives no unit at all.

  - ``exact``: equal after trimming white space at both ends of every piece,
    dropping pieces that are all white space, and sorting the pieces. Pieces
    are *not* merged, so ``(0, 5), (5, 9)`` differs from ``(0, 9)``.
    One-to-one: ``tp`` is the size of the multiset intersection.
  - ``overlap``: a pair matches when the spans share at least one
    non-white-space character. One-to-one, greedy: pairs are taken in order of
    decreasing overlap (shared non-white-space characters), ties broken by gold
    then predicted position, skipping any pair whose gold or prediction is used.

* **Pieces** (``<role>.pieces``): each distinct piece of a role, over all
  attributions, is one unit, trimmed as above: a discontinuous content gives
  one unit per piece, and a source shared by two attributions gives one. This
  is how a BIO tagger's output is scored (each contiguous run of one label is a
  span, as in CofeNet's evaluation); it is reported beside ``exact`` so that
  the two can be compared, not instead of it.

* **Attribution level**: a predicted attribution matches a gold one when their
  cues overlap, their contents overlap, and the gold has no source or their
  sources overlap (a prediction with a source matches a sourceless gold one).
  One-to-one, greedy by the summed overlap of the three roles, as above. A gold
  relation without a cue or a content can never be matched (it counts as a
  false negative); the annotators left a few of those.

Counts are micro-averaged by adding :class:`Counts` over documents; precision,
recall and F1 are 0.0 (not an error) when their denominator is zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..records import Attribution

Piece = tuple[int, int]
Pieces = tuple[Piece, ...]

ROLES: tuple[str, ...] = ("source", "cue", "content")
MATCHES: tuple[str, ...] = ("exact", "overlap")
PIECES = "pieces"
ATTRIBUTION = "attribution"
#: Every metric key a document score carries: ``"<role>.<match>"`` and ``"attribution"``.
METRICS: tuple[str, ...] = (
    *(f"{role}.{match}" for role in ROLES for match in MATCHES), ATTRIBUTION,
    *(f"{role}.{PIECES}" for role in ROLES),
)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


class RoleSpans(Protocol):
    """Anything with the three role spans of one attribution (gold or predicted)."""

    @property
    def source(self) -> Pieces | None: ...

    @property
    def cue(self) -> Pieces: ...

    @property
    def content(self) -> Pieces: ...


@dataclass(frozen=True, slots=True)
class PredictedAttribution:
    """The spans of one predicted attribution, with what a breakdown may need."""

    id: str
    kind: str
    source: Pieces | None
    cue: Pieces
    content: Pieces


def predicted(attribution: Attribution) -> PredictedAttribution:
    """The role spans of an extracted :class:`~sourcetrace.records.Attribution`."""
    source = attribution.source
    return PredictedAttribution(
        id=attribution.id,
        kind=attribution.kind,
        source=((source.start, source.end),) if source is not None else None,
        cue=((attribution.cue.start, attribution.cue.end),),
        content=tuple((c.start, c.end) for c in attribution.content),
    )


def trim(text: str, start: int, end: int) -> Piece | None:
    """``(start, end)`` without white space at either end; ``None`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def normalise(text: str, pieces: Iterable[Piece] | None) -> Pieces:
    """The comparison key of a span: its trimmed, non-empty pieces, sorted.

    ``None`` (no span) and a span of white space alone both give ``()``.
    """
    if pieces is None:
        return ()
    trimmed = (trim(text, s, e) for s, e in pieces)
    return tuple(sorted(p for p in trimmed if p is not None))


class _NonSpace:
    """Counts non-white-space characters in any stretch of one text, in O(1)."""

    def __init__(self, text: str) -> None:
        prefix = [0] * (len(text) + 1)
        n = 0
        for i, ch in enumerate(text):
            if not ch.isspace():
                n += 1
            prefix[i + 1] = n
        self._prefix = prefix

    def shared(self, a: Pieces, b: Pieces) -> int:
        """Non-white-space characters covered by both ``a`` and ``b``."""
        total = 0
        for s1, e1 in _merged(a):
            for s2, e2 in _merged(b):
                lo, hi = max(s1, s2), min(e1, e2)
                if lo < hi:
                    total += self._prefix[hi] - self._prefix[lo]
        return total


def _merged(pieces: Pieces) -> list[Piece]:
    """Pieces with overlaps joined, so no character is counted twice."""
    out: list[Piece] = []
    for s, e in sorted(pieces):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlap(text: str, a: Pieces, b: Pieces) -> int:
    """Non-white-space characters of ``text`` that spans ``a`` and ``b`` share."""
    return _NonSpace(text).shared(a, b)


def exact_counts(gold: Sequence[Pieces], pred: Sequence[Pieces]) -> Counts:
    """One-to-one exact matching of already normalised spans (empty ones ignored)."""
    g = Counter(x for x in gold if x)
    p = Counter(x for x in pred if x)
    tp = sum((g & p).values())
    return Counts(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def piece_counts(gold: Sequence[Pieces], pred: Sequence[Pieces]) -> Counts:
    """Distinct pieces of already normalised spans, matched exactly (see ``pieces`` above)."""
    g = {piece for span in gold for piece in span}
    p = {piece for span in pred for piece in span}
    tp = len(g & p)
    return Counts(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def _greedy(scores: Iterable[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from ``(score, gold index, pred index)``, best score first."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(scores, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def match_overlap(text: str, gold: Sequence[Pieces], pred: Sequence[Pieces]) -> list[tuple[int, int]]:
    """Greedy one-to-one ``(gold index, pred index)`` pairs sharing a non-space character."""
    counter = _NonSpace(text)
    return _match_overlap(counter, gold, pred)


def _match_overlap(
    counter: _NonSpace, gold: Sequence[Pieces], pred: Sequence[Pieces]
) -> list[tuple[int, int]]:
    scores = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g and p:
                shared = counter.shared(g, p)
                if shared > 0:
                    scores.append((shared, gi, pi))
    return _greedy(scores)


def overlap_counts(text: str, gold: Sequence[Pieces], pred: Sequence[Pieces]) -> Counts:
    """One-to-one any-overlap matching of spans (empty ones ignored)."""
    return _overlap_counts(_NonSpace(text), gold, pred)


def _overlap_counts(counter: _NonSpace, gold: Sequence[Pieces], pred: Sequence[Pieces]) -> Counts:
    g = [x for x in gold if x]
    p = [x for x in pred if x]
    tp = len(_match_overlap(counter, g, p))
    return Counts(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def match_attributions(
    text: str, gold: Sequence[RoleSpans], pred: Sequence[RoleSpans]
) -> list[tuple[int, int]]:
    """Greedy one-to-one ``(gold index, pred index)`` pairs of matching attributions."""
    return _match_attributions(text, _NonSpace(text), gold, pred)


def _match_attributions(
    text: str, counter: _NonSpace, gold: Sequence[RoleSpans], pred: Sequence[RoleSpans]
) -> list[tuple[int, int]]:
    g_keys = [_keys(text, a) for a in gold]
    p_keys = [_keys(text, a) for a in pred]
    scores = []
    for gi, (g_src, g_cue, g_con) in enumerate(g_keys):
        for pi, (p_src, p_cue, p_con) in enumerate(p_keys):
            cue = counter.shared(g_cue, p_cue)
            content = counter.shared(g_con, p_con)
            if not cue or not content:
                continue
            source = counter.shared(g_src, p_src)
            if g_src and not source:
                continue
            scores.append((cue + content + source, gi, pi))
    return _greedy(scores)


def _keys(text: str, a: RoleSpans) -> tuple[Pieces, Pieces, Pieces]:
    return normalise(text, a.source), normalise(text, a.cue), normalise(text, a.content)


def score_document(
    text: str, gold: Sequence[RoleSpans], pred: Sequence[RoleSpans]
) -> dict[str, Counts]:
    """Counts of every metric in :data:`METRICS` for one document."""
    counter = _NonSpace(text)
    out: dict[str, Counts] = {}
    for role in ROLES:
        g = [normalise(text, getattr(a, role)) for a in gold]
        p = [normalise(text, getattr(a, role)) for a in pred]
        out[f"{role}.exact"] = exact_counts(g, p)
        out[f"{role}.overlap"] = _overlap_counts(counter, g, p)
        out[f"{role}.{PIECES}"] = piece_counts(g, p)
    tp = len(_match_attributions(text, counter, gold, pred))
    out[ATTRIBUTION] = Counts(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)
    return out


def add_scores(scores: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Micro-average: the sum of each metric's counts over documents."""
    total = {metric: Counts() for metric in METRICS}
    for doc in scores:
        for metric, counts in doc.items():
            total[metric] = total.get(metric, Counts()) + counts
    return total
