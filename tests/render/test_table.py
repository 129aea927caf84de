"""The Rich terminal view."""

from __future__ import annotations

import io

from rich.console import Console

from sourcetrace.records import Article, Extraction
from sourcetrace.render import render_table


def _render(record: Extraction, width: int = 220) -> str:
    out = io.StringIO()
    render_table(record, Console(file=out, width=width, color_system=None))
    return out.getvalue()


def test_header_attributions_sources_and_assertions(record: Extraction) -> None:
    shown = _render(record)
    assert "Bridge <i>reopens</i>" in shown
    assert "eastbrook-1" in shown and "news/<bridge>.txt" in shown
    for expected in ("a1", "a2", "a3", "indirect", "according_to", "mayor of Eastbrook",
                     "[government]", "told (claim)", "according to (report)", "Radio East",
                     "the bridge would reopen"):
        assert expected in shown, expected
    assert "Sources" in shown and "organization" in shown
    assert "Author assertions" in shown and "hedge: probably" in shown


def test_record_text_is_not_read_as_markup(record: Extraction) -> None:
    shown = _render(record)
    assert "[bold]now[/bold]" in shown
    assert 'engineer "<b>"' in shown


def test_mention_counts(record: Extraction) -> None:
    council_row = next(line for line in _render(record).splitlines()
                       if line.strip().startswith("council"))
    assert " 2 " in council_row


def test_empty_record() -> None:
    article = Article(text="Nothing attributed here.", path="plain.txt")
    shown = _render(Extraction(doc=article.meta(), text=article.text))
    assert "plain.txt" in shown
    assert "No attributions found." in shown and "No author assertions found." in shown


def test_narrow_console_stacks_the_attribution_cells(record: Extraction) -> None:
    shown = _render(record, width=80)
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "attribution" in shown and "via Radio East" in shown
    assert "in a3" in shown and "the bridge would reopen" in shown
