"""Training the learned attribution tagger on PolNeAR (``sourcetrace train``).

Reads the PolNeAR data folder at run time; nothing of the corpus is written
into the package. See :mod:`sourcetrace.training.train`.
"""

from __future__ import annotations

from .ensemble import train_ensemble
from .train import PreparedCorpus, TrainResult, TrainSettings, prepare_corpus, train

__all__ = ["PreparedCorpus", "TrainResult", "TrainSettings", "prepare_corpus", "train", "train_ensemble"]
