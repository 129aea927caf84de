"""link_corpus on small hand-made fictional corpora (no model)."""

from __future__ import annotations

import json
import random

from sourcetrace.linking import link_corpus
from sourcetrace.linking.similarity import FeatureIndex
from sourcetrace.linking.fingerprints import fingerprint
from sourcetrace.linking.stories import average_linkage

from .conftest import COPY, REPORT, REWRITE, TRANSLATION, UNRELATED, record

HERALD = "https://quayside-herald.example/2024/03/03/ferry-strike"


def corpus():
    return [
        record("report", REPORT, url=HERALD, outlet="The Quayside Herald", published="2024-03-03"),
        record("amp", REPORT.split("\n\n", 1)[1], url=HERALD.replace("/2024", "/amp/2024"),
               outlet="The Quayside Herald", published="2024-03-03"),
        record("wire", COPY, outlet="Coastline Wire", published="2024-03-04"),
        record("blog", REWRITE, outlet="Island Notes", published="2024-03-04"),
        record("ru", TRANSLATION, lang="ru", published="2024-03-05"),
        record("orchard", UNRELATED, outlet="Velden Post", published="2024-03-01"),
    ]


def test_originality_and_based_on() -> None:
    prov = link_corpus(corpus())
    arts = prov.articles
    assert arts["report"].originality == "original"
    assert arts["amp"].originality == "derivative"
    assert arts["amp"].based_on[0].article == "report"
    assert "under another URL" in arts["amp"].based_on[0].evidence
    assert arts["wire"].based_on[0].article == "report"
    assert arts["wire"].based_on[0].relation == "copy"
    assert arts["blog"].originality == "derivative"
    assert arts["blog"].based_on[0].relation == "rewrite"
    assert arts["blog"].based_on[0].outlet == "The Quayside Herald"
    assert arts["ru"].originality == "derivative"
    assert {b.relation for b in arts["ru"].based_on} == {"translation"}
    assert "The Quayside Herald" in {c.name for c in arts["blog"].cites}


def test_stories_group_copies_rewrites_and_translations_apart_from_others() -> None:
    prov = link_corpus(corpus())
    groups = [set(s.articles) for s in prov.stories]
    strike = next(g for g in groups if "report" in g)
    assert strike == {"report", "amp", "wire", "blog", "ru"}
    assert {"orchard"} in groups
    story = next(s for s in prov.stories if "report" in s.articles)
    assert story.first_seen == "2024-03-03"
    assert story.languages == ("en", "ru")


def test_json_shapes_are_the_interfaces() -> None:
    prov = link_corpus(corpus())
    story = prov.stories[0].to_dict()
    assert set(story) == {"id", "title", "articles", "first_seen", "languages"}
    art = prov.articles["wire"].to_dict()
    assert set(art) == {"id", "originality", "based_on", "cites"}
    assert set(art["based_on"][0]) == {"outlet", "article", "relation", "evidence"}
    assert set(art["cites"][0]) == {"name", "evidence"}
    json.dumps(prov.to_dict())  # all of it is JSON


def test_update_links_new_records_with_old_ones() -> None:
    first = link_corpus(corpus()[:1] + corpus()[5:])
    second = first.update(corpus()[1:5])
    assert set(second.articles) == {r.doc.id for r in corpus()}
    assert second.articles["wire"].based_on[0].article == "report"
    assert second.update(corpus()[:2]).articles.keys() == second.articles.keys()


def test_average_linkage_does_not_chain() -> None:
    # 0-1-2 tight, 3-4 tight, one weak bridge 2-3: two groups, not one
    edges = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.85, (3, 4): 0.9, (2, 3): 0.15}
    assert sorted(average_linkage(5, edges, 0.1)) == [[0, 1, 2], [3, 4]]


def test_candidate_pairs_are_not_all_pairs() -> None:
    rng = random.Random(3)
    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))

    vocabulary = [word() for _ in range(2000)]
    recs = []
    for i in range(150):
        words = [rng.choice(vocabulary) for _ in range(60)]
        words[::10] = [w.capitalize() for w in words[::10]]
        recs.append(record(f"d{i}", " ".join(words) + f" {rng.randint(100, 99999)}."))
    index = FeatureIndex()
    index.add(fingerprint(r, i) for i, r in enumerate(recs))
    pairs = list(index.pairs())
    assert len(pairs) < 150 * 149 / 2 / 10


def test_claims_verdict_and_trace_from_attributions() -> None:
    from sourcetrace.records import Attribution, Cue, Extraction, SourceSpan, TextSpan

    def with_claim(rec: Extraction, speaker: str, content: str, channel: str | None) -> Extraction:
        from sourcetrace.records import Channel

        start = rec.text.index(content)
        att = Attribution(
            id="a1", kind="indirect", source=SourceSpan(0, 1, speaker, speaker, "person"),
            cue=Cue(0, 1, "said", "say", "assert"),
            content=(TextSpan(start, start + len(content), content),),
            channel=Channel(channel) if channel else None,
        )
        return Extraction(doc=rec.doc, text=rec.text, attributions=(att,))

    recs = corpus()
    recs[0] = with_claim(recs[0], "Harbour master Edric Lune",
                         "18 sailings had been cancelled and that the Marrow Line had offered no timetable",
                         None)
    recs[3] = with_claim(recs[3], "Harbour master Edric Lune",
                         "18 sailings were cancelled", "The Quayside Herald")
    prov = link_corpus(recs)
    claim = next(c for c in prov.claims if "sailings" in c.text)
    assert set(claim.articles) >= {"report", "blog"}
    assert claim.verdict.independent_origins == 1
    assert claim.earliest_article == "report"
    tree = prov.trace(claim.id).to_dict()
    assert tree["kind"] == "claim"
    source = tree["children"][0]
    assert source["label"] == "Harbour master Edric Lune"
    articles = {a["label"] for ch in source["children"] for a in ch["children"]}
    assert {"report", "blog"} <= articles


def test_a_belief_is_no_first_hand_reporting() -> None:
    from sourcetrace.records import Attribution, Cue, Extraction, SourceSpan, TextSpan

    text = ("Growers wait for rain\n\nThe Oskett family wants to replant the lower orchard "
            "before the frost, and the valley's growers are waiting for rain.\n")

    def page(stance: str, cue: str) -> Extraction:
        start = text.index("to replant")
        att = Attribution(
            id="a1", kind="indirect",
            source=SourceSpan(text.index("The Oskett"), text.index(" wants"), "The Oskett family",
                              "Oskett family", "group"),
            cue=Cue(text.index("wants"), text.index("wants") + 5, cue, cue, stance),
            content=(TextSpan(start, start + len("to replant the lower orchard"), "to replant the lower orchard"),),
        )
        return Extraction(doc=record("p", text).doc, text=text, attributions=(att,))

    assert link_corpus([page("believe", "wants")]).articles["p"].originality == "unknown"
    assert link_corpus([page("assert", "says")]).articles["p"].originality == "original"
