"""Server settings and the rule for write tokens (no web framework imported here).

Reading is open. Writing (ingest) needs a token whenever one is configured, and
one is always configured when the server binds to an address other than
loopback: ``$SOURCETRACE_TOKEN``, or a random one generated on request
(``--generate-token``) and printed at start. :func:`resolve_token` refuses a
non-loopback bind without either, and a token shorter than
:data:`MIN_TOKEN_LENGTH` characters. On loopback with no token, writes are open
to local clients, but a cross-site browser request (``Origin`` of another site,
``Sec-Fetch-Site: cross-site``) is still refused, and only loopback host names
are accepted in ``Host`` (no DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass

from ..errors import UsageError

TOKEN_ENV = "SOURCETRACE_TOKEN"
MIN_TOKEN_LENGTH = 16
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
UPLOAD_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom")


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerSettings:
    """How the app is served and what it accepts.

    ``allowed_hosts`` are the host names accepted in the ``Host`` header (``None``:
    the loopback names when bound to loopback, else any). Upload limits apply to
    each file (``max_upload_bytes``), to a whole request body
    (``max_request_bytes``) and to the number of files and URLs per ingest.
    ``page_cache_bytes`` bounds the cache of rendered read pages (0 turns it off).
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    allowed_hosts: tuple[str, ...] | None = None
    max_upload_bytes: int = 5 * 1024 * 1024
    max_request_bytes: int = 20 * 1024 * 1024
    max_files: int = 20
    max_urls: int = 20
    allow_private_fetch: bool = False
    refresh_seconds: float = 5.0
    page_cache_bytes: int = 64 * 1024 * 1024

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def hosts(self) -> tuple[str, ...] | None:
        """The accepted ``Host`` names, or None for any."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.loopback:
            names = {*LOOPBACK_HOSTS, self.host.strip("[]").lower()}
            return tuple(sorted(names))
        return None

    def check(self) -> None:
        """Refuse settings that would expose writing: non-loopback without a token."""
        if not self.loopback and not self.token:
            raise UsageError(
                f"refusing to serve on {self.host} (not loopback) without a write token: "
                f"set ${TOKEN_ENV} or pass --generate-token")
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise UsageError(f"the write token must be at least {MIN_TOKEN_LENGTH} characters")


def resolve_token(host: str, *, generate: bool = False,
                  env: dict[str, str] | None = None) -> tuple[str | None, bool]:
    """The write token to use and whether it was generated (see the module notes).

    ``$SOURCETRACE_TOKEN`` wins; ``generate`` makes a random one; otherwise a
    non-loopback ``host`` is refused with :class:`~sourcetrace.errors.UsageError`.
    """
    environ = os.environ if env is None else env
    token = environ.get(TOKEN_ENV) or None
    if token:
        return token, False
    if generate:
        return secrets.token_urlsafe(24), True
    if not is_loopback(host):
        raise UsageError(
            f"refusing to serve on {host} (not loopback) without a write token: "
            f"set ${TOKEN_ENV} or pass --generate-token")
    return None, False
