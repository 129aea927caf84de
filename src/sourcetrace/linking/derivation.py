"""What each article is based on, and whether it is first-hand reporting.

Two kinds of evidence, combined per article by :func:`derive`:

1. **Text shared with another corpus article** (pairs from
   :class:`~sourcetrace.linking.similarity.FeatureIndex`): ``copy`` when at
   least half of the smaller text's 3-word shingles are in the other;
   ``paraphrase`` when the same language shares fewer shingles but the same
   names, numbers and words (spun synonyms, light rewording); ``translation``
   when two languages share the rare names and numbers and credit the same
   report. Copies are grouped; the group's source is a member that reports as
   itself ("told Radio Meridian"), else the member whose own outlet the others
   credit, else the earliest dated, else the first ingested
   (the same article under several URLs: the first seen is canonical). When all
   members credit a third outlet they are sibling copies of that outlet's report.
2. **Credits in the article** (:mod:`~sourcetrace.linking.credits`): a
   republication notice, byline or dateline credit ("(CNN) —", "By CNN's") make
   it a copy of that outlet; a credit in the lede, or credits outnumbering
   first-hand attributions ("told CNN", "according to the BBC"), a rewrite.
   First-hand attributions are those of the extraction record whose speaker is
   not an outlet and whose chain passes through no other outlet, and whose cue
   states something (not a belief or a wish: "the family wants …" is no sign of
   the article's own reporting).

Credits decide as follows: a strong credit (republication, byline, dateline)
or a notice ("Source link") makes a copy; otherwise credits to another outlet
make a rewrite when the article shows no reporting of its own (it never names
itself as reporter), leads with the credit, or credits more often than it
quotes first-hand; an outlet merely named, with no first-hand evidence at all,
makes a weak rewrite. The extraction record is used for English articles only
(the extractor's language).

``originality``: ``derivative`` with any of the above; else ``original`` when
there is first-hand evidence (its own attributions, or its own outlet named as
reporter); else ``unknown``. Limits: a derivative page with no credit and no
copy in the corpus is called original when it quotes people directly; the
direction of a copy without dates or credits is a guess (input order).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Extraction
from .credits import Credit, CreditScan, body_start
from .fingerprints import Fingerprint
from .outlets import canonical_outlet, is_own, looks_like_outlet, outlet_key
from .similarity import PairScore

COPY_CONTAINMENT = 0.5
PARAPHRASE_CONTAINMENT = 0.12
PARAPHRASE_SIMILARITY = 0.3
PARAPHRASE_WORDS = 0.2
PARAPHRASE_ORDER = 0.6
TRANSLATION_CREDITED = 0.1
TRANSLATION_ANCHORS = 0.35
TRANSLATION_ANCHORS_ALONE = 0.6
LEDE_CHARS = 400
# how close (anchors + words + shared text) a credited outlet's article must be
NEIGHBOUR_SCORE = 0.3
STRONG_ROLES = frozenset({"republished", "byline", "dateline"})
CREDIT_ROLES = frozenset({
    "republished", "byline", "dateline", "caption", "reporting", "header", "link",
    "attribution", "channel", "organisation",
})
# what ``cites`` lists: every credit, and outlets merely named (flagged as such)
CITE_ROLES = CREDIT_ROLES | {"mention"}


@dataclass(frozen=True, slots=True)
class BasedOn:
    """One thing an article derives from (the ``based_on`` JSON interface)."""

    outlet: str | None
    article: str | None
    relation: str  # copy | translation | paraphrase | rewrite
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "article": self.article, "relation": self.relation,
                "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BasedOn:
        return cls(data.get("outlet"), data.get("article"), data["relation"], data["evidence"])


@dataclass(frozen=True, slots=True)
class Cite:
    """One outlet or organisation the article credits (the ``cites`` JSON interface)."""

    name: str
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cite:
        return cls(data["name"], data["evidence"])


@dataclass(frozen=True, slots=True)
class ArticleProvenance:
    """Per-article provenance: the three fields the ``article`` JSON gains, and why."""

    id: str
    originality: str  # original | derivative | unknown
    based_on: tuple[BasedOn, ...]
    cites: tuple[Cite, ...]
    evidence: str = ""

    def to_dict(self, *, complete: bool = False) -> dict[str, Any]:
        """The JSON interface; ``complete`` adds ``evidence`` (for stores, not an interface)."""
        data: dict[str, Any] = {
            "id": self.id, "originality": self.originality,
            "based_on": [b.to_dict() for b in self.based_on],
            "cites": [c.to_dict() for c in self.cites],
        }
        if complete:
            data["evidence"] = self.evidence
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleProvenance:
        """The record of :meth:`to_dict`, plus ``evidence`` when given (``to_dict`` omits it)."""
        return cls(data["id"], data["originality"],
                   tuple(BasedOn.from_dict(b) for b in data["based_on"]),
                   tuple(Cite.from_dict(c) for c in data["cites"]), data.get("evidence", ""))


def provenance_fields(prov: ArticleProvenance | None) -> dict[str, Any]:
    """The ``originality``, ``based_on`` and ``cites`` an article record carries (an interface).

    An article not linked (yet) is ``"unknown"`` with empty lists.
    """
    if prov is None:
        return {"originality": "unknown", "based_on": [], "cites": []}
    data = prov.to_dict()
    del data["id"]
    return data


@dataclass(frozen=True, slots=True)
class TextLink:
    """A textual relation between two corpus articles: ``derived`` relates to ``source``."""

    derived: int
    source: int | None
    relation: str
    evidence: str
    siblings: tuple[int, ...] = ()


def pair_relation(pair: PairScore, a: Fingerprint, b: Fingerprint,
                  credits_a: Counter[str], credits_b: Counter[str]) -> str | None:
    """``copy``, ``paraphrase``, ``translation`` or ``None`` for one candidate pair."""
    if pair.containment >= COPY_CONTAINMENT:
        return "copy"
    if a.lang == b.lang:
        if (pair.containment >= PARAPHRASE_CONTAINMENT and pair.anchors >= PARAPHRASE_SIMILARITY
                and (pair.words >= PARAPHRASE_WORDS or pair.order >= PARAPHRASE_ORDER)):
            return "paraphrase"
        return None
    if (_credits(credits_a, b) or _credits(credits_b, a)) and pair.anchors >= TRANSLATION_CREDITED:
        return "translation"  # one credits the other's outlet and they share names
    shared_credit = bool(set(credits_a) & set(credits_b))
    if pair.anchors >= TRANSLATION_ANCHORS_ALONE or (shared_credit and pair.anchors >= TRANSLATION_ANCHORS):
        return "translation"
    return None


def _earlier(a: Fingerprint, b: Fingerprint, reports_a: bool = False,
             reports_b: bool = False) -> bool:
    """Whether ``a`` is the source of ``b``: by date where both are known; else the one
    that reports as itself ("told the Ledger": a spun or stripped copy loses the
    name); else a page of a known news organisation (gazetteer) over an unknown
    site; else input order."""
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return a.published < b.published
    if reports_a != reports_b:
        return reports_a
    known_a = any(canonical_outlet(k) for k in a.own)
    known_b = any(canonical_outlet(k) for k in b.own)
    if known_a != known_b:
        return known_a
    return a.order < b.order


def text_links(
    fps: Sequence[Fingerprint], pairs: Sequence[PairScore], credit_keys: Sequence[Counter[str]],
    self_credited: Sequence[bool] = (),
) -> dict[int, list[TextLink]]:
    """Textual derivation links per derived article (see the module notes)."""
    links: dict[int, list[TextLink]] = defaultdict(list)
    copy_adj: dict[int, set[int]] = defaultdict(set)
    for p in pairs:
        a, b = fps[p.a], fps[p.b]
        rel = pair_relation(p, a, b, credit_keys[p.a], credit_keys[p.b])
        if rel is None:
            continue
        if rel == "copy":
            copy_adj[p.a].add(p.b)
            copy_adj[p.b].add(p.a)
            continue
        shared = {k for k in credit_keys[p.a] & credit_keys[p.b] if k not in a.own and k not in b.own}
        if shared and not _credits(credit_keys[p.a], b) and not _credits(credit_keys[p.b], a):
            # both retell the same outside report: siblings, neither derives from the other
            for x, y in ((p.a, p.b), (p.b, p.a)):
                links[x].append(TextLink(x, None, rel, f"{rel} of the same report as "
                                         f"{fps[y].id} (anchor similarity {p.anchors:.2f})", (y,)))
            continue
        # the later one (or the one crediting the other's outlet) derives from the other
        reports = [bool(self_credited) and self_credited[i] for i in (p.a, p.b)]
        first, second = (p.a, p.b) if _credits(credit_keys[p.b], fps[p.a]) or (
            not _credits(credit_keys[p.a], fps[p.b]) and _earlier(a, b, *reports)) else (p.b, p.a)
        if rel == "paraphrase" and _credits(credit_keys[second], fps[first]):
            rel = "rewrite"  # retold with credit to the source: a rewrite, not a spin
        ev = (f"{rel}: shares names/numbers (anchor similarity {p.anchors:.2f}) and "
              f"{p.containment:.0%} of its 3-word sequences with {fps[first].id}")
        links[second].append(TextLink(second, first, rel, ev))
    # copy groups: connected components of the copy relation
    seen: set[int] = set()
    for start in copy_adj:
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            i = stack.pop()
            group.append(i)
            for j in copy_adj[i] - seen:
                seen.add(j)
                stack.append(j)
        _copy_group(sorted(group), fps, credit_keys, links, self_credited)
    # the closest relation first: a directed link before a sibling one, copy first;
    # a copy of an article explains its likeness to that article's other copies
    rank = {"copy": 0, "paraphrase": 1, "translation": 2, "rewrite": 3}
    copy_of = {i: t.source for i, items in links.items() for t in items
               if t.relation == "copy" and t.source is not None}
    for items in links.values():
        items.sort(key=lambda t: (t.source is None, rank.get(t.relation, 9)))
        if items and items[0].relation == "copy" and items[0].source is not None:
            items[:] = [t for t in items if t.relation == "copy"]
        # a paraphrase of a source and of its verbatim copy derives from the source only
        sources = {t.source for t in items if t.source is not None}
        items[:] = [t for t in items if t.source is None or copy_of.get(t.source) not in sources]
    return links


def _credits(keys: Counter[str], fp: Fingerprint) -> bool:
    return any(k in fp.own for k in keys)


def _copy_group(group: list[int], fps: Sequence[Fingerprint], credit_keys: Sequence[Counter[str]],
                links: dict[int, list[TextLink]], self_credited: Sequence[bool] = ()) -> None:
    """Link each member of a group of near-verbatim copies to the group's source.

    The source is, in this order: for one outlet's article under several URLs,
    the canonical URL (not an AMP, mobile or print variant), then the first
    dated and first seen; else the member whose own outlet the others credit
    ("originally published by …"); else a member that reports as itself; else
    the earliest dated, then the most complete text. When all members credit a
    third outlet they are sibling copies of that outlet's report.
    """
    if all(_same_outlet(fps[i], fps[group[0]]) for i in group):
        # one outlet's article under several URLs
        _link_to(min(group, key=lambda i: (is_url_variant(fps[i].url), _day(fps[i]),
                                           fps[i].order)), group, fps, links)
        return
    credited: Counter[str] = Counter()
    for i in group:
        credited.update(set(credit_keys[i]))
    # a member whose own outlet the others credit is the source
    by_credit = [(sum(credited[k] for k in fps[i].own), i) for i in group]
    best_credit = max(by_credit, key=lambda t: (t[0], -fps[t[1]].order))
    if best_credit[0] > 0:
        _link_to(best_credit[1], group, fps, links)
        return
    reporters = [i for i in group if self_credited and self_credited[i]]
    if reporters:
        # a member that reports as itself is the outlet's own page: the source
        _link_to(min(reporters, key=lambda i: (_day(fps[i]), fps[i].order)), group, fps, links)
        return
    common = [k for k, n in credited.items() if n == len(group)]
    if common:
        for i in group:
            others = tuple(j for j in group if j != i)
            names = ", ".join(fps[j].id for j in others[:4])
            links[i].append(TextLink(i, None, "copy",
                                     f"same text as {names} (sibling copies)", others))
        return
    _link_to(min(group, key=lambda i: (_day(fps[i]), -fps[i].shingles, fps[i].order)),
             group, fps, links)


def _same_outlet(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two articles are pages of one outlet (by name, else by every own key)."""
    if a.outlet_name and b.outlet_name:
        return outlet_key(a.outlet_name) == outlet_key(b.outlet_name)
    return bool(a.own) and a.own == b.own


