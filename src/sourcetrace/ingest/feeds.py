"""RSS and Atom feeds: the items of a feed, and articles from the items that carry content.

:func:`parse_feed` reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 from
bytes: the feed's title and, per item, its link, title, date, id and full content.
Full content is RSS ``content:encoded`` or Atom ``<content>``; ``description`` and
``summary`` are summaries and are never taken as the article. Dates are turned
into ISO 8601 when they parse (RFC 822 for RSS, RFC 3339 for Atom), else kept.

The XML is parsed without loading DTDs, resolving entities or touching the
network, and a feed whose DTD declares entities is refused (no "billion laughs");
input that is not XML, or XML that is not a feed, is an
:class:`~sourcetrace.errors.InputError`. :func:`item_article` turns an item with
content into an :class:`~sourcetrace.records.Article` (HTML flattened to text,
one paragraph per block element); items without content are the caller's to
fetch by link. Limits: no JSON Feed, no podcast enclosures, no Media RSS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from ..errors import InputError
from ..records import Article

ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
FEED_SUFFIXES: tuple[str, ...] = (".atom", ".rss", ".xml")
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "section", "article", "header", "footer", "table", "tr", "figure", "figcaption", "hr",
})
_DROP = frozenset({"script", "style", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WHITESPACE = re.compile(r"\s+")
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
                         rb"<(rss|feed|rdf:RDF|RDF)\b", re.S)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry. ``content`` is the full article (HTML or text) when the feed has it."""

    link: str | None
    title: str | None
    published: str | None
    guid: str | None
    content: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title (the outlet of its items), home link and items in order."""

    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS/Atom document (a cheap sniff, no parse)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return _FEED_START.match(head) is not None


def _text(element: etree._Element | None) -> str | None:
    """The text content of ``element``, entity references left out, stripped; None if empty."""
    if element is None:
        return None
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and not isinstance(node, etree._Entity):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    value = "".join(parts).strip()
    return value or None


def _iso_date(value: str | None, *, rfc822: bool) -> str | None:
    if not value:
        return None
    if rfc822:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return value


def _parse_xml(data: bytes, where: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"not XML ({exc.msg or exc})") from None
    if root is None:
        raise InputError(where, "not XML (empty document)")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(where, "feed declares XML entities in a DTD (refused)")
    return root


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _rss_items(channel: etree._Element, items: list[etree._Element]) -> Feed:
    parsed = []
    for item in items:
        link = _text(item.find("link")) or _text(item.find(f"{{{RSS1}}}link"))
        guid_el = item.find("guid")
        guid = _text(guid_el)
        if not link and guid and guid_el is not None and \
                guid_el.get("isPermaLink", "true").lower() == "true" and "://" in guid:
            link = guid
        date = _text(item.find("pubDate"))
        published = _iso_date(date, rfc822=True) if date else _text(item.find(f"{{{DC}}}date"))
        parsed.append(FeedItem(
            link=link,
            title=_text(item.find("title")) or _text(item.find(f"{{{RSS1}}}title")),
            published=published,
            guid=guid or item.get(f"{{http://www.w3.org/1999/02/22-rdf-syntax-ns#}}about"),
            content=_text(item.find(f"{{{CONTENT}}}encoded")),
        ))
    title = _text(channel.find("title")) or _text(channel.find(f"{{{RSS1}}}title"))
    link = _text(channel.find("link")) or _text(channel.find(f"{{{RSS1}}}link"))
    return Feed(title=title, link=link, items=tuple(parsed))


def _atom_link(entry: etree._Element) -> str | None:
    fallback = None
    for link in entry.findall(f"{{{ATOM}}}link"):
        href = (link.get("href") or "").strip()
        if href and link.get("rel", "alternate") == "alternate":
            return href
        fallback = fallback or href or None
    return fallback


def _atom_content(entry: etree._Element) -> str | None:
    content = entry.find(f"{{{ATOM}}}content")
    if content is not None and content.get("type") == "xhtml":
        markup = "".join(etree.tostring(child, encoding="unicode") for child in content)
        return markup.strip() or None
    return _text(content)


def _atom(root: etree._Element) -> Feed:
    items = []
    for entry in root.findall(f"{{{ATOM}}}entry"):
        items.append(FeedItem(
            link=_atom_link(entry),
            title=_text(entry.find(f"{{{ATOM}}}title")),
            published=_text(entry.find(f"{{{ATOM}}}published"))
            or _text(entry.find(f"{{{ATOM}}}updated")),
            guid=_text(entry.find(f"{{{ATOM}}}id")),
            content=_atom_content(entry),
        ))
    return Feed(title=_text(root.find(f"{{{ATOM}}}title")), link=_atom_link(root),
                items=tuple(items))


def parse_feed(data: bytes, *, where: str = "<feed>") -> Feed:
    """Parse an RSS or Atom document (see the module notes); ``where`` names it in errors."""
    root = _parse_xml(data, where)
    name = _local(root.tag)
    if name == "rss":
        channel = root.find("channel")
        if channel is None:
            raise InputError(where, "RSS document without a <channel>")
        return _rss_items(channel, channel.findall("item"))
    if name == "feed" and etree.QName(root.tag).namespace == ATOM:
        return _atom(root)
    if name == "RDF":
        channel = root.find(f"{{{RSS1}}}channel")
        items = root.findall(f"{{{RSS1}}}item")
        return _rss_items(channel if channel is not None else root, items)
    raise InputError(where, f"XML but not an RSS or Atom feed (root element <{name}>)")


def html_fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment: one line per block element, runs of spaces joined.

    Scripts and styles are dropped. A string with no tags comes back as it is,
    with its whitespace runs joined.
    """
    if "<" not in markup:
        return "\n".join(_SPACES.sub(" ", line).strip() for line in markup.strip().splitlines())
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _DROP:
            return
        block = tag in _BLOCKS
        if block:
            pieces.append("\n")
        if node.text and tag:
            pieces.append(_WHITESPACE.sub(" ", node.text))
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(_WHITESPACE.sub(" ", child.tail))
        if block:
            pieces.append("\n")

    walk(root)
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def item_article(item: FeedItem, feed: Feed, *, path: str | None = None) -> Article | None:
    """The article carried by ``item``'s content, or None if the item has none.

    The feed's title becomes the outlet; the item's link, its URL.
    """
    if not item.content:
        return None
    text = html_fragment_text(item.content)
    if not text.strip():
        return None
    return Article(text=text, path=path, url=item.link, title=item.title,
                   outlet=feed.title, published=item.published)
