"""Name keys, quantities, dates, outlet names and credits, on hand-written text."""

from __future__ import annotations

from collections import Counter

import pytest

from sourcetrace.linking.credits import scan_credits
from sourcetrace.linking.fingerprints import containment, guess_lang, headline, jaccard, name_order, script_of
from sourcetrace.linking.numbers import find_date, fraction_words, numbers_in
from sourcetrace.linking.outlets import canonical_outlet, domain_label, is_own, outlet_key, own_keys
from sourcetrace.linking.translit import name_keys, skeleton

from .conftest import REPORT, UNRELATED, record


@pytest.mark.parametrize("a,b", [
    ("Bastrykin", "Бастрыкин"), ("Бастрыкин", "Бастрикін"), ("Sevalnev", "Sevalnyov"),
    ("Prigozhin", "Prigozjin"), ("Sakharovo", "Сахарово"), ("Chupik", "Чупик"),
    ("Yevgeny", "Jevgenij"), ("Ledger", "Леджер"), ("Harbour", "Харбор"),
])
def test_skeleton_joins_spellings_across_scripts(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_skeleton_keeps_initial_vowel_and_short_names_give_no_key() -> None:
    assert skeleton("Usov") == "_sv" != skeleton("Sov")
    assert name_keys("Li") == ()
    assert name_keys("Umarovas")[0] == name_keys("Umarov")[0]  # the 3-prefix survives suffixes


@pytest.mark.parametrize("text,value", [
    ("10,000 sent", 10000), ("10 тыс. человек", 10000), ("$2.390 bonus", 2390),
    ("3 000 dollars", 3000), ("1,2 млн", 1_200_000), ("20 тисяч", 20000), ("75 troops", 75),
])
def test_numbers_whatever_the_spelling(text: str, value: float) -> None:
    assert numbers_in(text)[0][0] == value


def test_fraction_words() -> None:
    assert "a third" in fraction_words("enlisted a third of the 4,800 men")


def test_dates_from_metadata_header_url_and_text() -> None:
    assert find_date("2025-05-14T16:40:00Z", None, "").value == "2025-05-14"
    assert find_date(None, None, " date 2023-02-14 Text").where == "header"
    assert find_date(None, "https://x.example/2023/02/14/story", "").value == "2023-02-14"
    assert find_date(None, None, "Published on March 3, 2024 by staff").value == "2024-03-03"
    assert find_date(None, None, "No date here.") is None


def test_outlet_names_and_families() -> None:
    assert canonical_outlet("BBC Russian service") == "BBC"
    assert canonical_outlet("Русская служба Би-би-си") == "BBC"
    assert canonical_outlet("Astrakhan") is None
    assert outlet_key("Radio Free Europe/Radio Liberty") == outlet_key("RFE/RL")
    assert domain_label("https://arabic.cnn.com/x") == "cnn"
    assert domain_label("https://www.bbc.co.uk/news") == "bbc"
    own = own_keys("The Quayside Herald", "https://quayside-herald.example/a")
    assert is_own("the Herald", own) and is_own("The Quayside Herald", own)
    assert not is_own("Coastline Wire", own)


def test_credits_roles_and_self() -> None:
    text = ("(Coastline Wire) — This story was originally published by The Quayside Herald.\n"
            "Jessamy Vort told the Quayside Herald that crews would strike. "
            "Radio Tarn reported that ferries stopped. Vort told Coastline Wire more.")
    scan = scan_credits(text, own_keys("Coastline Wire", None))
    roles = {(c.name, c.role) for c in scan.credits}
    assert ("Coastline Wire", "self") in roles
    assert ("The Quayside Herald", "republished") in roles
    assert ("Radio Tarn", "reporting") in roles
    assert {c.name for c in scan.cited()} == {"The Quayside Herald", "Radio Tarn"}
    assert any(kind == "republished" for kind, _ in scan.notices)


def test_credits_in_other_languages() -> None:
    scan = scan_credits("Об этом пишет Reuters, а также сообщает «Вечерний Тарн».", frozenset())
    assert {c.name for c in scan.cited()} >= {"Reuters", "Вечерний Тарн"}
    scan = scan_credits("CNN har snakket med flere fanger.", frozenset())
    assert [c.name for c in scan.cited()] == ["CNN"]


def test_scripts_languages_and_headline() -> None:
    assert script_of("Забастовка паромщиков") == "cyrillic"
    assert guess_lang("Звернення до громадян і їхніх родин", "cyrillic") == "uk"
    assert guess_lang(REPORT, "latin") == "en"
    assert headline("Skip to content\nFerry strike strands the islanders\nbody", None) == (
        "Ferry strike strands the islanders")


def test_overlap_measures() -> None:
    from sourcetrace.linking.fingerprints import fingerprint

    a = fingerprint(record("a", REPORT))
    b = fingerprint(record("b", "Preface line here.\n" + REPORT))
    c = fingerprint(record("c", UNRELATED))
    assert containment(a, b) > 0.95 and jaccard(a, b) > 0.9
    assert containment(a, c) < 0.05
    assert name_order(a, b) > 0.9
    assert Counter(a.quantities)["#:2350"] == 1
