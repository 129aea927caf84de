"""Rich tables of evaluation reports (the CLI prints them; nothing here parses options)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table

from .kinds import KIND_METRICS, kind_scores
from .report import PolnearReport
from .scoring import ATTRIBUTION, PIECES, ROLES, Counts

# no vertical rules and shared padding, so both tables fit 80 columns
_STYLE: dict[str, Any] = {"box": box.SIMPLE_HEAD, "collapse_padding": True, "pad_edge": False}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def scores_table(scores: Mapping[str, Counts], title: str | None = None) -> Table:
    """One row per role (exact and overlap P/R/F1 in %), then the attribution-level row."""
    # two-line headers keep the columns narrow
    table = Table(title=title, **_STYLE)
    table.add_column("level", no_wrap=True)
    for match in ("exact", "overlap"):
        for col in ("P", "R", "F1"):
            table.add_column(f"{match}\n{col}", justify="right", no_wrap=True)
    table.add_column("gold", justify="right")
    table.add_column("pred", justify="right")
    for role in ROLES:
        exact, over = scores[f"{role}.exact"], scores[f"{role}.overlap"]
        table.add_row(
            role,
            *(_pct(v) for v in (exact.precision, exact.recall, exact.f1)),
            *(_pct(v) for v in (over.precision, over.recall, over.f1)),
            str(exact.tp + exact.fn), str(exact.tp + exact.fp),
        )
    att = scores[ATTRIBUTION]
    table.add_row(
        "attribution", "", "", "",
        *(_pct(v) for v in (att.precision, att.recall, att.f1)),
        str(att.tp + att.fn), str(att.tp + att.fp),
        end_section=True,
    )
    pieces = [f"{role}.{PIECES}" for role in ROLES]
    if all(key in scores for key in pieces):
        table.caption = (
            "distinct pieces, as a BIO tagger is scored (CofeNet), F1 source / cue / content: "
            + " / ".join(_pct(scores[key].f1) for key in pieces)
        )
    return table


def publisher_table(report: PolnearReport) -> Table:
    """Overlap F1 of each role and attribution-level P/R/F1, one row per publisher."""
    table = Table(title="by publisher: overlap F1 %, attribution P/R/F1 %", **_STYLE)
    for col in ("publisher", "docs", *ROLES, "attr P", "attr R", "attr F1"):
        table.add_column(col, justify="left" if col == "publisher" else "right", no_wrap=True)
    docs: dict[str, int] = {}
    for d in report.docs:
        docs[d.publisher] = docs.get(d.publisher, 0) + 1
    for publisher, scores in report.by_publisher().items():
        att = scores[ATTRIBUTION]
        table.add_row(
            publisher, str(docs[publisher]),
            *(_pct(scores[f"{role}.overlap"].f1) for role in ROLES),
            _pct(att.precision), _pct(att.recall), _pct(att.f1),
        )
    return table


def kind_table(report: PolnearReport) -> Table:
    """Per kind: attribution P/R/F1 and exact F1 of each role (P by predicted kind, R by gold kind)."""
    table = Table(
        title="by kind: P over predicted kind, R over gold kind (inferred from gold spans), F1 %",
        **_STYLE,
    )
    for col in ("kind", "gold", "pred", "attr P", "attr R", "attr F1", "source", "cue", "content"):
        table.add_column(col, justify="left" if col == "kind" else "right", no_wrap=True)
    for kind, row in kind_scores(report.total).items():
        att = row["attribution"]
        table.add_row(
            kind, str(att["gold"]), str(att["predicted"]),
            *(_pct(float(att[k])) for k in ("precision", "recall", "f1")),
            *(_pct(float(row[m]["f1"])) for m in KIND_METRICS[1:]),
        )
    return table


def render(report: PolnearReport, publishers: bool = True) -> Group:
    """What to print for a PolNeAR report: the overall table, then the per-publisher one."""
    left_out = sum(d.nested_left_out for d in report.docs)
    scored = "all attributions, nested ones too" if report.nested else (
        f"top-level attributions ({left_out} nested ones not scored: PolNeAR's scheme has none)"
    )
    corpus = f"PolNeAR {report.split}" if report.corpus == "polnear" else f"brat folder {report.root}"
    title = (
        f"{corpus}: {len(report.docs)} articles, mode {report.mode}, "
        f"{scored}, P/R/F1 in % (micro-averaged)"
    )
    tables = [scores_table(report.total, title=title), kind_table(report)]
    if publishers:
        tables.append(publisher_table(report))
    return Group(*tables)
