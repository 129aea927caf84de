"""``sourcetrace extract`` end to end: formats, errors on stderr, exit codes 0/1/2.

Most tests replace the extractor with a stub (the CLI's job is I/O and exit
codes); tests marked ``slow`` run the real spaCy pipeline and check only what
holds whatever it finds: valid output and span offsets that index the text.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sourcetrace
from sourcetrace.cli import app
from sourcetrace.cli import extract as extract_module
from sourcetrace.errors import InputError, ModelError
from sourcetrace.records import Article, Attribution, Cue, Extraction, TextSpan

SENTENCES = [
    "The mayor of Eastbrook said on Monday that the bridge would reopen.",
    '"The pier is sound," the chief engineer told reporters on Tuesday.',
    "According to the transport office, the repairs cost more than planned.",
]
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _stub_extract(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Extraction]:
    """One attribution per article: cue = its first word (enough to exercise the output)."""
    for article in articles:
        word = article.text.split()[0]
        start = article.text.index(word)
        cue = Cue(start, start + len(word), word, lemma=word.lower())
        content = (TextSpan(0, len(article.text), article.text),)
        yield Extraction(
            doc=article.meta(), text=article.text,
            attributions=(Attribution("a1", "indirect", None, cue, content),),
        )


MODES_SEEN: list[str] = []


@pytest.fixture()
def stub(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace the extractor; the list collects the size of each batch it gets."""
    batches: list[int] = []

    def fake(articles: Iterable[Article], *, batch_size: int = 16,
             mode: str = "model") -> Iterator[Extraction]:
        articles = list(articles)
        batches.append(len(articles))
        MODES_SEEN.append(mode)
        return _stub_extract(articles)

    monkeypatch.setattr(extract_module, "extract_articles", fake)
    return batches


@pytest.fixture()
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    Path("feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": SENTENCES[1]}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "f3", "text": SENTENCES[2], "outlet": "Eastbrook Herald"}) + "\n",
        encoding="utf-8",
    )
    Path("xss.txt").write_text(
        "Officials said <script>alert(1)</script> was found on the council website.",
        encoding="utf-8",
    )
    return tmp_path


def _invoke(*args: str, input: bytes | str | None = None) -> Any:
    return CliRunner().invoke(app, list(args), input=input)


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sourcetrace {sourcetrace.__version__}"


def test_help_lists_the_commands() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    assert "extract" in result.stdout and "eval" in result.stdout


@pytest.mark.parametrize("command", ["extract", "train"])
def test_help_names_the_extra_the_accurate_mode_needs(command: str) -> None:
    result = _invoke(command, "--help")
    assert result.exit_code == 0
    assert "[transformer]" in " ".join(result.stdout.split())  # not eaten as Rich markup


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("extract", "--format", "xml", "a.txt"),
        ("extract", "--max-bytes", "0", "a.txt"),
        ("extract", "--no-such-option", "a.txt"),
        ("extract", "--mode", "fast", "a.txt"),
        ("no-such-command",),
        ("train", "--accurate", "--ensemble", "polnear"),
    ],
)
def test_usage_errors_exit_2(inputs: Path, stub: list[int], args: tuple[str, ...]) -> None:
    result = _invoke(*args)
    assert result.exit_code == 2
    assert stub == []


def test_mode_reaches_the_extractor(inputs: Path, stub: list[int]) -> None:
    MODES_SEEN.clear()
    assert _invoke("extract", "a.txt").exit_code == 0
    assert _invoke("extract", "--mode", "rules", "a.txt").exit_code == 0
    assert _invoke("extract", "--mode", "ensemble", "a.txt").exit_code == 0
    assert MODES_SEEN == ["model", "rules", "ensemble"]


def test_unwritable_output_exits_2(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "a.txt", "--output", "no/such/dir/out.jsonl")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write no/such/dir/out.jsonl")


