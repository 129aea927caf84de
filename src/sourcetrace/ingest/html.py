"""HTML pages: the main text and metadata, extracted with trafilatura.

The article text is what ``trafilatura.bare_extraction`` returns as the page's
main text (boilerplate, navigation and reader comments removed; paragraphs joined
by newlines); offsets in an extraction index that text, which the record carries,
not the HTML source. Metadata: title, site name (→ ``outlet``), date
(→ ``published``, ``YYYY-MM-DD``), canonical URL, and the language from the
``<html lang>`` attribute (trafilatura does not detect languages itself).

Decoding: UTF-8 (a leading byte-order mark dropped); a page that is not UTF-8
is decoded with the charset it declares in its first 2 KB (``<meta charset>``),
and rejected if it declares none or an unknown one. Rejected too, with an
:class:`~sourcetrace.errors.InputError`: binary data (NUL bytes), empty input, and
pages where trafilatura finds no article text. Extraction quality is
trafilatura's: very short pages or link lists may yield nothing.
"""

from __future__ import annotations

import codecs
import re

import trafilatura
from trafilatura.settings import Document

from ..errors import InputError
from ..records import Article
from .text import UNNAMED, check_has_text, check_not_binary

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def decode_html(data: bytes, where: str) -> str:
    """Decode an HTML page: UTF-8, else the charset the page declares."""
    check_not_binary(data, where)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    match = _DECLARED_CHARSET.search(data[:2048])
    if match is None:
        raise InputError(
            where, f"not UTF-8 (invalid byte at offset {first_bad}) and no charset declared"
        )
    charset = match.group(1).decode("ascii")
    try:
        return data.decode(charset)
    except LookupError:
        raise InputError(where, f"not UTF-8 and declares an unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"not valid {charset} text (invalid byte at offset {exc.start})"
        ) from None


def parse_html(data: bytes | str, *, path: str | None = None) -> Article:
    """An article from the main text of an HTML page (see the module notes).

    ``path`` is recorded on the article and names the input in errors.
    """
    where = path or UNNAMED
    markup = decode_html(data, where) if isinstance(data, bytes) else data
    check_has_text(markup, where)
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise InputError(where, "could not be parsed as HTML")
    lang = (tree.get("lang") or "").strip() or None
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise InputError(where, "no article text found in the HTML")
    return Article(
        text=document.text or "",
        path=path,
        url=document.url or None,
        title=document.title or None,
        outlet=document.sitename or None,
        published=document.date or None,
        lang=lang or document.language or None,
    )
