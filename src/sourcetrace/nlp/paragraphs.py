"""A tiny spaCy component that starts a sentence at every line break.

News text puts one paragraph per line; the statistical parser sometimes runs a
sentence across the break (after a closing quote mark especially), which then
glues two paragraphs' clauses together. Placed before the parser, this
component fixes those boundaries; the parser respects preset sentence starts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sourcetrace_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
