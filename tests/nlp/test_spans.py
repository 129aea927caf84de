"""Span helpers: where a name mention starts and ends."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.spans import trim_mention


def _trim(text: str, mention: str) -> str:
    start = text.index(mention)
    rng = trim_mention(text, (start, start + len(mention)))
    assert rng is not None
    return text[rng[0]:rng[1]]


@pytest.mark.parametrize(("text", "mention", "want"), [
    # a quoted title at the mention's end keeps its closing mark
    ("said Dana Vell, a host of “The Late Five,” on Monday.", "Dana Vell, a host of “The Late Five,",
     "Dana Vell, a host of “The Late Five,”"),
    ("said Dana Vell, a host of ''The Late Five,'' on Monday.", "Dana Vell, a host of ''The Late Five",
     "Dana Vell, a host of ''The Late Five,''"),
    ("according to his book ''The Art of the Pier.''", "his book ''The Art of the Pier",
     "his book ''The Art of the Pier.''"),
    # a mark that closes nothing opened inside stays out
    ("“The pier is sold,” Mayor Ilse Varnow said.", "Mayor Ilse Varnow", "Mayor Ilse Varnow"),
    ("“It is Harbour Ledger,” said Ilse Varnow.” Then", "Ilse Varnow", "Ilse Varnow"),
    # an apposition keeps the comma that closes it; a bare name does not
    ("Ilse Varnow, the mayor, said so.", "Ilse Varnow, the mayor", "Ilse Varnow, the mayor,"),
    ("Ilse Varnow, who said so.", "Ilse Varnow", "Ilse Varnow"),
])
def test_a_mention_keeps_the_marks_that_close_inside_it(text: str, mention: str, want: str) -> None:
    assert _trim(text, mention) == want


@pytest.mark.parametrize("cut", [True, False])
def test_a_mention_ends_before_a_bracket_it_does_not_close(cut: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.spans.UNCLOSED_BRACKET", cut)
    text = "«Порт закрыт», — пояснил глава совета (цитата по ХЛ)."
    assert _trim(text, "глава совета (цитата по ХЛ") == ("глава совета" if cut else "глава совета (цитата по ХЛ")
    # a bracket closed inside the mention stays
    assert _trim("said Ilse Varnow (Harbour Party) on Monday.", "Ilse Varnow (Harbour Party)") == "Ilse Varnow (Harbour Party)"
