"""The ensemble mode's tagger: several taggers, trained alike but not the same, vote.

Each member is a tagger of the default mode's kind (the same features, read from the
same parse) trained with another seed or another shape (see
:data:`sourcetrace.training.ensemble.ENSEMBLE_MEMBERS`). Every member tags the document;
a span (its tokens and its role) is kept when at least ``min_votes`` members tagged
exactly it. Spans are taken most-voted first (ties: the member listed first), and a
span that overlaps one already taken is dropped, so the result, like one tagger's, never
overlaps. The spans go to ``doc.spans[SPANS_KEY]``, where the rules read a single
tagger's.

The shipped ensemble lies in ``models/attribution-tagger-ensemble``: one spaCy
``to_disk`` folder per member and ``members.json`` (the members, in order, and
``min_votes``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from .model import COMPONENT as MEMBER
from .model import (
    ENSEMBLE_MODEL, FEATURES_KEY, LABELS, SPANS_KEY, _load_trained, model_path, token_features,
)

COMPONENT = "sourcetrace_tagger_vote"
MEMBERS_FILE = "members.json"
TokenSpan = tuple[int, int, str]  # start token, end token (exclusive), role label


def vote(members: Sequence[Sequence[TokenSpan]], min_votes: int) -> list[TokenSpan]:
    """The spans that at least ``min_votes`` of ``members`` tagged, without overlaps, in
    text order: the most-voted first, ties to the member listed first."""
    votes: Counter[TokenSpan] = Counter()
    first: dict[TokenSpan, int] = {}
    for rank, spans in enumerate(members):
        for span in set(spans):
            votes[span] += 1
            first.setdefault(span, rank)
    taken: list[TokenSpan] = []
    used: set[int] = set()
    for span in sorted(votes, key=lambda s: (-votes[s], first[s], s)):
        if votes[span] < min_votes:
            break
        tokens = range(span[0], span[1])
        if any(t in used for t in tokens):
            continue
        used.update(tokens)
        taken.append(span)
    return sorted(taken)


@dataclass(frozen=True)
class EnsembleSpec:
    """What ``members.json`` holds: the members' folders (in vote order) and the quorum."""

    members: tuple[str, ...]
    min_votes: int

    @classmethod
    def read(cls, folder: Path) -> EnsembleSpec:
        path = folder / MEMBERS_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
            spec = cls(tuple(data["members"]), int(data["min_votes"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path} does not describe an ensemble: {exc}") from None
        if not spec.members or not 1 <= spec.min_votes <= len(spec.members):
            raise ModelError(f"{path}: {spec.min_votes} votes asked of {len(spec.members)} members")
        return spec

    def write(self, folder: Path) -> None:
        data = {"members": list(self.members), "min_votes": self.min_votes}
        (folder / MEMBERS_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


class TaggerVote:
    """Runs every member over a parsed Doc and puts the voted spans in ``doc.spans``.

    Like one tagger, it reads and writes ``doc.ents`` while it runs; the entities the Doc
    had before (other than the tagger's roles) are given back. The features of
    :func:`~sourcetrace.nlp.model.token_features` are computed once and read by every
    member (``doc.user_data[FEATURES_KEY]``, removed afterwards)."""

    def __init__(self, folder: Path) -> None:
        self.spec = EnsembleSpec.read(folder)
        self.taggers: list[Callable[[Doc], Doc]] = []
        for name in self.spec.members:
            path = folder / name
            if not (path / "config.cfg").is_file():
                raise ModelError(f"ensemble member {name!r} is missing from {folder}")
            self.taggers.append(_load_trained(str(path)).get_pipe(MEMBER))

    def __call__(self, doc: Doc) -> Doc:
        for label in LABELS:  # members write their labels into this Doc's vocab
            doc.vocab.strings.add(label)
        kept = [e for e in doc.ents if e.label_ not in LABELS]
        found: list[list[TokenSpan]] = []
        # the members read the same features of the parse: computed once, for all of them
        doc.user_data[FEATURES_KEY] = token_features(doc)
        try:
            for tagger in self.taggers:
                doc.ents = []
                doc = tagger(doc)
                found.append([(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS])
        finally:
            doc.user_data.pop(FEATURES_KEY, None)
            doc.ents = kept
        doc.spans[SPANS_KEY] = [Span(doc, s, e, label=label)
                                for s, e, label in vote(found, self.spec.min_votes)]
        return doc


@Language.factory(COMPONENT)
def make_tagger_vote(nlp: Language, name: str) -> TaggerVote:
    """The shipped ensemble as a pipeline component (after the parser and lemmatizer)."""
    return TaggerVote(model_path(ENSEMBLE_MODEL))
