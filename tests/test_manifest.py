"""The shard manifest: finished files are skipped until they change; torn lines are ignored."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sourcetrace.manifest import Manifest


def test_a_finished_shard_is_skipped_until_its_file_changes(tmp_path: Path) -> None:
    shard = tmp_path / "a.jsonl"
    shard.write_text('{"text": "x"}\n')
    manifest = Manifest(str(tmp_path / "m.jsonl"))
    assert not manifest.is_done(str(shard))
    done = manifest.mark_done(str(shard), items=1, failed=0)
    manifest.close()
    assert done is not None and done.shard == os.path.realpath(shard)

    again = Manifest(str(tmp_path / "m.jsonl"))
    assert again.is_done(str(shard)) and len(again) == 1
    shard.write_text('{"text": "x"}\n{"text": "y"}\n')  # new size
    assert not again.is_done(str(shard))


def test_a_torn_last_line_is_ignored_and_ended(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("one")
    second.write_text("two")
    path = tmp_path / "m.jsonl"
    manifest = Manifest(str(path))
    manifest.mark_done(str(first), items=1, failed=0)
    manifest.close()
    with open(path, "a", encoding="utf-8") as stream:
        stream.write('{"shard": "/elsewhere", "si')  # killed mid-write
    reopened = Manifest(str(path))
    assert reopened.is_done(str(first)) and len(reopened) == 1
    reopened.mark_done(str(second), items=1, failed=0)
    reopened.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["shard"] == os.path.realpath(second)
    assert Manifest(str(path)).is_done(str(second))


def test_a_vanished_file_is_not_marked(tmp_path: Path) -> None:
    manifest = Manifest(str(tmp_path / "m.jsonl"))
    assert manifest.mark_done(str(tmp_path / "gone.jsonl"), items=0, failed=0) is None
    assert not (tmp_path / "m.jsonl").exists()
