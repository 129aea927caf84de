"""Shared helpers: hand-built extraction records (no spaCy), packs, a fake provenance view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.records import (
    Assertion, Attribution, Channel, Cue, DocMeta, Extraction, SourceSpan, TextSpan, sha256_text,
)
from sourcetrace.topics import TopicPack, load_pack
from sourcetrace.topics.adapter import ArticleInfo, OriginRef

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def recruitment() -> TopicPack:
    return load_pack("recruitment")


@pytest.fixture(scope="session")
def valdoria() -> TopicPack:
    return load_pack(FIXTURES / "valdoria.toml")


@dataclass(frozen=True)
class Att:
    """An attribution to place in a text by its strings (each found with ``str.index``)."""

    content: str
    cue: str
    source: str | None = None
    source_type: str = "person"
    descriptor: str | None = None
    stance: str = "assert"
    channel: str | None = None
    name: str | None = None  # the resolved name, when not the mention itself


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def make_record(text: str, article_id: str, atts: Sequence[Att] = (),
                assertions: Sequence[tuple[str, str | None]] = (), *, lang: str | None = "en",
                url: str | None = None, outlet: str | None = None,
                published: str | None = None) -> Extraction:
    """An extraction record whose offsets are found by searching ``text``."""
    out = []
    for i, a in enumerate(atts, 1):
        cs, ce = _span(text, a.content)
        qs, qe = _span(text, a.cue)
        source = None
        if a.source is not None:
            ss, se = _span(text, a.source)
            source = SourceSpan(ss, se, a.source, a.name or a.source, a.source_type, a.descriptor)
        channel = None
        if a.channel is not None:
            hs, he = _span(text, a.channel, qe)
            channel = Channel(a.channel, hs, he, a.channel)
        out.append(Attribution(
            id=f"a{i}", kind="indirect", source=source,
            cue=Cue(qs, qe, a.cue, a.cue.split()[0].lower(), a.stance),
            content=(TextSpan(cs, ce, a.content),), channel=channel,
        ))
    sents = []
    for sentence, hedge in assertions:
        s, e = _span(text, sentence)
        h = None
        if hedge is not None:
            hs, he = _span(text, hedge, s)
            h = TextSpan(hs, he, hedge)
        sents.append(Assertion(s, e, sentence, h))
    doc = DocMeta(id=article_id, sha256=sha256_text(text), url=url, outlet=outlet,
                  published=published, lang=lang)
    return Extraction(doc=doc, text=text, attributions=tuple(out), assertions=tuple(sents))


@dataclass
class FakeView:
    """A :class:`~sourcetrace.topics.adapter.ProvenanceView` with answers given by hand."""

    articles: dict[str, ArticleInfo]
    clusters: dict[tuple[str, str], str] = field(default_factory=dict)
    origins_of: dict[str, tuple[OriginRef, ...]] = field(default_factory=dict)

    def claim_of(self, article: str, attribution: str) -> str | None:
        return self.clusters.get((article, attribution))

    def origins(self, claim_id: str) -> tuple[OriginRef, ...]:
        return self.origins_of.get(claim_id, ())

    def article(self, article_id: str) -> ArticleInfo:
        return self.articles[article_id]

    def trace(self, claim_id: str) -> dict[str, Any] | None:
        return {"kind": "claim", "label": claim_id, "children": []}


def info(article_id: str, report: str, originality: str = "derivative",
         date: str | None = None) -> ArticleInfo:
    return ArticleInfo(id=article_id, url=f"https://{report.lower()}.example/{article_id}",
                       outlet=report, title=None, date=date, originality=originality,
                       report=report, sha256="0" * 64, hash_of="text")
