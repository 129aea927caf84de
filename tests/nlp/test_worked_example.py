"""The extraction issue's acceptance checks on the worked example article.

The article is third-party text: it is read from ``../shared`` at run time and
never copied into the repository.
"""

from __future__ import annotations

import pytest

import sourcetrace
from sourcetrace.records import Attribution, Extraction
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["model", "accurate", "ensemble"])
def record(request: pytest.FixtureRequest) -> Extraction:
    """The example extracted in the default mode, the ensemble mode and the accurate one
    (the ``[transformer]`` extra; skipped without it)."""
    if request.param == "accurate":
        pytest.importorskip("transformers")
    path = shared_path("corpus", "forced-to-fight.txt")
    return sourcetrace.extract(path.read_text("utf-8"), path=str(path), mode=request.param)


def by_cue(record: Extraction, sentence_start: str, cue: str) -> Attribution:
    """The attribution whose cue is ``cue`` in the sentence starting with ``sentence_start``."""
    at = record.text.index(sentence_start)
    end = record.text.find("\n", at)
    end = len(record.text) if end == -1 else end
    found = [a for a in record.attributions if at <= a.cue.start < end and a.cue.text == cue]
    assert found, f"no attribution with cue {cue!r} in sentence {sentence_start!r}"
    return found[0]


def test_every_span_indexes_the_text(record: Extraction) -> None:
    spans = []
    for a in record.attributions:
        spans += [a.cue, *a.content] + ([a.source] if a.source else [])
        if a.channel and a.channel.start is not None:
            assert record.text[a.channel.start:a.channel.end] == a.channel.text
    spans += record.assertions
    spans += [x.hedge for x in record.assertions if x.hedge]
    for s in spans:
        assert record.text[s.start:s.end] == s.text


def test_cnn_exclusive_claims(record: Extraction) -> None:
    a = by_cue(record, "However, a CNN exclusive", "claimed")
    assert a.source is not None
    assert (a.source.name, a.source.type) == ("CNN", "outlet")
    assert a.cue.stance == "claim"


def test_former_prisoners_nested_under_cnn_reporters(record: Extraction) -> None:
    reporters = by_cue(record, "The CNN reporters claimed", "claimed")
    prisoners = by_cue(record, "The CNN reporters claimed", "say")
    assert prisoners.parent == reporters.id
    assert prisoners.source is not None and "former prisoners" in prisoners.source.name


def test_claim_confirmed_by_usov(record: Extraction, request: pytest.FixtureRequest) -> None:
    if request.node.callspec.params["record"] == "accurate":
        # known miss of the accurate mode: its tagger finds no cue in "A claim that Usov …
        # confirmed." (no content in the sentence), and combine drops the rules' noun cue
        request.applymarker(pytest.mark.xfail(strict=True, reason="accurate mode misses this cue"))
    a = by_cue(record, "A claim that Andriy Usov", "confirmed")
    assert a.source is not None
    assert a.source.name == "Andriy Usov"
    assert a.source.descriptor == "a Ukrainian intelligence official"
    assert a.cue.stance == "confirm"


def test_usov_direct_quote_with_nested_statement(record: Extraction) -> None:
    a = by_cue(record, "A claim that Andriy Usov", "told")
    assert a.kind == "direct"
    assert a.source is not None and a.source.name == "Andriy Usov"
    assert a.channel is not None and a.channel.name == "CNN"
    nested = [b for b in record.attributions if b.parent == a.id]
    assert nested, "the captured Russians' statement should be nested under Usov's"
    assert nested[0].source is not None and "captured Russians" in nested[0].source.name


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Furthermore, Usov told CNN", "told"),
        ("Andriy Usov told the media outlet", "told"),
        ("According to CNN, Andriy Usov said", "said"),
    ],
)
def test_usov_through_cnn(record: Extraction, sentence: str, cue: str) -> None:
    a = by_cue(record, sentence, cue)
    assert a.source is not None and a.source.name == "Andriy Usov"
    assert a.channel is not None and a.channel.name == "CNN"


def test_according_to_bbc_article(record: Extraction) -> None:
    a = by_cue(record, "It indeed does seem", "According to")
    assert a.kind == "according_to"
    assert a.source is not None and a.source.name == "BBC"
    assert [c.text.strip('"') for c in a.content] == [  # the quotation, not a stray mark
        "Russian authorities openly sign up people to join the armed forces at the migration centre in Moscow."]


def test_news_outlet_resolves_to_bbc(record: Extraction) -> None:
    a = by_cue(record, "The news outlet reports", "reports")
    assert a.source is not None and (a.source.name, a.source.type) == ("BBC", "outlet")


def test_cupik_with_descriptor_and_channel(record: Extraction) -> None:
    a = by_cue(record, "Valentina Cupik", "said")
    assert a.source is not None
    assert a.source.name == "Valentina Cupik"
    assert a.source.descriptor == "a defender of migrant rights"
    assert a.channel is not None and a.channel.name == "BBC"
    b = by_cue(record, "Cupik highlighted", "highlighted")
    assert b.source is not None and b.source.name == "Valentina Cupik"


def test_aziz_through_the_publication(record: Extraction) -> None:
    a = by_cue(record, "The BBC spoke with a man", "told")
    assert a.source is not None and a.source.name == "Aziz"
    assert a.channel is not None and a.channel.name == "BBC"
    b = by_cue(record, "However, perhaps Aziz", "According to")
    assert b.source is not None and b.source.name == "BBC"


def test_author_assertions_and_hedges(record: Extraction) -> None:
    def assertion(start: str):
        found = [x for x in record.assertions if record.text[x.start:].startswith(start) or start in x.text]
        assert found, f"no assertion containing {start!r}"
        return found[0]

    assert assertion("Putin has become desperate for soldiers")
    for start, hedge in [
        ("It is well known that the private mercenary Wagner", "well known"),
        ("it seems the Russian Ministry of Defence has similar plans", "seem"),
        ("It indeed does seem that Putin is desperate", "seem"),
    ]:
        a = assertion(start)
        assert a.hedge is not None and (hedge in a.hedge.text.lower() or "looks of it" in a.hedge.text.lower())
    # the author's hedges are not attributions
    for a in record.attributions:
        assert a.cue.lemma not in {"seem", "know"}


def test_source_list(record: Extraction) -> None:
    sources = {s.name: s for s in record.sources}
    assert sources["CNN"].type == "outlet"
    assert sources["BBC"].type == "outlet"
    assert "CNN" in sources["Andriy Usov"].channels
    assert "BBC" in sources["Valentina Cupik"].channels
    assert "BBC" in sources["Aziz"].channels
    assert any("former prisoners" in n and "CNN" in s.channels for n, s in sources.items())
    assert any("captured Russians" in n and s.channels for n, s in sources.items())
