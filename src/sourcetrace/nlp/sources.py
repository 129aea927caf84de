"""Who a source mention refers to: name, type, descriptor, and in-article coreference.

No coreference model can be loaded offline, so resolution is built on the
parse and the article's own context:

* relative pronouns ("who say") go to the noun their clause modifies;
* personal pronouns go to the latest compatible entity ("he" → a person,
  "they" → a group or body, "it" → an organisation, outlet or document), never, for
  "he" or "she" in a quotation, to the quotation's own speaker;
* definite descriptions go to the latest outlet ("the publication", "the news
  outlet") or to the latest entity described by the same noun ("the official");
* partial names merge with full names ("Usov" ↔ "Andriy Usov");
* "a CNN exclusive by …", "an article by the BBC", "CNN reporters" stand for
  the outlet;
* descriptors come from appositions, pre-name modifiers and relative clauses;
  pseudonyms ("a man who asked to be called Aziz") are noted.

Limits: no cataphora ("Before he left, Usov said"), no gender agreement beyond
he/she vs they, no cross-sentence bridging ("the ministry" → a named ministry).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .forms import citation
from .lexicon import Lexicon
from .names import (
    ACRONYM_RE,
    DETERMINERS,
    FEMALE,
    MALE,
    OFFICES,
    QUANTITIES,
    ROLE_HEADS,
    SINGLE_ANONYMOUS,
    bare_phrase,
    compound_text,
    has_definite,
    head_word,
    initials,
    name_tokens,
    np_name,
    title_end,
    unclosed_aside,
    with_of_phrase,
)
from .spans import Range, closed_title, doc_index, doc_text, head_token, tokens_range

PSEUDONYM_RE = re.compile(
    r"\b(?:(?:asked|wished|wanted|requested|preferred|agreed)\s+(?:only\s+)?to\s+be\s+"
    r"(?:called|identified(?:\s+only)?\s+as|named|referred\s+to\s+as|known\s+as)"
    # "who gave his name only as Ruslan", "gave only her first name, Dana"
    r"|gave\s+(?:only\s+)?(?:his|her|their)\s+(?:first\s+)?name\s+(?:only\s+)?as"
    r"|gave\s+(?:only\s+)?(?:his|her|their)\s+first\s+name,?"
    # "identified in court only as Witness B", "identified only by her first name, Dana"
    r"|identified\s+(?:(?:in|to|by)\s+\w+\s+)?only\s+(?:as|by\s+(?:his|her|their)\s+first\s+name,?))\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]*)?)"
)


# "he" or "she" after a person the narrative made its subject, in the pronoun's sentence or
# the one before, since the last speaker spoke, is that person (:meth:`Resolver.pronoun`).
PREVIOUS_SUBJECT = True
# "a co-chair of the caucus" parsed as sibling appositions "co", "-", "chair" is one descriptor.
HYPHEN_DESCRIPTOR = True
# "She" is no one the article calls "Mr." or "a spokesman" (nor "he" a "Ms.").
GENDER_AGREEMENT = True
# "they" after a collective noun made the subject ("his family contacted the embassy, and
# they learned …") stands for it, as after a plural one.
COLLECTIVE_THEY = True
# "they" or "it" inside a quotation stands for no outlet (:meth:`Resolver._bodies`).
NO_OUTLET_IN_QUOTES = True
# A person's name after a collective noun ("The family of another, Hemil Kade,") names
# no speaker: a family is no person.
GROUP_NOT_A_PERSON = True
# A capitalised role noun opening a name of three words or more ("Activist Valentina
# Chupik", "Lawyer Ana Kell Marsh") describes the person and is no part of the name.
ROLE_BEFORE_NAME = True
# A title word opening a name whose other words name a firm ("General Motors", "Admiral
# Insurance") is the firm's, not a title.
TITLE_NOT_IN_FIRM = True
# A title with an "of" phrase before a name ("Zambian Minister of Foreign Affairs Stanley
# Kakubo") describes the person, so that "the minister" later finds him.
OF_TITLE_DESCRIPTOR = True
# "The Ministry", capitalised with its article, is the body last named with that word
# ("the UK's Ministry of Defence"), not a body called "Ministry".
BODY_SHORT_NAME = True
# "he" with no person spoken of before is the one person named as a subject nearby,
# passing over bodies named as subjects since ("The BBC is not giving his name").
NAMED_SUBJECT_PERSONS = True
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "madam", "madame", "dame", "lady"})
_MALE_TITLES = frozenset({"mr", "sir", "lord"})
_STOPS = frozenset({"of", "for", "at", "to", "in", "with", "from", "on", "who", "whose", "and"})
# "Some of the fishermen": the group counted names the source. ("Most of them" is left as
# it was: resolving the pronoun there went wrong 3 times in 4 on PolNeAR train.)
PARTITIVE = True
# Pronoun-like quantifiers that speak for part of a group ("Some argue …, others say …").
_QUANTIFIERS = frozenset({"some", "others", "many", "most", "few", "several", "both", "all", "none"})
# A named person whose title fits the one unnamed speaker a definite description introduced
# ("the regional governor said … Governor Oleg Brin wrote") is that speaker
# (:meth:`Resolver._named_later`).
NAMED_LATER = True
# What a firm's or body's first word alone may name ("Brightfield" for "Brightfield Homes").
_BODIES = frozenset({"organization", "government"})


@dataclass
class Entity:
    """A speaker or outlet as resolved across the article (mutable while resolving)."""

    name: str
    type: str
    descriptor: str | None = None
    mentions: list[Range] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    last: int = -1
    is_source: bool = False

    def add_mention(self, rng: Range) -> None:
        if rng not in self.mentions:
            self.mentions.append(rng)
        self.last = max(self.last, rng[0])

    def last_before(self, before: int) -> int:
        """Where the last mention starting before ``before`` starts; -1 if none."""
        return max((m[0] for m in self.mentions if m[0] < before), default=-1)


@dataclass(frozen=True)
class Described:
    name: str
    type: str
    descriptor: str | None
    # "another executive": someone other than the one described so before
    another: bool = False


class Resolver:
    """Resolves source and channel mentions of one article, in text order."""

    def __init__(self, doc: Doc, lex: Lexicon, quotes: Sequence[Range] | None = None,
                 contents: Sequence[Range] = ()) -> None:
        self.doc = doc
        self.lex = lex
        # where quotations are, when known: a first person outside them is the author's
        self.quotes = quotes
        # what the article's speakers said: a subject there is in their words, not the author's
        self.contents = contents
        self.entities: list[Entity] = []
        self.outlet_mentions = find_outlet_mentions(doc, lex)
        # "Central Bureau of Investigation (CBI)": the short form names the same body
        self.acronyms = {
            m.group("short"): re.sub(r"^The\s+", "", m.group("full"))
            for m in ACRONYM_RE.finditer(doc_text(doc))
            if initials(m.group("full")).endswith(m.group("short"))
            or initials(m.group("full"), joiners=True).endswith(m.group("short"))
        }
        self.expansions = {full: short for short, full in self.acronyms.items()}
        self._quoting: Entity | None = None  # see resolve()
        self.pseudonyms = {
            m.group("name"): m for m in PSEUDONYM_RE.finditer(doc_text(doc))
        }
        # where each word is first set beside a firm's noun ("the tech company Orbix"): one
        # pass, so that typing a name need not scan the text before it again
        self._firm_words: dict[str, int] = {}
        for tok in doc:
            if tok.text not in self._firm_words and _firm_noun_beside(tok, lex):
                self._firm_words[tok.text] = tok.i

    # -- entities -------------------------------------------------------------------

    def entity(self, described: Described, rng: Range | None, *, as_source: bool = True) -> Entity:
        """Find or create the entity for ``described``, recording the mention."""
        ent = None if described.another else self._match(described)
        if ent is None and rng is not None and not described.another:
            described = self._named_before(described, rng[0])
            ent = self._match(described)
        if ent is None and NAMED_LATER:
            ent = self._named_later(described)
        if ent is None:
            ent = Entity(described.name, described.type, described.descriptor)
            self.entities.append(ent)
        else:
            if len(described.name) > len(ent.name) and ent.type == "person" and described.type == "person":
                ent.name = described.name
            if not ent.descriptor and described.descriptor:
                ent.descriptor = described.descriptor
            if ent.type == "unknown":
                ent.type = described.type
        if rng is not None:
            ent.add_mention(rng)
        ent.is_source = ent.is_source or as_source
        return ent

    def _named_later(self, d: Described) -> Entity | None:
        """The one unnamed speaker a named person's title describes ("the regional governor
        said … Governor Oleg Brin wrote"), now given that name; else None. Only a definite
        description ("the …") or a headline's bare noun ("Brightwater mayor vows …") counts,
        and only when no other unnamed speaker fits."""
        if d.type != "person" or not d.descriptor:
            return None
        title = head_word(d.descriptor)
        text = doc_text(self.doc)
        headline = text.find("\n")
        if headline > 150 or text[:headline].rstrip().endswith("."):
            headline = -1  # a first paragraph, not a headline
        fits = [e for e in self.entities if e.type == "anonymous" and self._single(e)
                and head_word(e.name) == title and e.mentions
                and (text[min(e.mentions)[0]:min(e.mentions)[1]].lower().startswith("the ")
                     or 0 <= min(e.mentions)[1] <= headline)]  # ("Brightwater mayor vows …": a headline)
        if len(fits) != 1:
            return None
        ent = fits[0]
        ent.descriptor = ent.descriptor or ent.name
        ent.name, ent.type = d.name, "person"
        return ent

    def _firm_named_before(self, head: Token) -> Described | None:
        """The last firm named before ``head`` anywhere, a speaker or not ("Solvane
        Semiconductors will delay …, the company announced"), else None."""
        for tok in reversed(self.doc[:head.i]):
            if tok.pos_ != "PROPN" or tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
                continue
            run = name_tokens(tok, self.lex.titles)
            if run and run[-1].i == tok.i:
                found = self.describe_np(tok)
                if found.type == "organization":
                    return found
        return None

    def _named_before(self, d: Described, before: int) -> Described:
        """A surname speaking whose full name the article gave earlier, outside any
        attribution ("Pellhaven's mayor, Ilse Varnow, resigned … Varnow said"): the
        full name and its description."""
        if d.type != "person" or len(d.name.split()) != 1:
            return d
        for tok in self.doc:
            if tok.idx >= before:
                break
            if tok.pos_ != "PROPN" or tok.text != d.name:
                continue
            run = name_tokens(tok, self.lex.titles)
            firm = name_tokens(tok.head) if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" else run
            if len(firm) > 1 and firm[0].i == tok.i:
                # "Brightfield Homes … Brightfield said": a firm known by its first word
                full = self.describe_np(firm[-1])
                if full.type in _BODIES and full.name.split()[0] == d.name:
                    return Described(full.name, full.type, d.descriptor or full.descriptor)
            if len(run) < 2 or run[-1].i != tok.i:
                continue
            full = self.describe_np(tok)
            if full.type == "person" and full.name.split()[-1] == d.name:
                return Described(full.name, full.type, d.descriptor or full.descriptor)
        return d

    def _match(self, d: Described) -> Entity | None:
        key = d.name.lower()
        for ent in self.entities:
            if ent.name.lower() == key:
                return ent
        parts = key.split()
        if len(parts) == 1 and d.name[:1].isupper() and d.type in {"person", "unknown"}:
            # "Brightfield" after "Brightfield Homes" spoke: the firm, when no person has the name
            firms = [e for e in self.entities if e.type in _BODIES and e.name.lower().split()[0] == key]
            people = [e for e in self.entities if e.type == "person" and key in e.name.lower().split()]
            if firms and not people:
                return firms[-1]
        if d.type in {"person", "unknown"} or (len(parts) == 1 and d.name[:1].isupper()):
            for ent in reversed(self.entities):
                if ent.type != "person":
                    continue
                eparts = ent.name.lower().split()
                if parts and eparts and (parts[-1] == eparts[-1] or set(parts) <= set(eparts) or set(eparts) <= set(parts)):
                    return ent
        return None

    def latest(self, types: set[str], before: int, *, sources_only: bool = False,
               unless: Callable[[Entity], bool] | None = None) -> Entity | None:
        best: Entity | None = None
        unresolved = self.lex.pronouns_person | self.lex.pronouns_group | self.lex.first_person
        for ent in self.entities:
            if ent.type not in types or (sources_only and not ent.is_source) or (unless and unless(ent)) \
                    or ent is self._quoting or ent.name.lower() in unresolved:
                # (a pronoun left unresolved names no one a later pronoun could mean)
                continue
            pos = ent.last_before(before)
            if pos >= 0 and (best is None or pos > best.last_before(before)):
                best = ent
        return best

    def latest_outlet(self, before: int) -> str | None:
        names = [name for start, _, name in self.outlet_mentions if start < before]
        ent = self.latest({"outlet"}, before)
        if ent is not None:
            last_ent = ent.last_before(before)
            last_mention = max((s for s, _, _ in self.outlet_mentions if s < before), default=-1)
            if last_ent >= last_mention:
                return ent.name
        return names[-1] if names else None

    # -- mentions -------------------------------------------------------------------

    def resolve(self, tokens: list[Token], quoting: Entity | None = None) -> Described:
        """Describe a source mention given its tokens (pronouns resolved by context).

        ``quoting`` is the speaker in whose words the mention stands: a "he" or "she"
        there ("“She said I could get a passport,” he claimed") is someone else."""
        self._quoting = quoting
        try:
            return self._resolve(tokens)
        finally:
            self._quoting = None

    def _resolve(self, tokens: list[Token]) -> Described:
        head = head_token(tokens)
        start = tokens_range(tokens)[0] if tokens else 0  # type: ignore[index]
        lower = head.lower_
        if lower in self.lex.relative_pronouns and head.head.dep_ in {"relcl", "acl"}:
            antecedent = head.head.head
            if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
                # "Mr. Brenn, a harbour clerk, who added": the clause hangs on the apposition
                return self.describe_np(antecedent.head, exclude=head.head)
            return self.describe_np(antecedent, exclude=head.head)
        antecedent = _relative_antecedent(head) if RELATIVE_OBJECT and lower in self.lex.relative_pronouns else None
        if antecedent is not None:
            # "information according to which …", "the aide from whom …": the noun before
            return self.describe_np(antecedent, exclude=head)
        if lower in self.lex.relative_pronouns and head.i > 1 and self.doc[head.i - 1].text == ",":
            # "… уроженца Таджикистана, который … согласился" with the clause parsed apart:
            # the noun phrase that ends at the comma
            antecedent = self.doc[head.i - 2]
            while antecedent.head.i < antecedent.i and antecedent.head.right_edge.i == head.i - 2 \
                    and antecedent.head.pos_ in {"NOUN", "PROPN"}:
                antecedent = antecedent.head
            if antecedent.pos_ in {"NOUN", "PROPN"}:
                return self.describe_np(antecedent)
        if head.pos_ == "PRON" or lower in self.lex.pronouns_person | self.lex.pronouns_group:
            appos = [c for c in head.children if c.dep_ == "appos"]
            if appos:
                return self.describe_np(appos[0])
            inner = _partitive(head) if PARTITIVE and lower in QUANTITIES else None
            if inner is not None and inner.pos_ != "PRON":
                return self.describe_np(head)  # "Some of the fishermen": the fishermen
            return self.pronoun(lower, start, continues=_continues(head))
        flat = _flat_head(tokens)
        if flat is not None:
            # "British intelligence reports that …" parsed as one noun phrase: the mention's
            # words hang side by side on the cue; the last one heads them
            described = self.describe_np(flat)
            if described.type not in {"person", "outlet"}:
                words = [t for t in sorted(tokens, key=lambda t: t.i) if not t.is_punct]
                while words and words[0].lower_ in DETERMINERS:
                    words = words[1:]
                return Described(citation(words), described.type, described.descriptor)
            return described
        if tokens and head.left_edge.i < min(t.i for t in tokens):
            # the parse hangs words before the mention on its head ("мігрантів, …, заявив
            # голова комітету": the clause before as a possessor): name the mention only
            mention = {t.i for t in tokens}
            names = [t for t in tokens if t.pos_ == "PROPN" and t.i > head.i]
            if not names:
                return self.describe_np(head, within=mention)
            # "голова Слідчого комітету Олександр Бастрикін": the name closes the mention,
            # the words before it describe the speaker
            named = self.describe_np(names[-1], within=mention)
            first = min(t.i for t in names[-1].subtree if t.i in mention)
            before = [t for t in sorted(tokens, key=lambda t: t.i) if t.i < first]
            descriptor = citation(before) if before else None
            return Described(named.name, named.type, named.descriptor or descriptor)
        end = max((t.i for t in tokens), default=head.i)
        if head.right_edge.i > end and head.doc[end + 1].text == "," and unclosed_aside(list(head.subtree)):
            # the mention stops at a comma the parse runs past ("According to the BBC, human
            # rights activists …" with the activists as an apposition): describe the mention
            described = self.describe_np(head, within={t.i for t in head.subtree if t.i <= end})
            lo, hi = tokens_range(tokens) or (0, 0)
            mention = doc_text(self.doc)[lo:hi]
            if described.descriptor and described.descriptor not in mention:
                described = Described(described.name, described.type, None)
            return described
        return self.describe_np(head)

    def pronoun(self, lower: str, before: int, continues: bool = False) -> Described:
        """Who ``lower`` ("he", "they", "it"…) at ``before`` stands for; ``continues``: its
        verb carries on a statement ("She added …", "he also said"), so the last speaker."""
        if lower in self.lex.first_person and self.quotes is not None and not any(
                s <= before < e for s, e in self.quotes):
            # "We now know that …" in the article's own voice: no earlier speaker's
            return Described(lower, "unknown", "first person outside a quotation: the author")
        if lower in self.lex.pronouns_person:
            want = _PRONOUN_GENDER.get(lower) if GENDER_AGREEMENT else None
            other = (lambda e: _gender(e.descriptor) not in (None, want)) if want else None
            ent = self.latest({"person"}, before, sources_only=True, unless=other) or self.latest(
                {"person"}, before, unless=other)
            unnamed = self._latest_unnamed(lower, before)
            if unnamed is not None and (ent is None or unnamed.last_before(before) > ent.last_before(before)):
                # "… Anuar's father told the outlet. He also added …"
                return Described(unnamed.name, unnamed.type, unnamed.descriptor)
            if PREVIOUS_SUBJECT and ent is not None and not continues:
                recent = self._last_subject(before, 1, {"NNP"}, reported=False, named=True)
                last = max(ent.last_before(before), unnamed.last_before(before) if unnamed else -1)
                if recent is not None and recent.idx > last:
                    # "… Paula Sousa noted … Prime Minister Joaquim Reis has stood by her. He
                    # told …": a person the narrative made its subject since the last speaker
                    described = self.describe_np(recent)
                    if described.type == "person" and described.name != ent.name and (
                            self._quoting is None or described.name != self._quoting.name) and (
                            want is None or _gender(described.descriptor) in (None, want)):
                        return described
            named = self._named_subjects(before) if ent is None else []
            if not NAMED_SUBJECT_PERSONS:
                named = named[-1:]
            described = [self.describe_np(t) for t in named]
            people = [d for d in described if d.type == "person" and (
                self._quoting is None or d.name != self._quoting.name) and (
                want is None or _gender(d.descriptor) in (None, want))]
            if people and (people[-1] is described[-1] or len({d.name for d in people}) == 1):
                # "It is the last message Viktor Sevalnev would send. … he said …": with
                # no person before, a person named as a subject nearby (only a gap is
                # filled); past a body named as a subject since ("The BBC is not giving
                # his name"), only the one person named so
                return people[-1]
        elif lower in self.lex.pronouns_group:
            ent = self.latest(self._bodies(before, {"group", "anonymous", "government", "organization"}),
                              before, sources_only=True, unless=self._single)
            plural = self._plural_subject(before)
            if plural is not None and (ent is None or plural.idx > ent.last_before(before)):
                # "Many migrants are not in a situation to speak up. … they are too
                # terrified": a plural subject named since the last source is nearer
                if any(c.dep_ == "conj" for c in plural.children):
                    # "Sevalnev and several prisoners … seem to … They say …"
                    return Described(citation(bare_phrase(plural)), "group", None)
                return self.describe_np(plural)
        elif lower in self.lex.pronouns_thing:
            ent = self.latest(self._bodies(before, {"organization", "government", "document"}), before,
                              sources_only=True)
        else:
            # "Some argue …", "others say …": a part of some group, no earlier body
            return Described(lower, "group" if lower in _QUANTIFIERS else "unknown", None)
        if ent is None:
            return Described(lower, "person" if lower in self.lex.pronouns_person else "unknown", None)
        return Described(ent.name, ent.type, ent.descriptor)

    def _bodies(self, before: int, types: set[str]) -> set[str]:
        """``types`` and outlets, but no outlet for a pronoun inside a quotation (with
        :data:`NO_OUTLET_IN_QUOTES`): a speaker's "they" ("“They want to kill us all,”
        he told CNN") is someone in the speaker's world, not the outlet relaying it."""
        quoted = NO_OUTLET_IN_QUOTES and self.quotes is not None and any(
            s <= before < e for s, e in self.quotes)
        return types if quoted else types | {"outlet"}

    def _latest_unnamed(self, pronoun: str, before: int) -> Entity | None:
        """The latest unnamed single speaker ("Anuar's father", "a Somali", "the
        official") that ``pronoun`` ("he", "she") can stand for."""
        ruled_out = FEMALE if pronoun in {"he", "him", "his"} else MALE if pronoun in {"she", "her", "hers"} else ()
        return self.latest({"anonymous"}, before, sources_only=True, unless=lambda ent: (
            not self._single(ent) or head_word(ent.name) in ruled_out))

    def _single(self, ent: Entity) -> bool:
        """Whether ``ent`` is one unnamed person ("Anuar's father", "a Somali", "one of
        the detainees")."""
        noun = head_word(ent.name)
        return ent.type == "anonymous" and (noun == "one" or
            noun in self.lex.person_nouns or noun in self.lex.demonyms or noun in SINGLE_ANONYMOUS)

    def _plural_subject(self, before: int) -> Token | None:
        """The last plural noun subject (or coordinated subject: "Sevalnev and several
        prisoners", or, with :data:`COLLECTIVE_THEY`, a collective noun: "his family")
        before ``before`` in its sentence or the one before; in the article's narrative,
        not one in what a speaker said."""
        quoted = self.quotes is not None and any(s <= before < e for s, e in self.quotes)
        collective = self.lex.group_nouns if COLLECTIVE_THEY else frozenset()
        return self._last_subject(before, 1, {"NNS", "NNPS"}, coordinated=True, reported=quoted,
                                  nouns=collective)

    def _named_subjects(self, before: int) -> list[Token]:
        """The singular proper-name subjects before ``before`` in its sentence or the
        three before, in order."""
        return self._subjects(before, 3, {"NNP"})

    def _last_subject(self, before: int, sentences_back: int, tags: set[str],
                      coordinated: bool = False, reported: bool = True, named: bool = False,
                      nouns: frozenset[str] = frozenset()) -> Token | None:
        """The last of :meth:`_subjects`."""
        found = self._subjects(before, sentences_back, tags, coordinated, reported, named, nouns)
        return found[-1] if found else None

    def _subjects(self, before: int, sentences_back: int, tags: set[str],
                  coordinated: bool = False, reported: bool = True, named: bool = False,
                  nouns: frozenset[str] = frozenset()) -> list[Token]:
        """The subjects, in order, tagged ``tags`` (or, with ``coordinated``, with a noun
        conjunct; with ``named``, with a name in apposition: "Orbix's chief executive,
        Pavel Ostrov,") before ``before`` in its sentence or the ``sentences_back``
        before; without ``reported``, none in a speaker's words ("They said dozens of
        prisoners had signed up. They said …": the second "they" is still the speakers); a
        subject whose word is one of ``nouns`` counts whatever its tag."""
        index = doc_index(self.doc)
        at = index.first_token_at_or_after(before)
        if at >= len(self.doc):
            return []
        sent = max(0, index.sent_ids[at] - sentences_back)
        found = [t for t in self.doc[index.sents[sent].start:at]
                 if t.dep_ in {"nsubj", "nsubjpass"} and (t.tag_ in tags or t.lower_ in nouns or coordinated and any(
                     c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} for c in t.children) or named and any(
                     c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children))
                 and (reported or not any(s <= t.idx < e for s, e in self.contents))]
        return found

    def _quoted_outlet(self, head: Token) -> Described | None:
        """The outlet whose name, set in quotation marks, holds ``head`` ("The weekly
        “Harbour Notes” reported": the parse's head is "Notes"), with the words before
        the mark as its descriptor ("weekly")."""
        text = doc_text(head.doc)
        for start, end, name in self.outlet_mentions:
            if start <= head.idx < end and text[:start].rstrip(" \t\xa0")[-1:] in _OPENING_MARKS:
                words = [t for t in head.subtree if t.idx < start and not t.is_punct
                         and t.lower_ not in DETERMINERS]
                return Described(_canonical_outlet(self.lex, name), "outlet", citation(words) or None)
        return None

    def describe_np(self, head: Token, exclude: Token | None = None,
                    within: set[int] | None = None) -> Described:
        lex = self.lex
        subtree = [t for t in head.subtree if exclude is None or t.i not in {x.i for x in exclude.subtree}]
        if within is not None:
            subtree = [t for t in subtree if t.i in within]
        lemma = head.lemma_.lower()
        # "a man who asked to be called Aziz": the pseudonym names the speaker.
        pseudonym = self._pseudonym_in(head, subtree)
        if pseudonym is not None:
            return pseudonym
        quoted = self._quoted_outlet(head) if QUOTED_OUTLET_NAMES else None
        if quoted is not None:
            return quoted
        kinded = self._kind_beside(head) if KIND_BESIDE else None
        if kinded is not None:
            return kinded
        # A known outlet whatever its tag ("Как сообщает «Медиазона»" with a NOUN tag).
        if head.pos_ == "NOUN" and not head.lower_ in lex.outlet_nouns:
            known = lex.outlet_name(citation([t for t in subtree if not t.is_punct]))
            if known:
                return Described(known, "outlet", None)
        # Documents and journalists stand for their outlet: "a CNN exclusive", "CNN reporters";
        # but "records seen by the Ledger" are documents the outlet relays.
        document = lemma in lex.document_nouns or head.lower_ in lex.document_nouns
        if head.pos_ == "NOUN" and lemma == "intelligence" and not document:
            # "intelligence from the UK Department of Defense": what the department gathered
            author = self._author(head)
            if author is not None:
                return author
        if head.pos_ == "NOUN" and (document or head.lower_ in lex.journalist_nouns):
            outlet = None if _relayed(head) else self._outlet_in(subtree, head)
            if outlet:
                # "a report by the Nordic Monitor, a Stockholm-based watchdog,": the author's
                # apposition describes the outlet
                return Described(outlet, "outlet", self._author_apposition(head))
            author = self._author(head) if document else None
            if author is None and document and POSSESSIVE_AUTHOR:
                author = self._possessive_author(head)
            if author is not None:
                return author
            if document:
                return Described(np_name(subtree, head), "document", None)
        # An outlet noun with the outlet's name in apposition: "the Russian newspaper Novaya
        # Gazeta", "the newspaper, Harbour Ledger,"
        if head.pos_ == "NOUN" and lemma in lex.outlet_nouns:
            doc = head.doc
            named_outlet = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                                 and c.i > head.i and doc[c.left_edge.i - 1].text != "("), None)
            if named_outlet is not None:
                inner = self.describe_np(named_outlet)
                if inner.type in {"outlet", "person", "organization"}:
                    words = [t for t in head.subtree if t.i <= head.i and not t.is_punct]
                    while words and words[0].lower_ in DETERMINERS:
                        words = words[1:]
                    return Described(_canonical_outlet(lex, inner.name), "outlet", citation(words) or None)
            end = head.idx + len(head.text)
            after = next((name for start, _, name in self.outlet_mentions
                          if start > end and not doc_text(doc)[end:start].strip(_OPENING_GAP)), None)
            if after is not None:
                # "told the newspaper Dagposten that …" with the name parsed as a verb
                return Described(_canonical_outlet(lex, after), "outlet", None)
        # Definite descriptions of an outlet: "the publication", "the news outlet".
        # (in a language without articles, any such noun: "рассказал изданию")
        named_kind = any(c.dep_ == "compound" and c.lower_ not in {"news", "media"} and not lex.outlet_name(c.text)
                         for c in head.children)  # "the UN refugee agency" is no news agency
        if head.pos_ == "NOUN" and (has_definite(head) or not lex.has_articles) and not (named_kind and lex.has_articles) \
                and (lemma in lex.outlet_nouns or compound_text(head) in lex.outlet_nouns):
            outlet = self.latest_outlet(head.idx)
            if outlet:
                return Described(outlet, "outlet", None)
        # A unit of an outlet: "the BBC's Russian-language service", "CNN's investigations
        # team" speak for the outlet (the mention keeps the unit's words; a descriptor
        # would describe every mention of the outlet).
        poss = [c for c in head.children if c.dep_ == "poss" and c.i < head.i]
        if head.pos_ == "NOUN" and poss and lemma not in lex.person_nouns and lemma not in lex.anonymous:
            outlet = self._outlet_in(list(poss[0].subtree), head)
            if outlet:
                return Described(outlet, "outlet", None)
        named = self._appositive_name(head, subtree) or self._trailing_name(head, subtree)
        if named is not None:
            return named
        name_toks = name_tokens(head, lex.titles) if head.tag_ != "NNPS" else []
        if len(name_toks) == 1 and name_toks[0].is_lower and name_toks[0].lower_ in (
                lex.government | lex.organization | lex.group_nouns | lex.anonymous | lex.document_nouns):
            name_toks = []  # "the Russian foreign ministry" with "ministry" tagged as a name: a common noun
        if BODY_SHORT_NAME and len(name_toks) == 1 and not name_toks[0].is_lower and has_definite(head) \
                and name_toks[0].lower_ in lex.government | lex.organization:
            # "The Ministry has indicated …" after "the UK's Ministry of Defence": that body
            word = name_toks[0].lower_
            body = self.latest({"government", "organization"}, head.idx,
                               unless=lambda e: word not in e.name.lower().split() or e.name.lower() == word)
            if body is not None:
                return Described(body.name, body.type, body.descriptor)
        if name_toks and name_toks[-1].lower_ in lex.titles | OFFICES and has_definite(head):
            # "The Zambian Foreign Minister said": no name, a role described before
            earlier = self._described_earlier(head, name_toks[-1].lower_, words_only=True)
            if earlier is not None:
                return earlier
        if name_toks:
            titles = name_toks[:title_end(name_toks, lex.titles)]
            if ROLE_BEFORE_NAME and not titles and len(name_toks) >= 3 and name_toks[0].lower_ in lex.person_nouns \
                    and all(t.text[:1].isupper() for t in name_toks) and not any(
                        t.lower_ in lex.organization | lex.government | lex.outlet_name_words for t in name_toks):
                titles = name_toks[:1]  # "Activist Valentina Chupik": a role noun capitalised before the name
            rest = [t for t in name_toks if t not in titles]
            if TITLE_NOT_IN_FIRM and titles and any(t.lower_ in lex.organization for t in rest):
                titles, rest = [], name_toks  # "General Motors": a firm's name, not a general's
            if len(rest) == 1 and rest[0].lower_ in lex.government | lex.organization | lex.group_nouns:
                titles = []  # "the General Staff": a body's name, not a titled person
            name = citation([t for t in name_toks if t not in titles]) or citation(name_toks)
            descriptor = self._descriptor(head, name_toks, len(titles)) or (_as_written(titles) or None)
            if name in self.pseudonyms:
                descriptor = descriptor or self._pseudonym_descriptor(name)
            if name in self.acronyms:
                # "the CBI" after "Central Bureau of Investigation (CBI)"; an outlet is known
                # by its short name: "British Broadcasting Corporation (BBC)" is the BBC
                full, short = self.acronyms[name], name
                name = short if lex.outlet_name(short) else full
            elif name in self.expansions and lex.outlet_name(self.expansions[name]):
                name = self.expansions[name]
            kind = self._name_type(name, head, titled=bool(titles))
            if kind in {"government", "organization"}:
                name = with_of_phrase(name, name_toks)  # "Central Bureau" + "of Investigation"
                owner = [c for c in name_toks[-1].children if c.dep_ == "poss" and c.pos_ == "PROPN"
                         and c.i < name_toks[0].i]
                if owner and name == citation(name_toks):
                    # "Zambia's foreign ministry" and "Ukraine's Foreign Ministry" are two bodies
                    name = citation([*owner[0].subtree, *name_toks])
            if kind != "outlet" and _outlet_descriptor(head, lex):
                kind = "outlet"  # "газета «Харбор Леджер»", "the newspaper Harbour Ledger"
            if kind == "outlet":
                name = self._outlet_alias(name, head.idx)
            return Described(_canonical_outlet(lex, name), kind, descriptor)
        # A definite description of an earlier speaker: "the official", "the guard".
        if head.pos_ == "NOUN" and has_definite(head) and head.tag_ == "NN":
            earlier = self._described_earlier(head, lemma)
            if earlier is not None:
                return earlier
            if lemma in lex.organization and not any(c.dep_ in {"compound", "amod", "prep"} for c in head.children):
                # "Dunmere Shipping said … The company did not respond": the last firm named
                ent = self.latest({"organization"}, head.idx)
                if ent is not None:
                    return Described(ent.name, ent.type, ent.descriptor)
                firm = self._firm_named_before(head)
                if firm is not None:
                    return firm
        elif head.pos_ == "NOUN" and not lex.has_articles and head.tag_ == "NN":
            # no articles to mark it: a bare noun refers back only when an earlier
            # speaker was described with it ("мэр Москвы Сергей Собянин" … "Мэр напомнил")
            earlier = self._described_earlier(head, lemma, words_only=True)
            if earlier is not None:
                return earlier
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if inner is not None and lemma in QUANTITIES and head.i < of.i:
            # "Dozens of chat messages", "hundreds of migrants": the things counted speak
            counted = self.describe_np(inner)
            if counted.type == "outlet" and _relayed(head):
                # "Dozens of chat messages …, reviewed by CNN,": documents the outlet saw
                counted = Described(np_name(list(inner.subtree), inner), self._noun_type(inner), None)
            kind = "group" if counted.type == "unknown" else counted.type
            return Described(counted.name, kind, counted.descriptor)
        if of is not None and (lemma == "one" or head.like_num) and head.i < of.i:
            # "One of the migrant detainees, a Somali man, said": an unnamed member of a group
            of_part = {x.i for x in bare_phrase(of, {"relcl", "acl"})}
            toks = [t for t in subtree if t.i <= head.i or t.i in of_part]
            while toks and toks[0].i < head.i and toks[0].lower_ in DETERMINERS:
                toks = toks[1:]
            return Described(citation(toks), "anonymous", self._descriptor(head, [head]))
        another = any(c.dep_ == "det" and c.lower_ == "another" for c in head.children)
        return Described(np_name(subtree, head), self._noun_type(head), None, another)

    def _described_earlier(self, head: Token, lemma: str, words_only: bool = False) -> Described | None:
        """The latest entity this description fits: same head noun in its name or
        descriptor ("a prison guard" → "the guard"), else (unless ``words_only``),
        for a person noun ("the official"), the latest named person quoted."""
        earlier = sorted((e for e in self.entities if e.last < head.idx), key=lambda e: -e.last)
        kind = self._noun_type(head)
        for ent in earlier:
            if kind in _BODIES and ent.type not in {kind, "unknown"}:
                continue  # "the company" is no "company spokeswoman"
            words = ent.name.lower().split() + (ent.descriptor or "").lower().split()
            if lemma in words or head.lower_ in words:
                return Described(ent.name, ent.type, ent.descriptor)
        if words_only or kind == "organization":
            return None  # ("the company": the last firm named, see describe_np)
        introduced = self._introduced(head, lemma)
        if introduced is not None:
            return introduced
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return None  # "the head of Acme Corp" says who it is: not the last speaker
        if lemma in self.lex.titles | OFFICES:
            return None  # "the minister" is the one described so, not whoever spoke last
        if lemma in self.lex.person_nouns or lemma in self.lex.anonymous:
            roles = self.lex.government | {"director", "deputy", "minister", "spokesman", "spokeswoman", "spokesperson", "officer", "commander", "secretary", "official"}
            for ent in earlier:
                if ent.type == "person" and ent.is_source and lemma in {"official", "spokesman", "spokeswoman", "spokesperson"} and (
                    ent.descriptor and roles & set(ent.descriptor.lower().replace("'s", "").split())
                ):
                    return Described(ent.name, ent.type, ent.descriptor)
            ruled_out = MALE if lemma in FEMALE else FEMALE if lemma in MALE else frozenset()
            for ent in earlier:
                # the latest speaker named, or described as one unnamed person ("An inmate
                # spoke to CNN … said the prisoner")
                if ROLE_CLASH and self._other_role(ent, lemma):
                    continue  # "… the official said. … the lawyer said": two people
                if ent.is_source and (ent.type == "person" or self._single(ent) and head_word(ent.name) not in ruled_out):
                    return Described(ent.name, ent.type, ent.descriptor)
        return None

    def _other_role(self, ent: Entity, lemma: str) -> bool:
        """Whether ``ent`` was described by a role that is not ``lemma``'s: an "official"
        is not "the lawyer"; an "inmate" may be "the prisoner" (one family of roles, see
        :data:`ROLE_FAMILIES`), and "the man" may be anyone."""
        if lemma in GENERIC_PEOPLE:
            return False
        described = ent.descriptor if ent.type == "person" else ent.name
        role = head_word(described or "")
        lex = self.lex
        if not role or role == lemma or role not in lex.person_nouns | lex.anonymous or role in lex.titles | OFFICES:
            return False  # (a title or an office says nothing against "the candidate")
        return not any(role in family and lemma in family for family in ROLE_FAMILIES)

    def _author_apposition(self, document: Token) -> str | None:
        """The description set beside a document's named author ("a report by [the Nordic
        Monitor], a Stockholm-based watchdog,"), else None."""
        for prep in (c for c in document.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}):
            for author in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                if any(c.dep_ == "appos" and c.pos_ not in {"PROPN", "NUM"} for c in author.children):
                    return self._descriptor(author, [author])
        return None

    def _appositive_name(self, head: Token, subtree: list[Token]) -> Described | None:
        """"Russia's defence minister, Sergei Shoigu," and "the vice-president of the
        Security Council, Dmitri Medvedev,": a person's name set off by a comma at the
        end of a described noun phrase names the speaker; the words before describe it."""
        if head.pos_ != "NOUN" or not subtree:
            return None
        words = [t for t in subtree if not t.is_punct and not t.is_space]
        if not words or words[-1].pos_ != "PROPN" or words[-1].i <= head.i:
            return None
        last = words[-1]
        appos = last if last.dep_ == "appos" else last.head if last.head.dep_ == "appos" else None
        if appos is None or appos.pos_ != "PROPN" or appos.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        comma = self.doc[appos.left_edge.i - 1] if appos.left_edge.i > 0 else None
        if comma is None or comma.i < head.i or comma.i > head.i and comma.text != ",":
            return None  # set off by a comma, or right after the noun: "his mother Ms Begum"
        name_toks = [t for t in name_tokens(appos, self.lex.titles) if t.i >= appos.left_edge.i]
        titles = name_toks[:title_end(name_toks, self.lex.titles)]
        name = citation([t for t in name_toks if t not in titles])
        if not name:
            return None
        kind = self._noun_type(head)  # "the company, Acme Corp,": the noun says what it is
        if kind not in {"organization", "outlet"}:
            kind = self._name_type(name, appos, titled=bool(titles))
            if kind != "person" or (GROUP_NOT_A_PERSON and head.lower_ in self.lex.group_nouns):
                return None  # ("The family of another, Hemil Kade,": the name is the other's)
        before = [t for t in subtree if t.i <= comma.i and not t.is_punct]
        while before and before[0].lower_ in DETERMINERS:
            before = before[1:]
        if kind == "outlet":
            name = _canonical_outlet(self.lex, name)
        return Described(name, kind, citation(before) or None)

    def _trailing_name(self, head: Token, subtree: list[Token]) -> Described | None:
        """"Chairman of the Investigative Committee of Russia Alexander Bastrykin": a
        role with no comma before the person's name that closes it (the parse hangs the
        name on the last word of the role)."""
        lex = self.lex
        if head.lower_ not in lex.titles | OFFICES | ROLE_HEADS:
            return None
        words = [t for t in subtree if not t.is_punct and not t.is_space]
        if not words or words[-1].pos_ != "PROPN" or words[-1].i <= head.i + 2:
            return None
        name_toks = [t for t in name_tokens(words[-1]) if t.i in {w.i for w in words}]
        known = lex.countries | lex.capitals | lex.government | lex.organization
        cut = [k for k, t in enumerate(name_toks[:-2]) if t.lower_ in known]
        if cut:  # "… of Norway Ilse Varnow" parsed as one name: the role ends at the country
            name_toks = name_toks[cut[-1] + 1:]
        before = [t for t in words if t.i < name_toks[0].i] if name_toks else []
        if len(name_toks) < 2 or not before or before[-1].lower_ in {"of", "the", "for", "at", "in"}:
            return None
        if before[-1].pos_ == "NOUN" and before[-1].lower_ not in (
                known | lex.titles | OFFICES | ROLE_HEADS | lex.group_nouns):
            return None  # "the captain of the ferry Saint Alba": the name is the ferry's
        name = citation(name_toks)
        if self._name_type(name, words[-1]) != "person":
            return None
        while before and before[0].lower_ in DETERMINERS:
            before = before[1:]
        return Described(name, "person", citation(before) or None)

    def _introduced(self, head: Token, lemma: str, sentences_back: int = 5) -> Described | None:
        """The nearest indefinite noun phrase with the same head noun in the sentences
        before ("… against a middle-aged man from Somalia. … The man says …"), when
        no speaker was described with it: the description it introduced."""
        index = doc_index(self.doc)
        first = index.sents[max(0, index.sent_ids[head.i] - sentences_back)].start
        for tok in reversed(self.doc[first:head.i]):
            if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma and tok.tag_ == head.tag_ and any(
                    c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
                phrase = bare_phrase(tok)
                if len(phrase) <= 2:
                    return None  # "a decree": nothing the definite noun does not say
                return Described(np_name(list(tok.subtree), tok), self._noun_type(tok), citation(phrase))
        return None

    def _pseudonym_in(self, head: Token, subtree: list[Token]) -> Described | None:
        if not self.pseudonyms or not subtree:
            return None
        start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
        for name, m in self.pseudonyms.items():
            if start <= m.start() and m.end() <= end and head.pos_ in {"NOUN", "PRON"}:
                lead = doc_text(self.doc)[start:m.end()]
                return Described(name, "person", f"{lead} (pseudonym)")
        return None

    def _outlet_alias(self, name: str, before: int) -> str:
        """"the Ledger" → "Harbour Ledger" when that outlet was named earlier."""
        if " " in name:
            return name
        for start, _, full in reversed(self.outlet_mentions):
            if start < before and full.lower().split()[-1] == name.lower() and full != name:
                return full
        return name

    def _author(self, head: Token) -> Described | None:
        """Who issued a document: "a statement from Stanley Kakubo, Zambia's minister",
        "a letter by the harbour board" (a named person or a body speaks through it)."""
        preps = [c for c in head.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by"}]
        # "a report released on Monday by the Human Rights Centre": who issued it
        preps += [g for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _AUTHORING
                  for g in c.children if g.dep_ == "agent"]
        for prep in preps:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ == "PRON":
                continue
            described = self.describe_np(pobj)
            if described.type in {"government", "organization"} or (
                    described.type == "person" and pobj.text[:1].isupper()):
                return described
        return None

    def _kind_beside(self, head: Token) -> Described | None:
        """A name its own phrase says is a body or an outlet: "Open Doors, a human rights
        group," and "the rights group Open Doors" (an organisation), "Lumen, an independent
        news outlet," (an outlet), whatever the parse made of the name's words."""
        named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ in {"PROPN", "NOUN"}
                      and c.text[:1].isupper() and c.left_edge.i == head.i + 1), None)
        if named is not None and head.pos_ == "NOUN" and head.text.islower():
            # "the rights group Open Doors" parsed with the name as the noun's apposition
            kind = self._body_kind(head)
            name = [t for t in named.subtree if t.i <= named.i and not t.is_punct]
            if kind is not None and self._bare_name(name):
                words = [t for t in head.subtree if t.i <= head.i and not t.is_punct and t.lower_ not in DETERMINERS]
                return self._kinded(citation(name), kind, citation(words), head.idx)
        if head.pos_ not in {"PROPN", "NOUN"} or not head.text[:1].isupper() or head.i == head.sent.start \
                and head.pos_ == "NOUN" and head.tag_ != "NNS":
            return None
        doc = head.doc
        for c in head.children:  # "Open Doors, a human rights group,"
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > head.i and doc[c.left_edge.i - 1].text == ",":
                kind = self._body_kind(c)
                name = [t for t in head.subtree if t.i < c.left_edge.i - 1 and not t.is_punct
                        and t.lower_ not in DETERMINERS]
                if kind is None or not name or not all(t.text[:1].isupper() for t in name):
                    return None
                words = [t for t in c.subtree if not t.is_punct and t.lower_ not in DETERMINERS
                         and not any(a.dep_ == "relcl" for a in [t, *t.ancestors] if a.i > c.i)]
                return self._kinded(citation(name), kind, citation(words) or None, head.idx)
        left = [t for t in head.subtree if t.i < head.i]
        for k in range(len(left) - 1, -1, -1):  # "the rights group Open Doors"
            t = left[k]
            if t.pos_ == "NOUN" and t.text.islower() and t.dep_ == "compound":
                kind = self._body_kind(t)
                name = [*left[k + 1:], head]
                if kind is None or not all(n.pos_ == "PROPN" for n in name) or not self._bare_name(name):
                    return None  # ("party Chairman Reince Priebus" is a person)
                words = [w for w in left[:k + 1] if not w.is_punct and w.lower_ not in DETERMINERS]
                return self._kinded(citation(name), kind, citation(words), head.idx)
        return None

    def _body_kind(self, noun: Token) -> str | None:
        """"outlet" or "organization" for a noun that names such a kind ("outlet", "group")."""
        lemma = noun.lemma_.lower()
        return "outlet" if lemma in self.lex.outlet_nouns else "organization" if lemma in self.lex.organization else None

    def _bare_name(self, name: list[Token]) -> bool:
        """Capitalised words with no title or office among them."""
        roles = self.lex.titles | OFFICES | ROLE_HEADS
        return bool(name) and all(t.text[:1].isupper() and t.lower_.rstrip(".") not in roles for t in name)

    def _kinded(self, name: str, kind: str, descriptor: str | None, at: int) -> Described:
        if kind == "outlet":
            return Described(_canonical_outlet(self.lex, self._outlet_alias(name, at)), kind, descriptor)
        return Described(name, kind, descriptor)

    def _possessive_author(self, head: Token) -> Described | None:
        """The body or outlet "its" or "their" stands for on a document: "Lumen has
        counted 310 deaths, according to its own tally": the subject before it in its
        sentence, when that names one."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _BODY_POSSESSIVES), None)
        if poss is None:
            return None
        kinds = _BODY_POSSESSIVES[poss.lower_]
        for tok in reversed(self.doc[poss.sent.start:poss.i]):
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ in {"PROPN", "NOUN"}:
                described = self.describe_np(tok)
                if described.type in kinds:
                    return described
        return None

    def _outlet_in(self, subtree: list[Token], head: Token) -> str | None:
        # a whole name found in the text first: "The Moscow Times", not its word "Times"
        for start, end, name in self.outlet_mentions:
            if subtree and subtree[0].idx <= start and end <= subtree[-1].idx + len(subtree[-1].text):
                return name
        for tok in subtree:
            if tok.i == head.i:
                continue
            name = self.lex.outlet_name(tok.text)
            if name:
                return name
        return None

    def _descriptor(self, head: Token, name_toks: list[Token], titles: int = 0) -> str | None:
        # (an age set off by commas, "Ana Lopez, 34, a nurse", describes no one)
        appos = [c for c in head.children if c.dep_ == "appos" and c.pos_ not in {"PROPN", "NUM"}
                 and not _clause_as_apposition(c)]
        if appos:
            # a clause set off by a comma says what the source did, not who it is
            clauses = {t.i for c in appos[0].children if c.dep_ == "relcl" and c.left_edge.i > 0
                       and self.doc[c.left_edge.i - 1].text == "," for t in c.subtree}
            toks = [t for t in appos[0].subtree if t.i not in clauses
                    and (not t.is_punct or t.i not in (appos[0].left_edge.i, appos[0].right_edge.i))]
            if HYPHEN_DESCRIPTOR:
                toks = _hyphen_joined(self.doc, toks, head)
            rng = tokens_range(toks)
            if rng:
                text = doc_text(self.doc)
                start, end = rng[0], rng[0] + len(text[rng[0]:rng[1]].rstrip(" ,"))
                return text[start:closed_title(text, start, end)].strip(" ,")  # (“The Five,”)
        pre = [t for t in head.subtree if t.i < name_toks[0].i and t.dep_ in {"compound", "amod", "nmod"} and (
            t.pos_ in {"NOUN", "ADJ"} or OF_TITLE_DESCRIPTOR and t.dep_ == "nmod" and t.lower_ in self.lex.titles | OFFICES
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children))]
        # ("Zambian Minister of Foreign Affairs Stanley Kakubo": a title with its "of" phrase)
        if pre:
            # "Transport minister Lena Vogt": the modifier runs on through a common-noun title
            # after it ("Marine biologist Dr. Nora Quist" keeps "Dr." out)
            lower_titles = list(itertools.takewhile(lambda t: t.is_lower, name_toks[:titles]))
            rng = tokens_range([t2 for t in pre for t2 in t.subtree] + lower_titles)
            if rng:
                return doc_text(self.doc)[rng[0]:rng[1]]
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            # "Pellhaven's mayor, Ilse Varnow,": the noun phrase the name is set beside
            toks = [t for t in head.head.subtree if t.i < name_toks[0].i]
            while toks and (toks[-1].is_punct or toks[-1].is_space):
                toks.pop()
            rng = tokens_range(toks)
            return doc_text(self.doc)[rng[0]:rng[1]] if rng else None
        return None

    def _pseudonym_descriptor(self, name: str) -> str:
        m = self.pseudonyms[name]
        tok = self.doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if tok is not None and len(tok):
            verb = tok[0]
            np = verb.head if verb.dep_ == "relcl" else None
            if np is not None:
                toks = [t for t in np.subtree if t.i <= self.doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")[-1].i]
                rng = tokens_range(toks)
                if rng:
                    return doc_text(self.doc)[rng[0]:rng[1]] + " (pseudonym)"
        return f"pseudonym: {name}"

    def _name_type(self, name: str, head: Token, titled: bool = False) -> str:
        lex = self.lex
        words = name.lower().split()
        bare = " ".join(w for w in words if w != "the")
        if len(words) == 1 and words[0] in lex.outlet_name_words:
            return "outlet"
        if lex.outlet_name(name) or (len(words) > 1 and words[-1] in lex.outlet_name_words) or (
                words and words[0] == "radio") or (len(bare.split()) > 1 and bare.split()[0] in {"daily", "weekly"}):
            # ("The Daily Meridian": a paper's name may open with its rhythm)
            return "outlet"
        if len(words) > 1 and name.split()[0].isupper() and lex.outlet_name(name.split()[0]):
            return "outlet"  # "BBC Africa", "CNN International": a service of the outlet
        for ent in self.entities:
            if ent.name.lower() == name.lower():
                return ent.type
        if any(found.lower() == name.lower() for _, _, found in self.outlet_mentions):
            return "outlet"  # "Gazeta Portowa (Harbour Gazette)": named as an outlet in the text
        if any(w in lex.government for w in words) or " ".join(words) in lex.government or any(
                bare.endswith(" " + g) for g in lex.government if " " in g):
            return "government"  # "the Interior Ministry", "the UAF General Staff"
        if bare in lex.countries or (bare in lex.capitals and not titled):
            return "government"  # "Russia has offered …", "Moscow denied …": the state speaks
        if bare in lex.demonyms or bare in lex.demonym_plurals:
            return self._demonym_type(head)
        if any(w in lex.organization for w in words):
            return "organization"
        if self._firm_words.get(head.text, len(self.doc)) <= head.i:
            # "the developer, Brightfield Homes," "Kestrel, a retailer", "the tech company
            # Orbix", here or where the name was first given
            return "organization"
        if head.ent_type_ in {"ORG"}:
            return "organization"
        if head.ent_type_ in {"NORP"} or head.tag_ == "NNPS":
            return "group"
        if head.ent_type_ in {"GPE"}:
            return "government"
        if any(c.dep_ == "relcl" and c.left_edge.lower_ == "which" for c in head.children):
            return "organization"  # "Lines Maritime, which owns the ferry,": no person is a "which"
        return "person"

    def _demonym_type(self, head: Token) -> str:
        """"a Somali" is one unnamed person, "the Finns" and "the French" a group."""
        text = head.lower_
        one = any(c.dep_ in {"det", "nummod"} and c.lower_ in {"a", "an", "one"} for c in head.children)
        if text in self.lex.demonyms and (one or text not in self.lex.demonym_plurals):
            return "anonymous"
        return "group"

    def _noun_type(self, head: Token) -> str:
        lex = self.lex
        lemma = head.lemma_.lower()
        text = head.lower_
        if (lemma in lex.media_nouns or text in lex.media_nouns) and any(
                c.dep_ in {"compound", "amod", "poss"} for c in head.children):
            return "outlet"  # "state television", "local media"
        if (text in lex.government or lemma in lex.government) and any(
                c.dep_ in {"compound", "amod"} and c.lower_ in lex.nongovernmental for c in head.children):
            return "organization"  # "aid agencies", "the UN refugee agency", "rights groups"
        if text in lex.government or lemma in lex.government or compound_text(head) in lex.government:
            if lemma in {"official", "officials"}:
                return "anonymous"
            return "government"
        if text in lex.anonymous or lemma in lex.anonymous:
            return "anonymous"
        if text in lex.demonyms or text in lex.demonym_plurals:
            return self._demonym_type(head)
        if lemma in lex.group_nouns or text in lex.group_nouns:
            return "group"
        if lemma in lex.person_nouns:
            return "group" if head.tag_ == "NNS" else "anonymous"
        if lemma in lex.organization:
            return "organization"
        if lemma in lex.document_nouns or text in lex.document_nouns:
            return "document"
        if lemma in lex.outlet_nouns:
            return "outlet"
        if head.tag_ in {"NNS", "NNPS"}:
            return "group"
        return "unknown"


# Dependents that, hung on the cue beside their noun, show a noun phrase parsed flat
_NP_MODIFIERS = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod"})


# Participles whose "by X" names a document's issuer, not one who relays it ("seen by")
_AUTHORING = frozenset({"release", "publish", "issue", "compile", "write", "prepare", "produce", "author"})


def _gender(descriptor: str | None) -> str | None:
    """"f" or "m" where a descriptor says it of its own person: a lone title ("Ms."), or a
    gendered noun before any possessive or preposition ("a spokeswoman for the port"; not
    "Mrs. Clinton's pollster", who is someone else's); else None. Not read: first names
    (no name lexicon ships) and the pronouns already resolved to the person (measured:
    they mostly echo the resolver's own guesses)."""
    words = (descriptor or "").lower().replace(".", "").split()
    if len(words) > 1:
        ahead = []
        for w in words:
            if w.endswith(("'s", "’s")) or w in _STOPS:
                break
            ahead.append(w)
        words = [w for w in ahead if w not in _FEMALE_TITLES | _MALE_TITLES]
    found = {g for w in words for g in [_word_gender(w)] if g}
    return found.pop() if len(found) == 1 else None


def _word_gender(word: str) -> str | None:
    if word in FEMALE or word in _FEMALE_TITLES or word.endswith("woman"):
        return "f"
    if word in MALE or word in _MALE_TITLES:
        return "m"
    return None


def _hyphen_joined(doc: Doc, toks: list[Token], head: Token) -> list[Token]:
    """``toks`` run on over a word the parse split at its hyphen into sibling appositions
    ("a co", "-", "chair"), with the phrase it then hung on the name ("of the harbour
    caucus"): "a co-chair of the harbour caucus", not "a co"."""
    if not toks:
        return toks
    out = {t.i: t for t in toks}
    last = max(out)
    while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_ \
            and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha:
        out.update((t.i, t) for t in doc[last + 1:last + 3])
        out.update((t.i, t) for t in doc[last + 2].subtree if t.i > last + 2)
        last = max(out)
    if last == max(t.i for t in toks):
        return toks
    nxt = last + 1
    while nxt < len(doc) and doc[nxt].head == head and doc[nxt].dep_ == "prep":
        out.update((t.i, t) for t in doc[nxt].subtree)
        nxt = doc[nxt].right_edge.i + 1
    return [out[i] for i in sorted(out)]


def _partitive(head: Token) -> Token | None:
    """The group a quantifier counts part of ("Most of [them]", "Some of the [fishermen]")."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _relayed(head: Token) -> bool:
    """Whether a participle with "by X" modifies ``head`` or a word in its phrase
    ("records seen by the Ledger", "messages between relatives, reviewed by CNN"), or a
    clause says the document was passed to someone ("The report, which was leaked to the
    Gazette,")."""
    return any(t.dep_ == "acl" and t.lemma_.lower() not in _AUTHORING and any(g.dep_ == "agent" for g in t.children)
               or t.dep_ in {"acl", "relcl"} and t.lemma_.lower() in _PASSED_ON
               and any(g.dep_ in {"prep", "dative"} and g.lower_ in {"to", "with"} for g in t.children)
               for t in head.subtree)


# Verbs that pass a document on to someone who then holds it, not writes it.
_PASSED_ON = frozenset({"leak", "give", "send", "provide", "hand", "pass", "share", "show", "forward"})


def _flat_head(tokens: list[Token]) -> Token | None:
    """The last word of a mention whose words all hang on one outside token as
    modifiers ("British" amod, "intelligence" compound, both on "reports"), else None."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids and not t.is_punct]
    if len(roots) < 2 or len({r.head.i for r in roots}) != 1 or any(r.dep_ not in _NP_MODIFIERS for r in roots):
        return None
    last = max(roots, key=lambda t: t.i)
    return last if last.pos_ in {"NOUN", "PROPN"} else None


# A wire dateline: a place in capitals at a line's start, perhaps a date, the agency in
# brackets and a dash ("PORT VELLEN, Nov. 3 (Northwire) -").
_WIRE_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ ]+[A-Z.](?:,[^\n()]{1,40})?[ \t]*\((?P<name>[A-Z][A-Za-z.&'’ ]{1,40}?)\)"
    r"[ \t]*(?:--|—|―|–|-)", re.MULTILINE)


# An outlet noun and a capitalised name after it ("the newspaper Dagposten", "state
# broadcaster RTS"); "told the newspaper Monday" names a day, not an outlet.
_INTRODUCED_OUTLET = re.compile(
    r"\b(?:newspaper|broadcaster|magazine|daily|weekly|website|tabloid|outlet|publication|"
    r"news agency|news site|channel|station)[ \t]+"
    r"(?P<name>[A-Z][\w'’.&-]*[\w'’&](?:[ \t]+[A-Z][\w'’.&-]*[\w'’&])*)")
# A name in quotation marks right after an outlet noun ("агентство «Норд-Информ»", "the
# weekly “Harbour Notes”"): the marks set it off, whatever its words and their tags.
_QUOTED_NAME = re.compile(r"[ \t]*[«“„\"](?P<name>[^\W\d_][^«»“”„\"\n]{0,60}?)[»”“\"]")
_OPENING_MARKS = "«“„\""
_OPENING_GAP = " \t\xa0" + _OPENING_MARKS
# "… the official said. … the lawyer said": a role noun refers back to no one described by
# another role (:meth:`Resolver._other_role`).
ROLE_CLASH = True
# Roles one person may be described by in turn ("An inmate spoke to CNN … said the prisoner").
ROLE_FAMILIES = (
    frozenset({"inmate", "prisoner", "convict", "detainee"}),
    frozenset({"soldier", "fighter", "serviceman", "recruit", "mercenary", "volunteer", "conscript"}),
    frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "representative", "officer"}),
    frozenset({"migrant", "worker", "labourer", "laborer", "immigrant"}),
    frozenset({"journalist", "reporter", "correspondent", "writer", "columnist", "editor", "anchor"}),
    frozenset({"candidate", "nominee", "contender", "challenger", "politician"}),
)
# Nouns that say nothing of a role: "the man" may be the inmate.
GENERIC_PEOPLE = frozenset({"man", "woman", "person", "individual", "source", "people"})
# "Open Doors, a human rights group," / "the rights group Open Doors": the kind the phrase
# gives (:meth:`Resolver._kind_beside`).
KIND_BESIDE = True
# "its own tally", "their report": a document of the body the possessive stands for.
POSSESSIVE_AUTHOR = True
_BODY_POSSESSIVES = {
    "its": frozenset({"outlet", "organization", "government"}),
    "their": frozenset({"outlet", "organization", "government", "group", "anonymous"}),
}
# A name introduced so is tried only where it ends at a mark and starts with a capital.
QUOTED_OUTLET_NAMES = True
# A relative pronoun a preposition governs ("information according to which …") stands for
# the noun its clause is on (:func:`_relative_antecedent`).
RELATIVE_OBJECT = True
_CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "last", "this", "on", "in", "that", "the", "and", "but",
})


# Verbs and adverbs that carry on what the last speaker said ("She added …", "he also said").
_CONTINUING_VERBS = frozenset({"add", "continue", "reiterate", "repeat", "conclude", "insist", "stress"})
_CONTINUING_ADVERBS = frozenset({"also", "further", "again", "too"})


def _relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun that a preposition governs stands for ("information
    [according to which the police …]", "an aide [from whom the memo came]"): the noun
    right before the prepositions, however the parse hung the clause."""
    if pronoun.dep_ != "pobj" or pronoun.i < 2:
        return None
    i = pronoun.i - 1
    while i > 0 and (pronoun.doc[i].pos_ == "ADP" or pronoun.doc[i].lower_ == "according"):
        i -= 1
    first = i + 1
    if i > 0 and pronoun.doc[i].text == ",":
        i -= 1  # "information, according to which …"
    noun = pronoun.doc[i]
    return noun if first < pronoun.i and noun.pos_ in {"NOUN", "PROPN"} else None


def _continues(pronoun: Token) -> bool:
    verb = pronoun.head
    return verb.lemma_.lower() in _CONTINUING_VERBS or any(
        c.dep_ == "advmod" and c.lower_ in _CONTINUING_ADVERBS for c in verb.children)


def _clause_as_apposition(appos: Token) -> bool:
    """Whether an "apposition" is the sentence's clause the parse hung on a name ("As
    first reported by Radio Meridian, the recruiters visited …": "recruiters" with a
    finite "visited" hung on it), not a description."""
    return any(c.dep_ == "acl" and c.tag_ in {"VBD", "VBZ", "VBP"} and c.lemma_.lower() not in _DESCRIBING
               for c in appos.children)


# Participles that describe a name's bearer even where the parse reads them as finite
# ("Joe Madison, a talk radio host considered one of the most influential …").
_DESCRIBING = frozenset({"consider", "regard", "know", "see", "call", "describe", "name", "dub", "label",
                         "deem", "rank", "list", "base", "found"})


def _firm_noun_beside(name: Token, lex: Lexicon) -> bool:
    """Is a firm's noun set beside ``name`` (apposition either way, or a noun before it)?"""
    beside = [name.head] if name.dep_ == "appos" else []
    beside += [c for c in name.children if c.dep_ == "appos" or c.dep_ == "compound" and c.i < name.i]
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in lex.organization for t in beside)


def _as_written(tokens: list[Token]) -> str:
    """The text from the first token to the last, as the article spells it ("Lt. Col.")."""
    rng = tokens_range(tokens)
    return doc_text(tokens[0].doc)[rng[0]:rng[1]] if rng else ""


def find_outlet_mentions(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Every mention of a known or outlet-shaped name, in text order.

    Known outlets come from the lexicon (one regex pass over the text);
    outlet-shaped names are proper-name runs ending in an outlet word
    ("The Harbour Ledger", "Lissom Gazette").
    """
    found: dict[int, tuple[int, int, str]] = {}
    for m in lex.outlet_pattern.finditer(doc_text(doc)):
        name = lex.outlet_name(m.group(0))
        if name:
            found[m.start()] = (m.start(), m.end(), name)
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.lower_ not in lex.outlet_name_words:
            continue
        run = name_tokens(tok)
        if len(run) > 1 and run[-1].i == tok.i:
            start, end = run[0].idx, tok.idx + len(tok.text)
            if start in found:
                continue
            name = doc_text(doc)[start:end]
            name = name[4:] if name.lower().startswith("the ") else name
            found[start] = (start, end, name)
    text = doc_text(doc)
    introduced = {m.group("name") for m in _WIRE_DATELINE.finditer(text)}
    # "the investigative website Lumen … told Lumen": a name an outlet noun introduced
    # (read from the text: the parse may take an unknown name for a verb)
    introduced |= {re.sub(r"['’]s$", "", m.group("name")) for m in _INTRODUCED_OUTLET.finditer(text)
                   if m.group("name").split()[0].lower() not in _CALENDAR}
    if QUOTED_OUTLET_NAMES:
        introduced |= _quoted_outlet_names(doc, lex)
    for name in introduced:
        # "PORT VELLEN (Northwire) -": the wire that filed the story, wherever it is named
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if not any(s <= m.start() < e for s, e, _ in found.values()):
                found[m.start()] = (m.start(), m.end(), name)
    out: list[tuple[int, int, str]] = []
    for mention in (found[k] for k in sorted(found)):
        glossed = _glossed_name(doc, mention, lex, found)
        if glossed is not None:
            # "Novaya Gazeta (New Newspaper)": a gloss of the name before it, which is the outlet
            if not out or out[-1][:2] != glossed[:2]:
                out.append(glossed)
            continue
        out.append(mention)
    return out


def _quoted_outlet_names(doc: Doc, lex: Lexicon) -> set[str]:
    """The names set in quotation marks right after an outlet noun: "газета «Вечерний
    Альдер»", "the weekly “Harbour Notes”" (in any inflection of the noun)."""
    text = doc_text(doc)
    out = set()
    for tok in doc:
        if tok.lemma_.lower() not in lex.outlet_nouns and tok.lower_ not in lex.outlet_nouns:
            continue
        m = _QUOTED_NAME.match(text, tok.idx + len(tok.text))
        if m is not None and m.group("name")[0].isupper():
            out.add(m.group("name").strip())
    return out


def _glossed_name(doc: Doc, mention: tuple[int, int, str], lex: Lexicon,
                  found: dict[int, tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The outlet name a bracketed ``mention`` glosses ("the weekly Gazeta Portowa
    (Harbour Gazette)"), as a mention of its own; None when the mention is not such a
    gloss. The name before the bracket must be a known outlet or follow an outlet noun:
    "Jane Doe (Reuters)" is a reporter and her outlet."""
    text = doc_text(doc)
    start, end, _ = mention
    before = text[:start].rstrip()
    if not before.endswith("(") or text[end:end + 1] != ")":
        return None
    index = doc_index(doc)
    at = index.first_token_at_or_after(len(before) - 1) - 1
    if at < 0 or doc[at].pos_ != "PROPN":
        return None
    run = name_tokens(doc[at])
    if not run or run[-1].i != at:
        return None
    g_start, g_end = run[0].idx, doc[at].idx + len(doc[at].text)
    described = run[0].i > 0 and doc[run[0].i - 1].lemma_.lower() in lex.outlet_nouns
    if not described and g_start not in found:
        return None
    name = text[g_start:g_end]
    return g_start, g_end, name[4:] if name.lower().startswith("the ") else name


def _outlet_descriptor(head: Token, lex: Lexicon) -> bool:
    """Is the name described by an outlet noun before it (a ``compound``: "газета «X»")?"""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < head.i and c.lemma_.lower() in lex.outlet_nouns for c in head.children)


def _canonical_outlet(lex: Lexicon, name: str) -> str:
    return lex.outlet_name(name) or name
