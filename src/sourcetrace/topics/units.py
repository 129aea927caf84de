"""Evidence units: the stretches of an article that tagging reads, one claim each.

:func:`units_of` turns an extraction record into :class:`Unit` records:

- in a language the extractor reads, one unit per **attribution** (its
  content, read from the cue when the cue comes first in the sentence and on to
  the end of the sentence, because content spans can start late or stop short:
  "...stop Central Asian immigrants, and through intimidation" without "get
  them to sign a military contract") and one per **author assertion**;
- one unit per **sentence** that none of those covers (every sentence, in a
  language the extractor does not read), with the speaker found from the pack's
  known entities next to a reporting verb ("заявил Бастрыкин"), carried to the
  following sentences that only say "по его словам" or quote him.

An attribution whose speaker is unnamed (a pronoun or a bare title from
``lexicon.toml``: "его", "глава", "he", "the minister") is given the last pack
entity named in the 800 characters before its cue, marked "resolved from" in its
descriptor: a stand-in for coreference where the extractor has none yet.

In every unit the speaker's mention, the cue and the channel are blanked out of
``focus`` (same length, offsets kept), so that "the UK Ministry of Defence said"
never makes the ministry an actor of what it says. ``before`` holds up to three
sentences before the unit and the start of its own sentence (blanked the same
way), for pronouns ("They were offered a pardon").

Limits: sentences are split by punctuation and line breaks (abbreviations such
as "Mr." can split a sentence); sentence-mode speakers are only the pack's known
entities; quotes spanning several sentences are not joined.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Attribution, Extraction
from .matching import PackMatcher, cues, fold

_SENT_END = re.compile(r"(?<=[.!?…])[\"»”’)\]]*\s+(?=[\"«“„(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")
_WORD = re.compile(r"[^\W\d_]+")
_QUOTE_OPEN = "«“\"„"
MIN_WORDS = 4
BEFORE_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """Who makes the claim of a unit, as the extractor (or the pack) named it."""

    name: str
    type: str = "unknown"
    descriptor: str | None = None
    entity: str | None = None  # the pack entity this speaker is, when known


@dataclass(frozen=True, slots=True)
class Unit:
    """One claim of one article, ready for tagging (see the module notes)."""

    article: str
    id: str  # "a3" (attribution), "s2" (assertion), "t5" (sentence)
    kind: str  # attribution | assertion | sentence
    start: int
    end: int
    quote: str
    focus: str
    before: str
    speaker: SpeakerInfo | None
    stance: str = "assert"
    cue: str = ""
    speaker_text: str = ""  # the speaker's mention and appositions ("Tomas, a builder,")
    hedge: str | None = None
    channel: str | None = None
    parent: str | None = None
    lang: str = "en"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: split at line breaks and sentence punctuation."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        cut = pos
        for m in _SENT_END.finditer(line):
            spans.append((cut, pos + m.start()))
            cut = pos + m.end()
        spans.append((cut, pos + len(line)))
        pos += len(line) + 1
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def guess_lang(record: Extraction) -> str:
    """The record's language, else a guess from its script (cyrillic: uk or ru; else en)."""
    if record.doc.lang:
        return record.doc.lang.lower()[:2]
    sample = record.text[:3000]
    cyr = sum(1 for ch in sample if "\u0400" <= ch < "\u0530")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyr > latin:
        return "uk" if re.search(r"[іїєґІЇЄҐ]", sample) else "ru"
    return "en"


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self.starts = [s for s, _e in self.spans]

    def index_at(self, offset: int) -> int:
        """The sentence holding ``offset`` (or the last one starting before it)."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def end_at(self, offset: int) -> int:
        return self.spans[self.index_at(offset)][1] if self.spans else offset

    def before(self, offset: int, hidden: Sequence[tuple[int, int]] = ()) -> str:
        """The sentences before ``offset`` and the start of its own sentence, ``hidden``
        spans blanked (a pronoun's antecedent is often in the same sentence)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return ""
        start = self.spans[max(0, i - BEFORE_SENTENCES)][0]
        return _mask(self.text[start:offset], start, hidden)


def _anaphoric(folded: str, speech: Sequence[tuple[int, int]]) -> bool:
    """Whether a pronoun stands right next to a reporting cue ("по его словам", "he said")."""
    pronouns = cues("anaphora").spans(folded)
    return any(abs(ps - ce) <= 2 or abs(cs - pe) <= 2 or cs <= ps < ce
               for cs, ce in speech for ps, pe in pronouns)


def _mask(text: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for k in range(max(s - start, 0), min(e - start, len(chars))):
            if not chars[k].isspace():
                chars[k] = " "
    return "".join(chars)


def units_of(record: Extraction, matcher: PackMatcher, extracted: Sequence[str]) -> list[Unit]:
    """The evidence units of one record (see the module notes).

    ``extracted`` lists the languages whose records carry the extractor's
    attributions; records in other languages are read sentence by sentence.
    """
    lang = guess_lang(record)
    sents = _Sentences(record.text)
    units = _extracted_units(record, sents, matcher, lang) if lang in extracted else []
    # the sentences no attribution or assertion covers (all of them in a language the
    # extractor does not read) are read one by one: what the extractor missed is still
    # evidence, marked as a sentence
    covered = [(u.start, u.end) for u in units]
    units += [u for u in _sentence_units(record, sents, matcher, lang)
              if not any(u.start < e and s < u.end for s, e in covered)]
    return units


RESOLVE_BACK = 800  # characters before a cue searched for the entity a pronoun stands for


def _speaker(a: Attribution, text: str, matcher: PackMatcher) -> SpeakerInfo | None:
    """The speaker of an attribution; an unnamed one ("его", "глава", "he") is taken to be
    the last pack entity named before the cue, when there is one."""
    if a.source is None:
        return None
    src = a.source
    ent = matcher.entity_of(src.name, src.descriptor)
    if ent is None and _stands_in(src.name):
        before = matcher.entities_in(text[max(0, a.cue.start - RESOLVE_BACK):a.cue.start])
        if before:
            ent = before[-1][0]
            return SpeakerInfo(ent.label, "person", f"resolved from “{src.name}”", ent.id)
    return SpeakerInfo(src.name, src.type, src.descriptor, ent.id if ent else None)


def _stands_in(name: str) -> bool:
    """Whether a speaker's name is only a pronoun or a bare title ("его", "глава", "he")."""
    folded = fold(name.strip())
    for cue in ("anaphora", "titles"):
        spans = cues(cue).spans(folded)
        if spans and spans[0] == (0, len(folded)):
            return True
    return False


def _speaker_text(a: Attribution, text: str, sents: _Sentences) -> str:
    """The speaker's mention with what stands between it and the cue in the same sentence
    (appositions: "A man called Tomas, a construction worker from Sarvana,")."""
    if a.source is None or a.source.start >= a.cue.start:
        return a.source.text if a.source else ""
    if sents.index_at(a.source.start) != sents.index_at(a.cue.start):
        return a.source.text
    return text[a.source.start:a.cue.start]


def _extracted_units(record: Extraction, sents: _Sentences, matcher: PackMatcher,
                     lang: str) -> list[Unit]:
    text = record.text
    out: list[Unit] = []
    for a in record.attributions:
        if not a.content:
            continue
        start = min(c.start for c in a.content)
        if a.cue.end <= start and sents.index_at(a.cue.end) == sents.index_at(start):
            start = a.cue.end  # content spans can start late: read on from the cue
        last = max(c.end for c in a.content)
        end = max(last, sents.end_at(max(last - 1, 0)))
        hidden = [(a.cue.start, a.cue.end)]
        if a.source is not None:
            hidden.append((a.source.start, a.source.end))
        if a.channel is not None and a.channel.start is not None and a.channel.end is not None:
            hidden.append((a.channel.start, a.channel.end))
        quote = " … ".join(" ".join(c.text.split()) for c in a.content)
        out.append(Unit(
            article=record.doc.id, id=a.id, kind="attribution", start=start, end=end,
            quote=quote, focus=_mask(text[start:end], start, hidden),
            before=sents.before(start, hidden), speaker=_speaker(a, text, matcher),
            stance=a.cue.stance, cue=a.cue.text, speaker_text=_speaker_text(a, text, sents),
            channel=a.channel.name if a.channel else None, parent=a.parent, lang=lang,
        ))
    for i, s in enumerate(record.assertions, 1):
        out.append(Unit(
            article=record.doc.id, id=f"s{i}", kind="assertion", start=s.start, end=s.end,
            quote=" ".join(s.text.split()), focus=text[s.start:s.end],
            before=sents.before(s.start), speaker=None,
            hedge=s.hedge.text if s.hedge else None, lang=lang,
        ))
    return out


def _sentence_units(record: Extraction, sents: _Sentences, matcher: PackMatcher,
                    lang: str) -> list[Unit]:
    text = record.text
    out: list[Unit] = []
    last: SpeakerInfo | None = None
    for i, (s, e) in enumerate(sents.spans):
        sentence = text[s:e]
        if len(_WORD.findall(sentence)) < MIN_WORDS:
            continue
        folded = fold(sentence)
        speech = cues("speech").spans(folded)
        speaker: SpeakerInfo | None = None
        hidden: list[tuple[int, int]] = []
        if speech:
            named = matcher.entities_in(sentence)
            if named:
                cue_at = speech[0][0]
                ent, ns, ne = min(named, key=lambda x: abs(x[1] - cue_at))
                speaker = SpeakerInfo(ent.label, "person", None, ent.id)
                hidden.append((s + ns, s + ne))
            elif last is not None and (_anaphoric(folded, speech)
                                       or sentence.lstrip()[:1] in _QUOTE_OPEN):
                speaker = last  # "по его словам", "he said": the speaker named before
            hidden.extend((s + a, s + b) for a, b in speech)
        elif last is not None and sentence.lstrip()[:1] in _QUOTE_OPEN:
            speaker = last
        if speaker is not None:
            last = speaker
        denial = cues("denial").spans(folded)
        hedge = cues("hedge").spans(folded)
        out.append(Unit(
            article=record.doc.id, id=f"t{i + 1}", kind="sentence", start=s, end=e,
            quote=" ".join(sentence.split()), focus=_mask(sentence, s, hidden),
            before=sents.before(s, hidden), speaker=speaker,
            stance="deny" if denial else "assert",
            cue=sentence[speech[0][0]:speech[0][1]] if speech else "",
            hedge=sentence[hedge[0][0]:hedge[0][1]] if hedge else None, lang=lang,
        ))
    return out
