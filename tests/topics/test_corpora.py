"""The map end to end (extraction, linking, tagging) on the fictional demo corpus and the
shared development corpus of coerced recruitment. Slow: they load the language pipelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.ingest import iter_inputs
from sourcetrace.jobs import extract_articles
from sourcetrace.records import Extraction
from sourcetrace.topics import EvidenceMap, TopicPack, map_records

from tests.conftest import REPO, shared_path

pytestmark = pytest.mark.slow


def _records(paths: list[str]) -> list[Extraction]:
    articles = []
    for item in iter_inputs(paths):
        assert not isinstance(item, Exception), item
        if item.id is None and item.path:
            item = item.with_meta(id=Path(item.path).stem)
        articles.append(item)
    return list(extract_articles(articles))


@pytest.fixture(scope="module")
def demo_map(valdoria: TopicPack) -> EvidenceMap:
    return map_records(_records([str(REPO / "demo")]), valdoria)[0]


def test_demo_residence_offers_have_two_independent_origins(demo_map: EvidenceMap) -> None:
    # the demo's ground truth: C2 (residence permits) has two origins, the Ledger's
    # Tomas and Radio Meridian's Pavel Orrin; the copies and the translation are echoes
    edge = demo_map.edge("recruiters>residence>migrant_workers")
    assert len(edge.origins) == 2
    reports = {r for o in edge.origins for r in o.reports}
    assert "Radio Meridian" in reports and any("Ledger" in r for r in reports)
    assert edge.echoes >= 2


def test_demo_pardon_claim_has_one_origin_and_is_disputed(demo_map: EvidenceMap) -> None:
    # C3 (pardons, from former detainees through the Ledger): one origin; Senn denies it
    edge = demo_map.edge("recruiters>pardon>detainees")
    assert len(edge.origins) == 1
    assert {e.article.id for e in edge.evidence} >= {"original-ledger", "wire-copy"}
    assert "ministry-denial" in {d.article.id for d in edge.disputed_by}


def test_demo_denials_evidence_nothing(demo_map: EvidenceMap) -> None:
    assert any(d.article.id == "ministry-denial" for d in demo_map.denials)
    assert all(e.article.id != "ministry-denial" for edge in demo_map.edges
               for e in edge.evidence)


# -- the development corpus of coerced recruitment (issue 7's acceptance) -----------


@pytest.fixture(scope="module")
def dev_map(recruitment: TopicPack) -> EvidenceMap:
    corpus = shared_path("corpus", "recruitment-dev.jsonl")
    example = shared_path("corpus", "forced-to-fight.txt")
    return map_records(_records([str(corpus), str(example)]), recruitment)[0]


@pytest.mark.parametrize("edge_id", [
    "wagner>pardon>prisoners",
    "wagner>pay>prisoners",
    "defence_ministry>direct_recruitment>prisoners",
    "defence_ministry>own_companies>prisoners",
    "police>raids>migrants",
    "police>intimidation>migrants",
    "police>deportation_threat>migrants",
    "migration_centre>paperwork_deception>migrants",
    "migration_centre>recruitment_point>migrants",
    "state>citizenship_offer>migrants",
    "recruiters>job_offer>foreign_nationals",
    "recruiters>deception>foreign_nationals",
])
def test_dev_map_holds_the_links_of_the_acceptance(dev_map: EvidenceMap, edge_id: str) -> None:
    edge = dev_map.edge(edge_id)
    assert edge.claims and edge.origins
    assert len(edge.origins) <= len(edge.articles)
    for e in edge.evidence:
        assert e.article.sha256 and e.report and e.tags.unit.quote


def test_dev_map_counts_an_interested_party_echoed_widely_once(dev_map: EvidenceMap) -> None:
    # Moscow's mayor announcing the Sakharovo recruitment point, repeated by several
    # outlets in three languages: one origin, and an interested one
    edge = dev_map.edge("state>recruitment_point>migrants")
    assert len(edge.origins) == 1 and edge.interested_only
    assert len(edge.articles) >= 4 and edge.echoes >= 3
    assert any("Sobyanin" in s for o in edge.origins for s in o.sources)


def test_dev_map_reads_russian_and_ukrainian_pages(dev_map: EvidenceMap) -> None:
    edge = dev_map.edge("investigative_committee>military_registration>naturalised")
    assert len(edge.origins) == 1 and edge.interested_only
    langs = {e.tags.unit.lang for e in edge.evidence}
    assert {"ru", "uk"} <= langs
