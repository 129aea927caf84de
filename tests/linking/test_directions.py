"""Who derives from whom: own outlets from header lines, URL variants, credited outlets
resolved to corpus articles, and the source of a copy group (no model involved)."""

from __future__ import annotations

import pytest

from sourcetrace.linking import link_corpus
from sourcetrace.linking.credits import header_outlet
from sourcetrace.linking.derivation import is_url_variant

from .conftest import COPY, REPORT, record

# a spun paraphrase of REPORT: synonyms, the Herald's name gone, no credit, no date
SPUN = (
    "Ferry walkout leaves islanders marooned\n\n"
    "PELLHAVEN — Roughly 2,350 island occupants were abandoned on Tarn Island on Sunday after "
    "ship teams of the Marrow Line left, association coordinator Jessamy Vort informed the "
    "paper. \"We won't cruise until the 14 percent compensation cut is pulled back,\" Vort "
    "expressed. Harbour ace Edric Lune expressed that 18 cruisings had been dropped and that "
    "the Marrow Line had offered no schedule. The organization said in an explanation that "
    "talks with the association would continue on Thursday in Pellhaven.\n"
)


@pytest.mark.parametrize("text,outlet", [
    ("Headline of the day here\n\nBy Oda Prentiss | The Quayside Herald | 3 March 2024\n\nBody.",
     "The Quayside Herald"),
    ("Headline of the day here\n\nRadio Tarn | 3 March 2024\n\nBody text.", "Radio Tarn"),
    ("Headline of the day here\n\nThe Pellhaven Courier, 3 March 2024\n\nBody.",
     "The Pellhaven Courier"),
    ("Headline\n\n(Coastline Wire) — This article was originally published by The Quayside "
     "Herald.\n\nBody.", "Coastline Wire"),
    ("Заголовок новости дня\n\n3 марта 2024 года. Перевод материала The Quayside Herald\n\nТекст.",
     None),
    ("Headline of the day here\n\nBy Coastline Wire's Oda Prentiss\n\nBody.", None),
    (REPORT.split("\n\n", 1)[1].split("\n\n", 1)[1], None),
])
def test_header_outlet(text: str, outlet: str | None) -> None:
    assert header_outlet(text) == outlet


@pytest.mark.parametrize("url,variant", [
    ("https://radio-tarn.example/amp/news/1", True), ("https://m.herald.example/a", True),
    ("https://herald.example/a?outputType=amp", True), ("https://herald.example/print/1", True),
    ("https://www.herald.example/2024/m-story", False), ("https://herald.example/amplify", False),
    (None, False),
])
def test_url_variants(url: str | None, variant: bool) -> None:
    assert is_url_variant(url) is variant


def test_plain_text_files_without_metadata_read_their_own_outlet() -> None:
    # as `sourcetrace link DIR` reads .txt files: no outlet, no URL, no date given
    recs = [record("spun", SPUN), record("wire", COPY), record("report", REPORT)]
    arts = link_corpus(recs).articles
    assert arts["report"].originality == "original"
    assert arts["wire"].based_on[0].article == "report"
    assert arts["wire"].based_on[0].relation == "copy"
    # the spun text lost the Herald's name: it derives from the report, not the reverse
    assert arts["spun"].based_on[0].article == "report"
    assert arts["spun"].based_on[0].relation == "paraphrase"


def test_the_canonical_url_is_the_source_whatever_the_input_order() -> None:
    body = REPORT.split("\n\n", 1)[1]
    url = "https://quayside-herald.example/2024/03/03/ferry-strike"
    recs = [
        record("amp", body, url=url.replace("/2024", "/amp/2024"), outlet="The Quayside Herald",
               published="2024-03-03T10:00:00Z"),
        record("page", REPORT, url=url, outlet="The Quayside Herald", published="2024-03-03"),
    ]
    arts = link_corpus(recs).articles
    assert arts["page"].originality == "original"
    assert arts["amp"].based_on[0].article == "page"
    assert "under another URL" in arts["amp"].based_on[0].evidence


def test_a_credited_outlet_resolves_to_its_corpus_article() -> None:
    # the copy is listed first and dated first: only the credit tells the direction
    recs = [
        record("wire", COPY, outlet="Coastline Wire", published="2024-03-03"),
        record("spun", SPUN, published="2024-03-03"),
        record("report", REPORT, outlet="The Quayside Herald", published="2024-03-03"),
    ]
    arts = link_corpus(recs).articles
    assert arts["report"].originality == "original"
    first = arts["wire"].based_on[0]
    assert (first.outlet, first.article, first.relation) == ("The Quayside Herald", "report", "copy")
    assert len(arts["wire"].based_on) == 1  # the credit and the text link are one source


def test_a_page_without_evidence_in_a_story_of_others_is_a_retelling() -> None:
    from sourcetrace.linking.derivation import ArticleProvenance, retold

    bare = ArticleProvenance("page", "unknown", (), ())
    assert retold(bare, 3, earliest=False).originality == "derivative"
    assert retold(bare, 3, earliest=False).based_on[0].relation == "rewrite"
    assert retold(bare, 1, earliest=False).originality == "unknown"  # alone: no telling
    assert retold(bare, 3, earliest=True).originality == "unknown"  # may be the first report
    original = ArticleProvenance("page", "original", (), ())
    assert retold(original, 3, earliest=False) is original
