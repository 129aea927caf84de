"""Security for the web app and API: headers, Host check, body limit, write permission.

:class:`SecurityMiddleware` is a plain ASGI middleware (no per-request task
overhead) that, on every HTTP request:

- refuses a ``Host`` header naming no allowed host (400): on loopback only
  loopback names, so a DNS-rebinding page cannot talk to the server;
- refuses a body declared (``Content-Length``) or streamed beyond
  ``max_request_bytes`` (413);
- adds the headers of :data:`SECURITY_HEADERS` to every response: a strict
  Content-Security-Policy (scripts, styles, images and requests from this
  origin only; no inline script, style attribute or event handler runs; no
  frames, plugins or form posts elsewhere), ``nosniff``, no referrer sent to
  other sites (``same-origin``: with ``no-referrer`` browsers send ``Origin:
  null`` on form posts, which the write check must refuse), no framing.

:func:`write_refusal` decides whether a write (ingest) may go on: a token when
one is configured (``Authorization: Bearer`` or the form's ``token`` field,
compared in constant time), and never from another site's page (``Origin``
that is not this server, ``Sec-Fetch-Site: cross-site``).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .settings import ServerSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class BodyTooLarge(Exception):
    """The request body went past the limit while streaming."""


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityMiddleware:
    """See the module notes."""

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.hosts = settings.hosts()
        self.max_body = settings.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if self.hosts is not None and _host_name(headers.get("host", "")) not in self.hosts:
            await _plain(send, 400, "invalid Host header")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, f"request body over {self.max_body} bytes")
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, f"request body over {self.max_body} bytes")


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def write_refusal(settings: ServerSettings, headers: MutableMapping[str, str] | Any,
                  scheme: str, form_token: str | None = None) -> tuple[int, str] | None:
    """``(status, reason)`` when a write must be refused, else None (see the module notes)."""
    site = (headers.get("sec-fetch-site") or "").lower()
    if site == "cross-site":
        return 403, "cross-site write refused"
    origin = headers.get("origin")
    if origin and origin != "null":
        expected = f"{scheme}://{headers.get('host', '')}".lower()
        if origin.lower().rstrip("/") != expected:
            return 403, "write from another origin refused"
    elif origin == "null" and site != "same-origin":
        return 403, "write from an opaque origin refused"
    if settings.token:
        given = form_token or ""
        auth = headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
            return 401, "a valid write token is needed (Authorization: Bearer TOKEN)"
    return None
