"""``sourcetrace train``: retrain the attribution tagger from the PolNeAR data folder.

Thin: parses options and calls :func:`sourcetrace.training.train` (the default
model), with ``--accurate`` the accurate mode's tagger (it also reads a
pretrained encoder; needs the ``[transformer]`` extra), or with ``--ensemble``
the ensemble mode's members (:func:`sourcetrace.training.train_ensemble`). With
``--install`` the trained model replaces the one the package ships (the
``sourcetrace/models`` folder of this installation), so ``extract`` and
``eval`` use it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer


def train_command(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The PolNeAR data folder (holding train/ and dev/)."),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Build folder for the corpus, checkpoints and model.")
    ] = Path("build/train"),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same model).")] = 0,
    max_steps: Annotated[
        int, typer.Option("--max-steps", min=1, help="Training steps (batches).")
    ] = 4000,
    install: Annotated[
        bool, typer.Option("--install", help="Replace the model this installation ships.")
    ] = False,
    accurate: Annotated[
        bool, typer.Option("--accurate", help="Train the accurate mode's tagger, which also reads "
                                              "a pretrained encoder (the \\[transformer] extra).")
    ] = False,
    ensemble: Annotated[
        bool, typer.Option("--ensemble", help="Train the ensemble mode's taggers (six default-mode "
                                              "taggers that vote; about six times as long).")
    ] = False,
) -> None:
    """Train the tagger on PolNeAR train, keep the best checkpoint on dev."""
    # one BLAS thread: reproducible sums, and polite on a shared machine
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from ..nlp.model import ACCURATE_MODEL, DEFAULT_MODEL, ENSEMBLE_MODEL, model_dir
    from ..training import TrainSettings, train, train_ensemble

    if accurate and ensemble:
        raise typer.BadParameter("choose --accurate or --ensemble, not both")
    settings = TrainSettings(seed=seed, max_steps=max_steps, accurate=accurate)
    if ensemble:
        trained, name = train_ensemble(directory, output, settings, log=typer.echo), ENSEMBLE_MODEL
    else:
        trained = train(directory, output, settings, log=typer.echo).model
        name = ACCURATE_MODEL if accurate else DEFAULT_MODEL
    if install:
        target = model_dir(name)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(trained, target)
        typer.echo(f"installed {target}")

