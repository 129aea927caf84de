"""Reading the PolNeAR attribution corpus (brat standoff) into gold records.

Layout expected under ``root`` (the corpus's ``data`` folder)::

    metadata.tsv                      compartment, filename, annotators, publisher ...
    <split>/text/<name>.txt           the article text the offsets index
    <split>/attributions/<name>_<annotator>.ann

A gold attribution is one ``E`` relation (``Attribution:T4 Content:T3 Cue:T2
Source:T1``): its ``Source`` (absent for ``Attribution-no-source``), ``Cue`` and
``Content`` text-bound spans, each a tuple of ``(start, end)`` pieces (brat
writes discontinuous spans as ``10 20;25 40``). A second content argument
(``Content2``, a few dozen relations in train) joins the content's pieces.
``Discard``/``Discuss`` spans, annotator notes and text-bound spans that no
relation uses are ignored.

Limits and choices:

* **One annotation per article.** Articles used to measure agreement have one
  ``.ann`` per annotator. We keep the file of the *first annotator listed* for
  the article in ``metadata.tsv`` (the column is sorted, so this is also the
  lexicographically smallest id) that has a file; without a usable metadata row,
  the lexicographically first ``.ann`` file. The choice is recorded in
  :attr:`GoldDoc.annotator`.
* Brat writes the covered text of a span after its offsets; a text that spans a
  line break continues on the next lines of the file. We rebuild it, drop
  trailing line breaks (some files have stray blank lines after a record) and
  check it against the article text (pieces joined by one space, as brat does):
  a mismatch raises :class:`~sourcetrace.errors.InputError` rather than scoring
  against shifted offsets.
* The reader does not look at the ``corenlp`` folder, nor at the ``test`` split
  unless asked for it by name.

:func:`load_brat` reads the same annotation scheme from brat's own layout, a
folder of ``<name>.txt`` files each with its ``<name>.ann`` beside it: a user's
own annotated articles, scored like PolNeAR's.

Both readers raise on the first broken article unless given an ``errors`` list:
then each broken article (no ``.ann``, not UTF-8, offsets that miss their text)
is appended to it as an :class:`~sourcetrace.errors.InputError` naming the file,
and the rest are read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError
from .scoring import Pieces

ROLE_LABELS: dict[str, str] = {"Source": "source", "Cue": "cue", "Content": "content"}
_RECORD = re.compile(r"^[TRENAM#*]\d*\t")


@dataclass(frozen=True, slots=True)
class TextBound:
    """One ``T`` line of a brat file: label, pieces and the covered text as written."""

    id: str
    label: str
    pieces: Pieces
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Relation:
    """One ``E`` line: its trigger label and role → text-bound id arguments."""

    id: str
    label: str
    args: tuple[tuple[str, str], ...]
    line: int


@dataclass(frozen=True, slots=True)
class AnnFile:
    """The parts of one brat ``.ann`` file that attribution scoring needs."""

    textbounds: dict[str, TextBound]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; ``cue``/``content`` are ``()`` if the annotator left them out."""

    id: str
    source: Pieces | None
    cue: Pieces
    content: Pieces


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One PolNeAR article with the attributions of the annotator we kept."""

    name: str
    publisher: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    annotator: str
    ann_path: str


def parse_ann(source: str, where: str = "<ann>") -> AnnFile:
    """Parse the text of a brat ``.ann`` file (``T`` and ``E`` lines; the rest is skipped)."""
    records: list[tuple[int, str]] = []
    for lineno, line in enumerate(source.split("\n"), start=1):
        if _RECORD.match(line):
            records.append((lineno, line))
        elif records:
            # the covered text of the previous span went over a line break
            records[-1] = (records[-1][0], records[-1][1] + "\n" + line)
        elif line.strip():
            raise InputError(f"{where}:{lineno}", "not a brat standoff record")
    textbounds: dict[str, TextBound] = {}
    relations: list[Relation] = []
    for lineno, record in records:
        kind = record[0]
        if kind == "T":
            tb = _textbound(record, f"{where}:{lineno}", lineno)
            textbounds[tb.id] = tb
        elif kind == "E":
            relations.append(_relation(record, f"{where}:{lineno}", lineno))
    return AnnFile(textbounds=textbounds, relations=tuple(relations))


def _textbound(record: str, where: str, lineno: int) -> TextBound:
    parts = record.split("\t", 2)
    if len(parts) < 2:
        raise InputError(where, "text-bound annotation without offsets")
    tid, middle = parts[0], parts[1]
    label, _, offsets = middle.partition(" ")
    try:
        pieces = tuple(
            (int(s), int(e)) for s, e in (piece.split() for piece in offsets.split(";"))
        )
    except ValueError:
        raise InputError(where, f"bad offsets {offsets!r}") from None
    text = parts[2].rstrip("\n") if len(parts) == 3 else ""
    return TextBound(id=tid, label=label, pieces=pieces, text=text, line=lineno)


def _relation(record: str, where: str, lineno: int) -> Relation:
    parts = record.rstrip("\n").split("\t")
    if len(parts) < 2 or not parts[1].strip():
        raise InputError(where, "event without arguments")
    args = []
    for arg in parts[1].split():
        role, sep, target = arg.partition(":")
        if not sep:
            raise InputError(where, f"bad event argument {arg!r}")
        args.append((role, target))
    # the first argument is the trigger ("Attribution:T4"), the others are roles
    return Relation(id=parts[0], label=args[0][0], args=tuple(args[1:]), line=lineno)


def covered_text(text: str, pieces: Pieces) -> str:
    """What brat writes as the text of a span: its pieces joined by one space."""
    return " ".join(text[s:e] for s, e in pieces)


def gold_attributions(ann: AnnFile, text: str, where: str = "<ann>") -> tuple[GoldAttribution, ...]:
    """The attributions of one parsed file, checked against the article ``text``."""
    out = []
    for rel in ann.relations:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, target in rel.args:
            name = ROLE_LABELS.get(role.rstrip("0123456789"))
            if name is None:
                continue
            tb = ann.textbounds.get(target)
            if tb is None:
                raise InputError(f"{where}:{rel.line}", f"{rel.id} refers to unknown {target}")
            if any(not 0 <= s <= e <= len(text) for s, e in tb.pieces) or (
                covered_text(text, tb.pieces) != tb.text
            ):
                raise InputError(
                    f"{where}:{tb.line}", f"offsets of {tb.id} do not cover its text {tb.text!r}"
                )
            roles.setdefault(name, []).extend(tb.pieces)
        source = roles.get("source")
        out.append(GoldAttribution(
            id=rel.id,
            source=tuple(sorted(source)) if source else None,
            cue=tuple(sorted(roles.get("cue", ()))),
            content=tuple(sorted(roles.get("content", ()))),
        ))
    return tuple(out)


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """Rows of ``metadata.tsv`` by article name; empty if the file is absent."""
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}


def choose_annotation(candidates: dict[str, Path], listed: list[str]) -> str:
    """The annotator whose file we keep: first listed one with a file, else the smallest id."""
    for annotator in listed:
        if annotator in candidates:
            return annotator
    return min(candidates)


def _read(path: Path) -> str:
    """The file's text exactly as stored: no newline translation, since offsets count ``\\r``."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text: {exc}") from None


