"""The REST API in process (TestClient) over the demo store: shapes, pagination, errors."""

from __future__ import annotations

import html

import pytest

from sourcetrace.nlp.translit import to_ascii
from sourcetrace.store import open_store
from sourcetrace.web.data import WebData

from .helpers import article_id, claim_with

pytestmark = pytest.mark.slow  # the demo store is extracted with the spaCy model

DEMO_ARTICLES = 9 + 2  # demo/ (7 .txt + 2 JSONL records) and two hostile articles


def test_stats_counts_the_store_and_its_provenance(client, demo_db) -> None:
    data = client.get("/api/v1/stats").json()
    with open_store(demo_db) as store:
        expected = store.stats().to_dict()
    assert {k: data[k] for k in expected} == expected
    assert data["articles"] == DEMO_ARTICLES
    assert data["stories"] >= 1 and data["claims"] >= 1


def test_articles_are_paginated(client) -> None:
    first = client.get("/api/v1/articles", params={"limit": 4}).json()
    assert first["total"] == DEMO_ARTICLES and len(first["items"]) == 4
    assert first["offset"] == 0 and first["next_offset"] == 4
    seen = [a["id"] for a in first["items"]]
    offset = first["next_offset"]
    while offset is not None:
        page = client.get("/api/v1/articles", params={"limit": 4, "offset": offset}).json()
        seen += [a["id"] for a in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == DEMO_ARTICLES
    assert client.get("/api/v1/articles", params={"offset": 500}).json()["items"] == []
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"date_from": "May 5"}):
        response = client.get("/api/v1/articles", params=bad)
        assert response.status_code == 422
        assert response.json()["error"]["type"] == "ValidationError"


def test_article_filters(client) -> None:
    ru = client.get("/api/v1/articles", params={"lang": "ru"}).json()
    assert ru["total"] == 1 and ru["items"][0]["lang"] == "ru"
    northgate = client.get("/api/v1/articles", params={"outlet": "northgate wire"}).json()
    assert northgate["total"] >= 1
    assert all(a["outlet"] == "Northgate Wire" for a in northgate["items"])
    dated = client.get("/api/v1/articles", params={"date_from": "2025-05-14",
                                                   "date_to": "2025-05-14"}).json()
    assert dated["total"] >= 2 and all(a["date"] == "2025-05-14" for a in dated["items"])
    velikan = client.get("/api/v1/articles", params={"source": "Marta Velikan"}).json()
    assert velikan["total"] >= 1


def test_topic_filter_keeps_the_articles_whose_claims_evidence_the_category(client) -> None:
    everything = client.get("/api/v1/articles", params={"limit": 100}).json()
    # the demo: the Ledger's former detainees on recruiters, Orrin on migrant workers
    topics = {t for a in everything["items"] for t in a["topics"]}
    assert {"recruitment/recruiters", "recruitment/prisoners"} <= topics
    for topic in sorted(topics):
        kept = client.get("/api/v1/articles", params={"topic": topic, "limit": 100}).json()
        expected = {a["id"] for a in everything["items"] if topic in a["topics"]}
        assert 0 < kept["total"] < everything["total"]
        assert {a["id"] for a in kept["items"]} == expected
    none = client.get("/api/v1/articles", params={"topic": "recruitment/no-such"}).json()
    assert none["total"] == 0
    page = client.get("/", params={"topic": "recruitment/prisoners"}).text
    assert '<option value="recruitment/prisoners" selected>' in page
    assert "Prisoners and convicts (recruitment)" in page


def test_article_has_the_cli_shape_plus_provenance(client, demo_db, demo_data: WebData) -> None:
    ledger = article_id(demo_data, "original-ledger.txt")
    data = client.get(f"/api/v1/articles/{ledger}").json()
    with open_store(demo_db) as store:
        cli = store.article(ledger).to_dict()
    assert {k: data[k] for k in cli} == cli  # doc, text, attributions, ..., captures
    assert data["originality"] in ("original", "derivative", "unknown")
    assert isinstance(data["based_on"], list) and isinstance(data["cites"], list)
    assert "primary source" in data["sourcing"]["summary"]
    # the store resolves JSONL ids too
    amp = client.get("/api/v1/articles/meridian-amp-copy").json()
    assert amp["doc"]["title"].startswith("Sarvanese workers")


def test_article_attributions_and_statements(client, demo_data: WebData) -> None:
    ledger = article_id(demo_data, "original-ledger.txt")
    page = client.get(f"/api/v1/articles/{ledger}/attributions", params={"limit": 5}).json()
    assert len(page["items"]) == 5 and page["total"] > 5
    assert {"id", "kind", "source", "cue", "content", "channel"} <= set(page["items"][0])
    rows = client.get("/api/v1/attributions", params={"source": "velikan"}).json()
    # in any script: the Russian translation's «Великан» too
    assert rows["items"] and all("velikan" in to_ascii(r["source"]) for r in rows["items"])
    assert any(r["source"] != to_ascii(r["source"]) for r in rows["items"])
    every = client.get("/api/v1/attributions", params={"limit": 7}).json()
    assert len(every["items"]) == 7 and every["next_offset"] == 7


