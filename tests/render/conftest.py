"""Hand-built extraction records for the renderers (no model involved)."""

from __future__ import annotations

import pytest

from sourcetrace.records import (
    Article,
    Assertion,
    Attribution,
    Channel,
    Cue,
    Extraction,
    Mention,
    Source,
    SourceSpan,
    TextSpan,
)

TEXT = (
    "The mayor of Eastbrook said on Monday that the bridge would reopen. "
    '"It is safe <script>alert(1)</script> [bold]now[/bold]," the engineer told Radio East, '
    "according to the council. The repairs probably cost more than planned."
)


def span(text: str, part: str, start_from: int = 0) -> TextSpan:
    start = text.index(part, start_from)
    return TextSpan(start, start + len(part), part)


def make_record(text: str = TEXT) -> Extraction:
    """A record with two attributions (one nested in the other's span), sources, assertions."""
    mayor = span(text, "The mayor of Eastbrook")
    said = span(text, "said")
    reopen = span(text, "the bridge would reopen")
    quote = span(text, "It is safe <script>alert(1)</script> [bold]now[/bold],")
    engineer = span(text, "the engineer")
    told = span(text, "told")
    radio = span(text, "Radio East")
    council_cue = span(text, "according to")
    council = span(text, "the council")
    # the third attribution's content covers the second's source and cue: spans overlap
    outer_content = TextSpan(quote.start, radio.end, text[quote.start:radio.end])
    assertion = span(text, "The repairs probably cost more than planned.")
    hedge = span(text, "probably")
    attributions = (
        Attribution(
            id="a1", kind="indirect",
            source=SourceSpan(mayor.start, mayor.end, mayor.text, name="mayor of Eastbrook",
                              type="government", descriptor="mayor of Eastbrook"),
            cue=Cue(said.start, said.end, said.text, lemma="say", stance="assert"),
            content=(reopen,),
        ),
        Attribution(
            id="a2", kind="direct",
            source=SourceSpan(engineer.start, engineer.end, engineer.text,
                              name='engineer "<b>"', type="person", descriptor="engineer"),
            cue=Cue(told.start, told.end, told.text, lemma="tell", stance="claim"),
            content=(quote,),
            channel=Channel("Radio East", radio.start, radio.end, radio.text),
            parent="a3",
        ),
        Attribution(
            id="a3", kind="according_to",
            source=SourceSpan(council.start, council.end, council.text, name="council",
                              type="organization"),
            cue=Cue(council_cue.start, council_cue.end, council_cue.text, lemma="according to",
                    stance="report"),
            content=(outer_content,),
        ),
    )
    sources = (
        Source("mayor of Eastbrook", "government", "mayor of Eastbrook",
               (mention(mayor),)),
        Source('engineer "<b>"', "person", "engineer", (mention(engineer),), ("Radio East",)),
        Source("council", "organization", None, (mention(council), mention(council))),
    )
    article = Article(text=text, id="eastbrook-1", path="news/<bridge>.txt",
                      title="Bridge <i>reopens</i>", url="javascript:alert(1)")
    return Extraction(
        doc=article.meta(), text=text, attributions=attributions,
        assertions=(Assertion(assertion.start, assertion.end, assertion.text, hedge),),
        sources=sources,
    )


def mention(s: SourceSpan | TextSpan) -> Mention:
    return Mention(s.start, s.end)


@pytest.fixture()
def record() -> Extraction:
    return make_record()
