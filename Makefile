# School-to-school support: the commands a newcomer needs. `make run` and `make test` set up
# everything they need on a fresh machine (virtual environment, packages, assets, database).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: run test lint bench install assets migrate demo browsers clean worker diagrams mutate

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web/static/dist/application.css: node_modules/.installed web/assets/application.scss scripts/build-assets.mjs
	npm run --silent build

assets: web/static/dist/application.css

migrate: install
	$(MANAGE) migrate --no-input -v 0

demo: migrate
	$(MANAGE) seed_demo

run: install assets demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the background worker (stop both with Ctrl+C)"
	@trap 'kill 0' INT TERM EXIT; $(MANAGE) db_worker --no-reload --interval 2 & $(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(MANAGE) db_worker

test: install assets
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Every benchmark on SQLite; then the directory's search on a throwaway PostgreSQL server too, when
# its binaries are installed (scripts/with-postgres exports DATABASE_URL; benchmarks read BENCH_DATABASE_URL).
bench: install assets
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m benchmarks
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "== PostgreSQL"; \
	  scripts/with-postgres sh -c 'BENCH_DATABASE_URL="$$DATABASE_URL" DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m benchmarks bench_directory'; \
	else \
	  echo "PostgreSQL is not installed: the directory benchmark ran on SQLite only"; \
	fi

# Mutation testing of the modules that carry the rules and the invariants (mutmut; ADR 19): the
# modules and their tests are in pyproject.toml [tool.mutmut], the scores in docs/testing.md. Not part
# of CI, and long (docs/testing.md gives the times). `scripts/mutate --report` prints the last scores again.
mutate: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) scripts/mutate

diagrams: install
	$(MANAGE) workflow_diagrams

clean:
	rm -rf $(VENV) node_modules web/static/dist staticfiles db.sqlite3*
