"""RSS and Atom feeds: items, content, dates, and refusing what is not a safe feed."""

from __future__ import annotations

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest.feeds import (
    html_fragment_text,
    item_article,
    looks_like_feed,
    parse_feed,
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Harbour Ledger</title>
  <link>https://ledger.example/</link>
  <item>
    <title>Ferry to stop for winter</title>
    <link>https://ledger.example/news/ferry</link>
    <guid isPermaLink="false">ledger-001</guid>
    <pubDate>Mon, 12 May 2025 09:30:00 +0200</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>The harbour master said the ferry would stop in
      November.</p><p>Osric Dane told the Ledger the council knew.</p>
      <script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Mill sold</title>
    <guid>https://ledger.example/news/mill</guid>
    <description>The mill was sold.</description>
  </item>
  <item><title>No link at all</title></item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Radio Lumen</title>
  <link href="https://lumen.example/"/>
  <entry>
    <title>Workers offered permits</title>
    <link rel="alternate" href="https://lumen.example/2025/05/permits"/>
    <link rel="edit" href="https://lumen.example/edit/1"/>
    <id>tag:lumen.example,2025:1</id>
    <published>2025-05-14T16:40:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Pavel Orrin said
      recruiters came at night.</p><p>The ministry denied it.</p></div></content>
  </entry>
  <entry>
    <title>Brief</title>
    <link href="https://lumen.example/2025/05/brief"/>
    <updated>2025-05-15T08:00:00Z</updated>
    <summary>Only a summary.</summary>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example/"><title>Northgate Wire</title>
    <link>https://wire.example/</link></channel>
  <item rdf:about="https://wire.example/a1"><title>Toll bridge</title>
    <link>https://wire.example/a1</link><dc:date>2025-05-15</dc:date></item>
</rdf:RDF>"""


def test_rss_items_and_content() -> None:
    feed = parse_feed(RSS, where="ledger.rss")
    assert feed.title == "The Harbour Ledger" and feed.link == "https://ledger.example/"
    first, second, third = feed.items
    assert first.link == "https://ledger.example/news/ferry" and first.guid == "ledger-001"
    assert first.published == "2025-05-12T07:30:00Z"  # RFC 822 → UTC ISO 8601
    assert first.content is not None and "<p>The harbour master" in first.content
    assert second.link == "https://ledger.example/news/mill"  # permalink guid
    assert second.content is None  # a description is not the article
    assert third.link is None
    article = item_article(first, feed, path="ledger.rss")
    assert article is not None
    assert article.text == ("The harbour master said the ferry would stop in November.\n\n"
                            "Osric Dane told the Ledger the council knew.")
    assert (article.url, article.title, article.outlet, article.path) == (
        first.link, "Ferry to stop for winter", "The Harbour Ledger", "ledger.rss")
    assert item_article(second, feed) is None


def test_atom_entries() -> None:
    feed = parse_feed(ATOM)
    assert feed.title == "Radio Lumen" and feed.link == "https://lumen.example/"
    entry, brief = feed.items
    assert entry.link == "https://lumen.example/2025/05/permits"
    assert entry.published == "2025-05-14T16:40:00Z" and entry.guid == "tag:lumen.example,2025:1"
    article = item_article(entry, feed)
    assert article is not None
    assert article.text == "Pavel Orrin said recruiters came at night.\n\nThe ministry denied it."
    assert brief.published == "2025-05-15T08:00:00Z" and brief.content is None


def test_rss_1_rdf() -> None:
    feed = parse_feed(RDF)
    assert feed.title == "Northgate Wire"
    (item,) = feed.items
    assert (item.link, item.published, item.guid) == (
        "https://wire.example/a1", "2025-05-15", "https://wire.example/a1")


@pytest.mark.parametrize("data, reason", [
    (b"this is not xml at all", "not XML"),
    (b"", "not XML"),
    (b"<html><body>a page</body></html>", "not an RSS or Atom feed (root element <html>)"),
    (b"<rss version='2.0'></rss>", "without a <channel>"),
    (b"<feed><title>no namespace</title></feed>", "not an RSS or Atom feed"),
    (b"<rss><channel><title>cut off", "not XML"),
])
def test_what_is_not_a_feed_is_an_input_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match="feed.xml") as caught:
        parse_feed(data, where="feed.xml")
    assert reason in caught.value.reason


def test_entity_expansion_and_external_entities_are_refused() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY x SYSTEM "file:///etc/passwd">
]>
<rss><channel><title>&c;</title><item><title>&x;</title></item></channel></rss>"""
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(bomb)


def test_sniffing() -> None:
    assert looks_like_feed(RSS) and looks_like_feed(ATOM) and looks_like_feed(RDF)
    assert looks_like_feed(b"\xef\xbb\xbf<!-- c --><rss>")
    assert not looks_like_feed(b"<!doctype html><html>")
    assert not looks_like_feed(b"plain text")


def test_html_fragments_to_text() -> None:
    assert html_fragment_text("<p>One  <b>two</b></p><p>three<br>four</p>") == \
        "One two\n\nthree\n\nfour"
    assert html_fragment_text("no tags,\n  just   text") == "no tags,\njust text"
    assert html_fragment_text("<style>p{}</style><p>kept</p>") == "kept"
