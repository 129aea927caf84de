"""JSON Lines corpora: one article per line, streamed.

Each non-blank line is a JSON object with a required ``text`` (a non-blank
string, kept exactly: offsets index it) and optional ``id, url, title, outlet,
published, lang`` (strings or null; an integer ``id`` is turned into a string;
empty strings count as absent). Other keys are ignored. Blank lines are skipped.

A bad line (not UTF-8, malformed JSON, not an object, missing or non-string
``text``, a wrongly typed field, longer than the size limit) becomes an
:class:`~sourcetrace.errors.InputError` naming ``file:line``, and the following
lines still go through. A NUL byte in a line means the file is binary: one error
for the file and reading stops. WARC and other corpus formats are not read here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..records import Article
from .text import UNNAMED, check_not_binary

OPTIONAL_FIELDS: tuple[str, ...] = ("id", "url", "title", "outlet", "published", "lang")
_CHUNK = 1 << 16


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def article_from_record(record: Any, *, where: str, path: str | None = None) -> Article:
    """Validate one decoded JSON value and build its article (see the module notes)."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {_type_name(record)}")
    if "text" not in record:
        raise InputError(where, "missing required field 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(where, f"field 'text' must be a string, got {_type_name(text)}")
    if not text.strip():
        raise InputError(where, "field 'text' is empty")
    metadata: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise InputError(
                where, f"field {name!r} must be a string or null, got {_type_name(value)}"
            )
        metadata[name] = value or None
    return Article(text=text, path=path, **metadata)


def parse_jsonl_line(line: bytes | str, *, where: str, path: str | None = None) -> Article:
    """Parse one JSONL line into an article; ``where`` names it in errors."""
    if isinstance(line, bytes):
        check_not_binary(line, where)
        try:
            line = line.decode("utf-8-sig")  # a byte-order mark on a line is dropped
        except UnicodeDecodeError as exc:
            raise InputError(
                where, f"not UTF-8 text (invalid byte at column {exc.start + 1})"
            ) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    return article_from_record(record, where=where, path=path)


def _lines(stream: IO[bytes], max_line_bytes: int | None) -> Iterator[tuple[bytes, bool]]:
    """Yield ``(line, too_long)``; of an over-long line only its head, the rest is skipped."""
    if max_line_bytes is None:
        for line in stream:
            yield line, False
        return
    limit = max_line_bytes + 2  # room for the line ending, "\r\n" at most
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            yield line, True
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
        else:
            yield line, len(line.rstrip(b"\r\n")) > max_line_bytes


def iter_jsonl(
    stream: IO[bytes], *, path: str | None = None, max_line_bytes: int | None = None
) -> Iterator[Article | InputError]:
    """Stream the articles of a JSONL file object, with an error for each bad line.

    ``path`` is recorded on every article and, with the line number, names the
    line in errors. ``max_line_bytes`` caps the size of one line (one article);
    longer lines are skipped with an error, reading only a chunk at a time.
    """
    name = path or UNNAMED
    for number, (line, too_long) in enumerate(_lines(stream, max_line_bytes), start=1):
        where = f"{name}:{number}"
        if b"\x00" in line:
            yield InputError(name, f"binary data, not JSON Lines (NUL byte on line {number})")
            return
        if too_long:
            yield InputError(where, f"line longer than the limit of {max_line_bytes} bytes")
            continue
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, where=where, path=path)
        except InputError as error:
            yield error
