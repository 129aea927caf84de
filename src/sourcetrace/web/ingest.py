"""Ingest jobs started from the web: pasted text, uploaded files, URLs → the store.

No web framework here: routes validate the request's shape and hand this module
plain values. :func:`check_upload` enforces the upload rules (a known suffix,
at most ``max_bytes``, no NUL byte — text formats only); :class:`IngestJobs`
writes the inputs to a private temporary folder (pasted text becomes one JSONL
line with its metadata, uploads keep a sanitised name), then runs
:meth:`WebData.ingest <sourcetrace.web.data.WebData.ingest>` on one background
thread, one job at a time (the store has one writer), and keeps each job's
progress and report for the status page and ``GET /api/v1/ingest/{job}``.

Limits: progress is the number of items finished (no total is known before
reading); jobs live in memory (the last :data:`KEEP_JOBS`) and are lost on
restart; the stored ``path`` of an uploaded article is its temporary file's
path; URLs are fetched by the store's fetcher rules (http/https only, private
addresses refused unless the server allows them).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, SourcetraceError
from ..ingest.fetch import Fetcher
from ..ingest_job import Extractor
from .data import WebData
from .settings import UPLOAD_SUFFIXES, ServerSettings

KEEP_JOBS = 50
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
FetcherFactory = Callable[[ServerSettings], Fetcher]


class UploadRefused(InputError):
    """An uploaded file or pasted text breaks the upload rules (type, size, content)."""


def check_upload(name: str, data: bytes, *, max_bytes: int) -> str:
    """The sanitised file name of an acceptable upload; raises :class:`UploadRefused`."""
    base = os.path.basename(name.replace("\\", "/")) or "upload.txt"
    safe = _SAFE_NAME.sub("_", base).lstrip(".") or "upload.txt"
    lowered = safe.lower()
    if not lowered.endswith(UPLOAD_SUFFIXES):
        raise UploadRefused(base, f"file type not accepted (expected {', '.join(UPLOAD_SUFFIXES)})")
    if len(data) > max_bytes:
        raise UploadRefused(base, f"file is over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise UploadRefused(base, "file is empty")
    if b"\x00" in data:
        raise UploadRefused(base, "binary data, not text")
    return safe


def check_url(url: str) -> str:
    """``url`` stripped, if it is http(s); raises :class:`UploadRefused` otherwise."""
    url = url.strip()
    if not re.match(r"https?://[^\s/]+", url, flags=re.IGNORECASE):
        raise UploadRefused(url[:200], "only http:// and https:// URLs can be ingested")
    return url


@dataclass(frozen=True)
class PastedArticle:
    """Text pasted into the form (or posted as JSON) with its optional metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None

    def to_json(self) -> str:
        data = {k: v for k, v in (("text", self.text), ("title", self.title), ("url", self.url),
                                  ("outlet", self.outlet), ("published", self.published),
                                  ("lang", self.lang)) if v}
        return json.dumps(data, ensure_ascii=False)


@dataclass
class IngestJob:
    """One ingest's state, as the status page and the API show it."""

    id: str
    state: str = "queued"  # queued | running | done | failed
    items_done: int = 0
    inputs: int = 0
    created: float = field(default_factory=time.time)
    finished: float | None = None
    report: dict[str, Any] | None = None
    failures: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "items_done": self.items_done,
                "inputs": self.inputs, "report": self.report, "failures": self.failures,
                "error": self.error,
                "seconds": round((self.finished or time.time()) - self.created, 2)}


class IngestJobs:
    """Queue and run ingest jobs in the background, one at a time (see the module notes)."""

    def __init__(self, data: WebData, settings: ServerSettings, *,
                 fetcher_factory: FetcherFactory | None = None,
                 extractor: Extractor | None = None) -> None:
        self.data = data
        self.settings = settings
        self.fetcher_factory = fetcher_factory or _http_fetcher
        self.extractor = extractor
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def submit(self, pasted: Sequence[PastedArticle], files: Sequence[tuple[str, bytes]],
               urls: Sequence[str]) -> IngestJob:
        """Validate, stage and queue one ingest; raises :class:`UploadRefused` on bad input."""
        s = self.settings
        if len(files) > s.max_files:
            raise UploadRefused("files", f"at most {s.max_files} files per ingest")
        if len(urls) > s.max_urls:
            raise UploadRefused("urls", f"at most {s.max_urls} URLs per ingest")
        checked_urls = [check_url(u) for u in urls if u.strip()]
        named = [(check_upload(n, d, max_bytes=s.max_upload_bytes), d) for n, d in files]
        texts = [p for p in pasted if p.text.strip()]
        for p in texts:
            if len(p.text.encode("utf-8")) > s.max_upload_bytes:
                raise UploadRefused("pasted text", f"over the {s.max_upload_bytes:,}-byte limit")
            if p.url:
                check_url(p.url)
        if not (texts or named or checked_urls):
            raise UploadRefused("ingest", "nothing to ingest: paste text, upload files or "
                                          "give URLs")
        folder = tempfile.mkdtemp(prefix="sourcetrace-web-ingest-")
        inputs: list[str] = []
        if texts:
            path = os.path.join(folder, "pasted.jsonl")
            with open(path, "w", encoding="utf-8") as out:
                out.write("\n".join(p.to_json() for p in texts) + "\n")
            inputs.append(path)
        used: set[str] = {"pasted.jsonl"}
        for n, (name, blob) in enumerate(named):
            final = name if name not in used else f"{n}-{name}"
            used.add(final)
            path = os.path.join(folder, final)
            with open(path, "wb") as out:
                out.write(blob)
            inputs.append(path)
        inputs.extend(checked_urls)
        job = IngestJob(id=secrets.token_hex(8), inputs=len(texts) + len(named) + len(checked_urls))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        thread = threading.Thread(target=self._run, args=(job, inputs, folder),
                                  name=f"ingest-{job.id}", daemon=True)
        thread.start()
        return job

    def _run(self, job: IngestJob, inputs: list[str], folder: str) -> None:
        def advance(n: int) -> None:
            job.items_done += n

        try:
            with self._run_lock:
                job.state = "running"
                fetcher = self.fetcher_factory(self.settings)
                try:
                    report = self.data.ingest(inputs, fetcher=fetcher, extractor=self.extractor,
                                              max_bytes=self.settings.max_upload_bytes,
                                              progress=advance)
                finally:
                    close = getattr(fetcher, "close", None)
                    if callable(close):
                        close()
            job.report = report.to_dict()
            job.failures = [{"where": _shown(f.where, folder), "reason": f.reason}
                            for f in report.failures]
            job.state = "done"
        except SourcetraceError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - a job must end with a reason, not vanish
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = time.time()
            shutil.rmtree(folder, ignore_errors=True)


def _shown(where: str, folder: str) -> str:
    """An input name without the private temporary folder."""
    return where.replace(folder + os.sep, "")


def _http_fetcher(settings: ServerSettings) -> Fetcher:
    from ..ingest.fetch import HttpFetcher

    return HttpFetcher(allow_private=settings.allow_private_fetch,
                       max_bytes=settings.max_upload_bytes)
