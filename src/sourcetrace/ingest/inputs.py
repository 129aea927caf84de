"""Turning the paths a user names into a stream of articles or input errors.

This is the file-system edge of ingest: it opens files, picks a parser by suffix
and enforces the size limit; the parsers themselves only see bytes.

- ``-`` is standard input, read as plain text (recorded path ``-``).
- ``.txt`` → :func:`~sourcetrace.ingest.text.parse_text`, ``.html``/``.htm`` →
  :func:`~sourcetrace.ingest.html.parse_html`, ``.jsonl`` →
  :func:`~sourcetrace.ingest.corpora.iter_jsonl` (streamed line by line). Suffixes
  are matched case-insensitively; a file named explicitly with another suffix is
  an error.
- A directory is searched recursively for files with those suffixes, in sorted
  path order; hidden files and folders (name starting with ``.``) are skipped and
  symbolic links to folders are not followed.

The size limit ``max_bytes`` applies to one article: the whole file for text and
HTML (checked with ``fstat`` before anything is read, so an oversized file costs
nothing), one line for JSONL, whose files may be any size. Every failure is
yielded as an :class:`~sourcetrace.errors.InputError` in input order, and the
stream goes on with the next input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from ..errors import InputError
from ..records import Article
from .corpora import iter_jsonl
from .html import parse_html
from .text import parse_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
PARSERS: dict[str, Callable[..., Article]] = {
    ".txt": parse_text, ".html": parse_html, ".htm": parse_html,
}
JSONL_SUFFIX = ".jsonl"
SUFFIXES: tuple[str, ...] = tuple(sorted([*PARSERS, JSONL_SUFFIX]))

Item = Article | InputError


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def find_files(directory: str) -> list[str]:
    """The files under ``directory`` with a known suffix, recursively, in path order.

    Hidden files and folders are skipped; links to folders are not followed.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and _suffix(name) in SUFFIXES:
                path = os.path.join(root, name)
                found.append((tuple(os.path.relpath(path, directory).split(os.sep)), path))
    return [path for _, path in sorted(found)]


def _too_big(size: int, max_bytes: int) -> str:
    return f"larger than the size limit ({size:,} > {max_bytes:,} bytes)"


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """The article(s) in one file, or the errors that stopped them."""
    suffix = _suffix(path)
    if suffix not in SUFFIXES:
        shown = suffix or "no suffix"
        yield InputError(path, f"unsupported file type ({shown}; expected {', '.join(SUFFIXES)})")
        return
    try:
        with open(path, "rb") as stream:
            if suffix == JSONL_SUFFIX:
                yield from iter_jsonl(stream, path=path, max_line_bytes=max_bytes)
                return
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                yield InputError(path, _too_big(size, max_bytes))
                return
            # bounded read: special files can report a size of 0 and still stream forever
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield InputError(path, _os_reason(exc))
        return
    if len(data) > max_bytes:
        yield InputError(path, _too_big(len(data), max_bytes))
        return
    try:
        yield PARSERS[suffix](data, path=path)
    except InputError as error:
        yield error


def read_stdin(stdin: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Item:
    """Standard input as one plain-text article with path ``-``."""
    data = stdin.read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(STDIN, f"larger than the size limit ({max_bytes:,} bytes)")
    try:
        return parse_text(data, path=STDIN)
    except InputError as error:
        return error


def iter_inputs(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Stream an article or an :class:`InputError` for every input, in order.

    ``paths`` are files, directories or ``-`` (``stdin``, by default the
    process's standard input). See the module notes for the rules and limits.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    for given in paths:
        if given == STDIN:
            yield read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes=max_bytes)
        elif os.path.isdir(given):
            files = find_files(given)
            if not files:
                yield InputError(given, f"directory holds no {', '.join(SUFFIXES)} files")
            for path in files:
                yield from read_file(path, max_bytes=max_bytes)
        elif not os.path.lexists(given):
            yield InputError(given, "no such file or directory")
        else:
            yield from read_file(given, max_bytes=max_bytes)
