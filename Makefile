# zhnews: `make run` then `make test` on a fresh machine. Everything installs into .venv.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.zhnews-installed
OUT ?= out
export ZHNEWS_CACHE ?= $(CURDIR)/.cache/zhnews
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: install run test bench bench-adversarial schema gazetteers pkuseg-model tagger-model org-model clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip  # an old pip (Debian's 23.0) builds sdists the deprecated way, noisily
	@echo "$(PY) -m pip install -e '.[dev]'  (log: $(VENV)/install.log)"
	@$(PY) -m pip install -e '.[dev]' > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	$(PY) -c "import zhnews.pipeline, zhnews.extractors, jieba, spacy, prefect"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/zhnews run fixtures/pages --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) scripts/bench.py
	$(PY) scripts/bench_export.py --records 2000 --mode stream
	$(PY) scripts/fuzz.py --examples 100000

# Seconds per MB of hostile text (digit runs, unclosed <script>, 签约 x N, ...) next to ordinary text; SIZE in bytes.
bench-adversarial: $(STAMP)
	$(PY) scripts/bench_adversarial.py --size $(or $(SIZE),1000000)

schema: $(STAMP)
	$(VENV)/bin/zhnews schema > schema/record.schema.json

gazetteers: $(STAMP)
	$(PY) scripts/build_gazetteers.py

pkuseg-model: $(STAMP)
	$(PY) scripts/fetch_pkuseg_model.py

# Retrain the name tagger (gazetteers/models/tagger.crfsuite) from the pinned corpus; ~8 min.
tagger-model: $(STAMP)
	$(PY) scripts/train_tagger.py

# Retrain the organisation tagger (gazetteers/models/org.crfsuite) from our gold (dev, test, test2; never test3); ~4 min.
# Needs ../shared/corpus/news_real.jsonl, which the gold points into.
org-model: $(STAMP)
	$(PY) scripts/train_tagger.py --org

clean:
	rm -rf $(OUT) .cache .pytest_cache
