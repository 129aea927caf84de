"""Fetching articles and feeds over HTTP(S): the only network code in sourcetrace.

:class:`HttpFetcher` (httpx) fetches one URL at a time with these rules:

- only ``http`` and ``https`` URLs, at every redirect hop;
- the host is resolved first and refused if any of its addresses is not a public
  unicast address (loopback, private, link-local, shared, reserved, multicast,
  unspecified; IPv4-mapped IPv6 is judged by its IPv4 address) unless
  ``allow_private`` is set. The connection then goes to the address that was
  checked (``Host`` header and TLS SNI keep the name), so a second DNS answer
  cannot swap in a private address (DNS rebinding);
- at most ``max_redirects`` redirects, each checked like the first URL;
- a connect/read timeout per operation and an overall deadline per URL, so a
  server that trickles bytes cannot hold the ingest;
- at most ``max_bytes`` of (decoded) body; longer bodies are cut off and refused;
- HTTP statuses from 400 up are errors; proxies from the environment are not used.

Every refusal or failure is a :class:`~sourcetrace.errors.FetchError` naming the
URL and the reason. Anything with a ``fetch(url) -> Response`` method is a
:class:`Fetcher`, so tests pass canned responses and never touch the network.
Limits: no cookies, no authentication, no robots.txt, no retries, no rate limit;
IPv6 6to4/Teredo addresses are not unwrapped.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from ..errors import FetchError
from .inputs import DEFAULT_MAX_BYTES

SCHEMES: tuple[str, ...] = ("http", "https")
DEFAULT_TIMEOUT = 20.0
DEFAULT_DEADLINE = 120.0
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "sourcetrace (evidence store ingest)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

Resolver = Callable[[str, int], list[str]]


def utc_now() -> str:
    """The current time in UTC as ISO 8601 with seconds (``2025-05-14T16:40:00Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Response:
    """One fetched resource: the body exactly as received (transfer/content encoding undone)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    retrieved_at: str

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower case (``""`` if none was sent)."""
        return (self.content_type or "").split(";")[0].strip().lower()


class Fetcher(Protocol):
    """Anything that turns a URL into a :class:`Response` or raises ``FetchError``."""

    def fetch(self, url: str) -> Response: ...


def is_url(value: str) -> bool:
    """Whether ``value`` looks like a URL (``scheme://...``) rather than a path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme.replace("+", "").replace(
        "-", "").replace(".", "").isalnum() and scheme[:1].isalpha()


def normalize_url(url: str) -> str:
    """``url`` with scheme and host lower-cased, the default port and fragment dropped.

    Used for article identity; paths, queries and trailing slashes are kept
    as they are (two spellings of a path are two URLs).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}{':' if parts.password else ''}" \
                 f"{parts.password or ''}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (system resolver), as strings."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why ``address`` may not be fetched from without ``allow_private``, or None if public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (
        ("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
        ("private", ip.is_private), ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved), ("unspecified", ip.is_unspecified),
    ):
        if flag:
            return f"{label} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


class HttpFetcher:
    """Fetch URLs with httpx under the rules in the module notes.

    ``transport`` and ``resolver`` replace the network and DNS (tests pass an
    ``httpx.MockTransport`` and a dict lookup). Use as a context manager, or
    call :meth:`close`, to release connections.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.allow_private = allow_private
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.resolver = resolver
        self._client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False,
            trust_env=False, headers={"User-Agent": user_agent},
        )

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Response:
        """GET ``url`` following bounded redirects; raise ``FetchError`` on any refusal."""
        started = time.monotonic()
        current = url
        for _ in range(self.max_redirects + 1):
            response = self._get_once(url, current, started)
            if isinstance(response, Response):
                return response
            current = response
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _target(self, url: str, current: str) -> tuple[httpx.URL, dict[str, str], str | None]:
        """The URL to connect to (host pinned to a checked address), headers, SNI name."""
        try:
            parts = urlsplit(current)
            port = parts.port
        except ValueError as exc:
            raise FetchError(url, f"invalid URL {current!r} ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise FetchError(url, f"only http and https URLs are fetched, not {scheme or 'no'}"
                                  f" scheme ({current})")
        host = parts.hostname
        if not host:
            raise FetchError(url, f"URL has no host ({current})")
        port = port or (443 if scheme == "https" else 80)
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r} ({exc})") from None
        if not addresses:
            raise FetchError(url, f"host {host!r} has no address")
        if not self.allow_private:
            for address in addresses:
                refusal = address_refusal(address)
                if refusal:
                    raise FetchError(
                        url, f"refused: {host} resolves to a {refusal} (use --allow-private)"
                    )
        pinned = addresses[0].split("%")[0]
        pinned_host = f"[{pinned}]" if ":" in pinned else pinned
        netloc = f"{pinned_host}:{port}"
        target = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
        host_header = parts.netloc.rsplit("@", 1)[-1]
        return httpx.URL(target), {"Host": host_header}, host if scheme == "https" else None

    def _get_once(self, url: str, current: str, started: float) -> Response | str:
        """One request: a final :class:`Response`, or the next URL of a redirect."""
        target, headers, sni = self._target(url, current)
        extensions = {"sni_hostname": sni} if sni else {}
        request = self._client.build_request("GET", target, headers=headers,
                                             extensions=extensions)
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out connecting to {current}") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"cannot fetch {current} ({type(exc).__name__}: {exc})") from None
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {response.status_code} redirect without Location")
                return urljoin(current, str(location))
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}"
                                      .rstrip())
            body = self._read_body(url, response, started)
            return Response(
                url=url, final_url=current, status=response.status_code,
                content_type=response.headers.get("content-type"), body=body,
                retrieved_at=utc_now(),
            )
        finally:
            response.close()

    def _read_body(self, url: str, response: httpx.Response, started: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"larger than the size limit ({int(declared):,} > "
                                  f"{self.max_bytes:,} bytes)")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"larger than the size limit ({self.max_bytes:,} bytes)")
                if time.monotonic() - started > self.deadline:
                    raise FetchError(url, f"took longer than {self.deadline:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(url, "timed out reading the response") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"broken response ({type(exc).__name__}: {exc})") from None
        return b"".join(chunks)
