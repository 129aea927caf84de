"""The map's counts on a small fictional corpus with known answers (no spaCy, no linker).

The corpus (written for this test, set in the demo's fictional Valdoria):

- ``ledger`` (original): the lawyer Velikan says recruiters offered detainees a pardon
  (claim C1); Tomas, a construction worker, says recruiters promised him a residence
  permit (C4).
- ``wire`` (copy of the ledger): C1 again. ``blog`` (retelling): the author's hedged
  words on the pardon offers.
- ``press1``..``press4`` (four originals): the official Drevin says the ministry enlisted
  migrant workers with residence permits (C2): one interested party, four outlets.
- ``meridian`` (original): the shelter head Orrin says recruiters offered foreign labourers
  residence permits (C3), independently of the ledger.
- ``courier``: the minister Senn dismisses the pardon claims (a denial).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from sourcetrace.topics import (
    EvidenceMap, TopicPack, build_map, edge_html, edge_markdown, map_html, to_graphml,
    to_uwazi_csv,
)
from sourcetrace.topics.adapter import OriginRef

from .conftest import Att, FakeView, info, make_record

PARDON = "Velikan said recruiters had offered the detainees a pardon if they enlisted."
TOMAS = ("Tomas, a construction worker, said recruiters had promised him a residence permit "
         "if he enlisted.")
DREVIN = ("Oskar Drevin said the ministry enlisted migrant workers by offering them residence "
          "permits.")
ORRIN = ("Pavel Orrin said recruiters offered foreign labourers a residence permit for "
         "enlisting.")
BLOG = "It seems recruiters offered detainees pardons to sign up."
SENN = "Senn dismissed claims that recruiters had offered pardons to detainees for enlisting."


def _corpus() -> tuple[list, FakeView]:
    pardon = Att("recruiters had offered the detainees a pardon if they enlisted", "said",
                 "Velikan", name="Marta Velikan")
    tomas = Att("recruiters had promised him a residence permit if he enlisted", "said",
                "Tomas", descriptor="a construction worker")
    drevin = Att("the ministry enlisted migrant workers by offering them residence permits",
                 "said", "Oskar Drevin")
    records = [
        make_record(f"{PARDON} {TOMAS}", "ledger", [pardon, tomas]),
        make_record(PARDON, "wire", [pardon]),
        make_record(BLOG, "blog", assertions=[(BLOG, "It seems")]),
        *[make_record(DREVIN, f"press{i}", [drevin]) for i in range(1, 5)],
        make_record(ORRIN, "meridian", [Att(
            "recruiters offered foreign labourers a residence permit for enlisting", "said",
            "Pavel Orrin")]),
        make_record(SENN, "courier", [Att(
            "recruiters had offered pardons to detainees for enlisting", "dismissed", "Senn",
            stance="deny", name="Halvard Senn")]),
    ]
    view = FakeView(
        articles={
            "ledger": info("ledger", "Ledger", "original", "2025-05-12"),
            "wire": info("wire", "Ledger", "derivative", "2025-05-15"),
            "blog": info("blog", "Ledger", "derivative", "2025-05-13"),
            **{f"press{i}": info(f"press{i}", f"Outlet{i}", "original", f"2025-05-1{i}")
               for i in range(1, 5)},
            "meridian": info("meridian", "Meridian", "original", "2025-05-14"),
            "courier": info("courier", "Courier", "original", "2025-05-14"),
        },
        clusters={("ledger", "a1"): "C1", ("wire", "a1"): "C1", ("ledger", "a2"): "C4",
                  **{(f"press{i}", "a1"): "C2" for i in range(1, 5)},
                  ("meridian", "a1"): "C3"},
        origins_of={
            "C1": (OriginRef(("Ledger",), ("Marta Velikan",)),),
            "C4": (OriginRef(("Ledger",), ("Tomas",)),),
            "C2": tuple(OriginRef((f"Outlet{i}",), ("Oskar Drevin",)) for i in range(1, 5)),
            "C3": (OriginRef(("Meridian",), ("Pavel Orrin",)),),
        },
    )
    return records, view


@pytest.fixture(scope="module")
def emap(valdoria: TopicPack) -> EvidenceMap:
    records, view = _corpus()
    return build_map(records, valdoria, view, ("en",))


def test_echoes_are_not_origins(emap: EvidenceMap) -> None:
    e = emap.edge("recruiters>pardon>detainees")
    assert len(e.origins) == 1 and e.origins[0].reports == ("Ledger",)
    assert set(e.articles) == {"ledger", "wire", "blog"} and e.echoes == 2
    assert set(e.claims) == {"C1", "blog#s1"} and not e.interested_only
    assert e.to_dict()["first_seen"] == "2025-05-12"
    assert e.to_dict()["last_seen"] == "2025-05-15"


def test_interested_party_echoed_by_many_outlets_is_one_interested_origin(
        emap: EvidenceMap) -> None:
    e = emap.edge("interior_ministry>residence>migrant_workers")
    assert len(e.origins) == 1 and e.interested_only
    assert len(e.articles) == 4 and len(e.origins[0].reports) == 4
    assert e.origins[0].sources == ("Oskar Drevin",)


def test_two_independent_sources_are_two_origins(emap: EvidenceMap) -> None:
    e = emap.edge("recruiters>residence>migrant_workers")
    assert len(e.origins) == 2 and {o.reports for o in e.origins} == {("Ledger",), ("Meridian",)}
    # Tomas speaks for the migrant workers (first-hand), Orrin about them
    strengths = {ev.tags.unit.speaker.name: ev.tags.strength for ev in e.evidence}
    assert strengths == {"Tomas": "first_hand", "Pavel Orrin": "sourced"}
    assert e.weight == 1.75


def test_denial_disputes_the_edge_and_adds_no_evidence(emap: EvidenceMap) -> None:
    assert [d.tags.unit.article for d in emap.denials] == ["courier"]
    pardon = emap.edge("recruiters>pardon>detainees")
    assert [d.article.id for d in pardon.disputed_by] == ["courier"]
    assert all("courier" not in e.articles for e in emap.edges)


def test_json_shape(emap: EvidenceMap) -> None:
    data = emap.to_dict()
    assert {n["kind"] for n in data["nodes"]} <= {"actor", "target", "method", "place"}
    assert {"recruiters", "detainees", "interior_ministry", "migrant_workers"} <= {
        n["id"] for n in data["nodes"]}
    edge = next(e for e in data["edges"] if e["id"] == "recruiters>pardon>detainees")
    assert {"source", "target", "relation", "claims", "independent_origins", "articles",
            "first_seen", "last_seen", "interested_only", "examples", "evidence",
            "origins", "echoes", "disputed_by"} <= set(edge)
    assert edge["source"] == "recruiters" and edge["relation"] == "pardon"
    assert edge["articles"] == 3 and edge["independent_origins"] == 1
    assert edge["examples"][0]["quote"].startswith("recruiters had offered")
    assert data["articles"]["ledger"]["evidenced"]


def test_graphml_declares_its_attributes(emap: EvidenceMap) -> None:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(to_graphml(emap))
    names = {k.get("attr.name") for k in root.findall("g:key", ns)}
    assert {"kind", "label", "relation", "independent_origins", "interested_only"} <= names
    edges = root.findall("g:graph/g:edge", ns)
    assert len(edges) == len(emap.edges)
    nodes = {n.get("id") for n in root.findall("g:graph/g:node", ns)}
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)


def test_uwazi_csv_one_row_per_claim(emap: EvidenceMap) -> None:
    rows = list(csv.DictReader(io.StringIO(to_uwazi_csv(emap))))
    assert rows and all(r["title"] for r in rows)
    by_article = {(r["article_id"], r["claim_id"]) for r in rows}
    assert ("courier", "courier#a1") in by_article  # the denial, with what it denies
    ledger = next(r for r in rows if r["claim_id"] == "C1" and r["article_id"] == "ledger")
    assert ledger["source"] == "Marta Velikan" and ledger["evidence_sha256"] == "0" * 64
    assert ledger["actors"] == "Brigade recruiters" and ledger["methods"] == "pardon offered"
    assert ledger["url"].startswith("https://") and ledger["date"] == "2025-05-12"
    assert len(rows) == len({(r["article_id"], r["quote"]) for r in rows})


def test_edge_reports(emap: EvidenceMap) -> None:
    md = edge_markdown(emap, "recruiters>pardon>detainees", lambda c: {"kind": "claim",
                                                                      "label": c})
    assert "1 independent origin(s), 2 echo(es) in 3 article(s)" in md
    assert PARDON.split(" said ")[1][:30] in md and "Disputed by" in md and "0" * 64 in md
    html = edge_html(emap, "recruiters>pardon>detainees")
    assert html.startswith("<!DOCTYPE html>") and "<q>" in html
    page = map_html(emap)
    assert page.count("<section") == len(emap.edges)
    with pytest.raises(KeyError):
        edge_markdown(emap, "nobody>nothing>noone")
