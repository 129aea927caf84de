"""News outlets: a gazetteer of well-known names, name normalisation, and "who am I".

Crediting another outlet ("told CNN", "originally published by RFE/RL") is the
main evidence that an article is derivative, so outlet names must be found and
compared across spellings, scripts and sub-services ("BBC Russian service",
"Русская служба Би-би-си", "BBC Mundo" are all the BBC family). This module
holds that knowledge as data (:data:`GAZETTEER`) and three functions:

- :func:`outlet_key` — the comparison key of any outlet name (lower-case ASCII,
  no punctuation, no leading "the"), mapped to its family when the name is known;
- :func:`looks_like_outlet` — whether an unknown capitalised name has the form
  of a news outlet ("Northgate Wire", "The Caldmere Courier", "kloop.kg");
- :func:`own_keys` — the keys of the outlet that published an article, from its
  metadata or its URL's domain ("arabic.cnn.com" → ``cnn``).

Limits: the gazetteer is a list of widely cited international and regional
outlets, not a registry; unknown outlets are recognised by form only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from .translit import skeleton, to_ascii

# canonical name → aliases (the canonical name is an alias of itself). Family
# members (language services, sister sites) are listed under the parent.
GAZETTEER: dict[str, tuple[str, ...]] = {
    "CNN": ("CNN International", "CNN Arabic", "Си-эн-эн", "Сі-Ен-Ен", "cnn.com"),
    "BBC": (
        "BBC News", "BBC Russian", "BBC Russian service", "BBC Russian Service", "BBC Mundo",
        "BBC Uzbek", "BBC Africa", "BBC News na srpskom", "BBC World Service",
        "British Broadcasting Corporation", "Би-би-си", "Би-Би-Си", "Бі-Бі-Сі", "ВВС",
        "Русская служба Би-би-си", "Русская служба BBC", "bbc.co.uk", "bbc.com", "bbci.co.uk",
        "bbci",
    ),
    "Reuters": ("Рейтер", "Рейтерс", "Reuters news agency"),
    "Associated Press": ("The Associated Press", "AP News", "Ассошиэйтед Пресс"),
    "AFP": ("Agence France-Presse", "Франс Пресс", "France-Presse"),
    "RFE/RL": (
        "Radio Free Europe/Radio Liberty", "Radio Free Europe", "Radio Liberty", "RFERL",
        "Радио Свобода", "Радіо Свобода", "Azattyk", "Ozodi", "Azattyq",
    ),
    "Current Time": ("currenttime.tv", "Настоящее время"),
    "VOA": ("Voice of America", "Голос Америки"),
    "The Moscow Times": ("Moscow Times",),
    "Eurasianet": ("EurasiaNet",),
    "Kloop": ("kloop.kg", "Клооп"),
    "Meduza": ("Медуза",),
    "Novaya Gazeta": ("Новая газета", "Novaya Gazeta Europe"),
    "The Insider": (),
    "Mediazona": ("Медиазона",),
    "iStories": ("Важные истории",),
    "Verstka": ("Вёрстка", "Верстка"),
    "ASTRA": (),
    "TASS": ("ТАСС",),
    "RIA Novosti": ("РИА Новости",),
    "Interfax": ("Интерфакс",),
    "RBC": ("РБК",),
    "Kommersant": ("Коммерсант", "Коммерсантъ"),
    "Regnum": ("ИА Регнум", "Регнум", "IA Regnum"),
    "Fontanka": ("Фонтанка",),
    "Izvestia": ("Известия",),
    "RT": ("Russia Today",),
    "Sputnik": ("Спутник",),
    "Ukrainska Pravda": ("Українська правда", "Pravda Ukraine", "Украинская правда"),
    "Ukrinform": ("Укрінформ", "Укринформ"),
    "UNN": (),
    "Censor.NET": ("Цензор.НЕТ", "Censor.net"),
    "The Kyiv Independent": ("Kyiv Independent",),
    "Kyiv Post": (),
    "The Guardian": ("Guardian",),
    "The Telegraph": ("Daily Telegraph",),
    "The New York Times": ("New York Times", "NYT"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": (),
    "The Economist": (),
    "Bloomberg": (),
    "Al Jazeera": (),
    "Sky News": (),
    "NBC News": (),
    "CBS News": (),
    "ABC News": (),
    "NPR": (),
    "Deutsche Welle": ("DW",),
    "France 24": (),
    "Euronews": (),
    "Politico": (),
    "Newsweek": (),
    "TIME": ("Time magazine",),
    "The Independent": (),
    "Daily Mail": (),
    "The Daily Beast": ("Daily Beast",),
    "Vice": ("VICE News",),
    "Semafor": (),
    "Yle": (),
    "EFE": ("Agencia EFE",),
    "ANSA": (),
    "Anadolu": ("Anadolu Agency",),
    "Xinhua": (),
    "The World": ("PRI's The World",),
    "Asia-Plus": ("Asia Plus",),
    "24.kg": (),
    "Kun.uz": (),
    "Gazeta.uz": (),
    "GIN": ("Global Information Network",),
}

# words that make a capitalised name look like an outlet (lower case)
OUTLET_WORDS: frozenset[str] = frozenset({
    "news", "times", "post", "herald", "tribune", "gazette", "journal", "telegraph",
    "guardian", "observer", "independent", "chronicle", "courier", "ledger", "wire",
    "radio", "tv", "television", "broadcasting", "press", "agency", "daily", "weekly",
    "magazine", "review", "insider", "express", "mirror", "standard", "monitor",
    "reporter", "bulletin", "digest", "roundup", "dispatch", "network", "media",
    "newspaper", "service", "channel", "pravda", "gazeta", "vesti", "novosti", "izvestia",
    "газета", "радио", "телеканал", "агентство", "новости", "правда", "вести", "известия",
})
# words that, alone, make a page's section heading ("News", "Latest news", "World
# media"), not an outlet's name: an outlet-like name needs one word outside them
_HEADING_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "latest", "top", "breaking", "world", "local", "more", "all", "our",
    "home", "live", "today", "new", "and", "of", "in", "from", "last", "main", "other",
    "news", "media", "press", "radio", "tv", "video", "channel", "service",
    "последние", "главные", "все", "мира", "мир", "новости", "радио",
})
_DOMAIN = re.compile(
    r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|ru|ua|kg|kz|uz|tj|tm|am|ge|md|ro|pl|lt|"
    r"lv|ee|by|rs|me|ba|hr|tv|fm|io|co|uk|eu|fr|de|it|es|no|se|fi|in|id|ke|tz|zm|za|ng)$",
    re.IGNORECASE,
)
# second-level labels under which the registrable name sits one level lower
_SLD = frozenset({"co", "com", "org", "net", "ac", "gov", "news"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _raw_key(name: str) -> str:
    stripped = name.strip()
    if _DOMAIN.match(stripped) and "." in stripped:
        stripped = domain_label(stripped) or stripped
    text = to_ascii(stripped).strip()
    text = re.sub(r"^(?:the)\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    key = _NON_ALNUM.sub("", text)
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in GAZETTEER.items():
        for alias in (canonical, *aliases):
            index.setdefault(_raw_key(alias), canonical)
    return index



@lru_cache(maxsize=50_000)
def canonical_outlet(name: str) -> str | None:
    """The gazetteer name of ``name`` ("Русская служба Би-би-си" → "BBC"), else ``None``.

    A name whose first words are a known outlet's name ("BBC Uzbek service",
    "CNN's Nick Paton Walsh") belongs to that outlet; the match must end at a
    word boundary, so "Astrakhan" is not ASTRA.
    """
    key = _raw_key(name)
    if not key:
        return None
    if key in _INDEX:
        return _INDEX[key]
    words = [w for w in re.split(r"[\s/]+|['’]s\b", name.strip()) if w]
    prefix = ""
    best: str | None = None
    for word in words[:6]:
        prefix += _NON_ALNUM.sub("", to_ascii(word))
        if prefix in _INDEX:
            best = _INDEX[prefix]
    return best


@lru_cache(maxsize=50_000)
def outlet_key(name: str) -> str:
    """The comparison key of an outlet name: its gazetteer family, else its bare form."""
    canonical = canonical_outlet(name)
    return _raw_key(canonical) if canonical else _raw_key(name)


def display_name(name: str) -> str:
    """The name to show: the gazetteer's canonical spelling when known."""
    return canonical_outlet(name) or name.strip()


