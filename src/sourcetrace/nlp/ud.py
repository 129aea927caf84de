"""Universal Dependencies trees rewritten into the labels and shapes the rules read.

The extraction rules (``cues.py``, ``sources.py``, ``channels.py``) were written
against spaCy's English parser, which uses ClearNLP labels and attaches a
preposition's object under the preposition (``told -prep-> to -pobj-> CNN``).
Parsers for other languages (slovnet for Russian) produce UD trees, where the
noun is the head and the preposition a ``case`` leaf, names hang off their first
word (``flat:name``), and a descriptor noun heads the name it describes
(``правозащитница -appos-> Валентина``). :func:`to_clear` rewrites one sentence's
tree so the same rules run on it:

* ``case`` → the adposition heads its nominal: ``X -obl-> P? `` becomes
  ``X -prep-> P -pobj-> N`` (multi-word adpositions keep their ``fixed`` parts);
* ``flat``/``flat:name`` → the last word of the name is its head, the others
  ``compound`` (English-style "Andriy Usov");
* a noun followed by a proper-name ``appos`` with no punctuation between them
  (other than an opening quote mark) is a pre-name descriptor: the name becomes
  the head and the noun its ``compound`` ("official Andriy Usov");
* labels: ``obj``→``dobj``, ``iobj``→``dative``, ``nsubj:pass``→``nsubjpass``,
  ``aux:pass``→``auxpass``, ``acl:relcl``→``relcl``, ``obl:agent``→``agent``,
  ``root``→``ROOT``; a negating particle → ``neg``; a possessive determiner →
  ``poss``; a genitive noun modifying a noun with no adposition → ``poss``; an
  oblique or nominal modifier with no adposition → ``npadvmod``.

:func:`penn_tag` gives each token a coarse Penn-style tag from its UD part of
speech and features (plural noun ``NNS``, infinitive ``VB``, passive participle
``VBN``, converb ``VBG``...), since a few rules test tags; the real UD features
stay in ``Token.morph``.

Pure functions over plain lists; no model, no spaCy. Limits: non-projective
trees are kept as they are; a sentence's tree is assumed well formed (one
root, no cycles), as the parser guarantees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

OPENING_QUOTES = frozenset("«„“\"‘")
CLOSING_QUOTES = frozenset("»“”\"’")
BRACKETS = frozenset("()")
RENAME: dict[str, str] = {
    "obj": "dobj",
    "iobj": "dative",
    "nsubj:pass": "nsubjpass",
    "csubj:pass": "csubjpass",
    "aux:pass": "auxpass",
    "acl:relcl": "relcl",
    "obl:agent": "agent",
    "root": "ROOT",
    "nummod:gov": "nummod",
    "nummod:entity": "nummod",
    "flat": "compound",
    "flat:name": "compound",
    "flat:foreign": "compound",
    "compound:prt": "prt",
}
FLAT = frozenset({"flat", "flat:name", "flat:foreign"})
NOMINALS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"})


@dataclass(frozen=True, slots=True)
class UdToken:
    """One token of a UD parse: ``head`` is a 0-based index in the sentence, -1 for the root."""

    text: str
    pos: str
    feats: Mapping[str, str]
    head: int
    rel: str
    lemma: str = ""


def to_clear(
    sent: Sequence[UdToken],
    possessives: frozenset[str] = frozenset(),
    dative_verbs: frozenset[str] = frozenset(),
) -> tuple[list[int], list[str]]:
    """Heads (0-based, the root points to itself) and ClearNLP-style labels of ``sent``.

    ``possessives`` are the lower-case possessive determiners of the language
    ("его", "её", "их"), labelled ``poss`` like English "his"; ``dative_verbs``
    the lemmas of verbs that take a recipient ("рассказать"), used to read an
    indeclinable name right after such a verb as its recipient when the verb
    has another subject.
    """
    n = len(sent)
    heads = [t.head if 0 <= t.head < n else i for i, t in enumerate(sent)]
    rels = [t.rel.lower() if t.head >= 0 else "root" for t in sent]
    _break_cycles(heads, rels)
    _single_root(sent, heads, rels)
    _nested_complements(heads, rels)
    _stray_nominals(sent, heads, rels)
    _dative_names(sent, heads, rels, dative_verbs)
    _join_names(sent, heads, rels)
    _second_subject_appos(sent, heads, rels)
    _reattach_flat(sent, heads, rels)
    _flip_descriptors(sent, heads, rels)
    _raise_adpositions(sent, heads, rels)
    _break_cycles(heads, rels)
    _attach_punct(sent, heads, rels)
    deps = [_label(sent, heads, rels, i, possessives) for i in range(n)]
    return heads, deps


def _children(heads: list[int], i: int) -> list[int]:
    return [k for k, h in enumerate(heads) if h == i and k != i]


def _move_children(heads: list[int], old: int, new: int, keep: set[int]) -> None:
    for k, h in enumerate(heads):
        if h == old and k != old and k != new and k not in keep:
            heads[k] = new


def _set_head(heads: list[int], rels: list[str], node: int, head: int, rel: str) -> None:
    heads[node] = node if head == node else head
    rels[node] = rel


def _break_cycles(heads: list[int], rels: list[str]) -> None:
    """The parser picks each word's head on its own and can close a loop; a word on
    a loop is re-attached to the root (or becomes it), so every path ends there."""
    root = next((i for i, h in enumerate(heads) if h == i), None)
    for i in range(len(heads)):
        seen: set[int] = set()
        k = i
        while heads[k] != k and k not in seen:
            seen.add(k)
            k = heads[k]
        if heads[k] != k:  # k is on a loop
            if root is None:
                _set_head(heads, rels, k, k, "root")
                root = k
            else:
                _set_head(heads, rels, k, root, "parataxis")


def _single_root(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """A sentence with several roots (the parser does not forbid it): the first
    keeps the root, the others become its ``parataxis`` ("X did Y, сообщила газета")."""
    roots = [i for i, h in enumerate(heads) if h == i]
    if len(roots) < 2:
        return
    main = roots[0]
    for r in roots:
        if r == main:
            continue
        verbs_before = [k for k in range(_left_edge(heads, r)) if sent[k].pos in {"VERB", "AUX"}]
        if sent[r].pos in {"NOUN", "NUM", "PROPN", "PRON"} and verbs_before:
            # a stray noun phrase ("отправлены | десять тысяч мигрантов"): the nearest verb's
            _set_head(heads, rels, r, verbs_before[-1], "dep")
        else:
            _set_head(heads, rels, r, main, "parataxis")


def _nested_complements(heads: list[int], rels: list[str]) -> None:
    """Two "что"-clauses of one verb, the second right after the first ("сообщил,
    что пленные утверждают, что их отправили"): the second belongs to the first."""
    for v in range(len(heads)):
        comps = sorted(k for k in _children(heads, v) if rels[k] == "ccomp")
        for a, b in zip(comps, comps[1:]):
            if a > v and _right_edge(heads, a) + 2 >= _left_edge(heads, b):
                heads[b] = a


def _stray_nominals(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """A noun phrase hung off a verb as ``parataxis`` right after a clause of that
    verb, with no punctuation between ("заявил, что отправлены | десять тысяч"),
    belongs to that clause's head."""
    for v in range(len(heads)):
        kids = sorted(_children(heads, v))
        for a, b in zip(kids, kids[1:]):
            if rels[b] != "parataxis" or sent[b].pos not in {"NOUN", "NUM", "PROPN"} or rels[a] != "ccomp":
                continue
            left = _left_edge(heads, b)
            if a < left and _right_edge(heads, a) == left - 1 and sent[left - 1].pos != "PUNCT":
                _set_head(heads, rels, b, a, "dep")


def _right_edge(heads: list[int], i: int) -> int:
    return max(k for k in range(len(heads)) if _dominated(heads, k, i))


NAMEISH = frozenset({"appos", "compound", "flat", "flat:name", "flat:foreign", "nmod"})


def _join_names(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """Adjacent proper nouns the parser split ("Марта" and "Великан" both subjects,
    "Харбор -appos-> Леджер") become one ``flat:name`` when their cases agree."""
    for a in range(len(sent) - 1):
        b = a + 1
        x, y = sent[a], sent[b]
        if x.pos != "PROPN" or y.pos != "PROPN":
            continue
        cx, cy = x.feats.get("Case"), y.feats.get("Case")
        if cx and cy and cx != cy:
            continue  # "МВД Вальдории": a genitive modifier, not one name
        if heads[b] == a and rels[b] in NAMEISH:
            rels[b] = "flat:name"
        elif heads[a] == b and rels[a] in NAMEISH:
            _set_head(heads, rels, a, a if heads[b] == b else heads[b], rels[b])
            _move_children(heads, b, a, keep={a})
            _set_head(heads, rels, b, a, "flat:name")
        elif heads[a] == heads[b] and heads[a] != a and (rels[a] == rels[b] or {rels[a], rels[b]} <= NAMEISH):
            _move_children(heads, b, a, keep={a})
            _set_head(heads, rels, b, a, "flat:name")


def _second_subject_appos(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """"сказала Марта Великан, адвокат заключённых": a noun after a comma that the
    parser made a second subject of the verb is an apposition of the name before it."""
    for v in range(len(sent)):
        subjects = sorted(k for k in _children(heads, v) if rels[k] == "nsubj")
        for a, b in zip(subjects, subjects[1:]):
            left = _left_edge(heads, b)
            while left < b and sent[left].pos == "PUNCT":
                left += 1
            if sent[a].pos == "PROPN" and sent[b].pos == "NOUN" and left > 0 and sent[left - 1].text == "," and left - 1 > a:
                _set_head(heads, rels, b, a, "appos")


def _dative_names(sent: Sequence[UdToken], heads: list[int], rels: list[str], verbs: frozenset[str]) -> None:
    """"рассказала «Харбор Леджер» Марта Великан": a quoted name with no case ending
    right after a recipient verb whose subject follows is the recipient; the
    parser, which cannot see its case, tends to glue it to the subject."""
    n = len(sent)
    for v, tok in enumerate(sent):
        if tok.pos != "VERB" or tok.lemma not in verbs or v + 2 >= n or sent[v + 1].text not in OPENING_QUOTES:
            continue
        first = v + 2
        last = first
        while last + 1 < n and sent[last + 1].pos == "PROPN":
            last += 1
        if last + 1 >= n or sent[last + 1].text not in CLOSING_QUOTES:
            continue
        # the tagger often calls an indeclinable name nominative; the later subject decides
        if any(sent[k].pos != "PROPN" or sent[k].feats.get("Case") not in {None, "Dat", "Nom"} for k in range(first, last + 1)):
            continue
        subjects = [k for k in _children(heads, v) if rels[k] == "nsubj" and k > last + 1]
        if not subjects or not any(_dominated(heads, first, s) or heads[first] == v for s in subjects):
            continue
        for k in range(first, last + 1):
            _move_children(heads, k, subjects[0], keep=set(range(v + 1, last + 2)))
        _set_head(heads, rels, first, v, "iobj")
        for k in range(first + 1, last + 1):
            _set_head(heads, rels, k, first, "flat:name")
        for k in (v + 1, last + 1):
            _set_head(heads, rels, k, first, "punct")


def _reattach_flat(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """``Дмитрий -flat:name-> Песков`` becomes ``Дмитрий <-compound- Песков``."""
    for first in range(len(sent)):
        parts = [k for k in _children(heads, first) if rels[k] in FLAT and k > first]
        if not parts:
            continue
        last = max(parts)
        group = {first, *parts}
        old_head, old_rel = heads[first], rels[first]
        _move_children(heads, first, last, keep=group)
        for k in group - {last}:
            _set_head(heads, rels, k, last, "compound")
        _set_head(heads, rels, last, last if old_head == first else old_head, old_rel)


def _flip_descriptors(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """``правозащитница -appos-> Чупик`` (no comma between) becomes ``правозащитница <-compound- Чупик``."""
    for noun in range(len(sent)):
        if sent[noun].pos != "NOUN":
            continue
        for name in _children(heads, noun):
            # an apposition; or a name right after the noun that the parser hung off it
            # otherwise ("Новости -nsubj-> Бастрыкин"), but not a genitive modifier
            adjacent = name == noun + 1 and rels[name] in {"nsubj", "compound", "flat", "flat:name"}
            if not (rels[name] == "appos" or adjacent) or sent[name].pos != "PROPN" or name < noun:
                continue
            left = _left_edge(heads, name)
            between = range(noun + 1, left)
            if any(sent[k].pos == "PUNCT" and sent[k].text not in OPENING_QUOTES | BRACKETS for k in between):
                continue
            if any(not _dominated(heads, k, noun) for k in between):
                continue
            old_head, old_rel = heads[noun], rels[noun]
            for k in _children(heads, noun):
                if k == name:
                    continue
                if k > name or rels[k] == "case" or (sent[k].pos == "PUNCT" and sent[k].text in OPENING_QUOTES and k > noun):
                    heads[k] = name
            # whatever pointed at the noun from outside its phrase now points at the name
            _set_head(heads, rels, name, name if old_head == noun else old_head, old_rel)
            _set_head(heads, rels, noun, name, "compound")
            break


def _raise_adpositions(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """``словам -case-> по`` becomes ``по -pobj-> словам``, the adposition taking the noun's place."""
    for noun in range(len(sent)):
        cases = [k for k in _children(heads, noun) if rels[k] == "case" and k < noun]
        if not cases:
            continue
        adp = min(cases)
        old_head, old_rel = heads[noun], rels[noun]
        if old_rel in {"flat", "compound", "fixed"}:
            continue
        _set_head(heads, rels, adp, adp if old_head == noun else old_head, old_rel)
        _set_head(heads, rels, noun, adp, "pobj")
        rels[adp] = _prep_label(old_rel)


def _prep_label(rel: str) -> str:
    # the phrase keeps the root label when it is the root; otherwise it is a prep
    return "root" if rel == "root" else "agent" if rel == "obl:agent" else "prep"


def _left_edge(heads: list[int], i: int) -> int:
    edge = i
    for k in range(len(heads)):
        if k < edge and _dominated(heads, k, i):
            edge = k
    return edge


def _dominated(heads: list[int], k: int, top: int) -> bool:
    seen = 0
    while seen <= len(heads):
        if k == top:
            return True
        if heads[k] == k:
            return False
        k = heads[k]
        seen += 1
    return False


def _attach_punct(sent: Sequence[UdToken], heads: list[int], rels: list[str]) -> None:
    """A comma or dash between two words goes under their lowest common head, so a
    phrase spanning it keeps it ("провокацией, организованной …" stays one piece)."""
    n = len(sent)
    for p, tok in enumerate(sent):
        if tok.pos != "PUNCT" or tok.text in OPENING_QUOTES or tok.text in CLOSING_QUOTES:
            continue
        if p == 0 or p == n - 1 or sent[p - 1].pos == "PUNCT" or sent[p + 1].pos == "PUNCT":
            continue
        if any(heads[k] == p for k in range(n) if k != p):
            continue
        common = _common_head(heads, p - 1, p + 1)
        if common is not None and common != p:
            heads[p] = common
            rels[p] = "punct"


def _common_head(heads: list[int], a: int, b: int) -> int | None:
    chain: list[int] = []
    k = a
    while len(chain) <= len(heads):
        chain.append(k)
        if heads[k] == k:
            break
        k = heads[k]
    on_chain = set(chain)
    k = b
    for _ in range(len(heads) + 1):
        if k in on_chain:
            return k
        if heads[k] == k:
            return None
        k = heads[k]
    return None


def _label(sent: Sequence[UdToken], heads: list[int], rels: list[str], i: int, possessives: frozenset[str]) -> str:
    rel = rels[i]
    tok = sent[i]
    if tok.pos == "SCONJ" and rel in {"obj", "nsubj", "obl", "advmod", "nmod"}:
        return "mark"  # "сказал, что …" with "что" read as an object
    if rel in RENAME:
        return RENAME[rel]
    if rel == "advmod" and tok.feats.get("Polarity") == "Neg" and tok.pos == "PART":
        return "neg"
    if rel == "det" and (tok.text.lower() in possessives or tok.feats.get("Poss") == "Yes"):
        return "poss"
    if rel == "nmod":
        head = sent[heads[i]] if heads[i] != i else tok
        if tok.feats.get("Case") == "Gen" and head.pos in NOMINALS:
            return "poss"
        return "npadvmod"
    if rel == "obl":
        return "npadvmod"
    return rel.split(":", 1)[0] if ":" in rel else rel


def penn_tag(pos: str, feats: Mapping[str, str], text: str = "") -> str:
    """A coarse Penn Treebank tag from a UD part of speech and features."""
    plural = feats.get("Number") == "Plur"
    if pos == "NOUN":
        return "NNS" if plural else "NN"
    if pos == "PROPN":
        return "NNPS" if plural else "NNP"
    if pos in {"VERB", "AUX"}:
        form = feats.get("VerbForm")
        if form == "Inf":
            return "VB"
        if form == "Conv":
            return "VBG"
        if form == "Part":
            return "VBN" if feats.get("Voice") == "Pass" else "VBG"
        if feats.get("Tense") == "Past":
            return "VBD"
        return "VBZ" if feats.get("Person") == "3" and not plural else "VBP"
    if pos == "ADJ":
        return {"Cmp": "JJR", "Sup": "JJS"}.get(feats.get("Degree", ""), "JJ")
    if pos == "PUNCT":
        if text in {",", ":", ";"}:
            return text
        if text in {".", "!", "?", "…"}:
            return "."
        if text in OPENING_QUOTES:
            return "``"
        if text in {"»", "”", "’"}:
            return "''"
        if text in {"—", "–", "-"}:
            return "HYPH" if text == "-" else ":"
        return "NFP"
    return {
        "ADV": "RB", "PRON": "PRP", "DET": "DT", "ADP": "IN", "CCONJ": "CC", "SCONJ": "IN",
        "NUM": "CD", "PART": "RP", "INTJ": "UH", "SYM": "SYM", "X": "FW",
    }.get(pos, "XX")


def feats_string(feats: Mapping[str, str]) -> str:
    """UD features as spaCy's ``Token.morph`` string ("Case=Nom|Number=Sing")."""
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
