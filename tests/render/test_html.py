"""The self-contained HTML page: escaping, marks over overlapping spans, no scripts."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from sourcetrace.records import Article, Extraction, TextSpan
from sourcetrace.render import render_html

from .conftest import TEXT, make_record


class _ArticleText(HTMLParser):
    """Collects the text inside ``<div class="article">`` and the marks in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts: list[str] = []
        self.current: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "div" and ("class", "article") in attrs:
            self.depth = 1
            self.current = []
        elif self.depth:
            if tag == "div":
                self.depth += 1
            if tag == "mark":
                self.marks.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
            if not self.depth:
                self.texts.append("".join(self.current))

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current.append(data)


def _parse(page: str) -> _ArticleText:
    parser = _ArticleText()
    parser.feed(page)
    parser.close()
    return parser


def test_script_in_article_text_is_inert(record: Extraction) -> None:
    page = render_html([record])
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>" not in page and "<b>" not in page


def test_article_text_survives_the_marks_exactly(record: Extraction) -> None:
    parsed = _parse(render_html([record]))
    assert parsed.texts == [TEXT]


def test_marks_have_roles_and_tooltips(record: Extraction) -> None:
    marks = _parse(render_html([record])).marks
    roles = {role for m in marks for role in (m["class"] or "").split()}
    assert roles == {"source", "cue", "content", "channel", "assertion", "hedged", "hedge"}
    titles = [m["title"] or "" for m in marks]
    told = next(t for t in titles if t.startswith("cue of attribution a2"))
    for part in ("kind: direct", "(stance: claim)", 'source: engineer "<b>" (person)',
                 "channel: Radio East", "nested in: a3"):
        assert part in told
    # the engineer's mention lies inside a3's content: both marks cover it
    assert any(t.startswith("source of attribution a2") for t in titles)
    assert any(t.startswith("content of attribution a3") for t in titles)


def test_overlapping_spans_nest_properly(record: Extraction) -> None:
    page = render_html([record])
    body = page[page.index('<div class="article">'):]
    body = body[: body.index("</div>")]
    depth = 0
    for tag in re.findall(r"</?mark\b", body):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0


def test_self_contained_with_strict_csp(record: Extraction) -> None:
    page = render_html([record])
    assert page.startswith("<!DOCTYPE html>")
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;\">"
    ) in page
    tags = _parse(page).tags
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert " src=" not in page
    assert 'href="javascript' not in page


def test_metadata_and_lists_are_escaped(record: Extraction) -> None:
    page = render_html([record])
    assert "Bridge &lt;i&gt;reopens&lt;/i&gt;" in page
    assert "news/&lt;bridge&gt;.txt" in page
    assert "engineer &quot;&lt;b&gt;&quot;" in page
    assert "2 mentions" in page and "via Radio East" in page
    assert "hedge: probably" in page


def test_several_records_and_none() -> None:
    first = make_record()
    second_article = Article(text="Plain words & nothing said.", path="b.txt")
    second = Extraction(doc=second_article.meta(), text=second_article.text)
    page = render_html([first, second])
    assert page.count('<section class="record">') == 2
    assert _parse(page).texts == [TEXT, "Plain words & nothing said."]
    assert "No attributions found." in page
    assert '<section class="record">' not in render_html([])


def test_out_of_range_spans_are_left_out() -> None:
    base = make_record()
    bad = base.assertions[0].__class__(5, len(base.text) + 10, "x", TextSpan(-3, 2, "x"))
    record = Extraction(doc=base.doc, text=base.text, assertions=(bad,))
    parsed = _parse(render_html([record]))
    assert parsed.texts == [TEXT] and parsed.marks == []


def test_text_is_unescaped_back_to_the_original() -> None:
    text = "A & B <said> \"x\" 'y'\n\nnext line"
    article = Article(text=text)
    page = render_html([Extraction(doc=article.meta(), text=text)])
    inner = page[page.index('<div class="article">') + len('<div class="article">'):]
    assert html.unescape(inner[: inner.index("</div>")]) == text