def _day(fp: Fingerprint) -> str:
    return (fp.published or "9999")[:10]


_VARIANT_HOSTS = frozenset({"amp", "m", "mobile", "print"})
_VARIANT_PATH = re.compile(r"(?:^|/)(?:amp|amphtml|print|mobile)(?:/|$)|[?&](?:amp\b|outputType=amp)",
                           re.IGNORECASE)


def is_url_variant(url: str | None) -> bool:
    """Whether a URL is an AMP, mobile or print version of a page ("/amp/", "m.site")."""
    if not url:
        return False
    host, _, path = url.split("//", 1)[-1].partition("/")
    labels = host.lower().split(".")
    return (len(labels) > 2 and labels[0] in _VARIANT_HOSTS) or bool(_VARIANT_PATH.search("/" + path))


def _link_to(source: int, group: list[int], fps: Sequence[Fingerprint],
             links: dict[int, list[TextLink]]) -> None:
    for i in group:
        if i != source:
            ev = f"copy: near-verbatim text of {fps[source].id}"
            if _same_outlet(fps[i], fps[source]):
                ev = f"copy: the same article as {fps[source].id} under another URL"
            links[i].append(TextLink(i, source, "copy", ev))


def cites_of(scan: CreditScan) -> tuple[Cite, ...]:
    """The ``cites`` of an article: every credited outlet or organisation, once each."""
    return tuple(Cite(c.name, f"{c.role}: {c.evidence}") for c in scan.cited()
                 if c.role in CITE_ROLES)


