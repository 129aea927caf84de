"""``ingest --out/--manifest/--engine`` and ``load`` end to end (stub extraction in process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace import ingest_job
from sourcetrace.cli import app
from tests.store.fakes import stub_extract

DEMO = Path(__file__).resolve().parents[2] / "demo"
runner = CliRunner()


@pytest.fixture()
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_job, "extract_batch", stub_extract)


def stats(db: Path) -> dict[str, int]:
    result = runner.invoke(app, ["--db", str(db), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, int] = json.loads(result.stdout)
    return data


def test_out_then_load_equals_a_direct_ingest(tmp_path: Path, stubbed: None) -> None:
    direct = tmp_path / "direct.db"
    result = runner.invoke(app, ["--db", str(direct), "ingest", str(DEMO), "--no-progress",
                                 "--no-link"])
    assert result.exit_code == 0, result.output

    parts = tmp_path / "parts"
    result = runner.invoke(app, ["ingest", str(DEMO), "--out", str(parts), "--no-progress"])
    assert result.exit_code == 0, result.output
    files = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".jsonl"))
    assert result.stderr.count("done: ") == len(files)  # one line per finished shard
    assert (parts / "_manifest.jsonl").is_file()
    assert not (tmp_path / "sourcetrace.db").exists()  # --out writes no store

    again = runner.invoke(app, ["ingest", str(DEMO), "--out", str(parts), "--no-progress"])
    assert again.exit_code == 0, again.output
    assert f"skipped {len(files)} input files" in again.stderr
    assert "0 new articles" in again.stderr

    loaded = tmp_path / "loaded.db"
    result = runner.invoke(app, ["--db", str(loaded), "load", str(parts), "--no-link"])
    assert result.exit_code == 0, result.output
    assert stats(loaded) == stats(direct)
    result = runner.invoke(app, ["--db", str(loaded), "load", str(parts), "--no-link"])
    assert result.exit_code == 0 and "0 new articles" in result.stderr


def test_load_links_the_store_unless_told_not_to(tmp_path: Path, stubbed: None) -> None:
    parts = tmp_path / "parts"
    assert runner.invoke(app, ["ingest", str(DEMO), "--out", str(parts),
                               "--no-progress"]).exit_code == 0
    result = runner.invoke(app, ["--db", str(tmp_path / "s.db"), "load", str(parts)])
    assert result.exit_code == 0, result.output
    assert "linked" in result.stderr


def test_engine_choices_and_addresses_are_usage_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    bad = runner.invoke(app, ["--db", db, "ingest", str(DEMO), "--engine", "spark"])
    assert bad.exit_code == 2
    local = runner.invoke(app, ["--db", db, "ingest", str(DEMO), "--address", "tcp://h:8786"])
    assert local.exit_code == 2 and "--address" in local.stderr
    missing = runner.invoke(app, ["--db", db, "load", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


@pytest.mark.slow
@pytest.mark.cluster
def test_ingest_on_a_local_dask_cluster(tmp_path: Path) -> None:
    db = tmp_path / "dask.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(DEMO), "--engine", "dask",
                                 "--workers", "2", "--batch-size", "4", "--no-progress",
                                 "--no-link"])
    assert result.exit_code == 0, result.output
    local = tmp_path / "local.db"
    result = runner.invoke(app, ["--db", str(local), "ingest", str(DEMO), "--no-progress",
                                 "--no-link"])
    assert result.exit_code == 0, result.output
    assert stats(db) == stats(local)
