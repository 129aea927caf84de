"""Plain-text articles: bytes or str in, :class:`~sourcetrace.records.Article` out.

The article text is the input decoded as strict UTF-8 and kept exactly as it is
(line endings, leading and trailing whitespace included), so that offsets in an
extraction index the file's own characters. One thing is dropped: a leading
UTF-8 byte-order mark (``EF BB BF``), which is an encoding marker and not part
of the text; offsets then count from the character after it.

Rejected, with an :class:`~sourcetrace.errors.InputError`: binary data (any NUL
byte), bytes that are not valid UTF-8 (no guessing of other encodings), and input
that is empty or whitespace only. Size limits are the caller's job
(:mod:`sourcetrace.ingest.inputs` checks them before reading).
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..records import Article

UNNAMED = "<text>"


def check_not_binary(data: bytes, where: str) -> None:
    """Raise ``InputError`` if ``data`` holds a NUL byte, the mark of a binary file."""
    position = data.find(b"\x00")
    if position >= 0:
        raise InputError(where, f"binary data, not text (NUL byte at offset {position})")


def decode_utf8(data: bytes, where: str) -> str:
    """Decode ``data`` as strict UTF-8, dropping a leading byte-order mark.

    Raises ``InputError`` for binary data or invalid UTF-8, naming the first bad
    byte and its offset.
    """
    check_not_binary(data, where)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(
            where, f"not UTF-8 text (invalid byte 0x{bad} at offset {exc.start})"
        ) from None


def check_has_text(text: str, where: str) -> None:
    """Raise ``InputError`` if ``text`` is empty or whitespace only."""
    if not text:
        raise InputError(where, "empty input (no text)")
    if not text.strip():
        raise InputError(where, "no text (whitespace only)")


def parse_text(data: bytes | str, *, path: str | None = None) -> Article:
    """An article whose text is ``data``, exactly (see the module notes on the BOM).

    ``path`` is recorded on the article as given and names the input in errors.
    A ``str`` is taken as already decoded; it is still checked for NUL
    characters and emptiness, and a leading U+FEFF is dropped as for bytes.
    """
    where = path or UNNAMED
    if isinstance(data, bytes):
        text = decode_utf8(data, where)
    elif (position := data.find("\x00")) >= 0:
        raise InputError(where, f"binary data, not text (NUL character at offset {position})")
    else:
        text = data.removeprefix("\ufeff")
    check_has_text(text, where)
    return Article(text=text, path=path)
