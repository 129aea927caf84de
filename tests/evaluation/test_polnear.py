"""The PolNeAR reader on a hand-written brat fixture, and on the real dev split if present."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.errors import InputError, UsageError
from sourcetrace.evaluation import evaluate_polnear, load_brat, load_polnear, render
from sourcetrace.evaluation import report as report_module
from sourcetrace.evaluation.polnear import GoldDoc, covered_text, parse_ann
from sourcetrace.evaluation.scoring import ATTRIBUTION, METRICS
from sourcetrace.records import Article, Attribution, Cue, Extraction, SourceSpan, TextSpan

MINI = Path(__file__).parents[1] / "fixtures" / "polnear_mini"
REAL = Path(__file__).parents[2] / ".." / "shared" / "data" / "polnear"


@pytest.fixture(scope="module")
def mini() -> dict[str, GoldDoc]:
    return {d.name: d for d in load_polnear(MINI, "dev")}


def texts(doc: GoldDoc, pieces: Iterable[tuple[int, int]] | None) -> list[str]:
    return [doc.text[s:e] for s, e in pieces or ()]


def test_reads_every_article_sorted(mini: dict[str, GoldDoc]) -> None:
    assert list(mini) == [
        "elmsworth-gazette_2020-01-01_bridge",
        "harbour-news_2020-01-02_fog",
        "harbour-news_2020-01-03_spokesperson",
    ]
    assert [d.name for d in load_polnear(MINI, "dev", limit=1)] == list(mini)[:1]


def test_attributions_roles_and_discontinuous_content(mini: dict[str, GoldDoc]) -> None:
    doc = mini["elmsworth-gazette_2020-01-01_bridge"]
    assert doc.publisher == "elmsworth-gazette"
    assert doc.annotator == "ab12"
    e1, e2, e3, e4 = doc.attributions
    assert (texts(doc, e1.source), texts(doc, e1.cue), texts(doc, e1.content)) == (
        ["The mayor of Elmsworth"], ["said"], ["that the new bridge would open in May"],
    )
    assert texts(doc, e2.content) == ['"We are on schedule,"', '"and under budget."']
    assert texts(doc, e2.source) == ["the mayor"]
    # arguments in another order than usual
    assert texts(doc, e3.cue) == ["according to"] and texts(doc, e3.source) == ["a statement"]
    # Attribution-no-source: no source; the Discuss span and the note are ignored
    assert e4.source is None
    assert texts(doc, e4.cue) == ["are expected"]
    assert texts(doc, e4.content) == ["to object"]
    assert [a.id for a in doc.attributions] == ["E1", "E2", "E3", "E4"]


def test_two_annotators_first_listed_in_metadata_wins(mini: dict[str, GoldDoc]) -> None:
    doc = mini["harbour-news_2020-01-02_fog"]
    # metadata lists "bb22|aa11": the first listed wins, not the smaller id
    assert doc.annotator == "bb22"
    assert doc.ann_path.endswith("harbour-news_2020-01-02_fog_bb22.ann")
    (only,) = doc.attributions
    # a covered text running over a line break in the .ann file
    assert texts(doc, only.content) == [
        "that fog would delay the ferries.\n\nPassengers should check the timetable"
    ]


def test_article_missing_from_metadata_takes_smallest_annotator(
    mini: dict[str, GoldDoc],
) -> None:
    doc = mini["harbour-news_2020-01-03_spokesperson"]
    assert doc.annotator == "cc33"
    assert doc.publisher == "harbour-news"
    assert len(doc.attributions) == 1


def test_parse_ann_multiline_text_and_checks() -> None:
    text = "Ann said: one.\n\nTwo."
    ann = parse_ann(
        "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\n"
        "T3\tContent 10 20\tone.\n\nTwo.\n\n"
        "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    assert ann.textbounds["T3"].text == "one.\n\nTwo."
    assert covered_text(text, ann.textbounds["T3"].pieces) == "one.\n\nTwo."
    (rel,) = ann.relations
    assert rel.label == "Attribution"
    assert dict(rel.args) == {"Source": "T1", "Cue": "T2", "Content": "T3"}
    with pytest.raises(InputError, match="bad offsets"):
        parse_ann("T1\tSource 0 x\tAnn\n", "f.ann")
    with pytest.raises(InputError, match="f.ann:1"):
        parse_ann("garbage\n", "f.ann")


def test_offsets_that_miss_their_text_are_an_error(tmp_path: Path) -> None:
    for sub in ("text", "attributions"):
        (tmp_path / "dev" / sub).mkdir(parents=True)
    (tmp_path / "dev" / "text" / "p_x.txt").write_text("Ann said so.", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "p_x_aa.ann").write_text(
        "T1\tSource 1 4\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 11\tso\n"
        "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="do not cover"):
        load_polnear(tmp_path, "dev")


def test_missing_split_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_polnear(tmp_path, "dev")
    with pytest.raises(UsageError):
        load_polnear(MINI, "train")


def _perfect(docs: dict[str, GoldDoc]) -> object:
    """A stand-in for ``extract_articles`` that predicts each gold attribution exactly."""

    def fake(articles: Iterable[Article], **_: object) -> Iterator[Extraction]:
        for article in articles:
            doc = docs[str(article.id)]
            atts = []
            for i, g in enumerate(doc.attributions):
                if not g.cue or not g.content:
                    continue
                (cs, ce), = g.cue
                source = None
                if g.source:
                    (ss, se), = g.source
                    source = SourceSpan(ss, se, doc.text[ss:se], name=doc.text[ss:se])
                atts.append(Attribution(
                    id=f"p{i}", kind="unsourced" if source is None else "indirect",
                    source=source,
                    cue=Cue(cs, ce, doc.text[cs:ce], lemma=doc.text[cs:ce]),
                    content=tuple(TextSpan(s, e, doc.text[s:e]) for s, e in g.content),
                ))
            yield Extraction(doc=article.meta(), text=article.text, attributions=tuple(atts))

    return fake


def test_evaluate_with_perfect_predictions(
    mini: dict[str, GoldDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "extract_articles", _perfect(mini))
    report = evaluate_polnear(MINI, "dev")
    total = report.total
    for metric in METRICS:
        assert (total[metric].precision, total[metric].recall) == (1.0, 1.0), metric
    assert total[ATTRIBUTION].tp == 6
    assert total["source.exact"].tp == 5
    data = report.to_dict()
    assert data["documents"] == 3 and data["gold_attributions"] == 6
    assert data["mode"] == "model"  # the default mode, named in the report
    assert evaluate_polnear(MINI, "dev", mode="rules").to_dict()["mode"] == "rules"
    assert set(data["by_publisher"]) == {"elmsworth-gazette", "harbour-news"}
    assert data["by_publisher"]["harbour-news"]["documents"] == 2
    assert data["scores"]["attribution"]["f1"] == 1.0


def _with_nested_copy(fake: object) -> object:
    """``fake``'s extractions, each first attribution repeated as a child of itself."""

    def nested(articles: Iterable[Article], **kw: object) -> Iterator[Extraction]:
        for ex in fake(articles, **kw):  # type: ignore[operator]
            atts = ex.attributions
            if atts:
                child = replace(atts[0], id="nested", parent=atts[0].id)
                atts = (*atts, child)
            yield replace(ex, attributions=atts)

    return nested


