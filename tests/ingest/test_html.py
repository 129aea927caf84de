"""HTML parsing through trafilatura: text, metadata, decoding, rejects."""

from __future__ import annotations

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest import parse_html

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Eastbrook bridge to reopen | Eastbrook Herald</title>
<meta property="og:title" content="Eastbrook bridge to reopen">
<meta property="og:site_name" content="Eastbrook Herald">
<meta property="article:published_time" content="2024-03-04T09:00:00Z">
<link rel="canonical" href="https://herald.example/news/bridge">
<script>var tracking = "should not appear";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Eastbrook bridge to reopen</h1>
<p>The mayor of Eastbrook said on Monday that the bridge would reopen in the spring,
after eight months of repairs to its northern pier.</p>
<p>“We are nearly there,” the council’s chief engineer told the Herald, adding that
the final inspection was scheduled for next week.</p>
<p>According to the transport office, about 12,000 vehicles crossed the bridge each day
before it closed.</p>
</article>
<footer>Copyright Eastbrook Herald</footer>
</body></html>
"""


def test_main_text_and_metadata() -> None:
    article = parse_html(PAGE.encode("utf-8"), path="pages/bridge.html")
    assert "The mayor of Eastbrook said on Monday" in article.text
    assert "According to the transport office" in article.text
    assert "should not appear" not in article.text
    assert article.path == "pages/bridge.html"
    assert article.title == "Eastbrook bridge to reopen"
    assert article.outlet == "Eastbrook Herald"
    assert article.published == "2024-03-04"
    assert article.url == "https://herald.example/news/bridge"
    assert article.lang == "en-GB"


def test_str_input_gives_the_same_article() -> None:
    assert parse_html(PAGE) == parse_html(PAGE.encode("utf-8"))


def test_declared_charset_is_honoured_when_not_utf8() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("mayor", "maire café")
    article = parse_html(page.encode("cp1252"))
    assert "maire café of Eastbrook" in article.text


def test_non_utf8_without_declared_charset_is_rejected() -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("mayor", "maire café")
    with pytest.raises(InputError) as caught:
        parse_html(page.encode("cp1252"), path="old.html")
    assert caught.value.where == "old.html"
    assert "not UTF-8" in caught.value.reason


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><div><script>var x = 1;</script></div></body></html>",
    ],
)
def test_page_without_article_text_is_rejected(page: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_html(page.encode("utf-8"), path="empty.html")
    assert caught.value.where == "empty.html"
    assert "no article text" in caught.value.reason


@pytest.mark.parametrize("data", [b"", b"  \n  "])
def test_empty_page_is_rejected(data: bytes) -> None:
    with pytest.raises(InputError):
        parse_html(data)


def test_binary_is_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        parse_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="image.html")
