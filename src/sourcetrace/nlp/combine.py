"""Merging the learned tagger's spans with the rule candidates into attributions.

The tagger (:mod:`sourcetrace.nlp.model`) says which stretches are sources,
cues and contents, with PolNeAR's span conventions; it does not say which go
together. The rules know the structure (the cue's subject, its complement, the
quote beside it, its recipient) but miss many cues. So:

1. every cue the tagger found is a frame, except one inside a hedge of the
   lexicon ("it seems"), one that is only a hedge and an auxiliary ("many are
   reportedly being tricked", whose subject then is no one's source) and a colon
   after a caption label ("| Photo: EFE/EPA"); a rule candidate whose cue overlaps
   it lends the frame its lemma, stance, family, recipient and confidence;
2. each content span goes to the frame whose rule candidate's content overlaps
   it (the innermost; but a tagged reporting verb inside that content which
   directly introduces the span owns it, and a verb the span follows owns it
   against a closing "according to"), else to the nearest cue in its sentences; a
   quotation (by its marks, doubled apostrophes included, or lying in one the quote
   finder found) with no cue in its sentences goes to a cue of the sentence before
   ("“A,” said X. “B.”"; the one whose content is already quoted first), else of
   the one after in its paragraph, else to the paragraph's last cue two sentences
   before;
   any other content with no cue near is dropped; "X seemed/appeared to …" (the cue
   only the raising verb) has no source, X being the content's first piece;
3. each source span (one that ends with a relative pronoun, "Mr. Kamin, who", split
   in two) goes, one to one, to the nearest cue of its sentence, preferring the
   frame whose rule candidate names a source there or whose verb has its subject
   in it (:func:`_subject_of`); a cue coordinated with another ("said A and added
   B") shares its source, as PolNeAR annotates it; a frame still without one takes
   its rule candidate's subject, else the active subject of its verb, or for a
   participle with none ("…, chanting …", "… by saying …") that of the clause it
   hangs on, and a noun cue its possessor or the subject of the verb whose object
   it is (:func:`_subject`); a tagged source that is the passive subject of its cue
   ("They were promised good pay") is who was told, and the cue stays unsourced
   ("X was quoted as saying" excepted); a content piece that runs into its own
   source ("…, Zambia's foreign ministry has said.") stops before it;
4. a frame's pieces with only spaces between them are joined (:func:`_join_touching`);
   pieces all on one side of its cue leave only the nearest (:func:`_one_side`);
   pieces before the cue go when words other than its source, or a line break,
   stand between them and the cue (:func:`_joined_left`); when those before are
   whole quotations, no unquoted piece after it stays (:func:`_quoted_left`); a
   frame left without content borrows its rule candidate's content, or is dropped;
   a rule candidate that no tagger cue overlaps is dropped unless it is an
   "according to", a speech verb closing its sentence after its source ("…, the
   ministry has said."; :attr:`~sourcetrace.nlp.cues.Candidate.closing`), a layout attribution (a headline's or transcript's "Name:", a
   quotation's "— Name" byline), or lies inside another attribution's content (a
   nested attribution, which PolNeAR's univocal annotation cannot hold but the
   record does: "former prisoners who say …" inside CNN's claim);
5. then the boundaries (:mod:`sourcetrace.nlp.boundaries`): a source or content
   that begins with a line's dateline ("WASHINGTON -- President Obama") starts
   after it; a content piece loses a last conjunction or dash and an unmatched
   bracket; a source and cue set off by commas inside a clause ("Climate change,
   Mr. Obama often says, is …") give the clause's head before them to the content,
   as its first piece, when nothing else claims it; a content after its verb cue
   that stops inside the cue's complement clause runs to the clause's end, and one
   that opens a quotation and stops inside it runs to the closing mark, unless
   another attribution's span, a cue the rules found or a line break lies between.

The result is plain :class:`~sourcetrace.nlp.cues.Candidate` objects, so
source resolution, channels, nesting and kinds go on exactly as in rules mode.
Limits: a content whose cue the tagger missed is lost; keeping nested
attributions costs about 3 points of attribution-level F1 on PolNeAR dev,
where they count as false positives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .boundaries import (
    after_dateline, complement_ends, continued_quotes, in_dateline, parenthetical_heads,
    quote_ends, quote_stops, trim_dangling,
)
from .cues import (
    QUOTED_AS, Candidate, cut_before, labels_colon, np_tokens, quoted_speaker, recipient, reporting_host,
    ruled_out, withholds_name,
)
from .lexicon import Lexicon
from .names import unclosed_aside
from .model import ModelSpans
from .quotes import Quote
from .spans import (
    CLOSING_QUOTES, OPENING_QUOTES, Range, contains, doc_index, doc_text, head_token, overlaps,
    tokens_range,
)

KEEP_RULE_FAMILIES = frozenset({"according", "colon", "byline"})
# PolNeAR's univocal annotation has no nested attributions; the record does
# ("former prisoners who say …" inside CNN's claim), so the rules' ones are kept.
KEEP_NESTED = True
# A content with no cue in its sentences goes to a cue one sentence away only when
# it is a quotation ("He said: [new sentence] “…”"); otherwise it is dropped.
NEIGHBOUR_QUOTES = True
# A tagged source in the sentence before its cue's is taken only from the same
# paragraph (a stray span in the paragraph before is nobody's speaker).
SOURCE_SAME_PARAGRAPH = True
# A verb cue conjoined to a passive takes the passive's subject as its own ("X was forced
# into damage control and said …") (:func:`_subject`).
CONJ_PASSIVE_SUBJECT = True
# A frame the tagger gave no source takes the rule candidate's subject.
RULE_SOURCE_FALLBACK = True
# A closing clause's content the tagger took only the end of is the parse's whole clause.
CLOSING_RULE_CONTENT = True
# A tagger's source that overlaps the content gives way to the rule's beside the cue.
SOURCE_OUTSIDE_CONTENT = True
# "Climate change, Mr. Obama often says, is the greatest threat": the clause head
# before a parenthetical source and cue is the content's first piece.
PARENTHETICAL_HEAD = True
# ... whose head may hold an abbreviation's full stop ("Mr. Orban, officials said, has …").
PAREN_HEAD_ABBREVIATIONS = True
# ... and is taken when it is a clause of its own, even where the parse hangs it on the
# cue ("If the talks fail, the mayor warned, the ferry stops").
PAREN_HEAD_CLAUSES = True
# (a clause headed by a verb of speech or report is a reporting clause, not a head)
REPORTING_STANCES = frozenset({"assert", "report"})
# A quotation with no cue in its sentences goes first to a cue of the sentence before
# ("“A,” said X. “B.”": B is X's too), only then to the next sentence's.
PREVIOUS_FIRST = True
# A source span that holds the subject of a cue's verb goes to that cue first.
SUBJECT_PAIRS = True
# A tagged content in a sentence with no tagged cue, which is the content of a cue the
# rules found there, goes to that cue (:func:`_rule_for_content`), not to a cue of the
# sentence before or after.
RULE_CUE_FOR_CONTENT = True
# A relative pronoun tagged as a source speaks only through its own clause ("has seen
# records which verify …": "which" is no source of "has seen"; :func:`_outside_clause`).
RELATIVE_OWN_CLAUSE = True
# A verb cue with no source from the tagger or the rules takes its active subject.
SUBJECT_FALLBACK = True
# …a participle with none ("…, chanting …") the subject of the clause it hangs on.
PARTICIPLE_SUBJECT = True
# …a noun cue its possessor ("Trump's claim"), else the subject of the verb whose object it
# is ("Advocates voiced deep concern about …").
NOUN_SUBJECT = True
# …and a participle after a preposition ("closed the meeting by saying …") that of the verb the
# preposition hangs on.
PCOMP_SUBJECT = True
# … and a verb conjoined to another without a subject of its own takes the first
# conjunct's ("Trump tweeted … and encouraged Americans to …")
CONJ_SUBJECT = True
# A content after its verb cue that stops inside the cue's complement clause runs to
# the clause's end.
COMPLEMENT_END = True
# Pieces on both sides of a cue stay together only when nothing but the source and
# punctuation lies between the piece before and the cue ("“A,” he said, “B.”").
LEFT_PIECE_GAP = True
_WORD = re.compile(r"\w")
# A quotation before the cue ("“A,” said X, [of the proceedings]") keeps no unquoted
# piece after it, and a piece with no word in it is no content.
QUOTED_LEFT = True
# Pieces of one content with only spaces between them are one piece.
JOIN_TOUCHING = True
# A content piece that opens a quotation and stops before its close runs to the close.
QUOTE_END = True
# ... even past an attribution wholly inside the rest of the quotation (it is nested there).
QUOTE_END_NESTED = True
_ARTICLES = frozenset({"a", "an", "the"})
# A tagged source that ends with a relative pronoun ("Mr. Kamin, who") is two: PolNeAR
# train has no source that ends so, and 568 that are the pronoun, the source of the verb
# cue in its clause.
RELATIVE_TAIL = True
_RELATIVE_TAIL = re.compile(r",?\s*\b(?P<rel>who|which|that)\s*$", re.IGNORECASE)
# A source or content that starts at a line's dateline ("WASHINGTON -- President Obama")
# starts after it.
DATELINE = True
# A tagged content inside a dateline alone ("[PORT ELLAN] — The army …") is dropped.
DATELINE_SPANS = True
PASSIVE_SOURCE = True
KEEP_CLOSING = True
HEDGE_CUE = True
# A tagged content that the parse's clause continues past a comma up to a source that
# closes the sentence runs to that source's comma (:func:`_closing_clause`).
CLOSING_CLAUSE = True
# A content piece that opens a quotation and runs on past its close into the author's
# next sentence stops at the close (:func:`~.boundaries.quote_stops`).
QUOTE_STOP = True
# A quotation opening the sentence after "“A,” said X[, …]." goes on X's content
# (:func:`~.boundaries.continued_quotes`).
CONTINUED_QUOTES = True
# A content piece that opens with the cue's recipient ("informed the Ledger that …")
# starts after it.
RECIPIENT_CUT = True
# A tagged cue that the lexicon's ``not_cue_with`` rules out ("dismissed from") is dropped.
BLOCKED_CUE = True
_INFINITIVE = re.compile(r"(?:not\s+)?to\b", re.IGNORECASE)
_RELATIVE_START = re.compile(r"\s*(?:which|who|whom|whose|where|when)\b", re.IGNORECASE)
# A content that a tagged cue inside a rule candidate's content directly introduces ("[A
# former clerk admitted] forging records, a prosecutor told jurors") is that inner cue's,
# not the rule candidate's (:func:`_frame_by_rule`).
INNER_CUE = True
# A content right after a verb cue is that verb's even where a closing "according to"
# claims it (:func:`_frame_by_rule`).
ADJACENT_CUE = True
# A piece inside a quotation the quote finder found counts as quoted whatever its marks
# ("''The cost … fallow.''" in doubled apostrophes, tagged without its opening mark).
QUOTED_INSIDE = True
# A whole quotation with no cue in or beside its sentence goes to the paragraph's last cue
# before it, one author's sentence between at most, never to a cue after a line break
# (:func:`combine`).
SAME_PARAGRAPH_SPEAKER = True
# A quotation that goes to a cue of a sentence beside its own prefers one whose content is
# already a whole quotation (direct speech goes on).
QUOTING_FRAME_FIRST = True
# "X seemed to …", "X appears weak": X is the first piece of the content and no source.
RAISING = True
_RAISING = frozenset({"seem", "appear"})
# … also with an object the parse gave it ("seemed a reminder"), "like" ("seems like",
# "looks like"), and a subject shared with the verb it is joined to ("… and appeared poised")
RAISING_MORE = True
# "X is expected to …", "X was described as …", "X was criticized for …": the passive
# subject is the first piece of what is expected or said of it (:func:`_raised_subject`).
PASSIVE_RAISING = True
# A tagged content that is only the tail, after an untagged verb of saying, of the clause
# an "according to" governs is that whole clause (:func:`_according_whole`).
ACCORDING_WHOLE = True
# A tagged content that is only the subject of the clause the parse gives the cue ("According
# to X, [the police] arrested him …") is that whole clause (:func:`_subject_only`).
SUBJECT_ONLY = True
# A content after a cue that modifies a noun stops at the end of the cue's clause ("A
# viral post claiming that … [is false]": the main clause's verb is the author's).
NOUN_PHRASE_END = True
# A closing cue left with a piece of a clause whose other cue took the rest reports the
# whole clause (:func:`_whole_closing`).
WHOLE_CLOSING = True
# A tagged content that is the tail of the rule's after a rule cue the tagger missed gives
# way to the rule's whole content (:func:`_inner_rule_cue`).
INNER_RULE_CUE = True
_SAYING = frozenset({"say", "state", "read", "claim", "show", "suggest", "indicate"})
_PASSIVE_COMPLEMENTS = frozenset({"as", "for"})
# "Sanders was asked whether …": who was asked is not part of the question (PolNeAR train:
# the passive subject of "ask" is in the gold content 5 times in 34, of "tell" 1 in 4, of
# "press" 0 in 3; "instruct" and "order", absent there, are read as "tell"; "X is assured"/"X
# is said to" are split, so none is raised there either).
ASKED_NOT_CONTENT = True
_ADDRESSEES = frozenset({"ask", "tell", "press", "instruct", "order"})
# "Asked about …", "X was asked …", "…, said X, asked about …": the one asked is no source
# of the question and the asker is unnamed, unless a "by" phrase names him (PolNeAR train:
# of 76 "asked" cues read so, 62 have no source and 7 name the asker with "by").
ASKED_NO_SOURCE = True
# A passive cue with no "by" phrase has no source ("Holm is expected to win", "The group is
# also known as …"): the tagger's source there is the passive subject or a stray noun.
PASSIVE_NO_SOURCE = True
# A content piece cut off from a source that opens its clause by a colon, semicolon or
# dash is no part of what the source says (:func:`_broken_off`).
BROKEN_OFF = True
# A cue inside brackets keeps its source and content inside them (:func:`_brackets`).
IN_BRACKETS = True
# An attribution whose whole content is one article ("… tells the" where a scraped
# headline was cut off) is none.
LONE_ARTICLE = True
# An "'s" before a participle is no passive auxiliary to these rules (:func:`_passive`).
HAS_CONTRACTION = True
_ASKING = frozenset({"ask", "press", "question"})
_WHEN = frozenset({"when", "if", "after", "once", "before", "while", "until"})
_NOT_RAISED = _ADDRESSEES | {"assure", "say"}
# A content piece between a frame's source and its cue ("Two people familiar with the
# talks, who … to discuss [them], said …") is in an aside about the source, not content.
SOURCE_ASIDE = True
_INTRODUCES = re.compile(r"[\s,:]*(?:that\b\s*)?")


@dataclass
class _Frame:
    cue: Range
    tokens: list[Token]
    rule: Candidate | None
    contents: list[Range] = field(default_factory=list)
    source: Range | None = None


def combine(
    doc: Doc, cands: list[Candidate], spans: ModelSpans, quotes: list[Quote], lex: Lexicon
) -> list[Candidate]:
    """The attributions of ``doc``: the tagger's spans, linked with the help of ``cands``."""
    index = doc_index(doc)
    starts = index.starts

    def tok_at(char: int) -> int:
        return max(0, bisect_right(starts, char) - 1)

    def sent_of(rng: Range) -> tuple[int, int]:
        return index.sent_ids[tok_at(rng[0])], index.sent_ids[tok_at(max(rng[0], rng[1] - 1))]

    text = doc_text(doc)
    hedges = [(m.start(), m.end()) for m in lex.hedge_pattern.finditer(text)]
    frames: list[_Frame] = []
    used_rules: set[int] = set()
    hedged: list[Range] = []
    for cue in spans.cues:
        if any(contains(h, cue) for h in hedges):
            continue  # "it seems", "it is well known": the author's hedge, not a source's cue
        if HEDGE_CUE and _hedge_only(doc, cue, hedges):
            hedged.append(cue)  # "many are reportedly being tricked": the author's hedge
            continue
        if text[cue[0]:cue[1]] == ":" and labels_colon(text, cue[0]):
            continue  # "Photo: EFE/EPA/…", "Editor's note: …": a label, not a speaker
        toks = [doc[i] for i in range(tok_at(cue[0]), tok_at(cue[1] - 1) + 1)]
        if BLOCKED_CUE and ruled_out(head_token(toks), lex):
            continue  # "were dismissed from the military": fired, not rejecting a claim
        if withholds_name(head_token(toks)):
            continue  # "…, asking not to be identified": about the name, not a statement
        rule = _best_overlap(cue, [c for c in cands if id(c) not in used_rules], lambda c: c.cue_range)
        if rule is not None:
            used_rules.add(id(rule))
        frames.append(_Frame(cue, toks, rule))
    if not frames and not (RULE_CUE_FOR_CONTENT and spans.contents):
        return [c for c in cands if c.family in KEEP_RULE_FAMILIES]

    cue_sents = [sent_of(f.cue) for f in frames]
    for content in spans.contents:
        if DATELINE_SPANS and in_dateline(text, content):
            continue
        frame = _frame_by_rule(frames, content, lambda c: c.content, text, lex)
        lo, hi = sent_of(content)
        if frame is None and RULE_CUE_FOR_CONTENT and not any(lo <= s <= hi for s, _ in cue_sents):
            rule = _rule_for_content(content, [c for c in cands if id(c) not in used_rules], lo, hi, sent_of)
            if rule is not None:
                # the tagger found the content and not its cue, which the rules found
                used_rules.add(id(rule))
                frame = _rule_frame(doc, rule)
                frames.append(frame)
                cue_sents.append(sent_of(frame.cue))
        if frame is None:
            near = [k for k, (s, _) in enumerate(cue_sents) if lo <= s <= hi]
            if not near and NEIGHBOUR_QUOTES and (_quoted(text, content) or QUOTED_INSIDE and any(
                    q.start <= content[0] and content[1] <= q.end for q in quotes)):
                before = [k for k, (_, s) in enumerate(cue_sents) if s == lo - 1]
                near = (before if PREVIOUS_FIRST else []) or [
                    k for k, (s, _) in enumerate(cue_sents) if lo - 1 <= s <= hi + 1 and not (
                        SAME_PARAGRAPH_SPEAKER and "\n" in text[content[1]:frames[k].cue[0]])]
                if not near and SAME_PARAGRAPH_SPEAKER and _whole_quote(text, content):
                    # "“A,” W said. They also lie in a dead zone. “B.”": the last speaker of
                    # the paragraph goes on
                    earlier = [k for k, (_, s) in enumerate(cue_sents) if lo - 3 < s < lo
                               and "\n" not in text[frames[k].cue[1]:content[0]]]
                    near = earlier[-1:]
            if near and QUOTING_FRAME_FIRST and len(near) > 1 and _quoted(text, content) and not any(
                    lo <= cue_sents[k][0] <= hi for k in near):
                # "“A,” Jealous said, suggesting that …. “B.”": B goes on A's quotation
                quoting = [k for k in near if any(_whole_quote(text, c) for c in frames[k].contents)]
                near = quoting or near
            if near:
                frame = frames[min(near, key=lambda k: _gap(frames[k].cue, content))]
        if frame is not None:
            if QUOTED_INSIDE:
                # a piece tagged without the quotation's opening marks starts at them
                q = next((q for q in quotes if q.start < content[0] < q.end
                          and not text[q.start:content[0]].strip("'\"“”‘’«»„ ")), None)
                content = (q.start, content[1]) if q is not None else content
            frame.contents.append(content)

    sources = _nominal(doc, text, spans.sources)
    # "Details: …", "Photo: …": a label before its colon speaks for no one
    sources = [r for r in sources if not (text[r[1]:r[1] + 1] == ":" and labels_colon(text, r[1]))]
    if hedged:  # the subject of a hedged verb is no one's source
        subjects = [c.idx for cue in hedged for t in doc.char_span(*cue, alignment_mode="expand") or []
                    for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        sources = [r for r in sources if not any(r[0] <= i < r[1] for i in subjects)]
    pairs = []
    for src in sources:
        s_lo, s_hi = sent_of(src)
        for k, f in enumerate(frames):
            c_lo, c_hi = cue_sents[k]
            if RELATIVE_OWN_CLAUSE and _outside_clause(doc, src, f.tokens, lex):
                continue
            if c_lo <= s_hi and s_lo <= c_hi or c_lo == s_hi + 1 and f.contents and not (
                    SOURCE_SAME_PARAGRAPH and "\n" in text[src[1]:f.cue[0]]):
                ruled = f.rule is not None and f.rule.source_tokens and overlaps(
                    tokens_range(f.rule.source_tokens) or (0, 0), src
                ) or (SUBJECT_PAIRS and _subject_of(src, f.tokens))
                pairs.append((0 if ruled else 1, _gap(f.cue, src), k, src))
    taken: set[Range] = set()
    for _, _, k, src in sorted(pairs):
        if frames[k].source is None and src not in taken:
            frames[k].source = src
            taken.add(src)
    _share_sources(frames, sources)

    out: list[Candidate] = []
    closing: list[tuple[Candidate, Range]] = []
    unused = [c for c in cands if id(c) not in used_rules]  # rule candidates no frame took
    for f in frames:
        cand = _candidate(doc, text, f, lex)
        if cand is not None:
            out.append(cand)
            if f.rule is not None and len(f.rule.content) == 1 and f.rule.content[0][1] <= f.cue[0]:
                closing.append((cand, f.rule.content[0]))
            if INNER_RULE_CUE and f.rule is not None:
                _inner_rule_cue(cand, f.rule, unused)
    if WHOLE_CLOSING:
        _whole_closing(out, closing)
    if DATELINE:
        for c in out:
            after_dateline(text, c)
    for c in out:
        brackets = _brackets(text, c.cue_range) if IN_BRACKETS else None
        if brackets is not None:
            c.content = _inside(text, brackets, c.content)
            if c.source_tokens:
                c.source_tokens = [t for t in c.source_tokens if brackets[0] < t.idx < brackets[1]] or None
        trimmed = [trim_dangling(doc, r) for r in c.content]
        c.content = [r for r in trimmed if r is not None] or c.content
    if LONE_ARTICLE:
        out = [c for c in out if not all(text[a:b].lower() in _ARTICLES for a, b in c.content)]
    if PARENTHETICAL_HEAD:
        reporting = frozenset(v for v, s in lex.verb_stance.items() if s in REPORTING_STANCES)
        parenthetical_heads(doc, out, PAREN_HEAD_ABBREVIATIONS, PAREN_HEAD_CLAUSES, reporting)
    rule_cues = [c.cue_range for c in cands if id(c) not in used_rules]  # cues no frame took
    if COMPLEMENT_END:
        complement_ends(doc, out, rule_cues)
    if QUOTE_END:
        quote_ends(text, out, quotes, rule_cues, QUOTE_END_NESTED)
    if QUOTE_STOP:
        quote_stops(text, out, quotes)
    if CONTINUED_QUOTES:
        continued_quotes(doc, out, quotes)
    contents = [r for c in out for r in c.content]
    for c in cands:
        if id(c) in used_rules:
            continue
        if c.family in KEEP_RULE_FAMILIES or (KEEP_CLOSING and c.closing) or (
            quoted_speaker(head_token(c.cue_tokens)) is not None
            and not any(overlaps(o.cue_range, c.cue_range) for o in out)) or (
            KEEP_NESTED and any(contains(r, c.cue_range) for r in contents)
        ):
            out.append(c)
    out.sort(key=lambda c: c.cue_range)
    return out


def _brackets(text: str, cue: Range) -> Range | None:
    """The brackets the cue stands in on its line ("… like Iowa (93 percent of voters there
    were white, according to exit polls)"), as the offsets of their marks, or None."""
    line = text.rfind("\n", 0, cue[0]) + 1
    opening = text.rfind("(", line, cue[0])
    if opening < 0 or text.find(")", opening, cue[0]) >= 0:
        return None
    closing = text.find(")", cue[1])
    if closing < 0 or "\n" in text[cue[1]:closing]:
        return None
    return opening, closing


def _inside(text: str, brackets: Range, contents: list[Range]) -> list[Range]:
    """``contents`` cut to within ``brackets`` (an aside's words are inside it), unchanged
    if nothing would be left."""
    out: list[Range] = []
    for start, end in contents:
        start, end = max(start, brackets[0] + 1), min(end, brackets[1])
        words = text[start:end]
        if words.strip():
            start += len(words) - len(words.lstrip())
            out.append((start, start + len(words.strip())))
    return out or contents


def _broken_off(text: str, piece: Range, source: Range) -> bool:
    """Whether ``piece`` lies before a source that opens its clause, with a colon, a
    semicolon or a spaced dash between them ("The bulwarks are significant: [hundreds of
    delegates] have endorsed her"): the words before it are another clause, not what the
    source says; a quotation is left alone."""
    if piece[1] > source[0] or text[piece[0]:piece[0] + 1] in OPENING_QUOTES:
        return False
    gap = text[piece[1] - 1:source[0]]
    return re.search(r"[:;]|\s[—–-]{1,2}\s", gap) is not None and "\n" not in gap


def _passive(head: Token) -> bool:
    """Whether ``head`` has a passive auxiliary; with :data:`HAS_CONTRACTION` an "'s" is
    none ("who's called for", "he's argued": the parse takes the "has" for "is")."""
    return any(c.dep_ == "auxpass" and not (HAS_CONTRACTION and c.lower_ in {"'s", "’s"})
               for c in head.children)


def _passive_unnamed(head: Token, source: list[Token]) -> bool:
    """Whether ``head`` is a passive verb ("is expected", "was once thought", "is well known
    for") whose source, outside its "by" phrase, names no one who says so; not "X was
    quoted as saying", where X spoke."""
    return _passive(head) and head.lemma_.lower() not in QUOTED_AS and _outside_agent(head, source)


def _asked(head: Token, source: list[Token]) -> bool:
    """Whether ``head`` is a verb of asking read as a passive (:data:`ASKED_NO_SOURCE`)
    and ``source`` lies outside its "by" phrase."""
    if head.lemma_.lower() not in _ASKING or head.tag_ not in {"VBN", "VBD"}:
        return False
    doc = head.doc
    before = doc[head.i - 1] if head.i > 0 else None
    subj = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # ("…, said Holm, asked about …": the parse gives the closing cue's speaker to "asked";
    # "Texas, leading a coalition, asked a judge …" is active)
    passive = _passive(head) or (
        before is not None and before.lower_ in _WHEN) or (
        not subj and (head.tag_ == "VBN" or head.dep_ in {"advcl", "acl"})) or (
        before is not None and before.text == "," and bool(subj) and subj[0].i < head.i
        and subj[0].left_edge.i > 0 and doc[subj[0].left_edge.i - 1].pos_ == "VERB")
    return passive and _outside_agent(head, source)


def _outside_agent(head: Token, source: list[Token]) -> bool:
    """Whether some of ``source`` lies outside the "by" phrase of ``head``."""
    agent = {t.i for c in head.children if c.dep_ == "agent" for t in c.subtree}
    return not all(t.i in agent for t in source)


def _raising(head: Token, cue: list[Token]) -> bool:
    """Whether ``head`` is a verb of seeming with its complement ("seemed most concerned",
    "appeared poised to win"; with :data:`RAISING_MORE` also "seemed a reminder", "looks
    like a two-boat race"), and the cue holds no other verb."""
    lemma = head.lemma_.lower()
    if any(t.pos_ == "VERB" for t in cue if t != head):
        return False
    deps = {"xcomp", "acomp", "attr", "oprd"}
    if RAISING_MORE:
        if lemma == "look":
            return any(c.dep_ == "prep" and c.lower_ == "like" and c.i > head.i for c in head.children)
        deps = deps | {"dobj"}
        if lemma in _RAISING and any(c.dep_ == "prep" and c.lower_ == "like" and c.i > head.i
                                     for c in head.children):
            return True
    return lemma in _RAISING and any(c.dep_ in deps for c in head.children)


def _passive_subject(source: list[Token], cue: list[Token]) -> bool:
    """Whether ``source`` holds the passive subject of the cue's verb (who was told),
    except for "X was quoted as saying", where X spoke."""
    head = head_token(cue)
    if not _passive(head) or head.lemma_.lower() in QUOTED_AS:
        return False
    ids = {t.i for t in source}
    return any(c.dep_ == "nsubjpass" and c.i in ids for c in head.children)


def _noun_phrase_end(text: str, cue: Token, contents: list[Range]) -> list[Range]:
    """"A viral post [claiming that …] is false": a content after a cue that modifies a
    subject stops where the cue's clause ends, before the subject's own verb."""
    if cue.dep_ not in {"acl", "relcl"} or cue.head.i > cue.i:
        return contents
    last = cue.right_edge
    while last.i > cue.i and (last.is_punct or last.is_space):
        last = last.nbor(-1)
    end = last.idx + len(last.text)
    after = cue.doc[cue.right_edge.i + 1] if cue.right_edge.i + 1 < len(cue.doc) else None
    verb = cue.head.head
    if after is None or cue.head.dep_ not in {"nsubj", "nsubjpass"} or not (
            after == verb or after.dep_ in {"aux", "auxpass", "neg"} and after.head == verb):
        return contents  # only where the noun's own verb comes next ("… is false")
    return [(r[0], end) if r[0] >= cue.idx and r[0] < end < r[1] else r for r in contents]


def _inner_rule_cue(cand: Candidate, rule: Candidate, unused: list[Candidate]) -> None:
    """"told the Ledger [she doubted] that …" with "doubted" missed by the tagger: a tagged
    content that is the tail of the rule's, right after a verb cue of the rules that no
    tagged cue took and whose content it is, gives way to the rule's whole content (the
    inner cue is then kept, nested)."""
    if len(cand.content) != 1 or len(rule.content) != 1:
        return
    (c0, _), (r0, _) = cand.content[0], rule.content[0]
    if not (_tail_of(cand.content[0], rule.content[0]) and cand.cue_range[1] <= r0):
        return
    if any(u.family == "verb" and r0 <= u.cue_range[0] and u.cue_range[1] <= c0
           and u.content and u.content[0][0] == c0 for u in unused):
        cand.content = [rule.content[0]]


def _whole_closing(out: list[Candidate], closing: list[tuple[Candidate, Range]]) -> None:
    """"The council is expected to discuss the study, a spokesman said.": a closing cue
    left with a piece of a clause that holds another cue, which took the rest, reports the
    whole clause, and the inner attribution is nested in it."""
    for cand, whole in closing:
        if not cand.content or cand.content == [whole] or not all(contains(whole, r) for r in cand.content):
            continue
        inner = [o for o in out if o is not cand and contains(whole, o.cue_range)
                 and any(overlaps(r, p) for r in o.content for p in cand.content)]
        if inner:
            cand.content = [whole]


def _according_whole(doc: Doc, contents: list[Range], rule: list[Range]) -> list[Range]:
    """"According to X, [the post was later edited to say] the ban was …": a tagged
    content that is only the tail of the clause "according to" governs, after a verb of
    saying the tagger took for no cue, is that whole clause."""
    if len(contents) != 1 or len(rule) != 1:
        return contents
    if not _tail_of(contents[0], rule[0]):
        return contents
    span = doc.char_span(rule[0][0], contents[0][0], alignment_mode="expand")
    if span is None or not any(t.pos_ == "VERB" and t.lemma_.lower() in _SAYING for t in span):
        return contents
    return [rule[0]]


_ARTICLES = frozenset({"the", "a", "an"})
# What of the word that governs an infinitive cue goes with it ("[were more likely] to say").
_GOVERNING = frozenset({"aux", "auxpass", "neg", "advmod"})


def _rule_for_content(content: Range, unused: list[Candidate], lo: int, hi: int,
                      sent_of: Callable[[Range], tuple[int, int]]) -> Candidate | None:
    """An unused rule candidate of the sentences ``lo``-``hi`` with a content piece that
    holds ``content`` whole and is at most twice as long, of a verb or noun cue (no
    "according to", colon or quotation-only guess)."""
    for c in unused:
        if c.family not in {"verb", "noun"} or not (lo <= sent_of(c.cue_range)[0] <= hi):
            continue
        if any(r[0] <= content[0] and content[1] <= r[1] and 2 * (content[1] - content[0]) >= r[1] - r[0]
               for r in c.content):
            return c
    return None


def _rule_frame(doc: Doc, rule: Candidate) -> _Frame:
    """A frame for a cue only the rules found, its tokens as the tagger marks a cue: with
    what governs an infinitive (:func:`_governed_infinitive`) and a colon right after it
    ("saying:")."""
    toks = _governed_infinitive(list(rule.cue_tokens))
    after = toks[-1].i + 1
    if after < len(doc) and doc[after].text == ":":
        toks.append(doc[after])
    return _Frame((toks[0].idx, toks[-1].idx + len(toks[-1].text)), toks, rule)


def _governed_infinitive(toks: list[Token]) -> list[Token]:
    """A cue "to say" with the words that govern it, as the tagger marks such a cue
    ("were more likely to say", "is correct to note", "was prompted to say"): the verb
    or adjective it completes, with that word's copula, auxiliaries and adverbs, up to
    the cue; the tokens unchanged for any other cue."""
    if not toks or toks[0].lower_ != "to" or len(toks) < 2:
        return toks
    verb = toks[-1] if toks[-1].pos_ == "VERB" else next((t for t in toks if t.pos_ == "VERB"), None)
    if verb is None or verb.dep_ != "xcomp" or verb.head.i > verb.i:
        return toks
    head = verb.head
    lead = [head]
    if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i < head.i:
        lead.append(head.head)  # "were [more likely] to say"
    lead += [c for a in list(lead) for c in a.children if c.dep_ in _GOVERNING and c.i < verb.i]
    start = min(t.i for t in lead)
    doc = verb.doc
    if any(t.dep_ in {"nsubj", "nsubjpass", "expl"} or t.is_punct for t in doc[start:toks[0].i]):
        return toks
    return [*doc[start:toks[0].i], *toks]


def _outside_clause(doc: Doc, src: Range, cue: list[Token], lex: Lexicon) -> bool:
    """Whether ``src`` is a lone relative pronoun whose clause holds none of ``cue``."""
    span = doc.char_span(*src, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ not in lex.relative_pronouns:
        return False
    clause = span[0].head
    while clause.dep_ not in {"relcl", "acl"} and clause.head is not clause and clause.dep_ in {"conj", "xcomp"}:
        clause = clause.head
    if clause.dep_ not in {"relcl", "acl"}:
        return False
    inside = {t.i for t in clause.subtree}
    return not any(t.i in inside for t in cue)


def _subject_only(doc: Doc, contents: list[Range], rule: list[Range]) -> list[Range]:
    """One tagged content that is just the subject of a verb inside the one clause the
    parse gives the cue, and opens that clause, is that clause: the tagger stopped at the
    subject ("According to the man, [the police] arrested him in May")."""
    if len(contents) != 1 or len(rule) != 1:
        return contents
    (piece,), (clause,) = contents, rule
    if piece[0] != clause[0] or piece[1] >= clause[1]:
        return contents
    span = doc.char_span(*piece, alignment_mode="expand")
    if span is None:
        return contents
    root = span.root
    verb = root.head
    if root.dep_ not in {"nsubj", "nsubjpass"} or not (piece[1] <= verb.idx < clause[1]) \
            or _phrase(root) != piece:
        return contents
    return [clause]


def _phrase(tok: Token) -> Range:
    """The character range of ``tok``'s subtree without its punctuation."""
    return tokens_range([t for t in tok.subtree if not t.is_punct]) or (0, 0)


def _tail_of(piece: Range, whole: Range) -> bool:
    """Whether ``piece`` is the end of ``whole``, short of its start."""
    return whole[0] < piece[0] and piece[1] == whole[1]


def _raised_subject(head: Token) -> Token | None:
    """The passive subject before a passive cue that has a complement after it ("The
    leaders are expected [to meet]", "She was described [as] …", "He was criticized [for]
    …"), not "it"/"there" and not one "quoted as saying" (PolNeAR train, first 400
    articles: the subject is in the gold content 103 times in 140 with such complements,
    the source 11 times)."""
    if not _passive(head) or head.lemma_.lower() in QUOTED_AS \
            or (ASKED_NOT_CONTENT and head.lemma_.lower() in _NOT_RAISED):
        return None
    if not any(c.i > head.i and (c.dep_ in {"xcomp", "oprd"} or (c.dep_ == "prep" and c.lower_ in _PASSIVE_COMPLEMENTS))
               for c in head.children):
        return None
    subj = _passive_subject_of(head)
    return None if subj is None or subj.lower_ in {"it", "there"} else subj


def _passive_subject_of(head: Token) -> Token | None:
    """The passive subject before ``head`` ("[Sanders] was asked"), else None."""
    return next((c for c in head.children if c.dep_ == "nsubjpass" and c.i < head.i), None)


def _stop_before(text: str, piece: Range, source: Range) -> Range:
    cut = cut_before(text, [piece], source)
    return cut[0] if cut else piece


def _hedge_only(doc: Doc, cue: Range, hedges: list[Range]) -> bool:
    words = [t for t in doc.char_span(*cue, alignment_mode="expand") or [] if not t.is_space]
    rest = [t for t in words if not any(h[0] <= t.idx < h[1] for h in hedges)]
    return len(rest) < len(words) and all(t.pos_ == "AUX" or t.dep_ in {"aux", "auxpass"} for t in rest)


def _subject_of(src: Range, cue: list[Token]) -> bool:
    """Does ``src`` hold the subject of the verb ``cue`` heads?"""
    head = head_token(cue)
    return any(c.dep_ == "nsubj" and src[0] <= c.idx < src[1] for c in head.children)


def _nominal(doc: Doc, text: str, sources: tuple[Range, ...]) -> list[Range]:
    """The tagged sources less those made only of articles and punctuation: "A" of "A
    claim that …" names no one ("Some", "Many" do); one that ends with a relative pronoun
    ("Mr. Kamin, who") is split in two, the pronoun being the source of its clause's cue."""
    out = []
    for src in sources:
        span = doc.char_span(*src, alignment_mode="expand")
        if span is None or not all(t.is_punct or t.is_space or t.lower_ in _ARTICLES for t in span):
            tail = _RELATIVE_TAIL.search(text, src[0], src[1]) if RELATIVE_TAIL else None
            if tail and tail.start() > src[0]:  # two sources: "Mr. Kamin" and "who"
                out.extend([(src[0], tail.start()), (tail.start("rel"), tail.end("rel"))])
            else:
                out.append(src)
    return out


def _subject(tokens: list[Token], contents: list[Range]) -> list[Token] | None:
    """The active subject of a verb cue that neither the tagger nor the rules gave a
    source ("The group also views …"), outside its content; not a relative pronoun. A
    participle without one takes the subject of the verb it hangs on ("Protesters
    marched, chanting …"), directly or through a preposition ("… by saying …"), and a
    conjoined verb that of its first conjunct ("… inspected the pier and encouraged …"); a
    noun cue takes its possessor, else the subject of the verb whose object it is."""
    head = head_token(tokens)
    if NOUN_SUBJECT and head.pos_ == "NOUN":
        # "Trump's claim that …" / "Advocates voiced deep concern about …"
        for child in head.children:
            if child.dep_ == "poss" and child.i < head.i and child.tag_ != "WP$":
                return np_tokens(child) or None
        if head.dep_ != "dobj" or head.head.pos_ != "VERB":
            return None
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    shared = False  # reached through a conjunction from an active cue
    for _ in range(2 if PARTICIPLE_SUBJECT else 1):
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and not c.is_punct]
        for child in subjects:
            # ("X was forced into damage control and said …": the passive's subject said it)
            active = child.dep_ == "nsubj" or shared and CONJ_PASSIVE_SUBJECT
            if active and child.i < head.i and child.tag_ not in {"WDT", "WP"} \
                    and not any(lo <= child.idx < hi for lo, hi in contents):
                return np_tokens(child) or None
        # "Protesters marched, chanting …": a participle's speaker is its clause's subject
        if subjects:
            return None
        if PCOMP_SUBJECT and head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head  # "closed the meeting by saying …": through the preposition
        # "X tweeted … and encouraged …": a conjoined verb shares its first conjunct's subject
        elif not (CONJ_SUBJECT and head.dep_ == "conj") and (
                head.tag_ != "VBG" or head.dep_ not in {"advcl", "xcomp", "conj", "acl"}):
            return None
        host = reporting_host(head)
        if host.pos_ not in {"VERB", "AUX"}:
            return None
        shared = head.dep_ == "conj" and not _passive(head)
        head = host
    return None


def _share_sources(frames: list[_Frame], sources: list[Range]) -> None:
    """A cue coordinated with another ("X said A and added B") shares its source.

    PolNeAR links one source mention to both cues; the rules know the subject
    is inherited (their candidate names it), the parse knows the conjunction.
    """
    by_token = {t.i: f for f in frames for t in f.tokens}
    for f in frames:
        if f.source is not None:
            continue
        if f.rule is not None and f.rule.source_tokens:
            rng = tokens_range(f.rule.source_tokens)
            hit = [s for s in sources if rng is not None and overlaps(s, rng)]
            if hit:
                f.source = hit[0]
                continue
        head = head_token(f.tokens)
        other = by_token.get(head.head.i) if head.dep_ == "conj" else None
        if other is not None and other is not f and other.source is not None:
            f.source = other.source


# ", which chanted his name": a trailing relative clause the content leaves out
_TRAILING_RELATIVE = re.compile(r"\s*,\s*(?:which|who|whom|whose)\b", re.IGNORECASE)


def _whole_closing_clause(text: str, contents: list[Range], rule: list[Range], cue: Range) -> list[Range]:
    """The parse's clause before a closing "…, X says" when the tagger took only part of it:
    its end ("Navy accused of [hiding losses], union says": one piece each, ending together,
    the rule's starting earlier in the same sentence), or one or two pieces inside it that
    stop short of its end ("[Kerr] is believed to favour a review, two people said"; no
    straight quotation mark in the clause, and not to take in a trailing ", which …"). Never across a sentence mark, a colon or a line,
    nor for a quotation the tagger took whole."""
    if len(rule) != 1 or not contents or text[contents[0][0]] in "\"“‘'«„":
        return contents
    (rs, re_), ts, te = rule[0], contents[0][0], contents[-1][1]
    if re_ > cue[0] or (rs, re_) == (ts, te):
        return contents
    if len(contents) == 1 and te == re_ and rs < ts and not re.search(r"[.!?:;]\s|\n", text[rs:ts]):
        return [rule[0]]
    if len(contents) <= 2 and rs <= ts and te < re_ and not re.search(r"[.!?:;]\s|\n", text[rs:re_]) \
            and '"' not in text[rs:re_] and not _TRAILING_RELATIVE.match(text, te):
        return [rule[0]]
    return contents


def _overlaps(rng: Range | None, contents: list[Range]) -> bool:
    return rng is not None and any(s < rng[1] and rng[0] < e for s, e in contents)


def _candidate(doc: Doc, text: str, f: _Frame, lex: Lexicon) -> Candidate | None:
    contents = sorted(f.contents)
    if JOIN_TOUCHING:
        contents = _join_touching(text, contents)
    contents = _one_side(contents, f.cue)
    if LEFT_PIECE_GAP:
        contents = _joined_left(text, contents, f)
    if QUOTED_LEFT:
        contents = _quoted_left(text, contents, f.cue)
    contents = contents or (
        list(f.rule.content) if f.rule is not None else [])
    if not contents:
        return None
    if CLOSING_RULE_CONTENT and f.rule is not None:
        contents = _whole_closing_clause(text, contents, f.rule.content, f.cue)
    if ACCORDING_WHOLE and f.rule is not None and f.rule.family == "according":
        contents = _according_whole(doc, contents, f.rule.content)
    if SUBJECT_ONLY and f.rule is not None:
        contents = _subject_only(doc, contents, f.rule.content)
    if NOUN_PHRASE_END:
        contents = _noun_phrase_end(text, head_token(f.tokens), contents)
    source = None
    if f.source is not None:
        source = [t for t in doc.char_span(*f.source, alignment_mode="expand") or [] if not t.is_space]
        if PASSIVE_SOURCE and _passive_subject(source, f.tokens):
            source = []  # "They were promised good pay": who was promised, not who promised
    elif RULE_SOURCE_FALLBACK and f.rule is not None and f.rule.source_tokens:
        source = f.rule.source_tokens
    elif SUBJECT_FALLBACK:
        source = _subject(f.tokens, contents)
    if SOURCE_OUTSIDE_CONTENT and source and f.rule is not None and f.rule.source_tokens \
            and _overlaps(tokens_range(source), contents) \
            and not _overlaps(tokens_range(f.rule.source_tokens), contents):
        # "Valdorian prisoners sent to front, rights group says": the tagger's source ran
        # back over the words; the parse's subject is the one beside the cue
        source = f.rule.source_tokens
    if source and tuple(t.lower_ for t in f.tokens) in lex.according_to and unclosed_aside(source):
        # "According to the BBC, human rights activists who … have received …": the
        # source ends at the comma, and the clause after it is the content
        comma = next(t.i for t in source if t.text == ",")
        source = [t for t in source if t.i < comma]
        if f.rule is not None and f.rule.content:
            contents = list(f.rule.content)
    if RECIPIENT_CUT and f.rule is not None and f.rule.recipient is not None:
        contents = _after_recipient(text, contents, f.rule.recipient) or list(f.rule.content)
        if not contents:
            return None
    if ASKED_NO_SOURCE and source and _asked(head_token(f.tokens), source):
        source = None  # "Asked about the ferry, Holm said …": who asked is not told
    if PASSIVE_NO_SOURCE and source and _passive_unnamed(head_token(f.tokens), source):
        source = None  # "Holm is expected to …": who expects it is not said
    speaker = quoted_speaker(head_token(f.tokens))
    if speaker is not None:
        # "journalists quoted Sevalnyov as saying": Sevalnyov spoke, not who quoted him
        source = np_tokens(speaker)
        said = tokens_range(source) or (0, 0)
        contents = [r for r in contents if not overlaps(r, said)] or (
            [r for r in f.rule.content if not overlaps(r, said)] if f.rule is not None else [])
        if not contents:
            return None
    src = tokens_range(source) if source else None
    if src is not None:
        # "…, Zambia's foreign ministry has said.": a content piece that ends with its own
        # source (as the parse hung it) stops before it
        contents = [_stop_before(text, r, src) if r[0] < src[0] < r[1] <= src[1] + 1 else r
                    for r in contents]
    if SOURCE_ASIDE and src is not None and src[1] <= f.cue[0]:
        contents = [r for r in contents if not (src[0] <= r[0] and r[1] <= f.cue[0])
                    or _whole_quote(text, r)] or contents
    if BROKEN_OFF and src is not None and src[1] <= f.cue[0]:
        contents = [r for r in contents if not _broken_off(text, r, src)] or contents
    if CLOSING_CLAUSE and f.rule is not None and src is not None:
        contents = _closing_clause(text, contents, f.rule, src)
    head = head_token(f.tokens)
    if RAISING and _raising(head, f.tokens) and contents and all(r[0] >= f.cue[1] for r in contents):
        # "Mr. Putin seemed most concerned with …": no one says so; who seemed is part of
        # what seemed (PolNeAR: 152 of 179 such gold attributions, no source, two pieces)
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i), None)
        if subj is None and RAISING_MORE and head.dep_ == "conj" and head.head.i < head.i:
            # "Holm held a lead and appeared poised to win": the subject of the first verb
            subj = next((c for c in head.head.children if c.dep_ == "nsubj" and c.i < head.head.i), None)
        if subj is not None and subj.lower_ not in {"it", "there"}:
            rng = _phrase(subj)
            contents, source = [rng, *contents], None
    elif PASSIVE_RAISING and contents and all(r[0] >= f.cue[1] for r in contents):
        subj = _raised_subject(head)
        if subj is not None:
            rng = _phrase(subj)
            if source and overlaps(tokens_range(source) or (0, 0), rng):
                source = None
            contents = [rng, *contents]
    if ASKED_NOT_CONTENT and len(contents) > 1 and head.lemma_.lower() in _ADDRESSEES:
        subj = _passive_subject_of(head)
        if subj is not None:
            rng = _phrase(subj)
            contents = [r for r in contents if r != rng] or contents
    if f.rule is not None:
        r = f.rule
        return Candidate(
            cue_tokens=f.tokens, lemma=r.lemma, stance=r.stance, source_tokens=source or None,
            content=contents, family=r.family, confidence=max(r.confidence, 0.75),
            recipient=r.recipient, extra_channel=r.extra_channel,
        )
    lowered = tuple(t.lower_ for t in f.tokens)
    if lowered in lex.according_to:
        lemma, stance, family = " ".join(lowered), lex.according_stance, "according"
    else:
        lemma = head.lemma_.lower()
        if head.pos_ in {"NOUN", "PROPN"} and lemma in lex.noun_stance:
            stance, family = lex.noun_stance[lemma], "noun"
        else:
            stance, family = lex.verb_stance.get(lemma, "other"), "verb"
    return Candidate(
        cue_tokens=f.tokens, lemma=lemma, stance=stance, source_tokens=source or None,
        content=contents, family=family, confidence=0.7,
        recipient=recipient(head) if family == "verb" else None,
    )


