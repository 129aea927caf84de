"""Writing through the web: ingest jobs, the token, cross-site refusals, upload limits."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from sourcetrace.errors import FetchError, UsageError
from sourcetrace.ingest.fetch import Response
from sourcetrace.web.app import create_app
from sourcetrace.web.settings import ServerSettings

from .conftest import bare_extract, make_client

TOKEN = "correct-horse-battery-staple"
ARTICLE = {"text": "Ada Moss said the ferry would run again on Friday.", "title": "Ferry",
           "outlet": "Radio Lumen", "lang": "en"}


def wait(client, job_id: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/v1/ingest/{job_id}").json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


class FakeFetcher:
    def fetch(self, url: str) -> Response:
        if "missing" in url:
            raise FetchError(url, "HTTP 404")
        return Response(url=url, final_url=url, status=200, content_type="text/plain",
                        body=b"Lena Ortt said the camp was full.", retrieved_at="2025-05-20T00:00:00Z")

    def close(self) -> None:
        pass


def test_json_ingest_on_loopback_stores_and_links(empty_db) -> None:
    with make_client(empty_db, extractor=bare_extract,
                     fetcher_factory=lambda s: FakeFetcher()) as client:
        before = client.get("/").text
        assert "0 articles" in before and client.get("/").text == before  # cached page
        response = client.post("/api/v1/ingest", json={
            "articles": [ARTICLE], "urls": ["https://news.example/a", "https://x.example/missing"]})
        assert response.status_code == 202, response.text
        job = wait(client, response.json()["id"])
        assert job["state"] == "done", job
        assert job["report"]["new_articles"] == 2 and job["report"]["failed"] == 1
        assert job["failures"][0]["where"] == "https://x.example/missing"
        listing = client.get("/api/v1/articles").json()
        assert listing["total"] == 2
        assert {a["title"] for a in listing["items"]} >= {"Ferry"}
        assert "2 articles" in client.get("/").text  # the cached page was not served stale
        again = client.post("/api/v1/ingest", json={"articles": [ARTICLE]})
        assert wait(client, again.json()["id"])["report"]["unchanged"] == 1  # idempotent


def test_file_upload_and_its_limits(empty_db) -> None:
    settings = ServerSettings(max_upload_bytes=1000, max_request_bytes=5000, max_files=2)
    with make_client(empty_db, settings, extractor=bare_extract) as client:
        ok = client.post("/api/v1/ingest/files", files=[
            ("files", ("a.txt", b"Headline\n\nAda Moss said it rained.", "text/plain")),
            ("files", ("b.html", b"<html><body><p>Lena Ortt said no.</p></body></html>",
                       "text/html"))])
        assert ok.status_code == 202, ok.text
        assert wait(client, ok.json()["id"])["report"]["new_articles"] == 2
        for name, body, reason in [("run.exe", b"MZ...", "file type"),
                                   ("big.txt", b"x" * 1001, "limit"),
                                   ("nul.txt", b"a\x00b", "binary")]:
            refused = client.post("/api/v1/ingest/files", files=[("files", (name, body))])
            assert refused.status_code == 422 and reason in refused.json()["error"]["message"]
        three = [("files", (f"{n}.txt", b"text")) for n in range(3)]
        assert client.post("/api/v1/ingest/files", files=three).status_code == 422
        huge = client.post("/api/v1/ingest/files", files=[("files", ("h.txt", b"x" * 6000))])
        assert huge.status_code == 413
        assert client.post("/api/v1/ingest", json={"articles": [], "urls": []}).status_code == 422
        bad_url = client.post("/api/v1/ingest", json={"urls": ["file:///etc/passwd"]})
        assert bad_url.status_code == 422
        extra = client.post("/api/v1/ingest", json={"articles": [ARTICLE], "admin": True})
        assert extra.status_code == 422


def test_cross_site_writes_are_refused_even_on_loopback(empty_db) -> None:
    with make_client(empty_db, extractor=bare_extract) as client:
        for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                        {"origin": "null"}):
            response = client.post("/api/v1/ingest", json={"articles": [ARTICLE]},
                                   headers=headers)
            assert response.status_code == 403, headers
        same = client.post("/api/v1/ingest", json={"articles": [ARTICLE]},
                           headers={"origin": "http://127.0.0.1:8000"})
        assert same.status_code == 202


def test_a_token_guards_writes_not_reads(empty_db) -> None:
    settings = ServerSettings(token=TOKEN)
    with make_client(empty_db, settings, extractor=bare_extract) as client:
        assert client.get("/api/v1/stats").status_code == 200
        assert client.get("/ingest").status_code == 200
        missing = client.post("/api/v1/ingest", json={"articles": [ARTICLE]})
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        wrong = client.post("/api/v1/ingest", json={"articles": [ARTICLE]},
                            headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = client.post("/api/v1/ingest", json={"articles": [ARTICLE]},
                            headers={"authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 202
        form = {"text": "Ada Moss said the bridge is shut.", "title": "Bridge"}
        page = client.post("/ingest", data=form, follow_redirects=False)
        assert page.status_code == 401 and 'id="ingest-error"' in page.text
        page = client.post("/ingest", data={**form, "token": TOKEN}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/ingest/jobs/")
        job_page = client.get(page.headers["location"])
        assert job_page.status_code == 200 and 'id="job-state"' in job_page.text
        job_id = page.headers["location"].rsplit("/", 1)[1]
        assert wait(client, job_id)["state"] == "done"


def test_the_html_form_refuses_bad_uploads(empty_db) -> None:
    settings = ServerSettings(max_upload_bytes=100)
    with make_client(empty_db, settings, extractor=bare_extract) as client:
        page = client.post("/ingest", files=[("files", ("a.pdf", b"%PDF-1.7"))],
                           data={"text": ""})
        assert page.status_code == 422 and "file type" in page.text
        empty = client.post("/ingest", data={"text": "  "})
        assert empty.status_code == 422 and "nothing to ingest" in empty.text


def test_refuses_to_serve_off_loopback_without_a_token(empty_db) -> None:
    with pytest.raises(UsageError, match="not loopback"):
        create_app(empty_db, ServerSettings(host="0.0.0.0"))
    app = create_app(empty_db, ServerSettings(host="0.0.0.0", token=TOKEN))
    assert app.state.settings.hosts() is None


def test_serve_command_refuses_and_generates_tokens(empty_db, monkeypatch) -> None:
    from sourcetrace.cli import app

    monkeypatch.delenv("SOURCETRACE_TOKEN", raising=False)
    runner = CliRunner()
    refused = runner.invoke(app, ["serve", "--db", empty_db, "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "without a write token" in refused.output
    started: dict = {}

    def fake_run(asgi, **options) -> None:
        started.update(options, app=asgi)

    monkeypatch.setattr("uvicorn.run", fake_run)
    ok = runner.invoke(app, ["--db", empty_db, "serve", "--host", "0.0.0.0", "--port", "9999",
                             "--generate-token"])
    assert ok.exit_code == 0, ok.output
    token = started["app"].state.settings.token
    assert token and token in ok.output and started["port"] == 9999
    monkeypatch.setenv("SOURCETRACE_TOKEN", TOKEN)
    ok = runner.invoke(app, ["serve", "--db", empty_db, "--host", "0.0.0.0"])
    assert ok.exit_code == 0 and TOKEN not in ok.output
    assert started["app"].state.settings.token == TOKEN
    missing = runner.invoke(app, ["serve", "--db", empty_db + ".nope"])
    assert missing.exit_code == 1 and "no such store" in missing.output
    # the extraction mode of the app's ingests
    assert started["app"].state.jobs.extractor is None  # the default mode
    ok = runner.invoke(app, ["serve", "--db", empty_db, "--mode", "ensemble"])
    assert ok.exit_code == 0, ok.output
    assert started["app"].state.jobs.extractor.mode == "ensemble"
    bad = runner.invoke(app, ["serve", "--db", empty_db, "--mode", "fast"])
    assert bad.exit_code == 2


def test_delete_needs_the_token_and_removes_the_article(empty_db) -> None:
    settings = ServerSettings(token=TOKEN)
    auth = {"authorization": f"Bearer {TOKEN}"}
    with make_client(empty_db, settings, extractor=bare_extract) as client:
        job = client.post("/api/v1/ingest", json={"articles": [
            ARTICLE, {**ARTICLE, "text": "Lena Ortt said the road was shut.", "title": "Road"}]},
            headers=auth).json()
        assert wait(client, job["id"])["report"]["new_articles"] == 2
        ids = {a["title"]: a["id"] for a in client.get("/api/v1/articles").json()["items"]}
        ferry, road = ids["Ferry"], ids["Road"]
        assert client.delete(f"/api/v1/articles/{ferry}").status_code == 401
        assert client.delete(f"/api/v1/articles/{ferry}",
                             headers={**auth, "origin": "https://evil.example"}).status_code == 403
        assert client.delete(f"/api/v1/articles/{ferry}", headers=auth).status_code == 204
        assert client.get(f"/api/v1/articles/{ferry}").status_code == 404
        assert client.delete(f"/api/v1/articles/{ferry}", headers=auth).status_code == 404
        assert client.get("/api/v1/articles").json()["total"] == 1

        page = client.get(f"/articles/{road}")
        assert f'action="/articles/{road}/delete"' in page.text and 'name="token"' in page.text
        refused = client.post(f"/articles/{road}/delete", data={"token": "nope"},
                              follow_redirects=False)
        assert refused.status_code == 401 and client.get(f"/articles/{road}").status_code == 200
        done = client.post(f"/articles/{road}/delete", data={"token": TOKEN},
                           follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == f"/?deleted={road}"
        assert client.get(f"/articles/{road}").status_code == 404
        assert "0 articles" in client.get("/").text
