"""Paths to articles: suffix dispatch, folders, stdin, size limit, errors in order."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from sourcetrace.errors import InputError
from sourcetrace.ingest import DEFAULT_MAX_BYTES, iter_inputs
from sourcetrace.records import Article

SENTENCE = "The mayor of Eastbrook said on Monday that the bridge would reopen.\n"
PAGE = (
    "<html><head><title>Bridge</title></head><body><article>"
    "<p>Council engineers told reporters that the northern pier had been rebuilt.</p>"
    "</article></body></html>"
)
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _kinds(items: list[Article | InputError]) -> list[str]:
    return [f"ok:{i.path}" if isinstance(i, Article) else f"err:{i.where}" for i in items]


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a.TXT").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": "Police said the road was clear."}) + "\n", encoding="utf-8"
    )
    (tmp_path / "notes.md").write_text("skipped in folders", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(SENTENCE, encoding="utf-8")
    return tmp_path


def test_each_suffix_goes_to_its_parser(tree: Path) -> None:
    paths = [str(tree / "a.TXT"), str(tree / "page.htm"), str(tree / "feed.jsonl")]
    items = list(iter_inputs(paths))
    assert all(isinstance(i, Article) for i in items)
    assert [i.path for i in items] == paths  # type: ignore[union-attr]
    assert items[0].text == SENTENCE  # type: ignore[union-attr]
    assert "northern pier" in items[1].text  # type: ignore[union-attr]


def test_folder_is_recursive_sorted_and_filtered(tree: Path) -> None:
    items = list(iter_inputs([str(tree)]))
    assert _kinds(items) == [
        f"ok:{tree / 'a.TXT'}", f"ok:{tree / 'b' / 'c.txt'}",
        f"ok:{tree / 'feed.jsonl'}", f"ok:{tree / 'page.htm'}",
    ]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "only.md").write_text("x", encoding="utf-8")
    [error] = iter_inputs([str(tmp_path)])
    assert isinstance(error, InputError) and error.where == str(tmp_path)


def test_errors_come_in_order_and_processing_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n ")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (tmp_path / "none.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.jsonl").write_text('{"text": "Fine."}\n{oops\n', encoding="utf-8")
    names = ["good.txt", "missing.txt", "empty.txt", "blank.txt", "binary.txt", "latin.txt",
             "none.html", "doc.pdf", "bad.jsonl", "good.txt"]
    monkeypatch.chdir(tmp_path)
    items = list(iter_inputs(names))
    assert _kinds(items) == [
        "ok:good.txt", "err:missing.txt", "err:empty.txt", "err:blank.txt", "err:binary.txt",
        "err:latin.txt", "err:none.html", "err:doc.pdf", "ok:bad.jsonl", "err:bad.jsonl:2",
        "ok:good.txt",
    ]
    reasons = {i.where: i.reason for i in items if isinstance(i, InputError)}
    assert reasons["missing.txt"] == "no such file or directory"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin.txt"]
    assert "no article text" in reasons["none.html"]
    assert "unsupported file type (.pdf" in reasons["doc.pdf"]
    assert reasons["bad.jsonl:2"].startswith("malformed JSON")
    assert all("\n" not in reason for reason in reasons.values())


def test_20mb_file_is_rejected_quickly_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as stream:
        stream.truncate(20 * 1024 * 1024)  # sparse: costs no disk and no time
    reads: list[int] = []
    real_open = open

    def spying_open(*args: object, **kwargs: object) -> object:
        handle = real_open(*args, **kwargs)  # type: ignore[call-overload]
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            reads.append(size)
            return real_read(size)

        handle.read = read
        return handle

    monkeypatch.setattr("builtins.open", spying_open)
    started = time.perf_counter()
    [error] = iter_inputs([str(big)])
    assert time.perf_counter() - started < 1.0
    assert reads == []
    assert isinstance(error, InputError) and error.where == str(big)
    assert "size limit" in error.reason and f"{DEFAULT_MAX_BYTES:,}" in error.reason
    small = tmp_path / "small.txt"  # the spy does see reads
    small.write_text(SENTENCE, encoding="utf-8")
    assert isinstance(next(iter_inputs([str(small)])), Article)
    assert reads == [DEFAULT_MAX_BYTES + 1]


def test_size_limit_is_settable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert isinstance(next(iter_inputs([str(path)], max_bytes=len(SENTENCE))), Article)
    assert isinstance(next(iter_inputs([str(path)], max_bytes=len(SENTENCE) - 1)), InputError)
    with pytest.raises(ValueError):
        list(iter_inputs([str(path)], max_bytes=0))


def test_jsonl_limit_applies_per_line_not_per_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = json.dumps({"text": "Officials said the dam was sound."}) + "\n"
    path.write_text(line * 50, encoding="utf-8")
    items = list(iter_inputs([str(path)], max_bytes=len(line) + 10))
    assert len(items) == 50 and all(isinstance(i, Article) for i in items)


def test_stdin_is_plain_text_with_path_dash() -> None:
    [article] = iter_inputs(["-"], stdin=io.BytesIO(SENTENCE.encode("utf-8")))
    assert isinstance(article, Article)
    assert article.path == "-" and article.text == SENTENCE


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"x" * 101, "size limit"), (b"\xff\xfe", "not UTF-8")],
)
def test_bad_stdin(data: bytes, reason: str) -> None:
    [error] = iter_inputs(["-"], stdin=io.BytesIO(data), max_bytes=100)
    assert isinstance(error, InputError) and error.where == "-"
    assert reason in error.reason


def test_iteration_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    stream = iter_inputs([str(path), str(tmp_path / "later.txt")])
    assert isinstance(next(stream), Article)
    (tmp_path / "later.txt").write_text(SENTENCE, encoding="utf-8")
    assert isinstance(next(stream), Article)


@pytest.mark.slow
def test_shared_corpus_reads_cleanly() -> None:
    corpus = SHARED / "corpus" / "recruitment-dev.jsonl"
    if not corpus.exists():
        pytest.skip("shared corpus not present")
    items = list(iter_inputs([str(corpus)]))
    assert len(items) == 96
    assert all(isinstance(i, Article) and i.id and i.text.strip() for i in items)
