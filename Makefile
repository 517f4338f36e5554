# The remigration portal. `make run` and `make test` set everything up from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The address the site is reached at: absolute links (canonical, sitemap, feeds) are built on it.
SITE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := $(PY) manage.py
# Every dependency pinned with its hashes (make lock): the runtime's for the image, with the
# development tools for make run and make test.
LOCK := requirements-dev.lock
INSTALLED := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet $(LOCK_ARGS)

.DEFAULT_GOAL := help
.PHONY: help install lock setup run test test-browser screenshots test-postgres lint format check-messages makemessages compilemessages dump-content backup restore bench scale-out faults wrk-installed up down clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml requirements.lock $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED) ## Create the virtualenv and install the pinned dependencies

lock: ## Pin the dependencies again after changing pyproject.toml (LOCK_ARGS=--upgrade: newest allowed)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra dev --constraint requirements.lock -o $(LOCK)

compilemessages: $(INSTALLED) ## Compile the interface translations (.po → .mo), the site's and the admin's
	$(PY) -m babel.messages.frontend compile --domain django --directory locale --statistics
	$(PY) -m babel.messages.frontend compile --domain "django djangojs" --directory locale/admin --statistics

setup: install compilemessages ## Install, migrate and load the demo content (idempotent)
	$(MANAGE) migrate --no-input
	SITE_URL=$(SITE_URL) $(MANAGE) configure_site
	$(MANAGE) load_demo_content
	$(MANAGE) provision_teams > /dev/null

run: setup ## Set up, then serve the site on http://127.0.0.1:$(PORT)
	@$(MANAGE) create_dev_admin
	@echo "Site: http://127.0.0.1:$(PORT)/  (Latvian /lv/, English /en/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# English is the source language: every English entry is its msgid (fuzzy guesses dropped first).
EN_PO := locale/en/LC_MESSAGES/django.po
ENGLISH_COPIES_SOURCE = msgattrib --no-wrap --clear-fuzzy --empty --output-file $(EN_PO) $(EN_PO) \
	&& msgen --no-wrap --output-file $(EN_PO) $(EN_PO)

CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
# Unit tests run in parallel, a file per worker at a time (a worker builds the base tree once).
WORKERS ?= 2
# BROWSER=0 skips the browser tests, COVERAGE=0 the coverage measurement (CI runs each once,
# on PostgreSQL).
BROWSER ?= 1
COVERAGE ?= 1
COVERAGE_ARGS := $(if $(filter 1,$(COVERAGE)),--cov --cov-report=term:skip-covered --cov-fail-under=90)

test: install compilemessages ## Run the whole suite (PostgreSQL when DATABASE_URL is set), browser tests if Chromium is installed
	$(PY) -m pytest -n $(WORKERS) --dist loadfile $(COVERAGE_ARGS) $(PYTEST_ARGS)
ifeq ($(BROWSER),0)
	@echo "Browser tests skipped (BROWSER=0)."
else ifneq ($(CHROMIUM),)
	$(MAKE) test-browser
else
	@echo "Chromium is not installed: browser tests skipped (apt-get install chromium)."
endif

test-browser: install compilemessages ## Run only the browser tests (headless Chromium)
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -m "browser and not screenshots" $(PYTEST_ARGS)

screenshots: install compilemessages ## Regenerate docs/screenshots/ (phone and desktop) in headless Chromium
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest -m screenshots $(PYTEST_ARGS)

test-postgres: ## Run the suite on the local PostgreSQL server
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/remigration} $(MAKE) test

lint: install compilemessages ## Ruff, Django's checks, missing migrations and translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) check-messages

check-messages: install ## Fail if a source string is missing from the .po files
	$(MANAGE) makemessages --locale lv --locale en --no-location --no-obsolete --ignore '$(VENV)/*' > /dev/null
	$(ENGLISH_COPIES_SOURCE)
	git diff --exit-code -I '^"POT-Creation-Date' -- locale/ \
		|| (echo "The .po files are out of date: run 'make makemessages', translate, commit." && exit 1)

makemessages: install ## Extract interface strings into locale/{lv,en}; English copies the source
	$(MANAGE) makemessages --locale lv --locale en --no-location --no-obsolete --ignore '$(VENV)/*'
	$(ENGLISH_COPIES_SOURCE)

format: install ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

dump-content: install ## Print the site's pages and contacts as JSON (for bug reports)
	$(MANAGE) dumpdata --indent 2 wagtailcore.page wagtailcore.locale regions home stories

backup: install ## Write the database and all media to var/backups/remigration-<time>.tar.gz
	$(MANAGE) backup

restore: install ## Restore ARCHIVE=var/backups/….tar.gz into an empty database (REPLACE=1 to overwrite)
	@test -n "$(ARCHIVE)" || (echo "Usage: make restore ARCHIVE=var/backups/remigration-….tar.gz [REPLACE=1]" && exit 1)
	$(MANAGE) restore "$(ARCHIVE)" $(if $(REPLACE),--replace)

up: ## Build and start the site in containers (compose.yaml, settings in .env; docs/deploy.md)
	@test -f .env || (echo "Copy .env.example to .env and fill it in first (docs/deploy.md)." && exit 1)
	docker compose up --build --detach

down: ## Stop the containers (the database, media and backups stay in their volumes)
	docker compose down

# Load tests need wrk (Debian's package); PostgreSQL on 127.0.0.1:5432 is started if it is down.
wrk-installed:
	@command -v wrk > /dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null)

bench: install compilemessages wrk-installed ## Measure pages under load on PostgreSQL + Redis with gunicorn; writes docs/benchmarks.md
	$(PY) bench/run.py $(BENCH_ARGS)

scale-out: install compilemessages ## Two app instances, one PostgreSQL and one Redis: a change made through one is served by the other
	$(PY) bench/scale_out.py

faults: install compilemessages ## Hang Redis, hang PostgreSQL, restore a truncated backup (own server instances); writes docs/faults.md
	$(PY) bench/faults.py

clean: ## Remove the virtualenv, the local database and compiled files
	rm -rf $(VENV) db.sqlite3 media collected-static
	find locale -name '*.mo' -delete
