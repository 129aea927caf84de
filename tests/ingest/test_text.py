"""Plain-text parsing: exact text, BOM, and every rejected input."""

from __future__ import annotations

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest import parse_text

SENTENCE = "The mayor of Eastbrook said on Monday that the bridge would reopen."


def test_text_is_kept_exactly() -> None:
    raw = f"  {SENTENCE}\r\n\r\n\t“Soon,” she said. Café — done.\n\n"
    article = parse_text(raw.encode("utf-8"), path="notes/bridge.txt")
    assert article.text == raw
    assert article.path == "notes/bridge.txt"
    assert article.id is None


def test_str_input_is_accepted() -> None:
    assert parse_text(SENTENCE).text == SENTENCE


def test_leading_bom_is_dropped_and_only_leading() -> None:
    article = parse_text(b"\xef\xbb\xbf" + SENTENCE.encode() + b"\xef\xbb\xbf")
    assert article.text == SENTENCE + "\ufeff"
    assert parse_text("\ufeff" + SENTENCE).text == SENTENCE


def test_nul_byte_means_binary() -> None:
    with pytest.raises(InputError) as caught:
        parse_text(b"PK\x03\x04\x00\x00binary", path="archive.txt")
    assert caught.value.where == "archive.txt"
    assert "binary" in caught.value.reason
    assert "\n" not in caught.value.reason


def test_invalid_utf8_is_rejected_with_offset() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("Caf\u00e9 owners said prices rose.".encode("latin-1"), path="latin.txt")
    assert caught.value.where == "latin.txt"
    assert "not UTF-8" in caught.value.reason
    assert "offset 3" in caught.value.reason


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "", " \n "])
def test_empty_or_whitespace_only_is_rejected(data: bytes | str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(data)
    assert caught.value.where == "<text>"
    assert "text" in caught.value.reason


def test_nul_in_str_is_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_text("The council\x00 said no.")
