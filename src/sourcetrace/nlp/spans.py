"""Character-range arithmetic over a parsed Doc: subtrees, trimming, overlaps.

Ranges are ``(start, end)`` character offsets into ``doc.text``; everything
that leaves the nlp stage is expressed in them, never in token indices.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

CLOSING_QUOTES = "”\"»“’'"
OPENING_QUOTES = "“\"«„‘"
TRAILING_PUNCT = ".,;:—–-"


def tok_range(tok: Token) -> Range:
    return tok.idx, tok.idx + len(tok.text)


def tokens_range(tokens: Iterable[Token]) -> Range | None:
    toks = list(tokens)
    if not toks:
        return None
    first = min(toks, key=lambda t: t.i)
    last = max(toks, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def head_token(tokens: list[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them (the first one if none)."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


def subtree_tokens(tok: Token, skip: Iterable[Token] = ()) -> list[Token]:
    """The tokens of ``tok``'s subtree, minus the subtrees of ``skip`` children."""
    skipped: set[int] = set()
    for s in skip:
        skipped.update(t.i for t in s.subtree)
    return [t for t in tok.subtree if t.i not in skipped]


def contiguous_ranges(doc: Doc, tokens: Iterable[Token]) -> list[Range]:
    """Group tokens into runs of consecutive token indices, as char ranges."""
    idx = sorted({t.i for t in tokens})
    runs: list[Range] = []
    if not idx:
        return runs
    start = prev = idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((doc[start].idx, doc[prev].idx + len(doc[prev].text)))
            start = i
        prev = i
    runs.append((doc[start].idx, doc[prev].idx + len(doc[prev].text)))
    return runs


def trim(text: str, rng: Range, *, keep_closing_quote: bool = True) -> Range | None:
    """Strip white space and dangling punctuation from both ends of ``rng``.

    A trailing closing quote mark is kept (with whatever punctuation precedes it),
    since a direct quote includes its marks.
    """
    start, end = rng
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start].isspace():
            start += 1
            changed = True
        while start < end and (text[start] in ",;:—–-)" or text[start].isspace()):
            start += 1
            changed = True
        while end > start and text[end - 1].isspace():
            end -= 1
            changed = True
        if end > start and text[end - 1] in CLOSING_QUOTES and keep_closing_quote and _is_closing(text, start, end - 1):
            break
        while end > start and text[end - 1] in TRAILING_PUNCT + "(":
            end -= 1
            changed = True
    if start >= end:
        return None
    return start, end


def trim_mention(text: str, rng: Range) -> Range | None:
    """Strip white space, punctuation and quote marks from both ends of a name mention."""
    start, end = rng
    if UNCLOSED_BRACKET:
        opened = text.rfind("(", start, end)
        if opened > start and ")" not in text[opened:end]:
            end = opened  # "глава СК (цитата по РБК": the speaker ends before the aside
    junk = ",;:.—–-()[]" + CLOSING_QUOTES + OPENING_QUOTES
    while start < end and (text[start].isspace() or text[start] in junk):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in junk.replace(".", "").replace(")", "")):
        end -= 1
    # A closing guillemet or curly quote whose opener is inside stays: «Харбор Леджер».
    if end < len(text) and text[end] in "»”" and {"»": "«", "”": "“"}[text[end]] in text[start:end]:
        end += 1
    elif CLOSED_TITLE:
        end = closed_title(text, start, end)
    # An apposition or relative clause keeps the comma that closes it (PolNeAR's convention).
    if end < len(text) and text[end] == "," and "," in text[start:end]:
        end += 1
    return (start, end) if start < end else None


# A mention that runs into a bracket it does not close ends before the bracket
# (:func:`trim_mention`).
UNCLOSED_BRACKET = True
# A title quoted at a mention's end keeps its closing mark and what the mark closes over
# ("a host of “The Five,”", "author of ''Empire of the Fund.''").
CLOSED_TITLE = True
_PAIRS = (("”", "“"), ("»", "«"), ("''", "''"), ('"', '"'))


def closed_title(text: str, start: int, end: int) -> int:
    """``text[start:end]``'s ``end`` moved past a closing mark right after it (punctuation alone before the
    mark) whose opening mark is inside the mention and still open there."""
    tail = text[end:end + 4]
    for close, open_ in _PAIRS:
        at = tail.find(close)
        if at < 0 or tail[:at].strip(",.;:!?"):
            continue
        inner = text[start:end]
        opened = inner.count(open_) % 2 == 1 if close == open_ else open_ in inner
        if opened:
            return end + at + len(close)
    return end


def _is_closing(text: str, start: int, i: int) -> bool:
    """Is the quote mark at ``i`` closing a quote opened inside ``text[start:i]``?"""
    mark = text[i]
    if mark in "”»’":
        return True
    # A straight mark closes if an odd number of straight marks precede it in range.
    return text.count(mark, start, i) % 2 == 1


def overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def contains(outer: Range, inner: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def sentence_of(doc: Doc, char: int) -> Span | None:
    tok = token_at(doc, char)
    return tok.sent if tok is not None else None


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char`` (or the next one after it)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span[0]
    for tok in doc:
        if tok.idx >= char:
            return tok
    return None


@dataclass(frozen=True)
class DocIndex:
    """Per-Doc lookups computed once: token start offsets and sentence ids."""

    starts: list[int]
    sent_ids: list[int]
    sents: list[Span]

    def first_token_at_or_after(self, char: int) -> int:
        return bisect_left(self.starts, char)


INDEX_KEY = "sourcetrace_index"
TEXT_KEY = "sourcetrace_text"


def doc_index(doc: Doc) -> DocIndex:
    """The cached :class:`DocIndex` of ``doc`` (dropped by ``release_index``)."""
    found = doc.user_data.get(INDEX_KEY)
    if isinstance(found, DocIndex):
        return found
    sents = list(doc.sents)
    sent_ids = [0] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            sent_ids[i] = k
    index = DocIndex([t.idx for t in doc], sent_ids, sents)
    doc.user_data[INDEX_KEY] = index
    return index


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy builds it from the tokens on every access, and the
    rules read it many times per document (dropped by ``release_index``)."""
    found = doc.user_data.get(TEXT_KEY)
    if isinstance(found, str):
        return found
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text


def release_index(doc: Doc) -> None:
    doc.user_data.pop(INDEX_KEY, None)
    doc.user_data.pop(TEXT_KEY, None)


def same_sentence(a: Token, b: Token) -> bool:
    ids = doc_index(a.doc).sent_ids
    return ids[a.i] == ids[b.i]


def sentence_of_token(tok: Token) -> Span:
    index = doc_index(tok.doc)
    return index.sents[index.sent_ids[tok.i]]
