"""Finding a pack's terms, patterns and entities in text; the language cues of ``lexicon.toml``.

Term syntax (packs and ``lexicon.toml``): a term is one or more words matched
case-insensitively on word boundaries; ``*`` at the end of a word matches any
ending (``мигрант*`` → мигрантов, мигрантам), which is how Russian and
Ukrainian case endings are covered without a lemmatiser. Words of a term may be
separated in the text by spaces, hyphens, quotes or brackets (``ЧВК Вагнер``
finds ``ЧВК «Вагнер»``). A word with two or more capitals (``MoD``, ``СК``,
``HUR``) is an acronym and keeps its case. ``patterns`` are Python regular
expressions (case-insensitive); ``unless`` patterns cancel any match they
overlap (``UK Ministry of Defence`` is not the Russian one).

Text is folded before matching (``ё`` → ``е``, curly apostrophes → ``'``,
no-break space → space); folding keeps the length, so offsets are those of the
original text.

:func:`is_negated` looks at the two words before a match, within its clause
("they are not Wagner", "не вербовали"). Limits: no lemmas, no parse; a term can
match a word used in another sense, which is why tagging also asks for the
topic's frame and for roles (see :mod:`~sourcetrace.topics.tagging`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .pack import Entity, TopicPack

_FOLD = str.maketrans({"ё": "е", "Ё": "Е", "’": "'", "ʼ": "'", "‘": "'", "\u00a0": " "})
_SEP = r"[\s\-–«»\"“”„'()]+"
_SEP_RX = re.compile(r"[\s\-–«»\"“”„'()]{1,6}")
_DOT_SEP_RX = re.compile(r"[\s.\-]{1,3}")
_TOKEN = re.compile(r"\w+")
_WORDS = re.compile(r"[\w'’]+")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\n—–]")
CUE_NAMES: tuple[str, ...] = ("negation", "denial", "hedge", "speech", "anaphora", "first_person",
                               "titles", "non_answer")


def fold(text: str) -> str:
    """``text`` with ё/е, apostrophes and no-break spaces unified (same length)."""
    return text.translate(_FOLD)


def _is_acronym(word: str) -> bool:
    return sum(ch.isupper() for ch in word) >= 2


def _word_regex(word: str) -> str:
    if word.endswith("*"):
        return re.escape(fold(word[:-1])) + r"\w*"
    return re.escape(fold(word))


def term_regex(term: str) -> str:
    """The regular expression equivalent to one term (see the module notes)."""
    body = _SEP.join(_word_regex(w) for w in term.split())
    return rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[tuple[str, bool], ...]  # (folded word, matches any ending)
    keep_case: bool
    dots: bool  # the term itself has a "." between words ("St. Petersburg")


def _compile_term(term: str) -> _Term | None:
    folded = fold(term.strip())
    toks = list(_TOKEN.finditer(folded))
    if not toks:
        return None
    keep_case = any(_is_acronym(w) for w in term.split())
    words = []
    for m in toks:
        prefix = folded[m.end():m.end() + 1] == "*"
        word = m.group() if keep_case else m.group().lower()
        words.append((word, prefix))
    gaps = [folded[a.end():b.start()] for a, b in zip(toks, toks[1:])]
    return _Term(tuple(words), keep_case, any("." in g for g in gaps))


class TermIndex:
    """Terms of many owners, indexed by their first word, found in one pass over a text.

    Whole first words are looked up in one dict, ``word*`` prefixes in another,
    so the cost of reading a text does not grow with the number of terms.
    """

    def __init__(self) -> None:
        self._whole: dict[str, list[tuple[_Term, str]]] = {}
        self._prefix: dict[str, list[tuple[_Term, str]]] = {}
        self._longest = 0

    def add(self, raw: str, owner: str) -> None:
        term = _compile_term(raw)
        if term is None:
            return
        first, is_prefix = term.words[0]
        key = first.lower()
        (self._prefix if is_prefix else self._whole).setdefault(key, []).append((term, owner))
        if is_prefix:
            self._longest = max(self._longest, len(key))

    def find(self, folded: str) -> list[tuple[int, int, str]]:
        """Every ``(start, end, owner)`` match in folded text (overlaps included)."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        lows = [t[2].lower() for t in toks]
        found: list[tuple[int, int, str]] = []
        for i, low in enumerate(lows):
            cands = list(self._whole.get(low, ()))
            for k in range(1, min(len(low), self._longest) + 1):
                cands.extend(self._prefix.get(low[:k], ()))
            for term, owner in cands:
                end = _match_at(term, i, toks, lows, folded)
                if end is not None:
                    found.append((toks[i][0], end, owner))
        return found


