"""Extraction records ↔ table rows, with no SQL: the one place that knows the columns.

Rows are plain tuples in the column order of the ``*_COLUMNS`` constants, so
both backends insert and read them the same way. Nested lists (content spans,
source mentions and channels) are JSON text. ``record_from_rows`` rebuilds an
:class:`~sourcetrace.records.Extraction` equal to the one stored (``to_dict``
identical): offsets, texts and order are kept exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..nlp.translit import name_key
from ..records import (
    Assertion,
    Attribution,
    Channel,
    Cue,
    DocMeta,
    Extraction,
    Mention,
    Source,
    SourceSpan,
    TextSpan,
)

CONTENT_JOINER = " … "

ARTICLE_META_COLUMNS: tuple[str, ...] = (
    "id", "text_sha256", "path", "url", "title", "outlet", "published", "lang", "text",
)
ATTRIBUTION_COLUMNS: tuple[str, ...] = (
    "article_id", "ord", "id", "kind",
    "source_name", "source_fold", "source_type", "source_descriptor", "source_start",
    "source_end", "source_text",
    "cue_start", "cue_end", "cue_text", "cue_lemma", "cue_stance",
    "content", "content_text",
    "channel_name", "channel_start", "channel_end", "channel_text",
    "parent", "confidence", "source_key",
)
SOURCE_COLUMNS: tuple[str, ...] = (
    "article_id", "ord", "name", "name_fold", "type", "descriptor", "mentions", "channels",
)
ASSERTION_COLUMNS: tuple[str, ...] = (
    "article_id", "ord", "start_offset", "end_offset", "text", "hedge_start", "hedge_end",
    "hedge_text",
)

Row = tuple[Any, ...]


def fold(name: str) -> str:
    """The case-folded form of a name, for case-insensitive matching in any script."""
    return name.casefold()


def source_key(name: str) -> str:
    """A source name's script-independent key, padded for whole-word ``LIKE`` matching.

    :func:`sourcetrace.nlp.translit.name_key` with a space at each end: "Andriy
    Usov" and "Андрій Усов" give `` _ndr _sv ``, and a search for "Усов" (`` _sv ``)
    matches it as a whole word, not inside another name.
    """
    return f" {name_key(name)} "


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def attribution_rows(article_id: str, record: Extraction) -> list[Row]:
    rows: list[Row] = []
    for ord_, a in enumerate(record.attributions):
        s, c, ch = a.source, a.cue, a.channel
        rows.append((
            article_id, ord_, a.id, a.kind,
            s.name if s else None, fold(s.name) if s else None, s.type if s else None,
            s.descriptor if s else None, s.start if s else None, s.end if s else None,
            s.text if s else None,
            c.start, c.end, c.text, c.lemma, c.stance,
            _json([span.to_dict() for span in a.content]),
            CONTENT_JOINER.join(span.text for span in a.content),
            ch.name if ch else None, ch.start if ch else None, ch.end if ch else None,
            ch.text if ch else None,
            a.parent, float(a.confidence), source_key(s.name) if s else None,
        ))
    return rows


def source_rows(article_id: str, record: Extraction) -> list[Row]:
    return [
        (article_id, ord_, s.name, fold(s.name), s.type, s.descriptor,
         _json([m.to_dict() for m in s.mentions]), _json(list(s.channels)))
        for ord_, s in enumerate(record.sources)
    ]


def assertion_rows(article_id: str, record: Extraction) -> list[Row]:
    rows: list[Row] = []
    for ord_, a in enumerate(record.assertions):
        h = a.hedge
        rows.append((article_id, ord_, a.start, a.end, a.text,
                     h.start if h else None, h.end if h else None, h.text if h else None))
    return rows


def _attribution(row: Sequence[Any]) -> Attribution:
    (_, _, id_, kind, s_name, _, s_type, s_desc, s_start, s_end, s_text,
     c_start, c_end, c_text, c_lemma, c_stance, content, _,
     ch_name, ch_start, ch_end, ch_text, parent, confidence, _) = row
    source = None
    if s_name is not None:
        source = SourceSpan(start=s_start, end=s_end, text=s_text, name=s_name, type=s_type,
                            descriptor=s_desc)
    channel = Channel(ch_name, ch_start, ch_end, ch_text) if ch_name is not None else None
    return Attribution(
        id=id_, kind=kind, source=source,
        cue=Cue(c_start, c_end, c_text, c_lemma, c_stance),
        content=tuple(TextSpan(d["start"], d["end"], d["text"]) for d in json.loads(content)),
        channel=channel, parent=parent, confidence=float(confidence),
    )


def _source(row: Sequence[Any]) -> Source:
    _, _, name, _, type_, descriptor, mentions, channels = row
    return Source(
        name=name, type=type_, descriptor=descriptor,
        mentions=tuple(Mention(m["start"], m["end"]) for m in json.loads(mentions)),
        channels=tuple(json.loads(channels)),
    )


def _assertion(row: Sequence[Any]) -> Assertion:
    _, _, start, end, text, h_start, h_end, h_text = row
    hedge = TextSpan(h_start, h_end, h_text) if h_text is not None else None
    return Assertion(start, end, text, hedge)


def record_from_rows(meta: Sequence[Any], attributions: Sequence[Sequence[Any]],
                     sources: Sequence[Sequence[Any]],
                     assertions: Sequence[Sequence[Any]]) -> Extraction:
    """Rebuild a record; ``meta`` is in :data:`ARTICLE_META_COLUMNS` order, the rest by ord."""
    id_, sha, path, url, title, outlet, published, lang, text = meta
    return Extraction(
        doc=DocMeta(id=id_, sha256=sha, path=path, url=url, title=title, outlet=outlet,
                    published=published, lang=lang),
        text=text,
        attributions=tuple(_attribution(r) for r in attributions),
        assertions=tuple(_assertion(r) for r in assertions),
        sources=tuple(_source(r) for r in sources),
    )
