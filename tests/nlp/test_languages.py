"""Language detection and routing (sourcetrace.nlp.languages); fictional sentences."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.languages import detect, normalise, pipeline_language

SUPPORTED = ("en", "ru", "uk")
RU = "Министр заявил журналистам, что переговоры продолжатся на следующей неделе в столице."
UK = "Міністр заявив журналістам, що переговори продовжаться наступного тижня у столиці."
EN = "The minister told reporters that the talks would continue in the capital next week."
PL = "Minister powiedział dziennikarzom, że rozmowy będą kontynuowane w przyszłym tygodniu w stolicy."


def test_english_fast_path_needs_no_detector() -> None:
    assert detect(EN) == "en"


def test_short_text_is_undetermined() -> None:
    assert detect("Ок.") is None
    assert detect("") is None


@pytest.mark.parametrize(("text", "code"), [(RU, "ru"), (UK, "uk"), (PL, "pl")])
def test_detects_languages_of_the_corpus(text: str, code: str) -> None:
    assert detect(text) == code


def test_normalise_language_tags() -> None:
    assert normalise("en-GB") == "en"
    assert normalise("RU") == "ru"
    assert normalise("uk_UA") == "uk"
    assert normalise("") is None
    assert normalise(None) is None


def test_given_language_wins_over_detection() -> None:
    assert pipeline_language("ru", EN, SUPPORTED) == ("ru", "ru")
    assert pipeline_language("en-US", RU, SUPPORTED) == ("en", "en")


def test_detected_and_unsupported_languages() -> None:
    assert pipeline_language(None, UK, SUPPORTED) == ("uk", "uk")
    assert pipeline_language(None, PL, SUPPORTED) == ("pl", None)
    assert pipeline_language("fr", EN, SUPPORTED) == ("fr", None)
    # too short to tell: the default pipeline reads it
    assert pipeline_language(None, "Да.", SUPPORTED) == ("en", "en")
