"""Span boundaries after linking: where a linked attribution's content and source
begin and end (:mod:`sourcetrace.nlp.combine` calls these once the tagger's spans
are linked into attributions).

Each function reads the parsed ``Doc`` and changes only the ranges of the candidates
it is given; those that make a range longer stop at another attribution's span, so
no two attributions come to share a stretch of text through them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .cues import Candidate
from .quotes import Quote
from .spans import CLOSING_QUOTES, OPENING_QUOTES, Range, doc_text, head_token, tokens_range

# "WASHINGTON --", "PORT ELLEN, Nov. 3 (Reuters) --" at a line's start, or a place and
# its country in title case: "Dar es Salaam, Tanzania —" (the comma tells it from a name)
# and a spaced dash before a new sentence, all on one line ("House Speaker Paul Ryan,
# R-Wis., said", "In Cleveland, Mr. Trump - who …" are no datelines)
_PLACE = r"[A-Z][\w'’.]*(?: (?:[a-z]{1,3} )?[A-Z][\w'’.]*)*"
_DATELINE = re.compile(
    r"\([A-Z][A-Za-z. ]{0,19}\)\s*(?:--|—|―|–|-)\s*(?=\S)"  # a news agency's tag alone: "(GIN)—"
    r"|[A-Z][A-Z.'’ ]+[A-Z.](?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?(?:\s*\([A-Za-z. ]+\))?"
    r"\s*(?:--|—|―|–|-)\s*(?=\S)"
    r"|" + _PLACE + r", ?" + _PLACE + r"(?: ?\([A-Za-z. ]+\))?[ \xa0]+(?:--|—|―|–|-)[ \xa0]+"
    r"(?=[A-Z\"“‘'])")

# where the clause the head belongs to begins: after a leading or comma-joined
# conjunction, or at a relative pronoun after a comma
_CLAUSE_JOIN = re.compile(r"(?:^|[,;]\s*)(?:(?:but|and|yet|or)\b,?\s*|(?=(?:which|who)\b))",
                          re.IGNORECASE)

# what may stand between a parenthetical's cue and its closing comma ("on Friday")
_PAREN_TAIL = re.compile(r"[^.!?;:\n\"“”«»]{0,60},\s*$")

# the clauses :func:`complement_ends` runs a content to the end of
COMPLEMENT_DEPS = frozenset({"ccomp"})


def trim_dangling(doc: Doc, rng: Range) -> Range | None:
    """``rng`` without what cannot end a content: a last conjunction ("…, but") with
    the comma before it, a last dash, a bracket left unclosed or unopened. ``None``
    if nothing is left."""
    span = doc.char_span(*rng, alignment_mode="contract")
    if span is None:
        return rng
    toks = [t for t in span if not t.is_space]
    cut = False
    while toks:
        last, first = toks[-1], toks[0]
        words = {t.text for t in toks}
        if last.pos_ == "CCONJ" or last.text in {"—", "–", "--"} or (
                last.text == ")" and "(" not in words) or (cut and last.text in {",", ";"}):
            toks = toks[:-1]
            cut = True
        elif first.text == "(" and ")" not in words:
            toks = toks[1:]
        else:
            break
    if not toks:
        return None
    if toks[0].i == span.start and toks[-1].i == span.end - 1:
        return rng
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def after_dateline(text: str, c: Candidate) -> None:
    """Start ``c``'s source and first content piece after a dateline they begin with
    (``text`` is the document's)."""

    def cut(start: int, end: int) -> int:
        line = text.rfind("\n", 0, start) + 1
        if text[line:start].strip():
            return start
        m = _DATELINE.match(text, start, end)
        return m.end() if m else start

    if c.source_tokens:
        rng = tokens_range(c.source_tokens)
        if rng is not None:
            at = cut(*rng)
            if at > rng[0]:
                c.source_tokens = [t for t in c.source_tokens if t.idx >= at] or c.source_tokens
            elif rng[1] <= cut(rng[0], _line_end(text, rng[0])) <= c.cue_range[0]:
                # "HALDEN CITY - Gov. … signed" with "HALDEN" taken as the source (a run-in
                # head with its cue, "EVEN HIS BOSS THINKS SO —", is no dateline)
                c.source_tokens = None
    if c.content:
        first = min(c.content)
        at = cut(*first)
        if at > first[0]:
            c.content = [r if r != first else (at, first[1]) for r in c.content]


def in_dateline(text: str, rng: Range) -> bool:
    """Whether ``rng`` lies inside the dateline its line opens with ("[PORT ELLAN] — The
    army …"): a span the tagger took from a dateline alone is no role."""
    line = text.rfind("\n", 0, rng[0]) + 1
    if text[line:rng[0]].strip():
        return False
    m = _DATELINE.match(text, rng[0], _line_end(text, rng[0]))
    return m is not None and rng[1] <= m.end()


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def parenthetical_heads(
    doc: Doc, cands: list[Candidate], abbreviations: bool = False, clauses: bool = False,
    reporting: frozenset[str] = frozenset(),
) -> None:
    """Prepend the head of a clause split by its own source and cue to the content.

    PolNeAR annotates "To understand the real Dred Scott, Chief Justice Roberts
    said, one should visit this museum" with a content of two pieces; the tagger
    finds the second. The head runs from the start of its clause (the sentence's,
    or after a joining "but"/"and", or a relative "which") to the comma before the
    parenthetical. It is taken when the content begins right after the comma that
    closes the parenthetical, no other attribution's span overlaps it, it holds no
    sentence punctuation (with ``abbreviations``, the full stop of a token such as "Mr."
    is none: "Mr. Orban, officials said, has …"), and the parse hangs it on the content,
    not on the cue ("During a speech, Trump said, …" is no head), or, with ``clauses``,
    it is a clause of its own ("If the talks fail, the mayor warned, the ferry stops":
    PolNeAR takes such heads into the content whichever word the parse hangs them on),
    headed by no verb of ``reporting`` ("The Ledger reported, according to two aides, …").
    """
    text = doc_text(doc)
    spans = role_spans(cands)
    for k, c in enumerate(cands):
        if not c.source_tokens or not c.content:
            continue
        src = tokens_range(c.source_tokens) or c.cue_range
        cue = c.cue_range
        first = min(c.content)
        lo, hi = min(src[0], cue[0]), max(src[1], cue[1])
        comma = lo - 1
        while comma >= 0 and text[comma].isspace():
            comma -= 1
        if first[0] < hi or comma < 0 or text[comma] != "," \
                or not _PAREN_TAIL.match(text, hi, first[0]):
            continue
        start = c.cue_tokens[0].sent.start_char
        # a clause joined to what goes before: "…, but the air pollution had become so
        # bad, Mr. Obama noted, that …" / "But in recent days, advisers say, …"
        joined = list(_CLAUSE_JOIN.finditer(text[start:comma]))
        if joined:
            start += joined[-1].end()
        if any(j != k and r[0] < comma and start < r[1] for j, r in spans):
            continue
        head = text[start:comma]
        stripped = head.strip()
        begin = start + (len(head) - len(head.lstrip()))
        if not stripped or not stripped[0].isalnum() or _sentence_mark(
                doc, (begin, begin + len(stripped)), abbreviations):
            continue
        piece = (begin, begin + len(stripped))
        if _attached_to(doc, piece, c.content) or (
                clauses and _clause(doc, piece, reporting)):
            c.content = [piece, *c.content]


def _sentence_mark(doc: Doc, rng: Range, abbreviations: bool) -> bool:
    """Whether a sentence's closing mark followed by a space lies in ``rng``; with
    ``abbreviations``, one read from the parse's tokens, so that an abbreviation's full
    stop ("Mr.", "U.S.") is not one."""
    if not abbreviations:
        return re.search(r"[.!?]\s", doc_text(doc)[rng[0]:rng[1]]) is not None
    span = doc.char_span(*rng, alignment_mode="expand")
    return span is None or any(
        t.text in (".", "!", "?") and t.whitespace_ for t in span[:-1])


def complement_ends(doc: Doc, cands: list[Candidate], other_cues: list[Range]) -> None:
    """Extend a content piece that stops inside its verb cue's complement clause to
    the clause's end ("that Trump's [maternity-leave policy would …]")."""
    text = doc_text(doc)
    spans = role_spans(cands)
    spans.extend((-1, r) for r in other_cues)
    for k, c in enumerate(cands):
        if not c.content:
            continue
        head = head_token(c.cue_tokens)
        if head.pos_ not in {"VERB", "AUX"}:
            continue
        piece = max(c.content)
        if piece[0] < c.cue_range[1]:
            continue
        span = doc.char_span(*piece, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span[0]
        while tok.head.i != head.i and tok.head.i != tok.i:
            tok = tok.head
        if tok.head.i != head.i or tok.dep_ not in COMPLEMENT_DEPS:
            continue
        right = tok.right_edge
        while right.i > span[-1].i and (right.is_punct and right.text not in CLOSING_QUOTES or right.is_space):
            right = doc[right.i - 1]
        end = right.idx + len(right.text)
        if end <= piece[1] or "\n" in text[piece[1]:end]:
            continue
        if any(j != k and r[0] < end and piece[1] < r[1] for j, r in spans):
            continue
        longer = trim_dangling(doc, (piece[0], end)) or piece
        c.content = [r if r != piece else longer for r in c.content]


def quote_ends(
    text: str, cands: list[Candidate], quotes: list[Quote], other_cues: list[Range],
    nested: bool = False,
) -> None:
    """Extend a content piece that opens a quotation of ``quotes`` and stops inside it
    ("''The real issue is governance.[ It would be better …'']") to the closing mark,
    unless a line break (one the quotation's mark reopens after excepted), another piece
    of its own, or another attribution's span lies in between. With ``nested``, an
    attribution wholly inside the rest of a one-paragraph quotation ("… ''But do I believe
    that the council is the answer? No.''") does not stop it: the speaker's words hold it."""
    starts = {q.start: q for q in quotes}
    spans = role_spans(cands)
    spans.extend((-1 - n, r) for n, r in enumerate(other_cues))
    for k, c in enumerate(cands):
        pieces = sorted(c.content)
        for n, piece in enumerate(pieces):
            inner = text[piece[0]:piece[1]]
            q = starts.get(piece[0] + len(inner) - len(inner.lstrip()))
            if q is None or q.end <= piece[1] or not _reopened(text, piece[1], q.end):
                continue
            if n + 1 < len(pieces) and pieces[n + 1][0] < q.end:
                continue
            # (not over paragraphs: a quoted transcript's turns are attributions of their own)
            inside = _within(spans, piece[1], q.end) if nested and "\n" not in text[
                piece[1]:q.end] else set()
            if any(r[0] < q.end and piece[1] < r[1] for j, r in spans
                   if (j != k or r == c.cue_range) and j not in inside):
                continue
            c.content = [r if r != piece else (piece[0], q.end) for r in c.content]


def _within(spans: list[tuple[int, Range]], lo: int, hi: int) -> set[int]:
    """The candidates whose every span lies between ``lo`` and ``hi``."""
    outside = {j for j, r in spans if not (lo <= r[0] and r[1] <= hi)}
    return {j for j, _ in spans} - outside


def _reopened(text: str, start: int, end: int) -> bool:
    """Whether every line break between ``start`` and ``end`` is followed by an opening
    mark: a quotation carried on over paragraphs ("… no excuse.[¶]“We are …”"), not a
    content running into the author's next line."""
    gap = text[start:end]
    return all(gap[m.end():m.end() + 1] in OPENING_QUOTES for m in re.finditer(r"\n\s*", gap))


def quote_stops(text: str, cands: list[Candidate], quotes: list[Quote]) -> None:
    """Cut a content piece that opens a quotation of ``quotes``, runs past its closing
    mark and ends after a sentence the quotation closed ("“… all their obligations.” No
    reason was given …") at that closing mark: the author's next sentence is not the
    speaker's."""
    starts = {q.start: q for q in quotes}
    for c in cands:
        for piece in list(c.content):
            inner = text[piece[0]:piece[1]]
            q = starts.get(piece[0] + len(inner) - len(inner.lstrip()))
            if q is None or piece[1] <= q.end:
                continue
            closed = text[q.start:q.end].rstrip("”\"»'’ ").endswith((".", "!", "?"))
            after = text[q.end:piece[1]].lstrip()
            if closed and after[:1].isupper():
                c.content = [r if r != piece else (piece[0], q.end) for r in c.content]


def continued_quotes(doc: Doc, cands: list[Candidate], quotes: list[Quote]) -> None:
    """Give a quotation that opens the sentence after a closing attribution ("“A,” said
    Ms. Ruiz, who runs the clinic. “B.”") to that attribution as a further piece of its
    content: the speaker goes on. Only where the attribution's content is a quotation
    before its cue; nothing but the rest of the cue's sentence lies between (no quotation
    mark, no line break, no other attribution but one in a clause under the cue: "…,
    pointing out the old store."); the quotation is a sentence of its own (its words end
    a sentence; the author's next sentence, if any, starts after it) with no double mark
    inside (marks paired wrongly); and no attribution has any of it but those wholly
    inside it (the speaker's own)."""
    text = doc_text(doc)
    starts = {q.start: q for q in quotes}
    for c in cands:
        first = min(c.content, default=None)
        if first is None or first[1] > c.cue_range[0] or any(r[0] >= c.cue_range[1] for r in c.content):
            continue
        inner = text[first[0]:first[1]]
        opening = starts.get(first[0] + len(inner) - len(inner.lstrip()))
        if opening is None or opening.end < first[1] - 2:
            continue
        hi = max(c.cue_range[1], (tokens_range(c.source_tokens or []) or c.cue_range)[1])
        m = re.match(r"[^\"“”«»„\n]*?[.!?]\s*", text[hi:])
        q = starts.get(hi + m.end()) if m is not None else None
        if q is None or "\n" in m.group() or _QUOTE_MARK.search(text, q.inner[0], q.inner[1]):
            continue
        words = text[q.inner[0]:q.inner[1]].rstrip()
        after = text[q.end:].split("\n", 1)[0].strip()
        if not words.endswith((".", "!", "?", "…")) or (after and not (after[0].isupper() or after[0] in OPENING_QUOTES)):
            continue
        if all(_gives_way(doc, o, c, hi, q) for o in cands if o is not c):
            c.content = [*c.content, (q.start, q.end)]


def _gives_way(doc: Doc, other: Candidate, c: Candidate, hi: int, q: Quote) -> bool:
    """Whether ``other`` leaves quotation ``q`` to ``c`` (:func:`continued_quotes`): it has
    nothing between ``hi`` and the quotation's close, or all it has lies inside the
    quotation, or all lies before the quotation and its cue is in a clause under
    ``c``'s cue (no "and" between them)."""
    spans = [r for _, r in role_spans([other])]
    if not any(r[0] < q.end and hi < r[1] for r in spans):
        return True
    if all(q.start <= r[0] and r[1] <= q.end for r in spans):
        return True
    if any(r[1] > q.start for r in spans):
        return False
    top = head_token(list(c.cue_tokens))
    tok = head_token(list(other.cue_tokens))
    while tok.dep_ not in {"conj", "parataxis", "ROOT"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == top.i:
            return True
    return False


def quoted_cue_ends(text: str, cands: list[Candidate], quotes: list[Quote]) -> None:
    """Cut the content of a cue inside a quotation at the quotation's close: "“I was told
    that if I did not sail, someone else would,” the captain said" gives "was told" no
    words of the author's after the closing mark."""
    for c in cands:
        q = next((q for q in quotes if q.inner[0] <= c.cue_range[0] and c.cue_range[1] <= q.inner[1]), None)
        if q is None or _inner_mark(text, q):
            continue  # (its marks paired wrongly around an inner quotation: "… the PMC "Wagner", …")
        end = q.inner[1]
        while end > q.inner[0] and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
        cut = [(s, min(e, end)) if q.inner[0] <= s < end < e else r
               for r in c.content for s, e in [r]]
        c.content = [r for r in cut if q.inner[0] > r[0] or r[0] < end] or c.content


def _inner_mark(text: str, q: Quote) -> bool:
    """Whether ``q``'s own mark stands inside it other than at a paragraph's start (where a
    quotation carried over paragraphs reopens): then its marks were paired wrongly."""
    mark = text[q.start]
    at = text.find(mark, q.inner[0], q.inner[1])
    while at >= 0:
        line = text.rfind("\n", 0, at)
        if line < 0 or text[line + 1:at].strip(" \t"):
            return True
        at = text.find(mark, at + 1, q.inner[1])
    return False


_JOIN_BEFORE = re.compile(
    r"(?:,?\s*\b(?:and|but|while|whereas)|;|[.!?]\s+(?:And|But)?)\s*$")
_SPEAKING = frozenset({"i", "we", "you"})
_QUOTE_MARK = re.compile(r"[\"“”«»„]|''")  # (not an apostrophe: "Mr. Trump's plan")


def coordinated_speakers(text: str, cands: list[Candidate], quotes: list[Quote]) -> None:
    """Cut a content piece where another speaker's clause joins it ("… he intends to run,
    and other leaders said he is an example …"; "… to local charities. And the mayor said
    …"): the second clause is that speaker's attribution beside this one, not inside it.
    Not inside a quotation or a transcript's turn, whose words are all its speaker's."""
    quoted = [(q.start, q.end) for q in quotes]
    speakers = []  # (candidate, source range): a source before its cue, outside quotations
    for other in cands:
        src = tokens_range(other.source_tokens or [])
        if src is None or src[0] > other.cue_range[0]:
            continue
        if any(q[0] <= other.cue_range[0] < q[1] for q in quoted) or any(
                t.lower_ in _SPEAKING for t in other.source_tokens or []):
            continue  # ("…, and we think …": a speaker's own words)
        speakers.append((other, src))
    for c in cands:
        if c.family == "colon":
            continue  # (a transcript's turn: all its words are the speaker's)
        for other, src in speakers:
            if other is c:
                continue
            for piece in list(c.content):
                if not (piece[0] < src[0] and other.cue_range[1] <= piece[1]):
                    continue
                m = _JOIN_BEFORE.search(text, piece[0], src[0])
                if m is None or not text[piece[0]:m.start()].strip() or _QUOTE_MARK.search(
                        text, piece[0], m.end()):
                    continue  # (a quotation's words, or pairs of marks the quotes missed)
                end = m.start() + (1 if text[m.start()] in ".!?" else 0)  # (a full stop stays)
                while end > piece[0] and text[end - 1] in " ,":
                    end -= 1
                c.content = [r if r != piece else (piece[0], end) for r in c.content]


def role_spans(cands: list[Candidate]) -> list[tuple[int, Range]]:
    """Every cue, content piece and source of ``cands``, with its candidate's index."""
    spans: list[tuple[int, Range]] = []
    for k, c in enumerate(cands):
        spans.append((k, c.cue_range))
        spans.extend((k, r) for r in c.content)
        if c.source_tokens:
            spans.append((k, tokens_range(c.source_tokens) or c.cue_range))
    return spans


def _clause(doc: Doc, rng: Range, reporting: frozenset[str] = frozenset()) -> bool:
    """Whether ``rng`` is a clause of its own: one verb heads it and its subject is in
    it ("If the talks fail", "It is a warning"), not a phrase ("On Tuesday", "In June,
    after the storm hit"), and the verb is none of ``reporting``'s lemmas."""
    span = doc.char_span(*rng, alignment_mode="expand")
    if span is None:
        return False
    tops = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    if len(tops) != 1 or tops[0].pos_ not in {"VERB", "AUX"} or tops[0].lemma_.lower() in reporting:
        return False
    return any(ch.dep_ in _SUBJECTS and span.start <= ch.i < span.end for ch in tops[0].children)


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _attached_to(doc: Doc, head: Range, contents: list[Range]) -> bool:
    """Whether the parse hangs ``head`` on the content (its subject, a clause of it),
    not on the cue ("During a speech, Trump said, …": the head modifies "said")."""
    span = doc.char_span(*head, alignment_mode="expand")
    if span is None:
        return False
    outside = [t.head for t in span if not head[0] <= t.head.idx < head[1]]
    return bool(outside) and all(
        any(lo <= h.idx < hi for lo, hi in contents) for h in outside)

