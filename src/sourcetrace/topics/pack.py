"""Topic packs: a topic's categories, terms and known entities, as validated data.

A pack is a TOML file (documented in ``docs/topic-packs.md``)::

    [pack]      name, title, version, languages, description
    [conflict]  parties = ["russia", "ukraine"]   # entities of these parties are interested
    [frame]     terms.<lang>, patterns, unless    # the topic's core event (recruiting)
    [actors.<id>] / [targets.<id>] / [methods.<id>] / [places.<id>]
                label, description, terms.<lang>, patterns, unless
    [entities.<id>]
                label, names.<lang>, patterns, unless, party, affiliation, interested, actor

:func:`load_pack` takes a built-in pack name (``recruitment``, from
``topics/packs/``) or a path, and returns a frozen :class:`TopicPack`, or raises
:class:`~sourcetrace.errors.TopicPackError` naming the file, the line and the
problem (TOML syntax, unknown or missing key, wrong type, bad regex, unknown
language, id used twice, an entity's actor that is not declared). Terms are
literal words (``*`` at a word's end matches any ending; see
:mod:`~sourcetrace.topics.matching`); patterns are Python regular expressions.

Limits: one error is reported at a time (the first met, in file order of
sections); warnings about weak terms are not given.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import TopicPackError, UsageError
from .locate import TomlLines

KINDS: tuple[str, ...] = ("actors", "targets", "methods", "places")
KIND_OF: dict[str, str] = {"actors": "actor", "targets": "target", "methods": "method",
                           "places": "place"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TOP = {"pack", "conflict", "frame", *KINDS, "entities"}
_PACK_KEYS = {"name", "title", "version", "languages", "description"}
_CATEGORY_KEYS = {"label", "description", "terms", "patterns", "unless"}
_ENTITY_KEYS = {"label", "names", "patterns", "unless", "party", "affiliation", "interested",
                "actor", "description"}


@dataclass(frozen=True, slots=True)
class Category:
    """One category of a pack: an actor, target, method, place, or the frame itself."""

    kind: str  # actor | target | method | place | frame
    id: str
    label: str
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A known speaker or actor: its names, its party and whether it is interested.

    ``interested`` is True when the entity speaks for a party to the conflict
    (given explicitly, or because ``party`` is one of the pack's parties).
    ``actor`` names the actor category its mentions count as (Prigozhin → wagner).
    """

    id: str
    label: str
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    party: str | None = None
    affiliation: str | None = None
    interested: bool = False
    actor: str | None = None


@dataclass(frozen=True, eq=False)
class TopicPack:
    """A loaded, validated topic pack (compare by identity; it is immutable)."""

    name: str
    title: str
    version: int
    languages: tuple[str, ...]
    description: str
    parties: tuple[str, ...]
    frame: Category
    actors: tuple[Category, ...]
    targets: tuple[Category, ...]
    methods: tuple[Category, ...]
    places: tuple[Category, ...]
    entities: tuple[Entity, ...]
    path: str

    @property
    def categories(self) -> tuple[Category, ...]:
        """Every actor, target, method and place, in that order."""
        return self.actors + self.targets + self.methods + self.places

    def category(self, category_id: str) -> Category:
        """The category with this id (``KeyError`` if none)."""
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def label(self, category_id: str) -> str:
        """The label of a category id, or the id itself when it is not one."""
        try:
            return self.category(category_id).label
        except KeyError:
            return category_id


def builtin_packs() -> list[str]:
    """The names of the packs shipped with sourcetrace."""
    folder = resources.files("sourcetrace.topics") / "packs"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_pack(name_or_path: str | Path) -> TopicPack:
    """A built-in pack by name, or a pack file by path (see the module notes).

    Raises ``UsageError`` when the name is neither a built-in pack nor a file,
    ``TopicPackError`` when the file is malformed.
    """
    ref = str(name_or_path)
    path = Path(ref)
    if path.suffix.lower() == ".toml" or path.exists() or "/" in ref or "\\" in ref:
        if not path.is_file():
            raise UsageError(f"topic pack file {ref!r} does not exist")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise TopicPackError(ref, None, "the file is not UTF-8 text") from None
        return parse_pack(text, ref)
    if ref not in builtin_packs():
        raise UsageError(f"unknown topic {ref!r} (built-in packs: {', '.join(builtin_packs())};"
                         " or give the path of a .toml pack)")
    res = resources.files("sourcetrace.topics") / "packs" / f"{ref}.toml"
    return parse_pack(res.read_text(encoding="utf-8"), f"{ref}.toml")