def _after_recipient(text: str, contents: list[Range], recipient_tok: Token) -> list[Range]:
    """"informed [the Harbour Ledger that …]": a content piece that opens with the cue's
    recipient starts after it."""
    toks = sorted(recipient_tok.subtree, key=lambda t: t.i)
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    out = []
    for r in contents:
        if r == (lo, hi):
            continue  # "informed [his father]": who was told is not what
        if r[0] == lo and hi < r[1]:
            rest = hi
            while rest < r[1] and (text[rest].isspace() or text[rest] == ","):
                rest += 1
            if not _INFINITIVE.match(text, rest):  # "told residents not to drink": their order
                r = (rest, r[1])
        out.append(r)
    return out


def _closing_clause(text: str, contents: list[Range], rule: Candidate, src: Range) -> list[Range]:
    """"A translator, a driver and two recruiters, the CBI said.": a tagged content that
    the parse's content clause continues past a comma, up to the comma before the
    source that closes the sentence, runs to that comma."""
    if len(contents) != 1 or len(rule.content) != 1:
        return contents
    (start, end), (r_start, r_end) = contents[0], rule.content[0]
    gap = text[r_end:src[0]]
    rest = text[end:r_end].lstrip()
    if abs(start - r_start) > 1 or not end < r_end or gap.strip() != "," or not rest.startswith(","):
        return contents
    if _RELATIVE_START.match(rest[1:]) and "," not in rest[1:]:
        return contents  # a trailing ", which …": PolNeAR leaves it out (see README)
    return [(start, r_end)]


