from __future__ import annotations

import json

import sourcetrace
from sourcetrace.records import Article, Extraction


def test_all_is_exactly_the_public_api() -> None:
    public = {name for name in dir(sourcetrace) if not name.startswith("_")}
    assert {n for n in sourcetrace.__all__ if not n.startswith("_")} <= public
    assert {"extract", "Article", "Attribution", "Extraction", "SourcetraceError"} <= set(sourcetrace.__all__)


def test_article_meta_derives_id_from_content_hash() -> None:
    meta = Article(text="Some text.").meta()
    assert len(meta.sha256) == 64 and meta.id == meta.sha256[:16]
    assert Article(text="Some text.", id="x1").meta().id == "x1"


def test_with_meta_rejects_unknown_fields() -> None:
    import pytest

    with pytest.raises(TypeError):
        Article(text="t").with_meta(colour="blue")


def test_record_round_trips_through_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    record = sourcetrace.extract(
        "“The bridge is safe,” the engineer told the Courier. It seems the mayor agrees.",
        id="r1", title="Bridge", outlet="Test Wire", lang="en",
    )
    data = json.loads(json.dumps(record.to_dict()))
    assert Extraction.from_dict(data) == record
    assert data["doc"]["id"] == "r1" and data["doc"]["title"] == "Bridge"
    assert set(data) == {"doc", "text", "attributions", "assertions", "sources"}
    assert set(data["doc"]) == {"id", "path", "url", "title", "outlet", "published", "lang", "sha256"}
