"""The learned attribution tagger: its features, its architecture, loading it, reading it.

The model is a spaCy ``ner`` component (transition-based, BILUO) named
``sourcetrace_tagger`` with the labels ``SOURCE``, ``CUE`` and ``CONTENT``:
PolNeAR annotations are univocal (each token plays at most one role in at most
one attribution), so they are a tag sequence. It runs after the parser and
reads, besides the usual word features (norm, prefix, suffix, shape), the
parse (fine tag, dependency label) and four features computed here from the
parse and the lexicon, which give the tagger the long-range context a short
convolutional window lacks ("…, officials said" at the end of a sentence
decides where its content starts):

* ``lex``   the token is a cue word of the lexicon (verb or noun, with its
  stance) or part of an "according to" pattern;
* ``gov``   the dependency label under the nearest cue-word ancestor (``ccomp``
  for a token of a reported clause, ``nsubj`` for one of the speaker…);
* ``sent``  whether the sentence has cue words before and/or after the token;
* ``quote`` inside a quotation, on its marks, or outside.

The tagger only proposes spans; :mod:`sourcetrace.nlp.combine` links them into
attributions with what the rules found. spaCy's ``ner`` does not let an entity
cross a sentence start, so a content over several sentences comes out in
pieces that :func:`model_spans` joins again.

Weights ship in ``sourcetrace/models/<name>`` (spaCy ``to_disk`` format,
produced by ``sourcetrace train``); never pickled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS, SENT_START  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.parts_of_speech import IDS as _POS_ID  # type: ignore[import-not-found]
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d, Ragged

from ..errors import ModelError
from .lexicon import Lexicon, load_lexicon
from .quotes import find_quotes
from .spans import Range, doc_text

COMPONENT = "sourcetrace_tagger"
SPANS_COMPONENT = "sourcetrace_model_spans"
SPANS_KEY = "sourcetrace_model"
FEATURES_KEY = "sourcetrace_features"  # token_features of a Doc, shared by an ensemble's members
LABELS = ("SOURCE", "CUE", "CONTENT")
DEFAULT_MODEL = "attribution-tagger"
ACCURATE_MODEL = "attribution-tagger-accurate"  # mode "accurate" (sourcetrace.nlp.encoder)
ENSEMBLE_MODEL = "attribution-tagger-ensemble"  # mode "ensemble" (sourcetrace.nlp.ensemble)
MODE_MODELS = {"model": DEFAULT_MODEL, "accurate": ACCURATE_MODEL}  # the tagger of each mode
FEATURES = ("lex", "gov", "sent", "quote")


# -- features ------------------------------------------------------------------------------


def _h(value: str) -> int:
    return cast(int, hash_string(value))


def token_features(doc: Doc, lex: Lexicon | None = None) -> numpy.ndarray:
    """The four parse/lexicon features of every token, hashed: shape ``(len(doc), 4)``.

    Vectorised over the Doc's arrays: it runs on every document the tagger sees.
    """
    lex = lex or load_lexicon(doc.lang_ if doc.lang_ else "en")
    n = len(doc)
    out = numpy.zeros((n, len(FEATURES)), dtype="uint64")
    if not n:
        return out
    arr = doc.to_array([POS, LEMMA, LOWER, HEAD, DEP, SENT_START, IDX]).astype("int64")
    pos, lemma, lower, head_rel, dep, sent_start, idx = (arr[:, k] for k in range(7))
    strings = doc.vocab.strings
    # cue code per token: 0 none, else an index into _cue_labels (lex=…)
    labels = _cue_labels(lex.lang)
    verbish = (pos == _POS_ID["VERB"]) | (pos == _POS_ID["AUX"])
    nounish = (pos == _POS_ID["NOUN"]) | (pos == _POS_ID["PROPN"])
    cue = numpy.zeros(n, dtype="int64")
    for h in numpy.unique(lemma[verbish | nounish]):
        word = strings[int(h) & 0xFFFFFFFFFFFFFFFF].lower()
        v, nn = lex.verb_stance.get(word), lex.noun_stance.get(word)
        at = lemma == h
        if v is not None:
            cue[at & verbish] = labels.index("V:" + v)
        if nn is not None:
            cue[at & nounish & (cue == 0)] = labels.index("N:" + nn)
    acc = labels.index("ACC")
    for pattern in lex.according_to:
        k = len(pattern)
        if k > n:
            continue
        hit = numpy.ones(n - k + 1, dtype=bool)
        for j, word in enumerate(pattern):
            hit &= lower[j:n - k + 1 + j] == _signed(_h(word))
        for i in numpy.flatnonzero(hit):
            cue[i:i + k] = acc
    has = cue > 0
    out[:, 0] = numpy.array([_h("lex=" + (labels[c] if c else "-")) for c in range(len(labels))], dtype="uint64")[cue]
    # gov: the dependency label under the nearest cue-word ancestor (12 steps at most)
    heads = numpy.arange(n) + head_rel
    first = numpy.array([labels[c][0] if c else "" for c in range(len(labels))])
    gov_dep = numpy.zeros(n, dtype="int64")
    hit = numpy.zeros(n, dtype=bool)
    gov_cue = numpy.zeros(n, dtype="int64")
    node = numpy.arange(n)
    active = ~has
    for _ in range(12):
        h = heads[node]
        active &= h != node
        found = active & has[h]
        gov_dep[found], gov_cue[found] = dep[node[found]], cue[h[found]]
        hit |= found
        active &= ~found
        node = numpy.where(active, h, node)
    gov = numpy.empty(n, dtype="uint64")
    gov[has] = _h("gov=SELF")
    gov[~has] = _h("gov=-")
    cache: dict[tuple[int, int], int] = {}
    for i in numpy.flatnonzero(hit):
        key = (int(gov_dep[i]), int(gov_cue[i]))
        if key not in cache:
            cache[key] = _h(f"gov={strings[key[0] & 0xFFFFFFFFFFFFFFFF]}:{first[key[1]]}")
        gov[i] = cache[key]
    out[:, 1] = gov
    # sent: cue words before / after the token in its sentence, and the token itself
    sid = numpy.cumsum((sent_start == 1) | (numpy.arange(n) == 0)) - 1
    cum = numpy.cumsum(has)
    sent_first = numpy.searchsorted(sid, sid, "left")
    sent_last = numpy.searchsorted(sid, sid, "right") - 1
    before = (cum - has) - (cum[sent_first] - has[sent_first]) > 0
    after = cum[sent_last] - cum > 0
    code = numpy.asarray(before, dtype=int) * 4 + numpy.asarray(after, dtype=int) * 2 + has.astype(int)
    out[:, 2] = numpy.array(
        [_h(f"sent={c >> 2 & 1}{c >> 1 & 1}{c & 1}") for c in range(8)], dtype="uint64"
    )[code]
    # quote: 1 inside a quotation, 2 on its marks; one-character marks only, as the shipped
    # tagger was trained (retrained with ''…'' marks too it scored lower end to end on dev)
    inside = numpy.zeros(n, dtype="int64")
    for q in find_quotes(doc.text, lex, doubled_marks=False):
        lo = int(numpy.searchsorted(idx, q.start, "left"))
        hi = int(numpy.searchsorted(idx, q.end, "left"))
        inside[lo:hi] = 1
        for edge in (q.start, q.end - 1):
            k = int(numpy.searchsorted(idx, edge, "right")) - 1
            if 0 <= k < n:
                inside[k] = 2
    out[:, 3] = numpy.array([_h(f"quote={k}") for k in range(3)], dtype="uint64")[inside]
    return out


def _signed(h: int) -> int:
    """A string hash as ``Doc.to_array`` gives it once cast to int64."""
    return h - (1 << 64) if h >= 1 << 63 else h


@cache
def _cue_labels(lang: str) -> list[str]:
    lex = load_lexicon(lang)
    stances = sorted({*lex.verb_stance.values(), *lex.noun_stance.values()})
    return ["", *(f"V:{s}" for s in stances), *(f"N:{s}" for s in stances), "ACC"]


def _features_forward(
    model: Model[list[Doc], list[Ints2d]], docs: list[Doc | Span], is_train: bool
) -> tuple[list[Ints2d], Callable[[list[Ints2d]], list[Any]]]:
    columns = model.attrs["columns"]
    features: list[Ints2d] = []
    for doc in docs:
        whole = doc if isinstance(doc, Doc) else doc.doc
        base = whole.to_array(columns)
        if base.ndim == 1:
            base = base.reshape((-1, 1))
        extra = whole.user_data.get(FEATURES_KEY)  # set while an ensemble's members run
        if extra is None:
            extra = token_features(whole)
        array = numpy.hstack([base.astype("uint64"), extra])
        if isinstance(doc, Span):
            array = array[doc.start:doc.end]
        features.append(model.ops.asarray2i(cast(Ints2d, array), dtype="uint64"))
    return features, lambda d_features: []


@registry.architectures("sourcetrace.AttributionEmbed.v1")
def attribution_embed(
    width: int, attrs: list[str], rows: list[int], feature_rows: int
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's ``MultiHashEmbed`` over ``attrs`` plus the four features of :func:`token_features`."""
    if len(rows) != len(attrs):
        raise ValueError(f"mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    all_rows = [*rows, *([feature_rows] * len(FEATURES))]
    embeddings: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(width, nrows, column=i, seed=8 + i, dropout=0.0) for i, nrows in enumerate(all_rows)
    ]
    extractor: Model[list[Doc], list[Ints2d]] = Model(
        "sourcetrace_features", _features_forward, attrs={"columns": attrs}
    )
    return cast(Model[list[Doc], list[Floats2d]], chain(
        extractor,
        cast(Model[list[Ints2d], Ragged], list2ragged()),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(all_rows), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    ))


