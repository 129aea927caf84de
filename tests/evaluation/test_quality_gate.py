"""The quality gate: PolNeAR dev F1 must not fall below the checked-in floors."""

from __future__ import annotations

import json

import pytest

from sourcetrace.evaluation.report import evaluate_polnear
from tests.conftest import REPO, shared_path

pytestmark = pytest.mark.slow

FLOORS = json.loads((REPO / "quality" / "baseline.json").read_text("utf-8"))["polnear-dev"]


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, float]:
    root = shared_path("data", "polnear")
    report = evaluate_polnear(root, "dev")
    return {key: 100 * counts.f1 for key, counts in report.total.items()}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_dev_f1_at_or_above_floor(dev_scores: dict[str, float], key: str) -> None:
    assert dev_scores[key] >= FLOORS[key], f"{key}: F1 {dev_scores[key]:.1f} < floor {FLOORS[key]}"
