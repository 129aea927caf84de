"""Scoring rules on hand-made spans: trimming, one-to-one, greedy overlap, attribution level."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sourcetrace.evaluation.scoring import (
    ATTRIBUTION,
    METRICS,
    Counts,
    Pieces,
    add_scores,
    exact_counts,
    match_attributions,
    match_overlap,
    normalise,
    overlap,
    overlap_counts,
    predicted,
    score_document,
    trim,
)
from sourcetrace.records import Attribution, Cue, SourceSpan, TextSpan

#         0         1         2         3         4         5         6
#         0123456789012345678901234567890123456789012345678901234567890123
TEXT = "  Ana Reyes said the plan works , and Bo Lind agreed that it did ."


def span(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return (start, start + len(sub))


@dataclass(frozen=True)
class Att:
    source: Pieces | None
    cue: Pieces
    content: Pieces


def test_counts_zero_denominators_give_zero() -> None:
    c = Counts()
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)
    assert Counts(tp=0, fp=3, fn=0).f1 == 0.0
    assert Counts(tp=1, fp=1, fn=3) + Counts(tp=2) == Counts(tp=3, fp=1, fn=3)
    c = Counts(tp=2, fp=2, fn=0)
    assert (c.precision, c.recall) == (0.5, 1.0)
    assert c.f1 == pytest.approx(2 / 3)


def test_trim_and_normalise() -> None:
    assert trim(TEXT, 0, 11) == span("Ana Reyes")
    assert trim(TEXT, 0, 2) is None
    a, b = span("the plan works"), span("it did")
    # pieces sorted, trimmed; white-space-only pieces dropped
    assert normalise(TEXT, [(b[0] - 1, b[1] + 1), (0, 2), a]) == (a, b)
    assert normalise(TEXT, None) == ()


def test_exact_match_ignores_surrounding_white_space_only() -> None:
    gold = [normalise(TEXT, [span("Ana Reyes")])]
    padded = normalise(TEXT, [(0, span("Ana Reyes")[1] + 1)])
    assert exact_counts(gold, [padded]) == Counts(tp=1)
    shorter = normalise(TEXT, [span("Ana Reye")])
    assert exact_counts(gold, [shorter]) == Counts(fp=1, fn=1)


def test_exact_match_does_not_merge_pieces() -> None:
    whole = span("the plan works")
    halves = ((whole[0], whole[0] + 4), (whole[0] + 4, whole[1]))
    assert exact_counts([(whole,)], [normalise(TEXT, halves)]) == Counts(fp=1, fn=1)


def test_exact_is_one_to_one_with_duplicates() -> None:
    ana = (span("Ana Reyes"),)
    # one gold, the same prediction twice: one hit, one false positive
    assert exact_counts([ana], [ana, ana]) == Counts(tp=1, fp=1)
    # the same gold span twice (shared by two attributions), predicted once
    assert exact_counts([ana, ana], [ana]) == Counts(tp=1, fn=1)
    assert exact_counts([ana, ana], [ana, ana]) == Counts(tp=2)
    # empty spans are no units at all
    assert exact_counts([(), ana], [()]) == Counts(fn=1)


def test_overlap_counts_non_white_space_characters() -> None:
    plan = (span("the plan works"),)
    assert overlap(TEXT, plan, (span("plan"),)) == 4
    # touching only at a space is no overlap
    gap = span("works , and")
    assert overlap(TEXT, ((gap[0] + 5, gap[0] + 6),), plan) == 0
    assert overlap(TEXT, ((plan[0][1], plan[0][1] + 1),), plan) == 0
    assert overlap_counts(TEXT, [plan], [((plan[0][1] - 1, plan[0][1] + 3),)]) == Counts(tp=1)


def test_overlap_is_greedy_by_largest_and_one_to_one() -> None:
    gold = [(span("Ana Reyes said"),), (span("said the plan"),)]
    small = (span("said"),)                 # overlaps both golds by 4
    big = (span("Reyes said"),)             # overlaps gold 0 by 10, gold 1 by 4
    pairs = match_overlap(TEXT, gold, [small, big])
    assert sorted(pairs) == [(0, 1), (1, 0)]
    # two predictions inside one gold span: one match, one false positive
    assert overlap_counts(TEXT, [gold[0]], [small, big]) == Counts(tp=1, fp=1)
    # greedy, not maximal: the biggest pair is taken first even if it costs a match
    g = [(span("Ana Reyes said"),), (span("Reyes"),)]
    p = [(span("Reyes said"),), (span("Ana"),)]
    assert match_overlap(TEXT, g, p) == [(0, 0)]


def _att(source: str | None, cue: str, content: str) -> Att:
    return Att(
        source=(span(source),) if source else None,
        cue=(span(cue),),
        content=(span(content),),
    )


def test_attribution_level_needs_cue_content_and_source_overlap() -> None:
    gold = [_att("Ana Reyes", "said", "the plan works")]
    assert match_attributions(TEXT, gold, [_att("Reyes", "said", "plan")]) == [(0, 0)]
    # wrong source
    assert match_attributions(TEXT, gold, [_att("Bo Lind", "said", "plan")]) == []
    # no predicted source while gold has one
    assert match_attributions(TEXT, gold, [_att(None, "said", "plan")]) == []
    # wrong cue
    assert match_attributions(TEXT, gold, [_att("Ana Reyes", "agreed", "plan")]) == []
    # wrong content
    assert match_attributions(TEXT, gold, [_att("Ana Reyes", "said", "it did")]) == []


def test_attribution_level_without_gold_source() -> None:
    gold = [_att(None, "agreed", "that it did")]
    assert match_attributions(TEXT, gold, [_att(None, "agreed", "it")]) == [(0, 0)]
    # a predicted source is not held against a sourceless gold attribution
    assert match_attributions(TEXT, gold, [_att("Ana Reyes", "agreed", "it")]) == [(0, 0)]


def test_attribution_level_one_to_one() -> None:
    gold = [_att("Ana Reyes", "said", "the plan works")]
    pred = [_att("Ana Reyes", "said", "the plan"), _att("Ana Reyes", "said", "the plan works")]
    assert match_attributions(TEXT, gold, pred) == [(0, 1)]
    scores = score_document(TEXT, gold, pred)
    assert scores[ATTRIBUTION] == Counts(tp=1, fp=1)
    assert scores["content.exact"] == Counts(tp=1, fp=1)
    assert scores["source.exact"] == Counts(tp=1, fp=1)


def test_gold_without_cue_cannot_match() -> None:
    gold = [Att(source=None, cue=(), content=(span("it did"),))]
    pred = [_att(None, "agreed", "it did")]
    scores = score_document(TEXT, gold, pred)
    assert scores[ATTRIBUTION] == Counts(fp=1, fn=1)
    assert scores["cue.exact"] == Counts(fp=1)
    assert scores["content.exact"] == Counts(tp=1)


def test_empty_predictions_score_zero() -> None:
    gold = [_att("Ana Reyes", "said", "the plan works"), _att(None, "agreed", "that it did")]
    scores = score_document(TEXT, gold, [])
    assert set(scores) == set(METRICS)
    assert scores["source.exact"] == Counts(fn=1)
    assert scores["cue.overlap"] == Counts(fn=2)
    assert scores[ATTRIBUTION] == Counts(fn=2)
    for counts in scores.values():
        assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)
    nothing = score_document(TEXT, [], [])
    assert all(c == Counts() for c in nothing.values())


def test_discontinuous_content_compares_as_sorted_pieces() -> None:
    a, b = span("the plan works"), span("it did")
    gold = [Att(source=(span("Ana Reyes"),), cue=(span("said"),), content=(a, b))]
    pred_same = [Att(source=(span("Ana Reyes"),), cue=(span("said"),), content=(b, a))]
    pred_one = [Att(source=(span("Ana Reyes"),), cue=(span("said"),), content=(a,))]
    assert score_document(TEXT, gold, pred_same)["content.exact"] == Counts(tp=1)
    one = score_document(TEXT, gold, pred_one)
    assert one["content.exact"] == Counts(fp=1, fn=1)
    assert one["content.overlap"] == Counts(tp=1)
    assert one[ATTRIBUTION] == Counts(tp=1)


def test_pieces_count_each_distinct_piece_once() -> None:
    a, b = span("the plan works"), span("it did")
    ana, bo = span("Ana Reyes"), span("Bo Lind")
    gold = [Att(source=(ana,), cue=(span("said"),), content=(a, b)),
            Att(source=(ana,), cue=(span("agreed"),), content=(span("that it did"),))]
    # one content piece of two right, the shared source given once, the second cue missed
    pred = [Att(source=(span(" Ana Reyes "),), cue=(span("said"),), content=(a,)),
            Att(source=(bo,), cue=(span("and"),), content=())]
    scores = score_document(TEXT, gold, pred)
    assert scores["content.pieces"] == Counts(tp=1, fn=2)
    assert scores["source.pieces"] == Counts(tp=1, fp=1)
    assert scores["cue.pieces"] == Counts(tp=1, fp=1, fn=1)
    assert scores["content.exact"] == Counts(fp=1, fn=2)  # the unit metric is stricter
    assert scores["source.exact"] == Counts(tp=1, fp=1, fn=1)


def test_micro_average_adds_counts() -> None:
    d1 = {"cue.exact": Counts(tp=1, fn=1)}
    d2 = {"cue.exact": Counts(tp=1, fp=2)}
    total = add_scores([d1, d2])
    assert total["cue.exact"] == Counts(tp=2, fp=2, fn=1)
    assert total[ATTRIBUTION] == Counts()


def test_predicted_from_record() -> None:
    s, c, x = span("Ana Reyes"), span("said"), span("the plan works")
    record = Attribution(
        id="a1", kind="indirect",
        source=SourceSpan(s[0], s[1], "Ana Reyes", name="Ana Reyes", type="person"),
        cue=Cue(c[0], c[1], "said", lemma="say"),
        content=(TextSpan(x[0], x[1], "the plan works"),),
    )
    p = predicted(record)
    assert (p.source, p.cue, p.content, p.kind) == ((s,), (c,), (x,), "indirect")
    unsourced = predicted(Attribution(
        id="a2", kind="unsourced", source=None, cue=record.cue, content=record.content,
    ))
    assert unsourced.source is None
