"""Numbers and dates as they survive translation: "10,000", "10.000", "10 тыс." → 10000.

Pure functions over text. :func:`numbers_in` finds quantities written with
digits (thousand separators of any kind, decimal commas, and multiplier words
in several languages: thousand, тыс., тисяч, mila, million, млн ...).
:func:`fraction_words` finds vague quantities ("a third of", "dozens of",
"half") that signal drift when a number was replaced. :func:`find_date` infers
an article's date from its metadata, a header line, its URL or its first lines.

Limits: numbers spelled out in words ("ten thousand") are not read, except
the multipliers; "2.390" is read as 2390 (a 3-digit group after a separator is
always a thousands group, so "1.500" is 1500 and never one and a half).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:(?:[ \u00a0\u202f]|[.,’'])\d{3})+|\d+(?:[.,]\d+)?)(?![\d])"
    r"(?:\s*(?P<mult>[^\W\d_]+\.?))?"
)
# multiplier words (lower case, prefixes) by value; language knowledge as data
MULTIPLIERS: tuple[tuple[str, float], ...] = (
    ("thousand", 1e3), ("тыс", 1e3), ("тисяч", 1e3), ("тысяч", 1e3), ("mila", 1e3),
    ("mil ", 1e3), ("tysi", 1e3), ("tūkst", 1e3), ("tukst", 1e3), ("ribu", 1e3),
    ("hiljad", 1e3), ("tusen", 1e3), ("mille", 1e3), ("mii", 1e3), ("bin", 1e3),
    ("million", 1e6), ("millón", 1e6), ("millones", 1e6), ("milion", 1e6), ("млн", 1e6),
    ("миллион", 1e6), ("мільйон", 1e6), ("mln", 1e6), ("juta", 1e6), ("milijon", 1e6),
    ("billion", 1e9), ("млрд", 1e9), ("mlrd", 1e9), ("miliard", 1e9),
)
_SEPARATORS = re.compile(r"[ \u00a0\u202f.,’']")

# vague quantities that can stand in for a number ("a third of the 4,800 men")
FRACTION_WORDS: tuple[str, ...] = (
    "a third", "one third", "two thirds", "a quarter", "half of", "a half", "a fifth",
    "dozens", "hundreds", "thousands", "tens of thousands", "a handful", "several",
    "a majority", "most of", "треть", "половин", "десятк", "сотни", "тысячи",
    "третина", "половина", "десятки", "сотні", "тисячі",
)


def _value(digits: str, mult: str | None) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+", digits):
        value = float(_SEPARATORS.sub("", digits))
    else:
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            return None
    if mult:
        low = mult.lower() + " "
        for prefix, factor in MULTIPLIERS:
            if low.startswith(prefix):
                return value * factor
    return value


def numbers_in(text: str) -> list[tuple[float, int, int]]:
    """Every quantity written with digits: ``(value, start, end)`` in text order."""
    found: list[tuple[float, int, int]] = []
    for m in _NUMBER.finditer(text):
        value = _value(m.group(1), m.group("mult"))
        if value is not None:
            found.append((value, m.start(1), m.end()))
    return found


def number_key(value: float) -> str:
    """A key that equal quantities share whatever their spelling (``10000``, ``1.5``)."""
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


def is_informative(value: float) -> bool:
    """Quantities worth matching on: not single digits (too common to tell stories apart)."""
    return value >= 10


def fraction_words(text: str) -> list[str]:
    """The vague quantities of :data:`FRACTION_WORDS` found in ``text`` (lower-cased)."""
    low = text.lower()
    return [w for w in FRACTION_WORDS if w in low]


# -- dates -----------------------------------------------------------------

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}
_ISO = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d\d)(?:-(\d\d))?(?!\d)")
_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d\d(?:-\d\d)?)\b")
_URL_DATE = re.compile(
    r"/(20\d\d)[/-](\d\d)(?:[/-](\d\d?))?(?:/|-|\.|$)|/(20\d\d)(\d\d)(\d\d)[-/_]|"
    r"/(\d\d)/(\d\d)/(20\d\d)/"
)
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](20\d\d)(?!\d)")
_TEXT_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[^\W\d_]{3,})\.?,?\s+(?P<y1>20\d\d))|"
    r"(?:(?P<m2>[^\W\d_]{3,})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y2>20\d\d))",
)


@dataclass(frozen=True, slots=True)
class DateGuess:
    """An article date (``YYYY-MM-DD`` or ``YYYY-MM``) and where it was read."""

    value: str
    where: str  # "published" | "header" | "url" | "text"


def _fmt(year: int, month: int, day: int | None) -> str | None:
    if not (1 <= month <= 12) or not (1990 <= year <= 2100):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower()[:3])


def find_date(published: str | None, url: str | None, text: str) -> DateGuess | None:
    """The article's date: metadata first, then a ``date`` header, the URL, the first lines.

    Only the first 400 characters of the text are read, where bylines and
    datelines are; a date further down is more often an event than the
    publication. Returns ``None`` when nothing is found (dates stay unknown).
    """
    if published and (m := _ISO.search(published)):
        value = _fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if value:
            return DateGuess(value, "published")
    if m := _MARKER.match(text):
        return DateGuess(m.group(1), "header")
    # a full date beats a month; the URL beats the text at equal precision
    found: list[tuple[int, int, str, str]] = []  # (-precision, rank, value, where)
    if url and (m := _URL_DATE.search(url)):
        g = m.groups()
        if g[0]:
            value = _fmt(int(g[0]), int(g[1]), int(g[2]) if g[2] else None)
        elif g[3]:
            value = _fmt(int(g[3]), int(g[4]), int(g[5]))
        else:
            value = _fmt(int(g[8]), int(g[7]), int(g[6]))
        if value:
            found.append((-len(value), 0, value, "url"))
    head = text[:400]
    for m in _TEXT_DATE.finditer(head):
        if m.group("m1"):
            month, day, year = _month(m.group("m1")), m.group("d1"), m.group("y1")
        else:
            month, day, year = _month(m.group("m2")), m.group("d2"), m.group("y2")
        if month and (value := _fmt(int(year), month, int(day))):
            found.append((-len(value), 1 + m.start(), value, "text"))
    for m in _ISO.finditer(head):
        value = _fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if value:
            found.append((-len(value), 1 + m.start(), value, "text"))
    for m in _DMY.finditer(head):
        if value := _fmt(int(m.group(3)), int(m.group(2)), int(m.group(1))):
            found.append((-len(value), 1 + m.start(), value, "text"))
    if found:
        _, _, value, where = min(found)
        return DateGuess(value, where)
    return None
