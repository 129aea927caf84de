"""Parquet output: sharded inputs streamed into parts, resumed by manifest, loaded into a store.

The extractor is the deterministic stub of ``tests/store/fakes.py``: no spaCy model.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sourcetrace.ingest_job import ingest_corpus
from sourcetrace.manifest import Manifest
from sourcetrace.sinks.parquet import ParquetSink, load_parquet, part_files
from sourcetrace.store import Store, open_store

from tests.store.fakes import fictional_text, stub_extract


def records(store: Store) -> dict[str, dict[str, object]]:
    return {a.id: a.record.to_dict() for a in store.iter_articles()}


def write_shards(folder: Path, shards: int, per_shard: int) -> list[Path]:
    """``shards`` JSONL files (every other one gzipped) of fictional articles."""
    folder.mkdir()
    paths = []
    for s in range(shards):
        lines = [json.dumps({"id": f"s{s}-{n}", "text": fictional_text(s * 100 + n)})
                 for n in range(per_shard)]
        data = ("\n".join(lines) + "\n").encode()
        if s % 2:
            path = folder / f"shard-{s:02d}.jsonl.gz"
            path.write_bytes(gzip.compress(data))
        else:
            path = folder / f"shard-{s:02d}.jsonl"
            path.write_bytes(data)
        paths.append(path)
    return paths


def test_parquet_parts_load_into_a_store_as_a_direct_ingest_would(tmp_path: Path) -> None:
    write_shards(tmp_path / "in", shards=4, per_shard=5)
    (tmp_path / "in" / "broken.jsonl").write_text('{"text": "fine"}\n{not json\n')
    out = tmp_path / "out"
    report = ingest_corpus(ParquetSink(str(out)), [str(tmp_path / "in")],
                           extractor=stub_extract, batch_size=3)
    assert report.new_articles == 21 and report.failed == 1
    assert all(p.endswith(".parquet") for p in part_files(str(out)))
    assert len(part_files(str(out))) >= 7  # one part per committed batch

    with open_store(str(tmp_path / "direct.db")) as direct:
        ingest_corpus(direct, [str(tmp_path / "in")], extractor=stub_extract)
        expected = records(direct)
        expected_failures = [f.where for f in direct.failures()]
    with open_store(str(tmp_path / "loaded.db")) as loaded:
        first = load_parquet(loaded, str(out), batch_size=4)
        assert (first.new_articles, first.failed, first.items) == (21, 1, 22)
        again = load_parquet(loaded, str(out))  # idempotent
        assert again.new_captures == 0 and again.unchanged == 21
        assert records(loaded) == expected
        assert [f.where for f in loaded.failures()] == expected_failures
        assert loaded.stats().captures == 21
        stored = loaded.article("s1-3")  # from a gzipped shard, custody kept
        assert stored.captures[0].locator == "line 4"


def test_a_rerun_skips_finished_shards_and_writes_only_what_is_missing(
        tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", shards=3, per_shard=4)
    out = tmp_path / "out"
    manifest_path = out / "_manifest.jsonl"
    seen: list[str] = []
    manifest = Manifest(str(manifest_path))
    # a run that stops after the first shard (as if killed once it was written)
    first = ingest_corpus(ParquetSink(str(out)), [str(paths[0])], extractor=stub_extract,
                          manifest=manifest, on_shard=lambda done: seen.append(done.shard))
    manifest.close()
    assert first.shards_done == 1 and len(seen) == 1 and seen[0].endswith("shard-00.jsonl")
    # and a half-written second shard: two of its items are already in a part
    partial = ParquetSink(str(out))
    ingest_corpus(partial, [str(paths[1])], extractor=stub_extract, batch_size=2,
                  progress=None)
    parts_before = len(part_files(str(out)))
    assert parts_before >= 2

    manifest = Manifest(str(manifest_path))
    rerun = ingest_corpus(ParquetSink(str(out)), [str(tmp_path / "in")],
                          extractor=stub_extract, manifest=manifest)
    manifest.close()
    assert rerun.shards_skipped == 1  # shard-00 is not even read
    assert rerun.unchanged == 4  # shard-01's items were already written
    assert rerun.new_articles == 4  # only shard-02 is new
    assert rerun.shards_done == 2
    with open_store(str(tmp_path / "s.db")) as store:
        load_parquet(store, str(out))
        assert store.stats().articles == 12 and store.stats().captures == 12


def test_a_truncated_gzip_shard_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", shards=2, per_shard=30)
    data = paths[1].read_bytes()
    paths[1].write_bytes(data[: len(data) // 2])
    with open_store(str(tmp_path / "s.db")) as store:
        report = ingest_corpus(store, [str(tmp_path / "in")], extractor=stub_extract)
        assert report.failed == 1
        assert report.failures[0].where == str(paths[1])
        assert "ends early" in report.failures[0].reason
        assert store.stats().articles >= 30  # shard 0 whole, and what shard 1 had


def test_load_refuses_a_folder_that_is_not_there(tmp_path: Path) -> None:
    from sourcetrace.errors import UsageError

    with open_store(str(tmp_path / "s.db")) as store, pytest.raises(UsageError):
        load_parquet(store, str(tmp_path / "nowhere"))
