"""The author's own voice: sentences that state claims without attribution.

A sentence is an assertion when no attribution's cue, source or content covers
a real part of it, it is declarative (no question) and long enough to claim
something. Its hedge is the first hedging phrase of the lexicon found in it
("it seems", "apparently", "it is well known", "reportedly" with no source).
Limits: a sentence that mixes an attribution with an author's comment is left
to the attribution; headlines count as sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..records import Assertion, TextSpan
from .lexicon import Lexicon
from .spans import Range, doc_index, doc_text, trim

MIN_WORDS = 4


def find_assertions(doc: Doc, covered: Sequence[Range], lex: Lexicon) -> list[Assertion]:
    """Unattributed declarative sentences of ``doc``, with their hedge if any."""
    text = doc_text(doc)
    out: list[Assertion] = []
    for sent in doc_index(doc).sents:
        rng = trim(text, (sent.start_char, sent.end_char), keep_closing_quote=True)
        if rng is None:
            continue
        start, end = rng
        body = text[start:end]
        if len(body.split()) < MIN_WORDS or body.rstrip().endswith("?") or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue
        overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in covered)
        if overlap > 0.2 * (end - start):
            continue
        # Keep the sentence's final full stop: it belongs to the author's statement.
        if end < len(text) and text[end] in ".!":
            end += 1
        hedge = None
        m = lex.hedge_pattern.search(text, start, end)
        if m:
            hedge = TextSpan(m.start(), m.end(), m.group(0))
        out.append(Assertion(start, end, text[start:end], hedge))
    return out
