"""The same attributed claim across articles, despite rewording, partial quotes and drift.

A *mention* is one attribution of an extraction record (its content, speaker,
cue, channel and parent chain), see :func:`mentions_of`. :func:`cluster_claims`
groups mentions: candidates come from an inverted index of content-word stems
within each story, and of rare stems (in at most 12 mentions) across the corpus
(never all pairs), the score is the whole idf-weighted cosine of stems and numbers plus
a bonus when the speakers match, and groups are formed by the same average
linkage as stories. Mentions in different languages share no words: they are
compared by their anchors (:func:`anchors_of`: names as consonant skeletons,
quantities, the speaker's transliteration-proof key), so "Бастрыкин: около 10
тыс. мигрантов" meets "Bastrykin said 10,000 migrants". :func:`find_drift` compares the quantities of each mention
with those of the earliest one and reports changed numbers ("1,200" → "a
third of").

Limits: claims come from the extractor's attributions, so only languages it
handles contribute mentions (English, Russian, Ukrainian); other translations
join a claim through their text link to an article that carries it (see
:mod:`~sourcetrace.linking.corroboration`). Across languages a claim needs a
shared name or number besides its speaker; words alone are not compared. Two different claims by one speaker
in near-identical words can be merged; unattributed assertions are not claims.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Attribution, Extraction
from .numbers import fraction_words, is_informative, number_key, numbers_in
from .outlets import looks_like_outlet
from .stories import average_linkage
from .translit import name_key, skeleton

CLAIM_THRESHOLD = 0.3
# speakers that name nobody: the chain is followed up to a real speaker
PRONOUNS = frozenset(
    "he she they it we i you all some many most others both each one someone who this that these"
    .split()
)
SPEAKER_BONUS = 0.15
# anchors met in more mentions than this give no cross-language candidates
CROSS_LANG_CAP = 40
MIN_CONTENT_WORDS = 5
_STEM = 5
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_SKIP = frozenset(
    """that this with from have were been their they which would there about after said
    says also into than when what will more other some could over only them then these
    those where while being such very just most many much even because before under
    since between during against without within through however they the and for not
    but all can may has had was are his her its our who whom whose said""".split()
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a claim: name, type (the extractor's source types) and descriptor."""

    name: str
    type: str
    descriptor: str | None = None

    @property
    def key(self) -> str:
        """A key equal across scripts and spellings (:func:`~sourcetrace.nlp.translit.name_key`).

        A known outlet keys to its canonical name (Би-би-си = BBC); a person or
        group to the skeleton of the last word of the name (Чупик = Chupik =
        Cupik, "Valentina Chupik" = "Chupik"), initials left out.
        """
        whole = name_key(self.name)
        if whole.startswith("outlet:"):
            return whole
        words = [w for w in re.findall(r"[^\W\d_]+", self.name) if len(w) > 1]
        return name_key(words[-1]) if words else self.name.lower()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "descriptor": self.descriptor}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Speaker | None:
        """The speaker of :meth:`to_dict` (None stays None)."""
        if data is None:
            return None
        return cls(data["name"], data["type"], data.get("descriptor"))


@dataclass(frozen=True, slots=True)
class Mention:
    """One attributed statement in one article, with its chain of speakers and channels."""

    article: str
    attribution: str
    text: str
    speaker: Speaker | None
    primary: Speaker | None
    channels: tuple[str, ...]
    stance: str
    quantities: tuple[str, ...]
    fractions: tuple[str, ...]
    refers_to: str | None = None

    def to_dict(self, *, complete: bool = False) -> dict[str, Any]:
        """The JSON interface; ``complete`` adds ``quantities`` and ``fractions`` (for stores)."""
        data: dict[str, Any] = {
            "article": self.article, "attribution": self.attribution, "text": self.text,
            "refers_to": self.refers_to,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "primary": self.primary.to_dict() if self.primary else None,
            "channels": list(self.channels), "stance": self.stance,
        }
        if complete:
            data["quantities"] = list(self.quantities)
            data["fractions"] = list(self.fractions)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mention:
        """The mention of :meth:`to_dict` (``complete`` or not: quantities default to none)."""
        return cls(data["article"], data["attribution"], data["text"],
                   Speaker.from_dict(data.get("speaker")), Speaker.from_dict(data.get("primary")),
                   tuple(data.get("channels") or ()), data["stance"],
                   tuple(data.get("quantities") or ()), tuple(data.get("fractions") or ()),
                   data.get("refers_to"))


