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
