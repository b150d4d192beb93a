# Two entry points for a fresh machine (see README): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench bench-compute bench-scale bench-discussion eval eval-pages eval-faithfulness train-cleaner serve server clean-outputs postgres

$(STAMP): pyproject.toml
	@echo "installing Briefing's Python packages into $(VENV): about 2 minutes, once"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,eval]'
	touch $(STAMP)

# Digest the bundled examples with no network. Models come from BRIEFING_MODEL_DIR or the
# Hugging Face cache; where none is there the digests say they are degraded (extractive).
run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/briefing run examples --output outputs --offline
	@echo "Digests: $(CURDIR)/outputs/index.html (and outputs/digests/*.html|.md|.json)"

# The scale tests (tests/scale, marker scale) start a PostgreSQL 15 cluster: install it on a fresh Debian
# machine (CI runs as root); elsewhere say what is missing.
PG_BIN ?= /usr/lib/postgresql/15/bin
postgres:
	@test -x $(PG_BIN)/initdb || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null; } || \
		{ echo "PostgreSQL 15 missing ($(PG_BIN)): apt-get install postgresql-15, or PG_BIN=..."; exit 1; }

# Every tier (pyproject.toml lists them with what each costs): what CI runs.
test: $(STAMP) postgres
	$(BIN)/ruff check briefing briefing_cli tasks flows tests bench
	$(BIN)/python -m pytest

# The `unit` tier only: in-process, no models, servers or subprocesses (under 2 minutes on 2 cores).
test-fast: $(STAMP)
	$(BIN)/ruff check briefing tasks flows tests bench
	$(BIN)/python -m pytest -m unit -q

lint: $(STAMP)
	$(BIN)/ruff check briefing briefing_cli tasks flows tests bench
	$(BIN)/ruff format --check briefing briefing_cli tasks flows tests bench

# The bench extra (wordfreq) trains the real-size models' tokenizers; installed with the test tools so
# CI runs the tokenizer tests too.
bench: $(STAMP)
	$(BIN)/python -m bench.run

# Score the cleaner on the hand-written gold corpus (eval/corpus; figures in docs/CLEANING_EVAL.md).
eval: $(STAMP)
	$(BIN)/python -m briefing.cleaning.evaluate eval/corpus

# Score the summary check on hand-written (source, summary) pairs (figures in docs/FAITHFULNESS.md).
eval-faithfulness: $(STAMP)
	$(BIN)/python -m briefing.checks.evaluate eval/faithfulness/pairs.jsonl

# Score both readings (scraped text, web page) of 181 real news pages with gold bodies (../shared/data/aeb)
# next to the no-cleaning floor and trafilatura alone (figures in docs/CLEANING_EVAL.md).
# The scraped-text row is reported twice: 5-fold cross-validated by page (the figure to quote) and with the
# shipped line model (trained on these pages, in-sample).
eval-pages: $(STAMP)
	$(BIN)/python -m briefing.sources.pages_eval ../shared/data/aeb --cross-validate eval/corpus

# Retrain the cleaner's line model (briefing/cleaning/boilerplate_model.json) on the aeb pages and the corpus.
train-cleaner: $(STAMP)
	$(BIN)/python -m briefing.cleaning.train_cleaner --pages ../shared/data/aeb --corpus eval/corpus

# 1 vs 2 Dask workers on this machine, and the model-load time a long-lived worker saves per run
# (docs/SCALING.md). Starts its own PostgreSQL, Prefect server, scheduler and workers.
bench-scale: $(STAMP) postgres
	$(BIN)/python -m bench.scale

serve: $(STAMP)
	$(BIN)/briefing serve

server: $(STAMP)
	$(BIN)/briefing server

# What readers say on a long thread: 500 comments in one article, real MiniLM (bench/discussion.py).
bench-discussion: $(STAMP)
	$(BIN)/python -m bench.discussion

# One model, every ctranslate2 compute type this CPU supports, side by side (bench/compute_types.py).
bench-compute: $(STAMP)
	$(BIN)/python -m bench.compute_types
