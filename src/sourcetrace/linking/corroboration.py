"""Independent origins versus echoes, and the provenance tree of one claim.

For every mention of a claim, :func:`origin_of` finds the *first-hand report*
it came through: an outlet in its attribution chain ("told CNN"), else the
report its article is based on (following corpus copies and translations back
to their source), else the article's own outlet when the article is original.
:func:`verdict` then counts **independent origins**: the connected groups of a
graph joining each first-hand report to the primary sources it carries, so
that two outlets quoting the same party count once (a ministry stating its line
twice) and one report quoting two people counts once (they were reached through
one report). Denials ("the ministry denied that…") are not origins of support.
Everything else is an **echo**: articles that repeat a report.

A primary source's *party* is its name, or, for an official whose descriptor
names an institution ("a deputy director at the ministry"), that institution.

``interested`` is a hook: a callable deciding whether a speaker is an
interested party (topic packs will provide them); the verdict records whether
*all* origins rest on interested parties, or ``None`` without a hook.
:func:`trace_tree` lays out primary source → channel → articles, with dates,
originality and relations, as a :class:`TraceNode` tree (JSON via ``to_dict``,
Rich via :func:`render_trace`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.tree import Tree

from .claims import Drift, Mention, Speaker
from .derivation import ArticleProvenance
from .outlets import display_name, looks_like_outlet, script_key

InterestPolicy = Callable[[Speaker], bool | None]
_INSTITUTION = re.compile(
    r"\b(ministry|minister|government|police|army|military|committee|office|agency|"
    r"intelligence|prosecutor|service|council|parliament|kremlin|embassy)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin: first-hand report(s) and the primary source(s) behind them."""

    reports: tuple[str, ...]
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"reports": list(self.reports), "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Origin:
        return cls(tuple(data["reports"]), tuple(data["sources"]))


@dataclass(frozen=True, slots=True)
class Verdict:
    """How many independent origins support a claim, and how many articles echo it."""

    independent_origins: int
    origins: tuple[Origin, ...]
    echoes: int
    articles: int
    source_types: tuple[str, ...]
    interested_only: bool | None = None

    @property
    def label(self) -> str:
        if self.independent_origins >= 2:
            return "corroborated"
        if self.independent_origins == 1:
            return "single origin"
        return "no identified origin"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "independent_origins": self.independent_origins,
            "origins": [o.to_dict() for o in self.origins], "echoes": self.echoes,
            "articles": self.articles, "source_types": list(self.source_types),
            "interested_only": self.interested_only,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """The verdict of :meth:`to_dict` (``label`` is derived, so ignored)."""
        return cls(int(data["independent_origins"]),
                   tuple(Origin.from_dict(o) for o in data["origins"]), int(data["echoes"]),
                   int(data["articles"]), tuple(data["source_types"]),
                   data.get("interested_only"))


def party(speaker: Speaker) -> str:
    """The party a speaker stands for: its institution if its descriptor names one."""
    if speaker.type in ("government", "organization"):
        m = _INSTITUTION.search(speaker.name)
        if m:
            return "inst:" + m.group(1).lower().replace("minister", "ministry")
    if speaker.descriptor and (m := _INSTITUTION.search(speaker.descriptor)):
        return "inst:" + m.group(1).lower().replace("minister", "ministry")
    return "src:" + speaker.key


def origin_of(
    mention: Mention, articles: Mapping[str, ArticleProvenance],
    own_name: Mapping[str, str | None],
) -> str:
    """The first-hand report a mention came through (see the module notes)."""
    for ch in mention.channels:
        if looks_like_outlet(ch):
            return display_name(ch)
    seen: set[str] = set()
    article = mention.article
    while article not in seen:
        seen.add(article)
        prov = articles.get(article)
        if prov is None or prov.originality != "derivative" or not prov.based_on:
            break
        first = prov.based_on[0]
        if first.article and first.article in articles:
            article = first.article
            continue
        if first.outlet:
            return display_name(first.outlet)
        break
    return own_name.get(article) or article


