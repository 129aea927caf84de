"""Finding attribution cues and, for each, its source mention and content.

Three cue families, all read off the dependency parse plus the lexicon:

* verbs of saying, reporting and believing ("said", "told", "believes") with a
  clausal complement, a quote beside them, or a relative-clause object;
* "according to"-type prepositions, whose object is the source;
* quotes with no complement link: the cue is looked for right after the quote
  (``“…,” Usov told CNN.``) or right before it (``He said: “…”``).

Returns :class:`Candidate` objects (token-level, internal to the nlp stage);
``pipeline`` turns them into records. Does not find cues expressed only by
punctuation (a colon after a name) nor attributions spread over sentences with
no quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .names import unclosed_aside
from .quotes import Quote
from .spans import (
    Range,
    contiguous_ranges,
    doc_index,
    doc_text,
    overlaps,
    sentence_of_token,
    subtree_tokens,
    tok_range,
    tokens_range,
    trim,
)

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENTS = {"ccomp", "xcomp"}
# Languages whose outlet relays ("…, передает ТАСС") become channels (nlp.slavic.relay_channels)
RELAY_LANGS = frozenset({"ru", "uk"})



@dataclass
class Candidate:
    """One attribution as found, before source resolution (internal)."""

    cue_tokens: list[Token]
    lemma: str
    stance: str
    source_tokens: list[Token] | None
    content: list[Range]
    family: str  # "verb" | "according" | "noun"
    confidence: float = 0.7
    recipient: Token | None = None  # the dative/"to X" of the cue, channel candidate
    extra_channel: list[Token] = field(default_factory=list)
    # a speech verb closing its sentence after its source ("…, the ministry has said."):
    # kept in model mode even where the tagger missed the cue
    closing: bool = False
    # whom a label source stands for: an interview's "A:" names no one (nlp.interviews)
    stands_for: list[Token] = field(default_factory=list)
    # the attribution whose speaker passed these words on, its parent ("The Ledger, citing
    # two officials, reported …": the officials' words came through the Ledger's report)
    relayed_by: Candidate | None = None

    @property
    def cue_range(self) -> Range:
        first, last = self.cue_tokens[0], self.cue_tokens[-1]
        return first.idx, last.idx + len(last.text)


def find_candidates(doc: Doc, quotes: list[Quote], lex: Lexicon) -> list[Candidate]:
    """All cue candidates in ``doc``, in text order, at most one per cue token."""
    text = doc_text(doc)
    found: list[Candidate] = []
    used_cues: set[int] = set()
    for tok in doc:
        cand = _verb_candidate(tok, text, quotes, lex)
        if cand is not None:
            found.append(cand)
            used_cues.add(tok.i)
    found.extend(_according_candidates(doc, text, lex, used_cues))
    found.extend(_noun_candidates(doc, text, lex, used_cues))
    found.extend(_quote_candidates(doc, text, quotes, lex, found, used_cues))
    found.extend(_colon_candidates(doc, text, found))
    if not lex.dash_speech:  # there "— said he" is the author's words in a dialogue
        found.extend(_byline_candidates(doc, text, quotes, found))
    found = [c for c in found if not _self_talk(c, quotes, lex)]
    if lex.dash_speech:
        _continue_dialogue(text, quotes, found)
    if lex.lang in RELAY_LANGS:
        from .slavic import relay_channels

        found = relay_channels(doc, found, lex)
    found.sort(key=lambda c: c.cue_range)
    return found


# -- verbs -----------------------------------------------------------------------------


def _is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.verb_stance:
        return False
    return not ruled_out(tok, lex)


def ruled_out(tok: Token, lex: Lexicon) -> bool:
    """Whether the lexicon's ``not_cue_with`` rules ``tok`` out as a cue with a
    preposition it takes here ("привела к тому, что …": led to, not cited; "dismissed
    from the army"), or, with :data:`SPOKEN_LANGUAGE`, it is a verb of speaking whose
    object is a language ("staff who speak Tajik and Uzbek": no statement), or, with
    :data:`WITHHELD`, a verb of denying that withholds a thing (:func:`_withheld`)."""
    lemma = tok.lemma_.lower()
    if WITHHELD and lemma in lex.withholding_verbs and _withheld(tok):
        return True
    if SPOKEN_LANGUAGE and lemma in lex.language_verbs and any(
            c.dep_ == "dobj" and c.lower_ in lex.language_names | lex.demonyms for c in tok.children):
        return True
    blocked = lex.not_cue_with.get(lemma)
    return bool(blocked) and any(c.dep_ == "prep" and c.lower_ in blocked for c in tok.children)


def _withheld(tok: Token) -> bool:
    """Whether a verb of denying gives someone no thing rather than rejecting a claim: a
    passive with an object ("migrants are denied housing") or an active with two ("the
    court denied him bail")."""
    if not any(c.dep_ == "dobj" for c in tok.children):
        return False
    # (not a verb joined to a passive, "… was accused of lying and denied the report": the
    # parse cannot tell it from "… are given jobs and denied housing")
    return any(c.dep_ in {"auxpass", "nsubjpass", "dative"} for c in tok.children)


def _verb_candidate(tok: Token, text: str, quotes: list[Quote], lex: Lexicon) -> Candidate | None:
    if not _is_cue_verb(tok, lex) or tok.dep_ in {"amod", "compound"}:
        return None
    lemma = tok.lemma_.lower()
    if lemma in {"seem", "appear"} or _expletive(tok):
        return None  # "it is well known that", "it seems": the author's hedge, not a source's
    content_tokens, confidence = _content_tokens(tok, lemma, lex)
    closing = False
    if not content_tokens and CLAUSE_BEFORE and lex.verb_stance[lemma] == "assert":
        content_tokens, closing, confidence = _clause_before(tok), True, 0.7
    if not content_tokens and REPORTING_TAIL and reporting_tail(tok, lex):
        content_tokens, closing, confidence = _tail_content(tok), True, 0.7
    if not content_tokens:
        return None  # content may be a quote next to the cue: the quote pass attaches it
    content = _content_ranges(tok.doc, content_tokens, text)
    if not content:
        return None
    content = _snap_to_quotes(content, quotes, tok_range(tok))
    cue_tokens = _cue_tokens(tok, lex)
    stance = lex.verb_stance[lemma]
    gov = tok.head
    if tok.dep_ == "xcomp" and gov.pos_ == "VERB" and 0 < tok.i - gov.i <= 4:
        # "declined to say", "went on to say": the governing verb is part of the cue
        cue_tokens = [tok.doc[i] for i in range(_cue_tokens(gov, lex)[0].i, cue_tokens[-1].i + 1)]
        stance = lex.verb_stance.get(gov.lemma_.lower(), stance) if lex.verb_stance.get(gov.lemma_.lower()) in {"deny", "claim"} else stance
    source = _verb_source(tok) or _locative_source(tok, lex) or (
        _locative_source(tok.head, lex) if tok.dep_ in {"advcl", "conj"} else None  # "отвергли, заявив"
    )
    if QUOTED_SOURCE and source:
        source = _outside_quote(source, tok, quotes)
    if source is None and (source := _preposed_source(tok)) is not None:
        content = cut_before(text, content, tokens_range(source))
        if not content:
            return None
        closing = closing or stance == "assert"
    return Candidate(
        cue_tokens=cue_tokens, lemma=lemma, stance=stance,
        source_tokens=source,
        content=content, family="verb",
        confidence=confidence, recipient=recipient(tok, lex), closing=closing,
    )


def _content_tokens(tok: Token, lemma: str, lex: Lexicon) -> tuple[list[Token], float]:
    """The content of a verb cue, by the first frame that fits, with a confidence."""
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if CITING_ASIDE and not comps:
        # "Harbour Radio reported, citing Interfax, that the port was shut" parsed with the
        # clause on the participle: it is what was reported
        comps = [c for p in tok.children if p.dep_ == "advcl" and p.i > tok.i and _citing(p, lex)
                 for c in p.children if c.dep_ == "ccomp" and _that_clause(c)]
    if REPORTING_TAIL and comps and all(reporting_tail(c, lex) for c in comps):
        # "The government is considering a levy, the Ledger reported, citing …": the
        # clause that reports this one is no content of it
        return [], 0.0
    if comps:
        comp = _best_complement(tok, comps)
        toks = _drop_trailing_participle(subtree_tokens(comp, skip=_asides(comp, lex)), comp)
        joined = _coordinated_complements(tok, comps, comp) if COORDINATED_COMPLEMENTS else []
        if joined:
            toks = sorted({t for c in joined for t in subtree_tokens(c, skip=_asides(c, lex))} | set(toks),
                          key=lambda t: t.i)
        return (_drop_leading_connective(toks) if comp.i < tok.i else toks), 0.8
    about = _pronoun_clause(tok)
    if about is not None:
        return about, 0.75
    xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
    if xcomps and _naming_request(xcomps[0]):
        return [], 0.0  # "asked not to be named", "asked to be called Aziz"
    if xcomps and _is_cue_verb(xcomps[0], lex) and any(c.dep_ == "ccomp" for c in xcomps[0].children):
        return [], 0.0  # "declined to say how many …": one attribution, carried by "say"
    if xcomps and lemma in lex.infinitive_content:
        return subtree_tokens(xcomps[0]), 0.6
    short = [c for c in tok.children if c.lower_ in {"so", "yes", "no"} and c.dep_ in {"advmod", "dobj", "intj", "obj"} and c.i == tok.i + 1]
    if short and lemma in {"say", "tell", "think", "believe", "hope", "answer", "reply"}:
        return short, 0.5  # "half said so", "75 percent said yes"
    obj = _relative_object(tok) or _clause_apposition(tok, lex)
    if obj is not None:
        return obj, 0.6
    para = _parataxis_host(tok, lex)
    if para is not None:
        return _drop_leading_connective(para), 0.75
    after_colon = _colon_clause(tok)
    if after_colon is not None:
        return after_colon, 0.7
    topic = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.topic_preps]
    speaker = tok.tag_ == "VBG" or any(c.dep_ in SUBJECTS for c in tok.children)
    if topic and tok.tag_ != "VB" and speaker:  # "говорил о важности шага", "заявив о своих планах"
        pobj = [p for p in topic[0].children if p.dep_ == "pobj"]
        if pobj and pobj[0].pos_ == "PRON" and len(list(pobj[0].subtree)) == 1:
            # "Об этом сообщил X": "this" is the sentence before
            index = doc_index(tok.doc)
            k = index.sent_ids[tok.i]
            return (list(index.sents[k - 1]) if k > 0 else []), 0.6
        return [t for t in topic[0].subtree if t.i != topic[0].i] if topic[0].i > tok.i else list(topic[0].subtree), 0.5
    stray = _stray_that_clause(tok) if lemma in lex.dative_recipient_verbs or lemma in {"say", "write"} else None
    if stray is not None:
        return stray, 0.6
    if lemma in lex.object_content and tok.tag_ != "VB":
        objs = [c for c in tok.children if c.dep_ in {"dobj", "obj"} and c.pos_ != "PRON" or c.dep_ in {"dobj", "obj"} and any(x.dep_ == "oprd" for x in tok.children)]
        if objs:
            right = [c for c in tok.children if c.i >= objs[0].i and c.dep_ in {"dobj", "obj", "oprd", "xcomp", "ccomp", "prep", "dative"}]
            if lemma not in {"call", "describe", "label", "dub"}:
                right = [c for c in right if c.dep_ != "prep" or c.lower_ in {"as", "for", "of"}]
            skip = {t.i for c in right for a in _asides(c, lex) for t in a.subtree}
            toks = [t for c in right for t in c.subtree if t.i not in skip]
            return toks, 0.55
    return [], 0.0


def _stray_that_clause(tok: Token) -> list[Token] | None:
    """"He told reporters outside the terminal that the company had given …", parsed
    with the that-clause as a relative clause of "terminal": a clause opened by "that",
    with a subject of its own, hung in the cue's object or adjunct phrase, is the
    content of a cue that has no complement."""
    for c in tok.children:
        if c.dep_ not in {"dobj", "prep", "dative", "npadvmod"}:
            continue
        for t in c.subtree:
            if t.dep_ == "relcl" and t.left_edge.lower_ == "that" and t.left_edge.i > tok.i \
                    and any(x.dep_ in {"nsubj", "nsubjpass"} and x.lower_ != "that" for x in t.children):
                return list(t.subtree)
    return None


def _pronoun_clause(tok: Token) -> list[Token] | None:
    """"заявило о том, что …": the clause hangs off a pronoun object of a preposition."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i:
            continue
        for pron in prep.children:
            if pron.dep_ != "pobj" or pron.pos_ != "PRON":
                continue
            for clause in pron.children:
                if clause.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" for m in clause.children):
                    return list(clause.subtree)
    return None


def _colon_clause(tok: Token) -> list[Token] | None:
    """"Мама сказала: попробуй …", "He said: we will win": a clause after a colon
    that follows the cue, hung off it as ``parataxis``; likewise a ``parataxis``
    introduced by a subordinator ("заявил, что …" read as parataxis), and the
    clause around a parenthetical cue with its subject after it ("Между тем,
    утверждает Аузан, деньги есть")."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ != "parataxis" or c.i < tok.i:
            continue
        colons = [t for t in doc[tok.i + 1:c.left_edge.i + 1] if t.text == ":"]
        if colons and not any(t.pos_ in {"VERB", "AUX"} for t in doc[tok.i + 1:colons[0].i]):
            toks = [t for t in c.subtree if t.i > colons[0].i]
            if len(toks) >= 2:
                return toks
        first = min((t for t in c.subtree if t.i > tok.i and not t.is_punct), key=lambda t: t.i, default=None)
        if first is not None and first.dep_ == "mark" and first.head.i == c.i:
            return [t for t in c.subtree if t.i >= first.i]
        inverted = any(s.dep_ in SUBJECTS and s.i > tok.i for s in tok.children)
        after_comma = c.left_edge.i < tok.i or doc[c.left_edge.i - 1].text == ","
        if inverted and after_comma:
            return list(c.subtree)
    return None


def _locative_source(tok: Token, lex: Lexicon) -> list[Token] | None:
    """"В МВД отвергли обвинения", "говорится в обращении X": in a pro-drop language
    a subjectless cue names its source as a place (``[types] locative_source_preps``)."""
    if not lex.locative_source_preps or any(c.dep_ in SUBJECTS for c in tok.children):
        return None
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.locative_source_preps:
            continue
        pobj = [p for p in prep.children if p.dep_ == "pobj"]
        if not pobj:
            continue
        head = pobj[0]
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" and head.ent_type_ in {"ORG", "GPE", ""} or lemma in lex.government or lemma in lex.organization or lemma in lex.outlet_nouns or lemma in lex.noun_stance or lemma in lex.document_nouns:
            return list(head.subtree)
    return None


# Prepositions of an approximate number the Slavic parse heads a subject with ("Близько 10
# тисяч мігрантів, …": the subject, no connective).
APPROXIMATORS = frozenset({
    "около", "почти", "более", "свыше", "менее", "порядка", "примерно",
    "близько", "майже", "понад", "більше", "менше", "приблизно",
})


def _drop_leading_connective(tokens: list[Token]) -> list[Token]:
    """"Still, most voters …, a poll found": the connective belongs to the author,
    and so does a dateline ("CALDMERE — …")."""
    toks = sorted(tokens, key=lambda t: t.i)
    for k, t in enumerate(toks[:4]):
        if t.text in {"—", "–", "--"} and k and all(x.is_upper or x.is_punct for x in toks[:k]):
            toks = toks[k + 1:]
            break
    for k, t in enumerate(toks[:5]):
        if t.text in {",", "—", "–"}:
            lead = toks[:k]
            if lead and lead[0].dep_ in {"advmod", "prep", "cc", "npadvmod", "advcl"} and not any(x.dep_ in SUBJECTS for x in lead) \
                    and lead[0].lower_ not in APPROXIMATORS:
                return toks[k + 1:]
            break
    return toks


def _naming_request(xcomp: Token) -> bool:
    return xcomp.lemma_.lower() in {"call", "name", "identify", "know", "quote", "cite"} and any(
        c.dep_ == "auxpass" for c in xcomp.children
    )


def withholds_name(tok: Token) -> bool:
    """"asking not to be identified", "asked to be called Aziz": a request about the
    speaker's name, not a statement."""
    return any(c.dep_ == "xcomp" and _naming_request(c) for c in tok.children)


def _asides(comp: Token, lex: Lexicon) -> list[Token]:
    """Parts of a complement that are not the reported speech.

    * "…, a claim that Velikan denied", "…, a charge the ministry denies": an
      apposition (or an adverbial after a comma) headed by a statement noun is the
      author's framing;
    * "denied that X and said Y": a second saying verb with no subject of its own
      is coordinated with the cue, not reported by it;
    * "said, citing security concerns, that …" parsed with the participle in the
      complement: the speaker's ground, not the words.
    """
    out: list[Token] = []
    for t in comp.subtree:
        if t.dep_ == "appos" and t.lemma_.lower() in lex.noun_stance or _framing_noun(t, lex):
            out.append(t)  # (", a charge the ministry denies" may be parsed as an adverbial or object)
        elif CITING_ASIDE and _citing(t, lex) and t.i < comp.i and t.head.i == comp.i:
            out.append(t)
        elif AS_ASIDE and _as_aside(t, lex):
            out.append(t)  # "…, as prosecutors alleged …": another speaker's words beside
        elif (
            t.dep_ == "conj" and _is_cue_verb(t, lex) and t.i > comp.i
            and not any(c.dep_ in SUBJECTS for c in t.children)
        ):
            out.append(t)
            out.extend(c for c in t.head.children if c.dep_ == "cc" and c.i < t.i and c.i > t.head.i)
    return out


def _citing(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a participle that names a ground or a source ("citing"), set off
    by a comma before it."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and (tok.lower_,) in lex.citing \
        and tok.i > 0 and tok.doc[tok.i - 1].text == ","


def _that_clause(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _as_aside(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` heads "…, as prosecutors alleged …": a clause set off by a comma,
    opened by "as", whose verb is a cue with a subject of its own."""
    doc = tok.doc
    return tok.dep_ == "advcl" and _is_cue_verb(tok, lex) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
        and any(c.dep_ in SUBJECTS for c in tok.children) \
        and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","


def _drop_trailing_participle(tokens: list[Token], root: Token) -> list[Token]:
    """"… voters say X, putting them ahead": the trailing participle is the author's gloss."""
    for c in root.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > root.i and c.i > 0 and root.doc[c.left_edge.i - 1].text == ",":
            drop = {t.i for t in c.subtree}
            return [t for t in tokens if t.i not in drop]
    return tokens


def _expletive(tok: Token) -> bool:
    if tok.dep_ in {"acomp", "attr"} and any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in tok.head.children):
        return True
    return any(
        c.dep_ == "expl" or (c.dep_ in {"nsubjpass", "nsubj"} and c.lower_ == "it" and tok.tag_ == "VBN")
        for c in tok.children
    )


def _coordinated_complements(tok: Token, comps: list[Token], comp: Token) -> list[Token]:
    """The other complements on ``comp``'s side of the cue that the parse hung on the cue
    beside it though a conjunction joins them ("Как паромы работают зимой и почему докеры
    недовольны – … рассказала": two clauses, one content); none unless every later one
    opens with a conjunction or follows a comma, and the last with a conjunction."""
    side = sorted((c for c in comps if (c.i < tok.i) == (comp.i < tok.i)), key=lambda c: c.i)
    doc = tok.doc

    def conjoined(c: Token) -> bool:
        return any(x.dep_ == "cc" and x.i < c.i for x in c.children)

    def after_comma(c: Token) -> bool:
        return c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","

    last_joined = any(x.dep_ == "cc" for x in side[-1].children)
    if len(side) < 2 or not last_joined or not all(conjoined(c) or after_comma(c) for c in side[1:]):
        return []
    return [c for c in side if c is not comp]


def _best_complement(tok: Token, comps: list[Token]) -> Token:
    """The complement a "that" introduces, else the one nearest the cue."""
    marked = [c for c in comps if any(m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"} for m in c.children)]
    pool = marked or comps
    return min(pool, key=lambda c: abs(c.i - tok.i))


def _relative_object(tok: Token) -> list[Token] | None:
    """"A claim that Usov confirmed": the content is the noun the clause modifies."""
    if tok.dep_ not in {"relcl", "acl"} or tok.head.pos_ != "NOUN":
        return None
    has_object = any(c.dep_ in {"dobj", "obj"} for c in tok.children)
    relative = any(c.dep_ in {"dobj", "obj", "mark"} and c.lower_ in {"that", "which"} for c in tok.children)
    if relative and (tok.dep_ == "relcl" or not has_object) and any(c.dep_ == "nsubj" for c in tok.children):
        head = tok.head
        return [t for t in head.subtree if t.i < tok.i and t.i <= head.i or t.i == head.i]
    return None


def _clause_apposition(tok: Token, lex: Lexicon) -> list[Token] | None:
    """"…, a charge the ministry denies": a clause set off by a comma after the claim it
    answers, the claim named by a noun cue of the lexicon; the content is that noun, as in
    "a claim that Usov confirmed"."""
    head = tok.head
    if tok.dep_ != "relcl" or not _framing_noun(head, lex):
        return None
    if any(c.dep_ in {"dobj", "obj", "mark"} for c in tok.children) or not any(c.dep_ == "nsubj" for c in tok.children):
        return None
    return [t for t in head.subtree if t.i <= head.i]


def _framing_noun(noun: Token, lex: Lexicon) -> bool:
    """Is ``noun`` a statement noun set off by a comma after a clause, with a relative
    clause of its own ("…, a charge the ministry denies"), whatever the parse hung it as?"""
    return noun.dep_ in {"appos", "npadvmod", "dobj"} and noun.lemma_.lower() in lex.noun_stance \
        and noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].text == "," \
        and any(c.dep_ == "relcl" for c in noun.children)


def _parataxis_host(tok: Token, lex: Lexicon | None = None) -> list[Token] | None:
    """"X did Y, sources said": the cue hangs off the clause it reports. In a
    pro-drop language the subject may be missing when "as" or a locative source
    introduces the cue ("Как заявили в министерстве, …")."""
    if tok.dep_ not in {"parataxis"}:
        return None
    if not any(c.dep_ in SUBJECTS for c in tok.children) and not (
        lex is not None and lex.pro_drop
        and (any(c.dep_ == "mark" and c.i < tok.i for c in tok.children) or _locative_source(tok, lex))
    ):
        return None
    host = tok.head
    # "X did Y, sources said, a claim Z denied": the author's framing is no content
    return subtree_tokens(host, skip=[tok, *(_asides(host, lex) if lex is not None and PARATAXIS_ASIDES else ())])



# Passive cues whose subject is the speaker ("X was quoted as saying", "X was cited as …").
QUOTED_AS = frozenset({"quote", "cite"})


def quoted_speaker(tok: Token) -> Token | None:
    """``Y`` in "X quoted Y as saying …" (the cue ``tok`` being "quoted" or "saying"):
    the one quoted spoke, X only relayed it."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in QUOTED_AS:
        tok = tok.head.head
    if tok.lemma_.lower() not in QUOTED_AS or any(c.dep_ == "auxpass" for c in tok.children):
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
               for c in tok.children):
        return None  # "cited the audit as the reason": no one quoted
    return next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in {"PROPN", "NOUN", "PRON"}), None)


def _verb_source(tok: Token) -> list[Token] | None:
    """The subject of the cue, inherited through conjunction and participles."""
    quoted = quoted_speaker(tok)
    if quoted is not None:
        return _source_tokens(quoted)  # "journalists quoted Sevalnyov as saying"
    if tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in tok.children):
        return None  # "Asked whether …, Jensen said": Jensen was asked ("Having announced" is active)
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in QUOTED_AS:
        tok = tok.head.head  # "… was quoted as [saying]"
    if tok.lemma_.lower() in QUOTED_AS and any(c.dep_ == "auxpass" for c in tok.children):
        # "his mother was quoted (by the Telegraph) as saying …": the one quoted spoke
        quoted = [c for c in tok.children if c.dep_ == "nsubjpass" and not c.is_punct]
        return _source_tokens(quoted[0]) if quoted else None
    node: Token | None = tok
    for _ in range(3):
        if node is None:
            break
        # (a parse broken by a hyphen, "the vice-president …", may take the dash as a subject)
        subj = [c for c in node.children if c.dep_ in {"nsubj", "csubj"} and not c.is_punct]
        if NEAREST_SUBJECT and len(subj) > 1 and all(c.i < tok.i for c in subj) \
                and tok.doc[subj[-1].left_edge.i - 1].text == ",":
            subj = subj[-1:]  # "Army accused of …, union says": the nearest is the speaker
        if subj:
            toks = _source_tokens(subj[0])
            if toks and toks[0].i < tok.i < toks[-1].i:
                # a broken parse: the "subject" reaches across its own cue ("…, заявив
                # голова комітету Бастрикін" with the clause before hung on "голова")
                return _postposed_source(tok)
            return toks
        if node.dep_ == "nsubjpass" or any(c.dep_ == "nsubjpass" for c in node.children):
            agent = [c for c in node.children if c.dep_ == "agent"]
            if agent:
                pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
                if pobj:
                    return _source_tokens(pobj[0])
            return _coordinated_source(tok) if node is not tok else None
        if node is tok and any(c.dep_ == "auxpass" for c in tok.children):
            # "… had been arrested and was told he would be freed": a passive cue's
            # subject, inherited or not, is who was told, not who told
            return None
        if node.dep_ == "acl" and node.tag_ in {"VBD", "VBZ", "VBP", "VBN"} and node.head.i < node.i \
                and node.head.pos_ in {"NOUN", "PROPN"} and node.head.dep_ == "ROOT":
            # "Yevgeny Prigozhin, head of …, acknowledged that …" parsed with the name as
            # the root and the finite verb hung on it: the name is the subject
            inner = {t.i for t in node.subtree}
            toks = [t for t in _source_tokens(node.head) if t.i not in inner and t.i < node.i]
            while toks and toks[-1].is_punct:
                toks.pop()
            return toks or None
        if node.dep_ in {"conj", "advcl", "xcomp"} and node.head is not node:
            node = reporting_host(node)
            continue
        if ASIDE_PARTICIPLE and node is tok and node.dep_ == "dep" and _aside_participle(node.head):
            # "The post, shared 20,000 times on Facebook, falsely claims …" parsed with the
            # participle as the root: its subject is the cue's
            node = node.head
            continue
        break
    return _coordinated_source(tok) or _fronted_apposition(tok) or _aside_subject(tok) or (
        _gerund_controller(tok) if GERUND_CONTROLLER else None)


_CONTROL_PATH = frozenset({"conj", "pcomp", "prep", "advcl", "acl", "dobj", "pobj", "advmod"})


def _gerund_controller(tok: Token) -> list[Token] | None:
    """The subject of the nearest verb above a subjectless gerund, reached through
    prepositions, the nouns they and objects hang on, conjuncts and adverbial clauses:
    "Trump has offered few ideas aside from stating that …" (Trump), "the senator opened
    a rally blasting Clinton" (the senator). None for a gerund on a subject ("A report
    detailing the losses was published": the report tells), for a passive or expletive
    host, a time parsed as the subject, and past a finite clause that is not an adverbial
    one."""
    if tok.tag_ != "VBG" or tok.dep_ not in {"pcomp", "acl", "conj", "advcl"}:
        return None
    node = tok
    for _ in range(6):
        if node.head is node or node.dep_ not in _CONTROL_PATH:
            return None
        if node.dep_ in {"dobj", "pobj"} and node.pos_ not in {"NOUN", "PROPN"}:
            return None
        node = node.head
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        if any(c.dep_ in {"nsubjpass", "expl", "auxpass"} for c in node.children):
            return None
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            # ("At 11:00 am, police saying …" parsed with the time as the subject)
            return None if subj[0].ent_type_ in {"DATE", "TIME"} else _source_tokens(subj[0])
        if node.tag_ != "VBG":
            return None
    return None


def _aside_participle(tok: Token) -> bool:
    """Whether ``tok`` is a past participle set off by commas right after its subject
    ("The post, shared …,") that the parse took for the sentence's verb (tagged as a
    participle or, as often, a past tense)."""
    doc = tok.doc
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    return tok.tag_ in {"VBN", "VBD"} and tok.dep_ == "ROOT" and bool(subj) and tok.i > 0 \
        and doc[tok.i - 1].text == "," and all(t.is_punct for t in doc[subj[0].i + 1:tok.i])


def _fronted_apposition(tok: Token) -> list[Token] | None:
    """The subject the parse hung as an apposition inside a phrase before the cue ("In
    an interview with Radio Harrowgate, the town's mayor, Olive Brandt, said …"): set
    off by a comma and running up to the cue; None if the cue has a subject or none is
    hung so."""
    if any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in tok.children):
        return None
    doc = tok.doc
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.i < tok.i and c.lower_ != "according"):
        # ("According to X, Y say …": the "according to" is the attribution, Y its content's)
        inner = {t.i for t in prep.subtree}
        for a in sorted((t for t in prep.subtree if t.dep_ == "appos" and t.head.i in inner),
                        key=lambda t: t.left_edge.i):
            lo, hi = a.left_edge.i, a.right_edge.i
            if lo == 0 or doc[lo - 1].text != "," or a.pos_ not in {"NOUN", "PROPN"}:
                continue
            if all(t.is_punct or t.dep_ in {"aux", "neg", "advmod"} for t in doc[hi + 1:tok.i]):
                toks = [t for t in doc[lo:hi + 1]]
                while toks and toks[-1].is_punct:
                    toks.pop()
                return toks or None
    return None


def _aside_subject(tok: Token) -> list[Token] | None:
    """The noun phrase right after a sentence-closing cue that the parse took for the
    subject of a participle aside after it ("“…,” said retired pilot Ben Carlow, asked
    about his claims": "Carlow asked about …" read as a clause of its own); None unless
    the cue has no subject, closes a clause before it, and the phrase is set off by a
    comma from a past-tense or participle verb hung on the cue."""
    if not POSTPOSED_ASIDE or tok.i == 0 or tok.doc[tok.i - 1].text not in {",", "\"", "”", "''"}:
        return None
    doc = tok.doc
    for verb in (c for c in tok.children if c.i > tok.i and c.tag_ in {"VBD", "VBN"}):
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if not subj or subj[0].left_edge.i != tok.i + 1 or subj[0].pos_ == "PRON":
            continue
        phrase = [t for t in doc[tok.i + 1:verb.i] if not t.is_space]
        inside = {s.i for s in subj[0].subtree}
        if len(phrase) > 1 and phrase[-1].text == "," and all(t.i in inside for t in phrase):
            return [t for t in phrase[:-1] if not t.is_punct or t.text in {"-", "'", "’", "."}]
    return None


_CITING_PARTICIPLES = frozenset({"citing", "quoting"})


def reporting_host(participle: Token) -> Token:
    """The verb a participle's subject comes from: the one it hangs on, or, when that
    verb heads a reported clause ("Prigozhin announced that Wagner had stopped …,
    saying …"), the verb that reports it (the speaker goes on speaking)."""
    host = participle.head
    doc = participle.doc
    if CITING_ASIDE and host.dep_ == "ccomp" and participle.i < host.i and participle.tag_ == "VBG" \
            and participle.dep_ == "advcl" and participle.lower_ in _CITING_PARTICIPLES \
            and doc[participle.i - 1].text == "," and _that_clause(host):
        return host.head  # "Mr. Holm said, citing security concerns, that the ferry …"
    subj = next((c for c in host.children if c.dep_ == "nsubj" and c.i < host.i), None)
    set_off = subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ","
    if participle.tag_ == "VBG" and participle.dep_ == "advcl" and host.dep_ == "ccomp" \
            and host.head.pos_ == "VERB" and participle.i > host.i \
            and doc[participle.i - 1].text == "," and not set_off:
        # (not when the host is itself a closing "…, the Ledger reported, citing …")
        return host.head
    if participle.tag_ == "VBG" and participle.dep_ == "advcl" and host.dep_ == "relcl" \
            and participle.i > host.i and doc[participle.i - 1].text == ",":
        # "… vetoed a provision that would have raised funding, calling it reckless": the
        # parse hangs the closing participle on the relative clause; it tells of the
        # clause the noun belongs to
        node = host.head
        while node.dep_ in {"dobj", "pobj", "prep", "attr", "conj", "appos"} and node.head is not node:
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node
    return host


_NOMINAL = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON"}

# A cue's subject inside a quotation before it ("“… someone else would,” Captain Varga said"
# parsed with "someone else" as the subject) gives way to the words between the close and
# the cue.
QUOTED_SOURCE = True
# A verb of speaking with a language as its object is no cue (:func:`ruled_out`).
SPOKEN_LANGUAGE = True
# A closing "…, X reported." that the parse hangs on the clause as an adverbial clause is
# a reporting tail too (:func:`reporting_tail`).
TAIL_ADVCL = True
# A subjectless gerund cue hung on a preposition, a noun or another gerund ("has offered
# few ideas aside from stating …", "ended the debate with a reference …, remarking …")
# takes the subject of the nearest verb above it that has one (:func:`_gerund_controller`).
GERUND_CONTROLLER = True
# "… received information according to which the police …": the content is the clause
# after the pronoun, not the sentence around it (:func:`_according_candidates`).
ACCORDING_RELATIVE = True
# A closing "…, X told a Senate panel." keeps the one told as its object and is still a
# reporting tail (:func:`reporting_tail`).
TAIL_RECIPIENT = True
# "Migrants are denied housing": a thing withheld, no claim denied (:func:`_withheld`).
WITHHELD = True
# Complements on one side of the cue joined by a conjunction are one content
# (:func:`_coordinated_complements`).
COORDINATED_COMPLEMENTS = True
# A quoted name the parse hangs on "interview" as an adverbial noun phrase is the
# interviewer ("в интервью «Клоопу»"), as a dative or possessive one is.
QUOTED_INTERVIEWER = True


def _outside_quote(source: list[Token], tok: Token, quotes: list[Quote]) -> list[Token] | None:
    """``source``, unless it lies inside a quotation that closes before the cue ``tok``:
    then the nominal words between the closing mark and the cue, or None."""
    rng = tokens_range(source)
    q = next((q for q in quotes if rng and q.start <= rng[0] and rng[1] <= q.end <= tok.idx), None)
    if q is None or rng[0] <= q.inner[0] and q.inner[1] <= rng[1]:
        return source  # (a quoted name, «Коммерсантъ» пишет, is the whole quotation)
    run = [t for t in tok.doc[:tok.i] if t.idx >= q.end and not t.is_space]
    while run and run[0].is_punct:
        run = run[1:]
    if run and all(t.pos_ in _NOMINAL or t.text in {"-", "'", "’", "."} for t in run):
        return run
    return None


def _postposed_source(tok: Token) -> list[Token] | None:
    """The noun phrase right after a cue that closes its sentence ("…, said the head of
    the committee Ivanov." / "…, заявив голова комітету Іванов."), or None.

    Only a run of nominal words (and the hyphens and apostrophes inside names) that
    reaches the end of the sentence counts; anything else (a verb, a clause, a quote)
    means the words after the cue are not its speaker.
    """
    doc = tok.doc
    end = tok.sent.end
    run: list[Token] = []
    for t in doc[tok.i + 1:end]:
        if t.is_punct and t.text in {".", "!", "?", "…"}:
            break
        if t.pos_ in _NOMINAL or (run and t.text in {"-", "'", "’"}):
            run.append(t)
            continue
        return None
    return run or None


CLAUSE_BEFORE = True
# "“…,” said X, asked about …" with "X asked" parsed as a clause: X is the cue's source
# (:func:`_aside_subject`).
POSTPOSED_ASIDE = True


# "…, the Harbour Ledger reported on Wednesday, citing three officials." parsed with the
# reporting clause as a complement of the reported one: it reports the clause before it.
REPORTING_TAIL = True
# A closing "X says" with two subjects before it (a headline's "Army accused of …, union
# says", where the parse hangs the clause before the comma on the cue) has the nearest as
# its source, and the line break after a headline does not stop the clause before it.
NEAREST_SUBJECT = True
# "The post, shared … on Facebook, claims …" with the participle parsed as the root: its
# subject is the cue's source.
ASIDE_PARTICIPLE = True
# "…, as prosecutors alleged he had …" is no part of the clause before it (:func:`_as_aside`).
AS_ASIDE = True
# "X said, citing Y, that Z" / "X reported, citing Y, that Z", whichever way the parse hangs
# the participle and the clause: Z is the content, "citing Y" no part of it.
CITING_ASIDE = True
# The clause a parataxis cue reports leaves out the author's framing in it (:func:`_asides`).
PARATAXIS_ASIDES = True
_TAIL_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "punct", "advcl", "agent"})
_TAIL_STANCES = frozenset({"assert", "report", "claim"})


def reporting_tail(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a speech verb closing its sentence after a comma, with its own
    subject, hung by the parse on the clause it reports ("…, X reported on Monday,
    citing …"): only adjuncts, and a participle clause, follow it (and, with
    :data:`TAIL_RECIPIENT`, the one a verb of telling names: "…, X told a panel.")."""
    # (with :data:`TAIL_ADVCL` also a finite verb parsed as an adverbial clause, "…, the
    # UK Intelligence reported.", but none with a subordinator: "…, as the ministry reported")
    finite_advcl = TAIL_ADVCL and tok.dep_ == "advcl" and tok.tag_ in {"VBD", "VBZ", "VBP"} and not any(
        c.dep_ == "mark" for c in tok.children)
    if tok.dep_ not in {"ccomp", "conj", "parataxis"} and not finite_advcl or tok.head.i >= tok.i:
        return False
    if lex.verb_stance.get(tok.lemma_.lower()) not in _TAIL_STANCES or not _is_cue_verb(tok, lex):
        return False
    if lex.verb_stance.get(tok.head.lemma_.lower()) in _TAIL_STANCES and _is_cue_verb(tok.head, lex):
        return False  # "X also said A, the footage showed B": a second content of X's
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subj or subj[0].pos_ == "PRON":
        return False
    doc = tok.doc
    start = subj[0].left_edge.i
    if start < 1 or doc[start - 1].text != "," or start - 1 <= tok.sent.start + 2:
        return False
    if any(t.dep_ not in {"aux", "neg", "advmod"} for t in doc[subj[0].right_edge.i + 1:tok.i]):
        return False
    told = TAIL_RECIPIENT and tok.lemma_.lower() in lex.dative_recipient_verbs
    after = [c for c in tok.children if c.i > tok.i and not (told and c.dep_ in {"dobj", "dative"})]
    if any(c.dep_ not in _TAIL_ADJUNCTS or c.dep_ == "advcl" and c.tag_ != "VBG" for c in after):
        return False
    return all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1:tok.sent.end])


def _tail_content(tok: Token) -> list[Token]:
    """The clause a :func:`reporting_tail` reports: its sentence up to the comma before
    the reporting subject."""
    subj = next(c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i)
    return [t for t in tok.doc[tok.sent.start:subj.left_edge.i - 1] if not t.is_space]


def _closes_sentence(tok: Token) -> bool:
    """Whether only the closing mark follows ``tok`` in its sentence."""
    return all(t.is_space or t.text in {".", "!", "?"} for t in tok.doc[tok.i + 1:tok.sent.end])


def _clause_before(tok: Token) -> list[Token]:
    """"A student died in October, the minister has said." parsed with "said" as a
    conjunct: the clause before the comma that sets off the closing "X said" is the
    content, when nothing but its subject and auxiliaries stand between."""
    doc = tok.doc
    sent = tok.sent
    if not _closes_sentence(tok):
        return []
    # the nearest subject: a headline's parse ("Army accused of …, union says") may give
    # the clause before the comma as a second subject of the cue
    subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    subj = subj[-1:] if NEAREST_SUBJECT else subj
    if not subj or any(c.i > tok.i and not (c.is_punct or (NEAREST_SUBJECT and c.is_space)) for c in tok.children):
        return []
    start = subj[0].left_edge.i
    between = doc[subj[0].right_edge.i + 1:tok.i]
    if start - 1 <= sent.start + 2 or doc[start - 1].text != "," or any(
            t.dep_ not in {"aux", "neg"} for t in between):
        return []
    return [t for t in doc[sent.start:start - 1] if not t.is_space]


def _preposed_source(tok: Token) -> list[Token] | None:
    """The noun phrase right before a subjectless cue that closes its sentence, after a
    comma ("…, Zambia's foreign ministry has said."), where the parse hung it on the
    content; or None."""
    doc = tok.doc
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in tok.children):
        return None
    if not _closes_sentence(tok):
        return None
    start = tok.i
    while start > tok.sent.start and doc[start - 1].dep_ in {"aux", "neg"} and doc[start - 1].head.i == tok.i:
        start -= 1
    run: list[Token] = []
    for t in reversed(doc[tok.sent.start:start]):
        if t.text == ",":
            break
        if t.pos_ not in _NOMINAL and t.dep_ != "case" and t.text not in {"-", "'", "’"}:
            return None
        run.insert(0, t)
    else:
        return None  # no comma: the words before are the sentence's, not a speaker's
    if not run or not any(t.pos_ in {"NOUN", "PROPN"} for t in run) or run[0].pos_ == "PRON":
        return None
    return run


def cut_before(text: str, content: list[Range], source: Range | None) -> list[Range]:
    """``content`` without what lies from ``source`` on, and the comma before it."""
    if source is None:
        return content
    out = []
    for s, e in content:
        if s >= source[0]:
            continue
        e = min(e, source[0])
        while e > s and text[e - 1] in " ,\n":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _coordinated_source(tok: Token) -> list[Token] | None:
    """"The ministry denied that X and said Y": "said" shares the subject of the
    saying verb it is coordinated with, even when the parse hangs it inside X."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB":
        return None
    node = tok.head
    for _ in range(4):
        if node.dep_ == "ccomp":
            outer = node.head
            subj = [c for c in outer.children if c.dep_ in {"nsubj", "csubj"}]
            return _source_tokens(subj[0]) if subj else None
        if node.head is node:
            break
        node = node.head
    return None


def _source_tokens(head: Token) -> list[Token]:
    """The source mention: the subject with appositions and relative clauses, and the
    comma that closes them; without participial asides, leading adverbials and
    parenthesised party labels ("Sen. Warren (D-MA)")."""
    doc = head.doc
    skip: list[Token] = []
    for c in head.children:
        if c.i < head.i and c.dep_ in {"npadvmod", "prep", "advmod"} and c.i == c.left_edge.i == head.left_edge.i:
            skip.append(c)
        elif c.i > head.i and c.dep_ in {"acl", "prep", "advmod", "npadvmod"} and doc[c.left_edge.i - 1].text == ",":
            skip.append(c)
        elif c.dep_ == "appos" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "(":
            skip.append(c)
    toks = subtree_tokens(head, skip=skip)
    toks = [t for t in toks if not (t.text in "()" and t.dep_ == "punct")]
    toks.sort(key=lambda t: t.i)
    if toks and any(c.dep_ in {"appos", "relcl"} and c not in skip and c.i > head.i for c in head.children):
        last = toks[-1]
        if last.i + 1 < len(doc) and doc[last.i + 1].text == "," and last.text != ",":
            toks.append(doc[last.i + 1])
    while toks and toks[-1].text == "," and not any(c.dep_ in {"appos", "relcl"} for c in head.children):
        toks.pop()
    return toks


def _cue_tokens(tok: Token, lex: Lexicon) -> list[Token]:
    """The cue verb with its auxiliaries, negation, adjacent adverbs, particle, a
    following "of/about/for/to" and "in a statement" — a contiguous run of tokens."""
    doc = tok.doc
    joined = {"aux", "auxpass", "neg", "advmod"} if lex.cue_adverbs else {"aux", "auxpass", "neg"}
    left = {c.i for c in tok.children if c.dep_ in joined and c.i < tok.i}
    start = tok.i
    while start - 1 in left:
        start -= 1
    end = tok.i
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if nxt is not None and nxt.head.i == tok.i:
        if nxt.dep_ == "prt" or (lex.cue_adverbs and nxt.dep_ == "advmod" and nxt.pos_ == "ADV" and nxt.lower_ not in {"that", "so"}):
            end += 1
        elif nxt.dep_ == "prep" and nxt.lower_ in {"of", "about", "for", "to", "on"} and tok.lemma_.lower() in {"say", "talk", "speak", "refer", "ask", "call", "write", "tweet", "comment", "point"}:
            end += 1
        elif nxt.dep_ == "prep" and nxt.lower_ == "in":
            pobj = [p for p in nxt.children if p.dep_ == "pobj"]
            if pobj and pobj[0].lemma_.lower() in lex.noun_stance and all(x.dep_ in {"det", "amod", "compound", "poss"} for x in pobj[0].children):
                end = pobj[0].i
    return [doc[i] for i in range(start, end + 1)]


def recipient(tok: Token, lex: Lexicon | None = None) -> Token | None:
    """Who the statement was made to: "told CNN", "spoke to the BBC", "in an interview with X".

    The verbs, prepositions and interview nouns are the lexicon's (``[recipients]``);
    without a lexicon, the English defaults of :class:`Lexicon`.
    """
    words = lex if lex is not None else Lexicon  # the class holds the English defaults
    if quoted_speaker(tok) is not None:
        # "The Harbour Ledger quoted Ilse Varnow as saying": the one who quoted heard it
        verb = tok.head.head if tok.dep_ == "pcomp" else tok
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    by = _quoted_by(tok)
    if by is not None:
        return by  # "a source was quoted as saying by the Kyiv Ledger"
    node: Token | None = tok
    for _ in range(2):
        if node is None:
            break
        lemma = node.lemma_.lower()
        for c in node.children:
            posted = _platform(c, words) if c.dep_ == "prep" else None
            if posted is not None:
                return posted  # "wrote on Telegram", "in a post on Telegram"
            if c.dep_ in {"dative", "dobj"} and lemma in words.dative_recipient_verbs:
                return c
            if c.dep_ in {"dative", "prep"} and c.lower_ in words.recipient_preps and lemma in words.recipient_verbs:
                pobj = [p for p in c.children if p.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
            if c.dep_ == "dobj" and lemma in words.recipient_verbs:
                # "confirmed the sale to the Coastal Courier": a named recipient hung on the object
                named = [p for g in c.children if g.dep_ == "prep" and g.lower_ == "to"
                         for p in g.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
                if named:
                    return named[0]
            # ("claimed responsibility in comments to the Ledger": the phrase may hang on the object)
            preps = [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ == "prep"] if c.dep_ == "dobj" else []
            for prep in (g for g in preps if g.lower_ in words.interview_preps):
                pobj = [p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in words.interview_nouns]
                if pobj:
                    for p in pobj[0].children:
                        if p.dep_ == "prep" and p.lower_ in words.recipient_preps | {"with", "to"}:
                            inner = [q for q in p.children if q.dep_ == "pobj"]
                            if inner:
                                return _asker(inner[0])
                        if p.pos_ == "PROPN" and (p.dep_ in {"dative", "poss"} or QUOTED_INTERVIEWER and (
                                p.dep_ == "npadvmod" and p.i > 0 and p.doc[p.i - 1].text in OPENING_QUOTE_MARKS)):
                            return p  # "в интервью Би-би-си", "in CNN's interview", "в интервью «Клоопу»"
        for c in node.children:
            # "Speaking to VOA Tuesday, his mother said …": a talk set beside the cue
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in words.recipient_verbs:
                found = recipient(c, lex)
                if found is not None:
                    return found
        node = node.head if node.dep_ == "conj" else None
    return None


def _platform(prep: Token, words: Lexicon | type[Lexicon]) -> Token | None:
    """The platform a statement was posted on, from a phrase on its cue: "on Telegram", "on
    his Telegram channel", "via Facebook", "in a post on Telegram" / "in a video posted on
    YouTube"; else None."""
    if prep.lower_ in words.interview_preps:
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for inner in noun.children:
                if inner.dep_ == "prep":
                    found = _platform(inner, words)
                elif inner.dep_ == "acl":  # "a video posted on YouTube"
                    found = next((p for g in inner.children if g.dep_ == "prep"
                                  for p in [_platform(g, words)] if p is not None), None)
                else:
                    found = None
                if found is not None:
                    return found
        return None
    if prep.lower_ not in words.platform_preps:
        return None
    for noun in (c for c in prep.children if c.dep_ == "pobj"):
        if " ".join([*(x.lower_ for x in noun.lefts if x.dep_ == "compound"), noun.lower_]) in words.platforms:
            return noun  # "on Telegram", "on Truth Social"
        named = [c for c in noun.children if c.dep_ == "compound" and c.lower_ in words.platforms]
        if named:
            return named[0]  # "on his Telegram channel"
    return None


# Nouns for what was asked: "in a response to questions from the Ledger" answers the Ledger.
_ASKED = frozenset({"question", "query", "request", "inquiry", "enquiry"})


def _asker(tok: Token) -> Token:
    """Who asked, when ``tok`` is what was asked and says by whom ("questions from the
    Ledger" → "the Ledger"); else ``tok``."""
    if tok.lemma_.lower() in _ASKED:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
            pobj = [c for c in prep.children if c.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    return tok


def _quoted_by(tok: Token) -> Token | None:
    """Who quoted the speaker of a passive "was quoted (as saying) by X" or "was cited
    by X as saying": X, else None."""
    verb = tok.head.head if tok.dep_ == "pcomp" and tok.head.lower_ == "as" else tok
    if verb.lemma_.lower() not in QUOTED_AS or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for t in verb.subtree:
        inside = t.head == verb or t.head.dep_ == "pcomp" and t.head.head.head == verb
        if inside and (t.dep_ == "agent" or t.dep_ == "prep" and t.lower_ == "by"):
            pobj = [c for c in t.children if c.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    return None


def _content_ranges(doc: Doc, tokens: list[Token], text: str) -> list[Range]:
    out: list[Range] = []
    for rng in contiguous_ranges(doc, tokens):
        t = trim(text, rng)
        if t is not None:
            out.append(t)
    return out


def _snap_to_quotes(content: list[Range], quotes: list[Quote], cue: Range) -> list[Range]:
    """Widen a content piece that cuts a quotation so the whole quote is inside.

    Not when the cue itself stands inside the quote (an attribution quoted by another).
    """
    out = []
    for start, end in content:
        for q in quotes:
            if q.start <= cue[0] < q.end:
                continue
            if overlaps((start, end), (q.start, q.end)) and not (start <= q.start and q.end <= end):
                start, end = min(start, q.start), max(end, q.end)
        out.append((start, end))
    # two pieces widened to the same quote are one piece
    merged: list[Range] = []
    for start, end in sorted(out):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# -- according to ------------------------------------------------------------------------


def _according_candidates(doc: Doc, text: str, lex: Lexicon, used: set[int]) -> list[Candidate]:
    out: list[Candidate] = []
    lowers = [t.lower_ for t in doc]
    for i in range(len(doc)):
        for pattern in lex.according_to:
            n = len(pattern)
            if lowers[i] != pattern[0] or not _pattern_at(doc, lowers, i, pattern, lex):
                continue
            cue = [t for t, w in zip(doc[i:i + n], pattern) if w != SLOT]
            last = cue[-1]
            pobj = [doc[i + k] for k, w in enumerate(pattern) if w == SLOT]  # "по его словам"
            pobj = pobj or [c for c in last.children if c.dep_ in {"pobj", "dobj"}]
            nxt = i + n + 1 if i + n + 1 < len(doc) and doc[i + n].text in OPENING_QUOTE_MARKS else i + n
            fallback = not pobj
            if not pobj and nxt < len(doc):
                pobj = [_modified_noun(doc[nxt])] if doc[nxt].pos_ in {"PROPN", "NOUN", "DET", "PRON", "ADJ"} else []
            if not pobj:
                continue
            src = np_tokens(pobj[0])
            opening = sentence_of_token(cue[0])
            whole = ACCORDING_CUT_AT_END and cue[0].i - opening.start <= 1 \
                and all(t.is_punct or t.is_space for t in doc[src[-1].i + 1:opening.end])
            if fallback or unclosed_aside(src) or whole and any(t.text == "," for t in src):
                # ("As first reported by Radio Meridian, the recruiters visited …" parsed with
                # the clause as an apposition to the name: no source takes its sentence)
                # not linked by the parse, or an "apposition" no comma closes ("According to
                # the BBC, human rights activists … have received …"): the phrase ends at the comma
                src = [t for t in src if not any(x.text == "," for x in doc[pobj[0].i:t.i + 1])]
            sent = sentence_of_token(cue[0])
            phrase = sorted({*(t.i for t in cue), *(t.i for t in src)})
            lo, hi = phrase[0], phrase[-1]
            if hi + 1 < len(doc) and doc[hi + 1].text in "»”\"" and doc[src[0].i - 1].text in OPENING_QUOTE_MARKS:
                hi += 1  # "По данным «ДП», …": the closing mark is the source's
            rest = [t for t in sent if not (lo <= t.i <= hi)]
            if ACCORDING_RELATIVE and len(src) == 1 and src[0].lower_ in lex.relative_pronouns:
                rest = [t for t in rest if t.i > hi]  # "information according to which [the …]"
            content = _content_ranges(doc, _drop_leading_connective(rest), text)
            content = [c for c in content if len(text[c[0]:c[1]].split()) >= 2 or len(content) == 1]
            if not content:
                continue
            used.update(t.i for t in cue)
            out.append(Candidate(
                cue_tokens=cue, lemma=" ".join(pattern), stance=lex.according_stance,
                source_tokens=src, content=content, family="according", confidence=0.85,
            ))
    return out


def _modified_noun(tok: Token) -> Token:
    """The noun a determiner or adjective modifies ("по мнению некоторых феминисток")."""
    for _ in range(3):
        if tok.dep_ in {"det", "amod", "nummod", "compound"} and tok.head.i > tok.i:
            tok = tok.head
    return tok


SLOT = "_"  # in an according-to pattern, the place of the source: "по _ словам"
# An according-to phrase that opens its sentence and whose source the parse runs on to the
# sentence's end has its source stop at its first comma.
ACCORDING_CUT_AT_END = True
OPENING_QUOTE_MARKS = frozenset("«„“\"")


def _pattern_at(doc: Doc, lowers: list[str], i: int, pattern: tuple[str, ...], lex: Lexicon) -> bool:
    """Does ``pattern`` match at token ``i``? A slot takes a possessive or a proper name."""
    if i + len(pattern) > len(doc):
        return False
    for k, word in enumerate(pattern):
        if word == SLOT:
            tok = doc[i + k]
            if not (tok.lower_ in lex.possessives or tok.pos_ == "PROPN"):
                return False
        elif lowers[i + k] != word:
            return False
    return True


def np_tokens(head: Token) -> list[Token]:
    """A noun phrase with its modifiers, conjuncts and "by X" attachments."""
    return [t for t in head.subtree if not (t.is_punct and (t.i == head.left_edge.i or t.i == head.right_edge.i))]


# -- nouns -------------------------------------------------------------------------------


def _noun_candidates(doc: Doc, text: str, lex: Lexicon, used: set[int]) -> list[Candidate]:
    """"His claim that …", "the ministry's statement that …"."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.noun_stance or tok.i in used:
            continue
        comp = [c for c in tok.children if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if not comp or (comp[0].i in used):
            continue
        poss = [c for c in tok.children if c.dep_ == "poss"]
        by = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"} for p in c.children if p.dep_ == "pobj"]
        source = np_tokens(poss[0]) if poss else (np_tokens(by[0]) if by else None)
        content = _content_ranges(doc, subtree_tokens(comp[0], skip=_asides(comp[0], lex)), text)
        if not content:
            continue
        used.add(tok.i)
        out.append(Candidate(
            cue_tokens=[tok], lemma=tok.lemma_.lower(), stance=lex.noun_stance[tok.lemma_.lower()],
            source_tokens=source, content=content, family="noun", confidence=0.6,
        ))
    return out


# -- quotes without a complement link ----------------------------------------------------


def _quote_candidates(
    doc: Doc, text: str, quotes: list[Quote], lex: Lexicon, found: list[Candidate], used: set[int]
) -> list[Candidate]:
    out: list[Candidate] = []
    covered = [r for c in found for r in c.content]
    for q in quotes:
        qr = (q.start, q.end)
        if any(r[0] <= q.start and q.end <= r[1] for r in covered):
            continue
        short = len(text[q.start:q.end].split()) < 3  # scare quotes, titles… or “Okay,” I said
        short = short and not text[:q.start].rstrip().endswith(":")  # … but not «сказал: "Помню-помню"»
        cue = _cue_after(doc, q, lex, used, window=3 if short else 8)
        if cue is None and not short:
            cue = _cue_after_long_subject(doc, q, lex, used) or _cue_before(doc, q, lex, used)
        if cue is None:
            continue
        used.add(cue.i)
        lemma = cue.lemma_.lower()
        source = _verb_source(cue)
        if QUOTED_SOURCE and source:
            source = _outside_quote(source, cue, quotes)
        out.append(Candidate(
            cue_tokens=_cue_tokens(cue, lex), lemma=lemma, stance=lex.verb_stance.get(lemma, "assert"),
            source_tokens=source, content=[qr], family="verb", confidence=0.85,
            recipient=recipient(cue, lex),
        ))
        covered.append(qr)
    return out


def _cue_after(doc: Doc, q: Quote, lex: Lexicon, used: set[int], window: int = 8) -> Token | None:
    """``“…,” Usov told CNN.`` / ``“…,” said Usov.``: a cue verb within a few tokens after."""
    first = doc_index(doc).first_token_at_or_after(q.end)
    after = list(doc[first:first + window])
    if not after:
        return None
    newline = doc_text(doc).find("\n", q.end, after[-1].idx)
    for t in after:
        if t.text in {"“", "\""} or (t.is_sent_start and t.idx > q.end + 2 and t.i != after[0].i) \
                or newline >= 0 and t.idx > newline:
            break  # another quote, a later sentence or a new paragraph: not this quote's cue
        if _is_cue_verb(t, lex) and t.i not in used and t.lemma_.lower() not in {"seem", "appear"}:
            return t
    return None


def _cue_after_long_subject(doc: Doc, q: Quote, lex: Lexicon, used: set[int]) -> Token | None:
    """``“…,” Trump, the front-runner who …, said.``: the speaker's phrase starts right
    after the quote and its verb comes later in the sentence."""
    first = doc_index(doc).first_token_at_or_after(q.end)
    starts = {t.i for t in doc[first:first + 3] if not t.is_punct}
    sent = sentence_of_token(doc[first]) if first < len(doc) else None
    if sent is None:
        return None
    for t in doc[first:min(sent.end, first + 40)]:
        if _is_cue_verb(t, lex) and t.i not in used and t.lemma_.lower() not in {"seem", "appear"}:
            subj = [c for c in t.children if c.dep_ in SUBJECTS]
            if subj and subj[0].left_edge.i in starts:
                return t
    return None


def _cue_before(doc: Doc, q: Quote, lex: Lexicon, used: set[int]) -> Token | None:
    """``He said: “…”`` / ``She added, "…"``: the cue ends just before the quote."""
    last = doc_index(doc).first_token_at_or_after(q.start)
    before = [t for t in doc[max(0, last - 6):last] if t.idx + len(t.text) <= q.start]
    if not before or before[-1].text not in {":", ","} and before[-1].idx + len(before[-1].text) < q.start - 1:
        return None
    for t in reversed(before):
        if t.text in {".", "”", "\"", "?", "!"}:
            break
        if _is_cue_verb(t, lex) and t.i not in used and t.lemma_.lower() not in {"seem", "appear"}:
            return t
    return None


def _continue_dialogue(text: str, quotes: list[Quote], found: list[Candidate]) -> None:
    """"— A, — сказал он. — B.": speech that resumes after the author's words on the
    same line belongs to the attribution of the speech before it."""
    covered = [r for c in found for r in c.content]
    for k, q in enumerate(quotes[1:], start=1):
        prev = quotes[k - 1]
        between = text[prev.end:q.start]
        if "\n" in between or any(r[0] <= q.start < r[1] for r in covered) or not between.rstrip().endswith(("—", "–")):
            continue
        owner = next((c for c in found if c.content and c.content[-1] == (prev.start, prev.end) and prev.end <= c.cue_range[0] < q.start), None)
        if owner is not None:
            owner.content.append((q.start, q.end))
            covered.append((q.start, q.end))


def _self_talk(cand: Candidate, quotes: list[Quote], lex: Lexicon | None = None) -> bool:
    """"I think", "we want" inside a quote: part of the quoted speech, not a new source.

    In a pro-drop language (``[types] pro_drop``), also any subjectless cue inside a
    quote ("Просто хотел …", "понимаете") and a subjectless first-person cue
    anywhere (the author's "Напомню, что …").
    """
    src = cand.source_tokens
    cs = cand.cue_range[0]
    inside = any(q.start < cs < q.end for q in quotes)
    if lex is not None and lex.pro_drop and not src and cand.family == "verb":
        first = any(t.morph.get("Person", []) == ["1"] for t in cand.cue_tokens)
        return inside or first
    if lex is not None and lex.pro_drop and src and len(src) == 1 and src[0].morph.get("Person", []) in (["1"], ["2"]):
        return inside
    if not src or len(src) != 1 or src[0].lower_ not in {"i", "we", "you"}:
        return False
    return inside


# -- "Name: text" ------------------------------------------------------------------------


# A "Name:" whose sentence the parse ends at the colon takes the rest of its line.
COLON_OVER_SENTENCES = True

# labels before a colon that name no speaker ("Editor's note:", "Correction:")
_COLON_LABELS = frozenset({
    "note", "editor's note", "editor’s note", "correction", "clarification", "update",
    "updated", "the latest", "latest", "warning", "related", "read more", "watch", "video",
    "photo", "photos", "listen", "disclosure", "source", "sources", "breaking", "exclusive",
    "see also", "more", "transcript", "q", "a", "details", "background", "context",
})


def labels_colon(text: str, colon: int) -> bool:
    """Whether the colon at ``colon`` follows a label that names no speaker, from the
    line's start or a caption's separator: "| Photo: EFE/EPA", "Editor's note: …"."""
    start = max(text.rfind(sep, 0, colon) for sep in ("\n", "|", "•", "·")) + 1
    return text[start:colon].strip(" \t\"“«'").lower() in _COLON_LABELS


def _colon_candidates(doc: Doc, text: str, found: list[Candidate]) -> list[Candidate]:
    """Headline and transcript attributions: ``Kerry: "By law, …"``, ``Poll: Clinton and
    Trump in dead heat``, ``"WALLACE: Let's start …``.

    What stands before the colon must name a speaker: a name of up to three proper
    nouns ("Mayor Varnow"; the pipeline runs no entity recogniser), a report noun
    ("Poll:", "Report:"), or an upper-case speaker label opening its line (a
    transcript); labels ("Editor's note:") and section headings ("Little Relief for
    Refugees:") are not speakers. The content runs to the end of the line.
    """
    out: list[Candidate] = []
    taken = [r for c in found for r in c.content] + [c.cue_range for c in found]
    for tok in doc:
        if tok.text != ":" or any(r[0] <= tok.idx < r[1] for r in taken):
            continue
        sent = sentence_of_token(tok)
        left = [t for t in sent if t.i < tok.i and not t.is_space]
        while left and left[0].text in OPENING_QUOTE_MARKS:
            left = left[1:]
        right = [t for t in sent if t.i > tok.i and not t.is_space]
        if COLON_OVER_SENTENCES and not right:
            # "KELL: You said …" parsed as two sentences, the first ending at the colon
            stop = _line_end(text, tok.idx + 1, opened=False)
            right = [t for t in doc[tok.i + 1:] if t.idx < stop and not t.is_space]
        if not (1 <= len(left) <= 6) or len(right) < 3:
            continue
        if not any(t.pos_ == "PROPN" for t in left) or any(t.pos_ in {"VERB", "AUX"} or t.is_punct and t.text not in ".-'’" for t in left):
            continue
        label = text[left[0].idx:tok.idx].strip().lower()
        lead = text[text.rfind("\n", 0, left[0].idx) + 1:left[0].idx]  # the line before it
        transcript = (all(t.text.isupper() for t in left if t.is_alpha)
                      and not lead.strip(" \t\"“«'"))
        if label in _COLON_LABELS or not (
            transcript or left[-1].lower_ in {"poll", "survey", "report", "study"}
            or len(left) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in left)
        ):
            continue
        content = _content_ranges(doc, right, text)
        if not content:
            continue
        end = _line_end(text, content[0][0], opened=bool(lead.strip()))
        out.append(Candidate(
            cue_tokens=[tok], lemma=":", stance="assert", source_tokens=left,
            content=[(content[0][0], max(end, content[-1][1]))], family="colon", confidence=0.5,
        ))
    return out


def _opens_line(text: str, start: int) -> bool:
    """Whether only white space stands between the line's start and ``start``."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


def _line_end(text: str, start: int, *, opened: bool) -> int:
    """Where a headline's or a transcript turn's words end: the end of the line, less a
    closing full stop or semicolon after a word (a headline's added punctuation), kept
    when the line is a quotation (``"PENCE: … tomorrow night."``)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    if not opened and end - start > 1 and text[end - 1] in ".;" and text[end - 2].isalnum():
        end -= 1
    return end


# a quotation signed on its own line: "“…” ― Sonya Herridge", "“…” — Jane Roe, a nurse"
_NAME = r"[^\W\d_][\w'’.-]*"
_BYLINE = re.compile(
    r"[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*"
    rf"({_NAME}(?:[ \u00a0]{_NAME}){{0,4}})"
    r"(?:,[^\n]{0,80})?[ \t\u00a0.]*(?:\n|$)"
)


# … or on a line of its own after the quotation's ("“…”¶¶- Oskar Holm.")
_BYLINE_BELOW = re.compile(r"[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)?" + _BYLINE.pattern)
BYLINE_BELOW = True


def _byline_candidates(doc: Doc, text: str, quotes: list[Quote], found: list[Candidate]) -> list[Candidate]:
    """A quotation followed by a dash and a name that ends its line: the name is the
    speaker, the dash the cue (quote collections, epigraphs, reader comments)."""
    # quotations already given to a cue outside them (those inside are nested)
    taken = [r for c in found if not any(q.start <= c.cue_range[0] < q.end for q in quotes)
             for r in c.content]
    out: list[Candidate] = []
    for q in quotes:
        m = _BYLINE.match(text, q.end)
        if m is None and BYLINE_BELOW and _opens_line(text, q.start):
            m = _BYLINE_BELOW.match(text, q.end)
        if m is None or any(r[0] <= q.start and q.end <= r[1] for r in taken):
            continue
        name = m.group(2).rstrip(".")
        if not all(w[0].isupper() for w in name.split()):
            continue
        dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        src = doc.char_span(m.start(2), m.start(2) + len(name), alignment_mode="expand")
        if dash is None or src is None or dash.end > src.start:
            continue  # (a dash the tokenizer glued to the name, "-Mayor", is no cue of its own)
        out.append(Candidate(
            cue_tokens=list(dash), lemma="—", stance="assert", source_tokens=list(src),
            content=[(q.start, q.end)], family="byline", confidence=0.6,
        ))
    return out