def _first_hand(record: Extraction | None, own: frozenset[str]) -> int:
    """Statements (not beliefs) of speakers who are not outlets, reached through no other outlet."""
    if record is None:
        return 0
    by_id = {a.id: a for a in record.attributions}
    count = 0
    for a in record.attributions:
        if a.source is None or a.source.type in ("outlet", "unknown", "document"):
            continue
        if a.cue.stance == "believe":
            continue  # "the family wants …", "X believes …": a state of mind, not a statement
        if a.source.type in ("organization", "government") and (
                a.kind == "according_to" or a.cue.stance == "report"):
            continue
        chain_outlet = False
        node = a
        for _ in range(8):
            ch = node.channel
            if ch is not None and looks_like_outlet(ch.name) and not is_own(ch.name, own):
                chain_outlet = True
            parent = by_id.get(node.parent) if node.parent else None
            if parent is None:
                break
            if parent.source is not None and parent.source.type == "outlet" and not is_own(
                    parent.source.name, own):
                chain_outlet = True
            node = parent
        if not chain_outlet:
            count += 1
    return count


def derive(
    fp: Fingerprint, record: Extraction | None, scan: CreditScan,
    links: Sequence[TextLink], fps: Sequence[Fingerprint], owner: Mapping[str, str],
    near: Mapping[str, int] | None = None,
) -> ArticleProvenance:
    """The provenance of one article (see the module notes).

    ``owner`` maps an outlet key to the display name of that outlet, for the
    ``outlet`` of a ``based_on`` that points at a corpus article. ``near`` (from
    :func:`outlet_neighbours`) resolves a credited outlet to its article in the
    corpus ("originally published by The Harbour Ledger" → the Ledger's report).
    """
    based_on: list[BasedOn] = []
    cited = [c for c in scan.credits if c.role != "self" and c.role in CREDIT_ROLES]
    own_credits = [c for c in scan.credits if c.role == "self"]
    main = _main(cited)
    for link in links:
        if link.source is not None:
            src = fps[link.source]
            outlet = src.outlet_name or next((owner[k] for k in src.own if k in owner), None)
            based_on.append(BasedOn(outlet, src.id, link.relation, link.evidence))
        else:
            based_on.append(BasedOn(main_name(cited, main), None, link.relation, link.evidence))
    strong = [c for c in cited if c.role in STRONG_ROLES]
    weak = [c for c in scan.credits if c.role == "mention"]
    notices = list(scan.notices)
    translated = any(kind == "translated" for kind, _ in notices)
    lede_from = body_start(record.text) if record is not None else 0
    lede = [c for c in cited if c.start is not None and c.start < lede_from + LEDE_CHARS
            and c.role in ("reporting", "attribution", "organisation", "header", "channel")]
    sentences = {c.evidence[:60] for c in cited}
    # the extractor reads English only: its records say nothing of other languages
    first_hand = _first_hand(record, fp.own) if fp.lang == "en" else 0
    rel_default = "paraphrase" if translated else "rewrite"
    if strong and not any(b.outlet and outlet_key(b.outlet) == strong[0].key for b in based_on):
        c = strong[0]
        based_on.append(BasedOn(c.name, None, "translation" if translated else "copy",
                                f"{c.role}: {c.evidence}"))
    elif notices and not based_on:
        kind, ev = notices[0]
        rel = {"translated": "translation", "media": rel_default}.get(kind, "copy")
        based_on.append(BasedOn(main_name(cited, main), None, rel, f"notice: {ev}"))
    elif not based_on and cited and (not own_credits or lede or len(sentences) > first_hand + len(own_credits)):
        # credits another outlet for its reporting and shows no reporting of its own
        # (or leads with the credit, or credits more often than it reports first-hand)
        c = (lede or [x for x in cited if x.name == main_name(cited, main)] or cited)[0]
        based_on.append(BasedOn(c.name, None, rel_default, f"credits {c.name} as its source "
                                f"({len(sentences)} credit(s), {first_hand} first-hand "
                                f"attribution(s)): {c.evidence}"))
    elif not based_on and weak and not first_hand and not own_credits:
        c = weak[0]
        based_on.append(BasedOn(c.name, None, rel_default,
                                f"names {c.name} and shows no reporting of its own: {c.evidence}"))
    based_on = [_resolve(b, near, fps) for b in based_on]
    if based_on:
        originality, why = "derivative", based_on[0].evidence
    elif first_hand or own_credits:
        originality = "original"
        why = (f"{first_hand} first-hand attribution(s)" if first_hand else
               f"reports as {own_credits[0].name}: {own_credits[0].evidence}")
    else:
        originality, why = "unknown", "no credit, no copy in the corpus, no first-hand attribution"
    return ArticleProvenance(fp.id, originality, tuple(_dedupe(based_on)), _cites(scan), why)


