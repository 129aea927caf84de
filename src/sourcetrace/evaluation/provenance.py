"""Scoring provenance linking against gold story groups, page relations and citations.

The gold format is that of ``recruitment-dev-gold.json``: ``{"about": str,
"stories": [{"story", "title", "pages": [{"id", "relation", "cites", ...}]}]}``.
:func:`evaluate_provenance` extracts the corpus (plus extra articles), links it
with :func:`~sourcetrace.linking.link_corpus` and scores it; the scoring
functions are pure and take the linking output and the gold.

What is scored, with no leniency beyond what is written here:

* **Stories, pairwise.** Units are unordered pairs of scored pages (gold pages
  and extras given stories). A gold pair shares at least one gold story; a
  predicted pair shares at least one predicted story (an article may be in
  several). A *miscellany* story — one the gold's ``about`` text calls "a
  miscellany" (``"S44 is a miscellany"``) or that has ``"miscellany": true`` —
  groups unrelated pages: its pages are scored as singletons, so no pair inside
  it is a gold pair, and linking them is a false positive.
* **Originality**, over judged pages (gold ``relation`` not null): gold
  ``original`` is the original class, ``copy``/``paraphrase``/``rewrite`` the
  derivative class. Precision, recall and F1 of each class; a page predicted
  ``unknown`` counts as a miss of its gold class and as no prediction. The
  macro average is the mean of the two F1s.
* **Cited outlets, recall.** A gold ``cites`` string is split on ``;``; each
  item names an outlet when it contains a gazetteer outlet, a domain name or a
  name with an outlet word ("Times", "Radio", "media"...) — the form rules of
  :func:`~sourcetrace.linking.outlets.looks_like_outlet` — and is not the
  page's own outlet (marked ``own``, or the outlet of the page's URL domain:
  "informs Censor.NET" on censor.net is no citation). Items naming only people, government bodies or
  documents are not outlets (they are listed, not scored). The gold's
  ``cites`` are "the outlets or speakers the page cites or copies", so a gold
  outlet is found when one of the page's predicted ``cites`` (what it credits)
  or the ``outlet`` of one of its ``based_on`` entries (what it was found to
  copy, translate or retell, e.g. a corpus page of the BBC it paraphrases
  without naming it) has the same outlet key (gazetteer family: "BBC Russian
  service" is the BBC), or a key that contains it or is contained in it (4
  letters at least). The report also gives the recall of ``cites`` alone
  (``credited``), the stricter figure.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from ..errors import InputError, UsageError
from ..ingest import iter_inputs
from ..jobs import extract_articles
from ..linking import Provenance, link_corpus
from ..linking.outlets import alias_patterns, looks_like_outlet, outlet_key, own_keys
from ..records import Article
from .scoring import Counts

_MISC = re.compile(r"\b(S[\w-]+)\s+is\s+a\s+miscellany", re.IGNORECASE)
_DOMAINS = re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,}\b", re.IGNORECASE)
_CAPS = re.compile(r"(?:The\s+)?[A-Z][\w.&/-]*(?:\s+[A-Z][\w.&/-]*)*")


@dataclass(frozen=True, slots=True)
class GoldPage:
    id: str
    stories: tuple[str, ...]
    relation: str | None
    cites: str


@dataclass(frozen=True)
class ProvenanceReport:
    """The scores of one run, with the details that explain them."""

    stories: Counts
    original: Counts
    derivative: Counts
    cited_found: int
    cited_total: int
    pages: int
    judged: int
    miscellany: tuple[str, ...]
    misses: Mapping[str, Any] = field(default_factory=dict)
    cited_credited: int = 0  # found among the page's ``cites`` alone

    @property
    def macro_f1(self) -> float:
        return (self.original.f1 + self.derivative.f1) / 2

    @property
    def cited_recall(self) -> float:
        return self.cited_found / self.cited_total if self.cited_total else 0.0

    @property
    def credited_recall(self) -> float:
        """Recall of gold outlets among the pages' ``cites`` alone (no ``based_on``)."""
        return self.cited_credited / self.cited_total if self.cited_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages, "judged": self.judged, "miscellany": list(self.miscellany),
            "stories": self.stories.to_dict(),
            "originality": {"original": self.original.to_dict(),
                            "derivative": self.derivative.to_dict(),
                            "macro_f1": round(self.macro_f1, 4)},
            "cited_outlets": {"found": self.cited_found, "total": self.cited_total,
                              "recall": round(self.cited_recall, 4),
                              "credited_found": self.cited_credited,
                              "credited_recall": round(self.credited_recall, 4)},
            "misses": dict(self.misses),
        }


