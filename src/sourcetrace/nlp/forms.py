"""Names in their citation form: "по словам Валентины Чупик" → "Валентина Чупик".

In inflected languages a source is often named in an oblique case (the
genitive after "по словам", the dative after "рассказал"). A language pipeline
that can inflect words leaves, in ``doc.user_data[FORMS_KEY]``, the nominative
of every token that has one (``{token index: form}``). :func:`citation` joins a
phrase's tokens as the text does (one space where it has white space or a gap), putting the phrase head and the words that
agree with it (same ``Case`` feature, linked to it through modifier relations)
in that form and leaving dependents in their own case ("Министерства внутренних
дел" → "Министерство внутренних дел"). Docs without the table (English) give
the words as written, so this is the plain join there.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

FORMS_KEY = "sourcetrace_forms"
# relations through which a word agrees with the noun it modifies
AGREEING = frozenset({"amod", "det", "compound", "nummod", "appos"})


def citation(tokens: Sequence[Token]) -> str:
    """``tokens`` joined as the text joins them, in citation form where the doc provides one."""
    if not tokens:
        return ""
    forms = tokens[0].doc.user_data.get(FORMS_KEY)
    if not forms:
        return _joined([t.text for t in tokens], tokens)
    ids = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
    case = head.morph.get("Case", [])
    out = []
    for t in tokens:
        form = forms.get(t.i)
        if form is not None and (t.i == head.i or _agrees(t, head, case)):
            out.append(form)
        else:
            out.append(t.text)
    return _joined(out, tokens)


def _joined(words: Sequence[str], tokens: Sequence[Token]) -> str:
    """``words`` (one per token) joined as the text joins the tokens: no space between
    neighbours the text writes together ("Nyirenda's", "Jean-Pierre"), one elsewhere."""
    out = [words[0]]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:]):
        glued = tok.i == prev.i + 1 and not prev.whitespace_
        out.append(word if glued else " " + word)
    return "".join(out)


def _agrees(tok: Token, head: Token, case: list[str]) -> bool:
    if tok.morph.get("Case", []) != case:
        return False
    node = tok
    for _ in range(6):
        if node.i == head.i:
            return True
        if node.dep_ not in AGREEING or node.head.i == node.i:
            return False
        node = node.head
    return False