def _match_at(term: _Term, i: int, toks: list[tuple[int, int, str]], lows: list[str],
              folded: str) -> int | None:
    if i + len(term.words) > len(toks):
        return None
    for j, (word, prefix) in enumerate(term.words):
        tok = toks[i + j][2] if term.keep_case else lows[i + j]
        if not (tok.startswith(word) if prefix else tok == word):
            return None
        if j:
            gap = folded[toks[i + j - 1][1]:toks[i + j][0]]
            if not (_SEP_RX.fullmatch(gap) or term.dots and _DOT_SEP_RX.fullmatch(gap)):
                return None
    return toks[i + len(term.words) - 1][1]


class _Rules:
    """The patterns and ``unless`` of one owner (a category, an entity, a cue list)."""

    def __init__(self, patterns: Iterable[str], unless: Iterable[str]) -> None:
        pats = [f"(?:{p})" for p in patterns]
        self.patterns = re.compile("|".join(pats), re.IGNORECASE) if pats else None
        self.unless = [re.compile(p, re.IGNORECASE) for p in unless]

    def finish(self, folded: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Add pattern matches, drop what ``unless`` covers, keep the longest of overlaps."""
        if self.patterns is not None:
            found = found + [m.span() for m in self.patterns.finditer(folded)
                             if m.end() > m.start()]
        if self.unless and found:
            blocked = [m.span() for rx in self.unless for m in rx.finditer(folded)]
            found = [s for s in found if not any(s[0] < b[1] and b[0] < s[1] for b in blocked)]
        found.sort(key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for s in found:
            if not out or s[0] >= out[-1][1]:
                out.append(s)
        return out


class TermSet:
    """One list of terms and patterns, minus ``unless`` (a cue list, a single category)."""

    def __init__(self, terms: Iterable[str], patterns: Iterable[str] = (),
                 unless: Iterable[str] = ()) -> None:
        self._index = TermIndex()
        for t in set(terms):
            self._index.add(t, "")
        self._rules = _Rules(patterns, unless)

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` matches in folded text, longest first, in order."""
        return self._rules.finish(folded, [(s, e) for s, e, _o in self._index.find(folded)])

    def search(self, folded: str) -> bool:
        return bool(self.spans(folded))


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of a pack category in a text (offsets into that text).

    ``entity`` is set when the match is a known entity's name standing for an actor.
    """

    kind: str  # actor | target | method | place | frame
    id: str
    start: int
    end: int
    text: str
    negated: bool = False
    entity: str | None = None


@cache
def _lexicon() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    raw = (resources.files("sourcetrace.topics") / "lexicon.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return {lang: {k: tuple(v) for k, v in cues.items()} for lang, cues in data.items()}


@cache
def cues(name: str) -> TermSet:
    """One cue list of ``lexicon.toml`` (``negation``, ``speech``...), all languages together."""
    if name not in CUE_NAMES:
        raise KeyError(name)
    return TermSet(t for cues_ in _lexicon().values() for t in cues_.get(name, ()))


@cache
def _negations() -> frozenset[str]:
    return frozenset(fold(w).lower() for c in _lexicon().values() for w in c.get("negation", ()))


def _negation(word: str) -> bool:
    return word in _negations() or word.endswith("n't")


def is_negated(folded: str, start: int) -> bool:
    """Whether the word before ``start`` negates it, or the one before that with only a
    short word between ("not Wagner", "not by Wagner", "не вербовали"; but not "не
    подпишут контракт", where the negation is the verb's)."""
    window = folded[max(0, start - 60):start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    if cut:
        window = window[cut[-1]:]
    words = [w.lower() for w in _WORDS.findall(window)][-2:]
    if words and _negation(words[-1]):
        return True
    return len(words) == 2 and len(words[1]) <= 3 and _negation(words[0])


class PackMatcher:
    """Every category, the frame and the entities of one pack, compiled into one index."""

    def __init__(self, pack: TopicPack) -> None:
        self.pack = pack
        self._index = TermIndex()
        self._rules: dict[str, _Rules] = {}
        self._entity_index = TermIndex()
        self._entity_rules: dict[str, _Rules] = {}
        for cat in (pack.frame, *pack.categories):
            key = f"{cat.kind}:{cat.id}"
            for items in cat.terms.values():
                for t in items:
                    self._index.add(t, key)
            self._rules[key] = _Rules(cat.patterns, cat.unless)
        for ent in pack.entities:
            for items in ent.names.values():
                for t in items:
                    self._entity_index.add(t, ent.id)
            self._entity_rules[ent.id] = _Rules(ent.patterns, ent.unless)

    def _spans(self, folded: str, index: TermIndex,
               rules: Mapping[str, _Rules]) -> dict[str, list[tuple[int, int]]]:
        raw: dict[str, list[tuple[int, int]]] = {}
        for s, e, owner in index.find(folded):
            raw.setdefault(owner, []).append((s, e))
        out = {}
        for owner, rule in rules.items():
            if owner in raw or rule.patterns is not None:
                spans = rule.finish(folded, raw.get(owner, []))
                if spans:
                    out[owner] = spans
        return out

    def hits(self, text: str) -> list[Hit]:
        """Every category match in ``text`` (entities standing for actors included), in order."""
        folded = fold(text)
        out: list[Hit] = []
        for key, spans in self._spans(folded, self._index, self._rules).items():
            kind, ident = key.split(":", 1)
            for s, e in spans:
                out.append(Hit(kind, ident, s, e, text[s:e], is_negated(folded, s)))
        for ent_id, spans in self._spans(folded, self._entity_index, self._entity_rules).items():
            ent = self.pack.entity(ent_id)
            if ent.actor is None:
                continue
            for s, e in spans:
                out.append(Hit("actor", ent.actor, s, e, text[s:e], is_negated(folded, s), ent.id))
        out.sort(key=lambda h: (h.start, h.end, h.kind))
        return out

    def entities_in(self, text: str) -> list[tuple[Entity, int, int]]:
        """Known entities mentioned in ``text``: ``(entity, start, end)`` in order."""
        folded = fold(text)
        found = [(self.pack.entity(ent_id), s, e) for ent_id, spans in
                 self._spans(folded, self._entity_index, self._entity_rules).items()
                 for s, e in spans]
        return sorted(found, key=lambda x: (x[1], -x[2]))

    def entity_of(self, name: str | None, descriptor: str | None = None) -> Entity | None:
        """The known entity a speaker is: by its name first, else by its descriptor."""
        for text in (name, descriptor):
            if text:
                found = self.entities_in(text)
                if found:
                    return found[0][0]
        return None

    def category_ids(self, text: str, kind: str) -> list[str]:
        """The ids of the categories of ``kind`` that match ``text`` (not negated), in order."""
        seen: dict[str, None] = {}
        for h in self.hits(text):
            if h.kind == kind and not h.negated:
                seen.setdefault(h.id)
        return list(seen)


@cache
def matcher_for(pack: TopicPack) -> PackMatcher:
    """The compiled matcher of a pack (one per pack object)."""
    return PackMatcher(pack)
