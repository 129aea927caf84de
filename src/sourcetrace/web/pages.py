"""The HTML pages: home/search, article, source, claim, story, ingest.

Each route parses its parameters, asks :class:`~sourcetrace.web.data.WebData`
for data and renders one template; the view-shaping that templates cannot do
simply (highlight segments, tree flags, timeline groups) happens here. Every
value reaches the page through Jinja autoescaping; links to outside pages are
made only from ``http(s)`` URLs. Errors become the error page through the app's
exception handlers.

Limits: lists show :data:`PAGE_SIZE` items a page; search shows the store's
best matches (see :meth:`WebData.search <sourcetrace.web.data.WebData.search>`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..errors import NotFoundError, UsageError
from ..render.marks import ROLES, record_marks, segments, snippet_segments, term_marks
from .data import ArticleRow, Filters, TraceNode, WebData, facets, source_key
from .ingest import IngestJobs, PastedArticle, UploadRefused
from .pagecache import PageCache
from .security import write_refusal
from .settings import UPLOAD_SUFFIXES, ServerSettings

PAGE_SIZE = 25
DATE = r"^(\d{4}-\d{2}-\d{2})?$"
router = APIRouter(include_in_schema=False)
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str, Query(max_length=500)]
DateParam = Annotated[str, Query(pattern=DATE, max_length=10)]


def _data(request: Request) -> WebData:
    data: WebData = request.app.state.data
    return data


def _render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    settings: ServerSettings = request.app.state.settings
    context.setdefault("title", "sourcetrace")
    context.setdefault("status", status)
    context["write_protected"] = bool(settings.token)
    return templates.TemplateResponse(request, template, context, status_code=status)


Handler = TypeVar("Handler", bound=Callable[..., Response])


def cached_page(handler: Handler) -> Handler:
    """Serve the page from the :class:`PageCache` while the snapshot generation holds."""

    @functools.wraps(handler)
    def wrapper(request: Request, *args: Any, **kwargs: Any) -> Response:
        cache: PageCache = request.app.state.page_cache
        if not cache.enabled:
            return handler(request, *args, **kwargs)
        generation = _data(request).snapshot().generation
        key = f"{request.url.path}?{request.url.query}"
        body = cache.get(key, generation)
        if body is not None:
            return HTMLResponse(body)
        response = handler(request, *args, **kwargs)
        if response.status_code == 200:
            cache.put(key, generation, bytes(response.body))
        return response

    return wrapper  # type: ignore[return-value]


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL safe to link to, else None (``javascript:`` etc.)."""
    if url and url.strip().lower().startswith(("http://", "https://")) and '"' not in url:
        return url.strip()
    return None


# -- home / search ---------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
@cached_page
def home(request: Request, q: Text = "", outlet: Text = "", lang: Text = "",
         date_from: DateParam = "", date_to: DateParam = "", source: Text = "",
         story: Text = "", topic: Text = "", offset: Offset = 0) -> Response:
    """Search over articles, attributions and claims, filters with counts, article list."""
    data = _data(request)
    filters = Filters(outlet or None, lang or None, date_from or None, date_to or None,
                      source or None, story or None, topic or None)
    snap = data.snapshot()
    context: dict[str, Any] = {
        "q": q, "filters": filters, "offset": offset, "page_size": PAGE_SIZE,
        "all_facets": snap.all_facets, "stats": data.stats(), "error": None, "hits": [],
        "claims": [], "rows": [], "more": False, "stories": snap.provenance.stories,
        "story_titles": {s.id: s.title for s in snap.provenance.stories},
        "topic_labels": snap.topic_labels,
    }
    if q.strip():
        try:
            result = data.search(q, filters, limit=PAGE_SIZE, offset=offset)
        except UsageError as exc:
            context["error"] = str(exc)
            context["facets"] = facets([])
            return _render(request, "home.html", title="search", **context)
        context["hits"] = [{
            "hit": h, "row": snap.rows.get(h.article_id),
            "segments": snippet_segments(h.snippet, h.highlights),
            "source_key": source_key(h.source) if h.source else None,
        } for h in result.hits]
        hit_rows = [snap.rows[i] for i in dict.fromkeys(h.article_id for h in result.hits)
                    if i in snap.rows]
        context["facets"] = facets(hit_rows)
        context["claims"] = result.claims[:10]
        context["claim_total"] = len(result.claims)
        context["more"] = result.more
    else:
        rows = data.rows(filters)
        context["rows"] = rows[offset:offset + PAGE_SIZE]
        context["facets"] = facets(rows)
        context["more"] = len(rows) > offset + PAGE_SIZE
    return _render(request, "home.html", title=f"search: {q}" if q else "sourcetrace", **context)