def _one_side(contents: list[Range], cue: Range) -> list[Range]:
    """Several tagged contents of one cue stay together only when the cue splits them
    ("“A,” he said, “B.”"); otherwise the one nearest the cue is kept: pieces on one side
    of a cue are, on PolNeAR dev, almost always other attributions' contents (2 of 50)."""
    if len(contents) < 2 or any(a[1] <= cue[0] and cue[1] <= b[0] for a, b in zip(contents, contents[1:])):
        return contents
    return [min(contents, key=lambda c: _gap(cue, c))]


def _joined_left(text: str, contents: list[Range], f: _Frame) -> list[Range]:
    """``contents`` without the pieces before the cue when words other than the frame's
    source, or a line break, stand between the last of them and the cue ("A, and B
    said C": A is not B's)."""
    left = [c for c in contents if c[1] <= f.cue[0]]
    if not left or len(left) == len(contents):
        return contents
    gap = list(text[left[-1][1]:f.cue[0]])
    named = [f.source] if f.source is not None else []
    if f.rule is not None and f.rule.source_tokens:
        named.append(tokens_range(f.rule.source_tokens) or (0, 0))
    for a, b in named:
        for i in range(max(a, left[-1][1]), min(b, f.cue[0])):
            gap[i - left[-1][1]] = " "
    rest = "".join(gap)
    if "\n" in rest or _WORD.search(rest):
        return [c for c in contents if c[1] > f.cue[0]]
    return contents


