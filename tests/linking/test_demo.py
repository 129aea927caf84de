"""The fictional demo corpus (demo/README.md states its ground truth), through the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.ingest import iter_inputs
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


def _with_metadata() -> list[Article]:
    articles = []
    for path in sorted(DEMO.glob("*.txt")):
        outlet, date, lang = META[path.stem]
        articles.append(Article(text=path.read_text(encoding="utf-8"), id=path.stem,
                                outlet=outlet, published=date, lang=lang))
    for line in (DEMO / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(**{k: d.get(k) for k in
                                   ("text", "id", "url", "title", "outlet", "published", "lang")}))
    return articles


def _as_files() -> list[Article]:
    """As ``sourcetrace link demo/`` reads it: the .txt files carry no metadata at all."""
    articles = []
    for item in iter_inputs([str(DEMO)]):
        assert not isinstance(item, Exception), item
        articles.append(item.with_meta(id=Path(item.path).stem) if item.id is None else item)
    return articles


@pytest.fixture(scope="module", params=["metadata", "files"])
def prov(request: pytest.FixtureRequest) -> Provenance:
    articles = _with_metadata() if request.param == "metadata" else _as_files()
    return link_corpus(list(extract_articles(articles)))


def first(prov: Provenance, article: str) -> tuple[str | None, str | None, str]:
    b = prov.articles[article].based_on[0]
    return b.outlet, b.article, b.relation


def test_derivation_matches_the_ground_truth(prov: Provenance) -> None:
    assert first(prov, "wire-copy") == ("The Harbour Ledger", "original-ledger", "copy")
    assert first(prov, "spun-paraphrase")[1:] == ("original-ledger", "paraphrase")
    assert first(prov, "perevod-ru") == ("The Harbour Ledger", "original-ledger", "translation")
    assert first(prov, "meridian-amp-copy") == ("Radio Meridian", "radio-meridian", "copy")
    assert first(prov, "retelling-blog") == ("The Harbour Ledger", "original-ledger", "rewrite")


def test_every_derivation_points_at_a_root(prov: Provenance) -> None:
    # the tree of demo/README.md: only the two first-hand reports are sources
    for art in prov.articles.values():
        for b in art.based_on:
            assert b.article in (None, "original-ledger", "radio-meridian"), (art.id, b)
    for root in ("original-ledger", "radio-meridian", "ministry-denial", "northgate-brief"):
        assert prov.articles[root].based_on == (), root


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


def test_claim_c2_has_two_independent_origins(prov: Provenance) -> None:
    # Tomas told the Ledger, Pavel Orrin told Radio Meridian: two origins; the
    # duplicate URL of Radio Meridian's report is no third one
    c2 = next(c for c in prov.claims if "residence permit" in c.text
              and {"original-ledger", "radio-meridian"} <= set(c.articles))
    assert c2.verdict.independent_origins == 2
    sources = {s for o in c2.verdict.origins for s in o.sources}
    assert {"Tomas", "Pavel Orrin"} <= sources
    assert {"wire-copy", "retelling-blog", "perevod-ru", "meridian-amp-copy"} <= set(c2.articles)


def test_claim_c6_links_the_russian_translation_by_transliterated_names(prov: Provenance) -> None:
    # perevod-ru's own mention (Марта Великан, Остерфелл), not only a carried sentence
    c6 = next(c for c in prov.claims if "forty" in c.text and "Osterfell" in c.text)
    own = [m for m in c6.mentions if m.article == "perevod-ru" and not m.attribution.startswith("s")]
    assert own and own[0].primary is not None and own[0].primary.name == "Марта Великан"
    assert len(c6.primary_sources) == 1  # Marta Velikan = Марта Великан
    assert c6.verdict.independent_origins == 1
    assert {"original-ledger", "wire-copy", "spun-paraphrase"} <= set(c6.articles)


def test_adding_articles_to_a_linking_equals_linking_them_all() -> None:
    # the corpus vocabulary (capitalised words also met in lower case) must count the
    # earlier articles too, or names are weighed differently after an update
    records = list(extract_articles(_with_metadata()))
    full = json.dumps(link_corpus(records).to_dict())
    for k in (1, 4, len(records) - 1):
        assert json.dumps(link_corpus(records[:k]).update(records[k:]).to_dict()) == full, k
