"""The HTML pages in process: content, escaping, headers (the browser tests check rendering)."""

from __future__ import annotations

import html

import pytest

from sourcetrace.linking.outlets import looks_like_outlet
from sourcetrace.web.data import WebData
from sourcetrace.web.security import CSP

from .helpers import article_id, assert_inert_html, claim_with

pytestmark = pytest.mark.slow  # the demo store is extracted with the spaCy model


def pages(data: WebData) -> list[str]:
    claim = claim_with(data, "1,200")
    story = data.stories()[0]
    source = data.sources("velikan")[0]
    return ["/", "/?q=pardon", "/?lang=en&date_from=2025-05-12", "/stories", "/claims",
            "/sources", "/ingest", f"/articles/{article_id(data, 'original-ledger.txt')}",
            "/articles/hostile-1", "/articles/hostile-2", f"/claims/{claim.id}",
            f"/stories/{story.id}", f"/sources/{source.key}", "/articles/missing"]


def test_every_page_is_inert_and_carries_the_security_headers(client, demo_data) -> None:
    for path in pages(demo_data):
        response = client.get(path)
        assert response.status_code == (404 if path.endswith("missing") else 200), path
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["content-type"].startswith("text/html")
        assert_inert_html(response.text)
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def test_static_files_are_served_with_the_same_headers(client) -> None:
    for path in ("/static/app.css", "/static/app.js", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-security-policy"] == CSP


def test_home_lists_articles_with_counts_and_filters(client, demo_data) -> None:
    page = client.get("/").text
    assert "11 articles" in page
    ledger = article_id(demo_data, "original-ledger.txt")
    assert f'href="/articles/{ledger}"' in page
    assert 'name="outlet"' in page and 'name="lang"' in page and 'name="story"' in page
    filtered = client.get("/", params={"lang": "ru"}).text
    assert "1 article:" in filtered


def test_search_page_shows_marked_hits_and_claims(client) -> None:
    page = client.get("/", params={"q": "residence permit"}).text
    assert '<mark class="match"' in page
    assert 'id="claim-hits"' in page and 'href="/claims/claim-' in page
    empty = client.get("/", params={"q": "zzzyzzy"}).text
    assert 'id="no-hits"' in empty
    bad = client.get("/", params={"q": '"" ^'}).text
    assert 'id="search-error"' in bad


def test_article_page_highlights_summarises_and_links(client, demo_data) -> None:
    ledger = article_id(demo_data, "original-ledger.txt")
    page = client.get(f"/articles/{ledger}").text
    view = demo_data.article(ledger)
    for role in ("source", "cue", "content"):
        assert page.count(f'<mark class="{role}"') >= len(view.stored.record.attributions) // 2
    assert '<mark class="assertion hedged"' in page and '<mark class="hedge"' in page
    assert html.escape(view.summary.sentence(), quote=False) in page
    assert 'id="channel-chains"' in page and 'class="node source"' in page
    assert 'data-ref="a1"' in page and 'title="source of attribution a1' in page
    for claim in view.claims[:3]:
        assert f'href="/claims/{claim.id}"' in page


def test_copies_link_back_to_what_they_copy(client, demo_data) -> None:
    snap = demo_data.snapshot()
    pairs = [(src, derived) for src, items in snap.copied_by.items() for derived, _ in items]
    if not pairs:
        pytest.skip("linking found no copy inside the demo corpus")
    source, derived = pairs[0]
    assert f'href="/articles/{derived}"' in client.get(f"/articles/{source}").text
    assert f'href="/articles/{source}"' in client.get(f"/articles/{derived}").text


def test_claim_page_draws_the_provenance_tree_and_drift(client, demo_data) -> None:
    claim = claim_with(demo_data, "1,200")
    page = client.get(f"/claims/{claim.id}").text
    assert 'id="provenance-tree"' in page
    # one node per primary source, every outlet's own claim under one ("Harbour Ledger" and
    # its Russian translation's "Харбор Леджер" both are)
    assert page.count('data-kind="source"') == len({
        None if m.primary is None else "outlet" if m.primary.type == "outlet" or looks_like_outlet(m.primary.name)
        else m.primary.name for m in claim.mentions})
    assert page.count('data-kind="article"') >= len(claim.articles)
    assert claim.verdict.label in page
    if claim.drift:
        assert 'class="node article drift"' in page and '<mark class="drift"' in page


def test_story_source_and_lists(client, demo_data) -> None:
    story = demo_data.stories()[0]
    page = client.get(f"/stories/{story.id}").text
    assert 'id="timeline"' in page and '<svg class="split"' in page
    assert all(f'href="/articles/{a}"' in page for a in story.articles)
    source = demo_data.sources("velikan")[0]
    page = client.get(f"/sources/{source.key}").text
    assert page.count("<tr>") >= 2 and source.name in page


def test_hostile_text_and_metadata_are_escaped(client) -> None:
    page = client.get("/articles/hostile-1").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "javascript:alert(document.cookie)" in page  # shown as text
    assert 'href="javascript:' not in page and "original page</a>" not in page
    second = client.get("/articles/hostile-2").text
    assert "&lt;style&gt;" in second and "evil.example" in second
    assert 'href="https://evil.example' not in second  # a URL with a quote is not linked
    listing = client.get("/").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in listing


def test_host_header_must_be_loopback(client) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_error_page(client) -> None:
    response = client.get("/claims/nope")
    assert response.status_code == 404 and 'id="error-message"' in response.text
    assert client.get("/?date_from=yesterday").status_code == 422
