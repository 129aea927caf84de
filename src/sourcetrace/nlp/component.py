"""The spaCy component: ``nlp.add_pipe("sourcetrace")``.

A thin wrapper over :func:`sourcetrace.nlp.pipeline.extract_doc`: it puts the
sources, cues and contents of every attribution in ``doc.spans`` (keys
``sourcetrace_sources``, ``sourcetrace_cues``, ``sourcetrace_contents``, each
span labelled with its attribution id) and the whole record on
``doc._.sourcetrace``. Extensions are registered lazily, when the component is
created, never at import time.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Article, Extraction

SPAN_KEYS = {"source": "sourcetrace_sources", "cue": "sourcetrace_cues", "content": "sourcetrace_contents"}


def _register_extensions() -> None:
    if not Doc.has_extension("sourcetrace"):
        Doc.set_extension("sourcetrace", default=None)


class SourcetraceComponent:
    """Runs attribution extraction on each Doc the pipeline produces."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import extract_doc

        record: Extraction = extract_doc(doc, Article(text=doc.text).meta())
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


@Language.factory("sourcetrace", default_config={})
def make_sourcetrace(nlp: Language, name: str) -> SourcetraceComponent:
    return SourcetraceComponent(nlp, name)