@dataclass(frozen=True, slots=True)
class Drift:
    """A mention whose quantities differ from the earliest mention's."""

    article: str
    attribution: str
    expected: tuple[str, ...]
    found: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "attribution": self.attribution,
                "expected": list(self.expected), "found": list(self.found), "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Drift:
        return cls(data["article"], data["attribution"], tuple(data["expected"]),
                   tuple(data["found"]), data["text"])


def _speaker(a: Attribution) -> Speaker | None:
    if a.source is None:
        return None
    return Speaker(a.source.name, a.source.type, a.source.descriptor)


def mentions_of(record: Extraction) -> list[Mention]:
    """The claim mentions of one record: attributions with at least 5 content words.

    ``primary`` is the innermost speaker of the parent chain that is not an
    outlet (an outlet is a channel) nor a pronoun; ``channels`` are the outlets
    and relaying speakers met going up the chain, innermost first. A confirmation
    or denial with a near-empty content ("A claim that Usov confirmed") becomes a
    mention of the claim just before it, with ``refers_to`` set.
    """
    by_id = {a.id: a for a in record.attributions}
    children: dict[str, list[Attribution]] = defaultdict(list)
    for a in record.attributions:
        if a.parent:
            children[a.parent].append(a)
    out: list[Mention] = []
    for a in record.attributions:
        text = " ".join(" ".join(c.text for c in a.content).split())
        if len(_WORD.findall(text)) < MIN_CONTENT_WORDS:
            # "A claim that Usov confirmed": a confirmation or denial of the claim
            # just before it; the speaker backs (or rejects) that claim
            sourced = [m for m in out if m.speaker is not None and m.refers_to is None]
            if a.cue.stance in ("confirm", "deny") and sourced and a.source is not None:
                prev = sourced[-1]  # the last claim someone made before it
                out.append(Mention(
                    article=record.doc.id, attribution=a.id, text=prev.text,
                    speaker=_speaker(a), primary=_speaker(a), channels=prev.channels,
                    stance=a.cue.stance, quantities=prev.quantities, fractions=prev.fractions,
                    refers_to=prev.attribution,
                ))
            continue
        chain: list[Attribution] = [a]
        node = a
        while node.parent and node.parent in by_id and len(chain) < 8:
            node = by_id[node.parent]
            chain.append(node)
        speakers = [s for s in (_speaker(x) for x in chain)
                    if s is not None and s.name.lower() not in PRONOUNS]
        people = [s for s in speakers if s.type != "outlet" and not looks_like_outlet(s.name)]
        primary = people[0] if people else (speakers[0] if speakers else None)
        channels: list[str] = []
        for x in chain:
            if x.channel is not None and x.channel.name not in channels:
                channels.append(x.channel.name)
        for s in speakers:
            if s is not primary and s.name not in channels:
                channels.append(s.name)
        out.append(Mention(
            article=record.doc.id, attribution=a.id, text=text, speaker=_speaker(a),
            primary=primary, channels=tuple(channels), stance=a.cue.stance,
            quantities=tuple(number_key(v) for v, _s, _e in numbers_in(text) if is_informative(v)),
            fractions=tuple(fraction_words(text)),
        ))
    return out


def _features(m: Mention) -> Counter[str]:
    bag: Counter[str] = Counter()
    for w in _WORD.findall(m.text.lower()):
        if len(w) >= 3 and w not in _SKIP:
            bag["w:" + w[:_STEM]] += 1
    for q in m.quantities:
        bag["#:" + q] += 1
    return bag


