"""Question-and-answer interviews: each turn is its speaker's."""

from __future__ import annotations

import sourcetrace

INTERVIEW = """Q&A with Harbour Master Ilse Varnow

Harbour Master Ilse Varnow sat down with Reuters on Tuesday to talk about the ferry levy. \
Varnow has run the port since 2019.

Q: Do you think the ferry levy should be reinstated?

A: The levy worked. The way the port is run now, the fishermen lose.

Q: Critics say the levy hurt small boats. What do you tell them?

A: They are wrong, and I will keep saying so.
"""


def _turns(text: str) -> list[sourcetrace.Attribution]:
    return [a for a in sourcetrace.extract(text).attributions if a.cue.text == ":"]


def test_answers_are_the_interviewees_and_questions_the_interviewers() -> None:
    turns = _turns(INTERVIEW)
    assert [a.source.text for a in turns if a.source] == ["Q", "A", "Q", "A"]
    answers = [a for a in turns if a.source and a.source.text == "A"]
    assert {a.source.name for a in answers if a.source} == {"Harbour Master Ilse Varnow"}
    assert [c.text for c in answers[0].content] == ["The levy worked. The way the port is run now, the fishermen lose"]
    assert [c.text for c in answers[1].content] == ["They are wrong, and I will keep saying so"]
    questions = [a for a in turns if a.source and a.source.text == "Q"]
    assert {(a.source.name, a.source.type) for a in questions if a.source} == {("Reuters", "outlet")}
    assert {a.cue.stance for a in questions} == {"other"}  # a question asserts nothing


def test_no_outlet_named_leaves_the_questions_unattributed() -> None:
    turns = _turns(INTERVIEW.replace("Reuters", "the Harbour Ledger"))
    assert [a.source.text for a in turns if a.source] == ["A", "A"]


def test_q_and_a_outside_a_transcript_stay_labels() -> None:
    text = "The harbour reopened on Friday.\n\nA: the north quay, B: the south quay, both closed."
    assert _turns(text) == []
