"""The channel of an attribution: the outlet or person a statement reached the article through.

Read off the cue's recipient ("told CNN", "spoke to the BBC and said", "in an
interview with Kloop"), the speaker's own description ("a Somali man interviewed
by the BBC"), definite descriptions of an outlet named earlier ("told
the publication"), a sentence-level "According to CNN, X said …", the platform a
statement was posted on ("said on Telegram"), and, for a nested attribution, its
parent's speaker. People told things in private ("told police", "told him") are not
channels: only outlets, speakers already known from the article, whoever interviewed
the speaker (:func:`interviewer_channel`) and someone who passed the words on
(:func:`according_relay`) qualify. A talk with an outlet that carries no statement
("An inmate spoke to CNN from his cell", "CNN spoke with two fighters") is a
:class:`Contact`: it introduces the speaker, and the pipeline routes the speaker's
later words, like those after a "told CNN", through that outlet.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Channel
from .cues import Candidate, np_tokens, recipient
from .lexicon import Lexicon
from .sources import Described, Resolver
from .spans import Range, doc_text, head_token, tokens_range


# Languages whose outlet names come in guillemets after their kind ("изданию «Суспільне»")
QUOTED_NAME_LANGS = frozenset({"ru", "uk"})


def _closing_guillemet(text: str, rng: tuple[int, int]) -> tuple[int, int]:
    """"изданию «Новая газета": the span keeps the inner opening mark, so it takes the closing one."""
    start, end = rng
    if text.count("«", start, end) > text.count("»", start, end) and text[end:end + 1] == "»":
        return start, end + 1
    return rng


# Participles that, with "by X", say X heard the speaker: "a Somali man interviewed by the BBC"
_HEARD_BY = frozenset({"interview", "quote", "cite", "contact", "reach", "question"})


def interviewer(source: list[Token]) -> Token | None:
    """Who the source mention says heard the speaker: the "by" phrase of a participle
    in it ("a Somali man interviewed by the BBC" → "the BBC"), else ``None``."""
    for tok in source:
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in _HEARD_BY:
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                obj = [c for c in agent.children if c.dep_ == "pobj"]
                if obj:
                    return obj[0]
    return None


# Verbs whose object is the person an outlet heard: "CNN interviewed two fighters"
_INTERVIEW_VERBS = frozenset({"interview"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Contact:
    """A talk between a speaker and an outlet that carries no statement of its own
    ("An inmate spoke to CNN from his cell", "CNN spoke with two Wagner fighters"):
    it still says who the speaker is and through whom their later words came."""

    speaker: list[Token]
    outlet: Token


def contacts(doc: Doc, lex: Lexicon, resolver: Resolver, cue_tokens: set[int]) -> list[Contact]:
    """Every :class:`Contact` in ``doc`` whose verb is not itself a cue: a verb of
    conversation (the lexicon's recipient verbs) or "interview", with one side an
    outlet and the other not."""
    out: list[Contact] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in {"VERB", "AUX"} or tok.i in cue_tokens:
            continue
        subj = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
        if subj is None:
            continue
        if lemma in _INTERVIEW_VERBS:
            other = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if other is not None and _is_outlet(subj, resolver) and not _is_outlet(other, resolver):
                out.append(Contact(_mention(other), subj))
        elif lemma in lex.recipient_verbs and lemma not in lex.dative_recipient_verbs:
            other = recipient(tok, lex)
            if other is None:
                continue
            if _is_outlet(other, resolver) and not _is_outlet(subj, resolver):
                out.append(Contact(_mention(subj), other))
            elif _is_outlet(subj, resolver) and not _is_outlet(other, resolver):
                out.append(Contact(_mention(other), subj))
    return out


def _is_outlet(tok: Token, resolver: Resolver) -> bool:
    return tok.pos_ != "PRON" and _outlet_named(tok, resolver) is not None


def _outlet_named(tok: Token, resolver: Resolver) -> Described | None:
    """The outlet a noun phrase names, itself or through its possessor ("CNN's Jake
    Tapper" → CNN), else None."""
    described = resolver.describe_np(tok)
    if described.type == "outlet":
        return described
    poss = [c for c in tok.children if c.dep_ == "poss"]
    if poss:
        inner = resolver.describe_np(poss[0])
        if inner.type == "outlet":
            return inner
    return None


def _mention(head: Token) -> list[Token]:
    """The speaker's noun phrase up to its head word ("two Wagner fighters", not the
    relative clause after it)."""
    return [t for t in head.doc[head.left_edge.i:head.i + 1] if not t.is_punct]


def recipient_channel(recipient: Token | None, resolver: Resolver) -> Channel | None:
    """A channel from the cue's recipient, when the recipient is an outlet."""
    if recipient is None:
        return None
    toks = [t for t in recipient.subtree if not t.is_punct]
    rng = tokens_range(toks)
    if rng is None:
        return None
    described = _outlet_named(recipient, resolver)  # "told CNN's Jake Tapper": CNN
    if described is None:
        return None
    if resolver.lex.lang in QUOTED_NAME_LANGS:
        rng = _closing_guillemet(doc_text(resolver.doc), rng)
    resolver.entity(described, rng, as_source=False)
    text = doc_text(resolver.doc)[rng[0]:rng[1]]
    return Channel(name=described.name, start=rng[0], end=rng[1], text=text)


def according_relay(cand: Candidate, resolver: Resolver) -> Channel | None:
    """The channel an "according to X" merged into ``cand`` gives when X is no outlet:
    someone in particular who passed on words or a belief ("Officials believe …, according
    to two people familiar with the inquiry"); not what a speaker cites ("…, citing the
    trial"), not a finding or an act, not a relay inside the content itself."""
    relay = cand.extra_channel[0]
    text = doc_text(resolver.doc)
    if relay.head.lower_ != "to" or not someone(relay) or not statement(cand, text) \
            or any(r[0] <= relay.idx < r[1] for r in cand.content):
        return None
    return _relay(relay, resolver)


# Participles that say who passed a statement's record on: "in a video shared by Open Doors".
_CARRIED = frozenset({"share", "carry", "publish", "post", "air", "broadcast", "release", "circulate",
                      "distribute", "upload"})


def carrier_channel(cand: Candidate, resolver: Resolver) -> Channel | None:
    """"said in a video shared by the rights group Open Doors", "in remarks carried by
    state media": whoever passed the record of the words on, a speaker or an outlet."""
    cue = head_token(cand.cue_tokens)
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ in {"in", "on"}):
        for record in (c for c in prep.children if c.dep_ == "pobj"):
            for part in (c for c in record.children if c.dep_ == "acl" and c.tag_ == "VBN"
                         and c.lemma_.lower() in _CARRIED):
                by = next((g for a in part.children if a.dep_ == "agent"
                           for g in a.children if g.dep_ == "pobj"), None)
                if by is None:
                    continue
                toks = [t for t in np_tokens(by) if not t.is_punct]
                rng = tokens_range(toks)
                described = resolver.resolve(toks)
                if rng is None or not _speaks(by, described.type, resolver.lex):
                    continue
                resolver.entity(described, rng, as_source=False)
                text = doc_text(resolver.doc)[rng[0]:rng[1]]
                return Channel(name=described.name, start=rng[0], end=rng[1], text=text)
    return None


def interviewer_channel(cand: Candidate, resolver: Resolver) -> Channel | None:
    """"told El Faro de Ellan in an interview": whoever interviewed the speaker, named, is
    the channel, an outlet the lexicon does not know or a journalist."""
    if cand.recipient is None or cand.recipient.pos_ != "PROPN":
        return None
    if not _interview(head_token(cand.cue_tokens), resolver.lex):
        return None
    return _relay(cand.recipient, resolver)


def _interview(cue: Token, lex: Lexicon) -> bool:
    """Whether an interview phrase hangs on the cue ("in an interview published …")."""
    return any(c.dep_ == "prep" and c.lower_ in lex.interview_preps and any(
        p.dep_ == "pobj" and p.lemma_.lower() in lex.interview_nouns for p in c.children)
        for c in cue.children)


def statement(cand: Candidate, text: str) -> bool:
    """Whether ``cand`` reports words or a belief someone could pass on ("said", "believe
    that …"), not a finding or an act ("only to find …", "agree to serve")."""
    first = text[min(cand.content)[0]:min(cand.content)[1]].lstrip() if cand.content else ""
    return cand.stance in {"assert", "claim", "confirm", "deny", "believe"} \
        and not first.lower().startswith("to ")


def someone(tok: Token) -> bool:
    """Whether a relay's head names someone in particular: a name, a plural, or a noun
    with a determiner or number ("two people", "the mayor"), not a pronoun or a bare
    mass noun ("according to intelligence")."""
    if tok.pos_ == "PRON":
        return False
    return tok.pos_ == "PROPN" or tok.tag_ in {"NNS", "NNPS"} or any(
        c.dep_ in {"det", "nummod", "poss"} for c in tok.children)


# Who can pass a statement on: speakers, not documents or things.
_RELAYS = frozenset({"person", "anonymous", "group", "organization", "government"})


def _relay(head: Token, resolver: Resolver) -> Channel | None:
    """The channel of a merged "according to" whose source is no outlet ("…, according to
    two people familiar with the inquiry"): the relay, as resolved."""
    toks = np_tokens(head)
    comma = next((t.i for t in toks if t.text == "," and t.i > head.i), None)
    toks = [t for t in toks if not t.is_punct and (comma is None or t.i < comma)]  # not ", which …"
    rng = tokens_range(toks)
    if rng is None:
        return None
    described = resolver.resolve(toks)
    if described.type not in _RELAYS:
        return None  # "according to intelligence", "according to the country's laws": a ground
    resolver.entity(described, rng, as_source=False)
    text = doc_text(resolver.doc)[rng[0]:rng[1]]
    # an unnamed relay is known by its whole description, not its head noun ("people")
    name = described.name if described.type in {"person", "outlet", "organization", "government"} else text
    return Channel(name=name, start=rng[0], end=rng[1], text=text)


# Who a report can name as its own source: speakers and outlets, not documents or grounds
# ("citing legal risks", "citing a memo").
_CITED = _RELAYS | {"outlet"}


def _speaks(head: Token, kind: str, lex: Lexicon) -> bool:
    """Whether a cited phrase with this head, resolved to ``kind``, names a speaker:
    bodies, outlets and unnamed officials as resolved, a person by name or role, a group
    by a noun for people ("residents"), never a document ("a reporter's tweet")."""
    lemma = head.lemma_.lower()
    if kind not in _CITED or lemma in lex.document_nouns or head.lower_ in lex.document_nouns:
        return False
    if kind in {"group", "person"}:
        return head.pos_ == "PROPN" or lemma in lex.person_nouns or lemma in lex.group_nouns
    return True


# The stances of the reports that pass a cited source's words on.
_PASSING_ON = frozenset({"assert", "claim", "confirm", "deny", "report"})
# A "citing" whose object names no speaker, read as an according-to with that object as its
# source ("citing legal risks"), is dropped: the verb's reading, PolNeAR's, stays.
DROP_GROUNDS = True


def cited_sources(cands: list[Candidate], resolver: Resolver) -> list[Candidate]:
    """``cands`` with each "citing X" that names the source of a speaker's report turned
    into X's own attribution of that report's words, passed on by it: "The Ledger, citing
    two officials, reported that the port had closed" gives the officials, cue "citing",
    the content "that the port had closed", nested in the Ledger's (its channel).

    The report is the speech verb the parse hangs "citing" on (within three steps); X
    must name a speaker or an outlet (:func:`_speaks`). Anything else stays as it was:
    "…, citing legal risks" is the speaker's ground, PolNeAR's attribution with X as
    content."""
    lex = resolver.lex
    out = []
    done: set[tuple[int, int]] = set()  # the tagger's and the rules' candidate for one cue
    for cand in cands:
        if tuple(t.lower_ for t in cand.cue_tokens) not in lex.citing:
            out.append(cand)
            continue
        host = _citing_host(cand, cands)
        cited = _cited(cand)
        speaks = bool(cited) and _speaks(head_token(cited), resolver.resolve(cited).type, lex)
        if cand.family == "according" and cited and not speaks and DROP_GROUNDS:
            continue  # "citing legal risks" is no source with the sentence as its words
        if host is None or not speaks:
            if host is not None:
                _leave_report(cand, host, resolver.doc)
            out.append(cand)
            continue
        if cand.cue_range in done:
            continue
        done.add(cand.cue_range)
        host.content = _after(host.content, tokens_range(cited), doc_text(resolver.doc))
        out.append(Candidate(
            cue_tokens=cand.cue_tokens, lemma=cand.lemma, stance=host.stance, source_tokens=cited,
            content=list(host.content), family="verb", confidence=cand.confidence, relayed_by=host,
        ))
    return out


def _after(content: list[Range], cited: Range | None, text: str) -> list[Range]:
    """``content`` without the cited source a piece begins with ("Interfax, that the port
    was shut": the tagger ran the report's words back over the participle's object)."""
    if cited is None:
        return content
    out = []
    for s, e in content:
        if s <= cited[0] < e and not text[s:cited[0]].strip():
            s = cited[1]
            while s < e and (text[s].isspace() or text[s] in ",;"):
                s += 1
        if s < e:
            out.append((s, e))
    return out or content


def _leave_report(cand: Candidate, host: Candidate, doc: Doc) -> None:
    """Cut ``cand``'s content where the report it hangs on begins: "said, citing
    security concerns, that the ferry …" cites "security concerns", not the words."""
    text = doc_text(doc)
    starts = [s for s, _ in host.content]
    out = []
    for s, e in cand.content:
        cut = min((h for h in starts if s < h < e), default=e)
        while cut > s and (text[cut - 1].isspace() or text[cut - 1] in ",;"):
            cut -= 1
        if cut > s:
            out.append((s, cut))
    cand.content = out or cand.content


def _citing_host(cand: Candidate, cands: list[Candidate]) -> Candidate | None:
    """The report a "citing" hangs on: the nearest speech verb above it in the parse
    that is another candidate's cue, with a speaker and a content."""
    node = cand.cue_tokens[0]
    for _ in range(3):
        if node.head.i == node.i:
            return None
        node = node.head
        for other in cands:
            if other is not cand and other.family == "verb" and other.stance in _PASSING_ON \
                    and other.source_tokens and other.content and head_token(other.cue_tokens).i == node.i:
                return other
    return None


def _cited(cand: Candidate) -> list[Token]:
    """Whom a "citing" names: the source an according-to pattern found, else the cue's
    object, up to a comma after its head ("two officials, who …")."""
    if cand.family == "according" and cand.source_tokens:
        return cand.source_tokens
    last = cand.cue_tokens[-1]
    obj = next((c for c in last.children if c.dep_ in {"dobj", "obj", "pobj"} and c.i > last.i), None)
    if obj is None:
        return []
    toks = np_tokens(obj)
    comma = next((t.i for t in toks if t.text == "," and t.i > obj.i), None)
    return [t for t in toks if not t.is_punct and (comma is None or t.i < comma)]
