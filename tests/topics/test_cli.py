"""``sourcetrace map`` and ``sourcetrace edge-report`` through the command line."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app

from tests.conftest import REPO
from .conftest import FIXTURES

PACK = str(FIXTURES / "valdoria.toml")
DEMO = [str(REPO / "demo" / n) for n in ("original-ledger.txt", "radio-meridian.txt",
                                          "ministry-denial.txt", "wire-copy.txt")]
runner = CliRunner()


def test_malformed_pack_exits_1_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(Path(PACK).read_text(encoding="utf-8").replace("label = \"Osterfell\"",
                                                                  "lable = \"Osterfell\""),
                   encoding="utf-8")
    result = runner.invoke(app, ["map", "--topic", str(bad), *DEMO])
    assert result.exit_code == 1
    assert f"topic pack {bad}:" in result.output and "unknown key 'lable'" in result.output


def test_unknown_topic_is_a_usage_error() -> None:
    result = runner.invoke(app, ["map", "--topic", "no-such-topic", *DEMO])
    assert result.exit_code == 2 and "unknown topic" in result.output


@pytest.mark.slow
def test_map_formats_and_edge_report(tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    result = runner.invoke(app, ["map", "--topic", PACK, *DEMO, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    ids = {e["id"] for e in data["edges"]}
    assert "recruiters>residence>migrant_workers" in ids

    graph = runner.invoke(app, ["map", "--topic", PACK, *DEMO, "-f", "graphml"])
    assert graph.exit_code == 0 and ET.fromstring(graph.stdout.encode()).tag.endswith("graphml")

    table = runner.invoke(app, ["map", "--topic", PACK, *DEMO, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert rows and {"title", "source", "date", "outlet", "url", "evidence_sha256"} <= set(rows[0])
    assert all(r["hash_of"] == "text" for r in rows)

    page = runner.invoke(app, ["map", "--topic", PACK, *DEMO, "-f", "html"])
    assert page.stdout.startswith("<!DOCTYPE html>")

    report = runner.invoke(app, ["edge-report", "recruiters>residence>migrant_workers",
                                 "--topic", PACK, *DEMO])
    assert report.exit_code == 0 and "independent origin(s)" in report.stdout
    missing = runner.invoke(app, ["edge-report", "a>b>c", "--topic", PACK, *DEMO])
    assert missing.exit_code == 2 and "no edge 'a>b>c'" in missing.output


@pytest.mark.slow
def test_map_from_the_store_uses_capture_hashes(tmp_path: Path) -> None:
    db = str(tmp_path / "evidence.db")
    ingest = runner.invoke(app, ["--db", db, "ingest", *DEMO])
    assert ingest.exit_code == 0, ingest.output
    table = runner.invoke(app, ["--db", db, "map", "--topic", PACK, "-f", "csv"])
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert rows and all(r["hash_of"] == "capture" and len(r["evidence_sha256"]) == 64
                        for r in rows)
