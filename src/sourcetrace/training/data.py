"""PolNeAR brat annotations → parsed spaCy Docs whose entities are the attribution roles.

Each article is parsed with the extractor's own rules pipeline (the tagger reads
the parse, so training and extraction must parse alike), then every gold
source, cue and content piece becomes an entity labelled ``SOURCE``, ``CUE`` or
``CONTENT``. PolNeAR is univocal, so the roles never overlap; spaCy's ``ner``
cannot cross a sentence start, so a piece running over several sentences is
cut at each start (and joined again by :func:`sourcetrace.nlp.model.model_spans`).
Pieces are snapped outwards to token boundaries; white-space tokens at either
end are left out.

The Docs are written to a :class:`~spacy.tokens.DocBin` in a build folder,
never to the repository (PolNeAR's texts are not ours to redistribute), with
the parser's contextual vectors (``doc.tensor``, which the tagger reads and a
DocBin does not keep) beside it as one float16 array, ``<name>.tensors.npy``;
for the accurate tagger, each token's row also holds the pretrained encoder's
vector (:mod:`sourcetrace.nlp.encoder`), and the reader puts the rows in
``doc.user_data`` where that tagger reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry

from ..evaluation.polnear import GoldDoc, load_polnear
from ..nlp.encoder import TENSOR_KEY
from ..nlp.model import LABELS
from ..nlp.paragraphs import paragraph_boundaries  # noqa: F401  (registers the component)

ROLE_LABEL = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


@dataclass(frozen=True, slots=True)
class ConvertStats:
    """What a conversion produced, for the training log and provenance."""

    docs: int
    tokens: int
    attributions: int
    entities: dict[str, int]
    clashes: int  # gold pieces dropped because their tokens were already taken


def set_gold_roles(doc: Doc, gold: GoldDoc) -> tuple[dict[str, int], int]:
    """Put ``gold``'s role pieces on the parsed ``doc`` as entities; returns counts and clashes."""
    n = len(doc)
    role: list[str | None] = [None] * n
    owner: list[int] = [-1] * n
    clashes = 0
    for k, att in enumerate(gold.attributions):
        for name, pieces in (("source", att.source or ()), ("cue", att.cue), ("content", att.content)):
            for start, end in pieces:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                toks = [t.i for t in span if not t.is_space]
                if any(role[i] is not None and owner[i] != k for i in toks):
                    clashes += 1
                    continue
                for i in toks:
                    role[i], owner[i] = ROLE_LABEL[name], k
    ents: list[Span] = []
    counts = {label: 0 for label in LABELS}
    i = 0
    while i < n:
        label = role[i]
        if label is None:
            i += 1
            continue
        j = i + 1
        while j < n and role[j] == label and owner[j] == owner[i] and not doc[j].is_sent_start:
            j += 1
        while j - 1 > i and doc[j - 1].is_space:
            j -= 1
        ents.append(Span(doc, i, j, label=label))
        counts[label] += 1
        i = j
        while i < n and role[i] == label and owner[i] == owner[j - 1] and doc[i].is_space:
            i += 1
    doc.set_ents(ents, default="outside")
    return counts, clashes


def convert(
    golds: Iterable[GoldDoc], nlp: Language, *, batch_size: int = 16,
    features: Callable[[Doc], numpy.ndarray] | None = None,
) -> tuple[DocBin, list[numpy.ndarray], ConvertStats]:
    """Parse ``golds`` with ``nlp`` (the rules pipeline) and mark their roles; also
    returns each Doc's ``tensor``, with ``features(doc)`` beside it when given (the
    accurate tagger's encoder vectors)."""
    tensors: list[numpy.ndarray] = []
    db = DocBin(attrs=["ORTH", "NORM", "TAG", "HEAD", "DEP", "SENT_START", "POS", "LEMMA", "MORPH", "ENT_IOB", "ENT_TYPE"])
    docs = tokens = attributions = clashes = 0
    entities = {label: 0 for label in LABELS}
    golds = list(golds)
    for doc, gold in zip(nlp.pipe((g.text for g in golds), batch_size=batch_size), golds):
        counts, clash = set_gold_roles(doc, gold)
        for label, c in counts.items():
            entities[label] += c
        clashes += clash
        docs += 1
        tokens += len(doc)
        attributions += len(gold.attributions)
        tensor = doc.tensor if features is None else numpy.hstack([doc.tensor, features(doc)])
        tensors.append(tensor.astype("float16"))
        db.add(doc)
    return db, tensors, ConvertStats(docs, tokens, attributions, entities, clashes)


def convert_split(
    root: Path, split: str, nlp: Language, out: Path, *, limit: int | None = None,
    features: Callable[[Doc], numpy.ndarray] | None = None,
) -> ConvertStats:
    """Convert one PolNeAR split and write it to ``out`` (a ``.spacy`` DocBin)."""
    db, tensors, stats = convert(load_polnear(root, split, limit=limit), nlp, features=features)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    numpy.save(tensor_path(out), numpy.concatenate(tensors) if tensors else numpy.zeros((0, 0), "float16"))
    return stats


def tensor_path(docbin: Path) -> Path:
    return Path(docbin).with_suffix(".tensors.npy")


@registry.readers("sourcetrace.PreparsedCorpus.v1")
def preparsed_corpus(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Examples whose predicted Doc keeps the stored parse and has no roles yet.

    spaCy's own ``Corpus`` re-tokenises the text and loses the parse the
    tagger's features are read from.
    """

    def read(nlp: Language) -> Iterator[Example]:
        db = DocBin().from_disk(path)
        tpath = tensor_path(path)
        tensors = numpy.load(tpath, mmap_mode="r") if tpath.is_file() else None
        at = 0
        for reference in db.get_docs(nlp.vocab):
            tensor = None
            if tensors is not None and tensors.ndim == 2 and tensors.shape[0] >= at + len(reference):
                tensor = numpy.ascontiguousarray(tensors[at:at + len(reference)], dtype="float32")
                reference.tensor = tensor
            at += len(reference)
            predicted = reference.copy()
            if tensor is not None:  # what the accurate tagger reads; shared, set after the copy
                reference.user_data[TENSOR_KEY] = predicted.user_data[TENSOR_KEY] = tensor
            predicted.set_ents([], default="missing")
            yield Example(predicted, reference)

    return read
