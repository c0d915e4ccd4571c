# Traject: the two commands are `make run` and `make test`; every target creates .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=
# the marker functions of casework/i18n.py besides gettext's own (_, gettext, ngettext, N_)
TRAJECT_KEYWORDS := -k M_ -k nM_:1,2

.PHONY: run test test-sqlite test-postgresql bench lint format os-packages clean translations translations-traject

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime dependencies only.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Runtime plus test and lint dependencies.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

instance/secret_key:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

## run: install (OS libraries too, when missing), create or upgrade the SQLite database, load seed + demo data, serve on http://$(HOST):$(PORT)
run: $(VENV)/.installed-run instance/secret_key
	@scripts/ensure-os-packages --runtime
	@export SECRET_KEY="$${SECRET_KEY:-$$(cat instance/secret_key)}"; \
	$(BIN)/traject init && \
	$(BIN)/traject demo && \
	exec $(BIN)/traject run --host $(HOST) --port $(PORT)

## test: the whole suite on SQLite and on a real PostgreSQL server (installed with apt-get when missing), side by side
## (TEST_SERIAL=1: one after the other); fails when either fails or runs no test
test: $(VENV)/.installed-dev os-packages
	@if [ -n "$(TEST_SERIAL)" ]; then \
		rc=0; \
		$(MAKE) --no-print-directory test-sqlite || rc=$$?; \
		$(MAKE) --no-print-directory test-postgresql || rc=$$?; \
		exit $$rc; \
	fi; \
	log=$$(mktemp); \
	echo "SQLite and PostgreSQL run side by side; the SQLite run's output follows the PostgreSQL run's."; \
	$(MAKE) --no-print-directory test-sqlite > $$log 2>&1 & sqlite=$$!; \
	pg=0; $(MAKE) --no-print-directory test-postgresql || pg=$$?; \
	lite=0; wait $$sqlite || lite=$$?; \
	echo; echo "=== the SQLite run ==="; cat $$log; rm -f $$log; \
	echo; echo "SQLite: exit $$lite, PostgreSQL: exit $$pg"; \
	[ $$lite -eq 0 ] && [ $$pg -eq 0 ]

test-sqlite: $(VENV)/.installed-dev
	TRAJECT_TEST_DB=sqlite $(BIN)/pytest $(PYTEST_ARGS)

test-postgresql: $(VENV)/.installed-dev
	TRAJECT_TEST_DB=postgresql $(BIN)/pytest $(PYTEST_ARGS)

os-packages:
	@scripts/ensure-os-packages

## bench: the speed benchmarks, printed as ratios against a reference measured in the same run
bench: $(VENV)/.installed-dev os-packages
	$(BIN)/python -m benchmarks

## lint: ruff (with its S rules, the bandit checks) and the format, then pip-audit (says so when it cannot audit)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/audit-dependencies

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache

## translations: extract the strings of the console and of the bot, engine and scheduler, update the English catalogues, compile them (commit the result)
translations: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --sort-output --no-location \
		-o console/translations/messages.pot .
	$(BIN)/pybabel update -i console/translations/messages.pot -d console/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d console/translations
	$(MAKE) --no-print-directory translations-traject

## translations-traject: the same for the texts of bot/, casework/ and jobs/ only (domain "traject", casework/translations)
translations-traject: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel-traject.cfg $(TRAJECT_KEYWORDS) --sort-output --no-location \
		-o casework/translations/traject.pot .
	$(BIN)/pybabel update -D traject -i casework/translations/traject.pot -d casework/translations \
		--no-fuzzy-matching
	$(BIN)/pybabel compile -D traject -d casework/translations --statistics
