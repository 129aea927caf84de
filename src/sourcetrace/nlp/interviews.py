"""Question-and-answer interviews: turns labelled "Q:" and "A:" and who speaks them.

An article printed as an interview ("Q: Do you back the ferry levy?" / "A: I think
so …") gives each turn's words to a speaker the labels do not name: the answers are the
interviewee's, the questions the interviewer's. :func:`interview_turns` finds the turns
of a transcript (at least two "Q:" lines and one "A:" line, each opening its line) and
returns one candidate per turn, its source the label, its content the rest of the line
(an answer asserts; a question's stance is "other").
``stands_for`` names whom the label stands for, read from the introduction (the text
before the first turn): for answers, the person named there whose surname recurs most in
the article (first named on a tie; "Q&A with Mayor Ilse Varnow"); for questions, the
first outlet named there ("… sat down with the Harbour Ledger"). A question with no
outlet named is no attribution. Outside such a transcript "Q:" and "A:" stay labels.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .cues import Candidate
from .lexicon import Lexicon

_TURN = re.compile(r"^[ \t]*(?P<label>[QA])[ \t]*:[ \t]*(?=\S)", re.MULTILINE)


def interview_turns(doc: Doc, text: str, lex: Lexicon) -> list[Candidate]:
    """One candidate per "Q:"/"A:" turn of an interview transcript in ``doc``."""
    turns = list(_TURN.finditer(text))
    labels = [m.group("label") for m in turns]
    if labels.count("Q") < 2 or "A" not in labels:
        return []
    intro = [t for t in doc if t.idx < turns[0].start()]
    who = {"A": _interviewee(intro, text, lex), "Q": _interviewer(intro, lex)}
    starts = {t.idx: t for t in doc}
    out: list[Candidate] = []
    for m in turns:
        label, colon = starts.get(m.start("label")), starts.get(text.index(":", m.end("label")))
        stands_for = who[m.group("label")]
        if label is None or colon is None or not stands_for:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        if text[end - 1] in ".;" and text[end - 2].isalnum():
            end -= 1  # (the turn's closing full stop, as a transcript's "NAME:" turn)
        out.append(Candidate(
            cue_tokens=[colon], lemma=":", stance="assert" if m.group("label") == "A" else "other",
            source_tokens=[label],
            content=[(m.end(), end)], family="colon", confidence=0.6, stands_for=stands_for,
        ))
    return out


def _names(intro: list[Token]) -> list[list[Token]]:
    """Runs of two or more proper nouns in ``intro`` ("Vice President Ilse Varnow")."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for tok in [*intro, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.is_alpha:
            run.append(tok)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = []
    return runs


def _interviewee(intro: list[Token], text: str, lex: Lexicon) -> list[Token]:
    people = [r for r in _names(intro) if lex.outlet_name(" ".join(t.text for t in r)) is None]
    if not people:
        return []
    return max(people, key=lambda r: len(re.findall(rf"\b{re.escape(r[-1].text)}\b", text)))


def _interviewer(intro: list[Token], lex: Lexicon) -> list[Token]:
    for tok in intro:
        if lex.outlet_name(tok.text) is not None:
            return [tok]
    for run in _names(intro):
        if lex.outlet_name(" ".join(t.text for t in run)) is not None:
            return run
    return []
