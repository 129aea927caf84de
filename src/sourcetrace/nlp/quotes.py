"""Quotation spans found on the raw text, before any parse.

Handles curly and straight double quotes, guillemets and low-high quotes from
the lexicon, two-character marks (``''…''``, the typewriter convention of some
newswire and corpus texts), quotes over several sentences, and the newspaper
convention for quotes over several paragraphs (no closing mark at the end of a
paragraph, an opening mark at the start of the next), and quotes nested in quotes
with distinct opening and closing marks. Does not handle single quotes (they collide
with apostrophes) nor quotes nested in straight quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, marks included: ``text[start:end]``."""

    start: int
    end: int
    mark: int = 1  # characters in each mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.mark, self.end - self.mark


def find_quotes(text: str, lexicon: Lexicon, *, doubled_marks: bool = True) -> list[Quote]:
    """Every double-quoted stretch of ``text``, in order, not overlapping; with
    ``doubled_marks`` false, only those between one-character marks."""
    pairs = {o: c for o, c in lexicon.quote_pairs if len(o) == 1 and o not in "‘’'‹"}
    doubled = [(o, c) for o, c in lexicon.quote_pairs if len(o) == 2] if doubled_marks else []
    doubled_first = {o[0] for o, _ in doubled}
    closers = set(pairs.values())
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        two = next(((o, c) for o, c in doubled if text.startswith(o, i)), None) \
            if ch in doubled_first else None
        if two is not None:
            j = _find_close_doubled(text, i, *two) if _opens(text, i) else None
            if j is not None:
                quotes.append(Quote(i, j + len(two[1]), len(two[0])))
                i = j + len(two[1])
                continue
            i += len(two[0])
            continue
        if ch in pairs and (ch not in closers or _opens(text, i)):
            close = pairs[ch]
            j = _find_close(text, i + 1, ch, close)
            if j is not None:
                quotes.append(Quote(i, j + 1))
                i = j + 1
                continue
        opener = _closer_opening(text, i, pairs) if CLOSER_OPENS else None
        if opener is not None:
            j = _find_close(text, i + 1, opener, ch)
            if j is not None and "\n" not in text[i:j]:
                quotes.append(Quote(i, j + 1))
                i = j + 1
                continue
        i += 1
    if lexicon.dash_speech:
        quotes = _merge(quotes, dash_speech(text))
    return quotes


DASHES = "—–-"
# where a speech segment of a dialogue line ends: ", — said he" / "! — " / "? — " / "… — "
_SPEECH_END = re.compile(r"[,!?…]?\s+[—–-]\s+")


def dash_speech(text: str) -> list[Quote]:
    """Speech in dialogue lines: a paragraph that opens with a dash ("— Мы не
    можем, — сказал он. — Это всё.") holds speech up to the next ", — " and,
    after the author's words, again from ". — " to the end of the paragraph.

    Each segment is a :class:`Quote` of the speech alone, without dashes or the
    comma before the author's words. Not used where a paragraph opens with a
    dash for other reasons (a list item) in a language whose lexicon does not
    set ``dash_speech``.
    """
    out: list[Quote] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        if len(stripped) > 2 and stripped[0] in DASHES and stripped[1].isspace():
            start = pos + lead + 1
            speaking = True
            for m in _SPEECH_END.finditer(line, lead + 1):
                seg_end = pos + m.start() + (1 if line[m.start()] in "!?…" else 0)
                if speaking:
                    _add(text, out, start, seg_end)
                speaking = not speaking
                start = pos + m.end()
            if speaking:
                _add(text, out, start, pos + len(line))
        pos += len(line) + 1
    return out


# A closing mark that opens a paragraph and is followed by words ("” They were not given a
# choice,” she said.", as some re-typed or machine-spun pages have it) opens the quotation.
CLOSER_OPENS = True


def _closer_opening(text: str, i: int, pairs: dict[str, str]) -> str | None:
    """The opening mark a paragraph-initial closing mark at ``i`` stands for, if any."""
    ch = text[i]
    opener = next((o for o, c in pairs.items() if c == ch and o != c), None)
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if opener is None or j >= 0 and text[j] != "\n":
        return None
    rest = text[i + 1:i + 3]
    return opener if rest[:1] in {" ", "\u00a0"} and rest[1:2].isalnum() or rest[:1].isalnum() else None


def _add(text: str, out: list[Quote], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > 1:
        out.append(Quote(start, end))


def _merge(marked: list[Quote], dashed: list[Quote]) -> list[Quote]:
    """Mark-delimited quotes, plus dash speech that does not overlap them, in order."""
    keep = [d for d in dashed if not any(q.start < d.end and d.start < q.end for q in marked)]
    return sorted([*marked, *keep], key=lambda q: q.start)


def _opens(text: str, i: int) -> bool:
    """A symmetric mark opens when preceded by space/start/opening punctuation."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:/"


def _find_close_doubled(text: str, start: int, opener: str, close: str) -> int | None:
    """Where the two-character quotation opened at ``start`` closes: the next ``close``,
    within its paragraph or a following one that the mark reopens."""
    i = start + len(opener)
    while True:
        j, br = text.find(close, i), text.find("\n", i)
        if j < 0:
            return None
        if br < 0 or j < br:
            return j
        k = br
        while k < len(text) and text[k].isspace():
            k += 1
        if not text.startswith(opener, k):
            return None
        i = k + len(opener)


def _find_close(text: str, start: int, opener: str, close: str) -> int | None:
    """Where the quotation opened before ``start`` closes. With distinct marks, a quote
    nested in it (“… say: “Sign here.” And …”) is skipped when its marks balance within
    the paragraphs; otherwise the first closing mark ends the quotation."""
    if close != opener:
        nested = _find_close_flat(text, start, opener, close, depth=True)
        if nested is not None:
            return nested
    return _find_close_flat(text, start, opener, close)


def _find_close_flat(text: str, start: int, opener: str, close: str, depth: bool = False) -> int | None:
    i, n = start, len(text)
    level = 0
    while i < n:
        ch = text[i]
        if depth and ch == opener and _opens(text, i):
            level += 1
        elif depth and ch == close and level:
            level -= 1
        elif ch == close and (close != opener or not _opens(text, i) or i + 1 == n or not text[i + 1].isalnum()):
            return i
        if ch == "\n":
            # A paragraph break ends the quote unless the next paragraph reopens it.
            k = i
            while k < n and text[k].isspace():
                k += 1
            if k < n and text[k] == opener:
                i = k + 1
                continue
            return None
        i += 1
    return None

