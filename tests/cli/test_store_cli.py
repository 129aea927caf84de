"""The store commands end to end: ingest, stats, search, sources, article, export, export-raw,
failures; exit codes 0/1/2; ``--db`` before or after the command and ``$SOURCETRACE_DB``.

Most tests replace the extractor with the stub of ``tests/store/fakes.py``; the
tests marked ``slow`` run the real pipeline on the shared corpus (the issue's
acceptance checks) and are skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sourcetrace import ingest_job
from sourcetrace.cli import app
from sourcetrace.link_job import stored_records
from sourcetrace.linking import Provenance, link_corpus
from sourcetrace.records import Article, Extraction
from sourcetrace.store import article_key, open_store
from sourcetrace.store.schema import LATEST
from tests.conftest import shared_path
from tests.store.fakes import stub_extract

DEMO = Path(__file__).resolve().parents[2] / "demo"
runner = CliRunner()


@pytest.fixture()
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_job, "extract_batch", stub_extract)


@pytest.fixture()
def db(tmp_path: Path, stubbed: None) -> str:
    """A store holding the demo corpus (stub extraction)."""
    path = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["--db", path, "ingest", str(DEMO), "--no-progress"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def stats(path: str) -> dict[str, int]:
    result = run("--db", path, "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, int] = json.loads(result.stdout)
    return data


def test_ingest_then_stats_and_again_unchanged(db: str) -> None:
    first = stats(db)
    assert first["articles"] == 9 and first["failed"] == 0
    assert set(first) == {"articles", "attributions", "sources", "assertions", "failed",
                          "captures"}
    result = run("ingest", str(DEMO), "--db", db)  # --db after the command works too
    assert result.exit_code == 0, result.output
    assert "0 new articles" in result.stderr and "9 unchanged" in result.stderr
    assert stats(db) == first
    table = run("--db", db, "stats")
    assert table.exit_code == 0 and "attributions" in table.stdout


def test_the_store_comes_from_the_environment(tmp_path: Path, stubbed: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCETRACE_DB", str(tmp_path / "env.db"))
    assert run("ingest", str(DEMO / "wire-copy.txt")).exit_code == 0
    assert stats(str(tmp_path / "env.db"))["articles"] == 1


def test_failures_give_exit_1_and_are_listed(tmp_path: Path, stubbed: None) -> None:
    path = str(tmp_path / "f.db")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    result = run("--db", path, "ingest", str(DEMO / "wire-copy.txt"), str(bad),
                 str(tmp_path / "missing.html"), "file:///etc/passwd")
    assert result.exit_code == 1
    assert f"error: {bad}: not UTF-8 text" in result.stderr
    assert "3 failed" in result.stderr and "1 new articles" in result.stderr
    listed = run("--db", path, "failures", "--format", "json")
    assert listed.exit_code == 0
    assert {f["where"] for f in json.loads(listed.stdout)} == {
        str(bad), str(tmp_path / "missing.html"), "file:///etc/passwd"}
    table = run("--db", path, "failures")
    assert "not UTF-8" in table.stdout
    assert stats(path)["failed"] == 3


def test_search_with_highlights(db: str) -> None:
    result = run("--db", db, "search", "residence permits", "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and {"kind", "article_id", "snippet", "highlights"} <= set(hits[0])
    for hit in hits:
        marked = {hit["snippet"][s:e].lower() for s, e in hit["highlights"]}
        assert marked & {"residence", "permits", "residence permits"}
    table = run("--db", db, "search", "residence")
    assert table.exit_code == 0 and "article" in table.stdout


@pytest.mark.parametrize("query", ['"permits', "permits' OR 1=1; --", "NEAR(a b)", "*", "a:b"])
def test_search_with_special_characters_is_safe(db: str, query: str) -> None:
    result = run("--db", db, "search", query)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert "no words to search for" in result.output


def test_sources_by_name(db: str) -> None:
    result = run("--db", db, "sources", "--format", "json")
    assert result.exit_code == 0
    every = json.loads(result.stdout)
    assert every and all(s["source"] for s in every)
    name = every[0]["source"]
    some = run("--db", db, "sources", "--name", name.upper()[1:-1], "--format", "json")
    statements = json.loads(some.stdout)
    assert statements and all(name.casefold()[1:-1] in s["source"].casefold()
                              for s in statements)
    assert {"source", "channel", "content", "article_id", "cue"} <= set(statements[0])
    table = run("--db", db, "sources", "--name", "nobody-at-all")
    assert table.exit_code == 0 and "no statements" in table.stdout


def test_article_record_with_custody(db: str) -> None:
    text = (DEMO / "wire-copy.txt").read_text(encoding="utf-8")
    article_id = article_key(Article(text=text)).id
    result = run("--db", db, "article", article_id)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    record = Extraction.from_dict(data)
    assert record.text == text and record.doc.id == article_id
    assert data["identity"] == {"kind": "sha256", "value": record.doc.sha256, "ext_id": None}
    (capture,) = data["captures"]
    assert set(capture) == {"sha256", "retrieved_at", "url", "path", "size", "locator"}
    assert capture["path"] == str(DEMO / "wire-copy.txt")
    assert capture["size"] == len((DEMO / "wire-copy.txt").read_bytes())
    table = run("--db", db, "article", article_id, "--format", "table")
    assert table.exit_code == 0 and "captures" in table.stdout
    missing = run("--db", db, "article", "no-such-article")
    assert missing.exit_code == 1 and "no article 'no-such-article'" in missing.stderr


def test_export_raw_gives_the_original_bytes(db: str, tmp_path: Path) -> None:
    raw = (DEMO / "perevod-ru.txt").read_bytes()
    article_id = article_key(Article(text=raw.decode("utf-8"))).id
    result = run("--db", db, "export-raw", article_id)
    assert result.exit_code == 0 and result.stdout_bytes == raw
    out = tmp_path / "raw.bin"
    assert run("--db", db, "export-raw", article_id, "--output", str(out)).exit_code == 0
    assert out.read_bytes() == raw
    line = next(line for line in (DEMO / "articles.jsonl").read_bytes().splitlines()
                if b"northgate-brief" in line)
    assert run("--db", db, "export-raw", "northgate-brief").stdout_bytes == line


def test_exports(db: str, tmp_path: Path) -> None:
    jsonl = run("--db", db, "export", "--format", "jsonl")
    assert jsonl.exit_code == 0
    lines = jsonl.stdout.splitlines()
    assert len(lines) == 9
    assert all(Extraction.from_dict(json.loads(line)).text for line in lines)
    rows = list(csv.DictReader(io.StringIO(run("--db", db, "export", "-f", "csv").stdout)))
    assert len(rows) == stats(db)["attributions"]
    assert {"article_id", "source", "channel", "content", "confidence"} <= set(rows[0])
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert run("--db", db, "export", "-f", "parquet", "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(rows) and "channel" in table.column_names
    assert run("--db", db, "export", "-f", "parquet").exit_code == 2  # needs --output


def test_parquet_without_pyarrow_names_the_extra(db: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError("no pyarrow here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = run("--db", db, "export", "-f", "parquet", "-o", str(tmp_path / "x.parquet"))
    assert result.exit_code == 1
    assert "sourcetrace[parquet]" in result.stderr


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    for command in (["stats"], ["search", "x"], ["sources"], ["failures"], ["article", "x"],
                    ["export"], ["export-raw", "x"], ["link"], ["stories"], ["claims"],
                    ["trace", "x"]):
        result = run("--db", str(path), *command)
        assert result.exit_code == 1 and "no such store" in result.stderr, command
    assert not path.exists()


def test_a_newer_store_is_refused_with_a_clear_message(db: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'future', 'later')", (LATEST + 1,))
    conn.close()
    result = run("--db", db, "stats")
    assert result.exit_code == 1
    assert f"schema version {LATEST + 1} is newer than this sourcetrace supports" in result.stderr


def test_usage_errors_exit_2(db: str) -> None:
    assert run("--db", db, "ingest").exit_code == 2
    assert run("--db", db, "ingest", str(DEMO), "--workers", "0").exit_code == 2
    assert run("--db", db, "export", "--format", "xml").exit_code == 2
    assert run("--db", "mysql://x/y", "stats").exit_code == 2


@pytest.mark.slow
def test_acceptance_on_the_shared_corpus(tmp_path: Path) -> None:
    jsonl = shared_path("corpus", "recruitment-dev.jsonl")
    example = shared_path("corpus", "forced-to-fight.txt")
    path = str(tmp_path / "acceptance.db")
    first = run("--db", path, "ingest", str(jsonl), str(example))
    assert first.exit_code == 0, first.output
    counts = stats(path)
    assert counts["articles"] == 97 and counts["failed"] == 0
    again = run("--db", path, "ingest", str(jsonl), str(example))
    assert again.exit_code == 0 and stats(path) == counts

    usov = json.loads(run("--db", path, "sources", "--name", "Usov", "--format", "json").stdout)
    assert usov and all("usov" in s["source"].lower() for s in usov)
    assert "CNN" in {s["channel"] for s in usov}
    table = run("--db", path, "sources", "--name", "Usov")
    assert "Usov" in table.stdout and "CNN" in table.stdout

    example_id = article_key(Article(text=example.read_text(encoding="utf-8"))).id
    hits = json.loads(run("--db", path, "search", "cannon fodder", "--format", "json").stdout)
    assert example_id in {h["article_id"] for h in hits}

    # ingest linked the corpus: the trace, read from the store
    traced = run("--db", path, "trace", "Defence Ministry recruits prisoners directly",
                 "--format", "json")
    assert traced.exit_code == 0, traced.output
    tree = json.dumps(json.loads(traced.stdout)["tree"], ensure_ascii=False)
    assert "Usov" in tree and "CNN" in tree and example_id in tree
    example = json.loads(run("--db", path, "article", example_id).stdout)
    assert example["originality"] == "derivative"


def test_progress_bar_shows_articles_per_second(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from sourcetrace.cli.store_commands import _progress

    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # make Rich treat captured stderr as a terminal
    with _progress(True) as advance:
        for _ in range(4):
            advance(5)
            time.sleep(0.05)
    err = capsys.readouterr().err
    assert "20 items" in err and "articles/s" in err
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    with _progress(True) as advance:
        advance(5)
    assert capsys.readouterr().err == ""  # not a terminal: no bar


# -- provenance kept in the store ----------------------------------------------


def _id_of(name: str) -> str:
    return article_key(Article(text=(DEMO / name).read_text(encoding="utf-8"))).id


def _linked_here(path: str) -> Provenance:
    """What linking the stored records gives, computed in the test."""
    with open_store(path, create=False) as store:
        return link_corpus(stored_records(store))


def test_ingest_links_and_the_store_answers_stories_claims_trace(db: str) -> None:
    expected = _linked_here(db)
    stories = run("--db", db, "stories", "--format", "json")
    assert stories.exit_code == 0, stories.output
    data = json.loads(stories.stdout)
    assert data == [s.to_dict() for s in expected.stories] and data
    assert all(set(s) == {"id", "title", "articles", "first_seen", "languages"} for s in data)
    claims = json.loads(run("--db", db, "claims").stdout)
    assert claims == [c.to_dict() for c in expected.claims] and claims
    story = expected.claims[0].stories[0]
    of_story = json.loads(run("claims", "--story", story, "--db", db).stdout)
    assert of_story == [c.to_dict() for c in expected.claims_of_story(story)]
    claim = expected.claims[0]
    traced = run("--db", db, "trace", claim.id, "--format", "json")
    assert traced.exit_code == 0, traced.output
    assert json.loads(traced.stdout)["tree"] == expected.trace(claim.id).to_dict()
    tree = run("--db", db, "trace", claim.id)
    assert tree.exit_code == 0 and claim.text[:30] in " ".join(tree.stdout.split())
    assert run("--db", db, "trace", "zzzz qqqq").exit_code == 2
    assert "warning" not in stories.stderr  # the linking is current


def test_article_and_export_carry_the_stored_provenance(db: str) -> None:
    wire = _id_of("wire-copy.txt")
    expected = _linked_here(db)
    data = json.loads(run("--db", db, "article", wire).stdout)
    assert data["originality"] == "derivative"  # a verbatim wire copy
    assert data["based_on"] == [b.to_dict() for b in expected.articles[wire].based_on]
    assert {"outlet", "article", "relation", "evidence"} == set(data["based_on"][0])
    with open_store(db, create=False) as store:
        stored = store.article_provenance(wire)
    assert stored is not None and data["cites"] == [c.to_dict() for c in stored.cites]
    table = run("--db", db, "article", wire, "--format", "table")
    assert "originality: derivative" in table.stdout
    lines = [json.loads(line) for line in run("--db", db, "export").stdout.splitlines()]
    assert len(lines) == 9
    by_id = {line["doc"]["id"]: line for line in lines}
    assert by_id[wire]["based_on"] == data["based_on"]
    for article_id, line in by_id.items():
        linked = expected.articles[article_id]
        assert line["originality"] == linked.originality
        assert line["cites"] == [c.to_dict() for c in linked.cites]


def test_no_link_then_link(tmp_path: Path, stubbed: None) -> None:
    path = str(tmp_path / "nolink.db")
    ingest = run("--db", path, "ingest", str(DEMO / "original-ledger.txt"),
                 str(DEMO / "wire-copy.txt"), "--no-link", "--no-progress")
    assert ingest.exit_code == 0 and "linked" not in ingest.stderr
    wire = _id_of("wire-copy.txt")
    article = json.loads(run("--db", path, "article", wire).stdout)
    assert (article["originality"], article["based_on"], article["cites"]) == ("unknown", [], [])
    unlinked = run("--db", path, "stories")
    assert unlinked.exit_code == 1 and "sourcetrace link" in unlinked.stderr
    linked = run("--db", path, "link")
    assert linked.exit_code == 0, linked.output
    state = json.loads(linked.stdout)
    assert state["articles"] == 2 and state["run"] == 1 and "linked 2 articles" in linked.stderr
    assert json.loads(run("--db", path, "article", wire).stdout)["originality"] == "derivative"
    assert "current" in run("--db", path, "link").stderr  # nothing changed: nothing to do
    assert json.loads(run("--db", path, "link", "--force").stdout)["run"] == 2
    more = run("--db", path, "ingest", str(DEMO / "perevod-ru.txt"), "--no-link")
    assert more.exit_code == 0
    stale = run("--db", path, "stories")
    assert stale.exit_code == 0 and "warning: articles were added" in stale.stderr
    relinked = run("--db", path, "ingest", str(DEMO / "retelling-blog.txt"))
    assert relinked.exit_code == 0 and "linked 4 articles" in relinked.stderr
    assert "warning" not in run("--db", path, "stories").stderr


def test_paths_and_db_together_are_a_usage_error(db: str) -> None:
    result = run("--db", db, "stories", str(DEMO / "wire-copy.txt"))
    assert result.exit_code == 2 and "not both" in result.stderr
    never = run("--db", str(Path(db).with_name("absent.db")), "link")
    assert never.exit_code == 1 and "no such store" in never.stderr


def test_delete_removes_articles_and_reports_unknown_ones(db: str) -> None:
    before = stats(db)
    with open_store(db) as store:
        ids = store.article_ids()
    result = run("--db", db, "delete", ids[0], "no-such-article", "--no-link")
    assert result.exit_code == 1
    assert f"deleted {ids[0]}" in result.stderr and "no-such-article" in result.stderr
    after = stats(db)
    assert after["articles"] == before["articles"] - 1
    assert run("--db", db, "article", ids[0]).exit_code == 1
    linked = run("--db", db, "delete", ids[1])
    assert linked.exit_code == 0 and "linked" in linked.stderr
    assert run("--db", str(Path(db).with_name("none.db")), "delete", "x").exit_code == 1


def test_ingest_mode_picks_the_extractor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake(articles: Any, *, batch_size: int = 16, mode: str = "model") -> Any:
        seen.append(mode)
        return stub_extract(list(articles))

    monkeypatch.setattr(ingest_job, "extract_articles", fake)
    path = str(tmp_path / "mode.db")
    result = run("--db", path, "ingest", str(DEMO / "original-ledger.txt"), "--mode", "rules",
                 "--no-progress", "--no-link")
    assert result.exit_code == 0, result.output
    assert seen and set(seen) == {"rules"}
    bad = run("--db", path, "ingest", str(DEMO / "original-ledger.txt"), "--mode", "fast")
    assert bad.exit_code == 2 and "unknown mode 'fast'" in bad.stderr