def _tensor_forward(
    model: Model[list[Doc], Ragged], docs: list[Doc | Span], is_train: bool
) -> tuple[Ragged, Callable[[Ragged], list[Any]]]:
    width = model.get_dim("nO")
    key = model.attrs.get("user_data_key")
    arrays = []
    for doc in docs:
        whole = doc if isinstance(doc, Doc) else doc.doc
        tensor = whole.user_data.get(key) if key else whole.tensor
        if tensor is None or tensor.ndim != 2 or tensor.shape != (len(whole), width):
            tensor = numpy.zeros((len(whole), width), dtype="float32")
        if isinstance(doc, Span):
            tensor = tensor[doc.start:doc.end]
        arrays.append(model.ops.asarray2f(cast(Floats2d, tensor), dtype="float32"))
    lengths = model.ops.asarray1i([len(a) for a in arrays])
    flat = model.ops.flatten(arrays) if arrays else model.ops.alloc2f(0, width)
    return Ragged(flat, lengths), lambda d_ragged: []


@registry.architectures("sourcetrace.AttributionEmbed.v2")
def attribution_embed_v2(
    width: int, tensor_width: int, attrs: list[str], rows: list[int], feature_rows: int, embed_width: int
) -> Model[list[Doc], list[Floats2d]]:
    """The pipeline's own contextual vectors (``doc.tensor``, set by its ``tok2vec``; read,
    not trained) with hash embeddings of ``attrs`` and of the features of
    :func:`token_features`: the tagger reuses the parse's encoder instead of running its own."""
    return _attribution_embed(width, tensor_width, attrs, rows, feature_rows, embed_width, None)