# -- article ---------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
@cached_page
def article_page(request: Request, article_id: str) -> Response:
    data = _data(request)
    view = data.article(article_id)
    snap = data.snapshot()
    record = view.stored.record
    return _render(
        request, "article.html", title=view.row.title, view=view, record=record,
        segments=segments(record.text, record_marks(record)), roles=ROLES,
        href=safe_href(record.doc.url), rows=snap.rows,
        story_titles={s.id: s.title for s in snap.provenance.stories},
    )


@router.post("/articles/{article_id}/delete", response_class=HTMLResponse)
async def article_delete(request: Request, article_id: str) -> Response:
    """Delete the article (the form on its page; write rules as for ingest); 303 home."""
    settings: ServerSettings = request.app.state.settings
    async with request.form(max_files=0, max_fields=4, max_part_size=1000) as form:
        token = _form_text(form, "token", 500)
    refusal = write_refusal(settings, request.headers, request.url.scheme, token)
    if refusal:
        return _render(request, "error.html", status=refusal[0], title="not deleted",
                       message=refusal[1])
    deleted = _data(request).delete(article_id)
    return RedirectResponse(f"/?deleted={deleted}", status_code=303)


# -- topic map -------------------------------------------------------------------


@router.get("/map", response_class=HTMLResponse)
@cached_page
def map_page(request: Request, topic: Text = "recruitment") -> Response:
    """A topic's evidence map: actor → method → target edges with origins and echoes."""
    data = _data(request)
    emap = data.topic_map(topic)
    snap = data.snapshot()
    labels = {n["id"]: n["label"] for n in emap["nodes"]}
    edges = sorted(emap["edges"], key=lambda e: (-e["independent_origins"], -e["articles"],
                                                 e["id"]))
    return _render(request, "map.html", title=f"map: {topic}", topic=topic, edges=edges,
                   labels=labels, nodes=emap["nodes"], rows=snap.rows, claims=snap.claims)


# -- sources ---------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse)
@cached_page
def sources_page(request: Request, name: Text = "", offset: Offset = 0) -> Response:
    rows = _data(request).sources(name or None)
    return _render(request, "sources.html", title="sources", sources=rows[offset:offset + 100],
                   name=name, offset=offset, more=len(rows) > offset + 100, total=len(rows))


@router.get("/sources/{key}", response_class=HTMLResponse)
@cached_page
def source_page(request: Request, key: str) -> Response:
    data = _data(request)
    row = data.source(key)
    statements = data.statements_of(key)
    rows = data.snapshot().rows
    channels = Counter(s.channel for s in statements if s.channel)
    return _render(request, "source.html", title=row.name, source=row, statements=statements,
                   rows=rows, channels=channels.most_common())


# -- claims ----------------------------------------------------------------------


@dataclass(frozen=True)
class TreeArticle:
    """An article leaf of the provenance tree, with what the page shows about it."""

    node: TraceNode
    row: ArticleRow | None
    drift: bool
    detail: str


def _tree_view(tree: TraceNode, rows: dict[str, ArticleRow] | Any,
               drifted: set[str]) -> list[dict[str, Any]]:
    out = []
    for src in tree.children:
        channels = []
        for ch in src.children:
            leaves = []
            for leaf in ch.children:
                detail = leaf.detail or ""
                if detail.startswith("DRIFT: "):
                    detail = detail[len("DRIFT: "):]
                leaves.append(TreeArticle(leaf, rows.get(leaf.label), leaf.label in drifted,
                                          detail))
            channels.append({"node": ch, "articles": leaves})
        out.append({"node": src, "channels": channels})
    return out


@router.get("/claims", response_class=HTMLResponse)
@cached_page
def claims_page(request: Request, story: Text = "", offset: Offset = 0) -> Response:
    claims = _data(request).claims(story or None)
    return _render(request, "claims.html", title="claims", claims=claims[offset:offset + 50],
                   story=story, offset=offset, more=len(claims) > offset + 50, total=len(claims))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
