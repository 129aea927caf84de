"""Reading a name out of a noun phrase: its proper-name run, its title, its head word,
the name of a body with its "of" phrase, and the words that describe rather than name
(:mod:`sourcetrace.nlp.sources` resolves mentions with these, in the article's context).

Pure functions over parsed tokens and a few word lists that are English-specific by
nature (offices, gendered nouns); the language-specific lists live in the lexicons.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .forms import citation

DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "some", "several", "many", "two",
    "three", "four", "five", "few", "other", "another", "both", "all", "most", "one", "his",
    "her", "their", "its", "our", "my", "your",
}
# Unnamed single speakers a personal pronoun can refer back to (with the lexicon's person
# nouns), and the nouns that rule out "he" or "she".
SINGLE_ANONYMOUS = frozenset({
    "official", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
    "diplomat", "staffer", "insider", "person", "someone", "member", "operative",
})
FEMALE = frozenset({
    "woman", "mother", "wife", "daughter", "sister", "girl", "spokeswoman", "widow",
    "grandmother", "aunt", "mum", "mom", "mama",
})
MALE = frozenset({
    "man", "father", "husband", "son", "brother", "boy", "spokesman", "widower",
    "grandfather", "uncle", "dad", "daddy", "papa",
})
# Office nouns that make the capitalised words before them a title, not a name.
OFFICES = frozenset({
    "minister", "secretary", "president", "chancellor", "governor", "commissioner",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "director", "chief", "general",
    "prosecutor", "attorney",
})
# Heads that count what follows them: "dozens of messages", "many of the migrants"
QUANTITIES = frozenset({
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "score", "scores", "some", "many", "most", "several", "all", "both", "few", "majority",
    "number", "lot", "lots", "plenty", "half", "group", "handful", "couple",
})
# A body's name and its short form in brackets: "Central Bureau of Investigation (CBI)"
ACRONYM_RE = re.compile(
    r"(?P<full>[A-Z][\w.-]*(?:[ \t]+(?:(?:of|for|and|on|the)[ \t]+)*[A-Z][\w.-]*)+)[ \t]*\((?P<short>[A-Z]{2,6})\)")
# Role nouns that a name may close without a comma ("Chairman of … Alexander Bastrykin").
ROLE_HEADS = frozenset({"chairman", "chairwoman", "chair", "head", "leader", "founder"})


# A lower-case word the tagger calls a proper noun ends a name run before it ("the Kyrgyz
# daily Kloop": the name is "Kloop"), unless a title or a particle, and a particle after a
# name carries the run on whatever its tag ("Ursula von der Leyen", "Charles de Gaulle").
LOWERCASE_BREAKS_NAME = True
NAME_PARTICLES = frozenset({
    "de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le",
    "van", "von", "ten", "ter", "bin", "binti", "ibn", "al", "el", "ul", "y", "e",
})


def name_tokens(head: Token, titles: frozenset[str] = frozenset()) -> list[Token]:
    """The proper-name run containing ``head`` (or its compound modifiers)."""
    if head.pos_ != "PROPN":
        props = [c for c in head.children if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"]
        if head.pos_ == "NOUN" or not props:
            return []
        head = props[-1]
    doc = head.doc
    start = end = head.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].lower_ in titles or (
            LOWERCASE_BREAKS_NAME and _inner_particle(doc, start - 1))) and doc[start - 1].head.i in range(start - 1, head.i + 1):
        prev = doc[start - 1]
        if LOWERCASE_BREAKS_NAME and prev.is_lower and prev.is_alpha and prev.lower_ not in titles \
                and prev.lower_ not in NAME_PARTICLES:
            break
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].head.i == head.i:
        end += 1
    return [doc[i] for i in range(start, end + 1)]


def _inner_particle(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is a lower-case particle inside a name: "der" in "Ursula von der
    Leyen" (tagged a common noun), "de" in "Charles de Gaulle"; a capitalised proper
    noun stands before the particles."""
    j = i
    while j >= 0 and doc[j].is_lower and doc[j].lower_ in NAME_PARTICLES:
        j -= 1
    return 0 <= j < i and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()


def initials(name: str, joiners: bool = False) -> str:
    """The capitals' first letters ("Dunmere Harbour Authority" → "DHA"); with ``joiners``,
    "of" and "for" count too ("Ministry of Defence" → "MOD")."""
    return "".join(w[0].upper() for w in name.split() if w[:1].isupper() or joiners and w in {"of", "for"})