def load_gold(path: str | Path) -> tuple[dict[str, GoldPage], tuple[str, ...]]:
    """Gold pages by id (a page listed in several stories gets all of them), and the
    ids of miscellany stories (see the module notes)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no such gold file: {path}") from None
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a gold JSON file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("stories"), list):
        raise InputError(str(path), "expected an object with a 'stories' list")
    misc = set(_MISC.findall(str(data.get("about", ""))))
    misc |= {s["story"] for s in data["stories"] if s.get("miscellany")}
    pages: dict[str, GoldPage] = {}
    for s in data["stories"]:
        for p in s.get("pages", []):
            old = pages.get(p["id"])
            stories = (old.stories if old else ()) + (s["story"],)
            pages[p["id"]] = GoldPage(p["id"], stories, p.get("relation"), str(p.get("cites") or ""))
    return pages, tuple(sorted(misc))


def score_stories(
    predicted: Mapping[str, Iterable[str]], gold: Mapping[str, Iterable[str]],
    miscellany: Iterable[str] = (),
) -> Counts:
    """Pairwise story P/R/F1 over the pages of ``gold`` (page id → story ids)."""
    misc = set(miscellany)
    gold_sets = {p: {s for s in ss if s not in misc} for p, ss in gold.items()}
    pred_sets = {p: set(predicted.get(p, ())) for p in gold}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        g = bool(gold_sets[a] & gold_sets[b])
        p = bool(pred_sets[a] & pred_sets[b])
        tp += g and p
        fp += p and not g
        fn += g and not p
    return Counts(tp, fp, fn)


def score_originality(
    predicted: Mapping[str, str], gold: Mapping[str, str | None]
) -> tuple[Counts, Counts, list[dict[str, str]]]:
    """P/R/F1 of the ``original`` and ``derivative`` classes over judged pages, and the errors."""
    counts = {"original": [0, 0, 0], "derivative": [0, 0, 0]}
    errors: list[dict[str, str]] = []
    for page, relation in gold.items():
        if relation is None:
            continue
        want = "original" if relation == "original" else "derivative"
        got = predicted.get(page, "unknown")
        if got == want:
            counts[want][0] += 1
        else:
            counts[want][2] += 1
            if got in counts:
                counts[got][1] += 1
            errors.append({"page": page, "gold": relation, "predicted": got})
    return Counts(*counts["original"]), Counts(*counts["derivative"]), errors


def gold_outlets(cites: str) -> tuple[list[str], list[str]]:
    """The outlets named in a gold ``cites`` string, and the items that name none."""
    outlets: list[str] = []
    others: list[str] = []
    for item in (x.strip() for x in cites.split(";")):
        if not item:
            continue
        if re.search(r"\bown\b|^\(none\)$|^\(unattributed", item, re.IGNORECASE):
            others.append(item)
            continue
        clean = re.sub(r"\[[^\]]*\]", "", item)
        names = [alias for alias, _c in alias_patterns()
                 if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w])", clean, re.IGNORECASE
                              if len(alias) > 4 and not alias.isupper() else 0)]
        names += [d for d in _DOMAINS.findall(clean) if looks_like_outlet(d)]
        names += [n for n in _CAPS.findall(clean) if looks_like_outlet(n)]
        names += [n for n in re.findall(r"\b\w+ media\b", clean) if looks_like_outlet(n)]
        keys = {outlet_key(n) for n in names}
        if keys:
            outlets.extend(sorted(keys))
        else:
            others.append(item)
    return list(dict.fromkeys(outlets)), others


def _found(key: str, predicted: set[str]) -> bool:
    return key in predicted or any(
        len(k) >= 4 and len(key) >= 4 and (k in key or key in k) for k in predicted)


def score(prov: Provenance, gold: Mapping[str, GoldPage], extras: Mapping[str, Sequence[str]],
          miscellany: Sequence[str]) -> ProvenanceReport:
    """Score a linking result against the gold pages (and extras with gold stories)."""
    predicted_stories: dict[str, set[str]] = {}
    for s in prov.stories:
        for a in s.articles:
            predicted_stories.setdefault(a, set()).add(s.id)
    gold_stories = {p.id: p.stories for p in gold.values()}
    gold_stories.update({k: tuple(v) for k, v in extras.items()})
    stories = score_stories(predicted_stories, gold_stories, miscellany)
    originality = {a: p.originality for a, p in prov.articles.items()}
    original, derivative, errors = score_originality(
        originality, {p.id: p.relation for p in gold.values()})
    found = credited = total = 0
    cite_misses: list[dict[str, Any]] = []
    own = {r.doc.id: own_keys(r.doc.outlet, r.doc.url) for r in prov.records}
    for page in gold.values():
        outlets, _others = gold_outlets(page.cites)
        art = prov.articles.get(page.id)
        cited = {outlet_key(c.name) for c in art.cites} if art else set()
        based = {outlet_key(b.outlet) for b in art.based_on if b.outlet} if art else set()
        for key in outlets:
            if key in own.get(page.id, ()):
                continue  # the page's own outlet: not a citation (as gold's "(own)")
            total += 1
            credited += _found(key, cited)
            if _found(key, cited | based):
                found += 1
            else:
                cite_misses.append({"page": page.id, "gold": key, "ours": sorted(cited | based)})
    return ProvenanceReport(
        stories, original, derivative, found, total, len(gold_stories),
        sum(1 for p in gold.values() if p.relation is not None), tuple(miscellany),
        {"originality": errors, "cites": cite_misses}, credited,
    )


def read_articles(paths: Sequence[str]) -> list[Article]:
    """Articles from files (errors raise: an evaluation needs every page)."""
    out: list[Article] = []
    for item in iter_inputs(paths):
        if isinstance(item, InputError):
            raise item
        if item.id is None and item.path:
            item = item.with_meta(id=Path(item.path).stem)
        out.append(item)
    return out


def parse_extra(spec: str) -> tuple[str, tuple[str, ...]]:
    """``PATH`` or ``PATH=S01,S16`` (the gold stories of the extra article)."""
    path, sep, stories = spec.rpartition("=")
    if sep and re.fullmatch(r"[\w-]+(?:,[\w-]+)*", stories):
        return path, tuple(stories.split(","))
    return spec, ()


def evaluate_provenance(corpus: str | Path, gold_path: str | Path,
                        extra: Sequence[str] = ()) -> ProvenanceReport:
    """Extract and link ``corpus`` (+ ``extra`` articles, see :func:`parse_extra`), then score."""
    if not Path(corpus).exists():
        raise UsageError(f"no such corpus: {corpus}")
    gold, misc = load_gold(gold_path)
    specs = [parse_extra(e) for e in extra]
    articles = read_articles([str(corpus)])
    extras: dict[str, tuple[str, ...]] = {}
    for path, stories in specs:
        if not Path(path).exists():
            raise UsageError(f"no such extra article: {path}")
        for a in read_articles([path]):
            articles.append(a)
            if stories and a.id:
                extras[a.id] = stories
    records = list(extract_articles(articles))
    return score(link_corpus(records), gold, extras, misc)


def render(report: ProvenanceReport) -> Table:
    """A Rich table of the scores."""
    table = Table(title=f"Provenance: {report.pages} pages, {report.judged} judged")
    for col in ("metric", "P", "R", "F1", "tp/fp/fn"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    rows = [("stories (pairwise)", report.stories), ("originality: original", report.original),
            ("originality: derivative", report.derivative)]
    for name, prf in rows:
        table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}",
                      f"{prf.tp}/{prf.fp}/{prf.fn}")
    table.add_row("originality: macro F1", "", "", f"{report.macro_f1:.3f}", "")
    table.add_row("cited outlets (recall)", "", f"{report.cited_recall:.3f}", "",
                  f"{report.cited_found}/{report.cited_total}")
    table.add_row("  credited in cites alone", "", f"{report.credited_recall:.3f}", "",
                  f"{report.cited_credited}/{report.cited_total}")
    return table
