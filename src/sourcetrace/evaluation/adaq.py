"""Scoring the Russian extractor on the adaq corpus (``sourcetrace eval adaq``).

adaq ("Automatic Detection and Attribution of Quotes", a Master's thesis
corpus) tags about 200 Russian sentences from UD treebanks token by token as
``source``, ``cue``, ``content`` or ``None``. Layout under ``root``::

    ru_sentences.tsv   sentences<TAB>sentence_id           (CSV quoting)
    ru_tokens.tsv      lemmas<TAB>text<TAB>sentence_num<TAB>index_of_token_sent<TAB>tags

Each sentence is extracted on its own, as a one-sentence Russian article, and
scored two ways:

* **token level** (the thesis's measure): for each role, a token counts as a
  true positive when gold tags it with the role and some predicted span of
  that role covers it; a predicted role on a token gold tags otherwise is a
  false positive. Every token counts, punctuation included, as the gold tags
  it (commas inside a content are content, the final full stop is not).
* **span level**: gold spans are the maximal runs of tokens with one tag; a
  predicted span is the run of gold tokens it overlaps (a discontinuous
  content gives one span per run). ``exact``: the same tokens, one to one;
  ``overlap``: any shared token, one to one, greedy (as for PolNeAR).

Limits: adaq has no relation ids, so two attributions in one sentence whose
spans of a role touch form one gold span, and attribution-level matching is
not possible.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..jobs import extract_articles
from ..records import Article, Extraction
from .scoring import ROLES, Counts, Pieces, exact_counts, overlap_counts

FILES = ("ru_sentences.tsv", "ru_tokens.tsv")
LEVELS = ("token", "span.exact", "span.overlap")


@dataclass(frozen=True, slots=True)
class AdaqSentence:
    """One gold sentence: its text, token offsets and tags (``None`` → ``""``)."""

    id: str
    text: str
    tokens: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdaqReport:
    """Counts per ``"<level>.<role>"`` key, summed over the corpus."""

    root: str
    sentences: int
    with_cue: int
    scores: Mapping[str, Counts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": "adaq",
            "language": "ru",
            "root": self.root,
            "sentences": self.sentences,
            "sentences_with_cue": self.with_cue,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
        }


def load_adaq(root: Path | str) -> list[AdaqSentence]:
    """The gold sentences of ``root``, in file order; offsets checked against the text."""
    root = Path(root)
    for name in FILES:
        if not (root / name).is_file():
            raise UsageError(f"{root / name} is not a file: is {root} the adaq data folder?")
    texts: dict[str, str] = {}
    with (root / FILES[0]).open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) >= 2:
                texts[row[1]] = row[0]
    tokens: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    with (root / FILES[1]).open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows, None)
        for lineno, row in enumerate(rows, start=2):
            if len(row) < 5:
                raise InputError(f"{root / FILES[1]}:{lineno}", "expected 5 tab-separated columns")
            tag = row[4] if row[4] in ROLES else ""
            tokens[row[2]].append((int(row[3]), row[1], tag))
    out = []
    for sid, text in texts.items():
        toks = sorted(tokens.get(sid, []))
        spans, tags, pos = [], [], 0
        for _, word, tag in toks:
            start = text.find(word, pos)
            if start < 0:
                raise InputError(f"{root / FILES[1]}", f"sentence {sid}: token {word!r} not in its text")
            spans.append((start, start + len(word)))
            tags.append(tag)
            pos = start + len(word)
        out.append(AdaqSentence(sid, text, tuple(spans), tuple(tags)))
    return out


def predicted_tags(sentence: AdaqSentence, extraction: Extraction) -> list[set[str]]:
    """The roles each gold token is covered by in ``extraction``."""
    out: list[set[str]] = [set() for _ in sentence.tokens]
    for role, (start, end) in _role_spans(extraction):
        for k, (s, e) in enumerate(sentence.tokens):
            if s < end and start < e:
                out[k].add(role)
    return out


def _role_spans(extraction: Extraction) -> Iterable[tuple[str, tuple[int, int]]]:
    for a in extraction.attributions:
        if a.source is not None:
            yield "source", (a.source.start, a.source.end)
        yield "cue", (a.cue.start, a.cue.end)
        for c in a.content:
            yield "content", (c.start, c.end)


def _runs(sentence: AdaqSentence, marks: list[bool]) -> list[Pieces]:
    """Maximal runs of marked tokens, each as one char piece."""
    runs: list[Pieces] = []
    k, n = 0, len(marks)
    while k < n:
        if not marks[k]:
            k += 1
            continue
        j = k
        while j + 1 < n and marks[j + 1]:
            j += 1
        runs.append(((sentence.tokens[k][0], sentence.tokens[j][1]),))
        k = j + 1
    return runs


def score_sentence(sentence: AdaqSentence, extraction: Extraction) -> dict[str, Counts]:
    """Token- and span-level counts of one sentence, keyed ``"<level>.<role>"``."""
    pred = predicted_tags(sentence, extraction)
    out: dict[str, Counts] = {}
    for role in ROLES:
        gold_marks = [t == role for t in sentence.tags]
        pred_marks = [role in p for p in pred]
        tp = sum(1 for g, p in zip(gold_marks, pred_marks, strict=True) if g and p)
        out[f"token.{role}"] = Counts(tp=tp, fp=sum(pred_marks) - tp, fn=sum(gold_marks) - tp)
        gold_runs = _runs(sentence, gold_marks)
        pred_runs = _pred_runs(sentence, extraction, role)
        out[f"span.exact.{role}"] = exact_counts(gold_runs, pred_runs)
        out[f"span.overlap.{role}"] = overlap_counts(sentence.text, gold_runs, pred_runs)
    return out


def _pred_runs(sentence: AdaqSentence, extraction: Extraction, role: str) -> list[Pieces]:
    """Each predicted span of ``role``, snapped to the gold tokens it overlaps (one run each)."""
    runs: list[Pieces] = []
    for r, (start, end) in _role_spans(extraction):
        if r != role:
            continue
        marks = [s < end and start < e for s, e in sentence.tokens]
        runs.extend(_runs(sentence, marks))
    return runs


def evaluate_adaq(root: Path | str, limit: int | None = None) -> AdaqReport:
    """Extract every adaq sentence (as Russian) and score it; see the module docstring."""
    sentences = load_adaq(root)
    if limit is not None:
        sentences = sentences[:limit]
    articles = (Article(text=s.text, id=s.id, lang="ru") for s in sentences)
    totals: dict[str, Counts] = {f"{lvl}.{role}": Counts() for lvl in LEVELS for role in ROLES}
    for sentence, extraction in zip(sentences, extract_articles(articles), strict=True):
        for key, counts in score_sentence(sentence, extraction).items():
            totals[key] = totals[key] + counts
    return AdaqReport(
        root=str(root),
        sentences=len(sentences),
        with_cue=sum(1 for s in sentences if "cue" in s.tags),
        scores=totals,
    )


def render_adaq(report: AdaqReport) -> Any:
    """A Rich table: one row per role, P/R/F1 (%) at token level and span level."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=(
            f"adaq (Russian): {report.sentences} sentences, {report.with_cue} with a cue\n"
            "P/R/F1 in %; span= exact span match, span~ any overlap"
        ),
        box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False,
    )
    table.add_column("role", no_wrap=True)
    # short two-line headers keep the table within 80 columns
    for level in ("token", "span=", "span~"):
        for col in ("P", "R", "F1"):
            table.add_column(f"{level}\n{col}", justify="right", no_wrap=True)
    for role in ROLES:
        cells = []
        for level in LEVELS:
            c = report.scores[f"{level}.{role}"]
            cells += [f"{100 * x:.1f}" for x in (c.precision, c.recall, c.f1)]
        table.add_row(role, *cells)
    return table
