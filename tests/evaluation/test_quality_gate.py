"""The quality gate: PolNeAR dev F1 must not fall below the checked-in floors.

The default mode's floors are ``polnear-dev``; the accurate mode's (the
``[transformer]`` extra, which CI installs) are ``polnear-dev-accurate``; the ensemble
mode's are ``polnear-dev-ensemble``. These score top-level attributions, as PolNeAR
annotates; ``polnear-dev-nested`` holds the default mode with nested attributions
scored too, so that spurious nesting cannot grow unseen.
"""

from __future__ import annotations

import json

import pytest

from sourcetrace.evaluation.report import evaluate_polnear
from tests.conftest import REPO, shared_path

pytestmark = pytest.mark.slow

BASELINE = json.loads((REPO / "quality" / "baseline.json").read_text("utf-8"))
FLOORS = {"model": BASELINE["polnear-dev"], "accurate": BASELINE["polnear-dev-accurate"],
          "ensemble": BASELINE["polnear-dev-ensemble"], "model-nested": BASELINE["polnear-dev-nested"]}
_scores: dict[str, dict[str, float]] = {}


def dev_scores(mode: str) -> dict[str, float]:
    if mode not in _scores:
        if mode == "accurate":
            pytest.importorskip("transformers")
        nested = mode == "model-nested"
        report = evaluate_polnear(
            shared_path("data", "polnear"), "dev", mode="model" if nested else mode, nested=nested
        )
        _scores[mode] = {key: 100 * counts.f1 for key, counts in report.total.items()}
    return _scores[mode]


@pytest.mark.parametrize(("mode", "key"), [(m, k) for m, floors in FLOORS.items() for k in sorted(floors)])
def test_dev_f1_at_or_above_floor(mode: str, key: str) -> None:
    scores = dev_scores(mode)
    floor = FLOORS[mode][key]
    assert scores[key] >= floor, f"{mode} {key}: F1 {scores[key]:.1f} < floor {floor}"
