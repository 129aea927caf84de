"""Linking records survive JSON (``to_dict(complete=True)`` / ``from_dict``) and restore."""

from __future__ import annotations

import json

import pytest

from sourcetrace.linking import (
    ArticleGuess,
    ArticleProvenance,
    ClaimCluster,
    Provenance,
    Story,
    TraceNode,
    link_corpus,
    provenance_fields,
)
from sourcetrace.records import Attribution, Cue, Extraction, SourceSpan, TextSpan

from .conftest import REPORT, TRANSLATION
from .test_linking import corpus


def attributed(record: Extraction) -> Extraction:
    """``record`` with an attribution per ``X said`` sentence (for claims to link)."""
    text = record.text
    found: list[Attribution] = []
    start = 0
    while (at := text.find(" said ", start)) != -1:
        left = text.rfind(". ", 0, at) + 2
        right = text.find(".", at + 6)
        name = text[left:at].split(" ")[-1]
        source = SourceSpan(at - len(name), at, name, name, "person")
        found.append(Attribution(f"a{len(found) + 1}", "indirect", source,
                                 Cue(at + 1, at + 5, "said", "say", "assert"),
                                 (TextSpan(at + 6, right, text[at + 6:right]),)))
        start = at + 6
    return Extraction(doc=record.doc, text=text, attributions=tuple(found))


def json_copy(data: object) -> object:
    return json.loads(json.dumps(data))


@pytest.fixture(scope="module")
def prov() -> Provenance:
    linked = link_corpus([attributed(r) for r in corpus()])
    assert linked.claims and linked.stories  # something to round-trip
    return linked


def test_records_round_trip_through_json(prov: Provenance) -> None:
    for art in prov.articles.values():
        assert ArticleProvenance.from_dict(json_copy(art.to_dict(complete=True))) == art
    for story in prov.stories:
        assert Story.from_dict(json_copy(story.to_dict())) == story
    for claim in prov.claims:
        assert ClaimCluster.from_dict(json_copy(claim.to_dict(complete=True))) == claim
        tree = prov.trace(claim.id)
        assert TraceNode.from_dict(json_copy(tree.to_dict())) == tree
    for guess in prov.guesses.values():
        assert ArticleGuess.from_dict(json_copy(guess.to_dict())) == guess


def test_the_json_interface_is_unchanged_by_complete(prov: Provenance) -> None:
    art = next(a for a in prov.articles.values() if a.evidence)
    assert set(art.to_dict()) == {"id", "originality", "based_on", "cites"}
    assert art.to_dict(complete=True)["evidence"] == art.evidence
    mention = prov.claims[0].mentions[0].to_dict()
    assert "quantities" not in mention


def test_a_restored_provenance_reads_and_traces_like_the_original(prov: Provenance) -> None:
    restored = Provenance.restore(list(prov.articles.values()), prov.stories, prov.claims,
                                  list(prov.guesses.values()))
    assert restored.to_dict() == prov.to_dict()
    assert restored.dates == prov.dates
    for claim in prov.claims:
        assert restored.trace(claim.id) == prov.trace(claim.id)
    with pytest.raises(ValueError):
        restored.update([])


def test_guesses_come_from_the_text(prov: Provenance) -> None:
    ru = prov.guesses["ru"]
    assert ru.lang == "ru" and ru.title == TRANSLATION.split("\n")[0]
    report = prov.guesses["report"]
    assert report.outlet_name == "The Quayside Herald" and report.published == "2024-03-03"
    assert report.title == REPORT.split("\n")[0]


def test_provenance_fields_of_an_unlinked_article() -> None:
    assert provenance_fields(None) == {"originality": "unknown", "based_on": [], "cites": []}