def verdict(
    mentions: Sequence[Mention], articles: Mapping[str, ArticleProvenance],
    own_name: Mapping[str, str | None], interested: InterestPolicy | None = None,
) -> Verdict:
    """The corroboration verdict of one claim's mentions (see the module notes)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sources_of: dict[str, set[str]] = defaultdict(set)
    types: set[str] = set()
    flags: list[bool | None] = []
    for m in mentions:
        if m.primary is None or m.primary.type == "outlet" or m.stance == "deny":
            continue  # a denial is no support: it is shown in the trace, not counted
        report = "rep:" + script_key(origin_of(m, articles, own_name))
        who = party(m.primary)
        parent[find(report)] = find(who)
        sources_of[report].add(m.primary.name)
        types.add(m.primary.type)
        if interested is not None:
            flags.append(interested(m.primary))
    # "the Ledger" is "The Harbour Ledger" when the claim names both
    for short in [r for r in sources_of if " " not in r]:
        longer = [r for r in sources_of if r.endswith(" " + short.split(":")[-1])]
        if len(longer) == 1:
            parent[find(short)] = find(longer[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for report in sources_of:
        groups[find(report)].append(report)
    origins = tuple(
        Origin(tuple(sorted({_report_name(r, mentions, articles, own_name) for r in reports})),
               tuple(sorted({s for r in reports for s in sources_of[r]})))
        for reports in groups.values()
    )
    arts = {m.article for m in mentions}
    first_hand = {a for a in arts if articles.get(a) and articles[a].originality == "original"}
    interested_only = (all(bool(f) for f in flags) if flags and all(f is not None for f in flags)
                       else None)
    return Verdict(len(origins), origins, len(arts - first_hand), len(arts),
                   tuple(sorted(types)), interested_only)


def _report_name(report: str, mentions: Sequence[Mention], articles: Mapping[str, ArticleProvenance],
                 own_name: Mapping[str, str | None]) -> str:
    for m in mentions:
        name = origin_of(m, articles, own_name)
        if "rep:" + script_key(name) == report:
            return name
    return report[4:]


@dataclass(frozen=True, slots=True)
class TraceNode:
    """A node of a claim's provenance tree: a source, a channel or an article."""

    kind: str  # claim | source | channel | article
    label: str
    date: str | None = None
    relation: str | None = None
    detail: str | None = None
    children: tuple[TraceNode, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "date": self.date,
                "relation": self.relation, "detail": self.detail,
                "children": [c.to_dict() for c in self.children]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TraceNode:
        return cls(data["kind"], data["label"], data.get("date"), data.get("relation"),
                   data.get("detail"), tuple(cls.from_dict(c) for c in data.get("children", ())))


def trace_tree(
    claim_text: str, mentions: Sequence[Mention], carriers: Mapping[str, str],
    articles: Mapping[str, ArticleProvenance], dates: Mapping[str, str | None],
    own_name: Mapping[str, str | None], drift: Sequence[Drift], verdict_: Verdict,
) -> TraceNode:
    """primary source → channel (first-hand report) → articles, for one claim.

    ``carriers`` maps articles that carry the claim only through a text link
    (a translation or copy of a mentioning article, no mention of their own) to
    the article they carry it from.
    """
    tree: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    carried = {m.article for m in mentions if m.attribution.startswith("s")}
    for m in mentions:
        if m.primary is None:
            who = "(unsourced)"
        elif m.primary.type == "outlet" or looks_like_outlet(m.primary.name):
            who = "(the outlet's own claim)"
        else:
            who = m.primary.name
        report = origin_of(m, articles, own_name)
        tree[who][report].setdefault(m.article, m.text)
    drifted = {d.article for d in drift}
    nodes: list[TraceNode] = []
    for who, reports in tree.items():
        chans: list[TraceNode] = []
        for report, arts in reports.items():
            leaves = [_article_node(a, arts[a], articles, dates, a in drifted) for a in arts]
            for carrier, via in carriers.items():
                if via in arts and carrier not in arts and carrier not in carried:
                    leaves.append(_article_node(carrier, f"carries it through {via}", articles,
                                                dates, False))
            leaves.sort(key=lambda n: (n.date or "9999", n.label))
            chans.append(TraceNode("channel", report, children=tuple(leaves)))
        nodes.append(TraceNode("source", who, children=tuple(chans)))
    detail = (f"{verdict_.label}: {verdict_.independent_origins} independent origin(s), "
              f"{verdict_.echoes} echo(es) in {verdict_.articles} article(s)")
    return TraceNode("claim", claim_text, detail=detail, children=tuple(nodes))


def _article_node(article: str, text: str, articles: Mapping[str, ArticleProvenance],
                  dates: Mapping[str, str | None], drifted: bool) -> TraceNode:
    prov = articles.get(article)
    relation = prov.originality if prov else "unknown"
    if prov and prov.based_on:
        relation = f"{prov.originality} ({prov.based_on[0].relation})"
    detail = ("DRIFT: " if drifted else "") + text[:160]
    return TraceNode("article", article, dates.get(article), relation, detail)


def render_trace(node: TraceNode, tree: Tree | None = None) -> Tree:
    """A Rich tree of a :class:`TraceNode` (claim at the root)."""
    style = {"claim": "bold", "source": "bold cyan", "channel": "magenta", "article": ""}
    label = f"[{style[node.kind]}]{_esc(node.label)}[/]" if style[node.kind] else _esc(node.label)
    extras = [x for x in (node.date, node.relation) if x]
    if extras:
        label += f"  [dim]{_esc(' · '.join(extras))}[/]"
    if node.detail:
        label += f"\n[dim]{_esc(node.detail)}[/]"
    branch = Tree(label) if tree is None else tree.add(label)
    for child in node.children:
        render_trace(child, branch)
    return branch


def _esc(text: str) -> str:
    return text.replace("[", "\\[")