def test_nested_attributions_are_scored_only_when_asked(
    mini: dict[str, GoldDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "extract_articles", _with_nested_copy(_perfect(mini)))
    flat = evaluate_polnear(MINI, "dev")
    assert all(flat.total[m].precision == 1.0 for m in METRICS)
    assert flat.to_dict()["nested_left_out"] == 3 and flat.to_dict()["nested_scored"] is False
    every = evaluate_polnear(MINI, "dev", nested=True)
    assert every.total[ATTRIBUTION].fp == 3 and every.total[ATTRIBUTION].tp == 6
    assert every.total["cue.exact"].fp == 3
    assert every.to_dict()["nested_left_out"] == 0 and every.to_dict()["nested_scored"] is True
    result = CliRunner().invoke(app, ["eval", "polnear", str(MINI), "--json", "--nested"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scores"]["attribution"]["fp"] == 3


def test_evaluate_with_no_predictions(monkeypatch: pytest.MonkeyPatch) -> None:
    def nothing(articles: Iterable[Article], **_: object) -> Iterator[Extraction]:
        for a in articles:
            yield Extraction(doc=a.meta(), text=a.text)

    monkeypatch.setattr(report_module, "extract_articles", nothing)
    report = evaluate_polnear(MINI, "dev")
    assert report.total[ATTRIBUTION].fn == 6
    assert report.to_dict()["scores"]["cue.exact"]["f1"] == 0.0
    render(report)  # builds the tables without dividing by zero


@pytest.mark.slow
def test_evaluate_runs_the_extractor_on_the_fixture() -> None:
    report = evaluate_polnear(MINI, "dev")
    assert len(report.docs) == 3
    assert set(report.to_dict()["scores"]) == set(METRICS)


real = pytest.mark.skipif(not REAL.is_dir(), reason="no PolNeAR copy under ../shared")


@pytest.mark.slow
@real
def test_real_dev_split_reads_and_offsets_match_ann_text() -> None:
    docs = load_polnear(REAL, "dev")
    assert len(docs) == 84
    assert len({d.name for d in docs}) == 84
    for doc in docs:
        ann = parse_ann(Path(doc.ann_path).read_text(encoding="utf-8"), doc.ann_path)
        used = {t for rel in ann.relations for _, t in rel.args}
        for tid in used:
            tb = ann.textbounds[tid]
            if tb.label in ("Source", "Cue", "Content"):
                assert covered_text(doc.text, tb.pieces) == tb.text, (doc.ann_path, tid)
        gold_pieces = [
            p for a in doc.attributions for role in (a.source or (), a.cue, a.content) for p in role
        ]
        assert all(0 <= s < e <= len(doc.text) for s, e in gold_pieces)
    assert sum(len(d.attributions) for d in docs) > 2000
    multi = [d for d in docs if d.name.startswith("politico_2016-09-08_flynn")]
    assert [d.annotator for d in multi] == ["4b22"]


def _brat_folder(tmp_path: Path) -> Path:
    """The fixture's articles in brat's own layout: NAME.txt beside NAME.ann, by outlet."""
    folder = tmp_path / "mine"
    for name, annotator in [("elmsworth-gazette_2020-01-01_bridge", "ab12"),
                            ("harbour-news_2020-01-03_spokesperson", "cc33")]:
        outlet = folder / name.split("_", 1)[0]
        outlet.mkdir(parents=True)
        (outlet / f"{name}.txt").write_bytes((MINI / "dev" / "text" / f"{name}.txt").read_bytes())
        ann = MINI / "dev" / "attributions" / f"{name}_{annotator}.ann"
        (outlet / f"{name}.ann").write_bytes(ann.read_bytes())
    return folder


def test_brat_layout_reads_like_polnear(tmp_path: Path, mini: dict[str, GoldDoc]) -> None:
    docs = load_brat(_brat_folder(tmp_path))
    assert [d.name for d in docs] == ["elmsworth-gazette/elmsworth-gazette_2020-01-01_bridge",
                                      "harbour-news/harbour-news_2020-01-03_spokesperson"]
    assert [d.publisher for d in docs] == ["elmsworth-gazette", "harbour-news"]
    for doc in docs:
        same = mini[doc.name.split("/")[1]]
        assert (doc.text, doc.attributions) == (same.text, same.attributions)


def test_broken_brat_article_is_named_and_the_rest_read(tmp_path: Path) -> None:
    folder = _brat_folder(tmp_path)
    broken = folder / "harbour-news" / "harbour-news_2020-01-03_spokesperson.ann"
    broken.write_text(broken.read_text("utf-8").replace("Cue 15 19", "Cue 16 19"), "utf-8")
    (folder / "notes.txt").write_text("no annotation for this one", "utf-8")
    with pytest.raises(InputError):
        load_brat(folder)
    errors: list[InputError] = []
    docs = load_brat(folder, errors=errors)
    assert [d.publisher for d in docs] == ["elmsworth-gazette"]
    assert sorted(Path(e.where.split(":")[0]).name for e in errors) == [
        "harbour-news_2020-01-03_spokesperson.ann", "notes.txt"]


def test_eval_brat_cli_scores_the_rest_and_exits_1(
    tmp_path: Path, mini: dict[str, GoldDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _brat_folder(tmp_path)
    (folder / "notes.txt").write_text("no annotation for this one", "utf-8")
    by_text = {d.text: d for d in mini.values()}

    def perfect(articles: Iterable[Article], **kw: object) -> Iterator[Extraction]:
        for article in articles:  # the fixture's gold, found by text, under the brat name
            renamed = Article(text=article.text, id=by_text[article.text].name)
            yield from _perfect(mini)([renamed], **kw)  # type: ignore[operator]

    monkeypatch.setattr(report_module, "extract_articles", perfect)
    result = CliRunner().invoke(app, ["eval", "brat", str(folder), "--json"])
    assert result.exit_code == 1
    assert "notes.txt" in result.stderr and "not scored" in result.stderr
    data = json.loads(result.stdout)
    assert data["corpus"] == "brat" and data["documents"] == 2
    assert data["scores"]["attribution"]["f1"] == 1.0
    assert set(data["by_publisher"]) == {"elmsworth-gazette", "harbour-news"}
    assert len(data["skipped"]) == 1


def test_eval_polnear_cli_skips_a_broken_article(
    tmp_path: Path, mini: dict[str, GoldDoc], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "polnear"
    shutil.copytree(MINI, copy)
    (copy / "dev" / "text" / "zz-extra_2020-01-09_orphan.txt").write_text("No annotation.", "utf-8")
    monkeypatch.setattr(report_module, "extract_articles", _perfect(mini))
    result = CliRunner().invoke(app, ["eval", "polnear", str(copy), "--json"])
    assert result.exit_code == 1
    assert "zz-extra_2020-01-09_orphan.txt: no .ann file" in result.stderr
    assert json.loads(result.stdout)["documents"] == 3
