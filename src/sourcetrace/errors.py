"""The one exception tree of sourcetrace.

Each class carries the data a user needs to act on the error; the CLI maps the
tree to exit codes once (``UsageError`` → 2, any other ``SourcetraceError`` → 1).
"""

from __future__ import annotations


class SourcetraceError(Exception):
    """Base class of every error sourcetrace raises on purpose."""


class UsageError(SourcetraceError):
    """The command was called wrongly (unknown format, missing path...)."""


class InputError(SourcetraceError):
    """One input (file, line, record) could not be turned into an article.

    ``where`` names the input ("path/to/file.jsonl:12"), ``reason`` says why.
    The rest of a batch goes on.
    """

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class ModelError(SourcetraceError):
    """A language pipeline could not be loaded."""


class FetchError(InputError):
    """A URL could not be fetched: refused address or scheme, HTTP error, timeout, size.

    ``where`` is the URL; like any :class:`InputError` it is recorded and the
    rest of a batch goes on.
    """


class MissingExtraError(SourcetraceError):
    """A feature needs an optional extra that is not installed (``pip install 'sourcetrace[X]'``)."""

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the [{extra}] extra: pip install 'sourcetrace[{extra}]'"
        )
        self.extra = extra
        self.feature = feature


class StoreError(SourcetraceError):
    """The evidence store cannot be opened, read or written (``url`` names it)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"store {url}: {reason}")
        self.url = url
        self.reason = reason


class SchemaVersionError(StoreError):
    """The store was written by a newer sourcetrace (schema ``found`` > ``supported``).

    It is refused, never altered: upgrade sourcetrace to open it.
    """

    def __init__(self, url: str, found: int, supported: int) -> None:
        super().__init__(
            url,
            f"schema version {found} is newer than this sourcetrace supports ({supported}); "
            "upgrade sourcetrace to open it (the database was not changed)",
        )
        self.found = found
        self.supported = supported


class NotFoundError(StoreError):
    """No article or capture in the store matches ``ref``."""

    def __init__(self, url: str, ref: str, what: str = "article or capture") -> None:
        super().__init__(url, f"no {what} {ref!r}")
        self.ref = ref
        self.what = what


class TopicPackError(SourcetraceError):
    """A topic pack file is malformed: ``path``, ``line`` (1-based, None if unknown), ``problem``.

    The message reads ``path:line: problem`` so editors and terminals can jump to it.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"topic pack {where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem
