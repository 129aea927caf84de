"""Training data conversion and a tiny, seconds-long training run (twice: determinism).

The corpus is the hand-written PolNeAR-shaped fixture (fictional texts), copied
as both the train and the dev split; no real training happens in the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy
import pytest

from sourcetrace.evaluation.polnear import load_polnear
from sourcetrace.nlp.pipeline import load_pipeline
from sourcetrace.training import TrainSettings, train
from sourcetrace.training.data import convert

MINI = Path(__file__).parents[1] / "fixtures" / "polnear_mini"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("polnear")
    shutil.copy(MINI / "metadata.tsv", root / "metadata.tsv")
    for split in ("train", "dev"):
        shutil.copytree(MINI / "dev", root / split)
    return root


def test_gold_roles_become_entities_on_the_parse() -> None:
    golds = load_polnear(MINI, "dev")
    db, _, stats = convert(golds, load_pipeline("en", "rules"))
    assert stats.docs == len(golds) and stats.clashes == 0
    nlp = load_pipeline("en", "rules")
    for doc, gold in zip(db.get_docs(nlp.vocab), golds, strict=True):
        assert doc.text == gold.text
        assert doc.has_annotation("DEP")  # the tagger's features need the stored parse
        by_label: dict[str, set[str]] = {}
        for ent in doc.ents:
            by_label.setdefault(ent.label_, set()).add(ent.text)
            assert not ent[0].is_space and not ent[-1].is_space
            assert not any(t.is_sent_start for t in ent[1:])  # spaCy's ner cannot cross them
        for att in gold.attributions:
            for s, e in att.cue:
                assert gold.text[s:e] in by_label["CUE"]


def _weights(model: Path) -> bytes:
    return (model / "sourcetrace_tagger" / "model").read_bytes()


def test_same_seed_same_model(corpus: Path, tmp_path: Path) -> None:
    settings = TrainSettings(seed=3, max_steps=6, eval_frequency=3)
    a = train(corpus, tmp_path / "a", settings, log=lambda _: None)
    b = train(corpus, tmp_path / "b", settings, log=lambda _: None)
    assert _weights(a.model) == _weights(b.model)
    assert a.dev_ents_f == b.dev_ents_f
    assert (a.model / "sourcetrace-provenance.json").is_file()
    c = train(corpus, tmp_path / "c", TrainSettings(seed=4, max_steps=6, eval_frequency=3), log=lambda _: None)
    assert _weights(c.model) != _weights(a.model)


def test_accurate_tagger_trains_on_encoder_vectors_reproducibly(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    import json

    from sourcetrace.nlp.encoder import WIDTH
    from sourcetrace.training.data import tensor_path

    settings = TrainSettings(seed=3, max_steps=6, eval_frequency=3, accurate=True)
    a = train(corpus, tmp_path / "a", settings, log=lambda _: None)
    b = train(corpus, tmp_path / "b", settings, log=lambda _: None)
    assert _weights(a.model) == _weights(b.model)
    tensors = numpy.load(tensor_path(tmp_path / "a" / "corpus" / "train.spacy"))
    assert tensors.shape[1] == 96 + WIDTH  # the parser's vectors, then the encoder's
    config = (a.model / "config.cfg").read_text("utf-8")
    assert "sourcetrace.AttributionEmbed.v3" in config
    assert "MiniLM" in json.loads((a.model / "sourcetrace-provenance.json").read_text("utf-8"))["model"]


def test_ensemble_trains_every_member_and_the_mode_reads_them(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import sourcetrace
    from sourcetrace.nlp import model as model_module
    from sourcetrace.nlp import pipeline
    from sourcetrace.training import train_ensemble
    from sourcetrace.training.ensemble import ENSEMBLE_MEMBERS, MIN_VOTES

    folder = train_ensemble(corpus, tmp_path / "ens", TrainSettings(seed=3, max_steps=4, eval_frequency=2),
                            log=lambda _: None)
    spec = json.loads((folder / "members.json").read_text("utf-8"))
    assert spec == {"members": list(ENSEMBLE_MEMBERS), "min_votes": MIN_VOTES}
    settings = json.loads((folder / "sourcetrace-provenance.json").read_text("utf-8"))["members"]
    assert [settings[name]["seed"] for name in ("default", "seed1", "seed2")] == [3, 4, 5]
    assert settings["depth4"]["overrides"] == {"components.sourcetrace_tagger.model.tok2vec.encode.depth": 4}
    assert "depth = 4" in (folder / "depth4" / "config.cfg").read_text("utf-8")
    # the corpus is parsed once and shared by the members
    assert not (tmp_path / "ens" / "members" / "default" / "corpus").exists()
    # the ensemble mode runs on the freshly trained members
    monkeypatch.setattr(model_module, "model_dir", lambda name="": folder)
    pipeline.load_pipeline.cache_clear()
    try:
        record = sourcetrace.extract("The mayor said the bridge would reopen in May.", mode="ensemble")
        assert "sourcetrace_tagger_vote" in pipeline.load_pipeline("en", "ensemble").pipe_names
    finally:
        pipeline.load_pipeline.cache_clear()
    assert record.text.startswith("The mayor")
