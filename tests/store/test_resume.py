"""Kill -9 an ingest part-way, run it again: exactly the records of an uninterrupted run.

The first test kills a subprocess ingest (stub extractor, small batches) several
times at random moments, on each backend, then lets it finish; the second is the
issue's acceptance check on the PolNeAR train texts with the real pipeline and
the real CLI (two worker processes, the whole process group killed).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.store import open_store
from tests.conftest import shared_path

from .fakes import fictional_text, stub_extract

DRIVER = Path(__file__).with_name("resume_driver.py")
REPO = Path(__file__).resolve().parents[2]


def snapshot(url: str) -> dict[str, Any]:
    """Everything a run leaves in a store, minus times (which differ between runs)."""
    with open_store(url, create=False) as store:
        articles = {
            a.id: {"record": a.record.to_dict(),
                   "captures": sorted([c.sha256, c.url, c.path, c.locator, c.size]
                                      for c in a.captures)}
            for a in store.iter_articles()
        }
        return {"stats": store.stats().to_dict(), "articles": articles,
                "failures": sorted([f.where, f.reason] for f in store.failures())}


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def captures_so_far(url: str) -> int:
    """Committed captures, read with a plain connection (no migration, no lock)."""
    try:
        if url.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                row = conn.execute("SELECT count(*) FROM captures").fetchone()
        else:
            with sqlite3.connect(url, timeout=1) as conn:
                row = conn.execute("SELECT count(*) FROM captures").fetchone()
            conn.close()
    except Exception:  # noqa: BLE001 - not created yet, or locked for a moment
        return 0
    return int(row[0]) if row else 0


def kill_part_way(command: list[str], url: str, target: int, rng: random.Random,
                  timeout: float = 600) -> bool:
    """Start ``command``; SIGKILL its process group once ``target`` captures are in.

    Returns whether the kill landed while the ingest was still running.
    """
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if captures_so_far(url) >= target:
                time.sleep(rng.uniform(0, 0.03))  # land anywhere, not only after a commit
                break
            time.sleep(0.01)
        running = process.poll() is None
        if running:
            os.killpg(process.pid, signal.SIGKILL)
        return running
    finally:
        process.wait()


def make_corpus(folder: Path) -> list[str]:
    """Fictional texts, JSONL versions and duplicates, and two bad inputs."""
    folder.mkdir()
    for n in range(150):
        (folder / f"t{n:03}.txt").write_text(fictional_text(n), encoding="utf-8")
    lines = []
    for n in range(90):
        record: dict[str, str] = {"id": f"v{n % 25}", "text": fictional_text(1000 + n)}
        if n % 10 == 0:
            record = {"url": f"https://mirror.example/{n % 3}", "text": fictional_text(n)}
        lines.append(json.dumps(record))
    lines.append("{not json")
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff not text")
    return [str(folder)]


@pytest.mark.slow
def test_killed_ingests_resume_to_the_clean_result(store_url: str, tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "corpus")
    clean = str(tmp_path / "clean.db")
    with open_store(clean) as store:
        ingest_corpus(store, inputs, extractor=stub_extract, batch_size=7)
    expected = snapshot(clean)
    total = expected["stats"]["captures"]
    assert expected["stats"]["failed"] == 2 and total > 150

    command = [sys.executable, str(DRIVER), store_url, "7", *inputs]
    rng = random.Random(4)
    kills = 0
    for fraction in (0.2, 0.45, 0.7):
        kills += kill_part_way(command, store_url, int(total * fraction), rng)
    assert kills >= 2, "the ingest finished before it could be killed"
    assert 0 < captures_so_far(store_url) < total
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    got = snapshot(store_url)
    assert got["stats"] == expected["stats"]
    assert got == expected and digest(got) == digest(expected)


@pytest.mark.slow
def test_killed_polnear_ingest_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    train = shared_path("data", "polnear", "train", "text")
    cli = [sys.executable, "-c", "from sourcetrace.cli import main; main()"]
    clean, resumed = str(tmp_path / "clean.db"), str(tmp_path / "resumed.db")
    ingest = ["ingest", str(train), "--no-progress", "--workers", "2", "--batch-size", "16"]
    done = subprocess.run([*cli, "--db", clean, *ingest], cwd=REPO, capture_output=True,
                          text=True, timeout=3000)
    assert done.returncode == 0, done.stderr
    expected = snapshot(clean)
    total = expected["stats"]["captures"]
    distinct_texts = len({f.read_bytes() for f in train.glob("*.txt")})  # two files are twins
    assert expected["stats"]["articles"] == total == distinct_texts
    assert expected["stats"]["failed"] == 0

    killed = kill_part_way([*cli, "--db", resumed, *ingest], resumed, total // 3,
                           random.Random(7), timeout=3000)
    assert killed, "the ingest finished before it could be killed"
    part = captures_so_far(resumed)
    assert 0 < part < total
    again = subprocess.run([*cli, "--db", resumed, *ingest], cwd=REPO, capture_output=True,
                           text=True, timeout=3000)
    assert again.returncode == 0, again.stderr
    assert f"{total - part:,} new captures" in again.stderr  # nothing committed was redone
    got = snapshot(resumed)
    assert got["stats"] == expected["stats"]
    assert digest(got) == digest(expected)
