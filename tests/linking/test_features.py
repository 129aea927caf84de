"""Kept text features: a round trip through bytes changes nothing linking computes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sourcetrace.linking import link_corpus
from sourcetrace.linking.features import dump_features, features_version, load_features

from .conftest import COPY, REPORT, REWRITE, TRANSLATION, UNRELATED, record


def corpus() -> list:
    return [record("report", REPORT, outlet="The Quayside Herald", published="2024-03-03"),
            record("wire", COPY, url="https://coastline-wire.example/islands"),
            record("rewrite", REWRITE), record("ru", TRANSLATION, lang="ru"),
            record("other", UNRELATED)]


def test_features_survive_bytes_exactly() -> None:
    prov = link_corpus(corpus())
    for article, (fp, scan) in prov.features().items():
        back_fp, back_scan = load_features(dump_features(fp, scan))
        assert back_scan == scan
        for name in fp.__slots__:
            got, want = getattr(back_fp, name), getattr(fp, name)
            if name == "order":
                continue  # the run's, not the article's
            if isinstance(want, np.ndarray):
                assert np.array_equal(got, want) and got.dtype == want.dtype, (article, name)
            elif name == "minhash":
                assert np.array_equal(got.hashvalues, want.hashvalues)
            else:
                assert got == want, (article, name)


def test_linking_from_kept_features_equals_reading_the_texts() -> None:
    recs = corpus()
    full = link_corpus(recs)
    kept = {a: load_features(dump_features(*v)) for a, v in full.features().items()}
    again = link_corpus(recs[::-1], features=kept)  # orders are the run's own
    assert json.dumps(link_corpus(recs, features=kept).to_dict()) == json.dumps(full.to_dict())
    assert set(again.articles) == set(full.articles)


def test_damaged_bytes_are_a_clear_error() -> None:
    with pytest.raises(ValueError, match="damaged"):
        load_features(b"not zlib at all")


def test_the_version_is_a_digest_of_the_code() -> None:
    version = features_version()
    assert len(version) == 16 and int(version, 16) >= 0 and features_version() == version
