"""Web fixtures: a store of the fictional demo corpus plus hostile articles, apps, a live server.

The demo store is built once per test run with the real extractor (the spaCy
model is loaded once) from ``demo/`` and two hand-made hostile articles whose
text and metadata carry markup and ``javascript:`` links. Tests that change a
store get their own. ``live_server`` runs Uvicorn in a thread on a free
loopback port, for the browser tests.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.records import Article, Extraction
from sourcetrace.store import open_store
from sourcetrace.web.app import create_app
from sourcetrace.web.data import WebData
from sourcetrace.web.settings import ServerSettings

with warnings.catch_warnings():  # Starlette prefers httpx2; httpx 0.28 works the same here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
BASE_URL = "http://127.0.0.1:8000"
HOSTILE_TEXT = (
    "Hostile page\n\n"
    "Mira Vell said that the bridge <script>alert(1)</script> would reopen on Monday.\n"
    "<img src=x onerror=alert(1)> An engineer told Radio Lumen that the repairs were done.\n"
    'Read <a href="javascript:alert(1)">the report</a> or open javascript:alert(document.cookie) '
    "now. <svg onload=alert(1)></svg> <iframe src=\"javascript:alert(1)\"></iframe>\n"
    "\"It is <b>safe</b> \" onmouseover=\"alert(1)\", the engineer said.\n"
)
HOSTILE = [
    {"id": "hostile-1", "url": "javascript:alert(3)", "outlet": "<img src=x onerror=alert(2)>",
     "title": "<script>alert('title')</script> Bridge news", "lang": "en",
     "published": "2025-05-20", "text": HOSTILE_TEXT},
    {"id": "hostile-2", "url": "https://evil.example/\"><script>alert(4)</script>",
     "outlet": "Radio \"Lumen\" <b>", "title": "\"><img src=x onerror=alert(5)>",
     "text": "Ada Moss said that <style>body{display:none}</style> nothing was wrong.\n"},
]


def hostile_jsonl(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in HOSTILE) + "\n",
                    encoding="utf-8")
    return path


def bare_extract(articles: list[Article]) -> list[Extraction]:
    """A fast extractor for ingest tests: records with no attributions."""
    return [Extraction(doc=a.meta(), text=a.text) for a in articles]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of ``demo/`` plus the hostile articles (real extraction), read-only."""
    folder = tmp_path_factory.mktemp("webstore")
    url = str(folder / "demo.db")
    with open_store(url) as store:
        report = ingest_corpus(store, [str(DEMO), str(hostile_jsonl(folder))])
    assert report.failed == 0, report.failures
    return url


@pytest.fixture(scope="session")
def demo_data(demo_db: str) -> Iterator[WebData]:
    data = WebData(demo_db)
    yield data
    data.close()


@pytest.fixture(scope="session")
def client(demo_data: WebData) -> Iterator[TestClient]:
    """An in-process client of the app over the demo store (loopback, no token)."""
    with TestClient(create_app(demo_data, ServerSettings()), base_url=BASE_URL) as c:
        yield c


def make_client(data: WebData | str, settings: ServerSettings | None = None,
                **kwargs: object) -> TestClient:
    """A client of a fresh app (use as a context manager)."""
    return TestClient(create_app(data, settings or ServerSettings(), **kwargs),  # type: ignore[arg-type]
                      base_url=BASE_URL)


@pytest.fixture()
def empty_db(tmp_path: Path) -> str:
    url = str(tmp_path / "empty.db")
    open_store(url).close()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: object
    thread: threading.Thread


def start_server(app: object) -> LiveServer:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,  # type: ignore[arg-type]
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", server, thread)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True  # type: ignore[attr-defined]
    live.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(demo_data: WebData) -> Iterator[str]:
    """The app over the demo store, served by Uvicorn on a free loopback port."""
    live = start_server(create_app(demo_data, ServerSettings()))
    yield live.url
    stop_server(live)
