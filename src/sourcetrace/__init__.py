"""sourcetrace: who said what, through whom, how firmly — in news reporting.

The public API is small and listed in ``__all__``::

    import sourcetrace
    record = sourcetrace.extract(text, title="...", outlet="...")
    for a in record.attributions:
        print(a.kind, a.source and a.source.name, a.cue.stance, a.channel)
"""

from __future__ import annotations

from .errors import InputError, ModelError, SourcetraceError, UsageError
from .jobs import extract, extract_articles
from .records import (
    Article,
    Assertion,
    Attribution,
    Channel,
    Cue,
    DocMeta,
    Extraction,
    Source,
    SourceSpan,
    TextSpan,
)
from .linking import link_corpus
from .store import open_store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Assertion",
    "Attribution",
    "Channel",
    "Cue",
    "DocMeta",
    "Extraction",
    "InputError",
    "ModelError",
    "Source",
    "SourceSpan",
    "SourcetraceError",
    "TextSpan",
    "UsageError",
    "__version__",
    "extract",
    "extract_articles",
    "link_corpus",
    "open_store",
]
