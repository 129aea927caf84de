"""Media credited as channels, "Details:" source lines, and how credits are counted."""

from __future__ import annotations

import pytest

import sourcetrace
from sourcetrace.linking.credits import Credit, CreditScan, scan_credits
from sourcetrace.linking.provenance import _credit_counts
from sourcetrace.linking.outlets import looks_like_outlet


def _cited(text: str) -> dict[str, str]:
    return {c.name: c.role for c in scan_credits(text, frozenset()).cited()}


@pytest.mark.parametrize("text,name", [
    ("The ferry stopped at dawn, according to Tarnish media.", "Tarnish media"),
    ("Tarnish media reported that the ferry stopped at dawn.", "Tarnish media"),
    ("Tarnish state media reported that the ferry stopped at dawn.", "Tarnish state media"),
    ("The mayor told Tarnish media on Monday that crews would strike.", "Tarnish media"),
])
def test_country_media_in_a_credit_context_is_cited(text: str, name: str) -> None:
    assert _cited(text).get(name) == "reporting"


@pytest.mark.parametrize("text", [
    "The video spread on social media and Local media reported nothing.",  # generic words
    "Tarnish media were banned from the port last year.",  # no credit cue
    "The mayor spoke to Tarnish media outlets about the strike.",  # "media outlets"
])
def test_media_without_a_credit_is_not_cited(text: str) -> None:
    assert not any(k.endswith("media") for k in _cited(text))


def test_media_in_apposition_to_an_outlet_credits_the_outlet_only() -> None:
    cited = _cited("On 7 December the British media BBC reported that crews were recruited.")
    assert "BBC" in cited and "British media" not in cited


def test_details_source_line_credits_what_it_names() -> None:
    text = ("The mayor signed the decree on Monday.\n\n"
            "Details: Tarnish media and the document on the portal of legal acts\n\n"
            "Details: The contract must be concluded for at least one year.")
    assert _cited(text) == {"Tarnish media": "reporting"}


def test_details_sentence_is_no_source_line() -> None:
    # a sentence after the label (ends in a full stop) is the news, not its source
    assert "Tarnish media" not in _cited("Details: Tarnish media were told nothing at all.\n")


@pytest.mark.parametrize("name", ["The Guardian", "Daily Mirror", "The Times", "Pravda",
                                  "Tanzanian media", "Radio Meridian", "Известия"])
def test_outlet_names_look_like_outlets(name: str) -> None:
    assert looks_like_outlet(name)


@pytest.mark.parametrize("name", ["News", "The News", "Latest News", "Top news", "Новости",
                                  "Radio"])
def test_section_headings_do_not_look_like_outlets(name: str) -> None:
    assert not looks_like_outlet(name)


def test_a_channel_kept_for_a_speakers_later_words_credits_the_outlet_once() -> None:
    text = ("Ilse Varnow told the Harbour Ledger that the pier was shut. Varnow said it would "
            "reopen. Varnow added that the fog was thick.")
    record = sourcetrace.extract(text)
    assert sum(1 for a in record.attributions if a.channel and a.channel.name == "Harbour Ledger") == 3
    channel = [c for c in scan_credits(text, frozenset(), record=record).credits if c.role == "channel"]
    assert len(channel) == 1


def test_stories_weigh_outlets_credited_not_the_bodies_whose_reports_are_relayed() -> None:
    scan = CreditScan((
        Credit("Harbour Ledger", "harbourledger", "channel", 0, 14, ""),
        Credit("Dunmere Coast Guard", "dunmerecoastguard", "organisation", 20, 39, ""),
    ), ())
    assert set(_credit_counts(scan)) == {"harbourledger", "dunmerecoastguard"}
    assert set(_credit_counts(scan, outlets_only=True)) == {"harbourledger"}
