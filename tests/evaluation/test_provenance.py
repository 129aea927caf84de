"""Scoring of provenance linking: pure scorers on small inputs, and the real dev corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.evaluation.provenance import (
    evaluate_provenance, gold_outlets, load_gold, parse_extra, score_originality, score_stories,
)

SHARED = Path(__file__).parents[2] / ".." / "shared" / "corpus"
CORPUS = SHARED / "recruitment-dev.jsonl"
GOLD = SHARED / "recruitment-dev-gold.json"
EXAMPLE = SHARED / "forced-to-fight.txt"
# measured floors on the dev corpus + example article (raise when improving)
FLOORS = {"story_f1": 0.85, "macro_f1": 0.87, "cited_recall": 0.89}


def test_story_pairs_multi_membership_and_miscellany() -> None:
    gold = {"a": ("S1",), "b": ("S1",), "c": ("S2",), "x": ("S1", "S2"), "m1": ("M",), "m2": ("M",)}
    pred = {"a": {"p"}, "b": {"p"}, "c": {"q"}, "x": {"p"}, "m1": {"r"}, "m2": {"r"}}
    prf = score_stories(pred, gold, miscellany=["M"])
    # gold pairs: ab ax bx cx; predicted: ab ax bx m1m2 (a miscellany pair is wrong)
    assert (prf.tp, prf.fp, prf.fn) == (3, 1, 1)


def test_originality_classes_unknown_is_a_miss() -> None:
    original, derivative, errors = score_originality(
        {"a": "original", "b": "derivative", "c": "unknown", "d": "original"},
        {"a": "original", "b": "copy", "c": "rewrite", "d": "paraphrase", "e": None},
    )
    assert (original.tp, original.fp, original.fn) == (1, 1, 0)
    assert (derivative.tp, derivative.fp, derivative.fn) == (1, 0, 2)
    assert {e["page"] for e in errors} == {"c", "d"}


def test_gold_outlets_normalisation() -> None:
    outlets, others = gold_outlets("'told Radio Free Europe/Radio Liberty'; UAF General Staff")
    assert outlets == ["rferl"] and others == ["UAF General Staff"]
    assert gold_outlets("CNN (own)")[0] == []
    assert gold_outlets("Prigozhin Telegram; CNN; Reuters photo")[0] == ["cnn", "reuters"]
    assert gold_outlets("'writes BBC Russian service'")[0] == ["bbc"]
    assert gold_outlets("currenttime.tv")[0] == ["currenttime"]


def test_gold_file_and_extra_spec(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"about": "S9 is a miscellany, not one story.", "stories": [
        {"story": "S1", "pages": [{"id": "a", "relation": "copy", "cites": "CNN"}]},
        {"story": "S9", "pages": [{"id": "b", "relation": None, "cites": ""}]},
    ]}), encoding="utf-8")
    pages, misc = load_gold(gold)
    assert misc == ("S9",) and pages["a"].stories == ("S1",)
    assert parse_extra("x/y.txt=S01,S16") == ("x/y.txt", ("S01", "S16"))
    assert parse_extra("x/y.txt") == ("x/y.txt", ())


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_dev_corpus_meets_the_floors() -> None:
    report = evaluate_provenance(CORPUS, GOLD, [f"{EXAMPLE}=S01,S16"])
    assert report.pages == 97 and report.judged == 76
    assert report.stories.f1 >= FLOORS["story_f1"]
    assert report.macro_f1 >= FLOORS["macro_f1"]
    assert report.cited_recall >= FLOORS["cited_recall"]


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_trace_of_the_example_claim() -> None:
    runner = CliRunner()
    result = runner.invoke(app, [
        "trace", "Russian Ministry of Defence directly recruited prisoners", str(CORPUS),
        str(EXAMPLE), "--format", "json",
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    claim = data["claim"]
    primaries = {p["name"] for p in claim["primary_sources"]}
    assert "former prisoners" in primaries and "Andriy Usov" in primaries
    assert "CNN" in claim["channels"]
    assert "forced-to-fight" in claim["articles"]
    assert {"localnews8-cnn-convicts-mod", "ctvnews-cnn-convicts-mod"} <= set(claim["articles"])
    leaves = [a for s in data["tree"]["children"] for ch in s["children"] for a in ch["children"]]
    example = next(a for a in leaves if a["label"] == "forced-to-fight")
    assert example["relation"].startswith("derivative")
