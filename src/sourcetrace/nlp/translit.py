"""Script-independent keys for names: transliteration to Latin and consonant skeletons.

The one implementation, used by extraction (``nlp``), cross-article linking
(:mod:`sourcetrace.linking`, which re-exports it from ``linking/translit.py``)
and the store. A name is written differently in each script and language
("Bastrykin", "Бастрыкин", "Бастрикін"; "Chupik", "Cupik", "Čupik", "Чупик";
"Usov", "Усов", "Юсов"); :func:`skeleton` maps all of these to one key by
transliterating to ASCII, folding spelling variants (``kh``/``h``,
``zh``/``j``/``z``, ``ch``/``c``/``k``...) and keeping only the consonants,
since vowels and case endings are where spellings and inflections differ most.

:func:`name_key` is the key of a whole source name: an outlet known under
several names and scripts (Медиазона = Mediazona, Би-би-си = BBC, Радио
Свобода = RFE/RL) keys to its canonical name (the tables are data: the
lexicons' outlet lists and ``lexicons/aliases.toml``); any other name to the
skeletons of its words.

The tables are data: :data:`CYRILLIC` covers Russian, Ukrainian, Belarusian,
Serbian and Bulgarian letters; other scripts with letter case are folded by
Unicode decomposition (diacritics dropped). Arabic, Armenian and other scripts
are *not* transliterated: their words give no keys (limit).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One Latin spelling per Cyrillic letter (lower case). Where Russian and
# Ukrainian differ (г, и), the skeleton rules below fold the difference.
CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
}

# Latin letters that Unicode decomposition does not reduce to ASCII.
LATIN_EXTRA: dict[str, str] = {
    "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "dj", "þ": "th", "ð": "d", "ı": "i",
    "œ": "oe", "ʼ": "", "’": "", "'": "",
}

# Spelling variants folded before vowels are dropped, longest first. Each pair
# is (pattern, replacement) applied left to right on the lower-case ASCII form.
FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("sch", "s"), ("tch", "k"), ("dzh", "z"), ("dzj", "z"), ("dj", "z"),
    ("dg", "z"), ("zh", "z"), ("zj", "z"), ("kh", ""), ("ch", "k"), ("sh", "s"),
    ("sz", "s"), ("cz", "k"), ("ts", "k"), ("tz", "k"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("gh", "g"), ("qu", "kv"), ("q", "k"), ("x", "ks"), ("w", "v"),
    ("c", "k"), ("h", ""), ("j", ""), ("y", ""),
)
VOWELS = frozenset("aeiou")
_FOLD_RE = re.compile("|".join(re.escape(a) for a, _ in FOLDS))
_FOLD_MAP = dict(FOLDS)
_NON_ALPHA = re.compile(r"[^a-z]+")


@lru_cache(maxsize=200_000)
def to_ascii(text: str) -> str:
    """``text`` in lower-case ASCII letters: Cyrillic transliterated, diacritics dropped.

    Characters of scripts without a table (Arabic, Armenian, CJK...) are dropped.
    """
    out: list[str] = []
    for ch in text.lower():
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch in LATIN_EXTRA:
            out.append(LATIN_EXTRA[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if c.isascii()))
    return "".join(out)


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The consonant skeleton of a name: "Sevalnyov", "Sevalnev" → ``svlnv``, "Usov" → ``_sv``.

    Transliterates, folds spelling variants (:data:`FOLDS`), drops vowels and
    collapses doubled consonants; an initial vowel becomes ``_``. Returns "" for words of scripts without a
    table. Different names can share a skeleton ("Mark", "Marek"): callers
    weigh keys by rarity and never decide on one key alone.
    """
    ascii_form = _NON_ALPHA.sub("", to_ascii(word))
    folded = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], ascii_form)
    # an initial vowel is kept as a marker: "Usov" and "Sov" must differ, while
    # "Evgeny", "Yevgeny" and "Jevgenij" all start with one once y/j are dropped
    out: list[str] = ["_"] if folded[:1] in VOWELS else []
    for ch in folded:
        if ch in VOWELS:
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def name_keys(word: str) -> tuple[str, ...]:
    """The keys a name token contributes: ``n:`` its skeleton, ``p:`` the skeleton's 3-prefix.

    The short key survives inflection and suffixes ("Umarov", Lithuanian
    "Umarovas"; Russian "Собянин", "Собяниным"); the full key tells apart names
    that share a prefix. Names with fewer than three consonants (counting an
    initial-vowel marker) give no key.
    """
    sk = skeleton(word)
    if len(sk) < 3:
        return ()
    return ("p:" + sk[:3], "n:" + sk[:7])


# -- whole names -----------------------------------------------------------------------

ALIAS_LANGS = ("en", "ru", "uk")


@lru_cache(maxsize=1)
def outlet_aliases() -> dict[str, str]:
    """Every known spelling of an outlet (lower case, spaces folded) → its canonical name.

    From the lexicons of :data:`ALIAS_LANGS` and ``lexicons/aliases.toml``
    (Latin-script variants: "Radio Liberty" → "RFE/RL").
    """
    import tomllib
    from importlib import resources

    from .lexicon import load_lexicon

    out: dict[str, str] = {}
    raw = resources.files("sourcetrace.nlp").joinpath("lexicons/aliases.toml").read_text("utf-8")
    for canonical, forms in tomllib.loads(raw)["outlets"].items():
        for form in [canonical, *forms]:
            out.setdefault(_fold(form), canonical)
    for lang in ALIAS_LANGS:
        for form, canonical in load_lexicon(lang).outlets.items():
            out.setdefault(_fold(form), out.get(_fold(canonical), canonical))
    return out


def _fold(name: str) -> str:
    name = " ".join(name.lower().replace("«", " ").replace("»", " ").replace('"', " ").split())
    return name[4:] if name.startswith("the ") else name


def canonical_outlet(name: str) -> str | None:
    """The canonical name of an outlet ("Би-би-си" → "BBC"), or ``None`` if unknown."""
    return outlet_aliases().get(_fold(name))


def name_key(name: str) -> str:
    """A key that is equal for the same source written in any script or spelling.

    ``"outlet:<canonical>"`` for a known outlet ("Медиазона", "Mediazona" →
    ``outlet:mediazona``); otherwise the skeletons of the name's words joined
    by spaces ("Valentina Cupik", "Валентина Чупик" → ``vlntn kpk``; "Usov",
    "Усов", "Юсов" → ``_sv``). Words with no skeleton (other scripts) are left
    out; a name with none gives its lower-cased text. Partial names ("Cupik")
    match full ones on the last word's key: compare ``name_key(a).split()[-1]``.
    """
    outlet = canonical_outlet(name)
    if outlet is not None:
        return "outlet:" + to_ascii(outlet)
    keys = [k for k in (skeleton(w) for w in re.split(r"[\s\-]+", name)) if k]
    return " ".join(keys) if keys else " ".join(name.lower().split())
