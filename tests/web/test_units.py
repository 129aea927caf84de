"""Pure parts of the web app on hand-built records: sourcing, highlights, settings, rules."""

from __future__ import annotations

import pytest

from sourcetrace.errors import UsageError
from sourcetrace.records import (
    Article,
    Assertion,
    Attribution,
    Channel,
    Cue,
    Extraction,
    SourceSpan,
    TextSpan,
)
from sourcetrace.web.data import Filters, source_key
from sourcetrace.render.marks import record_marks, segments, term_marks
from sourcetrace.web.ingest import UploadRefused, check_upload, check_url
from sourcetrace.web.security import write_refusal
from sourcetrace.web.settings import ServerSettings, is_loopback, resolve_token
from sourcetrace.web.sourcing import channel_chains, report_tail, sourcing_summary

TEXT = ("Lena Ortt, an aid worker, told Radio Lumen that the camp was full. "
        "Officials said guards told them that nobody left. "
        "The Daily Ferry reported that 300 men arrived. "
        "Ada Moss said the road was open. It seems the rain stopped.")


def span(part: str, start: int = 0) -> TextSpan:
    at = TEXT.index(part, start)
    return TextSpan(at, at + len(part), part)


def attribution(aid: str, source: str, stype: str, cue: str, content: str,
                channel: str | None = None, parent: str | None = None) -> Attribution:
    s, c, x = span(source), span(cue), span(content)
    ch = None
    if channel:
        cs = span(channel)
        ch = Channel(channel, cs.start, cs.end, channel)
    return Attribution(aid, "indirect", SourceSpan(s.start, s.end, s.text, source, stype),
                       Cue(c.start, c.end, c.text, c.text), (x,), ch, parent)


def record() -> Extraction:
    atts = (
        attribution("a1", "Lena Ortt", "person", "told", "the camp was full", "Radio Lumen"),
        attribution("a2", "Officials", "group", "said", "guards told them that nobody left"),
        attribution("a3", "guards", "group", "told", "nobody left", parent="a2"),
        attribution("a4", "The Daily Ferry", "outlet", "reported", "300 men arrived"),
        attribution("a5", "Ada Moss", "person", "said the", "the road was open"),
    )
    seems, stopped = span("It seems"), span("It seems the rain stopped.")
    assertion = Assertion(stopped.start, stopped.end, stopped.text, seems)
    return Extraction(doc=Article(TEXT, id="t1", outlet="The Daily Ferry").meta(), text=TEXT,
                      attributions=atts, assertions=(assertion,))


def own(name: str) -> bool:
    return name.casefold().endswith("daily ferry")


def test_summary_counts_outlets_primary_sources_and_first_hand() -> None:
    summary = sourcing_summary(record(), is_own=own, derivative=False,
                               is_outlet=lambda n: "Radio" in n or "Ferry" in n)
    assert summary.relays == ("Radio Lumen",)  # the article's own outlet is no relay
    assert summary.intermediaries == ("Officials",)
    names = {p.name: p for p in summary.primary}
    assert set(names) == {"Lena Ortt", "Officials", "guards", "Ada Moss"}
    assert not names["Lena Ortt"].first_hand  # came through Radio Lumen
    assert names["Ada Moss"].first_hand and names["guards"].first_hand
    assert summary.sentence() == ("1 outlet relayed; 4 primary sources: 2 groups, 2 persons; "
                                  "3 first-hand")


def test_a_derivative_article_has_no_first_hand_source() -> None:
    summary = sourcing_summary(record(), is_own=own, derivative=True)
    assert summary.first_hand == 0
    assert summary.sentence().endswith("0 first-hand")


def test_chains_group_speakers_by_relay_path_and_lead_to_the_article() -> None:
    chains = channel_chains(record(), is_own=own)
    paths = {tuple(n.label for n in c.relays): {n.label for n in c.sources} for c in chains}
    assert paths[()] >= {"Officials", "Ada Moss", "The Daily Ferry"}
    assert paths[("Radio Lumen",)] == {"Lena Ortt"}
    assert paths[("Officials",)] == {"guards"}
    tail = report_tail("this article", [("The Harbour Ledger", "copy")])
    assert [(n.label, n.kind) for n in tail] == [("The Harbour Ledger", "report"),
                                                  ("this article", "article")]


