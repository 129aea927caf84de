"""The provenance commands over the demo folder (loads the model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app

DEMO = Path(__file__).parents[2] / "demo"
pytestmark = pytest.mark.slow


def test_link_json_has_articles_stories_and_claims() -> None:
    result = CliRunner().invoke(app, ["link", str(DEMO), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = {a["id"] for a in data["articles"]}
    assert {"wire-copy", "meridian-amp-copy", "northgate-brief"} <= ids  # file stems as ids
    wire = next(a for a in data["articles"] if a["id"] == "wire-copy")
    assert wire["originality"] == "derivative"
    assert data["stories"] and data["claims"]


def test_stories_and_trace_tree() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stories", str(DEMO)])
    assert result.exit_code == 0
    assert set(json.loads(result.output)[0]) == {"id", "title", "articles", "first_seen", "languages"}
    result = runner.invoke(app, ["trace", "prison records 1,200 Brennick", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert "original-ledger" in result.output and "prison records" in result.output


def test_unknown_claim_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["trace", "zzzz qqqq", str(DEMO)])
    assert result.exit_code == 2
