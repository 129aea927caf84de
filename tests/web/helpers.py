"""Small helpers shared by the web tests: finding demo articles and claims, HTML checks."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from sourcetrace.web.data import WebData

FOREIGN_TAGS = frozenset({"img", "iframe", "object", "embed", "style", "base", "frame"})


class _Tags(HTMLParser):
    """Every start tag with its attributes, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def article_id(data: WebData, path_end: str) -> str:
    """The id of the stored article whose path (or JSONL id) ends with ``path_end``."""
    for row in data.rows():
        if (row.path or "").endswith(path_end):
            return row.id
    return data.article(path_end).stored.id


def claim_with(data: WebData, words: str) -> Any:
    """The claim with the most articles whose text contains ``words``."""
    found = [c for c in data.claims() if words in c.text or any(words in m.text
                                                                for m in c.mentions)]
    assert found, f"no claim mentions {words!r}"
    return max(found, key=lambda c: len(c.articles))


def assert_inert_html(html: str) -> None:
    """No inline script, event handler, style attribute, foreign element or javascript: URL."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), f"script {attrs}"
        assert tag not in FOREIGN_TAGS, f"<{tag} {attrs}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}={value!r}>"
            assert name != "style", f"<{tag} style={value!r}>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = (value or "").strip().lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), value
