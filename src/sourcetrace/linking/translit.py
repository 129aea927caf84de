"""Name keys across scripts: re-exported from :mod:`sourcetrace.nlp.translit`.

The implementation moved to ``nlp/translit.py`` so that extraction (which may
not import from ``linking``) and the store use the same keys as linking.
"""

from __future__ import annotations

from ..nlp.translit import (
    CYRILLIC,
    FOLDS,
    LATIN_EXTRA,
    VOWELS,
    canonical_outlet,
    name_key,
    name_keys,
    skeleton,
    to_ascii,
)

__all__ = [
    "CYRILLIC",
    "FOLDS",
    "LATIN_EXTRA",
    "VOWELS",
    "canonical_outlet",
    "name_key",
    "name_keys",
    "skeleton",
    "to_ascii",
]