def _quoted_left(text: str, contents: list[Range], cue: Range) -> list[Range]:
    """``contents`` less pieces without a word, and less the unquoted pieces after the
    cue when those before it are whole quotations ("“A,” said X, [the proceedings]")."""
    contents = [c for c in contents if _WORD.search(text, c[0], c[1])] or contents
    left = [c for c in contents if c[1] <= cue[0]]
    if not left or len(left) == len(contents) or not all(_whole_quote(text, c) for c in left):
        return contents
    return left + [c for c in contents if c[1] > cue[0] and _quoted(text, c)]


def _join_touching(text: str, contents: list[Range]) -> list[Range]:
    """``contents`` with pieces that only white space (no line break) separates joined."""
    out: list[Range] = []
    for rng in sorted(contents):
        if out and rng[0] >= out[-1][1] and not text[out[-1][1]:rng[0]].strip(" \t\u00a0"):
            out[-1] = (out[-1][0], max(out[-1][1], rng[1]))
        else:
            out.append(rng)
    return out


def _whole_quote(text: str, rng: Range) -> bool:
    inner = text[rng[0]:rng[1]].strip()
    return len(inner) > 1 and inner[0] in OPENING_QUOTES + "'" and inner[-1] in CLOSING_QUOTES


def _quoted(text: str, rng: Range) -> bool:
    inner = text[rng[0]:rng[1]].strip()
    return bool(inner) and (inner[0] in OPENING_QUOTES or inner.startswith("''") or inner[-1] in CLOSING_QUOTES)


