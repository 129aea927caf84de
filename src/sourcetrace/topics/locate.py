"""Where each key and array element of a TOML document is written (1-based lines).

``tomllib`` gives the data but not where it came from, and pack errors must name
the line ("recruitment.toml:42: unknown key 'lable'"). :class:`TomlLines` scans
the source once with a small tokenizer and records the line of every key path
(``("actors", "wagner", "terms", "en")``), every table header and every array
element (``(..., "patterns", 2)``).

Scope and limits: it runs on a document ``tomllib`` has already accepted, so it
is forgiving rather than validating. Keys of inline tables are located; the
elements of arrays inside inline tables fall back to the inline table's line.
Arrays of tables (``[[x]]``) are recorded by header only (the pack format does
not use them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

Path = tuple[str | int, ...]
_PUNCT = "[]{}=,"


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # one of _PUNCT, "str", "bare", "nl"
    start: int
    end: int
    line: int


def _tokens(text: str) -> Iterator[_Tok]:
    i, line, n = 0, 1, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            yield _Tok("nl", i, i + 1, line)
            line += 1
            i += 1
        elif ch in " \t\r":
            i += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif ch in _PUNCT:
            yield _Tok(ch, i, i + 1, line)
            i += 1
        elif ch in "\"'":
            start, first = i, line
            triple = text.startswith(ch * 3, i)
            i += 3 if triple else 1
            while i < n:
                if ch == '"' and text[i] == "\\":
                    i += 2
                    continue
                if text[i] == "\n":
                    line += 1
                if triple and text.startswith(ch * 3, i):
                    i += 3
                    while i < n and text[i] == ch:  # """a"""" ends with a quote inside
                        i += 1
                    break
                if not triple and text[i] == ch:
                    i += 1
                    break
                i += 1
            yield _Tok("str", start, i, first)
        else:
            start = i
            while i < n and text[i] not in " \t\r\n#\"'" and text[i] not in _PUNCT:
                i += 1
            yield _Tok("bare", start, i, line)


def split_key(raw: str) -> tuple[str, ...]:
    """``a."b.c" . d`` → ``("a", "b.c", "d")`` (quoted parts kept whole, escapes not decoded)."""
    parts: list[str] = []
    buf: list[str] = []
    quote: str | None = None
    for ch in raw.strip():
        if quote:
            if ch == quote:
                quote = None
            else:
                buf.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return tuple(parts)


class TomlLines:
    """The line of every key path, table header and array element of a TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._text = text
        self._toks = [t for t in _tokens(text)]
        self._i = 0
        self._scan()

    def line_of(self, *path: str | int) -> int | None:
        """The line of ``path``, else of its longest recorded prefix, else None."""
        p: Path = tuple(path)
        while p:
            if p in self._lines:
                return self._lines[p]
            p = p[:-1]
        return None

    # -- the scanner -----------------------------------------------------------

    def _peek(self) -> _Tok | None:
        return self._toks[self._i] if self._i < len(self._toks) else None

    def _next(self) -> _Tok | None:
        tok = self._peek()
        self._i += 1
        return tok

    def _skip_nl(self) -> None:
        while (tok := self._peek()) is not None and tok.kind == "nl":
            self._i += 1

    def _record(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def _key_until(self, stop: str) -> tuple[tuple[str, ...], int]:
        first = self._peek()
        start = first.start if first else len(self._text)
        line = first.line if first else 0
        end = start
        while (tok := self._peek()) is not None and tok.kind not in (stop, "nl"):
            end = tok.end
            self._i += 1
        return split_key(self._text[start:end]), line

    def _scan(self) -> None:
        table: tuple[str, ...] = ()
        while (tok := self._peek()) is not None:
            if tok.kind == "nl":
                self._i += 1
            elif tok.kind == "[":
                self._i += 1
                double = (nxt := self._peek()) is not None and nxt.kind == "["
                if double:
                    self._i += 1
                table, _ = self._key_until("]")
                self._record(table, tok.line)
                while (t := self._peek()) is not None and t.kind == "]":
                    self._i += 1
            else:
                key, line = self._key_until("=")
                path = table + key
                for k in range(1, len(key) + 1):
                    self._record(table + key[:k], line)
                if (t := self._peek()) is not None and t.kind == "=":
                    self._i += 1
                    self._value(path, inline=False)

    def _value(self, path: Path, *, inline: bool) -> None:
        tok = self._next()
        if tok is None:
            return
        if tok.kind == "[":
            index = 0
            while True:
                self._skip_nl()
                t = self._peek()
                if t is None:
                    return
                if t.kind == "]":
                    self._i += 1
                    return
                if t.kind == ",":
                    self._i += 1
                    index += 1
                    continue
                if not inline:
                    self._record(path + (index,), t.line)
                self._value(path + (index,), inline=inline)
        elif tok.kind == "{":
            while True:
                t = self._peek()
                if t is None:
                    return
                if t.kind == "}":
                    self._i += 1
                    return
                if t.kind in (",", "nl"):
                    self._i += 1
                    continue
                key, line = self._key_until("=")
                for k in range(1, len(key) + 1):
                    self._record(path + key[:k], line)
                if (eq := self._peek()) is not None and eq.kind == "=":
                    self._i += 1
                    self._value(path + key, inline=True)