def retold(prov: ArticleProvenance, story_size: int, earliest: bool) -> ArticleProvenance:
    """An article with no evidence either way, in a story with other articles: a retelling.

    Original reporting shows itself (attributions to people it reached, its own
    name as reporter); a page in a story of several articles that shows none of
    it, credits no one and copies no corpus text retells what others reported.
    The first-dated article of its story stays ``unknown`` (it may be the
    report the others retell).
    """
    if prov.originality != "unknown" or story_size < 2 or earliest:
        return prov
    why = (f"rewrite: no reporting of its own, no credit, and {story_size - 1} other "
           "article(s) report the same story")
    return ArticleProvenance(prov.id, "derivative", (BasedOn(None, None, "rewrite", why),),
                             prov.cites, why)


def _resolve(b: BasedOn, near: Mapping[str, int] | None, fps: Sequence[Fingerprint]) -> BasedOn:
    """``b`` pointing at the corpus article of its outlet, when one is near (see derive)."""
    if b.article is not None or not b.outlet or not near:
        return b
    found = near.get(outlet_key(b.outlet))
    if found is None:
        return b
    return BasedOn(b.outlet, fps[found].id, b.relation,
                   f"{b.evidence} (the corpus article of {b.outlet}: {fps[found].id})")


def outlet_neighbours(fps: Sequence[Fingerprint], pairs: Sequence[PairScore],
                      min_score: float = NEIGHBOUR_SCORE) -> list[dict[str, int]]:
    """Per article, its closest candidate in the corpus for each outlet key.

    Only candidate pairs are read (near-linear); a neighbour must score at least
    ``min_score`` (anchors + words + shared text) and not be dated after the
    article, since a source comes first.
    """
    best: list[dict[str, tuple[float, int]]] = [{} for _ in fps]
    for p in pairs:
        score = p.anchors + p.words + p.containment
        if score < min_score:
            continue
        for i, j in ((p.a, p.b), (p.b, p.a)):
            if _day(fps[j]) > _day(fps[i]) and fps[i].published:
                continue
            for key in fps[j].own:
                if score > best[i].get(key, (0.0, -1))[0]:
                    best[i][key] = (score, j)
    return [{k: j for k, (_s, j) in b.items()} for b in best]


def _main(cited: Sequence[Credit]) -> str | None:
    counts = Counter(c.key for c in cited)
    return counts.most_common(1)[0][0] if counts else None


def main_name(cited: Sequence[Credit], key: str | None) -> str | None:
    """Display name of the most credited outlet (``key``), if any."""
    return next((c.name for c in cited if c.key == key), None) if key else None


def _dedupe(items: list[BasedOn]) -> list[BasedOn]:
    seen: set[tuple[str | None, str | None]] = set()
    out: list[BasedOn] = []
    for b in items:
        if (b.outlet, b.article) not in seen:
            seen.add((b.outlet, b.article))
            out.append(b)
    return out


def _cites(scan: CreditScan) -> tuple[Cite, ...]:
    return cites_of(scan)