@cached_page
def claim_page(request: Request, claim_id: str) -> Response:
    data = _data(request)
    claim, tree = data.claim(claim_id)
    snap = data.snapshot()
    drift_of = {d.article + "/" + d.attribution: d for d in claim.drift}
    drifted = {d.article for d in claim.drift}
    mentions = []
    for m in claim.mentions:
        d = drift_of.get(m.article + "/" + m.attribution)
        marks = term_marks(m.text, d.found, "drift", "changed from " + ", ".join(d.expected)) \
            if d else []
        mentions.append({"m": m, "drift": d, "segments": segments(m.text, marks),
                         "row": snap.rows.get(m.article)})
    return _render(
        request, "claim.html", title=f"claim {claim.id}", claim=claim, tree=tree,
        branches=_tree_view(tree, snap.rows, drifted), mentions=mentions, rows=snap.rows,
        story_titles={s.id: s.title for s in snap.provenance.stories},
        carriers=sorted(claim.carriers.items()),
    )


# -- stories ---------------------------------------------------------------------


@router.get("/stories", response_class=HTMLResponse)
@cached_page
def stories_page(request: Request) -> Response:
    data = _data(request)
    snap = data.snapshot()
    return _render(request, "stories.html", title="stories", stories=snap.provenance.stories,
                   rows=snap.rows)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
@cached_page
def story_page(request: Request, story_id: str) -> Response:
    data = _data(request)
    story = data.story(story_id)
    snap = data.snapshot()
    rows = sorted((snap.rows[a] for a in story.articles if a in snap.rows),
                  key=lambda r: (r.date or "9999", r.id))
    days: dict[str, list[ArticleRow]] = {}
    for r in rows:
        days.setdefault(r.date or "undated", []).append(r)
    split = Counter(r.originality for r in rows)
    total = max(len(rows), 1)
    bars, x = [], 0.0
    for kind in ("original", "derivative", "unknown"):
        width = 600.0 * split.get(kind, 0) / total
        bars.append({"kind": kind, "count": split.get(kind, 0), "x": round(x, 1),
                     "width": round(width, 1)})
        x += width
    return _render(
        request, "story.html", title=story.title, story=story, days=days, rows=rows,
        outlets=Counter(r.outlet or "unknown outlet" for r in rows).most_common(),
        langs=Counter(r.lang or "?" for r in rows).most_common(), bars=bars,
        claims=data.claims(story.id)[:30],
    )


# -- ingest ----------------------------------------------------------------------


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> Response:
    settings: ServerSettings = request.app.state.settings
    return _render(request, "ingest.html", title="ingest", error=None, settings=settings,
                   suffixes=UPLOAD_SUFFIXES, accept=",".join(UPLOAD_SUFFIXES))


def _form_text(form: Any, name: str, limit: int = 2000) -> str | None:
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:limit] or None


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request) -> Response:
    """Start an ingest from the form; 303 to its status page."""
    settings: ServerSettings = request.app.state.settings
    jobs: IngestJobs = request.app.state.jobs
    async with request.form(max_files=settings.max_files + 1, max_fields=40,
                            max_part_size=settings.max_upload_bytes + 1) as form:
        refusal = write_refusal(settings, request.headers, request.url.scheme,
                                _form_text(form, "token", 500))
        if refusal:
            return _render(request, "ingest.html", status=refusal[0], title="ingest",
                           error=refusal[1], settings=settings, suffixes=UPLOAD_SUFFIXES,
                           accept=",".join(UPLOAD_SUFFIXES))
        files: list[tuple[str, bytes]] = []
        for upload in form.getlist("files"):
            if isinstance(upload, str) or not upload.filename:
                continue
            files.append((upload.filename, await upload.read(settings.max_upload_bytes + 1)))
        text = form.get("text")
        pasted = [PastedArticle(
            text=text, title=_form_text(form, "title"), url=_form_text(form, "url"),
            outlet=_form_text(form, "outlet", 200), published=_form_text(form, "published", 40),
            lang=_form_text(form, "lang", 20),
        )] if isinstance(text, str) and text.strip() else []
        urls_field = form.get("urls")
        urls = urls_field.split() if isinstance(urls_field, str) else []
    try:
        job = jobs.submit(pasted, files, urls)
    except UploadRefused as exc:
        return _render(request, "ingest.html", status=422, title="ingest", error=str(exc),
                       settings=settings, suffixes=UPLOAD_SUFFIXES,
                       accept=",".join(UPLOAD_SUFFIXES))
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


@router.get("/ingest/jobs/{job_id}", response_class=HTMLResponse)
def ingest_job_page(request: Request, job_id: str) -> Response:
    jobs: IngestJobs = request.app.state.jobs
    job = jobs.get(job_id)
    if job is None:
        raise NotFoundError(_data(request).url, job_id, "ingest job")
    return _render(request, "ingest_job.html", title="ingest job", job=job.to_dict(),
                   running=job.state in ("queued", "running"))
