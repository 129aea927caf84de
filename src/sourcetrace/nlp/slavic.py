"""Russian and Ukrainian text → a parsed spaCy ``Doc`` the shared rules can read.

No spaCy model for Russian or Ukrainian installs offline here, so the parse
comes from natasha's models (shipped inside the ``natasha`` wheel: navec
embeddings, slovnet morphology, syntax and NER, all trained on Russian news)
and lemmas and citation forms from pymorphy3's dictionaries (Russian and
Ukrainian). :class:`SlavicTokenizer` takes spaCy's tokenizer slot in a blank
``ru``/``uk`` pipeline and returns a finished ``Doc``:

* text → paragraphs (one per line, so a line break always ends a sentence) →
  sentences and tokens (razdel), offsets kept: ``doc.text == text``;
  runs of white space other than one space become ``SPACE`` tokens;
* UD part of speech and features (slovnet) in ``pos_`` and ``morph``, a coarse
  Penn-style ``tag_`` (:func:`~sourcetrace.nlp.ud.penn_tag`);
* the UD tree rewritten into ClearNLP labels and shapes
  (:func:`~sourcetrace.nlp.ud.to_clear`), so ``cues.py`` and ``sources.py``
  run unchanged;
* lemmas (pymorphy3, the analysis that agrees with the tagger's part of
  speech, case, number and gender), named entities (PER → ``PERSON``, ORG →
  ``ORG``, LOC → ``GPE``), and the nominative of every inflected noun,
  adjective and name in ``doc.user_data[FORMS_KEY]`` for
  :func:`~sourcetrace.nlp.forms.citation`.

Ukrainian: slovnet's models know Russian only. Before tagging and parsing,
each Ukrainian word is replaced by a Russian gloss from the lexicon
(``[parse] gloss``, function words and reporting verbs) or respelled by the
lexicon's ending rules (``[parse] respell``), which gives the Russian parser
words it has embeddings for; lemmas come from the Ukrainian dictionary of the
original words. This is a stop-gap, rougher than the Russian parse (see the
README for measured quality).

Parse repairs before the rewrite: a sentence-initial adverb read as a name, a known
outlet's words made one singular name, a clause hung on a noun after a colon, a
name split from its title ("голова комітету Петренко"). After cue finding,
:func:`relay_channels` makes an outlet that relays another attribution ("…, передает
ТАСС", "цитата по РБК") that attribution's channel (called from ``cues``).

Models are loaded lazily, once per process (:func:`models`); nothing happens
at import time.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..errors import ModelError
from .forms import FORMS_KEY
from .lexicon import Lexicon
from .sources import Resolver
from .spans import Range, contains, doc_index, tokens_range, trim
from .ud import UdToken, feats_string, penn_tag, to_clear

if TYPE_CHECKING:
    from .cues import Candidate

MAX_SENT_TOKENS = 200  # slovnet's parser is trained on news sentences; longer runs are cut
BATCH = 32
NER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
# pymorphy (OpenCorpora) part of speech → UD, as natasha maps it
OC_UD_POS = {
    "ADJF": "ADJ", "ADJS": "ADJ", "ADVB": "ADV", "COMP": "ADV", "VERB": "VERB", "GRND": "VERB",
    "INFN": "VERB", "PRTF": "VERB", "PRTS": "VERB", "NOUN": "NOUN", "NPRO": "PRON",
    "NUMR": "NUM", "NUMB": "NUM", "CONJ": "CCONJ", "INTJ": "INTJ", "PRCL": "PART",
    "PREP": "ADP", "PNCT": "PUNCT",
}
OC_CASE = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc",
           "ablt": "Ins", "loct": "Loc", "loc2": "Loc", "voct": "Nom"}
OC_NUMBER = {"sing": "Sing", "plur": "Plur"}
OC_GENDER = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}
NAME_GRAMS = frozenset({"Name", "Surn", "Patr"})
INFLECTING = frozenset({"NOUN", "PROPN", "ADJ", "DET", "VERB", "NUM"})


@dataclass(frozen=True)
class Models:
    """natasha's slovnet models, with the embeddings they read."""

    morph: Any
    syntax: Any
    ner: Any


