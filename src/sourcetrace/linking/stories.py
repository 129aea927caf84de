"""Stories: articles reporting the same events, grouped across outlets and languages.

The graph: articles are nodes, candidate pairs from
:class:`~sourcetrace.linking.similarity.FeatureIndex` are edges weighed by
:func:`edge_weight` (name/number anchors + same-language words + shared text,
damped for very short articles and for articles that credit different source
reports). :func:`average_linkage` merges groups while the *average* weight
between them (missing edges count 0) stays above a threshold, which resists the
chaining that joins unrelated stories through one shared name (two different
people called Usov, one activist quoted in three stories). Then
:func:`add_secondary` lets an article that retells two reports (a roundup) join
a second story when it is as close to that whole story as members are, and
:func:`attach_strays` (run by :func:`build_stories`) merges a stray page or
pair into the one story whose pooled names it clearly matches (a translated
fragment shares a few names with each member, many with the story).

Limits: a story is a group of articles, not a timeline of events; the title is
the headline of the most central article; articles too short or in a script
without name keys stay alone unless their text is copied elsewhere.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from .fingerprints import Fingerprint
from .similarity import PairScore, anchor_matrix

STORY_THRESHOLD = 0.1
SECONDARY_THRESHOLD = 0.1
SECONDARY_RATIO = 0.8
MIN_SUPPORT_WORDS = 60
# a stray group (at most ATTACH_MAX_SIZE articles) joins the story (at least
# ATTACH_MIN_STORY articles) whose pooled names it matches best, when that match
# is at least ATTACH_THRESHOLD and ATTACH_RATIO times the next story's
ATTACH_MAX_SIZE = 2
ATTACH_MIN_STORY = 3
ATTACH_THRESHOLD = 0.1
ATTACH_RATIO = 2.0
# different source reports credited by two articles that share little text
CREDIT_CONFLICT_DAMPING = 0.5


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about the same events (the ``stories`` JSON interface)."""

    id: str
    title: str
    articles: tuple[str, ...]
    first_seen: str | None
    languages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "articles": list(self.articles),
            "first_seen": self.first_seen, "languages": list(self.languages),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Story:
        return cls(data["id"], data["title"], tuple(data["articles"]), data.get("first_seen"),
                   tuple(data["languages"]))


def edge_weight(
    pair: PairScore, a: Fingerprint, b: Fingerprint,
    credits_a: Mapping[str, int], credits_b: Mapping[str, int],
) -> float:
    """How strongly two articles belong to one story (0 = not at all).

    The sum of the anchor cosine, the word cosine and the shared-text
    containment; damped by ``sqrt(words / 60)`` when either article is very
    short, and halved when each credits a different main source report that the
    other never mentions (two reports, two stories), unless they share text.
    """
    score = pair.anchors + pair.words + pair.containment
    support = min(a.shingles, b.shingles) / MIN_SUPPORT_WORDS
    if support < 1:
        score *= math.sqrt(max(support, 0.0))
    main_a = _main_credit(credits_a)
    main_b = _main_credit(credits_b)
    if (main_a and main_b and main_a != main_b and main_a not in credits_b
            and main_b not in credits_a and pair.containment < 0.3):
        score *= CREDIT_CONFLICT_DAMPING
    return score


def _main_credit(credits: Mapping[str, int]) -> str | None:
    if not credits:
        return None
    return max(credits.items(), key=lambda kv: (kv[1], kv[0]))[0]