@lru_cache(maxsize=100_000)
def looks_like_outlet(name: str) -> bool:
    """Whether ``name`` is a known outlet, a domain, or has an outlet word in it."""
    if canonical_outlet(name):
        return True
    stripped = name.strip().strip(".,;:()«»\"'")
    if _DOMAIN.match(stripped):
        return True
    words = re.findall(r"[^\W\d_]+", stripped.lower())
    # an outlet word, and a word beyond a heading's: "Tanzanian media", "The Guardian",
    # "Pravda", but not a page's section heading ("News", "The News", "Latest news")
    return (any(w in OUTLET_WORDS for w in words) and len(words) <= 6
            and any(w not in _HEADING_WORDS for w in words))


def domain_label(url: str | None) -> str | None:
    """The registrable label of a URL's host: ``arabic.cnn.com`` → ``cnn``."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    parts = [p for p in host.lower().rstrip(".").split(".") if p and p != "www"]
    if len(parts) < 2:
        return parts[0] if parts else None
    if len(parts) >= 3 and parts[-2] in _SLD and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2]


def own_keys(outlet: str | None, url: str | None) -> frozenset[str]:
    """Keys naming the article's own outlet (from metadata and the URL's domain).

    Both the raw key and the gazetteer family are given, so "themoscowtimes.com"
    matches "The Moscow Times" and "arabic.cnn.com" matches "CNN".
    """
    keys: set[str] = set()
    for name in (outlet, domain_label(url)):
        if name:
            keys.add(_raw_key(name))
            keys.add(outlet_key(name))
    if outlet and len(outlet.split()) >= 2:
        # its short name: "the Ledger" for "The Harbour Ledger"
        keys.add(_raw_key(outlet.split()[-1]))
    keys.discard("")
    return frozenset(keys)


def is_own(name: str, own: Iterable[str]) -> bool:
    """Whether outlet ``name`` is the article's own outlet (keys from :func:`own_keys`)."""
    keys = set(own)
    if not keys:
        return False
    return outlet_key(name) in keys or _raw_key(name) in keys


def script_key(name: str) -> str:
    """A key of an outlet name that is equal across scripts and spellings.

    The gazetteer family when known ("Би-би-си" = "BBC"); else the consonant
    skeletons of its words, a leading article and quotes left out ("The Harbour
    Ledger" = "«Харбор Леджер»"). Used where names met in different languages
    must meet (channels of a claim, first-hand reports of a verdict).
    """
    canonical = canonical_outlet(name)
    if canonical:
        return "o:" + _raw_key(canonical)
    words = re.findall(r"[^\W\d_]+", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return "s:" + " ".join(k for k in (skeleton(w) for w in words) if k)


def alias_patterns() -> list[tuple[str, str]]:
    """Every ``(alias, canonical)`` pair of the gazetteer, longest alias first."""
    pairs = [(alias, c) for c, aliases in GAZETTEER.items() for alias in (c, *aliases)]
    return sorted(pairs, key=lambda p: -len(p[0]))


_INDEX: dict[str, str] = _build_index()
