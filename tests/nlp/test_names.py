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


@pytest.mark.parametrize("flag", [True, False])
@pytest.mark.parametrize(
    ("text", "word", "name", "before"),
    [
        # a particle inside a name, whatever its tag, carries the run on
        ("Ursel von der Lanz said the draft was unfair.", "Lanz", "Ursel von der Lanz", "Lanz"),
        ("Pierre de Vallon said the draft was unfair.", "Vallon", "Pierre de Vallon", "Vallon"),
        # a lower-case word the tagger calls a proper noun ends it
        ("Activist Mara Voss spoke to the Kyrgyz daily Vesk, explaining how the draft works.", "Vesk",
         "Vesk", "Kyrgyz daily Vesk"),
    ],
)
def test_name_runs_end_at_lower_case_words_but_particles(
        flag: bool, text: str, word: str, name: str, before: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.names.LOWERCASE_BREAKS_NAME", flag)
    doc = load_pipeline("en", "rules")(text)
    (tok,) = [t for t in doc if t.text == word]
    run = " ".join(t.text for t in name_tokens(tok))
    assert run == (name if flag else before)