def average_linkage(
    n: int, edges: Mapping[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Groups of ``range(n)`` merged while their average edge weight ≥ ``threshold``.

    Sparse: only pairs joined by an edge are ever compared, through a heap with
    lazy deletion, so the cost is about ``E log E`` for ``E`` edges.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    weight: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), w in edges.items():
        if w > 0 and a != b:
            weight[a][b] = weight[a].get(b, 0.0) + w
            weight[b][a] = weight[b].get(a, 0.0) + w
    version = dict.fromkeys(range(n), 0)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        avg = weight[a][b] / (len(members[a]) * len(members[b]))
        if avg >= threshold:
            heapq.heappush(heap, (-avg, a, b, version[a], version[b]))

    for a in list(weight):
        for b in weight[a]:
            if a < b:
                push(a, b)
    while heap:
        _neg, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        members[a].extend(members.pop(b))
        version[a] += 1
        for c, w in weight.pop(b).items():
            del weight[c][b]
            if c != a:
                weight[a][c] = weight[a].get(c, 0.0) + w
                weight[c][a] = weight[a][c]
        weight[a].pop(b, None)
        for c in weight[a]:
            push(min(a, c), max(a, c))
    return [sorted(m) for m in members.values()]


def add_secondary(
    groups: list[list[int]], edges: Mapping[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Also put an article in another group it is about as close to as to its own.

    An article joins a second group of at least two articles when its average
    weight to that group is at least ``threshold`` and at least
    :data:`SECONDARY_RATIO` of its average weight to its own group's other
    members, and it is linked to at least half of the group (a roundup that
    retells two reports belongs to both stories).
    """
    home = {i: g for g, members in enumerate(groups) for i in members}
    to: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (a, b), w in edges.items():
        if w <= 0:
            continue
        to[a][home[b]].append(w)
        to[b][home[a]].append(w)
    extra: dict[int, list[int]] = defaultdict(list)
    for i, per_group in to.items():
        own_size = len(groups[home[i]]) - 1
        own_avg = sum(per_group.get(home[i], [])) / own_size if own_size else 0.0
        for g, ws in per_group.items():
            size = len(groups[g])
            if g == home[i] or size < 2 or len(ws) * 2 < size:
                continue
            avg = sum(ws) / size
            if avg >= threshold and avg >= SECONDARY_RATIO * own_avg:
                extra[g].append(i)
    return [sorted(set(members) | set(extra.get(g, []))) for g, members in enumerate(groups)]


def attach_strays(fps: Sequence[Fingerprint], groups: list[list[int]]) -> list[list[int]]:
    """Merge each stray group into the one story whose pooled names it clearly matches.

    A translation or a fragment of a story (a short excerpt in a language with
    few pages, so no word comparison) often shares only a few names with any one
    article, but many with the story as a whole: the names are spread over its
    members. A group of at most :data:`ATTACH_MAX_SIZE` articles is compared
    (cosine of summed anchor vectors, see
    :func:`~sourcetrace.linking.similarity.anchor_matrix`) with the pooled
    vector of every story of at least :data:`ATTACH_MIN_STORY` articles; it joins
    the best one when the cosine is at least :data:`ATTACH_THRESHOLD` and at
    least :data:`ATTACH_RATIO` times the second best (a clear winner: a page
    about names every story shares stays alone). One sparse product: linear in
    the corpus for a bounded feature frequency.
    """
    big = [g for g in groups if len(g) >= ATTACH_MIN_STORY]
    small = [g for g in groups if len(g) <= ATTACH_MAX_SIZE]
    if not big or not small:
        return groups
    rows = anchor_matrix(list(fps))
    pooled_big = _normalised(_pool(big, len(fps)) @ rows)
    pooled_small = _normalised(_pool(small, len(fps)) @ rows)
    sims = (pooled_small @ pooled_big.T).toarray()
    joins: dict[int, list[int]] = defaultdict(list)
    joined: set[int] = set()
    for k, row in enumerate(sims):
        if row.size == 0:
            continue
        best = int(np.argmax(row))
        second = float(np.partition(row, -2)[-2]) if row.size > 1 else 0.0
        if row[best] >= ATTACH_THRESHOLD and row[best] >= ATTACH_RATIO * second:
            joins[best].extend(small[k])
            joined.add(k)
    if not joined:
        return groups
    out = [sorted(set(g) | set(joins.get(b, []))) for b, g in enumerate(big)]
    strays = {tuple(small[k]) for k in joined}
    out.extend(g for g in groups if len(g) < ATTACH_MIN_STORY and tuple(g) not in strays)
    return out


def _pool(groups: list[list[int]], n: int) -> sparse.csr_matrix:
    """A groups × articles 0/1 matrix (the product with article rows sums them)."""
    rows = [g for g, members in enumerate(groups) for _ in members]
    cols = [i for members in groups for i in members]
    return sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(groups), n))


def _normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def build_stories(
    fps: Sequence[Fingerprint], groups: list[list[int]],
    edges: Mapping[tuple[int, int], float],
) -> list[Story]:
    """Story records for groups of article positions, largest first, then by first date.

    Stray groups are first merged into a story they clearly belong to
    (:func:`attach_strays`).
    """
    groups = attach_strays(fps, groups)
    adjacent: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (a, b), w in edges.items():
        adjacent[a].append((b, w))
        adjacent[b].append((a, w))
    stories: list[Story] = []
    for members in groups:
        inside = set(members)
        central = {i: sum(w for j, w in adjacent.get(i, ()) if j in inside) for i in members}
        # the headline of the most central article, English first (the extractor's language)
        ranked = sorted(members, key=lambda i: (fps[i].lang != "en", -central[i], fps[i].order))
        dates = [fps[i].published for i in members if fps[i].published]
        ids = tuple(fps[i].id for i in sorted(members, key=lambda i: fps[i].order))
        seed = min(members, key=lambda i: (fps[i].published or "9999", fps[i].order))
        stories.append(Story(
            id="story-" + hashlib.sha1(fps[seed].id.encode("utf-8")).hexdigest()[:10],
            title=fps[ranked[0]].title,
            articles=ids,
            first_seen=min(dates) if dates else None,
            languages=tuple(sorted({fps[i].lang for i in members})),
        ))
    stories.sort(key=lambda s: (-len(s.articles), s.first_seen or "9999", s.id))
    return stories
