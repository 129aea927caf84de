"""Which language an article is in, and which extraction pipeline reads it.

:func:`detect` returns an ISO 639-1 code ("en", "ru", "uk", ...) or ``None``
when the text is too short or mixed to tell. It uses lingua
(``lingua-language-detector``) built for :data:`DETECTABLE` only — the
languages of the recruitment corpus and their close neighbours, so that
Ukrainian is told from Russian and Belarusian, and Serbian from Bulgarian. The
detector is built on first use and kept for the process (lingua loads each
language's n-gram models lazily, a few MB each).

:func:`pipeline_language` decides which pipeline an article goes to: the
article's own ``lang`` when given (``"en-GB"`` counts as ``"en"``), else the
detected one; ``None`` means no pipeline reads that language (see
:data:`sourcetrace.nlp.pipeline.LANGUAGES`).

A fast path skips lingua for text that is plainly English (no Cyrillic, many
English function words), which keeps detection cheap for the bulk of an
English corpus. Limits: only the first :data:`SAMPLE` characters are read; an
article mixing languages gets the language of most of that sample.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import ModelError

SAMPLE = 3000
MIN_LETTERS = 20
# ISO 639-1 codes lingua is built for (its Language enum names them differently).
DETECTABLE: dict[str, str] = {
    "en": "ENGLISH", "ru": "RUSSIAN", "uk": "UKRAINIAN", "be": "BELARUSIAN",
    "bg": "BULGARIAN", "sr": "SERBIAN", "mk": "MACEDONIAN", "kk": "KAZAKH",
    "pl": "POLISH", "ro": "ROMANIAN", "it": "ITALIAN", "fr": "FRENCH", "es": "SPANISH",
    "de": "GERMAN", "lt": "LITHUANIAN", "nb": "BOKMAL", "nn": "NYNORSK", "id": "INDONESIAN",
    "ar": "ARABIC", "hy": "ARMENIAN", "hr": "CROATIAN", "bs": "BOSNIAN", "pt": "PORTUGUESE",
}
# lingua's Norwegian written standards are both "no" in our records
ALIASES = {"nb": "no", "nn": "no"}
# English function words: a text in which they make up this share of the words is English.
ENGLISH_MARKERS = frozenset({
    "the", "and", "of", "to", "in", "is", "that", "said", "was", "for", "with", "has", "have",
    "are", "by", "from", "on", "it", "he", "she", "they", "his", "their", "a", "an",
})
ENGLISH_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@cache
def _detector() -> Any:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(f"lingua-language-detector is not installed: {exc}") from exc
    langs = [getattr(Language, name) for name in DETECTABLE.values()]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when it cannot be told."""
    sample = text[:SAMPLE]
    words = _WORD.findall(sample)
    if sum(len(w) for w in words) < MIN_LETTERS:
        return None
    if not _CYRILLIC.search(sample):
        lowered = [w.lower() for w in words]
        if sum(1 for w in lowered if w in ENGLISH_MARKERS) >= ENGLISH_SHARE * len(lowered):
            return "en"
    found = _detector().detect_language_of(sample)
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    return ALIASES.get(code, code)


def normalise(lang: str | None) -> str | None:
    """``"en-GB"`` → ``"en"``, ``"RU"`` → ``"ru"``; empty → ``None``."""
    if not lang:
        return None
    code = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    return code or None


def pipeline_language(lang: str | None, text: str, supported: tuple[str, ...], default: str = "en") -> tuple[str, str | None]:
    """The language of an article and the pipeline to read it with.

    Returns ``(language, pipeline)``: the given ``lang`` (normalised) or the
    detected one (``default`` when undetectable), and that language if it is in
    ``supported``, else ``None``.
    """
    code = normalise(lang) or detect(text) or default
    return code, (code if code in supported else None)
