"""Which outlets an article credits, and how: "(CNN) —", "By CNN's …", "told Kloop".

:func:`scan_credits` reads the article text (any language: the cue words are
data, in :data:`LEFT_CUES` / :data:`RIGHT_CUES`) and, when there is one, the
extraction record (outlet-type sources and channels), and returns every credit
with its role and a short evidence snippet:

- ``republished`` — "originally published by X", "Source: X", "Перевод материала X";
- ``byline`` — "By CNN's Nick Paton Walsh", "By Jane Doe | X";
- ``dateline`` / ``caption`` — "(CNN) —" at the start of a line, "(Reuters)" elsewhere;
- ``reporting`` — "told X", "according to X", "X reported", "X har snakket med",
  "пишет X", a short source line ("Details: X and the document"), a country's
  media in such a context ("according to Russian media"), and anaphora ("told
  the newspaper") resolved to the last outlet named;
- ``link`` — a URL on an outlet's domain;
- ``mention`` — a known outlet named without any cue (weak: used only when an
  article has no other evidence);
- ``attribution`` / ``channel`` — from the extraction record.

Credits to the article's own outlet are kept with role ``self`` (first-hand
evidence, not a citation). Notices without an outlet name ("Source link",
"Read the full story", "translated by an AI translator") are returned apart.

Limits: outlet names are recognised from the gazetteer of
:mod:`~sourcetrace.linking.outlets` or by form in a credit context; an unknown
outlet named without a cue is missed. Cue lists cover English and a few words
of the languages met so far (ru, uk, pl, es, no, ro, it, fr, de, lt, sr, id, hy).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Extraction
from .outlets import alias_patterns, display_name, is_own, looks_like_outlet, outlet_key

# text just before an outlet name that makes the mention a credit (lower-cased match)
REPUBLISH_CUES = (
    r"originally published (?:by|in|on|at)|first published (?:by|in|on|at)|published by|"
    r"republished (?:from|with permission (?:of|from))|reprinted (?:from|with permission of)|"
    r"courtesy of|source:|sources:|©|\(c\)|copyright|перевод (?:материала|статьи)|"
    r"оригинал(?: статьи)?:?|источник:|джерело:|telah tayang di|izvor:|fuente:|źródło:|"
    r"quelle:|kilde:|šaltinis:|sursa:|fonte:|this (?:story|article) (?:was )?(?:first |originally )?"
    r"(?:appeared|published) (?:in|on|by)"
)
LEFT_CUES = (
    r"told|tells|telling|according to|reported by|cited by|quoted by|speaking to|spoke to|"
    r"spoke with|spoken to|talked to|talking to|interview with|interviewed by|wrote in|"
    r"writing in|published in|report by|report from|reports by|report in|citing|cites|per|"
    r"as reported by|as reported in|said to|via|"
    r"сообщает|сообщил[аи]?|пишет|передает|передаёт|по данным|со ссылкой на|цитата по|"
    r"цитирует|рассказал[аи]? в интервью|рассказал[аи]?|заявил[аи]? в интервью|информирует|"
    r"как сообщало|как сообщает|повідомляє|повідомив|пише|за даними|з посиланням на|"
    r"інформує|розповів|розповіла|jak podaje|podaje|według|serwisu|dla|informuje|donosi|"
    r"habló con la|habló con|según|informó|dijo a la|dijo a|segundo|disse à|disse ao|"
    r"secondo|scrive|riporta|ha detto a|selon|rapporte|a déclaré à|a confié à|laut|"
    r"gegenüber|ifølge|skriver|scrie|potrivit|menționează|după cum menționează|relatează|"
    r"citat de|pasak|rašo|praneša|prenosi|piše|prema|navodi|javlja|dilansir|menurut|"
    r"dikutip dari|mengutip|göre|գրում է|հաղորդում է|ըստ"
)
RIGHT_CUES = (
    r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s+(?:has |have |had |also |now |first )?"
    r"(?:reported|reports|writes|wrote|says|said|notes|noted|learned|learnt|saw|seen|"
    r"confirmed|spoke|spoken|talked|interviewed|quoted|cited|published|revealed|obtained|"
    r"understands|reviewed|analy[sz]ed|verified|established|traced|contacted|asked|"
    r"cannot independently|could not independently|was unable to|exclusive|investigation|"
    r"har snakket med|skriver|сообщает|сообщил[аи]?|пишет|передает|выяснил[аи]?|узнал[аи]?|"
    r"повідомляє|пише|podaje|informuje|twierdzi|ustalił[aoy]?|informó|scrive|rapporte|"
    r"berichtet|scrie|rašo|piše|melaporkan)\b"
)
ANAPHORA = (
    r"the (?:outlet|publication|newspaper|paper|broadcaster|network|station|channel|"
    r"agency|news agency|magazine|website|site)|kanalen|stacji|издание|издания|газета|телеканал"
)
NOTICES: tuple[tuple[str, str], ...] = (
    (r"\bsource link\b", "republished"), (r"\bread (?:the )?full (?:story|article)\b", "republished"),
    (r"\boriginally (?:published|appeared)\b", "republished"),
    (r"\btelah tayang di\b", "republished"),
    (r"\b(?:translations? (?:are|is) (?:mostly )?done (?:through|by|with) (?:an? )?AI|"
     r"machine[- ]translated|automatically translated|translated (?:by|with|using) (?:an? )?AI)",
     "translated"),
    (r"перевод (?:материала|статьи)|переклад (?:матеріалу|статті)", "translated"),
    (r"\b(?:according to|citing) (?:local |foreign |russian |western )?media(?: reports)?\b|"
     r"\bmedia (?:reported|reports)\b|(?:цитируют|сообщают|пишут|передают) СМИ|"
     r"по данным СМИ|за даними ЗМІ|повідомляють ЗМІ", "media"),
)

# labels of a line that lists where the news comes from ("Details: Russian media and
# the document on the portal of legal acts"); "Source:" is a republication cue above
SOURCE_LABELS = r"details|detail|деталі|детали|подробности|rincian|detalles|detalji"
# words before "media" that make it no one's media in particular ("social media")
GENERIC_MEDIA = frozenset({
    "social", "local", "foreign", "mass", "some", "other", "many", "all", "any", "the", "news",
    "major", "mainstream", "national", "international", "state", "independent", "online",
    "digital", "print", "these", "those", "such", "several", "various", "multiple", "our",
    "their", "his", "her", "its", "new", "traditional", "regional", "both", "most",
})

_CREDIT_WINDOW = 60
# up to two words may stand between the cue and the name ("reported by the Russian BBC")
_LEFT_RE = re.compile(
    rf"\b(?:{LEFT_CUES})\s+(?:the\s+|to\s+the\s+)?(?:[\w-]+\s+){{0,2}}[«\"“„']?$", re.IGNORECASE
)
_REPUB_RE = re.compile(
    rf"(?:{REPUBLISH_CUES})\s*(?:[^\n]{{0,80}}[;,]\s*)?(?:the\s+)?[«\"“„']?$", re.IGNORECASE
)
_RIGHT_RE = re.compile(rf"^[»\"”']?(?:{RIGHT_CUES})", re.IGNORECASE)
_BYLINE_RE = re.compile(r"(?:^|\n)\s*by\s+$|(?:^|\n)\s*by\s+[^|\n]{2,60}\s[|–—,]\s*$", re.IGNORECASE)
_ANAPHORA_RE = re.compile(rf"\b(?:{ANAPHORA})\b", re.IGNORECASE)
_GENERIC_NAME = re.compile(
    r"(?:The[ \t]+)?[A-ZА-ЯЁІЇЄ][\w&/-]*(?:\.[\w-]+)*"
    r"(?:[ \t]+(?:of[ \t]+|the[ \t]+|de[ \t]+)?[A-ZА-ЯЁІЇЄ][\w&/-]*(?:\.[\w-]+)*){0,4}"
)
_URL_RE = re.compile(r"https?://([\w.-]+)[^\s)\]]*|\b((?:[\w-]+\.)+(?:com|org|kg|tv|ru|ua|net))\b")
_SENTENCE_END = re.compile(r"[.!?\n]")
_LABEL_LINE = re.compile(rf"(?:^|\n)[ \t]*(?:{SOURCE_LABELS})[ \t]*:[ \t]*(?:the[ \t]+)?$",
                         re.IGNORECASE)
# "Russian media", "Ukrainian state media": a country's media credited as a channel
_MEDIA_NAME = re.compile(
    r"(?<![\w-])[A-Z][\w-]+(?:[ \t]+state)?[ \t]+media(?![\w-])"
    r"(?![ \t]+(?:outlets?|platforms?|statements?|users?|accounts?|posts?|channels?|"
    r"sites?|coverage|personalit(?:y|ies)|literacy)\b)(?![ \t]+[A-Z])"
)


# aliases that are also common words: matched only as written (capitalised)
COMMON_WORD_ALIASES = frozenset({
    "time", "vice", "guardian", "the guardian", "independent", "the independent", "the world",
    "sputnik", "politico", "semafor", "bloomberg", "the economist", "gin", "astra",
})


def _alias_regex() -> re.Pattern[str]:
    parts: list[str] = []
    for alias, _canonical in alias_patterns():
        esc = re.escape(alias)
        # Cyrillic names inflect: allow a short case ending ("Клоопу", "РБК")
        tail = r"[а-яёіїє]{0,3}" if re.search(r"[А-Яа-яЁёІіЇїЄє]", alias) else ""
        # acronyms and common words must be written as in the gazetteer; other
        # names are matched in any case ("told kloop")
        exact = alias.isupper() or alias.lower() in COMMON_WORD_ALIASES or len(alias) <= 4
        parts.append(rf"{esc}{tail}" if exact else rf"(?i:{esc}){tail}")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])")


_ALIAS_RE = _alias_regex()
_NOTICES = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in NOTICES)
_FIRST_WORD = re.compile(r"[^\W_][\w.]*", re.UNICODE)


def _alias_index() -> dict[str, list[str]]:
    """Aliases by their first word's first 3 letters (lower case): a cheap pre-filter."""
    index: dict[str, list[str]] = {}
    for alias, _c in alias_patterns():
        head = alias.lower()[:3]
        index.setdefault(head, []).append(alias)
    return index


