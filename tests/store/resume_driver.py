"""Run an ingest with the slow stub extractor, for the kill -9 tests (not a test module).

    python tests/store/resume_driver.py DB_URL BATCH_SIZE INPUT...

Prints nothing; exits 0 when the ingest finished (failures included).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sourcetrace.ingest_job import ingest_corpus  # noqa: E402
from sourcetrace.store import open_store  # noqa: E402
from tests.store.fakes import slow_stub_extract  # noqa: E402


def main(argv: list[str]) -> int:
    url, batch_size, *inputs = argv
    with open_store(url) as store:
        ingest_corpus(store, inputs, extractor=slow_stub_extract, batch_size=int(batch_size))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
