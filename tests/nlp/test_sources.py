"""Resolving source mentions (sourcetrace.nlp.sources) on hand-built parses of our
own sentences, where a rule answers a parse the small English model gives."""

from __future__ import annotations

from sourcetrace.nlp.lexicon import load_lexicon
from sourcetrace.nlp.sources import Resolver

from .parses import parsed


def test_a_noun_phrase_parsed_flat_on_its_cue_is_named_whole() -> None:
    # "British intelligence reports that …" parsed as one noun phrase headed by
    # "reports": both words of the mention hang on the cue, side by side
    doc = parsed([
        ("British", 2, "amod", "JJ", "ADJ", "british"),
        ("intelligence", 2, "compound", "NN", "NOUN", "intelligence"),
        ("reports", 2, "ROOT", "NNS", "NOUN", "report"),
        ("that", 6, "mark", "IN", "SCONJ", "that"), ("the", 5, "det", "DT", "DET", "the"),
        ("navy", 6, "nsubj", "NN", "NOUN", "navy"), ("sailed", 2, "acl", "VBD", "VERB", "sail"),
        (".", 2, "punct", ".", "PUNCT", "."),
    ])
    described = Resolver(doc, load_lexicon("en")).resolve([doc[0], doc[1]])
    assert (described.name, described.type) == ("British intelligence", "government")