_ALIAS_HEADS = _alias_index()


def _alias_matches(text: str) -> list[re.Match[str]]:
    """Gazetteer names in ``text``: the alias regex run only where a word could start one."""
    out: list[re.Match[str]] = []
    last = -1
    for w in _FIRST_WORD.finditer(text):
        if w.start() < last or w.group(0).lower()[:3] not in _ALIAS_HEADS:
            continue
        m = _ALIAS_RE.match(text, w.start())
        if m:
            out.append(m)
            last = m.end()
    return out


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit: an outlet (display name and key), its role, where, and why."""

    name: str
    key: str
    role: str
    start: int | None
    end: int | None
    evidence: str


@dataclass(frozen=True, slots=True)
class CreditScan:
    """All credits of one article, and name-less notices ("Source link")."""

    credits: tuple[Credit, ...]
    notices: tuple[tuple[str, str], ...]  # (kind, evidence)

    def to_dict(self) -> dict[str, Any]:
        """A JSON form (credits as lists of their fields)."""
        return {"credits": [[c.name, c.key, c.role, c.start, c.end, c.evidence]
                            for c in self.credits],
                "notices": [list(n) for n in self.notices]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CreditScan:
        return cls(tuple(Credit(*c) for c in data["credits"]),
                   tuple((str(k), str(e)) for k, e in data["notices"]))

    def cited(self) -> tuple[Credit, ...]:
        """Credits to other outlets (roles other than ``self``), first of each outlet."""
        seen: set[str] = set()
        out: list[Credit] = []
        for c in self.credits:
            if c.role != "self" and c.key not in seen:
                seen.add(c.key)
                out.append(c)
        return tuple(out)


def _snippet(text: str, start: int, end: int, width: int = 70) -> str:
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    # cut at sentence ends around the match
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"))
    if cut >= 0:
        lo += cut + 1
    right = text[end:hi]
    m = _SENTENCE_END.search(right)
    if m:
        hi = end + m.end()
    return " ".join(text[lo:hi].split())


def _role(text: str, start: int, end: int) -> str | None:
    left = text[max(0, start - _CREDIT_WINDOW):start]
    right = text[end:end + _CREDIT_WINDOW]
    if _REPUB_RE.search(left):
        return "republished"
    if _BYLINE_RE.search(left) and (re.match(r"^['’]s\b", right) or "|" in left or "—" in left):
        return "byline"
    if left.endswith("(") and right.startswith(")"):
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start - 1]
        after = right[1:].lstrip()
        if len(before) <= 40 and (not after[:1] or after[:1] in "—–-" or before.isupper() or not before.strip()):
            return "dateline"
        return "caption"
    if _LEFT_RE.search(left) or _RIGHT_RE.match(right):
        return "reporting"
    if _LABEL_LINE.search(left):
        # a short, verbless source line: "Details: Russian media and the document"
        line_end = text.find("\n", end)
        rest = text[end:line_end if line_end >= 0 else len(text)]
        if len(rest) <= 100 and not re.search(r"[.!?]\s*$|[.!?]\s", rest):
            return "reporting"
    # a short line that is mostly the outlet's name: a header or source line
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    letters = sum(ch.isalpha() for ch in line)
    if len(line) <= 80 and letters and (end - start) >= 0.3 * letters:
        return "header"
    return None


def scan_credits(
    text: str, own: frozenset[str], record: Extraction | None = None
) -> CreditScan:
    """Every outlet credit in ``text`` (see the module notes); ``own`` from :func:`own_keys`."""
    found: list[Credit] = []
    taken: list[tuple[int, int]] = []

    def add(name: str, start: int | None, end: int | None, role: str, evidence: str) -> None:
        role = "self" if is_own(name, own) else role
        found.append(Credit(display_name(name), outlet_key(name), role, start, end, evidence))

    for m in _alias_matches(text):
        role = _role(text, m.start(), m.end())
        taken.append((m.start(), m.end()))
        if role is None:
            # naming itself is first-hand evidence; naming another outlet without a
            # cue is a weak credit ("mention"), used when nothing better is known
            role = "self" if is_own(m.group(0), own) else "mention"
        if role:
            add(m.group(0), m.start(), m.end(), role, _snippet(text, m.start(), m.end()))
    # outlets outside the gazetteer, recognised by form in a credit context
    for m in _GENERIC_NAME.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = m.group(0).strip(" .,;:")
        quoted = text[max(0, m.start() - 1):m.start()] in ("«", "\"", "“", "„")
        if not looks_like_outlet(name) and not (quoted and _LEFT_RE.search(
                text[max(0, m.start() - _CREDIT_WINDOW):m.start()])):
            # a name in quotes right after a reporting cue is an outlet too: по данным «ДП»
            continue
        role = _role(text, m.start(), m.start() + len(name))
        if role:
            add(name, m.start(), m.start() + len(name), role, _snippet(text, m.start(), m.end()))
    # a country's media in a credit context ("according to Russian media", "Tanzanian
    # media reported"); named without a cue it is no credit
    for m in _MEDIA_NAME.finditer(text):
        if m.group(0).split()[0].lower() in GENERIC_MEDIA:
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        role = _role(text, m.start(), m.end())
        if role in ("republished", "reporting", "byline", "dateline"):
            taken.append((m.start(), m.end()))
            add(m.group(0), m.start(), m.end(), role, _snippet(text, m.start(), m.end()))
    for m in _URL_RE.finditer(text):
        host = m.group(1) or m.group(2) or ""
        if host and looks_like_outlet(host):
            add(host.removeprefix("www."), m.start(), m.end(), "link", _snippet(text, m.start(), m.end(), 30))
    # anaphora ("told the newspaper") credit the last outlet named before them
    credited = sorted((c for c in found if c.start is not None and c.role != "self"),
                      key=lambda c: c.end or 0)
    ends = [c.end or 0 for c in credited]
    for m in _ANAPHORA_RE.finditer(text):
        k = bisect.bisect_right(ends, m.start())
        if k and _role(text, m.start(), m.end()):
            last = credited[k - 1]
            found.append(Credit(last.name, last.key, "reporting", m.start(), m.end(),
                                _snippet(text, m.start(), m.end())))
    if record is not None:
        found.extend(_record_credits(record, own))
    found = _resolve_short_names(found)
    notices = tuple(
        (kind, _snippet(text, m.start(), m.end(), 40))
        for pattern, kind in _NOTICES
        for m in pattern.finditer(text)
    )
    found.sort(key=lambda c: (c.start is None, c.start or 0))
    return CreditScan(tuple(found), notices)


# roles of a credit that, in an article's header lines, name the article's own outlet
HEADER_ROLES = frozenset({"header", "byline", "dateline"})
HEADER_LINES = 4
_POSSESSIVE_BYLINE = re.compile(r"^\s*['’]s\b")


def body_start(text: str) -> int:
    """Where the body starts: after short header lines (title, byline, date line).

    0 when the header would run past 600 characters (no header found).
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) >= 12:
            break
        pos += len(line)
        if pos > 600:
            return 0
    return pos


