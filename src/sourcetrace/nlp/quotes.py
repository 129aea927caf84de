"""Quotation spans found on the raw text, before any parse.

Handles curly and straight double quotes, guillemets and low-high quotes from
the lexicon, quotes over several sentences, and the newspaper convention for
quotes over several paragraphs (no closing mark at the end of a paragraph, an
opening mark at the start of the next). Does not handle single quotes (they
collide with apostrophes) nor quotes nested in quotes of the same mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, marks included: ``text[start:end]``."""

    start: int
    end: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quotes(text: str, lexicon: Lexicon) -> list[Quote]:
    """Every double-quoted stretch of ``text``, in order, not overlapping."""
    pairs = {o: c for o, c in lexicon.quote_pairs if len(o) == 1 and o not in "‘’'‹"}
    closers = set(pairs.values())
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in pairs and (ch not in closers or _opens(text, i)):
            close = pairs[ch]
            j = _find_close(text, i + 1, ch, close)
            if j is not None:
                quotes.append(Quote(i, j + 1))
                i = j + 1
                continue
        i += 1
    return quotes


def _opens(text: str, i: int) -> bool:
    """A symmetric mark opens when preceded by space/start/opening punctuation."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:/"


def _find_close(text: str, start: int, opener: str, close: str) -> int | None:
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch == close and (close != opener or not _opens(text, i) or i + 1 == n or not text[i + 1].isalnum()):
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

