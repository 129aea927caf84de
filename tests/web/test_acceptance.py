"""The web app's acceptance walk-through on the shared dev corpus plus the worked example.

Slow (real extraction of 97 pages); skipped without ``../shared``. Reads third-party
text at run time only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.link_job import link_store
from sourcetrace.records import Article
from sourcetrace.store import article_key, open_store
from sourcetrace.web.data import WebData
from tests.conftest import shared_path

from .conftest import make_client

pytestmark = pytest.mark.slow


def test_example_article_and_its_claim_tree(tmp_path: Path) -> None:
    jsonl = shared_path("corpus", "recruitment-dev.jsonl")
    example = shared_path("corpus", "forced-to-fight.txt")
    url = str(tmp_path / "dev.db")
    with open_store(url) as store:
        report = ingest_corpus(store, [str(jsonl), str(example)])
        assert report.failed == 0
        link_store(store)
        example_id = article_key(Article(text=example.read_text(encoding="utf-8"))).id
        record = store.article(example_id).record
    data = WebData(url)
    try:
        with make_client(data) as client:
            page = client.get(f"/articles/{example_id}")
            assert page.status_code == 200
            # every attribution is highlighted: one cue mark per attribution at least
            cue_refs = set(re.findall(r'<mark class="cue"[^>]*data-ref="([^"]+)"', page.text))
            assert record.attributions and {a.id for a in record.attributions} <= cue_refs
            assert 'id="sourcing-summary"' in page.text

            prov = data.snapshot().provenance
            claim = prov.find_claims("Defence Ministry recruits prisoners directly")[0]
            assert example_id in claim.articles
            claim_page = client.get(f"/claims/{claim.id}")
            assert claim_page.status_code == 200
            text = html.unescape(claim_page.text)
            assert "Usov" in text and "CNN" in text
            assert f"/articles/{example_id}" in claim_page.text
            others = set(re.findall(r'/articles/([0-9a-f]{16})', claim_page.text)) - {example_id}
            assert others  # the corpus pages carrying the same report
    finally:
        data.close()
