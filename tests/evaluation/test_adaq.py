"""The adaq reader and scorer on a small corpus of our own, then the floors on the shared one."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sourcetrace.errors import UsageError
from sourcetrace.evaluation.adaq import evaluate_adaq, load_adaq, score_sentence
from sourcetrace.records import Attribution, Cue, DocMeta, Extraction, SourceSpan, TextSpan
from tests.conftest import REPO, shared_path

SENTENCES = [("Мама сказала, что дождь кончился.", "s1"), ('"Всё "хорошо"", - ответил он.', "s2")]
TOKENS = [
    ("мама", "Мама", "s1", 1, "source"), ("сказать", "сказала", "s1", 2, "cue"), (",", ",", "s1", 3, "None"),
    ("что", "что", "s1", 4, "content"), ("дождь", "дождь", "s1", 5, "content"),
    ("кончиться", "кончился", "s1", 6, "content"), (".", ".", "s1", 7, "None"),
    ('"', '"', "s2", 1, "content"), ("всё", "Всё", "s2", 2, "content"), ('"', '"', "s2", 3, "content"),
    ("хорошо", "хорошо", "s2", 4, "content"), ('"', '"', "s2", 5, "content"), ('"', '"', "s2", 6, "content"),
    (",", ",", "s2", 7, "None"), ("-", "-", "s2", 8, "None"), ("ответить", "ответил", "s2", 9, "cue"),
    ("он", "он", "s2", 10, "source"), (".", ".", "s2", 11, "None"),
]


def write_tsv(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> None:
    """Tab-separated with CSV quoting, as adaq's files are."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    write_tsv(tmp_path / "ru_sentences.tsv", ["sentences", "sentence_id"], SENTENCES)
    write_tsv(tmp_path / "ru_tokens.tsv", ["lemmas", "text", "sentence_num", "index_of_token_sent", "tags"], TOKENS)
    return tmp_path


def record(text: str, *atts: Attribution) -> Extraction:
    return Extraction(doc=DocMeta(id="x", sha256="0"), text=text, attributions=atts)


def att(text: str, source: str | None, cue: str, content: str) -> Attribution:
    def span(part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    s = SourceSpan(*span(source), source, source) if source else None
    c0, c1 = span(cue)
    n0, n1 = span(content)
    return Attribution("a1", "indirect", s, Cue(c0, c1, cue, cue), (TextSpan(n0, n1, content),))


def test_reader_aligns_tokens_and_unquotes_csv(corpus: Path) -> None:
    s1, s2 = load_adaq(corpus)
    assert s2.text == '"Всё "хорошо"", - ответил он.'
    assert [s1.text[a:b] for a, b in s1.tokens][:3] == ["Мама", "сказала", ","]
    assert s1.tags == ("source", "cue", "", "content", "content", "content", "")


def test_reader_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="ru_sentences.tsv"):
        load_adaq(tmp_path)


def test_token_and_span_scores(corpus: Path) -> None:
    s1, _ = load_adaq(corpus)
    text = s1.text
    # perfect except the content misses "что": token recall 2/3, span exact 0, overlap 1
    scores = score_sentence(s1, record(text, att(text, "Мама", "сказала", "дождь кончился")))
    assert (scores["token.source"].tp, scores["token.source"].fp, scores["token.source"].fn) == (1, 0, 0)
    assert (scores["token.content"].tp, scores["token.content"].fn) == (2, 1)
    assert scores["span.exact.content"].tp == 0 and scores["span.overlap.content"].tp == 1
    assert scores["span.exact.cue"].tp == 1
    # a prediction on an unannotated token is a false positive
    scores = score_sentence(s1, record(text, att(text, None, "кончился", "дождь")))
    assert scores["token.cue"].fp == 1 and scores["token.cue"].fn == 1
    assert scores["span.exact.source"].fn == 1


def test_nothing_predicted(corpus: Path) -> None:
    s1, _ = load_adaq(corpus)
    scores = score_sentence(s1, record(s1.text))
    assert all(c.tp == 0 and c.fp == 0 for c in scores.values())
    assert scores["token.content"].fn == 3


FLOORS = json.loads((REPO / "quality" / "baseline.json").read_text("utf-8")).get("adaq-ru", {})


@pytest.mark.slow
def test_adaq_f1_at_or_above_floors() -> None:
    report = evaluate_adaq(shared_path("data", "adaq"))
    assert report.sentences > 200
    assert FLOORS, "quality/baseline.json has no adaq-ru floors"
    for key, floor in FLOORS.items():
        f1 = 100 * report.scores[key].f1
        assert f1 >= floor, f"{key}: F1 {f1:.1f} < floor {floor}"
