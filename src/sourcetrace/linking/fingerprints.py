"""What linking needs to know of one article, read from its text alone.

:func:`fingerprint` turns an :class:`~sourcetrace.records.Extraction` into a
:class:`Fingerprint`: language and script, a headline, an inferred date, the
article's own outlet (from metadata, the URL, else its header lines), and three bags of features that the similarity stages
weigh by rarity across the corpus:

- ``names`` and ``quantities`` — what survives translation: capitalised words
  and acronyms (turned into script-independent keys by :func:`name_anchors`,
  see :mod:`~sourcetrace.linking.translit`) and quantities (see
  :mod:`~sourcetrace.linking.numbers`);
- ``words`` — content words (lower case, cut to 6 letters: a crude stem that
  also absorbs most Slavic case endings), for comparing articles in one language;
- ``minhash`` — a MinHash of word 3-shingles, to find near-duplicate text
  through LSH, and ``hashes`` — the shingles' CRC32 values (sorted), to measure
  the overlap of a candidate pair exactly (about 4 bytes a word).

It uses the text only, never the extraction's attributions, so it works the
same for languages the extractor does not handle. ``lowercase`` (the CRC32 of
the words met in lower case, see :func:`word_hash`) is only there for the corpus
vocabulary that tells names from capitalised common words: kept as 4 bytes a
word so that it stays with the fingerprint, and linking a grown corpus again
from kept fingerprints counts the same vocabulary as linking it from scratch.
:meth:`Fingerprint.to_dict` / :meth:`Fingerprint.from_dict` give a JSON form
(arrays as base64), so a store can keep fingerprints between runs. Limits: names are
capitalised words that do not start a sentence (a name met only at sentence
starts is missed); scripts without letter case (Arabic...) give no name keys.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash
from rapidfuzz.distance import LCSseq

from ..records import Extraction
from .credits import header_outlet
from .numbers import DateGuess, find_date, is_informative, number_key, numbers_in
from .outlets import display_name, domain_label, own_keys
from .translit import name_keys, to_ascii

NUM_PERM = 64
SHINGLE = 3
STEM = 6
_TOKEN = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")
_WORD = re.compile(r"[^\W_]+")
_SENT_BREAK = set(".!?:;\n\"«“„(—–•|*")
_DATE_MARKER = re.compile(r"^\s*date\s+\d{4}-\d\d(?:-\d\d)?\s*")

# words too common to tell articles apart, in the languages met most; they are
# also down-weighted by rarity, this only keeps them out of the indexes
STOPWORDS: frozenset[str] = frozenset(
    """the and that with from this have were been their they which would there about after
    said says also into than when what will more other some could over only them then these
    those where while being such very just most many much even because before under since
    between during against without within through however according told among every
    what's it's its his her hers him she he who whom whose our your you are was has had
    for not but all can may one two three four five six seven eight nine ten
    который которые которых этого этом если также было были быть после более может
    только тоже чтобы этот того через который""".split()
)
# capitalised words that are not names (sentence adverbs, pronouns, titles)
NOT_NAMES: frozenset[str] = frozenset(
    """the a an this that these those it its he she they we i you his her their our
    however but and or if in on at for from by with as to of after before when while
    mr mrs ms dr president minister ministry monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december read more share skip content advertisement photo video image
    getty""".split()
)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The text features of one article (see the module notes)."""

    id: str
    order: int
    lang: str
    script: str
    title: str
    date: DateGuess | None
    own: frozenset[str]
    outlet_name: str | None
    names: Counter[str]
    name_seq: tuple[str, ...]
    quantities: Counter[str]
    words: Counter[str]
    minhash: LeanMinHash
    hashes: np.ndarray
    lowercase: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    url: str | None = None

    @property
    def shingles(self) -> int:
        """How many distinct word 3-shingles the text has (about its length in words)."""
        return int(self.hashes.size)

    @property
    def published(self) -> str | None:
        return self.date.value if self.date else None

    def guess(self) -> ArticleGuess:
        """What the text told about the article, kept once linking is done."""
        return ArticleGuess(self.id, self.title, self.lang, self.outlet_name, self.published,
                            self.own)

    def to_dict(self) -> dict[str, Any]:
        """A JSON form of every feature (the MinHash is rebuilt from ``hashes``)."""
        return {
            "id": self.id, "order": self.order, "lang": self.lang, "script": self.script,
            "title": self.title,
            "date": [self.date.value, self.date.where] if self.date else None,
            "own": sorted(self.own), "outlet_name": self.outlet_name,
            "names": dict(self.names), "name_seq": list(self.name_seq),
            "quantities": dict(self.quantities), "words": dict(self.words),
            "hashes": _b64(self.hashes), "lowercase": _b64(self.lowercase), "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fingerprint:
        hashes = _unb64(data["hashes"])
        date = data.get("date")
        return cls(
            id=data["id"], order=int(data["order"]), lang=data["lang"], script=data["script"],
            title=data["title"], date=DateGuess(date[0], date[1]) if date else None,
            own=frozenset(data["own"]), outlet_name=data.get("outlet_name"),
            names=Counter(data["names"]), name_seq=tuple(data["name_seq"]),
            quantities=Counter(data["quantities"]), words=Counter(data["words"]),
            minhash=minhash_of(hashes), hashes=hashes, lowercase=_unb64(data["lowercase"]),
            url=data.get("url"),
        )


def _b64(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def _unb64(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def word_hash(word: str) -> int:
    """The CRC32 of a word (UTF-8): how ``lowercase`` keeps the words met in lower case."""
    return zlib.crc32(word.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class ArticleGuess:
    """An article's headline, language, own outlet and date as read from its text.

    The small part of a :class:`Fingerprint` that outlives linking: trace trees
    name an article's own outlet with it, and the web app falls back to it where
    metadata is missing. Stored with the linking results (``to_dict``/``from_dict``).
    """

    id: str
    title: str
    lang: str
    outlet_name: str | None
    published: str | None
    own: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "lang": self.lang,
                "outlet_name": self.outlet_name, "published": self.published,
                "own": sorted(self.own)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleGuess:
        return cls(data["id"], data["title"], data["lang"], data.get("outlet_name"),
                   data.get("published"), frozenset(data.get("own") or ()))


_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("armenian", re.compile(r"[\u0530-\u058f]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
)


def script_of(text: str) -> str:
    """The dominant script of ``text``: latin, cyrillic, arabic, armenian, greek or other."""
    sample = text[:3000]
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "other"


def guess_lang(text: str, script: str) -> str:
    """A language code from the script and a few marker letters; ``und`` when unsure.

    Only a fallback for records without ``lang``: Cyrillic is ``uk`` when
    Ukrainian-only letters occur, else ``ru``; Latin is ``en`` when English
    function words dominate.
    """
    if script == "cyrillic":
        return "uk" if re.search(r"[іїєґІЇЄҐ]", text) else "ru"
    if script == "arabic":
        return "ar"
    if script == "armenian":
        return "hy"
    if script == "greek":
        return "el"
    if script == "latin":
        words = re.findall(r"[a-z]+", text[:3000].lower())
        common = sum(w in {"the", "and", "of", "to", "in", "is", "that", "was"} for w in words)
        return "en" if words and common / len(words) > 0.08 else "und"
    return "und"


def body_lines(text: str) -> list[str]:
    """Non-blank lines, without a leading ``date YYYY-MM-DD`` marker."""
    return [ln.strip() for ln in _DATE_MARKER.sub("", text).splitlines() if ln.strip()]


def headline(text: str, given: str | None) -> str:
    """The given title, else the first line that reads like a headline (4–30 words)."""
    if given:
        return given.strip()
    for line in body_lines(text)[:8]:
        words = line.split()
        if 4 <= len(words) <= 30 and not line.lower().startswith(("skip to", "by ", "posted")):
            return line.rstrip(".")
    lines = body_lines(text)
    return " ".join(lines[0].split()[:14]) if lines else ""


def _names(text: str) -> list[str]:
    """Capitalised tokens that do not start a sentence, and acronyms."""
    out: list[str] = []
    tokens = list(_TOKEN.finditer(text))
    lowered = sum(1 for t in tokens if t.group(0)[:1].islower())
    mostly_lower = bool(tokens) and lowered / len(tokens) > 0.97
    for m in tokens:
        tok = m.group(0)
        if len(tok) < 2:
            continue
        if tok.isupper() and 2 <= len(tok) <= 8:
            out.append("a:" + to_ascii(tok).replace("c", "k"))
            continue
        if mostly_lower and len(tok) >= 5 and tok.lower() not in STOPWORDS:
            out.append(tok)
            continue
        if not tok[:1].isupper() or tok.lower() in NOT_NAMES:
            continue
        j = m.start() - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] in _SENT_BREAK:
            continue
        out.append(tok)
    return out


def quantities_of(text: str) -> Counter[str]:
    """Informative quantities of ``text`` as keys (``#:10000``)."""
    bag: Counter[str] = Counter()
    for value, _s, _e in numbers_in(text):
        if is_informative(value):
            bag["#:" + number_key(value)] += 1
    return bag


def name_anchors(names: Counter[str], common: Callable[[str], bool] | None = None) -> Counter[str]:
    """Name keys of capitalised tokens (``n:``/``p:`` skeletons, ``a:`` acronyms as they are).

    ``common(word)`` says whether a capitalised word is really a common word of
    the corpus (met in lower case too: "Defense", "Service"); those give no key.
    """
    bag: Counter[str] = Counter()
    for name, count in names.items():
        if name.startswith("a:"):
            bag[name] += count
            continue
        if common is not None and common(name.lower()):
            continue
        for base in re.split(r"[-’']", name):
            for key in name_keys(base):
                bag[key] += count
    return bag


def words_of(text: str) -> Counter[str]:
    """Content-word stems: lower case, at least 4 letters, cut to :data:`STEM` letters."""
    bag: Counter[str] = Counter()
    for m in _WORD.finditer(text.lower()):
        w = m.group(0)
        if len(w) >= 4 and not w.isdigit() and w not in STOPWORDS:
            bag[w[:STEM]] += 1
    return bag


def shingles_of(text: str) -> list[bytes]:
    """Word 3-shingles of the lower-cased text, as bytes for hashing."""
    words = [m.group(0) for m in _WORD.finditer(text.lower())]
    return [" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)]


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7)
_PERMUTATIONS = _TEMPLATE.permutations
_SCHEME = _TEMPLATE.scheme


def minhash_of(hashes: np.ndarray) -> LeanMinHash:
    """The MinHash of a set of shingles given as CRC32 values (fixed seed, so sketches
    compare across runs; the CRC32 values stand in for datasketch's SHA-1)."""
    mh = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=int, permutations=_PERMUTATIONS,
                 scheme=_SCHEME)
    if hashes.size:
        mh.update_batch(hashes.tolist())
    return LeanMinHash(mh)


def fingerprint(record: Extraction, order: int = 0) -> Fingerprint:
    """The features of one article (see the module notes); ``order`` is its input position."""
    text = record.text
    script = script_of(text)
    lang = (record.doc.lang or guess_lang(text, script)).lower()
    shingles = shingles_of(text)
    hashes = np.unique(np.fromiter((zlib.crc32(x) for x in shingles), dtype=np.uint32,
                                   count=len(shingles)))
    # a plain text file has no metadata: its header lines may name its outlet
    outlet = record.doc.outlet or (header_outlet(text) if not record.doc.url else None)
    names = _names(text)
    lowercase = np.unique(np.fromiter(
        (word_hash(w) for w in (m.group(0) for m in _TOKEN.finditer(text))
         if len(w) >= 4 and w.islower()), dtype=np.uint32))
    return Fingerprint(
        id=record.doc.id,
        order=order,
        lang=lang,
        script=script,
        title=headline(text, record.doc.title),
        date=find_date(record.doc.published, record.doc.url, text),
        own=own_keys(outlet, record.doc.url),
        outlet_name=display_name(outlet or domain_label(record.doc.url) or "") or None,
        names=Counter(names),
        name_seq=tuple(k for n in names if not n.startswith("a:") for k in name_keys(n)
                       if k.startswith("n:")),
        quantities=quantities_of(text),
        words=words_of(text),
        minhash=minhash_of(hashes),
        hashes=hashes,
        lowercase=lowercase,
        url=record.doc.url,
    )


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Jaccard similarity of the two articles' shingle sets (exact, from the kept hashes)."""
    inter = np.intersect1d(a.hashes, b.hashes, assume_unique=True).size
    union = a.hashes.size + b.hashes.size - inter
    return inter / union if union else 0.0


def name_order(a: Fingerprint, b: Fingerprint) -> float:
    """How much of the shorter sequence of names recurs in the same order in the other.

    Spinning and light rewording change words but keep who is named, in order.
    """
    short = min(len(a.name_seq), len(b.name_seq))
    if short < 4:
        return 0.0
    return float(LCSseq.similarity(a.name_seq, b.name_seq)) / short


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """The share of the smaller article's shingles found in the other one (exact)."""
    small = min(a.hashes.size, b.hashes.size)
    if small == 0:
        return 0.0
    return np.intersect1d(a.hashes, b.hashes, assume_unique=True).size / small