def test_sources(client) -> None:
    listing = client.get("/api/v1/sources", params={"name": "velikan"}).json()
    assert listing["items"], listing
    key = listing["items"][0]["id"]
    detail = client.get(f"/api/v1/sources/{key}").json()
    assert detail["source"]["name"].lower().endswith("velikan")
    statements = detail["statements"]["items"]
    assert statements and all(s["source"].lower().endswith("velikan") for s in statements)
    assert len({s["article_id"] for s in statements}) >= 2  # across articles


def test_claims_with_trace_and_verdict(client, demo_data: WebData) -> None:
    listing = client.get("/api/v1/claims", params={"limit": 3}).json()
    assert listing["total"] == len(demo_data.claims()) and len(listing["items"]) <= 3
    claim = claim_with(demo_data, "1,200")
    data = client.get(f"/api/v1/claims/{claim.id}").json()
    assert data["claim"]["id"] == claim.id
    assert data["claim"]["verdict"]["label"] in ("corroborated", "single origin",
                                                 "no identified origin")
    tree = data["tree"]
    assert tree["kind"] == "claim"
    kinds = {(c["kind"], g["kind"], a["kind"]) for c in tree["children"]
             for g in c["children"] for a in g["children"]}
    assert kinds == {("source", "channel", "article")}
    assert client.get(f"/api/v1/claims/{claim.id}/trace").json() == tree
    story = claim.stories[0]
    in_story = client.get("/api/v1/claims", params={"story": story, "limit": 200}).json()
    assert claim.id in {c["id"] for c in in_story["items"]}


def test_stories(client, demo_data: WebData) -> None:
    listing = client.get("/api/v1/stories").json()
    assert listing["total"] == len(demo_data.stories())
    first = listing["items"][0]
    assert set(first) == {"id", "title", "articles", "first_seen", "languages"}
    detail = client.get(f"/api/v1/stories/{first['id']}").json()
    assert [a["id"] for a in detail["articles"]] and set(
        a["id"] for a in detail["articles"]) == set(first["articles"])


def test_search(client) -> None:
    data = client.get("/api/v1/search", params={"q": "pardon", "limit": 3}).json()
    assert data["items"] and len(data["items"]) <= 3 and data["total"] is None
    assert {"kind", "article_id", "snippet", "highlights"} <= set(data["items"][0])
    if data["next_offset"] is not None:
        more = client.get("/api/v1/search", params={"q": "pardon", "limit": 3,
                                                    "offset": data["next_offset"]}).json()
        assert more["items"]
    phrase = client.get("/api/v1/search", params={"q": '"residence permit"'}).json()
    assert phrase["items"] and phrase["claims"]
    ru = client.get("/api/v1/search", params={"q": "pardon", "lang": "ru"}).json()
    assert all(h["article_id"] for h in ru["items"])
    hostile = client.get("/api/v1/search", params={"q": 'pardon" OR 1=1; DROP TABLE x --'})
    assert hostile.status_code == 200
    nothing = client.get("/api/v1/search", params={"q": '"" * ^ :'})
    assert nothing.status_code == 400 and nothing.json()["error"]["type"] == "UsageError"


def test_errors_are_json_with_statuses(client) -> None:
    for path in ("/api/v1/articles/nope", "/api/v1/claims/nope", "/api/v1/stories/nope",
                 "/api/v1/sources/nope", "/api/v1/ingest/nope", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "message" in response.json()["error"]


def test_openapi_documents_every_route_and_pagination(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/attributions",
                 "/api/v1/sources", "/api/v1/claims", "/api/v1/claims/{claim_id}",
                 "/api/v1/claims/{claim_id}/trace", "/api/v1/stories", "/api/v1/search",
                 "/api/v1/ingest", "/api/v1/ingest/files", "/api/v1/stats"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/articles"]["get"]["parameters"]}
    assert {"limit", "offset"} <= params
    assert "post" in paths["/api/v1/ingest"]
    assert not any(p == "/" or p.startswith("/articles") for p in paths)  # pages stay out
    assert client.get("/docs").status_code == 404  # no CDN-loading docs page


def test_topic_map_of_the_store(client) -> None:
    emap = client.get("/api/v1/map", params={"topic": "recruitment"}).json()
    assert set(emap) >= {"nodes", "edges"} and emap["edges"]
    node_ids = {n["id"] for n in emap["nodes"]}
    for edge in emap["edges"]:
        assert {edge["source"], edge["target"]} <= node_ids
        assert 0 < edge["independent_origins"] <= edge["articles"]
    page = client.get("/map").text
    for edge in emap["edges"]:
        assert f'data-edge="{html.escape(edge["id"])}"' in page
    assert client.get("/api/v1/map", params={"topic": "no-such-pack"}).status_code == 404
    assert client.get("/map", params={"topic": "no-such-pack"}).status_code == 404
