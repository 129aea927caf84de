"""Kept text features: what linking computes from one article's text, as bytes.

Reading an article's text — its :class:`~sourcetrace.linking.fingerprints.Fingerprint`
and :class:`~sourcetrace.linking.credits.CreditScan` — is the part of linking
that grows with text length (two thirds of a link run at 1k articles, two fifths at
100k: ``benchmarks/link_scaling.py``). A store keeps
them per article (:func:`dump_features`), so that a later run, in any process,
reads them back (:func:`load_features`) and only scores and clusters again.

Kept features are only valid for the code that made them: :func:`features_version`
is a digest of the source of the modules that compute them, so any change to
that code (a new gazetteer outlet, another tokenizer rule) makes every kept
feature stale, and it is computed again. The article's own inputs (text and
metadata) are checked by the store, which keeps a digest of them beside the
features.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from functools import lru_cache
from pathlib import Path

from .credits import CreditScan
from .fingerprints import Fingerprint

# the modules whose code decides what a fingerprint or a credit scan holds
_SOURCES = ("fingerprints.py", "credits.py", "outlets.py", "numbers.py", "features.py",
            "../nlp/translit.py")


@lru_cache(maxsize=1)
def features_version() -> str:
    """A digest of the code that computes the features (see the module notes)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    return digest.hexdigest()[:16]


def dump_features(fp: Fingerprint, scan: CreditScan) -> bytes:
    """One article's features as compressed JSON (``order`` is not kept: it is the run's)."""
    data = {"fingerprint": fp.to_dict(), "credits": scan.to_dict()}
    data["fingerprint"]["order"] = 0
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                         .encode("utf-8"), 6)


def load_features(blob: bytes) -> tuple[Fingerprint, CreditScan]:
    """The features :func:`dump_features` wrote (``ValueError`` if they are damaged)."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return Fingerprint.from_dict(data["fingerprint"]), CreditScan.from_dict(data["credits"])
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
            IndexError) as exc:
        raise ValueError(f"damaged kept features ({exc})") from exc
