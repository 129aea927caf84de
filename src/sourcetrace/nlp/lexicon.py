"""Language knowledge (cue words, hedges, outlet names, quote marks) loaded from TOML.

The lexicons live in ``nlp/lexicons/<lang>.toml`` as data; the extraction code
is shared across languages and only reads this structure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ModelError


@dataclass(frozen=True)
class Lexicon:
    lang: str
    verb_stance: dict[str, str]
    needs_complement: frozenset[str]
    object_content: frozenset[str]
    infinitive_content: frozenset[str]
    noun_stance: dict[str, str]
    according_to: tuple[tuple[str, ...], ...]
    according_stance: str
    citing: tuple[tuple[str, ...], ...]
    document_nouns: frozenset[str]
    journalist_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    outlet_name_words: frozenset[str]
    outlets: dict[str, str]
    government: frozenset[str]
    organization: frozenset[str]
    anonymous: frozenset[str]
    person_nouns: frozenset[str]
    titles: frozenset[str]
    pronouns_person: frozenset[str]
    pronouns_group: frozenset[str]
    pronouns_thing: frozenset[str]
    relative_pronouns: frozenset[str]
    hedge_pattern: re.Pattern[str]
    outlet_pattern: re.Pattern[str]
    quote_pairs: tuple[tuple[str, str], ...]
    # Optional keys (defaults reproduce the English behaviour the rules were written for).
    # Dialogue dashes open speech: "— Мы не можем, — сказал он." (``[quotes] dash_speech``).
    dash_speech: bool = False
    # Whether bare nouns can be definite descriptions ("told the publication" vs
    # Russian "рассказал изданию"): false for languages without articles.
    has_articles: bool = True
    # Verbs whose dative/indirect object is the recipient of the statement ("told CNN").
    dative_recipient_verbs: frozenset[str] = frozenset({"tell", "inform", "brief", "notify", "assure"})
    # Verbs whose "to X"/"with X" phrase is the recipient, and those prepositions.
    recipient_verbs: frozenset[str] = frozenset({
        "speak", "talk", "say", "tell", "explain", "confirm", "deny", "write", "describe",
        "complain", "admit",
    })
    recipient_preps: frozenset[str] = frozenset({"to", "with"})
    # Collective nouns that name a group ("the family", "the crew") and country names,
    # which as a speaker stand for the state ("Russia has offered …").
    group_nouns: frozenset[str] = frozenset()
    # Modifiers that make a government word a non-governmental body's ("aid agencies",
    # "human rights groups", "the UN refugee agency").
    nongovernmental: frozenset[str] = frozenset()
    # Nouns for the news media at large, an outlet when a word says which: "state
    # television", "local media", "Russian state TV" (bare "the press" names none).
    media_nouns: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    # Capitals, read like countries when one stands bare as a speaker ("Moscow denied …").
    capitals: frozenset[str] = frozenset()
    # Nationality nouns, lower case: one person ("a Somali") and plural groups ("Finns").
    demonyms: frozenset[str] = frozenset()
    demonym_plurals: frozenset[str] = frozenset()
    # Languages, lower case, and the verbs that take one as object without reporting
    # anything ("speak Tajik", "speaks English").
    language_names: frozenset[str] = frozenset()
    language_verbs: frozenset[str] = frozenset()
    # Verbs of denying that also mean withholding a thing ("denied bail").
    withholding_verbs: frozenset[str] = frozenset()
    # "in an interview with X": the nouns, and the prepositions that introduce X.
    interview_nouns: frozenset[str] = frozenset({
        "interview", "conversation", "statement", "comment", "comments", "response", "reply", "email",
        "letter", "message",
    })
    interview_preps: frozenset[str] = frozenset({"in"})
    # Platforms a statement was posted on ("wrote on Telegram", "in a video on YouTube",
    # "on his Telegram channel"): the route by which it reached the article.
    platforms: frozenset[str] = frozenset({
        "telegram", "twitter", "facebook", "instagram", "tiktok", "youtube", "vkontakte", "weibo",
        "wechat", "truth social", "bluesky", "linkedin", "reddit", "whatsapp", "substack", "rumble",
    })
    platform_preps: frozenset[str] = frozenset({"on", "via"})
    # First-person pronouns (a source inside a quote that is the quoted speaker).
    first_person: frozenset[str] = frozenset({"i", "we", "me", "us"})
    # Whether adverbs next to a cue verb belong to the cue ("also said"); adaq's
    # Russian annotation leaves them out ("открыто заявил" → "заявил").
    cue_adverbs: bool = True
    # Subject pronouns may be dropped ("Просто хотел …" inside a quote is the speaker's).
    pro_drop: bool = False
    # Prepositions that name a subjectless cue's source as a place ("в МВД заявили").
    locative_source_preps: frozenset[str] = frozenset()
    # Cue verbs that are no cue with a given preposition ("привести к …": lead to, not cite).
    not_cue_with: dict[str, frozenset[str]] = field(default_factory=dict)
    # Prepositions whose phrase is the content of a cue with no clause ("говорил о …").
    topic_preps: frozenset[str] = frozenset()
    # Possessive determiners, labelled ``poss`` when a UD parse is rewritten ("его", "её").
    possessives: frozenset[str] = frozenset()
    # For a parser trained on a neighbouring language: word glosses and respelling rules.
    parse_gloss: dict[str, str] = field(default_factory=dict)
    parse_respell: tuple[tuple[str, str], ...] = ()
    # Oblique endings of masculine surnames → nominative ending ("Юсова" → "Юсов").
    surname_endings: tuple[tuple[str, str], ...] = ()

    def outlet_name(self, text: str) -> str | None:
        """The canonical outlet name if ``text`` is a known outlet ("the BBC" → "BBC")."""
        key = _norm(text)
        return self.outlets.get(key) or self.outlets.get(_strip_article(key))


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _stance_map(table: dict[str, list[str]]) -> dict[str, str]:
    # First stance listed wins for words in several lists, except that the specific
    # stances (claim, confirm, deny, believe, report) beat the generic "assert".
    order = ["claim", "confirm", "deny", "believe", "report", "assert", "other"]
    out: dict[str, str] = {}
    for stance in order:
        for word in table.get(stance, []):
            out.setdefault(word.lower(), stance)
    return out


@cache
def load_lexicon(lang: str = "en") -> Lexicon:
    """Parse ``lexicons/<lang>.toml`` once per process."""
    try:
        raw = resources.files("sourcetrace.nlp").joinpath(f"lexicons/{lang}.toml").read_text("utf-8")
    except FileNotFoundError:
        raise ModelError(f"no lexicon for language {lang!r}") from None
    data = tomllib.loads(raw)
    rep = data["reporting"]
    types = data["types"]
    outlets: dict[str, str] = {}
    for name in rep["outlets"]:
        outlets.setdefault(_norm(name), _strip_article_display(name))
        outlets.setdefault(_strip_article(_norm(name)), _strip_article_display(name))
    # Names written in another script or inflected, under their canonical name:
    # ``"Mediazona" = ["Медиазона", "Медиазоны", ...]``.
    aliases: dict[str, list[str]] = rep.get("outlet_aliases", {})
    for canonical, forms in aliases.items():
        for form in [canonical, *forms]:
            outlets.setdefault(_norm(form), canonical)
    outlet_forms = [*rep["outlets"], *(f for c, forms in aliases.items() for f in [c, *forms])]
    hedges = sorted(data["hedges"]["phrases"], key=len, reverse=True)
    hedge_re = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in hedges) + r")(?!\w)",
        re.IGNORECASE,
    )
    return Lexicon(
        lang=lang,
        verb_stance=_stance_map(data["cue_verbs"]),
        needs_complement=frozenset(data["cue_verbs"].get("needs_complement", [])),
        object_content=frozenset(data["cue_verbs"].get("object_content", [])),
        infinitive_content=frozenset(data["cue_verbs"].get("infinitive_content", [])),
        noun_stance=_stance_map(data["cue_nouns"]),
        according_to=tuple(tuple(p.lower().split()) for p in data["according_to"]["patterns"]),
        according_stance=data["according_to"].get("stance", "report"),
        citing=tuple(tuple(p.lower().split()) for p in data["according_to"].get("citing", [])),
        document_nouns=frozenset(rep["document_nouns"]),
        journalist_nouns=frozenset(rep["journalist_nouns"]),
        outlet_nouns=frozenset(rep["outlet_nouns"]),
        outlet_name_words=frozenset(rep["outlet_name_words"]),
        outlets=outlets,
        government=frozenset(types["government"]),
        organization=frozenset(types["organization"]),
        anonymous=frozenset(types["anonymous"]),
        person_nouns=frozenset(types["person_nouns"]),
        titles=frozenset(types.get("titles", [])),
        pronouns_person=frozenset(types["pronouns_person"]),
        pronouns_group=frozenset(types["pronouns_group"]),
        pronouns_thing=frozenset(types["pronouns_thing"]),
        relative_pronouns=frozenset(types["relative_pronouns"]),
        hedge_pattern=hedge_re,
        outlet_pattern=_outlet_pattern(outlet_forms),
        quote_pairs=tuple((a, b) for a, b in data["quotes"]["pairs"]),
        **_optional(data),
    )


def _optional(data: dict[str, Any]) -> dict[str, Any]:
    """The optional keys present in a lexicon file, as :class:`Lexicon` fields."""
    out: dict[str, Any] = {}
    quotes, types, rec = data["quotes"], data["types"], data.get("recipients", {})
    parse = data.get("parse", {})
    if "dash_speech" in quotes:
        out["dash_speech"] = bool(quotes["dash_speech"])
    if "adverbs_in_cue" in data["cue_verbs"]:
        out["cue_adverbs"] = bool(data["cue_verbs"]["adverbs_in_cue"])
    if "not_cue_with" in data["cue_verbs"]:
        out["not_cue_with"] = {k.lower(): frozenset(v) for k, v in data["cue_verbs"]["not_cue_with"].items()}
    if "topic_preps" in data["cue_verbs"]:
        out["topic_preps"] = frozenset(data["cue_verbs"]["topic_preps"])
    if "pro_drop" in types:
        out["pro_drop"] = bool(types["pro_drop"])
    if "locative_source_preps" in types:
        out["locative_source_preps"] = frozenset(types["locative_source_preps"])
    if "has_articles" in types:
        out["has_articles"] = bool(types["has_articles"])
    if "group_nouns" in types:
        out["group_nouns"] = frozenset(types["group_nouns"])
    if "media_nouns" in types:
        out["media_nouns"] = frozenset(w.lower() for w in types["media_nouns"])
    if "nongovernmental" in types:
        out["nongovernmental"] = frozenset(w.lower() for w in types["nongovernmental"])
    if "countries" in types:
        out["countries"] = frozenset(w.lower() for w in types["countries"])
    if "capitals" in types:
        out["capitals"] = frozenset(w.lower() for w in types["capitals"])
    if "languages" in types:
        out["language_names"] = frozenset(w.lower() for w in types["languages"])
        out["language_verbs"] = frozenset(w.lower() for w in types.get("language_verbs", []))
    if "withholding_verbs" in types:
        out["withholding_verbs"] = frozenset(w.lower() for w in types["withholding_verbs"])
    if "demonyms" in types:
        singular = [w.lower() for w in types["demonyms"]]
        out["demonyms"] = frozenset(singular)
        out["demonym_plurals"] = frozenset(
            [_plural(w) for w in singular] + [w.lower() for w in types.get("demonym_plurals", [])])
    for key, name in (
        ("dative_verbs", "dative_recipient_verbs"), ("verbs", "recipient_verbs"),
        ("preps", "recipient_preps"), ("interview_nouns", "interview_nouns"),
        ("interview_preps", "interview_preps"), ("platforms", "platforms"),
        ("platform_preps", "platform_preps"),
    ):
        if key in rec:
            out[name] = frozenset(w.lower() for w in rec[key])
    if "pronouns_first" in types:
        out["first_person"] = frozenset(types["pronouns_first"])
    if "possessives" in types:
        out["possessives"] = frozenset(types["possessives"])
    if "gloss" in parse:
        out["parse_gloss"] = {k.lower(): v for k, v in parse["gloss"].items()}
    if "respell" in parse:
        out["parse_respell"] = tuple((a, b) for a, b in parse["respell"])
    if "surname_endings" in types:
        out["surname_endings"] = tuple((a, b) for a, b in types["surname_endings"])
    return out


def _strip_article_display(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") and len(name.split()) == 2 and name.split()[1].isupper() else name


def _outlet_pattern(names: list[str]) -> re.Pattern[str]:
    """Known outlet names as one regex: case-sensitive (so "AP" is not "ap"), longest first."""
    stripped = {n[4:] for n in names if n.startswith("The ") and (" " in n[4:] or n[4:].isupper())}
    alts = sorted(set(names) | stripped, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in alts)
    return re.compile(r"(?<![\w/])(?:[Tt]he\s+)?(?:" + body + r")(?![\w/])")


def _plural(demonym: str) -> str:
    """"finn" → "finns", "frenchman" → "frenchmen"; "congolese", "swiss" unchanged."""
    if demonym.endswith(("ese", "ss")):
        return demonym
    if demonym.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"
