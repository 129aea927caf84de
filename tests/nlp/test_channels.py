"""Channels and relays on our own fictional sentences, in the default mode and with the
rules alone: a report that names its own source ("citing two officials")."""

from __future__ import annotations

import pytest

from sourcetrace.jobs import extract_articles
from sourcetrace.records import Article, Attribution, Extraction

pytestmark = pytest.mark.slow


def run(text: str, mode: str, lang: str | None = None) -> Extraction:
    return next(extract_articles([Article(text=text, lang=lang)], mode=mode))


def by_cue(record: Extraction, cue: str) -> list[Attribution]:
    return [a for a in record.attributions if a.cue.text == cue]


@pytest.mark.parametrize("mode", ["model", "rules"])
@pytest.mark.parametrize("cited", [True, False])
def test_a_report_citing_its_source_passes_that_source_on(mode: str, cited: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.pipeline.CITED_SOURCES", cited)
    text = "The Alder Herald, citing two crew members, reported that the fire had started in the engine room."
    record = run(text, mode)
    (report,) = by_cue(record, "reported")
    assert report.source is not None and report.source.name == "Alder Herald" and report.parent is None
    relays = [a for a in by_cue(record, "citing") if a.source is not None and a.source.text == "two crew members"]
    if not cited:
        assert relays == []
        return
    (relay,) = relays
    assert [c.text for c in relay.content] == ["that the fire had started in the engine room"]
    assert relay.parent == report.id
    assert relay.channel is not None and relay.channel.name == "Alder Herald"


def test_a_quoted_source_of_a_broadcaster_and_an_outlet_cited() -> None:
    record = run("State broadcaster NTV, quoting an unnamed ministry source, said the vessel had failed "
                 "an inspection in March. Harbour Radio reported, citing Interfax, that the port was shut.", "model")
    (source,) = by_cue(record, "quoting")
    assert source.source is not None and source.source.type == "anonymous"
    assert source.channel is not None and source.channel.name == "NTV"
    assert [c.text for c in source.content] == ["the vessel had failed an inspection in March"]
    (wire,) = by_cue(record, "citing")
    assert wire.source is not None and wire.source.name == "Interfax" and wire.channel is not None


@pytest.mark.parametrize("text", [
    "The carrier cancelled the sailing, citing legal risks and the cost of repairs.",
    "Mr. Holm said, citing security concerns, that the ferry would not sail.",
])
def test_a_ground_cited_stays_the_speakers(text: str) -> None:
    record = run(text, "model")
    for a in by_cue(record, "citing"):
        assert a.parent is None and (a.source is None or a.source.text not in text.split("citing ")[1])


def test_russian_and_ukrainian_reports_citing_a_source() -> None:
    record = run("Агентство «Норд-Информ» со ссылкой на источник в министерстве сообщило, "
                 "что паром не прошел проверку.", "model", "ru")
    (source,) = by_cue(record, "со ссылкой на")
    assert source.source is not None and source.source.text.startswith("источник")
    assert source.channel is not None and source.channel.name == "Норд-Информ"
    assert [c.text for c in source.content] == ["что паром не прошел проверку"]


@pytest.mark.parametrize("carried", [True, False])
def test_who_passed_the_record_of_the_words_on_is_the_channel(carried: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.pipeline.CARRIED_BY", carried)
    record = run("“We were never told,” a former inmate said in a video shared by the rights group Open Doors.", "model")
    (a,) = record.attributions
    assert (a.channel is not None and a.channel.name == "Open Doors") is carried


@pytest.mark.parametrize("relayed", [True, False])
def test_a_speaker_an_outlet_relayed_goes_on_through_it(relayed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.pipeline.RELAYED_BY_OUTLET", relayed)
    text = ("The Alder Herald noted that Mara Voss, director of the Harbour Workers' Fund, confirmed "
            "the dockers' story. She added that more families had asked the fund for help.")
    record = run(text, "model")
    (confirmed,) = by_cue(record, "confirmed")
    assert confirmed.channel is not None and confirmed.channel.name == "Alder Herald"
    (added,) = by_cue(record, "added")
    assert added.source is not None and added.source.name == "Mara Voss"
    assert (added.channel.name if added.channel else None) == ("Alder Herald" if relayed else None)