def split_dir(root: Path, split: str) -> Path:
    """``root/split``, checked to hold ``text`` and ``attributions`` folders."""
    folder = Path(root) / split
    for sub in ("text", "attributions"):
        if not (folder / sub).is_dir():
            raise UsageError(f"{folder / sub} is not a folder: is {root} the PolNeAR data folder?")
    return folder


def load_polnear(
    root: Path | str, split: str = "dev", limit: int | None = None,
    errors: list[InputError] | None = None,
) -> list[GoldDoc]:
    """Every article of one PolNeAR split with its gold attributions, sorted by name.

    Raises :class:`~sourcetrace.errors.UsageError` if ``root/split`` is not a
    PolNeAR split folder, :class:`~sourcetrace.errors.InputError` if an article
    has no ``.ann`` file or a file does not fit its text (appended to ``errors``
    instead, and the article skipped, when a list is given).
    """
    root = Path(root)
    folder = split_dir(root, split)
    metadata = read_metadata(root)
    by_name: dict[str, dict[str, Path]] = {}
    for path in (folder / "attributions").glob("*.ann"):
        name, sep, annotator = path.stem.rpartition("_")
        if sep:
            by_name.setdefault(name, {})[annotator] = path
    docs = []
    texts = sorted((folder / "text").glob("*.txt"))
    if limit is not None:
        texts = texts[:limit]
    for text_path in texts:
        name = text_path.stem
        candidates = by_name.get(name)
        row = metadata.get(name, {})
        try:
            if not candidates:
                raise InputError(str(text_path), "no .ann file in attributions/")
            listed = [a for a in row.get("annotators", "").split("|") if a]
            annotator = choose_annotation(candidates, listed)
            docs.append(_gold_doc(
                name, text_path, candidates[annotator],
                row.get("publisher") or name.split("_", 1)[0], annotator,
            ))
        except InputError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return docs


def load_brat(
    folder: Path | str, limit: int | None = None, errors: list[InputError] | None = None
) -> list[GoldDoc]:
    """Every ``<name>.txt`` under ``folder`` (sub-folders too) with the gold attributions
    of its ``<name>.ann``, in PolNeAR's scheme, sorted by path.

    An article's publisher is its sub-folder's name (``-`` at the top). Raises
    :class:`~sourcetrace.errors.UsageError` if ``folder`` is not a folder or holds no
    ``.txt`` file, :class:`~sourcetrace.errors.InputError` for a broken article
    (appended to ``errors`` instead, and the article skipped, when a list is given).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    texts = sorted(folder.rglob("*.txt"))
    if not texts:
        raise UsageError(f"{folder} holds no .txt article")
    docs = []
    for text_path in texts[:limit] if limit is not None else texts:
        rel = text_path.relative_to(folder)
        publisher = rel.parts[0] if len(rel.parts) > 1 else "-"
        try:
            ann_path = text_path.with_suffix(".ann")
            if not ann_path.is_file():
                raise InputError(str(text_path), f"no {ann_path.name} beside it")
            docs.append(_gold_doc(rel.with_suffix("").as_posix(), text_path, ann_path, publisher, ""))
        except InputError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return docs


def _gold_doc(name: str, text_path: Path, ann_path: Path, publisher: str, annotator: str) -> GoldDoc:
    text = _read(text_path)
    ann = parse_ann(_read(ann_path), str(ann_path))
    return GoldDoc(
        name=name,
        publisher=publisher,
        text=text,
        attributions=gold_attributions(ann, text, str(ann_path)),
        annotator=annotator,
        ann_path=str(ann_path),
    )
