"""Parses built by hand, for rules written against parses the small English model
gives some sentences (so the tests do not depend on the model's mood)."""

from __future__ import annotations

from spacy.tokens import Doc

from sourcetrace.nlp.pipeline import load_pipeline


def parsed(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """One sentence from (word, head, dep, tag, pos, lemma) rows."""
    words, heads, deps, tags, pos, lemmas = (list(col) for col in zip(*rows))
    return Doc(load_pipeline("en", "rules").vocab, words=words, heads=heads, deps=deps, tags=tags,
               pos=pos, lemmas=lemmas, sent_starts=[True] + [False] * (len(rows) - 1))


def closing_said_with_appositive_source() -> Doc:
    """"A sailor was freed in May, Norway’s foreign ministry has said." with the source
    hung on the content as an apposition of "May"."""
    return parsed([
        ("A", 1, "det", "DT", "DET", "a"), ("sailor", 3, "nsubjpass", "NN", "NOUN", "sailor"),
        ("was", 3, "auxpass", "VBD", "AUX", "be"), ("freed", 12, "ccomp", "VBN", "VERB", "free"),
        ("in", 3, "prep", "IN", "ADP", "in"), ("May", 4, "pobj", "NNP", "PROPN", "May"),
        (",", 5, "punct", ",", "PUNCT", ","), ("Norway", 10, "poss", "NNP", "PROPN", "Norway"),
        ("’s", 7, "case", "POS", "PART", "'s"), ("foreign", 10, "compound", "NNP", "PROPN", "foreign"),
        ("ministry", 5, "appos", "NNP", "PROPN", "ministry"), ("has", 12, "aux", "VBZ", "AUX", "have"),
        ("said", 12, "ROOT", "VBN", "VERB", "say"), (".", 12, "punct", ".", "PUNCT", "."),
    ])


def closing_told_with_recipient() -> Doc:
    """"The plan buys two ferries, the minister told a panel." with "told" hung on "buys"
    as a conjunct and the one told as its object."""
    return parsed([
        ("The", 1, "det", "DT", "DET", "the"), ("plan", 2, "nsubj", "NN", "NOUN", "plan"),
        ("buys", 2, "ROOT", "VBZ", "VERB", "buy"), ("two", 4, "nummod", "CD", "NUM", "two"),
        ("ferries", 2, "dobj", "NNS", "NOUN", "ferry"), (",", 4, "punct", ",", "PUNCT", ","),
        ("the", 7, "det", "DT", "DET", "the"), ("minister", 8, "nsubj", "NN", "NOUN", "minister"),
        ("told", 2, "conj", "VBD", "VERB", "tell"), ("a", 10, "det", "DT", "DET", "a"),
        ("panel", 8, "dobj", "NN", "NOUN", "panel"), (".", 8, "punct", ".", "PUNCT", "."),
    ])
