"""Frozen records that cross stage boundaries.

Every span carries character offsets into the article text it was found in
(``text[start:end] == span.text``). Offsets survive re-tokenisation and model
upgrades; token indices would not. The JSON shape produced by ``to_dict`` is a
public interface (``sourcetrace extract --format jsonl``): change it only by
adding fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

Kind = Literal["direct", "indirect", "mixed", "according_to", "unsourced"]
SourceType = Literal[
    "person", "organization", "outlet", "government", "group", "anonymous", "document", "unknown"
]
Stance = Literal["assert", "claim", "confirm", "deny", "believe", "report", "other"]

KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "according_to", "unsourced")
SOURCE_TYPES: tuple[str, ...] = (
    "person", "organization", "outlet", "government", "group", "anonymous", "document", "unknown",
)
STANCES: tuple[str, ...] = ("assert", "claim", "confirm", "deny", "believe", "report", "other")


def sha256_text(text: str) -> str:
    """The SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of the article text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where the speaker of one attribution is mentioned, and who it resolves to."""

    start: int
    end: int
    text: str
    name: str
    type: str = "unknown"
    descriptor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text,
            "name": self.name, "type": self.type, "descriptor": self.descriptor,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """The word(s) that signal an attribution ("told", "according to")."""

    start: int
    end: int
    text: str
    lemma: str
    stance: str = "assert"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text,
            "lemma": self.lemma, "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class Channel:
    """The outlet or person through which a statement reached the article."""

    name: str
    start: int | None = None
    end: int | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: source (may be absent), cue, content, channel."""

    id: str
    kind: str
    source: SourceSpan | None
    cue: Cue
    content: tuple[TextSpan, ...]
    channel: Channel | None = None
    parent: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": [c.to_dict() for c in self.content],
            "channel": self.channel.to_dict() if self.channel else None,
            "parent": self.parent,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Assertion:
    """A sentence in the author's own voice that states a claim without attribution."""

    start: int
    end: int
    text: str
    hedge: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text,
            "hedge": self.hedge.to_dict() if self.hedge else None,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Source:
    """A speaker resolved across the article: all its mentions and channels."""

    name: str
    type: str
    descriptor: str | None
    mentions: tuple[Mention, ...]
    channels: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "type": self.type, "descriptor": self.descriptor,
            "mentions": [m.to_dict() for m in self.mentions],
            "channels": list(self.channels),
        }


@dataclass(frozen=True, slots=True)
class DocMeta:
    """Metadata of one article. ``id`` is the caller's id, else derived from ``sha256``."""

    id: str
    sha256: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "path": self.path, "url": self.url, "title": self.title,
            "outlet": self.outlet, "published": self.published, "lang": self.lang,
            "sha256": self.sha256,
        }


META_FIELDS: tuple[str, ...] = ("id", "path", "url", "title", "outlet", "published", "lang")


@dataclass(frozen=True, slots=True)
class Article:
    """An input article: the exact text that offsets will index, plus metadata."""

    text: str
    id: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None

    def meta(self) -> DocMeta:
        digest = sha256_text(self.text)
        return DocMeta(
            id=self.id or digest[:16], sha256=digest, path=self.path, url=self.url,
            title=self.title, outlet=self.outlet, published=self.published, lang=self.lang,
        )

    def with_meta(self, **metadata: Any) -> Article:
        """A copy with the given metadata fields set (unknown names raise ``TypeError``)."""
        known = {f.name for f in fields(self)} - {"text"}
        unknown = set(metadata) - known
        if unknown:
            raise TypeError(f"unknown article metadata: {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in metadata.items() if v is not None})


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything ``extract`` found in one article: the record of the JSON interface."""

    doc: DocMeta
    text: str
    attributions: tuple[Attribution, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc.to_dict(),
            "text": self.text,
            "attributions": [a.to_dict() for a in self.attributions],
            "assertions": [a.to_dict() for a in self.assertions],
            "sources": [s.to_dict() for s in self.sources],
        }

    def attribution(self, attribution_id: str) -> Attribution:
        for a in self.attributions:
            if a.id == attribution_id:
                return a
        raise KeyError(attribution_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild a record from its ``to_dict`` form (e.g. a line of ``extract`` output)."""

        def span(d: dict[str, Any] | None) -> TextSpan | None:
            return TextSpan(d["start"], d["end"], d["text"]) if d else None

        atts = []
        for a in data.get("attributions", []):
            s = a.get("source")
            ch = a.get("channel")
            atts.append(Attribution(
                id=a["id"], kind=a["kind"],
                source=SourceSpan(**s) if s else None,
                cue=Cue(**a["cue"]),
                content=tuple(TextSpan(**c) for c in a.get("content", [])),
                channel=Channel(**ch) if ch else None,
                parent=a.get("parent"), confidence=float(a.get("confidence", 0.5)),
            ))
        return cls(
            doc=DocMeta(**data["doc"]),
            text=data["text"],
            attributions=tuple(atts),
            assertions=tuple(
                Assertion(x["start"], x["end"], x["text"], span(x.get("hedge")))
                for x in data.get("assertions", [])
            ),
            sources=tuple(
                Source(
                    name=s["name"], type=s["type"], descriptor=s.get("descriptor"),
                    mentions=tuple(Mention(**m) for m in s.get("mentions", [])),
                    channels=tuple(s.get("channels", [])),
                )
                for s in data.get("sources", [])
            ),
        )
