"""Exporting a store: JSONL article records, or one row per attribution as CSV or Parquet.

- JSONL: one line per article, the record of ``sourcetrace article --format
  json`` (:func:`article_record`: the extraction JSON shape plus ``identity``,
  ``captures``, and the stored linking's ``originality``, ``based_on`` and
  ``cites``), in article id order; each line reads back with
  :meth:`~sourcetrace.records.Extraction.from_dict`.
- CSV and Parquet: one row per attribution (sourced or not) with its article's
  metadata, columns :data:`~sourcetrace.store.base.STATEMENT_FIELDS`. Articles
  without attributions have no row. Parquet needs the ``[parquet]`` extra
  (pyarrow) and a real file (it is written in row groups of 10,000).

Everything is streamed: memory holds one article (JSONL) or one batch of rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

from ..errors import MissingExtraError
from ..linking import provenance_fields
from .base import STATEMENT_FIELDS, Statement, Store, StoredArticle

PARQUET_ROW_GROUP = 10_000


def article_record(store: Store, article: StoredArticle) -> dict[str, Any]:
    """An article's JSON: its record, identity, captures and stored provenance.

    ``originality`` is ``"unknown"`` and ``based_on``/``cites`` empty while the
    article has not been linked (see ``sourcetrace link``).
    """
    data = article.to_dict()
    data.update(provenance_fields(store.article_provenance(article.id)))
    return data


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Write every article record (:func:`article_record`) as a JSON line; returns the count."""
    count = 0
    for article in store.iter_articles():
        out.write(json.dumps(article_record(store, article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: IO[str]) -> int:
    """Write one CSV row per attribution (header first); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(STATEMENT_FIELDS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for statement in store.iter_statements():
        writer.writerow(statement.to_dict())
        count += 1
    return count


def _parquet_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    fields = [pa.field(name, pa.string()) for name in STATEMENT_FIELDS if name != "confidence"]
    return pa.schema([*fields, pa.field("confidence", pa.float64())])


def write_parquet(store: Store, path: str) -> int:
    """Write one Parquet row per attribution to ``path``; returns the number of rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtraError("parquet", "Parquet export") from None
    schema = _parquet_schema()
    statements: Iterator[Statement] = store.iter_statements()
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        while chunk := list(islice(statements, PARQUET_ROW_GROUP)):
            rows = [s.to_dict() for s in chunk]
            columns = {name: [r[name] for r in rows] for name in schema.names}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            count += len(rows)
    return count