def parse_pack(text: str, path: str = "<pack>") -> TopicPack:
    """Validate and build a pack from TOML ``text``; ``path`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise TopicPackError(path, int(m.group(1)) if m else None,
                             f"not valid TOML: {problem}") from None
    return _Validator(data, TomlLines(text), path).pack()


class _Validator:
    def __init__(self, data: dict[str, Any], lines: TomlLines, path: str) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.ids: dict[str, str] = {}

    def fail(self, where: tuple[str | int, ...], problem: str) -> TopicPackError:
        return TopicPackError(self.path, self.lines.line_of(*where), problem)

    def name(self, where: tuple[str | int, ...]) -> str:
        return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where).replace(".[", "[")

    # -- typed getters -----------------------------------------------------------

    def table(self, value: Any, where: tuple[str | int, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"{self.name(where)} must be a table")
        return value

    def keys(self, table: dict[str, Any], allowed: set[str], where: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(where + (key,), f"unknown key {key!r} in {self.name(where) or 'the pack'}"
                                f" (expected one of: {', '.join(sorted(allowed))})")

    def string(self, table: dict[str, Any], key: str, where: tuple[str, ...], *,
               required: bool = False, default: str = "") -> str:
        if key not in table:
            if required:
                raise self.fail(where, f"{self.name(where)} needs a {key!r}")
            return default
        value = table[key]
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where + (key,), f"{self.name(where + (key,))} must be a non-empty string")
        return value

    def strings(self, value: Any, where: tuple[str | int, ...]) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(where, f"{self.name(where)} must be a list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(where + (i,), f"{self.name(where)}[{i}] must be a non-empty string")
        return tuple(value)

    def regexes(self, table: dict[str, Any], key: str, where: tuple[str, ...]) -> tuple[str, ...]:
        items = self.strings(table.get(key, []), where + (key,))
        for i, pattern in enumerate(items):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.fail(where + (key, i),
                                f"{self.name(where + (key,))}[{i}] is not a valid regular "
                                f"expression: {exc}") from None
        return items

    def terms(self, table: dict[str, Any], key: str, where: tuple[str, ...],
              languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        raw = self.table(table.get(key, {}), where + (key,))
        out: dict[str, tuple[str, ...]] = {}
        for lang, items in raw.items():
            at = where + (key, lang)
            if not _LANG.match(lang):
                raise self.fail(at, f"{self.name(at)}: {lang!r} is not a language code (en, ru, uk...)")
            if lang not in languages:
                raise self.fail(at, f"{self.name(at)}: language {lang!r} is not in "
                                f"pack.languages ({', '.join(languages)})")
            terms = self.strings(items, at)
            for i, term in enumerate(terms):
                if any("*" in w[:-1] for w in term.split()):
                    raise self.fail(at + (i,), f"{self.name(at)}[{i}] {term!r}: '*' may only end a word")
                if any(w == "*" for w in term.split()):
                    raise self.fail(at + (i,), f"{self.name(at)}[{i}] {term!r}: '*' alone is not a word")
            out[lang] = terms
        return out

    def new_id(self, ident: str, where: tuple[str, ...]) -> None:
        if not _ID.match(ident):
            raise self.fail(where, f"{self.name(where)}: id {ident!r} must be lower case letters, "
                            "digits and _ (starting with a letter)")
        if ident in self.ids:
            raise self.fail(where, f"{self.name(where)}: id {ident!r} is already used by "
                            f"{self.ids[ident]}")
        self.ids[ident] = self.name(where)

    # -- sections ----------------------------------------------------------------

    def pack(self) -> TopicPack:
        self.keys(self.data, _TOP, ())
        head = self.table(self.data.get("pack"), ("pack",)) if "pack" in self.data else None
        if head is None:
            raise self.fail((), "the pack needs a [pack] table (name, title, languages)")
        self.keys(head, _PACK_KEYS, ("pack",))
        name = self.string(head, "name", ("pack",), required=True)
        if not _ID.match(name.replace("-", "_")):
            raise self.fail(("pack", "name"), f"pack.name {name!r} must be lower case letters, "
                            "digits, - and _")
        version = head.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.fail(("pack", "version"), "pack.version must be an integer")
        if "languages" not in head:
            raise self.fail(("pack",), "pack needs 'languages' (e.g. [\"en\", \"ru\", \"uk\"])")
        languages = self.strings(head["languages"], ("pack", "languages"))
        for i, lang in enumerate(languages):
            if not _LANG.match(lang):
                raise self.fail(("pack", "languages", i), f"pack.languages[{i}]: {lang!r} is not "
                                "a language code")
        conflict = self.table(self.data.get("conflict", {}), ("conflict",))
        self.keys(conflict, {"parties"}, ("conflict",))
        parties = self.strings(conflict.get("parties", []), ("conflict", "parties"))
        if "frame" not in self.data:
            raise self.fail((), "the pack needs a [frame] table: the terms of the topic's core "
                            "event, which a claim must evidence before it evidences any link")
        frame = self.category("frame", "frame", self.data["frame"], ("frame",), languages,
                              frame=True)
        cats: dict[str, list[Category]] = {}
        for kind in KINDS:
            section = self.table(self.data.get(kind, {}), (kind,))
            cats[kind] = [self.category(KIND_OF[kind], ident, body, (kind, ident), languages)
                          for ident, body in section.items()]
        if not cats["actors"] or not cats["targets"]:
            raise self.fail((), "the pack needs at least one [actors.<id>] and one [targets.<id>]")
        actor_ids = {c.id for c in cats["actors"]}
        entities = [self.entity(ident, body, languages, parties, actor_ids)
                    for ident, body in self.table(self.data.get("entities", {}),
                                                  ("entities",)).items()]
        return TopicPack(
            name=name, title=self.string(head, "title", ("pack",), default=name),
            version=version, languages=languages,
            description=self.string(head, "description", ("pack",)), parties=parties,
            frame=frame, actors=tuple(cats["actors"]), targets=tuple(cats["targets"]),
            methods=tuple(cats["methods"]), places=tuple(cats["places"]),
            entities=tuple(entities), path=self.path,
        )

    def category(self, kind: str, ident: str, body: Any, where: tuple[str, ...],
                 languages: tuple[str, ...], *, frame: bool = False) -> Category:
        body = self.table(body, where)
        if not frame:
            self.new_id(ident, where)
        self.keys(body, _CATEGORY_KEYS - ({"label"} if frame else set()), where)
        terms = self.terms(body, "terms", where, languages)
        patterns = self.regexes(body, "patterns", where)
        if not terms and not patterns:
            raise self.fail(where, f"{self.name(where)} needs 'terms' or 'patterns' (it would "
                            "never match)")
        return Category(
            kind=kind, id=ident,
            label=ident if frame else self.string(body, "label", where, required=True),
            terms=terms, patterns=patterns, unless=self.regexes(body, "unless", where),
            description=self.string(body, "description", where),
        )

    def entity(self, ident: str, body: Any, languages: tuple[str, ...],
               parties: tuple[str, ...], actor_ids: set[str]) -> Entity:
        where = ("entities", ident)
        body = self.table(body, where)
        self.new_id(ident, where)
        self.keys(body, _ENTITY_KEYS, where)
        names = self.terms(body, "names", where, languages)
        patterns = self.regexes(body, "patterns", where)
        if not names and not patterns:
            raise self.fail(where, f"{self.name(where)} needs 'names' or 'patterns'")
        party = self.string(body, "party", where) or None
        interested = body.get("interested", party in parties if party else False)
        if not isinstance(interested, bool):
            raise self.fail(where + ("interested",), f"{self.name(where)}.interested must be "
                            "true or false")
        actor = self.string(body, "actor", where) or None
        if actor is not None and actor not in actor_ids:
            raise self.fail(where + ("actor",), f"{self.name(where)}.actor {actor!r} is not an "
                            f"actor of this pack ({', '.join(sorted(actor_ids))})")
        return Entity(
            id=ident, label=self.string(body, "label", where, required=True), names=names,
            patterns=patterns, unless=self.regexes(body, "unless", where), party=party,
            affiliation=self.string(body, "affiliation", where) or None,
            interested=interested, actor=actor,
        )