def test_all_good_exits_0_with_one_json_line_each(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "a.txt", "xss.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = _lines(result.stdout)
    assert [r["doc"]["path"] for r in records] == ["a.txt", "xss.txt"]
    assert records[0]["text"] == SENTENCES[0] + "\n"
    assert Extraction.from_dict(records[0]).attributions[0].cue.text == "The"


def test_partial_failure_exits_1_with_errors_in_order(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "a.txt", "missing.txt", "feed.jsonl", "empty-dir-nope")
    assert result.exit_code == 1
    assert [r["doc"]["id"] for r in _lines(result.stdout)][1:] == ["f1", "f3"]
    assert result.stderr.splitlines() == [
        "error: missing.txt: no such file or directory",
        "error: feed.jsonl:2: malformed JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        "error: empty-dir-nope: no such file or directory",
    ]
    assert _lines(result.stdout)[2]["doc"]["outlet"] == "Eastbrook Herald"


def test_all_failed_exits_1_without_loading_the_model(inputs: Path, stub: list[int]) -> None:
    Path("blank.txt").write_text("   \n", encoding="utf-8")
    result = _invoke("extract", "blank.txt", "nope.html")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2
    assert stub == []


def test_big_file_is_rejected_with_max_bytes(inputs: Path, stub: list[int]) -> None:
    with open("big.txt", "wb") as stream:
        stream.truncate(20 * 1024 * 1024)
    result = _invoke("extract", "big.txt", "a.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: big.txt: larger than the size limit")
    assert len(_lines(result.stdout)) == 1
    assert _invoke("extract", "--max-bytes", "10", "a.txt").exit_code == 1


def test_stdin(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "-", input=SENTENCES[2].encode("utf-8"))
    assert result.exit_code == 0
    [record] = _lines(result.stdout)
    assert record["doc"]["path"] == "-" and record["text"] == SENTENCES[2]


def test_output_file_and_unicode(inputs: Path, stub: list[int]) -> None:
    Path("cafe.txt").write_text("Le maire a déclaré « bientôt ».", encoding="utf-8")
    result = _invoke("extract", "cafe.txt", "-o", "out.jsonl")
    assert result.exit_code == 0 and result.stdout == ""
    written = Path("out.jsonl").read_text(encoding="utf-8")
    assert "« bientôt »" in written  # ensure_ascii=False
    assert _lines(written)[0]["text"] == "Le maire a déclaré « bientôt »."


def test_table_format(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "--format", "table", "a.txt", "feed.jsonl")
    assert result.exit_code == 1
    assert "a.txt" in result.stdout and "Attributions" in result.stdout
    assert "feed.jsonl:2" in result.stderr


def test_html_format_escapes_article_text(inputs: Path, stub: list[int]) -> None:
    result = _invoke("extract", "-f", "html", "xss.txt", "a.txt", "-o", "page.html")
    assert result.exit_code == 0
    page = Path("page.html").read_text(encoding="utf-8")
    assert page.count('<section class="record">') == 2
    assert "<script" not in page.lower()
    assert "<script>alert(1)</script>" in _visible_text(page)


def test_chunks_keep_order_and_skip_error_only_chunks(stub: list[int]) -> None:
    items: list[Article | InputError] = [
        InputError("e0", "bad"), InputError("e1", "bad"),
        Article(text="One said."), InputError("e3", "bad"), Article(text="Two said."),
        InputError("e5", "bad"),
    ]
    out = list(extract_module.extract_in_order(items, chunk_size=2))
    assert [o.where if isinstance(o, InputError) else o.text for o in out] == [
        "e0", "e1", "One said.", "e3", "Two said.", "e5",
    ]
    assert stub == [1, 1]


def test_library_errors_map_to_exit_1(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(articles: Iterable[Article], *, batch_size: int = 16,
               mode: str = "model") -> Iterator[Extraction]:
        raise ModelError("spaCy model xx is not installed")

    monkeypatch.setattr(extract_module, "extract_articles", broken)
    result = _invoke("extract", "a.txt")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: spaCy model xx is not installed"


def test_console_script_entry_point(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    code = "import sys; from sourcetrace.cli import main; sys.argv[0] = 'sourcetrace'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "extract", missing],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {missing}: no such file or directory"
    version = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, timeout=120
    )
    assert version.returncode == 0 and sourcetrace.__version__ in version.stdout


def _visible_text(page: str) -> str:
    """The page's text with tags removed (marks may split it anywhere) and unescaped."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def _spans(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for a in record["attributions"]:
        yield a["cue"]
        yield from a["content"]
        if a["source"]:
            yield a["source"]
        if a["channel"] and a["channel"]["start"] is not None:
            yield a["channel"]
    for assertion in record["assertions"]:
        yield assertion
        if assertion["hedge"]:
            yield assertion["hedge"]


@pytest.mark.slow
def test_real_extractor_jsonl_is_valid_and_spans_index_the_text(inputs: Path) -> None:
    result = _invoke("extract", "a.txt", "feed.jsonl", "xss.txt")
    assert result.exit_code == 1  # feed.jsonl line 2
    records = _lines(result.stdout)
    assert [r["doc"]["path"] for r in records] == ["a.txt", "feed.jsonl", "feed.jsonl", "xss.txt"]
    for record in records:
        for span in _spans(record):
            assert record["text"][span["start"]:span["end"]] == span["text"]
        for source in record["sources"]:
            for mention in source["mentions"]:
                assert 0 <= mention["start"] < mention["end"] <= len(record["text"])
        assert Extraction.from_dict(record).to_dict() == record


@pytest.mark.slow
def test_real_extractor_table_and_html(inputs: Path) -> None:
    assert _invoke("extract", "-f", "table", "a.txt", "xss.txt").exit_code == 0
    result = _invoke("extract", "-f", "html", "a.txt", "xss.txt")
    assert result.exit_code == 0
    assert "<script" not in result.stdout.lower()
    assert "<script>alert(1)</script>" in _visible_text(result.stdout)


@pytest.mark.slow
def test_real_extractor_on_the_shared_article() -> None:
    article = SHARED / "corpus" / "forced-to-fight.txt"
    if not article.exists():
        pytest.skip("shared corpus not present")
    result = _invoke("extract", str(article))
    assert result.exit_code == 0, result.stderr
    [record] = _lines(result.stdout)
    assert record["text"] == article.read_text(encoding="utf-8").removeprefix("\ufeff")
    for span in _spans(record):
        assert record["text"][span["start"]:span["end"]] == span["text"]