def anchors_of(m: Mention) -> Counter[str]:
    """What a claim keeps through translation: names, quantities and who said it.

    ``n:`` the consonant skeletons (cut to 5 letters, which absorbs most case
    endings) of capitalised words that do not start a sentence, ``#:`` the
    quantities, ``s:`` the primary source's key. Comparable across scripts
    ("Сахарово" = "Sakharovo", "Бастрыкин" = "Bastrykin").
    """
    bag: Counter[str] = Counter()
    for sentence in _SENTENCE.finditer(m.text):
        words = _WORD.findall(sentence.group(0))
        for w in words[1:]:
            if w[:1].isupper() and w.lower() not in _SKIP:
                sk = skeleton(w)
                if len(sk) >= 3:
                    bag["n:" + sk[:5]] += 1
    for q in m.quantities:
        bag["#:" + q] += 1
    if m.primary is not None:
        bag["s:" + m.primary.key] += 1
    return bag


def _unit_vectors(feats: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """Each bag as an idf-weighted unit vector (idf over the bags given)."""
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(feats)
    vecs: list[dict[str, float]] = []
    for f in feats:
        v = {k: (1 + math.log(c)) * math.log((n + 1) / df[k]) for k, c in f.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({k: x / norm for k, x in v.items()})
    return vecs


def _script(text: str) -> str:
    latin = len(re.findall(r"[A-Za-z]", text))
    cyrillic = len(re.findall(r"[\u0400-\u04ff]", text))
    return "cyrillic" if cyrillic > latin else "latin"


def _cross_language_edges(
    mentions: Sequence[Mention], lang: Sequence[str], cap: int = CROSS_LANG_CAP,
) -> dict[tuple[int, int], float]:
    """Edges between mentions in different languages: the cosine of their anchors.

    Candidates share an anchor met in at most ``cap`` mentions (an inverted
    index, never all pairs); a pair needs a shared quantity or name besides the
    speaker, so one speaker's different statements stay apart, and two named
    people's statements are never joined across languages.
    """
    vecs = _unit_vectors([anchors_of(m) for m in mentions])
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vecs):
        for k in v:
            index[k].append(i)
    dots: dict[tuple[int, int], float] = defaultdict(float)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for k, posting in index.items():
        if len(posting) > cap or len(posting) < 2:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                i, j = posting[x], posting[y]
                if lang[i] == lang[j]:
                    continue
                dots[(i, j)] += vecs[i][k] * vecs[j][k]
                shared[(i, j)] += not k.startswith("s:")
    return {pair: dot for pair, dot in dots.items()
            if shared[pair] >= 1 and not _different_people(mentions[pair[0]], mentions[pair[1]])}


def _different_people(a: Mention, b: Mention) -> bool:
    """Both claims are a named person's, and not the same person's (a translation keeps
    its speaker: Sobyanin's announcement is not Chupik's account of the same place)."""
    pa, pb = a.primary, b.primary
    return (pa is not None and pb is not None and pa.type == pb.type == "person"
            and pa.key != pb.key)


def cluster_claims(
    mentions: Sequence[Mention], story_of: Mapping[str, Sequence[str]],
    threshold: float = CLAIM_THRESHOLD, lang_of: Mapping[str, str] | None = None,
) -> list[list[int]]:
    """Groups of mention indices that state the same claim (see the module notes).

    ``story_of`` maps an article id to its story ids; only mentions of articles
    sharing a story are compared by their words. Mentions in different
    languages (``lang_of``: article id → language; else their script) are
    compared by their anchors (:func:`anchors_of`) across the corpus.
    """
    vecs = _unit_vectors([_features(m) for m in mentions])
    n = len(mentions)
    # blocks: each story's mentions, and one block of all mentions in which only
    # rare stems are indexed (a claim repeated by stories that linking kept apart)
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for s in story_of.get(m.article, ()):
            by_story[s].append(i)
    by_story["*"] = list(range(n))
    edges: dict[tuple[int, int], float] = {}
    for members in by_story.values():
        index: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for k in vecs[i]:
                index[k].append(i)
        candidates: set[tuple[int, int]] = set()
        cap = max(30, int(math.sqrt(len(members)) * 6)) if len(members) < n else 12
        for k, posting in index.items():
            if len(posting) > cap:
                continue
            for x in range(len(posting)):
                for y in range(x + 1, len(posting)):
                    i, j = posting[x], posting[y]
                    candidates.add((min(i, j), max(i, j)))
        for i, j in candidates:
            if (i, j) in edges:
                continue
            # candidates come from rare stems; the score is the whole cosine
            small, large = sorted((vecs[i], vecs[j]), key=len)
            dot = sum(x * large.get(k, 0.0) for k, x in small.items())
            mi, mj = mentions[i], mentions[j]
            if mi.primary and mj.primary and mi.primary.key == mj.primary.key:
                dot += SPEAKER_BONUS
            if dot >= threshold * 0.5:
                edges[(i, j)] = dot
    lang = [(lang_of or {}).get(m.article) or _script(m.text) for m in mentions]
    for pair, dot in _cross_language_edges(mentions, lang).items():
        if dot >= threshold * 0.5:
            edges[pair] = max(edges.get(pair, 0.0), dot)
    # a confirmation or denial ("A claim that Usov confirmed") goes with what it refers to
    where = {(m.article, m.attribution): i for i, m in enumerate(mentions) if m.refers_to is None}
    for i, m in enumerate(mentions):
        if m.refers_to is not None and (m.article, m.refers_to) in where:
            j = where[(m.article, m.refers_to)]
            edges[(min(i, j), max(i, j))] = 10.0
    return average_linkage(n, edges, threshold)



def _keys(text: str) -> set[str]:
    """Translation-proof keys of a statement: skeletons of capitalised words, quantities."""
    keys = {"n:" + skeleton(w) for w in re.findall(r"\b[^\W\d_][\w-]*", text)
            if w[:1].isupper() and len(skeleton(w)) >= 3}
    keys |= {"#:" + number_key(v) for v, _s, _e in numbers_in(text) if is_informative(v)}
    return keys


def carried_mention(
    mention: Mention, article: str, text: str, min_share: float = 0.35
) -> Mention | None:
    """The sentence of ``text`` (a copy, paraphrase or translation of the mention's
    article) that carries ``mention``: the one sharing most of its names and
    quantities (at least ``min_share`` of them), as a mention of ``article``.

    Works across languages (skeleton keys); returns ``None`` when no sentence
    carries enough of the mention's names and numbers.
    """
    want = _keys(mention.text)
    if len(want) < 2:
        return None
    best: tuple[float, int, str] | None = None
    for i, m in enumerate(_SENTENCE.finditer(text)):
        sentence = m.group(0).strip()
        got = _keys(sentence)
        share = len(want & got) / len(want)
        if share >= min_share and len(want & got) >= 2 and (best is None or share > best[0]):
            best = (share, i, sentence)
    if best is None:
        return None
    sentence = best[2]
    return Mention(
        article=article, attribution=f"s{best[1]}", text=sentence, speaker=mention.speaker,
        primary=mention.primary, channels=mention.channels, stance=mention.stance,
        quantities=tuple(number_key(v) for v, _s, _e in numbers_in(sentence) if is_informative(v)),
        fractions=tuple(fraction_words(sentence)), refers_to=mention.attribution,
    )


def claim_id(mentions: Sequence[Mention]) -> str:
    """A stable id for a claim: a hash of its earliest mention (article and attribution)."""
    first = mentions[0]
    return "claim-" + hashlib.sha1(f"{first.article}#{first.attribution}".encode()).hexdigest()[:10]


def find_drift(ordered: Sequence[Mention]) -> list[Drift]:
    """Mentions whose quantities differ from the first (earliest) mention that has any.

    A number replaced by a vague quantity ("a third of") or by another number
    is drift; a mention that simply leaves the number out is not.
    """
    base = next((m for m in ordered if m.quantities), None)
    if base is None:
        return []
    expected = set(base.quantities)
    drift: list[Drift] = []
    for m in ordered:
        if m is base:
            continue
        found = set(m.quantities)
        missing = expected - found
        if missing and (found - expected or m.fractions):
            drift.append(Drift(m.article, m.attribution, tuple(sorted(expected)),
                               tuple(sorted(found)) + m.fractions, m.text))
    return drift
