"""Reading names out of noun phrases (sourcetrace.nlp.names) on our own sentences."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.lexicon import load_lexicon
from sourcetrace.nlp.names import ACRONYM_RE, head_word, initials, name_tokens, title_end
from sourcetrace.nlp.pipeline import load_pipeline


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Mayor Ilse Varnow spoke.", "Mayor"),
        ("Deputy Prime Minister Ilse Varnow spoke.", "Deputy Prime Minister"),
        ("Harbour Minister Ilse Varnow spoke.", "Harbour Minister"),
        ("Tomas Prince Brenn spoke.", ""),  # a title word inside a name is the name's
    ],
)
def test_title_end(text: str, title: str) -> None:
    doc = load_pipeline("en", "rules")(text)
    run = name_tokens(doc[len(text.split()) - 2], load_lexicon("en").titles)
    assert " ".join(t.text for t in run[:title_end(run, load_lexicon("en").titles)]) == title


def test_head_word_and_initials() -> None:
    assert head_word("Ilse Varnow's father") == "father"
    assert head_word("head of the harbour board") == "head"
    assert initials("Dunmere Harbour Authority") == "DHA"
    assert initials("Ministry of Defence") == "MD"
    assert initials("Ministry of Defence", joiners=True) == "MOD"
    m = ACRONYM_RE.search("The Dunmere Harbour Authority (DHA) shut the pier.")
    assert m is not None and (m.group("full"), m.group("short")) == ("The Dunmere Harbour Authority", "DHA")
