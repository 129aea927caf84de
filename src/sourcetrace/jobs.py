"""The one place that wires the stages: article in, extraction record out.

``extract`` is the library's front door; ``extract_articles`` streams many
articles through one spaCy pipeline with ``nlp.pipe`` (batched, so the model is
loaded once and the parse is amortised).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .nlp.pipeline import extract_doc, load_pipeline
from .records import Article, Extraction


def extract(text: str, **metadata: Any) -> Extraction:
    """Find every attribution and author assertion in one article.

    ``metadata`` takes the fields of :class:`~sourcetrace.records.Article`
    (``id, path, url, title, outlet, published, lang``). Offsets in the result
    index ``text`` exactly as given.
    """
    article = Article(text=text).with_meta(**metadata)
    return next(iter(extract_articles([article])))


def extract_articles(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
    """Extract from many articles, in order, with one shared pipeline."""
    nlp = load_pipeline("en")
    pairs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        yield extract_doc(doc, article.meta())
