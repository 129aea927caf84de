from __future__ import annotations

import pytest

from sourcetrace.nlp.lexicon import load_lexicon
from sourcetrace.nlp.quotes import find_quotes


def spans(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text, load_lexicon("en"))]


def test_curly_and_straight_quotes() -> None:
    text = 'He said “the dam held.” She said "the dam did not hold" later.'
    assert spans(text) == ["“the dam held.”", '"the dam did not hold"']


def test_multi_sentence_quote() -> None:
    text = "“The dam held. Nobody was hurt,” the engineer said."
    assert spans(text) == ["“The dam held. Nobody was hurt,”"]


def test_multi_paragraph_quote_reopens_on_next_paragraph() -> None:
    text = "“The water rose at night.\n“By morning it had gone,” she said.\nNext paragraph."
    assert spans(text) == ["“The water rose at night.\n“By morning it had gone,”"]


def test_unclosed_quote_stops_at_paragraph() -> None:
    text = "“The water rose at night.\nA new paragraph without quotes."
    assert spans(text) == []


def test_guillemets_and_apostrophes() -> None:
    text = "Он сказал: «Всё хорошо». It's Anna's view."
    assert spans(text) == ["«Всё хорошо»"]


def test_doubled_apostrophe_quotes() -> None:
    text = ("The clerk said ''the dam held,'' and added: ''Nobody was hurt.\n\n''We were lucky.''"
            " Rock 'n' roll''s fans cheered.\n''Unclosed at the end of its paragraph.\nNext.")
    got = find_quotes(text, load_lexicon("en"))
    assert [text[q.start:q.end] for q in got] == [
        "''the dam held,''", "''Nobody was hurt.\n\n''We were lucky.''"]
    assert text[slice(*got[0].inner)] == "the dam held,"


@pytest.mark.slow
def test_rules_take_a_doubled_apostrophe_quote_as_direct_speech() -> None:
    from sourcetrace.jobs import extract_articles
    from sourcetrace.records import Article

    record = next(extract_articles([Article(text="''The dam held,'' the engineer said.")], mode="rules"))
    [a] = record.attributions
    assert a.kind == "direct" and [c.text for c in a.content] == ["''The dam held,''"]


def test_a_quote_nested_in_a_quote_with_distinct_marks_stays_inside_it() -> None:
    text = "“At the desk they say: “Sign here.” And we sign,” says Ilse Varnow."
    assert spans(text) == ["“At the desk they say: “Sign here.” And we sign,”"]


def test_an_unbalanced_nested_mark_falls_back_to_the_first_closing_mark() -> None:
    assert spans("“At the desk they say: “Sign here. And we sign,” says Ilse Varnow.") == [
        "“At the desk they say: “Sign here. And we sign,”"]


@pytest.mark.parametrize("opens", [True, False])
def test_a_closing_mark_that_opens_a_paragraph_opens_the_quotation(opens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.quotes.CLOSER_OPENS", opens)
    text = "Parents asked her for help.\n\n” They had no choice. They were sent away,” Ms Varnow said.\n\nThe end."
    assert spans(text) == (["” They had no choice. They were sent away,”"] if opens else [])
    # one inside a paragraph closes, and one alone on its line opens nothing
    assert spans("The dam held,” he said.\n\n”\n\nNext.") == []