def with_of_phrase(name: str, name_toks: list[Token]) -> str:
    """A body's name runs on through "of" and the proper name after it ("Central Bureau"
    → "Central Bureau of Investigation", "Ministry" → "Ministry of Defence", "General
    Staff" → "General Staff of the Armed Forces of Ukraine")."""
    last = name_toks[-1]
    doc = last.doc
    if last.i + 2 >= len(doc) or doc[last.i + 1].lower_ != "of" or doc[last.i + 1].head.i != last.i:
        return name
    obj = next((c for c in doc[last.i + 1].children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
    if obj is None:
        return name
    run = [t for t in name_tokens(obj) if t.i > last.i + 1]
    if not run or run[0].i != last.i + 2 and doc[last.i + 2].lower_ != "the":
        return name
    the = "the " if run[0].i != last.i + 2 else ""
    return f"{name} of {the}{with_of_phrase(citation(run), run)}"


def head_word(name: str) -> str:
    """The noun a description ends with: "Anuar's father" → "father", "head of the
    Kremlin" → "head"."""
    words = name.lower().split(" of ")[0].replace("'s", "").replace("’s", "").split()
    return words[-1] if words else ""


def title_end(name_toks: list[Token], titles: frozenset[str]) -> int:
    """How many tokens of a name run are its title: the title words it opens with
    ("Mayor", "Deputy Prime Minister"), or capitalised words up to an office noun or an
    abbreviated title among its first three ("Foreign Minister …", "U.S. Rep. …"); a
    title word further in is part of the name ("Martin Luther King Jr.")."""
    end = 0
    for j, tok in enumerate(name_toks[:-1]):
        low = tok.lower_
        if low in titles and j == end or tok.text == "." and j == end > 0:
            end = j + 1  # ("Col", "." split by the tokenizer: one title)
        elif j <= 2 and (low in OFFICES or low in titles and tok.text.endswith(".")) and all(
                t.text[:1].isupper() for t in name_toks[:j]):
            end = j + 1
    return end


def has_definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)


def compound_text(head: Token) -> str:
    comps = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i]
    return " ".join([*comps, head.lower_])


def np_name(subtree: list[Token], head: Token) -> str:
    """The noun phrase up to its head, with a short "of" phrase after it ("head of the
    Kremlin", "mother of one soldier"), less a leading determiner."""
    toks = [t for t in subtree if t.i <= head.i]
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
    if of is not None and head.pos_ == "NOUN":
        inside = {t.i for t in subtree}
        tail = [t for t in of.subtree if t.i in inside]
        bracket = next((k for k, t in enumerate(tail) if t.text == "("), len(tail))
        tail = tail[:bracket]  # "of the British Ministry of Defence (MOD)": less the short form
        if len(tail) <= 6 and not any(t.is_punct or t.dep_ in {"relcl", "acl"} for t in tail):
            toks += tail
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct):
        toks = toks[1:]
    return citation(toks) if toks else head.text


def bare_phrase(head: Token, clauses: frozenset[str] | set[str] = frozenset({"relcl", "acl", "appos"})) -> list[Token]:
    """The words of ``head``'s phrase without its clauses and appositions (``clauses``)
    and without closing punctuation: "a middle-aged man from Somalia, who had fled" →
    "a middle-aged man from Somalia"."""
    inner = {x.i for t in head.subtree if t.dep_ in clauses for x in t.subtree}
    words = [t for t in head.subtree if t.i not in inner]
    while words and words[-1].is_punct:
        words.pop()
    return words


def unclosed_aside(src: list[Token]) -> bool:
    """Whether a source phrase runs on after a comma that no second comma closes: the
    words after it are the sentence's clause, not an apposition ("According to Usov, a
    Ukrainian official, …" is closed; "According to the BBC, activists who … have
    received …" is not)."""
    if len(src) < 2:
        return False
    doc = src[0].doc
    last = max((t.i for t in src if not t.is_punct), default=src[0].i)
    inside = [t for t in src if t.text == "," and t.i < last]
    if not inside or last + 1 >= len(doc) or doc[last + 1].is_punct or doc[last + 1].is_space:
        return False  # closed by a comma, or running to the sentence's end
    return doc[inside[0].i + 1].tag_ not in {"WDT", "WP", "WP$"}  # ", which …" is an aside
