"""The HTTP fetcher, with httpx's mock transport and a fake resolver: no network at all."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from sourcetrace.errors import FetchError
from sourcetrace.ingest.fetch import (
    HttpFetcher,
    address_refusal,
    is_url,
    normalize_url,
)

DOC_NET = "203.0.113.7"  # a documentation range: not global, so refused like private ones
PUBLIC_A = "93.184.216.34"
PUBLIC_B = "151.101.1.69"
HOSTS = {
    "news.example": [PUBLIC_A],
    "mirror.example": [PUBLIC_B],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": [PUBLIC_A, "127.0.0.1"],
    "v6.example": ["2606:4700::6810:85e5"],
}
PAGE = b"<html><body><article><p>The mayor said the bridge would reopen.</p></article></body></html>"


def resolver(host: str, port: int) -> list[str]:
    if host in HOSTS:
        return HOSTS[host]
    try:
        address_refusal(host)  # an IP literal resolves to itself
        return [host]
    except ValueError:
        raise OSError(f"Name or service not known: {host}") from None


def fetcher(handler: Callable[[httpx.Request], httpx.Response], **options: object) -> HttpFetcher:
    return HttpFetcher(transport=httpx.MockTransport(handler), resolver=resolver,
                       **options)  # type: ignore[arg-type]


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"},
                          content=PAGE)


def test_fetches_a_public_page_pinned_to_the_checked_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok(request)

    with fetcher(handler) as f:
        response = f.fetch("https://news.example/story?id=3")
    assert response.body == PAGE and response.status == 200
    assert response.media_type == "text/html"
    assert response.url == response.final_url == "https://news.example/story?id=3"
    (request,) = seen
    assert request.url.host == PUBLIC_A and request.url.path == "/story"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert "sourcetrace" in request.headers["user-agent"]


@pytest.mark.parametrize("url, reason", [
    ("http://intranet.example/", "private address 10.1.2.3"),
    ("http://127.0.0.1:8080/admin", "loopback address 127.0.0.1"),
    ("http://[::1]/", "loopback address ::1"),
    ("http://169.254.169.254/latest/meta-data", "link-local address 169.254.169.254"),
    ("http://mixed.example/", "loopback address 127.0.0.1"),
    ("http://0.0.0.0/", "address 0.0.0.0"),
    ("http://[::ffff:192.168.0.1]/", "private address 192.168.0.1"),
    ("http://100.64.0.1/", "address 100.64.0.1"),
])
def test_private_addresses_are_refused_after_resolution(url: str, reason: str) -> None:
    with fetcher(ok) as f, pytest.raises(FetchError, match="refused") as caught:
        f.fetch(url)
    assert reason in caught.value.reason and "--allow-private" in caught.value.reason
    assert caught.value.where == url


def test_allow_private_lets_private_addresses_through() -> None:
    with fetcher(ok, allow_private=True) as f:
        assert f.fetch("http://intranet.example/").body == PAGE


@pytest.mark.parametrize("url", ["ftp://news.example/x", "file:///etc/passwd",
                                 "gopher://news.example/"])
def test_only_http_and_https(url: str) -> None:
    with fetcher(ok) as f, pytest.raises(FetchError, match="only http and https"):
        f.fetch(url)


def test_redirects_are_followed_checked_and_bounded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        host = request.headers["host"]
        if host == "news.example" and request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://mirror.example/new"})
        if host == "news.example" and request.url.path == "/to-private":
            return httpx.Response(302, headers={"location": "http://intranet.example/"})
        if host == "news.example" and request.url.path == "/to-file":
            return httpx.Response(302, headers={"location": "file:///etc/passwd"})
        if request.url.path.startswith("/loop"):
            n = int(request.url.path[5:] or 0)
            return httpx.Response(302, headers={"location": f"/loop{n + 1}"})
        return ok(request)

    with fetcher(handler, max_redirects=3) as f:
        response = f.fetch("http://news.example/old")
        assert response.final_url == "https://mirror.example/new"
        assert response.url == "http://news.example/old"
        with pytest.raises(FetchError, match="private address"):
            f.fetch("http://news.example/to-private")
        with pytest.raises(FetchError, match="only http and https"):
            f.fetch("http://news.example/to-file")
        with pytest.raises(FetchError, match="more than 3 redirects"):
            f.fetch("http://news.example/loop")


def test_http_errors_are_fetch_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    with fetcher(handler) as f, pytest.raises(FetchError, match="HTTP 503 Service Unavailable"):
        f.fetch("http://news.example/")


def test_size_limit_by_header_and_by_body() -> None:
    big = b"x" * 5000

    def declared(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=big)  # Content-Length: 5000

    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(big))  # no Content-Length

    def chunks(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 1000] * 5))

    for handler in (declared, streamed, chunks):
        with fetcher(handler, max_bytes=4096) as f, pytest.raises(FetchError, match="size limit"):
            f.fetch("http://news.example/big")
    with fetcher(declared, max_bytes=5000) as f:
        assert len(f.fetch("http://news.example/big").body) == 5000


def test_timeouts_and_connection_failures() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("too slow", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with fetcher(slow) as f, pytest.raises(FetchError, match="timed out"):
        f.fetch("http://news.example/")
    with fetcher(refused) as f, pytest.raises(FetchError, match="connection refused"):
        f.fetch("http://news.example/")
    with fetcher(ok) as f, pytest.raises(FetchError, match="cannot resolve host"):
        f.fetch("http://unknown.example/")


def test_a_slow_drip_hits_the_overall_deadline() -> None:
    def drip(request: httpx.Request) -> httpx.Response:
        def body():  # type: ignore[no-untyped-def]
            import time

            for _ in range(50):
                time.sleep(0.01)
                yield b"x"

        return httpx.Response(200, content=body())

    with fetcher(drip, deadline=0.05) as f, pytest.raises(FetchError, match="longer than"):
        f.fetch("http://news.example/")


def test_ipv6_hosts_are_pinned_in_brackets() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok(request)

    with fetcher(handler) as f:
        f.fetch("http://v6.example:8080/x")
    assert seen[0].url.host == "2606:4700::6810:85e5" and seen[0].url.port == 8080
    assert seen[0].headers["host"] == "v6.example:8080"


def test_urls() -> None:
    assert is_url("https://a.example/x") and is_url("ftp://a.example")
    assert not is_url("notes/a.txt") and not is_url("C:\\data\\a.txt") and not is_url("-")
    assert normalize_url("HTTPS://News.Example:443/A/b?q=1#frag") == "https://news.example/A/b?q=1"
    assert normalize_url("http://news.example") == "http://news.example/"
    assert normalize_url("http://news.example:8080/") == "http://news.example:8080/"
    assert address_refusal(PUBLIC_A) is None
    assert address_refusal(DOC_NET) is not None
    assert address_refusal("224.0.0.1") == "multicast address 224.0.0.1"
