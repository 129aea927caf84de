"""The link job: a store's articles → :func:`~sourcetrace.linking.link_corpus` → the store.

:func:`link_store` links every stored record and saves the result with
:meth:`~sourcetrace.store.base.Store.save_provenance`, tagged with the corpus
signature it was computed over. Run after ``ingest`` (and by ``sourcetrace
link``), it does nothing when the corpus has not changed since the last saved
linking, so re-ingesting known inputs costs one signature query.

Records are linked in the order they were first stored (linking breaks ties
by input order), so that linking a grown corpus again gives what an
incremental run gives. Incremental where the linking allows it: reading each
text (its fingerprint and credit scan, most of the work in small corpora) is done
once per article and code version. The features are kept in the store
(:meth:`~sourcetrace.store.base.Store.save_link_features`, see
:mod:`~sourcetrace.linking.features`), so a new process reads them back and
only reads the texts of articles that are new or changed; given the
:class:`Provenance` linked in this process before (``previous``), when its
records are still the first ones stored, unchanged and in order, its features
in memory are used (:meth:`Provenance.update`). Scoring pairs and clustering
are then redone over the whole corpus, which is near-linear in its size.
Limits: the records are read into memory whole; one writer at a time, as for
ingest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .linking import InterestPolicy, Provenance, link_corpus
from .linking.credits import CreditScan
from .linking.features import dump_features, features_version, load_features
from .linking.fingerprints import Fingerprint
from .records import Extraction
from .store.base import LinkState, Store


@dataclass(frozen=True)
class LinkReport:
    """What one :func:`link_store` did: the saved state, or the current one when skipped."""

    state: LinkState | None
    linked: bool
    incremental: bool
    provenance: Provenance | None
    read: int = 0  # articles whose text was read (features not kept from before)

    def summary(self) -> str:
        """One line for humans (stderr)."""
        if self.state is None:
            return "nothing to link (the store is empty)"
        s = self.state
        if not self.linked:
            return f"provenance is current (link run {s.run}, {s.articles:,} articles)"
        how = "incrementally" if self.incremental else "in full"
        return (f"linked {s.articles:,} articles {how} in {s.seconds:.1f} s "
                f"({self.read:,} texts read, the others' features kept): "
                f"{s.stories:,} stories, {s.claims:,} claims")


def stored_records(store: Store) -> list[Extraction]:
    """Every stored record, in the order linking takes them (first stored first)."""
    return [a.record for a in store.iter_articles(stored_order=True)]


def link_store(store: Store, *, force: bool = False, previous: Provenance | None = None,
               interested: InterestPolicy | None = None) -> LinkReport:
    """Link the stored corpus and save the result (see the module notes).

    ``force`` links even when the stored provenance is current. Returns the new
    :class:`~sourcetrace.store.base.LinkState` and, when it linked, the
    :class:`Provenance` (pass it back as ``previous`` for an incremental run).
    """
    signature = store.corpus_signature()
    state = store.link_state()
    if not force and state is not None and state.signature == signature:
        return LinkReport(state, linked=False, incremental=False, provenance=None)
    started = time.perf_counter()
    records = stored_records(store)
    if not records and state is None:
        return LinkReport(None, linked=False, incremental=False, provenance=None)
    old = previous.records if previous is not None else ()
    incremental = bool(old) and tuple(records[:len(old)]) == old
    version = features_version()
    kept = _kept_features(store, version)
    if incremental and previous is not None:
        known = {**kept, **previous.features()}
        prov = previous.update(records[len(old):])
    else:
        known = kept
        prov = link_corpus(records, interested=interested, features=known)
    fresh = {a: dump_features(fp, scan) for a, (fp, scan) in prov.features().items()
             if a not in kept}
    store.save_link_features(version, fresh)
    saved = store.save_provenance(prov, signature=signature,
                                  seconds=time.perf_counter() - started)
    read = sum(1 for r in records if r.doc.id not in known)
    return LinkReport(saved, linked=True, incremental=incremental, provenance=prov, read=read)


def _kept_features(store: Store, version: str) -> dict[str, tuple[Fingerprint, CreditScan]]:
    """The store's kept features for this code version; damaged ones are read again."""
    out: dict[str, tuple[Fingerprint, CreditScan]] = {}
    for article, blob in store.link_features(version).items():
        try:
            out[article] = load_features(blob)
        except ValueError:
            continue  # computed again from the text, and kept again
    return out
