"""The fictional demo corpus (demo/README.md states its ground truth), through the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.jobs import extract_articles
from sourcetrace.linking import Provenance, link_corpus
from sourcetrace.records import Article

DEMO = Path(__file__).parents[2] / "demo"
# outlet and date of each .txt file, from the table in demo/README.md
META = {
    "original-ledger": ("The Harbour Ledger", "2025-05-12", "en"),
    "wire-copy": ("Northgate Wire", "2025-05-15", "en"),
    "retelling-blog": ("The Lantern Roundup", "2025-05-13", "en"),
    "spun-paraphrase": (None, None, "en"),
    "radio-meridian": ("Radio Meridian", "2025-05-14", "en"),
    "ministry-denial": ("The Caldmere Courier", "2025-05-14", "en"),
    "perevod-ru": (None, "2025-05-15", "ru"),
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def prov() -> Provenance:
    articles = []
    for path in sorted(DEMO.glob("*.txt")):
        outlet, date, lang = META[path.stem]
        articles.append(Article(text=path.read_text(encoding="utf-8"), id=path.stem,
                                outlet=outlet, published=date, lang=lang))
    for line in (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(**{k: d.get(k) for k in
                                   ("text", "id", "url", "title", "outlet", "published", "lang")}))
    return link_corpus(list(extract_articles(articles)))


def first(prov: Provenance, article: str) -> tuple[str | None, str | None, str]:
    b = prov.articles[article].based_on[0]
    return b.outlet, b.article, b.relation


def test_derivation_matches_the_ground_truth(prov: Provenance) -> None:
    assert first(prov, "wire-copy") == ("The Harbour Ledger", "original-ledger", "copy")
    assert first(prov, "spun-paraphrase") == ("The Harbour Ledger", "original-ledger", "paraphrase")
    assert first(prov, "perevod-ru") == ("The Harbour Ledger", "original-ledger", "translation")
    assert first(prov, "meridian-amp-copy") == ("Radio Meridian", "radio-meridian", "copy")
    assert first(prov, "retelling-blog")[::2] == ("The Harbour Ledger", "rewrite")


def test_originality(prov: Provenance) -> None:
    got = {a: p.originality for a, p in prov.articles.items()}
    for article in ("original-ledger", "radio-meridian", "ministry-denial", "northgate-brief"):
        assert got[article] == "original", article
    for article in ("wire-copy", "retelling-blog", "spun-paraphrase", "perevod-ru",
                    "meridian-amp-copy"):
        assert got[article] == "derivative", article


def test_cites(prov: Provenance) -> None:
    cites = {a: {c.name for c in p.cites} for a, p in prov.articles.items()}
    assert "The Harbour Ledger" in cites["retelling-blog"]
    assert "The Harbour Ledger" in cites["wire-copy"]
    assert {"Radio Meridian"} <= cites["northgate-brief"]
    assert not cites["original-ledger"]  # naming itself is no citation


def test_claim_c1_single_origin_with_drifted_number(prov: Provenance) -> None:
    c1 = next(c for c in prov.claims if "1,200" in c.text and "Brennick" in c.text)
    assert c1.earliest_article == "original-ledger"
    assert c1.verdict.independent_origins == 1
    assert {"wire-copy", "retelling-blog", "spun-paraphrase", "perevod-ru"} <= set(c1.articles)
    drift = {d.article: d for d in c1.drift}
    assert set(drift) == {"spun-paraphrase"}
    assert "1200" in drift["spun-paraphrase"].expected
    assert "a third" in drift["spun-paraphrase"].found


def test_duplicate_url_counts_once(prov: Provenance) -> None:
    for claim in prov.claims:
        if {"radio-meridian", "meridian-amp-copy"} <= set(claim.articles):
            reports = {r for o in claim.verdict.origins for r in o.reports}
            assert "meridian-amp-copy" not in reports


def test_stories(prov: Provenance) -> None:
    ledger = next(s for s in prov.stories if "original-ledger" in s.articles)
    assert {"wire-copy", "retelling-blog", "spun-paraphrase", "perevod-ru"} <= set(ledger.articles)
    assert ledger.first_seen == "2025-05-12" and ledger.languages == ("en", "ru")
    meridian = next(s for s in prov.stories if "radio-meridian" in s.articles)
    assert "meridian-amp-copy" in meridian.articles
