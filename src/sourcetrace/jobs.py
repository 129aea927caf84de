"""The one place that wires the stages: article in, extraction record out.

``extract`` is the library's front door; ``extract_articles`` streams many
articles through one spaCy pipeline with ``nlp.pipe`` (batched, so the model is
loaded once and the parse is amortised).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .nlp.languages import pipeline_language
from .nlp.pipeline import DEFAULT_MODE, LANGUAGES, extract_doc, load_pipeline
from .records import Article, Extraction


def extract(text: str, *, mode: str = DEFAULT_MODE, **metadata: Any) -> Extraction:
    """Find every attribution and author assertion in one article.

    ``metadata`` takes the fields of :class:`~sourcetrace.records.Article`
    (``id, path, url, title, outlet, published, lang``); ``mode`` the extraction
    mode (see :func:`extract_articles`). Offsets in the result index ``text``
    exactly as given.
    """
    article = Article(text=text).with_meta(**metadata)
    return next(iter(extract_articles([article], mode=mode)))


def extract_articles(
    articles: Iterable[Article], *, batch_size: int = 16, mode: str = DEFAULT_MODE
) -> Iterator[Extraction]:
    """Extract from many articles, in order (``mode``: "rules", "model", "accurate"
    or "ensemble").

    Each article goes to its language's pipeline: ``Article.lang`` when given,
    else the detected language, which the record's ``doc.lang`` then carries
    (unless it is English, the default, left ``None`` as before detection).
    An article in a language no pipeline reads (see
    :data:`~sourcetrace.nlp.pipeline.LANGUAGES`) gets a record with its
    metadata and text and no attributions. Articles are read ``batch_size`` at
    a time; within a batch each language's articles share one ``nlp.pipe``.
    """
    for batch in _batches(articles, batch_size):
        out: dict[int, Extraction] = {}
        groups: dict[str | None, list[tuple[int, Article]]] = {}
        for k, article in enumerate(batch):
            code, pipe = pipeline_language(article.lang, article.text, LANGUAGES, DEFAULT_LANG)
            # the detected language is recorded, except the default English: English
            # records stay as they were before detection existed
            known = article.lang or code == DEFAULT_LANG
            groups.setdefault(pipe, []).append((k, article if known else replace(article, lang=code)))
        for pipe, members in groups.items():
            if pipe is None:
                out.update((k, Extraction(doc=a.meta(), text=a.text)) for k, a in members)
                continue
            nlp = load_pipeline(pipe, mode)
            pairs = nlp.pipe(((a.text, (k, a)) for k, a in members), as_tuples=True, batch_size=batch_size)
            for doc, (k, article) in pairs:
                out[k] = extract_doc(doc, article.meta(), pipe)
        yield from (out[k] for k in range(len(batch)))


DEFAULT_LANG = "en"


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