@registry.architectures("sourcetrace.AttributionEmbed.v3")
def attribution_embed_v3(
    width: int, tensor_width: int, attrs: list[str], rows: list[int], feature_rows: int, embed_width: int
) -> Model[list[Doc], list[Floats2d]]:
    """As v2, with the token vectors read from ``doc.user_data["sourcetrace_tensor"]``: the
    parser's vectors beside a pretrained encoder's (:mod:`sourcetrace.nlp.encoder`, the
    accurate mode)."""
    return _attribution_embed(width, tensor_width, attrs, rows, feature_rows, embed_width,
                              "sourcetrace_tensor")


def _attribution_embed(
    width: int, tensor_width: int, attrs: list[str], rows: list[int], feature_rows: int,
    embed_width: int, user_data_key: str | None,
) -> Model[list[Doc], list[Floats2d]]:
    if len(rows) != len(attrs):
        raise ValueError(f"mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    all_rows = [*rows, *([feature_rows] * len(FEATURES))]
    embeddings: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(embed_width, nrows, column=i, seed=8 + i, dropout=0.0) for i, nrows in enumerate(all_rows)
    ]
    extractor: Model[list[Doc], list[Ints2d]] = Model(
        "sourcetrace_features", _features_forward, attrs={"columns": attrs}
    )
    hashed: Model[list[Doc], Ragged] = chain(
        extractor,
        cast(Model[list[Ints2d], Ragged], list2ragged()),
        with_array(concatenate(*embeddings)),
    )
    tensor: Model[list[Doc], Ragged] = Model(
        "sourcetrace_doc_tensor", _tensor_forward, dims={"nO": tensor_width},
        attrs={"user_data_key": user_data_key},
    )
    concat_width = tensor_width + embed_width * len(all_rows)
    return cast(Model[list[Doc], list[Floats2d]], chain(
        concatenate(tensor, hashed),
        with_array(Maxout(width, concat_width, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    ))


# -- loading ---------------------------------------------------------------------------------


def model_dir(name: str = DEFAULT_MODEL) -> Path:
    """The folder of model ``name`` inside the installed package (it may not exist yet)."""
    return Path(str(resources.files("sourcetrace").joinpath("models", name)))


def model_path(name: str = DEFAULT_MODEL) -> Path:
    """Where the shipped model ``name`` lies; :class:`ModelError` if it is not there."""
    path = model_dir(name)
    if not any((path / f).is_file() for f in ("config.cfg", "members.json")):
        raise ModelError(f"no trained model at {path}: run `sourcetrace train` or reinstall")
    return path


@cache
def _load_trained(path: str) -> Language:
    import spacy

    return spacy.load(path)


def tagger_steps(mode: str) -> list[Callable[[Doc], Doc]]:
    """What the tagger of ``mode`` ("model", "accurate" or "ensemble") runs over a parsed
    Doc, in order: the encoder's vectors (accurate mode only), the tagger, and the move of
    its spans to ``doc.spans`` (the ensemble's vote puts them there itself). Loads the
    model (and the encoder) once per process."""
    if mode == "ensemble":
        from .ensemble import TaggerVote

        return [TaggerVote(model_path(ENSEMBLE_MODEL))]
    steps: list[Callable[[Doc], Doc]] = []
    if mode == "accurate":
        from .encoder import load_encoder, set_encoder_vectors

        load_encoder()  # fails here, naming the extra to install, rather than on the first Doc
        steps.append(set_encoder_vectors)
    tagger = _load_trained(str(model_path(MODE_MODELS[mode]))).get_pipe(COMPONENT)
    return [*steps, tagger, keep_model_spans]


def add_tagger(nlp: Language, mode: str = "model") -> None:
    """Put the tagger of ``mode`` (and the steps around it, see :func:`tagger_steps`) at
    the end of ``nlp``.

    Last, because its features read the parse, the coarse tags the attribute ruler
    sets and the lemmas."""
    if mode == "ensemble":
        from .ensemble import COMPONENT as VOTE

        model_path(ENSEMBLE_MODEL)  # fails here, with the folder's name, rather than on the first Doc
        nlp.add_pipe(VOTE)
        return
    if mode == "accurate":
        from .encoder import COMPONENT as ENCODER
        from .encoder import load_encoder

        load_encoder()  # fails here, naming the extra to install, rather than on the first Doc
        nlp.add_pipe(ENCODER)
    nlp.add_pipe(COMPONENT, source=_load_trained(str(model_path(MODE_MODELS[mode]))))
    nlp.add_pipe(SPANS_COMPONENT, after=COMPONENT)


# -- reading the tagger's output -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelSpans:
    """The tagger's spans of one document, as character ranges in text order."""

    sources: tuple[Range, ...]
    cues: tuple[Range, ...]
    contents: tuple[Range, ...]


@Language.component(SPANS_COMPONENT)
def keep_model_spans(doc: Doc) -> Doc:
    """Move the tagger's entities to ``doc.spans[SPANS_KEY]`` and clear ``doc.ents``.

    The entities are roles, not named entities: leaving them in ``doc.ents``
    would mislead anything downstream reading entity types.
    """
    ours = [e for e in doc.ents if e.label_ in LABELS]
    doc.spans[SPANS_KEY] = ours
    doc.ents = [e for e in doc.ents if e.label_ not in LABELS]
    return doc


def has_model_spans(doc: Doc) -> bool:
    """Did the tagger run on ``doc``?"""
    return SPANS_KEY in doc.spans


def model_spans(doc: Doc) -> ModelSpans:
    """The tagger's spans of ``doc``; content pieces split only by a sentence start are
    joined, not across a line break (PolNeAR's contents never hold one). A source or
    content with no letter or digit (a stray closing mark) is dropped: PolNeAR train and
    dev hold 5 such content pieces in 25,804, and no source; the rules' content of the
    cue, if any, is used instead."""
    text = doc_text(doc)
    by_label: dict[str, list[Range]] = {label: [] for label in LABELS}
    for span in sorted(doc.spans[SPANS_KEY], key=lambda s: s.start_char):
        by_label[span.label_].append((span.start_char, span.end_char))
    contents: list[Range] = []
    for start, end in by_label["CONTENT"]:
        gap = text[contents[-1][1]:start] if contents else "x"
        if not gap.strip() and "\n" not in gap:
            if _sentence_split(doc, contents[-1][1], start):
                contents[-1] = (contents[-1][0], end)
                continue
        contents.append((start, end))
    return ModelSpans(
        tuple(r for r in by_label["SOURCE"] if _wordy(text, r)),
        tuple(by_label["CUE"]),
        tuple(r for r in contents if _wordy(text, r)),
    )


def _wordy(text: str, rng: Range) -> bool:
    """Does ``text[rng]`` hold a letter or a digit?"""
    return any(ch.isalnum() for ch in text[rng[0]:rng[1]])


def _sentence_split(doc: Doc, end: int, start: int) -> bool:
    """Is the gap ``text[end:start]`` white space at which a sentence starts?"""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and bool(span[0].is_sent_start)
