"""Pydantic models of the REST API's trust boundary: request bodies and response envelopes.

Records inside the envelopes keep the JSON shapes of the CLI's
``--format json`` output (``to_dict`` of the frozen records), typed here as
plain objects so that one place (the records) defines them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class Page(BaseModel):
    """One page of a list: ``items[offset : offset+limit]``.

    ``total`` is the size of the whole list (null when unknown, e.g. search);
    ``next_offset`` is the offset of the next page, null on the last one.
    """

    items: list[dict[str, Any]]
    total: int | None
    limit: int
    offset: int
    next_offset: int | None


class SearchPage(Page):
    """Search hits (articles first, then attributions) and the claims whose text matches."""

    query: str
    claims: list[dict[str, Any]] = Field(default_factory=list)


class ClaimTrace(BaseModel):
    """A claim cluster and its provenance tree (the shape of ``sourcetrace trace --format json``)."""

    claim: dict[str, Any]
    tree: dict[str, Any]


class SourceDetail(BaseModel):
    """A source across the corpus and one page of its statements."""

    source: dict[str, Any]
    statements: Page


class StoryDetail(BaseModel):
    """A story (the ``stories --format json`` shape) with its articles' summaries and claims."""

    story: dict[str, Any]
    articles: list[dict[str, Any]]
    claims: list[str]


class ArticleIn(BaseModel):
    """One article to ingest as text, with optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40)
    lang: str | None = Field(default=None, max_length=20)


class IngestRequest(BaseModel):
    """Texts and/or URLs to ingest (files go to ``POST /api/v1/ingest/files``)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list, max_length=100)
    urls: list[str] = Field(default_factory=list, max_length=100)


class IngestJobOut(BaseModel):
    """An ingest job: ``state`` is queued, running, done or failed."""

    id: str
    state: str
    items_done: int
    inputs: int
    report: dict[str, Any] | None
    failures: list[dict[str, str]]
    error: str | None
    seconds: float
    status_url: str | None = None


class ErrorOut(BaseModel):
    """Every error: ``{"error": {"type": ..., "message": ...}}``."""

    error: dict[str, Any]
