"""``train --ensemble``: the ensemble mode's members, trained alike but not the same.

Every member is the default tagger's kind (``tagger.cfg``, the same features), trained on
the same parsed corpus (parsed once) with another seed or another shape, and selected,
as the default tagger is, by its best dev entity F1. The members and the quorum
(:data:`MIN_VOTES`) were chosen on PolNeAR dev, end to end; see the README.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..nlp.ensemble import EnsembleSpec
from .train import PROVENANCE, TrainSettings, prepare_corpus, train

TOK2VEC = "components.sourcetrace_tagger.model.tok2vec"
MIN_VOTES = 2
# name: (seed offset from the run's seed, config overrides); in vote order
ENSEMBLE_MEMBERS: dict[str, tuple[int, dict[str, Any]]] = {
    "default": (0, {}),
    "depth3": (0, {f"{TOK2VEC}.encode.depth": 3}),
    "depth4": (0, {f"{TOK2VEC}.encode.depth": 4}),
    "lemma": (0, {f"{TOK2VEC}.embed.attrs": ["NORM", "LEMMA", "TAG", "DEP"],
                  f"{TOK2VEC}.embed.rows": [20000, 10000, 200, 200]}),
    "seed1": (1, {}),
    "seed2": (2, {}),
}


def member_settings(base: TrainSettings) -> dict[str, TrainSettings]:
    """Each member's settings: ``base`` with the member's seed and overrides."""
    if base.accurate:
        raise ValueError("the ensemble's members are default-mode taggers (accurate=False)")
    return {name: replace(base, seed=base.seed + offset, overrides={**base.overrides, **extra})
            for name, (offset, extra) in ENSEMBLE_MEMBERS.items()}


def train_ensemble(
    polnear: Path,
    output: Path,
    settings: TrainSettings = TrainSettings(),
    *,
    log: Callable[[str], None] = print,
) -> Path:
    """Train every member into ``output/members/<name>`` and gather them, with
    ``members.json``, in ``output/model``; returns that folder."""
    started = time.perf_counter()
    output = Path(output)
    corpus = prepare_corpus(polnear, output, settings, log=log)
    model = output / "model"
    if model.exists():
        shutil.rmtree(model)
    model.mkdir(parents=True)
    scores: dict[str, float] = {}
    for name, member in member_settings(settings).items():
        log(f"member {name}: seed {member.seed}, overrides {member.overrides or 'none'}")
        result = train(polnear, output / "members" / name, member, log=log, corpus=corpus)
        shutil.copytree(result.model, model / name)
        scores[name] = round(result.dev_ents_f, 4)
    EnsembleSpec(tuple(ENSEMBLE_MEMBERS), MIN_VOTES).write(model)
    provenance = {
        "model": "sourcetrace ensemble tagger: default-mode taggers that vote "
                 f"(a span is kept when {MIN_VOTES} members tagged exactly it)",
        "members": {name: json.loads((model / name / PROVENANCE).read_text("utf-8"))["settings"]
                    for name in ENSEMBLE_MEMBERS},
        "dev_entity_f1": scores,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (model / PROVENANCE).write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    log(f"ensemble of {len(scores)} members in {model}")
    return model