def _gap(a: Range, b: Range) -> int:
    """Characters between two ranges (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def _best_overlap(rng: Range, cands: list[Candidate], key: object) -> Candidate | None:
    best, best_len = None, 0
    for c in cands:
        r = key(c)  # type: ignore[operator]
        shared = min(r[1], rng[1]) - max(r[0], rng[0])
        if shared > best_len:
            best, best_len = c, shared
    return best


def _active_report(verb: Token, lex: Lexicon) -> bool:
    """Is ``verb`` an active reporting verb with a stance ("admitted", not "is confirmed"
    nor "are encouraging")?"""
    return lex.verb_stance.get(verb.lemma_.lower(), "other") != "other" and not any(
        c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _frame_by_rule(
    frames: list[_Frame], content: Range, key: object, text: str, lex: Lexicon
) -> _Frame | None:
    """The frame whose rule content overlaps ``content``; the innermost one if several.

    A tagged active reporting verb inside that rule content which directly introduces ``content``
    ("[A former clerk admitted] forging records, a prosecutor told jurors") owns it
    instead, when its verb heads that whole rule content: the rule's cue reports the
    inner cue's clause."""
    best, best_len, best_rng = None, 0, (0, 0)
    for f in frames:
        if f.rule is None:
            continue
        for r in key(f.rule):  # type: ignore[operator]
            if overlaps(r, content) and (best is None or r[1] - r[0] < best_len):
                best, best_len, best_rng = f, r[1] - r[0], r
    if ADJACENT_CUE and best is not None and best.rule is not None and best.rule.family == "according":
        for f in frames:
            if (f is not best and f.cue[1] <= content[0] and f.rule is not None
                    and f.rule.family == "verb" and _INTRODUCES.fullmatch(text, f.cue[1], content[0])):
                # "The authority found [that …], according to the decision": the verb the
                # content follows, not the "according to" that closes the sentence
                return f
    if INNER_CUE and best is not None and best.rule is not None and best.rule.family != "according":
        for f in frames:
            if (f is not best and contains(best_rng, f.cue) and f.cue[1] <= content[0]
                    and _INTRODUCES.fullmatch(text, f.cue[1], content[0])
                    and _active_report(head_token(f.tokens), lex)):
                span = f.tokens[0].doc.char_span(*best_rng, alignment_mode="expand")
                if span is not None and len(span) and head_token(list(span)) == head_token(f.tokens):
                    return f  # the inner cue heads the whole clause the rule's cue reports
    return best
