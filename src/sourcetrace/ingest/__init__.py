"""Ingest: bytes and files in, :class:`~sourcetrace.records.Article` records out.

Parsers take ``str``/``bytes``/file objects and raise (or, for streams, yield)
:class:`~sourcetrace.errors.InputError`; :func:`iter_inputs` is the file-system
edge that the CLI uses. No network access happens here.
"""

from __future__ import annotations

from .corpora import article_from_record, iter_jsonl, parse_jsonl_line
from .html import parse_html
from .inputs import DEFAULT_MAX_BYTES, SUFFIXES, find_files, iter_inputs, read_file
from .text import parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "article_from_record",
    "find_files",
    "iter_inputs",
    "iter_jsonl",
    "parse_html",
    "parse_jsonl_line",
    "parse_text",
    "read_file",
]
