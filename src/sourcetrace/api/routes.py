"""REST routes under ``/api/v1``: read the store and its provenance, start ingests.

Every list is paginated with ``limit`` (1–200, default 50) and ``offset``
(default 0) and answered as a :class:`~sourcetrace.api.models.Page`. Records
keep the CLI's ``--format json`` shapes: an article is ``sourcetrace article ID
--format json`` plus ``originality``/``based_on``/``cites`` (and ``copied_by``,
``stories``, ``claims``, ``sourcing``); a claim is ``sourcetrace trace
--format json`` (``{"claim", "tree"}``); stories, search hits, statements
(``sources --format json``) and stats as their commands print them. Errors are
``{"error": {"type", "message"}}`` with the status of
:data:`sourcetrace.web.app.STATUS`.

Writes (``POST /ingest``, ``POST /ingest/files``) need ``Authorization: Bearer
TOKEN`` when the server has a token and are refused from another site's pages;
they answer 202 with a job to poll at ``GET /ingest/{job}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, Response, UploadFile

from ..web.data import Filters, WebData
from ..web.ingest import IngestJob, IngestJobs, PastedArticle, UploadRefused
from ..web.security import write_refusal
from ..web.settings import ServerSettings
from .models import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ArticleIn,
    ClaimTrace,
    ErrorOut,
    IngestJobOut,
    IngestRequest,
    Page,
    SearchPage,
    SourceDetail,
    StoryDetail,
)

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "not found"},
}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=_ERRORS)
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=500)]
DateParam = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                        description="YYYY-MM-DD")]


TopicParam = Annotated[str | None, Query(
    max_length=200, description="a topic pack category, pack/category (recruitment/wagner)")]


def _data(request: Request) -> WebData:
    data: WebData = request.app.state.data
    return data


def page(items: Sequence[dict[str, Any]], limit: int, offset: int, *,
         total: int | None = None, more: bool | None = None) -> Page:
    """A :class:`Page` of ``items`` (already cut, or the whole list when ``total`` is None)."""
    if total is None and more is None:
        total = len(items)
        items = items[offset:offset + limit]
    if more is None:
        more = total is not None and total > offset + limit
    return Page(items=list(items), total=total, limit=limit, offset=offset,
                next_offset=offset + limit if more else None)


def _filters(outlet: str | None, lang: str | None, date_from: str | None, date_to: str | None,
             source: str | None, story: str | None, topic: str | None = None) -> Filters:
    return Filters(outlet, lang, date_from, date_to, source, story, topic)


def require_write(request: Request) -> None:
    """The write rules of :func:`~sourcetrace.web.security.write_refusal`, as an HTTP error."""
    settings: ServerSettings = request.app.state.settings
    refusal = write_refusal(settings, request.headers, request.url.scheme)
    if refusal:
        status, reason = refusal
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status, reason, headers=headers)


# -- reading ---------------------------------------------------------------------


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """Counts (``sourcetrace stats --format json``) plus stories and claims."""
    return _data(request).stats()


@router.get("/articles", response_model=Page)
def articles(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
             outlet: Text = None, lang: Text = None, date_from: DateParam = None,
             date_to: DateParam = None, source: Text = None, story: Text = None,
             topic: TopicParam = None) -> Page:
    """Article summaries, newest first, kept by the filters."""
    rows = _data(request).rows(_filters(outlet, lang, date_from, date_to, source, story,
                                        topic))
    return page([r.to_dict() for r in rows[offset:offset + limit]], limit, offset,
                total=len(rows))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """One article: its record, captures, provenance and sourcing summary."""
    return _data(request).article(article_id).to_dict()


@router.delete("/articles/{article_id}", status_code=204, response_class=Response,
               dependencies=[Depends(require_write)],
               responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                          404: {"model": ErrorOut}})
def delete_article(request: Request, article_id: str) -> Response:
    """Remove an article, its record and its captures, and link the corpus again."""
    _data(request).delete(article_id)
    return Response(status_code=204)


@router.get("/articles/{article_id}/attributions", response_model=Page)
def article_attributions(request: Request, article_id: str, limit: Limit = DEFAULT_LIMIT,
                         offset: Offset = 0) -> Page:
    """The attributions of one article (the record's ``attributions`` list, paginated)."""
    record = _data(request).article(article_id).stored.record
    return page([a.to_dict() for a in record.attributions], limit, offset)


@router.get("/attributions", response_model=Page)
def attributions(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                 source: Text = None) -> Page:
    """Attributions across articles as statement rows (``sourcetrace sources --format json``)."""
    found, more = _data(request).statements(limit=limit, offset=offset, name=source)
    return page([s.to_dict() for s in found], limit, offset, more=more)


@router.get("/sources", response_model=Page)
def sources(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
            name: Text = None) -> Page:
    """Sources across the corpus, most statements first; ``name`` filters (any case)."""
    return page([s.to_dict() for s in _data(request).sources(name)], limit, offset)


@router.get("/sources/{source_id}", response_model=SourceDetail)
def source(request: Request, source_id: str, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> SourceDetail:
    """One source and a page of everything it said, by date."""
    data = _data(request)
    row = data.source(source_id)
    statements = [s.to_dict() for s in data.statements_of(source_id)]
    return SourceDetail(source=row.to_dict(), statements=page(statements, limit, offset))


@router.get("/claims", response_model=Page)
def claims(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
           story: Text = None) -> Page:
    """Claim clusters (``sourcetrace claims --format json``), most carried first."""
    found = _data(request).claims(story)
    return page([c.to_dict() for c in found[offset:offset + limit]], limit, offset,
                total=len(found))


@router.get("/claims/{claim_id}", response_model=ClaimTrace)
def claim(request: Request, claim_id: str) -> ClaimTrace:
    """A claim and its provenance tree (``sourcetrace trace --format json``)."""
    found, tree = _data(request).claim(claim_id)
    return ClaimTrace(claim=found.to_dict(), tree=tree.to_dict())


@router.get("/claims/{claim_id}/trace")
def claim_trace(request: Request, claim_id: str) -> dict[str, Any]:
    """Only the provenance tree: primary source → channel → articles, with the verdict."""
    return _data(request).claim(claim_id)[1].to_dict()


@router.get("/map", responses={404: {"model": ErrorOut}})
def topic_map(request: Request, topic: Annotated[str, Query(
        max_length=100, description="a built-in topic pack")] = "recruitment") -> dict[str, Any]:
    """A topic's evidence map over the store (``sourcetrace map --format json``)."""
    return _data(request).topic_map(topic)


@router.get("/stories", response_model=Page)
def stories(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page:
    """Stories (``sourcetrace stories --format json``)."""
    return page([s.to_dict() for s in _data(request).stories()], limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDetail)
def story(request: Request, story_id: str) -> StoryDetail:
    """One story with its articles' summaries (by date) and its claims' ids."""
    data = _data(request)
    found = data.story(story_id)
    rows = data.snapshot().rows
    arts = sorted((rows[a] for a in found.articles if a in rows),
                  key=lambda r: (r.date or "9999", r.id))
    return StoryDetail(story=found.to_dict(), articles=[r.to_dict() for r in arts],
                       claims=[c.id for c in data.claims(story_id)])


@router.get("/search", response_model=SearchPage)
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, outlet: Text = None,
           lang: Text = None, date_from: DateParam = None, date_to: DateParam = None,
           source: Text = None, story: Text = None, topic: TopicParam = None) -> SearchPage:
    """Full-text search (``sourcetrace search --format json`` hits) plus matching claims.

    Words must all match; ``"quoted phrases"`` match as phrases; operators are
    plain text. ``total`` is null: follow ``next_offset``. Claims are not paginated.
    """
    filters = _filters(outlet, lang, date_from, date_to, source, story, topic)
    result = _data(request).search(q, filters, limit=limit, offset=offset)
    return SearchPage(items=[h.to_dict() for h in result.hits], total=None, limit=limit,
                      offset=offset, next_offset=offset + limit if result.more else None,
                      query=q, claims=[{"id": c.id, "text": c.text,
                                        "verdict": c.verdict.label,
                                        "articles": len(c.articles)} for c in result.claims])


@router.get("/failures", response_model=Page)
def failures(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page:
    """Inputs that could not be ingested, and why (``sourcetrace failures --format json``)."""
    return page(_data(request).failures(), limit, offset)


# -- writing ---------------------------------------------------------------------


def _job_out(job: IngestJob) -> IngestJobOut:
    return IngestJobOut(**job.to_dict(), status_url=f"/api/v1/ingest/{job.id}")


def _submit(request: Request, pasted: list[PastedArticle], files: list[tuple[str, bytes]],
            urls: list[str]) -> IngestJobOut:
    jobs: IngestJobs = request.app.state.jobs
    try:
        return _job_out(jobs.submit(pasted, files, urls))
    except UploadRefused as exc:
        raise HTTPException(422, str(exc)) from None


def _pasted(a: ArticleIn) -> PastedArticle:
    return PastedArticle(a.text, a.title, a.url, a.outlet, a.published, a.lang)


@router.post("/ingest", status_code=202, response_model=IngestJobOut,
             dependencies=[Depends(require_write)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        413: {"description": "request body too large"},
                        422: {"model": ErrorOut}})
def ingest(request: Request, body: IngestRequest) -> IngestJobOut:
    """Ingest texts (with metadata) and/or http(s) URLs; poll the returned job."""
    return _submit(request, [_pasted(a) for a in body.articles], [], body.urls)


@router.post("/ingest/files", status_code=202, response_model=IngestJobOut,
             dependencies=[Depends(require_write)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut},
                        413: {"description": "request body too large"},
                        422: {"model": ErrorOut}})
async def ingest_files(request: Request,
                       files: Annotated[list[UploadFile], File(description=(
                           "Text files: .txt .html .htm .jsonl .xml .rss .atom"))]) -> IngestJobOut:
    """Ingest uploaded files (multipart field ``files``); each at most the upload limit."""
    settings: ServerSettings = request.app.state.settings
    if len(files) > settings.max_files:
        raise HTTPException(422, f"at most {settings.max_files} files per ingest")
    blobs = [(f.filename or "upload.txt", await f.read(settings.max_upload_bytes + 1))
             for f in files]
    return _submit(request, [], blobs, [])


@router.get("/ingest/{job_id}", response_model=IngestJobOut)
def ingest_status(request: Request, job_id: str) -> IngestJobOut:
    """The state, progress and report of an ingest job."""
    jobs: IngestJobs = request.app.state.jobs
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r}")
    return _job_out(job)
