"""Article text cut into segments, each with the highlight marks that cover it.

Shared by the self-contained HTML page (:mod:`sourcetrace.render.html`) and the
web app's templates: the text is split at every span boundary, and each piece
carries the marks covering it, outermost first, so a renderer can open one
``<mark>`` per mark, print the escaped piece and close them again. Spans of
different attributions may nest or overlap. Nothing here produces markup:
escaping stays with the renderer (``html.escape``, Jinja).

Roles (one CSS colour each): ``source``, ``cue``, ``content``, ``channel``,
``assertion`` (the author's own voice; ``hedged`` when it carries a hedge) and
``hedge``. A mark's ``label`` is the tooltip (the attribution's record in a few
lines); ``ref`` ties the marks of one attribution together for the script that
highlights them all on hover. Spans outside the text or empty are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..records import Attribution, Extraction

ROLES: tuple[tuple[str, str], ...] = (
    ("source", "source"),
    ("cue", "cue"),
    ("content", "content"),
    ("channel", "channel"),
    ("assertion", "author's assertion"),
    ("hedge", "hedge"),
)
_RANK = {"assertion": 0, "content": 1, "source": 2, "cue": 3, "channel": 4, "hedge": 5,
         "drift": 6, "match": 7}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: offsets, role (CSS class), tooltip and the record it belongs to."""

    start: int
    end: int
    role: str
    label: str
    ref: str = ""

    @property
    def css(self) -> str:
        return self.role


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text and the marks covering it, outermost first."""

    text: str
    marks: tuple[Mark, ...]


def attribution_label(role: str, a: Attribution) -> str:
    """The tooltip of one mark: the attribution's record, one field a line."""
    source = f"{a.source.name} ({a.source.type})" if a.source else "none named"
    lines = [f"{role} of attribution {a.id}", f"kind: {a.kind}",
             f"cue: {a.cue.text} (stance: {a.cue.stance})", f"source: {source}"]
    if a.source is not None and a.source.descriptor:
        lines.append(f"descriptor: {a.source.descriptor}")
    lines.append(f"channel: {a.channel.name if a.channel else 'none'}")
    if a.parent:
        lines.append(f"nested in: {a.parent}")
    lines.append(f"confidence: {a.confidence:.2f}")
    return "\n".join(lines)


def record_marks(record: Extraction) -> list[Mark]:
    """The marks of every attribution span and author assertion of ``record``."""
    marks: list[Mark] = []
    for a in record.attributions:
        spans = [("content", c.start, c.end) for c in a.content]
        spans.append(("cue", a.cue.start, a.cue.end))
        if a.source is not None:
            spans.append(("source", a.source.start, a.source.end))
        if a.channel is not None and a.channel.start is not None and a.channel.end is not None:
            spans.append(("channel", a.channel.start, a.channel.end))
        marks += [Mark(s, e, role, attribution_label(role, a), a.id) for role, s, e in spans]
    for n, assertion in enumerate(record.assertions, start=1):
        ref = f"assertion-{n}"
        if assertion.hedge is not None:
            h = assertion.hedge
            marks.append(Mark(assertion.start, assertion.end, "assertion hedged",
                              f"author's assertion, hedged by “{h.text}”", ref))
            marks.append(Mark(h.start, h.end, "hedge", f"hedge: {h.text}", ref))
        else:
            marks.append(Mark(assertion.start, assertion.end, "assertion",
                              "author's assertion (unhedged)", ref))
    return marks


def _rank(m: Mark) -> int:
    return _RANK.get(m.role.split()[0], 9)


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` split at every mark boundary; each piece with the marks covering it."""
    size = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end <= size]
    bounds = sorted({0, size, *(m.start for m in kept), *(m.end for m in kept)})
    # outermost first: earlier start, then longer span, then the role order
    pending = sorted(kept, key=lambda m: (m.start, -m.end, _rank(m)), reverse=True)
    active: list[Mark] = []
    out: list[Segment] = []
    for left, right in pairwise(bounds):
        # every start and end is a bound, so a mark covers a piece iff it is active
        active = [m for m in active if m.end > left]
        while pending and pending[-1].start <= left:
            active.append(pending.pop())
        out.append(Segment(text[left:right], tuple(active)))
    return out


def term_marks(text: str, terms: Sequence[str], role: str, label: str) -> list[Mark]:
    """Marks over every case-insensitive occurrence of each term (drift numbers, query words)."""
    marks: list[Mark] = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        for m in re.finditer(_term_pattern(term), text, flags=re.IGNORECASE):
            marks.append(Mark(m.start(), m.end(), role, label))
    return marks


def _term_pattern(term: str) -> str:
    """A regex for ``term``; a number also matches with digit-group separators (4800 ~ 4,800)."""
    if term.isdigit():
        return r"(?<!\d)" + r"[,.\u00a0\u202f ]?".join(term) + r"(?!\d)"
    return re.escape(term)


def snippet_segments(snippet: str, highlights: Sequence[tuple[int, int]]) -> list[Segment]:
    """A search snippet with its matched words marked (role ``match``)."""
    return segments(snippet, [Mark(s, e, "match", "matched") for s, e in highlights])