def test_segments_nest_overlapping_marks_and_keep_the_text() -> None:
    rec = record()
    segs = segments(rec.text, record_marks(rec))
    assert "".join(s.text for s in segs) == rec.text
    roles = {m.role for s in segs for m in s.marks}
    assert {"source", "cue", "content", "channel", "assertion hedged", "hedge"} <= roles
    # "nobody left" is content of a3 inside the content of a2: both marks cover it
    inner = next(s for s in segs if s.text == "nobody left")
    assert {m.ref for m in inner.marks if m.role == "content"} == {"a2", "a3"}
    # outermost first: a2's content opens before a3's
    refs = [m.ref for m in inner.marks if m.role == "content"]
    assert refs == ["a2", "a3"]


def test_marks_outside_the_text_are_dropped() -> None:
    rec = record()
    bad = Attribution("x", "direct", None, Cue(900, 905, "said", "say"), ())
    rec = Extraction(rec.doc, rec.text, (*rec.attributions, bad), rec.assertions)
    assert all(m.end <= len(rec.text) for s in segments(rec.text, record_marks(rec))
               for m in s.marks)


def test_drift_numbers_match_with_digit_group_separators() -> None:
    text = "roughly 4,800 men, a third of them, and 14800 others"
    found = {text[m.start:m.end] for m in term_marks(text, ["4800", "a third"], "drift", "")}
    assert found == {"4,800", "a third"}


def test_filters_and_source_keys() -> None:
    assert source_key("Marta  Velikan") == "marta-velikan"
    assert source_key("Марта Великан") == "марта-великан"
    assert source_key("«»") == "source"
    assert not Filters().active() and Filters(lang="en").active()


@pytest.mark.parametrize(("host", "loop"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False),
])
def test_loopback(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop


def test_token_rules() -> None:
    assert resolve_token("127.0.0.1", env={}) == (None, False)
    assert resolve_token("0.0.0.0", env={"SOURCETRACE_TOKEN": "t" * 20}) == ("t" * 20, False)
    token, generated = resolve_token("0.0.0.0", generate=True, env={})
    assert generated and token and len(token) >= 16
    with pytest.raises(UsageError, match="not loopback"):
        resolve_token("0.0.0.0", env={})
    with pytest.raises(UsageError, match="not loopback"):
        ServerSettings(host="0.0.0.0").check()
    with pytest.raises(UsageError, match="at least 16"):
        ServerSettings(host="0.0.0.0", token="short").check()
    ServerSettings(host="0.0.0.0", token="x" * 16).check()


def test_write_refusals() -> None:
    open_ = ServerSettings()
    host = {"host": "127.0.0.1:8000"}
    assert write_refusal(open_, host, "http") is None
    assert write_refusal(open_, {**host, "origin": "http://127.0.0.1:8000"}, "http") is None
    assert write_refusal(open_, {**host, "origin": "https://evil.example"}, "http")[0] == 403
    assert write_refusal(open_, {**host, "origin": "null"}, "http")[0] == 403
    assert write_refusal(open_, {**host, "sec-fetch-site": "cross-site"}, "http")[0] == 403
    locked = ServerSettings(token="s" * 20)
    assert write_refusal(locked, host, "http")[0] == 401
    assert write_refusal(locked, {**host, "authorization": "Bearer nope"}, "http")[0] == 401
    assert write_refusal(locked, {**host, "authorization": "Bearer " + "s" * 20}, "http") is None
    assert write_refusal(locked, host, "http", form_token="s" * 20) is None


def test_upload_rules() -> None:
    assert check_upload("../../etc/report one.txt", b"text", max_bytes=10) == "report_one.txt"
    assert check_upload("a.HTML", b"<p>x</p>", max_bytes=100) == "a.HTML"
    for name, data, reason in [("a.exe", b"MZ", "type"), ("a.txt", b"x" * 11, "limit"),
                               ("a.txt", b"a\x00b", "binary"), ("a.txt", b"  \n", "empty"),
                               (".htaccess", b"x", "type")]:
        with pytest.raises(UploadRefused, match=reason):
            check_upload(name, data, max_bytes=10)
    assert check_url(" https://news.example/a ") == "https://news.example/a"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x.example/", "http://"):
        with pytest.raises(UploadRefused):
            check_url(bad)


def test_the_inertness_check_catches_live_markup() -> None:
    from .helpers import assert_inert_html

    assert_inert_html('<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;</p>'
                      '<script src="/static/app.js" defer></script>')
    for live in ('<img src=x onerror=alert(1)>', "<script>alert(1)</script>",
                 '<a href=" javascript:alert(1)">x</a>', '<p style="color:red">x</p>',
                 '<svg onload="alert(1)"></svg>', "<style>p{}</style>"):
        with pytest.raises(AssertionError):
            assert_inert_html(live)
