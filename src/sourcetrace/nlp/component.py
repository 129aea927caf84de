"""The spaCy component: ``nlp.add_pipe("sourcetrace")``.

A thin wrapper over :func:`sourcetrace.nlp.pipeline.extract_doc`: it puts the
sources, cues and contents of every attribution in ``doc.spans`` (keys
``sourcetrace_sources``, ``sourcetrace_cues``, ``sourcetrace_contents``, each
span labelled with its attribution id) and the whole record on
``doc._.sourcetrace``. Extensions are registered lazily, when the component is
created, never at import time.

Config: ``mode`` is ``"model"`` (the default, as for :func:`sourcetrace.extract`:
the shipped learned tagger runs inside the component, over the user's parse),
``"ensemble"`` (six taggers of the default kind vote; see
:mod:`sourcetrace.nlp.ensemble`), ``"accurate"`` (the tagger that also reads a
pretrained encoder; the ``[transformer]`` extra) or ``"rules"``; ``lang`` picks the
cue lexicon (default: the pipeline's language).
Add it after the parser::

    nlp.add_pipe("sourcetrace", config={"mode": "rules"})
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..records import Article, Extraction

SPAN_KEYS = {"source": "sourcetrace_sources", "cue": "sourcetrace_cues", "content": "sourcetrace_contents"}


def _register_extensions() -> None:
    if not Doc.has_extension("sourcetrace"):
        Doc.set_extension("sourcetrace", default=None)


class SourcetraceComponent:
    """Runs attribution extraction on each Doc the pipeline produces."""

    def __init__(self, nlp: Language, name: str, mode: str = "model",
                 lang: str | None = None) -> None:
        from .pipeline import MODES

        if mode not in MODES:
            raise ModelError(f"unknown extraction mode {mode!r} (choose from {', '.join(MODES)})")
        self.name = name
        self.mode = mode
        self.lang = lang or nlp.lang
        self._steps: list[Callable[[Doc], Doc]] = []
        if mode != "rules":
            from .model import LABELS, tagger_steps

            for label in LABELS:  # the tagger's labels, readable from this pipeline's docs
                nlp.vocab.strings.add(label)
            self._steps = tagger_steps(mode)
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import extract_doc

        if self._steps:
            # the tagger reads and writes doc.ents: run it on a clean slate, as in
            # sourcetrace's own pipeline (no NER), then give the user's entities back
            entities, doc.ents = doc.ents, []
            for step in self._steps:
                doc = step(doc)
            doc.ents = entities
        record: Extraction = extract_doc(doc, Article(text=doc.text, lang=self.lang).meta(),
                                         self.lang)
        doc._.sourcetrace = record
        groups: dict[str, list] = {key: [] for key in SPAN_KEYS.values()}
        for att in record.attributions:
            parts = [("source", att.source), ("cue", att.cue), *(("content", c) for c in att.content)]
            for role, part in parts:
                if part is None:
                    continue
                span = doc.char_span(part.start, part.end, label=att.id, alignment_mode="expand")
                if span is not None:
                    groups[SPAN_KEYS[role]].append(span)
        for key, spans in groups.items():
            doc.spans[key] = spans
        return doc


@Language.factory("sourcetrace", default_config={"mode": "model", "lang": None})
def make_sourcetrace(nlp: Language, name: str, mode: str,
                     lang: str | None) -> SourcetraceComponent:
    return SourcetraceComponent(nlp, name, mode, lang)
