"""JSON Lines parsing: fields, per-line errors naming file:line, streaming limits."""

from __future__ import annotations

import io
import json

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest import iter_jsonl, parse_jsonl_line
from sourcetrace.records import Article


def _line(**record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def _run(data: bytes, **kwargs: object) -> list[Article | InputError]:
    return list(iter_jsonl(io.BytesIO(data), path="feed.jsonl", **kwargs))  # type: ignore[arg-type]


def test_fields_are_read_and_others_ignored() -> None:
    data = _line(
        id="e1", url="https://herald.example/a", title="Bridge", outlet="Eastbrook Herald",
        published="2024-03-04", lang="en", retrieved="2024-03-05", extra={"nested": True},
        text="  The mayor said the bridge would reopen.\n",
    )
    [article] = _run(data)
    assert article == Article(
        text="  The mayor said the bridge would reopen.\n", id="e1", path="feed.jsonl",
        url="https://herald.example/a", title="Bridge", outlet="Eastbrook Herald",
        published="2024-03-04", lang="en",
    )


def test_only_text_is_required_and_int_id_becomes_str() -> None:
    [first, second] = _run(_line(text="Officials said no.") + _line(text="Police said yes.", id=7))
    assert isinstance(first, Article) and first.id is None and first.title is None
    assert isinstance(second, Article) and second.id == "7"


def test_malformed_line_names_file_and_line_and_others_go_through() -> None:
    data = _line(text="One.", id="a") + b"{not json\n" + _line(text="Three.", id="c")
    items = _run(data)
    assert [type(i) for i in items] == [Article, InputError, Article]
    error = items[1]
    assert isinstance(error, InputError)
    assert error.where == "feed.jsonl:2"
    assert error.reason.startswith("malformed JSON (")
    assert str(error).startswith("feed.jsonl:2: malformed JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[1, 2]", "expected a JSON object, got list"),
        (b'{"id": "x"}', "missing required field 'text'"),
        (b'{"text": 5}', "field 'text' must be a string, got int"),
        (b'{"text": "  \\n "}', "field 'text' is empty"),
        (b'{"text": "Hi.", "title": ["a"]}', "field 'title' must be a string or null, got list"),
        (b'{"text": "Hi there.", "id": true}', "field 'id' must be a string or null, got bool"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"", "malformed JSON"),
    ],
)
def test_bad_lines(line: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_jsonl_line(line, where="f.jsonl:9")
    assert caught.value.where == "f.jsonl:9"
    assert caught.value.reason.startswith(reason)


def test_blank_lines_are_skipped_but_counted() -> None:
    items = _run(b"\n  \n" + b"oops\n" + _line(text="Fine."))
    assert [type(i) for i in items] == [InputError, Article]
    assert isinstance(items[0], InputError) and items[0].where == "feed.jsonl:3"


def test_non_utf8_line_is_one_error() -> None:
    items = _run(b'{"text": "caf\xe9"}\n' + _line(text="Fine."))
    assert [type(i) for i in items] == [InputError, Article]
    assert "not UTF-8" in items[0].reason  # type: ignore[union-attr]


def test_nul_byte_stops_the_file_with_one_error() -> None:
    items = _run(_line(text="Fine.") + b"\x00\x00\x00\n" * 50)
    assert [type(i) for i in items] == [Article, InputError]
    assert isinstance(items[1], InputError)
    assert items[1].where == "feed.jsonl" and "binary" in items[1].reason


def test_line_over_the_limit_is_skipped_and_the_rest_read() -> None:
    long_text = "word " * 1000
    data = _line(text="Before.") + _line(text=long_text) + _line(text="After.")
    items = _run(data, max_line_bytes=200)
    assert [type(i) for i in items] == [Article, InputError, Article]
    assert isinstance(items[1], InputError) and items[1].where == "feed.jsonl:2"
    assert "limit of 200 bytes" in items[1].reason
    assert isinstance(items[2], Article) and items[2].text == "After."


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_line_exactly_at_the_limit_passes_and_numbering_holds(ending: bytes) -> None:
    line = _line(text="Exactly so.").rstrip(b"\n")
    data = line + ending + b"bad" + ending
    items = _run(data, max_line_bytes=len(line))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputError) and items[1].where == "feed.jsonl:2"
    assert len(items) == 2


def test_last_line_without_newline_is_read() -> None:
    [article] = _run(_line(text="Final.").rstrip(b"\n"), max_line_bytes=100)
    assert isinstance(article, Article) and article.text == "Final."