def _natasha_data() -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the natasha package is not installed (needed for Russian and Ukrainian)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def models() -> Models:
    """Load slovnet's news models once per process (about 2 s, 100 MB)."""
    try:
        from navec import Navec  # type: ignore[import-untyped]
        from slovnet import NER, Morph, Syntax  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"slovnet/navec are not installed: {exc}") from exc
    data = _natasha_data()
    try:
        navec = Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"))
        morph = Morph.load(str(data / "model" / "slovnet_morph_news_v1.tar"), batch_size=BATCH)
        syntax = Syntax.load(str(data / "model" / "slovnet_syntax_news_v1.tar"), batch_size=BATCH)
        ner = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"), batch_size=BATCH)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"natasha's model files are missing: {exc}") from exc
    morph.navec(navec)
    syntax.navec(navec)
    ner.navec(navec)
    return Models(morph, syntax, ner)


@cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


def _one_blas_thread() -> Any:
    """slovnet multiplies small matrices with numpy: one BLAS thread is faster than
    many, and several threads spinning on a busy machine are slower still (3x measured)."""
    return _blas_controller().limit(limits=1, user_api="blas")


@cache
def analyzer(lang: str) -> Any:
    """pymorphy3's analyser for ``lang`` (its dictionary wheel must be installed)."""
    try:
        import pymorphy3  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover
        raise ModelError(f"pymorphy3 is not installed: {exc}") from exc
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError) as exc:  # pragma: no cover
        raise ModelError(f"no pymorphy3 dictionary for {lang!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str


class SlavicTokenizer:
    """spaCy's tokenizer slot for ``ru``/``uk``: text in, tagged and parsed ``Doc`` out."""

    def __init__(self, vocab: Vocab, lang: str, lex: Lexicon) -> None:
        self.vocab = vocab
        self.lang = lang
        self.lex = lex
        self._respell = [(re.compile(p), r) for p, r in lex.parse_respell]

    def __call__(self, text: str) -> Doc:
        sents = list(_sentences(text))
        m = models()
        parser_words = [[self._parser_word(t.text) for t in s] for s in sents]
        with _one_blas_thread():
            morphs = list(m.morph.map(parser_words)) if sents else []
            trees = list(m.syntax.map(parser_words)) if sents else []
        morph = analyzer(self.lang)
        endings = self.lex.surname_endings
        toks: list[_Tok] = []
        ud: list[UdToken] = []
        analyses: list[_Analysis] = []
        heads: list[int] = []
        deps: list[str] = []
        outlets = _outlet_spans(text, self.lex)
        for sent, mk, tree in zip(sents, morphs, trees, strict=True):
            base = len(toks)
            sent_ud = []
            demote = False
            for n, (tok, mt, st) in enumerate(zip(sent, mk.tokens, tree.tokens, strict=True)):
                head = int(st.head_id) - 1 if st.head_id not in {"0", ""} else -1
                pos, rel = mt.pos, st.rel
                if n == 0 and pos == "PROPN" and _initial_adverb(morph, tok.text):
                    pos = "ADV"  # "Раніше Путін заявляв": not part of the name (see below)
                    demote = True
                known = _inside(tok, outlets) and tok.text[:1].isalpha()
                if known and pos in {"NOUN", "ADJ", "DET", "X"}:
                    pos = "PROPN"  # «Суспільне», «Українській правді»: a known outlet's name
                bare = UdToken(tok.text, pos, dict(mt.feats), head, rel)
                found = _analysis(morph, tok.text, bare, endings)
                analyses.append(found)
                feats = bare.feats
                if known and feats.get("Number") == "Plur":
                    # «Известиям», «РИА Новости»: one name (NNP, not a plural NNPS the rules
                    # read as a group); its citation form is kept
                    feats = {**feats, "Number": "Sing"}
                sent_ud.append(UdToken(tok.text, pos, feats, head, rel, found.lemma))
            if demote:
                sent_ud = _demote_initial_adverb(sent_ud)
            sent_ud = _join_outlet_names(sent, sent_ud, outlets)
            sent_ud = _lift_nominal_parataxis(sent_ud)
            if CLOSING_CLAUSE_WORDS:
                sent_ud = _keep_before_closing_clause(sent_ud, self.lex.verb_stance)
            sent_ud = _name_after_title(sent_ud, self.lex.titles | self.lex.person_nouns)
            if SUBJECT_AFTER_DASH:
                sent_ud = _subject_after_dash(sent_ud, self.lex.verb_stance)
            h, d = to_clear(sent_ud, self.lex.possessives, self.lex.dative_recipient_verbs)
            toks.extend(sent)
            ud.extend(sent_ud)
            heads.extend(base + x for x in h)
            deps.extend(d)
        doc = _build_doc(self.vocab, text, toks, ud, heads, deps, analyses)
        with _one_blas_thread():
            _set_entities(doc, text, sents, m.ner)
        return doc

    def _parser_word(self, word: str) -> str:
        """The word the Russian models read: itself, or a Russian gloss/respelling (Ukrainian)."""
        if not self.lex.parse_gloss and not self._respell:
            return word
        low = word.lower()
        out = self.lex.parse_gloss.get(low)
        if out is None:
            out = low
            for pattern, repl in self._respell:
                out = pattern.sub(repl, out)
        if word[:1].isupper():
            out = out.upper() if word.isupper() and len(word) > 1 else out[:1].upper() + out[1:]
        return out


def _sentences(text: str) -> Iterator[list[_Tok]]:
    """Token lists per sentence: paragraphs by line, sentences and tokens by razdel."""
    from razdel import sentenize, tokenize  # type: ignore[import-untyped]

    pos = 0
    for line in text.split("\n"):
        if line.strip():
            for sent in sentenize(line):
                toks = _join_apostrophes([
                    piece
                    for t in tokenize(sent.text)
                    for piece in _unglue(_Tok(pos + sent.start + t.start, pos + sent.start + t.stop, t.text))
                ])
                for k in range(0, len(toks), MAX_SENT_TOKENS):
                    if toks[k:k + MAX_SENT_TOKENS]:
                        yield toks[k:k + MAX_SENT_TOKENS]
        pos += len(line) + 1


_GLUED = re.compile(r"(?<=[а-яёіїєґ]{3})(?=[А-ЯЁІЇЄҐ][а-яёіїєґ]{2})")


def _unglue(tok: _Tok) -> list[_Tok]:
    """Words a web page glued together ("НовостиБастрыкин": a menu item and a
    headline) are two tokens; offsets stay exact."""
    cuts = [m.start() for m in _GLUED.finditer(tok.text)]
    if not cuts:
        return [tok]
    bounds = [0, *cuts, len(tok.text)]
    return [_Tok(tok.start + a, tok.start + b, tok.text[a:b]) for a, b in zip(bounds, bounds[1:])]


def _outlet_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Character spans of the known outlet names in ``text`` (the lexicon's forms)."""
    return [(m.start(), m.end()) for m in lex.outlet_pattern.finditer(text) if lex.outlet_name(m.group(0))]


def _inside(tok: _Tok, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= tok.start and tok.end <= e for s, e in spans)


def _join_outlet_names(toks: Sequence[_Tok], sent: list[UdToken], spans: Sequence[tuple[int, int]]) -> list[UdToken]:
    """The words of one known outlet name as one name in the tree: the first word takes
    the name's place in the clause, the others hang on it as ``flat:name`` (the parser
    split «Українській правді» into an adjective and a stray word)."""
    out = list(sent)
    for s, e in spans:
        group = [i for i, t in enumerate(toks) if s <= t.start and t.end <= e and t.text[:1].isalpha()]
        if len(group) < 2 or any(sent[i].pos != "PROPN" for i in group):
            continue
        outside = next((i for i in group if sent[i].head not in group), None)
        if outside is None:
            continue
        first = group[0]
        out[first] = replace(sent[first], head=sent[outside].head, rel=sent[outside].rel)
        for i in group[1:]:
            out[i] = replace(sent[i], head=first, rel="flat:name")
    return out


APOSTROPHES = frozenset("'’ʼ")


def _join_apostrophes(toks: list[_Tok]) -> list[_Tok]:
    """One word across an apostrophe between letters: razdel cuts Ukrainian "інтерв'ю"
    (and "О'Коннор") in three."""
    out: list[_Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if (out and k + 1 < len(toks) and t.text in APOSTROPHES and out[-1].end == t.start
                and t.end == toks[k + 1].start and out[-1].text[-1:].isalpha() and toks[k + 1].text[:1].isalpha()):
            prev, nxt = out.pop(), toks[k + 1]
            out.append(_Tok(prev.start, nxt.end, prev.text + t.text + nxt.text))
            k += 2
            continue
        out.append(t)
        k += 1
    return out


@dataclass(frozen=True, slots=True)
class _Analysis:
    lemma: str
    form: str | None  # the nominative, when it differs from the text


def _initial_adverb(morph: Any, text: str) -> bool:
    """Whether a capitalised sentence-initial word the tagger took for a name is an adverb
    the dictionary knows and never as a name ("Раніше", "Ранее", "Вчора")."""
    parses = morph.parse(text)
    return bool(parses) and str(parses[0].tag.POS) == "ADVB" and not any(
        NAME_GRAMS & set(p.tag.grammemes) for p in parses)


def _demote_initial_adverb(sent: list[UdToken]) -> list[UdToken]:
    """Re-hang a sentence-initial adverb the parser made the head of a name.

    The tagger read "Раніше" as the first word of the name "Раніше Путін" (the name
    hangs on it as ``flat``/``appos``): the name's first word takes the adverb's
    place in the tree, the adverb becomes its verb's ``advmod``.
    """
    first = sent[0]
    kids = [i for i, t in enumerate(sent) if t.head == 0 and t.rel.split(":")[0] in
            {"flat", "appos", "compound", "nmod"}]
    out = list(sent)
    if kids:
        new = kids[0]
        for i, t in enumerate(sent):
            if i != new and t.head == 0:
                out[i] = replace(t, head=new)
        out[new] = replace(sent[new], head=first.head, rel=first.rel)
        verb = first.head if first.head >= 0 else new
        out[0] = replace(first, head=verb, rel="advmod")
    else:
        out[0] = replace(first, rel="advmod")
    return out


def _lift_nominal_parataxis(sent: list[UdToken]) -> list[UdToken]:
    """Re-hang a clause the parser hung as ``parataxis`` on a noun inside a phrase.

    "Цитата по РБК: мигранты получают …": the clause after the colon hangs on "РБК",
    which would make it part of the outlet's name; it belongs to the clause the noun
    is in (the first verb, or the root, up the noun's chain of heads).
    """
    out = list(sent)
    for i, t in enumerate(sent):
        if t.rel != "parataxis" or t.pos != "VERB" or t.head < 0:
            continue
        noun = sent[t.head]
        if noun.pos not in {"NOUN", "PROPN"} or noun.head < 0:
            continue
        host, steps = noun.head, 0
        while sent[host].pos != "VERB" and sent[host].head >= 0 and steps < len(sent):
            host, steps = sent[host].head, steps + 1
        if host != i:
            out[i] = replace(t, head=host)
    return out


# Words before the comma of a closing reporting clause stay out of it (:func:`_keep_before_closing_clause`).
CLOSING_CLAUSE_WORDS = True


def _keep_before_closing_clause(sent: list[UdToken], cues: Mapping[str, str]) -> list[UdToken]:
    """Re-hang on the reported clause the words before a closing reporting clause's comma
    that the parser hung on a word after it.

    "… не менее 1200 из примерно 4800 мужчин, сообщила газета «X» со ссылкой на …" with
    "из" hung on "ссылкой", "Близько 10 тисяч мігрантів, …, заявив голова комітету" with
    "мігрантів" hung on "голова": those words belong to what was reported, not to the
    source or the cue's phrase. A closing reporting clause: a verb of ``cues`` after a
    comma, hung on the clause before (or a second root), with its subject after it.
    """
    out = list(sent)
    roots = [i for i, t in enumerate(sent) if t.head < 0]
    for p, t in enumerate(sent):
        # (a second root is read as a parataxis of the first: see ud.to_clear)
        host = t.head if t.rel == "parataxis" else roots[0] if t.head < 0 and roots[0] < p else -1
        if not 0 <= host < p or sent[p - 1].text != "," or (t.lemma or "").lower() not in cues \
                or not any(x.head == p and x.rel == "nsubj" for x in sent[p + 1:]):
            continue
        comma = p - 1
        for i in range(comma):
            if out[i].head > comma and i != host:
                out[i] = replace(out[i], head=host)
    return out


# "…, – правозащитница Мара Восс рассказала …": the noun phrase after the dash is the
# subject of the reporting verb after it (:func:`_subject_after_dash`).
SUBJECT_AFTER_DASH = True
_DASHES = frozenset({"—", "–", "-"})


def _subject_after_dash(sent: list[UdToken], cues: Mapping[str, str]) -> list[UdToken]:
    """Hang on a reporting verb, as its subject, the noun phrase between a dash and it
    that the parser gave to the clause before the dash.

    "Как паромы работают зимой и почему докеры недовольны – правозащитница Мара Восс
    рассказала в интервью …" with "Восс" the subject of "недовольны": the dash closes
    what was told, and who told it stands after it. Only a phrase of nouns and
    adjectives with a nominative noun, right before a verb of ``cues`` that has no
    subject of its own.
    """
    out = list(sent)
    for d, dash in enumerate(sent):
        if dash.text not in _DASHES or d == 0:
            continue
        v = d + 1
        while v < len(sent) and sent[v].pos in {"NOUN", "PROPN", "ADJ", "DET"}:
            v += 1
        run = range(d + 1, v)
        if not run or v >= len(sent) or sent[v].pos != "VERB" or (sent[v].lemma or "").lower() not in cues:
            continue
        if any(x.head == v and x.rel == "nsubj" for x in out) or not any(
                sent[j].pos in {"NOUN", "PROPN"} and sent[j].feats.get("Case") == "Nom" for j in run):
            continue
        roots = [j for j in run if out[j].head not in run]
        if len(roots) == 1 and out[roots[0]].head != v:
            out[roots[0]] = replace(out[roots[0]], head=v, rel="nsubj")
    return out


def _name_after_title(sent: list[UdToken], titles: frozenset[str]) -> list[UdToken]:
    """Re-hang a name the parser split from the title noun before it.

    "голова комітету Петренко заявив", "міністр оборони Петренко": reading glossed
    Ukrainian, the Russian parser hangs the name under the genitive after the title,
    or makes title and name two subjects of the verb. As in a Russian parse, the name
    becomes the title's ``appos`` and the genitive words between the title's ``nmod``;
    the title takes the phrase's place in the clause.
    """
    out = list(sent)
    for i, title in enumerate(sent):
        if title.pos != "NOUN" or title.lemma not in titles or title.feats.get("Case") != "Nom":
            continue
        k = i + 1  # the words between: nominals in an oblique case ("Слідчого комітету")
        while k < len(sent) and k - i <= 4 and sent[k].pos in {"NOUN", "ADJ", "PROPN", "DET"} and sent[k].feats.get("Case") not in {None, "Nom"}:
            k += 1
        if k == i + 1 or k >= len(sent) or sent[k].pos != "PROPN" or sent[k].feats.get("Case") != "Nom":
            continue
        m = k
        while m + 1 < len(sent) and sent[m + 1].pos == "PROPN" and sent[m + 1].feats.get("Case") == "Nom":
            m += 1
        span = range(i, m + 1)
        name = next((j for j in range(k, m + 1) if sent[j].head not in range(k, m + 1)), None)
        root = next((j for j in span if sent[j].head not in span), None)
        if name is None or root is None:
            continue
        split = sent[name].head in range(i + 1, k) or (
            sent[name].rel == title.rel == "nsubj" and sent[name].head == title.head) or title.head in span or any(
            sent[j].head not in span for j in range(i + 1, k))
        if not split:
            continue
        if title.head in span:
            outer = sent[root].head
            rel = "nsubj" if outer >= 0 and sent[outer].pos == "VERB" else sent[root].rel
            out[i] = replace(title, head=outer, rel=rel)
        out[name] = replace(sent[name], head=i, rel="appos")
        for j in range(i + 1, k):
            if sent[j].head not in span:
                out[j] = replace(sent[j], head=i, rel="nmod")
    return out


def _analysis(morph: Any, text: str, tok: UdToken, endings: Sequence[tuple[str, str]]) -> _Analysis:
    """Lemma and nominative of one word, from the dictionary analysis that fits the tagger."""
    if tok.pos in {"PUNCT", "SYM", "NUM"} or not any(ch.isalpha() for ch in text):
        return _Analysis(text.lower(), None)
    parses = morph.parse(text)
    best = max(parses, key=lambda p: _fit(p, tok), default=None)
    if best is None:
        return _Analysis(text.lower(), None)
    if tok.pos == "PROPN" and str(best.tag.POS) != "NOUN":
        # a name the dictionary does not know as a noun ("Юсова" read as an adjective)
        nom = _surname(text, tok, endings)
        return _Analysis(nom or text, nom)
    lemma = best.normal_form
    if tok.pos == "NOUN" and best.tag.POS in {"PRTF", "ADJF"}:
        # a substantivised participle or adjective ("заключённые"): its lemma is the noun
        noun = best.inflect({"nomn", "sing", "masc"})
        lemma = noun.word if noun else lemma
    if tok.pos == "PROPN":
        lemma = _shape(lemma, text)
    # the lexicons spell "е" for "ё", as most news text does, and "'" for the apostrophe
    lemma = lemma.replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    return _Analysis(lemma, _nominative(best, text, tok))


def _fit(parse: Any, tok: UdToken) -> float:
    tag = parse.tag
    score = parse.score
    pos = OC_UD_POS.get(str(tag.POS), "X")
    if pos == tok.pos or (tok.pos == "PROPN" and pos == "NOUN") or (tok.pos == "DET" and pos in {"ADJ", "PRON"}):
        score += 4
    if tok.pos == "PROPN" and NAME_GRAMS & set(tag.grammemes):
        score += 1
    feats = tok.feats
    if feats.get("Case") and OC_CASE.get(str(tag.case)) == feats["Case"]:
        score += 2
    if feats.get("Number") and OC_NUMBER.get(str(tag.number)) == feats["Number"]:
        score += 1
    if feats.get("Gender") and OC_GENDER.get(str(tag.gender)) == feats["Gender"]:
        score += 1
    return score


def _nominative(parse: Any, text: str, tok: UdToken) -> str | None:
    case = tok.feats.get("Case")
    if tok.pos not in INFLECTING or not case or case == "Nom":
        return None
    if tok.pos == "VERB" and tok.feats.get("VerbForm") != "Part":
        return None
    if OC_CASE.get(str(parse.tag.case)) != case:
        return None  # the dictionary does not know this form: leave it as written
    number = tok.feats.get("Number")
    if number and parse.tag.number and OC_NUMBER.get(str(parse.tag.number)) != number:
        return None
    if not parse.is_known and not NAME_GRAMS & set(parse.tag.grammemes):
        return None  # a guessed paradigm ("Чупик" as a plural "чупики"): keep the word
    grams = {"nomn"}
    if tok.pos == "PROPN" and not NAME_GRAMS & set(parse.tag.grammemes) and str(parse.tag.POS) != "NOUN":
        return None
    nom = parse.inflect(grams)
    if nom is None:
        return None
    word = _shape(nom.word, text)
    return None if word == text else word


def _shape(word: str, like: str) -> str:
    """``word`` in the letter case of ``like`` (Title, UPPER or lower)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _build_doc(
    vocab: Vocab,
    text: str,
    toks: Sequence[_Tok],
    ud: Sequence[UdToken],
    heads: Sequence[int],
    deps: Sequence[str],
    analyses: Sequence[_Analysis],
) -> Doc:
    """Words, spaces, annotations; white space runs other than one space become tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    index: list[int] = []  # doc position of each linguistic token
    space_heads: dict[int, int] = {}  # doc position of a space token → linguistic token it hangs on
    pos = 0

    def add_gap(gap: str, attach: int) -> None:
        if not gap:
            return
        if words and gap[0] == " " and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            space_heads[len(words) - 1] = attach

    for k, tok in enumerate(toks):
        add_gap(text[pos:tok.start], max(k - 1, 0))
        words.append(tok.text)
        spaces.append(False)
        index.append(len(words) - 1)
        pos = tok.end
    add_gap(text[pos:], max(len(toks) - 1, 0))
    if not toks:
        return Doc(vocab, words=words, spaces=spaces)

    n = len(words)
    d_heads = [0] * n
    d_deps = ["dep"] * n
    d_pos = ["SPACE"] * n
    d_tags = ["_SP"] * n
    d_lemmas = list(words)
    d_morphs = [""] * n
    for k, di in enumerate(index):
        d_heads[di] = index[heads[k]]
        d_deps[di] = deps[k]
        d_pos[di] = ud[k].pos
        d_tags[di] = penn_tag(ud[k].pos, ud[k].feats, toks[k].text)
        d_lemmas[di] = analyses[k].lemma
        d_morphs[di] = feats_string(ud[k].feats)
    for di, attach in space_heads.items():
        d_heads[di] = index[attach]
    doc = Doc(
        vocab, words=words, spaces=spaces, heads=d_heads, deps=d_deps, pos=d_pos,
        tags=d_tags, lemmas=d_lemmas, morphs=d_morphs,
    )
    if doc.text != text:  # pragma: no cover - a bug in the gap handling
        raise ModelError("the Russian/Ukrainian tokenizer changed the text")
    doc.user_data[FORMS_KEY] = {index[k]: a.form for k, a in enumerate(analyses) if a.form}
    return doc


def _surname(text: str, tok: UdToken, endings: Sequence[tuple[str, str]]) -> str | None:
    """The nominative of a masculine surname in an oblique case ("Юсова" → "Юсов"), by its ending."""
    feats = tok.feats
    if feats.get("Case") in {None, "Nom"} or feats.get("Gender") != "Masc" or feats.get("Number") == "Plur":
        return None
    low = text.lower()
    for ending, nominative in endings:
        if low.endswith(ending) and len(low) >= len(ending) + 2:
            return _shape(low[: len(low) - len(ending)] + nominative, text)
    return None


def _set_entities(doc: Doc, text: str, sents: Sequence[list[_Tok]], ner: Any) -> None:
    """slovnet's NER over each sentence's text, as spaCy entities (overlaps dropped)."""
    if not sents:
        return
    chunks = [(s[0].start, text[s[0].start:s[-1].end]) for s in sents]
    spans: list[Span] = []
    last_end = -1
    for (base, _), markup in zip(chunks, ner.map([c for _, c in chunks]), strict=True):
        for sp in markup.spans:
            label = NER_LABELS.get(sp.type)
            span = doc.char_span(base + sp.start, base + sp.stop, label=label, alignment_mode="contract") if label else None
            if span is not None and len(span) and span.start >= last_end:
                spans.append(span)
                last_end = span.end
    doc.ents = spans


def blank_pipeline(lang: str) -> Language:
    """A blank spaCy ``ru``/``uk`` pipeline whose tokenizer does the whole analysis."""
    from .lexicon import load_lexicon

    nlp = spacy.blank(lang)
    nlp.tokenizer = SlavicTokenizer(nlp.vocab, lang, load_lexicon(lang))
    return nlp


# -- relays: the outlet a statement reached the article through ----------------------------

# Parts of a relay verb's clause that are not the relay phrase ("передает ТАСС", "как пишет
# «Коммерсантъ»"): the clauses the parse hangs on it (often the reported statement itself).
AS = frozenset({"как", "як"})  # "Как передает ТАСС, …", "Як пише «УП», …"
_CLAUSAL = frozenset({"ccomp", "parataxis", "conj", "advcl", "xcomp", "cc", "punct", "dep", "relcl"})


@dataclass(frozen=True)
class _Relay:
    outlet: Token  # the outlet's head token, the channel
    phrase: Range  # the relay phrase, cut from the relayed attribution's content
    own: Candidate | None  # the relay's own candidate, dropped once it relays another
    relays: Callable[[Candidate], bool]  # whether the relay carries this attribution


def relay_channels(doc: Doc, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Outlets that relay another attribution of their sentence become its channel.

    "…, заявил Петренко, передает ТАСС", "Как пишет «Коммерсантъ», Петренко заявил …",
    "…, цитирует РБК", "Цитата по РБК: …" (an ``[according_to]`` pattern): the outlet is
    the route of Петренко's statement, not a source of its own. A reporting verb
    (``[cue_verbs]``) whose subject is an outlet relays the attributions with a source
    whose cue comes before it when it closes the sentence, or any in the sentence when
    "как" introduces it; an according-to phrase naming an outlet relays those whose cue
    its content holds.
    The relay's own candidate is dropped and its phrase cut from the relayed content.
    An outlet that relays nothing stays a source ("Как сообщает «Медиазона», …").
    """
    resolver = Resolver(doc, lex)
    drop: set[int] = set()
    for relay in _relays(doc, found, lex, resolver):
        carried = [c for c in found if c is not relay.own and id(c) not in drop and c.family == "verb"
                   and c.source_tokens and relay.outlet not in c.source_tokens and relay.relays(c)]
        for cand in list(carried):
            content = _cut(doc.text, cand.content, relay.phrase) or _topic_sentence(cand, lex)
            if not content:
                carried.remove(cand)
                continue
            cand.content = content
            if not cand.extra_channel:
                cand.extra_channel = [relay.outlet]
        if carried:
            # the relay's own attribution, and one whose cue or source is inside the relay
            # phrase ("передает ТАСС со ссылкой на пресс-службу", "Цитата по РБК: …")
            kept = {id(c) for c in carried}
            drop.update(id(c) for c in found if c is relay.own or (
                id(c) not in kept and (contains(relay.phrase, c.cue_range) or _contains_source(relay.phrase, c))))
    return [c for c in found if id(c) not in drop]


def _contains_source(outer: Range, cand: Candidate) -> bool:
    rng = tokens_range(cand.source_tokens or [])
    return rng is not None and contains(outer, rng)


def _topic_sentence(cand: Candidate, lex: Lexicon) -> list[Range]:
    """"Об этом сообщил Петренко, передает ТАСС": with the relay cut from the content,
    "этом" stands for the sentence before (as for a cue with no relay)."""
    verb = next((t for t in cand.cue_tokens if t.lemma_.lower() == cand.lemma), None)
    if verb is None or not any(
        c.dep_ == "prep" and c.lower_ in lex.topic_preps and any(p.dep_ == "pobj" and p.pos_ == "PRON" for p in c.children)
        for c in verb.children
    ):
        return []
    index = doc_index(verb.doc)
    k = index.sent_ids[verb.i]
    if k == 0:
        return []
    sent = index.sents[k - 1]
    kept = trim(verb.doc.text, (sent.start_char, sent.end_char))
    return [kept] if kept else []


def _relays(doc: Doc, found: list[Candidate], lex: Lexicon, resolver: Resolver) -> Iterator[_Relay]:
    by_cue = {t.i: c for c in found for t in c.cue_tokens}
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.verb_stance:
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj or not _is_outlet(subj[0], resolver):
            continue
        phrase = _relay_phrase([tok])
        introduced = any(c.dep_ == "mark" and c.lower_ in AS for c in tok.children)  # "Как передает ТАСС, …"
        if not introduced and doc.text[phrase[1]:tok.sent.end_char].strip(" .!?…»”\"\n"):
            continue  # not a closing "…, передает ТАСС.": the outlet says something itself
        yield _Relay(subj[0], phrase, by_cue.get(tok.i), _verb_relays(tok, introduced))
    for cand in found:
        if cand.family != "according" or not cand.source_tokens:
            continue
        head = next((t for t in cand.source_tokens if t.head not in cand.source_tokens or t.head == t), None)
        if head is None or not _is_outlet(head, resolver):
            continue
        yield _Relay(head, _relay_phrase([*cand.cue_tokens, head]), cand, _holds_cue(cand))


def _verb_relays(tok: Token, introduced: bool) -> Callable[[Candidate], bool]:
    def relays(cand: Candidate) -> bool:
        cue = cand.cue_tokens
        return cue[0].sent == tok.sent and tok not in cue and (introduced or cue[-1].i < tok.i)
    return relays


def _holds_cue(acc: Candidate) -> Callable[[Candidate], bool]:
    def relays(cand: Candidate) -> bool:
        cue = cand.cue_range
        return any(s <= cue[0] and cue[1] <= e for s, e in acc.content)
    return relays


def _is_outlet(head: Token, resolver: Resolver) -> bool:
    return resolver.describe_np(head).type == "outlet"


def _relay_phrase(words: list[Token]) -> Range:
    """The relay phrase around its words (the verb, or the according-to words and the
    outlet): with their subject, "как" and other non-clausal dependents, as far as they
    run on unbroken by punctuation other than the quote marks of a quoted outlet name."""
    doc = words[0].doc
    inside = {t.i for t in words}
    for w in words:
        for c in w.children:
            if c.dep_ not in _CLAUSAL:
                inside.update(t.i for t in c.subtree if not t.is_punct or t.is_quote)
    lo = hi = words[0].i
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside:
        hi += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _cut(text: str, content: list[Range], phrase: Range) -> list[Range]:
    """``content`` without ``phrase``; the pieces left trimmed of dangling punctuation."""
    out: list[Range] = []
    for start, end in content:
        if phrase[1] <= start or end <= phrase[0]:
            out.append((start, end))
            continue
        for piece in ((start, phrase[0]), (phrase[1], end)):
            if piece[0] < piece[1]:
                kept = trim(text, piece)
                if kept is not None:
                    out.append(kept)
    return out