def header_outlet(text: str) -> str | None:
    """The outlet an article names as its own in its header lines, if any.

    Read where metadata gives no outlet and no URL (a plain text file): a short
    line that is mostly an outlet's name ("Radio Meridian | 14 May 2025",
    "The Caldmere Courier, 14 May 2025"), a byline "By Jane Doe | Outlet" or
    a dateline "(Outlet) —" among the first :data:`HEADER_LINES` lines. A name after a
    republication cue ("Перевод материала X", "originally published by X") or a
    possessive byline ("By CNN's …", the form of syndicated copies) is a
    credit, not the article's own outlet. Limit: a syndicated copy whose header
    names its source as "(CNN) —" with no other sign is taken for CNN's own page.
    """
    lines = [ln for ln in text[:1500].splitlines() if ln.strip()][:HEADER_LINES]
    head = "\n".join(lines)
    if not head:
        return None
    for c in scan_credits(head, frozenset()).credits:
        if c.role not in HEADER_ROLES or c.end is None:
            continue
        if _POSSESSIVE_BYLINE.match(head[c.end:]):
            continue  # "By CNN's Nick Paton Walsh": the byline of a syndicated copy
        return c.name
    return None


def _resolve_short_names(found: list[Credit]) -> list[Credit]:
    """"the Ledger" after "The Harbour Ledger": a one-word name that ends a longer
    outlet name credited in the same article is that outlet."""
    full: dict[str, Credit] = {}
    for c in found:
        words = c.name.split()
        if len(words) >= 2:
            full.setdefault(outlet_key(words[-1]), c)
    out: list[Credit] = []
    for c in found:
        target = full.get(c.key) if len(c.name.split()) == 1 else None
        if target is not None and target.key != c.key:
            role = "self" if target.role == "self" else c.role
            c = Credit(target.name, target.key, role, c.start, c.end, c.evidence)
        out.append(c)
    return out


def _record_credits(record: Extraction, own: frozenset[str]) -> list[Credit]:
    """Credits read off the extraction: outlets as sources and as channels, and bodies
    reporting. A channel a speaker keeps for later words ("Usov told CNN … Usov said")
    points at the one mention, and is counted once."""
    out: list[Credit] = []
    seen: set[tuple[str, int]] = set()
    outlet_names = {s.name for s in record.sources if s.type == "outlet"}
    for a in record.attributions:
        src = a.source
        if (src is not None and src.type not in ("organization", "government")
                and not any(w[:1].isupper() for w in src.name.split())):
            src = None  # "news circulating", "media reports": no outlet named
        if src is not None and (src.type == "outlet" or looks_like_outlet(src.name)):
            role = "self" if is_own(src.name, own) else "attribution"
            out.append(Credit(display_name(src.name), outlet_key(src.name), role, src.start, src.end,
                              _snippet(record.text, a.cue.start, a.cue.end, 80)))
        if a.channel is not None and a.channel.start is not None and (a.channel.name, a.channel.start) in seen:
            continue
        if a.channel is not None and (a.channel.name in outlet_names or looks_like_outlet(a.channel.name)):
            name = a.channel.name
            if a.channel.start is not None:
                seen.add((name, a.channel.start))
            role = "self" if is_own(name, own) else "channel"
            out.append(Credit(display_name(name), outlet_key(name), role, a.channel.start,
                              a.channel.end, _snippet(record.text, a.cue.start, a.cue.end, 80)))
        elif (src is not None and src.type in ("organization", "government")
              and (a.kind == "according_to" or a.cue.stance == "report")):
            out.append(Credit(src.name, outlet_key(src.name), "organisation", src.start, src.end,
                              _snippet(record.text, a.cue.start, a.cue.end, 80)))
    return out
